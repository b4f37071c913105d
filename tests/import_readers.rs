//! `charter import` end to end on Word documents written by pandoc and
//! LibreOffice (from the sources in tests/fixtures/import-docx/) and on
//! saved web pages (tests/fixtures/import-html/): the Markdown written is
//! compared with snapshots. pandoc and LibreOffice must be installed
//! (scripts/setup-browser.sh): these tests fail, never skip, without them.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Site, TODAY, repo_root};

/// Converts a fixture into `dir` as .docx: pandoc for Markdown, LibreOffice
/// Writer for the rest. Returns the file name.
fn to_docx(source: &str, dir: &Path, pandoc_args: &[&str]) -> String {
    let fixtures = repo_root().join("tests/fixtures/import-docx");
    let stem = source.rsplit_once('.').map_or(source, |(s, _)| s);
    let name = format!("{stem}.docx");
    let mut cmd = if source.ends_with(".md") {
        let mut cmd = Command::new("pandoc");
        cmd.arg(fixtures.join(source))
            .arg("-o")
            .arg(dir.join(&name))
            .args(pandoc_args)
            .current_dir(&fixtures);
        cmd
    } else {
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut cmd = Command::new("soffice");
        cmd.arg(format!(
            "-env:UserInstallation=file://{}",
            profile.keep().display()
        ))
        .arg("--headless");
        if source.ends_with(".html") {
            cmd.arg("--infilter=HTML (StarWriter)");
        }
        cmd.args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
            .arg(dir)
            .arg(fixtures.join(source));
        cmd
    };
    let program = format!("{:?}", cmd.get_program());
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{program} could not run ({e}): run scripts/setup-browser.sh to install pandoc and LibreOffice Writer")
    });
    assert!(
        out.status.success() && dir.join(&name).is_file(),
        "{program} did not convert {source}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    name
}

fn site() -> Site {
    let site = Site::empty();
    site.write("charter.toml", "title = \"Larkspur Green Primary\"\n");
    site
}

/// Imports `file` (in the site's folder) and returns what was printed and
/// every Markdown file written, for a snapshot.
fn import(site: &Site, file: &str) -> String {
    let run = site.run(&["import", "--today", TODAY, file]);
    let mut out = format!("exit {}\n--- stdout\n{}", run.code, run.stdout);
    // The timing line changes from run to run.
    out = out
        .lines()
        .map(|l| match l.find(" in ") {
            Some(i) if l.starts_with("Imported ") => format!("{}…", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.push_str(&format!("\n--- stderr\n{}", run.stderr));
    let mut files: Vec<_> = walk(&site.path().join("content"));
    files.sort();
    for path in files {
        let rel = path
            .strip_prefix(site.path())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        out.push_str(&format!("\n--- {rel}\n{}", site.read(&rel)));
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn word_document_with_every_construct() {
    let site = site();
    let file = to_docx("everything.md", site.path(), &["--toc"]);
    insta::assert_snapshot!(import(&site, &file));
    let images = site.path().join("static/images/imported/homework-policy");
    let count = std::fs::read_dir(&images).map(|d| d.count()).unwrap_or(0);
    assert_eq!(count, 2, "both images are written to {}", images.display());
}

#[test]
fn word_document_with_a_cover_table() {
    let site = site();
    let file = to_docx("cover-table.fodt", site.path(), &[]);
    insta::assert_snapshot!(import(&site, &file));
}

#[test]
fn word_document_of_bold_line_headings() {
    let site = site();
    let file = to_docx("bold-headings.html", site.path(), &[]);
    insta::assert_snapshot!(import(&site, &file));
}

#[test]
fn web_page_from_a_wordpress_site() {
    let site = site();
    let page = repo_root().join("tests/fixtures/import-html/wordpress.html");
    std::fs::copy(&page, site.path().join("mobile-phones.html")).expect("copied");
    insta::assert_snapshot!(import(&site, "mobile-phones.html"));
}

#[test]
fn damaged_word_files_say_how_to_fix_them() {
    let site = site();
    site.write("empty.docx", "");
    // An old Word 97–2003 file renamed: its OLE signature, then anything.
    site.write(
        "minutes.docx",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
    );
    site.write("notes.docx", "Dear parents,");
    for (file, says) in [
        ("empty.docx", "the file is empty"),
        ("minutes.docx", "old-style Word document (.doc)"),
        ("notes.docx", "not a zip package"),
    ] {
        let run = site.run(&["import", "--today", TODAY, file]);
        assert_ne!(run.code, 0, "{file}: {}", run.stdout);
        assert!(
            run.stderr.contains(says) && run.stderr.contains("Word Document (.docx)"),
            "{file}: {}",
            run.stderr
        );
    }
    assert!(!site.path().join("content").exists(), "nothing is written");
}
