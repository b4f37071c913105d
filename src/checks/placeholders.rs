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
            diags.push(Diagnostic::at(
                Code::Placeholder,
                &page.source,
                span,
                format!("unfilled template text: {}", p.text.trim()),
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
