//! Tables on phones and quieter pages (issue #16, points 5 and 6), measured
//! in a real browser: `tests/browser/layout.mjs` loads the example school and
//! a fresh `charter init` site in Debian's Chromium at 320, 390 and 1280 px
//! and reports what a reader sees and what Chromium's accessibility tree
//! gives a screen reader; this file judges it.
//!
//! - The policies index, the agreements index and the governors' dashboard
//!   never scroll sideways, hide nothing in a scrolling box, and show every
//!   row's title, next review and status inside the viewport; at 1280 px
//!   they are laid out as tables (cells side by side), below it as a card
//!   per row. At every width the accessibility tree still has a table with
//!   rows, row headers and the column headers "Next review" and "Status".
//! - At 1280 px the dashboard's titles take at most three lines and its
//!   dates at most two.
//! - At 1280 px a policy's contents sit beside its text and the two span
//!   more than 75% of the window; on phones the contents come first.
//!   Contents too long for the window scroll in their box, which says so.
//! - The year finder says once that parents and carers sign too.
//! - The curriculum grid's empty cells show no "No units" but say it.
//! - A table written in a page's text that is too wide for a phone scrolls
//!   in a box that can be focused, is named, and says that it scrolls; a
//!   box that fits says nothing.
//! - The example trust's overview (every school side by side) never scrolls
//!   sideways, and no words spill out of its cells, at any width.
//! - Nor does a right-to-left site (`Site::urdu`): its parents' page with a
//!   table written in Urdu, its policies and agreements indexes.
//!
//! Needs what tests/browser.rs needs (scripts/setup-browser.sh); without it
//! this test fails, it never skips.

mod common;

use serde_json::Value;

use common::Site;

const WIDTHS: [u64; 3] = [320, 390, 1280];

