//! `charter.toml`: the site's settings, as typed structs that mirror the TOML
//! with serde defaults, so an empty file (but for `title`) is a valid site
//! for a school in England.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

use crate::diagnostics::{Code, Diagnostic};
use crate::schema::{self, Field, Schema};
use crate::source::SourceFile;

pub const CONFIG_FILE: &str = "charter.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The school's name, shown on every page and printed form.
    #[serde(default)]
    pub title: String,
    /// Where the site is published; its path (if any) prefixes every link.
    #[serde(default)]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub description: String,
    /// A theme folder under `themes/`; its templates override the built-in ones.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default = "default_bands")]
    pub bands: Vec<Band>,
    #[serde(default = "default_strands")]
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
    /// The file as read, for reports that point into it.
    #[serde(skip)]
    pub source: Option<SourceFile>,
}

/// `[checks]`: silencing codes, changing their severity, and extra
/// placeholder patterns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    /// Codes that are never reported, e.g. `["link-insecure"]`.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Code → `"error"`, `"warning"` or `"notice"`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Regular expressions for unfilled template text, beyond the built-in ones.
    #[serde(default)]
    pub placeholders: Vec<String>,
}

/// `[agreements]`: the printed forms of agreements (see `agreements`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreements {
    /// Printed at the foot of every form; by default a sentence made from
    /// `[contact]` (see `agreements::return_instructions`).
    #[serde(default)]
    pub return_instructions: Option<String>,
    /// Bands whose pupils' forms must print on one A4 page; unset: EYFS,
    /// KS1 and KS2 (`eyfs`, `ks1`, `ks2`).
    #[serde(default)]
    pub one_page_bands: Option<Vec<String>>,
}

impl Agreements {
    pub fn one_page_bands(&self) -> Vec<String> {
        self.one_page_bands.clone().unwrap_or_else(|| {
            ["eyfs", "ks1", "ks2"]
                .iter()
                .map(|s| s.to_string())
                .collect()
        })
    }
}

/// `[external_links]`: how `charter check --external` checks links over the
/// network. Durations are in seconds (decimals allowed); lifetimes in days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalLinks {
    /// Worker threads: requests open at once over all hosts.
    #[serde(default = "default_threads")]
    pub threads: usize,
    /// Requests open at once to one host.
    #[serde(default = "default_per_host")]
    pub per_host: usize,
    /// Least time between the starts of two requests to one host.
    #[serde(default = "default_delay_seconds")]
    pub delay_seconds: f64,
    /// Time allowed to connect (name look-up, TCP, TLS).
    #[serde(default = "default_connect_timeout_seconds")]
    pub connect_timeout_seconds: f64,
    /// Time allowed for a whole request, until the answer's headers.
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: f64,
    /// Tries after the first for 429, 5xx, time-outs and failed connections.
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// Pause before the first retry; it doubles for each further one.
    #[serde(default = "default_retry_wait_seconds")]
    pub retry_wait_seconds: f64,
    /// The longest `Retry-After` a server is obeyed for.
    #[serde(default = "default_max_retry_after_seconds")]
    pub max_retry_after_seconds: f64,
    /// Redirects followed before a link counts as unreachable.
    #[serde(default = "default_max_redirects")]
    pub max_redirects: u32,
    /// Days a working link's result is kept in the cache.
    #[serde(default = "default_cache_days")]
    pub cache_days: f64,
    /// Days a failure (dead or unreachable) is kept in the cache.
    #[serde(default = "default_cache_days_failed")]
    pub cache_days_failed: f64,
    /// Addresses never checked: each entry is the start of an address.
    #[serde(default)]
    pub skip_urls: Vec<String>,
    /// Addresses never checked: regular expressions.
    #[serde(default)]
    pub skip_patterns: Vec<String>,
    /// Files whose links are never checked: globs (`content/archive/**`)
    /// or paths of a file or folder (`content/archive`).
    #[serde(default)]
    pub skip_files: Vec<String>,
}

impl Default for ExternalLinks {
    fn default() -> Self {
        ExternalLinks {
            threads: default_threads(),
            per_host: default_per_host(),
            delay_seconds: default_delay_seconds(),
            connect_timeout_seconds: default_connect_timeout_seconds(),
            timeout_seconds: default_timeout_seconds(),
            retries: default_retries(),
            retry_wait_seconds: default_retry_wait_seconds(),
            max_retry_after_seconds: default_max_retry_after_seconds(),
            max_redirects: default_max_redirects(),
            cache_days: default_cache_days(),
            cache_days_failed: default_cache_days_failed(),
            skip_urls: Vec::new(),
            skip_patterns: Vec::new(),
            skip_files: Vec::new(),
        }
    }
}

