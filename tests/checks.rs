//! `charter check`: one small site per diagnostic code, proving that it
//! fires where it should (file, line, column) and stays silent on the traps.

mod common;

use common::{Site, TODAY};
use serde_json::Value;

/// A site whose only content is `files`, with one band so that band
/// coverage does not add noise.
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
    /// (file, line, column, severity) of each finding with `code`.
    fn of(&self, code: &str) -> Vec<(String, u64, u64, String)> {
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
    fn codes(&self) -> Vec<String> {
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    }
}

fn at(file: &str, line: u64, column: u64, severity: &str) -> (String, u64, u64, String) {
    (file.to_string(), line, column, severity.to_string())
}

#[test]
fn json_has_exactly_the_spec_shape() {
    let s = site(&[("content/policies/p.md", &policy("", "See [x](@nowhere).\n"))]);
    let r = check(&s);
    assert_eq!(r.code, 1);
    let d = &r.json["diagnostics"][0];
    let mut keys: Vec<_> = d.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code", "column", "file", "hint", "line", "message", "severity"
        ]
    );
    let mut summary: Vec<_> = r.json["summary"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    summary.sort();
    assert_eq!(summary, ["errors", "notices", "warnings"]);
    assert_eq!(r.json["summary"]["errors"], 1);
}

#[test]
fn a_clean_site_passes() {
    let s = site(&[(
        "content/policies/p.md",
        &policy("", "## Scope\n\nAll staff.\n"),
    )]);
    let r = check(&s);
    assert_eq!(r.codes(), Vec::<String>::new());
    assert_eq!(r.code, 0);
}

#[test]
fn review_overdue_is_an_error_only_for_statutory_policies() {
    let s = site(&[
        (
            "content/policies/old.md",
            &policy("next_review = 2026-10-01\n", "Text.\n"),
        ),
        (
            "content/policies/statutory.md",
            "+++\ntitle = \"S\"\nowners = [\"Head\"]\napproved = 2025-06-01\nstatutory = true\nnext_review = \"Summer 2026\"\n+++\nText.\n",
        ),
        (
            "content/policies/fine.md",
            &policy("next_review = 2027-10-01\n", "Text.\n"),
        ),
    ]);
    let r = check(&s);
    assert_eq!(
        r.of("review-overdue"),
        [
            at("content/policies/old.md", 6, 15, "warning"),
            at("content/policies/statutory.md", 6, 15, "error")
        ]
    );
    assert_eq!(r.code, 1);
    // A build still publishes: review findings never stop it.
    assert_eq!(s.build().code, 0);
}

#[test]
fn review_due_soon_missing_and_impossible() {
    let s = site(&[
        (
            "content/policies/soon.md",
            &policy("next_review = 2027-01-10\n", "Text.\n"),
        ),
        (
            "content/policies/missing.md",
            "+++\ntitle = \"M\"\nowners = [\"Head\"]\n+++\nText.\n",
        ),
        (
            "content/policies/impossible.md",
            &policy("next_review = 2026-01-01\n", "Text.\n"),
        ),
    ]);
    let r = check(&s);
    assert_eq!(
        r.of("review-due-soon"),
        [at("content/policies/soon.md", 6, 15, "notice")]
    );
    assert_eq!(
        r.of("review-missing"),
        [at("content/policies/missing.md", 1, 1, "error")]
    );
    assert_eq!(
        r.of("review-impossible"),
        [at("content/policies/impossible.md", 6, 15, "error")]
    );
}

#[test]
fn date_unparseable_names_the_terms() {
    let s = site(&[(
        "content/policies/p.md",
        &policy("next_review = \"Autum 2027\"\n", "Text.\n"),
    )]);
    let run = s.run(&["check", "--today", TODAY]);
    assert!(
        run.stderr
            .contains("error[date-unparseable]: \"Autum 2027\" is not a date or a school term"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/policies/p.md:6:15"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Autumn 2027"), "{}", run.stderr);
}

#[test]
fn months_in_words_are_dates_and_figures_are_never_guessed() {
    let front = |next: &str| {
        format!("+++\ntitle = \"P\"\nowners = [\"Head\"]\nnext_review = \"{next}\"\n+++\n\nText.\n")
    };
    let s = site(&[
        ("content/policies/month.md", &front("September 2026")),
        ("content/policies/day.md", &front("1st March 2027")),
        ("content/policies/figures.md", &front("01/09/2027")),
    ]);
    let report = check(&s);
    // September 2026 ended before TODAY: overdue, so it was read.
    assert_eq!(
        report.of("review-overdue"),
        [at("content/policies/month.md", 4, 15, "warning")]
    );
    assert_eq!(
        report.of("date-unparseable"),
        [at("content/policies/figures.md", 4, 15, "error")]
    );
    // An unreadable date is not also a missing one.
    assert!(report.of("review-missing").is_empty(), "{:?}", report.json);
    let hint = report.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "date-unparseable")
        .unwrap()["hint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(hint.contains("2027-09-01"), "{hint}");
}

