//! A site's own tables of the theme's words: `strings/<code>.toml`, which
//! correct a built-in language's words or add a language Charter has no
//! table for. Problems in them are findings at their line and column.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Strings, Table, english, parse, placeholders};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::layout::STRINGS_DIR;

/// The site's tables, by the code their file is named with.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteTables {
    tables: BTreeMap<String, Table>,
    /// Where each came from (`strings/pl.toml`), for findings.
    files: BTreeMap<String, String>,
}

impl SiteTables {
    pub(crate) fn get(&self, code: &str) -> Option<&Table> {
        self.tables.get(code)
    }

    /// Reads `strings/*.toml` of the site at `root`; what is wrong in them
    /// goes to `diags` (the rest of a table is still used).
    pub(crate) fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> SiteTables {
        let mut out = SiteTables::default();
        let Ok(dir) = std::fs::read_dir(root.join(STRINGS_DIR)) else {
            return out;
        };
        let mut paths: Vec<_> = dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let rel = SourceFile::display_path(root, &path);
            let code = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    diags.push(Diagnostic::file(
                        Code::StringsInvalid,
                        rel,
                        format!("cannot read this table of the theme's words: {e}"),
                        "save it as UTF-8 text",
                    ));
                    continue;
                }
            };
            let source = SourceFile::new(&rel, &path, &text);
            if crate::languages::canonical(&code).is_none() {
                diags.push(Diagnostic::file(
                    Code::StringsInvalid,
                    rel.clone(),
                    format!("`{code}` is not a language code, so this table is not used"),
                    "name the file by its language's code, e.g. strings/pl.toml for Polish",
                ));
                continue;
            }
            let table = read_table(&source, diags);
            out.files.insert(code.clone(), rel);
            out.tables.insert(code, table);
        }
        out
    }

    /// The words of each language the site's pages are in, and a notice for
    /// each that lacks words (once per language, not per page).
    pub(crate) fn resolve_all(
        &self,
        codes: &[String],
        diags: &mut Vec<Diagnostic>,
    ) -> BTreeMap<String, Strings> {
        let mut out = BTreeMap::new();
        for code in codes {
            if out.contains_key(code) {
                continue;
            }
            let resolved = Strings::resolve(code, self);
            let file = self
                .files
                .get(code)
                .or_else(|| self.files.get(&super::primary(code)))
                .cloned()
                .unwrap_or_else(|| crate::layout::CONFIG_FILE.to_string());
            if resolved.no_table {
                diags.push(Diagnostic::file(
                    Code::StringsMissing,
                    file,
                    format!(
                        "Charter has no table of the theme's words in `{code}`, so its pages show them in English"
                    ),
                    format!(
                        "add strings/{code}.toml with the words in that language (copy the English table's keys; see the README)"
                    ),
                ));
            } else if !resolved.missing.is_empty() {
                diags.push(Diagnostic::file(
                    Code::StringsMissing,
                    file,
                    format!(
                        "{} of the theme's words have no `{code}` version, so they are shown in English: {}",
                        resolved.missing.len(),
                        resolved.missing.join(", ")
                    ),
                    format!("add these keys to strings/{code}.toml"),
                ));
            }
            out.insert(code.clone(), resolved.strings);
        }
        out
    }
}

/// A table's entries, less those with an unknown key or placeholders the
/// English words do not have (reported).
fn read_table(source: &SourceFile, diags: &mut Vec<Diagnostic>) -> Table {
    let entries = match parse(&source.text) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::at(
                Code::StringsInvalid,
                source,
                e.span,
                format!(
                    "this table of the theme's words cannot be read: {}",
                    e.message
                ),
                "write one `key = \"words\"` per line",
            ));
            return Table::new();
        }
    };
    let english = english();
    let mut table = Table::new();
    for e in entries {
        let Some(reference) = english.get(&e.key) else {
            let keys: Vec<&str> = english.keys().map(String::as_str).collect();
            let hint = match crate::base::schema::closest(&e.key, keys.iter().copied()) {
                Some(near) => {
                    format!("did you mean `{near}`? The keys are those of Charter's English table")
                }
                None => "the keys are those of Charter's English table (see the README)".into(),
            };
            diags.push(Diagnostic::at(
                Code::StringsInvalid,
                source,
                e.key_span,
                format!("`{}` is not one of the theme's words", e.key),
                hint,
            ));
            continue;
        };
        let (want, have) = (placeholders(reference), placeholders(&e.value));
        if want != have {
            diags.push(Diagnostic::at(
                Code::StringsInvalid,
                source,
                e.key_span,
                format!(
                    "`{}` must have the placeholders {} (as in English: \"{reference}\"), not {}",
                    e.key,
                    braces(&want),
                    braces(&have)
                ),
                "keep each {placeholder} of the English words, translated around it",
            ));
            continue;
        }
        table.insert(e.key, e.value);
    }
    table
}

fn braces(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}
