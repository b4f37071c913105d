//! Everything the theme writes in a language: its words ([`Strings`]) and
//! its dates ([`DateWriter`]), made once per build for each language of
//! the site's pages.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::dates::DateWriter;
use super::strings::Strings;

/// The theme's words and dates in one language.
pub(crate) struct Words {
    pub strings: Strings,
    /// The language's code, for dates: ICU4X's formatter cannot be shared
    /// between the threads that render pages, so one is made per date.
    code: String,
}

impl Words {
    pub(crate) fn new(code: &str, strings: Strings) -> Words {
        Words {
            strings,
            code: code.to_string(),
        }
    }

    /// A date in words: "17 September 2026", "17 września 2026".
    pub(crate) fn date(&self, d: Date) -> String {
        DateWriter::new(&self.code).write(d)
    }

    /// The words of `key` (see [`Strings::get`]).
    pub(crate) fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key)
    }

    /// The words of `key` with its placeholders filled.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.strings.fill(key, values)
    }
}

/// The words of every language of a site's pages, by code.
pub(crate) struct Languages {
    by_code: BTreeMap<String, Words>,
    /// For a code the site does not use: English.
    english: Words,
}

impl Languages {
    /// From the words each language of the site resolved to when the site
    /// was read (`Site::strings`).
    pub(crate) fn new(strings: &BTreeMap<String, Strings>) -> Languages {
        Languages {
            by_code: strings
                .iter()
                .map(|(code, s)| (code.clone(), Words::new(code, s.clone())))
                .collect(),
            english: Words::new("en", Strings::english()),
        }
    }

    /// The words of the language `code`.
    pub(crate) fn get(&self, code: &str) -> &Words {
        self.by_code.get(code).unwrap_or(&self.english)
    }
}
