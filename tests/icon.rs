//! The site's icon in a real browser (issue 16, point 3): three sites, one
//! with an SVG logo (the example school), one with a PNG logo and one with
//! none (a fresh `charter init`), each served over HTTP on 127.0.0.1 and
//! opened in Chromium by `tests/browser/icon.js`: every page's icon link
//! answers 200 with an image that the browser decodes, and so does
//! `/favicon.ico`. Needs what tests/browser.rs needs (Node.js, Chromium and
//! `scripts/setup-browser.sh`); without them it fails, it never skips.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Serves `root` on 127.0.0.1 at an ephemeral port for the rest of the
/// test, with the types a web server gives these files and `404.html` for
/// addresses that do not exist. Returns `http://127.0.0.1:PORT`.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &root);
            });
        }
    });
    base
}

fn respond(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let rel = target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let mut file = root.join(rel);
    let safe = !rel.split('/').any(|p| p == "..");
    if safe && file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if safe && file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", root.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}
