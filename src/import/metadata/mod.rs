//! The cover lines (or cover table) most policies open or close with —
//! "Date approved: 12 March 2025", "Next review: Autumn 2026", "Policy
//! owner: Headteacher" — become front matter, and leave the body.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::document::{Block, Cell, Document, Inline};
use crate::base::dates::{Cycle, parse_term, parse_written_date};
use crate::config::Terms;
use keys::{Field, field, normalise_key};

/// What the document says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub reference: Option<String>,
    pub owners: Vec<String>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
    pub review_every: Option<String>,
    pub next_review: Option<NextReview>,
    pub statutory: Option<bool>,
    /// Ids of the register's guidance that the text cites.
    pub guidance: Vec<String>,
    /// TOML comments for the front matter (without `# `): values the
    /// author must settle (an ambiguous date) or that have no key.
    pub comments: Vec<String>,
    /// What was recognised, for the report.
    pub found: Vec<String>,
    /// What the author must decide, for the report.
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NextReview {
    Date(Date),
    /// A term or a month, as written ("Autumn 2025", "August 2024").
    Words(String),
}

/// A date as a cover gives it.
#[derive(Debug, Clone, PartialEq)]
enum When {
    Day(Date),
    /// Figures that read two ways: (day first, month first).
    Ambiguous(Date, Date),
    /// A month or a term, no day.
    Period(String),
    Cycle(String),
}

/// "Key: value", "Key<tab>value", "Key | value".
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Za-z][A-Za-z /()'’&.-]{0,60}?)\s*(?::|\t|\s\|\s|\s-\s)\s*(.*?)\s*$")
        .expect("a valid pattern")
});

static BY_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:approved|ratified|adopted|agreed)\s+by\s+(?:the\s+)?(.+?)\s+on$")
        .expect("a valid pattern")
});

static FIGURES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$").expect("a valid pattern")
});

static RESPONSIBILITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^this (?:policy|document) is the responsibility of\s+(.+?)\.?$")
        .expect("a valid pattern")
});

/// Takes the title and the cover lines out of `doc`.
pub(crate) fn extract(doc: &mut Document, terms: &Terms) -> Meta {
    let mut meta = Meta {
        title: doc.title.clone(),
        ..Meta::default()
    };
    take_title_heading(doc, &mut meta);
    let mut reviewer: Vec<String> = Vec::new();
    let blocks = std::mem::take(&mut doc.blocks);
    for block in blocks {
        match block {
            Block::Paragraph(content) => {
                let kept = paragraph(&content, &mut meta, terms, &mut reviewer);
                if !kept.is_empty() {
                    doc.blocks.push(Block::Paragraph(kept));
                } else {
                    forget_note(doc, &content);
                }
            }
            // A cover line on its own may have been taken for a heading.
            Block::Heading { content, level } => {
                let text = Inline::plain_text(&content);
                if !cover_line(&text, &mut meta, terms, &mut reviewer) {
                    doc.blocks.push(Block::Heading { content, level });
                }
            }
            Block::Table(table) => {
                if let Some(table) = cover_table(table, &mut meta, terms, &mut reviewer) {
                    doc.blocks.push(Block::Table(table));
                }
            }
            other => doc.blocks.push(other),
        }
    }
    if meta.owners.is_empty() && !reviewer.is_empty() {
        meta.owners = reviewer;
        meta.found
            .push(format!("owners = {:?} (from “Reviewed by”)", meta.owners));
    }
    meta
}

/// A table note about a block now gone into the front matter is moot.
fn forget_note(doc: &mut Document, content: &[Inline]) {
    let first = lines_of(content).into_iter().next().unwrap_or_default();
    if !first.is_empty() {
        doc.notes.retain(|n| !n.message.contains(&first));
    }
}

