//! HTML elements to blocks and inlines, with HTML's whitespace rules
//! (runs of spaces and newlines are one space; blocks start and end clean).

use scraper::{ElementRef, Node};

use super::content::is_furniture;
use super::url;
use crate::import::document::{Block, Cell, Document, Image, Inline, List, ListItem, Table};

#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub(crate) fragment_links: usize,
    pub(crate) unresolved_links: usize,
    pub(crate) forms: usize,
    pub(crate) embeds: usize,
    pub(crate) nested_tables: usize,
    pub(crate) merged_cells: usize,
}

pub(crate) struct Converter {
    pub(crate) base: Option<String>,
    pub(crate) doc: Document,
    pub(crate) counts: Counts,
}

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements that hold blocks; their content is read as blocks in turn.
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "figure", "details", "center", "dl",
    "body", "html", "hgroup", "fieldset",
];

/// Elements that are a paragraph of their own.
const PARAGRAPHS: &[&str] = &[
    "p",
    "address",
    "figcaption",
    "dt",
    "dd",
    "summary",
    "caption",
    "li",
];

const EMBEDS: &[&str] = &["iframe", "video", "audio", "object", "embed"];

impl Converter {
    /// The blocks of an element's content.
    pub(crate) fn blocks(&mut self, parent: ElementRef) -> Vec<Block> {
        let mut out = Vec::new();
        let mut line = Vec::new();
        for child in parent.children() {
            let element = match child.value() {
                Node::Text(text) => {
                    line.push(Inline::Text(text.to_string()));
                    continue;
                }
                Node::Element(_) => match ElementRef::wrap(child) {
                    Some(element) => element,
                    None => continue,
                },
                _ => continue,
            };
            let name = element.value().name();
            if self.skipped(element) {
                continue;
            }
            if is_block(name) {
                paragraph(&mut out, std::mem::take(&mut line));
                self.block(element, &mut out);
            } else {
                self.inline(element, &mut line);
            }
        }
        paragraph(&mut out, line);
        out
    }

    /// Furniture inside the content, counted where the author should know.
    fn skipped(&mut self, element: ElementRef) -> bool {
        let name = element.value().name();
        if EMBEDS.contains(&name) {
            self.counts.embeds += 1;
            return true;
        }
        if is_furniture(element, true) {
            if name == "form" {
                self.counts.forms += 1;
            }
            return true;
        }
        false
    }

    fn block(&mut self, element: ElementRef, out: &mut Vec<Block>) {
        let name = element.value().name();
        match name {
            _ if HEADINGS.contains(&name) => {
                let content = clean(self.inlines(element));
                if !content.is_empty() {
                    let level = name[1..].parse().unwrap_or(1);
                    out.push(Block::Heading { level, content });
                }
            }
            "ul" | "ol" => {
                if let Some(list) = self.list(element) {
                    out.push(Block::List(list));
                }
            }
            "table" => {
                let table = self.table(element);
                if !table.rows.is_empty() || table.header.is_some() {
                    out.push(Block::Table(table));
                }
            }
            "blockquote" => {
                let blocks = self.blocks(element);
                if !blocks.is_empty() {
                    out.push(Block::Quote(blocks));
                }
            }
            "pre" => {
                let text: String = element.text().collect();
                // A newline straight after <pre> is not content (HTML says so).
                let text = text.strip_prefix('\n').unwrap_or(&text).trim_end();
                if !text.is_empty() {
                    out.push(Block::Code(text.to_string()));
                }
            }
            "hr" => out.push(Block::Rule),
            _ if PARAGRAPHS.contains(&name) => {
                // A paragraph may still hold blocks (a list in a <dd>).
                out.extend(self.blocks(element));
            }
            _ => out.extend(self.blocks(element)),
        }
    }

    fn list(&mut self, element: ElementRef) -> Option<List> {
        let mut items = Vec::new();
        for li in element.child_elements() {
            if self.skipped(li) {
                continue;
            }
            let blocks = self.blocks(li);
            if !blocks.is_empty() {
                items.push(ListItem { blocks });
            }
        }
        let ordered = element.value().name() == "ol";
        let start = element
            .value()
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        (!items.is_empty()).then_some(List {
            ordered,
            start,
            items,
        })
    }