#[test]
fn terms_use_the_configured_dates() {
    let s = site(&[(
        "content/policies/p.md",
        &policy("next_review = \"spring term 2027\"\n", "Text.\n"),
    )]);
    s.write("charter.toml", "title = \"S\"\n[[bands]]\nid = \"ks1\"\nname = \"KS1\"\n[terms.ends]\n\"Spring 2027\" = 2027-01-15\n");
    let r = check(&s);
    assert_eq!(r.of("review-due-soon").len(), 1, "{:?}", r.json);
}

#[test]
fn guidance_unknown_and_superseded() {
    let s = site(&[(
        "content/policies/p.md",
        &policy("guidance = [\"kcsie-2025\", \"kcsie-2062\"]\n", "Text.\n"),
    )]);
    s.write("guidance.toml", "[[guidance]]\nid = \"kcsie-2025\"\ntitle = \"KCSIE\"\nedition = 2025-09-01\nsuperseded_by = \"kcsie-2026\"\n\n[[guidance]]\nid = \"kcsie-2026\"\ntitle = \"KCSIE\"\nedition = 2026-09-01\n");
    let r = check(&s);
    assert_eq!(
        r.of("guidance-superseded"),
        [at("content/policies/p.md", 6, 13, "warning")]
    );
    assert_eq!(
        r.of("guidance-unknown"),
        [at("content/policies/p.md", 6, 27, "error")]
    );
    let run = s.run(&["check", "--today", TODAY]);
    assert!(run.stderr.contains("kcsie-2026"), "{}", run.stderr);
}

#[test]
fn id_duplicate() {
    let s = site(&[
        ("content/policies/a.md", &policy("id = \"same\"\n", "A.\n")),
        (
            "content/parents/b.md",
            "+++\ntitle = \"B\"\nid = \"same\"\n+++\nB.\n",
        ),
    ]);
    assert_eq!(
        check(&s).of("id-duplicate"),
        [at("content/policies/a.md", 6, 6, "error")]
    );
}

#[test]
fn built_in_hub_ids_are_never_taken_silently() {
    let s = site(&[
        (
            "agreements/parents.md",
            "+++\ntitle = \"Parents\"\naudience = \"parents\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I agree.\n",
        ),
        (
            "content/policies/p.md",
            &policy("", "Read [the guides for families](@parents).\n"),
        ),
    ]);
    // Built-in pages' ids start with `charter:`, so the file keeps its
    // natural id and `@parents` is the file (tests/authoring.rs).
    let report = check(&s);
    assert!(report.of("id-duplicate").is_empty(), "{:?}", report.json);
    assert!(report.of("xref-unknown").is_empty());
}

#[test]
fn addresses_typed_as_plain_text_are_checked_and_linked() {
    let body = "Advice for parents:\nhttps://wwww.nspcc.org.uk/keeping-children-safe/ and\nwww.thinkuknow.co.uk.\n";
    let s = site(&[("content/policies/p.md", &policy("", body))]);
    let report = check(&s);
    assert_eq!(
        report.of("link-malformed"),
        [at("content/policies/p.md", 9, 1, "error")]
    );
    s.write(
        "content/policies/p.md",
        policy("", &body.replace("wwww.", "www.")),
    );
    assert_eq!(s.build().code, 0);
    let page = s.read("public/policies/p/index.html");
    assert!(
        // An address shown as text reads left to right in any language.
        page.contains(
            "<a href=\"https://www.thinkuknow.co.uk\" dir=\"ltr\">www.thinkuknow.co.uk</a>."
        ),
        "{page}"
    );
}

#[test]
fn policies_cited_by_name_without_a_link() {
    let s = site(&[
        (
            "content/policies/anti-bullying.md",
            &policy("", "Bullying is never accepted.\n")
                .replace("A policy", "Anti-bullying policy"),
        ),
        (
            "content/policies/p.md",
            &policy(
                "",
                "Staff follow the Anti-Bullying Policy.\n\nSee [the Anti-Bullying Policy](@anti-bullying) and the Lettings Policy.\n",
            ),
        ),
    ]);
    let report = check(&s);
    assert_eq!(
        report.of("policy-unlinked"),
        [at("content/policies/p.md", 8, 18, "notice")]
    );
}

