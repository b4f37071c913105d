//! The Word reader on documents written by other programs (pandoc and
//! LibreOffice, from the sources in tests/fixtures/import-docx/), and on
//! small packages made here for what those programs never write.

use super::read;
use crate::import::document::Block;
use crate::import::testing::{fixtures, render, to_docx};
use crate::import::{Format, read_document};

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

#[test]
fn libreoffice_document_of_a_plain_text_file_is_read_as_text() {
    let bytes = to_docx("plain-text.txt", &[]);
    // What the Word reader finds: every line a paragraph of "Preformatted
    // Text", one block of code, its blank lines kept.
    let doc = read(&bytes).expect("a Word document");
    assert!(
        matches!(doc.blocks.as_slice(), [Block::Code(text)]
            if text.contains("Valley\nSchool may") && text.contains("trips.\n\n2. Pupils")),
        "{doc:?}"
    );
    // What `charter import` makes of it: text, with headings and lists.
    let doc = read_document(Format::Word, &bytes).expect("a Word document");
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn libreoffice_document_of_a_program_stays_code_with_its_indentation() {
    let bytes = to_docx("code-listing.txt", &[]);
    let doc = read_document(Format::Word, &bytes).expect("a Word document");
    let [Block::Code(code)] = doc.blocks.as_slice() else {
        panic!("one block of code: {doc:?}");
    };
    assert!(
        code.contains("range(4):\n    pen.forward(100)\n    pen.left(90)\n\ndef square"),
        "{code}"
    );
    assert!(code.ends_with("pen.position()))"), "{code:?}");
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

/// The reader's speed on a long document (the fixture's body 400 times:
/// 400 tables, page breaks and footnotes, 800 images, a 3 MB
/// document.xml). A measurement, run by hand in release mode:
/// `cargo test --release --lib reading_time -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, for release mode"]
fn reading_time() {
    let source = std::fs::read_to_string(fixtures("import-docx").join("everything.md"))
        .expect("the fixture");
    let (front, body) = source.split_once("---\n\n").expect("front matter");
    let mut long = format!("{front}---\n\n");
    for i in 1..=400 {
        long.push_str(&body.replace("[^1]", &format!("[^{i}]")));
        long.push('\n');
    }
    let name = format!("long-{}.md", std::process::id());
    let path = fixtures("import-docx").join(&name);
    std::fs::write(&path, long).expect("written");
    let bytes = to_docx(&name, &[]);
    let _ = std::fs::remove_file(&path);
    let runs = 5;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let doc = read(&bytes).expect("a Word document");
        assert_eq!(doc.footnotes.len(), 400);
    }
    println!(
        "read a {} KB .docx in {:.1} ms",
        bytes.len() / 1024,
        start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
    );
}
