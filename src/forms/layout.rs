//! The layout of an agreement form on A4 pages: the same content and order
//! as the printed HTML form, in chunks that are never split across pages
//! (a heading goes with what follows it). Done before anything is written,
//! so the build can tell whether a one-page form still fits on one page.
//! Every piece of text also says what it is (a heading, a statement…), for
//! the tagged PDF that screen readers read.

use super::fonts::{BOLD, REGULAR, face};
use super::form::{BlockKind, Form};
use super::qr::{QUIET_ZONE, Qr};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.276;
pub const PAGE_HEIGHT: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
/// The margins of the printed HTML form (`@page { margin: 12mm }`).
const MARGIN: f32 = 12.0 * MM;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
/// Side of the QR code, quiet zone included.
const QR_SIDE: f32 = 26.0 * MM;
const RULE_GREY: u8 = 0x80;

/// What a piece of the form is to a screen reader: the structure elements
/// of the tagged PDF.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
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
pub struct Element {
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
pub enum Op {
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
            Op::Text { y, .. } | Op::Fill { y, .. } | Op::Box { y, .. } | Op::Link { y, .. } => {
                *y += dy
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
    /// Moves to the next page with the chunk that follows (headings).
    keep_with_next: bool,
    /// The body block it shows (index into `Form::blocks`), if any.
    block: Option<usize>,
}

/// The form laid out on A4 pages.
#[derive(Debug, Clone)]
pub struct Layout {
    pub pages: Vec<Vec<Op>>,
    /// The structure elements the ops belong to, in reading order.
    pub elements: Vec<Element>,
    /// The first body block that does not start on the first page.
    pub first_block_overflowing: Option<usize>,
    /// Whether anything at all (a block, consents, signatures, the return
    /// instructions) runs past the first page.
    pub overflows_first_page: bool,
}

/// Type sizes of a form: larger for the youngest pupils.
struct Type {
    size: f32,
    leading: f32,
}

impl Type {
    fn of(form: &Form) -> Type {
        if form.large_type {
            Type {
                size: 13.0,
                leading: 1.35,
            }
        } else {
            Type {
                size: 11.0,
                leading: 1.3,
            }
        }
    }
    fn line(&self, size: f32) -> f32 {
        size * self.leading
    }
}

/// Breaks `text` into lines no wider than `width` (words longer than a line
/// are broken between characters).
fn wrap(text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let f = face(bold);
    let space = f.width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let w = f.width(word, size);
        if !line.is_empty() && line_width + space + w <= width {
            line.push(' ');
            line.push_str(word);
            line_width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= width {
            line.push_str(word);
            line_width = w;
        } else {
            let mut part = String::new();
            for c in word.chars() {
                let mut candidate = part.clone();
                candidate.push(c);
                if !part.is_empty() && f.width(&candidate, size) > width {
                    lines.push(std::mem::take(&mut part));
                    part.push(c);
                } else {
                    part = candidate;
                }
            }
            line_width = f.width(&part, size);
            line = part;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lines of wrapped text at `x`, from `top`, all part of `element`;
/// returns the ops and the height.
#[allow(clippy::too_many_arguments)]
fn text_block(
    text: &str,
    bold: bool,
    size: f32,
    line_height: f32,
    x: f32,
    top: f32,
    width: f32,
    element: usize,
) -> (Vec<Op>, f32) {
    let lines = wrap(text, bold, size, width);
    let ascent = baseline_offset(size, line_height);
    let last = lines.len().saturating_sub(1);
    let ops = lines
        .into_iter()
        .enumerate()
        .map(|(i, mut line)| {
            // The space a line break stands for is kept (invisible at the
            // end of the line), so that text read out or copied from the
            // PDF has its words apart.
            if i < last {
                line.push(' ');
            }
            Op::Text {
                x,
                y: top + i as f32 * line_height + ascent,
                size,
                bold,
                text: line,
                element,
            }
        })
        .collect::<Vec<_>>();
    let height = ops.len() as f32 * line_height;
    (ops, height)
}

/// Where the baseline sits in a line box, as browsers place it: half the
/// leading above the font's ascent (Liberation Sans: ascent 0.905,
/// descent 0.212 em).
fn baseline_offset(size: f32, line_height: f32) -> f32 {
    (line_height - 1.117 * size) / 2.0 + 0.905 * size
}

/// Lays the form out on A4 pages.
pub fn layout(form: &Form) -> Layout {
    let t = Type::of(form);
    let s = t.size;
    let mut st = Structure::default();
    let mut chunks = vec![header(form, &t, &mut st)];
    // The list of statements being read, and the body of its last item
    // (where a list of sub-items goes) with that list.
    let mut statements: Option<usize> = None;
    let mut item_body: Option<usize> = None;
    let mut sub_items: Option<usize> = None;

    for (i, block) in form.blocks.iter().enumerate() {
        let (indent, marker, bold, space_before, space_after) = match block.kind {
            BlockKind::Heading => (0.0, None, true, 0.6 * s, 0.3 * s),
            BlockKind::Paragraph => (0.0, None, false, 0.0, 0.4 * s),
            BlockKind::Statement(n) => (
                2.2 * s,
                Some((format!("{n}."), true)),
                false,
                0.0,
                if form.large_type { 0.5 * s } else { 0.3 * s },
            ),
            BlockKind::SubItem => (
                3.2 * s,
                Some(("\u{2013}".to_string(), false)),
                false,
                0.0,
                0.2 * s,
            ),
        };
        let (text_element, label) = match block.kind {
            BlockKind::Heading | BlockKind::Paragraph => {
                (statements, item_body, sub_items) = (None, None, None);
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
                    *sub_items
                        .get_or_insert_with(|| st.add(Role::List { numbered: false }, item_body))
                } else {
                    sub_items = None;
                    *statements.get_or_insert_with(|| st.add(Role::List { numbered: true }, None))
                };
                let item = st.add(Role::ListItem, Some(list));
                let label = st.add(Role::Label, Some(item));
                let body = st.add(Role::ListBody, Some(item));
                if block.kind != BlockKind::SubItem {
                    item_body = Some(body);
                }
                (body, Some(label))
            }
        };
        let line = t.line(s);
        let (mut ops, height) = text_block(
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
            let w = face(marker_bold).width(&marker, s);
            ops.push(Op::Text {
                x: MARGIN + indent - 0.4 * s - w,
                y: baseline_offset(s, line),
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
            keep_with_next: block.kind == BlockKind::Heading,
            block: Some(i),
        });
    }

    if !form.consents.is_empty() {
        chunks.extend(consents(form, &t, &mut st));
    }
    if !form.signatures.is_empty() {
        chunks.extend(signatures(form, &t, &mut st));
    }
    chunks.push(footer(form, &t, &mut st));
    paginate(chunks, st.0)
}

fn section_heading(title: &str, t: &Type, st: &mut Structure) -> Chunk {
    let size = 1.1 * t.size;
    let (ops, height) = text_block(
        title,
        true,
        size,
        t.line(size),
        MARGIN,
        0.0,
        CONTENT_WIDTH,
        st.add(Role::Heading(title.to_string()), None),
    );
    Chunk {
        ops,
        height: height + 1.5 * MM,
        space_before: 3.0 * MM,
        keep_with_next: true,
        block: None,
    }
}

fn header(form: &Form, t: &Type, st: &mut Structure) -> Chunk {
    let s = t.size;
    let left_width = CONTENT_WIDTH - QR_SIDE - 6.0 * MM;
    let mut ops = Vec::new();
    let mut y = 0.0;
    let school_size = 1.1 * s;
    let (o, h) = text_block(
        &form.school,
        true,
        school_size,
        t.line(school_size),
        MARGIN,
        y,
        left_width,
        st.add(Role::Paragraph, None),
    );
    ops.extend(o);
    y += h + 0.35 * s;
    let title_size = 1.45 * s;
    let title_line = 1.2 * title_size;
    let (o, h) = text_block(
        &form.title,
        true,
        title_size,
        title_line,
        MARGIN,
        y,
        left_width,
        st.add(Role::Title(form.title.clone()), None),
    );
    ops.extend(o);
    y += h + 0.25 * s;
    let meta_size = 0.95 * s;
    let meta = [&form.for_whom, &form.reference, &form.version]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" \u{00B7} ");
    let (o, h) = text_block(
        &meta,
        false,
        meta_size,
        t.line(meta_size),
        MARGIN,
        y,
        left_width,
        st.add(Role::Paragraph, None),
    );
    ops.extend(o);
    y += h;

    // The QR code, top right, with its caption.
    let qr_x = PAGE_WIDTH - MARGIN - QR_SIDE;
    let mut qr_bottom = 0.0;
    if let Some(qr) = Qr::new(&form.url).filter(|_| form.has_web_address()) {
        let link = st.add(Role::Link, None);
        let figure = st.add(
            Role::Figure(format!(
                "QR code that opens this agreement online at {}",
                short_address(&form.url)
            )),
            Some(link),
        );
        let modules = qr.width + 2 * QUIET_ZONE;
        let m = QR_SIDE / modules as f32;
        for (x, row, len) in &qr.runs {
            ops.push(Op::Fill {
                x: qr_x + (x + QUIET_ZONE) as f32 * m,
                y: (row + QUIET_ZONE) as f32 * m,
                w: *len as f32 * m,
                h: m,
                grey: 0,
                element: Some(figure),
            });
        }
        ops.push(Op::Link {
            x: qr_x,
            y: 0.0,
            w: QR_SIDE,
            h: QR_SIDE,
            url: form.url.clone(),
            element: link,
        });
        let caption_size = 8.0;
        let caption = "Scan to read online";
        let w = REGULAR.width(caption, caption_size);
        ops.push(Op::Text {
            x: qr_x + (QR_SIDE - w) / 2.0,
            y: QR_SIDE + caption_size,
            size: caption_size,
            bold: false,
            text: caption.into(),
            element: st.add(Role::Paragraph, None),
        });
        qr_bottom = QR_SIDE + caption_size * 1.3;
    }
    let bottom = f32::max(y, qr_bottom) + 0.5 * s;
    ops.push(Op::Fill {
        x: MARGIN,
        y: bottom,
        w: CONTENT_WIDTH,
        h: 2.0,
        grey: 0,
        element: None,
    });
    Chunk {
        ops,
        height: bottom + 2.0 + 0.75 * s,
        ..Chunk::default()
    }
}

fn consents(form: &Form, t: &Type, st: &mut Structure) -> Vec<Chunk> {
    let s = t.size;
    let mut out = vec![section_heading("Consent", t, st)];
    let (ops, h) = text_block(
        "Tick one box for each question.",
        false,
        s,
        t.line(s),
        MARGIN,
        0.0,
        CONTENT_WIDTH,
        st.add(Role::Paragraph, None),
    );
    out.push(Chunk {
        ops,
        height: h + 0.4 * s,
        keep_with_next: true,
        ..Chunk::default()
    });
    let side = 1.2 * s;
    let gap = 0.4 * s;
    let yes = BOLD.width("Yes", s);
    let no = BOLD.width("No", s);
    let choices_width = 2.0 * (side + gap) + yes + no + 1.5 * s;
    let label_width = CONTENT_WIDTH - choices_width - s;
    let pad = 0.3 * s;
    let line = t.line(s);
    for label in &form.consents {
        // The question and its two answers read as one paragraph.
        let element = st.add(Role::Paragraph, None);
        let (mut ops, h) = text_block(label, false, s, line, MARGIN, pad, label_width, element);
        let row = f32::max(h, side);
        // The boxes sit beside the label's first line.
        let box_top = pad + (line - side) / 2.0;
        let baseline = pad + baseline_offset(s, line);
        let mut x = PAGE_WIDTH - MARGIN - choices_width;
        for word in ["Yes", "No"] {
            ops.push(Op::Box {
                x,
                y: box_top,
                side,
                line: 1.5,
            });
            x += side + gap;
            ops.push(Op::Text {
                x,
                y: baseline,
                size: s,
                bold: true,
                text: word.into(),
                element,
            });
            x += BOLD.width(word, s) + 1.5 * s;
        }
        ops.push(Op::Fill {
            x: MARGIN,
            y: pad + row + pad,
            w: CONTENT_WIDTH,
            h: 0.75,
            grey: RULE_GREY,
            element: None,
        });
        out.push(Chunk {
            ops,
            height: pad + row + pad + 0.75,
            ..Chunk::default()
        });
    }
    out
}

fn signatures(form: &Form, t: &Type, st: &mut Structure) -> Vec<Chunk> {
    let s = t.size;
    let mut out = vec![section_heading("Signatures", t, st)];
    let columns = if form.signatures.len() > 1 { 2 } else { 1 };
    let gap = 2.0 * s;
    // Two columns on paper, as in the printed HTML form.
    let column_width = (CONTENT_WIDTH - gap) / 2.0;
    let line = t.line(s);
    for row in form.signatures.chunks(columns) {
        let mut ops = Vec::new();
        let mut height: f32 = 0.0;
        for (c, who) in row.iter().enumerate() {
            let x = MARGIN + c as f32 * (column_width + gap);
            let who_element = st.add(Role::Paragraph, None);
            let (o, h) = text_block(who, true, s, line, x, 0.0, column_width, who_element);
            ops.extend(o);
            let mut y = h + 0.4 * s;
            for label in ["Name", "Signature", "Date"] {
                let box_height = 1.6 * s;
                ops.push(Op::Text {
                    x,
                    y: y + box_height - 0.25 * s,
                    size: s,
                    bold: false,
                    text: label.into(),
                    element: st.add(Role::Paragraph, None),
                });
                let rule_x = x + 5.5 * s + 0.5 * s;
                ops.push(Op::Fill {
                    x: rule_x,
                    y: y + box_height,
                    w: x + column_width - rule_x,
                    h: 0.75,
                    grey: 0,
                    element: None,
                });
                y += box_height + 0.6 * s;
            }
            height = height.max(y);
        }
        out.push(Chunk {
            ops,
            height: height + 0.2 * s,
            ..Chunk::default()
        });
    }
    out
}

fn footer(form: &Form, t: &Type, st: &mut Structure) -> Chunk {
    let size = 0.85 * t.size;
    let line = t.line(size);
    let mut ops = vec![Op::Fill {
        x: MARGIN,
        y: 0.0,
        w: CONTENT_WIDTH,
        h: 0.75,
        grey: RULE_GREY,
        element: None,
    }];
    let mut y = 0.4 * t.size;
    let online = if form.has_web_address() {
        online(&form.url)
    } else {
        String::new()
    };
    for (text, bold) in [(form.return_instructions.as_str(), true), (&online, false)] {
        if text.is_empty() {
            continue;
        }
        let element = st.add(Role::Paragraph, None);
        let (o, h) = text_block(text, bold, size, line, MARGIN, y, CONTENT_WIDTH, element);
        ops.extend(o);
        y += h;
    }
    Chunk {
        ops,
        height: y,
        space_before: 0.75 * t.size,
        ..Chunk::default()
    }
}

/// The footer's line about the online page.
pub fn online(url: &str) -> String {
    format!(
        "Read this agreement online: scan the QR code at the top of this form, or go to {}",
        short_address(url)
    )
}

/// An address without its scheme, as printed.
fn short_address(url: &str) -> &str {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
}

fn paginate(chunks: Vec<Chunk>, elements: Vec<Element>) -> Layout {
    let mut pages: Vec<Vec<Op>> = vec![Vec::new()];
    let mut y = MARGIN;
    let mut first_block_overflowing = None;
    let mut overflows_first_page = false;
    let mut i = 0;
    while i < chunks.len() {
        // A heading goes with what follows it.
        let mut group = vec![&chunks[i]];
        while group.last().is_some_and(|c| c.keep_with_next) && i + group.len() < chunks.len() {
            group.push(&chunks[i + group.len()]);
        }
        let at_top = y <= MARGIN;
        let needed: f32 = group
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if k == 0 && at_top {
                    c.height
                } else {
                    c.space_before + c.height
                }
            })
            .sum();
        if !at_top && y + needed > BOTTOM {
            pages.push(Vec::new());
            y = MARGIN;
        }
        // Place only the first of the group: the next is placed (and may
        // still move on) in its own turn.
        let chunk = &chunks[i];
        if y > MARGIN {
            y += chunk.space_before;
        }
        if pages.len() > 1 || y + chunk.height > BOTTOM + 0.01 {
            overflows_first_page = true;
            if first_block_overflowing.is_none() {
                first_block_overflowing = chunk.block;
            }
        }
        let page = pages.last_mut().expect("one page at least");
        page.extend(chunk.ops.iter().map(|op| op.shifted(y)));
        y += chunk.height;
        i += 1;
    }
    Layout {
        pages,
        elements,
        first_block_overflowing,
        overflows_first_page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "I will check if what I read online is true before I use it or share it, and I will say where I found it. https://www.example.sch.uk/a/very/long/address/that/cannot/fit/on/one/line/at/all/whatever/happens";
        let lines = wrap(text, false, 11.0, 200.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(REGULAR.width(l, 11.0) <= 200.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }
}
