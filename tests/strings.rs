//! The theme's words in the page's language: built-in tables, a site's own
//! `strings/<code>.toml`, what is missing reported once, and dates in the
//! language (issue #20).

mod common;

use common::{Run, Site};

/// A new site (`charter init`) whose pages are in `language`.
fn site_in(language: &str) -> Site {
    let site = Site::empty();
    let run = site.run(&["init", "--ci", "none", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = site.read("charter.toml").replace(
        "language = \"en-GB\"",
        &format!("language = \"{language}\""),
    );
    site.write("charter.toml", config);
    site
}

fn built(site: &Site) -> Run {
    let run = site.build();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

/// The findings of `check --format json` with this code.
fn findings(site: &Site, code: &str) -> Vec<serde_json::Value> {
    let run = site.run(&["check", "--format", "json", "--today", common::TODAY]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

#[test]
fn a_polish_site_shows_polish_theme_words_and_dates_on_policy_agreement_and_form_pages() {
    let site = site_in("pl");
    built(&site);
    let policy = site.read("public/policies/online-safety/index.html");
    assert!(policy.contains("<html lang=\"pl\""), "{policy}");
    for words in [
        "Przejdź do treści głównej",
        "Strona główna",
        "O tym dokumencie",
        "Następny przegląd",
    ] {
        assert!(policy.contains(words), "policy page lacks {words:?}");
    }
    assert!(!policy.contains("Skip to main content"));
    assert!(!policy.contains("Next review"));
    // Dates in Polish (month names in the genitive), not English.
    assert!(
        [
            "stycznia",
            "lutego",
            "marca",
            "kwietnia",
            "maja",
            "czerwca",
            "lipca",
            "sierpnia",
            "września",
            "października",
            "listopada",
            "grudnia"
        ]
        .iter()
        .any(|m| policy.contains(&format!("{m} 20"))),
        "no Polish date: {policy}"
    );
    assert!(!policy.contains(" September 20") && !policy.contains(" January 20"));

    let agreement = site.read("public/agreements/parents/index.html");
    for words in [
        "O tym porozumieniu",
        "Podpisanie porozumienia",
        "Zatwierdzona <time",
    ] {
        assert!(agreement.contains(words), "agreement page lacks {words:?}");
    }
    let form = site.read("public/agreements/parents/form/index.html");
    for words in [
        "Przejdź do formularza",
        ">Podpis<",
        ">Imię i nazwisko<",
        ">Data<",
        "Imię i nazwisko dziecka",
        "Rodzic lub opiekun",
        "Prosimy podpisać formularz",
        "Wersja zatwierdzona <time",
    ] {
        assert!(form.contains(words), "form page lacks {words:?}");
    }
    assert!(!form.contains(">Signature<"));
    // Polish needs no notice: its table is complete.
    assert!(findings(&site, "strings-missing").is_empty());
}

#[test]
fn a_welsh_medium_school_gets_a_welsh_theme_from_its_language_alone() {
    let site = site_in("cy-GB");
    built(&site);
    let policy = site.read("public/policies/online-safety/index.html");
    assert!(policy.contains("<html lang=\"cy-GB\""), "{policy}");
    assert!(policy.contains(">Hafan<"), "{policy}");
    assert!(policy.contains("Neidio i&#39;r prif gynnwys"), "{policy}");
    assert!(
        policy.contains(" Medi 2026") || policy.contains(" Medi 2027"),
        "{policy}"
    );
    assert!(findings(&site, "strings-missing").is_empty());
}

#[test]
fn a_site_table_corrects_one_built_in_string_and_keeps_the_rest() {
    let site = site_in("pl");
    site.write(
        "strings/pl.toml",
        "toc_heading = \"Spis treści\"\nnav_home = \"Start\"\n",
    );
    built(&site);
    let policy = site.read("public/policies/online-safety/index.html");
    assert!(policy.contains(">Start<"), "{policy}");
    assert!(!policy.contains(">Strona główna<"));
    assert!(policy.contains("Przejdź do treści głównej"));
}

#[test]
fn a_site_table_with_an_unknown_key_is_reported_at_its_line() {
    let site = site_in("pl");
    site.write(
        "strings/pl.toml",
        "# Our corrections\nnav_home = \"Start\"\nnav_hoem = \"Start\"\n",
    );
    let found = findings(&site, "strings-invalid");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "strings/pl.toml");
    assert_eq!(found[0]["line"], 3);
    assert_eq!(found[0]["column"], 1);
    assert!(found[0]["hint"].as_str().unwrap().contains("nav_home"));
    assert_eq!(site.build().code, 1);
}

#[test]
fn a_site_string_without_the_english_placeholders_is_reported() {
    let site = site_in("pl");
    site.write("strings/pl.toml", "form_page_of = \"Strona {n}\"\n");
    let found = findings(&site, "strings-invalid");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["line"], 1);
    assert!(found[0]["message"].as_str().unwrap().contains("{count}"));
}

#[test]
fn a_language_with_missing_keys_falls_back_to_english_with_one_notice() {
    // A language Charter has no table for, with a site table of two words.
    let site = site_in("so");
    site.write(
        "strings/so.toml",
        "nav_home = \"Bogga hore\"\ntoc_heading = \"Boggan\"\n",
    );
    built(&site);
    let policy = site.read("public/policies/online-safety/index.html");
    assert!(policy.contains(">Bogga hore<"), "{policy}");
    assert!(policy.contains("Skip to main content"));
    let found = findings(&site, "strings-missing");
    assert_eq!(
        found.len(),
        1,
        "one notice for the language, not one per page: {found:?}"
    );
    assert_eq!(found[0]["severity"], "notice");
    assert_eq!(found[0]["file"], "strings/so.toml");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("skip_link") && !message.contains("nav_home"),
        "{message}"
    );
}

#[test]
fn a_language_without_any_table_builds_in_english_with_one_notice() {
    let site = site_in("so");
    let run = built(&site);
    let policy = site.read("public/policies/online-safety/index.html");
    assert!(policy.contains("<html lang=\"so\""));
    assert!(policy.contains("Skip to main content") && policy.contains("Next review"));
    let found = findings(&site, "strings-missing");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["file"], "charter.toml");
    assert!(found[0]["message"].as_str().unwrap().contains("`so`"));
    // `build` says it too, once.
    let said = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(said.matches("strings-missing").count(), 1, "{said}");
}

#[test]
fn an_english_site_needs_no_table_and_has_no_notice() {
    let site = site_in("en-GB");
    built(&site);
    assert!(findings(&site, "strings-missing").is_empty());
    assert!(
        site.read("public/index.html")
            .contains("Skip to main content")
    );
}
