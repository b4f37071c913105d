//! [`Contexts`] builds the contexts that templates receive (made of the
//! `*View` types of [`super::views`]) from the resolved site. Lists that
//! several pages show (policy rows, year groups) are built once.

mod languages;
mod page;
mod sections;
mod shared;

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use tera::Context;

use super::views::*;
use crate::base::dates::Status;
use crate::content::{Audience, Meta, Page, ReviewDates, Section, Site};
use crate::languages::words::{Languages, Words};
use crate::resolve::links::{Links, section_of};
use crate::resolve::markdown;

/// Builds the templates' contexts of one build.
pub(crate) struct Contexts<'a> {
    site: &'a Site,
    links: &'a Links,
    today: Date,
    base: String,
    site_view: SiteView,
    /// The theme's words and dates in each language of the site's pages.
    languages: Languages,
    /// `site` and `t` as Tera values, made once.
    shared: shared::Shared,
    /// The navigation and footer of a page in each language of the site
    /// but its main one.
    localised: BTreeMap<String, shared::Localised>,
    /// The published translations of each page that has some, by source.
    translations: HashMap<usize, Vec<usize>>,
}

impl<'a> Contexts<'a> {
    pub(crate) fn new(site: &'a Site, links: &'a Links, today: Date) -> Self {
        let base = site.config.base_path();
        let site_view = site_view(site, &base);
        let mut contexts = Contexts {
            site,
            links,
            today,
            base,
            shared: shared::Shared::new(&site_view, &site.strings),
            site_view,
            languages: Languages::new(&site.strings),
            localised: BTreeMap::new(),
            translations: languages::translations(site),
        };
        contexts.localised = site
            .strings
            .keys()
            .filter(|code| **code != site.config.language)
            .map(|code| (code.clone(), contexts.localise_site(code)))
            .collect();
        contexts
    }

    /// The theme's words and dates in the language `code`.
    pub(crate) fn words(&self, code: &str) -> &Words {
        self.languages.get(code)
    }