fn default_threads() -> usize {
    16
}
fn default_per_host() -> usize {
    2
}
fn default_delay_seconds() -> f64 {
    0.05
}
fn default_connect_timeout_seconds() -> f64 {
    10.0
}
fn default_timeout_seconds() -> f64 {
    20.0
}
fn default_retries() -> u32 {
    2
}
fn default_retry_wait_seconds() -> f64 {
    1.0
}
fn default_max_retry_after_seconds() -> f64 {
    30.0
}
fn default_max_redirects() -> u32 {
    10
}
fn default_cache_days() -> f64 {
    7.0
}
fn default_cache_days_failed() -> f64 {
    1.0
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
    /// How to report a concern about a child: shown in the parents hub.
    #[serde(default)]
    pub safeguarding: String,
}

/// `[accessibility]`: what the accessibility statement says, in the parts
/// of the UK model statement (see `statement`). Dates are TOML dates, or
/// quoted `YYYY-MM-DD`; they are checked in `statement::validate`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// `"fully compliant"`, `"partially compliant"` or `"not compliant"`
    /// (with WCAG 2.2 AA).
    #[serde(default)]
    pub status: String,
    /// When the statement was prepared.
    #[serde(default)]
    pub prepared: Option<toml::Spanned<toml::Value>>,
    /// When it was last reviewed.
    #[serde(default)]
    pub reviewed: Option<toml::Spanned<toml::Value>>,
    /// When the website was last tested, and by whom (and how).
    #[serde(default)]
    pub tested: Option<toml::Spanned<toml::Value>>,
    #[serde(default)]
    pub tested_by: String,
    /// What the statement covers; default: the site's `base_url`.
    #[serde(default)]
    pub scope: String,
    /// How soon the school answers a request for another format.
    #[serde(default)]
    pub reply_within: String,
    /// `"england"` (default), `"wales"`, `"scotland"` or
    /// `"northern-ireland"`: who enforces the regulations.
    #[serde(default)]
    pub country: String,
    /// What the school is doing to improve accessibility.
    #[serde(default)]
    pub improvements: String,
    /// What is not accessible, and why.
    #[serde(default)]
    pub issues: Vec<AccessibilityIssue>,
}

/// One `[[accessibility.issues]]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityIssue {
    /// What does not work, in plain words.
    #[serde(default)]
    pub problem: String,
    /// `"non-compliance"` (default), `"disproportionate-burden"` or
    /// `"out-of-scope"`.
    #[serde(default)]
    pub reason: String,
    /// The WCAG success criterion it fails, e.g. `"1.1.1 Non-text content"`.
    #[serde(default)]
    pub criterion: String,
    /// What the school will do about it, and by when.
    #[serde(default)]
    pub plan: String,
}

/// An age band (key stage): pupils' agreements and units are written per band.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub years: Vec<String>,
    #[serde(default)]
    pub ages: String,
    /// Highest Flesch–Kincaid grade a pupils' agreement of this band may
    /// read at; defaults by band (see `Band::reading_grade`).
    #[serde(default, skip_serializing)]
    pub reading_grade: Option<f64>,
}

impl Band {
    /// The readability limit: set in config, else a default for England's
    /// bands, else worked out from the youngest age (`ages = "7 to 11"`).
    pub fn reading_grade(&self) -> Option<f64> {
        if self.reading_grade.is_some() {
            return self.reading_grade;
        }
        let by_id = match self.id.as_str() {
            "eyfs" => Some(3.0),
            "ks1" => Some(4.0),
            "ks2" => Some(6.0),
            "ks3" => Some(8.5),
            "ks4" => Some(10.5),
            "sixth-form" => Some(12.5),
            _ => None,
        };
        by_id.or_else(|| {
            let youngest: f64 = self
                .ages
                .split(|c: char| !c.is_ascii_digit())
                .find(|s| !s.is_empty())?
                .parse()
                .ok()?;
            Some((youngest - 3.0).clamp(2.0, 13.0))
        })
    }
}

/// A curriculum strand (by default, the UKCIS framework's eight).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Strand {
    pub id: String,
    pub name: String,
}

