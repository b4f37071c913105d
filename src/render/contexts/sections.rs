//! What the section indexes and the home page list: policies (by audience),
//! agreements, year groups, the curriculum grid and parents' resources.

use super::*;

impl<'a> Contexts<'a> {
    pub(super) fn policies(
        &self,
    ) -> impl Iterator<Item = (usize, &'a Page, &'a crate::content::PolicyFront)> {
        self.site
            .published_pages()
            .filter_map(|(i, p)| match &p.meta {
                Meta::Policy(f) => Some((i, p, f)),
                _ => None,
            })
    }

    pub(super) fn agreements(
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
    pub(crate) fn policy_filter_outputs(&self) -> Vec<(Option<Audience>, String)> {
        let mut out = vec![(None, "policies/index.html".to_string())];
        for a in ALL_AUDIENCES {
            if self.policies().any(|(_, _, f)| f.audiences.contains(&a)) {
                out.push((Some(a), format!("policies/for/{}/index.html", a.as_str())));
            }
        }
        out
    }

    /// The view of the policies index for one filter.
    pub(crate) fn policy_filter_view(
        &self,
        base_view: &PageView,
        filter: Option<Audience>,
    ) -> PageView {
        let mut v = base_view.clone();
        if let Some(a) = filter {
            let w = self.words(&base_view.lang);
            v.url = self.url(&format!("policies/for/{}/", a.as_str()));
            v.title = w.fill(
                "policies_title_for",
                &[
                    ("title", &base_view.title),
                    ("audience", &w.get(audience_key(a)).to_lowercase()),
                ],
            );
            v.content = String::new();
            v.toc = Vec::new();
        }
        v
    }

    pub(crate) fn add_policies(&self, ctx: &mut Context, filter: Option<Audience>) {
        let w = self.main_words();
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
                    approved: review.approved.map(|d| date_view(w, d)),
                    next_review: review.next.map(|d| date_view(w, d)),
                    status: self.status(&review, w),
                    statutory: self.site.is_statutory(p),
                    audiences: audiences(&f.audiences, w),
                    summary: p.summary.clone(),
                }
            })
            .collect();
        // Each row's key made once, not twice per comparison.
        rows.sort_by_cached_key(|r| (r.title.to_lowercase(), r.url.clone()));
        let total = self.policies().count();
        let mut filters = vec![FilterLink {
            label: w.get("policies_all").into(),
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
                    label: w.get(audience_key(a)).to_string(),
                    url: self.url(&format!("policies/for/{}/", a.as_str())),
                    count,
                    current: filter == Some(a),
                });
            }
        }
        ctx.insert("policies", &rows);
        ctx.insert("filters", &filters);
        ctx.insert(
            "filter_label",
            filter.map_or("", |a| w.get(audience_key(a))),
        );
    }

    pub(super) fn agreement_link(
        &self,
        p: &Page,
        f: &crate::content::AgreementFront,
    ) -> AgreementLink {
        let w = self.main_words();
        let url = self.url(&p.url);
        let review = p.review.clone().unwrap_or_default();
        AgreementLink {
            title: p.title.clone(),
            form_url: format!("{url}form/"),
            url,
            audience: f
                .audience
                .as_ref()
                .map(|a| labelled_audience(*a.get_ref(), w))
                .unwrap_or_else(|| Labelled {
                    id: String::new(),
                    label: String::new(),
                }),
            band: f.band.as_ref().map(|b| self.band_label(b.get_ref())),
            summary: p.summary.clone(),
            next_review: review.next.map(|d| date_view(w, d)),
            status: self.status(&review, w),
        }
    }

    /// The parents' agreements that go with a band's pupils' agreement:
    /// those written for the band, and those written for no band.
    pub(super) fn parents_agreements(&self, band: Option<&str>) -> Vec<AgreementLink> {
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
    pub(super) fn years(&self) -> Vec<YearView> {
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

    /// What the year finder (partials/years.html) needs: `years`, and
    /// `years_parents`, the parents' agreements of every year without
    /// repeats, so the finder says once that parents and carers sign too.
    fn add_years(&self, ctx: &mut Context) {
        let years = self.years();
        let mut parents: Vec<AgreementLink> = Vec::new();
        for link in years.iter().flat_map(|y| &y.parents) {
            if !parents.iter().any(|p| p.url == link.url) {
                parents.push(link.clone());
            }
        }
        ctx.insert("years", &years);
        ctx.insert("years_parents", &parents);
    }

    pub(crate) fn add_home(&self, ctx: &mut Context) {
        self.add_years(ctx);
        let count = |pred: fn(&Meta) -> bool| {
            self.site
                .published_pages()
                .filter(|(_, p)| pred(&p.meta))
                .count()
        };
        let mut counts = BTreeMap::new();
        counts.insert("policies", count(|m| matches!(m, Meta::Policy(_))));
        counts.insert("agreements", count(|m| matches!(m, Meta::Agreement(_))));
        counts.insert("units", count(|m| matches!(m, Meta::Unit(_))));
        counts.insert("resources", count(|m| matches!(m, Meta::Parent(_))));
        ctx.insert("counts", &counts);
    }

    pub(crate) fn add_agreements(&self, ctx: &mut Context) {
        let w = self.main_words();
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
                    audience: labelled_audience(a, w),
                    agreements,
                });
            }
        }
        self.add_years(ctx);
        ctx.insert("groups", &groups);
    }

    pub(crate) fn add_curriculum(&self, ctx: &mut Context) {
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
                    strand: self.unit_strand(f),
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

    pub(crate) fn add_parents(&self, ctx: &mut Context) {
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
        self.add_years(ctx);
        ctx.insert("parent_agreements", &parent_agreements);
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
