//! Blocks from the shapes of lines: paragraphs joined back, lists nested,
//! columns kept as text.

use std::sync::LazyLock;

use regex::Regex;

use super::{Shape, continues, starts_with_address};
use crate::import::document::{Block, Inline, List, ListItem, Note, NoteKind};

/// Builds blocks from shapes: paragraphs joined back, lists nested, rows
/// kept as text.
#[derive(Default)]
pub(super) struct Builder {
    blocks: Vec<Block>,
    /// The paragraph being built: its lines and whether each was full.
    para: Vec<(String, bool)>,
    /// Open lists, outermost first: (indent, secondary glyph, list).
    lists: Vec<(usize, bool, List)>,
    rows: Vec<Vec<String>>,
    /// The unit of indentation that nests a list: 1 when no text line is
    /// indented by one space (then a one-space indent means something),
    /// else 2.
    unit: usize,
}

impl Builder {
    pub(super) fn build(
        mut self,
        shapes: &[Shape],
        unit: usize,
        notes: &mut Vec<Note>,
    ) -> Vec<Block> {
        self.unit = unit;
        let mut gap = 0usize;
        for shape in shapes {
            match shape {
                Shape::Blank => {
                    gap += 1;
                    continue;
                }
                Shape::Heading { rank, text, .. } => {
                    self.close_all(notes);
                    self.blocks.push(Block::Heading {
                        level: *rank + 1,
                        content: inlines(text),
                    });
                }
                Shape::Bullet {
                    indent,
                    secondary,
                    text,
                } => self.item(*indent, *secondary, None, text, notes),
                Shape::Ordered {
                    indent,
                    number,
                    text,
                } => self.item(*indent, false, Some(*number), text, notes),
                Shape::Rule => {
                    self.close_all(notes);
                    self.blocks.push(Block::Rule);
                }
                Shape::Row(cells) => {
                    self.close_para();
                    self.close_lists();
                    self.rows.push(cells.clone());
                }
                Shape::Text {
                    text,
                    full,
                    lettered,
                } => self.text(text, *full, *lettered, gap, notes),
            }
            gap = 0;
        }
        self.close_all(notes);
        self.blocks
    }

