//! Text on the form: lines wrapped to a width by the widths of the shaped
//! text the PDF draws (`forms::shape`), and placed on baselines as
//! browsers place them.

use super::{Op, Type};
use crate::forms::shape::{Writing, width as shaped_width};

/// Breaks `text` into lines no wider than `width` (words longer than a line
/// are broken between characters). Words are measured shaped, one by one:
/// letters join inside a word, never across a space.
pub(super) fn wrap(
    text: &str,
    bold: bool,
    size: f32,
    width: f32,
    writing: &Writing,
) -> Vec<String> {
    let measure = |t: &str| shaped_width(t, bold, size, writing);
    let space = measure(" ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let w = measure(word);
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
                if !part.is_empty() && measure(&candidate) > width {
                    lines.push(std::mem::take(&mut part));
                    part.push(c);
                } else {
                    part = candidate;
                }
            }
            line_width = measure(&part);
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
pub(super) fn text_block(
    t: &Type,
    text: &str,
    bold: bool,
    size: f32,
    line_height: f32,
    x: f32,
    top: f32,
    width: f32,
    element: usize,
) -> (Vec<Op>, f32) {
    let lines = wrap(text, bold, size, width, &t.writing);
    let ascent = t.baseline(size, line_height);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "I will check if what I read online is true before I use it or share it, and I will say where I found it. https://www.example.sch.uk/a/very/long/address/that/cannot/fit/on/one/line/at/all/whatever/happens";
        let en = Writing::of("en-GB");
        let lines = wrap(text, false, 11.0, 200.0, &en);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(shaped_width(l, false, 11.0, &en) <= 200.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }
}