/// A first heading that repeats the title (or gives it, when the reader
/// found none) is the page's title, not part of its body.
fn take_title_heading(doc: &mut Document, meta: &mut Meta) {
    let Some(Block::Heading { content, .. }) = doc.blocks.first() else {
        return;
    };
    let text = Inline::plain_text(content).trim().to_string();
    match &meta.title {
        Some(t) if !t.trim().eq_ignore_ascii_case(&text) => {}
        _ => {
            meta.title = Some(text);
            doc.blocks.remove(0);
        }
    }
}

/// The lines of a paragraph (split at its line breaks) that are not cover
/// lines, as inlines again; empty when every line went into `meta`.
fn paragraph(
    content: &[Inline],
    meta: &mut Meta,
    terms: &Terms,
    reviewer: &mut Vec<String>,
) -> Vec<Inline> {
    let mut kept: Vec<Vec<Inline>> = Vec::new();
    let mut line: Vec<Inline> = Vec::new();
    let mut lines: Vec<Vec<Inline>> = Vec::new();
    for inline in content {
        if *inline == Inline::LineBreak {
            lines.push(std::mem::take(&mut line));
        } else {
            line.push(inline.clone());
        }
    }
    lines.push(line);
    for inlines in lines {
        let text = Inline::plain_text(&inlines);
        if !cover_line(&text, meta, terms, reviewer) {
            if let Some(c) = RESPONSIBILITY.captures(text.trim())
                && meta.owners.is_empty()
                && lines_count(&text) == 1
            {
                meta.owners = split_roles(&c[1]);
                meta.found.push(format!(
                    "owners = {:?} (from “{}”)",
                    meta.owners,
                    text.trim()
                ));
            }
            kept.push(inlines);
        }
    }
    let mut out = Vec::new();
    for (i, l) in kept.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::LineBreak);
        }
        out.extend(l);
    }
    // A paragraph that is only an image has no text, but is not empty.
    if Inline::plain_text(&out).trim().is_empty()
        && !out.iter().any(|i| matches!(i, Inline::Image(_)))
    {
        out.clear();
    }
    out
}

fn lines_count(text: &str) -> usize {
    text.lines().count()
}

fn lines_of(content: &[Inline]) -> Vec<String> {
    content
        .split(|i| *i == Inline::LineBreak)
        .map(|l| Inline::plain_text(l).trim().replace('\t', " | "))
        .collect()
}

/// A cover table: rows of a key and a value. Rows that are cover lines go;
/// the table goes when none is left.
fn cover_table(
    mut table: super::document::Table,
    meta: &mut Meta,
    terms: &Terms,
    reviewer: &mut Vec<String>,
) -> Option<super::document::Table> {
    let row_text = |row: &[Cell]| -> Option<String> {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                c.paragraphs
                    .iter()
                    .map(|p| Inline::plain_text(p))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim()
                    .to_string()
            })
            .collect();
        let (key, rest) = cells.split_first()?;
        Some(format!("{key}\t{}", rest.join(" ")))
    };
    if let Some(header) = &table.header
        && let Some(text) = row_text(header)
        && cover_line(&text, meta, terms, reviewer)
    {
        table.header = None;
    }
    table
        .rows
        .retain(|row| !row_text(row).is_some_and(|t| cover_line(&t, meta, terms, reviewer)));
    (table.header.is_some() || !table.rows.is_empty()).then_some(table)
}

/// Whether a line is a cover line with a key Charter knows ("Policy
/// lead: the Headteacher"), whatever its value.
pub(crate) fn is_cover_line(line: &str) -> bool {
    KEY_VALUE.captures(line.trim()).is_some_and(|c| {
        let key = normalise_key(&c[1]);
        BY_ON.is_match(&key) || field(&key).is_some()
    })
}

