//! The theme's own words ("Home", "On this page", "Signature"…) in each
//! language: a table per language, built in (`en.toml`, the reference that
//! holds every key, and one file per language beside it), which a site
//! corrects or completes with its own `strings/<code>.toml`.
//!
//! A page's words come from its language's tables, key by key: the site's
//! table, then the built-in one, for the language as written (`pt-BR`) and
//! then for its language alone (`pt`); a key none of them has is English.
//! Templates see them as `t` (`{{ t.toc_heading }}`).

mod site;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

pub(crate) use site::SiteTables;

/// The built-in tables, English first.
const BUILT_IN: [(&str, &str); 10] = [
    ("en", include_str!("en.toml")),
    ("bn", include_str!("bn.toml")),
    ("cy", include_str!("cy.toml")),
    ("es", include_str!("es.toml")),
    ("pl", include_str!("pl.toml")),
    ("pt", include_str!("pt.toml")),
    ("ro", include_str!("ro.toml")),
    ("uk", include_str!("uk.toml")),
    ("ar", include_str!("ar.toml")),
    ("ur", include_str!("ur.toml")),
];

/// One table: key → words.
pub(crate) type Table = BTreeMap<String, String>;

/// An entry of a table as written: its key, where the key is, its words.
#[derive(Debug)]
pub(crate) struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: String,
}

/// Why a table's text could not be read, and where.
#[derive(Debug)]
pub(crate) struct TableError {
    pub message: String,
    pub span: Range<usize>,
}

/// Reads a table: a TOML file of `key = "words"` lines.
pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, TableError> {
    let root = toml::de::DeTable::parse(text).map_err(|e| TableError {
        message: e.message().to_string(),
        span: e.span().unwrap_or(0..0),
    })?;
    root.get_ref()
        .iter()
        .map(|(key, value)| match value.get_ref() {
            toml::de::DeValue::String(s) => Ok(Entry {
                key: key.get_ref().to_string(),
                key_span: key.span(),
                value: s.to_string(),
            }),
            _ => Err(TableError {
                message: format!(
                    "`{}` is not text: each entry is a key and its words in quotes",
                    key.get_ref()
                ),
                span: value.span(),
            }),
        })
        .collect()
}

/// The built-in tables, read once.
fn built_in() -> &'static BTreeMap<&'static str, Table> {
    static TABLES: OnceLock<BTreeMap<&'static str, Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(code, text)| {
                // A built-in table that does not parse fails the unit
                // tests (`tests::every_table_reads`), never a school.
                let table = parse(text)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| (e.key, e.value))
                    .collect();
                (*code, table)
            })
            .collect()
    })
}

/// The English table: every key there is.
pub(crate) fn english() -> &'static Table {
    &built_in()["en"]
}

/// Whether a code is English (`en`, `en-GB`), whose table is the reference.
pub(crate) fn is_english(code: &str) -> bool {
    primary(code) == "en"
}

/// The language of a code without its script or region: `pt-BR` → `pt`.
pub(crate) fn primary(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The placeholders of a string: `{n}`, `{date}`.
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out
}

/// The theme's words in one language, every key present.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(transparent)]
pub(crate) struct Strings {
    words: Table,
}

/// The words of a language and the keys it lacks (given in English).
pub(crate) struct Resolved {
    pub strings: Strings,
    /// Keys no table of the language has, when it has a table.
    pub missing: Vec<String>,
    /// Whether the language has no table at all, neither built in nor the
    /// site's: every word is English.
    pub no_table: bool,
}

impl Strings {
    /// The words of `code`, with the site's own tables (see the module's
    /// order).
    pub(crate) fn resolve(code: &str, site: &SiteTables) -> Resolved {
        let built = built_in();
        let whole = code.to_string();
        let first = primary(code);
        let layers: Vec<&Table> = [
            site.get(&whole),
            built.get(whole.as_str()),
            site.get(&first),
            built.get(first.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut words = Table::new();
        let mut missing = Vec::new();
        for (key, english) in english() {
            match layers.iter().find_map(|t| t.get(key)) {
                Some(w) => words.insert(key.clone(), w.clone()),
                None => {
                    if !is_english(code) {
                        missing.push(key.clone());
                    }
                    words.insert(key.clone(), english.clone())
                }
            };
        }
        let no_table = layers.is_empty() && !is_english(code);
        if no_table {
            missing.clear();
        }
        Resolved {
            strings: Strings { words },
            missing,
            no_table,
        }
    }

    /// The English words, with no site's corrections (tests, and pages
    /// made before a site is read).
    pub(crate) fn english() -> Strings {
        Strings {
            words: english().clone(),
        }
    }

    /// The words of `key`. Keys are the English table's; a key that is not
    /// one is a mistake in Charter, shown as the key itself so that it is
    /// seen.
    pub(crate) fn get<'a>(&'a self, key: &'a str) -> &'a str {
        debug_assert!(self.words.contains_key(key), "no string `{key}`");
        self.words.get(key).map_or(key, String::as_str)
    }

    /// The words of `key` with its placeholders filled: `("n", "3")`.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_string();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

#[cfg(test)]
mod tests;
