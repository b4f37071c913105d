//! A translation that falls behind its source: `translation-stale` (by the
//! source's `approved` date or the fingerprint of its words, with what
//! changed from git), `charter translate mark`, the notice on a stale
//! translated page, and `translation-mismatch` for a translated agreement
//! whose consents or statements are not its source's.

mod common;

use common::{Site, git};
use serde_json::Value;

const LANGUAGES: &str = "\n[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n";

/// A `charter init` site that lists Polish.
fn site() -> Site {
    let site = Site::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    let config = site.read("charter.toml");
    site.write("charter.toml", format!("{config}{LANGUAGES}"));
    site
}

const AGREEMENT: &str = "agreements/parents.md";
const POLISH: &str = "agreements/parents.pl.md";

/// The Polish parents' agreement, with `translates_line` (or none) after
/// its title, its consents in `ids`' order and `statements` statements.
fn polish(translates_line: &str, ids: &[&str], statements: usize) -> String {
    let consents: String = ids
        .iter()
        .map(|id| format!("\n[[consents]]\nid = \"{id}\"\nlabel = \"Zgoda {id}\"\n"))
        .collect();
    let items: String = (1..=statements)
        .map(|n| format!("- Zdanie numer {n}.\n"))
        .collect();
    format!(
        "+++\ntitle = \"Umowa rodziców\"\n{translates_line}{consents}+++\n\nProsimy porozmawiać z dzieckiem.\n\n{items}"
    )
}

const IDS: [&str; 3] = ["photos-displays", "photos-newsletter", "photos-website"];

/// `charter check --format json`: its findings of `code`.
fn findings(site: &Site, code: &str) -> Vec<Value> {
    site.check_json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

fn place(d: &Value) -> String {
    format!(
        "{}:{}:{}",
        d["file"].as_str().unwrap(),
        d["line"],
        d["column"]
    )
}

#[test]
fn an_up_to_date_translation_has_no_finding() {
    let site = site();
    site.write(POLISH, polish("translates = 2026-09-10\n", &IDS, 4));
    assert!(findings(&site, "translation-stale").is_empty());
    assert!(findings(&site, "translation-mismatch").is_empty());
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/pl/agreements/parents/index.html");
    assert!(!page.contains("notice--translation"), "{page}");
}

#[test]
fn a_translation_of_an_earlier_approval_is_stale_and_the_hint_shows_what_changed_in_git() {
    let site = site();
    let dir = site.path();
    common::git_init(dir, "2026-09-10T12:00:00Z");
    site.write(POLISH, polish("translates = 2026-09-10\n", &IDS, 4));
    git(dir, &["add", "."], "2026-09-10T12:00:00Z");
    git(dir, &["commit", "-q", "-m", "Site"], "2026-09-10T12:00:00Z");
    // Approved again, with a statement changed and one paragraph added
    // (not committed yet: the working file is the source now).
    let english = site.read(AGREEMENT);
    let changed = english
        .replace("approved = 2026-09-10", "approved = 2026-11-01")
        .replace(
            "I will help my child to use technology safely at home.",
            "I will help my child to use technology safely at home and when travelling.",
        )
        .replace(
            "- I have read",
            "We review these choices every September.\n\n- I have read",
        );
    assert_ne!(changed, english);
    site.write(AGREEMENT, changed);

    let found = findings(&site, "translation-stale");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(place(d), "agreements/parents.pl.md:3:14");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("agreements/parents.md has changed since this translation was made")
            && message.contains("approved on 2026-09-10")
            && message.contains("approved on 2026-11-01"),
        "{message}"
    );
    let hint = d["hint"].as_str().unwrap();
    assert!(hint.contains("changed since commit "), "{hint}");
    assert!(
        hint.contains("1 paragraph changed: “…technology safely at home.” → “…technology safely at home and when travelling.”"),
        "{hint}"
    );
    assert!(
        hint.contains("1 paragraph added: “We review these choices every September.”"),
        "{hint}"
    );
    assert!(
        hint.contains("charter translate mark agreements/parents.pl.md")
            && hint.contains("translates = 2026-11-01"),
        "{hint}"
    );
    // A warning: the translation is still published, and says it may be
    // out of date, with a link to the English.
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[translation-stale]"));
    let page = site.read("public/pl/agreements/parents/index.html");
    // In the reader's language, naming the source's language in its own.
    assert!(
        page.contains("<div class=\"notice notice--translation\" role=\"note\">"),
        "{page}"
    );
    assert!(
        page.contains("To tłumaczenie może być nieaktualne"),
        "{page}"
    );
    assert!(
        page.contains("<span lang=\"en-GB\" dir=\"ltr\">English</span>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<a href=\"/agreements/parents/\" hreflang=\"en-GB\">Przeczytaj wersję: English</a>"
        ),
        "{page}"
    );
    assert!(
        !site
            .read("public/agreements/parents/index.html")
            .contains("notice--translation")
    );
}