/// When school terms end, so that "next review: Autumn 2025" has a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// Month and day the autumn term ends, `"MM-DD"`.
    #[serde(default = "default_autumn_end")]
    pub autumn_end: String,
    /// `"easter"` (Easter Sunday of that year) or `"MM-DD"`.
    #[serde(default = "default_spring_end")]
    pub spring_end: String,
    #[serde(default = "default_summer_end")]
    pub summer_end: String,
    /// Exact end dates for particular terms, e.g. `"Spring 2026" = 2026-03-27`.
    #[serde(default, deserialize_with = "dates_by_name")]
    pub ends: BTreeMap<String, Date>,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            autumn_end: default_autumn_end(),
            spring_end: default_spring_end(),
            summer_end: default_summer_end(),
            ends: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// A review falling due within this many days is "due soon".
    #[serde(default = "default_due_soon_days")]
    pub due_soon_days: u32,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            due_soon_days: default_due_soon_days(),
        }
    }
}

/// `[dashboard]`: the governors' review dashboard and its CSV and
/// iCalendar files (see `crate::governors`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dashboard {
    /// Where the dashboard is published, from the site's base, e.g.
    /// `"governors/reviews/"`.
    #[serde(default = "default_dashboard_path")]
    pub path: String,
    /// `false` leaves the dashboard and its files out of the site.
    #[serde(default = "default_true")]
    pub publish: bool,
    /// Calendar reminders this many days before each review; 0: none.
    #[serde(default = "default_reminder_days")]
    pub reminder_days: u32,
}

impl Default for Dashboard {
    fn default() -> Self {
        Dashboard {
            path: default_dashboard_path(),
            publish: true,
            reminder_days: default_reminder_days(),
        }
    }
}

impl Dashboard {
    /// The path as a folder under the site's base: `governors/reviews/`.
    pub fn dir(&self) -> String {
        format!("{}/", self.path.trim_matches('/'))
    }
}

fn default_dashboard_path() -> String {
    "governors/reviews/".into()
}
fn default_true() -> bool {
    true
}
fn default_reminder_days() -> u32 {
    14
}

fn default_language() -> String {
    "en-GB".into()
}
fn default_autumn_end() -> String {
    "12-31".into()
}
fn default_spring_end() -> String {
    "easter".into()
}
fn default_summer_end() -> String {
    "07-31".into()
}
fn default_due_soon_days() -> u32 {
    60
}

fn default_bands() -> Vec<Band> {
    let band = |id: &str, name: &str, years: &[&str], ages: &str| Band {
        id: id.into(),
        name: name.into(),
        years: years.iter().map(|y| y.to_string()).collect(),
        ages: ages.into(),
        reading_grade: None,
    };
    vec![
        band(
            "eyfs",
            "Early Years Foundation Stage",
            &["Nursery", "Reception"],
            "3 to 5",
        ),
        band("ks1", "Key Stage 1", &["Year 1", "Year 2"], "5 to 7"),
        band(
            "ks2",
            "Key Stage 2",
            &["Year 3", "Year 4", "Year 5", "Year 6"],
            "7 to 11",
        ),
        band(
            "ks3",
            "Key Stage 3",
            &["Year 7", "Year 8", "Year 9"],
            "11 to 14",
        ),
        band("ks4", "Key Stage 4", &["Year 10", "Year 11"], "14 to 16"),
        band(
            "sixth-form",
            "Sixth Form",
            &["Year 12", "Year 13"],
            "16 to 18",
        ),
    ]
}

/// The eight strands of UKCIS's *Education for a Connected World*.
fn default_strands() -> Vec<Strand> {
    [
        ("self-image-and-identity", "Self-image and identity"),
        ("online-relationships", "Online relationships"),
        ("online-reputation", "Online reputation"),
        ("online-bullying", "Online bullying"),
        ("managing-online-information", "Managing online information"),
        (
            "health-wellbeing-and-lifestyle",
            "Health, wellbeing and lifestyle",
        ),
        ("privacy-and-security", "Privacy and security"),
        ("copyright-and-ownership", "Copyright and ownership"),
    ]
    .into_iter()
    .map(|(id, name)| Strand {
        id: id.into(),
        name: name.into(),
    })
    .collect()
}

/// TOML dates arrive as `toml::value::Datetime`; Charter works in jiff dates.
pub fn toml_date(d: &toml::value::Datetime) -> Option<Date> {
    match (d.date, d.time) {
        (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8).ok(),
        _ => None,
    }
}

