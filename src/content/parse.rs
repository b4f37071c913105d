//! Splitting a page's `+++` front matter from its text and parsing it into
//! the page's kind of front matter, with every problem kept.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::extends::{Adaptation, AdaptedSection, Reading};
use super::front;
use super::review_dates::review_dates;
use super::values;
use super::{Meta, Page, slugify};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::schema::{self, Schema};
use crate::base::source::SourceFile;
use crate::base::source_map::{Replacement, SourceMap};
use crate::base::values::Values;
use crate::config::Config;
use crate::layout::{SourceKind, SourcePlace};

/// Splits `+++` front matter from the body: `(toml range, body offset)`.
/// Where a file's front matter is wrong: span, message, hint.
type SplitError = (Range<usize>, String, String);

pub(super) fn split_front_matter(text: &str) -> Result<(Range<usize>, usize), SplitError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    if first != "+++" {
        let hint = if first == "---" {
            "Charter reads TOML front matter between `+++` lines, not YAML between `---` lines: replace both `---` lines with `+++` and write keys as `title = \"…\"`"
        } else {
            "start the file with a line `+++`, then the front matter (e.g. title = \"…\"), then another line `+++`"
        };
        return Err((
            0..first_line_end,
            "the file does not start with `+++` front matter".into(),
            hint.into(),
        ));
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((toml_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err((
        0..first_line_end,
        "the front matter is never closed".into(),
        "add a line `+++` after the last front matter key, before the text".into(),
    ))
}

/// Reads a page from its file's text. A page with problems that do not stop
/// it being read (an unreadable date, say) comes back with those problems
/// beside it.
pub(super) fn parse_page(
    source: SourceFile,
    config: &Config,
    reading: Reading<'_>,
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Ok((toml_range, body_offset)) = split_front_matter(&source.text) else {
        return parse_text(source, config);
    };
    let Some(composed) = super::extends::compose(&source, toml_range, body_offset, reading) else {
        return parse_text(source, config);
    };
    let (source, adaptation) = composed?;
    let values = config.values();
    let with_values = |text: String| match values::substitute_body(&text, &values) {
        Some(done) => done.text,
        None => text,
    };
    let adaptation = Adaptation {
        sections: adaptation
            .sections
            .into_iter()
            .map(|s| AdaptedSection {
                trust_text: with_values(s.trust_text),
                school_text: with_values(s.school_text),
                ..s
            })
            .collect(),
        ..adaptation
    };
    let (mut page, diags) = parse_text(source, config)?;
    page.adapted = Some(Box::new(adaptation));
    Ok((page, diags))
}

/// Reads a page from its text (a file's, or an adapted document's).
fn parse_text(
    source: SourceFile,
    config: &Config,
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (toml_range, body_offset) =
        split_front_matter(&source.text).map_err(|(span, msg, hint)| {
            vec![Diagnostic::at(
                Code::FrontmatterInvalid,
                &source,
                span,
                msg,
                hint,
            )]
        })?;
    // Only a page with `{{` in it has values to put in (see `values`).
    let Some(values) = source.text.contains("{{").then(|| config.values()) else {
        return read_page(source, config, toml_range, body_offset, None);
    };
    let (source, mut found) = body_values(source, body_offset, &values);
    match read_page(source, config, toml_range, body_offset, Some(&values)) {
        Ok((page, diags)) => {
            found.extend(diags);
            Ok((page, found))
        }
        Err(diags) => {
            found.extend(diags);
            Err(found)
        }
    }
}

/// A file's text with the site's values in its body (a translation's), and
/// the problems with its slots.
pub(super) fn with_body_values(
    source: SourceFile,
    body_offset: usize,
    config: &Config,
) -> (SourceFile, Vec<Diagnostic>) {
    if !source.text[body_offset..].contains("{{") {
        return (source, Vec::new());
    }
    body_values(source, body_offset, &config.values())
}

/// The page read with the values in its body, and the problems with its
/// slots (reported where they are written).
fn body_values(
    source: SourceFile,
    body_offset: usize,
    values: &Values,
) -> (SourceFile, Vec<Diagnostic>) {
    let Some(done) = values::substitute_body(&source.text[body_offset..], values) else {
        return (source, Vec::new());
    };
    let found = done
        .problems
        .into_iter()
        .map(|p| {
            let span = p.span.start + body_offset..p.span.end + body_offset;
            Diagnostic::at(p.code, &source, span, p.message, p.hint)
        })
        .collect();
    let shift = |r: &Range<usize>| r.start + body_offset..r.end + body_offset;
    let entries = done
        .map
        .entries()
        .iter()
        .map(|e| Replacement {
            out: shift(&e.out),
            src: shift(&e.src),
            origin: e.origin.clone(),
        })
        .collect();
    let text = format!("{}{}", &source.text[..body_offset], done.text);
    (source.substituted(text, SourceMap::new(entries)), found)
}

/// Reads the page's front matter (with `values` put in its strings) and
/// the fields every page has.
fn read_page(
    source: SourceFile,
    config: &Config,
    toml_range: Range<usize>,
    body_offset: usize,
    values: Option<&Values>,
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let place = SourcePlace::of(&source.rel_path);
    let fm = &source.text[toml_range.clone()];
    let offset = toml_range.start;
    let (mut slot_problems, mut front_texts) = (Vec::new(), Vec::new());
    let mut edit = |fm: &str, table: &mut toml::de::DeTable<'_>| {
        if let Some(values) = values {
            values::substitute_front(fm, table, values, &mut slot_problems, &mut front_texts);
        }
    };
    let (meta, problems) = typed_meta(place.kind, fm, &mut edit);
    let slot_diags = slot_problems.into_iter().map(|p| {
        let span = p.span.start + offset..p.span.end + offset;
        Diagnostic::at(p.code, &source, span, p.message, p.hint)
    });
    let slot_diags: Vec<Diagnostic> = slot_diags.collect();
    let problems = misplaced(&place, &source.rel_path, problems);
    let Some(meta) = meta else {
        let mut diags = problems_to_diags(&source, offset, problems);
        diags.extend(slot_diags);
        return Err(diags);
    };
    let (title_noted, owners_noted) = (
        noted(fm, &problems, "title"),
        noted(fm, &problems, "owners"),
    );
    // A review date already reported as unreadable is not also "missing".
    let dates_noted = ["approved", "review_every", "next_review"]
        .iter()
        .any(|k| noted(fm, &problems, k));
    // Front matter problems that left the page readable are reported with
    // it, so its body is checked too.
    let mut diags = problems_to_diags(&source, offset, problems);
    diags.extend(slot_diags);
    let readable = diags.len();
    let (title, summary, draft, id_field) = common_fields(&meta);
    let whole_front = offset.saturating_sub(4)..offset.saturating_sub(1);
    if title.trim().is_empty() && !title_noted {
        diags.push(Diagnostic::at(
            Code::FrontmatterInvalid,
            &source,
            whole_front.clone(),
            "`title` is empty",
            "give the page a title, e.g. title = \"Online safety\"",
        ));
    }
    // A policy that names no owner is still read, so that the rest of it
    // (its body above all, e.g. just after `charter import`) is checked too.
    let owners = owners_problem(&meta, &source, fm, offset, &whole_front).filter(|_| !owners_noted);
    let (id, id_span) = match id_field {
        Some(id) => {
            let span = id.span().start + offset..id.span().end + offset;
            diags.extend(id_problem(id.get_ref(), &source, span.clone()));
            (id.get_ref().clone(), span)
        }
        None => (place.default_id.clone(), whole_front),
    };
    if diags.len() > readable {
        return Err(diags);
    }
    diags.extend(owners);
    let review = review_dates(&meta, config, &source, offset, &mut diags).filter(|_| !dates_noted);
    let page = Page {
        front_offset: offset,
        body_offset,
        id,
        id_span,
        url: place.url,
        title,
        summary,
        draft,
        meta,
        review,
        front_texts,
        source,
        adapted: None,
        translation: None,
        opening: Default::default(),
    };
    Ok((page, diags))
}

/// Whether `key` was already reported (missing, mistyped, on a broken
/// line), so it is not reported again as empty.
fn noted(fm: &str, problems: &[schema::Problem], key: &str) -> bool {
    problems.iter().any(|p| {
        let at = p.span.start.min(fm.len());
        let line_start = fm[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = fm[line_start..].lines().next().unwrap_or_default();
        let line_key = line
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"'));
        // `reviw_every`, unknown, "did you mean `review_every`?" names it too.
        let named = format!("`{key}`");
        p.message.contains(&named) || p.hint.contains(&named) || line_key == Some(key)
    })
}

/// The front matter read as the keys of its kind of page, by where the file
/// is.
fn typed_meta(
    kind: SourceKind,
    fm: &str,
    edit: &mut schema::Edit<'_>,
) -> (Option<Meta>, Vec<schema::Problem>) {
    fn typed<T: DeserializeOwned>(
        fm: &str,
        schema: &Schema,
        edit: &mut schema::Edit<'_>,
    ) -> (Option<T>, Vec<schema::Problem>) {
        // Past a syntax error, so that the rest of the file is checked too.
        crate::base::toml_recover::parse_recovering::<T>(fm, schema, edit)
    }
    match kind {
        SourceKind::Home => wrap(typed(fm, &front::PAGE, edit), Meta::Home),
        SourceKind::SectionIndex(s) => {
            wrap(typed(fm, &front::PAGE, edit), |f| Meta::SectionIndex(s, f))
        }
        SourceKind::Policy => wrap(typed(fm, &front::POLICY, edit), Meta::Policy),
        SourceKind::Agreement => wrap(typed(fm, &front::AGREEMENT, edit), Meta::Agreement),
        SourceKind::Unit => wrap(typed(fm, &front::UNIT, edit), Meta::Unit),
        SourceKind::Parent => wrap(typed(fm, &front::PARENT, edit), Meta::Parent),
        SourceKind::Page => wrap(typed(fm, &front::PAGE, edit), Meta::Page),
    }
}

/// Front matter problems as findings, placed in the file (`offset` is where
/// the front matter starts).
fn problems_to_diags(
    source: &SourceFile,
    offset: usize,
    problems: Vec<schema::Problem>,
) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|p| {
            // A key missing from the whole front matter is reported at
            // its opening `+++` line.
            let span = if p.span == (0..0) {
                0..3
            } else {
                p.span.start + offset..p.span.end + offset
            };
            Diagnostic::at(Code::FrontmatterInvalid, source, span, p.message, p.hint)
        })
        .collect()
}

