//! Dates as schools write them: review cycles ("2 years"), school terms
//! ("Autumn 2025") and when they end (`[terms]`), dates in words, TOML
//! dates, and each document's review status on a given day.

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use serde::Serialize;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// A review cycle such as "1 year", "2 years" or "6 months".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cycle {
    pub months: i32,
}

impl Cycle {
    /// Reads "1 year", "2 years", "18 months", "annually", "every 2 years",
    /// "3yrs", "termly" (a term is taken as 4 months: three to a year) and
    /// "triennially".
    pub(crate) fn parse(text: &str) -> Option<Cycle> {
        let lower = text.trim().to_lowercase().replace('-', " ");
        let lower = lower
            .trim_start_matches("every ")
            .trim_start_matches("each ")
            .trim_start_matches("once a ")
            .trim_start_matches("once every ");
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        // "3yrs", "18months": a number run into its unit.
        let split;
        if let [one] = words.as_slice()
            && let Some(at) = one.find(|c: char| !c.is_ascii_digit())
            && at > 0
        {
            split = [&one[..at], &one[at..]];
            words = split.to_vec();
        }
        let months = match words.as_slice() {
            ["annually" | "annual" | "yearly" | "year"] => 12,
            ["other", "year"] | ["biennially" | "biennial"] => 24,
            ["triennially" | "triennial"] => 36,
            ["termly" | "term"] => 4,
            ["half", "year" | "yearly"] | ["six", "monthly"] => 6,
            ["month" | "monthly"] => 1,
            [n, unit] => {
                let n = parse_count(n)?;
                match *unit {
                    "year" | "years" | "yr" | "yrs" => n.checked_mul(12)?,
                    "month" | "months" | "mth" | "mths" => n,
                    "term" | "terms" => n.checked_mul(4)?,
                    _ => return None,
                }
            }
            _ => return None,
        };
        (1..=120).contains(&months).then_some(Cycle { months })
    }

    pub(crate) fn after(self, date: Date) -> Option<Date> {
        date.checked_add(self.months.months()).ok()
    }

    /// "1 year", "18 months": how the cycle reads on a page.
    pub(crate) fn describe(self) -> String {
        if self.months % 12 == 0 {
            let y = self.months / 12;
            format!("{y} {}", if y == 1 { "year" } else { "years" })
        } else {
            format!(
                "{} {}",
                self.months,
                if self.months == 1 { "month" } else { "months" }
            )
        }
    }
}

fn parse_count(word: &str) -> Option<i32> {
    let named = ["one", "two", "three", "four", "five", "six"];
    if let Some(i) = named.iter().position(|n| *n == word) {
        return Some(i as i32 + 1);
    }
    word.parse().ok()
}

/// The three terms of an English school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Autumn,
    Spring,
    Summer,
}

/// A term name resolved to the day it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermEnd {
    pub season: Season,
    pub year: i16,
    pub ends: Date,
}

/// Reads "Autumn 2025", "spring term 2026", "Summer term, 2027" and the
/// academic-year forms "Autumn 2025/26" or "Spring 2025-26" (autumn falls in
/// the first calendar year, spring and summer in the second), then finds the
/// day that term ends from `[terms]`. `None` when the text is not a term.
pub(crate) fn parse_term(text: &str, terms: &Terms) -> Option<TermEnd> {
    let (season, year) = term_name(text)?;
    let ends = term_end(season, year, terms)?;
    Some(TermEnd { season, year, ends })
}

fn term_name(text: &str) -> Option<(Season, i16)> {
    let lower = text.trim().to_lowercase().replace([',', '.'], " ");
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "term" | "the" | "of" | "by" | "end"))
        .collect();
    let [season, year] = words.as_slice() else {
        return None;
    };
    let season = match *season {
        "autumn" | "michaelmas" | "fall" => Season::Autumn,
        "spring" | "lent" => Season::Spring,
        "summer" | "trinity" => Season::Summer,
        _ => return None,
    };
    Some((season, academic_year(year, season)?))
}