fn dates_by_name<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Date>, D::Error> {
    let raw = BTreeMap::<String, toml::value::Datetime>::deserialize(d)?;
    raw.into_iter()
        .map(|(name, value)| {
            toml_date(&value)
                .map(|date| (name.clone(), date))
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("`{name}` needs a date like 2026-03-27"))
                })
        })
        .collect()
}

static CONTACT: Schema = Schema {
    fields: &[
        Field::new("email", "an email address in quotes"),
        Field::new("phone", "a phone number in quotes"),
        Field::new("address", "the postal address in quotes"),
        Field::new("safeguarding", "a sentence saying how to report a concern"),
    ],
};
static BAND: Schema = Schema {
    fields: &[
        Field::new("id", "a short id like \"ks2\"").required(),
        Field::new("name", "a name like \"Key Stage 2\"").required(),
        Field::new("years", "a list like [\"Year 3\", \"Year 4\"]"),
        Field::new("ages", "text like \"7 to 11\""),
        Field::new(
            "reading_grade",
            "a number, the highest Flesch–Kincaid grade for this band's agreements, e.g. 6.0",
        ),
    ],
};
static STRAND: Schema = Schema {
    fields: &[
        Field::new("id", "a short id like \"online-bullying\"").required(),
        Field::new("name", "a name like \"Online bullying\"").required(),
    ],
};
static TERMS: Schema = Schema {
    fields: &[
        Field::new("autumn_end", "a month and day like \"12-31\""),
        Field::new("spring_end", "\"easter\" or a month and day like \"04-05\""),
        Field::new("summer_end", "a month and day like \"07-31\""),
        Field::new(
            "ends",
            "a table of term names and dates, like \"Spring 2026\" = 2026-03-27",
        ),
    ],
};
static CHECKS: Schema = Schema {
    fields: &[
        Field::new("ignore", "a list of codes, e.g. [\"link-insecure\"]"),
        Field::new(
            "severity",
            "a table of codes and severities, e.g. heading-skip = \"error\"",
        ),
        Field::new("placeholders", "a list of regular expressions in quotes"),
    ],
};
static REVIEW: Schema = Schema {
    fields: &[Field::new(
        "due_soon_days",
        "a whole number of days, like 60",
    )],
};
static EXTERNAL_LINKS: Schema = Schema {
    fields: &[
        Field::new("threads", "a whole number of worker threads, like 16"),
        Field::new(
            "per_host",
            "a whole number of requests at once to one host, like 2",
        ),
        Field::new("delay_seconds", "a number of seconds, like 0.05"),
        Field::new("connect_timeout_seconds", "a number of seconds, like 10"),
        Field::new("timeout_seconds", "a number of seconds, like 20"),
        Field::new("retries", "a whole number of tries after the first, like 2"),
        Field::new("retry_wait_seconds", "a number of seconds, like 1"),
        Field::new("max_retry_after_seconds", "a number of seconds, like 30"),
        Field::new("max_redirects", "a whole number, like 10"),
        Field::new("cache_days", "a number of days, like 7"),
        Field::new("cache_days_failed", "a number of days, like 1"),
        Field::new(
            "skip_urls",
            "a list of address beginnings, e.g. [\"https://intranet.school.sch.uk/\"]",
        ),
        Field::new("skip_patterns", "a list of regular expressions in quotes"),
        Field::new(
            "skip_files",
            "a list of files, folders or globs, e.g. [\"content/archive/**\"]",
        ),
    ],
};

static DASHBOARD: Schema = Schema {
    fields: &[
        Field::new(
            "path",
            "a folder of the site in quotes, like \"governors/reviews/\"",
        ),
        Field::new("publish", "true or false"),
        Field::new(
            "reminder_days",
            "a whole number of days before each review, like 14 (0: no reminder)",
        ),
    ],
};

