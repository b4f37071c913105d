//! Version history: a policy's `[[history]]` entries run oldest first, one
//! per approval, and the newest is the approval that `approved` records.
//! Anything else is `history-inconsistent`, pointing at the entry at fault;
//! an entry dated with a time is `date-unparseable`.

use std::ops::Range;

use jiff::civil::Date;

use crate::base::dates::human_date;
use crate::base::dates::toml_date;
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Meta, Page, PolicyFront, Site};

pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    for (_, page) in site.source_pages() {
        let Meta::Policy(front) = &page.meta else {
            continue;
        };
        if front.history.is_empty() {
            continue;
        }
        let approved = page.review.as_ref().and_then(|r| r.approved);
        let Some((last, last_span)) = check_entries(page, front, approved, diags) else {
            continue;
        };
        if let Some(d) = newest_finding(page, front, approved, last, last_span) {
            diags.push(d);
        }
    }
}

/// Checks each entry against those before it and against `approved`, and
/// returns the newest dated entry with its span (`None` when no entry has a
/// readable date).
fn check_entries(
    page: &Page,
    front: &PolicyFront,
    approved: Option<Date>,
    diags: &mut Diagnostics,
) -> Option<(Date, Range<usize>)> {
    let mut previous = None;
    let mut newest = None;
    for entry in &front.history {
        let span = page.front_span(entry.date.span());
        let Some(date) = toml_date(entry.date.get_ref()) else {
            diags.push(Diagnostic::at(
                Code::DateUnparseable,
                &page.source,
                span,
                "a `history` date must be a date without a time",
                "write the date only, e.g. date = 2026-03-12",
            ));
            continue;
        };
        if let Some(before) = previous
            && let Some(d) = out_of_order(page, span.clone(), date, before)
        {
            diags.push(d);
        }
        if let Some(approved) = approved
            && date > approved
        {
            diags.push(after_approved(page, span.clone(), date, approved));
        }
        previous = Some(previous.map_or(date, |p: Date| p.max(date)));
        if newest.as_ref().is_none_or(|(d, _)| date > *d) {
            newest = Some((date, span));
        }
    }
    newest
}

/// An entry dated the same as, or before, the latest entry above it.
fn out_of_order(page: &Page, span: Range<usize>, date: Date, before: Date) -> Option<Diagnostic> {
    if date == before {
        Some(Diagnostic::at(
            Code::HistoryInconsistent,
            &page.source,
            span,
            format!("two `history` entries are dated {}", human_date(date)),
            "keep one entry per approval: merge the two, or correct the date of one",
        ))
    } else if date < before {
        Some(Diagnostic::at(
            Code::HistoryInconsistent,
            &page.source,
            span,
            format!(
                "this `history` entry, {}, comes after the entry of {}",
                human_date(date),
                human_date(before)
            ),
            "list [[history]] entries oldest first, so that the newest approval is the last one",
        ))
    } else {
        None
    }
}

/// An entry later than the approval that `approved` records.
fn after_approved(page: &Page, span: Range<usize>, date: Date, approved: Date) -> Diagnostic {
    Diagnostic::at(
        Code::HistoryInconsistent,
        &page.source,
        span,
        format!(
            "this `history` entry, {}, is later than `approved` ({})",
            human_date(date),
            human_date(approved)
        ),
        format!(
            "if the policy was approved again on {0}, set approved = {1}; otherwise correct this date",
            human_date(date),
            date
        ),
    )
}

/// The newest entry must be the approval `approved` records: a finding
/// when `approved` is later, or missing while the history knows the date.
fn newest_finding(
    page: &Page,
    front: &PolicyFront,
    approved: Option<Date>,
    last: Date,
    last_span: Range<usize>,
) -> Option<Diagnostic> {
    match approved {
        Some(approved) if approved > last => Some(Diagnostic::at(
            Code::HistoryInconsistent,
            &page.source,
            last_span,
            format!(
                "the newest `history` entry is {}, but `approved` is {}",
                human_date(last),
                human_date(approved)
            ),
            format!(
                "add a [[history]] entry at the end with date = {approved} for the latest approval"
            ),
        )),
        Some(_) => None,
        // `approved` missing but the history knows the date.
        None if front.approved.is_none() => Some(Diagnostic::at(
            Code::HistoryInconsistent,
            &page.source,
            last_span,
            format!(
                "the policy has a `history` but no `approved` date; its newest entry is {}",
                human_date(last)
            ),
            format!("add approved = {last} to the front matter"),
        )),
        None => None,
    }
}
