//! Rules of `[accessibility]` beyond its types (see `render::statement`,
//! which publishes the statement): a known compliance status, reasons and
//! country, readable dates, a way to contact the school, and a status that
//! agrees with the problems listed.

use std::ops::Range;

use jiff::civil::Date;

use super::spans::Spans;
use super::{Accessibility, Config};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;

/// Whether the site publishes a statement.
pub fn configured(config: &Config) -> bool {
    config.accessibility.is_some()
}

pub const STATUSES: [(&str, &str); 3] = [
    ("fully compliant", "full"),
    ("partially compliant", "partial"),
    ("not compliant", "none"),
];
const REASONS: [&str; 3] = ["non-compliance", "disproportionate-burden", "out-of-scope"];
const COUNTRIES: [&str; 4] = ["england", "wales", "scotland", "northern-ireland"];

pub fn normalise(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

pub fn status_of(s: &str) -> Option<(&'static str, &'static str)> {
    let n = normalise(s).replace('-', " ");
    STATUSES
        .iter()
        .find(|(label, _)| *label == n)
        .map(|(label, key)| (*key, *label))
}

/// The reason's canonical name; an empty reason means non-compliance.
pub fn reason_of(s: &str) -> Option<&'static str> {
    let n = normalise(s);
    if n.is_empty() {
        return Some(REASONS[0]);
    }
    REASONS.iter().copied().find(|r| *r == n)
}

pub fn date_of(v: &toml::Value) -> Option<Date> {
    match v {
        toml::Value::Datetime(d) => crate::base::dates::toml_date(d),
        toml::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Rules of `[accessibility]` beyond its types: known status, reasons and
/// country; readable dates; a way to contact the school; and a status that
/// agrees with the problems listed.
pub(crate) fn validate(config: &Config, source: &SourceFile, spans: &Spans) -> Vec<Diagnostic> {
    let Some(a) = &config.accessibility else {
        return Vec::new();
    };
    let section = Section {
        source,
        spans,
        header: spans.value(&["accessibility"]).unwrap_or(0..0),
    };
    let mut out = known_values(a, &section);
    out.extend(dates(a, &section));
    if config.contact.email.trim().is_empty() && config.contact.phone.trim().is_empty() {
        out.push(section.error(
            section.header.clone(),
            "the accessibility statement needs a way to contact the school".into(),
            "set `email` or `phone` in [contact]: the statement tells readers how to ask for another format and how to report a problem".into(),
        ));
    }
    out.extend(status_agrees_with_issues(a, &section));
    out
}

/// The file and the `[accessibility]` table that reports point into.
struct Section<'a> {
    source: &'a SourceFile,
    spans: &'a Spans<'a>,
    header: Range<usize>,
}

impl Section<'_> {
    /// Where a value of the section is written; else the section's header.
    fn at(&self, path: &[&str]) -> Range<usize> {
        let mut full = vec!["accessibility"];
        full.extend_from_slice(path);
        self.spans
            .value(&full)
            .unwrap_or_else(|| self.header.clone())
    }

    fn error(&self, span: Range<usize>, message: String, hint: String) -> Diagnostic {
        Diagnostic::at(Code::ConfigInvalid, self.source, span, message, hint)
    }
}

