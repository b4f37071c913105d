//! `translates`: the version of its source a translation was made from —
//! the source's `approved` date, or, for a page without one, a fingerprint
//! of the source's words — and whether the source is still at it.
//!
//! The fingerprint covers what a translator translates: the body, and the
//! front matter keys a translation has (`title`, `summary`, the consents'
//! labels, `topics`, `objectives`). Review dates, owners and the like are
//! not in it, nor white space at the ends of lines, blank lines around
//! the body or line endings (CRLF or LF): changing them leaves every
//! translation current.

use jiff::civil::Date;
use sha2::{Digest, Sha256};

use super::Page;
use super::translations::Translation;

/// A version of a source page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Version {
    /// The source's `approved` date.
    Approved(Date),
    /// `sha256:` and 16 hex digits: the fingerprint of the source's words.
    Fingerprint(String),
}

const PREFIX: &str = "sha256:";

impl Version {
    /// The value as written after `translates = `.
    pub(crate) fn toml(&self) -> String {
        match self {
            Version::Approved(d) => d.to_string(),
            Version::Fingerprint(f) => format!("\"{f}\""),
        }
    }

    /// For messages: "approved on 2026-09-17", "with fingerprint sha256:…".
    pub(crate) fn describe(&self) -> String {
        match self {
            Version::Approved(d) => format!("approved on {d}"),
            Version::Fingerprint(f) => format!("with fingerprint {f}"),
        }
    }

    /// Reads a `translates` value: a TOML date (or a date in quotes) or a
    /// fingerprint. `None` for anything else.
    pub(crate) fn read(value: &toml::Value) -> Option<Version> {
        match value {
            toml::Value::Datetime(d) => crate::base::dates::toml_date(d).map(Version::Approved),
            toml::Value::String(s) => {
                let s = s.trim();
                if let Some(hex) = s.strip_prefix(PREFIX) {
                    let ok = !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
                    ok.then(|| Version::Fingerprint(s.to_ascii_lowercase()))
                } else {
                    s.parse().ok().map(Version::Approved)
                }
            }
            _ => None,
        }
    }

    /// The version a text of the source file (as written, e.g. an old one
    /// from git) has, of the same kind as `self`.
    pub(crate) fn of_text(&self, text: &str) -> Option<Version> {
        match self {
            Version::Approved(_) => {
                super::history::approved_and_body(text).map(|(d, _)| Version::Approved(d))
            }
            Version::Fingerprint(_) => Some(Version::Fingerprint(fingerprint(text))),
        }
    }
}

/// The version a source page is at now.
pub(crate) fn current(source: &Page) -> Version {
    match source.review.as_ref().and_then(|r| r.approved) {
        Some(d) => Version::Approved(d),
        None => Version::Fingerprint(fingerprint(source.source.written_text())),
    }
}

/// What `translates` says, when it does not name the source's version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Named {
    /// No `translates` at all.
    Missing,
    /// A value that names no version (a number, a word).
    Unreadable,
    /// An earlier (or other) version.
    Other(Version),
}

/// A translation behind its source: what it names and what the source is
/// at now.
#[derive(Debug, Clone)]
pub(crate) struct Stale {
    pub named: Named,
    pub now: Version,
}

/// Whether `translation` (of `source`) is behind its source.
pub(crate) fn stale(translation: &Translation, source: &Page) -> Option<Stale> {
    let now = current(source);
    let named = match &translation.translates {
        None => Named::Missing,
        Some(v) => match Version::read(v.get_ref()) {
            None => Named::Unreadable,
            Some(v) if v == now => return None,
            Some(v) => Named::Other(v),
        },
    };
    Some(Stale { named, now })
}

/// The fingerprint of a page's text as written (front matter included):
/// `sha256:` and the first 16 hex digits of the SHA-256 of its words (see
/// the module's comment for what they are).
pub(crate) fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(words(text).as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{PREFIX}{hex}")
}

/// What the fingerprint covers, one field after another, each with its
/// name and length so that no two pages' words run together alike.
fn words(text: &str) -> String {
    let (front, body) = translated_words(text);
    let mut out = String::new();
    for (name, value) in front.iter().chain([&("body", body)]) {
        out.push_str(&format!("{name} {}\n{value}\n", value.len()));
    }
    out
}

