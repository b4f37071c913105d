//! Dates written the way people write them, in TOML, where only
//! `YYYY-MM-DD` without quotes is a date. `approved = 01/09/2026` is a
//! TOML syntax error ("string values must be quoted"); quoted, it is the
//! wrong type; `2026-09-31` is a syntax error too. Each is recognised
//! from the line's value and explained in one step: the ISO form with the
//! author's own date in it (both forms when the order is ambiguous), or
//! the number of days of that month. Used by `schema` for every TOML file
//! Charter reads, so config dates and `[[history]]` dates get it too.

use std::ops::Range;

use jiff::civil::Date;

use super::dates::{human_date, parse_written_date};

/// What to tell the author about a date-shaped value, and where it is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DateAdvice {
    /// The value's bytes within the line.
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Advice for the TOML line `line` (`key = value`, maybe with a comment)
/// when its value looks like a date that TOML cannot read as one. `None`
/// for a well-written date or a value that is no date.
pub(crate) fn advise(line: &str) -> Option<DateAdvice> {
    let (key_part, value_part) = line.split_once('=')?;
    let key = key_part.trim().trim_matches('"');
    let lead = value_part.len() - value_part.trim_start().len();
    let raw = value_part.trim_start();
    let raw = raw.split(" #").next().unwrap_or(raw).trim_end();
    let quoted = raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\''));
    let value = raw.trim_matches(['"', '\'']).trim();
    let start = key_part.len() + 1 + lead;
    let span = start..start + raw.len();
    let (message, hint) = explain(key, value, quoted)?;
    Some(DateAdvice {
        span,
        message,
        hint,
    })
}

/// Advice for a value of the wrong type at `span` in `text` (`"01/09/2026"`
/// where a date was expected), named by the key written before it, also
/// inside an inline table (`{ date = "01/09/2026", … }`).
pub(crate) fn advise_value(text: &str, span: Range<usize>) -> Option<DateAdvice> {
    let value = text.get(span.clone())?;
    let key = key_before(text, span.start)?;
    let quoted = value.starts_with(['"', '\'']);
    let (message, hint) = explain(key, value.trim_matches(['"', '\'']).trim(), quoted)?;
    Some(DateAdvice {
        span,
        message,
        hint,
    })
}

/// The key written just before the value at `at` (`key = value`).
pub(crate) fn key_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.trim_end().strip_suffix('=')?.trim_end();
    let key_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '"'))
        .map_or(0, |i| i + 1);
    Some(before[key_start..].trim_matches('"'))
}

/// The message and hint for `key = value` when `value` is shaped like a
/// date written another way than `YYYY-MM-DD` (`None` otherwise).
pub(crate) fn explain(key: &str, value: &str, quoted: bool) -> Option<(String, String)> {
    let written = if quoted {
        format!("{key} = \"{value}\"")
    } else {
        format!("{key} = {value}")
    };
    let iso = |d: Date| format!("{key} = {d}");
    let message = format!(
        "`{written}` is not a date Charter can read: write dates as YYYY-MM-DD, without quotes"
    );
    if let Some((y, m, d)) = numbers(value, true) {
        // Year first: one reading, unless the day does not exist.
        return Some(match Date::new(y, m, d) {
            Ok(date) if !quoted && date.to_string() == value => return None,
            Ok(date) => (message, format!("write {}", iso(date))),
            Err(_) => impossible_day(key, &written, y, m, d)?,
        });
    }
    if let Some((y, a, b)) = numbers(value, false) {
        let day_first = Date::new(y, b, a).ok();
        let month_first = Date::new(y, a, b).ok();
        let hint = match (day_first, month_first) {
            (Some(d), Some(m)) if d != m => format!(
                "write {} if you mean {}, or {} if you mean {}",
                iso(d),
                human_date(d),
                iso(m),
                human_date(m)
            ),
            (Some(d), _) | (None, Some(d)) => format!("write {} ({})", iso(d), human_date(d)),
            (None, None) => return impossible_day(key, &written, y, b, a),
        };
        return Some((message, hint));
    }
    // "1 September 2026" or "September 1, 2026": one day, in words.
    let has_day = value.split_whitespace().count() == 3;
    let date = parse_written_date(value).filter(|_| has_day)?;
    Some((
        message,
        format!("write {} ({})", iso(date), human_date(date)),
    ))
}