/// The closest allowed value, or the list of them.
fn one_of(value: &str, allowed: &[&str]) -> String {
    match crate::base::schema::closest(value, allowed.iter().copied()) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None => format!(
            "use one of {}",
            allowed
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A known status, country and reasons, and a problem in every issue.
fn known_values(a: &Accessibility, section: &Section) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if status_of(&a.status).is_none() && !a.status.trim().is_empty() {
        let labels: Vec<&str> = STATUSES.iter().map(|(l, _)| *l).collect();
        out.push(section.error(
            section.at(&["status"]),
            format!(
                "`accessibility.status` = \"{}\" is not a compliance status",
                a.status
            ),
            one_of(&a.status, &labels),
        ));
    }
    if !a.country.trim().is_empty() && !COUNTRIES.contains(&normalise(&a.country).as_str()) {
        out.push(section.error(
            section.at(&["country"]),
            format!(
                "`accessibility.country` = \"{}\" is not one of the UK's nations",
                a.country
            ),
            one_of(&a.country, &COUNTRIES),
        ));
    }
    for (i, issue) in a.issues.iter().enumerate() {
        let i = i.to_string();
        if reason_of(&issue.reason).is_none() {
            out.push(section.error(
                section.at(&["issues", &i, "reason"]),
                format!(
                    "`reason` = \"{}\" is not a reason the regulations allow",
                    issue.reason
                ),
                one_of(&issue.reason, &REASONS),
            ));
        }
        if issue.problem.trim().is_empty() {
            out.push(section.error(
                section.at(&["issues", &i]),
                "an `[[accessibility.issues]]` table has an empty `problem`".into(),
                "say in plain words what does not work, e.g. problem = \"Some older PDF letters cannot be read by screen readers.\"".into(),
            ));
        }
    }
    out
}

/// Readable dates, and a review no earlier than the statement.
fn dates(a: &Accessibility, section: &Section) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut dates = Vec::new();
    for (key, value) in [
        ("prepared", &a.prepared),
        ("reviewed", &a.reviewed),
        ("tested", &a.tested),
    ] {
        let Some(v) = value else { continue };
        match date_of(v.get_ref()) {
            Some(d) => dates.push((key, d)),
            None => out.push(section.error(
                v.span(),
                format!("`accessibility.{key}` is not a date"),
                format!("write the date as {key} = 2026-09-14"),
            )),
        }
    }
    let date = |key: &str| dates.iter().find(|(k, _)| *k == key).map(|(_, d)| *d);
    if let (Some(prepared), Some(reviewed)) = (date("prepared"), date("reviewed"))
        && reviewed < prepared
    {
        out.push(
            section.error(
                a.reviewed
                    .as_ref()
                    .map_or(section.header.clone(), |v| v.span()),
                format!(
                    "`accessibility.reviewed` ({reviewed}) is earlier than `prepared` ({prepared})"
                ),
                "a statement is reviewed after it was prepared: check both dates".into(),
            ),
        );
    }
    out
}

