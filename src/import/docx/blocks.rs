//! Paragraphs to blocks: headings (by style, or guessed from bold and
//! numbered lines), lists nested by their numbering level, quotations and
//! code.

use std::sync::LazyLock;

use regex::Regex;

use super::body::Counts;
use super::styles::Role;
use crate::import::document::{Block, Inline, List, ListItem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListInfo {
    pub(crate) ordered: bool,
    pub(crate) start: u32,
    /// `w:ilvl`: 0 for the outermost list.
    pub(crate) depth: u8,
}

/// A paragraph, read.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub(crate) role: Role,
    pub(crate) list: Option<ListInfo>,
    pub(crate) all_bold: bool,
    pub(crate) inlines: Vec<Inline>,
}

pub(crate) enum Item {
    Para(Para),
    Block(Block),
}

/// Lines that are probably headings are short.
const MAX_HEADING_WORDS: usize = 12;

/// "3. Roles and responsibilities", "3.1 Governors", "4.2.1. Training".
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+\p{Lu}").expect("a valid pattern")
});

/// Blocks waiting for the next one of another kind.
enum Run {
    None,
    List(Vec<(ListInfo, Vec<Inline>)>),
    Quote(Vec<Block>),
    Code(Vec<String>),
}

/// Groups paragraphs into blocks. `title` takes the first Title paragraph.
pub(crate) fn assemble(
    items: Vec<Item>,
    title: &mut Option<String>,
    counts: &mut Counts,
) -> Vec<Block> {
    let numbered: Vec<Option<u8>> = items
        .iter()
        .map(|item| match item {
            Item::Para(p) if p.role == Role::Body && p.list.is_none() => numbered_depth(p),
            _ => None,
        })
        .collect();
    // For each paragraph, the depth of the next numbered line after it
    // (computed backwards once: a scan per paragraph would be quadratic).
    let mut next_numbered = vec![None; numbered.len()];
    for i in (0..numbered.len().saturating_sub(1)).rev() {
        next_numbered[i] = numbered[i + 1].or(next_numbered[i + 1]);
    }
    let mut out = Vec::new();
    let mut run = Run::None;
    // The level of the last heading found by style or number: a bold line
    // is a heading one below it.
    let mut context = 0u8;
    let mut last_numbered: Option<u8> = None;
    for (i, item) in items.into_iter().enumerate() {
        let para = match item {
            Item::Block(block) => {
                flush(&mut run, &mut out);
                out.push(block);
                continue;
            }
            Item::Para(para) => para,
        };
        if para.inlines.is_empty() {
            // A blank line inside code is part of it.
            if let Run::Code(lines) = &mut run {
                lines.push(String::new());
            }
            continue;
        }
        let text = Inline::plain_text(&para.inlines);
        // A run of short numbered lines is a typed list, not headings.
        let numbered_heading = numbered[i].filter(|d| {
            last_numbered != Some(*d) && next_numbered[i] != Some(*d) && heading_like(&text)
        });
        last_numbered = numbered[i];
        let heading = match (para.role, para.list) {
            (Role::Title, _) if title.is_none() => {
                *title = Some(text.trim().to_string());
                continue;
            }
            (Role::Title, _) => Some((1, false)),
            (Role::Heading(level), _) => Some((level, false)),
            (_, Some(list)) if para.all_bold && heading_like(&text) => Some((list.depth + 1, true)),
            (Role::Body, None) if numbered_heading.is_some() => numbered_heading.map(|d| (d, true)),
            (Role::Body, None) if para.all_bold && heading_like(&text) => Some((context + 1, true)),
            _ => None,
        };
        if let Some((level, guessed)) = heading {
            flush(&mut run, &mut out);
            let bold_line = guessed && para.list.is_none() && numbered_heading.is_none();
            if !bold_line {
                context = level;
            }
            counts.guessed_headings += usize::from(guessed);
            out.push(Block::Heading {
                level,
                content: unbold(para.inlines),
            });
            continue;
        }
        let (list, inlines) = match (para.role, para.list) {
            (Role::Body, None) => typed_bullet(para.inlines),
            (_, list) => (list, para.inlines),
        };
        push_body(&mut run, &mut out, para.role, list, inlines, text);
    }
    flush(&mut run, &mut out);
    out
}

/// A paragraph that is not a heading: a list item, a line of a quotation
/// or of code, or a paragraph.
fn push_body(
    run: &mut Run,
    out: &mut Vec<Block>,
    role: Role,
    list: Option<ListInfo>,
    inlines: Vec<Inline>,
    text: String,
) {
    match (role, list) {
        (_, Some(list)) => push_list(run, out, list, inlines),
        (Role::Quote, None) => {
            if !matches!(run, Run::Quote(_)) {
                flush(run, out);
                *run = Run::Quote(Vec::new());
            }
            if let Run::Quote(blocks) = run {
                blocks.push(Block::Paragraph(inlines));
            }
        }
        (Role::Code, None) => {
            if !matches!(run, Run::Code(_)) {
                flush(run, out);
                *run = Run::Code(Vec::new());
            }
            if let Run::Code(lines) = run {
                lines.push(text);
            }
        }
        _ => {
            flush(run, out);
            out.push(Block::Paragraph(inlines));
        }
    }
}

