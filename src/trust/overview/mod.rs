//! The trust-wide overview: every school's review status side by side.
//! One row per trust document, one column per school (its status and
//! dates there, or "excluded", "adapted" with the sections changed, or
//! "replaced by the school's own"), then
//! each school's own policies and agreements. Published into the trust's
//! `public/` as a page ([`page`]) and a CSV file ([`csv`]), built like the
//! governors' dashboard and from the same review rows.

pub(crate) mod csv;
pub(crate) mod page;

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::config::School;
use crate::content::{SharedDocument, Site};
use crate::render::dashboard::{self, Counts, ReviewRow};

/// What one school does with one trust document.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    /// Published as the trust wrote it.
    Trust(ReviewRow),
    /// The school publishes its own file of the same id instead.
    Replaced(ReviewRow),
    /// The school adapts it (`extends = "trust"`): the headings of the
    /// sections it changed.
    Adapted(ReviewRow, Vec<String>),
    /// Left out with `[trust] exclude`.
    Excluded,
    /// Not among the school's published policies and agreements (a draft).
    Absent,
}

impl Cell {
    /// The review row behind the cell, if the school publishes a document.
    pub(crate) fn row(&self) -> Option<&ReviewRow> {
        match self {
            Cell::Trust(r) | Cell::Replaced(r) | Cell::Adapted(r, _) => Some(r),
            Cell::Excluded | Cell::Absent => None,
        }
    }

    /// How the school takes the document, in words.
    pub(crate) fn source(&self) -> String {
        match self {
            Cell::Trust(_) => "Trust's document".into(),
            Cell::Replaced(_) => "Replaced by the school's own".into(),
            Cell::Adapted(_, sections) if sections.is_empty() => {
                "Adapted by the school: details only".into()
            }
            Cell::Adapted(_, sections) => format!("Adapted by the school: {}", sections.join("; ")),
            Cell::Excluded => "Excluded".into(),
            Cell::Absent => "Not published".into(),
        }
    }
}

/// One school's column, worked out from its loaded site.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// The school's folder name (`oakfield`).
    pub name: String,
    /// Its folder from the trust's (`schools/oakfield`).
    pub folder: String,
    /// The school's name from its `charter.toml`; the folder name when
    /// the school could not be read.
    pub title: String,
    /// The school's published site, when its `base_url` is a web address.
    pub address: Option<String>,
    /// Trust document id → what the school does with it.
    pub cells: BTreeMap<String, Cell>,
    /// The school's own policies and agreements (not the trust's, and not
    /// replacing one), most urgent first.
    pub own: Vec<ReviewRow>,
    /// Every policy and agreement the school publishes, by status.
    pub counts: Counts,
    /// The trust's documents as this school read them.
    pub documents: Vec<SharedDocument>,
    /// Its configuration could not be read: nothing else is known.
    pub broken: bool,
}

impl Column {
    /// The column of a school whose site was loaded.
    pub(crate) fn of(school: &School, site: &Site, today: Date) -> Column {
        let rows = dashboard::rows(site, today);
        let counts = dashboard::counts(&rows);
        let shared = site.shared.clone().unwrap_or_default();
        let shared_ids: BTreeMap<&str, ()> = site
            .pages
            .iter()
            .filter(|p| site.is_shared(p))
            .map(|p| (p.id.as_str(), ()))
            .collect();
        let mut cells = BTreeMap::new();
        let mut own = Vec::new();
        for row in rows {
            if shared_ids.contains_key(row.id.as_str()) {
                cells.insert(row.id.clone(), Cell::Trust(row));
            } else if let Some(sections) = shared.adapted.get(&row.id) {
                cells.insert(row.id.clone(), Cell::Adapted(row, sections.clone()));
            } else if shared.replaced.contains(&row.id) {
                cells.insert(row.id.clone(), Cell::Replaced(row));
            } else {
                own.push(row);
            }
        }
        for doc in shared.documents.iter().filter(|d| d.reviewed) {
            let cell = if shared.excluded.contains(&doc.id) {
                Cell::Excluded
            } else {
                Cell::Absent
            };
            cells.entry(doc.id.clone()).or_insert(cell);
        }
        let origin = site.config.origin();
        Column {
            name: school.name.clone(),
            folder: school.folder.clone(),
            title: site.config.title.clone(),
            address: (!origin.is_empty()).then(|| format!("{origin}{}", site.config.base_path())),
            cells,
            own,
            counts,
            documents: shared.documents,
            broken: false,
        }
    }

    /// The column of a school whose configuration is broken.
    pub(crate) fn broken(school: &School) -> Column {
        Column {
            name: school.name.clone(),
            folder: school.folder.clone(),
            title: school.name.clone(),
            address: None,
            cells: BTreeMap::new(),
            own: Vec::new(),
            counts: Counts::default(),
            documents: Vec::new(),
            broken: true,
        }
    }
}

/// One row of the side-by-side table: a trust policy or agreement.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub id: String,
    pub title: String,
}

/// The trust's published policies and agreements, from what the schools
/// read (a trust draft is no row), by title.
pub(crate) fn documents(columns: &[Column]) -> Vec<Document> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for doc in columns
        .iter()
        .flat_map(|c| &c.documents)
        .filter(|d| d.reviewed && !d.draft)
    {
        seen.entry(doc.id.clone())
            .or_insert_with(|| doc.title.clone());
    }
    let mut docs: Vec<Document> = seen
        .into_iter()
        .map(|(id, title)| Document { id, title })
        .collect();
    docs.sort_by(|a, b| (a.title.to_lowercase(), &a.id).cmp(&(b.title.to_lowercase(), &b.id)));
    docs
}
