//! The printed page, in a real browser: every agreement form of the example
//! site printed to PDF by headless Chromium (Debian's `chromium`, driven by
//! `playwright-core` from tests/browser/, installed by scripts/setup-browser.sh),
//! its pages counted with `pdfinfo` and its words found with `pdftotext`.
//! Every pupils' form prints on one A4 page; the parents' and staff forms
//! on two, broken between sections. Every page names its form and says
//! "Page n of m"; the signatures are on the page of the last two things
//! they sign for. A missing tool fails the test.

mod common;
mod pdf_text;

use std::process::Command;

use common::{Site, repo_root};
use pdf_text::{FormOnPaper, form_texts, missing_from, pages};

#[test]
fn every_agreement_form_prints_from_chromium_on_the_promised_pages_each_naming_its_form() {
    let harness = repo_root().join("tests/browser");
    assert!(
        harness.join("node_modules/playwright-core").is_dir(),
        "tests/browser/node_modules is missing: run scripts/setup-browser.sh (apt: chromium poppler-utils fonts-liberation; npm ci)"
    );
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = site.path().join("public");
    let mut names: Vec<String> = std::fs::read_dir(public.join("agreements"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("form/index.html").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10, "{names:?}");
    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new("node")
        .arg(harness.join("print.mjs"))
        .arg(&public)
        .arg(out_dir.path())
        .args(names.iter().map(|n| format!("/agreements/{n}/form/")))
        .output()
        .expect("cannot run `node`: install Node.js (scripts/setup-browser.sh says how)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "printing failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let pdf = out_dir.path().join(format!("{n}.pdf"));
        assert!(pdf.is_file(), "{name}: Chromium wrote no PDF\n{stdout}");
        let (count, size) = pages(&pdf);
        assert!(size.ends_with("(A4)"), "{name}: not A4: {size}");
        let expected = match name.as_str() {
            "parents" | "staff" => 2,
            _ => 1,
        };
        if count != expected {
            failures.push(format!("{name}: {count} pages, not {expected}"));
        }
        report.push(format!("{name}: {count}"));
        let form = site.read(&format!("public/agreements/{name}/form/index.html"));
        let missing = missing_from(&pdf, &form_texts(&form));
        if !missing.is_empty() {
            failures.push(format!("{name}: not on paper: {missing:#?}"));
        }
        for finding in FormOnPaper::read(&form).findings(&pdf, true) {
            failures.push(format!("{name}: {finding}"));
        }
    }
    eprintln!("Printed pages (Chromium): {}", report.join(", "));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
