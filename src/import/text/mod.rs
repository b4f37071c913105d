//! Text extracted from a PDF (or typed as plain text): the lines as the PDF
//! laid them out, with the page furniture still in. This reader finds the
//! structure back: headings from numbering, capitals and short lines;
//! lists from bullet glyphs; paragraphs from lines the PDF wrapped; and it
//! drops running headers, footers and page numbers.

use std::sync::LazyLock;

use regex::Regex;

use super::document::{Document, Note, NoteKind};

/// Glyphs that start a bullet item: the usual ones, Word's Symbol-font
/// bullet (U+F0B7) and Wingdings arrows as they come out of PDFs.
const PRIMARY_BULLETS: &[char] = &[
    '•', '●', '■', '►', '➢', '-', '*', '\u{f0b7}', '\u{f0a7}', '·',
];
/// Glyphs Word uses for a second level.
const SECONDARY_BULLETS: &[char] = &['o', '◦', '▪', '▫', '–', '‐', '\u{f0d8}', '\u{f076}'];

/// "Page 3", "Page 3 of 12", "3 of 12", "- 3 -", or a lone number.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[-–\s]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–\s]*$")
        .expect("a valid pattern")
});

/// A numbered heading: "Section 4: Scope", "Appendix 1: Forms", "3.1 The
/// governors", "3. Roles", "A. Roles".
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:(section|part|appendix|annex))\s+(?:\d{1,2}|[A-Z])\s*[:.\-–]?\s+|(\d{1,2}(?:\.\d{1,2})+)\.?\s+|(\d{1,2})\.\s+|([A-Z])\.\s+)(\S.*)$",
    )
    .expect("a valid pattern")
});

/// An item of a numbered list: "1. ", "2) ".
static ORDERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[.)]\s+(\S.*)$").expect("a valid pattern"));

/// A lettered or roman point, "(a) ", "b) ", "(iv) ": kept as text (Markdown
/// has no lettered lists), but always the start of a new paragraph.
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?(?:[a-z]|[ivx]{1,4})\)\s").expect("a valid pattern"));

/// A line drawn across the page.
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[_\-=–—*·]{5,}$").expect("a valid pattern"));

/// A line of a table of contents: "3. Roles ........ 4".
static CONTENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\.\s?){4,}\s*\d{1,4}$|…{2,}\s*\d{1,4}$").expect("a valid pattern")
});

/// A year: lines with one are dates or citations, not headings.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d\d\b").expect("a valid pattern"));

/// Words a wrapped line can end on but a sentence or heading cannot.
const JOINING_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "or",
    "the",
    "of",
    "to",
    "in",
    "for",
    "with",
    "by",
    "on",
    "at",
    "from",
    "as",
    "is",
    "are",
    "be",
    "that",
    "which",
    "who",
    "including",
    "such",
    "its",
    "their",
    "our",
    "this",
    "these",
    "not",
    "both",
    "between",
    "under",
    "into",
    "about",
    "than",
    "within",
    "via",
    "will",
    "should",
    "must",
    "may",
    "can",
    "has",
    "have",
    "st",
];

/// One line of the text, as far as its shape goes.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Blank,
    Bullet {
        indent: usize,
        secondary: bool,
        text: String,
    },
    Ordered {
        indent: usize,
        number: u32,
        text: String,
    },
    Heading {
        rank: u8,
        text: String,
        guessed: bool,
    },
    Row(Vec<String>),
    /// A line drawn with underscores, dashes or equals signs.
    Rule,
    Text {
        text: String,
        full: bool,
        lettered: bool,
    },
}

/// Reads extracted text into a document. Never fails: text is text.
pub(crate) fn read(input: &str) -> Document {
    let mut doc = Document::default();
    let lines = normalise(input);
    let mut lines = furniture::drop_furniture(lines, &mut doc.notes);
    doc.title = take_title(&mut lines);
    if let Some(title) = &doc.title {
        furniture::drop_titled_footers(&mut lines, title, &mut doc.notes);
    }
    let shapes = classify(&lines);
    let guessed = shapes
        .iter()
        .filter(|s| matches!(s, Shape::Heading { guessed: true, .. }))
        .count();
    if guessed > 0 {
        doc.notes.push(Note {
            kind: NoteKind::Check,
            message: format!(
                "{guessed} heading{} guessed from short lines on their own: check that each is a heading",
                if guessed == 1 { " was" } else { "s were" }
            ),
        });
    }
    doc.blocks = blocks::Builder::default().build(&shapes, nesting_unit(&lines), &mut doc.notes);
    doc
}

