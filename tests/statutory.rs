//! What the law asks of a school (issue 18): the register, `[statutory]`,
//! `meets`, the checks statutory-unknown, statutory-missing,
//! publish-missing, statutory-cycle, statutory-approval and
//! statutory-mismatch, and the dashboard's "What the law requires".

mod common;

use std::collections::BTreeSet;

use common::{Site, TODAY, repo_root};
use serde_json::Value;

/// The register as the test reads it, independently of Charter's code.
fn register() -> toml::Table {
    let text = std::fs::read_to_string(repo_root().join("src/statutory/england.toml")).unwrap();
    text.parse().unwrap()
}

/// A value that is one string for every type or a table by type.
fn for_type<'a>(v: &'a toml::Value, school_type: &str) -> &'a str {
    match v {
        toml::Value::String(s) => s,
        toml::Value::Table(t) => t[school_type].as_str().unwrap(),
        other => panic!("{other:?}"),
    }
}

/// Ids of the register's requirements that apply to a school, with their
/// kind and whether they must be published.
fn applicable(school_type: &str, phases: &[&str], boarding: bool) -> Vec<(String, String, bool)> {
    let reg = register();
    reg["requirement"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            let a = &r["applies_to"];
            let types: Vec<&str> = a["types"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let ph: Vec<&str> = a["phases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let only_boarding = a
                .get("boarding")
                .and_then(toml::Value::as_bool)
                .unwrap_or(false);
            types.contains(&school_type)
                && (ph.contains(&"all") || phases.iter().any(|p| ph.contains(p)))
                && (!only_boarding || boarding)
        })
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
                for_type(&r["publish"], school_type) == "must",
            )
        })
        .collect()
}

const POLICY: &str = "+++\ntitle = \"Child protection\"\nowners = [\"DSL\"]\napproved_by = \"Governing Body\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n";

fn school(statutory: &str) -> Site {
    let s = Site::empty();
    s.write(
        "charter.toml",
        format!("title = \"Law School\"\n[[bands]]\nid = \"ks2\"\nname = \"Key Stage 2\"\n\n[statutory]\n{statutory}"),
    );
    s.write(
        "agreements/pupils-ks2.md",
        "+++\ntitle = \"KS2\"\naudience = \"pupils\"\nband = \"ks2\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind.\n- I ask first.\n",
    );
    s
}

struct Report {
    json: Value,
    code: i32,
    stderr: String,
}

fn check(s: &Site) -> Report {
    let run = s.run(&["check", "--format", "json", "--today", TODAY]);
    let json = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    Report {
        json,
        code: run.code,
        stderr: format!("{}{}", run.stdout, run.stderr),
    }
}

