//! The governors' review dashboard: every published policy and agreement
//! with who owns it, when it was last approved and when it is next due for
//! review, most urgent first. Published as an HTML page (`dashboard.html`),
//! a CSV file of the same table and an iCalendar feed of the review dates,
//! all three in the folder `[dashboard] path` names.

pub(crate) mod calendar;
pub(crate) mod csv;
pub(crate) mod statutory;

use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

use crate::base::dates::{Status, human_date};
use crate::content::{Meta, Site};
use crate::render::Contexts;
use crate::render::views::{DateView, StatusView};

/// Names of the files published next to the dashboard page.
pub(crate) const CSV_FILE: &str = "reviews.csv";
pub(crate) const ICS_FILE: &str = "reviews.ics";

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Policy,
    Agreement,
}

impl Kind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Policy => "Policy",
            Kind::Agreement => "Agreement",
        }
    }
}

/// One policy or agreement on the dashboard.
#[derive(Debug, Clone)]
pub(crate) struct ReviewRow {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// Path of the page with the site's base, e.g. `/policies/online-safety/`.
    pub url: String,
    /// The page's full address when `base_url` gives a host.
    pub full_url: Option<String>,
    pub reference: String,
    pub owners: Vec<String>,
    pub approved_by: String,
    pub approved: Option<Date>,
    /// "1 year", "18 months".
    pub review_every: String,
    pub next_review: Option<Date>,
    /// Whether the front matter gives `next_review` itself (rather than
    /// `approved` and `review_every` making it).
    pub next_written: bool,
    /// The term the author wrote ("Autumn 2027"), if any.
    pub next_review_term: String,
    pub status: Status,
    /// Days from the build day to the next review: negative when overdue.
    pub days: Option<i64>,
    pub statutory: bool,
}

impl ReviewRow {
    /// "114 days overdue", "due today", "in 39 days".
    pub(crate) fn days_label(&self) -> String {
        let plural = |n: i64| if n == 1 { "day" } else { "days" };
        match self.days {
            None => String::new(),
            Some(0) => "due today".into(),
            Some(d) if d < 0 => format!("{} {} overdue", -d, plural(-d)),
            Some(d) => format!("in {d} {}", plural(d)),
        }
    }
}

/// How urgent a status is: overdue first, then documents without a review
/// date (a `review-missing` error), then due soon, then up to date.
fn urgency(status: Status) -> u8 {
    match status {
        Status::Overdue => 0,
        Status::Unknown => 1,
        Status::DueSoon => 2,
        Status::Current => 3,
    }
}

/// Every published policy and agreement, most urgent first: overdue by
/// days overdue (most first), then those with no review date, then due soon
/// and up to date, each by review date (soonest first); ties by title.
pub(crate) fn rows(site: &Site, today: Date) -> Vec<ReviewRow> {
    let base = site.config.base_path();
    let origin = site.config.origin();
    let window = site.config.review.due_soon_days;
    let mut rows: Vec<ReviewRow> = site
        .published_pages()
        .filter_map(|(_, page)| {
            let (kind, reference, owners, approved_by, statutory, next_written) = match &page.meta {
                Meta::Policy(f) => (
                    Kind::Policy,
                    f.reference.clone(),
                    f.owners.clone(),
                    f.approved_by
                        .as_ref()
                        .map(|a| a.get_ref().clone())
                        .unwrap_or_default(),
                    site.is_statutory(page),
                    f.next_review.is_some(),
                ),
                Meta::Agreement(f) => (
                    Kind::Agreement,
                    f.reference.clone(),
                    f.owners.clone(),
                    String::new(),
                    false,
                    f.next_review.is_some(),
                ),
                _ => return None,
            };
            let review = page.review.clone().unwrap_or_default();
            let url = format!("{base}{}", page.url);
            Some(ReviewRow {
                kind,
                id: page.id.clone(),
                title: page.title.clone(),
                full_url: (!origin.is_empty()).then(|| format!("{origin}{url}")),
                url,
                reference: reference.unwrap_or_default(),
                owners,
                approved_by,
                approved: review.approved,
                review_every: review
                    .cycle
                    .map(super::super::base::dates::Cycle::describe)
                    .unwrap_or_default(),
                next_review: review.next,
                next_written,
                next_review_term: review.next_term.unwrap_or_default(),
                status: Status::of(review.next, today, window),
                days: review.next.map(|next| (next - today).get_days().into()),
                statutory,
            })
        })
        .collect();
    // Each row's key made once, not twice per comparison.
    rows.sort_by_cached_key(|r| {
        (
            urgency(r.status),
            r.next_review,
            r.title.to_lowercase(),
            r.id.clone(),
        )
    });
    rows
}