/// Reads one "Key: value" line into `meta`; false when it is no cover
/// line (or its value cannot be read, so it stays in the text where the
/// author and the checks see it).
fn cover_line(line: &str, meta: &mut Meta, terms: &Terms, reviewer: &mut Vec<String>) -> bool {
    let line = line.trim();
    if line.chars().count() > 160 {
        return false;
    }
    let Some(c) = KEY_VALUE.captures(line) else {
        return false;
    };
    let key = normalise_key(&c[1]);
    // "Key: | value" when a key and its value were columns.
    let value = c[2]
        .trim_start_matches(['|', ' ', '\t'])
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim();
    if value.is_empty() {
        return false;
    }
    // The line as the report shows it: "Key: value", whatever the
    // separator was.
    let shown = format!("{}: {value}", c[1].trim().trim_end_matches(':'));
    let line = shown.as_str();
    if let Some(who) = BY_ON.captures(&key) {
        let who = title_case(&who[1]);
        return approved_on(value, &who, line, meta, terms);
    }
    let Some(f) = field(&key) else {
        return false;
    };
    apply(f, value, line, meta, terms, reviewer)
}

fn apply(
    f: Field,
    value: &str,
    line: &str,
    meta: &mut Meta,
    terms: &Terms,
    reviewer: &mut Vec<String>,
) -> bool {
    let words = value.split_whitespace().count();
    match f {
        Field::Title if words <= 15 => {
            if meta.title.is_none() {
                meta.title = Some(value.to_string());
            }
            true
        }
        Field::Approved => approved_on(value, "", line, meta, terms),
        Field::NextReview => next_review(value, line, meta, terms),
        Field::ReviewEvery if meta.review_every.is_none() && Cycle::parse(value).is_some() => {
            meta.review_every = Some(value.to_string());
            meta.found
                .push(format!("review_every = {value:?} (from “{line}”)"));
            true
        }
        Field::Owners if meta.owners.is_empty() && words <= 16 => {
            meta.owners = split_roles(value);
            meta.found
                .push(format!("owners = {:?} (from “{line}”)", meta.owners));
            true
        }
        Field::Reviewer if words <= 16 => {
            *reviewer = split_roles(value);
            true
        }
        Field::ApprovedBy if meta.approved_by.is_none() && words <= 10 => {
            meta.approved_by = Some(value.to_string());
            meta.found
                .push(format!("approved_by = {value:?} (from “{line}”)"));
            true
        }
        Field::Reference if meta.reference.is_none() && words <= 3 => {
            meta.reference = Some(value.to_string());
            meta.found
                .push(format!("reference = {value:?} (from “{line}”)"));
            true
        }
        Field::Version if words <= 6 => {
            meta.comments
                .push(format!("Version {value} (from the document's cover)"));
            meta.found.push(format!(
                "version {value:?} kept as a comment (from “{line}”)"
            ));
            true
        }
        Field::Statutory if words <= 4 => {
            let v = value.to_lowercase();
            let yes = matches!(v.as_str(), "yes" | "y" | "true" | "statutory")
                || v.starts_with("statutory");
            let no = v.starts_with("no") || v.starts_with("non") || v.contains("not ");
            if yes == no {
                return false;
            }
            meta.statutory = Some(yes);
            meta.found
                .push(format!("statutory = {yes} (from “{line}”)"));
            true
        }
        _ => false,
    }
}

/// An approval date, and who approved when the key says ("Ratified by the
/// Governing Body on").
fn approved_on(value: &str, who: &str, line: &str, meta: &mut Meta, terms: &Terms) -> bool {
    if meta.approved.is_some() {
        return false;
    }
    let Some(when) = read_when(value, terms) else {
        return false;
    };
    if !who.is_empty() && meta.approved_by.is_none() {
        meta.approved_by = Some(who.to_string());
        meta.found
            .push(format!("approved_by = {who:?} (from “{line}”)"));
    }
    match when {
        When::Day(d) => {
            meta.approved = Some(d);
            meta.found.push(format!("approved = {d} (from “{line}”)"));
        }
        When::Ambiguous(dm, md) => ambiguous("approved", value, dm, md, meta),
        When::Period(p) | When::Cycle(p) => {
            meta.comments.push(format!(
                "approved: the document says \"{p}\", with no day: write the day it was approved, e.g. approved = YYYY-MM-DD"
            ));
            meta.questions.push(format!(
                "“{line}” gives no day: write the day it was approved as `approved = YYYY-MM-DD`"
            ));
        }
    }
    true
}

