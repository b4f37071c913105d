//! Text on the form: lines wrapped to a width with the fonts' own metrics,
//! and placed on baselines as browsers place them.

use super::Op;
use crate::forms::fonts::face;

/// Breaks `text` into lines no wider than `width` (words longer than a line
/// are broken between characters).
pub(super) fn wrap(text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
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
pub(super) fn text_block(
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
pub(super) fn baseline_offset(size: f32, line_height: f32) -> f32 {
    (line_height - 1.117 * size) / 2.0 + 0.905 * size
}
#[cfg(test)]
mod tests {
    use super::*;

    use crate::forms::fonts::REGULAR;
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
