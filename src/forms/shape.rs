//! Lines of text in the forms' fonts: split into runs by direction (the
//! Unicode bidi algorithm, from the form's language's direction) and by
//! script (the font that draws it), each run shaped by rustybuzz (Arabic
//! letters join, Nastaliq and Bengali ligatures and conjuncts form), and
//! placed left to right on the page. Layout measures with the same shaped
//! glyphs that the PDF draws.

use std::ops::Range;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::ttf_parser::Tag;
use rustybuzz::{Direction, Feature, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};
use unicode_script::{Script, UnicodeScript};

use super::fonts::{Face, Family, FontId, face, is_control};
use crate::languages;

/// How a form's language is written: its direction, and the face of its
/// Arabic-script text (Nastaliq for Urdu, Naskh for Arabic, Persian,
/// Pashto and the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Writing {
    pub rtl: bool,
    arabic: Family,
}

impl Writing {
    pub(crate) fn of(language: &str) -> Writing {
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        Writing {
            rtl: languages::direction(language) == languages::Direction::Rtl,
            arabic: if primary.eq_ignore_ascii_case("ur") {
                Family::Nastaliq
            } else {
                Family::Naskh
            },
        }
    }

    /// The family a character's own script asks for; `None` for characters
    /// of no script of their own (spaces, punctuation, combining marks),
    /// which go with their neighbours. Digits are set in Liberation Sans,
    /// as are Latin words, addresses and numbers inside Urdu or Arabic
    /// text (Arabic-Indic digits are of the Arabic script).
    fn family(&self, c: char) -> Option<Family> {
        if c.is_ascii_digit() {
            return Some(Family::Liberation);
        }
        match c.script() {
            Script::Arabic => Some(self.arabic),
            Script::Bengali => Some(Family::Bengali),
            Script::Common | Script::Inherited | Script::Unknown => None,
            _ => Some(Family::Liberation),
        }
    }

    /// `text` split into runs of one family each.
    fn font_runs(&self, text: &str) -> Vec<(Range<usize>, Family)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        // A character its script's font lacks is set in whichever font has
        // it, as one of no script would be.
        let own: Vec<Option<Family>> = chars
            .iter()
            .map(|(_, c)| {
                self.family(*c)
                    .filter(|f| face(FontId::new(*f, false)).has(*c))
            })
            .collect();
        let mut runs: Vec<(Range<usize>, Family)> = Vec::new();
        let mut previous: Option<Family> = None;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let next = own[k + 1..].iter().flatten().next().copied();
            let family = own[k].unwrap_or_else(|| neighbour(c, previous, next));
            previous = Some(family);
            let end = i + c.len_utf8();
            match runs.last_mut() {
                Some((range, f)) if *f == family => range.end = end,
                _ => runs.push((i..end, family)),
            }
        }
        runs
    }
}

/// The family that sets a character of no script of its own: the one
/// before it when that font has it (a mark stays with its letter), else
/// the one after it, else any font that has it.
fn neighbour(c: char, previous: Option<Family>, next: Option<Family>) -> Family {
    let has = |f: Family| face(FontId::new(f, false)).has(c);
    [previous, next]
        .into_iter()
        .flatten()
        .chain([
            Family::Liberation,
            Family::Naskh,
            Family::Nastaliq,
            Family::Bengali,
        ])
        .find(|f| has(*f) || is_control(c))
        .unwrap_or(Family::Liberation)
}

/// A run of glyphs of one font and direction, placed on its line.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub font: FontId,
    /// Glyphs in drawing order (left to right), with the byte ranges of
    /// the line's text they stand for.
    pub glyphs: Vec<KrillaGlyph>,
    /// Where it starts in the line's text: runs drawn in this order read
    /// in the order the text is written.
    pub start: usize,
    /// Its left edge, from the line's, in points.
    pub x: f32,
}

/// A line of text, shaped and ordered for drawing.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// In visual order, left to right.
    pub runs: Vec<Run>,
    pub width: f32,
}