#[test]
fn without_git_the_hint_names_both_versions() {
    let site = site();
    site.write(POLISH, polish("translates = 2025-09-01\n", &IDS, 4));
    let found = findings(&site, "translation-stale");
    assert_eq!(found.len(), 1, "{found:?}");
    let hint = found[0]["hint"].as_str().unwrap();
    assert!(
        hint.contains("the version approved on 2025-09-01 is not in the site's git history"),
        "{hint}"
    );
}

#[test]
fn a_translation_without_translates_is_stale_with_how_to_mark_it() {
    let site = site();
    site.write(POLISH, polish("", &IDS, 4));
    let found = findings(&site, "translation-stale");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(place(&found[0]), "agreements/parents.pl.md:1:1");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not say which version of agreements/parents.md it translates")
    );
    let hint = found[0]["hint"].as_str().unwrap();
    assert!(
        hint.contains("run `charter translate mark agreements/parents.pl.md`, which writes `translates = 2026-09-10`"),
        "{hint}"
    );
    // A value that names no version.
    site.write(POLISH, polish("translates = \"latest\"\n", &IDS, 4));
    let found = findings(&site, "translation-stale");
    assert_eq!(place(&found[0]), "agreements/parents.pl.md:3:14");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("`translates` names no version")
    );
}

#[test]
fn mark_writes_the_approved_date_and_the_finding_is_gone() {
    let site = site();
    let before = polish("", &IDS, 4);
    site.write(POLISH, &before);
    let run = site.run(&["translate", "mark", POLISH]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "agreements/parents.pl.md: wrote translates = 2026-09-10 (the approved date of agreements/parents.md)"
    );
    // Inserted after the title; every other byte as it was.
    assert_eq!(
        site.read(POLISH),
        before.replace(
            "title = \"Umowa rodziców\"\n",
            "title = \"Umowa rodziców\"\ntranslates = 2026-09-10\n"
        )
    );
    assert!(findings(&site, "translation-stale").is_empty());
    // Once the source is approved again, marking replaces the value.
    let english = site.read(AGREEMENT);
    site.write(
        AGREEMENT,
        english.replace("approved = 2026-09-10", "approved = 2026-11-01"),
    );
    assert_eq!(findings(&site, "translation-stale").len(), 1);
    let run = site.run(&["translate", "mark", POLISH]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read(POLISH),
        before.replace(
            "title = \"Umowa rodziców\"\n",
            "title = \"Umowa rodziców\"\ntranslates = 2026-11-01\n"
        )
    );
    assert!(findings(&site, "translation-stale").is_empty());
}

const PAGE: &str = "content/parents/screen-time-and-sleep.md";
const POLISH_PAGE: &str = "content/parents/screen-time-and-sleep.pl.md";
const POLISH_TEXT: &str = "+++\ntitle = \"Czas przed ekranem i sen\"\ntopics = [\"sen\"]\n+++\n\nDzieci potrzebują snu.\n";

