//! The Word reader on documents written by other programs (pandoc and
//! LibreOffice, from the sources in tests/fixtures/import-docx/), and on
//! small packages made here for what those programs never write.

use super::read;
use crate::import::testing::{render, to_docx};

#[test]
fn pandoc_document_with_every_construct() {
    let doc = read(&to_docx("everything.md", &["--toc"])).expect("a Word document");
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn libreoffice_document_with_a_cover_table() {
    let doc = read(&to_docx("cover-table.fodt", &[])).expect("a Word document");
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn libreoffice_document_of_bold_line_headings() {
    let doc = read(&to_docx("bold-headings.html", &[])).expect("a Word document");
    insta::assert_snapshot!(render(&doc));
}