/// Shapes one line of text set at `size`, in paragraph direction
/// `writing.rtl`: bidi runs in visual order, each cut where the font
/// changes.
pub(crate) fn line(text: &str, bold: bool, size: f32, writing: &Writing) -> Line {
    let mut pieces: Vec<(Range<usize>, bool)> = Vec::new();
    if writing.rtl || text.chars().any(is_rtl) {
        let base = if writing.rtl {
            Level::rtl()
        } else {
            Level::ltr()
        };
        let numbers = isolate_numbers(text);
        let bidi = BidiInfo::new(&numbers, Some(base));
        for para in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(para, para.range.clone());
            for run in runs {
                pieces.push((run.clone(), levels[run.start].is_rtl()));
            }
        }
    } else {
        pieces.push((0..text.len(), false));
    }
    let font_runs = writing.font_runs(text);
    let mut runs = Vec::new();
    let mut x = 0.0;
    for (range, rtl) in pieces {
        let mut parts: Vec<(Range<usize>, Family)> = font_runs
            .iter()
            .filter(|(r, _)| r.start < range.end && range.start < r.end)
            .map(|(r, f)| (r.start.max(range.start)..r.end.min(range.end), *f))
            .collect();
        if rtl {
            parts.reverse();
        }
        for (part, family) in parts {
            let font = FontId::new(family, bold);
            let (mut glyphs, units) = shape(font, text, part.clone(), rtl);
            // A number in groups inside right-to-left text stands for its
            // text as a whole (krilla writes it as one ActualText): text
            // extraction would otherwise put its groups in right-to-left
            // order, "418 960 01632".
            let number = &text[part.clone()];
            if writing.rtl
                && !rtl
                && number.trim().contains(' ')
                && number.chars().all(|c| !c.is_alphabetic())
            {
                for g in &mut glyphs {
                    g.text_range = part.clone();
                }
            }
            let width = units * size / face(font).units;
            runs.push(Run {
                font,
                glyphs,
                start: part.start,
                x,
            });
            x += width;
        }
    }
    Line { runs, width: x }
}

/// How far the glyphs of `text` that are not Latin reach above and below
/// the baseline (their ink, offsets included), in ems, regular and bold;
/// zero for text all in Liberation Sans.
pub(crate) fn ink(text: &str, writing: &Writing) -> (f32, f32) {
    let mut extent = (0.0_f32, 0.0_f32);
    for bold in [false, true] {
        for run in line(text, bold, 1.0, writing).runs {
            if run.font.family == Family::Liberation {
                continue;
            }
            let f = face(run.font);
            for g in &run.glyphs {
                let id = rustybuzz::ttf_parser::GlyphId(g.glyph_id.to_u32() as u16);
                if let Some(b) = f.shaper.glyph_bounding_box(id) {
                    extent.0 = extent.0.max(f32::from(b.y_max) / f.units + g.y_offset);
                    extent.1 = extent.1.max(-f32::from(b.y_min) / f.units - g.y_offset);
                }
            }
        }
    }
    extent
}

/// The width of `text` set on one line, in points.
pub(crate) fn width(text: &str, bold: bool, size: f32, writing: &Writing) -> f32 {
    line(text, bold, size, writing).width
}

/// `text` with each space between two digits made a comma, for working
/// out directions only (same length, so the same offsets): a phone
/// number written in groups, "01632 960 418", then reads left to right as
/// one number inside right-to-left text, as the HTML pages isolate it,
/// rather than as three numbers in right-to-left order.
fn isolate_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    text.char_indices()
        .map(|(i, c)| {
            let digit =
                |j: Option<usize>| j.and_then(|j| bytes.get(j)).is_some_and(u8::is_ascii_digit);
            if c == ' ' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                ','
            } else {
                c
            }
        })
        .collect()
}

fn is_rtl(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
    )
}

