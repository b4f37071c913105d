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

#[test]
fn one_syntax_error_does_not_hide_the_rest_of_the_file() {
    let text = "+++\ntitle = \"A policy\"\nowners = [\"Head\"]\napproved = 01/09/2026\nnext_review = \"Autum 2026\"\nreveiw_every = \"1 year\"\n+++\n\nSee [the policy](@no-such-page).\n";
    let s = site(&[("content/policies/p.md", text)]);
    let report = check(&s);
    let front = report.of("frontmatter-invalid");
    assert_eq!(front.len(), 2, "{:?}", report.json);
    assert_eq!(front[0].1, 4);
    assert!(front[0].2.contains("`approved = 01/09/2026` is not a date"));
    assert!(
        front[0]
            .3
            .contains("approved = 2026-09-01 if you mean 1 September 2026")
            && front[0]
                .3
                .contains("approved = 2026-01-09 if you mean 9 January 2026"),
        "{}",
        front[0].3
    );
    assert_eq!(front[1].1, 6);
    assert!(front[1].2.contains("unknown key `reveiw_every`"));
    assert_eq!(report.lines("date-unparseable"), [5]);
    assert_eq!(report.lines("xref-unknown"), [9]);
    // The broken `approved` line is reported once, not again as a
    // missing review date.
    assert!(report.of("review-missing").is_empty(), "{:?}", report.json);
    assert_eq!(report.code, 1);
    // `build` refuses the same file.
    let run = s.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn dates_written_other_ways_are_explained_in_one_step() {
    let s = site(&[
        (
            "content/policies/quoted.md",
            &policy("", "Body.\n").replace("approved = 2026-09-01", "approved = \"25/09/2026\""),
        ),
        (
            "content/policies/impossible.md",
            &policy("", "Body.\n").replace("approved = 2026-09-01", "approved = 2026-09-31"),
        ),
        (
            "content/policies/history.md",
            &policy(
                "[[history]]\ndate = \"01/09/2026\"\napproved_by = \"Governors\"\n",
                "Body.\n",
            ),
        ),
    ]);
    let report = check(&s);
    let found = report.of("frontmatter-invalid");
    let by_file = |f: &str| {
        found
            .iter()
            .find(|d| d.0 == format!("content/policies/{f}.md"))
            .unwrap_or_else(|| panic!("{f}: {:?}", report.json))
    };
    assert_eq!(
        by_file("quoted").3,
        "write approved = 2026-09-25 (25 September 2026)"
    );
    assert!(
        by_file("impossible")
            .2
            .contains("September 2026 has 30 days")
    );
    assert!(
        by_file("history")
            .3
            .contains("date = 2026-09-01 if you mean 1 September 2026")
    );
    let s = site(&[(
        "content/policies/review.md",
        &policy("next_review = \"01/09/2027\"\n", "Body.\n"),
    )]);
    let report = check(&s);
    let hint = &report.of("date-unparseable")[0].3;
    assert!(
        hint.contains("next_review = 2027-09-01 if you mean 1 September 2027, or next_review = 2027-01-09 if you mean 9 January 2027"),
        "{hint}"
    );

    // A date in charter.toml: the same advice, as a configuration error.
    let s = site(&[]);
    s.write(
        "charter.toml",
        "title = \"S\"\n[accessibility]\nstatus = \"full\"\nprepared = 01/09/2026\n",
    );
    let run = s.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("prepared = 2026-09-01 if you mean 1 September 2026"),
        "{}",
        run.stderr
    );
}

#[test]
fn values_written_the_way_people_write_them() {
    let s = site(&[]);
    s.write(
        "charter.toml",
        "title = \"S\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\nyears = [\"Year 1\"]\nages = [5, 7]\n[[bands]]\nid = \"ks2\"\nname = \"Key Stage 2\"\nyears = [\"Year 3\"]\nages = \"7-11\"\n[[bands]]\nid = \"ks3\"\nname = \"Key Stage 3\"\nyears = [\"Year 7\"]\nages = \"11 to 14\"\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hub = s.read("public/agreements/index.html");
    for ages in ["(ages 5 to 7)", "(ages 7 to 11)", "(ages 11 to 14)"] {
        assert!(hub.contains(ages), "{ages} in {hub}");
    }

    let s = site(&[(
        "content/policies/p.md",
        &policy("statutory = \"yes\"\naudiences = \"parents\"\n", "Body.\n")
            .replace("owners = [\"Head\"]", "owners = \"Head, Deputy head\""),
    )]);
    let report = check(&s);
    let hints: Vec<String> = report
        .of("frontmatter-invalid")
        .into_iter()
        .map(|d| d.3)
        .collect();
    for form in [
        "write owners = [\"Head\", \"Deputy head\"]",
        "write statutory = true",
        "write audiences = [\"parents\"]",
    ] {
        assert!(
            hints.iter().any(|h| h.ends_with(form)),
            "{form} in {hints:?}"
        );
    }
}

fn agreement(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\naudience = \"parents\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I agree.\n"
    )
}