#[test]
fn a_broken_file_is_reported_once_not_by_every_link_to_it() {
    let s = site(&[
        (
            "content/policies/behaviour.md",
            "+++\ntitle = \"Behaviour\"\nownrs = [\"Head\"]\n+++\n\n## Sanctions\n",
        ),
        (
            "content/policies/p.md",
            &policy(
                "related = [\"behaviour\"]\n",
                "See [sanctions](@behaviour#sanctions) and [nothing](@nothing).\n",
            ),
        ),
    ]);
    let report = check(&s);
    // The unknown key and the missing `owners`, both in the broken file.
    assert_eq!(
        report.of("frontmatter-invalid").len(),
        2,
        "{:?}",
        report.json
    );
    assert!(report.of("related-unknown").is_empty(), "{:?}", report.json);
    // Only the link to a page that does not exist at all.
    assert_eq!(
        report.of("xref-unknown"),
        [at("content/policies/p.md", 9, 43, "error")]
    );
}

#[test]
fn links_malformed_insecure_and_traps() {
    let body = "Visit [DfE](https://wwww.gov.uk), [the NSPCC](https://nspcc), [CEOP](www.ceop.police.uk) and [old](http://example.org/page).\n\nFine: [mail](mailto:office@school.sch.uk), [phone](tel:+441632960418), <https://www.gov.uk>, [anchor](#scope).\n\n## Scope\n\nBad: [mail](mailto:office).\n";
    let s = site(&[("content/policies/p.md", &policy("", body))]);
    let r = check(&s);
    assert_eq!(
        r.of("link-malformed"),
        [
            at("content/policies/p.md", 8, 7, "error"),
            at("content/policies/p.md", 8, 35, "error"),
            at("content/policies/p.md", 8, 63, "error"),
            at("content/policies/p.md", 14, 6, "error")
        ]
    );
    assert_eq!(
        r.of("link-insecure"),
        [at("content/policies/p.md", 8, 94, "warning")]
    );
    assert!(r.of("link-broken").is_empty());
}

#[test]
fn placeholders_fire_on_template_text_and_not_on_traps() {
    let body = "Our DSL is <name of DSL>.\n\nThe review date is TBC and the head is [insert name].\n\nReference: XXX\n\n<!-- <insert name> TBC in a comment -->\n\n`TBC` in code, and\n\n```\nXXX <insert>\n```\n\nPupils aged < 13 and > 11, <https://example.org/TBC>.\n";
    let s = site(&[("content/policies/p.md", &policy("", body))]);
    let r = check(&s);
    assert_eq!(
        r.of("placeholder"),
        [
            at("content/policies/p.md", 8, 12, "error"),
            at("content/policies/p.md", 10, 20, "error"),
            at("content/policies/p.md", 10, 40, "error"),
            at("content/policies/p.md", 12, 12, "error")
        ]
    );
}

#[test]
fn configured_placeholder_patterns_severities_and_ignores() {
    let s = site(&[(
        "content/policies/p.md",
        &policy(
            "",
            "Ask ??? about it. See [here](#scope).\n\n## Scope\n\n#### Deep\n",
        ),
    )]);
    s.write(
        "charter.toml",
        "title = \"S\"\n[[bands]]\nid = \"ks1\"\nname = \"KS1\"\n[checks]\nplaceholders = [\"\\\\?\\\\?\\\\?\"]\nignore = [\"link-text-vague\"]\n[checks.severity]\nheading-skip = \"error\"\n",
    );
    let r = check(&s);
    assert_eq!(
        r.of("placeholder"),
        [at("content/policies/p.md", 8, 5, "error")]
    );
    assert!(r.of("link-text-vague").is_empty());
    assert_eq!(
        r.of("heading-skip"),
        [at("content/policies/p.md", 12, 1, "error")]
    );
}

#[test]
fn bad_checks_config_is_a_usage_error() {
    let s = site(&[]);
    s.write("charter.toml", "title = \"S\"\n[checks]\nignore = [\"link-insecur\"]\n[checks.severity]\nplaceholder = \"fatal\"\n");
    let run = s.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `link-insecure`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\"fatal\" is not a severity"),
        "{}",
        run.stderr
    );
}

