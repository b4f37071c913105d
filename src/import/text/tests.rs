use super::*;
use crate::import::document::{Block, Inline};

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(c) => Inline::plain_text(c),
            Block::Heading { level, content } => {
                format!("h{level} {}", Inline::plain_text(content))
            }
            Block::List(l) => format!(
                "list({}) {}",
                l.items.len(),
                l.items
                    .iter()
                    .map(|i| match i.blocks.first() {
                        Some(Block::Paragraph(c)) => Inline::plain_text(c),
                        _ => String::new(),
                    })
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn wrapped_lines_join_and_blank_lines_end_paragraphs() {
    let text = "Behaviour Policy\n\n1. Introduction\n\nPupils at Hollins Green learn best when the classroom is calm and every adult expects the\nsame things of them.\n\nThe school is small.\n";
    let doc = read(text);
    assert_eq!(doc.title.as_deref(), Some("Behaviour Policy"));
    assert_eq!(
        paragraphs(&doc),
        [
            "h4 1. Introduction",
            "Pupils at Hollins Green learn best when the classroom is calm and every adult expects the same things of them.",
            "The school is small.",
        ]
    );
}

#[test]
fn double_spaced_wraps_join_across_blank_lines() {
    let long = "Every member of staff at the school reads this policy when they join and again each September when the";
    let text = format!("Title\n\n{long}\n\nnew year starts.\n\nA new paragraph.\n");
    let doc = read(&text);
    assert_eq!(
        paragraphs(&doc),
        [
            format!("{long} new year starts."),
            "A new paragraph.".to_string()
        ]
    );
}

#[test]
fn bullets_nest_by_glyph_and_indent() {
    let text =
        "Title\n\nStaff will:\n• listen\n  o and write it down\n• report it\n- the same day\n";
    let doc = read(text);
    let Some(Block::List(list)) = doc.blocks.get(1) else {
        panic!("{:?}", doc.blocks);
    };
    assert_eq!(list.items.len(), 3);
    assert!(matches!(list.items[0].blocks.get(1), Some(Block::List(l)) if l.items.len() == 1));
}

#[test]
fn page_furniture_goes() {
    let words = ["Pupils", "Staff", "Parents", "Governors"];
    let page = |n: usize| {
        let who = words[n - 1];
        format!("Hollins Green School – Behaviour Policy\n{who} read this page.\n\nPage {n} of 4\n")
    };
    let text = format!(
        "Title\n{}",
        (1..=4).map(page).collect::<Vec<_>>().join("\u{c}")
    );
    let doc = read(&text);
    let all = paragraphs(&doc).join("\n");
    assert!(!all.contains("Page 1 of 4"), "{all}");
    assert!(!all.contains("Hollins Green School –"), "{all}");
    assert_eq!(doc.notes.len(), 2, "{:?}", doc.notes);
}

#[test]
fn numbered_and_capitals_headings_rank() {
    let text = "Title\n\nSECTION ONE\n\n3. Roles\n\n3.1 Governors\n\nThey meet termly.\n";
    assert_eq!(
        paragraphs(&read(text)),
        [
            "h2 SECTION ONE",
            "h4 3. Roles",
            "h5 3.1 Governors",
            "They meet termly."
        ]
    );
}

#[test]
fn columns_are_kept_as_text_with_a_note() {
    let text = "Title\n\nRole        Name\nDSL         Ms Okafor\n";
    let doc = read(text);
    assert_eq!(paragraphs(&doc), ["Role | Name DSL | Ms Okafor"]);
    assert_eq!(doc.notes[0].kind, NoteKind::Check);
}

#[test]
fn a_footer_with_the_title_goes_even_when_seen_twice() {
    let text = "Visits Policy\n\nTrips are planned a term ahead.\n\nVisits Policy   March 2026   2\n\u{c}Parents are told a month ahead.\n\nVisits Policy   March 2026   3\n";
    let doc = read(text);
    assert_eq!(
        paragraphs(&doc),
        [
            "Trips are planned a term ahead.",
            "Parents are told a month ahead."
        ]
    );
    assert_eq!(
        doc.notes[0].message,
        "a page footer, “Visits Policy March 2026 2” (2 times)"
    );
}

#[test]
fn contents_go_and_sections_rank_with_numbers() {
    let text = "Visits Policy\n\nContents\n1. Planning ........ 2\n2. Consent ........ 3\n\nSection 1: Planning\n\n1.1 Risk assessment\n\nEvery trip has one.\n\n1. Book the coach.\n2. Tell the kitchen.\n";
    let doc = read(text);
    assert_eq!(
        paragraphs(&doc),
        [
            "h4 Section 1: Planning",
            "h5 1.1 Risk assessment",
            "Every trip has one.",
            "list(2) Book the coach. / Tell the kitchen.",
        ]
    );
    assert!(
        doc.notes
            .iter()
            .any(|n| n.message.starts_with("a table of contents (2 lines)"))
    );
    let Some(Block::List(list)) = doc.blocks.last() else {
        panic!("{:?}", doc.blocks);
    };
    assert!(list.ordered && list.start == 1);
}