#[test]
fn the_natural_file_name_works_beside_built_in_pages() {
    let s = site(&[
        ("agreements/parents.md", &agreement("Parents' agreement")),
        (
            "content/policies/p.md",
            &policy(
                "",
                "Sign [the parents' agreement](@parents); see [the parents' hub](@charter:parents) and [all policies](@charter:policies).\n",
            ),
        ),
    ]);
    let report = check(&s);
    assert!(report.all().is_empty(), "{:?}", report.json);
    assert_eq!(s.build().code, 0);
    let page = s.read("public/policies/p/index.html");
    assert!(page.contains("href=\"/agreements/parents/\""), "{page}");
    assert!(page.contains("href=\"/parents/\""), "{page}");
    assert!(page.contains("href=\"/policies/\""), "{page}");
}

#[test]
fn old_ids_of_built_in_pages_still_lead_there_and_ask_for_the_new_spelling() {
    let s = site(&[(
        "content/policies/p.md",
        &policy(
            "",
            "See [every policy](@policies) and [the hub](@parents).\n",
        ),
    )]);
    let report = check(&s);
    let old = report.of("xref-old-id");
    assert_eq!(old.len(), 2, "{:?}", report.json);
    assert_eq!(old[0].1, 8);
    assert!(
        old[0].3.contains("write `@charter:policies`"),
        "{}",
        old[0].3
    );
    assert_eq!(report.code, 0);
    assert_eq!(s.build().code, 0);
    assert!(
        s.read("public/policies/p/index.html")
            .contains("href=\"/parents/\"")
    );
}

/// Every content-caused reason `build` refuses a site is a finding of
/// `check`, with the file to change.
#[test]
fn check_reports_every_address_that_build_would_refuse() {
    let page = "+++\ntitle = \"Taken\"\n+++\n\nText.\n";
    let cases: [(&str, &str, &str); 6] = [
        (
            "content/pages/policies.md",
            page,
            "content/pages/policies.md",
        ),
        (
            "content/governors/reviews.md",
            page,
            "content/governors/reviews.md",
        ),
        (
            "content/policies/for/parents.md",
            &policy("audiences = [\"parents\"]\n", "Text.\n"),
            "content/policies/for/parents.md",
        ),
        (
            "static/policies/index.html",
            "<p>old</p>",
            "static/policies/index.html",
        ),
        ("static/sitemap.xml", "<urlset/>", "static/sitemap.xml"),
        (
            "static/policies/p/index.html",
            "<p>old</p>",
            "static/policies/p/index.html",
        ),
    ];
    for (path, text, file) in cases {
        let s = site(&[
            (path, text),
            ("content/policies/p.md", &policy("", "Text.\n")),
        ]);
        let report = check(&s);
        let found = report.of("address-taken");
        assert_eq!(found.len(), 1, "{path}: {:?}", report.json);
        assert_eq!(found[0].0, file, "{path}");
        assert_eq!(report.code, 1, "{path}");
        let run = s.build();
        assert_eq!(run.code, 1, "{path}: {}", run.stderr);
        assert!(
            run.stderr.contains("error[address-taken]"),
            "{path}: {}",
            run.stderr
        );
        assert!(!s.path().join("public").exists(), "{path}");
    }
    // Two files copied to one place: a file beside the pages and one in
    // `static/`.
    let s = site(&[("content/policies/p.md", &policy("", "Text.\n"))]);
    s.write("content/policies/logo.png", b"one");
    s.write("static/policies/logo.png", b"two");
    let report = check(&s);
    assert_eq!(report.of("address-taken").len(), 1, "{:?}", report.json);
    assert_eq!(s.build().code, 1);
    // Two authors' files at one id stay `id-duplicate`.
    let s = site(&[
        ("content/parents/guide.md", page),
        ("content/pages/guide.md", page),
    ]);
    assert_eq!(check(&s).of("id-duplicate").len(), 1);
}

#[test]
fn check_reads_the_theme_as_build_does() {
    let s = site(&[]);
    s.write(
        "charter.toml",
        "title = \"S\"\ntheme = \"mine\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\nyears = [\"Year 1\"]\n",
    );
    s.write("themes/mine/templates/page.html", "{% if %}broken");
    let run = s.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("themes/mine/templates/page.html:1:"),
        "{}",
        run.stderr
    );
    assert_ne!(s.build().code, 0);
}

#[test]
fn the_accessibility_statement_answers_to_its_built_in_id_too() {
    let s = Site::empty();
    assert_eq!(s.run(&["init"]).code, 0);
    s.write(
        "content/pages/help.md",
        "+++\ntitle = \"Help\"\n+++\n\nRead [our accessibility statement](@charter:accessibility).\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        s.read("public/help/index.html")
            .contains("href=\"/accessibility/\"")
    );
}

#[test]
fn a_policy_that_names_no_owner_is_still_checked_through() {
    // What `charter import` writes when a document names no owner: the
    // empty list is an error, and the body's own problems show too.
    let text = "+++\ntitle = \"P\"\nowners = []\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nAsk <the attendance officer, name> first.\n";
    let s = site(&[("content/policies/p.md", text)]);
    let report = check(&s);
    assert_eq!(report.code, 1);
    assert_eq!(report.lines("frontmatter-invalid"), [3]);
    assert_eq!(report.lines("placeholder"), [8]);
}
