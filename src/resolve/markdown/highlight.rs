//! Syntax highlighting of fenced code blocks with syntect, emitting CSS
//! classes (`hl-…`) so the theme's stylesheet decides the colours.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loaded once, on first use: most pages have no code at all.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

pub(crate) const CLASS_PREFIX: &str = "hl-";

/// The highlighted inner HTML of a code block, or `None` when the language
/// is not known (the caller then shows the code plainly).
pub(crate) fn highlight(code: &str, language: &str) -> Option<String> {
    let language = language.trim();
    if language.is_empty() || matches!(language, "text" | "plain" | "txt") {
        return None;
    }
    let syntax = SYNTAXES
        .find_syntax_by_token(language)
        .or_else(|| SYNTAXES.find_syntax_by_extension(language))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        &SYNTAXES,
        ClassStyle::SpacedPrefixed {
            prefix: CLASS_PREFIX,
        },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = highlight("print(\"hi\")\n", "python").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("hi"));
    }

    #[test]
    fn unknown_languages_are_left_plain() {
        assert!(highlight("x", "no-such-language").is_none());
        assert!(highlight("x", "text").is_none());
    }
}