/// A status that says what the issues listed say.
fn status_agrees_with_issues(a: &Accessibility, section: &Section) -> Vec<Diagnostic> {
    let failing = a
        .issues
        .iter()
        .filter(|i| {
            matches!(
                reason_of(&i.reason),
                Some("non-compliance" | "disproportionate-burden")
            )
        })
        .count();
    match status_of(&a.status).map(|(key, _)| key) {
        Some("full") if failing > 0 => vec![section.error(
            section.at(&["status"]),
            "`accessibility.status` is \"fully compliant\", but `[[accessibility.issues]]` lists problems that fail WCAG".into(),
            "set status = \"partially compliant\", or give those issues reason = \"out-of-scope\" if the regulations do not cover them".into(),
        )],
        Some("partial" | "none") if failing == 0 => vec![section.error(
            section.at(&["status"]),
            format!(
                "`accessibility.status` is \"{}\", but no `[[accessibility.issues]]` table says what is not accessible",
                a.status.trim()
            ),
            "add an [[accessibility.issues]] table with `problem` (and `criterion`, `plan`) for each problem, or set status = \"fully compliant\"".into(),
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&SourceFile::new(crate::layout::CONFIG_FILE, "/x", text))
    }

    const BASE: &str = "title = \"A School\"\nbase_url = \"https://a.example.sch.uk\"\n[contact]\nemail = \"office@a.example.sch.uk\"\n";

    #[test]
    fn mistakes_are_config_errors_with_hints() {
        let errs = parse(&format!(
            "{BASE}[accessibility]\nstatus = \"partialy compliant\"\nprepared = \"14/09/2026\"\ncountry = \"englnd\"\nprepard = 2026-01-01\n"
        ))
        .unwrap_err();
        let text: Vec<String> = errs
            .iter()
            .map(|e| format!("{} | {}", e.message, e.hint))
            .collect();
        assert!(
            text.iter()
                .any(|t| t.contains("unknown key `accessibility.prepard`")
                    && t.contains("did you mean `accessibility.prepared`?")),
            "{text:#?}"
        );
        let errs = parse(&format!(
            "{BASE}[accessibility]\nstatus = \"partialy compliant\"\nprepared = \"14/09/2026\"\ncountry = \"englnd\"\n"
        ))
        .unwrap_err();
        let text: Vec<String> = errs
            .iter()
            .map(|e| format!("{} | {}", e.message, e.hint))
            .collect();
        assert!(
            text.iter()
                .any(|t| t.contains("status") && t.contains("did you mean \"partially compliant\"")),
            "{text:#?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("`accessibility.prepared` is not a date")),
            "{text:#?}"
        );
        assert!(
            text.iter().any(|t| t.contains("did you mean \"england\"")),
            "{text:#?}"
        );
    }

    #[test]
    fn status_must_agree_with_the_issues_listed() {
        let errs = parse(&format!(
            "{BASE}[accessibility]\nstatus = \"partially compliant\"\nprepared = 2026-09-14\n"
        ))
        .unwrap_err();
        assert!(errs[0].message.contains("no `[[accessibility.issues]]`"));
        let errs = parse(&format!(
            "{BASE}[accessibility]\nstatus = \"fully compliant\"\nprepared = 2026-09-14\n[[accessibility.issues]]\nproblem = \"x\"\n"
        ))
        .unwrap_err();
        assert!(errs[0].message.contains("fully compliant"));
        assert!(
            parse(&format!(
                "{BASE}[accessibility]\nstatus = \"fully compliant\"\nprepared = 2026-09-14\n"
            ))
            .is_ok()
        );
    }

    #[test]
    fn required_keys_and_contact() {
        let errs = parse("title = \"A\"\n[accessibility]\n").unwrap_err();
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.contains(&"missing required key `accessibility.status`"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"missing required key `accessibility.prepared`"),
            "{messages:?}"
        );
        let errs = parse(
            "title = \"A\"\n[accessibility]\nstatus = \"fully compliant\"\nprepared = 2026-09-14\n",
        )
        .unwrap_err();
        assert!(errs[0].message.contains("contact"), "{errs:?}");
    }

    /// Line and column of the finding whose message starts with `start`.
    fn place(errs: &[Diagnostic], start: &str) -> Option<(usize, usize)> {
        let found = errs.iter().find(|e| e.message.starts_with(start));
        found.map(|e| (e.line, e.column))
    }

    #[test]
    fn findings_point_into_the_real_section_not_a_comment() {
        let errs = parse(&format!(
            "{BASE}# [accessibility] status = \"partly compliant\" country = \"englnd\"\n[accessibility]\nstatus = \"partly compliant\"\nprepared = 2026-09-14\ncountry = \"englnd\"\n"
        ))
        .unwrap_err();
        assert_eq!(
            place(&errs, "`accessibility.status` = \"partly compliant\""),
            Some((7, 10)),
            "{errs:?}"
        );
        assert_eq!(
            place(&errs, "`accessibility.country`"),
            Some((9, 11)),
            "{errs:?}"
        );
    }

    #[test]
    fn issue_findings_point_at_their_own_table() {
        let errs = parse(&format!(
            "{BASE}[accessibility]\nstatus = \"partially compliant\"\nprepared = 2026-09-14\n[[accessibility.issues]]\nproblem = \"PDFs\"\nplan = \"sometimes\"\n[[accessibility.issues]]\nproblem = \" \"\nreason = \"sometimes\"\n"
        ))
        .unwrap_err();
        assert_eq!(
            place(&errs, "an `[[accessibility.issues]]` table has an empty"),
            Some((11, 1)),
            "{errs:?}"
        );
        assert_eq!(
            place(&errs, "`reason` = \"sometimes\""),
            Some((13, 10)),
            "{errs:?}"
        );
    }

    #[test]
    fn a_statement_without_contact_points_at_its_header() {
        let errs = parse(
            "title = \"A\"\n# see [accessibility] below\n[accessibility]\nstatus = \"fully compliant\"\nprepared = 2026-09-14\n",
        )
        .unwrap_err();
        assert_eq!(
            place(&errs, "the accessibility statement needs"),
            Some((3, 1)),
            "{errs:?}"
        );
    }
}
