//! Accessibility of what authors write: images without alt text, skipped
//! heading levels, vague link text, tables without a header row.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::Site;
use crate::resolve::links::Links;

/// Link texts that say nothing about where the link goes, once lower-cased
/// and stripped of punctuation.
const VAGUE: [&str; 14] = [
    "click here",
    "here",
    "link",
    "this link",
    "read more",
    "more",
    "click",
    "click this link",
    "this",
    "go",
    "more info",
    "more information",
    "learn more",
    "find out more",
];

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
            let text: String = link
                .text
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || c.is_whitespace())
                .collect();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if VAGUE.contains(&text.as_str()) {
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
