//! The parts of the form around the agreement's text: the header (school,
//! title, QR code), the consents, the signatures and the footer.

use super::text::text_block;
use super::{
    Break, CONTENT_WIDTH, Chunk, MARGIN, MM, Op, PAGE_WIDTH, QR_COLUMN, QR_SIDE, RULE_GREY, Role,
    Structure, Type,
};
use crate::forms::form::Form;
use crate::forms::qr::{QUIET_ZONE, Qr};

pub(super) fn section_heading(title: &str, t: &Type, st: &mut Structure) -> Chunk {
    let size = 1.1 * t.size;
    let (ops, height) = text_block(
        t,
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
        break_before: Break::Section,
        keep_with_next: true,
        block: None,
    }
}

pub(super) fn header(form: &Form, t: &Type, st: &mut Structure) -> Chunk {
    let s = t.size;
    let left_width = CONTENT_WIDTH - QR_COLUMN - 6.0 * MM;
    let mut ops = Vec::new();
    let mut y = 0.0;
    let school_size = 1.1 * s;
    let (o, h) = text_block(
        t,
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
    let title_line = t.line_at(title_size, 1.2);
    let (o, h) = text_block(
        t,
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
        t,
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
    let qr_bottom = qr_code(form, t, st, &mut ops);
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

/// The QR code, top right, with its caption; returns where it ends (0 for
/// none).
fn qr_code(form: &Form, t: &Type, st: &mut Structure, ops: &mut Vec<Op>) -> f32 {
    let column_x = PAGE_WIDTH - MARGIN - QR_COLUMN;
    let qr_x = column_x + (QR_COLUMN - QR_SIDE) / 2.0;
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
        let caption = form.words.scan.as_str();
        let w = t.width(caption, false, caption_size);
        ops.push(Op::Text {
            x: column_x + (QR_COLUMN - w) / 2.0,
            y: QR_SIDE + caption_size,
            size: caption_size,
            bold: false,
            text: caption.into(),
            element: st.add(Role::Paragraph, None),
        });
        return QR_SIDE + caption_size * 1.3;
    }
    0.0
}

pub(super) fn consents(form: &Form, t: &Type, st: &mut Structure) -> Vec<Chunk> {
    let s = t.size;
    let w = &form.words;
    let mut out = vec![section_heading(&w.consent, t, st)];
    let (ops, h) = text_block(
        t,
        &w.tick_one,
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
    let yes = t.width(&w.yes, true, s);
    let no = t.width(&w.no, true, s);
    let choices_width = 2.0 * (side + gap) + yes + no + 1.5 * s;
    let label_width = CONTENT_WIDTH - choices_width - s;
    let pad = 0.3 * s;
    let line = t.line(s);
    for label in &form.consents {
        // The question and its two answers read as one paragraph.
        let element = st.add(Role::Paragraph, None);
        let (mut ops, h) = text_block(t, label, false, s, line, MARGIN, pad, label_width, element);
        let row = f32::max(h, side);
        // The boxes sit beside the label's first line.
        let box_top = pad + (line - side) / 2.0;
        let baseline = pad + t.baseline(s, line);
        let mut x = PAGE_WIDTH - MARGIN - choices_width;
        for word in [w.yes.as_str(), w.no.as_str()] {
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
            x += t.width(word, true, s) + 1.5 * s;
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

pub(super) fn signatures(form: &Form, t: &Type, st: &mut Structure) -> Vec<Chunk> {
    let s = t.size;
    let w = &form.words;
    let mut heading = section_heading(&w.signatures, t, st);
    // The signature block goes with what it signs for, and is one piece.
    heading.break_before = Break::Never;
    let mut out = vec![heading];
    if !form.child_lines.is_empty() {
        out.push(child_lines(form, t, st));
    }
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
            let (o, h) = text_block(t, who, true, s, line, x, 0.0, column_width, who_element);
            ops.extend(o);
            let mut y = h + 0.4 * s;
            for label in [&w.name, &w.signature, &w.date] {
                let line = Ruled {
                    x,
                    label_width: 5.5 * s,
                    end: x + column_width,
                };
                y = line.draw(label, y, s, st, &mut ops);
            }
            height = height.max(y);
        }
        out.push(Chunk {
            ops,
            height: height + 0.2 * s,
            break_before: Break::Never,
            ..Chunk::default()
        });
    }
    out
}

/// A label and the rule to write on beside it, as the HTML form's
/// `.sig-line`.
struct Ruled {
    x: f32,
    label_width: f32,
    /// Where the rule ends.
    end: f32,
}

impl Ruled {
    /// Draws it at `y` and returns where the next one starts.
    fn draw(&self, label: &str, y: f32, s: f32, st: &mut Structure, ops: &mut Vec<Op>) -> f32 {
        let box_height = 1.6 * s;
        ops.push(Op::Text {
            x: self.x,
            y: y + box_height - 0.25 * s,
            size: s,
            bold: false,
            text: label.into(),
            element: st.add(Role::Paragraph, None),
        });
        let rule_x = self.x + self.label_width + 0.5 * s;
        ops.push(Op::Fill {
            x: rule_x,
            y: y + box_height,
            w: self.end - rule_x,
            h: 0.75,
            grey: 0,
            element: None,
        });
        y + box_height + 0.4 * s
    }
}

/// The lines naming the child a parents' form is about, across three
/// quarters of the page, kept with the signatures.
fn child_lines(form: &Form, t: &Type, st: &mut Structure) -> Chunk {
    let s = t.size;
    let label_width = form
        .child_lines
        .iter()
        .map(|l| t.width(l, false, s))
        .fold(5.5 * s, f32::max);
    let line = Ruled {
        x: MARGIN,
        label_width,
        end: MARGIN + 0.75 * CONTENT_WIDTH,
    };
    let mut ops = Vec::new();
    let mut y = 0.0;
    for label in &form.child_lines {
        y = line.draw(label, y, s, st, &mut ops);
    }
    Chunk {
        ops,
        height: y + 0.4 * s,
        break_before: Break::Never,
        ..Chunk::default()
    }
}

pub(super) fn footer(form: &Form, t: &Type, st: &mut Structure) -> Chunk {
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
        form.words.read_online(short_address(&form.url))
    } else {
        String::new()
    };
    for (text, bold) in [(form.return_instructions.as_str(), true), (&online, false)] {
        if text.is_empty() {
            continue;
        }
        let element = st.add(Role::Paragraph, None);
        let (o, h) = text_block(t, text, bold, size, line, MARGIN, y, CONTENT_WIDTH, element);
        ops.extend(o);
        y += h;
    }
    Chunk {
        ops,
        height: y,
        space_before: 0.75 * t.size,
        break_before: Break::Never,
        ..Chunk::default()
    }
}

/// An address without its scheme, as printed.
pub(super) fn short_address(url: &str) -> &str {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
}
