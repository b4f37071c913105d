//! Reading PDFs in tests with poppler's `pdfinfo` and `pdftotext`
//! (Debian's poppler-utils, installed by scripts/setup-browser.sh), and what
//! a printed agreement form must say, read from its HTML form page.
//! A missing tool fails the test: it never skips.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{name}` ({e}): install poppler-utils, e.g. with scripts/setup-browser.sh"
            )
        });
    assert!(
        out.status.success(),
        "{name} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 from poppler")
}

/// The number of pages of a PDF, and the size of its first page in points.
pub(crate) fn pages(pdf: &Path) -> (usize, String) {
    let info = tool("pdfinfo", &[], pdf);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("pdfinfo gave no {name} for {}:\n{info}", pdf.display()))
    };
    (
        field("Pages:").parse().expect("a page count"),
        field("Page size:"),
    )
}

/// The words of a PDF's text, in order.
pub(crate) fn pdf_words(pdf: &Path) -> Vec<String> {
    words(&tool("pdftotext", &["-enc", "UTF-8"], pdf))
}

/// Lower-case runs of letters and digits: what "every word is there" compares.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the words of `needle` appear in `hay` one after the other. Words
/// are compared run together, because `pdftotext` joins a word broken at a
/// hyphen at the end of a line (`elmbrook-` / `valley` gives `elmbrookvalley`).
pub(crate) fn contains_run(hay: &[String], needle: &[String]) -> bool {
    hay.concat().contains(&needle.concat())
}

/// What a form must show on paper, read from the HTML form: each statement
/// (headings, paragraphs and list items), each consent, each signatory,
/// and the return instructions.
pub(crate) fn form_texts(form_html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(form_html);
    let sel = scraper::Selector::parse(
        ".form__statements li, .form__statements p, .form__statements h2, .form__statements h3, .consent__label, .form__child .sig-line__label, .signature h3, .form__return, .form h1",
    )
    .unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Texts of `expected` whose words are not found, in order, in the PDF.
pub(crate) fn missing_from(pdf: &Path, expected: &[String]) -> Vec<String> {
    let have = pdf_words(pdf);
    expected
        .iter()
        .filter(|t| !contains_run(&have, &words(t)))
        .cloned()
        .collect()
}

/// Whether `pdfinfo` says the PDF is tagged.
pub(crate) fn tagged(pdf: &Path) -> bool {
    tool("pdfinfo", &[], pdf)
        .lines()
        .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"))
}

/// The PDF's structure tree as a screen reader walks it, from `pdfinfo
/// -struct-text`: one `(element, text)` per piece of text, in reading
/// order, where `element` is the innermost element holding it (`H1`, `P`,
/// `LBody`…) and `text` its words.
pub(crate) fn structure(pdf: &Path) -> Vec<(String, String)> {
    let tree = tool("pdfinfo", &["-struct-text"], pdf);
    let mut out = Vec::new();
    let mut element = String::new();
    for line in tree.lines() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            out.push((element.clone(), text.to_string()));
        } else if let Some(name) = line.split_whitespace().next() {
            element = name.to_string();
        }
    }
    out
}

/// The text of page `n` (from 1) of a PDF.
pub(crate) fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    tool("pdftotext", &["-enc", "UTF-8", "-f", &n, "-l", &n], pdf)
}

/// What a form's pages are checked against, read from its HTML form.
pub(crate) struct FormOnPaper {
    /// School, title, "Reference …", "Version: approved …": in this order
    /// they also begin every page after the first.
    pub names: Vec<String>,
    /// Headings where a page may begin: the statements' and "Consent".
    pub sections: Vec<String>,
    /// Each statement (with its sub-items) and each consent's label.
    pub pieces: Vec<String>,
    /// The last two statements, paragraphs or consents before the
    /// signatures.
    pub signed_for: Vec<String>,
    /// Who signs.
    pub signatories: Vec<String>,
    /// The lines naming the child (a parents' form), on the signatures'
    /// page.
    pub child_lines: Vec<String>,
    pub return_instructions: String,
}

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

impl FormOnPaper {
    pub(crate) fn read(form_html: &str) -> FormOnPaper {
        let doc = scraper::Html::parse_document(form_html);
        let meta = texts(&doc, ".form__meta > span");
        let reference = meta.iter().find(|m| m.starts_with("Reference")).unwrap();
        let version = meta.iter().find(|m| m.starts_with("Version")).unwrap();
        let school = texts(&doc, ".form__school")[0].clone();
        let title = texts(&doc, ".form h1")[0].clone();
        let consents = texts(&doc, ".consent__label");
        let last = if consents.is_empty() {
            texts(
                &doc,
                ".form__statements > ul > li, .form__statements > ol > li, .form__statements > p",
            )
        } else {
            consents.clone()
        };
        let mut sections = texts(&doc, ".form__statements h2, .form__statements h3");
        sections.extend(texts(&doc, ".form__consents h2"));
        let mut pieces = texts(
            &doc,
            ".form__statements > ul > li, .form__statements > ol > li",
        );
        pieces.extend(consents);
        FormOnPaper {
            names: vec![school, title, reference.clone(), version.clone()],
            sections,
            pieces,
            signed_for: last[last.len().saturating_sub(2)..].to_vec(),
            signatories: texts(&doc, ".signature h3"),
            child_lines: texts(&doc, ".form__child .sig-line__label"),
            return_instructions: texts(&doc, ".form__return")[0].clone(),
        }
    }

    /// What is wrong with the printed form's pages: a page without the
    /// form's names or its "Page n of m"; a statement or consent split
    /// across pages; the signatures away from the last two things they
    /// sign for or from the return instructions; a page after the first
    /// that does not begin with a section (when `section_breaks`).
    pub(crate) fn findings(&self, pdf: &Path, section_breaks: bool) -> Vec<String> {
        let (count, _) = pages(pdf);
        let pages: Vec<Vec<String>> = (1..=count).map(|n| words(&page_text(pdf, n))).collect();
        let on = |page: &[String], text: &str| contains_run(page, &words(text));
        let mut out = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            let number = format!("Page {} of {count}", n + 1);
            for name in self.names.iter().chain([&number]) {
                if !on(page, name) {
                    out.push(format!("page {}: no {name:?}", n + 1));
                }
            }
            if n > 0 && section_breaks {
                let running: Vec<String> = self.names.iter().flat_map(|t| words(t)).collect();
                let rest = page.strip_prefix(running.as_slice()).unwrap_or(page);
                if !self.sections.iter().any(|s| rest.starts_with(&words(s))) {
                    out.push(format!(
                        "page {} does not begin with a section: {:?}",
                        n + 1,
                        &rest[..rest.len().min(8)]
                    ));
                }
            }
        }
        for piece in &self.pieces {
            if !pages.iter().any(|p| on(p, piece)) {
                out.push(format!("split across pages, or missing: {piece:?}"));
            }
        }
        if self.signatories.is_empty() {
            return out;
        }
        let signatures: Vec<usize> = (0..count)
            .filter(|&n| {
                self.signatories.iter().all(|s| on(&pages[n], s)) && on(&pages[n], "Signatures")
            })
            .collect();
        let Some(&at) = signatures.last() else {
            out.push(format!(
                "no page has the signatures of {:?}",
                self.signatories
            ));
            return out;
        };
        let with_signatures = self.signed_for.iter().chain(&self.child_lines);
        for text in with_signatures.chain([&self.return_instructions]) {
            if !on(&pages[at], text) {
                out.push(format!(
                    "the signatures are on page {} but {text:?} is not",
                    at + 1
                ));
            }
        }
        out
    }
}