fn push_list(run: &mut Run, out: &mut Vec<Block>, list: ListInfo, inlines: Vec<Inline>) {
    // Bullets straight after numbers (or numbers after bullets) are
    // another list.
    let other_kind = match run {
        Run::List(items) => items
            .iter()
            .rev()
            .find(|(info, _)| info.depth == 0)
            .is_some_and(|(info, _)| list.depth == 0 && info.ordered != list.ordered),
        _ => false,
    };
    if other_kind || !matches!(run, Run::List(_)) {
        flush(run, out);
        *run = Run::List(Vec::new());
    }
    if let Run::List(items) = run {
        items.push((list, inlines));
    }
}

/// Bullets typed by hand ("•" and a tab, "- ") rather than made by Word's
/// list button: the paragraph is a list item all the same.
fn typed_bullet(mut inlines: Vec<Inline>) -> (Option<ListInfo>, Vec<Inline>) {
    let marker = match inlines.first() {
        Some(Inline::Text(text)) => TYPED_BULLETS
            .iter()
            .find(|b| text.starts_with(**b) && text[b.len()..].starts_with(char::is_whitespace)),
        _ => None,
    };
    let Some(marker) = marker else {
        return (None, inlines);
    };
    if let Some(Inline::Text(text)) = inlines.first_mut() {
        *text = text[marker.len()..].trim_start().to_string();
    }
    let info = ListInfo {
        ordered: false,
        start: 1,
        depth: 0,
    };
    (Some(info), inlines)
}

const TYPED_BULLETS: &[&str] = &["•", "●", "▪", "◦", "·", "-", "–", "*"];

/// Whether a line reads like a heading: short, and not a sentence or a
/// lead-in to a list.
fn heading_like(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    (1..=MAX_HEADING_WORDS).contains(&words)
        && !text.ends_with(['.', ':', ';', ','])
        && text.chars().any(char::is_alphabetic)
}

/// The depth of a typed section number ("3.1 Governors" → 2).
fn numbered_depth(para: &Para) -> Option<u8> {
    let text = Inline::plain_text(&para.inlines);
    let number = NUMBERED.captures(text.trim())?.get(1)?.as_str().to_string();
    let depth = number.split('.').count();
    heading_like(&text).then_some(u8::try_from(depth).unwrap_or(6))
}

fn flush(run: &mut Run, out: &mut Vec<Block>) {
    match std::mem::replace(run, Run::None) {
        Run::None => {}
        Run::List(items) => out.push(Block::List(nest(items))),
        Run::Quote(blocks) => out.push(Block::Quote(blocks)),
        Run::Code(mut lines) => {
            while lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
            out.push(Block::Code(lines.join("\n")));
        }
    }
}

/// Nests list items by depth: an item deeper than the one before opens a
/// list inside that item.
fn nest(items: Vec<(ListInfo, Vec<Inline>)>) -> List {
    // Open lists, outermost first, with their depth.
    let mut stack: Vec<(u8, List)> = Vec::new();
    for (info, inlines) in items {
        while stack.len() > 1
            && stack.last().is_some_and(|(d, l)| {
                *d > info.depth || (*d == info.depth && l.ordered != info.ordered)
            })
        {
            close(&mut stack);
        }
        if stack.last().is_none_or(|(d, _)| *d < info.depth) {
            stack.push((
                info.depth,
                List {
                    ordered: info.ordered,
                    start: info.start,
                    items: Vec::new(),
                },
            ));
        }
        if let Some((_, list)) = stack.last_mut() {
            list.items.push(ListItem {
                blocks: vec![Block::Paragraph(inlines)],
            });
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|(_, list)| list).unwrap_or(List {
        ordered: false,
        start: 1,
        items: Vec::new(),
    })
}

/// Closes the innermost open list into the last item of its parent.
fn close(stack: &mut Vec<(u8, List)>) {
    if let Some((_, inner)) = stack.pop()
        && let Some((_, parent)) = stack.last_mut()
    {
        match parent.items.last_mut() {
            Some(item) => item.blocks.push(Block::List(inner)),
            // A list that starts deeper than it goes on: its items join.
            None => parent.items.extend(inner.items),
        }
    }
}

fn unbold(inlines: Vec<Inline>) -> Vec<Inline> {
    inlines
        .into_iter()
        .flat_map(|inline| match inline {
            Inline::Bold(inner) => unbold(inner),
            other => vec![other],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(depth: u8, ordered: bool, text: &str) -> (ListInfo, Vec<Inline>) {
        (
            ListInfo {
                ordered,
                start: 1,
                depth,
            },
            vec![Inline::Text(text.into())],
        )
    }

    #[test]
    fn lists_nest_by_level() {
        let list = nest(vec![
            item(0, false, "a"),
            item(1, true, "a1"),
            item(1, true, "a2"),
            item(0, false, "b"),
        ]);
        assert_eq!(list.items.len(), 2);
        let Block::List(inner) = &list.items[0].blocks[1] else {
            panic!("nested list expected: {list:?}");
        };
        assert!(inner.ordered);
        assert_eq!(inner.items.len(), 2);
    }

    #[test]
    fn numbered_and_short_lines() {
        let para = |t: &str| Para {
            role: Role::Body,
            list: None,
            all_bold: false,
            inlines: vec![Inline::Text(t.into())],
        };
        assert_eq!(
            numbered_depth(&para("3. Roles and responsibilities")),
            Some(1)
        );
        assert_eq!(numbered_depth(&para("3.1 Governors")), Some(2));
        assert_eq!(numbered_depth(&para("3.1 Governors meet termly.")), None);
        assert_eq!(numbered_depth(&para("2026 was a good year")), None);
        assert!(!heading_like("Pupils should:"));
    }
}
