//! `charter.toml`: the site's settings, as typed structs that mirror the TOML
//! with serde defaults, so an empty file (but for `title`) is a valid site
//! for a school in England.

use std::path::Path;

use serde::Deserialize;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::schema;
use crate::base::source::SourceFile;
use spans::Spans;

pub(crate) use crate::layout::CONFIG_FILE;

pub(crate) mod accessibility;
mod ages;
pub(crate) mod guidance;
pub(crate) mod languages;
mod schemas;
mod sections;
pub(crate) mod spans;
pub(crate) mod statutory;
mod values;

pub(crate) use crate::base::dates::Terms;
pub(crate) use schemas::CONFIG_SCHEMA;
pub(crate) use sections::*;
pub(crate) use statutory::Statutory;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// The school's name, shown on every page and printed form.
    #[serde(default)]
    pub title: String,
    /// Where the site is published; its path (if any) prefixes every link.
    #[serde(default)]
    pub base_url: String,
    #[serde(default = "sections::default_language")]
    pub language: String,
    /// The languages pages are translated into (`[[languages]]`).
    #[serde(default)]
    pub languages: Vec<languages::Language>,
    #[serde(default)]
    pub description: String,
    /// A theme folder under `themes/`; its templates override the built-in ones.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default = "sections::default_bands")]
    pub bands: Vec<Band>,
    #[serde(default = "sections::default_strands")]
    pub strands: Vec<Strand>,
    #[serde(default)]
    pub terms: Terms,
    #[serde(default)]
    pub review: Review,
    #[serde(default)]
    pub checks: Checks,
    #[serde(default)]
    pub external_links: ExternalLinks,
    #[serde(default)]
    pub dashboard: Dashboard,
    /// The accessibility statement published at `/accessibility/`; none
    /// when the section is left out.
    #[serde(default)]
    pub accessibility: Option<Accessibility>,
    #[serde(default)]
    pub agreements: Agreements,
    /// The school's type and phases, for the register of what the law
    /// requires; no statutory checks without it.
    #[serde(default)]
    pub statutory: Option<Statutory>,
    /// Details written once and used in pages as `{{ name }}`; checked
    /// (text, one line, a usable name) by `validate`.
    #[serde(default)]
    pub values: std::collections::BTreeMap<String, toml::Value>,
    /// `[trust]`: how a school of a trust takes the trust's documents.
    #[serde(default)]
    pub trust: TrustSettings,
    /// The file as read, for reports that point into it.
    #[serde(skip)]
    pub source: Option<SourceFile>,
}

