//! The governors' review dashboard, its CSV and iCalendar files, version
//! history checks and "what changed" pages (issue 8).

mod common;

use std::path::Path;
use std::process::Command;

use common::{Site, TODAY, git};
use scraper::{ElementRef, Html, Selector};

const DASHBOARD: &str = "public/governors/reviews/";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The words of an element as a screen reader hears them: without the
/// column names that cells show only when the table is laid out as cards
/// (they are `aria-hidden`).
fn text(el: ElementRef) -> String {
    el.descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            !n.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|e| e.value().attr("aria-hidden") == Some("true"))
        })
        .map(|(_, t)| &**t)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row of the dashboard table, as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    title: String,
    kind: String,
    reference: String,
    status: String,
    /// `<time datetime>` of the next review.
    next_review: String,
    statutory: String,
}

fn dashboard_rows(html: &str) -> Vec<Row> {
    let doc = Html::parse_document(html);
    doc.select(&sel("table.dashboard-table tbody tr"))
        .map(|tr| {
            let cells: Vec<ElementRef> = tr.select(&sel("th, td")).collect();
            assert_eq!(cells.len(), 10, "{}", tr.html());
            Row {
                title: text(cells[0]),
                kind: text(cells[3]),
                reference: text(cells[4]),
                status: cells[2]
                    .select(&sel(".status"))
                    .next()
                    .map(text)
                    .unwrap_or_default(),
                next_review: cells[1]
                    .select(&sel("time"))
                    .next()
                    .and_then(|t| t.value().attr("datetime"))
                    .unwrap_or_default()
                    .to_string(),
                statutory: text(cells[9]),
            }
        })
        .collect()
}

fn urgency(status: &str) -> u8 {
    match status {
        "Overdue for review" => 0,
        "No review date" => 1,
        "Review due soon" => 2,
        "Up to date" => 3,
        other => panic!("unknown status {other}"),
    }
}

fn md_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            // A translation (`x.pl.md`) is not a row of its own: it is
            // reviewed with its source.
            let translation = name
                .strip_suffix(".md")
                .is_some_and(|stem| stem.contains('.'));
            name.ends_with(".md") && name != "_index.md" && !translation
        })
        .count()
}

#[test]
fn dashboard_lists_the_example_most_urgent_first() {
    let s = Site::example();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.read(&format!("{DASHBOARD}index.html"));
    let rows = dashboard_rows(&html);
    let expected =
        md_count(&s.path().join("content/policies")) + md_count(&s.path().join("agreements"));
    assert_eq!(rows.len(), expected);

    // On 22 November 2026: one overdue (114 days), two due within 60 days.
    let first: Vec<(&str, &str)> = rows
        .iter()
        .take(4)
        .map(|r| (r.title.as_str(), r.status.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            ("Photography and images of pupils", "Overdue for review"),
            ("Anti-bullying", "Review due soon"),
            ("Mobile phones and personal devices", "Review due soon"),
            ("Whistleblowing", "Up to date"),
        ]
    );
    // The whole table: by urgency, then by review date.
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let key = |r: &Row| (urgency(&r.status), r.next_review.clone());
        assert!(key(a) <= key(b), "{a:?} before {b:?}");
    }
    assert!(rows.iter().any(|r| r.kind == "Agreement"));
    assert_eq!(
        rows.iter()
            .find(|r| r.title == "Anti-bullying")
            .unwrap()
            .statutory,
        "Yes"
    );

    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    let caption = text(
        doc.select(&sel("table.dashboard-table caption"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        caption,
        format!("{expected} policies and agreements, most urgent first")
    );
    assert!(
        doc.select(&sel("thead th"))
            .all(|th| th.value().attr("scope") == Some("col"))
    );
    assert!(
        doc.select(&sel("tbody th"))
            .all(|th| th.value().attr("scope") == Some("row"))
    );
    assert!(doc.select(&sel("script")).next().is_none());
    let counts: Vec<String> = doc.select(&sel(".review-counts li")).map(text).collect();
    assert_eq!(
        counts[..3],
        [
            "1 overdue for review".to_string(),
            "2 due for review within 60 days".to_string(),
            format!("{} up to date", expected - 3),
        ]
    );
    // Linked from the policies index; links to its two files.
    assert!(
        s.read("public/policies/index.html")
            .contains("href=\"/governors/reviews/\"")
    );
    assert!(html.contains("href=\"/governors/reviews/reviews.csv\""));
    assert!(html.contains("href=\"/governors/reviews/reviews.ics\""));
    // Without git there are no "what changed" pages.
    assert!(
        !s.path()
            .join("public/policies/online-safety/changes")
            .exists()
    );
}

#[test]
fn csv_parses_back_to_the_dashboard_rows() {
    let s = Site::example();
    assert_eq!(s.build().code, 0);
    let rows = dashboard_rows(&s.read(&format!("{DASHBOARD}index.html")));
    let bytes = std::fs::read(s.path().join(format!("{DASHBOARD}reviews.csv"))).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "every line ends with CRLF"
    );

    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..12],
        [
            "Title",
            "Type",
            "Reference",
            "Responsible",
            "Approved by",
            "Last approved",
            "Review cycle",
            "Next review",
            "Review term",
            "Status",
            "Days until review",
            "Statutory"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let from_csv: Vec<Row> = records
        .iter()
        .map(|r| Row {
            title: r[0].to_string(),
            kind: r[1].to_string(),
            reference: r[2].to_string(),
            status: r[9].to_string(),
            next_review: r[7].to_string(),
            statutory: r[11].to_string(),
        })
        .collect();
    assert_eq!(from_csv, rows);
    let photography = &records[0];
    assert_eq!(&photography[10], "-114");
    assert_eq!(&photography[8], "Summer 2026");
    assert_eq!(
        &photography[13],
        "https://www.elmbrook-valley.example.sch.uk/policies/photography-and-images/"
    );
}

