//! Approval and next review dates of policies and agreements, read from
//! their front matter: dates, review cycles and school terms.

use std::ops::Range;

use jiff::civil::Date;

use super::front::DateOrTerm;
use super::{Meta, ReviewDates};
use crate::base::dates::toml_date;
use crate::base::dates::{Cycle, parse_term, parse_written_date};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::config::Config;

/// Works out approval and next review dates of policies and agreements;
/// text that is not a date, cycle or term is `date-unparseable`.
pub(super) fn review_dates(
    meta: &Meta,
    config: &Config,
    source: &SourceFile,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<ReviewDates> {
    let (approved, every, next) = match meta {
        Meta::Policy(f) => (&f.approved, &f.review_every, &f.next_review),
        Meta::Agreement(f) => (&f.approved, &f.review_every, &f.next_review),
        _ => return None,
    };
    let at = |span: Range<usize>| span.start + offset..span.end + offset;
    let mut dates = ReviewDates::default();
    if let Some(a) = approved {
        dates.approved = toml_date(a.get_ref());
        if dates.approved.is_none() {
            dates.unreadable = true;
            diags.push(Diagnostic::at(
                Code::DateUnparseable,
                source,
                at(a.span()),
                "`approved` must be a date without a time",
                "write the date only, e.g. approved = 2026-03-12",
            ));
        }
    }
    if let Some(e) = every {
        dates.cycle = Cycle::parse(e.get_ref());
        if dates.cycle.is_none() {
            dates.unreadable = true;
            diags.push(Diagnostic::at(
                Code::DateUnparseable,
                source,
                at(e.span()),
                format!("\"{}\" is not a review cycle", e.get_ref()),
                "write a number of years or months, e.g. \"1 year\", \"2 years\", \"6 months\" or \"termly\"",
            ));
        }
    }
    if let Some(n) = next {
        match next_review(n, config) {
            Ok((date, term)) => {
                dates.next = Some(date);
                dates.next_term = term;
            }
            Err((message, hint)) => {
                dates.unreadable = true;
                diags.push(Diagnostic::at(
                    Code::DateUnparseable,
                    source,
                    at(n.span()),
                    message,
                    hint,
                ));
            }
        }
    } else if let (Some(a), Some(c)) = (dates.approved, dates.cycle) {
        dates.next = c.after(a);
    }
    Some(dates)
}

fn next_review(
    value: &DateOrTerm,
    config: &Config,
) -> Result<(Date, Option<String>), (String, String)> {
    match value.get_ref() {
        toml::Value::Datetime(d) => toml_date(d).map(|d| (d, None)).ok_or_else(|| {
            (
                "`next_review` must be a date without a time".into(),
                "write the date only, e.g. next_review = 2027-03-12".into(),
            )
        }),
        toml::Value::String(s) => {
            if let Ok(d) = s.trim().parse::<Date>() {
                return Ok((d, None));
            }
            if let Some(t) = parse_term(s, &config.terms) {
                return Ok((t.ends, Some(s.trim().to_string())));
            }
            // "September 2027" (its last day) or "1 September 2027".
            if let Some(d) = parse_written_date(s) {
                return Ok((d, Some(s.trim().to_string())));
            }
            Err((
                format!("\"{s}\" is not a date or a school term"),
                term_hint(s, config),
            ))
        }
        other => Err((
            format!(
                "`next_review` must be a date or a term, not {}",
                other.type_str()
            ),
            "write a date (next_review = 2027-03-12) or a term in quotes (\"Autumn 2027\")".into(),
        )),
    }
}

/// Suggests the term the author probably meant, with the day it ends.
fn term_hint(text: &str, config: &Config) -> String {
    // "01/09/2027": both readings when the order is ambiguous.
    if let Some((_, hint)) = crate::base::date_mistakes::explain("next_review", text, false) {
        return format!("dates in figures are read differently in different countries: {hint}");
    }
    if let Some(iso) = crate::base::dates::day_month_year_numbers(text) {
        return format!(
            "dates in figures are read differently in different countries: write {iso} (year-month-day) if you mean {}",
            iso.parse::<Date>()
                .map(crate::base::dates::human_date)
                .unwrap_or_default()
        );
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let year = words.iter().find(|w| {
        w.get(..4)
            .and_then(|y| y.parse::<i16>().ok())
            .is_some_and(|y| (1900..=2999).contains(&y))
    });
    let season = words.first().and_then(|w| {
        crate::base::schema::closest(&w.to_lowercase(), ["autumn", "spring", "summer"])
    });
    if let (Some(season), Some(year)) = (season, year) {
        let guess = format!("{}{} {year}", season[..1].to_uppercase(), &season[1..]);
        if let Some(t) = parse_term(&guess, &config.terms) {
            let ends = crate::base::dates::human_date(t.ends);
            // "Spring 1 2027": a half term, whose dates differ from school
            // to school.
            if words.iter().any(|w| matches!(*w, "1" | "2" | "i" | "ii")) {
                return format!(
                    "half terms differ between schools: write the date itself (next_review = {}-02-12) or the whole term, \"{guess}\", which ends on {ends}",
                    t.ends.year()
                );
            }
            return format!("did you mean \"{guess}\"? That term ends on {ends}");
        }
    }
    let rule = |r: &str| {
        if r.eq_ignore_ascii_case("easter") {
            return "Easter Sunday".to_string();
        }
        crate::base::dates::month_day(r)
            .and_then(|(m, d)| Date::new(2024, m, d).ok())
            .map_or_else(
                || r.to_string(),
                |d| {
                    crate::base::dates::human_date(d)[..]
                        .trim_end_matches(" 2024")
                        .to_string()
                },
            )
    };
    format!(
        "write a date (next_review = 2027-03-12), a month (\"September 2027\") or a term and its year: \"Autumn 2027\" (ends {}), \"Spring 2028\" (ends {}), \"Summer 2028\" (ends {})",
        rule(&config.terms.autumn_end),
        rule(&config.terms.spring_end),
        rule(&config.terms.summer_end)
    )
}