/// The words of a page's text as written that its translations translate:
/// its front matter's (`title`, `summary`, the consents' labels, `topics`,
/// `objectives`, each with its key) and its body, both without white
/// space at line ends. Front matter TOML cannot read (reported elsewhere)
/// counts as words, all of it.
pub(crate) fn translated_words(text: &str) -> (Vec<(&'static str, String)>, String) {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let (front, body) = super::history::split_front_matter(&text).unwrap_or(("", &text));
    let mut out = Vec::new();
    let Ok(table) = front.parse::<toml::Table>() else {
        return (vec![("front", normalise(front))], normalise(body));
    };
    let mut push = |name, value: &str| out.push((name, value.trim().to_string()));
    for key in ["title", "summary"] {
        if let Some(s) = table.get(key).and_then(|v| v.as_str()) {
            push(key, s);
        }
    }
    for c in array(&table, "consents") {
        if let Some(label) = c.get("label").and_then(|v| v.as_str()) {
            push("consent", label);
        }
    }
    for key in ["topics", "objectives"] {
        for s in array(&table, key).iter().filter_map(|v| v.as_str()) {
            push(key, s);
        }
    }
    (out, normalise(body))
}

fn array<'t>(table: &'t toml::Table, key: &str) -> &'t [toml::Value] {
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map_or(&[], |a| a.as_slice())
}

/// Lines without the white space at their ends, and without blank lines
/// before the first and after the last.
fn normalise(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "+++\ntitle = \"Screen time\"\nsummary = \"Sleep first.\"\ntopics = [\"sleep\"]\nnext_review = 2027-01-01\n+++\n\n## Before bed\n\nPut devices away.\n";

    #[test]
    fn the_fingerprint_is_stable_across_versions_of_charter() {
        // Frozen: a change here makes every marked translation stale.
        assert_eq!(fingerprint(PAGE), "sha256:5160b377be383b2d");
    }

    #[test]
    fn the_fingerprint_covers_the_words_and_nothing_else() {
        let same = [
            PAGE.replace(
                "next_review = 2027-01-01",
                "next_review = 2028-01-01\nowners = [\"Head\"]",
            ),
            PAGE.replace("away.\n", "away.   \n\n\n")
                .replace('\n', "\r\n"),
            format!("\u{feff}{}", PAGE.replace("bed\n", "bed \t\n")),
        ];
        for text in &same {
            assert_eq!(fingerprint(text), fingerprint(PAGE), "{text:?}");
        }
        let changed = [
            PAGE.replace("Screen time", "Screen-time"),
            PAGE.replace("Sleep first.", "Sleep."),
            PAGE.replace("\"sleep\"", "\"sleep\", \"games\""),
            PAGE.replace("Put devices", "Put phones"),
            PAGE.replace("## Before", "### Before"),
        ];
        for text in &changed {
            assert_ne!(fingerprint(text), fingerprint(PAGE), "{text:?}");
        }
        let consents =
            "+++\ntitle = \"A\"\n[[consents]]\nid = \"photos\"\nlabel = \"Photos\"\n+++\n";
        assert_ne!(
            fingerprint(consents),
            fingerprint(&consents.replace("= \"Photos\"", "= \"Photos in school\""))
        );
    }

    #[test]
    fn translates_values_are_read() {
        let value = |s: &str| {
            let t: toml::Table = format!("v = {s}").parse().unwrap();
            Version::read(&t["v"])
        };
        let date = jiff::civil::date(2026, 9, 17);
        assert_eq!(value("2026-09-17"), Some(Version::Approved(date)));
        assert_eq!(value("\"2026-09-17\""), Some(Version::Approved(date)));
        assert_eq!(
            value("\"sha256:00AAff\""),
            Some(Version::Fingerprint("sha256:00aaff".into()))
        );
        assert_eq!(value("\"sha256:\""), None);
        assert_eq!(value("\"yesterday\""), None);
        assert_eq!(value("42"), None);
        assert_eq!(Version::Approved(date).toml(), "2026-09-17");
        assert_eq!(
            Version::Fingerprint("sha256:ab".into()).toml(),
            "\"sha256:ab\""
        );
    }
}
