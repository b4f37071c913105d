//! The review calendar follows re-approvals (issue 16, point 4): a
//! document's event keeps its UID when its date moves, and its SEQUENCE
//! grows, so a calendar that imported or subscribed to the file updates the
//! event instead of keeping a stale one beside a new one. Read back with a
//! real iCalendar parser (the `ical` crate).

mod common;

use std::collections::{HashMap, HashSet};

use common::Site;

const ICS: &str = "public/governors/reviews/reviews.ics";
const DASHBOARD: &str = "public/governors/reviews/index.html";

/// One event as a calendar sees it.
#[derive(Debug, Clone, PartialEq)]
struct Event {
    uid: String,
    sequence: u64,
    start: String,
    summary: String,
}

/// The events of the file, by UID; fails on a UID used twice.
fn events(ics: &str) -> HashMap<String, Event> {
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let cal = parser.next().expect("a calendar").expect("valid iCalendar");
    assert!(parser.next().is_none(), "one calendar");
    let mut out = HashMap::new();
    for e in &cal.events {
        let one = |name: &str| {
            let found: Vec<_> = e.properties.iter().filter(|p| p.name == name).collect();
            assert_eq!(found.len(), 1, "one {name} in {:?}", e.properties);
            found[0].value.clone().unwrap_or_default()
        };
        let event = Event {
            uid: one("UID"),
            sequence: one("SEQUENCE").parse().expect("SEQUENCE is a number"),
            start: one("DTSTART"),
            summary: one("SUMMARY"),
        };
        let uid = event.uid.clone();
        assert!(out.insert(uid.clone(), event).is_none(), "UID {uid} twice");
    }
    out
}

fn event_for<'a>(events: &'a HashMap<String, Event>, title: &str) -> &'a Event {
    let found: Vec<&Event> = events
        .values()
        .filter(|e| e.summary.ends_with(title))
        .collect();
    assert_eq!(found.len(), 1, "one event for {title}");
    found[0]
}

/// `approved = …` (and `next_review = …`, when given) in a policy's front
/// matter replaced: a re-approval.
fn reapprove(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has {from}");
    site.write(rel, text.replacen(from, to, 1));
}

#[test]
fn a_reapproved_policy_keeps_its_uid_and_its_sequence_grows() {
    let s = Site::example();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = events(&s.read(ICS));
    assert!(before.len() > 10, "{} events", before.len());

    // A review date worked out from `review_every`, and one written as a
    // term in `next_review`.
    let complaints = event_for(&before, "Complaints procedure").clone();
    let online = event_for(&before, "Online safety").clone();
    assert_eq!(complaints.start, "20270318");
    assert_eq!(online.start, "20271231");
    for e in [&complaints, &online] {
        assert!(!e.uid.contains(&e.start), "no date in the UID: {}", e.uid);
    }
    reapprove(
        &s,
        "content/policies/complaints.md",
        "approved = 2026-03-18",
        "approved = 2026-11-20",
    );
    reapprove(
        &s,
        "content/policies/online-safety.md",
        "approved = 2026-09-17\nreview_every = \"1 year\"\nnext_review = \"Autumn 2027\"",
        "approved = 2026-11-21\nreview_every = \"1 year\"\nnext_review = \"Autumn 2028\"",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = events(&s.read(ICS));
    assert_eq!(
        after.keys().collect::<HashSet<_>>(),
        before.keys().collect::<HashSet<_>>(),
        "the same events: none added, none lost"
    );
    for (old, title, start) in [
        (&complaints, "Complaints procedure", "20271120"),
        (&online, "Online safety", "20281231"),
    ] {
        let new = event_for(&after, title);
        assert_eq!(new.uid, old.uid, "{title}");
        assert_eq!(new.start, start, "{title}");
        assert!(
            new.sequence > old.sequence,
            "{title}: SEQUENCE {} after {}",
            new.sequence,
            old.sequence
        );
    }
    // Events that did not change keep their SEQUENCE.
    for (uid, e) in &before {
        if ![&complaints.uid, &online.uid].contains(&uid) {
            assert_eq!(after[uid], *e);
        }
    }

    // Moving only a written review date later raises it too.
    reapprove(
        &s,
        "content/policies/online-safety.md",
        "next_review = \"Autumn 2028\"",
        "next_review = 2029-03-31",
    );
    assert_eq!(s.build().code, 0);
    let later = events(&s.read(ICS));
    let moved = event_for(&later, "Online safety");
    assert_eq!(moved.start, "20290331");
    assert!(moved.sequence > event_for(&after, "Online safety").sequence);
}

#[test]
fn the_dashboard_offers_a_subscription_to_the_same_file() {
    let s = Site::example();
    assert_eq!(s.build().code, 0);
    let html = scraper::Html::parse_document(&s.read(DASHBOARD));
    let links: Vec<(String, String)> = html
        .select(&scraper::Selector::parse(".review-downloads a").unwrap())
        .map(|a| {
            (
                a.value().attr("href").unwrap_or_default().to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    let download = links
        .iter()
        .find(|(href, _)| href.ends_with(".ics") && href.starts_with('/'))
        .expect("a download link");
    let webcal = links
        .iter()
        .find(|(href, _)| href.starts_with("webcal://"))
        .expect("a webcal link");
    assert_eq!(
        webcal.0,
        format!("webcal://www.elmbrook-valley.example.sch.uk{}", download.0)
    );
    assert!(webcal.1.contains("Subscribe"), "{}", webcal.1);

    // In a folder of a larger website, the folder is in both the link and
    // the UIDs.
    let config = s.read("charter.toml").replace(
        "base_url = \"https://www.elmbrook-valley.example.sch.uk\"",
        "base_url = \"https://www.elmbrook-valley.example.sch.uk/policies/\"",
    );
    s.write("charter.toml", config);
    assert_eq!(s.build().code, 0);
    assert!(s.read(DASHBOARD).contains(
        "href=\"webcal://www.elmbrook-valley.example.sch.uk/policies/governors/reviews/reviews.ics\""
    ));
    for uid in events(&s.read(ICS)).keys() {
        assert!(
            uid.ends_with("@www.elmbrook-valley.example.sch.uk/policies"),
            "{uid}"
        );
    }

    // A calendar service cannot reach localhost: no subscription link.
    let config = s.read("charter.toml").replace(
        "https://www.elmbrook-valley.example.sch.uk/policies/",
        "http://localhost:8000/",
    );
    s.write("charter.toml", config);
    assert_eq!(s.build().code, 0);
    let html = s.read(DASHBOARD);
    assert!(!html.contains("webcal:"));
    assert!(html.contains("reviews.ics"));
}
