//! The review dates as an iCalendar feed (RFC 5545): one all-day event per
//! next review, with a reminder `[dashboard] reminder_days` before it.
//!
//! Written here rather than with a calendar crate because the output must
//! be reproducible byte for byte: DTSTAMP comes from the build day
//! (`--today` or `SOURCE_DATE_EPOCH`), never the clock. Lines are folded at
//! 75 octets on character boundaries and text is escaped as RFC 5545
//! section 3.3.11 says.
//!
//! A calendar that imported or subscribed to the file must update its
//! event when a document is re-approved, not add a second one: so a
//! document's UID is made of its id and the site's address only (never a
//! date), and SEQUENCE grows whenever the event moves. Builds keep no state
//! (CI builds a fresh, often shallow, clone), so SEQUENCE is worked out from
//! the front matter: see [`sequence`].

use jiff::civil::Date;

use super::{Kind, ReviewRow};
use crate::base::dates::human_date;
use crate::content::Site;

/// Content lines longer than this many octets are folded (RFC 5545 3.1).
const LINE_OCTETS: usize = 75;

/// The whole calendar, with CRLF line ends.
pub(crate) fn write(site: &Site, rows: &[ReviewRow], today: Date) -> String {
    let host = uid_domain(site);
    let reminder_days = site.config.dashboard.reminder_days;
    let mut cal = Calendar::default();
    cal.line("BEGIN:VCALENDAR");
    cal.line("VERSION:2.0");
    cal.line("PRODID:-//Charter//Policy review dates//EN");
    cal.line("CALSCALE:GREGORIAN");
    cal.line("METHOD:PUBLISH");
    let name = format!("{}: policy reviews", site.config.title);
    cal.property("X-WR-CALNAME", &text(&name));
    cal.property("NAME", &text(&name));
    cal.line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
    cal.line("X-PUBLISHED-TTL:P1D");
    let stamp = format!("{}T000000Z", compact(today));
    for row in rows {
        let Some(next) = row.next_review else {
            continue;
        };
        let Some(day_after) = next.tomorrow().ok() else {
            continue;
        };
        let changed = changed_on(row);
        cal.line("BEGIN:VEVENT");
        cal.property("UID", &text(&uid(&row.id, &host)));
        cal.property("SEQUENCE", &sequence(changed).to_string());
        cal.property("DTSTAMP", &stamp);
        // Never after the build day: a written review date is later.
        if let Some(day) = changed.map(|d| d.min(today)) {
            cal.property("LAST-MODIFIED", &format!("{}T000000Z", compact(day)));
        }
        cal.property("DTSTART;VALUE=DATE", &compact(next));
        cal.property("DTEND;VALUE=DATE", &compact(day_after));
        cal.property("SUMMARY", &text(&summary(row)));
        cal.property("DESCRIPTION", &text(&description(row, next)));
        if let Some(url) = &row.full_url {
            cal.property("URL", &uri(url));
        }
        cal.line("TRANSP:TRANSPARENT");
        if reminder_days > 0 {
            cal.line("BEGIN:VALARM");
            cal.line("ACTION:DISPLAY");
            let days = if reminder_days == 1 { "day" } else { "days" };
            cal.property(
                "DESCRIPTION",
                &text(&format!(
                    "{} is due for review in {reminder_days} {days}",
                    row.title
                )),
            );
            cal.property("TRIGGER", &format!("-P{reminder_days}D"));
            cal.line("END:VALARM");
        }
        cal.line("END:VEVENT");
    }
    cal.line("END:VCALENDAR");
    cal.out
}

/// The identifier of a document's next review: the same on every build
/// and across re-approvals (the review date is not part of it), so that a
/// calendar updates the event instead of adding another.
pub(crate) fn uid(id: &str, domain: &str) -> String {
    format!("review-{id}@{domain}")
}

/// The day from which [`sequence`] counts.
const SEQUENCE_EPOCH: Date = jiff::civil::date(2000, 1, 1);

/// The latest of the dates that set a document's review event: the day it
/// was approved (or last reviewed), and the next review date itself when
/// the front matter gives it rather than a review cycle working it out.
fn changed_on(row: &ReviewRow) -> Option<Date> {
    let written = row.next_review.filter(|_| row.next_written);
    row.approved.max(written)
}

/// SEQUENCE (RFC 5545 3.8.7.4), which a calendar compares to know that an
/// event it has is out of date: the number of whole days from 1 January
/// 2000 to [`changed_on`]. Re-approving a document, or writing a later
/// `next_review`, always raises it, with no state kept between builds.
/// (Moving a written `next_review` earlier without a new approval date
/// lowers it, so calendars may keep the old date: give the new `approved`
/// date too.) 0 when no date is known.
pub(crate) fn sequence(changed: Option<Date>) -> i64 {
    // A civil date's difference is in whole days, never larger units.
    changed.map_or(0, |day| i64::from((day - SEQUENCE_EPOCH).get_days().max(0)))
}

/// The `webcal://` address of the calendar file, which calendar apps
/// subscribe to (and check again for changes), when `base_url` is a public
/// web address: not for `localhost`, which a calendar service cannot reach.
pub(crate) fn subscribe_url(site: &Site, path: &str) -> Option<String> {
    let origin = site.config.origin();
    let (_, host) = origin.split_once("://")?;
    let name = host.split(':').next().unwrap_or(host).to_lowercase();
    let local = name.is_empty()
        || name == "localhost"
        || name.ends_with(".localhost")
        || name.starts_with("127.")
        || name == "[::1]";
    (!local).then(|| format!("webcal://{host}{path}"))
}

