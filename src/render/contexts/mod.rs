//! [`Contexts`] builds the contexts that templates receive (made of the
//! `*View` types of [`super::views`]) from the resolved site. Lists that
//! several pages show (policy rows, year groups) are built once.

mod languages;
mod page;
mod sections;

use jiff::civil::Date;
use tera::Context;

use super::views::*;
use crate::base::dates::{Status, human_date};
use crate::content::{Audience, Meta, Page, ReviewDates, Section, Site};
use crate::resolve::links::{Links, section_of};
use crate::resolve::markdown;

/// Builds the templates' contexts of one build.
pub(crate) struct Contexts<'a> {
    site: &'a Site,
    links: &'a Links,
    today: Date,
    base: String,
    site_view: SiteView,
}

impl<'a> Contexts<'a> {
    pub(crate) fn new(site: &'a Site, links: &'a Links, today: Date) -> Self {
        let base = site.config.base_path();
        let logo = crate::layout::logo(&site.root).map(|f| format!("{base}{f}"));
        let nav = std::iter::once(("Home".to_string(), String::new()))
            .chain(
                Section::ALL
                    .iter()
                    .map(|s| (nav_title(*s).to_string(), format!("{}/", s.dir()))),
            )
            .chain(std::iter::once((
                crate::render::search::TITLE.to_string(),
                crate::layout::SEARCH_URL.to_string(),
            )))
            .map(|(title, url)| NavItem {
                title,
                url: format!("{base}{url}"),
                current: false,
            })
            .collect();
        let c = &site.config;
        let site_view = SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            base: base.clone(),
            base_url: c.base_url.trim_end_matches('/').to_string(),
            origin: c.origin().to_string(),
            contact: c.contact.clone(),
            phone_href: phone_href(&c.contact),
            bands: c.bands.clone(),
            strands: c.strands.clone(),
            logo,
            icons: crate::render::icons::links(site, &base),
            stylesheet: format!("{base}{}style.css", crate::layout::THEME_STATIC_PREFIX),
            nav,
            pages: Vec::new(),
            dashboard: c.dashboard_dir().map(|dir| format!("{base}{dir}")),
        };
        let mut contexts = Contexts {
            site,
            links,
            today,
            base,
            site_view,
        };
        let mut pages: Vec<PageLink> = site
            .published_pages()
            .filter(|(_, p)| matches!(p.meta, Meta::Page(_)) && !p.url.is_empty())
            .map(|(i, _)| contexts.link(i))
            .collect();
        if crate::config::accessibility::configured(&site.config) {
            pages.push(PageLink {
                title: crate::render::statement::TITLE.into(),
                url: contexts.url(crate::layout::STATEMENT_URL),
                kind: "page".into(),
            });
        }
        pages.sort_by(|a, b| a.title.cmp(&b.title));
        contexts.site_view.pages = pages;
        contexts
    }

    /// The context of one page: `site` (with the current section marked)
    /// and `page`.
    pub(crate) fn context(&self, view: &PageView, page: Option<&Page>) -> Context {
        let current = page
            .and_then(section_of)
            .map(|s| format!("{}{}/", self.base, s.dir()));
        let mut site = self.site_view.clone();
        for item in &mut site.nav {
            // A section's own pages and its filtered indexes
            // (`/policies/for/parents/`) are all "in" the section.
            item.current = match &current {
                Some(url) => item.url == *url,
                None if item.url == self.base => view.url == self.base,
                None => view.url.starts_with(&item.url),
            };
        }
        if let Some(t) = page.and_then(|p| p.translation.as_ref()) {
            self.nav_in_language(&t.lang, &mut site);
        }
        let mut ctx = Context::new();
        ctx.insert("site", &site);
        ctx.insert("page", view);
        ctx
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn link(&self, i: usize) -> PageLink {
        let p = &self.site.pages[i];
        PageLink {
            title: p.title.clone(),
            url: self.url(&p.url),
            kind: p.meta.kind_name().to_string(),
        }
    }

    fn links_to(&self, idxs: &[usize]) -> Vec<PageLink> {
        idxs.iter().map(|&i| self.link(i)).collect()
    }

    fn body_html(&self, i: usize) -> (String, Vec<markdown::TocEntry>) {
        let page = &self.site.pages[i];
        let outline = &self.links.outlines[i];
        let rewrites = &self.links.rewrites[i];
        let html = markdown::render(page.body(), outline, &|dest| rewrites.get(dest).cloned());
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

    fn status(&self, review: &ReviewDates) -> StatusView {
        let s = Status::of(
            review.next,
            self.today,
            self.site.config.review.due_soon_days,
        );
        StatusView {
            key: s.key().to_string(),
            label: s.label().to_string(),
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

fn nav_title(s: Section) -> &'static str {
    match s {
        Section::Policies => "Policies",
        Section::Agreements => "Agreements",
        Section::Curriculum => "Curriculum",
        Section::Parents => "Parents and carers",
    }
}

fn date_view(d: Date) -> DateView {
    DateView {
        iso: d.to_string(),
        human: human_date(d),
    }
}

fn audiences(list: &[Audience]) -> Vec<Labelled> {
    list.iter().map(|a| labelled_audience(*a)).collect()
}

fn labelled_audience(a: Audience) -> Labelled {
    Labelled {
        id: a.as_str().to_string(),
        label: a.label().to_string(),
    }
}
