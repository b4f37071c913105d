//! Site search: the index written at build time, the search page and its
//! A to Z list, and the index's size on a large site.

mod common;

use common::Site;
use serde_json::Value;

/// The search index as written: its manifest, every document's display
/// data (`[url, title, kind, summary]`), its term files and its total size.
struct Index {
    manifest: Value,
    docs: Vec<Value>,
    terms: Vec<Value>,
    bytes: usize,
    largest_file: usize,
}

fn index_of(site: &Site) -> Index {
    index_in(site, "")
}

/// The index of a language, under its folder (`pl/`).
fn index_in(site: &Site, prefix: &str) -> Index {
    let manifest_text = site.read(&format!("public/{prefix}search/index.json"));
    let manifest: Value = serde_json::from_str(&manifest_text).unwrap();
    let mut bytes = manifest_text.len();
    let mut largest_file = 0;
    let mut read = |name: String| -> Value {
        let text = site.read(&format!("public/{prefix}search/index/{name}.json"));
        bytes += text.len();
        largest_file = largest_file.max(text.len());
        serde_json::from_str(&text).unwrap()
    };
    let docs = (0..manifest["docs"].as_u64().unwrap())
        .flat_map(|i| read(format!("docs-{i}")).as_array().unwrap().clone())
        .collect();
    let terms = (0..manifest["terms"].as_array().unwrap().len())
        .map(|i| read(format!("terms-{i}")))
        .collect();
    let files = std::fs::read_dir(site.path().join(format!("public/{prefix}search/index")))
        .unwrap()
        .count();
    let index = Index {
        manifest,
        docs,
        terms,
        bytes,
        largest_file,
    };
    assert_eq!(
        files,
        index.terms.len() + index.manifest["docs"].as_u64().unwrap() as usize,
        "the folder holds the files the manifest names, and no others"
    );
    index
}

impl Index {
    fn urls(&self) -> Vec<&str> {
        self.docs.iter().map(|d| d[0].as_str().unwrap()).collect()
    }

    /// Every word of the index's titles.
    fn title_words(&self) -> Vec<&str> {
        self.terms
            .iter()
            .flat_map(|t| t["title"].as_object().unwrap().keys())
            .map(String::as_str)
            .collect()
    }
}

#[test]
fn the_example_is_indexed_by_title_summary_headings_and_opening_words() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let index = index_of(&site);
    println!(
        "search index of the example site: {} bytes in {} files",
        index.bytes,
        2 + index.terms.len()
    );
    assert_eq!(index.manifest["version"], "0.9.5");
    assert_eq!(
        index.manifest["fields"],
        serde_json::json!(["title", "summary", "headings", "excerpt"])
    );
    assert_eq!(index.manifest["length"], index.docs.len());
    let urls = index.urls();
    for url in [
        "/",
        "/policies/",
        "/policies/online-safety/",
        "/agreements/pupils-ks2/",
        "/curriculum/password-strength-checker/",
        "/parents/parental-controls/",
        "/about/",
        "/accessibility/",
    ] {
        assert!(urls.contains(&url), "{url} is not indexed: {urls:?}");
    }
    // Forms, filtered lists, the 404 page and the search page are not results.
    assert!(!urls.iter().any(|u| u.ends_with("/form/")
        || u.starts_with("/policies/for/")
        || u.contains("404")
        || *u == "/search/"));
    // Display data only: never whole bodies.
    let online = index
        .docs
        .iter()
        .find(|d| d[0] == "/policies/online-safety/")
        .unwrap();
    assert_eq!(online[1], "Online safety");
    assert_eq!(online[2], "Policy");
    assert_eq!(online.as_array().unwrap().len(), 4);
    // A word of its headings is in a term file, pointing at it.
    let number = urls
        .iter()
        .position(|u| *u == "/policies/online-safety/")
        .unwrap() as u64;
    let filter = index
        .terms
        .iter()
        .find_map(|t| t["headings"].get("filter"))
        .expect("\"filtering\" is stemmed to \"filter\"");
    let mut doc = 0;
    let docs: Vec<u64> = filter
        .as_array()
        .unwrap()
        .chunks(2)
        .map(|p| {
            doc += p[0].as_u64().unwrap();
            doc
        })
        .collect();
    assert!(docs.contains(&number), "{docs:?} lacks {number}");
    assert!(index.bytes < 400_000, "{} bytes", index.bytes);
}

