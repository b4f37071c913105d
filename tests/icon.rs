//! The site's icon in a real browser (issue 16, point 3): three sites, one
//! with an SVG logo (the example school), one with a PNG logo and one with
//! none (a fresh `charter init`), each served over HTTP on 127.0.0.1 and
//! opened in Chromium by `tests/browser/icon.js`: every page's icon link
//! answers 200 with an image that the browser decodes, and so does
//! `/favicon.ico`. Needs what tests/browser.rs needs (Node.js, Chromium and
//! `scripts/setup-browser.sh`); without them it fails, it never skips.

mod common;

use std::process::Command;

use common::http::serve;
use common::{Site, repo_root};

/// An agreement's page, its form (a page without the site's layout) and a
/// policy, the home page and the page-not-found page.
const PAGES: [&str; 5] = [
    "/",
    "/agreements/pupils-ks1/",
    "/agreements/pupils-ks1/form/",
    "/policies/acceptable-use/",
    NOT_FOUND,
];
/// An address no site has: the site's 404 page answers it.
const NOT_FOUND: &str = "/no-such-page/";

#[test]
fn every_page_links_an_icon_that_loads_and_favicon_ico_is_found() {
    let svg = Site::example();
    let png = Site::empty();
    let none = Site::empty();
    for site in [&png, &none] {
        let run = site.run(&["init", "."]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let logo = std::fs::read(repo_root().join("tests/fixtures/icons/logo.png")).unwrap();
    png.write("static/logo.png", &logo);
    for site in [&svg, &png, &none] {
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let public = |s: &Site| s.path().join("public");

    // favicon.ico: a PNG logo wrapped as it is, else the built-in icon.
    let ico = |s: &Site| std::fs::read(public(s).join("favicon.ico")).unwrap();
    let png_ico = ico(&png);
    assert_eq!(&png_ico[..6], &[0, 0, 1, 0, 1, 0], "an ICO of one image");
    assert_eq!(&png_ico[22..], &logo[..], "holding the logo as it is");
    assert_eq!(ico(&svg), ico(&none), "the built-in icon");
    assert_ne!(ico(&svg), png_ico);

    let spec = serde_json::json!({ "sites": [
        { "name": "SVG logo", "base": serve(public(&svg)), "pages": PAGES, "notFound": NOT_FOUND },
        { "name": "PNG logo", "base": serve(public(&png)), "pages": PAGES, "notFound": NOT_FOUND },
        { "name": "no logo", "base": serve(public(&none)), "pages": PAGES, "notFound": NOT_FOUND },
    ]});
    let spec_file = svg.path().join("icon-spec.json");
    std::fs::write(&spec_file, spec.to_string()).unwrap();
    let harness = repo_root().join("tests/browser");
    let output = Command::new("node")
        .arg(harness.join("icon.js"))
        .arg(&spec_file)
        .current_dir(&harness)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}): run scripts/setup-browser.sh"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the icon checks failed:\n{stdout}{stderr}"
    );

    // What each site links, the same on every page.
    let expected = [
        ("SVG logo", vec![("icon", "/logo.svg", "image/svg+xml")]),
        (
            "PNG logo",
            vec![
                ("icon", "/logo.png", "image/png"),
                ("apple-touch-icon", "/logo.png", "image/png"),
            ],
        ),
        (
            "no logo",
            vec![
                ("icon", "/theme/icon.svg", "image/svg+xml"),
                (
                    "apple-touch-icon",
                    "/theme/apple-touch-icon.png",
                    "image/png",
                ),
            ],
        ),
    ];
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON line per site"))
        .collect();
    assert_eq!(reports.len(), expected.len(), "{stdout}");
    for (report, (name, links)) in reports.iter().zip(&expected) {
        assert_eq!(report["site"], *name);
        let want: Vec<serde_json::Value> = links
            .iter()
            .map(|(rel, href, kind)| serde_json::json!({ "rel": rel, "href": href, "type": kind }))
            .collect();
        for page in PAGES {
            assert_eq!(
                report["links"][page],
                serde_json::Value::Array(want.clone()),
                "{name} {page}"
            );
        }
    }
}