fn academic_year(text: &str, season: Season) -> Option<i16> {
    let (first, second) = match text.split_once(['/', '-', '–']) {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let first: i16 = first.parse().ok().filter(|y| (1900..=2999).contains(y))?;
    match second {
        None => Some(first),
        Some(b) => {
            // "2025/26" or "2025/2026": the second year must follow the first.
            let b: i16 = b.parse().ok()?;
            let second = if b < 100 { first / 100 * 100 + b } else { b };
            if second != first + 1 {
                return None;
            }
            Some(if season == Season::Autumn {
                first
            } else {
                second
            })
        }
    }
}

fn term_end(season: Season, year: i16, terms: &Terms) -> Option<Date> {
    // An exact date in [terms.ends] wins over the yearly rule.
    if let Some(date) = terms
        .ends
        .iter()
        .find(|(name, _)| term_name(name) == Some((season, year)))
        .map(|(_, date)| *date)
    {
        return Some(date);
    }
    let rule = match season {
        Season::Autumn => &terms.autumn_end,
        Season::Spring => &terms.spring_end,
        Season::Summer => &terms.summer_end,
    };
    if rule.eq_ignore_ascii_case("easter") {
        return easter_sunday(year);
    }
    let (month, day) = month_day(rule)?;
    Date::new(year, month, day).ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's number from its name or a usual abbreviation ("Sept", "Dec").
fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| *m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept")))?;
    i8::try_from(index + 1).ok()
}

/// Reads dates written in words, as school documents often give them:
/// "September 2027" and "2027-09" mean the last day of that month (a review
/// due in September is late only once September is over); "1 September
/// 2027", "1st Sept 2027" and "September 1, 2027" mean that day.
pub(crate) fn parse_written_date(text: &str) -> Option<Date> {
    let lower = text.trim().to_lowercase().replace(',', " ");
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "by" | "the" | "end" | "of" | "in"))
        .collect();
    let year = |w: &str| w.parse::<i16>().ok().filter(|y| (1900..=2999).contains(y));
    let day = |w: &str| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<i8>()
            .ok()
            .filter(|_| {
                let suffix = w.trim_start_matches(|c: char| c.is_ascii_digit());
                matches!(suffix, "" | "st" | "nd" | "rd" | "th")
            })
    };
    let last_day = |y: i16, m: i8| Date::new(y, m, 1).ok().map(Date::last_of_month);
    match words.as_slice() {
        [single] => {
            let (y, m) = single.split_once('-')?;
            if m.len() != 2 {
                return None;
            }
            last_day(year(y)?, m.parse().ok().filter(|m| (1..=12).contains(m))?)
        }
        [m, y] => last_day(year(y)?, month_number(m)?),
        // "1 September 2027" or "September 1 2027".
        [first, second, y] => {
            let (d, m) = match month_number(second) {
                Some(m) => (day(first)?, m),
                None => (day(second)?, month_number(first)?),
            };
            Date::new(year(y)?, m, d).ok()
        }
        _ => None,
    }
}

/// Recognises "01/09/2027" or "1.9.2027" (day first, as in the UK) and
/// gives the ISO form to suggest; such dates are never guessed silently.
pub(crate) fn day_month_year_numbers(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m, y): (i8, i8, i16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let y = if y < 100 { 2000 + y } else { y };
    Date::new(y, m, d).ok().map(|date| date.to_string())
}

/// Reads "MM-DD".
pub(crate) fn month_day(text: &str) -> Option<(i8, i8)> {
    let (m, d) = text.trim().split_once('-')?;
    let (m, d): (i8, i8) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 is a leap year, so 02-29 is accepted as a rule.
    Date::new(2024, m, d).ok().map(|_| (m, d))
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian
/// algorithm, also known as Meeus/Jones/Butcher).
pub(crate) fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).ok()
}

/// Where a document stands on its review on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    Overdue,
    DueSoon,
    Current,
    /// No review date could be worked out.
    Unknown,
}

impl Status {
    pub(crate) fn of(next_review: Option<Date>, today: Date, due_soon_days: u32) -> Status {
        let Some(next) = next_review else {
            return Status::Unknown;
        };
        if next < today {
            Status::Overdue
        } else if today
            .checked_add(Span::new().days(i64::from(due_soon_days)))
            .is_ok_and(|limit| next <= limit)
        {
            Status::DueSoon
        } else {
            Status::Current
        }
    }

    /// The words shown on the site: status is always said in text, never by
    /// colour alone.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Overdue for review",
            Status::DueSoon => "Review due soon",
            Status::Current => "Up to date",
            Status::Unknown => "No review date",
        }
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::Current => "current",
            Status::Unknown => "unknown",
        }
    }
}

/// "12 March 2026": how dates read on the site (British order, no ordinals).
pub(crate) fn human_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[(date.month() - 1) as usize],
        date.year()
    )
}

/// When school terms end, so that "next review: Autumn 2025" has a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Terms {
    /// Month and day the autumn term ends, `"MM-DD"`.
    #[serde(default = "default_autumn_end")]
    pub autumn_end: String,
    /// `"easter"` (Easter Sunday of that year) or `"MM-DD"`.
    #[serde(default = "default_spring_end")]
    pub spring_end: String,
    #[serde(default = "default_summer_end")]
    pub summer_end: String,
    /// Exact end dates for particular terms, e.g. `"Spring 2026" = 2026-03-27`.
    #[serde(default, deserialize_with = "dates_by_name")]
    pub ends: BTreeMap<String, Date>,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            autumn_end: default_autumn_end(),
            spring_end: default_spring_end(),
            summer_end: default_summer_end(),
            ends: BTreeMap::new(),
        }
    }
}

fn default_autumn_end() -> String {
    "12-31".into()
}
fn default_spring_end() -> String {
    "easter".into()
}
fn default_summer_end() -> String {
    "07-31".into()
}

/// TOML dates arrive as `toml::value::Datetime`; Charter works in jiff dates.
pub(crate) fn toml_date(d: &toml::value::Datetime) -> Option<Date> {
    match (d.date, d.time) {
        (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8).ok(),
        _ => None,
    }
}

