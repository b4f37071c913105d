//! Safe to host anywhere: every page of the example school and of a fresh
//! `charter init` site, in Chromium, under the Content Security Policy its
//! <meta> tag sets (`default-src 'self'`, no inline script or style): no
//! policy violation, no console error, no request to another origin, and
//! search still finds a policy. Then `charter serve`: its reload script and
//! error overlay fit the same policy. Runs tests/browser/csp.mjs.
//!
//! Needs Chromium, Node.js and the harness's `node_modules`, as
//! tests/browser.rs does: `scripts/setup-browser.sh` installs what is
//! missing. Without them this test fails; it never skips.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{Site, repo_root};

/// `charter serve` on a free port, killed when dropped.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `charter serve` on `site`; returns it and its `http://…` address.
fn serve(site: &Path) -> (Serve, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["-C", site.to_str().unwrap(), "serve", "--port", "0"])
        .args(["--today", common::TODAY])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                let _ = tx.send(url.trim_end_matches('/').to_string());
            }
        }
    });
    let server = Serve(child);
    let base = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("charter serve printed its address");
    (server, base)
}

#[test]
fn every_page_keeps_to_its_content_security_policy() {
    let example = Site::example();
    let run = example.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fresh = Site::empty();
    assert_eq!(fresh.run(&["init", "."]).code, 0);
    let run = fresh.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let served = Site::empty();
    assert_eq!(served.run(&["init", ".", "--ci", "none"]).code, 0);
    let (_server, serve_base) = serve(served.path());

    let site = |name: &str, public: &Path| {
        let pages = common::html_pages(public);
        assert!(pages.len() > 20, "{pages:?}");
        serde_json::json!({
            "name": name,
            "public": public,
            "pages": pages,
            "search": { "query": "online", "expect": "/policies/online-safety/" },
        })
    };
    let spec = serde_json::json!({
        "sites": [
            site("example", &example.path().join("public")),
            site("init", &fresh.path().join("public")),
        ],
        "serve": {
            "base": serve_base,
            "pages": ["/", "/policies/online-safety/", "/search/"],
            "break": {
                "file": served.path().join("content/policies/online-safety.md"),
                "text": "+++\ntitle = \"Online safety\"\nowners = [\"Head\"]\n+++\n\nSee [the missing policy](@no-such-policy).\n",
            },
        },
        "workers": 2,
    });
    let spec_file = example.path().join("csp-spec.json");
    std::fs::write(&spec_file, spec.to_string()).unwrap();

    let harness = repo_root().join("tests/browser");
    let output = Command::new("node")
        .arg(harness.join("csp.mjs"))
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
    assert!(
        output.status.success(),
        "the CSP checks failed:\n{stdout}{stderr}"
    );
}