#[test]
fn the_search_page_lists_every_indexed_page_from_a_to_z_without_javascript() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let index = index_of(&site);
    let html = site.read("public/search/index.html");
    let doc = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let listed: Vec<String> = doc
        .select(&select(".a-to-z__list a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    // In the same order: the A to Z list is the order of the documents.
    assert_eq!(listed, index.urls());
    // A labelled box, a status region for the number of results, and the
    // scripts of the theme (no other origin).
    let input = doc.select(&select("input#search-input")).next().unwrap();
    assert_eq!(input.value().attr("type"), Some("search"));
    assert!(
        doc.select(&select("label[for=search-input]"))
            .next()
            .is_some()
    );
    assert!(doc.select(&select("[role=status]")).next().is_some());
    let scripts: Vec<&str> = doc
        .select(&select("script[src]"))
        .map(|s| s.value().attr("src").unwrap())
        .collect();
    assert_eq!(
        scripts,
        ["/theme/elasticlunr.min.js", "/theme/search.js"],
        "{scripts:?}"
    );
    let vendored = site.read("public/theme/elasticlunr.min.js");
    assert!(vendored.starts_with("/**\n * elasticlunr"));
    assert!(vendored.contains("MIT Licensed"));
    // Every page links to the search page from the main navigation.
    let home = site.read("public/policies/online-safety/index.html");
    assert!(home.contains("<a href=\"/search/\">Search</a>"), "{home}");
}

#[test]
fn a_site_in_a_sub_folder_searches_its_own_addresses() {
    let site = Site::example();
    let config = site.read("charter.toml").replace(
        "https://www.elmbrook-valley.example.sch.uk",
        "https://example.org/school",
    );
    site.write("charter.toml", config);
    assert_eq!(site.build().code, 0);
    let index = index_of(&site);
    assert!(index.urls().iter().all(|u| u.starts_with("/school/")));
    let html = site.read("public/search/index.html");
    assert!(html.contains("data-index=\"/school/search/index.json\""));
    assert!(html.contains("src=\"/school/theme/search.js\""));
}

#[test]
fn a_page_of_ones_own_at_search_is_an_error() {
    let site = Site::example();
    site.write(
        "content/pages/search.md",
        "+++\ntitle = \"Search tips\"\n+++\n\nHow to search.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[id-duplicate]: this page would be published at /search/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/pages/search.md"));
}

#[test]
fn the_index_of_a_thousand_page_site_stays_under_two_megabytes() {
    let site = Site::empty();
    common::generated::policies(&site, 1_000);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = index_of(&site);
    println!(
        "search index of a generated 1,000-page site: {} bytes ({:.2} MB) in {} term files and {} document files; largest file {} bytes",
        index.bytes,
        index.bytes as f64 / 1e6,
        index.terms.len(),
        index.docs.len().div_ceil(50),
        index.largest_file,
    );
    assert!(
        index.docs.len() > 1_000,
        "every policy and index page is indexed"
    );
    assert!(index.bytes < 2_000_000, "{} bytes", index.bytes);
    // In pieces: a search loads the few it needs (tests/browser.rs).
    assert!(index.terms.len() > 3, "{} term files", index.terms.len());
    assert!(index.largest_file < 100_000, "{} bytes", index.largest_file);
}

