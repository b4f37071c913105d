//! The text of a school's adapted document: the trust's text, with each
//! section the school's file has (by heading id) replaced, and each
//! section marked `{after=id}` added after that section of the trust's.

use std::ops::Range;
use std::sync::Arc;

use crate::base::composed::Composition;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::resolve::markdown::outline_with;

/// A section of a text: a heading and everything under it, offsets in
/// its file.
#[derive(Debug, Clone)]
pub(super) struct Section {
    pub id: String,
    pub title: String,
    pub range: Range<usize>,
    /// Where the heading's line ends.
    heading_end: usize,
}

/// The sections of the body starting at `body` of `text`: each heading
/// runs to the next heading of its level or higher. With `top`, only the
/// outermost (a section within another is part of it).
pub(super) fn sections(text: &str, body: usize, top: bool) -> Vec<Section> {
    let headings = outline_with(&text[body..], None).headings;
    let mut out = Vec::new();
    let mut i = 0;
    while i < headings.len() {
        let h = &headings[i];
        let next = headings[i + 1..]
            .iter()
            .position(|n| n.level <= h.level)
            .map(|j| i + 1 + j);
        let end = next.map_or(text.len(), |j| body + headings[j].span.start);
        let start = body + h.span.start;
        let heading_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        out.push(Section {
            id: h.id.clone(),
            title: h.text.clone(),
            range: start..end,
            heading_end,
        });
        i = match (top, next) {
            (true, Some(j)) => j,
            (true, None) => headings.len(),
            (false, _) => i + 1,
        };
    }
    out
}

/// One section of the school's file: what it changes.
#[derive(Debug, Clone)]
pub(super) struct Change {
    pub section: Section,
    /// The trust section it is added after; `None` when it replaces the
    /// trust's section of its id.
    pub after: Option<String>,
    /// The `after=…` written in its heading, left out of the page.
    cut: Option<Range<usize>>,
}

impl Change {
    /// The section's Markdown as published (without `after=…`).
    pub(super) fn text(&self, text: &str) -> String {
        let range = self.section.range.clone();
        match &self.cut {
            Some(cut) => format!(
                "{}{}",
                &text[range.start..cut.start],
                &text[cut.end..range.end]
            ),
            None => text[range].to_string(),
        }
    }
}

/// The `after=id` of a heading line `line` (at offset `at`): the id, its
/// span, and what to leave out of the page (the attribute, or the whole
/// `{…}` when it held nothing else).
fn after_attribute(line: &str, at: usize) -> Option<(String, Range<usize>, Range<usize>)> {
    let trimmed = line.trim_end();
    let open = trimmed.rfind('{')?;
    let inner = trimmed.strip_suffix('}')?.get(open + 1..)?;
    let mut offset = open + 1;
    for token in inner.split(' ') {
        if let Some(id) = token.strip_prefix("after=") {
            let id = id.trim_matches(['"', '\'']).to_string();
            let span = at + offset..at + offset + token.len();
            let others = inner.split_whitespace().filter(|t| *t != token).count();
            let cut = if others == 0 {
                let before = trimmed[..open].trim_end().len();
                at + before..at + trimmed.len()
            } else {
                span.clone()
            };
            return Some((id, span, cut));
        }
        offset += token.len() + 1;
    }
    None
}