    /// A line of text: carries on the open paragraph or item, or starts a
    /// paragraph.
    fn text(&mut self, text: &str, full: bool, lettered: bool, gap: usize, notes: &mut Vec<Note>) {
        if !self.rows.is_empty() {
            // A lone line after rows: a cell that wrapped, or the table's end.
            if gap == 0 && !lettered {
                if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.push(' ');
                    cell.push_str(text);
                }
                return;
            }
            self.close_rows(notes);
        }
        if !lettered && let Some((prev, prev_full)) = self.para.last() {
            if continues(prev, *prev_full, text, gap) {
                self.para.push((text.to_string(), full));
                return;
            }
        } else if !lettered && let Some(item) = self.open_item_text() {
            let (prev, prev_full) = item;
            if continues(&prev, prev_full, text, gap) {
                self.extend_item(text);
                return;
            }
        }
        self.close_para();
        self.close_lists();
        self.para.push((text.to_string(), full));
    }

    fn item(
        &mut self,
        indent: usize,
        secondary: bool,
        number: Option<u32>,
        text: &str,
        notes: &mut Vec<Note>,
    ) {
        self.close_para();
        self.close_rows(notes);
        // Close lists indented deeper than this item.
        while let Some((open, open_secondary, _)) = self.lists.last() {
            let deeper = *open > indent + self.unit - 1 || (*open_secondary && !secondary);
            if deeper && self.lists.len() > 1 {
                self.pop_list();
            } else {
                break;
            }
        }
        let nests = self.lists.last().is_some_and(|(open, open_secondary, _)| {
            indent >= open + self.unit || (secondary && !*open_secondary && indent >= *open)
        });
        let kind_changes = self
            .lists
            .last()
            .is_some_and(|(_, _, l)| l.ordered != number.is_some());
        // A numbered list after a bulleted one (or the other way) at the
        // same level is a new list.
        if kind_changes && !nests {
            self.pop_list();
        }
        if self.lists.is_empty() || nests || kind_changes {
            self.lists.push((
                indent,
                secondary,
                List {
                    ordered: number.is_some(),
                    start: number.unwrap_or(1),
                    items: Vec::new(),
                },
            ));
        }
        if let Some((_, _, list)) = self.lists.last_mut() {
            list.items.push(ListItem {
                blocks: vec![Block::Paragraph(inlines(text))],
            });
        }
    }

    /// The last line of the innermost open item, and whether it was full.
    fn open_item_text(&self) -> Option<(String, bool)> {
        let (_, _, list) = self.lists.last()?;
        let item = list.items.last()?;
        match item.blocks.last()? {
            Block::Paragraph(content) => {
                let text = Inline::plain_text(content);
                // An item's first line shares its line with the glyph.
                let full = text.chars().count() > 60;
                Some((text, full))
            }
            _ => None,
        }
    }

    fn extend_item(&mut self, text: &str) {
        if let Some(Block::Paragraph(content)) = self
            .lists
            .last_mut()
            .and_then(|(_, _, l)| l.items.last_mut())
            .and_then(|i| i.blocks.last_mut())
        {
            let mut joined = Inline::plain_text(content);
            join_line(&mut joined, text);
            *content = inlines(&joined);
        }
    }

    fn close_para(&mut self) {
        if self.para.is_empty() {
            return;
        }
        let mut out: Vec<Inline> = Vec::new();
        let mut current = String::new();
        let mut prev_full = true;
        for (line, full) in self.para.drain(..) {
            if current.is_empty() {
                current = line;
            } else if (prev_full || line.chars().next().is_some_and(char::is_lowercase))
                && !starts_with_address(&line)
            {
                join_line(&mut current, &line);
            } else {
                // A short line followed by a capital at once: a line break
                // the author made (an address, a list of cover lines).
                out.extend(inlines(&current));
                out.push(Inline::LineBreak);
                current = line;
            }
            prev_full = full;
        }
        out.extend(inlines(&current));
        self.blocks.push(Block::Paragraph(out));
    }

    fn pop_list(&mut self) {
        let Some((_, _, list)) = self.lists.pop() else {
            return;
        };
        match self.lists.last_mut() {
            Some((_, _, parent)) => match parent.items.last_mut() {
                Some(item) => item.blocks.push(Block::List(list)),
                None => parent.items.push(ListItem {
                    blocks: vec![Block::List(list)],
                }),
            },
            None => self.blocks.push(Block::List(list)),
        }
    }

    fn close_lists(&mut self) {
        while !self.lists.is_empty() {
            self.pop_list();
        }
    }

    /// Rows in columns: kept as text, one line each with its cells
    /// separated by a bar, and a note to check them. A single row is a key
    /// and its value, or a gap in a sentence: text.
    fn close_rows(&mut self, notes: &mut Vec<Note>) {
        if self.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        if rows.len() == 1 {
            let line = rows[0].join("\t");
            self.blocks.push(Block::Paragraph(inlines(&line)));
            return;
        }
        let mut out = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push(Inline::LineBreak);
            }
            out.extend(inlines(&row.join(" | ")));
        }
        notes.push(Note {
            kind: NoteKind::Check,
            message: format!(
                "a table of {} rows, kept as text (starting “{}”): check it reads correctly, or make it a Markdown table",
                rows.len(),
                rows[0].join(" | ")
            ),
        });
        self.blocks.push(Block::Paragraph(out));
    }

    fn close_all(&mut self, notes: &mut Vec<Note>) {
        self.close_para();
        self.close_lists();
        self.close_rows(notes);
    }
}

/// Joins a wrapped line to the text before it: a word cut by a hyphen at
/// the end of a line ("cyber-" + "dependent") keeps its hyphen.
fn join_line(current: &mut String, line: &str) {
    if !current.ends_with(['-', '/']) || starts_with_address(line) {
        current.push(' ');
    }
    current.push_str(line);
}

/// Text with `**bold**` runs (as some exports write them) made bold.
fn inlines(text: &str) -> Vec<Inline> {
    static BOLD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*").expect("a valid pattern"));
    let mut out = Vec::new();
    let mut last = 0;
    for c in BOLD.captures_iter(text) {
        let (Some(whole), Some(inner)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if whole.start() > last {
            out.push(Inline::Text(text[last..whole.start()].to_string()));
        }
        out.push(Inline::Bold(vec![Inline::Text(inner.as_str().to_string())]));
        last = whole.end();
    }
    if last < text.len() {
        out.push(Inline::Text(text[last..].to_string()));
    }
    out
}