impl Report {
    fn of(&self, code: &str) -> Vec<&Value> {
        self.json["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("no JSON: {}", self.stderr))
            .iter()
            .filter(|d| d["code"] == code)
            .collect()
    }

    /// The requirement ids named (in backquotes, in parentheses) by the
    /// findings with `code`.
    fn ids(&self, code: &str) -> BTreeSet<String> {
        self.of(code)
            .iter()
            .map(|d| {
                let m = d["message"].as_str().unwrap();
                let start = m.find("(`").expect("names its id") + 2;
                m[start..start + m[start..].find('`').unwrap()].to_string()
            })
            .collect()
    }

    fn place(&self, code: &str) -> Vec<(String, u64, u64)> {
        self.of(code)
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap().into(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect()
    }
}

#[test]
fn an_empty_school_of_each_type_is_told_everything_the_register_asks() {
    for (school_type, phases, boarding) in [
        ("maintained", vec!["primary"], false),
        ("academy", vec!["secondary", "sixth-form"], false),
        ("maintained", vec!["nursery", "primary"], true),
        ("academy", vec!["primary"], false),
    ] {
        let list = phases
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let s = school(&format!(
            "school_type = \"{school_type}\"\nphases = [{list}]\nboarding = {boarding}\n"
        ));
        let report = check(&s);
        let expected = applicable(school_type, &phases, boarding);
        let missing: BTreeSet<String> = expected
            .iter()
            .filter(|(_, k, _)| k != "information")
            .map(|(id, ..)| id.clone())
            .collect();
        let publish: BTreeSet<String> = expected
            .iter()
            .filter(|(_, k, must)| k == "information" && *must)
            .map(|(id, ..)| id.clone())
            .collect();
        assert!(!missing.is_empty() && !publish.is_empty());
        assert_eq!(
            report.ids("statutory-missing"),
            missing,
            "{school_type} {phases:?}"
        );
        assert_eq!(
            report.ids("publish-missing"),
            publish,
            "{school_type} {phases:?}"
        );
        // Every finding points at [statutory] (line 6 of this charter.toml),
        // and the hint names a source's address.
        for d in report
            .of("statutory-missing")
            .iter()
            .chain(&report.of("publish-missing"))
        {
            assert_eq!(
                (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
                (Some("charter.toml"), Some(6), Some(1))
            );
            assert!(d["hint"].as_str().unwrap().contains("Source: "), "{d}");
            assert!(d["hint"].as_str().unwrap().contains("https://"), "{d}");
            assert_eq!(d["severity"], "warning");
        }
        // The hint cites the guide written for this type of school.
        let behaviour = report
            .of("statutory-missing")
            .into_iter()
            .find(|d| d["message"].as_str().unwrap().contains("(`behaviour`)"))
            .unwrap();
        let (ours, theirs) = match school_type {
            "maintained" => ("governance-in-maintained-schools", "academy-trusts"),
            _ => ("governance-in-academy-trusts", "maintained-schools"),
        };
        let hint = behaviour["hint"].as_str().unwrap();
        assert!(hint.contains(ours) && !hint.contains(theirs), "{hint}");
        assert_eq!(report.code, 0, "warnings only: {}", report.stderr);
    }
    assert!(
        applicable("maintained", &["primary"], false)
            .iter()
            .all(|(id, ..)| id != "boarding-standards-documents")
    );
}

#[test]
fn without_the_table_nothing_is_reported_and_the_example_is_unchanged() {
    let s = Site::empty();
    s.write(
        "charter.toml",
        "title = \"No Law\"\n[[bands]]\nid = \"ks2\"\nname = \"Key Stage 2\"\n",
    );
    s.write("agreements/pupils-ks2.md", "+++\ntitle = \"KS2\"\naudience = \"pupils\"\nband = \"ks2\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind.\n");
    s.write(
        "content/policies/cp.md",
        format!("{POLICY}statutory = false\nmeets = [\"child-protection\"]\n+++\n\nText.\n"),
    );
    let report = check(&s);
    for code in [
        "statutory-missing",
        "publish-missing",
        "statutory-cycle",
        "statutory-approval",
        "statutory-mismatch",
        "statutory-unknown",
    ] {
        assert!(report.of(code).is_empty(), "{code}: {}", report.stderr);
    }
    assert_eq!(s.build().code, 0);
    assert!(
        !s.path()
            .join("public/governors/reviews/statutory.csv")
            .exists()
    );
    let dashboard = s.read("public/governors/reviews/index.html");
    assert!(!dashboard.contains("What the law requires"));

    // The example school, built before and after adding `meets` with no
    // [statutory]: the same bytes.
    let example = Site::example();
    let config = example.read("charter.toml");
    if config.contains("[statutory]") {
        example.write("charter.toml", config.split("[statutory]").next().unwrap());
    }
    assert_eq!(example.build().code, 0);
    let before = example.snapshot("public");
    let policy = "content/policies/online-safety.md";
    let text = example.read(policy);
    if !text.contains("\nmeets =") {
        example.write(
            policy,
            text.replacen("+++\n", "+++\nmeets = [\"child-protection\"]\n", 1),
        );
    }
    std::fs::remove_dir_all(example.path().join("public")).unwrap();
    assert_eq!(example.build().code, 0);
    assert!(before == example.snapshot("public"), "the output changed");
}

#[test]
fn unknown_meets_ids_are_errors_with_a_suggestion() {
    let s = school("school_type = \"maintained\"\nphases = [\"primary\"]\n");
    s.write(
        "content/policies/cp.md",
        format!("{POLICY}meets = [\"child-protection\", \"child-protectoin\"]\n+++\n\nText.\n"),
    );
    s.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\nmeets = [\"contact-details\"]\n+++\n\nText.\n",
    );
    let report = check(&s);
    let found = report.of("statutory-unknown");
    assert_eq!(found.len(), 1, "{}", report.stderr);
    assert_eq!(
        report.place("statutory-unknown"),
        [("content/policies/cp.md".to_string(), 7, 30)]
    );
    assert_eq!(found[0]["hint"], "did you mean `child-protection`?");
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(report.code, 1);
    // A page (not only a policy) may meet a requirement.
    assert!(!report.ids("publish-missing").contains("contact-details"));
    assert!(!report.ids("statutory-missing").contains("child-protection"));
}

#[test]
fn not_applicable_silences_with_its_reason_shown_and_bad_entries_are_config_errors() {
    let s = school(
        "school_type = \"maintained\"\nphases = [\"primary\"]\nnot_applicable = { \"admissions-arrangements\" = \"The local authority admits our pupils.\" }\n",
    );
    let report = check(&s);
    assert!(
        !report
            .ids("statutory-missing")
            .contains("admissions-arrangements")
    );
    assert!(report.ids("statutory-missing").contains("behaviour"));
    assert_eq!(s.build().code, 0);
    let html = s.read("public/governors/reviews/index.html");
    assert!(
        html.contains("Not applicable</strong><span class=\"law-reason\">The local authority admits our pupils.</span>"),
        "the reason is shown"
    );
    assert!(
        s.read("public/governors/reviews/statutory.csv")
            .contains("Not applicable: The local authority admits our pupils."),
        "and written in the CSV"
    );

    let bad = school(
        "school_type = \"maintained\"\nphases = [\"primary\"]\nnot_applicable = { \"admissions\" = \"x\", \"behaviour\" = \" \" }\n",
    );
    let report = check(&bad);
    assert_eq!(report.code, 2, "{}", report.stderr);
    let errors = report.of("config-invalid");
    assert_eq!(errors.len(), 2, "{}", report.stderr);
    let unknown = errors
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("`admissions`"))
        .unwrap();
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(9), Some(20))
    );
    assert_eq!(unknown["hint"], "did you mean `admissions-arrangements`?");
    let empty = errors
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("no reason"))
        .unwrap();
    assert_eq!(empty["line"].as_u64(), Some(9));
}

