//! The tables of `charter.toml` besides the top-level keys: each mirrors
//! its TOML with serde defaults.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `[checks]`: silencing codes, changing their severity, and extra
/// placeholder patterns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Checks {
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
pub(crate) struct Agreements {
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
    pub(crate) fn one_page_bands(&self) -> Vec<String> {
        self.one_page_bands.clone().unwrap_or_else(|| {
            ["eyfs", "ks1", "ks2"]
                .iter()
                .map(ToString::to_string)
                .collect()
        })
    }
}

/// `[external_links]`: how `charter check --external` checks links over the
/// network. Durations are in seconds (decimals allowed); lifetimes in days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExternalLinks {
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

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// The country calling code that `tel:` links of national numbers
    /// take (`+44`, the default, for `01632 960418`).
    #[serde(default = "default_phone_country")]
    pub phone_country: String,
    #[serde(default)]
    pub address: String,
    /// How to report a concern about a child: shown in the parents hub.
    #[serde(default)]
    pub safeguarding: String,
}

impl Default for Contact {
    fn default() -> Self {
        Contact {
            email: String::new(),
            phone: String::new(),
            phone_country: default_phone_country(),
            address: String::new(),
            safeguarding: String::new(),
        }
    }
}

fn default_phone_country() -> String {
    crate::resolve::phone::DEFAULT_COUNTRY.to_string()
}

/// `[accessibility]`: what the accessibility statement says, in the parts
/// of the UK model statement (see `statement`). Dates are TOML dates, or
/// quoted `YYYY-MM-DD`; they are checked in `statement::validate`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accessibility {
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
pub(crate) struct AccessibilityIssue {
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
pub(crate) struct Band {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub years: Vec<String>,
    /// "11 to 14", however it was written (see `config::ages`).
    #[serde(default, deserialize_with = "super::ages::deserialize")]
    pub ages: String,
    /// Highest Flesch–Kincaid grade a pupils' agreement of this band may
    /// read at; defaults by band (see `Band::reading_grade`).
    #[serde(default, skip_serializing)]
    pub reading_grade: Option<f64>,
}

impl Band {
    /// The readability limit: set in config, else a default for England's
    /// bands, else worked out from the youngest age (`ages = "7 to 11"`).
    pub(crate) fn reading_grade(&self) -> Option<f64> {
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
pub(crate) struct Strand {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Review {
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
/// iCalendar files (see `crate::render::dashboard`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dashboard {
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
    pub(crate) fn dir(&self) -> String {
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

pub(super) fn default_language() -> String {
    "en-GB".into()
}
fn default_due_soon_days() -> u32 {
    60
}

pub(super) fn default_bands() -> Vec<Band> {
    let band = |id: &str, name: &str, years: &[&str], ages: &str| Band {
        id: id.into(),
        name: name.into(),
        years: years.iter().map(ToString::to_string).collect(),
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
pub(super) fn default_strands() -> Vec<Strand> {
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

/// Whether a dashboard path names a folder inside the site: not empty (the
/// home page), no `.` or `..`, nothing that reads as a query or anchor.
pub(super) fn dashboard_path(path: &str) -> Result<(), &'static str> {
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

/// `[trust]` in a school's `charter.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrustSettings {
    /// Ids of the trust's documents this school does not publish, with
    /// where each is written (for a report on an unknown id).
    #[serde(default)]
    pub exclude: Vec<toml::Spanned<String>>,
}
