//! Review dates: missing, impossible, overdue (an error for statutory
//! policies, a warning otherwise) and due soon.

use jiff::civil::Date;

use crate::base::dates::{Status, human_date};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::content::{Meta, Page, Site};

pub(super) fn check(site: &Site, today: Date, diags: &mut Diagnostics) {
    let window = site.config.review.due_soon_days;
    for page in site.pages.iter().filter(|p| !p.draft) {
        let Some(review) = &page.review else { continue };
        let (statutory, approved_span, every_span, next_span, what) = match &page.meta {
            Meta::Policy(f) => (
                f.statutory,
                f.approved.as_ref().map(toml::Spanned::span),
                f.review_every.as_ref().map(toml::Spanned::span),
                f.next_review.as_ref().map(toml::Spanned::span),
                "policy",
            ),
            Meta::Agreement(f) => (
                false,
                f.approved.as_ref().map(toml::Spanned::span),
                f.review_every.as_ref().map(toml::Spanned::span),
                f.next_review.as_ref().map(toml::Spanned::span),
                "agreement",
            ),
            _ => continue,
        };
        // Where a review finding points: the key that set the date.
        let place = next_span
            .or(every_span)
            .or(approved_span)
            .map_or(0..3, |s| page.front_span(s));
        let Some(next) = review.next else {
            if review.unreadable {
                continue;
            }
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
            diags.push(Diagnostic::at(
                Code::ReviewMissing,
                &page.source,
                place,
                format!("this {what} has no review date"),
                hint,
            ));
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
                diags.push(
                    Diagnostic::at(
                        Code::ReviewOverdue,
                        &page.source,
                        place,
                        format!("this {what}{statutory_note} was due for review on {when}, {days} {} ago", if days == 1 { "day" } else { "days" }),
                        "review it, then set `approved` to the date it was approved again (and update `next_review` if you set one)",
                    )
                    .with_severity(severity),
                );
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

/// "31 December 2025 (the end of Autumn 2025)".
fn describe(page: &Page, next: Date) -> String {
    match page.review.as_ref().and_then(|r| r.next_term.as_deref()) {
        Some(term) => format!("{} (the end of {term})", human_date(next)),
        None => human_date(next),
    }
}
