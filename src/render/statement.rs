//! The accessibility statement: published at `/accessibility/` from the
//! `[accessibility]` section of `charter.toml`, in the parts of the UK
//! government's model statement (scope, compliance status, what is not
//! accessible and why, how to ask for another format, how to report a
//! problem, the enforcement procedure, when it was prepared and reviewed).
//!
//! A site with `[accessibility]` must not also have a page of its own at
//! `/accessibility/` (e.g. `content/pages/accessibility.md`): two pages at
//! one address is an `id-duplicate` error naming both (see `links`).

use serde::Serialize;

use crate::config::Config;
use crate::config::accessibility::{date_of, normalise, reason_of, status_of};
use crate::render::views::DateView;

pub(crate) const TITLE: &str = "Accessibility statement";
pub(crate) const SUMMARY: &str = "How accessible this website is, what does not work well yet, and how to ask for information in another format or report a problem.";
/// The statement's main headings (as the built-in template writes them),
/// for the search index.
pub(crate) const HEADINGS: [&str; 7] = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Preparation of this accessibility statement",
];

/// `statement` in the `accessibility.html` template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatementView {
    /// `full`, `partial` or `none`.
    pub status: String,
    /// "fully compliant", "partially compliant" or "not compliant".
    pub status_label: String,
    /// The websites the statement covers.
    pub scope: String,
    pub prepared: Option<DateView>,
    pub reviewed: Option<DateView>,
    pub tested: Option<DateView>,
    pub tested_by: String,
    pub reply_within: String,
    /// `ehrc` (England, Wales, Scotland) or `ecni` (Northern Ireland).
    pub enforcement: String,
    pub improvements: String,
    /// Problems that fail WCAG 2.2 AA.
    pub non_compliance: Vec<IssueView>,
    /// Problems the school has judged a disproportionate burden to fix.
    pub burden: Vec<IssueView>,
    /// Content outside the scope of the regulations.
    pub out_of_scope: Vec<IssueView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IssueView {
    pub problem: String,
    pub criterion: String,
    pub plan: String,
}

/// The statement's view, when `[accessibility]` is configured (and valid).
pub(crate) fn view(config: &Config) -> Option<StatementView> {
    let a = config.accessibility.as_ref()?;
    let (status, status_label) = status_of(&a.status).unwrap_or(("partial", "partially compliant"));
    let date = |v: &Option<toml::Spanned<toml::Value>>| {
        v.as_ref()
            .and_then(|v| date_of(v.get_ref()))
            .map(|d| DateView {
                iso: d.to_string(),
                human: crate::base::dates::human_date(d),
            })
    };
    let issues = |reason: &str| -> Vec<IssueView> {
        a.issues
            .iter()
            .filter(|i| reason_of(&i.reason) == Some(reason))
            .map(|i| IssueView {
                problem: i.problem.trim().to_string(),
                criterion: i.criterion.trim().to_string(),
                plan: i.plan.trim().to_string(),
            })
            .collect()
    };
    let scope = if !a.scope.trim().is_empty() {
        a.scope.trim().to_string()
    } else if !config.base_url.is_empty() {
        config.base_url.trim_end_matches('/').to_string()
    } else {
        String::new()
    };
    let reply_within = match a.reply_within.trim() {
        "" => "5 working days".to_string(),
        r => r.to_string(),
    };
    let enforcement = if normalise(&a.country) == "northern-ireland" {
        "ecni"
    } else {
        "ehrc"
    };
    Some(StatementView {
        status: status.to_string(),
        status_label: status_label.to_string(),
        scope,
        prepared: date(&a.prepared),
        reviewed: date(&a.reviewed),
        tested: date(&a.tested),
        tested_by: a.tested_by.trim().to_string(),
        reply_within,
        enforcement: enforcement.to_string(),
        improvements: a.improvements.trim().to_string(),
        non_compliance: issues("non-compliance"),
        burden: issues("disproportionate-burden"),
        out_of_scope: issues("out-of-scope"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Diagnostic;
    use crate::base::source::SourceFile;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&SourceFile::new(crate::layout::CONFIG_FILE, "/x", text))
    }

    const BASE: &str = "title = \"A School\"\nbase_url = \"https://a.example.sch.uk\"\n[contact]\nemail = \"office@a.example.sch.uk\"\n";

    #[test]
    fn a_full_statement_reads_into_its_view() {
        let c = parse(&format!(
            "{BASE}[accessibility]\nstatus = \"Partially compliant\"\nprepared = 2026-09-14\nreviewed = \"2026-11-02\"\ncountry = \"Northern Ireland\"\n\
             [[accessibility.issues]]\nproblem = \"Old PDFs are not tagged.\"\ncriterion = \"1.3.1\"\n\
             [[accessibility.issues]]\nproblem = \"Minutes before 2018.\"\nreason = \"out-of-scope\"\n"
        ))
        .unwrap();
        let v = view(&c).unwrap();
        assert_eq!(v.status, "partial");
        assert_eq!(v.status_label, "partially compliant");
        assert_eq!(v.scope, "https://a.example.sch.uk");
        assert_eq!(v.prepared.unwrap().human, "14 September 2026");
        assert_eq!(v.reviewed.unwrap().iso, "2026-11-02");
        assert_eq!(v.enforcement, "ecni");
        assert_eq!(v.non_compliance.len(), 1);
        assert_eq!(v.out_of_scope.len(), 1);
        assert_eq!(v.reply_within, "5 working days");
    }
}
