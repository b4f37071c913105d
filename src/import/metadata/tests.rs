use super::*;

fn terms() -> Terms {
    toml::from_str("").expect("default terms")
}

fn doc(lines: &[&str]) -> Document {
    Document {
        title: Some("Anti-bullying Policy".into()),
        blocks: lines
            .iter()
            .map(|l| Block::Paragraph(vec![Inline::Text((*l).into())]))
            .collect(),
        ..Document::default()
    }
}

#[test]
fn cover_lines_become_keys_and_leave_the_body() {
    let mut d = doc(&[
        "Policy owner: Deputy Head (Pastoral) and DSL",
        "Ratified by the Governing Body on\t14 March 2025",
        "Date of next review: Autumn 2026",
        "Policy number: BH-2",
        "Version: 4.1",
        "Pupils are kind.",
    ]);
    let m = extract(&mut d, &terms());
    assert_eq!(m.owners, ["Deputy Head (Pastoral)", "DSL"]);
    assert_eq!(m.approved_by.as_deref(), Some("Governing Body"));
    assert_eq!(m.approved, Some(jiff::civil::date(2025, 3, 14)));
    assert_eq!(m.next_review, Some(NextReview::Words("Autumn 2026".into())));
    assert_eq!(m.reference.as_deref(), Some("BH-2"));
    assert_eq!(m.comments, ["Version 4.1 (from the document's cover)"]);
    assert_eq!(d.blocks.len(), 1);
}

#[test]
fn ambiguous_figures_are_not_guessed() {
    let mut d = doc(&["Date approved: 01/09/2026", "Review date: 13/09/2027"]);
    let m = extract(&mut d, &terms());
    assert_eq!(m.approved, None);
    assert!(m.comments[0].contains("2026-09-01") && m.comments[0].contains("2026-01-09"));
    assert_eq!(m.questions.len(), 1);
    assert_eq!(
        m.next_review,
        Some(NextReview::Date(jiff::civil::date(2027, 9, 13)))
    );
    assert!(d.blocks.is_empty());
}

#[test]
fn unreadable_values_and_sentences_stay_in_the_body() {
    let mut d = doc(&[
        "Next review: TBC",
        "Lead: the designated safeguarding lead will record every report of bullying in the log kept for the purpose by the office staff each week",
        "This policy is the responsibility of the Headteacher and the SENCO.",
    ]);
    let m = extract(&mut d, &terms());
    assert_eq!(m.next_review, None);
    assert_eq!(m.owners, ["Headteacher", "SENCO"]);
    assert_eq!(d.blocks.len(), 3);
}

#[test]
fn month_only_approval_is_a_question() {
    let mut d = doc(&["Last review: October 2025", "Review cycle: annually"]);
    let m = extract(&mut d, &terms());
    assert_eq!(m.approved, None);
    assert_eq!(m.review_every.as_deref(), Some("annually"));
    assert_eq!(m.questions.len(), 1);
}
