//! What every page's context shares with the other pages of its language,
//! made into Tera values once per build: the theme's words (`t`) and the
//! site's view (`site`) but for its navigation. A Tera value keeps its
//! maps, lists and long strings behind `Arc`s, so a page's context clones
//! them for a few reference counts instead of serialising them again
//! (which, with dropping them after, was a tenth of a build's work).

use std::collections::BTreeMap;

use tera::value::Key;
use tera::{Map, Value};

use super::{NavItem, SiteView};
use crate::languages::strings::Strings;

/// The shared values of one build's contexts.
pub(super) struct Shared {
    /// `site` but for `nav` and `pages`, which change with the page.
    site: Map,
    /// `t` in each language of the site's pages, by code.
    words: BTreeMap<String, Value>,
    /// `t` for a code the site does not use: English, as
    /// [`crate::languages::words::Languages`] gives.
    english: Value,
    /// `site.pages` of a page in the site's main language.
    pages: Value,
}

/// The navigation and the footer's pages of a page in a language other
/// than the site's main one (see `Contexts::nav_in_language`).
pub(super) struct Localised {
    /// The navigation's items: titles are still the words' keys.
    pub nav: Vec<NavItem>,
    pub pages: Value,
}

impl Shared {
    pub(super) fn new(site: &SiteView, strings: &BTreeMap<String, Strings>) -> Shared {
        let mut map = Value::from_serializable(site)
            .into_map()
            .unwrap_or_default();
        map.remove(&Key::Str("nav"));
        map.remove(&Key::Str("pages"));
        Shared {
            site: map,
            words: strings
                .iter()
                .map(|(code, s)| (code.clone(), Value::from_serializable(s)))
                .collect(),
            english: Value::from_serializable(&Strings::english()),
            pages: Value::from_serializable(&site.pages),
        }
    }

    /// `site`, with this page's navigation and footer pages (`None`: the
    /// main language's).
    pub(super) fn site(&self, nav: &[NavItem], pages: Option<&Value>) -> Value {
        let mut map = Map::with_capacity(self.site.len() + 2);
        map.extend(self.site.iter().map(|(k, v)| (k.clone(), v.clone())));
        map.insert(Key::Str("nav"), Value::from_serializable(nav));
        map.insert(Key::Str("pages"), pages.unwrap_or(&self.pages).clone());
        Value::from(map)
    }

    /// `t` in the language `code`.
    pub(super) fn words(&self, code: &str) -> Value {
        self.words.get(code).unwrap_or(&self.english).clone()
    }
}