/// A policy must name who is responsible for it: `owners = []` (or a
/// list of empty names) is as good as none.
fn owners_problem(
    meta: &Meta,
    source: &SourceFile,
    fm: &str,
    offset: usize,
    whole_front: &Range<usize>,
) -> Option<Diagnostic> {
    let Meta::Policy(f) = meta else {
        return None;
    };
    if !f.owners.iter().all(|o| o.trim().is_empty()) {
        return None;
    }
    // The key at the start of its line (not the word in a summary).
    let at = fm.match_indices("owners").map(|(at, _)| at).find(|&at| {
        fm[..at]
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.trim().is_empty())
    });
    let span = at.map_or(whole_front.clone(), |at| {
        offset + at..offset + at + "owners".len()
    });
    Some(Diagnostic::at(
        Code::FrontmatterInvalid,
        source,
        span,
        "`owners` names nobody",
        "name at least one role responsible for the policy, e.g. owners = [\"Designated Safeguarding Lead\"]",
    ))
}

/// An `id` that would not survive in a link.
fn id_problem(id: &str, source: &SourceFile, span: Range<usize>) -> Option<Diagnostic> {
    if slugify(id) == id && !id.is_empty() {
        return None;
    }
    Some(Diagnostic::at(
        Code::FrontmatterInvalid,
        source,
        span,
        format!("the id \"{id}\" has characters that cannot be used in links"),
        format!(
            "use lower-case letters, digits and hyphens, e.g. id = \"{}\"",
            slugify(id)
        ),
    ))
}

