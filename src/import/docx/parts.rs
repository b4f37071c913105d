//! What a paragraph or the body holds besides text: tables, drawings
//! (images and text boxes), footnotes and endnotes; and the notes that say
//! what was dropped.

use super::blocks::Para;
use super::body::Reader;
use super::inline::Piece;
use super::xml::{Element, toggle};
use super::{ReadError, plural, resolve_part};
use crate::import::document::{Block, Cell, Footnote, Image, Inline, Note, NoteKind, Table};

impl Reader<'_, '_> {
    /// Footnotes and endnotes, by id, to be converted when referenced;
    /// separators (the line above the notes) are not notes.
    pub(crate) fn set_notes(&mut self, footnotes: Option<&Element>, endnotes: Option<&Element>) {
        for (endnote, part) in [(false, footnotes), (true, endnotes)] {
            let Some(part) = part else { continue };
            for note in part.elements() {
                let Some(id) = note.attr("id") else { continue };
                if note.attr("type").is_some_and(|t| t != "normal") {
                    continue;
                }
                self.note_bodies
                    .insert((endnote, id.to_string()), note.clone());
            }
        }
    }

    /// The label of a footnote (or endnote) reference, converting the note
    /// the first time. Labels are numbers in reading order, endnotes after
    /// the footnotes met before them.
    pub(super) fn note_ref(
        &mut self,
        endnote: bool,
        id: &str,
    ) -> Result<Option<String>, ReadError> {
        let key = (endnote, id.to_string());
        if let Some(label) = self.note_labels.get(&key) {
            return Ok(Some(label.clone()));
        }
        let Some(body) = self.note_bodies.remove(&key) else {
            return Ok(None);
        };
        let label = (self.note_labels.len() + 1).to_string();
        self.note_labels.insert(key, label.clone());
        // The note is read in the middle of a paragraph: what that paragraph
        // has pending must wait.
        let pending = std::mem::take(&mut self.pending);
        let mut blocks = self.blocks(&body)?;
        blocks.append(&mut self.pending);
        self.pending = pending;
        self.doc.footnotes.push(Footnote {
            label: label.clone(),
            blocks,
        });
        Ok(Some(label))
    }

    /// `w:drawing`, `w:pict` (or what an `mc:Choice` holds): images become
    /// pieces; text boxes become blocks after the paragraph.
    pub(super) fn drawing(
        &mut self,
        drawing: &Element,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        let descendants = drawing.descendants();
        let mut found = false;
        for text_box in descendants.iter().filter(|e| e.name == "txbxContent") {
            found = true;
            self.counts.text_boxes += 1;
            let mut blocks = self.blocks(text_box)?;
            self.pending.append(&mut blocks);
        }
        let doc_pr = descendants.iter().find(|e| e.name == "docPr");
        let decorative = descendants
            .iter()
            .any(|e| e.name == "decorative" && !matches!(e.attr("val"), Some("0" | "false")));
        let alt = if decorative {
            Some(String::new())
        } else {
            doc_pr
                .and_then(|d| nonempty(d.attr("descr")).or(nonempty(d.attr("title"))))
                .or_else(|| {
                    // VML: the shape's alt, or the image data's title.
                    descendants.iter().find_map(|e| match e.name.as_str() {
                        "shape" => nonempty(e.attr("alt")),
                        "imagedata" => nonempty(e.attr("title")),
                        _ => None,
                    })
                })
        };
        for blip in descendants
            .iter()
            .filter(|e| e.name == "blip" || e.name == "imagedata")
        {
            let id = blip.attr("embed").or(blip.attr("link")).or(blip.attr("id"));
            if let Some(index) = id
                .map(|id| self.image(id, alt.clone()))
                .transpose()?
                .flatten()
            {
                found = true;
                pieces.push(Piece::Image(index));
            }
        }
        // A chart or a drawn shape: nothing a web page can show as it is.
        if !found && (drawing.name != "pict" || has_shape(&descendants)) {
            self.counts.unsupported += 1;
        }
        Ok(())
    }

