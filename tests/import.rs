//! `charter import`: documents become draft pages of the right kind, with
//! their cover lines as front matter, and the checks run on what was
//! written. Every test runs the real binary on a fresh `charter init` site.

mod common;

use std::path::{Path, PathBuf};

use common::{Site, TODAY, repo_root};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/import").join(name)
}

/// A new site made by `charter init`.
fn new_site() -> Site {
    let s = Site::empty();
    let run = s.run(&["init", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

fn import(s: &Site, args: &[&str]) -> common::Run {
    let mut all = vec!["import", "--today", TODAY];
    all.extend_from_slice(args);
    s.run(&all)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Codes of `charter check --format json`, with the file of each.
fn check_codes(s: &Site) -> Vec<(String, String)> {
    let run = s.run(&["check", "--format", "json", "--today", TODAY]);
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    json["diagnostics"]
        .as_array()
        .expect("a list of diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_text_policy_becomes_a_draft_policy_and_is_checked() {
    let s = new_site();
    // The register lists the edition the policy cites, and a newer one.
    let register = s.read("guidance.toml");
    s.write(
        "guidance.toml",
        format!(
            "{register}\n[[guidance]]\nid = \"kcsie-2025\"\ntitle = \"Keeping children safe in education 2025\"\npublisher = \"Department for Education\"\nedition = 2025-09-01\nurl = \"https://www.gov.uk/government/publications/keeping-children-safe-in-education--2\"\nsuperseded_by = \"kcsie-2026\"\n"
        ),
    );
    let run = import(&s, &[path_str(&fixture("anti-bullying.txt"))]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let written = s.read("content/policies/anti-bullying-policy.md");
    insta::assert_snapshot!("anti_bullying_policy", written);
    let out = &run.stdout;
    assert!(
        out.contains(
            "→ content/policies/anti-bullying-policy.md (policy: the title ends in “Policy”)"
        ),
        "{out}"
    );
    assert!(
        out.contains("recognised: next_review = \"Autumn 2027\""),
        "{out}"
    );
    // The ambiguous date is not guessed: both readings are given.
    assert!(
        out.contains("“01/09/2026” is 2026-09-01 or 2026-01-09"),
        "{out}"
    );
    assert!(out.contains("dropped: 3 page numbers"), "{out}");
    assert!(out.contains("a table of 3 rows, kept as text"), "{out}");
    // The checks show the defects the document came with.
    assert!(out.contains("error[link-malformed]"), "{out}");
    assert!(
        out.contains("recognised: guidance = [\"kcsie-2025\"] (cited in the text)"),
        "{out}"
    );
    assert!(out.contains("warning[guidance-superseded]"), "{out}");
    assert!(
        out.contains("error[placeholder]: unfilled template text: <insert name>"),
        "{out}"
    );
    assert!(out.contains("Imported 1 of 1 document"), "{out}");
    let codes = check_codes(&s);
    let mine: Vec<&str> = codes
        .iter()
        .filter(|(_, f)| f == "content/policies/anti-bullying-policy.md")
        .map(|(c, _)| c.as_str())
        .collect();
    assert_eq!(
        mine,
        ["guidance-superseded", "placeholder", "link-malformed"],
        "{codes:?}"
    );
}

#[test]
fn an_existing_file_is_never_overwritten_and_the_rest_go_on() {
    let s = new_site();
    let docs = Site::empty();
    docs.write(
        "anti-bullying.txt",
        std::fs::read(fixture("anti-bullying.txt")).expect("the fixture"),
    );
    docs.write(
        "trips.txt",
        "School Trips Policy\n\nPolicy owner: Educational Visits Coordinator\nNext review: Summer 2027\n\nEvery trip has a risk assessment.\n",
    );
    s.write("content/policies/anti-bullying-policy.md", "mine\n");
    let run = import(&s, &[path_str(docs.path())]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("anti-bullying.txt: not imported: content/policies/anti-bullying-policy.md already exists, and Charter never overwrites a file"),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("content/policies/anti-bullying-policy.md"), "mine\n");
    assert!(
        s.read("content/policies/school-trips-policy.md")
            .contains("owners = [\"Educational Visits Coordinator\"]")
    );
    assert!(
        run.stdout
            .contains("Imported 1 of 2 documents (1 not imported: see above)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_dry_run_prints_the_files_and_writes_nothing() {
    let s = new_site();
    let before = s.snapshot(".");
    let run = import(&s, &["--dry-run", path_str(&fixture("anti-bullying.txt"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.snapshot("."), before, "a dry run changed the site");
    assert!(
        run.stdout
            .contains("would become content/policies/anti-bullying-policy.md"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("----- content/policies/anti-bullying-policy.md -----\n+++\ntitle = \"Anti-bullying Policy\""), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Dry run: 1 of 1 document would be imported; nothing was written."),
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_is_imported_with_one_summary() {
    let s = new_site();
    let docs = Site::empty();
    let text = std::fs::read_to_string(fixture("anti-bullying.txt")).expect("the fixture");
    for i in 1..=40 {
        let copy = text.replacen(
            "\n Anti-bullying Policy\n",
            &format!("\n Anti-bullying Policy {i}\n"),
            1,
        );
        docs.write(&format!("policies/policy-{i:02}.txt"), copy);
    }
    docs.write("policies/scan.pdf", b"%PDF-1.7");
    docs.write("policies/.hidden.txt", "Hidden Policy\n");
    let run = import(&s, &[path_str(docs.path())]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout.matches("Imported ").count(), 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("Imported 40 of 40 documents"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Skipped 1 file that Charter does not import:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("scan.pdf"), "{}", run.stdout);
    for i in [1, 17, 40] {
        let text = s.read(&format!("content/policies/anti-bullying-policy-{i}.md"));
        assert!(
            text.starts_with(&format!("+++\ntitle = \"Anti-bullying Policy {i}\"\n")),
            "{text}"
        );
    }
    assert!(!s.path().join("content/policies/hidden-policy.md").exists());
}

#[test]
fn kinds_are_guessed_from_titles_and_each_guess_is_said() {
    let s = new_site();
    let docs = Site::empty();
    let files = [
        (
            "a.txt",
            "Pupil AUP KS2\n\n• I ask before I go online.\n• I tell a grown-up if something upsets me.\n",
        ),
        (
            "b.txt",
            "Staff acceptable use agreement\n\n• I keep my password to myself.\n",
        ),
        (
            "c.txt",
            "Information for parents: online gaming\n\nMost games have settings for chat.\n",
        ),
        (
            "d.txt",
            "Year 4 computing unit: Safe searching\n\nPupils compare two search results.\n",
        ),
        (
            "e.txt",
            "Term dates\n\nAutumn term starts on 3 September.\n",
        ),
        (
            "f.txt",
            "Attendance Policy\n\nNext review: Spring 2027\n\nWe expect every pupil in every day.\n",
        ),
    ];
    for (name, text) in files {
        docs.write(name, text);
    }
    let run = import(&s, &[path_str(docs.path())]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for line in [
        "a.txt → agreements/pupil-aup-ks2.md (agreement: the title says “AUP”; band ks2: the title says “KS2”)",
        "b.txt → agreements/staff-acceptable-use-agreement.md (agreement: the title says “Agreement”; for staff)",
        "c.txt → content/parents/information-for-parents-online-gaming.md (page for parents: the title says it is for parents)",
        "d.txt → content/curriculum/year-4-computing-unit-safe-searching.md (curriculum unit: the title says “unit”)",
        "e.txt → content/pages/term-dates.md (page: the title says no policy, agreement, unit or parents' guide)",
        "f.txt → content/policies/attendance-policy.md (policy: the title ends in “Policy”)",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    let agreement = s.read("agreements/pupil-aup-ks2.md");
    assert!(
        agreement.contains("audience = \"pupils\"\nband = \"ks2\"\n"),
        "{agreement}"
    );
    let codes = check_codes(&s);
    // The policy names no owner: the check asks for one at `owners`.
    assert!(
        codes.contains(&(
            "frontmatter-invalid".into(),
            "content/policies/attendance-policy.md".into()
        )),
        "{codes:?}"
    );
    // The unit's strand and bands are for the author to fill in.
    assert!(
        codes.contains(&(
            "band-unknown".into(),
            "content/curriculum/year-4-computing-unit-safe-searching.md".into()
        )),
        "{codes:?}"
    );
    for file in [
        "agreements/pupil-aup-ks2.md",
        "agreements/staff-acceptable-use-agreement.md",
        "content/parents/information-for-parents-online-gaming.md",
        "content/pages/term-dates.md",
    ] {
        let bad: Vec<_> = codes
            .iter()
            .filter(|(c, f)| f == file && (c == "frontmatter-invalid" || c == "file-invalid"))
            .collect();
        assert!(bad.is_empty(), "{file}: {bad:?}");
    }
}

#[test]
fn kind_given_wins_and_cover_lines_stay_as_comments() {
    let s = new_site();
    let run = import(
        &s,
        &["--kind", "page", path_str(&fixture("anti-bullying.txt"))],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("→ content/pages/anti-bullying-policy.md (page: --kind)"),
        "{}",
        run.stdout
    );
    let text = s.read("content/pages/anti-bullying-policy.md");
    assert!(!text.contains("\nowners ="), "{text}");
    assert!(text.contains("# The document's cover said: owners Deputy Headteacher (Pastoral); next review Autumn 2027; reference LPS-07"), "{text}");
    let codes = check_codes(&s);
    assert!(
        !codes
            .iter()
            .any(|(c, f)| f.starts_with("content/pages/anti") && c == "frontmatter-invalid"),
        "{codes:?}"
    );
}

#[test]
fn outside_a_site_it_says_so() {
    let s = Site::empty();
    let run = import(&s, &[path_str(&fixture("anti-bullying.txt"))]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("is not a Charter site (no charter.toml)"),
        "{}",
        run.stderr
    );
    assert!(s.snapshot(".").is_empty());
}

#[test]
fn files_it_cannot_read_are_refused_with_a_way_forward() {
    let s = new_site();
    let docs = Site::empty();
    docs.write("minutes.pdf", b"%PDF-1.7");
    let missing = docs.path().join("missing.txt");
    let run = import(
        &s,
        &[
            path_str(&docs.path().join("minutes.pdf")),
            path_str(&missing),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("minutes.pdf: not imported: Charter imports Word (.docx), web page (.html, .htm) and text (.txt) files, not .pdf; for a PDF, save its text as a .txt file"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("missing.txt: not imported: cannot read it:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("Imported 0 of 2 documents (2 not imported: see above)"),
        "{}",
        run.stdout
    );
}

/// The acceptance test of the issue: each real school's policy (text taken
/// from its PDF, kept beside the repository in ../shared/seeds) imports
/// into a fresh site that `charter check` reads without a broken file.
#[test]
fn the_seed_policies_import_into_a_site_that_reads_cleanly() {
    let seeds = repo_root().join("../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the seeds live in ../shared/seeds)",
                seeds.display()
            )
        })
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for seed in files {
        let s = new_site();
        let run = import(&s, &[path_str(&seed)]);
        assert_eq!(
            run.code,
            0,
            "{}: {}\n{}",
            seed.display(),
            run.stdout,
            run.stderr
        );
        let codes = check_codes(&s);
        let broken: Vec<_> = codes
            .iter()
            .filter(|(c, _)| c == "file-invalid" || c == "frontmatter-invalid")
            .collect();
        assert!(
            broken.is_empty(),
            "{}: {broken:?}\n{}",
            seed.display(),
            run.stdout
        );
        assert!(run.stdout.contains("→ content/policies/"), "{}", run.stdout);
    }
}
