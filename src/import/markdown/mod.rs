//! The writer: a [`Document`] as the Markdown body of a Charter page.
//! Headings start at `##` (the page title is the h1) without skipped
//! levels; text is escaped so that it stays text, except template slots
//! (`<insert name>`, `[insert date]`), which are kept as written so that
//! `charter check` still reports them.

use std::sync::LazyLock;

use regex::Regex;

use super::document::{Block, Cell, Document, Inline, List, Note, NoteKind, Table};

/// A body, the images to save with it and what the author should check.
#[derive(Debug, Default)]
pub(crate) struct Written {
    pub body: String,
    /// (path under the site's root, bytes) of each image to save.
    pub images: Vec<(String, Vec<u8>)>,
    pub notes: Vec<Note>,
}

/// A web or email address, copied as it is (Charter links it itself).
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://[^\s<>"]+|w{2,4}\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"]*|[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)+)"#)
        .expect("a valid pattern")
});

/// Something that looks like a tag: `<insert name>`, `<b>`.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^</?[A-Za-z][A-Za-z0-9-]*[^<>\n]*>").expect("a valid pattern"));

/// Writes `doc` as Markdown; images are saved under
/// `static/images/imported/<slug>/`.
pub(crate) fn write(doc: &Document, slug: &str) -> Written {
    let mut w = Writer {
        doc,
        slug,
        out: Written::default(),
        levels: heading_levels(&doc.blocks),
        last_level: 1,
        heading_index: 0,
        lists_written: 0,
    };
    let mut body = String::new();
    w.blocks(&doc.blocks, &mut body);
    for note in &doc.footnotes {
        let mut text = String::new();
        w.blocks(&note.blocks, &mut text);
        let label = footnote_label(&note.label);
        let text = indent_after_first(text.trim_end(), "    ");
        body.push_str(&format!("[^{label}]: {text}\n\n"));
    }
    let trimmed = body.trim_end();
    w.out.body = if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    };
    w.out
}

/// Maps each distinct heading level used, in order, to consecutive levels
/// from 2: a document using levels 1, 3 and 4 gets 2, 3 and 4.
fn heading_levels(blocks: &[Block]) -> Vec<u8> {
    let mut used: Vec<u8> = Vec::new();
    collect_levels(blocks, &mut used);
    used.sort_unstable();
    used.dedup();
    used
}

fn collect_levels(blocks: &[Block], used: &mut Vec<u8>) {
    for block in blocks {
        match block {
            Block::Heading { level, .. } => used.push(*level),
            Block::Quote(inner) => collect_levels(inner, used),
            _ => {}
        }
    }
}