/// The changes of the school's body (from `body` of `school`), checked
/// against the trust's `sections`; problems for headings that name no
/// section, and for text before the first heading.
pub(super) fn changes(
    school: &SourceFile,
    body: usize,
    doc_id: &str,
    sections: &[Section],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let text = &school.text;
    let ours = self::sections(text, body, true);
    let first = ours.first().map_or(text.len(), |s| s.range.start);
    if let Some(lead) = text[body..first].find(|c: char| !c.is_whitespace()) {
        problems.push(Diagnostic::at(
            Code::SectionUnknown,
            school,
            body + lead..body + lead + 1,
            format!("this text comes before the first heading of an adaptation of the trust's `{doc_id}`, so it belongs to no section"),
            "put it under a heading: a heading with the id of one of the trust's sections replaces that section, and one ending `{after=id}` is added after the section `id`",
        ));
    }
    let ids = || sections.iter().map(|s| s.id.as_str());
    let known = |id: &str| sections.iter().any(|s| s.id == id);
    let mut out = Vec::new();
    for mut section in ours {
        let line = &text[section.range.start..section.heading_end];
        // The id its words give on their own: a second heading of the
        // same words is not another section (`-1`), but the same one again.
        if let Some(own) = outline_with(line, None).headings.first() {
            section.id.clone_from(&own.id);
        }
        let after = after_attribute(line, section.range.start);
        let (named, span) = match &after {
            Some((id, span, _)) => (id.clone(), span.clone()),
            None => (section.id.clone(), section.range.start..section.heading_end),
        };
        if !known(&named) {
            let hint = match (crate::base::schema::closest(&named, ids()), &after) {
                (Some(best), _) => format!("did you mean `{best}`?"),
                (None, Some(_)) => format!("write the id of one of its sections: {}", ids().collect::<Vec<_>>().join(", ")),
                (None, None) => "to add a new section, end its heading with `{after=id}`, where `id` is the section it goes after; to replace one of the trust's sections, give the heading the same words (or its `{#id}`)".to_string(),
            };
            let message = match &after {
                Some(_) => format!("`after={named}` names no section of the trust's `{doc_id}`"),
                None => format!(
                    "the heading `{}` (id `{named}`) is not a section of the trust's `{doc_id}`, so it replaces nothing",
                    section.title
                ),
            };
            problems.push(Diagnostic::at(
                Code::SectionUnknown,
                school,
                span,
                message,
                hint,
            ));
            continue;
        }
        let replaces = after
            .is_none()
            .then(|| sections.iter().find(|s| s.id == named))
            .flatten();
        if let Some(trust_section) = replaces
            && let Some(earlier) = replaced_within(&out, sections, &trust_section.range)
        {
            problems.push(Diagnostic::at(
                Code::SectionDuplicate,
                school,
                span,
                format!("the section `{named}` of the trust's `{doc_id}` is already replaced by the heading `{earlier}` above"),
                "keep one of the two: a section the school replaces takes the place of the trust's section and everything under it",
            ));
            continue;
        }
        out.push(Change {
            section,
            cut: after.as_ref().map(|(_, _, cut)| cut.clone()),
            after: after.map(|(id, ..)| id),
        });
    }
    out
}

/// The heading of a change among `earlier` that replaces the trust's
/// section at `range`, a section within it, or one it is within.
fn replaced_within<'a>(
    earlier: &'a [Change],
    sections: &[Section],
    range: &Range<usize>,
) -> Option<&'a str> {
    earlier
        .iter()
        .filter(|c| c.after.is_none())
        .find(|c| {
            sections.iter().any(|s| {
                s.id == c.section.id && s.range.start < range.end && range.start < s.range.end
            })
        })
        .map(|c| c.section.title.as_str())
}

/// Appends the composed body to `text`: the trust's body (from `body` of
/// `trust`) with the school's changes made.
pub(super) fn compose(
    text: &mut String,
    map: &mut Composition,
    school: &Arc<SourceFile>,
    trust: (&Arc<SourceFile>, usize),
    sections: &[Section],
    changes: &[Change],
) {
    let (trust_file, body) = trust;
    // (offset in the trust's text, additions before replacements, change)
    let mut ops: Vec<(usize, u8, usize, &Change)> = Vec::new();
    for (n, change) in changes.iter().enumerate() {
        let id = change.after.as_deref().unwrap_or(&change.section.id);
        let Some(s) = sections.iter().find(|s| s.id == id) else {
            continue;
        };
        match change.after {
            Some(_) => ops.push((s.range.end, 0, n, change)),
            None => ops.push((s.range.start, 1, n, change)),
        }
    }
    ops.sort_by_key(|&(at, kind, n, _)| (at, kind, n));
    let mut pos = body;
    for (at, _, _, change) in ops {
        if at >= pos {
            map.copy(text, trust_file, pos..at);
            pos = at;
        }
        block(text, map, school, change);
        if change.after.is_none()
            && let Some(s) = sections.iter().find(|s| s.id == change.section.id)
        {
            pos = pos.max(s.range.end);
        }
    }
    map.copy(text, trust_file, pos..trust_file.text.len());
}

/// Appends a school's section, apart by a blank line from what is around
/// it.
fn block(text: &mut String, map: &mut Composition, school: &Arc<SourceFile>, change: &Change) {
    let range = change.section.range.clone();
    if !text.is_empty() && !text.ends_with("\n\n") {
        map.insert(
            text,
            if text.ends_with('\n') { "\n" } else { "\n\n" },
            school,
            range.start,
        );
    }
    match &change.cut {
        Some(cut) => {
            map.copy(text, school, range.start..cut.start);
            map.copy(text, school, cut.end..range.end);
        }
        None => map.copy(text, school, range.clone()),
    }
    if !text.ends_with("\n\n") {
        map.insert(
            text,
            if text.ends_with('\n') { "\n" } else { "\n\n" },
            school,
            range.end,
        );
    }
}