fn dates_by_name<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Date>, D::Error> {
    let raw = BTreeMap::<String, toml::value::Datetime>::deserialize(d)?;
    raw.into_iter()
        .map(|(name, value)| {
            toml_date(&value)
                .map(|date| (name.clone(), date))
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("`{name}` needs a date like 2026-03-27"))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn cycles() {
        assert_eq!(Cycle::parse("1 year"), Some(Cycle { months: 12 }));
        assert_eq!(Cycle::parse("2 Years"), Some(Cycle { months: 24 }));
        assert_eq!(Cycle::parse("6 months"), Some(Cycle { months: 6 }));
        assert_eq!(Cycle::parse("every two years"), Some(Cycle { months: 24 }));
        assert_eq!(Cycle::parse("annually"), Some(Cycle { months: 12 }));
        for (text, months) in [
            ("3yrs", 36),
            ("2 yr", 24),
            ("18months", 18),
            ("6 mths", 6),
            ("termly", 4),
            ("every term", 4),
            ("2 terms", 8),
            ("Triennially", 36),
            ("every other year", 24),
            ("half-yearly", 6),
            ("once a year", 12),
            ("each year", 12),
        ] {
            assert_eq!(Cycle::parse(text), Some(Cycle { months }), "{text}");
        }
        for text in ["sometimes", "0 years", "11 years", "yrs3", "3 weeks"] {
            assert_eq!(Cycle::parse(text), None, "{text}");
        }
        assert_eq!(Cycle::parse("soon"), None);
        assert_eq!(Cycle::parse("0 years"), None);
        assert_eq!(
            Cycle { months: 24 }.after(date(2024, 2, 29)),
            Some(date(2026, 2, 28))
        );
        assert_eq!(Cycle { months: 18 }.describe(), "18 months");
    }

    #[test]
    fn terms_resolve_to_their_last_day() {
        let t = Terms::default();
        assert_eq!(
            parse_term("Autumn 2025", &t).unwrap().ends,
            date(2025, 12, 31)
        );
        assert_eq!(
            parse_term("spring term 2026", &t).unwrap().ends,
            date(2026, 4, 5)
        );
        assert_eq!(
            parse_term("Summer Term, 2027", &t).unwrap().ends,
            date(2027, 7, 31)
        );
        assert_eq!(
            parse_term("Spring 2025/26", &t).unwrap().ends,
            date(2026, 4, 5)
        );
        assert_eq!(
            parse_term("Autumn 2025-26", &t).unwrap().ends,
            date(2025, 12, 31)
        );
        assert!(parse_term("Autumn 2025/27", &t).is_none());
        assert!(parse_term("Winter 2025", &t).is_none());
        assert!(parse_term("Autumn", &t).is_none());
    }

    #[test]
    fn exact_term_dates_override_the_rule() {
        let mut t = Terms::default();
        t.ends.insert("Spring 2026".into(), date(2026, 3, 27));
        assert_eq!(
            parse_term("spring term 2026", &t).unwrap().ends,
            date(2026, 3, 27)
        );
        assert_eq!(
            parse_term("spring 2027", &t).unwrap().ends,
            date(2027, 3, 28)
        );
    }

    #[test]
    fn dates_written_in_words() {
        let d = |s: &str| parse_written_date(s).map(|d| d.to_string());
        assert_eq!(d("September 2026").as_deref(), Some("2026-09-30"));
        assert_eq!(d("Sept 2027").as_deref(), Some("2027-09-30"));
        assert_eq!(d("by end of Feb 2028").as_deref(), Some("2028-02-29"));
        assert_eq!(d("2027-09").as_deref(), Some("2027-09-30"));
        assert_eq!(d("1st September 2027").as_deref(), Some("2027-09-01"));
        assert_eq!(d("22 Jan 2027").as_deref(), Some("2027-01-22"));
        assert_eq!(d("September 1, 2027").as_deref(), Some("2027-09-01"));
        assert_eq!(d("31 June 2027"), None);
        assert_eq!(d("Autumn 2027"), None);
        assert_eq!(d("Ma 2027"), None);
        assert_eq!(d("2027-13"), None);
        assert_eq!(
            day_month_year_numbers("01/09/2027").as_deref(),
            Some("2027-09-01")
        );
        assert_eq!(day_month_year_numbers("September 2027"), None);
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    }

    #[test]
    fn status_on_a_day() {
        let today = date(2026, 11, 22);
        assert_eq!(
            Status::of(Some(date(2026, 11, 21)), today, 60),
            Status::Overdue
        );
        assert_eq!(
            Status::of(Some(date(2026, 11, 22)), today, 60),
            Status::DueSoon
        );
        assert_eq!(
            Status::of(Some(date(2027, 1, 21)), today, 60),
            Status::DueSoon
        );
        assert_eq!(
            Status::of(Some(date(2027, 1, 22)), today, 60),
            Status::Current
        );
        assert_eq!(Status::of(None, today, 60), Status::Unknown);
    }

    #[test]
    fn human_dates() {
        assert_eq!(human_date(date(2026, 3, 12)), "12 March 2026");
    }
}