    /// The image of relationship `id`, added once however often it appears.
    fn image(&mut self, id: &str, alt: Option<String>) -> Result<Option<usize>, ReadError> {
        let Some(rel) = self.rels.get(id).cloned() else {
            return Ok(None);
        };
        let source = if rel.external {
            rel.target.clone()
        } else {
            resolve_part(&self.dir, &rel.target)
        };
        if let Some(&index) = self.image_parts.get(&source) {
            return Ok(Some(index));
        }
        let bytes = if rel.external {
            None
        } else {
            match self.package.bytes(&source)? {
                Some(bytes) => Some(bytes),
                // A missing media part: nothing to show.
                None => return Ok(None),
            }
        };
        let base = source.rsplit('/').next().unwrap_or("image").to_string();
        let taken = self.doc.images.iter().any(|i| i.file_name == base);
        let index = self.doc.images.len();
        let file_name = if taken {
            format!("image{}-{base}", index + 1)
        } else {
            base
        };
        self.doc.images.push(Image {
            file_name,
            bytes,
            source: source.clone(),
            alt,
        });
        self.image_parts.insert(source, index);
        Ok(Some(index))
    }

    /// A table: one row of cells per `w:tr`, merged cells split.
    pub(super) fn table(&mut self, tbl: &Element) -> Result<Block, ReadError> {
        let mut rows = Vec::new();
        let mut first_bold = true;
        let mut repeated_header = false;
        for (i, tr) in rows_of(tbl).into_iter().enumerate() {
            if i == 0 {
                repeated_header = toggle(tr.child("trPr"), "tblHeader") == Some(true);
            }
            let mut row = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "tc") {
                let tcpr = tc.child("tcPr");
                let span: usize = tcpr
                    .and_then(|p| p.child_val("gridSpan"))
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                let continued = tcpr
                    .and_then(|p| p.child("vMerge"))
                    .is_some_and(|m| m.attr("val") != Some("restart"));
                let (cell, bold) = if continued {
                    self.counts.merged_cells += 1;
                    (Cell::default(), true)
                } else {
                    self.cell(tc)?
                };
                if i == 0 && !bold {
                    first_bold = false;
                }
                row.push(cell);
                if span > 1 {
                    self.counts.merged_cells += 1;
                    row.extend((1..span.min(64)).map(|_| Cell::default()));
                }
            }
            rows.push(row);
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            row.resize(width, Cell::default());
        }
        let has_text = |row: &Vec<Cell>| row.iter().any(|c| !c.paragraphs.is_empty());
        let header = if rows.len() > 1 && (repeated_header || first_bold) && has_text(&rows[0]) {
            let mut header = rows.remove(0);
            for cell in &mut header {
                cell.paragraphs = cell.paragraphs.drain(..).map(unbold).collect();
            }
            Some(header)
        } else {
            None
        };
        Ok(Block::Table(Table { header, rows }))
    }

    /// A cell's paragraphs, and whether all its text is bold. List items
    /// keep a marker, nested tables become a line per row.
    fn cell(&mut self, tc: &Element) -> Result<(Cell, bool), ReadError> {
        let mut cell = Cell::default();
        let mut bold = true;
        let mut counters = vec![0u32; 10];
        for child in tc.elements() {
            match child.name.as_str() {
                "p" => {
                    let para = self.paragraph(child)?;
                    bold &= para.all_bold || para.inlines.is_empty();
                    if let Some(line) = cell_line(para, &mut counters) {
                        cell.paragraphs.push(line);
                    }
                    for block in std::mem::take(&mut self.pending) {
                        cell.paragraphs.extend(flatten(block));
                    }
                }
                "tbl" => {
                    self.counts.nested_tables += 1;
                    let table = self.table(child)?;
                    cell.paragraphs.extend(flatten(table));
                }
                "sdt" | "customXml" => {
                    let inner = child.child("sdtContent").unwrap_or(child);
                    let (more, more_bold) = self.cell(inner)?;
                    bold &= more_bold;
                    cell.paragraphs.extend(more.paragraphs);
                }
                _ => {}
            }
        }
        Ok((cell, bold))
    }

    /// The notes for the report.
    pub(super) fn notes(&mut self) {
        let c = &self.counts;
        let dropped = [
            (c.page_breaks, "page break", "page breaks", ""),
            (
                c.tocs,
                "table of contents",
                "tables of contents",
                " (the site makes its own contents)",
            ),
            (
                c.fields,
                "field",
                "fields",
                " (page numbers, dates, cross-references): their displayed text is kept",
            ),
            (
                c.internal_links,
                "link to a place in the document",
                "links to places in the document",
                ": kept as text",
            ),
            (c.comments, "comment", "comments", ""),
        ];
        let mut notes: Vec<Note> = dropped
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, one, many, why)| Note {
                kind: NoteKind::Dropped,
                message: format!("{}{why}", plural(*n, one, many)),
            })
            .collect();
        if c.insertions + c.deletions > 0 {
            notes.push(Note {
                kind: NoteKind::Dropped,
                message: format!(
                    "tracked changes: {} kept, {} dropped (accept or reject them in Word to decide)",
                    plural(c.insertions, "insertion", "insertions"),
                    plural(c.deletions, "deletion", "deletions")
                ),
            });
        }
        self.doc.notes.extend(notes);
        self.check_notes();
    }

    fn check_notes(&mut self) {
        let c = &self.counts;
        let check = [
            (
                c.text_boxes,
                "text box",
                "text boxes",
                ": the text is placed after the paragraph it was anchored to",
            ),
            (
                c.nested_tables,
                "table inside a table",
                "tables inside tables",
                ": flattened to lines of text in the cell",
            ),
            (
                c.merged_cells,
                "merged table cell",
                "merged table cells",
                ": split into separate cells, check the table",
            ),
            (
                c.guessed_headings,
                "heading",
                "headings",
                " guessed from bold or numbered lines: check their levels",
            ),
        ];
        let unsupported = [
            (
                c.unsupported,
                "chart, shape or embedded object",
                "charts, shapes or embedded objects",
                "",
            ),
            (c.equations, "equation", "equations", ""),
        ];
        let mut notes = Vec::new();
        for (kind, list) in [
            (NoteKind::Check, &check[..]),
            (NoteKind::Unsupported, &unsupported[..]),
        ] {
            notes.extend(
                list.iter()
                    .filter(|(n, ..)| *n > 0)
                    .map(|(n, one, many, why)| Note {
                        kind,
                        message: format!("{}{why}", plural(*n, one, many)),
                    }),
            );
        }
        self.doc.notes.extend(notes);
    }
}

fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A VML picture that is a drawn shape rather than an image or text box.
fn has_shape(descendants: &[&Element]) -> bool {
    descendants.iter().any(|e| {
        matches!(
            e.name.as_str(),
            "shape" | "rect" | "oval" | "line" | "group"
        )
    })
}

/// The rows of a table, including those inside row-level content controls.
fn rows_of(tbl: &Element) -> Vec<&Element> {
    let mut rows = Vec::new();
    for child in tbl.elements() {
        match child.name.as_str() {
            "tr" => rows.push(child),
            "sdt" | "customXml" => {
                let inner = child.child("sdtContent").unwrap_or(child);
                rows.extend(inner.elements().filter(|e| e.name == "tr"));
            }
            _ => {}
        }
    }
    rows
}

/// A paragraph of a cell as one line; list items keep their marker.
fn cell_line(para: Para, counters: &mut [u32]) -> Option<Vec<Inline>> {
    if para.inlines.is_empty() {
        return None;
    }
    let mut line = para.inlines;
    if let Some(list) = para.list {
        let depth = usize::from(list.depth).min(counters.len() - 1);
        let marker = if list.ordered {
            let n = if counters[depth] == 0 {
                list.start
            } else {
                counters[depth] + 1
            };
            counters[depth] = n;
            format!("{n}. ")
        } else {
            "• ".to_string()
        };
        counters[depth + 1..].iter_mut().for_each(|c| *c = 0);
        line.insert(0, Inline::Text(marker));
    }
    Some(line)
}

/// A block as lines of a cell: a table a line per row, cells joined by " | ".
fn flatten(block: Block) -> Vec<Vec<Inline>> {
    match block {
        Block::Paragraph(inlines)
        | Block::Heading {
            content: inlines, ..
        } => vec![inlines],
        Block::Table(table) => table
            .header
            .into_iter()
            .chain(table.rows)
            .map(|row| {
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
                line
            })
            .collect(),
        Block::List(list) => list
            .items
            .into_iter()
            .flat_map(|item| item.blocks.into_iter().flat_map(flatten))
            .collect(),
        Block::Quote(blocks) => blocks.into_iter().flat_map(flatten).collect(),
        Block::Code(text) => vec![vec![Inline::Code(text)]],
        Block::Rule => Vec::new(),
    }
}

/// A header cell's text without bold: header cells are bold anyway.
fn unbold(inlines: Vec<Inline>) -> Vec<Inline> {
    inlines
        .into_iter()
        .flat_map(|inline| match inline {
            Inline::Bold(inner) => unbold(inner),
            other => vec![other],
        })
        .collect()
}
