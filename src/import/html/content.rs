//! Finding a page's main content: a school website wraps each policy in a
//! menu, a banner, a sidebar of news and a footer of addresses, none of
//! which belongs in the imported document.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

/// Elements that are never content.
pub(crate) const NEVER: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "footer", "input", "textarea", "svg", "canvas", "head", "title", "meta", "link", "dialog",
];

/// Elements that are content only when inside the chosen main element (an
/// article's header holds its title; a footer anywhere holds "Edit",
/// "Share", "Posted in", and is never content).
const OUTSIDE: &[&str] = &["header"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
];

/// Words in a class or id that mark furniture (WordPress widgets, cookie
/// banners, share buttons).
const FURNITURE_WORDS: &[&str] = &[
    "sidebar",
    "widget",
    "breadcrumb",
    "cookie",
    "share",
    "social",
    "menu",
    "comments",
    "related-posts",
];

/// Which element holds the main content, and how it was found.
pub(crate) struct Main<'a> {
    pub(crate) element: ElementRef<'a>,
    /// Whether the page has text outside it (menus, a footer…).
    pub(crate) narrowed: bool,
}

/// `main`, else `[role=main]` or the `article` with most text, else the
/// block with most paragraph text, else the body.
pub(crate) fn find(page: &Html) -> Main<'_> {
    let body = select(page, "body")
        .next()
        .unwrap_or_else(|| page.root_element());
    let element = select(page, "main")
        .chain(select(page, "[role=main]"))
        .find(|e| text_len(*e) > 0)
        .or_else(|| select(page, "article").max_by_key(|e| text_len(*e)))
        .or_else(|| largest_text_block(page))
        .unwrap_or(body);
    Main {
        element,
        narrowed: text_len(body) > text_len(element),
    }
}

fn select<'a>(page: &'a Html, selector: &str) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    let selector = Selector::parse(selector).ok();
    selector
        .into_iter()
        .flat_map(move |s| page.select(&s).collect::<Vec<_>>())
}

/// Whether an element is page furniture (a menu, a sidebar, a footer).
pub(crate) fn is_furniture(element: ElementRef, inside_main: bool) -> bool {
    let value = element.value();
    let name = value.name();
    if NEVER.contains(&name) || (!inside_main && OUTSIDE.contains(&name)) {
        return true;
    }
    if value
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r))
    {
        return true;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks = format!(
        "{} {}",
        value.attr("class").unwrap_or_default(),
        value.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    FURNITURE_WORDS.iter().any(|w| marks.contains(w))
}

/// The element whose paragraphs hold the most text: each paragraph (or
/// list, table, quotation) counts for its parent, and half for the
/// grandparent, so a wrapper such as WordPress's `div.entry-content` wins
/// over the body that holds it and the sidebar.
fn largest_text_block(page: &Html) -> Option<ElementRef<'_>> {
    let mut scores = HashMap::new();
    let blocks = select(page, "p, pre, blockquote, ul, ol, table, h2, h3, h4");
    for block in blocks {
        if block
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_furniture(a, false))
        {
            continue;
        }
        let len = text_len(block);
        let mut ancestors = block.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = ancestors.next() {
            *scores.entry(parent.id()).or_insert(0usize) += len;
            if let Some(grandparent) = ancestors.next() {
                *scores.entry(grandparent.id()).or_default() += len / 2;
            }
        }
    }
    let (id, _) = scores
        .into_iter()
        .filter(|(_, score)| *score > 0)
        .max_by_key(|(id, score)| (*score, std::cmp::Reverse(*id)))?;
    let element = page.tree.get(id).and_then(ElementRef::wrap)?;
    // The body itself is no narrower than the page.
    (!matches!(element.value().name(), "body" | "html")).then_some(element)
}

/// The length of an element's words (whitespace not counted).
pub(crate) fn text_len(element: ElementRef) -> usize {
    element
        .text()
        .map(|t| t.split_whitespace().map(str::len).sum::<usize>())
        .sum()
}
