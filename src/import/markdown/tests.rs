use super::*;
use crate::import::document::{Footnote, Image, ListItem};

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn para(s: &str) -> Block {
    Block::Paragraph(vec![text(s)])
}

fn body(blocks: Vec<Block>) -> String {
    let doc = Document {
        blocks,
        ..Document::default()
    };
    write(&doc, "doc").body
}

#[test]
fn headings_start_at_two_and_skip_no_level() {
    let h = |level, s: &str| Block::Heading {
        level,
        content: vec![text(s)],
    };
    let out = body(vec![
        h(1, "Scope"),
        h(3, "Staff"),
        h(5, "Deep"),
        h(1, "Roles"),
    ]);
    assert_eq!(out, "## Scope\n\n### Staff\n\n#### Deep\n\n## Roles\n");
    // A first heading deeper than the others still comes out as `##`.
    let out = body(vec![h(4, "Intro"), h(2, "One"), h(3, "One point one")]);
    assert_eq!(out, "## Intro\n\n## One\n\n### One point one\n");
}

#[test]
fn text_stays_text_but_slots_stay_slots() {
    let out = body(vec![para(
        "Use *care* with [links] and 2 < 3; ask <insert name> or [insert date]; see www.example.org/a_b_c and snake_case",
    )]);
    assert_eq!(
        out,
        "Use \\*care\\* with \\[links\\] and 2 \\< 3; ask <insert name> or \\[insert date\\]; see www.example.org/a_b_c and snake_case\n"
    );
    // A real HTML element in text is text.
    assert_eq!(
        body(vec![para("Type <b> for bold")]),
        "Type \\<b\\> for bold\n"
    );
}

#[test]
fn line_starts_that_look_like_markup_are_escaped() {
    assert_eq!(body(vec![para("1. Not a list")]), "1\\. Not a list\n");
    assert_eq!(body(vec![para("# Not a heading")]), "\\# Not a heading\n");
    assert_eq!(body(vec![para("- not an item")]), "\\- not an item\n");
    assert_eq!(
        body(vec![Block::Paragraph(vec![
            text("Line one"),
            Inline::LineBreak,
            text("+ two")
        ])]),
        "Line one\\\n\\+ two\n"
    );
}

#[test]
fn lists_nest_and_keep_their_start() {
    let item = |s: &str, nested: Option<List>| ListItem {
        blocks: std::iter::once(para(s))
            .chain(nested.map(Block::List))
            .collect(),
    };
    let inner = List {
        ordered: false,
        start: 1,
        items: vec![item("inner", None)],
    };
    let outer = List {
        ordered: true,
        start: 4,
        items: vec![item("four", Some(inner)), item("five", None)],
    };
    assert_eq!(
        body(vec![Block::List(outer)]),
        "4. four\n   * inner\n5. five\n"
    );
}

#[test]
fn tables_without_a_header_get_their_first_row_and_a_note() {
    let cell = |s: &str| Cell {
        paragraphs: vec![vec![text(s)]],
    };
    let doc = Document {
        blocks: vec![Block::Table(Table {
            header: None,
            rows: vec![
                vec![cell("Role"), cell("Name")],
                vec![cell("DSL"), cell("A | B")],
            ],
        })],
        ..Document::default()
    };
    let w = write(&doc, "doc");
    assert_eq!(
        w.body,
        "| Role | Name |\n| --- | --- |\n| DSL | A \\| B |\n"
    );
    assert_eq!(w.notes.len(), 1);
}

#[test]
fn footnotes_and_images() {
    let doc = Document {
        blocks: vec![Block::Paragraph(vec![
            text("See"),
            Inline::FootnoteRef("1".into()),
            Inline::Image(0),
            Inline::Image(1),
        ])],
        footnotes: vec![Footnote {
            label: "1".into(),
            blocks: vec![para("The note.")],
        }],
        images: vec![
            Image {
                file_name: "../../evil.png".into(),
                bytes: Some(vec![1, 2]),
                source: "word/media/image1.png".into(),
                alt: Some("The school logo".into()),
            },
            Image {
                file_name: "chart.png".into(),
                bytes: Some(vec![3]),
                source: "word/media/image2.png".into(),
                alt: None,
            },
        ],
        ..Document::default()
    };
    let w = write(&doc, "behaviour");
    assert_eq!(
        w.body,
        "See[^1]![The school logo](/images/imported/behaviour/evil.png)![](/images/imported/behaviour/chart.png)\n\n[^1]: The note.\n"
    );
    assert_eq!(w.images[0].0, "static/images/imported/behaviour/evil.png");
    assert_eq!(w.notes.len(), 1, "the image without alt text is reported");
}

#[test]
fn an_image_shown_twice_is_saved_once() {
    let doc = Document {
        blocks: vec![
            Block::Paragraph(vec![Inline::Image(0)]),
            Block::Paragraph(vec![Inline::Image(0)]),
        ],
        images: vec![Image {
            file_name: "crest.png".into(),
            bytes: Some(vec![1]),
            source: "word/media/image1.png".into(),
            alt: Some("The school crest".into()),
        }],
        ..Document::default()
    };
    let w = write(&doc, "policy");
    assert_eq!(w.body.matches("crest.png").count(), 2);
    assert_eq!(w.images.len(), 1);
}
