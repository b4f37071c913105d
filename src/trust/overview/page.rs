//! The overview's page: the view the template reads, and the files the
//! trust's `public/` gets (the page, its CSV, the default theme's
//! stylesheet and icon).

use jiff::civil::Date;
use serde::Serialize;

use super::{Cell, Column, Document};
use crate::base::dates::human_date;
use crate::layout::{DEFAULT_ICON, OVERVIEW_CSV, OVERVIEW_PAGE, STYLESHEET, THEME_STATIC_PREFIX};
use crate::render::dashboard::ReviewRow;
use crate::render::views::{DateView, StatusView};

const TEMPLATE: &str = include_str!("page.html");

/// `o` in the template.
#[derive(Debug, Serialize)]
struct OverviewView {
    trust: String,
    today: DateView,
    stylesheet: String,
    icon: String,
    csv_url: String,
    schools: Vec<SchoolView>,
    documents: Vec<DocumentView>,
}

#[derive(Debug, Serialize)]
struct SchoolView {
    name: String,
    title: String,
    address: Option<String>,
    broken: bool,
    overdue: usize,
    due_soon: usize,
    current: usize,
    unknown: usize,
    replaced: usize,
    adapted: usize,
    excluded: usize,
    own: Vec<OwnView>,
}

#[derive(Debug, Serialize)]
struct OwnView {
    title: String,
    kind: String,
    owners: String,
    status: StatusView,
    days: String,
    next_review: Option<DateView>,
    approved: Option<DateView>,
}

#[derive(Debug, Serialize)]
struct DocumentView {
    title: String,
    cells: Vec<CellView>,
}

#[derive(Debug, Serialize)]
struct CellView {
    /// The school's name, the cell's label on a narrow screen.
    school: String,
    /// `trust`, `replaced`, `adapted`, `excluded`, `absent`, `unknown`.
    state: &'static str,
    /// For `adapted`: the headings of the sections the school changed.
    sections: String,
    status: Option<StatusView>,
    next_review: Option<DateView>,
    days: String,
    /// What the cell says when the school publishes no such document.
    text: String,
}

fn date_view(d: Date) -> DateView {
    DateView {
        iso: d.to_string(),
        human: human_date(d),
    }
}

fn status_view(row: &ReviewRow) -> StatusView {
    StatusView {
        key: row.status.key().to_string(),
        label: row.status.label().to_string(),
    }
}

fn cell_view(column: &Column, doc: &Document) -> CellView {
    let cell = column.cells.get(&doc.id);
    let state = match cell {
        _ if column.broken => "unknown",
        Some(Cell::Trust(_)) => "trust",
        Some(Cell::Replaced(_)) => "replaced",
        Some(Cell::Adapted(..)) => "adapted",
        Some(Cell::Excluded) => "excluded",
        Some(Cell::Absent) | None => "absent",
    };
    let row = cell.and_then(Cell::row);
    let text = match state {
        "unknown" => "Could not be read",
        "excluded" => "Excluded by the school",
        _ => "Not published",
    };
    CellView {
        school: column.title.clone(),
        state,
        sections: match cell {
            Some(Cell::Adapted(_, sections)) => sections.join("; "),
            _ => String::new(),
        },
        status: row.map(status_view),
        next_review: row.and_then(|r| r.next_review).map(date_view),
        days: row.map(ReviewRow::days_label).unwrap_or_default(),
        text: text.to_string(),
    }
}

fn school_view(column: &Column) -> SchoolView {
    let count = |f: fn(&Cell) -> bool| column.cells.values().filter(|c| f(c)).count();
    SchoolView {
        name: crate::layout::slugify(&column.name),
        title: column.title.clone(),
        address: column.address.clone(),
        broken: column.broken,
        overdue: column.counts.overdue,
        due_soon: column.counts.due_soon,
        current: column.counts.current,
        unknown: column.counts.unknown,
        replaced: count(|c| matches!(c, Cell::Replaced(_))),
        adapted: count(|c| matches!(c, Cell::Adapted(..))),
        excluded: count(|c| matches!(c, Cell::Excluded)),
        own: column
            .own
            .iter()
            .map(|r| OwnView {
                title: r.title.clone(),
                kind: r.kind.label().to_string(),
                owners: r.owners.join(", "),
                status: status_view(r),
                days: r.days_label(),
                next_review: r.next_review.map(date_view),
                approved: r.approved.map(date_view),
            })
            .collect(),
    }
}

/// The files of the trust's `public/`: (path inside it, bytes).
pub(crate) fn files(
    trust: &str,
    columns: &[Column],
    today: Date,
) -> Result<Vec<(String, Vec<u8>)>, tera::Error> {
    let documents = super::documents(columns);
    let view = OverviewView {
        trust: trust.to_string(),
        today: date_view(today),
        stylesheet: format!("{THEME_STATIC_PREFIX}{STYLESHEET}"),
        icon: DEFAULT_ICON.to_string(),
        csv_url: OVERVIEW_CSV.to_string(),
        schools: columns.iter().map(school_view).collect(),
        documents: documents
            .iter()
            .map(|doc| DocumentView {
                title: doc.title.clone(),
                cells: columns.iter().map(|c| cell_view(c, doc)).collect(),
            })
            .collect(),
    };
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_template("overview.html", TEMPLATE)?;
    let mut context = tera::Context::new();
    context.insert("o", &view);
    let html = tera.render("overview.html", &context)?;
    let mut out = vec![
        (OVERVIEW_PAGE.to_string(), html.into_bytes()),
        (
            OVERVIEW_CSV.to_string(),
            super::csv::write(columns, &documents),
        ),
    ];
    for (name, bytes) in crate::render::theme::STATIC {
        let published = format!("{THEME_STATIC_PREFIX}{name}");
        if *name == STYLESHEET || published == DEFAULT_ICON {
            out.push((published, bytes.to_vec()));
        }
    }
    Ok(out)
}
