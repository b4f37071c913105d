//! Where a form's pages break, and the running footer that names the form
//! on every page. The same rules as the printed HTML form's CSS: a section
//! (a heading and its statements, the consents) moves whole to the next
//! page when it fits there; the signature block and the return
//! instructions stay with at least the last two things they sign for;
//! nothing breaks after a heading or inside a consent row or signature
//! block.

use super::text::wrap;
use super::{BOTTOM, CONTENT_WIDTH, Chunk, MARGIN, MM, Op, PAGE_WIDTH, Type};
use crate::forms::form::Form;

/// Whether a page may break before a chunk, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Break {
    /// Between sections: before a heading, the consents.
    Section,
    /// Between two statements, paragraphs or consent rows of one section.
    #[default]
    Item,
    /// Never: after a heading, inside the signature block, between the
    /// signatures and the last two things they sign for.
    Never,
}

/// The chunks placed on pages: the first chunk of each page.
pub(super) fn breaks(chunks: &[Chunk]) -> Vec<usize> {
    let mut starts = vec![0];
    let mut start = 0;
    let mut y = MARGIN;
    let mut i = 0;
    while i < chunks.len() {
        let c = &chunks[i];
        let space = if i == start { 0.0 } else { c.space_before };
        if i == start || y + space + c.height <= BOTTOM + 0.01 {
            y += space + c.height;
            i += 1;
            continue;
        }
        // Chunks from `b` on move to a new page, and are placed again.
        let b = choose_break(chunks, start, i);
        starts.push(b);
        start = b;
        y = MARGIN;
        i = b;
    }
    starts
}

/// Where to break when chunk `i` does not fit on the page that starts at
/// chunk `start`: before the section that holds `i` when that section fits
/// on a page of its own; else between items, as late as still lets what
/// must stay with `i` fit; else as late as is allowed at all.
fn choose_break(chunks: &[Chunk], start: usize, i: usize) -> usize {
    let allowed = |b: usize| b > start && chunks[b].break_before != Break::Never;
    let section = (start + 1..=i)
        .rev()
        .find(|&b| chunks[b].break_before == Break::Section);
    if let Some(b) = section.filter(|&b| allowed(b)) {
        let end = (i + 1..chunks.len())
            .find(|&k| chunks[k].break_before == Break::Section)
            .unwrap_or(chunks.len());
        if fits_alone(&chunks[b..end]) {
            return b;
        }
    }
    let end = kept_with(chunks, i);
    let items = || (start + 1..=i).rev().filter(|&b| allowed(b));
    items()
        .find(|&b| fits_alone(&chunks[b..end]))
        .or_else(|| items().next())
        .unwrap_or(i)
}

/// The end (exclusive) of what must go on the same page as chunk `i`.
fn kept_with(chunks: &[Chunk], i: usize) -> usize {
    let mut end = i + 1;
    while end < chunks.len() && chunks[end].break_before == Break::Never {
        end += 1;
    }
    end
}

/// Whether `chunks` fit on one page, from its top.
fn fits_alone(chunks: &[Chunk]) -> bool {
    let height: f32 = chunks
        .iter()
        .enumerate()
        .map(|(k, c)| if k == 0 { 0.0 } else { c.space_before } + c.height)
        .sum();
    MARGIN + height <= BOTTOM + 0.01
}

/// The chunks laid out on one endless page: where the content ends (its
/// bottom, from the top of the page), and the first chunk that crosses
/// the bottom of an A4 page.
pub(super) fn continuous(chunks: &[Chunk]) -> (f32, Option<usize>) {
    let mut y = MARGIN;
    let mut crossing = None;
    for (k, c) in chunks.iter().enumerate() {
        if k > 0 {
            y += c.space_before;
        }
        y += c.height;
        if crossing.is_none() && y > BOTTOM + 0.01 {
            crossing = Some(k);
        }
    }
    (y, crossing)
}

