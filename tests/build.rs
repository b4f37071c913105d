//! `charter build` end to end, on fixture sites and the example school.

mod common;

use common::{Site, internal_links, resolves};

#[test]
fn links_are_resolved_and_rewritten() {
    let site = Site::fixture("links");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/policies/online-safety/index.html");
    assert!(
        page.contains("href=\"/policies/behaviour/#sanctions\""),
        "{page}"
    );
    assert!(page.contains("href=\"#scope\""));
    assert!(page.contains("href=\"/docs/letter.pdf\""));
    assert!(page.contains("href=\"/parents/guide/#at-home\""));
    let guide = site.read("public/parents/guide/index.html");
    assert!(guide.contains("href=\"/policies/\""), "{guide}");
    for (page, url) in internal_links(&site.path().join("public")) {
        assert!(
            resolves(&site.path().join("public"), &url),
            "{page} links to {url}, which is not published"
        );
    }
}

#[test]
fn related_policies_are_shown_both_ways() {
    let site = Site::fixture("links");
    assert_eq!(site.build().code, 0);
    let behaviour = site.read("public/policies/behaviour/index.html");
    // online-safety lists behaviour as related, so behaviour is referenced by it.
    let doc = scraper::Html::parse_document(&behaviour);
    let sel = scraper::Selector::parse("a[href=\"/policies/online-safety/\"]").unwrap();
    assert!(doc.select(&sel).count() >= 1, "{behaviour}");
}

#[test]
fn a_site_can_live_in_a_sub_folder_of_its_host() {
    let site = Site::fixture("links");
    site.write(
        "charter.toml",
        "title = \"Fixture School\"\nbase_url = \"https://example.org/school/\"\n",
    );
    assert_eq!(site.build().code, 0);
    let page = site.read("public/policies/online-safety/index.html");
    assert!(
        page.contains("href=\"/school/policies/behaviour/#sanctions\""),
        "{page}"
    );
    assert!(page.contains("href=\"/school/docs/letter.pdf\""), "{page}");
    // Full URLs carry the sub-folder once.
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/school/policies/online-safety/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("/school/school/"), "{sitemap}");
    // Within a section, the section's menu item is marked as current.
    assert!(
        page.contains("href=\"/school/policies/\" aria-current=\"true\""),
        "{page}"
    );
}

#[test]
fn every_broken_link_is_reported_with_its_place_and_nothing_is_published() {
    let site = Site::fixture("broken-links");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    for expected in [
        "error[related-unknown]: `related` names `online-safty`, but no policy has that id",
        "--> content/policies/behaviour.md:6:12",
        "error[xref-unknown]: no page has the id `online-safty`",
        "--> content/policies/behaviour.md:11:6",
        "= hint: did you mean `online-safety`?",
        "error[xref-anchor-unknown]: `online-safety` has no heading with the anchor `#filterin`",
        "= hint: did you mean `#filtering-and-monitoring`?",
        "error[link-broken]: `../parents/gone.md` leads to content/parents/gone.md, which does not exist",
        "error[link-broken]: no heading on this page has the anchor `#sanction`",
        "error[link-broken]: `../../../etc/passwd.md` points outside the site's folder",
        "error[link-broken]: nothing is published at `/docs/nothing.pdf`",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn every_front_matter_problem_of_every_file_is_reported_and_public_is_kept() {
    let site = Site::fixture("frontmatter-errors");
    site.write("public/index.html", "previous site");
    let before = site.snapshot("public");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    for expected in [
        "--> agreements/missing-title.md:1:1",
        "missing required key `title`",
        "--> content/policies/bad-toml.md:2:",
        "this is not valid TOML",
        "--> content/policies/no-front-matter.md:1:1",
        "the file does not start with `+++` front matter",
        "--> content/policies/unknown-key.md:4:1",
        "unknown key `reviw_every`",
        "did you mean `review_every`?",
        "--> content/policies/wrong-type.md:3:10",
        "wrong value for `owners`",
        "--> content/policies/wrong-type.md:4:13",
        "wrong value for `statutory`",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
    }
    assert_eq!(e.matches("error[frontmatter-invalid]").count(), 6, "{e}");
    assert_eq!(
        site.snapshot("public"),
        before,
        "previous public/ must be untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn byte_order_marks_and_crlf_are_accepted() {
    let site = Site::fixture("links");
    let text = site
        .read("content/policies/behaviour.md")
        .replace('\n', "\r\n");
    site.write("content/policies/behaviour.md", format!("\u{feff}{text}"));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("public/policies/behaviour/index.html")
            .contains("id=\"sanctions\"")
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_line() {
    let site = Site::fixture("links");
    site.write(
        "content/parents/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\n+++\n".as_slice(),
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[file-invalid]: this file is not UTF-8 text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/parents/latin1.md:2:13"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_or_double_count() {
    let site = Site::fixture("links");
    std::os::unix::fs::symlink(
        site.path().join("content"),
        site.path().join("content/policies/loop"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.path().join("content/policies/behaviour.md"),
        site.path().join("content/policies/again.md"),
    )
    .unwrap();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[symlink-skipped]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/policies/loop"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/policies/again.md"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("id-duplicate"), "{}", run.stderr);
}

#[test]
fn output_can_go_elsewhere_but_never_over_the_sources() {
    let site = Site::fixture("links");
    let run = site.run(&["build", "--today", common::TODAY, "-o", "out/site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.path()
            .join("out/site/policies/behaviour/index.html")
            .is_file()
    );
    let run = site.run(&["build", "--today", common::TODAY, "-o", "content"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("refusing to write the site into"),
        "{}",
        run.stderr
    );
    assert!(site.path().join("content/policies/behaviour.md").is_file());
}

#[test]
fn builds_are_byte_for_byte_reproducible() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let first = site.snapshot("public");
    assert_eq!(site.build().code, 0);
    assert_eq!(first, site.snapshot("public"));
    assert!(first.len() > 50);
}

#[test]
fn source_date_epoch_fixes_the_day() {
    let site = Site::fixture("links");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["build"])
        .current_dir(site.path())
        .env("SOURCE_DATE_EPOCH", "not a number")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn broken_config_exits_with_two() {
    let site = Site::fixture("links");
    site.write(
        "charter.toml",
        "title = \"X\"\nbase_ulr = \"https://x.org\"\n",
    );
    let run = site.build();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown key `base_ulr`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `base_url`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> charter.toml:2:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_that_extends_nothing_is_named() {
    let site = Site::fixture("links");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"nobase.html\" %}\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("themes/default/templates/404.html:1:1: template error"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}
