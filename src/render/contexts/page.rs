//! The context of one page of the site: its text and, by its kind, the
//! policy, agreement, unit or parents' page it is.

use super::*;

impl Contexts<'_> {
    /// Page `i` in its language: the site's main language, or a
    /// translation's.
    pub(crate) fn page(&self, i: usize) -> PageView {
        let page = &self.site.pages[i];
        let lang = page
            .translation
            .as_ref()
            .map_or(self.site.config.language.as_str(), |t| t.lang.as_str());
        self.page_in(i, lang)
    }

    /// Page `i` with the theme's words and dates of the language `lang`
    /// (its `page.lang`; a translation's page passes its own language).
    pub(crate) fn page_in(&self, i: usize, lang: &str) -> PageView {
        let w = self.words(lang);
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
            lang: lang.to_string(),
            dir: crate::languages::direction(lang).as_str(),
            languages: Vec::new(),
            translation: None,
            policy: None,
            agreement: None,
            unit: None,
            parent: None,
        };
        let related = self.links_to(i, &self.links.related[i]);
        match &page.meta {
            Meta::Policy(f) => view.policy = Some(self.policy_view(i, page, f, related, w)),
            Meta::Agreement(f) => view.agreement = Some(self.agreement_view(page, f, related, w)),
            Meta::Unit(f) => view.unit = Some(self.unit_view(f, related)),
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
        self.localise(i, &mut view);
        view
    }

    fn policy_view(
        &self,
        i: usize,
        page: &Page,
        f: &crate::content::PolicyFront,
        related: Vec<PageLink>,
        w: &Words,
    ) -> PolicyView {
        let review = page.review.clone().unwrap_or_default();
        PolicyView {
            reference: f.reference.clone().unwrap_or_default(),
            owners: f.owners.clone(),
            approved_by: f
                .approved_by
                .as_ref()
                .map(|a| a.get_ref().clone())
                .unwrap_or_default(),
            approved: review.approved.map(|d| date_view(w, d)),
            review_every: review
                .cycle
                .map(crate::base::dates::Cycle::describe)
                .unwrap_or_default(),
            next_review: review.next.map(|d| date_view(w, d)),
            next_review_term: review.next_term.clone().unwrap_or_default(),
            status: self.status(&review, w),
            statutory: self.site.is_statutory(page),
            audiences: audiences(&f.audiences, w),
            related,
            referenced_by: self.links_to(i, &self.links.referenced_by[i]),
            guidance: f
                .guidance
                .iter()
                .filter_map(|g| self.site.guidance.get(g.get_ref()))
                .map(|g| GuidanceView {
                    title: g.title.clone(),
                    publisher: g.publisher.clone(),
                    edition: g.edition.map(|d| date_view(w, d)),
                    url: g.url.clone(),
                })
                .collect(),
            history: history(f, w),
            changes: None,
            adapted: page.adapted.as_ref().map(|a| {
                let trust = self.site.shared.as_ref().map_or("", |s| s.name.as_str());
                let ids: Vec<&str> = self.links.outlines[i]
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .collect();
                crate::render::changes::adapted::view(a, &self.site.config.title, trust, &ids)
            }),
        }
    }

    fn agreement_view(
        &self,
        page: &Page,
        f: &crate::content::AgreementFront,
        related: Vec<PageLink>,
        w: &Words,
    ) -> AgreementView {
        let review = page.review.clone().unwrap_or_default();
        let page_url = self.url(&page.url);
        let page_full_url = format!("{}{}", self.site_view.origin, page_url);
        AgreementView {
            audience: f
                .audience
                .as_ref()
                .map(|a| labelled_audience(*a.get_ref(), w))
                .unwrap_or_else(|| Labelled {
                    id: String::new(),
                    label: String::new(),
                }),
            band: f.band.as_ref().and_then(|b| self.band_view(b.get_ref())),
            reference: f.reference.clone().unwrap_or_default(),
            signatures: f
                .signatures
                .iter()
                .map(|s| crate::forms::signatory(s, w))
                .collect(),
            child_lines: if f.signatures.is_empty() {
                Vec::new()
            } else {
                crate::forms::child_lines(f.audience.as_ref().map(|a| *a.get_ref()), w)
            },
            consents: f.consents.iter().map(|c| c.get_ref().clone()).collect(),
            owners: f.owners.clone(),
            approved: review.approved.map(|d| date_view(w, d)),
            next_review: review.next.map(|d| date_view(w, d)),
            status: self.status(&review, w),
            related,
            form_url: format!("{page_url}form/"),
            qr_svg: crate::forms::qr::Qr::new(&page_full_url)
                .filter(|_| page_full_url.starts_with("http"))
                .map(|qr| qr.svg(&w.fill("form_qr_label", &[("url", &page_full_url)])))
                .unwrap_or_default(),
            page_full_url,
            page_url,
            return_instructions: crate::forms::return_instructions(&self.site.config, w),
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
        }
    }

    fn unit_view(&self, f: &crate::content::UnitFront, related: Vec<PageLink>) -> UnitView {
        UnitView {
            strand: self.unit_strand(f),
            bands: f
                .bands
                .iter()
                .filter_map(|b| self.band_view(b.get_ref()))
                .collect(),
            years: f.years.iter().map(|y| y.get_ref().clone()).collect(),
            objectives: f.objectives.clone(),
            duration: f.duration.clone().unwrap_or_default(),
            related,
        }
    }
}

/// A policy's history, newest first whatever order the file lists it in
/// (`history-inconsistent` reports the order); undated entries last.
fn history(f: &crate::content::PolicyFront, w: &Words) -> Vec<HistoryView> {
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
            date: date.map(|d| date_view(w, d)),
            approved_by: h.approved_by.clone(),
            minute: h.minute.clone(),
            summary: h.summary.clone(),
        })
        .collect()
}
