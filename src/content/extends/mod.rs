//! A school adapting a trust document by section: its file has
//! `extends = "trust"` in its front matter and only the sections it
//! changes. The page read is the trust's document with the school's
//! front matter keys and sections in it ([`front`], [`body`]); every
//! finding in it is reported in the file, and at the line, where its text
//! was written (see `base::composed`).

mod body;
mod front;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use super::Page;
use super::parse::split_front_matter;
use crate::base::composed::Composition;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::layout::SourcePlace;

/// What a school changed in a trust document, for its page.
#[derive(Debug, Clone)]
pub(crate) struct Adaptation {
    /// The trust's file (its real path), whose git history the page's
    /// "what changed" reads beside the school's file.
    pub trust_file: PathBuf,
    /// The id and heading of every section of the trust's document.
    pub trust_sections: Vec<(String, String)>,
    /// Each section the school replaced or added, in the school's order.
    pub sections: Vec<AdaptedSection>,
}

/// One section of an adaptation.
#[derive(Debug, Clone)]
pub(crate) struct AdaptedSection {
    pub id: String,
    pub title: String,
    /// The trust section it is added after; `None` when it replaces the
    /// trust's section of its id.
    pub after: Option<String>,
    /// The trust's Markdown of the section it replaces (empty for one
    /// added).
    pub trust_text: String,
    /// The school's Markdown of the section.
    pub school_text: String,
}

impl Adaptation {
    /// The headings of the sections changed, for the trust's overview.
    pub(crate) fn headings(&self) -> Vec<String> {
        self.sections.iter().map(|s| s.title.clone()).collect()
    }
}

/// The trust's documents a school's file may adapt.
#[derive(Debug)]
pub(crate) struct TrustDocs<'a> {
    /// By id: the document, and its file shown from the school's folder.
    pub docs: HashMap<String, (&'a Page, String)>,
    /// The ids of the trust's files that could not be read (their own
    /// problems are reported).
    pub unreadable: &'a HashSet<String>,
}

/// Where a file is read, for what its `extends` may name.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reading<'a> {
    /// A site that is not a school of a trust.
    Alone,
    /// The trust's own documents.
    Trust,
    /// A school's own files, beside the trust's documents.
    School(&'a TrustDocs<'a>),
}

/// A school's file read with the trust's document it adapts, when its
/// front matter (at `fm` of its text) has `extends`: the composed file and
/// the adaptation, or the problems that stop it being read.
pub(crate) type Composed = Result<(SourceFile, Adaptation), Vec<Diagnostic>>;

/// Composes a school's adapted document; `None` for a file without
/// `extends` (most: read as they are).
pub(crate) fn compose(
    source: &SourceFile,
    fm: Range<usize>,
    body_offset: usize,
    reading: Reading<'_>,
) -> Option<Composed> {
    let text = &source.text[fm.clone()];
    if !text.contains("extends") {
        return None;
    }
    let at = |r: Range<usize>| r.start + fm.start..r.end + fm.start;
    let one = |code, span, message: String, hint: &str| {
        Some(Err(vec![Diagnostic::at(code, source, span, message, hint)]))
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        // Read on its own, an adaptation's front matter lacks `title` and
        // the rest, and has `extends`: only the mistake is told.
        Err(e) if text.lines().any(|l| l.trim_start().starts_with("extends")) => {
            let p = crate::base::schema::syntax_problem(text, &e);
            return one(Code::FrontmatterInvalid, at(p.span), p.message, &p.hint);
        }
        Err(_) => return None,
    };
    let (key, value) = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "extends")?;
    let (key_span, value_span) = (at(key.span()), at(value.span()));
    if !matches!(value.get_ref(), DeValue::String(s) if s == "trust") {
        return one(
            Code::ExtendsInvalid,
            value_span,
            "`extends` can only be \"trust\": a school adapts a document of its trust".into(),
            "write `extends = \"trust\"`, or remove the line to publish this file as the school's own",
        );
    }
    let trust = match reading {
        Reading::School(trust) => trust,
        Reading::Alone | Reading::Trust => {
            let (message, hint) = not_a_school(reading);
            return one(
                Code::ExtendsInvalid,
                key_span.start..value_span.end,
                message.into(),
                hint,
            );
        }
    };
    let (page, shown) = match adapted(source, table.get_ref(), trust) {
        Ok(found) => found,
        Err(None) => return Some(Err(Vec::new())),
        Err(Some((message, hint))) => {
            return one(
                Code::ExtendsUnknown,
                key_span.start..value_span.end,
                message,
                &hint,
            );
        }
    };
    let trust_file = Arc::new(SourceFile::new(
        shown,
        &page.source.abs_path,
        page.source.written_text(),
    ));
    let school = Arc::new(source.clone());
    let ours = (fm, body_offset, table.get_ref());
    Some(
        assemble(&school, ours, &trust_file, &page.id).map(|(text, map, adaptation)| {
            (
                SourceFile::composed(&source.rel_path, &source.abs_path, &text, map),
                adaptation,
            )
        }),
    )
}