/// How far an item must be indented to nest: one space, unless text
/// lines are indented by one space too (as pdftotext does at the top of
/// some pages), where it means nothing.
fn nesting_unit(lines: &[String]) -> usize {
    let stray = lines.iter().any(|l| {
        let t = l.trim_start();
        l.len() - t.len() == 1 && l.starts_with(' ') && !t.is_empty() && bullet(t).is_none()
    });
    if stray { 2 } else { 1 }
}

/// Lines without the byte order mark, carriage returns and no-break
/// spaces; a form feed (a page break) becomes its own marker line.
fn normalise(input: &str) -> Vec<String> {
    let text = input
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}'], "\n")
        .replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ");
    let mut out = Vec::new();
    for (i, page) in text.split('\u{c}').enumerate() {
        if i > 0 {
            out.push("\u{c}".to_string());
        }
        out.extend(page.lines().map(|l| l.trim_end().to_string()));
    }
    out
}

/// The first line with text is the title when it is short and no sentence.
fn take_title(lines: &mut Vec<String>) -> Option<String> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let title = collapse_spaces(lines[first].trim());
    let words = title.split_whitespace().count();
    if words == 0 || words > 15 || title.ends_with(['.', ',', ';', ':']) || bullet(&title).is_some()
    {
        return None;
    }
    lines.drain(..=first);
    Some(title)
}

/// The text of a bullet line (after its glyph), and whether the glyph is a
/// second-level one.
fn bullet(trimmed: &str) -> Option<(bool, &str)> {
    let mut chars = trimmed.chars();
    let glyph = chars.next()?;
    let rest = chars.as_str();
    let secondary = SECONDARY_BULLETS.contains(&glyph);
    if !(PRIMARY_BULLETS.contains(&glyph) || secondary) {
        return None;
    }
    // A glyph followed by a space, then text ("o " must not be the word o).
    let text = rest.strip_prefix([' ', '\t'])?.trim_start();
    if text.is_empty() || (glyph == '-' && text.starts_with('-')) {
        return None;
    }
    Some((secondary, text))
}

