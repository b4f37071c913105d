//! Languages: what Charter knows about a language from its code (which way
//! it is written, whether it is a language at all), from the CLDR data
//! that ICU4X compiles in, and dates written in a language.
//!
//! A site's main language is `language` in `charter.toml`; the languages
//! its pages are translated into are its `[[languages]]`
//! (`config::languages`). Translations themselves are content
//! (`content::translations`).

use icu_locale::{LocaleDirectionality, LocaleExpander, TransformResult};

/// Which way a language's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The direction of a language tag by CLDR (Arabic, Urdu, Persian, Pashto
/// and Hebrew run right to left, and so on). A tag CLDR does not know runs
/// left to right.
pub(crate) fn direction(code: &str) -> Direction {
    let Ok(locale) = code.parse::<icu_locale::Locale>() else {
        return Direction::Ltr;
    };
    if LocaleDirectionality::new_extended().is_right_to_left(&locale.id) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Whether `code` is plainly meant as a language: a well-formed tag whose
/// language has a two-letter code CLDR knows (`pl`, `ur`, `pt-BR`), as
/// opposed to a word that merely looks like one (`old`, `v2`, `final`,
/// which are pages' names). A three-letter language (`prs`) counts only
/// when the site lists it.
pub(crate) fn is_known_language(code: &str) -> bool {
    let Ok(mut locale) = code.parse::<icu_locale::Locale>() else {
        return false;
    };
    if locale.id.language.is_unknown() || locale.id.language.as_str().len() != 2 {
        return false;
    }
    // CLDR's likely subtags name a script and region for every language it
    // has data for; a language it has none for is left unmodified.
    locale.id.script = None;
    locale.id.region = None;
    locale.id.variants.clear();
    !matches!(
        LocaleExpander::new_extended().maximize(&mut locale.id),
        TransformResult::Unmodified
    )
}

/// A language code as Charter writes it in addresses and attributes:
/// lower-case language, title-case script, upper-case region (`pt-BR`).
pub(crate) fn canonical(code: &str) -> Option<String> {
    code.parse::<icu_locale::Locale>()
        .ok()
        .map(|l| l.to_string())
}

pub(crate) mod dates;
pub(crate) mod strings;
pub(crate) mod words;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_comes_from_cldr() {
        for rtl in ["ar", "ur", "fa", "ps", "he", "ur-PK", "ckb", "yi"] {
            assert_eq!(direction(rtl), Direction::Rtl, "{rtl}");
        }
        for ltr in [
            "en", "en-GB", "pl", "ro", "bn", "pt", "es", "uk", "cy", "so", "tr",
        ] {
            assert_eq!(direction(ltr), Direction::Ltr, "{ltr}");
        }
    }

    #[test]
    fn known_languages_are_told_from_words_that_look_like_codes() {
        for code in [
            "pl", "ur", "ar", "bn", "pt", "pt-BR", "cy", "uk", "so", "ti", "fa-AF", "pt-BR",
        ] {
            assert!(is_known_language(code), "{code}");
        }
        for word in [
            "old", "v2", "draft", "final", "bak", "copy", "x", "zz", "2026",
        ] {
            assert!(!is_known_language(word), "{word}");
        }
    }
}
