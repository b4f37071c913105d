//! Review dates: missing, impossible, overdue (an error for statutory
//! policies, a warning otherwise) and due soon.

use std::ops::Range;

use jiff::civil::Date;

use crate::base::dates::{Status, human_date};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::content::{Meta, Page, ReviewDates, Site};

pub(super) fn check(site: &Site, today: Date, diags: &mut Diagnostics) {
    let window = site.config.review.due_soon_days;
    for (_, page) in site.source_pages().filter(|(_, p)| !p.draft) {
        let Some(review) = &page.review else { continue };
        let Some((statutory, place, what)) = target(site, page) else {
            continue;
        };
        let Some(next) = review.next else {
            if !review.unreadable {
                diags.push(missing(page, review, place, what));
            }
            continue;
        };
        let when = describe(page, next);
        if let Some(approved) = review.approved
            && next < approved
        {
            diags.push(Diagnostic::at(
                Code::ReviewImpossible,
                &page.source,
                place,
                format!(
                    "the next review, {when}, is before the approval on {}",
                    human_date(approved)
                ),
                "check both dates: the next review must come after the approval",
            ));
            continue;
        }
        match Status::of(Some(next), today, window) {
            Status::Overdue => {
                let days = (today - next).get_days();
                diags.push(overdue(page, place, what, statutory, &when, days));
            }
            Status::DueSoon => {
                let days = (next - today).get_days();
                diags.push(Diagnostic::at(
                    Code::ReviewDueSoon,
                    &page.source,
                    place,
                    format!("this {what} is due for review on {when}, in {days} {}", if days == 1 { "day" } else { "days" }),
                    "plan its review; this notice shows while the date is within [review] due_soon_days",
                ));
            }
            Status::Current | Status::Unknown => {}
        }
    }
}

/// Whether a page is statutory, where its review findings point (the key
/// that set the date) and what to call it; `None` for pages not reviewed.
fn target(site: &Site, page: &Page) -> Option<(bool, Range<usize>, &'static str)> {
    let (statutory, approved_span, every_span, next_span, what) = match &page.meta {
        Meta::Policy(f) => (
            site.is_statutory(page),
            f.approved.as_ref().map(|a| a.span()),
            f.review_every.as_ref().map(|e| e.span()),
            f.next_review.as_ref().map(|n| n.span()),
            "policy",
        ),
        Meta::Agreement(f) => (
            false,
            f.approved.as_ref().map(|a| a.span()),
            f.review_every.as_ref().map(|e| e.span()),
            f.next_review.as_ref().map(|n| n.span()),
            "agreement",
        ),
        _ => return None,
    };
    let place = next_span
        .or(every_span)
        .or(approved_span)
        .map_or(0..3, |s| page.front_span(s));
    Some((statutory, place, what))
}

/// No review date: the hint names what is missing to work one out.
fn missing(page: &Page, review: &ReviewDates, place: Range<usize>, what: &str) -> Diagnostic {
    let hint = match (review.approved, review.cycle) {
        (Some(_), None) => {
            "add a review cycle, e.g. review_every = \"1 year\", or a date: next_review = 2027-09-01"
        }
        (None, Some(_)) => {
            "add the date it was approved, e.g. approved = 2026-09-01, or set next_review"
        }
        _ => {
            "add next_review = 2027-09-01 (or a term such as \"Autumn 2027\"), or approved with review_every"
        }
    };
    Diagnostic::at(
        Code::ReviewMissing,
        &page.source,
        place,
        format!("this {what} has no review date"),
        hint,
    )
}

/// An overdue review: an error for a statutory policy, a warning otherwise.
fn overdue(
    page: &Page,
    place: Range<usize>,
    what: &str,
    statutory: bool,
    when: &str,
    days: i32,
) -> Diagnostic {
    let severity = if statutory {
        Severity::Error
    } else {
        Severity::Warning
    };
    let statutory_note = if statutory {
        " (a statutory policy)"
    } else {
        ""
    };
    Diagnostic::at(
        Code::ReviewOverdue,
        &page.source,
        place,
        format!("this {what}{statutory_note} was due for review on {when}, {days} {} ago", if days == 1 { "day" } else { "days" }),
        "review it, then set `approved` to the date it was approved again (and update `next_review` if you set one)",
    )
    .with_severity(severity)
}

/// "31 December 2025 (the end of Autumn 2025)".
fn describe(page: &Page, next: Date) -> String {
    match page.review.as_ref().and_then(|r| r.next_term.as_deref()) {
        Some(term) => format!("{} (the end of {term})", human_date(next)),
        None => human_date(next),
    }
}
