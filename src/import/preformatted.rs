//! A Word document or web page that is nothing but one block of
//! preformatted prose is text, not code. LibreOffice opens a plain-text
//! file that way (every line a paragraph in "Preformatted Text"), and text
//! pasted from a PDF lands in such a style, or in a web page's `<pre>`.
//! Published as code, a parent would get the whole policy in one box of
//! fixed-width lines; it is read as a text file is instead, its headings
//! and lists found from its lines, with a note saying so.

use super::Format;
use super::document::{Block, Document, Inline, Note, NoteKind};
use super::text;

/// `doc`, read again as text when all it holds is preformatted prose.
pub(super) fn as_text(doc: Document, format: Format) -> Document {
    let [Block::Code(code)] = doc.blocks.as_slice() else {
        return doc;
    };
    if !reads_as_prose(code) {
        return doc;
    }
    let mut read = text::read(code);
    // The text's first line, taken as its title, is the document's own
    // title written again, or else a line of the text to keep.
    match (doc.title, read.title.take()) {
        (Some(title), Some(first)) => {
            if !same_words(&title, &first) {
                read.blocks
                    .insert(0, Block::Paragraph(vec![Inline::Text(first)]));
            }
            read.title = Some(title);
        }
        (title, first) => read.title = title.or(first),
    }
    read.notes.splice(0..0, doc.notes);
    read.notes.push(Note {
        kind: NoteKind::Check,
        message: format!(
            "{}: it was read as plain text, with its headings and lists found from its lines",
            match format {
                Format::Web => "the page's whole content was preformatted text (`<pre>`), as when a document's text is pasted into a web page",
                _ => "the whole document was in a style for program code (“Preformatted Text”), as when LibreOffice opens a plain-text file",
            }
        ),
    });
    read
}

/// Whether preformatted text is prose: some sentences' worth of words,
/// and few of the marks that fill program code.
fn reads_as_prose(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let marks = text
        .chars()
        .filter(|c| matches!(c, '{' | '}' | ';' | '=' | '<' | '>' | '$'))
        .count();
    words >= 40 && marks * 200 <= text.chars().count()
}

/// Whether two titles are the same words, whatever their case and spaces.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "Mobile Phones Policy\n\n1. Purpose\n\nThis policy says how pupils and staff may use phones and smart watches at school and on trips, and what happens when a phone is used in a lesson without permission.\n\n2. Staff\n\nStaff keep their own phones out of sight in classrooms and never use them to take photographs of pupils.\n";

    fn doc(title: Option<&str>, blocks: Vec<Block>) -> Document {
        Document {
            title: title.map(str::to_string),
            blocks,
            ..Document::default()
        }
    }

    fn first_text(doc: &Document) -> String {
        match doc.blocks.first() {
            Some(Block::Paragraph(inlines)) => Inline::plain_text(inlines),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn preformatted_prose_is_read_as_text() {
        let read = as_text(doc(None, vec![Block::Code(PROSE.into())]), Format::Word);
        assert_eq!(read.title.as_deref(), Some("Mobile Phones Policy"));
        assert!(
            matches!(read.blocks.first(), Some(Block::Heading { .. })),
            "{read:?}"
        );
        assert!(read.notes[0].message.contains("Preformatted Text"));
    }

    #[test]
    fn a_title_of_its_own_is_kept_and_a_different_first_line_too() {
        let read = as_text(
            doc(
                Some("mobile phones  POLICY"),
                vec![Block::Code(PROSE.into())],
            ),
            Format::Web,
        );
        assert_eq!(read.title.as_deref(), Some("mobile phones  POLICY"));
        assert!(
            matches!(read.blocks.first(), Some(Block::Heading { .. })),
            "{read:?}"
        );
        assert!(read.notes[0].message.contains("<pre>"));
        let read = as_text(
            doc(Some("Phones"), vec![Block::Code(PROSE.into())]),
            Format::Web,
        );
        assert_eq!(read.title.as_deref(), Some("Phones"));
        assert_eq!(first_text(&read), "Mobile Phones Policy");
    }

    #[test]
    fn code_and_documents_with_more_than_code_are_left_alone() {
        let code = "fn main() {\n    let x = 1;\n    println!(\"{x}\");\n}\n".repeat(8);
        for kept in [
            doc(None, vec![Block::Code(code)]),
            doc(
                None,
                vec![Block::Code("A short note in code style.".into())],
            ),
            doc(None, vec![Block::Rule, Block::Code(PROSE.into())]),
        ] {
            assert_eq!(as_text(kept.clone(), Format::Word), kept);
        }
    }
}
