//! The body of `word/document.xml`: paragraphs and their runs, fields,
//! tracked changes and content controls. Tables, images, footnotes and
//! text boxes are in [`super::parts`]; grouping paragraphs into headings and
//! lists is [`super::blocks`].

use std::collections::HashMap;

use super::blocks::{self, Item, ListInfo, Para};
use super::inline::{self, Marks, Piece};
use super::numbering::Numbering;
use super::styles::{self, Role, Styles};
use super::xml::{Element, toggle};
use super::{Package, ReadError, Relationships};
use crate::import::document::{Block, Document};

/// What was dropped or needs a look, counted for the notes.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub(crate) page_breaks: usize,
    pub(crate) tocs: usize,
    pub(crate) fields: usize,
    pub(crate) internal_links: usize,
    pub(crate) insertions: usize,
    pub(crate) deletions: usize,
    pub(crate) comments: usize,
    pub(crate) text_boxes: usize,
    pub(crate) nested_tables: usize,
    pub(crate) merged_cells: usize,
    pub(crate) guessed_headings: usize,
    pub(crate) unsupported: usize,
    pub(crate) equations: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum FieldKind {
    Toc,
    Hyperlink(String),
    Other,
}

/// A complex field (`w:fldChar` begin … separate … end): its instruction
/// is dropped, its displayed result kept (a TOC's result too is dropped).
#[derive(Debug)]
struct Field {
    instruction: String,
    /// `None` while the instruction is read; the kind once the result starts.
    kind: Option<FieldKind>,
    /// Where the result starts in the current paragraph's pieces (a
    /// hyperlink field wraps them), and in which paragraph.
    start: (usize, usize),
}

pub(crate) struct Reader<'r, 'p> {
    pub(super) package: &'r mut Package<'p>,
    pub(super) styles: Styles,
    numbering: Numbering,
    pub(super) rels: &'r Relationships,
    pub(super) dir: String,
    pub(super) doc: Document,
    pub(super) counts: Counts,
    fields: Vec<Field>,
    /// Numbers paragraphs, so that a field knows whether it ends where it began.
    paragraph_serial: usize,
    /// Whether the last paragraph was part of a table of contents.
    toc_region: bool,
    /// Blocks met inside the current paragraph (text boxes), placed after it.
    pub(super) pending: Vec<Block>,
    /// Footnotes (`false`) and endnotes (`true`) not yet referenced, by id.
    pub(super) note_bodies: HashMap<(bool, String), Element>,
    pub(super) note_labels: HashMap<(bool, String), String>,
    pub(super) image_parts: HashMap<String, usize>,
}

impl<'r, 'p> Reader<'r, 'p> {
    pub(crate) fn new(
        package: &'r mut Package<'p>,
        styles: Styles,
        numbering: Numbering,
        rels: &'r Relationships,
        dir: &str,
    ) -> Self {
        Reader {
            package,
            styles,
            numbering,
            rels,
            dir: dir.to_string(),
            doc: Document::default(),
            counts: Counts::default(),
            fields: Vec::new(),
            paragraph_serial: 0,
            toc_region: false,
            pending: Vec::new(),
            note_bodies: HashMap::new(),
            note_labels: HashMap::new(),
            image_parts: HashMap::new(),
        }
    }

    /// Reads `w:body` into the document, with its notes.
    pub(crate) fn read_body(mut self, body: &Element) -> Result<Document, ReadError> {
        let blocks = self.blocks(body)?;
        self.doc.blocks = blocks;
        self.notes();
        Ok(self.doc)
    }

    /// The blocks of a container of paragraphs and tables (the body, a
    /// cell, a footnote, a text box).
    pub(super) fn blocks(&mut self, container: &Element) -> Result<Vec<Block>, ReadError> {
        let mut items = Vec::new();
        self.items(container, &mut items)?;
        let mut title = self.doc.title.take();
        let blocks = blocks::assemble(items, &mut title, &mut self.counts);
        self.doc.title = title;
        Ok(blocks)
    }

