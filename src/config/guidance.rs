//! The guidance register (`guidance.toml`): external guidance that policies
//! cite, with editions, so that citing an old edition can be flagged.

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::schema::{self, Field, Schema};
use crate::base::source::SourceFile;

use super::spans::Spans;

use crate::layout::GUIDANCE_FILE;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    #[serde(default)]
    pub guidance: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default, deserialize_with = "optional_date")]
    pub edition: Option<Date>,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub superseded_by: Option<String>,
}

fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let raw = toml::value::Datetime::deserialize(d)?;
    crate::base::dates::toml_date(&raw)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("expected a date like 2025-09-01"))
}

static ENTRY: Schema = Schema {
    fields: &[
        Field::new("id", "a short id in quotes, e.g. \"kcsie-2026\"").required(),
        Field::new("title", "the guidance's title in quotes").required(),
        Field::new(
            "publisher",
            "who publishes it, e.g. \"Department for Education\"",
        ),
        Field::new(
            "edition",
            "the edition's date without quotes, e.g. 2026-09-01",
        ),
        Field::new("url", "the web address of the guidance"),
        Field::new("superseded_by", "the id of the newer edition"),
    ],
};
static REGISTER: Schema = Schema {
    fields: &[Field::new("guidance", "[[guidance]] tables").nested(&ENTRY)],
};

impl Guidance {
    /// Reads `guidance.toml`; a site without one has an empty register.
    pub fn load(root: &Path) -> Result<Guidance, Vec<Diagnostic>> {
        let path = root.join(GUIDANCE_FILE);
        let text = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Guidance::default()),
            Err(e) => {
                return Err(vec![Diagnostic::file(
                    Code::ConfigInvalid,
                    GUIDANCE_FILE,
                    format!("cannot read {GUIDANCE_FILE}: {e}"),
                    "check the file's permissions",
                )]);
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Err(vec![Diagnostic::file(
                        Code::ConfigInvalid,
                        GUIDANCE_FILE,
                        format!("{GUIDANCE_FILE} is not UTF-8 text"),
                        "save the file as UTF-8 in your editor",
                    )]);
                }
            },
        };
        let source = SourceFile::new(GUIDANCE_FILE, &path, &text);
        let (register, problems) = schema::parse::<Guidance>(&source.text, &REGISTER);
        let mut diags: Vec<Diagnostic> = problems
            .into_iter()
            .map(|p| Diagnostic::at(Code::ConfigInvalid, &source, p.span, p.message, p.hint))
            .collect();
        if let Some(register) = &register {
            diags.extend(register.validate(&source));
        }
        match register {
            Some(r) if diags.is_empty() => Ok(r),
            _ => Err(diags),
        }
    }

    fn validate(&self, source: &SourceFile) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let spans = Spans::parse(&source.text);
        let at = |i: usize, key: &str| {
            spans
                .value(&["guidance", &i.to_string(), key])
                .unwrap_or(0..0)
        };
        let mut seen = std::collections::HashSet::new();
        for (i, e) in self.guidance.iter().enumerate() {
            // The second use of an id is the one to change.
            if !seen.insert(e.id.as_str()) {
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    at(i, "id"),
                    format!("the guidance id `{}` is used twice", e.id),
                    "give each edition its own id, e.g. \"kcsie-2025\" and \"kcsie-2026\"",
                ));
            }
            if let Some(next) = &e.superseded_by
                && self.get(next).is_none()
            {
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    at(i, "superseded_by"),
                    format!(
                        "`{}` is superseded by `{next}`, which is not in the register",
                        e.id
                    ),
                    "add a [[guidance]] entry for the newer edition, or correct the id",
                ));
            }
        }
        out
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.guidance.iter().find(|e| e.id == id)
    }

    /// The newest edition reached by following `superseded_by` (cycles stop).
    pub fn current(&self, id: &str) -> Option<&Entry> {
        let mut entry = self.get(id)?;
        for _ in 0..self.guidance.len() {
            match entry.superseded_by.as_deref().and_then(|n| self.get(n)) {
                Some(next) => entry = next,
                None => break,
            }
        }
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line, column and message of each finding in a register.
    fn places(text: &str) -> Vec<(usize, usize, String)> {
        let source = SourceFile::new(GUIDANCE_FILE, "/x", text);
        let (register, problems) = schema::parse::<Guidance>(text, &REGISTER);
        assert!(problems.is_empty(), "{problems:?}");
        let register = register.expect("the register parses");
        let found = register.validate(&source);
        found
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn findings_point_at_the_entry_at_fault() {
        let found = places(
            "# \"kcsie-2027\" is not out yet\n[[guidance]]\nid = \"kcsie\"\ntitle = \"KCSIE\"\nsuperseded_by = \"kcsie-2027\"\n\n[[guidance]]\nid = \"kcsie\"\ntitle = \"KCSIE\"\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (5, 17), "{found:?}");
        assert!(found[0].2.contains("superseded by `kcsie-2027`"));
        // The second use of an id is the one reported.
        assert_eq!((found[1].0, found[1].1), (8, 6), "{found:?}");
        assert_eq!(found[1].2, "the guidance id `kcsie` is used twice");
    }

    #[test]
    fn register_schema_lists_exactly_the_keys_of_an_entry() {
        schema::assert_schema_matches::<Guidance>(
            &REGISTER,
            "[[guidance]]\nid = \"kcsie-2026\"\ntitle = \"KCSIE\"\npublisher = \"DfE\"\nedition = 2026-09-01\nurl = \"https://www.gov.uk/kcsie\"\nsuperseded_by = \"kcsie-2027\"\n",
        );
    }
}
