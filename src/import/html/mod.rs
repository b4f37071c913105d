//! The web page (.html) reader: a page saved from the school's old website.
//! Only its main content is read ([`content`]); links and images are made
//! absolute against the page's address so they still lead somewhere.

mod content;
mod convert;
mod url;

use scraper::{Html, Selector};

use super::document::{Block, Document, Inline, Note, NoteKind};
use convert::Converter;

/// Reads a web page. `base_url` is the address it was saved from; without
/// it the page's `<base href>`, canonical link or `og:url` is used.
pub(crate) fn read(html: &str, base_url: Option<&str>) -> Document {
    let page = Html::parse_document(html);
    let base = base_address(&page, base_url);
    let main = content::find(&page);
    let mut converter = Converter {
        base,
        doc: Document::default(),
        counts: convert::Counts::default(),
    };
    let mut blocks = converter.blocks(main.element);
    let mut doc = std::mem::take(&mut converter.doc);
    doc.title = take_title(&mut blocks).or_else(|| page_title(&page));
    doc.blocks = blocks;
    notes(&converter.counts, main.narrowed, &mut doc);
    doc
}

fn first_attr(page: &Html, selector: &str, attr: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    page.select(&selector)
        .find_map(|e| e.value().attr(attr))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The address links are resolved against.
fn base_address(page: &Html, base_url: Option<&str>) -> Option<String> {
    let base_href = first_attr(page, "base[href]", "href");
    if let Some(given) = base_url {
        // <base href> may itself be relative to the page's address.
        return Some(
            base_href
                .and_then(|b| url::resolve(given, &b))
                .unwrap_or_else(|| given.to_string()),
        );
    }
    [
        base_href,
        first_attr(page, "link[rel~=canonical]", "href"),
        first_attr(page, "meta[property='og:url']", "content"),
    ]
    .into_iter()
    .flatten()
    .find(|address| address.contains("://"))
}

/// The first heading, when it is an `<h1>`: the page's own title, which the
/// writer puts in front matter rather than the body.
fn take_title(blocks: &mut Vec<Block>) -> Option<String> {
    let index = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }))?;
    let Block::Heading { level: 1, content } = &blocks[index] else {
        return None;
    };
    let title = Inline::plain_text(content).trim().to_string();
    blocks.remove(index);
    Some(title).filter(|t| !t.is_empty())
}

/// Separators between a page's title and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " :: ", " » ", " · "];

/// Words of a school's name, which after " - " mark the site's name.
const SCHOOL_WORDS: &[&str] = &[
    "school", "academy", "college", "primary", "infant", "junior", "nursery", "trust",
];

/// `<title>` without the site's name: "Uniform | Oakfield School" → "Uniform".
fn page_title(page: &Html) -> Option<String> {
    let selector = Selector::parse("title").ok()?;
    let title: String = page.select(&selector).next()?.text().collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut title = title.as_str();
    for separator in TITLE_SEPARATORS {
        if let Some((first, _)) = title.split_once(separator) {
            title = first;
        }
    }
    if let Some((first, last)) = title.rsplit_once(" - ") {
        let last = last.to_lowercase();
        if SCHOOL_WORDS.iter().any(|w| last.contains(w)) {
            title = first;
        }
    }
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_string())
}

fn notes(counts: &convert::Counts, narrowed: bool, doc: &mut Document) {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut add = |kind, message: String| doc.notes.push(Note { kind, message });
    if narrowed {
        add(
            NoteKind::Dropped,
            "the page's menus, banner, sidebars and footer (everything outside its main content)"
                .into(),
        );
    }
    let list = [
        (NoteKind::Dropped, counts.forms, "form", "forms", ""),
        (
            NoteKind::Dropped,
            counts.fragment_links,
            "link to a place on the same page",
            "links to places on the same page",
            ": kept as text",
        ),
        (
            NoteKind::Check,
            counts.unresolved_links,
            "link relative to the old site",
            "links relative to the old site",
            ": kept as written (give the page's address to make links absolute)",
        ),
        (
            NoteKind::Check,
            counts.nested_tables,
            "table inside a table",
            "tables inside tables",
            ": flattened to lines of text in the cell",
        ),
        (
            NoteKind::Check,
            counts.merged_cells,
            "merged table cell",
            "merged table cells",
            ": split into separate cells, check the table",
        ),
        (
            NoteKind::Unsupported,
            counts.embeds,
            "embedded frame, media or inline image",
            "embedded frames, media or inline images",
            " (videos, maps, data: images)",
        ),
    ];
    for (kind, n, one, many, why) in list {
        if n > 0 {
            add(kind, format!("{}{why}", plural(n, one, many)));
        }
    }
}

#[cfg(test)]
mod tests;