    /// The inlines of an element's content (block children read as text).
    fn inlines(&mut self, element: ElementRef) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in element.children() {
            match child.value() {
                Node::Text(text) => out.push(Inline::Text(text.to_string())),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child)
                        && !self.skipped(child)
                    {
                        self.inline(child, &mut out);
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn inline(&mut self, element: ElementRef, out: &mut Vec<Inline>) {
        let value = element.value();
        match value.name() {
            "strong" | "b" => out.push(Inline::Bold(self.inlines(element))),
            "em" | "i" | "cite" | "var" => out.push(Inline::Italic(self.inlines(element))),
            "code" | "kbd" | "samp" | "tt" => {
                let text: String = element.text().collect();
                out.push(Inline::Code(collapse_spaces(&text)));
            }
            "br" => out.push(Inline::LineBreak),
            "img" => {
                if let Some(index) = self.image(element) {
                    out.push(Inline::Image(index));
                }
            }
            "a" => {
                let content = self.inlines(element);
                match value.attr("href").and_then(|h| self.href(h)) {
                    Some(href) => out.push(Inline::Link { href, content }),
                    None => out.extend(content),
                }
            }
            name if is_block(name) => {
                // A block inside an inline (a <div> in a link): a space
                // keeps its words apart.
                out.push(Inline::Text(" ".into()));
                out.extend(self.inlines(element));
                out.push(Inline::Text(" ".into()));
            }
            _ => out.extend(self.inlines(element)),
        }
    }

    /// A link target: absolute against the page's address, `mailto:` as it
    /// is; a link to a place on the same page is dropped (its text stays).
    fn href(&mut self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            self.counts.fragment_links += 1;
            return None;
        }
        if href.to_ascii_lowercase().starts_with("javascript:") {
            return None;
        }
        if url::has_scheme(href) {
            return Some(href.to_string());
        }
        match self
            .base
            .as_deref()
            .and_then(|base| url::resolve(base, href))
        {
            Some(absolute) => Some(absolute),
            None => {
                self.counts.unresolved_links += 1;
                Some(href.to_string())
            }
        }
    }

    fn image(&mut self, element: ElementRef) -> Option<usize> {
        let value = element.value();
        let src = value.attr("src").map(str::trim).filter(|s| !s.is_empty())?;
        if src.starts_with("data:") {
            self.counts.embeds += 1;
            return None;
        }
        let source = match self.base.as_deref() {
            Some(base) => url::resolve(base, src).unwrap_or_else(|| src.to_string()),
            None => src.to_string(),
        };
        if let Some(index) = self.doc.images.iter().position(|i| i.source == source) {
            return Some(index);
        }
        let path = source.split(['?', '#']).next().unwrap_or_default();
        let base_name = path
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or("image");
        let index = self.doc.images.len();
        let taken = self.doc.images.iter().any(|i| i.file_name == base_name);
        let file_name = if taken {
            format!("image{}-{base_name}", index + 1)
        } else {
            base_name.to_string()
        };
        self.doc.images.push(Image {
            file_name,
            bytes: None,
            source,
            // alt="" is a decorative image: Some(""), not a missing description.
            alt: value
                .attr("alt")
                .map(|a| collapse_spaces(a).trim().to_string()),
        });
        Some(index)
    }

    fn table(&mut self, table: ElementRef) -> Table {
        let mut header = None;
        let mut rows = Vec::new();
        for (row, in_head) in table_rows(table) {
            let mut cells = Vec::new();
            let mut all_th = true;
            for cell in row.child_elements() {
                let name = cell.value().name();
                if name != "td" && name != "th" {
                    continue;
                }
                all_th &= name == "th";
                cells.push(self.cell(cell));
                let span: usize = cell
                    .value()
                    .attr("colspan")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                if span > 1 {
                    self.counts.merged_cells += 1;
                    cells.extend((1..span.min(64)).map(|_| Cell::default()));
                }
                if cell
                    .value()
                    .attr("rowspan")
                    .is_some_and(|s| s.trim() != "1")
                {
                    self.counts.merged_cells += 1;
                }
            }
            if cells.is_empty() {
                continue;
            }
            if header.is_none() && rows.is_empty() && (in_head || all_th) {
                header = Some(cells);
            } else {
                rows.push(cells);
            }
        }
        let width = header.iter().chain(&rows).map(Vec::len).max().unwrap_or(0);
        for row in header.iter_mut().chain(rows.iter_mut()) {
            row.resize(width, Cell::default());
        }
        Table { header, rows }
    }

    fn cell(&mut self, cell: ElementRef) -> Cell {
        let blocks = self.blocks(cell);
        let mut paragraphs = Vec::new();
        for block in blocks {
            lines(block, &mut paragraphs, &mut self.counts);
        }
        Cell { paragraphs }
    }
}

/// Rows of a table in order (thead, tbody, tfoot or bare), and whether each
/// is in the `thead`. Rows of tables nested in cells are not the table's.
fn table_rows(table: ElementRef<'_>) -> Vec<(ElementRef<'_>, bool)> {
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push((child, false)),
            section @ ("thead" | "tbody" | "tfoot") => rows.extend(
                child
                    .child_elements()
                    .filter(|r| r.value().name() == "tr")
                    .map(|r| (r, section == "thead")),
            ),
            _ => {}
        }
    }
    rows
}

