//! The fonts of the PDF forms: Liberation Sans, regular and bold, bundled
//! in the binary, measured with skrifa (for layout) and embedded by krilla.

use std::sync::LazyLock;

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub(super) static REGULAR_TTF: &[u8] =
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub(super) static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// A font for measuring text (skrifa reads it; krilla embeds it).
pub(super) struct Face {
    font: FontRef<'static>,
    units_per_em: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let font = FontRef::new(data).expect("the bundled font is valid");
        let units_per_em = font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em as f32;
        Face { font, units_per_em }
    }

    /// Glyph id and advance (in ems) of each character the font can draw,
    /// with its byte range.
    pub(super) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        // A character the font has no glyph for is left out (the build
        // warns with `agreement-form-characters`): PDF/UA forbids drawing
        // the empty "missing glyph" box in its place.
        text.char_indices()
            .filter_map(|(i, c)| Some((i, c, charmap.map(c)?)))
            .map(|(i, c, gid)| {
                let advance = metrics.advance_width(gid).unwrap_or_default() / self.units_per_em;
                KrillaGlyph::new(
                    GlyphId::new(gid.to_u32()),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        text.chars()
            .map(|c| {
                let gid = charmap.map(c).unwrap_or_default();
                metrics.advance_width(gid).unwrap_or_default()
            })
            .sum::<f32>()
            * size
            / self.units_per_em
    }

    /// Characters of `text` that the font cannot draw.
    fn missing(&self, text: &str) -> Vec<char> {
        let charmap = self.font.charmap();
        text.chars()
            .filter(|c| !c.is_whitespace() && charmap.map(*c).is_none())
            .collect()
    }
}

pub(super) static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::new(REGULAR_TTF));
pub(super) static BOLD: LazyLock<Face> = LazyLock::new(|| Face::new(BOLD_TTF));

pub(super) fn face(bold: bool) -> &'static Face {
    if bold { &BOLD } else { &REGULAR }
}

/// Characters of the form that the bundled font cannot print.
pub(super) fn missing_characters(text: &str) -> Vec<char> {
    let mut out = REGULAR.missing(text);
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_covers_smart_punctuation() {
        assert!(missing_characters("I\u{2019}m \u{201C}kind\u{201D} \u{2013} £5 · é").is_empty());
        assert_eq!(missing_characters("hi 🙂"), ['🙂']);
    }
}
