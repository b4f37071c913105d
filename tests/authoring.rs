//! Issue #14: checks and messages that hold on real schools' documents.
//! Template slots whatever the parser makes of them, built-in pages'
//! ids and addresses, values written the way people write them, date
//! mistakes, recovery from a syntax error, vague link text, and commands
//! run outside a site. Each through the real binary.

mod common;

use common::{Site, TODAY};
use serde_json::Value;

fn site(files: &[(&str, &str)]) -> Site {
    let s = Site::empty();
    s.write("charter.toml", "title = \"Check School\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\nyears = [\"Year 1\", \"Year 2\"]\n");
    s.write("agreements/pupils-ks1.md", "+++\ntitle = \"KS1\"\naudience = \"pupils\"\nband = \"ks1\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind.\n- I ask first.\n");
    for (path, text) in files {
        s.write(path, text);
    }
    s
}

fn policy(extra_front: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"A policy\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n{extra_front}+++\n\n{body}"
    )
}

struct Report {
    json: Value,
    code: i32,
}

fn check(s: &Site) -> Report {
    let run = s.run(&["check", "--format", "json", "--today", TODAY]);
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    Report {
        json,
        code: run.code,
    }
}

impl Report {
    fn all(&self) -> Vec<&Value> {
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .collect()
    }
    /// (file, line, message, hint) of each finding with `code`.
    fn of(&self, code: &str) -> Vec<(String, u64, String, String)> {
        self.all()
            .into_iter()
            .filter(|d| d["code"] == code)
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["message"].as_str().unwrap().to_string(),
                    d["hint"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
    fn lines(&self, code: &str) -> Vec<u64> {
        self.of(code).into_iter().map(|d| d.1).collect()
    }
}

#[test]
fn slots_in_angle_brackets_whatever_the_parser_makes_of_them() {
    let body = "Ask <name, role>.\n\nThe <Head / Deputy> signs.\n\nTell <the school's DSL>.\n\nBack up the <server(s)>.\n\n- <Follow-up within a week>\n\nPupils aged < 13 and > 11; 3 < 4.\n\nMail <office@school.sch.uk> or <https://example.org/>.\n\nA<br>break, <abbr title=\"Designated Safeguarding Lead\">DSL</abbr>, <span lang=\"cy\">Croeso</span>.\n\n<details>\n<summary>More</summary>\n\nText.\n\n</details>\n\n<!-- <name, role> -->\n\n`<name, role>`\n";
    let s = site(&[("content/policies/p.md", &policy("", body))]);
    let report = check(&s);
    let found: Vec<String> = report
        .of("placeholder")
        .into_iter()
        .map(|d| {
            d.2.trim_start_matches("unfilled template text: ")
                .to_string()
        })
        .collect();
    assert_eq!(
        found,
        [
            "<name, role>",
            "<Head / Deputy>",
            "<the school's DSL>",
            "<server(s)>",
            "<Follow-up within a week>"
        ],
        "{:?}",
        report.json
    );
    assert_eq!(report.lines("placeholder"), [8, 10, 12, 14, 16]);
    assert_eq!(report.code, 1);
}

#[test]
fn vague_link_text_in_any_case_and_punctuation() {
    let body = "[Here.](@p) [click HERE!](@p) [Read more…](@p) [see](@p) [this page](@p) [Find out more](@p) [details](@p) [(link)](@p) [More information](@p)\n\n[read more about filtering](@p) [![The school's logo](logo.png)](@p) [our behaviour policy](@p)\n";
    let s = site(&[("content/policies/p.md", &policy("", body))]);
    s.write("content/policies/logo.png", b"png");
    let report = check(&s);
    assert_eq!(report.of("link-text-vague").len(), 9, "{:?}", report.json);
    assert_eq!(report.lines("link-text-vague"), [8; 9]);
}

#[test]
fn commands_outside_a_site_say_so_and_exit_2() {
    let s = Site::empty();
    for args in [
        &["check"][..],
        &["build"],
        &["serve", "--port", "0"],
        &["new", "policy", "Online safety"],
    ] {
        let run = s.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "this folder is not a Charter site (no charter.toml): run charter init, or pass -C DIR"
            ),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    }
    let run = s.run(&["-C", "nowhere", "check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nowhere is not a Charter site"),
        "{}",
        run.stderr
    );
    assert_eq!(s.run(&["init"]).code, 0);
    assert_eq!(s.run(&["check", "--today", TODAY]).code, 0);
}
