//! The document every reader (Word, web page, text) produces and the
//! Markdown writer consumes: a reader only has to say what a document *is*
//! (headings, paragraphs, lists, tables…), never how Charter writes it.

/// One imported document, before it becomes a Markdown file.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    /// The title, when the document marks one (Word's Title style, `<h1>`,
    /// the first line of a text file). Metadata extraction may also find it.
    pub title: Option<String>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Footnotes referenced by [`Inline::FootnoteRef`], by their label.
    pub footnotes: Vec<Footnote>,
    /// Images met in the document, referenced by [`Inline::Image`].
    pub images: Vec<Image>,
    /// What the reader dropped or could not convert, for the report.
    pub notes: Vec<Note>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A heading; `level` 1 is the highest level the document uses (the
    /// writer shifts levels so that the page title is the only h1 and no
    /// level is skipped).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    List(List),
    Table(Table),
    /// A quotation or indented note.
    Quote(Vec<Block>),
    /// Preformatted text, kept as it is.
    Code(String),
    /// A horizontal rule the author put in on purpose.
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct List {
    pub ordered: bool,
    /// The first number of an ordered list (Word's `start`, `<ol start>`).
    pub start: u32,
    pub items: Vec<ListItem>,
}

/// One item: its own blocks (usually one paragraph), then any nested lists.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListItem {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// The header row, when the document has one (Word's repeated header
    /// row, `<th>`/`<thead>`, or a first row all in bold).
    pub header: Option<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: Markdown tables hold one line per cell, so paragraphs in a
/// cell are joined by the writer with `<br>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Cell {
    pub paragraphs: Vec<Vec<Inline>>,
}

/// Text and its marks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Text(String),
    Bold(Vec<Inline>),
    Italic(Vec<Inline>),
    /// Inline code (a monospace run).
    Code(String),
    /// A hyperlink with an absolute or document-relative target.
    Link {
        href: String,
        content: Vec<Inline>,
    },
    /// A forced line break inside a paragraph.
    LineBreak,
    /// A reference to [`Document::footnotes`] by label.
    FootnoteRef(String),
    /// An index into [`Document::images`].
    Image(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Footnote {
    pub label: String,
    pub blocks: Vec<Block>,
}

/// An image carried inside the document (a Word media part) or referenced by
/// it (a web page's `<img src>`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Image {
    /// A file name to save it under, e.g. `image1.png`.
    pub file_name: String,
    /// The bytes, when the document carries them; `None` for a web page's
    /// image, which is linked by `source` instead.
    pub bytes: Option<Vec<u8>>,
    /// Where it came from (a part name, or an absolute URL).
    pub source: String,
    /// The description (alt text); `None` when the document has none, which
    /// the report lists.
    pub alt: Option<String>,
}

/// Something the reader left out or could not convert, said to the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    pub kind: NoteKind,
    /// What it was, in the author's terms ("a table of contents", "3 tracked
    /// insertions kept, 1 deletion dropped").
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteKind {
    /// Dropped on purpose because a web page does not need it (page breaks,
    /// tables of contents, headers and footers, fields, tracked changes).
    Dropped,
    /// Kept, but the author should look at it (a table kept as text, an
    /// image without a description, a guessed heading).
    Check,
    /// Could not be converted at all.
    Unsupported,
}

impl Inline {
    /// The plain text of a run of inlines (for titles, metadata and
    /// heading-likeness tests).
    pub(crate) fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Bold(c) | Inline::Italic(c) | Inline::Link { content: c, .. } => {
                    out.push_str(&Inline::plain_text(c));
                }
                Inline::LineBreak => out.push(' '),
                Inline::FootnoteRef(_) | Inline::Image(_) => {}
            }
        }
        out
    }
}