/// Runs of two spaces become one; wider gaps and tabs (columns, or a key
/// and its value) become a tab.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0usize;
    let mut tab = false;
    for c in text.chars() {
        if c == ' ' || c == '\t' {
            run += 1;
            tab |= c == '\t';
            continue;
        }
        if run > 0 && !out.is_empty() {
            out.push(if tab || run >= 3 { '\t' } else { ' ' });
        }
        run = 0;
        tab = false;
        out.push(c);
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// The shape of every line, with the context that headings need.
fn classify(lines: &[String]) -> Vec<Shape> {
    let width = full_width(lines);
    let mut shapes: Vec<Shape> = lines.iter().map(|l| shape_alone(l, width)).collect();
    for i in 0..shapes.len() {
        if let Shape::Text { text, .. } = &shapes[i]
            && let Some(rank) = plain_heading(text, &shapes, i)
        {
            shapes[i] = Shape::Heading {
                rank,
                text: text.clone(),
                guessed: true,
            };
        }
    }
    shapes
}

/// The width of a line the PDF filled (and so probably wrapped): nine
/// tenths of the longest usual line.
fn full_width(lines: &[String]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lengths.sort_unstable();
    let usual = lengths
        .get(lengths.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(0);
    usual * 8 / 10
}

/// What a line is, from itself alone.
fn shape_alone(line: &str, width: usize) -> Shape {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Shape::Blank;
    }
    let indent = indent_of(line);
    if RULE.is_match(trimmed) {
        return Shape::Rule;
    }
    if let Some((secondary, text)) = bullet(trimmed) {
        return Shape::Bullet {
            indent,
            secondary,
            text: collapse_spaces(text),
        };
    }
    let text = collapse_spaces(trimmed);
    if let Some(shape) = numbered_heading(&text) {
        return shape;
    }
    if let Some(c) = ORDERED.captures(&text)
        && let Ok(number) = c[1].parse::<u32>()
    {
        return Shape::Ordered {
            indent,
            number,
            text: c[2].to_string(),
        };
    }
    if is_capitals_heading(&text) {
        return Shape::Heading {
            rank: 1,
            text,
            guessed: false,
        };
    }
    let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
    // Two cells are a key and its value, or a row, unless they are halves
    // of a sentence with a wide gap.
    let short = |c: &&str| c.split_whitespace().count() <= 8;
    if cells.len() >= 3 || (cells.len() == 2 && cells.iter().all(short)) {
        return Shape::Row(cells.into_iter().map(str::to_string).collect());
    }
    Shape::Text {
        full: trimmed.chars().count() >= width,
        lettered: LETTERED.is_match(&text),
        text,
    }
}

/// "A. Roles" (rank 2), "3. Roles" or "Section 4: Scope" (3), "3.1 The
/// governors" (4), "3.1.2 …" (5): short, capitalised, no sentence.
fn numbered_heading(text: &str) -> Option<Shape> {
    let c = NUMBERED.captures(text)?;
    let rest = c.get(5)?.as_str();
    let words = rest.split_whitespace().count();
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if !starts_upper || words > 12 || rest.ends_with(['.', ',', ';']) || rest.contains('\t') {
        return None;
    }
    // "Section 2" and "Appendix 1" are top-level parts, like "2.".
    let rank = if c.get(1).is_some() {
        3
    } else if let Some(n) = c.get(2) {
        // "3.1" has two parts: rank 4; "3.1.2" rank 5.
        let parts = n.as_str().split('.').count();
        u8::try_from(parts + 2).unwrap_or(6).min(6)
    } else if c.get(3).is_some() {
        3
    } else {
        2
    };
    Some(Shape::Heading {
        rank,
        text: text.to_string(),
        guessed: false,
    })
}

fn is_capitals_heading(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4
        && text.split_whitespace().count() <= 12
        && !text.contains('\t')
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && !text.ends_with([',', ';'])
}

/// A short capitalised line between a finished sentence (or another
/// heading) and a new start is taken for a heading (rank 10: below the
/// numbered ones).
fn plain_heading(text: &str, shapes: &[Shape], i: usize) -> Option<u8> {
    let words = text.split_whitespace().count();
    let first = text.chars().next()?;
    if words > 9
        || text.chars().count() > 70
        || !first.is_uppercase()
        || text.ends_with(['.', ',', ';', ':', '!', '?', '-', '–', '&', '/'])
        || text.contains('\t')
        || YEAR.is_match(text)
        || ends_with_joining_word(text)
    {
        return None;
    }
    let prev = shapes[..i].iter().rev().find(|s| **s != Shape::Blank);
    let prev_done = match prev {
        None | Some(Shape::Heading { .. } | Shape::Rule) => true,
        // A sentence, or a cover line ("Lead: the Headteacher").
        Some(Shape::Text { text, full, .. }) => {
            text.ends_with(['.', '!', '?']) || (!full && super::metadata::is_cover_line(text))
        }
        Some(Shape::Bullet { text, .. } | Shape::Ordered { text, .. }) => {
            !text.ends_with([':', ',']) && !ends_with_joining_word(text)
        }
        Some(_) => false,
    };
    let blank_before = i == 0 || shapes[i - 1] == Shape::Blank;
    let next = shapes[i + 1..].iter().find(|s| **s != Shape::Blank);
    let next_starts = match next {
        Some(Shape::Text { text, .. }) => text.chars().next().is_some_and(|c| !c.is_lowercase()),
        _ => true,
    };
    (prev_done && (blank_before || matches!(prev, Some(Shape::Heading { .. }))) && next_starts)
        .then_some(10)
}

pub(super) fn starts_with_address(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    ["http://", "https://", "www.", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn ends_with_address(text: &str) -> bool {
    text.rsplit(char::is_whitespace)
        .next()
        .is_some_and(starts_with_address)
}

fn ends_with_joining_word(text: &str) -> bool {
    text.rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| JOINING_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether `next` carries on the sentence that `prev` ended, across `gap`
/// blank lines: the PDF wrapped the line, and sometimes double-spaced it.
fn continues(prev: &str, prev_full: bool, next: &str, gap: usize) -> bool {
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    if gap > 0 && prev.ends_with(['.', '!', '?', ':']) {
        return false;
    }
    // Addresses a PDF lists one to a line (its links, pulled out of the
    // page) stay one to a line.
    if starts_with_address(next) && (gap > 0 || ends_with_address(prev)) {
        return false;
    }
    // A line that is one address ends with it, unless the address wrapped.
    if !prev.contains(char::is_whitespace) && starts_with_address(prev) && !lower {
        return false;
    }
    let joining = prev.ends_with([',', '(', '-', '–', '&', '/']) || ends_with_joining_word(prev);
    match gap {
        // A short line ending a sentence ends its paragraph too.
        0 => prev_full || !prev.ends_with(['.', '!', '?']),
        1 => lower || joining || prev_full,
        _ => lower && (joining || prev_full),
    }
}

mod blocks;
mod furniture;
#[cfg(test)]
mod tests;