#[test]
fn a_page_without_approved_is_marked_by_fingerprint_and_stale_when_its_words_change() {
    let site = site();
    site.write(POLISH_PAGE, POLISH_TEXT);
    let run = site.run(&["translate", "mark", POLISH_PAGE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = site.read(POLISH_PAGE);
    let line = written.lines().nth(2).unwrap();
    assert!(
        line.starts_with("translates = \"sha256:")
            && line.len() == "translates = \"sha256:\"".len() + 16,
        "{written}"
    );
    assert!(run.stdout.contains(line), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("(the fingerprint of content/parents/screen-time-and-sleep.md)")
    );
    assert!(findings(&site, "translation-stale").is_empty());

    // Comments and spaces at line ends are not words: still current.
    let english = site.read(PAGE);
    site.write(
        PAGE,
        english
            .replace("bands = [", "# checked in September\nbands = [")
            .replace("a night.\n", "a night.   \n"),
    );
    assert!(findings(&site, "translation-stale").is_empty());

    // A changed sentence is.
    site.write(PAGE, english.replace("9 and 13 hours", "10 and 13 hours"));
    let found = findings(&site, "translation-stale");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(place(&found[0]), format!("{POLISH_PAGE}:3:14"));
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("with fingerprint {}", &line[14..line.len() - 1])),
        "{message}"
    );
    let run = site.run(&["translate", "mark", POLISH_PAGE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(findings(&site, "translation-stale").is_empty());
}

#[test]
fn a_fingerprint_finds_its_version_in_git() {
    let site = site();
    let dir = site.path();
    common::git_init(dir, "2026-09-10T12:00:00Z");
    site.write(POLISH_PAGE, POLISH_TEXT);
    assert_eq!(site.run(&["translate", "mark", POLISH_PAGE]).code, 0);
    git(dir, &["add", "."], "2026-09-10T12:00:00Z");
    git(dir, &["commit", "-q", "-m", "Site"], "2026-09-10T12:00:00Z");
    let english = site.read(PAGE);
    site.write(
        PAGE,
        english.replace(
            "title = \"Screen time and sleep\"",
            "title = \"Screens and sleep\"",
        ),
    );
    git(
        dir,
        &["commit", "-q", "-a", "-m", "Title"],
        "2026-10-01T12:00:00Z",
    );
    let found = findings(&site, "translation-stale");
    let hint = found[0]["hint"].as_str().unwrap();
    assert!(
        hint.contains(
            "1 paragraph changed: “title: Screen time and sleep” → “title: Screens and sleep”"
        ),
        "{hint}"
    );
}

#[test]
fn mark_refuses_a_file_that_is_not_a_translation_of_this_site() {
    let site = site();
    let page = site.read(PAGE);
    let run = site.run(&["translate", "mark", PAGE]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("error[translation-invalid]")
            && run
                .stderr
                .contains("not a translation of a page of this site"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Nothing was written."));
    assert_eq!(site.read(PAGE), page);

    // A language the site does not list.
    site.write("content/parents/screen-time-and-sleep.fr.md", POLISH_TEXT);
    let run = site.run(&[
        "translate",
        "mark",
        "content/parents/screen-time-and-sleep.fr.md",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[translation-invalid]")
            && run.stderr.contains("a language the site does not list"),
        "{}",
        run.stderr
    );
    // No source.
    site.write("content/parents/gone.pl.md", POLISH_TEXT);
    let run = site.run(&["translate", "mark", "content/parents/gone.pl.md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("warning[translation-orphan]"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("content/parents/gone.pl.md"), POLISH_TEXT);
    // No such file.
    let run = site.run(&["translate", "mark", "content/parents/nothing.pl.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("there is no file content/parents/nothing.pl.md")
    );
}

#[test]
fn consents_must_be_the_sources_same_ids_in_the_same_order() {
    let site = site();
    let line = "translates = 2026-09-10\n";
    // Missing: reported at the first consent that differs.
    site.write(POLISH, polish(line, &IDS[..2], 4));
    let found = findings(&site, "translation-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["severity"], "error");
    // Two consents read: none differs, so the finding is on the `+++` line.
    assert_eq!(place(&found[0]), "agreements/parents.pl.md:1:1");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("missing `photos-website`"), "{message}");
    assert!(message.contains("a parent could sign a different list"));
    assert!(
        found[0]["hint"]
            .as_str()
            .unwrap()
            .contains("`photos-displays`, `photos-newsletter`, `photos-website`")
    );

    // Extra, in place of one.
    site.write(
        POLISH,
        polish(
            line,
            &["photos-displays", "photos-trips", "photos-website"],
            4,
        ),
    );
    let found = findings(&site, "translation-mismatch");
    assert_eq!(place(&found[0]), "agreements/parents.pl.md:9:1");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("missing `photos-newsletter`")
            && message.contains("`photos-trips` not in the source"),
        "{message}"
    );

    // Reordered.
    site.write(
        POLISH,
        polish(
            line,
            &["photos-displays", "photos-website", "photos-newsletter"],
            4,
        ),
    );
    let found = findings(&site, "translation-mismatch");
    assert_eq!(place(&found[0]), "agreements/parents.pl.md:9:1");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("(in another order)")
    );
    // An error: nothing is published.
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[translation-mismatch]"));
}

#[test]
fn a_translated_agreement_has_as_many_statements_as_its_source() {
    let site = site();
    let line = "translates = 2026-09-10\n";
    site.write(POLISH, polish(line, &IDS, 5));
    let found = findings(&site, "translation-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message
            .contains("this translation has 5 numbered statements and agreements/parents.md has 4"),
        "{message}"
    );
    // The extra one is marked.
    let text = site.read(POLISH);
    let line_of_fifth = text.lines().position(|l| l.contains("numer 5")).unwrap() + 1;
    assert_eq!(place(&found[0]), format!("{POLISH}:{line_of_fifth}:1"));

    site.write(POLISH, polish(line, &IDS, 3));
    let found = findings(&site, "translation-mismatch");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("has 3 numbered statements and agreements/parents.md has 4")
    );
    assert_eq!(place(&found[0]), "agreements/parents.pl.md:1:1");
}
