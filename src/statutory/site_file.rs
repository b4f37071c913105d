//! The site's own register file (`[statutory] register`): sources and
//! requirements that add to the built-in register, or correct an entry of
//! it by id. Its problems are configuration errors at the place in it.

use std::ops::Range;
use std::path::Path;

use super::register::{self, FILE_SCHEMA, Register, Requirement};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::schema;
use crate::base::source::SourceFile;
use crate::config::spans::Spans;

/// Reads `rel` under the site's root and merges it into `register`. A file
/// that cannot be read is reported at `named_at` (its name in
/// `charter.toml`).
pub(super) fn apply(
    root: &Path,
    rel: &str,
    named_at: (&SourceFile, Range<usize>),
    register: &mut Register,
) -> Result<(), Vec<Diagnostic>> {
    let path = root.join(rel);
    let text = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| String::from_utf8(b).map_err(|_| "it is not UTF-8 text".to_string()));
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![Diagnostic::at(
                Code::ConfigInvalid,
                named_at.0,
                named_at.1,
                format!("cannot read the register file `{rel}`: {e}"),
                "create the file (it has [[requirement]] and [[source]] tables, as the README shows), or remove `register`",
            )]);
        }
    };
    let source = SourceFile::new(rel, &path, &text);
    let (file, problems) = schema::parse::<register::File>(&source.text, &FILE_SCHEMA);
    let Some(file) = file else {
        return Err(problems
            .into_iter()
            .map(|p| Diagnostic::at(Code::ConfigInvalid, &source, p.span, p.message, p.hint))
            .collect());
    };
    merge(&source, &file, register)
}

/// Adds or replaces the file's sources, then corrects or adds its
/// requirements, then checks that every source they name exists.
fn merge(
    source: &SourceFile,
    file: &register::File,
    reg: &mut Register,
) -> Result<(), Vec<Diagnostic>> {
    let spans = Spans::parse(&source.text);
    let mut out = Vec::new();
    let at = |table: &str, i: usize, key: Option<&str>| {
        let index = i.to_string();
        let mut path = vec![table, index.as_str()];
        path.extend(key);
        spans
            .value(&path)
            .or_else(|| spans.value(&[table, &index]))
            .unwrap_or(0..0)
    };
    for s in &file.source {
        match reg.sources.iter_mut().find(|old| old.id == s.id) {
            Some(old) => *old = s.clone(),
            None => reg.sources.push(s.clone()),
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, e) in file.requirement.iter().enumerate() {
        if !seen.insert(e.id.as_str()) {
            out.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                at("requirement", i, Some("id")),
                format!("the requirement `{}` is written twice in this file", e.id),
                "keep one [[requirement]] table per id",
            ));
            continue;
        }
        if let Some(old) = reg.requirements.iter_mut().find(|r| r.id == e.id) {
            old.correct(e);
            continue;
        }
        match Requirement::complete(e) {
            Ok(r) => reg.requirements.push(r),
            Err(lacking) => {
                let ids = reg.requirements.iter().map(|r| r.id.as_str());
                let near = match schema::closest(&e.id, ids) {
                    Some(best) => format!("; to correct the built-in `{best}`, use its id"),
                    None => String::new(),
                };
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    at("requirement", i, Some("id")),
                    format!(
                        "`{}` is not in the built-in register, so it is a new requirement, and it lacks {}",
                        e.id,
                        lacking.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                    format!("give a new requirement every one of those keys{near}"),
                ));
            }
        }
    }
    for (i, e) in file.requirement.iter().enumerate() {
        for (j, id) in e.source.iter().flatten().enumerate() {
            if reg.source(id).is_none() {
                let ids = reg.sources.iter().map(|s| s.id.as_str());
                let span = spans.string(&["requirement", &i.to_string(), "source", &j.to_string()]);
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    span.unwrap_or_else(|| at("requirement", i, None)),
                    format!("the source `{id}` is not in the register"),
                    match schema::closest(id, ids) {
                        Some(best) => format!("did you mean `{best}`? Or add a [[source]] table with id = \"{id}\""),
                        None => format!("add a [[source]] table with id = \"{id}\", its title, url and the day you read it"),
                    },
                ));
            }
        }
    }
    if out.is_empty() { Ok(()) } else { Err(out) }
}
