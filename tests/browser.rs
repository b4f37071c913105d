//! The published sites in a real browser: builds the example school and a
//! fresh `charter init` site, serves each over HTTP on 127.0.0.1 (an
//! ephemeral port), and runs `tests/browser/run.js` (Playwright driving
//! Debian's Chromium, with axe-core) over every page: zero axe violations
//! (WCAG 2.2 A and AA, best practice), no sideways scrolling at 320 px,
//! the skip link first and working, print styles on policies, and search:
//! on the example, and on a generated 1,000-page site whose index is split
//! into many files, of which a search must load only a few; and from the
//! Polish and Urdu search pages of a translated site. The example's
//! translations (Polish, left to right; Urdu, right to left) are among its
//! pages, checked by axe at 320 px too, and its language switcher is used
//! by keyboard from an English page to the Polish and then the Urdu one.
//! The example
//! trust (`examples/trust`): its overview and every page of its schools
//! are checked the same way. A right-to-left site (`Site::urdu`, a fresh
//! site in Urdu) is checked too, by axe at 320 px as well as at 1280.
//!
//! Needs Chromium (`/usr/bin/chromium`), Node.js and the harness's
//! `node_modules`: `scripts/setup-browser.sh` installs what is missing, and
//! `scripts/test.sh` runs it first. Without them this test fails; it never
//! skips.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::http::serve;
use common::{Site, repo_root};

#[test]
fn every_page_passes_axe_reflows_at_320px_works_by_keyboard_and_search_finds_a_policy() {
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
        format!("{config}\n[statutory]\nschool_type = \"academy\"\nphases = [\"primary\", \"secondary\"]\n"),
    );
    let run = fresh.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let large = Site::empty();
    common::generated::policies(&large, 1_000);
    let run = large.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    // A Welsh-medium school: words are trimmed, not stemmed as English,
    // so "tŷ" stays "tŷ" (an English trimmer would leave "t", which starts
    // a great many words).
    let welsh = Site::empty();
    assert_eq!(welsh.run(&["init", "."]).code, 0);
    let config = welsh
        .read("charter.toml")
        .replace("language = \"en-GB\"", "language = \"cy-GB\"");
    welsh.write("charter.toml", config);
    welsh.write(
        "content/pages/cartref.md",
        "+++\ntitle = \"Dysgu gartref\"\n+++\n\n## Gwaith cartref yn y tŷ\n\nSut mae’r ysgol yn helpu.\n",
    );
    let run = welsh.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Translations into Polish and Urdu: each language's search page
    // searches its own pages first.
    let translated = common::translated::site();
    let run = translated.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The example trust: its overview (every school side by side) and
    // every page of its schools.
    let trust = Site::example_trust();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let trust_base = serve(trust.path().join("public"));
    let schools: Vec<(String, String, std::path::PathBuf)> =
        ["wrenfield", "hollins-edge", "orrinsby"]
            .into_iter()
            .map(|name| {
                let public = trust.path().join("schools").join(name).join("public");
                (name.to_string(), serve(public.clone()), public)
            })
            .collect();

    let example_public = example.path().join("public");
    let fresh_public = fresh.path().join("public");
    let large_public = large.path().join("public");
    let example_base = serve(example_public.clone());
    let fresh_base = serve(fresh_public.clone());
    let large_base = serve(large_public.clone());
    let welsh_base = serve(welsh.path().join("public"));
    let urdu = Site::urdu();
    let urdu_public = urdu.path().join("public");
    let urdu_base = serve(urdu_public.clone());
    let translated_base = serve(translated.path().join("public"));
    let term_files = std::fs::read_dir(large_public.join("search/index"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("terms-"))
        })
        .count();
    assert!(
        term_files > 3,
        "the large site's index is split: {term_files} term files"
    );

    // Search for a word of one of a policy's headings: the policy must be
    // listed, and its result must open it.
    let (query, expect, title) = heading_word_of_a_policy(&example_public);

    let site = |name: &str, base: &str, public: &Path| {
        let pages = common::html_pages(public);
        assert!(pages.len() > 10, "{pages:?}");
        let print: Vec<&String> = pages
            .iter()
            .filter(|p| p.starts_with("/policies/") && !p.starts_with("/policies/for/"))
            .collect();
        serde_json::json!({ "name": name, "base": base, "pages": pages, "print": print })
    };
    // Right to left: axe at 320 px too.
    let mut urdu_site = site("Urdu", &urdu_base, &urdu_public);
    urdu_site["axeNarrow"] = serde_json::json!(true);
    let mut example_site = site("example", &example_base, &example_public);
    example_site["narrowAxe"] = translated_pages(&example_public).into();
    let spec = serde_json::json!({
        "sites": [
            example_site,
            site("init", &fresh_base, &fresh_public),
            // Its A to Z list has a page per letter: the search page and
            // the first letter's page.
            serde_json::json!({
                "name": "trust overview", "base": trust_base, "print": [], "pages": ["/"],
            }),
            urdu_site,
            site(&schools[0].0, &schools[0].1, &schools[0].2),
            site(&schools[1].0, &schools[1].1, &schools[1].2),
            site(&schools[2].0, &schools[2].1, &schools[2].2),
            serde_json::json!({
                "name": "translated", "base": translated_base, "print": [],
                "pages": ["/pl/search/", "/ur/search/"],
            }),
            serde_json::json!({
                "name": "1,000 pages", "base": large_base, "print": [],
                "pages": ["/search/", first_letter_page(&large_public)],
            }),
        ],
        "searches": [
            { "name": "example", "base": example_base, "query": query, "expect": expect, "title": title },
            // A word of one title: one term file, one file of results.
            {
                "name": "1,000 pages", "base": large_base, "query": "737",
                "expect": "/policies/policy-737/", "title": h1_of(&large_public, "policies/policy-737/"),
                "maxIndexBytes": 150_000,
            },
            // A word of 25 titles and more pages' text: ten results, then
            // ten more.
            {
                "name": "1,000 pages", "base": large_base, "query": "whistleblowing",
                "more": true, "maxIndexBytes": 250_000,
            },
            {
                "name": "Welsh", "base": welsh_base, "query": "tŷ",
                "expect": "/cartref/", "title": "Dysgu gartref", "found": 1,
            },
            // From the Polish search page, the Polish page first, then the
            // English pages with the word, marked as English.
            {
                "name": "Polish", "base": translated_base, "page": "/pl/search/",
                "query": "online", "expect": "/pl/parents/screen-time-and-sleep/",
                "title": "Bezpieczeństwo online i sen", "first": true, "othersMarked": "en-GB",
            },
            // Urdu, right to left: a word in Arabic script finds the page.
            {
                "name": "Urdu", "base": translated_base, "page": "/ur/search/",
                "query": "نیند", "expect": "/ur/parents/screen-time-and-sleep/",
                "title": "اسکرین کا وقت اور نیند", "first": true, "found": 1,
            },
        ],
        // From the English page to the Polish one, and from there to the
        // Urdu one (right to left), by keyboard.
        "switchers": [{
            "name": "example", "base": example_base, "from": "/parents/screen-time-and-sleep/",
            "steps": [
                { "link": "Polski", "path": "/pl/parents/screen-time-and-sleep/", "lang": "pl", "dir": "ltr" },
                { "link": "اردو", "path": "/ur/parents/screen-time-and-sleep/", "lang": "ur", "dir": "rtl" },
            ],
        }],
        "workers": std::env::var("CHARTER_BROWSER_WORKERS")
            .ok()
            .and_then(|w| w.parse::<u32>().ok())
            .unwrap_or(2),
    });
    let spec_file = example.path().join("browser-spec.json");
    std::fs::write(&spec_file, spec.to_string()).unwrap();

    let harness = repo_root().join("tests/browser");
    let started = Instant::now();
    let output = Command::new("node")
        .arg(harness.join("run.js"))
        .arg(&spec_file)
        .current_dir(&harness)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `node` ({e}): the browser tests need Node.js and Chromium; run scripts/setup-browser.sh"
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}{stderr}");
    println!(
        "browser checks took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        output.status.success(),
        "the browser checks failed:\n{stdout}{stderr}"
    );
}

