//! The dashboard as a CSV file (RFC 4180): a header row, CRLF line ends,
//! fields quoted where they need it, UTF-8 with a byte order mark so that
//! Excel reads names such as "Zoë" correctly.

use super::ReviewRow;

/// The header row; one record per dashboard row follows, in the same order.
pub(crate) const HEADER: [&str; 14] = [
    "Title",
    "Type",
    "Reference",
    "Responsible",
    "Approved by",
    "Last approved",
    "Review cycle",
    "Next review",
    "Review term",
    "Status",
    "Days until review",
    "Statutory",
    "Id",
    "Address",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The fields of one row, as written: dates in ISO form (`2026-09-17`),
/// owners joined with "; ", days negative when overdue.
pub(crate) fn record(row: &ReviewRow) -> [String; 14] {
    [
        text(&row.title),
        row.kind.label().to_string(),
        text(&row.reference),
        text(&row.owners.join("; ")),
        text(&row.approved_by),
        row.approved.map(|d| d.to_string()).unwrap_or_default(),
        text(&row.review_every),
        row.next_review.map(|d| d.to_string()).unwrap_or_default(),
        text(&row.next_review_term),
        row.status.label().to_string(),
        row.days.map(|d| d.to_string()).unwrap_or_default(),
        if row.statutory { "Yes" } else { "No" }.to_string(),
        row.id.clone(),
        row.full_url.clone().unwrap_or_else(|| row.url.clone()),
    ]
}

/// Text written by authors, made safe to open in a spreadsheet: a cell
/// starting with `=`, `+`, `-` or `@` would be run as a formula, so it gets
/// a leading apostrophe (OWASP's advice for CSV injection).
pub(crate) fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

pub(crate) fn write(rows: &[ReviewRow]) -> Vec<u8> {
    write_records(&HEADER, rows.iter().map(record))
}

/// A CSV file of `header` and `records`, author text made safe.
pub(crate) fn write_records<R, F>(header: &[&str], records: impl Iterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(BOM.to_vec());
    // Writing to memory cannot fail.
    writer.write_record(header).expect("write CSV to memory");
    for record in records {
        writer.write_record(record).expect("write CSV to memory");
    }
    writer.into_inner().expect("flush CSV to memory")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::Status;
    use crate::render::dashboard::Kind;

    #[test]
    fn author_text_never_runs_as_a_formula() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Online safety"), "Online safety");
    }

    #[test]
    fn bom_crlf_and_quoting() {
        let row = ReviewRow {
            kind: Kind::Policy,
            id: "zoe".into(),
            title: "Zoë's \"special\" policy, revised".into(),
            url: "/policies/zoe/".into(),
            full_url: None,
            reference: "SG-1".into(),
            owners: vec!["Head".into(), "DSL".into()],
            approved_by: String::new(),
            approved: Some(jiff::civil::date(2026, 9, 17)),
            review_every: "1 year".into(),
            next_review: Some(jiff::civil::date(2027, 9, 17)),
            next_written: false,
            next_review_term: String::new(),
            status: Status::Current,
            days: Some(299),
            statutory: true,
        };
        let bytes = write(&[row]);
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines.len(), 3, "{text:?}");
        assert!(lines[0].starts_with("Title,Type,Reference,"));
        assert!(
            lines[1].starts_with("\"Zoë's \"\"special\"\" policy, revised\",Policy,SG-1,Head; DSL,,2026-09-17,1 year,2027-09-17,,Up to date,299,Yes,zoe,/policies/zoe/"),
            "{}",
            lines[1]
        );
        assert_eq!(lines[2], "");
    }
}