/// A block as lines of a table cell.
fn lines(block: Block, out: &mut Vec<Vec<Inline>>, counts: &mut Counts) {
    match block {
        Block::Paragraph(inlines)
        | Block::Heading {
            content: inlines, ..
        } => out.push(inlines),
        Block::List(list) => {
            for (i, item) in list.items.into_iter().enumerate() {
                let marker = if list.ordered {
                    format!("{}. ", list.start as usize + i)
                } else {
                    "• ".to_string()
                };
                let mut first = true;
                for block in item.blocks {
                    let mut inner = Vec::new();
                    lines(block, &mut inner, counts);
                    for mut line in inner {
                        if first {
                            line.insert(0, Inline::Text(marker.clone()));
                            first = false;
                        }
                        out.push(line);
                    }
                }
            }
        }
        Block::Table(table) => {
            counts.nested_tables += 1;
            for row in table.header.into_iter().chain(table.rows) {
                let mut line = Vec::new();
                for (i, cell) in row.into_iter().enumerate() {
                    if i > 0 {
                        line.push(Inline::Text(" | ".into()));
                    }
                    for (j, p) in cell.paragraphs.into_iter().enumerate() {
                        if j > 0 {
                            line.push(Inline::Text(" ".into()));
                        }
                        line.extend(p);
                    }
                }
                out.push(line);
            }
        }
        Block::Quote(blocks) => blocks.into_iter().for_each(|b| lines(b, out, counts)),
        Block::Code(text) => out.push(vec![Inline::Code(text)]),
        Block::Rule => {}
    }
}

fn is_block(name: &str) -> bool {
    HEADINGS.contains(&name)
        || CONTAINERS.contains(&name)
        || PARAGRAPHS.contains(&name)
        || matches!(name, "ul" | "ol" | "table" | "blockquote" | "pre" | "hr")
}

/// Ends a paragraph: whitespace collapsed, nothing when it is empty.
fn paragraph(out: &mut Vec<Block>, line: Vec<Inline>) {
    let line = clean(line);
    if !line.is_empty() {
        out.push(Block::Paragraph(line));
    }
}

/// Collapses whitespace as a browser shows it and trims the ends; marks
/// left empty are removed.
pub(crate) fn clean(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut space_before = true;
    let mut out = collapse(inlines, &mut space_before);
    trim_end(&mut out);
    out
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

fn collapse(inlines: Vec<Inline>, space_before: &mut bool) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => {
                let starts_with_space = text.starts_with(char::is_whitespace);
                let mut text = collapse_spaces(&text);
                if starts_with_space && !*space_before && !text.is_empty() {
                    text.insert(0, ' ');
                } else if text.is_empty() && starts_with_space && !*space_before {
                    text.push(' ');
                }
                if text.is_empty() {
                    continue;
                }
                *space_before = text.ends_with(' ');
                if let Some(Inline::Text(prev)) = out.last_mut() {
                    prev.push_str(&text);
                } else {
                    out.push(Inline::Text(text));
                }
            }
            Inline::Bold(inner) => marked(&mut out, collapse(inner, space_before), Inline::Bold),
            Inline::Italic(inner) => {
                marked(&mut out, collapse(inner, space_before), Inline::Italic);
            }
            Inline::Link { href, content } => {
                let content = collapse(content, space_before);
                out.push(Inline::Link { href, content });
            }
            Inline::LineBreak => {
                trim_end(&mut out);
                *space_before = true;
                out.push(Inline::LineBreak);
            }
            other => {
                *space_before = false;
                out.push(other);
            }
        }
    }
    out
}

/// Pushes a bold or italic run, its edge spaces moved outside it.
fn marked(out: &mut Vec<Inline>, mut inner: Vec<Inline>, wrap: fn(Vec<Inline>) -> Inline) {
    let trailing = trim_end(&mut inner);
    if inner
        .iter()
        .all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty()))
    {
        if trailing {
            out.push(Inline::Text(" ".into()));
        }
        return;
    }
    if let Some(Inline::Text(first)) = inner.first_mut()
        && first.starts_with(' ')
    {
        first.remove(0);
        out.push(Inline::Text(" ".into()));
    }
    out.push(wrap(inner));
    if trailing {
        out.push(Inline::Text(" ".into()));
    }
}

/// Removes trailing spaces (inside marks too); true when there were some.
fn trim_end(inlines: &mut Vec<Inline>) -> bool {
    let mut trimmed = false;
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::Text(t) => {
                let len = t.trim_end().len();
                trimmed |= len < t.len();
                t.truncate(len);
                if !t.is_empty() {
                    break;
                }
                inlines.pop();
            }
            Inline::Bold(inner) | Inline::Italic(inner) | Inline::Link { content: inner, .. } => {
                trimmed |= trim_end(inner);
                if !inner.is_empty() {
                    break;
                }
                if matches!(last, Inline::Link { .. }) {
                    break;
                }
                inlines.pop();
            }
            _ => break,
        }
    }
    trimmed
}
