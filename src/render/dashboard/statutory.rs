//! "What the law requires" on the governors' dashboard, and the same table
//! as `statutory.csv`: each requirement that applies to the school, the
//! pages that meet it, its status, the register's cycle and approval level,
//! and its source. Only for a site with `[statutory]`.

use serde::Serialize;

use crate::checks::statutory::meeting;
use crate::content::Site;
use crate::statutory::approval::Approval;
use crate::statutory::{Requirement, Statutory};

/// A page that meets a requirement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MetBy {
    /// Its title.
    pub title: String,
    /// Its address with the site's base; empty for a draft (not published).
    pub url: String,
}

/// A source of a requirement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceView {
    /// Its title.
    pub title: String,
    /// Its address.
    pub url: String,
    /// The day it was read, ISO form, or empty.
    pub read: String,
    /// The page's own "last updated" note, and how much of it was read.
    pub notes: Vec<String>,
}

/// One requirement on the dashboard.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LawRow {
    /// The requirement's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Policy, document or information, in words.
    pub kind: String,
    /// The pages meeting it, published first.
    pub met_by: Vec<MetBy>,
    /// `met`, `missing`, `draft` or `not-applicable`, for styling.
    pub status_key: String,
    /// "Met", "Missing", "Draft only", "Not applicable".
    pub status: String,
    /// Why it does not apply, from `[statutory.not_applicable]`.
    pub reason: Option<String>,
    /// The register's review cycle, in words.
    pub cycle: String,
    /// Who may approve it, in words.
    pub approval: String,
    /// Whether it must be on the website, in words.
    pub publish: String,
    /// Where the register's facts come from.
    pub sources: Vec<SourceView>,
}

/// `dashboard.statutory` in `dashboard.html`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LawView {
    /// "maintained primary school", for the introduction.
    pub school: String,
    /// The day the register was last checked against its sources.
    pub checked: String,
    /// How many requirements are missing (or drafts only).
    pub missing: usize,
    /// The rows, in the register's order.
    pub rows: Vec<LawRow>,
    /// Address of `statutory.csv`.
    pub csv_url: String,
}

/// The table's rows for a site with `[statutory]`.
pub(crate) fn rows(site: &Site, st: &Statutory) -> Vec<LawRow> {
    let by_id = meeting(site);
    let base = site.config.base_path();
    st.applicable()
        .map(|r| {
            let mut pages = by_id.get(r.id.as_str()).cloned().unwrap_or_default();
            pages.sort_by_key(|p| p.draft);
            let met_by: Vec<MetBy> = pages
                .iter()
                .map(|p| MetBy {
                    title: if p.draft {
                        format!("{} (draft)", p.title)
                    } else {
                        p.title.clone()
                    },
                    url: if p.draft {
                        String::new()
                    } else {
                        format!("{base}{}", p.url)
                    },
                })
                .collect();
            let reason = st.reason_not_applicable(r).map(str::to_string);
            let (status_key, status) = if reason.is_some() {
                ("not-applicable", "Not applicable")
            } else if pages.iter().any(|p| !p.draft) {
                ("met", "Met")
            } else if !pages.is_empty() {
                ("draft", "Draft only")
            } else {
                ("missing", "Missing")
            };
            LawRow {
                id: r.id.clone(),
                title: r.title.clone(),
                kind: kind_label(r).into(),
                met_by,
                status_key: status_key.into(),
                status: status.into(),
                reason,
                cycle: r.cycle.label().into(),
                approval: approval_label(st, r),
                publish: r.publish.get(st.school.school_type).label().into(),
                sources: sources(st, r),
            }
        })
        .collect()
}

/// The view of the table, with the CSV's address.
pub(crate) fn view(site: &Site, st: &Statutory, csv_url: String) -> (LawView, Vec<LawRow>) {
    let rows = rows(site, st);
    let phases: Vec<String> = st
        .school
        .phases
        .iter()
        .map(|p| {
            format!("{p:?}")
                .to_lowercase()
                .replace("sixthform", "sixth-form")
        })
        .collect();
    let view = LawView {
        school: format!(
            "{} school ({}{})",
            st.school.school_type.as_str(),
            phases.join(", "),
            if st.school.boarding { ", boarding" } else { "" }
        ),
        checked: st
            .register
            .checked
            .map(|d| d.to_string())
            .unwrap_or_default(),
        missing: rows
            .iter()
            .filter(|r| r.status_key == "missing" || r.status_key == "draft")
            .count(),
        rows: rows.clone(),
        csv_url,
    };
    (view, rows)
}

fn kind_label(r: &Requirement) -> &'static str {
    match r.kind {
        crate::statutory::Kind::Policy => "Policy",
        crate::statutory::Kind::Document => "Document",
        crate::statutory::Kind::Information => "Website information",
    }
}

/// The level for this school; where the current DfE pages state none, the
/// withdrawn list's, said to be so.
fn approval_label(st: &Statutory, r: &Requirement) -> String {
    let school = st.school.school_type;
    match (
        r.approval.get(school),
        r.approval_former.map(|f| f.get(school)),
    ) {
        (Approval::NotStated, Some(former)) if former != Approval::NotStated => {
            format!("Not stated (former DfE list: {})", former.label())
        }
        (a, _) => a.label().into(),
    }
}

/// Government pages first.
fn sources(st: &Statutory, r: &Requirement) -> Vec<SourceView> {
    st.sources_of(r)
        .into_iter()
        .map(|s| SourceView {
            title: s.title.clone(),
            url: s.url.clone(),
            read: s.read.map(|d| d.to_string()).unwrap_or_default(),
            notes: [&s.updated, &s.coverage]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
        })
        .collect()
}

/// The header of `statutory.csv`.
const HEADER: [&str; 10] = [
    "Requirement",
    "Id",
    "Type",
    "Status",
    "Meets (statutory)",
    "DfE cycle",
    "Approval level",
    "Publish online",
    "Source",
    "Source read",
];

/// `statutory.csv`: one record per row, as the review CSV is written.
pub(crate) fn csv(rows: &[LawRow]) -> Vec<u8> {
    let records = rows.iter().map(|r| {
        let first = r.sources.first();
        let text = super::csv::text;
        vec![
            text(&r.title),
            r.id.clone(),
            r.kind.clone(),
            text(&match &r.reason {
                Some(reason) => format!("{}: {reason}", r.status),
                None => r.status.clone(),
            }),
            text(
                &r.met_by
                    .iter()
                    .map(|m| m.title.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            r.cycle.clone(),
            r.approval.clone(),
            r.publish.clone(),
            first.map(|s| s.url.clone()).unwrap_or_default(),
            first.map(|s| s.read.clone()).unwrap_or_default(),
        ]
    });
    super::csv::write_records(&HEADER, records)
}
