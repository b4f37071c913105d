//! Accessibility of what authors write: images without alt text, skipped
//! heading levels, vague link text, tables without a header row.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::Site;
use crate::resolve::links::Links;

/// Link texts that say nothing about where the link goes, once lower-cased
/// and stripped of punctuation. Only the whole text counts: "read more
/// about filtering" says where it goes.
const VAGUE: [&str; 21] = [
    "click here",
    "here",
    "link",
    "this link",
    "read more",
    "more",
    "click",
    "click this link",
    "this",
    "this page",
    "see",
    "see here",
    "go",
    "more info",
    "more information",
    "more details",
    "details",
    "learn more",
    "find out more",
    "read this",
    "click here to read more",
];

/// The most letters and digits a phrase of [`VAGUE`] has.
const MOST_LETTERS: usize = 19;

/// Whether `text` is one of the vague phrases, whatever its case, spacing
/// and punctuation (`"Click here!"`, `(here)`, `→ Read more…`).
pub(crate) fn is_vague(text: &str) -> bool {
    // Most link texts are longer than any vague phrase: they are told by
    // counting, without making a lower-case copy of each (lower case never
    // has fewer letters).
    if text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .nth(MOST_LETTERS)
        .is_some()
    {
        return false;
    }
    let words: String = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    VAGUE.contains(&words.as_str())
}

pub(super) fn check(site: &Site, links: &Links, diags: &mut Diagnostics) {
    for (page, outline) in site.pages.iter().zip(&links.outlines) {
        let at = |span: &std::ops::Range<usize>| {
            span.start + page.body_offset..span.end + page.body_offset
        };
        for link in &outline.links {
            if link.is_image {
                if link.text.trim().is_empty() {
                    diags.push(Diagnostic::at(
                        Code::AltMissing,
                        &page.source,
                        at(&link.span),
                        "this image has no alt text, so screen reader users are told nothing about it",
                        "describe what the image shows between the brackets: ![Pupils using tablets in class](photo.jpg)",
                    ));
                }
                continue;
            }
            // An image inside the link names it by its alt text.
            let alt: String = outline
                .links
                .iter()
                .filter(|i| {
                    i.is_image && link.span.start <= i.span.start && i.span.end <= link.span.end
                })
                .map(|i| format!(" {}", i.text))
                .collect();
            if is_vague(&format!("{}{alt}", link.text)) {
                diags.push(Diagnostic::at(
                    Code::LinkTextVague,
                    &page.source,
                    at(&link.span),
                    format!("the link text \"{}\" does not say where the link goes", link.text.trim()),
                    "use words that make sense on their own, e.g. [read our behaviour policy](@behaviour)",
                ));
            }
        }
        for img in outline.html_images.iter().filter(|i| !i.has_alt) {
            diags.push(Diagnostic::at(
                Code::AltMissing,
                &page.source,
                at(&img.span),
                "this <img> has no alt attribute",
                "add alt=\"what the image shows\" (alt=\"\" only for a purely decorative image)",
            ));
        }
        // The page title is the only level-1 heading; body headings start at 2.
        let mut previous = 1u8;
        for h in &outline.headings {
            if h.level == 1 {
                diags.push(Diagnostic::at(
                    Code::HeadingSkip,
                    &page.source,
                    at(&h.span),
                    "a level-1 heading in the text: the page title is already the page's only level-1 heading",
                    "start sections at level 2: ## Heading",
                ));
            } else if h.level > previous + 1 {
                diags.push(Diagnostic::at(
                    Code::HeadingSkip,
                    &page.source,
                    at(&h.span),
                    format!("the heading jumps from level {previous} to level {}", h.level),
                    format!("use level {} here ({}), so screen reader users do not think a section is missing", previous + 1, "#".repeat(usize::from(previous) + 1)),
                ));
            }
            previous = h.level;
        }
        for t in outline.tables.iter().filter(|t| !t.header_has_text) {
            diags.push(Diagnostic::at(
                Code::TableNoHeader,
                &page.source,
                at(&t.span),
                "this table's header row is empty",
                "put column names in the first row, so each cell can be read with its heading",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MOST_LETTERS, VAGUE, is_vague};

    #[test]
    fn the_longest_vague_phrase_is_told_as_vague() {
        let letters = |p: &str| p.chars().filter(|c| c.is_alphanumeric()).count();
        assert_eq!(VAGUE.iter().map(|p| letters(p)).max(), Some(MOST_LETTERS));
        assert!(is_vague("Click here, to read MORE!"));
        assert!(!is_vague("Click here to read more now"));
    }

    #[test]
    fn vague_phrases_in_any_case_and_punctuation() {
        for text in [
            "here",
            "Here.",
            "(here)",
            "CLICK HERE!",
            "click  here",
            "Read more…",
            "→ read more",
            "more",
            "More...",
            "see",
            "See:",
            "this",
            "This.",
            "link",
            "this page",
            "This link",
            "Find out more",
            "learn more",
            "More information",
            "details",
            "Details »",
            "\"here\"",
        ] {
            assert!(is_vague(text), "{text:?} should be vague");
        }
    }

    #[test]
    fn link_texts_that_say_where_they_go() {
        for text in [
            "read more about filtering",
            "see our behaviour policy",
            "details of the complaints procedure",
            "this term's dates",
            "Online safety policy",
            "",
            "here and there",
        ] {
            assert!(!is_vague(text), "{text:?} should not be vague");
        }
    }
}