    fn items(&mut self, container: &Element, items: &mut Vec<Item>) -> Result<(), ReadError> {
        for child in container.elements() {
            match child.name.as_str() {
                "p" => {
                    let toc_field = self.in_toc_field();
                    let para = self.paragraph(child)?;
                    let toc = toc_field || self.in_toc_field() || para.role == Role::Toc;
                    self.toc_starts(toc);
                    if !toc {
                        items.push(Item::Para(para));
                    }
                    items.extend(self.pending.drain(..).map(Item::Block));
                }
                "tbl" => {
                    self.toc_region = false;
                    let table = self.table(child)?;
                    items.push(Item::Block(table));
                }
                "sdt" if is_toc_sdt(child) => self.toc_starts(true),
                "sdt" if !is_placeholder(child) => {
                    if let Some(content) = child.child("sdtContent") {
                        self.items(content, items)?;
                    }
                }
                "customXml" | "ins" | "moveTo" => self.items(child, items)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Counts a table of contents where its first line (a "Contents"
    /// heading, an SDT, a TOC field's result) is met; `toc` false ends it.
    fn toc_starts(&mut self, toc: bool) {
        if toc && !self.toc_region {
            self.counts.tocs += 1;
        }
        self.toc_region = toc;
    }

    fn in_toc_field(&self) -> bool {
        self.fields.iter().any(|f| f.kind == Some(FieldKind::Toc))
    }

    /// One paragraph, with what its style and numbering make it.
    pub(super) fn paragraph(&mut self, p: &Element) -> Result<Para, ReadError> {
        self.paragraph_serial += 1;
        let ppr = p.child("pPr");
        let style = ppr.and_then(|p| p.child_val("pStyle")).map(str::to_string);
        let style = style.as_deref();
        let mut role = self.styles.role(style);
        if role == Role::Body
            && let Some(level) = ppr.and_then(styles::outline_level)
        {
            role = Role::Heading(level);
        }
        if ppr.and_then(|p| toggle(Some(p), "pageBreakBefore")) == Some(true) {
            self.counts.page_breaks += 1;
        }
        let num = ppr
            .and_then(|p| p.child("numPr"))
            .and_then(styles::num_pr)
            .or_else(|| self.styles.numbering(style));
        let list = num.and_then(|(id, ilvl)| {
            let level = self.numbering.level(&id, ilvl)?;
            Some(ListInfo {
                ordered: level.ordered,
                start: level.start,
                depth: ilvl,
            })
        });
        let mut pieces = Vec::new();
        self.content(p, style, &mut pieces)?;
        let all_bold = inline::all_bold(&pieces);
        let plain = matches!(role, Role::Title | Role::Heading(_));
        Ok(Para {
            role,
            list,
            all_bold,
            inlines: inline::trim(inline::finish(pieces, plain), role == Role::Code),
        })
    }

    /// The content of a paragraph (or of a link, a change, a control in it).
    pub(super) fn content(
        &mut self,
        parent: &Element,
        style: Option<&str>,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        for child in parent.elements() {
            match child.name.as_str() {
                "r" => self.run(child, style, pieces)?,
                "hyperlink" => self.hyperlink(child, style, pieces)?,
                "ins" => {
                    self.counts.insertions += 1;
                    self.content(child, style, pieces)?;
                }
                "moveTo" => self.content(child, style, pieces)?,
                "del" => self.counts.deletions += 1,
                "smartTag" | "customXml" | "bdo" | "dir" => self.content(child, style, pieces)?,
                // A content control still showing its prompt ("Click or tap
                // here to enter text.") has nothing the author wrote.
                "sdt" if !is_placeholder(child) => {
                    if let Some(content) = child.child("sdtContent") {
                        self.content(content, style, pieces)?;
                    }
                }
                "fldSimple" => self.simple_field(child, style, pieces)?,
                "oMath" | "oMathPara" => self.counts.equations += 1,
                _ => {}
            }
        }
        Ok(())
    }

    fn hyperlink(
        &mut self,
        link: &Element,
        style: Option<&str>,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        let mut inner = Vec::new();
        self.content(link, style, &mut inner)?;
        let target = link
            .attr("id")
            .and_then(|id| self.rels.get(id))
            .filter(|r| r.external)
            .map(|r| r.target.clone());
        match target {
            Some(href) => pieces.push(Piece::Link(href, inner)),
            None => {
                if link.attr("anchor").is_some() {
                    self.counts.internal_links += 1;
                }
                pieces.extend(inner);
            }
        }
        Ok(())
    }

    fn simple_field(
        &mut self,
        field: &Element,
        style: Option<&str>,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        let kind = field_kind(field.attr("instr").unwrap_or_default());
        if kind == FieldKind::Toc {
            self.toc_starts(true);
            return Ok(());
        }
        let mut inner = Vec::new();
        self.content(field, style, &mut inner)?;
        self.push_field_result(kind, inner, pieces);
        Ok(())
    }

    fn push_field_result(&mut self, kind: FieldKind, inner: Vec<Piece>, pieces: &mut Vec<Piece>) {
        match kind {
            FieldKind::Hyperlink(href) => pieces.push(Piece::Link(href, inner)),
            _ => {
                self.counts.fields += 1;
                pieces.extend(inner);
            }
        }
    }

    /// One run: its marks, then its text, breaks, notes and drawings.
    fn run(
        &mut self,
        run: &Element,
        style: Option<&str>,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), ReadError> {
        let rpr = run.child("rPr");
        let run_style = rpr.and_then(|r| r.child_val("rStyle"));
        let marks = Marks {
            bold: toggle(rpr, "b")
                .or_else(|| self.styles.bold(run_style))
                .or_else(|| self.styles.bold(style))
                .unwrap_or(false),
            italic: toggle(rpr, "i")
                .or_else(|| self.styles.italic(run_style))
                .or_else(|| self.styles.italic(style))
                .unwrap_or(false),
            code: rpr.is_some_and(styles::is_mono)
                || run_style.is_some_and(|s| self.styles.mono(Some(s))),
        };
        let hidden = toggle(rpr, "vanish") == Some(true);
        for child in run.elements() {
            if self.field_char(child, pieces) || hidden || self.skipping() {
                continue;
            }
            match child.name.as_str() {
                "t" => push_text(pieces, &child.text(), marks),
                "tab" | "ptab" => push_text(pieces, " ", marks),
                "noBreakHyphen" => push_text(pieces, "-", marks),
                "br" if child.attr("type") == Some("page") => self.counts.page_breaks += 1,
                "br" | "cr" => pieces.push(Piece::Break),
                "footnoteReference" | "endnoteReference" => {
                    let endnote = child.name == "endnoteReference";
                    if let Some(id) = child.attr("id")
                        && let Some(label) = self.note_ref(endnote, id)?
                    {
                        pieces.push(Piece::FootnoteRef(label));
                    }
                }
                "commentReference" => self.counts.comments += 1,
                "drawing" | "pict" => self.drawing(child, pieces)?,
                "AlternateContent" => {
                    // The Choice is the modern form; the Fallback repeats it.
                    if let Some(choice) = child.child("Choice") {
                        for inner in choice.elements() {
                            self.drawing(inner, pieces)?;
                        }
                    }
                }
                "object" => self.counts.unsupported += 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether text is being skipped: a field's instruction, a TOC's lines.
    fn skipping(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.kind.is_none() || f.kind == Some(FieldKind::Toc))
    }

    /// Handles `w:fldChar` and `w:instrText`; true when `child` was one.
    fn field_char(&mut self, child: &Element, pieces: &mut Vec<Piece>) -> bool {
        match (child.name.as_str(), child.attr("fldCharType")) {
            ("fldChar", Some("begin")) => self.fields.push(Field {
                instruction: String::new(),
                kind: None,
                start: (self.paragraph_serial, pieces.len()),
            }),
            ("fldChar", Some("separate")) => {
                if let Some(field) = self.fields.last_mut() {
                    let kind = field_kind(&field.instruction);
                    let toc = kind == FieldKind::Toc;
                    field.kind = Some(kind);
                    field.start = (self.paragraph_serial, pieces.len());
                    if toc {
                        self.toc_starts(true);
                    }
                }
            }
            ("fldChar", Some("end")) => {
                if let Some(field) = self.fields.pop() {
                    // A field without a result (no "separate") shows nothing.
                    let kind = field.kind.unwrap_or(FieldKind::Other);
                    let (serial, start) = field.start;
                    let inner = if serial == self.paragraph_serial && start <= pieces.len() {
                        pieces.split_off(start)
                    } else {
                        Vec::new()
                    };
                    if kind != FieldKind::Toc {
                        self.push_field_result(kind, inner, pieces);
                    }
                }
            }
            ("instrText", _) => {
                if let Some(field) = self.fields.last_mut()
                    && field.kind.is_none()
                {
                    field.instruction.push_str(&child.text());
                }
            }
            ("fldChar", _) => {}
            _ => return false,
        }
        true
    }
}

fn push_text(pieces: &mut Vec<Piece>, text: &str, marks: Marks) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text(prev, m)) = pieces.last_mut()
        && *m == marks
    {
        prev.push_str(text);
        return;
    }
    pieces.push(Piece::Text(text.to_string(), marks));
}

/// What a field instruction (`TOC \o "1-3"`, `HYPERLINK "https://…"`,
/// `PAGE`) is.
fn field_kind(instruction: &str) -> FieldKind {
    let mut words = instruction.split_whitespace();
    match words.next().map(str::to_ascii_uppercase).as_deref() {
        Some("TOC") => FieldKind::Toc,
        Some("HYPERLINK") => {
            let rest: Vec<&str> = words.collect();
            // `\l "anchor"` is a link to a bookmark inside the document.
            if rest.contains(&"\\l") {
                return FieldKind::Other;
            }
            rest.iter()
                .find(|w| !w.starts_with('\\'))
                .map(|w| w.trim_matches('"').to_string())
                .filter(|url| !url.is_empty())
                .map_or(FieldKind::Other, FieldKind::Hyperlink)
        }
        _ => FieldKind::Other,
    }
}

fn is_placeholder(sdt: &Element) -> bool {
    toggle(sdt.child("sdtPr"), "showingPlcHdr") == Some(true)
}

/// A content control holding a table of contents (Word's "Table of
/// Contents" building block).
fn is_toc_sdt(sdt: &Element) -> bool {
    sdt.child("sdtPr")
        .and_then(|p| p.child("docPartObj"))
        .and_then(|o| o.child_val("docPartGallery"))
        .is_some_and(|g| g.eq_ignore_ascii_case("Table of Contents"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_instructions() {
        assert_eq!(field_kind(r#" TOC \o "1-3" \h \z \u "#), FieldKind::Toc);
        assert_eq!(
            field_kind(r#"HYPERLINK "https://example.org/a" "#),
            FieldKind::Hyperlink("https://example.org/a".into())
        );
        assert_eq!(field_kind(r#"HYPERLINK \l "_Toc1""#), FieldKind::Other);
        assert_eq!(field_kind("PAGE"), FieldKind::Other);
    }
}
