//! Page furniture: page numbers, running headers and footers, tables of
//! contents. A web page needs none of them.

use std::collections::HashMap;

use super::{CONTENTS, PAGE_NUMBER, bullet};
use crate::import::document::{Note, NoteKind};

/// Removes page numbers and the running headers and footers a PDF repeats
/// on every page, with a note for each kind. A line counts as furniture
/// when (digits aside) it appears three times or more: at page edges when
/// the text has page breaks, anywhere otherwise (then only lines of three
/// words or more that are not sentences or list items, or whose number
/// changes, as a page number does).
pub(super) fn drop_furniture(lines: Vec<String>, notes: &mut Vec<Note>) -> Vec<String> {
    let has_pages = lines.iter().any(|l| l == "\u{c}");
    let edge = page_edges(&lines);
    let mut counts: HashMap<String, (usize, bool, String)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || (has_pages && !edge[i]) {
            continue;
        }
        let key = digits_masked(trimmed);
        let entry = counts.entry(key).or_insert((0, false, trimmed.to_string()));
        entry.0 += 1;
        entry.1 |= entry.2 != trimmed;
    }
    let is_furniture = |trimmed: &str| {
        let Some((n, varies, _)) = counts.get(&digits_masked(trimmed)) else {
            return false;
        };
        *n >= 3
            && trimmed.chars().count() <= 120
            && (has_pages
                || *varies
                || (trimmed.split_whitespace().count() >= 3
                    && !trimmed.ends_with(['.', ':', ';', ','])
                    && bullet(trimmed).is_none()))
    };
    let mut pages = 0;
    let mut contents = 0;
    let mut dropped: Vec<(String, usize)> = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let trimmed = line.trim();
        if PAGE_NUMBER.is_match(trimmed) && !trimmed.is_empty() {
            pages += 1;
        } else if CONTENTS.is_match(trimmed) {
            contents += 1;
        } else if !trimmed.is_empty() && trimmed != "\u{c}" && is_furniture(trimmed) {
            let key = digits_masked(trimmed);
            match dropped.iter_mut().find(|(k, _)| digits_masked(k) == key) {
                Some((_, n)) => *n += 1,
                None => dropped.push((trimmed.split_whitespace().collect::<Vec<_>>().join(" "), 1)),
            }
        } else if trimmed == "\u{c}" {
            // A page break ends nothing by itself: PDFs break pages
            // mid-sentence. Keep it as a blank line.
            out.push(String::new());
        } else {
            out.push(line);
        }
    }
    if pages > 0 {
        notes.push(Note {
            kind: NoteKind::Dropped,
            message: format!("{pages} page number{}", if pages == 1 { "" } else { "s" }),
        });
    }
    if contents > 0 {
        // The contents' own heading goes with them.
        if let Some(at) = out.iter().position(|l| {
            matches!(
                l.trim().to_lowercase().as_str(),
                "contents" | "table of contents" | "contents page"
            )
        }) {
            out.remove(at);
        }
        notes.push(Note {
            kind: NoteKind::Dropped,
            message: format!(
                "a table of contents ({contents} line{}): the page lists its headings itself",
                if contents == 1 { "" } else { "s" }
            ),
        });
    }
    for (line, n) in dropped {
        notes.push(Note {
            kind: NoteKind::Dropped,
            message: format!("a page header or footer, “{line}” ({n} times)"),
        });
    }
    out
}

/// Removes a footer that repeats the title with a date or page number
/// ("Online Safety Policy October 2022  5"), seen twice or more: shorter
/// documents have too few pages for the threefold rule.
pub(super) fn drop_titled_footers(lines: &mut Vec<String>, title: &str, notes: &mut Vec<Note>) {
    let title = title.to_lowercase();
    if title.split_whitespace().count() < 2 {
        return;
    }
    let is_footer = |line: &str| {
        let lower = line.trim().to_lowercase();
        let Some(rest) = lower
            .strip_prefix(&title)
            .or_else(|| lower.strip_suffix(&title))
        else {
            return false;
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 4
            && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
    };
    let count = lines.iter().filter(|l| is_footer(l)).count();
    if count < 2 {
        return;
    }
    let first = lines
        .iter()
        .find(|l| is_footer(l))
        .map(|l| l.trim().to_string());
    lines.retain(|l| !is_footer(l));
    if let Some(first) = first {
        let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
        notes.push(Note {
            kind: NoteKind::Dropped,
            message: format!("a page footer, “{first}” ({count} times)"),
        });
    }
}

/// For each line, whether it is among the first or last two lines with
/// text on its page.
fn page_edges(lines: &[String]) -> Vec<bool> {
    let mut edge = vec![false; lines.len()];
    let mut start = 0;
    for end in (0..=lines.len()).filter(|&i| i == lines.len() || lines[i] == "\u{c}") {
        let filled: Vec<usize> = (start..end)
            .filter(|&i| !lines[i].trim().is_empty())
            .collect();
        for &i in filled.iter().take(2).chain(filled.iter().rev().take(2)) {
            edge[i] = true;
        }
        start = end + 1;
    }
    edge
}

fn digits_masked(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}
