//! `[[languages]]`: the languages a site's pages are translated into, each
//! with the name it gives itself ("Polski", "اردو"). The site's main
//! language stays `language`; which way each language is written comes
//! from CLDR (`crate::languages::direction`), never from this file.

use serde::Deserialize;

use super::spans::Spans;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::languages::canonical;

/// One `[[languages]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Language {
    /// The language's code, as translation files are named
    /// (`screen-time.pl.md`) and their pages published (`/pl/…`).
    pub code: String,
    /// The name the language gives itself, shown in the language switcher.
    pub name: String,
}

impl super::Config {
    /// The listed language with this code.
    pub(crate) fn translation_language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// `[[languages]]` codes are language tags, written as Charter writes
    /// them in addresses, each once, none the site's main language.
    pub(super) fn validate_languages(&self, source: &SourceFile, spans: &Spans) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let main = self.language.to_lowercase();
        let main_language = main.split('-').next().unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        for (i, lang) in self.languages.iter().enumerate() {
            let index = i.to_string();
            let at = |key: &str| {
                spans
                    .value(&["languages", &index, key])
                    .or_else(|| spans.value(&["languages", &index]))
                    .unwrap_or(0..0)
            };
            let problem = |key: &str, message: String, hint: String| {
                Diagnostic::at(Code::ConfigInvalid, source, at(key), message, hint)
            };
            match canonical(&lang.code) {
                None => out.push(problem(
                    "code",
                    format!("`{}` is not a language code", lang.code),
                    "write the language's code, e.g. code = \"pl\" for Polish or code = \"ur\" for Urdu".into(),
                )),
                Some(written) if written != lang.code => out.push(problem(
                    "code",
                    format!("the language code `{}` is written `{written}`", lang.code),
                    format!("write code = \"{written}\" (file names and addresses use this form)"),
                )),
                Some(_) if lang.code.to_lowercase() == main || lang.code == main_language => {
                    out.push(problem(
                        "code",
                        format!("`{}` is the site's main language (`language` = \"{}\")", lang.code, self.language),
                        "list only the languages pages are translated into".into(),
                    ));
                }
                Some(_) if !seen.insert(lang.code.clone()) => out.push(problem(
                    "code",
                    format!("the language `{}` is listed twice", lang.code),
                    "remove one of the two [[languages]] tables".into(),
                )),
                Some(_) => {}
            }
            if lang.name.trim().is_empty() {
                out.push(problem(
                    "name",
                    format!("the language `{}` has no name", lang.code),
                    "give the name the language calls itself, e.g. name = \"Polski\"".into(),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::base::source::SourceFile;
    use crate::config::Config;

    fn parse(extra: &str) -> Result<Config, Vec<String>> {
        let text = format!("title = \"A School\"\n{extra}");
        Config::parse(&SourceFile::new("charter.toml", "/x", &text)).map_err(|ds| {
            ds.into_iter()
                .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
                .collect()
        })
    }

    #[test]
    fn languages_are_read_with_their_direction() {
        let config = parse(
            "[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n\n[[languages]]\ncode = \"ur\"\nname = \"اردو\"\n",
        )
        .expect("valid");
        let dirs: Vec<_> = config
            .languages
            .iter()
            .map(|l| crate::languages::direction(&l.code).as_str())
            .collect();
        assert_eq!(dirs, ["ltr", "rtl"]);
        assert!(config.translation_language("ur").is_some());
        assert!(config.translation_language("ar").is_none());
    }

    #[test]
    fn bad_language_tables_are_reported_where_they_are_written() {
        let errors = parse(
            "[[languages]]\ncode = \"PL\"\nname = \"Polski\"\n\n[[languages]]\ncode = \"en\"\nname = \"English\"\n\n[[languages]]\ncode = \"not a code\"\nname = \"\"\n",
        )
        .expect_err("invalid");
        assert_eq!(
            errors,
            [
                "3:8 the language code `PL` is written `pl`",
                "7:8 `en` is the site's main language (`language` = \"en-GB\")",
                "11:8 `not a code` is not a language code",
                "12:8 the language `not a code` has no name",
            ]
        );
    }
}
