//! A school adapting a trust document by section: its file has
//! `extends = "trust"` in its front matter and only the sections it
//! changes. The page read is the trust's document with the school's
//! front matter keys and sections in it ([`front`], [`body`]); every
//! finding in it is reported in the file, and at the line, where its text
//! was written (see `base::composed`).

mod body;
mod front;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use super::Page;
use crate::base::composed::Composition;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::layout::SourcePlace;

/// What a school changed in a trust document, for its page.
#[derive(Debug, Clone)]
pub(crate) struct Adaptation {
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
    /// The ids of the sections changed, for the trust's overview.
    pub(crate) fn ids(&self) -> Vec<String> {
        self.sections.iter().map(|s| s.id.clone()).collect()
    }
}

/// The trust's documents a school's file may adapt.
#[derive(Debug, Default)]
pub(crate) struct TrustDocs<'a> {
    /// By id: the document, and its file shown from the school's folder.
    pub docs: HashMap<String, (&'a Page, String)>,
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
    trust: Option<&TrustDocs<'_>>,
) -> Option<Composed> {
    let text = &source.text[fm.clone()];
    if !text.contains("extends") {
        return None;
    }
    let table = DeTable::parse(text).ok()?;
    let (key, value) = table.get_ref().iter().find(|(k, _)| k.get_ref() == "extends")?;
    let at = |r: Range<usize>| r.start + fm.start..r.end + fm.start;
    let (key_span, value_span) = (at(key.span()), at(value.span()));
    let one = |code, span, message: String, hint: String| {
        Some(Err(vec![Diagnostic::at(code, source, span, message, hint)]))
    };
    if !matches!(value.get_ref(), DeValue::String(s) if s == "trust") {
        return one(
            Code::ExtendsInvalid,
            value_span,
            "`extends` can only be \"trust\": a school adapts a document of its trust".into(),
            "write `extends = \"trust\"`, or remove the line to publish this file as the school's own".into(),
        );
    }
    let Some(trust) = trust else {
        return one(
            Code::ExtendsInvalid,
            key_span.start..value_span.end,
            "this file adapts a trust document (`extends = \"trust\"`), but this site is not a school of a trust".into(),
            "run Charter in a school's folder listed in a trust's `trust.toml`, or remove `extends` and give the file its whole front matter and text".into(),
        );
    };
    let id = match table.get_ref().get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => s.to_string(),
        _ => SourcePlace::of(&source.rel_path).default_id,
    };
    let Some((page, shown)) = trust.docs.get(&id) else {
        let hint = match crate::base::schema::closest(&id, trust.docs.keys().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? Name the file like the trust's document, or set `id = \"{best}\"`"),
            None => "name the file like the trust's document (its file name), or set `id` to the trust document's id".into(),
        };
        return one(
            Code::ExtendsUnknown,
            key_span.start..value_span.end,
            format!("this file adapts the trust's document `{id}`, but the trust has no document of that id"),
            hint,
        );
    };
    Some(put_together(source, &fm, body_offset, table.get_ref(), page, shown))
}

/// The composed file: the school's front matter lines over the trust's,
/// and the trust's body with the school's sections in it.
fn put_together(
    source: &SourceFile,
    fm: &Range<usize>,
    body_offset: usize,
    table: &DeTable<'_>,
    page: &Page,
    shown: &str,
) -> Composed {
    let school = Arc::new(source.clone());
    let trust_text = page.source.written_text();
    let trust = Arc::new(SourceFile::new(shown, &page.source.abs_path, trust_text));
    // The trust's TOML: up to its closing `+++` line.
    let closing = trust_text[..page.body_offset]
        .trim_end_matches('\n')
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let trust_fm = page.front_offset..closing.max(page.front_offset);
    let theirs = DeTable::parse(&trust_text[trust_fm.clone()])
        .map(|t| front::parts(trust_text, trust_fm.clone(), t.get_ref()))
        .unwrap_or_default();
    let ours = front::parts(&source.text, fm.clone(), table);
    let sections = body::sections(trust_text, page.body_offset, false);
    let mut problems = Vec::new();
    let changes = body::changes(source, body_offset, &page.id, &sections, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (mut text, mut map) = (String::new(), Composition::new());
    map.copy(&mut text, &school, 0..fm.start);
    front::compose(&mut text, &mut map, (&school, &ours), (&trust, &theirs));
    map.copy(&mut text, &school, fm.end..body_offset);
    body::compose(&mut text, &mut map, &school, (&trust, page.body_offset), &sections, &changes);
    let adaptation = Adaptation {
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
                school_text: c.text(&source.text),
            })
            .collect(),
    };
    Ok((
        SourceFile::composed(&source.rel_path, &source.abs_path, &text, map),
        adaptation,
    ))
}
