//! Markdown: a first pass that outlines a page (its headings with their ids,
//! its links and images, with source spans) and a second that renders HTML
//! with those ids, links rewritten to their published URLs, highlighted
//! code and scrollable tables.

use std::ops::Range;

use pulldown_cmark::Options;
use serde::{Deserialize, Serialize};

mod addresses;
mod bare_urls;
pub(crate) mod blocked_html;
pub(crate) mod highlight;
mod mentions;
pub(crate) mod opening_words;
mod outline;
pub(crate) mod placeholders;
mod prose;
mod raw_html;
mod render;

use blocked_html::BlockedHtml;
pub(crate) use mentions::Mention;
pub(crate) use outline::outline_with;
pub(crate) use render::{html_escape, render};

/// The Markdown the site is written in (GitHub-style tables, footnotes…).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A heading of a page, with the id its anchor gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A link or image destination as written, with its span in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Link {
    pub dest: String,
    pub span: Range<usize>,
    pub is_image: bool,
    /// `<https://…>` autolinks and `<a@b>` email autolinks.
    pub is_autolink: bool,
    /// Text of the link (or alt text of the image).
    pub text: String,
}

/// A table of the body, and whether its header row has any text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TableInfo {
    pub span: Range<usize>,
    pub header_has_text: bool,
}

/// Something in the prose that looks like template text never filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Placeholder {
    pub span: Range<usize>,
    pub text: String,
}

/// A raw HTML `<img>` tag, and whether it has an `alt` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct HtmlImage {
    pub span: Range<usize>,
    pub has_alt: bool,
}

/// A page's outline; the build cache keeps it (`write::cache::outlines`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub tables: Vec<TableInfo>,
    pub placeholders: Vec<Placeholder>,
    pub html_images: Vec<HtmlImage>,
    /// Raw HTML that the published pages' Content Security Policy blocks.
    pub blocked_html: Vec<BlockedHtml>,
    /// The first [`opening_words::LIMIT`] words of its prose, joined by
    /// spaces, which the search index holds.
    pub opening_words: String,
    /// The policies it mentions by name.
    pub mentions: Vec<Mention>,
    /// Whether the body is only white space.
    pub blank: bool,
    /// The indexes of `headings` in the order of their ids, for looking
    /// anchors up (a page may have thousands of headings and links to
    /// them) without a second copy of every id.
    anchors: Box<[usize]>,
}

impl Outline {
    pub(crate) fn has_anchor(&self, anchor: &str) -> bool {
        self.anchors
            .binary_search_by(|&i| self.headings[i].id.as_str().cmp(anchor))
            .is_ok()
    }
}

/// Finds unfilled template text in prose (see `checks::placeholders`).
pub(crate) trait ProseScanner: Sync {
    /// Matches in `text`, as byte ranges of `text`.
    fn scan(&self, text: &str) -> Vec<Range<usize>>;
    /// Whether a raw HTML tag (`<insert name>`) is really a placeholder.
    fn is_placeholder_tag(&self, tag: &str) -> bool;
}

/// An entry of a page's table of contents (level-2 headings with their
/// level-3 headings beneath).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

