//! Right to left (issue #20, point 4), measured in a real browser: a fresh
//! `charter init` site in Urdu (`Site::urdu`, a parents' page and the
//! parents' agreement written in Urdu) is loaded in Debian's Chromium at
//! 320 and 1280 px by `tests/browser/rtl.mjs`; this file judges what it
//! measured. The layout is mirrored:
//!
//! - the navigation and the breadcrumbs start at the right: their first
//!   link is the rightmost, and the school's name is at the right edge on
//!   a desktop;
//! - a list is indented on the right (where its markers are), a table's
//!   first column is the rightmost, the metadata panel's bar is on its
//!   right, its labels are right of their values, the contents of a policy
//!   sit left of its text on a desktop, and a table's cards on a phone
//!   have their bar on the right;
//! - on the printable form a consent's tick box sits right of its word
//!   ("at the inline start"), the consent's question right of its boxes,
//!   a signature line's label right of its line, and the statements'
//!   numbers on the right;
//! - addresses keep their own direction: the link of an email address, of
//!   a telephone number and of a web address shown as text is `dir="ltr"`,
//!   computed left to right and drawn left to right (its first character
//!   left of its last), while a link to an email address written in Urdu
//!   words stays right to left;
//! - nothing scrolls sideways.
//!
//! Needs what tests/browser.rs needs (scripts/setup-browser.sh); without it
//! this test fails, it never skips.

mod common;

use serde_json::Value;

use common::Site;

#[test]
fn a_right_to_left_site_is_mirrored_and_addresses_read_left_to_right() {
    let urdu = Site::urdu();
    let spec = serde_json::json!({
        "public": urdu.path().join("public"),
        "widths": [320, 1280],
        "parents": "/parents/screen-time-and-sleep/",
        "policy": "/policies/online-safety/",
        "cards": "/policies/",
        "form": "/agreements/parents/form/",
    });
    let measured = common::measure_in_browser("rtl.mjs", &spec, urdu.path());
    let pages = measured.as_array().expect("a list of pages");
    assert_eq!(pages.len(), 8, "{measured}");

    let mut failures = Vec::new();
    for page in pages {
        let at = format!("{} at {} px", page["path"], page["viewport"]);
        let mut check = |ok: bool, what: &str, seen: &Value| {
            if !ok {
                failures.push(format!("{at}: {what}: {seen}"));
            }
        };
        check(
            page["dir"] == "rtl",
            "the page is right to left",
            &page["dir"],
        );
        check(
            num(&page["scrollWidth"]) <= num(&page["width"]),
            "nothing scrolls sideways",
            &page["scrollWidth"],
        );
        match page["kind"].as_str().unwrap() {
            "parents" => check_parents(page, &mut check),
            "policy" => check_policy(page, &mut check),
            "cards" => {
                check_header(page, &mut check);
                let card = &page["card"];
                if num(&page["viewport"]) < 1000.0 {
                    check(
                        num(&card["borderRight"]) > num(&card["borderLeft"]),
                        "a card's bar is on its right",
                        card,
                    );
                }
            }
            "form" => check_form(page, &mut check),
            other => panic!("unknown page kind {other}"),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

type Check<'a> = dyn FnMut(bool, &str, &Value) + 'a;

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// Whether the first box of `boxes` is the rightmost.
fn first_is_rightmost(boxes: &Value) -> bool {
    let boxes = boxes.as_array().unwrap();
    !boxes.is_empty()
        && boxes
            .iter()
            .all(|b| num(&b["right"]) <= num(&boxes[0]["right"]) + 0.5)
}

/// The site's header: its navigation and breadcrumbs start at the right.
fn check_header(page: &Value, check: &mut Check) {
    check(
        first_is_rightmost(&page["nav"]),
        "the navigation's first link is the rightmost",
        &page["nav"],
    );
    check(
        num(&page["nav"][0]["right"]) > num(&page["width"]) / 2.0,
        "the navigation starts in the right half",
        &page["nav"][0],
    );
    check(
        first_is_rightmost(&page["crumbs"]),
        "the breadcrumbs start at the right",
        &page["crumbs"],
    );
    if num(&page["viewport"]) >= 1280.0 {
        check(
            (num(&page["brand"]["right"]) - num(&page["wrap"]["right"])).abs() <= 1.0,
            "the school's name is at the right edge",
            &page["brand"],
        );
    }
}

fn check_parents(page: &Value, check: &mut Check) {
    check_header(page, check);
    let list = &page["list"];
    check(
        num(&list["li"]["right"]) <= num(&list["ul"]["right"]) - 10.0
            && (num(&list["li"]["left"]) - num(&list["ul"]["left"])).abs() <= 0.5,
        "a list is indented on the right, where its markers are",
        list,
    );
    let heads = page["heads"].as_array().unwrap();
    check(
        heads.len() == 3 && first_is_rightmost(&page["heads"]),
        "a table's first column is the rightmost",
        &page["heads"],
    );
    for key in ["email", "phone", "web"] {
        let link = &page[key];
        check(
            link["dir"] == "ltr" && link["direction"] == "ltr" && link["drawn"] == "ltr",
            &format!("the {key} address is marked, computed and drawn left to right"),
            link,
        );
    }
    check(
        page["emailWords"]["direction"] == "rtl",
        "a link to an email address written in words stays right to left",
        &page["emailWords"],
    );
}

fn check_policy(page: &Value, check: &mut Check) {
    check_header(page, check);
    let panel = &page["panel"];
    check(
        num(&panel["borderRight"]) > 0.0 && num(&panel["borderLeft"]) == 0.0,
        "the metadata panel's bar is on its right",
        panel,
    );
    if num(&page["viewport"]) >= 1280.0 {
        check(
            num(&page["dt"]["left"]) >= num(&page["dd"]["right"]),
            "the metadata's labels are right of their values",
            &serde_json::json!([page["dt"], page["dd"]]),
        );
        check(
            num(&page["toc"]["right"]) <= num(&page["text"]["left"]),
            "the contents sit left of the text",
            &serde_json::json!([page["toc"], page["text"]]),
        );
    }
}

fn check_form(page: &Value, check: &mut Check) {
    check(
        num(&page["tick"]["left"]) >= num(&page["tickWord"]["right"]),
        "a consent's tick box is right of its word",
        &serde_json::json!([page["tick"], page["tickWord"]]),
    );
    if num(&page["viewport"]) >= 1280.0 {
        check(
            num(&page["consentLabel"]["left"]) >= num(&page["consentChoices"]["right"]),
            "a consent's question is right of its boxes",
            &serde_json::json!([page["consentLabel"], page["consentChoices"]]),
        );
    }
    check(
        num(&page["sigLabel"]["left"]) >= num(&page["sigRule"]["right"]),
        "a signature line's label is right of its line",
        &serde_json::json!([page["sigLabel"], page["sigRule"]]),
    );
    let statement = &page["statement"];
    check(
        num(&statement["paddingRight"]) > 0.0 && num(&statement["paddingLeft"]) == 0.0,
        "the statements' numbers are on the right",
        statement,
    );
}