impl Config {
    /// Reads `charter.toml` from the site root. Every problem is returned as
    /// a diagnostic; a site with a broken configuration is not built.
    pub(crate) fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let raw = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                return Err(vec![Diagnostic::file(
                    Code::ConfigInvalid,
                    CONFIG_FILE,
                    format!("cannot read {CONFIG_FILE}: {e}"),
                    "run Charter in the site's folder (the one with charter.toml), or create a site with `charter init`",
                )]);
            }
        };
        let Ok(text) = String::from_utf8(raw) else {
            return Err(vec![Diagnostic::file(
                Code::ConfigInvalid,
                CONFIG_FILE,
                format!("{CONFIG_FILE} is not UTF-8 text"),
                "save the file as UTF-8 in your editor",
            )]);
        };
        let source = SourceFile::new(CONFIG_FILE, &path, &text);
        Self::parse(&source)
    }

    pub(crate) fn parse(source: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let (config, problems) = schema::parse::<Config>(&source.text, &CONFIG_SCHEMA);
        let mut diags: Vec<Diagnostic> = problems
            .into_iter()
            .map(|p| Diagnostic::at(Code::ConfigInvalid, source, p.span, p.message, p.hint))
            .collect();
        let Some(config) = config else {
            return Err(diags);
        };
        diags.extend(config.validate(source));
        if diags.is_empty() {
            Ok(Config {
                source: Some(source.clone()),
                ..config
            })
        } else {
            Err(diags)
        }
    }

    /// Rules that the types alone cannot express.
    fn validate(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let spans = Spans::parse(&source.text);
        let whole = |msg: String, hint: &str| whole_file(source, msg, hint);
        if self.title.trim().is_empty() {
            out.push(whole(
                "`title` is empty".into(),
                "give the school's name, e.g. title = \"Elmbrook Valley School\"",
            ));
        }
        out.extend(self.duplicate_ids(source));
        for (key, value) in [
            ("terms.autumn_end", &self.terms.autumn_end),
            ("terms.spring_end", &self.terms.spring_end),
            ("terms.summer_end", &self.terms.summer_end),
        ] {
            if crate::base::dates::month_day(value).is_none()
                && !(key == "terms.spring_end" && value.eq_ignore_ascii_case("easter"))
            {
                out.push(whole(
                    format!("`{key}` = \"{value}\" is not a month and day"),
                    "write it as \"MM-DD\", e.g. \"07-31\"",
                ));
            }
        }
        out.extend(self.validate_agreements(source, &spans));
        out.extend(self.validate_checks(source, &spans));
        out.extend(self.validate_external_links(source, &spans));
        out.extend(self.validate_values(source, &spans));
        out.extend(self.validate_languages(source, &spans));
        if let Err(problem) = dashboard_path(&self.dashboard.path) {
            out.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                spans.value(&["dashboard", "path"]).unwrap_or(0..0),
                format!("`dashboard.path` = \"{}\" {problem}", self.dashboard.path),
                "write a folder of the site, e.g. path = \"governors/reviews/\"",
            ));
        }
        if crate::resolve::phone::country_digits(&self.contact.phone_country).is_none() {
            out.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                spans.value(&["contact", "phone_country"]).unwrap_or(0..0),
                format!(
                    "`contact.phone_country` = \"{}\" is not a country calling code",
                    self.contact.phone_country
                ),
                "write the code with its plus sign, e.g. phone_country = \"+44\" for the United Kingdom",
            ));
        }
        out.extend(accessibility::validate(self, source, &spans));
        for name in self.terms.ends.keys() {
            if crate::base::dates::parse_term(name, &self.terms).is_none() {
                out.push(whole(
                    format!("`terms.ends` names \"{name}\", which is not a term"),
                    "write a term and its year, e.g. \"Spring 2027\"",
                ));
            }
        }
        let web_address =
            self.base_url.starts_with("https://") || self.base_url.starts_with("http://");
        if !self.base_url.is_empty() && !web_address {
            out.push(whole(
                format!("`base_url` = \"{}\" is not a web address", self.base_url),
                "write the full address, e.g. \"https://www.school.sch.uk\"",
            ));
        }
        out
    }

    /// The dashboard's folder (`governors/reviews/`) when it is published.
    pub(crate) fn dashboard_dir(&self) -> Option<String> {
        self.dashboard.publish.then(|| self.dashboard.dir())
    }

    /// Each band and strand has its own id.
    fn duplicate_ids(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let whole = |msg: String, hint: &str| whole_file(source, msg, hint);
        let mut seen = std::collections::HashSet::new();
        for b in &self.bands {
            if !seen.insert(b.id.as_str()) {
                out.push(whole(
                    format!("the band id `{}` is used twice", b.id),
                    "give every [[bands]] table its own id",
                ));
            }
        }
        for s in &self.strands {
            if !seen.insert(s.id.as_str()) {
                out.push(whole(
                    format!("the id `{}` is used twice among bands and strands", s.id),
                    "give every band and strand its own id",
                ));
            }
        }
        out
    }

    /// `[agreements]` names bands that exist and says where forms go.
    fn validate_agreements(&self, source: &SourceFile, spans: &Spans) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let whole = |msg: String, hint: &str| whole_file(source, msg, hint);
        for (i, id) in self.agreements.one_page_bands.iter().flatten().enumerate() {
            if self.band(id).is_none() {
                let hint = match schema::closest(id, self.bands.iter().map(|b| b.id.as_str())) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "use the id of one of the [[bands]]".to_string(),
                };
                let span = spans.value(&["agreements", "one_page_bands", &i.to_string()]);
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    span.unwrap_or(0..0),
                    format!("`agreements.one_page_bands` names `{id}`, which is not a band"),
                    hint,
                ));
            }
        }
        if self
            .agreements
            .return_instructions
            .as_ref()
            .is_some_and(|t| t.trim().is_empty())
        {
            out.push(whole(
                "`agreements.return_instructions` is empty".into(),
                "say where a signed form goes, e.g. \"Please return this form to your child's class teacher.\", or remove the key to use the default",
            ));
        }
        out
    }

    fn validate_checks(&self, source: &SourceFile, spans: &Spans) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let names = || Code::ALL.iter().map(|c| c.as_str());
        let unknown_code = |code: &str, span: Option<std::ops::Range<usize>>| {
            let hint = match schema::closest(code, names()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "the codes are listed in the README, under Diagnostics".to_string(),
            };
            Diagnostic::at(
                Code::ConfigInvalid,
                source,
                span.unwrap_or(0..0),
                format!("`{code}` is not a diagnostic code"),
                hint,
            )
        };
        for (i, code) in self.checks.ignore.iter().enumerate() {
            if Code::from_name(code).is_none() {
                let span = spans.string(&["checks", "ignore", &i.to_string()]);
                out.push(unknown_code(code, span));
            }
        }
        for (code, severity) in &self.checks.severity {
            if Code::from_name(code).is_none() {
                out.push(unknown_code(code, spans.key(&["checks", "severity", code])));
            }
            if crate::base::diagnostics::Severity::from_name(severity).is_none() {
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    spans.value(&["checks", "severity", code]).unwrap_or(0..0),
                    format!("\"{severity}\" is not a severity"),
                    "use \"error\", \"warning\" or \"notice\"",
                ));
            }
        }
        for (i, pattern) in self.checks.placeholders.iter().enumerate() {
            if let Err(e) = regex::Regex::new(pattern) {
                let first = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    spans
                        .string(&["checks", "placeholders", &i.to_string()])
                        .unwrap_or(0..0),
                    format!("the placeholder pattern `{pattern}` is not a valid regular expression: {first}"),
                    "escape special characters such as [ ] ( ) ? * with a backslash (\\\\ in TOML strings)",
                ));
            }
        }
        out
    }

    fn validate_external_links(&self, source: &SourceFile, spans: &Spans) -> Vec<Diagnostic> {
        let e = &self.external_links;
        let mut out = Vec::new();
        // Point at the key when it is written, else at the table.
        let at = |key: &str| {
            spans
                .key(&["external_links", key])
                .or_else(|| spans.value(&["external_links"]))
                .unwrap_or(0..0)
        };
        let mut bad = |key: &str, message: String, hint: &str| {
            out.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                at(key),
                message,
                hint.to_string(),
            ));
        };
        for (key, value) in [("threads", e.threads), ("per_host", e.per_host)] {
            if value == 0 {
                bad(
                    key,
                    format!("`external_links.{key}` is 0"),
                    "it must be at least 1",
                );
            }
        }
        for (key, value, positive) in [
            ("delay_seconds", e.delay_seconds, false),
            ("connect_timeout_seconds", e.connect_timeout_seconds, true),
            ("timeout_seconds", e.timeout_seconds, true),
            ("retry_wait_seconds", e.retry_wait_seconds, false),
            ("max_retry_after_seconds", e.max_retry_after_seconds, false),
            ("cache_days", e.cache_days, false),
            ("cache_days_failed", e.cache_days_failed, false),
        ] {
            let limit = if key.starts_with("cache") {
                36_500.0
            } else {
                86_400.0
            };
            if !value.is_finite() || value < 0.0 || (positive && value == 0.0) || value > limit {
                let wanted = if positive { "more than 0" } else { "0 or more" };
                bad(
                    key,
                    format!("`external_links.{key}` = {value} is out of range"),
                    &format!("write a number {wanted}, at most {limit}"),
                );
            }
        }
        for (i, pattern) in e.skip_patterns.iter().enumerate() {
            if let Err(err) = regex::Regex::new(pattern) {
                let first = err
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let span = spans.string(&["external_links", "skip_patterns", &i.to_string()]);
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    span.unwrap_or(0..0),
                    format!("the skip pattern `{pattern}` is not a valid regular expression: {first}"),
                    "escape special characters such as . ? * with a backslash (\\\\ in TOML strings), or use skip_urls for plain beginnings of addresses",
                ));
            }
        }
        out
    }

    /// Scheme and host of `base_url` (`https://www.school.example`), to
    /// which a page's path, base path included, is appended.
    pub(crate) fn origin(&self) -> &str {
        let trimmed = self.base_url.trim_end_matches('/');
        match trimmed.split_once("://") {
            Some((scheme, rest)) => {
                let host_len = rest.find('/').unwrap_or(rest.len());
                &trimmed[..scheme.len() + 3 + host_len]
            }
            None => "",
        }
    }

    /// The path every internal link starts with: `/`, or `/sub/` when the
    /// site is published in a folder of its host.
    pub(crate) fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }

    pub(crate) fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }

    pub(crate) fn strand(&self, id: &str) -> Option<&Strand> {
        self.strands.iter().find(|s| s.id == id)
    }
}