#[test]
fn cycle_longer_than_the_register_is_a_warning() {
    let s = school("school_type = \"maintained\"\nphases = [\"primary\"]\n");
    s.write("content/policies/cp.md", "+++\ntitle = \"CP\"\nowners = [\"DSL\"]\napproved = 2026-09-01\nreview_every = \"2 years\"\nmeets = [\"child-protection\"]\n+++\n\nText.\n");
    s.write("content/policies/eq.md", "+++\ntitle = \"Equality\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"4 years\"\nmeets = [\"equality-objectives\"]\n+++\n\nText.\n");
    s.write("content/policies/beh.md", "+++\ntitle = \"Behaviour\"\nowners = [\"Head\"]\napproved = 2026-09-01\nnext_review = 2028-01-01\nmeets = [\"behaviour\"]\n+++\n\nText.\n");
    s.write("content/policies/reg.md", "+++\ntitle = \"Registers\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"5 years\"\nmeets = [\"pupil-registers\"]\n+++\n\nText.\n");
    let report = check(&s);
    let mut places = report.place("statutory-cycle");
    places.sort();
    // 2 years for a yearly policy (at review_every), next_review 16 months
    // after approval (at next_review); 4 years for the 4-yearly equality
    // objectives and 5 for a live document are fine.
    assert_eq!(
        places,
        [
            ("content/policies/beh.md".to_string(), 5, 15),
            ("content/policies/cp.md".to_string(), 5, 16)
        ],
        "{}",
        report.stderr
    );
    let cp = report
        .of("statutory-cycle")
        .into_iter()
        .find(|d| d["file"] == "content/policies/cp.md")
        .unwrap();
    assert!(cp["message"].as_str().unwrap().contains("every 2 years"));
    assert!(
        cp["hint"]
            .as_str()
            .unwrap()
            .contains("review_every = \"1 year\"")
    );
}

