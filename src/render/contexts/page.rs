//! The context of one page of the site: its text and, by its kind, the
//! policy, agreement, unit or parents' page it is.

use super::*;

impl Contexts<'_> {
    pub(crate) fn page(&self, i: usize) -> PageView {
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
            lang: self.site.config.language.clone(),
            dir: crate::languages::direction(&self.site.config.language).as_str(),
            languages: Vec::new(),
            translation: None,
            policy: None,
            agreement: None,
            unit: None,
            parent: None,
        };
        let related = self.links_to(&self.links.related[i]);
        match &page.meta {
            Meta::Policy(f) => view.policy = Some(self.policy_view(i, page, f, related)),
            Meta::Agreement(f) => view.agreement = Some(self.agreement_view(page, f, related)),
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
            approved: review.approved.map(date_view),
            review_every: review
                .cycle
                .map(crate::base::dates::Cycle::describe)
                .unwrap_or_default(),
            next_review: review.next.map(date_view),
            next_review_term: review.next_term.clone().unwrap_or_default(),
            status: self.status(&review),
            statutory: self.site.is_statutory(page),
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
    ) -> AgreementView {
        let review = page.review.clone().unwrap_or_default();
        let page_url = self.url(&page.url);
        let page_full_url = format!("{}{}", self.site_view.origin, page_url);
        AgreementView {
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
            child_lines: if f.signatures.is_empty() {
                Vec::new()
            } else {
                crate::forms::child_lines(f.audience.as_ref().map(|a| *a.get_ref()))
            },
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
