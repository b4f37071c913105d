//! The `placeholder` check: unfilled template text found while outlining
//! each page (see `resolve::markdown::placeholders`), and in titles and
//! summaries.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::Site;
use crate::resolve::links::Links;
use crate::resolve::markdown::ProseScanner;
use crate::resolve::markdown::placeholders::Placeholders;

pub(super) fn report(site: &Site, links: &Links, diags: &mut Diagnostics) {
    let scanner = Placeholders::new(&site.config);
    for (page, outline) in site.pages.iter().zip(&links.outlines) {
        for p in &outline.placeholders {
            let span = p.span.start + page.body_offset..p.span.end + page.body_offset;
            // A value is in the text with Markdown escapes: say it as set.
            let text = if page.source.has_replacement(&span) {
                unescape(&p.text)
            } else {
                p.text.clone()
            };
            diags.push(Diagnostic::at(
                Code::Placeholder,
                &page.source,
                span,
                format!("unfilled template text: {}", text.trim()),
                "replace it with the real text before publishing (or, if it is meant, reword it or add the code to [checks] ignore)",
            ));
        }
        for (label, text) in [("title", &page.title), ("summary", &page.summary)] {
            if let Some(m) = scanner.scan(text).first() {
                // A title with a value in it is not in the file as it is
                // read: the value's slot is where the author wrote it.
                let with_values = page.front_texts.iter().find(|t| t.key == label);
                let at = match with_values {
                    Some(t) => {
                        let (s, e) = (t.to_written(m.start), t.to_written(m.end));
                        page.front_offset + s..page.front_offset + e.max(s + 1)
                    }
                    None => page.source.text[page.front_offset..page.body_offset]
                        .find(text.as_str())
                        .map_or(0..3, |i| {
                            let s = page.front_offset + i + m.start;
                            s..s + m.len()
                        }),
                };
                diags.push(Diagnostic::at(
                    Code::Placeholder,
                    &page.source,
                    at,
                    format!("unfilled template text in `{label}`: {}", &text[m.clone()]),
                    "replace it with the real text before publishing",
                ));
            }
        }
    }
}

/// Markdown text without its backslash escapes (`\[` is `[`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped = c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation);
        // The escaped character itself, once.
        out.extend(if escaped { chars.next() } else { Some(c) });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn unescape_drops_markdown_escapes_once() {
        assert_eq!(
            super::unescape(r"\[Name of DSL\] a\\b \x"),
            r"[Name of DSL] a\b \x"
        );
    }
}