/// A report about the file as a whole, shown at its start.
fn whole_file(source: &SourceFile, message: String, hint: &str) -> Diagnostic {
    Diagnostic::at(Code::ConfigInvalid, source, 0..0, message, hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&SourceFile::new(CONFIG_FILE, "/x", text))
    }

    #[test]
    fn minimal_config_gets_england_defaults() {
        let c = parse("title = \"A School\"\n").unwrap();
        assert_eq!(c.bands.len(), 6);
        assert_eq!(c.strands.len(), 8);
        assert_eq!(c.review.due_soon_days, 60);
        assert_eq!(c.external_links.per_host, 2);
        assert_eq!(c.external_links.cache_days, 7.0);
        assert_eq!(c.base_path(), "/");
        assert_eq!(c.dashboard_dir().as_deref(), Some("governors/reviews/"));
        assert_eq!(c.dashboard.reminder_days, 14);
    }

    #[test]
    fn base_path_comes_from_base_url() {
        let c =
            parse("title = \"A\"\nbase_url = \"https://example.org/school/policies\"\n").unwrap();
        assert_eq!(c.base_path(), "/school/policies/");
        assert_eq!(c.origin(), "https://example.org");
    }

    #[test]
    fn unknown_keys_are_reported_with_a_suggestion() {
        let errs = parse("title = \"A\"\n[contact]\nemial = \"x\"\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "unknown key `contact.emial`");
        assert_eq!(errs[0].hint, "did you mean `contact.email`?");
        assert_eq!((errs[0].line, errs[0].column), (3, 1));
    }

    #[test]
    fn external_links_settings_are_read_and_checked() {
        let c = parse(
            "title = \"A\"\n[external_links]\ntimeout_seconds = 1\ndelay_seconds = 0.5\nskip_urls = [\"https://intranet.\"]\n",
        )
        .unwrap();
        assert_eq!(c.external_links.timeout_seconds, 1.0);
        assert_eq!(c.external_links.delay_seconds, 0.5);
        assert_eq!(c.external_links.skip_urls, ["https://intranet."]);
        let errs = parse("title = \"A\"\n[external_links]\nper_host = 0\ntimeout_seconds = 0\n")
            .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[1].line, 4);
        let errs = parse("title = \"A\"\n[external_links]\nskip_patterns = [\"(\"]\n").unwrap_err();
        assert!(errs[0].message.contains("skip pattern"), "{errs:?}");
        let errs = parse("title = \"A\"\n[external_links]\nper_hots = 3\n").unwrap_err();
        assert_eq!(errs[0].hint, "did you mean `external_links.per_host`?");
    }

    #[test]
    fn term_dates_are_read() {
        let c = parse("title = \"A\"\n[terms.ends]\n\"Spring 2026\" = 2026-03-27\n").unwrap();
        assert_eq!(c.terms.ends["Spring 2026"], jiff::civil::date(2026, 3, 27));
        let errs = parse("title = \"A\"\n[terms]\nsummer_end = \"July\"\n").unwrap_err();
        assert!(errs[0].message.contains("summer_end"));
    }

    #[test]
    fn dashboard_settings() {
        let c = parse("title = \"A\"\n[dashboard]\npath = \"/gov/reviews\"\nreminder_days = 7\n")
            .unwrap();
        assert_eq!(c.dashboard_dir().as_deref(), Some("gov/reviews/"));
        assert_eq!(c.dashboard.reminder_days, 7);
        let c = parse("title = \"A\"\n[dashboard]\npublish = false\n").unwrap();
        assert_eq!(c.dashboard_dir(), None);
        for bad in ["/", "../up", "a//b", "a b", "https://x.org/"] {
            let errs =
                parse(&format!("title = \"A\"\n[dashboard]\npath = \"{bad}\"\n")).unwrap_err();
            assert!(
                errs[0].message.contains("dashboard.path"),
                "{bad}: {errs:?}"
            );
        }
        let errs = parse("title = \"A\"\n[dashboard]\nreminders = 3\n").unwrap_err();
        assert_eq!(errs[0].hint, "did you mean `dashboard.reminder_days`?");
    }

    /// Line and column of each finding, with the start of its message.
    fn places(text: &str) -> Vec<(usize, usize, String)> {
        let errs = parse(text).expect_err("the configuration has mistakes");
        errs.iter()
            .map(|e| (e.line, e.column, e.message.clone()))
            .collect()
    }

    #[test]
    fn external_links_findings_point_at_the_key_not_a_comment() {
        let text = "title = \"A\"\n# [external_links] is for the link checker\n[external_links]\n# timeout_seconds: per request\nthreads = 4\ntimeout_seconds = 0\n";
        let found = places(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (6, 1), "{found:?}");
    }

    #[test]
    fn the_same_key_in_another_table_is_not_the_one_reported() {
        // `threads` under [checks.severity] comes first in the file.
        let text = "title = \"A\"\n[checks.severity]\n\"threads\" = \"error\"\n[external_links]\nthreads = 0\n";
        let found = places(text);
        let threads = found
            .iter()
            .find(|f| f.2 == "`external_links.threads` is 0")
            .expect("threads is reported");
        assert_eq!((threads.0, threads.1), (5, 1), "{found:?}");
        let code = found
            .iter()
            .find(|f| f.2 == "`threads` is not a diagnostic code")
            .expect("the unknown code is reported");
        assert_eq!((code.0, code.1), (3, 1), "{found:?}");
    }

    #[test]
    fn checks_findings_point_at_the_values_written() {
        let text = "title = \"A\"\n# lnk, \"fatal\" and ( are wrong below\n[checks]\nignore = [\"heading-skip\", \"lnk\"]\nplaceholders = [\"TODO\", \"(\"]\n[checks.severity]\nheading-skip = \"fatal\"\n";
        let found = places(text);
        let at = |start: &str| {
            let f = found.iter().find(|f| f.2.starts_with(start));
            f.map(|f| (f.0, f.1))
        };
        assert_eq!(at("`lnk` is not"), Some((4, 28)), "{found:?}");
        assert_eq!(
            at("the placeholder pattern `(`"),
            Some((5, 26)),
            "{found:?}"
        );
        assert_eq!(
            at("\"fatal\" is not a severity"),
            Some((7, 16)),
            "{found:?}"
        );
    }

    #[test]
    fn band_ids_and_dashboard_path_are_found_past_comments() {
        let text = "title = \"A\"\n# not \"ks9\", and never path = \"/\"\n[agreements]\none_page_bands = [\"ks1\", \"ks9\"]\n[dashboard]\npath = \"/\"\n";
        let found = places(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (4, 26), "{found:?}");
        assert!(found[0].2.contains("`ks9`"), "{found:?}");
        assert_eq!((found[1].0, found[1].1), (6, 8), "{found:?}");
        assert!(found[1].2.contains("dashboard.path"), "{found:?}");
    }
}
