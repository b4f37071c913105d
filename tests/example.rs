//! The example school and `charter init`: what a new user gets.

mod common;

use common::{Site, internal_links, resolves};

/// The example's translations' languages, with their direction.
const LANGUAGES: [(&str, &str); 2] = [("pl", "ltr"), ("ur", "rtl")];

/// The names of the pages in `dir` (`x` of `x.md`), without the section's
/// introduction and without translations (`x.pl.md`).
fn md_stems(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && p.file_stem().is_some_and(|s| s != "_index")
        })
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|stem| {
            !LANGUAGES
                .iter()
                .any(|(lang, _)| stem.ends_with(&format!(".{lang}")))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_example_school_builds_completely_and_every_internal_link_resolves() {
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    let public = site.path().join("public");
    let root = common::repo_root();

    let policies = md_stems(&root.join("content/policies"));
    assert!(policies.len() >= 12, "{policies:?}");
    for p in &policies {
        assert!(
            public.join(format!("policies/{p}/index.html")).is_file(),
            "policy {p}"
        );
    }
    let agreements = md_stems(&root.join("agreements"));
    for a in &agreements {
        assert!(
            public.join(format!("agreements/{a}/index.html")).is_file(),
            "agreement {a}"
        );
        assert!(
            public
                .join(format!("agreements/{a}/form/index.html"))
                .is_file(),
            "form {a}"
        );
    }
    let units = md_stems(&root.join("content/curriculum"));
    assert!(units.len() >= 8, "{units:?}");
    for u in &units {
        assert!(
            public.join(format!("curriculum/{u}/index.html")).is_file(),
            "unit {u}"
        );
    }
    let parents = md_stems(&root.join("content/parents"));
    assert!(parents.len() >= 4, "{parents:?}");
    for p in &parents {
        assert!(
            public.join(format!("parents/{p}/index.html")).is_file(),
            "parents page {p}"
        );
    }
    for index in [
        "index.html",
        "policies/index.html",
        "agreements/index.html",
        "curriculum/index.html",
        "parents/index.html",
        "404.html",
        "sitemap.xml",
        "theme/style.css",
    ] {
        assert!(public.join(index).is_file(), "{index}");
    }
    // The curriculum grid is a table with a column per band and a row per strand.
    let grid = std::fs::read_to_string(public.join("curriculum/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&grid);
    let col = scraper::Selector::parse("th[scope=col]").unwrap();
    let row = scraper::Selector::parse("th[scope=row]").unwrap();
    assert!(doc.select(&col).count() >= 6, "band columns");
    assert_eq!(doc.select(&row).count(), 8, "strand rows");

    let links = internal_links(&public);
    assert!(links.len() > 100);
    for (page, url) in links {
        assert!(
            resolves(&public, &url),
            "{page} links to {url}, which is not published"
        );
    }
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    for p in &policies {
        assert!(
            sitemap.contains(&format!("/policies/{p}/</loc>")),
            "sitemap lists {p}"
        );
    }
}

#[test]
fn every_configured_year_reaches_its_agreement_from_the_hub() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let hub = site.read("public/agreements/index.html");
    let doc = scraper::Html::parse_document(&hub);
    let sel = scraper::Selector::parse("a").unwrap();
    let year4 = doc
        .select(&sel)
        .find(|a| a.text().collect::<String>().trim() == "Year 4")
        .expect("a Year 4 link");
    assert_eq!(year4.value().attr("href"), Some("/agreements/pupils-ks2/"));
}

#[test]
fn init_then_build_works_with_no_theme_files() {
    let site = Site::empty();
    let run = site.run(&["init", "school"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let school = site.path().join("school");
    assert!(!school.join("themes").exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["build", "--today", common::TODAY])
        .current_dir(&school)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("error["));
    assert!(school.join("public/index.html").is_file());
    assert!(school.join("public/theme/style.css").is_file());
    let public = school.join("public");
    for (page, url) in internal_links(&public) {
        assert!(resolves(&public, &url), "{page} links to {url}");
    }
    // init refuses to write over an existing site.
    let again = site.run(&["init", "school"]);
    assert_eq!(again.code, 2);
}

#[test]
fn new_files_are_drafts_that_build() {
    let site = Site::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    for kind in ["policy", "agreement", "unit", "parent", "page"] {
        let run = site.run(&["new", kind, &format!("A new {kind}")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !site.path().join("public/policies/a-new-policy").exists(),
        "drafts are not published"
    );
    let exists = site.run(&["new", "policy", "A new policy"]);
    assert_eq!(exists.code, 2);
    assert!(exists.stderr.contains("already exists"));
}

/// The example's translations (issue #20): every `x.pl.md` and `x.ur.md`
/// is published under its language, with its `lang` and direction, and the
/// parents' agreement is among them in both languages.
#[test]
fn the_example_publishes_its_polish_and_urdu_translations() {
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = common::repo_root();
    let mut published = Vec::new();
    for dir in ["agreements", "content"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter() {
            let path = entry.unwrap().into_path();
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            for (lang, dir) in LANGUAGES {
                let Some(stem) = rel.strip_suffix(&format!(".{lang}.md")) else {
                    continue;
                };
                let url = stem.strip_prefix("content/").unwrap_or(stem);
                let url = url
                    .strip_suffix("_index")
                    .unwrap_or(url)
                    .trim_end_matches('/');
                let html = site.read(&format!("public/{lang}/{url}/index.html"));
                assert!(
                    html.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")),
                    "{rel}"
                );
                published.push(format!("/{lang}/{url}/"));
            }
        }
    }
    for page in ["/pl/agreements/parents/", "/ur/agreements/parents/"] {
        assert!(published.iter().any(|p| p == page), "{published:?}");
    }
    assert!(published.len() >= 8, "{published:?}");
    // A parent signs the translated form: it lists every consent.
    let consents = |html: &str| html.matches("class=\"consent\"").count();
    let english = site.read("public/agreements/parents/form/index.html");
    assert!(consents(&english) >= 8);
    for lang in ["pl", "ur"] {
        let form = site.read(&format!("public/{lang}/agreements/parents/form/index.html"));
        assert_eq!(consents(&form), consents(&english), "{lang}");
    }
}