#[test]
fn a_large_site_lists_each_letter_on_a_page_of_its_own() {
    let site = Site::empty();
    common::generated::policies(&site, 400);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = index_of(&site);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let search = scraper::Html::parse_document(&site.read("public/search/index.html"));
    assert_eq!(search.select(&select(".a-to-z__list a")).count(), 0);
    let letters: Vec<String> = search
        .select(&select(".a-to-z__letters a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(letters.len() > 5, "{letters:?}");
    // Every page is on exactly one letter's page, which marks its letter.
    let mut listed = Vec::new();
    for url in &letters {
        let html = site.read(&format!("public{url}index.html"));
        let page = scraper::Html::parse_document(&html);
        let current: Vec<_> = page
            .select(&select(".a-to-z__letters a[aria-current=page]"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(current, std::slice::from_ref(url));
        let h1: String = page.select(&select("h1")).next().unwrap().text().collect();
        assert!(h1.starts_with("Pages from A to Z: "), "{h1}");
        listed.extend(
            page.select(&select(".a-to-z__list a"))
                .map(|a| a.value().attr("href").unwrap().to_string()),
        );
    }
    listed.sort();
    let mut urls: Vec<String> = index.urls().iter().map(|u| u.to_string()).collect();
    urls.sort();
    assert_eq!(listed, urls);
}

#[test]
fn each_language_has_its_own_index_and_search_page() {
    let site = common::translated::site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = index_of(&site);
    let polish = index_in(&site, "pl/");
    let urdu = index_in(&site, "ur/");
    // The main language's index holds its pages only, stemmed as English;
    // each translation's, its own pages, trimmed and lower-cased only (no
    // stemmer of theirs runs in the browser).
    assert!(
        main.urls()
            .iter()
            .all(|u| !u.starts_with("/pl/") && !u.starts_with("/ur/"))
    );
    assert!(main.urls().contains(&"/parents/screen-time-and-sleep/"));
    assert_eq!(
        main.manifest["pipeline"],
        serde_json::json!(["trimmer", "stopWordFilter", "stemmer"])
    );
    assert_eq!(polish.urls(), ["/pl/parents/screen-time-and-sleep/"]);
    assert_eq!(urdu.urls(), ["/ur/parents/screen-time-and-sleep/"]);
    for index in [&polish, &urdu] {
        assert_eq!(
            index.manifest["pipeline"],
            serde_json::json!(["charterTrimmer"])
        );
    }
    let mut words = polish.title_words();
    words.sort();
    assert_eq!(words, ["bezpieczeństwo", "i", "online", "sen"]);
    // Urdu words whole, in Arabic script.
    let words = urdu.title_words();
    for word in ["اسکرین", "وقت", "نیند"] {
        assert!(words.contains(&word), "{word} not in {words:?}");
    }

    // The Polish search page: in Polish, searching its own index, then
    // English's, then Urdu's; its A to Z list has every page, those not
    // translated marked as English.
    let html = site.read("public/pl/search/index.html");
    let doc = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    assert!(html.contains("<html lang=\"pl\" dir=\"ltr\">"), "{html}");
    let search = doc.select(&select("#search")).next().unwrap().value();
    assert_eq!(search.attr("data-index"), Some("/pl/search/index.json"));
    let others: Value = serde_json::from_str(search.attr("data-others").unwrap()).unwrap();
    let others: Vec<(&str, &str)> = others
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["lang"].as_str().unwrap(), o["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        others,
        [
            ("en-GB", "/search/index.json"),
            ("ur", "/ur/search/index.json")
        ]
    );
    let listed: Vec<(String, Option<&str>)> = doc
        .select(&select(".a-to-z__list a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.value().attr("lang"),
            )
        })
        .collect();
    assert_eq!(listed.len(), main.docs.len(), "every page, once");
    assert!(listed.contains(&("/pl/parents/screen-time-and-sleep/".into(), None)));
    assert!(
        !listed
            .iter()
            .any(|(u, _)| u == "/parents/screen-time-and-sleep/")
    );
    assert!(listed.contains(&("/policies/online-safety/".into(), Some("en-GB"))));
    // A Polish page leads to it; its own language switcher leads to the
    // other languages' search pages.
    let page = site.read("public/pl/parents/screen-time-and-sleep/index.html");
    assert!(page.contains("<a href=\"/pl/search/\">"), "{page}");
    assert!(html.contains(
        "hreflang=\"ur\" href=\"https://www.example-primary.example.sch.uk/ur/search/\""
    ));
    let urdu_page = site.read("public/ur/search/index.html");
    assert!(urdu_page.contains("<html lang=\"ur\" dir=\"rtl\">"));
    // The English search page searches the translations after English.
    let english = site.read("public/search/index.html");
    assert!(english.contains("data-others="), "{english}");
    assert!(site.read("public/sitemap.xml").contains("/pl/search/"));
}

#[test]
fn a_site_without_translations_has_one_index() {
    let site = Site::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    let config = site.read("charter.toml");
    site.write(
        "charter.toml",
        format!("{config}\n[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n"),
    );
    assert_eq!(site.build().code, 0);
    assert!(!site.path().join("public/pl/search").exists());
    let html = site.read("public/search/index.html");
    assert!(!html.contains("data-others"), "{html}");
    assert!(!html.contains("hreflang"));
}