struct Writer<'a> {
    doc: &'a Document,
    slug: &'a str,
    out: Written,
    levels: Vec<u8>,
    /// The level of the heading written last (1: the page title).
    last_level: u8,
    heading_index: usize,
    /// Lists written so far, to alternate bullets so that two lists in a
    /// row stay two lists.
    lists_written: usize,
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block], out: &mut String) {
        for block in blocks {
            self.block(block, out);
            out.push('\n');
        }
    }

    fn block(&mut self, block: &Block, out: &mut String) {
        match block {
            Block::Heading { level, content } => self.heading(*level, content, out),
            Block::Paragraph(content) => {
                let text = self.inlines(content);
                if !text.trim().is_empty() {
                    out.push_str(&escape_line_starts(&text));
                    out.push('\n');
                }
            }
            Block::List(list) => self.list(list, out),
            Block::Table(table) => self.table(table, out),
            Block::Quote(inner) => {
                let mut text = String::new();
                self.blocks(inner, &mut text);
                for line in text.trim_end().lines() {
                    out.push_str(if line.is_empty() { ">" } else { "> " });
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Block::Code(code) => {
                let longest = longest_run(code, '`');
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&format!(
                    "{fence}\n{}\n{fence}\n",
                    code.trim_end_matches('\n')
                ));
            }
            Block::Rule => out.push_str("---\n"),
        }
    }

    fn heading(&mut self, level: u8, content: &[Inline], out: &mut String) {
        let rank = self.levels.iter().position(|l| *l == level).unwrap_or(0);
        let wanted = u8::try_from(rank + 2).unwrap_or(6).min(6);
        // Never deeper than one below the heading before: no skipped level.
        let level = wanted.min(self.last_level + 1);
        self.last_level = level;
        self.heading_index += 1;
        let text = self.inlines(content);
        let text = text.trim().trim_end_matches('#').trim_end();
        out.push_str(&"#".repeat(usize::from(level)));
        out.push(' ');
        out.push_str(text);
        out.push('\n');
    }

    fn list(&mut self, list: &List, out: &mut String) {
        self.lists_written += 1;
        let bullet = if self.lists_written % 2 == 1 {
            '-'
        } else {
            '*'
        };
        // A list whose items hold several blocks is written loose.
        let loose = list.items.iter().any(|i| {
            i.blocks
                .iter()
                .filter(|b| !matches!(b, Block::List(_)))
                .count()
                > 1
        });
        for (n, item) in list.items.iter().enumerate() {
            let marker = if list.ordered {
                format!("{}. ", u64::from(list.start) + n as u64)
            } else {
                format!("{bullet} ")
            };
            let pad = " ".repeat(marker.len());
            let mut text = String::new();
            for block in &item.blocks {
                if matches!(block, Block::List(_)) && !text.is_empty() && !loose {
                    self.block(block, &mut text);
                } else {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    self.block(block, &mut text);
                }
            }
            out.push_str(&marker);
            out.push_str(&indent_after_first(text.trim_end(), &pad));
            out.push('\n');
            if loose && n + 1 < list.items.len() {
                out.push('\n');
            }
        }
    }

    fn table(&mut self, table: &Table, out: &mut String) {
        let mut rows: Vec<&Vec<Cell>> = table.rows.iter().collect();
        let header = match &table.header {
            Some(h) => h,
            None if !rows.is_empty() => {
                let first = rows.remove(0);
                let message = format!(
                    "a table without a header row (starting “{}”): its first row was made the header; check it is one",
                    cells_text(first)
                );
                self.out.notes.push(Note {
                    kind: NoteKind::Check,
                    message,
                });
                first
            }
            None => return,
        };
        let columns = rows
            .iter()
            .map(|r| r.len())
            .chain([header.len()])
            .max()
            .unwrap_or(1)
            .max(1);
        let line = |w: &mut Self, cells: &[Cell]| {
            let mut s = String::from("|");
            for i in 0..columns {
                let text = cells.get(i).map(|c| w.cell(c)).unwrap_or_default();
                s.push(' ');
                s.push_str(&text);
                s.push_str(" |");
            }
            s.push('\n');
            s
        };
        let head = line(self, header);
        out.push_str(&head);
        out.push('|');
        out.push_str(&" --- |".repeat(columns));
        out.push('\n');
        for row in rows {
            let text = line(self, row);
            out.push_str(&text);
        }
    }

    /// A cell on one line: paragraphs joined with `<br>`, bars escaped.
    fn cell(&mut self, cell: &Cell) -> String {
        cell.paragraphs
            .iter()
            .map(|p| self.inlines(p).replace('\n', " ").replace('|', "\\|"))
            .collect::<Vec<_>>()
            .join("<br>")
    }

    fn inlines(&mut self, content: &[Inline]) -> String {
        let mut out = String::new();
        for inline in content {
            match inline {
                Inline::Text(t) => out.push_str(&escape_text(t)),
                Inline::Bold(c) => wrap(&mut out, "**", &self.inlines(c)),
                Inline::Italic(c) => wrap(&mut out, "*", &self.inlines(c)),
                Inline::Code(code) => {
                    let ticks = "`".repeat(longest_run(code, '`') + 1);
                    let pad = if code.starts_with('`') || code.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    out.push_str(&format!("{ticks}{pad}{code}{pad}{ticks}"));
                }
                Inline::Link { href, content } => {
                    let text = self.inlines(content);
                    out.push_str(&format!("[{}]({})", text.trim(), link_target(href)));
                }
                Inline::LineBreak => out.push_str("\\\n"),
                Inline::FootnoteRef(label) => {
                    out.push_str(&format!("[^{}]", footnote_label(label)));
                }
                Inline::Image(index) => self.image(*index, &mut out),
            }
        }
        out
    }

    fn image(&mut self, index: usize, out: &mut String) {
        let Some(image) = self.doc.images.get(index) else {
            return;
        };
        let alt = image.alt.as_deref().unwrap_or("").trim();
        let target = match &image.bytes {
            Some(bytes) => {
                let name = safe_file_name(&image.file_name, index);
                let rel = format!("images/imported/{}/{name}", self.slug);
                let path = format!("static/{rel}");
                // An image shown twice is one file, saved once.
                if !self.out.images.iter().any(|(p, _)| *p == path) {
                    self.out.images.push((path, bytes.clone()));
                }
                format!("/{rel}")
            }
            None => image.source.clone(),
        };
        if alt.is_empty() {
            self.out.notes.push(Note {
                kind: NoteKind::Check,
                message: format!(
                    "an image without a description ({}): write what it shows between the brackets of ![](…)",
                    image.file_name
                ),
            });
        }
        let alt = alt.replace('\\', "\\\\").replace(['[', ']'], "");
        out.push_str(&format!("![{alt}]({})", link_target(&target)));
    }
}