#[test]
fn a_site_file_corrects_a_cycle_and_adds_a_requirement() {
    let s = school(
        "school_type = \"maintained\"\nphases = [\"primary\"]\nregister = \"statutory.toml\"\n",
    );
    s.write("statutory.toml", "[[source]]\nid = \"la-list\"\ntitle = \"Our local authority's list\"\nurl = \"https://la.example/list\"\nread = 2026-11-01\n\n[[requirement]]\nid = \"child-protection\"\ncycle = \"2-years\"\n\n[[requirement]]\nid = \"lettings\"\ntitle = \"Lettings policy\"\napplies_to = { types = [\"maintained\"], phases = [\"all\"] }\nkind = \"policy\"\ncycle = \"annual\"\napproval = \"full-board\"\npublish = \"not-stated\"\nsource = [\"la-list\"]\n");
    s.write("content/policies/cp.md", "+++\ntitle = \"CP\"\nowners = [\"DSL\"]\napproved = 2026-09-01\nreview_every = \"2 years\"\nmeets = [\"child-protection\"]\n+++\n\nText.\n");
    let report = check(&s);
    assert!(
        report.of("statutory-cycle").is_empty(),
        "corrected to 2 years: {}",
        report.stderr
    );
    let lettings = report
        .of("statutory-missing")
        .into_iter()
        .find(|d| d["message"].as_str().unwrap().contains("`lettings`"))
        .expect("the new requirement applies");
    assert!(
        lettings["hint"]
            .as_str()
            .unwrap()
            .contains("https://la.example/list (read 2026-11-01)")
    );

    // A new entry lacking keys, and an unknown source: errors in the file.
    s.write("statutory.toml", "[[requirement]]\nid = \"lettings\"\ntitle = \"Lettings\"\n\n[[requirement]]\nid = \"behaviour\"\nsource = [\"nowhere\"]\n");
    let report = check(&s);
    assert_eq!(report.code, 2);
    let places = report.place("config-invalid");
    assert_eq!(
        places,
        [
            ("statutory.toml".to_string(), 2, 6),
            ("statutory.toml".to_string(), 7, 12)
        ],
        "{}",
        report.stderr
    );
}

#[test]
fn approval_below_the_level_is_a_notice() {
    // An academy: the trust board approves (the register says proprietor).
    let s = school("school_type = \"academy\"\nphases = [\"primary\"]\n");
    s.write("content/policies/beh.md", "+++\ntitle = \"Behaviour\"\nowners = [\"Head\"]\napproved_by = \"Resources Committee\"\napproved = 2026-09-01\nreview_every = \"1 year\"\nmeets = [\"behaviour\"]\n+++\n\nText.\n");
    s.write(
        "content/policies/cp.md",
        format!("{POLICY}meets = [\"child-protection\"]\n+++\n\nText.\n"),
    );
    s.write("content/policies/odd.md", "+++\ntitle = \"Complaints\"\nowners = [\"Head\"]\napproved_by = \"SLT\"\napproved = 2026-09-01\nreview_every = \"1 year\"\nmeets = [\"complaints\"]\n+++\n\nText.\n");
    let report = check(&s);
    assert_eq!(
        report.place("statutory-approval"),
        [("content/policies/beh.md".to_string(), 4, 15)],
        "{}",
        report.stderr
    );
    let d = report.of("statutory-approval")[0];
    assert_eq!(d["severity"], "notice");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("the full governing board")
    );

    // A maintained school: the current DfE pages state no level, so the
    // former list's is used, and the message says so.
    let m = school("school_type = \"maintained\"\nphases = [\"primary\"]\n");
    m.write("content/policies/cp.md", "+++\ntitle = \"CP\"\nowners = [\"DSL\"]\napproved_by = \"Headteacher\"\napproved = 2026-09-01\nreview_every = \"1 year\"\nmeets = [\"child-protection\"]\n+++\n\nText.\n");
    m.write("content/policies/beh.md", "+++\ntitle = \"Behaviour\"\nowners = [\"Head\"]\napproved_by = \"Headteacher\"\napproved = 2026-09-01\nreview_every = \"1 year\"\nmeets = [\"behaviour\"]\n+++\n\nText.\n");
    let report = check(&m);
    assert_eq!(
        report.place("statutory-approval"),
        [("content/policies/cp.md".to_string(), 4, 15)],
        "{}",
        report.stderr
    );
    assert!(
        report.of("statutory-approval")[0]["message"]
            .as_str()
            .unwrap()
            .contains("former (withdrawn) list")
    );
}

