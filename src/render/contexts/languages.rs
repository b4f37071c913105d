//! A page's language: `lang` and `dir` of a translation, the page's
//! versions in every language (for `hreflang` and the language switcher),
//! and a translated page's navigation, which leads to the sections
//! translated into its language.

use super::*;
use crate::content::translates;
use crate::languages::direction;

/// The published translations of each page that has some, by source, in
/// the order of `[[languages]]`: found once, as finding one page's reads
/// every page.
pub(super) fn translations(site: &Site) -> HashMap<usize, Vec<usize>> {
    let mut by_source: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, p) in site.published_translations() {
        if let Some(t) = &p.translation {
            by_source.entry(t.source).or_default().push(i);
        }
    }
    let order = |i: &usize| {
        let lang = site.pages[*i].translation.as_ref().map(|t| t.lang.as_str());
        site.config
            .languages
            .iter()
            .position(|l| Some(l.code.as_str()) == lang)
    };
    for found in by_source.values_mut() {
        // Stable: two translations into one language keep the pages' order.
        found.sort_by_key(order);
    }
    by_source
}

impl<'a> Contexts<'a> {
    /// The published translations of page `source` (see [`translations`]).
    pub(crate) fn translations_of(
        &self,
        source: usize,
    ) -> impl Iterator<Item = (usize, &'a Page)> + use<'a, '_> {
        let site = self.site;
        self.translations
            .get(&source)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(move |&i| (i, &site.pages[i]))
    }

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
                source_name: self.site.language_name(main).to_string(),
                source_dir: direction(main).as_str(),
            });
        }
        let mut translations = self.translations_of(source).peekable();
        if translations.peek().is_none() {
            return;
        }
        let config = &self.site.config;
        let main = &self.site.pages[source];
        let mut versions = vec![self.language_link(
            &config.language,
            self.main_words().get("language_name"),
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

    /// A search page's language (`lang`, or the main language's) and, on
    /// a site with translations, the search pages of every language for
    /// `hreflang` and the language switcher.
    pub(crate) fn search_page_in(&self, view: &mut PageView, lang: Option<&str>) {
        use crate::render::search::languages::{prefix, searched};
        let searched = searched(self.site);
        if searched.is_empty() {
            return;
        }
        if let Some(lang) = lang {
            view.lang = lang.to_string();
            view.dir = direction(lang).as_str();
        }
        let config = &self.site.config;
        let path = |prefix: &str| format!("{prefix}{}", crate::layout::SEARCH_URL);
        let mut versions = vec![self.language_link(
            &config.language,
            self.site.language_name(&config.language),
            &path(""),
            lang.is_none(),
        )];
        for l in searched {
            let current = lang == Some(l.code.as_str());
            versions.push(self.language_link(&l.code, &l.name, &path(&prefix(&l.code)), current));
        }
        view.languages = versions;
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

    /// A link from a page in `lang` to page `i`: to its translation into
    /// `lang`, else to it, marked as in the site's main language.
    pub(super) fn link_in(&self, lang: &str, i: usize) -> PageLink {
        let translated = self
            .translations_of(i)
            .find(|(_, t)| t.translation.as_ref().is_some_and(|tr| tr.lang == lang));
        match translated {
            Some((j, _)) => self.link(j),
            None => PageLink {
                lang: Some(self.site.config.language.clone()),
                ..self.link(i)
            },
        }
    }

    /// The navigation and footer of a page in `lang`: a section (or the
    /// home page) translated into it is linked in it; the footer's pages
    /// are linked in it where translated, else marked as in the site's
    /// main language.
    pub(super) fn nav_in_language(&self, lang: &str, site: &mut SiteView) {
        let by_url: HashMap<String, usize> = self
            .site
            .published_pages()
            .map(|(i, p)| (self.url(&p.url), i))
            .collect();
        for link in &mut site.pages {
            *link = match by_url.get(&link.url) {
                Some(&i) => self.link_in(lang, i),
                None => PageLink {
                    lang: Some(self.site.config.language.clone()),
                    ..link.clone()
                },
            };
        }
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
        // Every language with a translation has its own search page.
        let search = self.url(crate::layout::SEARCH_URL);
        let translated = self.url(&crate::layout::translated_url(
            lang,
            crate::layout::SEARCH_URL,
        ));
        for item in site.nav.iter_mut().filter(|n| n.url == search) {
            item.url = translated.clone();
        }
    }
}
