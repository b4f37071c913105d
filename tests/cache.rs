//! `charter build` with its cache (`.charter-cache/build/`): whatever
//! changed between two builds, and whatever happened to the published
//! folder or the cache, a build publishes byte for byte what a build from
//! nothing publishes, and reports the same findings.

mod common;

use common::{Run, Site, TODAY};

/// A build in the site's folder, with its cache.
fn build(site: &Site, today: &str) -> Run {
    let run = site.run(&["build", "--today", today]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// The site built from nothing (`--no-cache`, in a copy of its folder
/// without `public/` and the cache): the output and what was reported.
fn cold(site: &Site, today: &str) -> (Vec<(String, Vec<u8>)>, Run) {
    let (files, run) = cold_maybe_refused(site, today);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (files, run)
}

/// [`cold`], for a site whose build may be refused.
fn cold_maybe_refused(site: &Site, today: &str) -> (Vec<(String, Vec<u8>)>, Run) {
    let copy = Site::empty();
    for entry in std::fs::read_dir(site.path()).unwrap().map(Result::unwrap) {
        let name = entry.file_name();
        if name == "public" || name == ".charter-cache" {
            continue;
        }
        let to = copy.path().join(&name);
        if entry.file_type().unwrap().is_dir() {
            common::copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    let run = copy.run(&["build", "--no-cache", "--today", today]);
    (copy.snapshot("public"), run)
}

/// "Published 104 pages into ./public in 0.31 s." without the time.
fn published(run: &Run) -> String {
    run.stdout
        .lines()
        .map(|l| l.rsplit_once(" in ").map_or(l, |(before, _)| before))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Builds the site with its cache and checks the output and findings
/// against a build from nothing.
#[track_caller]
fn assert_warm_build_is_cold(site: &Site, today: &str, what: &str) {
    let warm = build(site, today);
    let (expected, cold_run) = cold(site, today);
    let got = site.snapshot("public");
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(n, _)| n.clone()).collect()
    };
    assert_eq!(names(&got), names(&expected), "{what}: the files published");
    let differing: Vec<&String> = got
        .iter()
        .zip(&expected)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: these files differ from a build from nothing: {differing:?}"
    );
    assert_eq!(warm.stderr, cold_run.stderr, "{what}: the findings");
    assert_eq!(published(&warm), published(&cold_run), "{what}");
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no `{from}`");
    site.write(rel, text.replacen(from, to, 1));
}

/// The body of the first policy of a generated site, after its front
/// matter.
fn body_start(text: &str) -> usize {
    text.find("\n+++\n").unwrap() + 5
}

#[test]
fn a_generated_site_rebuilt_after_each_kind_of_change() {
    let site = Site::empty();
    common::generated::policies(&site, 60);
    site.write("static/docs/letter.txt", "A letter.\n");
    build(&site, TODAY);
    assert!(
        site.path()
            .join(".charter-cache/build/manifest.json")
            .is_file()
    );
    assert_warm_build_is_cold(&site, TODAY, "nothing changed");
    assert_warm_build_is_cold(&site, TODAY, "nothing changed, twice");
    let policies: Vec<String> = std::fs::read_dir(site.path().join("content/policies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .collect();
    let first = format!("content/policies/{}", policies[0]);
    let text = site.read(&first);
    let at = body_start(&text);
    site.write(
        &first,
        format!("{}A new opening sentence. {}", &text[..at], &text[at..]),
    );
    assert_warm_build_is_cold(&site, TODAY, "a policy's body edited");
    edit(&site, &first, "title = \"", "title = \"Renamed: ");
    assert_warm_build_is_cold(&site, TODAY, "a policy's title edited");
    site.write(
        "content/policies/added.md",
        "+++\ntitle = \"Added policy\"\nsummary = \"A policy added between two builds.\"\nowners = [\"Headteacher\"]\napproved = 2026-01-01\nreview_every = \"1 year\"\n+++\n\n## Scope\n\nWhat it covers.\n",
    );
    assert_warm_build_is_cold(&site, TODAY, "a page added");
    let second = format!("content/policies/{}", policies[1]);
    std::fs::rename(
        site.path().join(&second),
        site.path().join("content/policies/moved.md"),
    )
    .unwrap();
    assert_warm_build_is_cold(&site, TODAY, "a page renamed");
    std::fs::remove_file(site.path().join("content/policies/added.md")).unwrap();
    assert_warm_build_is_cold(&site, TODAY, "a page removed");
    edit(
        &site,
        "charter.toml",
        "Generated Academy",
        "Generated College",
    );
    assert_warm_build_is_cold(&site, TODAY, "the title in charter.toml");
    assert_warm_build_is_cold(&site, "2027-03-01", "another --today");
    site.write("static/docs/letter.txt", "A longer letter than before.\n");
    assert_warm_build_is_cold(&site, "2027-03-01", "a static file changed");
    site.write("static/docs/new.txt", "Another file.\n");
    assert_warm_build_is_cold(&site, "2027-03-01", "a static file added");
}

#[test]
fn the_example_school_rebuilt_after_each_kind_of_change() {
    let site = Site::example();
    build(&site, TODAY);
    assert_warm_build_is_cold(&site, TODAY, "nothing changed");
    edit(
        &site,
        "content/policies/online-safety.md",
        "\n## ",
        "\nA sentence added between two builds.\n\n## ",
    );
    assert_warm_build_is_cold(&site, TODAY, "a policy edited");
    site.write(
        "content/parents/added.md",
        "+++\ntitle = \"Added page\"\nsummary = \"A page for parents added between two builds.\"\n+++\n\nWhat parents need to know.\n",
    );
    assert_warm_build_is_cold(&site, TODAY, "a page added");
    std::fs::remove_file(site.path().join("content/parents/added.md")).unwrap();
    assert_warm_build_is_cold(&site, TODAY, "a page removed");
    let config = site.read("charter.toml");
    let title = config
        .lines()
        .find(|l| l.starts_with("title = "))
        .unwrap()
        .to_string();
    edit(
        &site,
        "charter.toml",
        &title,
        "title = \"Elmbrook Valley Academy\"",
    );
    assert_warm_build_is_cold(&site, TODAY, "the title in charter.toml");
    edit(
        &site,
        "themes/default/templates/base.html",
        "</body>",
        "<!-- a template edited -->\n</body>",
    );
    assert_warm_build_is_cold(&site, TODAY, "a template edited");
    let css = site.read("themes/default/static/style.css");
    site.write(
        "themes/default/static/style.css",
        format!("{css}\n/* edited */\n"),
    );
    assert_warm_build_is_cold(&site, TODAY, "a theme file edited");
    assert_warm_build_is_cold(&site, "2027-09-01", "another --today");
    let logo = site.read("static/logo.svg");
    site.write(
        "static/logo.svg",
        logo.replace("</svg>", "<!-- edited --></svg>"),
    );
    assert_warm_build_is_cold(&site, "2027-09-01", "a static file changed");
}

#[test]
fn a_new_commit_in_git_shows_on_the_policys_changes_page() {
    let site = Site::empty();
    common::generated::policies(&site, 5);
    let policy = "content/policies/online-safety.md";
    let v1 = "+++\ntitle = \"Online safety\"\nowners = [\"Headteacher\"]\napproved = 2025-01-10\nreview_every = \"1 year\"\n+++\n\n## Scope\n\nThe first version.\n";
    site.write(policy, v1);
    common::git_init(site.path(), "2025-01-10T10:00:00Z");
    common::git(site.path(), &["add", "-A"], "2025-01-10T10:00:00Z");
    common::git(
        site.path(),
        &["commit", "-q", "-m", "v1"],
        "2025-01-10T10:00:00Z",
    );
    let v2 = v1
        .replace("2025-01-10", "2026-01-10")
        .replace("The first version.", "The second version.");
    site.write(policy, &v2);
    assert_warm_build_is_cold(&site, TODAY, "the first build");
    let changes = site.read("public/policies/online-safety/changes/index.html");
    assert!(changes.contains("approved on 10 January 2025"), "{changes}");
    // An approval in between is committed; the file itself is as before.
    let between = v1
        .replace("2025-01-10", "2025-06-10")
        .replace("The first version.", "A version in between.");
    site.write(policy, &between);
    common::git(
        site.path(),
        &["commit", "-q", "-am", "between"],
        "2025-06-10T10:00:00Z",
    );
    site.write(policy, &v2);
    assert_warm_build_is_cold(&site, TODAY, "a commit made");
    let changes = site.read("public/policies/online-safety/changes/index.html");
    assert!(changes.contains("approved on 10 June 2025"), "{changes}");
}

#[test]
fn a_published_folder_changed_by_hand_is_mended() {
    let site = Site::empty();
    common::generated::policies(&site, 20);
    build(&site, TODAY);
    build(&site, TODAY);
    let page = site.read("public/index.html");
    site.write("public/index.html", format!("{page}<!-- by hand -->"));
    site.write("public/policies/extra.html", "a file added by hand");
    site.write("public/theme/style.css", "/* replaced by hand */");
    assert_warm_build_is_cold(&site, TODAY, "public/ changed by hand");
    // The tree changed by hand is now the spare one.
    assert_warm_build_is_cold(&site, TODAY, "the build after");
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    assert_warm_build_is_cold(&site, TODAY, "public/ removed");
}

#[test]
fn a_damaged_cache_is_set_aside_with_a_notice() {
    let site = Site::empty();
    common::generated::policies(&site, 10);
    build(&site, TODAY);
    let manifest = site.path().join(".charter-cache/build/manifest.json");
    let good = std::fs::read_to_string(&manifest).unwrap();
    let owner_binary = good.find("\"binary\":\"").unwrap() + 10;
    let cases = [
        (
            "truncated",
            good[..good.len() / 2].to_string(),
            "is damaged",
        ),
        ("garbage", "\u{1}\u{2} not json".to_string(), "is damaged"),
        (
            "another version",
            good.replacen("\"version\":1", "\"version\":99", 1),
            "another version of Charter (cache version 99)",
        ),
        (
            "another binary",
            format!("{}x{}", &good[..owner_binary], &good[owner_binary..]),
            "another build of Charter",
        ),
    ];
    for (what, text, says) in cases {
        std::fs::write(&manifest, text).unwrap();
        let warm = build(&site, TODAY);
        assert!(
            warm.stderr
                .contains("notice[build-cache-invalid]: the cache of the last build")
                && warm.stderr.contains(says),
            "{what}: {}",
            warm.stderr
        );
        let (expected, _) = cold(&site, TODAY);
        assert!(site.snapshot("public") == expected, "{what}: the output");
        // The cache was made again: the next build uses it quietly.
        assert_warm_build_is_cold(&site, TODAY, what);
    }
}

#[test]
fn a_cache_for_another_output_folder_is_set_aside() {
    let site = Site::empty();
    common::generated::policies(&site, 10);
    build(&site, TODAY);
    let elsewhere = site.run(&["build", "--today", TODAY, "-o", "elsewhere"]);
    assert!(
        elsewhere
            .stderr
            .contains("was made for another output folder"),
        "{}",
        elsewhere.stderr
    );
    assert!(site.snapshot("elsewhere") == site.snapshot("public"));
}

#[test]
fn an_interrupted_build_leaves_public_as_it_was() {
    let site = Site::empty();
    common::generated::policies(&site, 20);
    build(&site, TODAY);
    build(&site, TODAY);
    let before = site.snapshot("public");
    // A template that fails only when it is rendered: the check passes,
    // the build fails while it changes the spare tree.
    site.write(
        "charter.toml",
        format!("{}theme = \"mine\"\n", site.read("charter.toml")),
    );
    site.write(
        "themes/mine/templates/policy.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.no_such_field.deeper }}{% endblock main %}",
    );
    let failed = site.run(&["build", "--today", TODAY]);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(
        failed.stderr.contains("previous site was left as it was"),
        "{}",
        failed.stderr
    );
    assert!(site.snapshot("public") == before, "public/ is as it was");
    assert!(
        site.path()
            .join(".charter-cache/build/previous.changing")
            .exists()
    );
    std::fs::remove_dir_all(site.path().join("themes")).unwrap();
    let config = site.read("charter.toml").replace("theme = \"mine\"\n", "");
    site.write("charter.toml", config);
    assert_warm_build_is_cold(&site, TODAY, "the build after a failed one");
    assert!(
        !site
            .path()
            .join(".charter-cache/build/previous.changing")
            .exists()
    );
}

#[test]
fn a_spare_tree_left_half_changed_is_not_trusted() {
    let site = Site::empty();
    common::generated::policies(&site, 20);
    build(&site, TODAY);
    build(&site, TODAY);
    // What a build killed while it changed the spare tree leaves: the
    // mark, and files changed, removed and added.
    let spare = site.path().join(".charter-cache/build/previous");
    std::fs::write(
        site.path().join(".charter-cache/build/previous.changing"),
        "",
    )
    .unwrap();
    std::fs::remove_file(spare.join("index.html")).unwrap();
    std::fs::write(spare.join("index.html"), "half written").unwrap();
    std::fs::remove_file(spare.join("sitemap.xml")).unwrap();
    std::fs::write(spare.join("left-over.html"), "from the killed build").unwrap();
    assert_warm_build_is_cold(&site, TODAY, "after a killed build");
    assert_warm_build_is_cold(&site, TODAY, "the build after");
}

#[test]
fn no_cache_builds_from_nothing_and_remembers_the_build() {
    let site = Site::empty();
    common::generated::policies(&site, 10);
    build(&site, TODAY);
    let manifest = site.path().join(".charter-cache/build/manifest.json");
    std::fs::write(&manifest, "damaged").unwrap();
    let run = site.run(&["build", "--no-cache", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("build-cache-invalid"),
        "{}",
        run.stderr
    );
    let (expected, _) = cold(&site, TODAY);
    assert!(site.snapshot("public") == expected);
    assert!(std::fs::read_to_string(&manifest).unwrap().starts_with('{'));
    assert_warm_build_is_cold(&site, TODAY, "the build after --no-cache");
}

/// Two policies, the first linking to a heading of the second.
fn linked_policies(site: &Site) {
    site.write(
        "charter.toml",
        "title = \"Linked Academy\"\nbase_url = \"https://linked.example.org\"\n",
    );
    let front = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"A policy for the test.\"\nowners = [\"Headteacher\"]\napproved = 2026-01-01\nreview_every = \"1 year\"\n+++\n\n"
        )
    };
    site.write(
        "content/policies/first.md",
        format!(
            "{}## Aims\n\nSee [its scope](@second#scope).\n",
            front("First")
        ),
    );
    site.write(
        "content/policies/second.md",
        format!("{}## Scope\n\nWho it covers.\n", front("Second")),
    );
}

/// A build with the cache whose findings and exit code must be those of a
/// build from nothing (it may be refused).
#[track_caller]
fn assert_same_findings_as_cold(site: &Site, what: &str) -> Run {
    let warm = site.run(&["build", "--today", TODAY]);
    let (_, cold_run) = cold_maybe_refused(site, TODAY);
    assert_eq!(warm.code, cold_run.code, "{what}: {}", warm.stderr);
    assert_eq!(warm.stderr, cold_run.stderr, "{what}: the findings");
    warm
}

#[test]
fn an_edited_heading_is_outlined_again() {
    let site = Site::empty();
    linked_policies(&site);
    build(&site, TODAY);
    assert!(
        site.path()
            .join(".charter-cache/build/outlines.bin")
            .is_file()
    );
    assert_warm_build_is_cold(&site, TODAY, "nothing changed");
    // The anchor the first policy links to is gone: a stale outline of
    // the second would still have it.
    edit(&site, "content/policies/second.md", "## Scope", "## Extent");
    let refused = assert_same_findings_as_cold(&site, "the heading renamed");
    assert!(
        refused.stderr.contains("xref-anchor-unknown"),
        "{}",
        refused.stderr
    );
    edit(&site, "content/policies/first.md", "#scope", "#extent");
    assert_warm_build_is_cold(&site, TODAY, "the link follows the heading");
    // A second heading of that name before it: the ids move.
    edit(
        &site,
        "content/policies/second.md",
        "## Extent",
        "## Extent\n\nFirst.\n\n## Extent",
    );
    assert_warm_build_is_cold(&site, TODAY, "a heading of the same name added");
    edit(&site, "content/policies/first.md", "#extent", "#extent-1");
    assert_warm_build_is_cold(&site, TODAY, "a link to the second of them");
}

#[test]
fn outlines_are_made_again_with_other_placeholder_patterns() {
    let site = Site::empty();
    linked_policies(&site);
    edit(
        &site,
        "content/policies/second.md",
        "Who",
        "Ask SOMEONE who",
    );
    build(&site, TODAY);
    // The pages' text is the same; what outlining looks for is not.
    let toml = site.read("charter.toml");
    site.write(
        "charter.toml",
        format!("{toml}\n[checks]\nplaceholders = [\"SOMEONE\"]\n"),
    );
    let refused = assert_same_findings_as_cold(&site, "a pattern added");
    assert!(refused.stderr.contains("placeholder"), "{}", refused.stderr);
    site.write("charter.toml", toml);
    assert_warm_build_is_cold(&site, TODAY, "the pattern removed");
}

#[test]
fn a_damaged_outlines_file_is_set_aside_with_a_notice() {
    let site = Site::empty();
    common::generated::policies(&site, 10);
    build(&site, TODAY);
    let file = site.path().join(".charter-cache/build/outlines.bin");
    let good = std::fs::read(&file).unwrap();
    let magic = b"charter build outlines\n".len();
    let mut flipped = good.clone();
    // The first byte of the binary's name, after the version's.
    flipped[magic + 2] ^= 0x01;
    let mut long = good.clone();
    long.extend(b"more");
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("truncated", good[..good.len() / 2].to_vec(), "is damaged"),
        ("garbage", b"\x01\x02 not outlines".to_vec(), "is damaged"),
        ("too long", long, "is damaged"),
        (
            "another version",
            [&good[..magic], &[99], &good[magic + 1..]].concat(),
            "another version of Charter (cache version 99)",
        ),
        ("another binary", flipped, "another build of Charter"),
    ];
    for (what, bytes, says) in cases {
        std::fs::write(&file, bytes).unwrap();
        let warm = build(&site, TODAY);
        assert!(
            warm.stderr
                .contains("notice[build-cache-invalid]: the page outlines of the last build")
                && warm.stderr.contains(says),
            "{what}: {}",
            warm.stderr
        );
        let (expected, _) = cold(&site, TODAY);
        assert!(site.snapshot("public") == expected, "{what}: the output");
        // The file was made again: the next build uses it quietly.
        assert_warm_build_is_cold(&site, TODAY, what);
    }
}