#[test]
fn authored_accessibility() {
    let body = "![](chart.png) and ![A bar chart of attendance](chart.png) and <img src=\"x.png\">.\n\n[Click here](@p) or [read more](https://example.org) or [our behaviour policy](@p).\n\n## Scope\n\n#### Too deep\n\n| | |\n|---|---|\n| a | b |\n\n| Name | Role |\n|---|---|\n| A | B |\n";
    let s = site(&[
        ("content/policies/p.md", &policy("", body)),
        ("static/chart.png", "png"),
        ("static/x.png", "png"),
    ]);
    s.write(
        "content/policies/p.md",
        policy("", &body.replace("chart.png", "/chart.png")),
    );
    let r = check(&s);
    assert_eq!(
        r.of("alt-missing"),
        [
            at("content/policies/p.md", 8, 1, "error"),
            at("content/policies/p.md", 8, 66, "error")
        ]
    );
    assert_eq!(
        r.of("link-text-vague"),
        [
            at("content/policies/p.md", 10, 1, "warning"),
            at("content/policies/p.md", 10, 21, "warning")
        ]
    );
    assert_eq!(
        r.of("heading-skip"),
        [at("content/policies/p.md", 14, 1, "warning")]
    );
    assert_eq!(
        r.of("table-no-header"),
        [at("content/policies/p.md", 16, 1, "warning")]
    );
}

#[test]
fn agreements_cover_every_band_and_read_at_their_level() {
    let s = site(&[]);
    s.write("charter.toml", "title = \"S\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\n\n[[bands]]\nid = \"ks2\"\nname = \"Key Stage 2\"\n");
    s.write(
        "agreements/pupils-ks1.md",
        "+++\ntitle = \"KS1\"\naudience = \"pupils\"\nband = \"ks1\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind online.\n- Users must ensure that confidential organisational information is transmitted exclusively through authorised, encrypted communication channels.\n- I tell a grown-up.\n",
    );
    let r = check(&s);
    assert_eq!(
        r.of("agreement-band-missing"),
        [at("charter.toml", 7, 6, "warning")]
    );
    assert_eq!(
        r.of("readability"),
        [at("agreements/pupils-ks1.md", 10, 1, "warning")]
    );
}

#[test]
fn a_site_without_pupils_agreements_is_told_once() {
    let s = Site::empty();
    s.write("charter.toml", "title = \"Policies Only\"\n");
    s.write("content/policies/p.md", policy("", "Text.\n"));
    let r = check(&s);
    // The six default key stages: one finding, on charter.toml.
    assert_eq!(
        r.of("agreement-band-missing"),
        [at("charter.toml", 1, 1, "warning")]
    );
    let d = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "agreement-band-missing")
        .unwrap();
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("no band has a pupils' agreement (6 bands: eyfs, ks1"),
        "{d}"
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("agreements/pupils-ks2.md")
    );
    // With bands of its own, the finding is at the first of them.
    s.write("charter.toml", "title = \"Policies Only\"\n\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\n\n[[bands]]\nid = \"ks2\"\nname = \"Key Stage 2\"\n");
    assert_eq!(
        check(&s).of("agreement-band-missing"),
        [at("charter.toml", 3, 1, "warning")]
    );
}

#[test]
fn a_policy_in_the_wrong_folder_is_told_where_it_belongs() {
    let s = site(&[("content/policy/attendance.md", &policy("", "Text.\n"))]);
    let r = check(&s);
    let found: Vec<&Value> = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "content/policy/attendance.md")
        .collect();
    // One finding, not one per policy key, at the first of them.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "frontmatter-invalid");
    assert_eq!(found[0]["line"], 3);
    assert_eq!(
        found[0]["message"],
        "`owners`, `approved`, `review_every` are keys of a policy, but content/policy/attendance.md is a page: only files in content/policies/ are policies"
    );
    assert_eq!(
        found[0]["hint"],
        "move the file to content/policies/attendance.md"
    );
    // A page with a key of no other kind keeps its own finding.
    s.write(
        "content/policy/attendance.md",
        "+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n",
    );
    assert_eq!(
        check(&s).of("frontmatter-invalid"),
        [at("content/policy/attendance.md", 3, 1, "error")]
    );
}

#[test]
fn a_policy_owned_by_nobody_is_an_error() {
    let s = site(&[(
        "content/policies/p.md",
        "+++\ntitle = \"P\"\nowners = []\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nText.\n",
    )]);
    assert_eq!(
        check(&s).of("frontmatter-invalid"),
        [at("content/policies/p.md", 3, 1, "error")]
    );
    s.write(
        "content/policies/p.md",
        "+++\ntitle = \"P\"\nowners = [\"  \"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nText.\n",
    );
    assert_eq!(check(&s).of("frontmatter-invalid").len(), 1);
}