/// Three numbers separated by `/`, `.` or `-`, with a four-digit year
/// first (`year_first`) or last: (year, the other two in their order).
fn numbers(value: &str, year_first: bool) -> Option<(i16, i8, i8)> {
    let parts: Vec<&str> = value.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    let (year, x, y) = if year_first { (a, b, c) } else { (c, a, b) };
    if year.len() != 4 || x.len() > 2 || y.len() > 2 {
        return None;
    }
    Some((year.parse().ok()?, x.parse().ok()?, y.parse().ok()?))
}

/// `2026-09-31`: that month has fewer days, or there is no such month.
fn impossible_day(
    key: &str,
    written: &str,
    year: i16,
    month: i8,
    day: i8,
) -> Option<(String, String)> {
    let Ok(first) = Date::new(year, month, 1) else {
        return Some((
            format!("`{written}`: there is no month {month}"),
            "write dates as YYYY-MM-DD, year, then month (01 to 12), then day".to_string(),
        ));
    };
    let last = first.last_of_month();
    let month_name = human_date(first)
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    Some((
        format!(
            "`{written}`: {month_name} {year} has {} days, so day {day} does not exist",
            last.day()
        ),
        format!("check the date, e.g. {key} = {last} (the last day of {month_name})"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(line: &str) -> String {
        advise(line).map(|a| a.hint).unwrap_or_default()
    }

    #[test]
    fn ambiguous_dates_get_both_iso_forms() {
        assert_eq!(
            hint("approved = 01/09/2026"),
            "write approved = 2026-09-01 if you mean 1 September 2026, or approved = 2026-01-09 if you mean 9 January 2026"
        );
        assert_eq!(
            hint("approved = \"01/09/2026\""),
            hint("approved = 01/09/2026")
        );
        assert_eq!(
            hint("date = 1.9.2026 # AGM"),
            hint("date = 01-09-2026 # AGM")
        );
    }

    #[test]
    fn unambiguous_dates_get_one() {
        assert_eq!(
            hint("approved = 25/09/2026"),
            "write approved = 2026-09-25 (25 September 2026)"
        );
        assert_eq!(hint("approved = 09/25/2026"), hint("approved = 25/09/2026"));
        assert_eq!(hint("approved = 2026/09/01"), "write approved = 2026-09-01");
        assert_eq!(hint("approved = 2026-9-1"), "write approved = 2026-09-01");
        assert_eq!(
            hint("approved = \"2026-09-01\""),
            "write approved = 2026-09-01"
        );
        assert_eq!(
            hint("next_review = 1st September 2026"),
            "write next_review = 2026-09-01 (1 September 2026)"
        );
        assert_eq!(
            hint("prepared = 01/01/2026"),
            "write prepared = 2026-01-01 (1 January 2026)"
        );
    }

    #[test]
    fn impossible_days_say_how_many_days_the_month_has() {
        let a = advise("approved = 2026-09-31").unwrap();
        assert_eq!(
            a.message,
            "`approved = 2026-09-31`: September 2026 has 30 days, so day 31 does not exist"
        );
        assert_eq!(a.span, 11..21);
        assert!(
            advise("approved = 2027-02-29")
                .unwrap()
                .message
                .contains("February 2027 has 28 days")
        );
        assert!(
            advise("approved = 2026-13-01")
                .unwrap()
                .message
                .contains("no month 13")
        );
        assert!(
            advise("approved = 31/09/2026")
                .unwrap()
                .message
                .contains("September 2026 has 30 days")
        );
    }

    #[test]
    fn wrongly_typed_values_in_inline_tables() {
        let text = "history = [{ date = \"01/09/2026\", minute = \"4\" }]";
        let at = text.find('"').unwrap();
        let a = advise_value(text, at..at + 12).unwrap();
        assert!(
            a.hint.starts_with("write date = 2026-09-01 if you mean"),
            "{}",
            a.hint
        );
        assert_eq!(advise_value("title = 4", 8..9), None);
    }

    #[test]
    fn values_that_are_no_dates() {
        for line in [
            "title = \"Online safety\"",
            "reference = 7.1.2",
            "review_every = \"1 year\"",
            "next_review = \"Autumn 2026\"",
            "ages = \"11-14\"",
            "approved",
            "approved = 2026-09-01",
            "owners = [\"Head\"]",
            "next_review = \"September 2026\"",
        ] {
            assert_eq!(advise(line), None, "{line}");
        }
    }
}