/// The text of a row, for notes.
fn cells_text(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| {
            c.paragraphs
                .iter()
                .map(|p| Inline::plain_text(p))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn wrap(out: &mut String, mark: &str, inner: &str) {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(inner);
        return;
    }
    // Emphasis cannot start or end with a space: keep spaces outside.
    let lead = &inner[..inner.len() - inner.trim_start().len()];
    let trail = &inner[inner.trim_end().len()..];
    out.push_str(&format!("{lead}{mark}{trimmed}{mark}{trail}"));
}

/// A link target as Markdown reads it: in angle brackets when it has
/// spaces or brackets.
fn link_target(href: &str) -> String {
    if href.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", href.replace('<', "%3C").replace('>', "%3E"))
    } else {
        href.to_string()
    }
}

fn footnote_label(label: &str) -> String {
    let clean: String = label
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if clean.is_empty() {
        "note".to_string()
    } else {
        clean
    }
}

/// A file name that stays inside its folder: letters, digits, dots,
/// hyphens and underscores, never starting with a dot.
fn safe_file_name(name: &str, index: usize) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.');
    if clean.is_empty() {
        format!("image{}", index + 1)
    } else {
        clean.to_string()
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

fn indent_after_first(text: &str, pad: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// Escapes what Markdown would read as markup in a run of text. Web and
/// email addresses are copied as they are; template slots are kept.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for m in ADDRESS.find_iter(text) {
        escape_plain(&text[last..m.start()], &mut out);
        out.push_str(m.as_str());
        last = m.end();
    }
    escape_plain(&text[last..], &mut out);
    out
}

fn escape_plain(text: &str, out: &mut String) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '<' => {
                if let Some(tag) = TAG.find(&text[at..]).map(|m| m.as_str())
                    && is_slot(tag)
                {
                    out.push_str(tag);
                    i += tag.chars().count();
                    continue;
                }
                out.push_str("\\<");
            }
            '\\' | '`' | '*' | '[' | ']' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                // Inside a word (snake_case) an underscore is no markup.
                let inside = i > 0
                    && i + 1 < chars.len()
                    && chars[i - 1].1.is_alphanumeric()
                    && chars[i + 1].1.is_alphanumeric();
                if !inside {
                    out.push('\\');
                }
                out.push('_');
            }
            '&' if text[at + 1..].split(';').next().is_some_and(|e| {
                !e.is_empty() && e.len() < 10 && e.chars().all(|c| c.is_alphanumeric() || c == '#')
            }) && text[at + 1..].contains(';') =>
            {
                out.push_str("&amp;");
            }
            '\t' => out.push(' '),
            _ => out.push(c),
        }
        i += 1;
    }
}

/// Whether a tag-like text is a template slot (`<insert name>`), which
/// Charter's placeholder check reports: no HTML element, no attribute.
fn is_slot(tag: &str) -> bool {
    let inner = tag.trim_start_matches("</").trim_start_matches('<');
    let inner = inner.trim_end_matches('>').trim_end_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    !name.is_empty()
        && !name.contains('-')
        && !crate::resolve::markdown::placeholders::slots::HTML_ELEMENTS
            .contains(&name.to_ascii_lowercase().as_str())
        && !inner.contains(['=', ':'])
}

/// Escapes what would make a line a heading, a list item, a quote, a
/// fence or a thematic break when it starts a line.
fn escape_line_starts(text: &str) -> String {
    static ORDERED_START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,9})([.)])(\s|$)").expect("a valid pattern"));
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let first = trimmed.chars().next();
        let second = trimmed.chars().nth(1);
        if matches!(first, Some('#' | '+' | '-' | '=' | '|'))
            && (second.is_none_or(|c| c == ' ' || c == first.unwrap_or(' ') || first == Some('#')))
        {
            out.push('\\');
            out.push_str(trimmed);
        } else if let Some(c) = ORDERED_START.captures(trimmed) {
            let end = c[1].len();
            out.push_str(&trimmed[..end]);
            out.push('\\');
            out.push_str(&trimmed[end..]);
        } else {
            out.push_str(trimmed);
        }
    }
    out
}

#[cfg(test)]
mod tests;