/// Type size of the running header and footer.
const RUNNING_SIZE: f32 = 8.0;

/// What the running header and footer of page `n` of `count` say, as the
/// HTML form's `@page` margin boxes do: from page 2, the school and the
/// form's title (top left) and its reference and version (top right),
/// which page 1 has in its header; on every page, "Page n of count"
/// (bottom right). Set in the margins, so they take no room from the form.
pub(super) fn running(form: &Form, t: &Type, n: usize, count: usize) -> Vec<Op> {
    let size = RUNNING_SIZE;
    let line = t.line_at(size, 1.2);
    let ascent = t.baseline(size, line);
    let mut ops = Vec::new();
    let mut right = |text: String, top: f32| {
        let width = t.width(&text, false, size);
        ops.push(Op::Running {
            x: PAGE_WIDTH - MARGIN - width,
            y: top + ascent,
            size,
            text,
        });
        width
    };
    right(form.words.page_of(n, count), BOTTOM + 2.0 * MM);
    if n > 1 {
        // Its last line ends 2 mm above the form, as the CSS aligns it.
        let bottom = MARGIN - 2.0 * MM;
        let meta = [form.reference.as_str(), &form.version]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" \u{00B7} ");
        let meta_width = right(meta, bottom - line);
        let name = format!("{} \u{00B7} {}", form.school, form.title);
        let lines = wrap(
            &name,
            false,
            size,
            CONTENT_WIDTH - meta_width - 6.0 * MM,
            &t.writing,
        );
        let first = bottom - lines.len() as f32 * line;
        for (k, text) in lines.into_iter().enumerate() {
            ops.push(Op::Running {
                x: MARGIN,
                y: first + k as f32 * line + ascent,
                size,
                text,
            });
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(height: f32, break_before: Break) -> Chunk {
        Chunk {
            height,
            break_before,
            ..Chunk::default()
        }
    }

    const PAGE: f32 = BOTTOM - MARGIN;

    #[test]
    fn a_section_that_fits_on_the_next_page_moves_there_whole() {
        let chunks = [
            chunk(0.5 * PAGE, Break::Never),
            chunk(10.0, Break::Section),
            chunk(0.3 * PAGE, Break::Never),
            chunk(0.3 * PAGE, Break::Item),
        ];
        assert_eq!(breaks(&chunks), [0, 1]);
    }

    #[test]
    fn a_section_too_long_for_any_page_breaks_between_its_items() {
        let mut chunks = vec![chunk(0.3 * PAGE, Break::Never), chunk(10.0, Break::Section)];
        chunks.extend((0..12).map(|_| chunk(0.1 * PAGE, Break::Item)));
        let starts = breaks(&chunks);
        assert_eq!(starts.len(), 2);
        assert!(starts[1] > 2, "{starts:?}");
    }

    #[test]
    fn signatures_take_the_last_two_items_with_them() {
        let mut chunks = vec![chunk(0.1 * PAGE, Break::Never), chunk(10.0, Break::Section)];
        // Twenty items: the section cannot move whole.
        chunks.extend((0..20).map(|_| chunk(0.04 * PAGE, Break::Item)));
        let last = chunks.len() - 1;
        chunks[last].break_before = Break::Never;
        chunks.push(chunk(0.2 * PAGE, Break::Never));
        chunks.push(chunk(0.05 * PAGE, Break::Never));
        let starts = breaks(&chunks);
        assert_eq!(starts, [0, last - 1]);
    }

    #[test]
    fn the_continuous_layout_says_how_far_past_the_page_it_runs() {
        let chunks = [
            chunk(0.6 * PAGE, Break::Never),
            chunk(0.5 * PAGE, Break::Item),
        ];
        let (end, crossing) = continuous(&chunks);
        assert!((end - BOTTOM - 0.1 * PAGE).abs() < 0.01);
        assert_eq!(crossing, Some(1));
    }
}
