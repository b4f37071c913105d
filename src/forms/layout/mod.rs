//! The layout of an agreement form on A4 pages: the same content and order
//! as the printed HTML form, in chunks that are never split across pages
//! (a heading goes with what follows it). Done before anything is written,
//! so the build can tell whether a one-page form still fits on one page.
//! Every piece of text also says what it is (a heading, a statement…), for
//! the tagged PDF that screen readers read.

mod pages;
mod parts;
mod text;

use super::form::{Block, BlockKind, Form};
use super::shape::{self, Writing};
use pages::Break;
use parts::{consents, footer, header, signatures};
use text::text_block;

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
/// The margins of the printed HTML form (`@page { margin: 12mm }`).
const MARGIN: f32 = 12.0 * MM;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
/// Side of the QR code, quiet zone included.
const QR_SIDE: f32 = 22.0 * MM;
/// Width of the QR code's column: its caption is a little wider.
const QR_COLUMN: f32 = 26.0 * MM;
const RULE_GREY: u8 = 0x80;

/// What a piece of the form is to a screen reader: the structure elements
/// of the tagged PDF.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    /// The form's title (its text, which PDF/UA asks to be repeated).
    Title(String),
    /// A heading of the agreement, or of the consents or signatures.
    Heading(String),
    Paragraph,
    /// The numbered statements, or the sub-items of one (with dashes).
    List {
        numbered: bool,
    },
    ListItem,
    /// A list item's number or dash.
    Label,
    /// A list item's text (and any list inside it).
    ListBody,
    /// The QR code, described in words.
    Figure(String),
    /// What opens the agreement's page online (the QR code).
    Link,
}

/// A structure element: its role and the element it is part of. Elements
/// are numbered in reading order, so a parent's children are in order too.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub role: Role,
    pub parent: Option<usize>,
}

/// The structure elements of a form, added as it is laid out.
#[derive(Debug, Default)]
struct Structure(Vec<Element>);

impl Structure {
    fn add(&mut self, role: Role, parent: Option<usize>) -> usize {
        self.0.push(Element { role, parent });
        self.0.len() - 1
    }
}

/// Something drawn on a page; `y` grows downwards from the top of the page.
/// `element` is the structure element it belongs to; what has none (rules,
/// tick boxes) is decoration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// A line of text, `y` its baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
        element: usize,
    },
    /// A filled rectangle (rules, QR modules), grey level 0 (black) to 255.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: u8,
        element: Option<usize>,
    },
    /// An empty box with a black outline (tick boxes).
    Box {
        x: f32,
        y: f32,
        side: f32,
        line: f32,
    },
    /// A line of the running header or footer (the form's name, the page
    /// number): repeated on every page, so not part of the structure.
    Running {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    /// A clickable area opening an address (no mark on paper).
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        url: String,
        element: usize,
    },
}

impl Op {
    fn shifted(&self, dy: f32) -> Op {
        let mut op = self.clone();
        match &mut op {
            Op::Text { y, .. }
            | Op::Fill { y, .. }
            | Op::Box { y, .. }
            | Op::Running { y, .. }
            | Op::Link { y, .. } => {
                *y += dy;
            }
        }
        op
    }
}

/// A piece of the form that is never split across pages, laid out from
/// its own top (`y = 0`).
#[derive(Debug, Clone, Default)]
struct Chunk {
    ops: Vec<Op>,
    height: f32,
    /// Space above it, dropped at the top of a page.
    space_before: f32,
    /// Whether a page may break before it.
    break_before: Break,
    /// Moves to the next page with the chunk that follows (headings).
    keep_with_next: bool,
    /// The body block it shows (index into `Form::blocks`), if any.
    block: Option<usize>,
}

/// The form laid out on A4 pages.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub pages: Vec<Vec<Op>>,
    /// The structure elements the ops belong to, in reading order.
    pub elements: Vec<Element>,
    /// The first body block that does not fit on the first page, were
    /// the form printed without page breaks.
    pub first_block_overflowing: Option<usize>,
    /// How far the form runs past the foot of one A4 page, in points
    /// (zero or less when it fits on one).
    pub excess: f32,
    /// The height of a line of the form's text, in points.
    pub line: f32,
}

impl Layout {
    /// Whether anything at all (a block, consents, signatures, the return
    /// instructions) runs past the first page.
    pub(crate) fn overflows_first_page(&self) -> bool {
        self.excess > 0.01
    }
}