#[test]
fn the_statutory_flag_must_agree_with_the_register() {
    let s = school("school_type = \"maintained\"\nphases = [\"primary\"]\n");
    s.write(
        "content/policies/cp.md",
        format!("{POLICY}statutory = false\nmeets = [\"child-protection\"]\n+++\n\nText.\n"),
    );
    s.write(
        "content/policies/trips.md",
        format!("{POLICY}statutory = true\n+++\n\nText.\n").replace("Child protection", "Trips"),
    );
    s.write(
        "content/policies/beh.md",
        format!("{POLICY}statutory = true\nmeets = [\"behaviour\"]\n+++\n\nText.\n")
            .replace("Child protection", "Behaviour"),
    );
    s.write(
        "content/policies/eq.md",
        format!("{POLICY}meets = [\"equality-objectives\"]\n+++\n\nText.\n")
            .replace("Child protection", "Equality"),
    );
    // A statutory document (not a policy) agrees with `statutory = true`;
    // website information alone does not.
    s.write(
        "content/policies/sen.md",
        format!("{POLICY}statutory = true\nmeets = [\"sen-information-report\"]\n+++\n\nText.\n")
            .replace("Child protection", "SEN report"),
    );
    s.write(
        "content/policies/hours.md",
        format!("{POLICY}statutory = true\nmeets = [\"school-opening-hours\"]\n+++\n\nText.\n")
            .replace("Child protection", "Hours"),
    );
    let report = check(&s);
    let mut places = report.place("statutory-mismatch");
    places.sort();
    assert_eq!(
        places,
        [
            ("content/policies/cp.md".to_string(), 7, 13),
            ("content/policies/hours.md".to_string(), 7, 13),
            ("content/policies/trips.md".to_string(), 7, 13)
        ],
        "{}",
        report.stderr
    );
    // The policies index says "Statutory" from the register too.
    assert_eq!(s.build().code, 0);
    let index = s.read("public/policies/index.html");
    let doc = scraper::Html::parse_document(&index);
    let row = scraper::Selector::parse("tbody tr").unwrap();
    let equality = doc
        .select(&row)
        .find(|r| r.text().any(|t| t.contains("Equality")))
        .unwrap();
    assert!(
        equality.text().collect::<String>().contains("Yes"),
        "{}",
        equality.html()
    );
}

#[test]
fn drafts_only_is_publish_missing_and_the_dashboard_lists_every_requirement() {
    let s = school("school_type = \"maintained\"\nphases = [\"primary\"]\n");
    s.write(
        "content/policies/beh.md",
        format!("{POLICY}meets = [\"behaviour\"]\ndraft = true\n+++\n\nText.\n")
            .replace("Child protection", "Behaviour"),
    );
    s.write(
        "content/policies/cp.md",
        format!("{POLICY}meets = [\"child-protection\"]\n+++\n\nText.\n"),
    );
    let report = check(&s);
    assert_eq!(
        report
            .place("publish-missing")
            .iter()
            .filter(|p| p.0 == "content/policies/beh.md")
            .count(),
        1,
        "{}",
        report.stderr
    );
    assert!(
        !report.ids("statutory-missing").contains("behaviour"),
        "a draft exists: not also missing"
    );
    assert!(!report.ids("publish-missing").contains("child-protection"));

    assert_eq!(s.build().code, 0);
    let html = s.read("public/governors/reviews/index.html");
    let doc = scraper::Html::parse_document(&html);
    let rows = scraper::Selector::parse("section.law-table tbody tr").unwrap();
    let rows: Vec<_> = doc.select(&rows).collect();
    let expected = applicable("maintained", &["primary"], false);
    assert_eq!(rows.len(), expected.len());
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.value().id() == Some(&format!("law-{id}")))
            .unwrap()
            .text()
            .collect::<String>()
    };
    assert!(row("child-protection").contains("Met"));
    assert!(row("behaviour").contains("Draft only"));
    assert!(row("complaints").contains("Missing"));
    let link = scraper::Selector::parse("#law-child-protection a[href='/policies/cp/']").unwrap();
    assert_eq!(
        doc.select(&link).count(),
        1,
        "the page meeting it is linked"
    );
    let source =
        scraper::Selector::parse("#law-child-protection a[href^='https://www.gov.uk/']").unwrap();
    assert!(
        doc.select(&source).count() >= 1,
        "its gov.uk source is linked"
    );
    let csv = s.read("public/governors/reviews/statutory.csv");
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert!(
        lines[0]
            .starts_with("Requirement,Id,Type,Status,Meets (statutory),DfE cycle,Approval level")
    );
    assert_eq!(lines.len(), expected.len() + 1);
    assert!(lines.iter().any(|l| l.starts_with("Safeguarding and child protection policy,child-protection,Policy,Met,Child protection,Every year,")), "{csv}");
}
