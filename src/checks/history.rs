//! Version history: a policy's `[[history]]` entries run oldest first, one
//! per approval, and the newest is the approval that `approved` records.
//! Anything else is `history-inconsistent`, pointing at the entry at fault;
//! an entry dated with a time is `date-unparseable`.

use crate::base::dates::human_date;
use crate::base::dates::toml_date;
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Meta, Site};

pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    for page in &site.pages {
        let Meta::Policy(front) = &page.meta else {
            continue;
        };
        if front.history.is_empty() {
            continue;
        }
        let approved = page.review.as_ref().and_then(|r| r.approved);
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
            if let Some(before) = previous {
                if date == before {
                    diags.push(Diagnostic::at(
                        Code::HistoryInconsistent,
                        &page.source,
                        span.clone(),
                        format!("two `history` entries are dated {}", human_date(date)),
                        "keep one entry per approval: merge the two, or correct the date of one",
                    ));
                } else if date < before {
                    diags.push(Diagnostic::at(
                        Code::HistoryInconsistent,
                        &page.source,
                        span.clone(),
                        format!(
                            "this `history` entry, {}, comes after the entry of {}",
                            human_date(date),
                            human_date(before)
                        ),
                        "list [[history]] entries oldest first, so that the newest approval is the last one",
                    ));
                }
            }
            if let Some(approved) = approved
                && date > approved
            {
                diags.push(Diagnostic::at(
                        Code::HistoryInconsistent,
                        &page.source,
                        span.clone(),
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
                    ));
            }
            previous = Some(previous.map_or(date, |p: jiff::civil::Date| p.max(date)));
            if newest.as_ref().is_none_or(|(d, _)| date > *d) {
                newest = Some((date, span));
            }
        }
        let Some((last, last_span)) = newest else {
            continue;
        };
        match approved {
            Some(approved) if approved > last => {
                diags.push(Diagnostic::at(
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
                ));
            }
            Some(_) => {}
            None => {
                // `approved` missing but the history knows the date.
                if front.approved.is_none() {
                    diags.push(Diagnostic::at(
                        Code::HistoryInconsistent,
                        &page.source,
                        last_span,
                        format!(
                            "the policy has a `history` but no `approved` date; its newest entry is {}",
                            human_date(last)
                        ),
                        format!("add approved = {last} to the front matter"),
                    ));
                }
            }
        }
    }
}
