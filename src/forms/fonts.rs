//! The fonts of the PDF forms, bundled in the binary and embedded (subset)
//! by krilla: Liberation Sans for Latin, Cyrillic and Greek; Noto Naskh
//! Arabic and Noto Nastaliq Urdu for the Arabic script (Nastaliq is the
//! face Urdu readers expect, Naskh the one of Arabic, Persian and Pashto);
//! Noto Sans Bengali. Regular and bold each. rustybuzz reads them to shape
//! and measure text (`super::shape`).

use std::sync::LazyLock;

/// A typeface of the forms, one per script family they print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Family {
    Liberation,
    Naskh,
    Nastaliq,
    Bengali,
}

impl Family {
    const ALL: [Family; 4] = [
        Family::Liberation,
        Family::Naskh,
        Family::Nastaliq,
        Family::Bengali,
    ];
}

/// One bundled font: a family, regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FontId {
    pub family: Family,
    pub bold: bool,
}

impl FontId {
    pub(crate) fn new(family: Family, bold: bool) -> FontId {
        FontId { family, bold }
    }

    fn index(self) -> usize {
        self.family as usize * 2 + usize::from(self.bold)
    }
}

/// The font files, in `FontId::index` order.
static FILES: [&[u8]; 8] = [
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoNastaliqUrdu-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoNastaliqUrdu-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSansBengali-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansBengali-Bold.ttf"),
];

/// A font read for shaping and measuring.
pub(crate) struct Face {
    pub(super) data: &'static [u8],
    pub(super) shaper: rustybuzz::Face<'static>,
    /// Font units per em.
    pub(super) units: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let shaper = rustybuzz::Face::from_slice(data, 0).expect("the bundled font is valid");
        let units = shaper.units_per_em() as f32;
        Face {
            data,
            shaper,
            units,
        }
    }

    pub(super) fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

static FACES: LazyLock<Vec<Face>> = LazyLock::new(|| FILES.iter().map(|d| Face::new(d)).collect());

pub(crate) fn face(id: FontId) -> &'static Face {
    &FACES[id.index()]
}

/// Characters of the form that none of the bundled fonts can print.
pub(crate) fn missing_characters(text: &str) -> Vec<char> {
    let mut out: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !is_control(*c))
        .filter(|c| {
            !Family::ALL
                .iter()
                .any(|f| face(FontId::new(*f, false)).has(*c))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Marks that steer the order or joining of text and draw nothing (the
/// bidi marks and isolates, joiners): no font needs a glyph for them.
pub(super) fn is_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_cover_smart_punctuation_and_every_script_of_the_forms() {
        assert!(missing_characters("I\u{2019}m \u{201C}kind\u{201D} \u{2013} £5 · é").is_empty());
        assert_eq!(missing_characters("hi 🙂"), ['🙂']);
        // Polish, Romanian (comma below), Welsh, Ukrainian, Portuguese,
        // Spanish: Liberation Sans has them all.
        let latin = face(FontId::new(Family::Liberation, false));
        for c in "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ ăâîșț ȘȚ ŵŷ ŴŶ їєґі ЇЄҐІ ãõç ñ¿¡".chars()
        {
            assert!(c == ' ' || latin.has(c), "{c}");
        }
        // Urdu, Arabic, Persian, Pashto, Bengali.
        assert!(
            missing_characters("ہم سب مہربان ہیں۔ نحن لطفاء. ما مهربانیم. ښه ږ ځ আমরা সদয়।")
                .is_empty()
        );
        assert_eq!(missing_characters("ہم 🙂"), ['🙂']);
    }
}