/// Type sizes of a form (larger for the youngest pupils), how its
/// language is written, and the vertical room its fonts need.
pub(super) struct Type {
    size: f32,
    leading: f32,
    pub(super) writing: Writing,
    /// The highest ascent of the form's fonts, and the greatest ascent plus
    /// descent, in ems.
    ascent: f32,
    extent: f32,
}

impl Type {
    fn of(form: &Form) -> Type {
        let (size, leading) = if form.large_type {
            (13.0, 1.35)
        } else {
            (11.0, 1.25)
        };
        let writing = Writing::of(&form.language);
        // Liberation Sans's ascent and descent as browsers round them (and
        // as English forms have always been set). Other scripts reach
        // further (Nastaliq's tall letters and low dots far further): the
        // lines make room for the ink of the form's own text.
        let (ink_ascent, ink_descent) = shape::ink(&form.printed_text(), &writing);
        let (mut ascent, mut extent) = (0.905_f32, 1.117_f32);
        if ink_ascent > ascent || ink_descent > 0.212 {
            ascent = ascent.max(ink_ascent);
            extent = ascent + ink_descent.max(0.212);
        }
        Type {
            size,
            leading,
            writing,
            ascent,
            extent,
        }
    }

    /// The height of a line of type of `size`: the form's leading, or
    /// more when its fonts reach further, so lines never overlap.
    fn line(&self, size: f32) -> f32 {
        self.line_at(size, self.leading)
    }

    fn line_at(&self, size: f32, leading: f32) -> f32 {
        (size * leading).max(size * self.extent)
    }

    /// Where the baseline sits in a line box, as browsers place it: half
    /// the leading above the fonts' ascent.
    fn baseline(&self, size: f32, line_height: f32) -> f32 {
        (line_height - self.extent * size) / 2.0 + self.ascent * size
    }

    /// The width of `text` on one line.
    fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        shape::width(text, bold, size, &self.writing)
    }
}

/// Lays the form out on A4 pages.
pub(crate) fn layout(form: &Form) -> Layout {
    let t = Type::of(form);
    let s = t.size;
    let mut st = Structure::default();
    let mut chunks = vec![header(form, &t, &mut st)];
    let mut lists = Lists::default();
    for (i, block) in form.blocks.iter().enumerate() {
        let (indent, marker, bold, space_before, space_after) =
            block_style(block.kind, form.large_type, s);
        let (text_element, label) = lists.elements(block, &mut st);
        let line = t.line(s);
        let (mut ops, height) = text_block(
            &t,
            &block.text,
            bold,
            s,
            line,
            MARGIN + indent,
            0.0,
            CONTENT_WIDTH - indent,
            text_element,
        );
        if let (Some((marker, marker_bold)), Some(label)) = (marker, label) {
            let w = t.width(&marker, marker_bold, s);
            ops.push(Op::Text {
                x: MARGIN + indent - 0.4 * s - w,
                y: t.baseline(s, line),
                size: s,
                bold: marker_bold,
                text: marker,
                element: label,
            });
        }
        chunks.push(Chunk {
            ops,
            height: height + space_after,
            space_before,
            break_before: if block.kind == BlockKind::Heading {
                Break::Section
            } else {
                Break::Item
            },
            keep_with_next: block.kind == BlockKind::Heading,
            block: Some(i),
        });
    }

    if !form.consents.is_empty() {
        chunks.extend(consents(form, &t, &mut st));
    }
    if !form.signatures.is_empty() {
        // The signatures stay with at least the last two things they
        // sign for.
        if let Some(last) = chunks.last_mut() {
            last.break_before = Break::Never;
        }
        chunks.extend(signatures(form, &t, &mut st));
    }
    chunks.push(footer(form, &t, &mut st));
    // Nothing breaks after a heading, nor leaves the form's header alone.
    for k in 1..chunks.len() {
        if k == 1 || chunks[k - 1].keep_with_next {
            chunks[k].break_before = Break::Never;
        }
    }
    let mut layout = paginate(form, &t, chunks, st.0);
    if t.writing.rtl {
        for page in &mut layout.pages {
            mirror(page, &t.writing);
        }
    }
    layout
}