/// The example's pages in Polish and Urdu, which must include a page of
/// each kind translated: a parents' page, the parents' section, and the
/// parents' agreement with its form.
fn translated_pages(public: &Path) -> Vec<String> {
    let pages: Vec<String> = common::html_pages(public)
        .into_iter()
        .filter(|p| p.starts_with("/pl/") || p.starts_with("/ur/"))
        .collect();
    for lang in ["pl", "ur"] {
        for page in [
            "parents/",
            "parents/screen-time-and-sleep/",
            "parents/reporting-concerns/",
            "agreements/parents/",
            "agreements/parents/form/",
        ] {
            let page = format!("/{lang}/{page}");
            assert!(pages.contains(&page), "{page} is not published: {pages:?}");
        }
    }
    pages
}

/// The address of the first letter's page of a split A to Z list.
fn first_letter_page(public: &Path) -> String {
    let html = std::fs::read_to_string(public.join("search/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let letter = scraper::Selector::parse(".a-to-z__letters a").unwrap();
    let href = doc
        .select(&letter)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a letter link")
        .to_string();
    assert!(href.starts_with("/search/"), "the list is split: {href}");
    href
}

/// The text of the h1 of the page at `rel` (a folder) under `public`.
fn h1_of(public: &Path, rel: &str) -> String {
    let html = std::fs::read_to_string(public.join(rel).join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    doc.select(&h1)
        .next()
        .unwrap()
        .text()
        .collect::<String>()
        .trim()
        .to_string()
}

/// A word of an h2 of the online safety policy, its URL and its title.
fn heading_word_of_a_policy(public: &Path) -> (String, String, String) {
    let url = "/policies/online-safety/";
    let html = std::fs::read_to_string(public.join("policies/online-safety/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    let h2 = scraper::Selector::parse(".prose h2").unwrap();
    let title = doc
        .select(&h1)
        .next()
        .unwrap()
        .text()
        .collect::<String>()
        .trim()
        .to_string();
    let word = doc
        .select(&h2)
        .flat_map(|h| {
            h.text()
                .collect::<String>()
                .split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 7)
        .max_by_key(|w| w.len())
        .expect("a long word in a heading");
    (word, url.to_string(), title)
}
