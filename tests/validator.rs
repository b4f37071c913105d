//! The published HTML, judged by the W3C's own checker: the Nu Html Checker
//! (`vnu.jar`, from the npm package `vnu-jar` pinned in tests/browser/, run
//! with Java) reads every page, stylesheet and SVG of the example school, of
//! a fresh `charter init` site, of a right-to-left site (`Site::urdu`) and of
//! the example trust (its overview and every school's pages), and must
//! report no error.
//!
//! Needs Java and `tests/browser/node_modules`: `scripts/setup-browser.sh`
//! installs them (apt `default-jre-headless`, `npm ci`), and `scripts/test.sh`
//! runs it first. Without them this test fails; it never skips.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Site, repo_root};

#[test]
fn the_w3c_checker_finds_no_error_in_the_example_or_a_fresh_site() {
    let example = Site::example();
    let run = example.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fresh = Site::empty();
    let run = fresh.run(&["init", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // With [statutory]: the dashboard has "What the law requires" too.
    let config = fresh.read("charter.toml");
    fresh.write(
        "charter.toml",
        format!("{config}\n[statutory]\nschool_type = \"maintained\"\nphases = [\"nursery\", \"primary\"]\n"),
    );
    let run = fresh.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The example trust: its overview and every school's pages.
    let trust = Site::example_trust();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let urdu = Site::urdu();

    let mut failures = String::new();
    for site in [&example, &fresh, &urdu] {
        failures.push_str(&errors_in(&site.path().join("public")));
    }
    failures.push_str(&errors_in(&trust.path().join("public")));
    for school in ["wrenfield", "hollins-edge", "orrinsby"] {
        failures.push_str(&errors_in(
            &trust.path().join("schools").join(school).join("public"),
        ));
    }
    assert!(
        failures.is_empty(),
        "the W3C checker found errors:\n{failures}"
    );
}

#[test]
fn the_checker_reports_an_error_it_is_shown() {
    // Proves the harness can fail: a page with a duplicate id and a stray
    // end tag must come back with errors.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=en><title>x</title><p id=a>one<p id=a>two</span>",
    )
    .unwrap();
    let found = errors_in(dir.path());
    assert!(found.contains("Duplicate ID"), "{found}");
}

/// Every error the checker reports for the files under `public`, one per
/// line as `file:line: message`; empty when there are none.
fn errors_in(public: &Path) -> String {
    let jar = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "{} is missing: run scripts/setup-browser.sh (npm ci in tests/browser)",
        jar.display()
    );
    let out = Command::new("java")
        .args(["-Xss4m", "-jar"])
        .arg(&jar)
        .args([
            "--errors-only",
            "--format",
            "json",
            "--also-check-css",
            "--also-check-svg",
            "--skip-non-html",
        ])
        .arg(public)
        .output()
        .expect("cannot run `java`: install a Java runtime (scripts/setup-browser.sh does)");
    // vnu exits 1 when it found errors; anything it says goes to stderr as JSON.
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "the checker did not answer in JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut lines = String::new();
    for message in report["messages"].as_array().into_iter().flatten() {
        if message["type"] != "error" && message["subType"] != "fatal" {
            continue;
        }
        let file = message["url"].as_str().unwrap_or("?");
        let file = file.rsplit_once("/public/").map_or(file, |(_, rel)| rel);
        lines.push_str(&format!(
            "{file}:{}: {}\n",
            message["lastLine"],
            message["message"].as_str().unwrap_or("")
        ));
    }
    lines
}