static ACCESSIBILITY_ISSUE: Schema = Schema {
    fields: &[
        Field::new("problem", "a sentence in quotes saying what does not work").required(),
        Field::new(
            "reason",
            "\"non-compliance\", \"disproportionate-burden\" or \"out-of-scope\"",
        ),
        Field::new(
            "criterion",
            "the WCAG success criterion in quotes, e.g. \"1.1.1 Non-text content\"",
        ),
        Field::new(
            "plan",
            "a sentence in quotes saying what you will do, and by when",
        ),
    ],
};
static ACCESSIBILITY: Schema = Schema {
    fields: &[
        Field::new(
            "status",
            "\"fully compliant\", \"partially compliant\" or \"not compliant\"",
        )
        .required(),
        Field::new("prepared", "a date like 2026-09-14").required(),
        Field::new("reviewed", "a date like 2026-11-02"),
        Field::new("tested", "a date like 2026-09-10"),
        Field::new("tested_by", "who tested the website, and how, in quotes"),
        Field::new("scope", "the websites the statement covers, in quotes"),
        Field::new("reply_within", "a time in quotes, like \"5 school days\""),
        Field::new(
            "country",
            "\"england\", \"wales\", \"scotland\" or \"northern-ireland\"",
        ),
        Field::new("improvements", "a sentence or two in quotes"),
        Field::new("issues", "[[accessibility.issues]] tables").nested(&ACCESSIBILITY_ISSUE),
    ],
};
static AGREEMENTS: Schema = Schema {
    fields: &[
        Field::new(
            "return_instructions",
            "a sentence in quotes saying where to return a signed form",
        ),
        Field::new(
            "one_page_bands",
            "a list of band ids, e.g. [\"eyfs\", \"ks1\", \"ks2\"]",
        ),
    ],
};
pub static CONFIG_SCHEMA: Schema = Schema {
    fields: &[
        Field::new("title", "the school's name in quotes").required(),
        Field::new(
            "base_url",
            "the site's address, like \"https://www.school.sch.uk\"",
        ),
        Field::new("language", "a language tag like \"en-GB\""),
        Field::new("description", "one sentence in quotes"),
        Field::new("theme", "the name of a folder under themes/"),
        Field::new("contact", "a [contact] table").nested(&CONTACT),
        Field::new("bands", "[[bands]] tables").nested(&BAND),
        Field::new("strands", "[[strands]] tables").nested(&STRAND),
        Field::new("terms", "a [terms] table").nested(&TERMS),
        Field::new("review", "a [review] table").nested(&REVIEW),
        Field::new("checks", "a [checks] table").nested(&CHECKS),
        Field::new("external_links", "an [external_links] table").nested(&EXTERNAL_LINKS),
        Field::new("dashboard", "a [dashboard] table").nested(&DASHBOARD),
        Field::new("accessibility", "an [accessibility] table").nested(&ACCESSIBILITY),
        Field::new("agreements", "an [agreements] table").nested(&AGREEMENTS),
    ],
};

