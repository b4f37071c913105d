//! A page's language: `lang` and `dir` of a translation, the page's
//! versions in every language (for `hreflang` and the language switcher),
//! and a translated page's navigation, which leads to the sections
//! translated into its language.

use super::*;
use crate::content::translates;
use crate::languages::direction;

impl Contexts<'_> {
    /// Sets the language, direction and language versions of the view of
    /// page `i` (a page of the site or a translation).
    pub(super) fn localise(&self, i: usize, view: &mut PageView) {
        let page = &self.site.pages[i];
        let source = page.translation.as_ref().map_or(i, |t| t.source);
        if let Some(t) = &page.translation {
            view.lang = t.lang.clone();
            view.dir = direction(&t.lang).as_str();
            let main = &self.site.config.language;
            view.translation = Some(TranslationView {
                stale: translates::stale(t, &self.site.pages[source]).is_some(),
                source_url: self.url(&self.site.pages[source].url),
                source_lang: main.clone(),
                source_name: main_language_name(main).to_string(),
                source_dir: direction(main).as_str(),
            });
        }
        let translations = self.site.translations_of(source);
        if translations.is_empty() {
            return;
        }
        let config = &self.site.config;
        let main = &self.site.pages[source];
        let mut versions = vec![self.language_link(
            &config.language,
            main_language_name(&config.language),
            &main.url,
            source == i,
        )];
        for (j, t) in translations {
            let Some(lang) = t
                .translation
                .as_ref()
                .and_then(|tr| config.translation_language(&tr.lang))
            else {
                continue;
            };
            versions.push(self.language_link(&lang.code, &lang.name, &t.url, j == i));
        }
        view.languages = versions;
    }

    fn language_link(&self, code: &str, name: &str, path: &str, current: bool) -> LanguageLink {
        let url = self.url(path);
        LanguageLink {
            code: code.to_string(),
            name: name.to_string(),
            dir: direction(code).as_str(),
            href: format!("{}{url}", self.site_view.origin),
            url,
            current,
        }
    }

    /// A page as a translated index lists it.
    pub(crate) fn listed_page(&self, page: &Page, lang: &str, translated: bool) -> ListedPage {
        ListedPage {
            title: page.title.clone(),
            summary: page.summary.clone(),
            url: self.url(&page.url),
            lang: lang.to_string(),
            dir: direction(lang).as_str(),
            translated,
        }
    }

    /// The navigation of a page in `lang`: a section (or the home page)
    /// translated into it is linked in it.
    pub(super) fn nav_in_language(&self, lang: &str, site: &mut SiteView) {
        for (_, t) in self.site.published_translations() {
            let Some(tr) = t.translation.as_ref().filter(|tr| tr.lang == lang) else {
                continue;
            };
            if !matches!(t.meta, Meta::Home(_) | Meta::SectionIndex(..)) {
                continue;
            }
            let english = self.url(&self.site.pages[tr.source].url);
            for item in site.nav.iter_mut().filter(|n| n.url == english) {
                item.url = self.url(&t.url);
            }
        }
    }
}

/// The name of the site's main language in itself, for the language
/// switcher.
fn main_language_name(code: &str) -> &str {
    match code.split('-').next().unwrap_or_default() {
        "en" => "English",
        "cy" => "Cymraeg",
        _ => code,
    }
}