fn ics_properties<'a>(
    props: &'a [ical::property::Property],
    name: &str,
) -> Vec<&'a ical::property::Property> {
    props.iter().filter(|p| p.name == name).collect()
}

fn uids(ics: &str) -> Vec<String> {
    let cal = ical::IcalParser::new(ics.as_bytes())
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    cal.events
        .iter()
        .map(|e| {
            ics_properties(&e.properties, "UID")[0]
                .value
                .clone()
                .unwrap()
        })
        .collect()
}

#[test]
fn icalendar_feed_is_valid_and_stable() {
    let s = Site::example();
    assert_eq!(s.build().code, 0);
    let rows = dashboard_rows(&s.read(&format!("{DASHBOARD}index.html")));
    let ics = s.read(&format!("{DASHBOARD}reviews.ics"));

    // RFC 5545 3.1: CRLF line ends, no line longer than 75 octets.
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }

    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let cal = parser.next().expect("a calendar").expect("valid iCalendar");
    assert!(parser.next().is_none(), "exactly one calendar");
    let version = ics_properties(&cal.properties, "VERSION");
    assert_eq!(version[0].value.as_deref(), Some("2.0"));
    assert_eq!(cal.events.len(), rows.len(), "one event per next review");

    for (event, row) in cal.events.iter().zip(&rows) {
        let one = |name: &str| {
            let found = ics_properties(&event.properties, name);
            assert_eq!(found.len(), 1, "{name} in {:?}", event.properties);
            found[0].clone()
        };
        let start = one("DTSTART");
        assert_eq!(
            start.params,
            Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
        );
        assert_eq!(
            start.value.unwrap(),
            row.next_review.replace('-', ""),
            "{}",
            row.title
        );
        assert_eq!(
            one("DTEND").params,
            Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
        );
        assert_eq!(one("DTSTAMP").value.as_deref(), Some("20261122T000000Z"));
        let unescape = |v: String| v.replace("\\,", ",").replace("\\;", ";");
        assert!(unescape(one("SUMMARY").value.unwrap()).ends_with(&row.title));
        let url = one("URL").value.unwrap();
        assert!(url.starts_with("https://www.elmbrook-valley.example.sch.uk/"));
        assert!(one("DESCRIPTION").value.unwrap().contains(&url));
        // The UID names the document, never its date (which moves when it
        // is re-approved: see tests/calendar.rs).
        let uid = one("UID").value.unwrap();
        assert!(
            uid.starts_with("review-")
                && uid.ends_with("@www.elmbrook-valley.example.sch.uk")
                && !uid.contains(&row.next_review.replace('-', "")),
            "{uid}"
        );
        assert_eq!(event.alarms.len(), 1);
        let trigger = ics_properties(&event.alarms[0].properties, "TRIGGER");
        assert_eq!(trigger[0].value.as_deref(), Some("-P14D"));
    }

    // A second build, on another day: the same UIDs, a new DTSTAMP.
    let first = uids(&ics);
    let mut sorted = first.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), first.len(), "UIDs are unique");
    let run = s.run(&["build", "--today", "2026-12-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = s.read(&format!("{DASHBOARD}reviews.ics"));
    let mut second = uids(&again);
    second.sort();
    assert_eq!(second, sorted);
    assert!(again.contains("DTSTAMP:20261201T000000Z"));
    // And the same day twice gives the same bytes.
    assert_eq!(s.build().code, 0);
    assert_eq!(s.read(&format!("{DASHBOARD}reviews.ics")), ics);
}

/// A small site with one band and `files`.
fn small_site(config_extra: &str, files: &[(&str, &str)]) -> Site {
    let s = Site::empty();
    s.write(
        "charter.toml",
        format!(
            "title = \"Zoë's School\"\nbase_url = \"https://school.example\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\nyears = [\"Year 1\"]\n{config_extra}"
        ),
    );
    s.write(
        "agreements/pupils-ks1.md",
        "+++\ntitle = \"KS1\"\naudience = \"pupils\"\nband = \"ks1\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind.\n",
    );
    for (path, text) in files {
        s.write(path, text);
    }
    s
}

#[test]
fn dashboard_path_publish_and_reminders_are_configurable() {
    let policy = "+++\ntitle = \"Zoë's policy; with, commas\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nText.\n";
    let s = small_site(
        "[dashboard]\npath = \"board/reviews\"\nreminder_days = 0\n",
        &[("content/policies/zoe.md", policy)],
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.path().join("public/governors").exists());
    let ics = s.read("public/board/reviews/reviews.ics");
    assert!(!ics.contains("VALARM"), "reminder_days = 0: no reminders");
    assert!(ics.contains("SUMMARY:Policy review due: Zoë's policy\\; with\\, commas\r\n"));
    let csv_bytes = std::fs::read(s.path().join("public/board/reviews/reviews.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(titles, ["KS1", "Zoë's policy; with, commas"]);

    let s = small_site(
        "[dashboard]\npublish = false\n",
        &[("content/policies/zoe.md", policy)],
    );
    assert_eq!(s.build().code, 0);
    assert!(!s.path().join("public/governors").exists());
    assert!(
        !s.read("public/policies/index.html")
            .contains("review dashboard")
    );

    let s = small_site("[dashboard]\npath = \"../up\"\n", &[]);
    let run = s.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("dashboard.path"), "{}", run.stderr);
}

fn check_json(s: &Site) -> serde_json::Value {
    let run = s.run(&["check", "--format", "json", "--today", TODAY]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr))
}

fn findings(json: &serde_json::Value, code: &str) -> Vec<(String, u64, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn history_out_of_order_or_behind_approved_is_reported_at_the_entry() {
    let out_of_order = "+++\ntitle = \"Out of order\"\nowners = [\"Head\"]\napproved = 2026-09-17\nreview_every = \"1 year\"\n\n[[history]]\ndate = 2025-09-18\nsummary = \"Second\"\n\n[[history]]\ndate = 2024-09-19\nsummary = \"First\"\n\n[[history]]\ndate = 2026-09-17\nsummary = \"Third\"\n+++\n\nText.\n";
    let behind = "+++\ntitle = \"Behind\"\nowners = [\"Head\"]\napproved = 2026-09-17\nreview_every = \"1 year\"\n\n[[history]]\ndate = 2024-09-19\n\n[[history]]\ndate = 2025-09-18\n+++\n\nText.\n";
    let fine = "+++\ntitle = \"Fine\"\nowners = [\"Head\"]\napproved = 2026-09-17\nreview_every = \"1 year\"\n\n[[history]]\ndate = 2025-09-18\n\n[[history]]\ndate = 2026-09-17\n+++\n\nText.\n";
    let s = small_site(
        "",
        &[
            ("content/policies/out-of-order.md", out_of_order),
            ("content/policies/behind.md", behind),
            ("content/policies/fine.md", fine),
        ],
    );
    let json = check_json(&s);
    assert_eq!(
        findings(&json, "history-inconsistent"),
        [
            (
                "content/policies/behind.md".to_string(),
                11,
                "warning".to_string()
            ),
            (
                "content/policies/out-of-order.md".to_string(),
                12,
                "warning".to_string()
            ),
        ]
    );
    // Warnings only: the report goes to standard output.
    let run = s.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "warning[history-inconsistent]: this `history` entry, 19 September 2024, comes after the entry of 18 September 2025"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("--> content/policies/out-of-order.md:12:8"),
        "{}",
        run.stdout
    );
    // A warning: the site still builds, and shows the history newest first.
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = Html::parse_document(&s.read("public/policies/out-of-order/index.html"));
    let dates: Vec<String> = doc
        .select(&sel(".history tbody tr td:first-child time"))
        .map(|t| t.value().attr("datetime").unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2026-09-17", "2025-09-18", "2024-09-19"]);
}

fn has_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn versioned_policy(approved: &str, history: &[&str], sentence: &str) -> String {
    let history: String = history
        .iter()
        .map(|d| format!("\n[[history]]\ndate = {d}\napproved_by = \"Governing Body\"\n"))
        .collect();
    format!(
        "+++\ntitle = \"Online safety\"\nowners = [\"Designated Safeguarding Lead\"]\napproved = {approved}\nreview_every = \"1 year\"\n{history}+++\n\n## Filtering\n\n{sentence} Every alert is read by the safeguarding team.\n\n## Reporting\n\nTell a trusted adult.\n"
    )
}

#[test]
fn what_changed_pages_compare_with_the_previous_approval_in_git() {
    // Never a silent skip: the feature is what is under test.
    assert!(has_git(), "this test needs the `git` program");
    let s = small_site("", &[]);
    let dir = s.path();
    let file = "content/policies/online-safety.md";
    common::git_init(dir, "2025-09-18T12:00:00Z");
    s.write(
        file,
        versioned_policy(
            "2025-09-18",
            &["2025-09-18"],
            "The filtering logs are checked every week.",
        ),
    );
    git(dir, &["add", "."], "2025-09-18T12:00:00Z");
    git(
        dir,
        &["commit", "-q", "-m", "Approved 2025"],
        "2025-09-18T12:00:00Z",
    );
    // A later commit of the same approval: the newest one is compared.
    s.write(
        file,
        versioned_policy(
            "2025-09-18",
            &["2025-09-18"],
            "The filtering logs are checked every single week.",
        ),
    );
    git(
        dir,
        &["commit", "-q", "-a", "-m", "Typo"],
        "2025-10-01T12:00:00Z",
    );
    s.write(
        file,
        versioned_policy(
            "2026-09-17",
            &["2025-09-18", "2026-09-17"],
            "The filtering logs are checked every day by the IT lead.",
        ),
    );
    git(
        dir,
        &["commit", "-q", "-a", "-m", "Approved 2026"],
        "2026-09-17T12:00:00Z",
    );

    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = Html::parse_document(&s.read("public/policies/online-safety/index.html"));
    let link = policy
        .select(&sel("a[href=\"/policies/online-safety/changes/\"]"))
        .next()
        .expect("the policy page links to what changed");
    assert_eq!(
        text(link),
        "What changed since the version approved on 18 September 2025"
    );

    let html = s.read("public/policies/online-safety/changes/index.html");
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    let changes: Vec<ElementRef> = doc.select(&sel(".changes > li")).collect();
    assert_eq!(changes.len(), 1, "{html}");
    let change = changes[0];
    assert_eq!(
        text(change.select(&sel(".change__where")).next().unwrap()),
        "Changed in “Filtering”"
    );
    let removed: Vec<String> = change.select(&sel("del")).map(text).collect();
    let added: Vec<String> = change.select(&sel("ins")).map(text).collect();
    assert_eq!(removed, ["[removed: single week.]"]);
    assert_eq!(added, ["[added: day by the IT lead.]"]);
    let sentence = text(change.select(&sel(".change__text")).next().unwrap());
    assert!(
        sentence.starts_with("The filtering logs are checked every"),
        "{sentence}"
    );
    assert!(
        sentence.ends_with("Every alert is read by the safeguarding team."),
        "{sentence}"
    );

    // Reproducible: the same repository gives the same page.
    assert_eq!(s.build().code, 0);
    assert_eq!(
        s.read("public/policies/online-safety/changes/index.html"),
        html
    );
}

#[test]
fn what_changed_follows_a_policy_renamed_between_approvals() {
    assert!(has_git(), "this test needs the `git` program");
    let policy = |approved: &str, sentence: &str| versioned_policy(approved, &[], sentence);
    let (old, new) = (
        "content/policies/online-safety.md",
        "content/policies/staying-safe-online.md",
    );
    let s = small_site("", &[]);
    let dir = s.path();
    let commit = |message: &str, date: &str| {
        git(dir, &["add", "-A"], date);
        git(dir, &["commit", "-q", "-m", message], date);
    };
    common::git_init(dir, "2024-09-01T12:00:00Z");
    s.write(old, policy("2024-09-01", "Logs are checked every month."));
    commit("Approved 2024", "2024-09-01T12:00:00Z");
    s.write(old, policy("2025-09-18", "Logs are checked every week."));
    commit("Approved 2025", "2025-09-18T12:00:00Z");
    // Renamed with a small edit, then approved again under the new name.
    git(dir, &["mv", old, new], "2025-10-01T12:00:00Z");
    s.write(
        new,
        policy("2025-09-18", "Logs are checked every single week."),
    );
    commit("Renamed", "2025-10-01T12:00:00Z");
    s.write(new, policy("2026-09-17", "Logs are checked every day."));
    commit("Approved 2026", "2026-09-17T12:00:00Z");
    // A second policy renamed in the commit that approves it again: its
    // previous approval is only under its old name.
    let (before, after) = (
        "content/policies/filtering.md",
        "content/policies/web-filtering.md",
    );
    let filtering = |approved: &str, sentence: &str| {
        policy(approved, sentence).replace("Online safety", "Filtering")
    };
    s.write(
        before,
        filtering("2025-01-10", "Filters are updated every term."),
    );
    commit("Filtering 2025", "2025-01-10T12:00:00Z");
    git(dir, &["mv", before, after], "2026-10-01T12:00:00Z");
    s.write(
        after,
        filtering("2026-10-01", "Filters are updated every week."),
    );
    commit(
        "Filtering renamed and approved 2026",
        "2026-10-01T12:00:00Z",
    );

    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.read("public/policies/staying-safe-online/changes/index.html");
    let doc = Html::parse_document(&html);
    let intro = text(doc.select(&sel("main")).next().unwrap());
    assert!(intro.contains("18 September 2025"), "{intro}");
    let removed: Vec<String> = doc.select(&sel(".changes del")).map(text).collect();
    let added: Vec<String> = doc.select(&sel(".changes ins")).map(text).collect();
    assert_eq!(removed, ["[removed: single week.]"]);
    assert_eq!(added, ["[added: day.]"]);
    let html = s.read("public/policies/web-filtering/changes/index.html");
    let doc = Html::parse_document(&html);
    let intro = text(doc.select(&sel("main")).next().unwrap());
    assert!(intro.contains("10 January 2025"), "{intro}");
    let removed: Vec<String> = doc.select(&sel(".changes del")).map(text).collect();
    assert_eq!(removed, ["[removed: term.]"]);
}