fn next_review(value: &str, line: &str, meta: &mut Meta, terms: &Terms) -> bool {
    let Some(when) = read_when(value, terms) else {
        return false;
    };
    match when {
        When::Cycle(c) if meta.review_every.is_none() => {
            meta.review_every = Some(c.clone());
            meta.found
                .push(format!("review_every = {c:?} (from “{line}”)"));
        }
        _ if meta.next_review.is_some() => return false,
        When::Day(d) => {
            meta.next_review = Some(NextReview::Date(d));
            meta.found
                .push(format!("next_review = {d} (from “{line}”)"));
        }
        When::Ambiguous(dm, md) => ambiguous("next_review", value, dm, md, meta),
        When::Period(p) => {
            meta.found
                .push(format!("next_review = {p:?} (from “{line}”)"));
            meta.next_review = Some(NextReview::Words(p));
        }
        When::Cycle(_) => return false,
    }
    true
}

fn ambiguous(key: &str, value: &str, dm: Date, md: Date, meta: &mut Meta) {
    meta.comments.push(format!(
        "{key}: the document says {value}, which reads as {dm} (day first) or {md} (month first): write the right one, e.g. {key} = {dm}"
    ));
    meta.questions.push(format!(
        "{key}: “{value}” is {dm} or {md}: write the right one in the front matter"
    ));
}

/// Reads a cover's date: the latest of "August 2022, updated August 2023".
fn read_when(value: &str, terms: &Terms) -> Option<When> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[,;]|\b(?:updated|revised|amended|reviewed)\b").expect("a valid pattern")
    });
    SPLIT
        .split(value)
        .map(|p| p.trim().trim_start_matches("on ").trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|p| read_one(p, terms))
}

fn read_one(piece: &str, terms: &Terms) -> Option<When> {
    let piece = piece.trim_end_matches('.');
    if let Ok(d) = piece.parse::<Date>() {
        return Some(When::Day(d));
    }
    if let Some(c) = FIGURES.captures(piece) {
        let (a, b): (i8, i8) = (c[1].parse().ok()?, c[2].parse().ok()?);
        let y: i16 = c[3].parse().ok()?;
        let y = if y < 100 { 2000 + y } else { y };
        let day_first = Date::new(y, b, a).ok();
        let month_first = Date::new(y, a, b).ok();
        return match (day_first, month_first) {
            (Some(d), Some(m)) if d != m => Some(When::Ambiguous(d, m)),
            (Some(d), _) | (None, Some(d)) => Some(When::Day(d)),
            (None, None) => None,
        };
    }
    if let Some(d) = parse_written_date(piece) {
        // "1 September 2027" names a day; "September 2027" only a month.
        let has_day = piece.split_whitespace().any(|w| {
            w.trim_end_matches(|c: char| c.is_alphabetic())
                .parse::<u8>()
                .is_ok_and(|n| (1..=31).contains(&n))
        });
        return Some(if has_day {
            When::Day(d)
        } else {
            When::Period(piece.to_string())
        });
    }
    if parse_term(piece, terms).is_some() {
        return Some(When::Period(piece.to_string()));
    }
    Cycle::parse(piece).map(|_| When::Cycle(piece.to_string()))
}

/// "Deputy Head (Pastoral) and DSL" → two roles.
fn split_roles(value: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*(?:,|;|&|\band\b|\bin conjunction with\b|\bwith\b)\s*")
            .expect("a valid pattern")
    });
    SEP.split(value)
        .map(|r| {
            let r = r.trim().trim_end_matches('.').trim();
            let r = r
                .strip_prefix("the ")
                .or_else(|| r.strip_prefix("The "))
                .unwrap_or(r);
            r.to_string()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

mod keys;
#[cfg(test)]
mod tests;
