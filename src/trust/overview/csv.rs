//! The overview as a CSV file: one record per school and document (the
//! trust's documents first, then the school's own), with the columns a
//! governor needs; written like the dashboard's (BOM, CRLF, author text
//! made safe for spreadsheets).

use super::{Cell, Column, Document};
use crate::render::dashboard::ReviewRow;
use crate::render::dashboard::csv::{text, write_records};

/// The header row.
pub(crate) const HEADER: [&str; 14] = [
    "School",
    "School folder",
    "Title",
    "Id",
    "Source",
    "Type",
    "Status",
    "Next review",
    "Last approved",
    "Approved by",
    "Review cycle",
    "Days until review",
    "Responsible",
    "Address",
];

/// Every school's record for every trust document, then its own.
pub(crate) fn write(columns: &[Column], documents: &[Document]) -> Vec<u8> {
    let mut records: Vec<[String; 14]> = Vec::new();
    for column in columns.iter().filter(|c| !c.broken) {
        for doc in documents {
            let cell = column.cells.get(&doc.id).unwrap_or(&Cell::Absent);
            records.push(record(
                column,
                &doc.title,
                &doc.id,
                &cell.source(),
                cell.row(),
            ));
        }
        for row in &column.own {
            records.push(record(
                column,
                &row.title,
                &row.id,
                "School's own",
                Some(row),
            ));
        }
    }
    write_records(&HEADER, records.into_iter())
}

fn record(
    column: &Column,
    title: &str,
    id: &str,
    source: &str,
    row: Option<&ReviewRow>,
) -> [String; 14] {
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    [
        text(&column.title),
        column.folder.clone(),
        text(row.map_or(title, |r| r.title.as_str())),
        id.to_string(),
        source.to_string(),
        row.map(|r| r.kind.label().to_string()).unwrap_or_default(),
        row.map(|r| r.status.label().to_string())
            .unwrap_or_default(),
        date(row.and_then(|r| r.next_review)),
        date(row.and_then(|r| r.approved)),
        text(row.map_or("", |r| r.approved_by.as_str())),
        text(row.map_or("", |r| r.review_every.as_str())),
        row.and_then(|r| r.days)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        text(&row.map(|r| r.owners.join("; ")).unwrap_or_default()),
        row.map(|r| r.full_url.clone().unwrap_or_else(|| r.url.clone()))
            .unwrap_or_default(),
    ]
}