/// How many documents are in each state: shown at the top of the page.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Counts {
    pub total: usize,
    pub policies: usize,
    pub agreements: usize,
    pub overdue: usize,
    pub statutory_overdue: usize,
    pub due_soon: usize,
    pub current: usize,
    pub unknown: usize,
}

pub(crate) fn counts(rows: &[ReviewRow]) -> Counts {
    let mut c = Counts {
        total: rows.len(),
        ..Counts::default()
    };
    for row in rows {
        match row.kind {
            Kind::Policy => c.policies += 1,
            Kind::Agreement => c.agreements += 1,
        }
        match row.status {
            Status::Overdue => {
                c.overdue += 1;
                if row.statutory {
                    c.statutory_overdue += 1;
                }
            }
            Status::DueSoon => c.due_soon += 1,
            Status::Current => c.current += 1,
            Status::Unknown => c.unknown += 1,
        }
    }
    c
}

/// `dashboard` in `dashboard.html`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DashboardView {
    /// The day the statuses are worked out for.
    pub today: DateView,
    pub due_soon_days: u32,
    pub counts: Counts,
    pub rows: Vec<RowView>,
    pub csv_url: String,
    pub ics_url: String,
    /// `webcal://` address of the same file, to subscribe to; empty when
    /// `base_url` is not a public web address.
    pub webcal_url: String,
    /// Calendar reminders this many days before each review (0: none).
    pub reminder_days: u32,
    /// "What the law requires", for a site with `[statutory]`.
    pub statutory: Option<statutory::LawView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RowView {
    pub kind: Kind,
    pub kind_label: String,
    pub id: String,
    pub title: String,
    pub url: String,
    pub reference: String,
    pub owners: Vec<String>,
    pub approved_by: String,
    pub approved: Option<DateView>,
    pub review_every: String,
    pub next_review: Option<DateView>,
    pub next_review_term: String,
    pub status: StatusView,
    /// "114 days overdue", "in 39 days".
    pub days: String,
    pub statutory: bool,
}

fn date_view(d: Date) -> DateView {
    DateView {
        iso: d.to_string(),
        human: human_date(d),
    }
}

impl From<&ReviewRow> for RowView {
    fn from(r: &ReviewRow) -> Self {
        RowView {
            kind: r.kind,
            kind_label: r.kind.label().to_string(),
            id: r.id.clone(),
            title: r.title.clone(),
            url: r.url.clone(),
            reference: r.reference.clone(),
            owners: r.owners.clone(),
            approved_by: r.approved_by.clone(),
            approved: r.approved.map(date_view),
            review_every: r.review_every.clone(),
            next_review: r.next_review.map(date_view),
            next_review_term: r.next_review_term.clone(),
            status: StatusView {
                key: r.status.key().to_string(),
                label: r.status.label().to_string(),
            },
            days: r.days_label(),
            statutory: r.statutory,
        }
    }
}

/// The dashboard's page and files, ready to write.
pub(crate) struct Outputs {
    pub context: Context,
    /// Output path and bytes of the CSV and iCalendar files.
    pub files: Vec<(String, Vec<u8>)>,
}