    /// A page's Markdown body (see [`Site::body_of`]).
    pub(crate) fn body_of<'p>(&self, page: &'p Page) -> crate::content::Body<'p> {
        self.site.body_of(page)
    }

    /// The words of the site's main language (`language`).
    pub(crate) fn main_words(&self) -> &Words {
        self.words(&self.site.config.language)
    }

    /// The context of one page: `site` (with the current section marked
    /// and the navigation in the page's language), `page`, and `t`, the
    /// theme's words in the page's language (`page.lang`).
    pub(crate) fn context(&self, view: &PageView, page: Option<&Page>) -> Context {
        let words = self.words(&view.lang);
        let current = page
            .and_then(section_of)
            .map(|s| format!("{}{}/", self.base, s.dir()));
        // A translation, or a page Charter makes in a translation's
        // language (its search page), is led to that language's pages; the
        // latter has its own item current.
        let made_in_language = page.is_none() && view.lang != self.site.config.language;
        let in_language = match page.and_then(|p| p.translation.as_ref()) {
            Some(t) => Some(t.lang.as_str()),
            None if made_in_language => Some(view.lang.as_str()),
            None => None,
        };
        let made;
        let localised = match in_language {
            Some(lang) => Some(match self.localised.get(lang) {
                Some(l) => l,
                None => {
                    made = self.localise_site(lang);
                    &made
                }
            }),
            None => None,
        };
        let nav: Vec<NavItem> = self
            .site_view
            .nav
            .iter()
            .zip(localised.map_or(&self.site_view.nav, |l| &l.nav))
            .zip(NAV_KEYS)
            .map(|((main, item), key)| NavItem {
                title: words.get(key).to_string(),
                url: item.url.clone(),
                // A section's own pages and its filtered indexes
                // (`/policies/for/parents/`) are all "in" the section.
                current: match &current {
                    _ if made_in_language => item.url == view.url,
                    Some(url) => main.url == *url,
                    None if main.url == self.base => view.url == self.base,
                    None => view.url.starts_with(&main.url),
                },
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert_value("site", self.shared.site(&nav, localised.map(|l| &l.pages)));
        ctx.insert("page", view);
        ctx.insert_value("t", self.shared.words(&view.lang));
        ctx
    }

    /// The navigation and footer of a page in `lang` (see
    /// `nav_in_language`), as [`shared::Shared::site`] takes them.
    fn localise_site(&self, lang: &str) -> shared::Localised {
        let mut site = self.site_view.clone();
        self.nav_in_language(lang, &mut site);
        shared::Localised {
            nav: site.nav,
            pages: tera::Value::from_serializable(&site.pages),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn link(&self, i: usize) -> PageLink {
        page_link(self.site, &self.base, i)
    }

    /// Links to the pages `idxs` from page `from`: from a translation, to
    /// their translations in its language where there are some.
    fn links_to(&self, from: usize, idxs: &[usize]) -> Vec<PageLink> {
        let lang = self.site.pages[from]
            .translation
            .as_ref()
            .map(|t| t.lang.as_str());
        idxs.iter()
            .map(|&i| match lang {
                Some(lang) => self.link_in(lang, i),
                None => self.link(i),
            })
            .collect()
    }

    fn body_html(&self, i: usize) -> (String, Vec<markdown::TocEntry>) {
        let page = &self.site.pages[i];
        let outline = &self.links.outlines[i];
        let rewrites = &self.links.rewrites[i];
        let body = self.site.body_of(page);
        let html = markdown::render(&body, outline, &|dest| rewrites.get(dest).cloned());
        (html, markdown::table_of_contents(outline))
    }

    /// An index page: its title and introduction come from the section's
    /// `_index.md` when there is one.
    pub(crate) fn index_page(
        &self,
        kind: &str,
        path: &str,
        intro: Option<usize>,
        default_title: &str,
    ) -> PageView {
        let (content, toc, title, summary, id, source) = match intro {
            Some(i) => {
                let (html, toc) = self.body_html(i);
                let p = &self.site.pages[i];
                (
                    html,
                    toc,
                    p.title.clone(),
                    p.summary.clone(),
                    p.id.clone(),
                    p.source.rel_path.clone(),
                )
            }
            None => (
                String::new(),
                Vec::new(),
                default_title.to_string(),
                String::new(),
                kind.to_string(),
                String::new(),
            ),
        };
        let mut view = PageView {
            kind: kind.to_string(),
            id,
            title,
            summary,
            url: self.url(path),
            content,
            toc,
            source,
            lang: self.site.config.language.clone(),
            dir: crate::languages::direction(&self.site.config.language).as_str(),
            languages: Vec::new(),
            translation: None,
            policy: None,
            agreement: None,
            unit: None,
            parent: None,
        };
        if let Some(i) = intro {
            self.localise(i, &mut view);
        }
        view
    }

    fn status(&self, review: &ReviewDates, words: &Words) -> StatusView {
        let s = Status::of(
            review.next,
            self.today,
            self.site.config.review.due_soon_days,
        );
        StatusView {
            key: s.key().to_string(),
            label: words.get(status_key(s)).to_string(),
        }
    }

    fn band_view(&self, id: &str) -> Option<BandView> {
        self.site.config.band(id).map(|b| BandView {
            id: b.id.clone(),
            name: b.name.clone(),
            years: b.years.clone(),
            ages: b.ages.clone(),
        })
    }

    fn band_label(&self, id: &str) -> Labelled {
        Labelled {
            id: id.to_string(),
            label: self
                .site
                .config
                .band(id)
                .map_or_else(|| id.to_string(), |b| b.name.clone()),
        }
    }

    /// A unit's strand, named; empty when the unit names none.
    fn unit_strand(&self, f: &crate::content::UnitFront) -> Labelled {
        f.strand.as_ref().map_or_else(
            || Labelled {
                id: String::new(),
                label: String::new(),
            },
            |s| self.strand_label(s.get_ref()),
        )
    }

    fn strand_label(&self, id: &str) -> Labelled {
        Labelled {
            id: id.to_string(),
            label: self
                .site
                .config
                .strand(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone()),
        }
    }

    /// The sitemap's entries: the full URL of each page of `outputs`
    /// (output path, and the page a job makes, if it is one), with the day
    /// the page was approved when it has one, sorted by URL.
    pub(crate) fn sitemap_entries(&self, outputs: &[(String, Option<usize>)]) -> Vec<SitemapEntry> {
        let mut entries: Vec<SitemapEntry> = outputs
            .iter()
            .filter(|(o, _)| o.ends_with("index.html"))
            .map(|(o, page)| SitemapEntry {
                loc: format!(
                    "{}{}{}",
                    self.site_view.origin,
                    self.base,
                    o.trim_end_matches("index.html")
                ),
                lastmod: page
                    .and_then(|i| self.site.pages[i].review.as_ref()?.approved)
                    .map(|d| d.to_string()),
            })
            .collect();
        entries.sort();
        entries
    }

    /// The context of sitemap.xml.
    pub(crate) fn sitemap_context(&self, entries: &[SitemapEntry]) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_view);
        ctx.insert("urls", entries);
        ctx
    }
}

/// `site`, with the navigation's titles still the words' keys (`context`
/// puts in the page's words).
fn site_view(site: &Site, base: &str) -> SiteView {
    let nav = NAV_KEYS
        .iter()
        .zip(
            std::iter::once(String::new())
                .chain(Section::ALL.iter().map(|s| format!("{}/", s.dir())))
                .chain(std::iter::once(crate::layout::SEARCH_URL.to_string())),
        )
        .map(|(key, url)| NavItem {
            title: (*key).to_string(),
            url: format!("{base}{url}"),
            current: false,
        })
        .collect();
    let mut pages: Vec<PageLink> = site
        .published_pages()
        .filter(|(_, p)| matches!(p.meta, Meta::Page(_)) && !p.url.is_empty())
        .map(|(i, _)| page_link(site, base, i))
        .collect();
    if crate::config::accessibility::configured(&site.config) {
        pages.push(PageLink {
            title: crate::render::statement::TITLE.into(),
            url: format!("{base}{}", crate::layout::STATEMENT_URL),
            kind: "page".into(),
            lang: None,
        });
    }
    pages.sort_by(|a, b| a.title.cmp(&b.title));
    let c = &site.config;
    SiteView {
        title: c.title.clone(),
        description: c.description.clone(),
        language: c.language.clone(),
        base: base.to_string(),
        base_url: c.base_url.trim_end_matches('/').to_string(),
        origin: c.origin().to_string(),
        contact: c.contact.clone(),
        phone_href: phone_href(&c.contact),
        bands: c.bands.clone(),
        strands: c.strands.clone(),
        logo: crate::layout::logo(&site.root).map(|f| format!("{base}{f}")),
        icons: crate::render::icons::links(site, base),
        stylesheet: format!("{base}{}style.css", crate::layout::THEME_STATIC_PREFIX),
        nav,
        pages,
        dashboard: c.dashboard_dir().map(|dir| format!("{base}{dir}")),
    }
}

/// A link to page `i`, in its own language.
fn page_link(site: &Site, base: &str, i: usize) -> PageLink {
    let p = &site.pages[i];
    PageLink {
        title: p.title.clone(),
        url: format!("{base}{}", p.url),
        kind: p.meta.kind_name().to_string(),
        lang: None,
    }
}

/// One page in sitemap.xml.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub(crate) struct SitemapEntry {
    /// The page's full address.
    pub loc: String,
    /// `2026-09-01`: the day it was approved, when it has a date.
    pub lastmod: Option<String>,
}

