//! Search in each language of a site with translations.
//!
//! Each language of `[[languages]]` that has published translations gets a
//! search page (`/pl/search/`) and an index of its own pages
//! (`/pl/search/index.json` and its pieces, as [`super::index`] writes
//! them), made with that language's pipeline. A language's search page
//! searches its own index first, then the main language's, then the other
//! translations': each index ranks its own pages, and search.js lists the
//! languages one after the other, never comparing scores across indexes
//! (each has its own pipeline, document counts and so idf).
//!
//! Its A to Z list (what the page shows without JavaScript) is every page
//! of the site, in the language where translated and otherwise in the main
//! language, marked with its `lang`: so no page is out of reach.

use std::collections::HashSet;

use serde::Serialize;

use super::{Entry, entry, kind_of, sort};
use crate::config::languages::Language;
use crate::content::Site;
use crate::resolve::links::Links;

/// Where a search page is and what it searches after its own index.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    /// The language's folder (`pl/`), or nothing for the main language.
    pub prefix: String,
    /// The other indexes, in the order their results follow.
    pub others: Vec<IndexLink>,
}

impl Place {
    /// The search page of the main language of a site without
    /// translations.
    #[cfg(test)]
    pub(crate) fn main() -> Self {
        Self::default()
    }
}

/// An index a search page searches after its own.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndexLink {
    pub lang: String,
    /// The language's name for itself, shown beside its results.
    pub name: String,
    pub dir: &'static str,
    /// URL of its manifest.
    pub url: String,
}

/// The languages with a search page of their own: those of
/// `[[languages]]` with a published translation, in their order.
pub(crate) fn searched(site: &Site) -> Vec<&Language> {
    let used: HashSet<&str> = site
        .published_translations()
        .filter_map(|(_, p)| p.translation.as_ref().map(|t| t.lang.as_str()))
        .collect();
    site.config
        .languages
        .iter()
        .filter(|l| used.contains(l.code.as_str()))
        .collect()
}

/// The folder of a language's search page and index (`pl/`).
pub(crate) fn prefix(lang: &str) -> String {
    crate::layout::translated_url(lang, "")
}

/// Where the search page of `lang` (`None`: the main language) is, and the
/// indexes it searches after its own: the main language's, then the other
/// languages' in the order of `[[languages]]`.
pub(crate) fn place(site: &Site, lang: Option<&str>) -> Place {
    let base = site.config.base_path();
    let main = &site.config.language;
    let link = |code: &str, name: &str, prefix: String| IndexLink {
        lang: code.to_string(),
        name: name.to_string(),
        dir: crate::languages::direction(code).as_str(),
        url: format!("{base}{prefix}{}", crate::layout::SEARCH_MANIFEST),
    };
    let mut others = Vec::new();
    if lang.is_some() {
        let name = site.language_name(main);
        others.push(link(main, name, String::new()));
    }
    for l in searched(site) {
        if Some(l.code.as_str()) != lang {
            others.push(link(&l.code, &l.name, prefix(&l.code)));
        }
    }
    Place {
        prefix: lang.map(prefix).unwrap_or_default(),
        others,
    }
}

/// What the index of `lang` holds: its published translations, sorted by
/// title.
pub(crate) fn entries_in<'a>(site: &'a Site, links: &'a Links, lang: &str) -> Vec<Entry<'a>> {
    let base = site.config.base_path();
    let mut out: Vec<Entry> = site
        .published_translations()
        .filter(|(i, p)| {
            !links.url_conflicts.contains(i)
                && p.translation.as_ref().is_some_and(|t| t.lang == lang)
        })
        .map(|(i, p)| entry(links, i, p, kind_of(&p.meta), format!("{base}{}", p.url)))
        .collect();
    sort(&mut out);
    out
}

/// The A to Z list of a language's search page: its own pages
/// (`translated`), and each page of the main language's list (`main`) not
/// translated into it, marked with the main language (`main_lang`).
pub(crate) fn a_to_z_in<'a>(
    main: &[Entry<'a>],
    translated: &[Entry<'a>],
    main_lang: &'a str,
) -> Vec<Entry<'a>> {
    let covered: HashSet<usize> = translated.iter().filter_map(|e| e.source).collect();
    let mut out: Vec<Entry> = translated.to_vec();
    out.extend(
        main.iter()
            .filter(|e| e.source.is_none_or(|s| !covered.contains(&s)))
            .map(|e| Entry {
                lang: Some(main_lang),
                ..e.clone()
            }),
    );
    sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_entry;
    use super::*;

    #[test]
    fn a_languages_list_replaces_translated_pages_and_marks_the_rest() {
        let page = |title, url, source| Entry {
            source,
            ..test_entry(title, url)
        };
        let main = [
            page("Screen time", "/parents/screen-time/", Some(3)),
            page("Behaviour", "/policies/behaviour/", Some(4)),
            page("Accessibility statement", "/accessibility/", None),
        ];
        let polish = [page(
            "Czas przed ekranem",
            "/pl/parents/screen-time/",
            Some(3),
        )];
        let list = a_to_z_in(&main, &polish, "en-GB");
        let shown: Vec<(&str, Option<&str>)> = list.iter().map(|e| (e.title, e.lang)).collect();
        assert_eq!(
            shown,
            [
                ("Accessibility statement", Some("en-GB")),
                ("Behaviour", Some("en-GB")),
                ("Czas przed ekranem", None),
            ]
        );
    }
}
