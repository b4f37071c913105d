//! The guidance a policy cites, found in its text by the titles of the
//! site's register (`guidance.toml`), so that `charter check` can say at
//! once when a cited edition has been superseded.

use std::sync::LazyLock;

use regex::Regex;

use super::document::{Block, Document, Inline};
use crate::config::guidance::Guidance;

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)\b").expect("a valid pattern"));

/// Ids of the register's entries the text cites, and a report line for
/// each citation of a title whose edition the register does not list.
pub(crate) fn cited(doc: &Document, register: &Guidance) -> (Vec<String>, Vec<String>) {
    let mut text = String::new();
    collect(&doc.blocks, &mut text);
    let text = text
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut ids: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut bases: Vec<String> = register
        .guidance
        .iter()
        .map(|e| base_title(&e.title))
        .collect();
    bases.dedup();
    for base in bases.iter().filter(|b| b.split_whitespace().count() >= 3) {
        let editions: Vec<_> = register
            .guidance
            .iter()
            .filter(|e| base_title(&e.title) == *base)
            .collect();
        for (at, _) in text.match_indices(base.as_str()) {
            let after = &text[at + base.len()..];
            let window: String = after.chars().take(40).collect();
            let year = YEAR.captures(&window).map(|c| c[1].to_string());
            let found = match &year {
                Some(y) => editions.iter().find(|e| {
                    e.edition.is_some_and(|d| d.year().to_string() == *y)
                        || e.title.contains(y.as_str())
                }),
                None if editions.len() == 1 => editions.first(),
                None => None,
            };
            match (found, year) {
                (Some(e), _) if !ids.contains(&e.id) => ids.push(e.id.clone()),
                (None, Some(y)) => {
                    let line = format!(
                        "the text cites “{base}” ({y}), an edition guidance.toml does not list: add it there (with `superseded_by`) and to `guidance`, or cite the current edition"
                    );
                    if !unknown.contains(&line) {
                        unknown.push(line);
                    }
                }
                _ => {}
            }
        }
    }
    (ids, unknown)
}

/// A title without its year: "Keeping children safe in education 2025" →
/// "keeping children safe in education".
fn base_title(title: &str) -> String {
    static TRAILING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[\s(,]*(?:19|20)\d\d(?:/\d\d)?\)?\s*$").expect("a valid pattern")
    });
    TRAILING_YEAR
        .replace(&title.to_lowercase(), "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn collect(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                out.push_str(&Inline::plain_text(content));
            }
            Block::List(list) => list.items.iter().for_each(|i| collect(&i.blocks, out)),
            Block::Table(table) => {
                for cell in table.header.iter().chain(&table.rows).flatten() {
                    cell.paragraphs
                        .iter()
                        .for_each(|p| out.push_str(&Inline::plain_text(p)));
                    out.push(' ');
                }
            }
            Block::Quote(inner) => collect(inner, out),
            Block::Code(_) | Block::Rule => {}
        }
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_are_found_by_title_and_year() {
        let register: Guidance = toml::from_str(
            r#"
[[guidance]]
id = "kcsie-2025"
title = "Keeping children safe in education 2025"
publisher = "DfE"
edition = 2025-09-01
url = "https://example.org/kcsie"
superseded_by = "kcsie-2026"

[[guidance]]
id = "kcsie-2026"
title = "Keeping children safe in education 2026"
publisher = "DfE"
edition = 2026-09-01
url = "https://example.org/kcsie"
"#,
        )
        .expect("a register");
        let doc = |s: &str| Document {
            blocks: vec![Block::Paragraph(vec![Inline::Text(s.into())])],
            ..Document::default()
        };
        let (ids, unknown) = cited(
            &doc("We follow Keeping Children Safe in Education (DfE, September 2025)."),
            &register,
        );
        assert_eq!((ids, unknown.len()), (vec!["kcsie-2025".to_string()], 0));
        let (ids, unknown) = cited(
            &doc("See Keeping children safe in\neducation 2022."),
            &register,
        );
        assert!(ids.is_empty());
        assert_eq!(unknown.len(), 1);
        assert_eq!(
            cited(&doc("Keeping children safe matters."), &register)
                .0
                .len(),
            0
        );
    }
}