/// Mirrors a page for a right-to-left form: what is on the left goes to
/// the right (statement numbers, labels, the start of each line), as the
/// HTML form's logical CSS properties do. The QR code moves across whole
/// but is not mirrored itself, or it would no longer scan.
fn mirror(ops: &mut [Op], writing: &Writing) {
    let flip = |x: f32, w: f32| PAGE_WIDTH - x - w;
    // Each figure's extent across the page: its fills move together.
    let mut figures: Vec<(usize, f32, f32)> = Vec::new();
    for op in ops.iter() {
        if let Op::Fill {
            x,
            w,
            element: Some(e),
            ..
        } = op
        {
            match figures.iter_mut().find(|f| f.0 == *e) {
                Some(f) => (f.1, f.2) = (f.1.min(*x), f.2.max(x + w)),
                None => figures.push((*e, *x, x + w)),
            }
        }
    }
    for op in ops.iter_mut() {
        match op {
            Op::Text {
                x,
                size,
                bold,
                text,
                ..
            } => *x = flip(*x, shape::width(text, *bold, *size, writing)),
            Op::Running { x, size, text, .. } => {
                *x = flip(*x, shape::width(text, false, *size, writing));
            }
            Op::Fill {
                x,
                element: Some(e),
                ..
            } => {
                if let Some(&(_, left, right)) = figures.iter().find(|f| f.0 == *e) {
                    *x += flip(left, right - left) - left;
                }
            }
            Op::Fill { x, w, .. } | Op::Link { x, w, .. } => *x = flip(*x, *w),
            Op::Box { x, side, .. } => *x = flip(*x, *side),
        }
    }
}

/// How a block of the agreement is set: indent, marker (its text, and
/// whether bold), whether bold, space before and space after.
type BlockStyle = (f32, Option<(String, bool)>, bool, f32, f32);

fn block_style(kind: BlockKind, large_type: bool, s: f32) -> BlockStyle {
    match kind {
        BlockKind::Heading => (0.0, None, true, 0.5 * s, 0.3 * s),
        BlockKind::Paragraph => (0.0, None, false, 0.0, 0.4 * s),
        BlockKind::Statement(n) => (
            2.2 * s,
            Some((format!("{n}."), true)),
            false,
            0.0,
            if large_type { 0.5 * s } else { 0.2 * s },
        ),
        BlockKind::SubItem => (
            3.2 * s,
            Some(("\u{2013}".to_string(), false)),
            false,
            0.0,
            0.2 * s,
        ),
    }
}

/// The lists being read: the list of statements, the body of its last
/// item (where a list of sub-items goes) and that list of sub-items.
#[derive(Default)]
struct Lists {
    statements: Option<usize>,
    item_body: Option<usize>,
    sub_items: Option<usize>,
}

impl Lists {
    /// The structure elements of a block: the one its text belongs to, and
    /// the label its marker belongs to (list items only).
    fn elements(&mut self, block: &Block, st: &mut Structure) -> (usize, Option<usize>) {
        match block.kind {
            BlockKind::Heading | BlockKind::Paragraph => {
                (self.statements, self.item_body, self.sub_items) = (None, None, None);
                let role = if block.kind == BlockKind::Heading {
                    Role::Heading(block.text.clone())
                } else {
                    Role::Paragraph
                };
                (st.add(role, None), None)
            }
            BlockKind::Statement(_) | BlockKind::SubItem => {
                let list = if block.kind == BlockKind::SubItem {
                    // Inside the statement before it (or a list of its own
                    // when the agreement starts with one).
                    *self.sub_items.get_or_insert_with(|| {
                        st.add(Role::List { numbered: false }, self.item_body)
                    })
                } else {
                    self.sub_items = None;
                    *self
                        .statements
                        .get_or_insert_with(|| st.add(Role::List { numbered: true }, None))
                };
                let item = st.add(Role::ListItem, Some(list));
                let label = st.add(Role::Label, Some(item));
                let body = st.add(Role::ListBody, Some(item));
                if block.kind != BlockKind::SubItem {
                    self.item_body = Some(body);
                }
                (body, Some(label))
            }
        }
    }
}

fn paginate(form: &Form, t: &Type, chunks: Vec<Chunk>, elements: Vec<Element>) -> Layout {
    let (end, crossing) = pages::continuous(&chunks);
    let starts = pages::breaks(&chunks);
    let count = starts.len();
    let pages = starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let stop = starts.get(n + 1).copied().unwrap_or(chunks.len());
            let mut ops = Vec::new();
            let mut y = MARGIN;
            for (k, chunk) in chunks[start..stop].iter().enumerate() {
                if k > 0 {
                    y += chunk.space_before;
                }
                ops.extend(chunk.ops.iter().map(|op| op.shifted(y)));
                y += chunk.height;
            }
            ops.extend(pages::running(form, t, n + 1, count));
            ops
        })
        .collect();
    Layout {
        pages,
        elements,
        first_block_overflowing: crossing.and_then(|k| chunks[k].block),
        excess: end - BOTTOM,
        line: t.line(t.size),
    }
}