#[test]
fn tables_fit_phones_and_desktops_and_pages_say_things_once() {
    let example = Site::example();
    let run = example.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fresh = Site::empty();
    assert_eq!(fresh.run(&["init", "."]).code, 0);
    // With [statutory]: the dashboard has "What the law requires" too.
    let config = fresh.read("charter.toml");
    fresh.write(
        "charter.toml",
        format!("{config}\n[statutory]\nschool_type = \"academy\"\nphases = [\"primary\", \"secondary\"]\n"),
    );
    let run = fresh.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let site = |name: &str, s: &Site, policy: Option<&str>, grid: Option<&str>| {
        // The example's contact page has a three-column table with e-mail
        // addresses: wider than a phone.
        let scrolling = if grid.is_some() {
            vec!["/contact/"]
        } else {
            vec![]
        };
        let public = s.path().join("public");
        let mut tables = vec!["/policies/".to_string(), "/agreements/".to_string()];
        tables.push(dashboard_of(&public));
        serde_json::json!({
            "name": name, "public": public, "tables": tables, "policy": policy,
            "finder": ["/", "/agreements/", "/parents/"], "grid": grid,
            "scrolling": scrolling, "overflow": [],
        })
    };
    let trust = Site::example_trust();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let urdu = Site::urdu();
    let spec = serde_json::json!({
        "sites": [
            site("example", &example, Some("/policies/online-safety/"), Some("/curriculum/")),
            site("init", &fresh, None, None),
            serde_json::json!({
                "name": "trust overview", "public": trust.path().join("public"),
                "tables": [], "policy": null, "finder": [], "grid": null,
                "scrolling": [], "overflow": ["/"],
            }),
            serde_json::json!({
                "name": "Urdu", "public": urdu.path().join("public"),
                "tables": [], "policy": null, "finder": [], "grid": null, "scrolling": [],
                "overflow": ["/parents/screen-time-and-sleep/", "/policies/", "/agreements/"],
            }),
        ],
        "widths": WIDTHS,
    });
    let measured = common::measure_in_browser("layout.mjs", &spec, example.path());
    let sites = measured.as_array().expect("a list of sites");

    let mut failures = Vec::new();
    for s in sites {
        let name = s["name"].as_str().unwrap();
        for page in s["tables"].as_array().unwrap() {
            check_tables(name, page, &mut failures);
        }
        for page in s["overflow"].as_array().unwrap() {
            check_overflow(name, page, &mut failures);
        }
        for page in s["policy"].as_array().unwrap() {
            check_policy(name, page, &mut failures);
        }
        for page in s["finder"].as_array().unwrap() {
            let said = page["text"]
                .as_str()
                .unwrap()
                .matches("Parents and carers sign too")
                .count();
            if said != 1 {
                failures.push(format!(
                    "{name} {}: the year finder says {said} times that parents and carers sign too",
                    page["path"]
                ));
            }
        }
        if !s["grid"].is_null() {
            check_grid(name, &s["grid"], &mut failures);
        }
        for page in s["scrolling"].as_array().unwrap() {
            check_scroll_boxes(name, page, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The dashboard's address, from the policies index's link to it.
fn dashboard_of(public: &std::path::Path) -> String {
    let html = std::fs::read_to_string(public.join("policies/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let link = scraper::Selector::parse(".dashboard-link a").unwrap();
    doc.select(&link)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("the policies index links to the dashboard")
        .to_string()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// Whether a box (`{left, right, width}`) is shown and wholly inside a
/// viewport `width` wide.
fn inside(b: &Value, width: f64) -> bool {
    num(&b["width"]) > 0.0 && num(&b["left"]) >= -0.5 && num(&b["right"]) <= width + 0.5
}

/// Nothing wider than the window, no box that scrolls sideways, no words
/// spilling out of a table's cell.
fn check_overflow(site: &str, page: &Value, failures: &mut Vec<String>) {
    let at = format!("{site} {} at {} px", page["path"], page["viewport"]);
    if num(&page["scrollWidth"]) > num(&page["width"]) {
        failures.push(format!(
            "{at}: the page is {} px wide: {}",
            page["scrollWidth"], page["wide"]
        ));
    }
    for key in ["wide", "scrollers", "spilling"] {
        if !page[key].as_array().unwrap().is_empty() {
            failures.push(format!("{at}: {key}: {}", page[key]));
        }
    }
}

fn check_tables(site: &str, page: &Value, failures: &mut Vec<String>) {
    let viewport = num(&page["viewport"]);
    let width = num(&page["width"]);
    let at = format!("{site} {} at {viewport} px", page["path"]);
    check_overflow(site, page, failures);
    let mut rows = 0;
    for table in page["tables"].as_array().unwrap() {
        let heads: Vec<&str> = table["heads"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if !heads.contains(&"Next review") || !heads.contains(&"Status") {
            continue;
        }
        for row in table["rows"].as_array().unwrap() {
            rows += 1;
            check_row(&at, &table["class"], row, viewport, width, failures);
        }
    }
    if rows == 0 {
        failures.push(format!("{at}: no table with a next review and a status"));
    }
    // What a screen reader is given, whatever the layout: a row header
    // and cells for every row of every table (the dashboard's "What the
    // law requires" included).
    let all_rows: usize = page["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["rows"].as_array().unwrap().len())
        .sum();
    let ax = page["ax"].as_array().unwrap();
    let count = |role: &str| ax.iter().filter(|n| n["role"] == role).count();
    let column = |name: &str| {
        ax.iter()
            .any(|n| n["role"] == "columnheader" && n["name"] == name)
    };
    if count("table") == 0
        || count("rowheader") != all_rows
        || count("row") <= all_rows
        || count("cell") < all_rows * 2
        || !column("Next review")
        || !column("Status")
    {
        failures.push(format!(
            "{at}: the accessibility tree has {} table(s), {} rows, {} row headers, {} cells for {all_rows} rows; column headers \"Next review\" {} and \"Status\" {}",
            count("table"),
            count("row"),
            count("rowheader"),
            count("cell"),
            column("Next review"),
            column("Status"),
        ));
    }
}

fn check_row(
    at: &str,
    class: &Value,
    row: &Value,
    viewport: f64,
    width: f64,
    failures: &mut Vec<String>,
) {
    let title = &row["titleBox"];
    let (next, status) = (&row["next"], &row["status"]);
    for (what, b) in [("title", title), ("next review", next), ("status", status)] {
        if !inside(b, width) {
            failures.push(format!(
                "{at}: {}: the {what} is not within the viewport: {b}",
                row["title"]
            ));
        }
    }
    if viewport >= 1280.0 {
        // A real table: the three cells side by side.
        if num(&title["right"]) > num(&next["left"]) + 0.5
            || num(&next["right"]) > num(&status["left"]) + 0.5
        {
            failures.push(format!(
                "{at}: {}: title, next review and status are not side by side",
                row["title"]
            ));
        }
        if class.as_str().is_some_and(|c| c.contains("dashboard")) {
            let dates = row["dateLines"].as_array().unwrap();
            if row["titleLines"].as_u64().unwrap() > 3 || dates.iter().any(|d| d.as_u64() > Some(2))
            {
                failures.push(format!(
                    "{at}: {}: the title takes {} lines and the dates {} (at most 3 and 2)",
                    row["title"], row["titleLines"], row["dateLines"]
                ));
            }
        }
    } else if num(&title["bottom"]) > num(&next["top"]) + 0.5 {
        // A card: the title on a line of its own, above the cells.
        failures.push(format!(
            "{at}: {}: the row is not a card with its title on top",
            row["title"]
        ));
    }
}

fn check_policy(site: &str, page: &Value, failures: &mut Vec<String>) {
    let viewport = num(&page["viewport"]);
    let at = format!("{site} {} at {viewport} px", page["path"]);
    let (toc, text) = (&page["toc"], &page["text"]);
    assert!(toc.is_object() && text.is_object(), "{at}: {page}");
    if page["mains"] != 1 || page["tocNamed"].is_null() {
        failures.push(format!(
            "{at}: {} main elements; contents labelled by {}",
            page["mains"], page["tocNamed"]
        ));
    }
    if page["tocScrolls"] != page["tocSays"] {
        failures.push(format!(
            "{at}: the contents scroll in their box: {}; a hint says so: {}",
            page["tocScrolls"], page["tocSays"]
        ));
    }
    if viewport >= 1280.0 {
        let beside =
            num(&toc["left"]) >= num(&text["right"]) || num(&toc["right"]) <= num(&text["left"]);
        let level =
            num(&toc["top"]) < num(&text["bottom"]) && num(&toc["bottom"]) > num(&text["top"]);
        let left = num(&toc["left"]).min(num(&text["left"]));
        let right = num(&toc["right"]).max(num(&text["right"]));
        let share = (right - left) / num(&page["width"]);
        if !beside || !level || share <= 0.75 {
            failures.push(format!(
                "{at}: the contents are not beside the text (contents {toc}, text {text}; together {:.0}% of the width)",
                share * 100.0
            ));
        }
    } else if num(&toc["bottom"]) > num(&text["top"]) {
        failures.push(format!(
            "{at}: the contents are not above the text (contents {toc}, text {text})"
        ));
    }
}

fn check_grid(site: &str, grid: &Value, failures: &mut Vec<String>) {
    let cells = grid["cells"].as_array().unwrap();
    let empty: Vec<&Value> = cells.iter().filter(|c| c["links"] == 0).collect();
    let at = format!("{site} {}", grid["path"]);
    assert!(
        !empty.is_empty() && empty.len() < cells.len(),
        "{at}: the grid should have empty and full cells: {cells:?}"
    );
    for c in &empty {
        let shown = c["text"].as_str().unwrap();
        if shown.contains("No units") || shown.chars().any(char::is_alphanumeric) {
            failures.push(format!("{at}: an empty cell shows \"{shown}\""));
        }
    }
    if grid["spoken"].as_u64() != Some(empty.len() as u64) {
        failures.push(format!(
            "{at}: {} \"No units\" in the accessibility tree for {} empty cells",
            grid["spoken"],
            empty.len()
        ));
    }
}

fn check_scroll_boxes(site: &str, page: &Value, failures: &mut Vec<String>) {
    let viewport = num(&page["viewport"]);
    let at = format!("{site} {} at {viewport} px", page["path"]);
    let boxes = page["boxes"].as_array().unwrap();
    let scrolling = boxes.iter().filter(|b| b["scrolls"] == true).count();
    if viewport <= 320.0 && scrolling == 0 {
        failures.push(format!(
            "{at}: no table box scrolls, so nothing is tested: {boxes:?}"
        ));
    }
    for b in boxes {
        let fine = if b["scrolls"] == true {
            b["says"] == true && b["focusable"] == true && b["named"] == true
        } else {
            b["says"] == false
        };
        if !fine {
            failures.push(format!("{at}: a table's box: {b}"));
        }
    }
}
