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
        ".form__statements li, .form__statements p, .form__statements h2, .form__statements h3, .consent__label, .signature h3, .form__return, .form h1",
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