/// The dashboard, or `None` when `[dashboard] publish = false`.
pub(crate) fn outputs(site: &Site, contexts: &Contexts, today: Date) -> Option<Outputs> {
    let dir = site.config.dashboard_dir()?;
    let rows = rows(site, today);
    let base = site.config.base_path();
    let mut view = contexts.index_page("dashboard", &dir, None, "Policy review dashboard");
    // For governors, in English only (README): so its page says it is.
    if !crate::languages::strings::is_english(&view.lang) {
        view.lang = "en".into();
        view.dir = "ltr";
    }
    view.summary = "Which policies and agreements are overdue or due soon for review, for governors and the staff who look after them.".into();
    let dashboard = DashboardView {
        today: date_view(today),
        due_soon_days: site.config.review.due_soon_days,
        counts: counts(&rows),
        rows: rows.iter().map(RowView::from).collect(),
        csv_url: format!("{base}{dir}{CSV_FILE}"),
        ics_url: format!("{base}{dir}{ICS_FILE}"),
        webcal_url: calendar::subscribe_url(site, &format!("{base}{dir}{ICS_FILE}"))
            .unwrap_or_default(),
        reminder_days: site.config.dashboard.reminder_days,
        statutory: None,
    };
    let law = site.statutory.as_ref().map(|st| {
        statutory::view(
            site,
            st,
            format!("{base}{dir}{}", crate::layout::STATUTORY_CSV),
        )
    });
    let dashboard = DashboardView {
        statutory: law.as_ref().map(|(v, _)| v.clone()),
        ..dashboard
    };
    let mut context = contexts.context(&view, None);
    context.insert("dashboard", &dashboard);
    let mut files = vec![
        (format!("{dir}{CSV_FILE}"), csv::write(&rows)),
        (
            format!("{dir}{ICS_FILE}"),
            calendar::write(site, &rows, today).into_bytes(),
        ),
    ];
    if let Some((_, law_rows)) = &law {
        let name = crate::layout::STATUTORY_CSV;
        files.push((format!("{dir}{name}"), statutory::csv(law_rows)));
    }
    Some(Outputs { context, files })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use jiff::civil::date;

    /// A policy with only a title and a next review date.
    pub(super) fn row(title: &str, next: Option<Date>, today: Date) -> ReviewRow {
        ReviewRow {
            kind: Kind::Policy,
            id: title.to_lowercase(),
            title: title.into(),
            url: String::new(),
            full_url: None,
            reference: String::new(),
            owners: Vec::new(),
            approved_by: String::new(),
            approved: None,
            review_every: String::new(),
            next_review: next,
            next_written: false,
            next_review_term: String::new(),
            status: Status::of(next, today, 60),
            days: next.map(|n| (n - today).get_days().into()),
            statutory: false,
        }
    }

    #[test]
    fn days_read_as_words() {
        let today = date(2026, 11, 22);
        assert_eq!(
            row("A", Some(date(2026, 11, 21)), today).days_label(),
            "1 day overdue"
        );
        assert_eq!(
            row("A", Some(date(2026, 11, 22)), today).days_label(),
            "due today"
        );
        assert_eq!(
            row("A", Some(date(2026, 12, 1)), today).days_label(),
            "in 9 days"
        );
        assert_eq!(row("A", None, today).days_label(), "");
    }

    #[test]
    fn counts_add_up() {
        let today = date(2026, 11, 22);
        let mut overdue = row("B", Some(date(2026, 1, 1)), today);
        overdue.statutory = true;
        let rows = vec![
            overdue,
            row("C", Some(date(2026, 12, 1)), today),
            row("D", Some(date(2028, 1, 1)), today),
            row("E", None, today),
        ];
        let c = counts(&rows);
        assert_eq!(
            (
                c.total,
                c.overdue,
                c.statutory_overdue,
                c.due_soon,
                c.current,
                c.unknown
            ),
            (4, 1, 1, 1, 1, 1)
        );
    }
}