/// Shapes `text[range]` with `face`: its glyphs (advances in ems, ranges
/// in `text`), and their total advance in font units. A glyph the font
/// does not have is left out (the build warns with
/// `agreement-form-characters`): PDF/UA forbids drawing the empty
/// "missing glyph" box in its place.
fn shape(font: FontId, text: &str, range: Range<usize>, rtl: bool) -> (Vec<KrillaGlyph>, f32) {
    let face: &Face = face(font);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    // Latin text is set as it always was, with each letter's own advance:
    // the widths the one-page rule and the HTML form's line breaks were
    // measured with, so English forms print as before.
    let plain = [
        Feature::new(Tag::from_bytes(b"kern"), 0, ..),
        Feature::new(Tag::from_bytes(b"liga"), 0, ..),
    ];
    let features: &[Feature] = if font.family == Family::Liberation {
        &plain
    } else {
        &[]
    };
    let shaped = rustybuzz::shape(&face.shaper, features, buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Each glyph stands for its cluster: from its first byte to the next
    // cluster's.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |c: usize| {
        let k = starts.partition_point(|&s| s <= c);
        starts.get(k).copied().unwrap_or(range.len())
    };
    let mut units = 0.0;
    let mut glyphs = Vec::with_capacity(infos.len());
    for (info, pos) in infos.iter().zip(positions) {
        if info.glyph_id == 0 {
            continue;
        }
        let cluster = info.cluster as usize;
        let own = cluster..end_of(cluster);
        units += pos.x_advance as f32;
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            pos.x_advance as f32 / face.units,
            pos.x_offset as f32 / face.units,
            pos.y_offset as f32 / face.units,
            pos.y_advance as f32 / face.units,
            range.start + own.start..range.start + own.end,
            None,
        ));
    }
    (glyphs, units)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASKH: Writing = Writing {
        rtl: true,
        arabic: Family::Naskh,
    };

    #[test]
    fn arabic_letters_join_so_a_word_is_not_its_letters_side_by_side() {
        let word = "مرحبا";
        let joined = width(word, false, 12.0, &NASKH);
        let isolated: f32 = word
            .chars()
            .map(|c| width(&c.to_string(), false, 12.0, &NASKH))
            .sum();
        assert!(joined > 0.0);
        assert!((joined - isolated).abs() > 0.5, "{joined} {isolated}");
        // Joined forms are other glyphs than the isolated ones.
        let glyphs = |t: &str| -> Vec<u32> {
            line(t, false, 12.0, &NASKH).runs[0]
                .glyphs
                .iter()
                .map(|g| g.glyph_id.to_u32())
                .collect()
        };
        let mut alone: Vec<u32> = word.chars().flat_map(|c| glyphs(&c.to_string())).collect();
        alone.reverse();
        assert_ne!(glyphs(word), alone);
    }

    #[test]
    fn bidi_puts_numbers_and_latin_words_in_their_own_direction_inside_rtl_text() {
        // "Call 0123 456 or email office@school.uk." in Urdu.
        let text = "فون کریں 0123 456 یا office@school.uk پر";
        let l = line(text, false, 11.0, &Writing::of("ur"));
        // Left to right on the page: the last words first.
        let order: Vec<&str> = l
            .runs
            .iter()
            .map(|r| text[r.start..].split(' ').next().unwrap())
            .filter(|w| !w.is_empty())
            .collect();
        let at = |w: &str| order.iter().position(|o| *o == w).unwrap();
        assert!(at("پر") < at("office@school.uk"), "{order:?}");
        assert!(at("office@school.uk") < at("یا"), "{order:?}");
        assert!(at("یا") < at("0123"), "{order:?}");
        assert!(at("0123") < at("فون"), "{order:?}");
        // The number reads left to right, one number: 0123 before 456.
        let digits = l
            .runs
            .iter()
            .find(|r| text[r.start..].starts_with("0123"))
            .unwrap();
        let ids = |glyphs: &[KrillaGlyph]| glyphs.iter().map(|g| g.glyph_id).collect::<Vec<_>>();
        let ltr = line("0123 456", false, 11.0, &Writing::of("en"));
        assert_eq!(ids(&digits.glyphs), ids(&ltr.runs[0].glyphs));
        // It stands for its text whole, for text extraction.
        for g in &digits.glyphs {
            assert_eq!(&text[g.text_range.clone()], "0123 456");
        }
        // Latin and digits are set in Liberation Sans, Urdu in Nastaliq.
        for r in &l.runs {
            let family = if text[r.start..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                Family::Liberation
            } else {
                r.font.family
            };
            assert_eq!(r.font.family, family, "{}", &text[r.start..]);
        }
        assert!(l.runs.iter().any(|r| r.font.family == Family::Nastaliq));
        // The runs tile the line, from left to right.
        assert!(l.runs.windows(2).all(|w| w[0].x < w[1].x));
        assert!(l.runs.last().unwrap().x < l.width);
    }

    #[test]
    fn each_script_gets_its_font() {
        let arabic = Writing::of("ar");
        assert!(!Writing::of("pl").rtl && Writing::of("fa").rtl && arabic.rtl);
        let families = |t: &str, w: &Writing| {
            line(t, false, 11.0, w)
                .runs
                .iter()
                .map(|r| r.font.family)
                .collect::<Vec<_>>()
        };
        assert_eq!(families("أنا لطيف", &arabic), [Family::Naskh]);
        assert_eq!(
            families("میں مہربان ہوں", &Writing::of("ur")),
            [Family::Nastaliq]
        );
        assert_eq!(families("আমি সদয়", &Writing::of("bn")), [Family::Bengali]);
        assert_eq!(
            families("Jestem miły", &Writing::of("pl")),
            [Family::Liberation]
        );
    }
}