/// `tel:+441632960418` for the school's number; a number that cannot be
/// put in international form keeps its digits (and a leading `+`).
fn phone_href(contact: &crate::config::Contact) -> String {
    if contact.phone.trim().is_empty() {
        return String::new();
    }
    crate::resolve::phone::tel_href(&contact.phone, &contact.phone_country).unwrap_or_else(|| {
        let kept: String = contact
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{kept}")
    })
}

/// The keys of the navigation's titles: home, the four sections, search.
const NAV_KEYS: [&str; 6] = [
    "nav_home",
    "nav_policies",
    "nav_agreements",
    "nav_curriculum",
    "nav_parents",
    "nav_search",
];

/// The key of a review status's words.
fn status_key(s: Status) -> &'static str {
    match s {
        Status::Overdue => "status_overdue",
        Status::DueSoon => "status_due_soon",
        Status::Current => "status_current",
        Status::Unknown => "status_unknown",
    }
}

/// The key of a section's default title (when it has no `_index.md`).
pub(crate) fn section_title_key(s: Section) -> &'static str {
    match s {
        Section::Policies => "section_policies",
        Section::Agreements => "section_agreements",
        Section::Curriculum => "section_curriculum",
        Section::Parents => "section_parents",
    }
}

/// A date for `<time>`, in words of the page's language.
pub(crate) fn date_view(words: &Words, d: Date) -> DateView {
    DateView {
        iso: d.to_string(),
        human: words.date(d),
    }
}

fn audiences(list: &[Audience], words: &Words) -> Vec<Labelled> {
    list.iter().map(|a| labelled_audience(*a, words)).collect()
}

/// The key of an audience's name.
pub(crate) fn audience_key(a: Audience) -> &'static str {
    match a {
        Audience::Staff => "audience_staff",
        Audience::Pupils => "audience_pupils",
        Audience::Parents => "audience_parents",
        Audience::Governors => "audience_governors",
        Audience::Visitors => "audience_visitors",
    }
}

fn labelled_audience(a: Audience, words: &Words) -> Labelled {
    Labelled {
        id: a.as_str().to_string(),
        label: words.get(audience_key(a)).to_string(),
    }
}