#[test]
fn markdown_in_folders_that_are_not_read_is_a_warning() {
    let s = site(&[
        ("policies/attendance.md", &policy("", "Text.\n")),
        ("Content/pages/about.md", "+++\ntitle = \"About\"\n+++\n"),
        // Other folders are the site's own business.
        ("docs/how-to-edit.md", "How to edit this site.\n"),
        ("README.md", "The school's site.\n"),
    ]);
    let r = check(&s);
    assert_eq!(
        r.of("content-outside"),
        [
            at("Content/pages/about.md", 1, 1, "warning"),
            at("policies/attendance.md", 1, 1, "warning"),
        ]
    );
    let hints: Vec<&str> = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "content-outside")
        .map(|d| d["hint"].as_str().unwrap())
        .collect();
    assert_eq!(
        hints,
        [
            "rename Content/ to content/ (folder names are case-sensitive)",
            "move policies/ into content/, as content/policies/",
        ]
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    let s = site(&[(
        "content/policies/p.md",
        &policy("", "[old](http://example.org).\n"),
    )]);
    assert_eq!(s.run(&["check", "--today", TODAY]).code, 0);
    let strict = s.run(&["check", "--strict", "--today", TODAY]);
    assert_eq!(strict.code, 1);
    assert!(
        strict.stderr.contains("error[link-insecure]"),
        "{}",
        strict.stderr
    );
}

#[test]
fn findings_in_drafts_do_not_stop_a_build() {
    let s = site(&[(
        "content/policies/p.md",
        &policy("draft = true\n", "Name: [insert name].\n"),
    )]);
    assert_eq!(check(&s).code, 1);
    let build = s.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!s.path().join("public/policies/p").exists());
}

#[test]
fn ten_problems_in_one_run_and_no_panic_on_huge_or_deep_input() {
    let s = site(&[
        (
            "content/policies/a.md",
            &policy(
                "related = [\"nope\"]\n",
                "[x](@nope) [y](../none.md) TBC ![](/a.png)\n\n#### skip\n",
            ),
        ),
        (
            "content/policies/b.md",
            "+++\ntitle = \"B\"\nowners = [\"Head\"]\nreview_every = \"often\"\n+++\n[z](https://ww.x.org)\n",
        ),
        ("content/policies/c.md", "+++\ntitle = 3\n+++\n"),
        ("content/policies/d.md", "no front matter\n"),
        (
            "content/parents/e.md",
            "+++\ntitle = \"E\"\nbands = [\"ks9\"]\n+++\n[click here](#nowhere)\n",
        ),
    ]);
    let big: String = (0..80_000)
        .map(|i| format!("Paragraph {i} of a very long policy with a [way back up](#top).\n\n"))
        .collect();
    s.write(
        "content/policies/huge.md",
        policy("", &format!("## Top\n\n{big}")),
    );
    let deep: String = (0..500)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    s.write("content/policies/deep.md", policy("", &deep));
    let r = check(&s);
    let codes = r.codes();
    for code in [
        "related-unknown",
        "xref-unknown",
        "link-broken",
        "placeholder",
        "alt-missing",
        "heading-skip",
        "date-unparseable",
        "link-malformed",
        "frontmatter-invalid",
        "band-unknown",
        "link-text-vague",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} missing");
    }
    assert!(codes.len() < 40, "{codes:?}");
    assert!(
        std::fs::metadata(s.path().join("content/policies/huge.md"))
            .unwrap()
            .len()
            > 5_000_000
    );
}

#[test]
fn content_blocked_spares_the_sites_own_host_and_service_numbers_are_phone_links() {
    let s = site(&[(
        "content/pages/visit.md",
        "+++\ntitle = \"Visit\"\n+++\n\nCall [999](tel:999) in an emergency, or [111](tel:111).\n\n![Our hall](https://www.check.example/images/hall.jpg)\n\n![A map](https://maps.example/hall.png)\n\n<img src=\"//www.check.example/x.png\" alt=\"x\">\n",
    )]);
    let config = s.read("charter.toml");
    s.write(
        "charter.toml",
        config.replace(
            "title = \"Check School\"\n",
            "title = \"Check School\"\nbase_url = \"https://www.check.example\"\n",
        ),
    );
    let r = check(&s);
    assert_eq!(
        r.of("content-blocked"),
        [(
            "content/pages/visit.md".to_string(),
            9,
            1,
            "warning".to_string()
        )],
        "only the other website's image"
    );
    assert!(r.of("link-malformed").is_empty(), "{}", r.json);
}