impl Config {
    /// Reads `charter.toml` from the site root. Every problem is returned as
    /// a diagnostic; a site with a broken configuration is not built.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
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
        let text = match String::from_utf8(raw) {
            Ok(t) => t,
            Err(_) => {
                return Err(vec![Diagnostic::file(
                    Code::ConfigInvalid,
                    CONFIG_FILE,
                    format!("{CONFIG_FILE} is not UTF-8 text"),
                    "save the file as UTF-8 in your editor",
                )]);
            }
        };
        let source = SourceFile::new(CONFIG_FILE, &path, &text);
        Self::parse(&source)
    }

    pub fn parse(source: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
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
        let whole = |msg: String, hint: &str| {
            Diagnostic::at(Code::ConfigInvalid, source, 0..0, msg, hint.to_string())
        };
        if self.title.trim().is_empty() {
            out.push(whole(
                "`title` is empty".into(),
                "give the school's name, e.g. title = \"Elmbrook Valley School\"",
            ));
        }
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
        for (key, value) in [
            ("terms.autumn_end", &self.terms.autumn_end),
            ("terms.spring_end", &self.terms.spring_end),
            ("terms.summer_end", &self.terms.summer_end),
        ] {
            if crate::review::month_day(value).is_none()
                && !(key == "terms.spring_end" && value.eq_ignore_ascii_case("easter"))
            {
                out.push(whole(
                    format!("`{key}` = \"{value}\" is not a month and day"),
                    "write it as \"MM-DD\", e.g. \"07-31\"",
                ));
            }
        }
        for id in self.agreements.one_page_bands.iter().flatten() {
            if self.band(id).is_none() {
                let hint = match schema::closest(id, self.bands.iter().map(|b| b.id.as_str())) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "use the id of one of the [[bands]]".to_string(),
                };
                let start = source.text.find(&format!("\"{id}\"")).unwrap_or(0);
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    start..start + id.len() + 2,
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
        out.extend(self.validate_checks(source));
        out.extend(self.validate_external_links(source));
        if let Err(problem) = dashboard_path(&self.dashboard.path) {
            let needle = format!("\"{}\"", self.dashboard.path);
            let start = source.text.find(&needle).unwrap_or(0);
            let span = if start == 0 {
                0..0
            } else {
                start..start + needle.len()
            };
            out.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                span,
                format!("`dashboard.path` = \"{}\" {problem}", self.dashboard.path),
                "write a folder of the site, e.g. path = \"governors/reviews/\"",
            ));
        }
        out.extend(crate::statement::validate(self, source));
        for name in self.terms.ends.keys() {
            if crate::review::parse_term(name, &self.terms).is_none() {
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
    pub fn dashboard_dir(&self) -> Option<String> {
        self.dashboard.publish.then(|| self.dashboard.dir())
    }

    fn validate_checks(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |needle: &str| {
            let start = source.text.find(needle).unwrap_or(0);
            start..start + needle.len()
        };
        let names = || crate::diagnostics::Code::ALL.iter().map(|c| c.as_str());
        let unknown_code = |code: &str| {
            let hint = match schema::closest(code, names()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "the codes are listed in the README, under Diagnostics".to_string(),
            };
            Diagnostic::at(
                Code::ConfigInvalid,
                source,
                at(code),
                format!("`{code}` is not a diagnostic code"),
                hint,
            )
        };
        for code in &self.checks.ignore {
            if Code::from_name(code).is_none() {
                out.push(unknown_code(code));
            }
        }
        for (code, severity) in &self.checks.severity {
            if Code::from_name(code).is_none() {
                out.push(unknown_code(code));
            }
            if crate::diagnostics::Severity::from_name(severity).is_none() {
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    at(&format!("\"{severity}\"")),
                    format!("\"{severity}\" is not a severity"),
                    "use \"error\", \"warning\" or \"notice\"",
                ));
            }
        }
        for pattern in &self.checks.placeholders {
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
                    at(pattern),
                    format!("the placeholder pattern `{pattern}` is not a valid regular expression: {first}"),
                    "escape special characters such as [ ] ( ) ? * with a backslash (\\\\ in TOML strings)",
                ));
            }
        }
        out
    }

    fn validate_external_links(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let e = &self.external_links;
        let mut out = Vec::new();
        // Point at the key's line when it is written, else at the table.
        let at = |key: &str| {
            let table = source.text.find("[external_links]").unwrap_or(0);
            let start = source.text[table..].find(key).map_or(table, |i| table + i);
            start..start + key.len()
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
        for pattern in &e.skip_patterns {
            if let Err(err) = regex::Regex::new(pattern) {
                let first = err
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let start = source.text.find(pattern.as_str()).unwrap_or(0);
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    start..start + pattern.len(),
                    format!("the skip pattern `{pattern}` is not a valid regular expression: {first}"),
                    "escape special characters such as . ? * with a backslash (\\\\ in TOML strings), or use skip_urls for plain beginnings of addresses",
                ));
            }
        }
        out
    }

    /// The path every internal link starts with: `/`, or `/sub/` when the
    /// site is published in a folder of its host.
    /// Scheme and host of `base_url` (`https://www.school.example`), to
    /// which a page's path, base path included, is appended.
    pub fn origin(&self) -> &str {
        let trimmed = self.base_url.trim_end_matches('/');
        match trimmed.split_once("://") {
            Some((scheme, rest)) => {
                let host_len = rest.find('/').unwrap_or(rest.len());
                &trimmed[..scheme.len() + 3 + host_len]
            }
            None => "",
        }
    }

    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }

    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }

    pub fn strand(&self, id: &str) -> Option<&Strand> {
        self.strands.iter().find(|s| s.id == id)
    }
}

/// Whether a dashboard path names a folder inside the site: not empty (the
/// home page), no `.` or `..`, nothing that reads as a query or anchor.
fn dashboard_path(path: &str) -> Result<(), &'static str> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return Err("would replace the home page");
    }
    if path.contains("://") {
        return Err("is a web address, not a folder of the site");
    }
    for segment in trimmed.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err("has an empty, `.` or `..` folder name");
        }
        if segment
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '?' | '#' | '%'))
        {
            return Err("has a space or one of \\ ? # % in it");
        }
    }
    Ok(())
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
}