pub(crate) fn table_of_contents(outline: &Outline) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for h in &outline.headings {
        let entry = TocEntry {
            id: h.id.clone(),
            title: h.text.clone(),
            children: Vec::new(),
        };
        match h.level {
            2 => toc.push(entry),
            3 => match toc.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => toc.push(entry),
            },
            _ => {}
        }
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::raw_html::html_attribute;
    use super::*;
    use outline::outline;

    #[test]
    fn headings_get_unique_stable_ids() {
        let body =
            "## Scope\n\n## Scope\n\n### Über *uns*\n\n## Scope\n\n## Custom {#mine}\n\n## ?!\n";
        let o = outline(body);
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["scope", "scope-1", "über-uns", "scope-2", "mine", "section"]
        );
        assert_eq!(o.headings[2].text, "Über uns");
        // A heading that takes a numbered id itself is stepped over.
        let o = outline("## A\n\n## A 2\n\n## A\n\n## A\n\n## A 1\n");
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-1", "a-3", "a-1-1"]);
        // Ten thousand headings of one name: each found in one step, not
        // counted up from 1 (which took seconds).
        let body = "## Procedure\n\n".repeat(10_000);
        let o = outline(&body);
        assert_eq!(o.headings[9_999].id, "procedure-9999");
        assert!(o.has_anchor("procedure-5000") && !o.has_anchor("procedure-10000"));
    }

    #[test]
    fn links_and_images_are_outlined_with_spans() {
        let body = "See [the policy](@online-safety#scope) and ![a chart](chart.png).\n\n<https://example.org>\n";
        let o = outline(body);
        assert_eq!(o.links.len(), 3);
        assert_eq!(o.links[0].dest, "@online-safety#scope");
        assert_eq!(
            &body[o.links[0].span.clone()],
            "[the policy](@online-safety#scope)"
        );
        assert_eq!(o.links[0].text, "the policy");
        assert!(o.links[1].is_image);
        assert_eq!(o.links[1].text, "a chart");
        assert!(o.links[2].is_autolink);
    }

    #[test]
    fn render_uses_ids_rewrites_links_and_wraps_tables() {
        let body =
            "## Scope\n\n[x](@a)\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n";
        let o = outline(body);
        let html = render(body, &o, &|d| {
            (d == "@a").then(|| "/policies/a/".to_string())
        });
        assert!(html.contains("<h2 id=\"scope\">Scope</h2>"), "{html}");
        assert!(html.contains("href=\"/policies/a/\""), "{html}");
        assert!(
            html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\""),
            "{html}"
        );
        assert!(html.contains("<thead>"), "{html}");
        assert!(html.contains("</table>\n</div>"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn footnotes_strikethrough_and_tasks_render() {
        let body = "Text[^1] ~~old~~\n\n- [x] done\n- [ ] to do\n\n[^1]: A note.\n";
        let html = render(body, &outline(body), &|_| None);
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(!html.contains("checkbox"), "{html}");
        assert!(html.contains("aria-label=\"Done\">☑</span> done"), "{html}");
        assert!(
            html.contains("aria-label=\"Not done\">☐</span> to do"),
            "{html}"
        );
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn bare_addresses_are_outlined_and_linked() {
        let body = "Visit www.nspcc.org.uk/advice_for_parents, or [CEOP](https://ceop.police.uk) and `www.not.linked`.\n";
        let o = outline(body);
        let bare: Vec<_> = o.links.iter().filter(|l| l.is_autolink).collect();
        assert_eq!(bare.len(), 1, "{:?}", o.links);
        assert_eq!(bare[0].dest, "https://www.nspcc.org.uk/advice_for_parents");
        assert_eq!(
            &body[bare[0].span.clone()],
            "www.nspcc.org.uk/advice_for_parents"
        );
        let html = render(body, &o, &|_| None);
        assert!(
            html.contains("<a href=\"https://www.nspcc.org.uk/advice_for_parents\" dir=\"ltr\">www.nspcc.org.uk/advice_for_parents</a>,"),
            "{html}"
        );
        // A link written in words keeps the page's direction.
        assert!(
            html.contains("<a href=\"https://ceop.police.uk\">CEOP</a>"),
            "{html}"
        );
        assert!(html.contains("<code>www.not.linked</code>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
    }

    #[test]
    fn html_links_are_outlined() {
        let body = "<p>See <a class=\"x\" href=\"https://wwww.nspcc.org.uk/\">the NSPCC</a> and <a href=#top>top</a>.</p>\n";
        let o = outline(body);
        let dests: Vec<&str> = o.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["https://wwww.nspcc.org.uk/"]);
        // Inline: the address shown inside an HTML link is not linked again.
        let inline = "Go to <a href=\"https://www.gov.uk\">www.gov.uk</a> now.\n";
        let o = outline(inline);
        assert_eq!(o.links.len(), 1, "{:?}", o.links);
        let html = render(inline, &o, &|_| None);
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert_eq!(html_attribute("<a HREF='x y'>", "href"), Some("x y"));
        assert_eq!(html_attribute("<a data-href=\"no\">", "href"), None);
    }

    #[test]
    fn toc_nests_level_three_under_level_two() {
        let o = outline("## A\n### A1\n## B\n#### deep\n");
        let toc = table_of_contents(&o);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children[0].title, "A1");
    }
}