/// The trust's document a school's file adapts (by its `id`, or its file
/// name), with its file shown from the school's folder; or why there is
/// none: the message and hint of `extends-unknown`, or nothing to say when
/// the trust's file could not be read (its own problems are reported).
fn adapted<'a>(
    source: &SourceFile,
    table: &DeTable<'_>,
    trust: &'a TrustDocs<'a>,
) -> Result<(&'a Page, &'a str), Option<(String, String)>> {
    let id = match table.get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => s.to_string(),
        _ => SourcePlace::of(&source.rel_path).default_id,
    };
    if trust.unreadable.contains(&id) {
        return Err(None);
    }
    if let Some((page, shown)) = trust.docs.get(&id) {
        return Ok((page, shown));
    }
    let hint = match crate::base::schema::closest(&id, trust.docs.keys().map(String::as_str)) {
        Some(best) => format!(
            "did you mean `{best}`? Name the file like the trust's document, or set `id = \"{best}\"`"
        ),
        None => "name the file like the trust's document (its file name), or set `id` to the trust document's id".into(),
    };
    let message = format!(
        "this file adapts the trust's document `{id}`, but the trust has no document of that id"
    );
    Err(Some((message, hint)))
}

/// Why a file with `extends = "trust"` read outside a school's own files
/// adapts nothing: the message and the hint.
fn not_a_school(reading: Reading<'_>) -> (&'static str, &'static str) {
    match reading {
        Reading::Trust => (
            "a trust's own document cannot adapt another (`extends` is for a school's files)",
            "remove `extends`, or move the file into a school's folder to adapt the trust's document of its name there",
        ),
        _ => (
            "this file adapts a trust document (`extends = \"trust\"`), but this site is not a school of a trust",
            "list the school's folder under `[[schools]]` in its trust's `trust.toml` and run Charter there, or remove `extends` and give the file its whole front matter and text",
        ),
    }
}

/// The school's front matter (its TOML's range, where its body starts,
/// and the TOML read).
type Front<'a, 't> = (Range<usize>, usize, &'a DeTable<'t>);

/// The composed text: the school's front matter lines over the trust's,
/// and the trust's body with the school's sections in it; where each piece
/// came from; and what the school changed.
fn assemble(
    school: &Arc<SourceFile>,
    ours: Front<'_, '_>,
    trust: &Arc<SourceFile>,
    doc_id: &str,
) -> Result<(String, Composition, Adaptation), Vec<Diagnostic>> {
    let (fm, body_offset, table) = ours;
    let trust_text = trust.text.as_str();
    let (trust_fm, trust_body) = split_front_matter(trust_text).map_err(|_| Vec::new())?;
    let theirs = DeTable::parse(&trust_text[trust_fm.clone()])
        .map(|t| front::parts(trust_text, trust_fm.clone(), t.get_ref()))
        .unwrap_or_default();
    let mine = front::parts(&school.text, fm.clone(), table);
    let sections = body::sections(trust_text, trust_body, false);
    let mut problems = Vec::new();
    let changes = body::changes(school, body_offset, doc_id, &sections, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (mut text, mut map) = (String::new(), Composition::new());
    map.copy(&mut text, school, 0..fm.start);
    front::compose(&mut text, &mut map, (school, &mine), (trust, &theirs));
    map.copy(&mut text, school, fm.end..body_offset);
    body::compose(
        &mut text,
        &mut map,
        school,
        (trust, trust_body),
        &sections,
        &changes,
    );
    let adaptation = Adaptation {
        trust_file: trust.abs_path.clone(),
        trust_sections: sections
            .iter()
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect(),
        sections: changes
            .iter()
            .map(|c| AdaptedSection {
                id: c.section.id.clone(),
                title: c.section.title.clone(),
                after: c.after.clone(),
                trust_text: match c.after {
                    Some(_) => String::new(),
                    None => sections
                        .iter()
                        .find(|s| s.id == c.section.id)
                        .map(|s| trust_text[s.range.clone()].to_string())
                        .unwrap_or_default(),
                },
                school_text: c.text(&school.text),
            })
            .collect(),
    };
    Ok((text, map, adaptation))
}

/// The text an earlier version of a school's file gave, with the trust's
/// file of that time (for "what changed"): the school's sections in the
/// trust's text when it adapts (`extends`), or its own text when it does
/// not; `None` when it adapts and the trust's file was missing or its
/// sections did not fit it.
pub(crate) fn compose_text(school: String, trust: Option<&str>) -> Option<String> {
    let file = Arc::new(SourceFile::new("", "", &school));
    let Ok((fm, body_offset)) = split_front_matter(&file.text) else {
        return Some(school);
    };
    let Ok(table) = DeTable::parse(&file.text[fm.clone()]) else {
        return Some(school);
    };
    if table.get_ref().get("extends").is_none() {
        return Some(school);
    }
    let trust = Arc::new(SourceFile::new("", "", trust?));
    let ours = (fm, body_offset, table.get_ref());
    assemble(&file, ours, &trust, "")
        .ok()
        .map(|(text, ..)| text)
}
