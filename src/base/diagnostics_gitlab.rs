//! `charter check --format gitlab`: the findings as a GitLab Code Quality
//! report (a JSON array in the Code Climate format), which a merge request
//! shows when the CI job uploads it as `artifacts:reports:codequality`.

use serde::Serialize;

use crate::base::diagnostics::{Diagnostic, Diagnostics, Severity};

/// One finding of the report.
#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The report; `prefix` is the site's folder within the repository, as for
/// `--format github`.
pub(crate) fn render_gitlab(diagnostics: &Diagnostics, prefix: &str) -> String {
    let issues: Vec<Issue> = diagnostics.iter().map(|d| issue(d, prefix)).collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string())
}

fn issue<'a>(d: &'a Diagnostic, prefix: &str) -> Issue<'a> {
    let path = crate::base::paths::in_repository(prefix, &d.file);
    let description = if d.hint.is_empty() {
        d.message.clone()
    } else {
        format!("{} (hint: {})", d.message, d.hint)
    };
    // GitLab compares fingerprints between the merge request and its
    // target branch to tell new findings from old ones: the same finding
    // must have the same fingerprint whatever else changed in the file.
    let fingerprint = format!(
        "{:016x}",
        fnv1a(&[d.code.as_str(), &path, &d.message].join("\u{1f}"))
    );
    Issue {
        description,
        check_name: d.code.as_str(),
        fingerprint,
        severity: match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Notice => "info",
        },
        location: Location {
            path,
            lines: Lines { begin: d.line },
        },
    }
}

/// 64-bit FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Code;

    #[test]
    fn findings_become_code_quality_issues() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::file(
            Code::XrefUnknown,
            "content/policies/a.md",
            "no page has the id `x`",
            "did you mean `y`?",
        ));
        ds.push(Diagnostic::file(Code::ReviewDueSoon, "b.md", "soon", ""));
        let json: serde_json::Value = serde_json::from_str(&render_gitlab(&ds, "site/")).unwrap();
        assert_eq!(json[0]["check_name"], "xref-unknown");
        assert_eq!(json[0]["severity"], "major");
        assert_eq!(json[0]["location"]["path"], "site/content/policies/a.md");
        assert_eq!(json[0]["location"]["lines"]["begin"], 1);
        assert_eq!(
            json[0]["description"],
            "no page has the id `x` (hint: did you mean `y`?)"
        );
        assert_eq!(json[1]["severity"], "info");
        assert_ne!(json[0]["fingerprint"], json[1]["fingerprint"]);
        assert_eq!(json[0]["fingerprint"].as_str().unwrap().len(), 16);
    }

    #[test]
    fn the_fingerprint_does_not_move_with_the_line() {
        let a = Diagnostic::file(Code::LinkInsecure, "a.md", "m", "h");
        let mut b = a.clone();
        b.line = 40;
        assert_eq!(issue(&a, "").fingerprint, issue(&b, "").fingerprint);
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