/// The kinds of page whose keys give away where a file belongs: (kind,
/// its keys, what one is called, what several are called, their folder).
const KINDS_BY_KEYS: [(SourceKind, &Schema, &str, &str, &str); 4] = [
    (
        SourceKind::Policy,
        &front::POLICY,
        "a policy",
        "policies",
        "content/policies/",
    ),
    (
        SourceKind::Unit,
        &front::UNIT,
        "a curriculum unit",
        "curriculum units",
        "content/curriculum/",
    ),
    (
        SourceKind::Parent,
        &front::PARENT,
        "a guide for parents",
        "guides for parents",
        "content/parents/",
    ),
    (
        SourceKind::Agreement,
        &front::AGREEMENT,
        "an agreement",
        "agreements",
        "agreements/",
    ),
];

/// A file whose unknown keys are all keys of another kind of page (a
/// policy saved in `content/policy/`, say) gets one finding saying where
/// it belongs, instead of one "unknown key" per key.
fn misplaced(
    place: &SourcePlace,
    rel: &str,
    problems: Vec<schema::Problem>,
) -> Vec<schema::Problem> {
    let mut unknown: Vec<(usize, &str)> = problems
        .iter()
        .filter_map(|p| Some((p.span.start, p.unknown_key.as_deref()?)))
        .collect();
    unknown.sort_unstable();
    let first = unknown.first().map(|(at, k)| *at..*at + k.len());
    let unknown: Vec<&str> = unknown.into_iter().map(|(_, k)| k).collect();
    // One stray key in a policy is more likely a slip than a policy that
    // should be a unit; in a plain page, any policy key says "policy".
    let enough = if place.kind == SourceKind::Page { 1 } else { 2 };
    if unknown.len() < enough
        || matches!(place.kind, SourceKind::Home | SourceKind::SectionIndex(_))
    {
        return problems;
    }
    let Some((_, _, what, many, folder)) = KINDS_BY_KEYS.iter().find(|(kind, schema, ..)| {
        *kind != place.kind
            && unknown
                .iter()
                .all(|k| schema.fields.iter().any(|f| f.name == *k))
    }) else {
        return problems;
    };
    let here = KINDS_BY_KEYS
        .iter()
        .find(|(kind, ..)| *kind == place.kind)
        .map_or("a page", |(_, _, one, ..)| one);
    let verb = if unknown.len() == 1 {
        "is one of the"
    } else {
        "are"
    };
    let keys = unknown
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let mut out: Vec<schema::Problem> = problems
        .into_iter()
        .filter(|p| p.unknown_key.is_none())
        .collect();
    out.insert(
        0,
        schema::Problem {
            span: first.unwrap_or(0..0),
            message: format!(
                "{keys} {verb} keys of {what}, but {rel} is {here}: only files in {folder} are {many}"
            ),
            hint: format!("move the file to {folder}{file}"),
            unknown_key: None,
        },
    );
    out
}

fn wrap<T>(
    r: (Option<T>, Vec<schema::Problem>),
    f: impl FnOnce(T) -> Meta,
) -> (Option<Meta>, Vec<schema::Problem>) {
    (r.0.map(f), r.1)
}

fn common_fields(meta: &Meta) -> (String, String, bool, Option<&toml::Spanned<String>>) {
    match meta {
        Meta::Home(f) | Meta::SectionIndex(_, f) | Meta::Page(f) => {
            (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref())
        }
        Meta::Policy(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
        Meta::Agreement(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
        Meta::Unit(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
        Meta::Parent(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        assert_eq!(
            split_front_matter("+++\ntitle = \"a\"\n+++\nbody").unwrap(),
            (4..16, 20)
        );
        assert!(
            split_front_matter("---\ntitle: a\n---\n")
                .unwrap_err()
                .2
                .contains("YAML")
        );
        assert!(
            split_front_matter("+++\ntitle = \"a\"\n")
                .unwrap_err()
                .1
                .contains("never closed")
        );
        assert!(split_front_matter("").is_err());
    }
}
