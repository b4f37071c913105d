//! Builds the views that templates receive, from the resolved site. Lists
//! that several pages show (policy rows, year groups) are built once.

use jiff::civil::Date;
use tera::Context;

use super::views::*;
use crate::base::dates::{Status, human_date};
use crate::content::{Audience, Meta, Page, ReviewDates, Section, Site};
use crate::resolve::links::{Links, section_of};
use crate::resolve::markdown;

pub struct Views<'a> {
    site: &'a Site,
    links: &'a Links,
    today: Date,
    base: String,
    site_view: SiteView,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, links: &'a Links, today: Date) -> Self {
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
            bands: c.bands.clone(),
            strands: c.strands.clone(),
            logo,
            stylesheet: format!("{base}{}style.css", crate::layout::THEME_STATIC_PREFIX),
            nav,
            pages: Vec::new(),
            dashboard: c.dashboard_dir().map(|dir| format!("{base}{dir}")),
        };
        let mut views = Views {
            site,
            links,
            today,
            base,
            site_view,
        };
        let mut pages: Vec<PageLink> = (0..site.pages.len())
            .filter(|&i| {
                let p = &site.pages[i];
                !p.draft && matches!(p.meta, Meta::Page(_)) && !p.url.is_empty()
            })
            .map(|i| views.link(i))
            .collect();
        if crate::config::accessibility::configured(&site.config) {
            pages.push(PageLink {
                title: crate::render::statement::TITLE.into(),
                url: views.url(crate::layout::STATEMENT_URL),
                kind: "page".into(),
            });
        }
        pages.sort_by(|a, b| a.title.cmp(&b.title));
        views.site_view.pages = pages;
        views
    }

    /// The context of one page: `site` (with the current section marked)
    /// and `page`.
    pub fn context(&self, view: &PageView, page: Option<&Page>) -> Context {
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
    pub fn index_page(
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
        PageView {
            kind: kind.to_string(),
            id,
            title,
            summary,
            url: self.url(path),
            content,
            toc,
            source,
            policy: None,
            agreement: None,
            unit: None,
            parent: None,
        }
    }

    pub fn page(&self, i: usize) -> PageView {
        let page = &self.site.pages[i];
        let (content, toc) = self.body_html(i);
        let mut view = PageView {
            kind: page.meta.kind_name().to_string(),
            id: page.id.clone(),
            title: page.title.clone(),
            summary: page.summary.clone(),
            url: self.url(&page.url),
            content,
            toc,
            source: page.source.rel_path.clone(),
            policy: None,
            agreement: None,
            unit: None,
            parent: None,
        };
        let related = self.links_to(&self.links.related[i]);
        match &page.meta {
            Meta::Policy(f) => {
                let review = page.review.clone().unwrap_or_default();
                view.policy = Some(PolicyView {
                    reference: f.reference.clone().unwrap_or_default(),
                    owners: f.owners.clone(),
                    approved_by: f.approved_by.clone().unwrap_or_default(),
                    approved: review.approved.map(date_view),
                    review_every: review.cycle.map(|c| c.describe()).unwrap_or_default(),
                    next_review: review.next.map(date_view),
                    next_review_term: review.next_term.clone().unwrap_or_default(),
                    status: self.status(&review),
                    statutory: f.statutory,
                    audiences: audiences(&f.audiences),
                    related,
                    referenced_by: self.links_to(&self.links.referenced_by[i]),
                    guidance: f
                        .guidance
                        .iter()
                        .filter_map(|g| self.site.guidance.get(g.get_ref()))
                        .map(|g| GuidanceView {
                            title: g.title.clone(),
                            publisher: g.publisher.clone(),
                            edition: g.edition.map(date_view),
                            url: g.url.clone(),
                        })
                        .collect(),
                    history: history(f),
                    changes: None,
                });
            }
            Meta::Agreement(f) => {
                let review = page.review.clone().unwrap_or_default();
                let page_url = self.url(&page.url);
                let page_full_url = format!("{}{}", self.site_view.origin, page_url);
                view.agreement = Some(AgreementView {
                    audience: f
                        .audience
                        .as_ref()
                        .map(|a| labelled_audience(*a.get_ref()))
                        .unwrap_or_else(|| Labelled {
                            id: String::new(),
                            label: String::new(),
                        }),
                    band: f.band.as_ref().and_then(|b| self.band_view(b.get_ref())),
                    reference: f.reference.clone().unwrap_or_default(),
                    signatures: f
                        .signatures
                        .iter()
                        .map(|s| crate::forms::signatory(s))
                        .collect(),
                    consents: f.consents.iter().map(|c| c.get_ref().clone()).collect(),
                    owners: f.owners.clone(),
                    approved: review.approved.map(date_view),
                    next_review: review.next.map(date_view),
                    status: self.status(&review),
                    related,
                    form_url: format!("{page_url}form/"),
                    qr_svg: crate::forms::qr::Qr::new(&page_full_url)
                        .filter(|_| page_full_url.starts_with("http"))
                        .map(|qr| {
                            qr.svg(&format!(
                                "QR code: the address of this agreement online, {page_full_url}"
                            ))
                        })
                        .unwrap_or_default(),
                    page_full_url,
                    page_url,
                    return_instructions: crate::forms::return_instructions(&self.site.config),
                    pdf: None,
                    parents: if f
                        .audience
                        .as_ref()
                        .is_some_and(|a| *a.get_ref() == Audience::Pupils)
                    {
                        self.parents_agreements(f.band.as_ref().map(|b| b.get_ref().as_str()))
                    } else {
                        Vec::new()
                    },
                });
            }
            Meta::Unit(f) => {
                view.unit = Some(UnitView {
                    strand: f
                        .strand
                        .as_ref()
                        .map(|s| self.strand_label(s.get_ref()))
                        .unwrap_or_else(|| Labelled {
                            id: String::new(),
                            label: String::new(),
                        }),
                    bands: f
                        .bands
                        .iter()
                        .filter_map(|b| self.band_view(b.get_ref()))
                        .collect(),
                    years: f.years.iter().map(|y| y.get_ref().clone()).collect(),
                    objectives: f.objectives.clone(),
                    duration: f.duration.clone().unwrap_or_default(),
                    related,
                });
            }
            Meta::Parent(f) => {
                view.parent = Some(ParentView {
                    topics: f.topics.clone(),
                    bands: f
                        .bands
                        .iter()
                        .filter_map(|b| self.band_view(b.get_ref()))
                        .collect(),
                    related,
                });
            }
            _ => {}
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

    fn policies(&self) -> impl Iterator<Item = (usize, &'a Page, &'a crate::content::PolicyFront)> {
        self.site
            .published_pages()
            .filter_map(|(i, p)| match &p.meta {
                Meta::Policy(f) => Some((i, p, f)),
                _ => None,
            })
    }

    fn agreements(
        &self,
    ) -> impl Iterator<Item = (usize, &'a Page, &'a crate::content::AgreementFront)> {
        self.site
            .published_pages()
            .filter_map(|(i, p)| match &p.meta {
                Meta::Agreement(f) => Some((i, p, f)),
                _ => None,
            })
    }

    /// The unfiltered policies index and one page per audience: the filter
    /// and the output path of each.
    pub fn policy_filter_outputs(&self) -> Vec<(Option<Audience>, String)> {
        let mut out = vec![(None, "policies/index.html".to_string())];
        for a in ALL_AUDIENCES {
            if self.policies().any(|(_, _, f)| f.audiences.contains(&a)) {
                out.push((Some(a), format!("policies/for/{}/index.html", a.as_str())));
            }
        }
        out
    }

    /// The view of the policies index for one filter.
    pub fn policy_filter_view(&self, base_view: &PageView, filter: Option<Audience>) -> PageView {
        let mut v = base_view.clone();
        if let Some(a) = filter {
            v.url = self.url(&format!("policies/for/{}/", a.as_str()));
            v.title = format!("{} for {}", base_view.title, a.label().to_lowercase());
            v.content = String::new();
            v.toc = Vec::new();
        }
        v
    }

    pub fn add_policies(&self, ctx: &mut Context, filter: Option<Audience>) {
        let mut rows: Vec<PolicyRow> = self
            .policies()
            .filter(|(_, _, f)| filter.is_none_or(|a| f.audiences.contains(&a)))
            .map(|(_, p, f)| {
                let review = p.review.clone().unwrap_or_default();
                PolicyRow {
                    title: p.title.clone(),
                    url: self.url(&p.url),
                    reference: f.reference.clone().unwrap_or_default(),
                    owners: f.owners.clone(),
                    approved: review.approved.map(date_view),
                    next_review: review.next.map(date_view),
                    status: self.status(&review),
                    statutory: f.statutory,
                    audiences: audiences(&f.audiences),
                    summary: p.summary.clone(),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            a.title
                .to_lowercase()
                .cmp(&b.title.to_lowercase())
                .then(a.url.cmp(&b.url))
        });
        let total = self.policies().count();
        let mut filters = vec![FilterLink {
            label: "All policies".into(),
            url: self.url("policies/"),
            count: total,
            current: filter.is_none(),
        }];
        for a in ALL_AUDIENCES {
            let count = self
                .policies()
                .filter(|(_, _, f)| f.audiences.contains(&a))
                .count();
            if count > 0 {
                filters.push(FilterLink {
                    label: a.label().to_string(),
                    url: self.url(&format!("policies/for/{}/", a.as_str())),
                    count,
                    current: filter == Some(a),
                });
            }
        }
        ctx.insert("policies", &rows);
        ctx.insert("filters", &filters);
        ctx.insert("filter_label", filter.map(|a| a.label()).unwrap_or(""));
    }

    fn agreement_link(&self, p: &Page, f: &crate::content::AgreementFront) -> AgreementLink {
        let url = self.url(&p.url);
        AgreementLink {
            title: p.title.clone(),
            form_url: format!("{url}form/"),
            url,
            audience: f
                .audience
                .as_ref()
                .map(|a| labelled_audience(*a.get_ref()))
                .unwrap_or_else(|| Labelled {
                    id: String::new(),
                    label: String::new(),
                }),
            band: f.band.as_ref().map(|b| self.band_label(b.get_ref())),
            summary: p.summary.clone(),
        }
    }

    /// The parents' agreements that go with a band's pupils' agreement:
    /// those written for the band, and those written for no band.
    fn parents_agreements(&self, band: Option<&str>) -> Vec<AgreementLink> {
        let mut out: Vec<AgreementLink> = self
            .agreements()
            .filter(|(_, _, f)| {
                f.audience
                    .as_ref()
                    .is_some_and(|a| *a.get_ref() == Audience::Parents)
                    && f.band
                        .as_ref()
                        .is_none_or(|b| Some(b.get_ref().as_str()) == band)
            })
            .map(|(_, p, f)| self.agreement_link(p, f))
            .collect();
        out.sort_by(|a, b| a.title.cmp(&b.title).then(a.url.cmp(&b.url)));
        out
    }

    /// Every year group of every band, with its band's pupil agreement.
    fn years(&self) -> Vec<YearView> {
        let mut out = Vec::new();
        for band in &self.site.config.bands {
            let agreement = self
                .agreements()
                .find(|(_, _, f)| {
                    f.audience
                        .as_ref()
                        .is_some_and(|a| *a.get_ref() == Audience::Pupils)
                        && f.band.as_ref().is_some_and(|b| b.get_ref() == &band.id)
                })
                .map(|(_, p, f)| self.agreement_link(p, f));
            let parents = self.parents_agreements(Some(&band.id));
            for year in &band.years {
                out.push(YearView {
                    year: year.clone(),
                    band: Labelled {
                        id: band.id.clone(),
                        label: band.name.clone(),
                    },
                    agreement: agreement.clone(),
                    parents: parents.clone(),
                });
            }
        }
        out
    }

    pub fn add_home(&self, ctx: &mut Context) {
        ctx.insert("years", &self.years());
        let count = |pred: fn(&Meta) -> bool| {
            self.site
                .published_pages()
                .filter(|(_, p)| pred(&p.meta))
                .count()
        };
        let mut counts = std::collections::BTreeMap::new();
        counts.insert("policies", count(|m| matches!(m, Meta::Policy(_))));
        counts.insert("agreements", count(|m| matches!(m, Meta::Agreement(_))));
        counts.insert("units", count(|m| matches!(m, Meta::Unit(_))));
        counts.insert("resources", count(|m| matches!(m, Meta::Parent(_))));
        ctx.insert("counts", &counts);
    }

    pub fn add_agreements(&self, ctx: &mut Context) {
        let mut groups: Vec<AgreementGroup> = Vec::new();
        for a in ALL_AUDIENCES_AGREEMENTS {
            let mut agreements: Vec<AgreementLink> = self
                .agreements()
                .filter(|(_, _, f)| f.audience.as_ref().is_some_and(|x| *x.get_ref() == a))
                .map(|(_, p, f)| self.agreement_link(p, f))
                .collect();
            let band_order = |l: &AgreementLink| {
                l.band
                    .as_ref()
                    .and_then(|b| self.site.config.bands.iter().position(|x| x.id == b.id))
                    .unwrap_or(usize::MAX)
            };
            agreements.sort_by(|x, y| {
                band_order(x)
                    .cmp(&band_order(y))
                    .then(x.title.cmp(&y.title))
            });
            if !agreements.is_empty() {
                groups.push(AgreementGroup {
                    audience: labelled_audience(a),
                    agreements,
                });
            }
        }
        ctx.insert("years", &self.years());
        ctx.insert("groups", &groups);
    }

    pub fn add_curriculum(&self, ctx: &mut Context) {
        let units: Vec<(usize, &crate::content::UnitFront)> = self
            .site
            .published_pages()
            .filter_map(|(i, p)| match &p.meta {
                Meta::Unit(f) => Some((i, f)),
                _ => None,
            })
            .collect();
        let bands = &self.site.config.bands;
        let rows = self
            .site
            .config
            .strands
            .iter()
            .map(|strand| GridRow {
                strand: Labelled {
                    id: strand.id.clone(),
                    label: strand.name.clone(),
                },
                cells: bands
                    .iter()
                    .map(|band| {
                        let mut cell: Vec<PageLink> = units
                            .iter()
                            .filter(|(_, f)| {
                                f.strand.as_ref().is_some_and(|s| s.get_ref() == &strand.id)
                                    && f.bands.iter().any(|b| b.get_ref() == &band.id)
                            })
                            .map(|(i, _)| self.link(*i))
                            .collect();
                        cell.sort_by(|a, b| a.title.cmp(&b.title));
                        cell
                    })
                    .collect(),
            })
            .collect();
        let grid = GridView {
            bands: bands
                .iter()
                .map(|b| Labelled {
                    id: b.id.clone(),
                    label: b.name.clone(),
                })
                .collect(),
            rows,
        };
        let mut rows: Vec<UnitRow> = units
            .iter()
            .map(|(i, f)| {
                let p = &self.site.pages[*i];
                UnitRow {
                    title: p.title.clone(),
                    url: self.url(&p.url),
                    summary: p.summary.clone(),
                    strand: f
                        .strand
                        .as_ref()
                        .map(|s| self.strand_label(s.get_ref()))
                        .unwrap_or_else(|| Labelled {
                            id: String::new(),
                            label: String::new(),
                        }),
                    bands: f
                        .bands
                        .iter()
                        .map(|b| self.band_label(b.get_ref()))
                        .collect(),
                    duration: f.duration.clone().unwrap_or_default(),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.title.cmp(&b.title));
        ctx.insert("grid", &grid);
        ctx.insert("units", &rows);
    }

    pub fn add_parents(&self, ctx: &mut Context) {
        let mut resources: Vec<ResourceView> = self
            .site
            .published_pages()
            .filter_map(|(_, p)| match &p.meta {
                Meta::Parent(f) => Some(ResourceView {
                    title: p.title.clone(),
                    url: self.url(&p.url),
                    summary: p.summary.clone(),
                    topics: f.topics.clone(),
                    bands: f
                        .bands
                        .iter()
                        .map(|b| self.band_label(b.get_ref()))
                        .collect(),
                }),
                _ => None,
            })
            .collect();
        resources.sort_by(|a, b| a.title.cmp(&b.title));
        let parent_agreements: Vec<AgreementLink> = self
            .agreements()
            .filter(|(_, _, f)| {
                f.audience
                    .as_ref()
                    .is_some_and(|a| *a.get_ref() == Audience::Parents)
            })
            .map(|(_, p, f)| self.agreement_link(p, f))
            .collect();
        ctx.insert("resources", &resources);
        ctx.insert("years", &self.years());
        ctx.insert("parent_agreements", &parent_agreements);
    }

    /// Full URLs of every HTML page written, for sitemap.xml.
    pub fn sitemap_context(&self, outputs: &[&str]) -> Context {
        let mut urls: Vec<String> = outputs
            .iter()
            .filter(|o| o.ends_with("index.html"))
            .map(|o| {
                format!(
                    "{}{}{}",
                    self.site_view.origin,
                    self.base,
                    o.trim_end_matches("index.html")
                )
            })
            .collect();
        urls.sort();
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_view);
        ctx.insert("urls", &urls);
        ctx
    }
}

const ALL_AUDIENCES: [Audience; 5] = [
    Audience::Parents,
    Audience::Pupils,
    Audience::Staff,
    Audience::Governors,
    Audience::Visitors,
];
const ALL_AUDIENCES_AGREEMENTS: [Audience; 5] = [
    Audience::Pupils,
    Audience::Parents,
    Audience::Staff,
    Audience::Visitors,
    Audience::Governors,
];

fn nav_title(s: Section) -> &'static str {
    match s {
        Section::Policies => "Policies",
        Section::Agreements => "Agreements",
        Section::Curriculum => "Curriculum",
        Section::Parents => "Parents and carers",
    }
}

/// A policy's history, newest first whatever order the file lists it in
/// (`history-inconsistent` reports the order); undated entries last.
fn history(f: &crate::content::PolicyFront) -> Vec<HistoryView> {
    let mut entries: Vec<(Option<Date>, &crate::content::front::HistoryEntry)> = f
        .history
        .iter()
        .map(|h| (crate::base::dates::toml_date(h.date.get_ref()), h))
        .collect();
    // Stable: entries of one date keep the file's order, reversed.
    entries.reverse();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    entries
        .into_iter()
        .map(|(date, h)| HistoryView {
            date: date.map(date_view),
            approved_by: h.approved_by.clone(),
            minute: h.minute.clone(),
            summary: h.summary.clone(),
        })
        .collect()
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