/// What follows `@` in a UID: the host of `base_url` (with its path, when
/// the site is published in a folder), or a name made from the school's
/// name under the reserved `.invalid` domain when the site has no address.
fn uid_domain(site: &Site) -> String {
    let origin = site.config.origin();
    let path = site.config.base_path();
    match origin.split_once("://") {
        Some((_, host)) if !host.is_empty() => {
            format!("{}{}", host.to_lowercase(), path.trim_end_matches('/'))
        }
        _ => {
            let slug = crate::content::slugify(&site.config.title);
            format!(
                "{}.invalid",
                if slug.is_empty() { "charter" } else { &slug }
            )
        }
    }
}

fn summary(row: &ReviewRow) -> String {
    match row.kind {
        Kind::Policy => format!("Policy review due: {}", row.title),
        Kind::Agreement => format!("Agreement review due: {}", row.title),
    }
}

fn description(row: &ReviewRow, next: Date) -> String {
    let mut lines = Vec::new();
    let what = match (row.kind, row.reference.is_empty()) {
        (Kind::Policy, true) => "policy".to_string(),
        (Kind::Policy, false) => format!("policy {}", row.reference),
        (Kind::Agreement, true) => "agreement".to_string(),
        (Kind::Agreement, false) => format!("agreement {}", row.reference),
    };
    let term = if row.next_review_term.is_empty() {
        String::new()
    } else {
        format!(" (the end of {})", row.next_review_term)
    };
    lines.push(format!(
        "{} ({what}) is due for review by {}{term}.",
        row.title,
        human_date(next)
    ));
    if row.statutory {
        lines.push("This is a statutory policy.".into());
    }
    if !row.owners.is_empty() {
        lines.push(format!("Responsible: {}", row.owners.join(", ")));
    }
    if !row.approved_by.is_empty() {
        lines.push(format!("Approved by: {}", row.approved_by));
    }
    if let Some(approved) = row.approved {
        lines.push(format!("Last approved: {}", human_date(approved)));
    }
    if !row.review_every.is_empty() {
        lines.push(format!("Review cycle: {}", row.review_every));
    }
    lines.push(format!(
        "Read it: {}",
        row.full_url.as_deref().unwrap_or(&row.url)
    ));
    lines.join("\n")
}

/// `20261122`: the DATE form.
fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks; other control characters are not allowed and are dropped.
pub(crate) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    // The start of the characters not yet copied: runs of characters kept
    // as they are go in whole.
    let mut kept = 0;
    for (at, c) in value.char_indices() {
        let escaped = match c {
            '\\' => "\\\\",
            ';' => "\\;",
            ',' => "\\,",
            '\n' => "\\n",
            '\t' => continue,
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(&value[kept..at]);
        out.push_str(escaped);
        kept = at + c.len_utf8();
    }
    out.push_str(&value[kept..]);
    out
}

/// A URI value: characters outside URI syntax (non-ASCII letters of an
/// id, spaces) are percent-encoded as UTF-8.
fn uri(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_ascii_graphic()
            && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[derive(Default)]
struct Calendar {
    out: String,
}

impl Calendar {
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// Adds a content line, folded so that no line is longer than 75
    /// octets (a continuation line starts with one space, counted in its
    /// 75), never inside a UTF-8 character.
    fn line(&mut self, line: &str) {
        fold(line, &mut self.out);
    }
}

pub(crate) fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        // As many whole characters as fit: a character is at most four
        // octets, so some always do.
        let mut end = room;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&rest[..end]);
        out.push_str("\r\n ");
        rest = &rest[end..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let mut out = String::new();
        fold(&line, &mut out);
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 1);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "{i}: {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        // Unfolding gives the line back.
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, line);
        // A line of exactly 75 octets stays whole.
        let mut out = String::new();
        fold(&"x".repeat(75), &mut out);
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
    }

    /// RFC 5545's folding one character at a time, as `fold` must fold
    /// whatever the widths of the characters.
    fn fold_by_character(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > LINE_OCTETS {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out + "\r\n"
    }

    #[test]
    fn folds_characters_of_every_width_as_one_at_a_time() {
        for n in 0..200 {
            let line: String = "aé€😀".chars().cycle().skip(n % 4).take(n).collect();
            let mut out = String::new();
            fold(&line, &mut out);
            assert_eq!(out, fold_by_character(&line), "{n} characters");
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a, b; c\\d\nnext\u{7}"), "a\\, b\\; c\\\\d\\nnext");
        assert_eq!(text("tab\there é,\r"), "tab\there é\\,");
        assert_eq!(
            uri("https://x.org/policies/über uns/"),
            "https://x.org/policies/%C3%BCber%20uns/"
        );
    }

    #[test]
    fn uids_are_stable() {
        assert_eq!(
            uid("online-safety", "www.school.example"),
            "review-online-safety@www.school.example"
        );
    }

    #[test]
    fn sequence_counts_days_to_the_latest_date_that_set_the_event() {
        use jiff::civil::date;
        assert_eq!(sequence(None), 0);
        assert_eq!(sequence(Some(date(2000, 1, 1))), 0);
        assert_eq!(sequence(Some(date(2000, 1, 2))), 1);
        assert_eq!(sequence(Some(date(1999, 6, 1))), 0);
        assert_eq!(sequence(Some(date(2026, 9, 1))), 9740);
        let mut row = super::super::tests::row("A", Some(date(2027, 9, 1)), date(2026, 11, 22));
        row.approved = Some(date(2026, 9, 1));
        // A review date worked out from a cycle follows the approval.
        assert_eq!(changed_on(&row), Some(date(2026, 9, 1)));
        // One written in the front matter counts itself.
        row.next_written = true;
        assert_eq!(changed_on(&row), Some(date(2027, 9, 1)));
        row.approved = None;
        assert_eq!(changed_on(&row), Some(date(2027, 9, 1)));
    }
}
