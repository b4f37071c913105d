//! `charter build` with its cache (`.charter-cache/build/`): whatever
//! changed between two builds, and whatever happened to the published
//! folder or the cache, a build publishes byte for byte what a build from
//! nothing publishes, and reports the same findings.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::cached::CachedSite;
use common::{Run, TODAY};

/// The policies of a generated site, as paths from its root.
fn policies(site: &CachedSite) -> Vec<String> {
    std::fs::read_dir(site.path().join("content/policies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .map(|n| format!("content/policies/{n}"))
        .collect()
}

/// The body of the first policy of a generated site, after its front
/// matter.
fn body_start(text: &str) -> usize {
    text.find("\n+++\n").unwrap() + 5
}

#[test]
fn a_generated_site_rebuilt_after_each_kind_of_change() {
    let mut site = CachedSite::generated(60);
    site.write("static/docs/letter.txt", "A letter.\n").build();
    assert!(site.has_file(".charter-cache/build/manifest.json"));
    site.assert_same_as_cold("nothing changed")
        .assert_same_as_cold("nothing changed, twice");
    let policies = policies(&site);
    let (first, second) = (&policies[0], &policies[1]);
    site.edit(first, |text| {
        let at = body_start(text);
        format!("{}A new opening sentence. {}", &text[..at], &text[at..])
    })
    .assert_same_as_cold("a policy's body edited")
    .replace(first, "title = \"", "title = \"Renamed: ")
    .assert_same_as_cold("a policy's title edited")
    .write(
        "content/policies/added.md",
        "+++\ntitle = \"Added policy\"\nsummary = \"A policy added between two builds.\"\nowners = [\"Headteacher\"]\napproved = 2026-01-01\nreview_every = \"1 year\"\n+++\n\n## Scope\n\nWhat it covers.\n",
    )
    .assert_same_as_cold("a page added")
    .rename(second, "content/policies/moved.md")
    .assert_same_as_cold("a page renamed")
    .remove("content/policies/added.md")
    .assert_same_as_cold("a page removed")
    .replace("charter.toml", "Generated Academy", "Generated College")
    .assert_same_as_cold("the title in charter.toml")
    .on("2027-03-01")
    .assert_same_as_cold("another --today")
    .write("static/docs/letter.txt", "A longer letter than before.\n")
    .assert_same_as_cold("a static file changed")
    .write("static/docs/new.txt", "Another file.\n")
    .assert_same_as_cold("a static file added");
}

#[test]
fn the_example_school_rebuilt_after_each_kind_of_change() {
    let mut site = CachedSite::example();
    site.build()
        .assert_same_as_cold("nothing changed")
        .replace(
            "content/policies/online-safety.md",
            "\n## ",
            "\nA sentence added between two builds.\n\n## ",
        )
        .assert_same_as_cold("a policy edited")
        .write(
            "content/parents/added.md",
            "+++\ntitle = \"Added page\"\nsummary = \"A page for parents added between two builds.\"\n+++\n\nWhat parents need to know.\n",
        )
        .assert_same_as_cold("a page added")
        .remove("content/parents/added.md")
        .assert_same_as_cold("a page removed")
        .edit("charter.toml", |config| {
            let title = config.lines().find(|l| l.starts_with("title = ")).unwrap();
            config.replacen(title, "title = \"Elmbrook Valley Academy\"", 1)
        })
        .assert_same_as_cold("the title in charter.toml")
        .replace(
            "themes/default/templates/base.html",
            "</body>",
            "<!-- a template edited -->\n</body>",
        )
        .assert_same_as_cold("a template edited")
        .edit("themes/default/static/style.css", |css| {
            format!("{css}\n/* edited */\n")
        })
        .assert_same_as_cold("a theme file edited")
        .on("2027-09-01")
        .assert_same_as_cold("another --today")
        .edit("static/logo.svg", |logo| {
            logo.replace("</svg>", "<!-- edited --></svg>")
        })
        .assert_same_as_cold("a static file changed")
        // A page the last build read only to its front matter now has a
        // translation, which is checked against its whole text.
        .write(
            "content/parents/parental-controls.pl.md",
            "+++\ntitle = \"Kontrola rodzicielska\"\ntranslates = \"sha256:0000000000000000\"\n+++\n\nJak ustawić kontrolę rodzicielską.\n",
        )
        .assert_same_as_cold("a translation added")
        .replace("charter.toml", "Ms Priya Raman", "Mr Tomasz Nowak")
        .assert_same_as_cold("a value the pages put in changed");
}

#[test]
fn a_new_commit_in_git_shows_on_the_policys_changes_page() {
    let mut site = CachedSite::generated(5);
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
    site.write(policy, &v2)
        .assert_same_as_cold("the first build");
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
    site.write(policy, &v2).assert_same_as_cold("a commit made");
    let changes = site.read("public/policies/online-safety/changes/index.html");
    assert!(changes.contains("approved on 10 June 2025"), "{changes}");
}

#[test]
fn a_published_folder_changed_by_hand_is_mended() {
    let mut site = CachedSite::generated(20);
    site.build()
        .build()
        .edit("public/index.html", |page| {
            format!("{page}<!-- by hand -->")
        })
        .write("public/policies/extra.html", "a file added by hand")
        .write("public/theme/style.css", "/* replaced by hand */")
        .assert_same_as_cold("public/ changed by hand")
        // The tree changed by hand is now the spare one.
        .assert_same_as_cold("the build after")
        .remove("public")
        .assert_same_as_cold("public/ removed");
}

#[test]
fn a_damaged_cache_is_set_aside_with_a_notice() {
    let mut site = CachedSite::generated(10);
    site.build();
    let manifest = ".charter-cache/build/manifest.json";
    let good = site.read(manifest);
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
            "another charter program",
        ),
    ];
    for (what, text, says) in cases {
        site.write(manifest, text);
        site.assert_build_sets_aside("the cache of the last build", says, what);
        site.assert_public_same_as_cold(what);
        // The cache was made again: the next build uses it quietly.
        site.assert_same_as_cold(what);
    }
}

/// A page file whose size and modification time are as the last build
/// read them is taken to be unchanged, as `make` takes files: only its
/// front matter is read. `--no-cache` reads every file whole.
#[test]
fn a_page_file_of_the_same_size_and_time_is_read_to_its_front_matter() {
    let mut site = CachedSite::generated(10);
    let policy = policies(&site)[0].clone();
    site.build();
    let path = site.path().join(&policy);
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    // The same number of bytes, a word of the body changed, the same time.
    site.edit(&policy, |text| {
        let (front, body) = text.split_at(body_start(text));
        let word = body.split_whitespace().find(|w| w.len() > 3).unwrap();
        format!(
            "{front}{}",
            body.replacen(word, "ZZZZ", 1)
                .replacen("ZZZZ", &"Z".repeat(word.len()), 1)
        )
    });
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    site.build();
    let page = |site: &CachedSite| {
        let name = policy
            .trim_start_matches("content/")
            .trim_end_matches(".md");
        site.read(&format!("public/{name}/index.html"))
    };
    assert!(!page(&site).contains("ZZZZ"), "the body was read again");
    let run = site.run(&["build", "--no-cache", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(page(&site).contains("ZZZZ"), "--no-cache reads it whole");
}

#[test]
fn a_damaged_record_of_the_page_files_is_set_aside_with_a_notice() {
    let mut site = CachedSite::generated(10);
    site.build();
    let file = site.path().join(".charter-cache/build/texts.bin");
    let good = std::fs::read(&file).unwrap();
    let mut long = good.clone();
    long.extend(b"more");
    let cases: [(&str, Vec<u8>); 3] = [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("garbage", b"\x01\x02 not a record".to_vec()),
        ("too long", long),
    ];
    for (what, bytes) in cases {
        std::fs::write(&file, bytes).unwrap();
        let about = "the record of the last build's page files";
        site.assert_build_sets_aside(about, "is damaged", what);
        site.assert_public_same_as_cold(what);
        site.assert_same_as_cold(what);
    }
    // Another binary's record is the cache set aside with the rest, as
    // the manifest's notice says: it says nothing of its own.
    let magic = b"charter build texts\n".len();
    let mut flipped = good.clone();
    flipped[magic + 2] ^= 0x01;
    std::fs::write(&file, flipped).unwrap();
    let run = site.run_build();
    assert!(
        !run.stderr.contains("build-cache-invalid"),
        "{}",
        run.stderr
    );
    site.assert_public_same_as_cold("another binary's record");
}

/// A copy of the `charter` binary in `dir`, with another modification
/// time: to the cache, another charter program.
fn another_charter(dir: &Path) -> PathBuf {
    let copy = dir.join("charter");
    std::fs::copy(env!("CARGO_BIN_EXE_charter"), &copy).unwrap();
    let file = std::fs::File::options().write(true).open(&copy).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000))
        .unwrap();
    copy
}

/// Builds the site with `program`, again while it is still open for
/// writing (a test's process started meanwhile can hold it for a moment).
fn build_with(site: &CachedSite, program: &Path) -> Run {
    for _ in 0..100 {
        match site.command(program, &["build", "--today", TODAY]).output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(Duration::from_millis(20));
            }
            out => return Run::from(out.unwrap()),
        }
    }
    panic!("{} is still busy", program.display());
}

#[test]
fn a_new_charter_sets_the_whole_cache_aside_with_one_notice() {
    let mut site = CachedSite::generated(10);
    site.build();
    let dir = tempfile::tempdir().unwrap();
    let charter = another_charter(dir.path());
    let run = build_with(&site, &charter);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The manifest and the outlines were both made by the other binary.
    assert_eq!(
        run.stderr.matches("notice[build-cache-invalid]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "notice[build-cache-invalid]: the cache of the last build was made by another charter program (another version, or the same one compiled again)"
        ) && run.stderr.contains("outlines every page again"),
        "{}",
        run.stderr
    );
    site.assert_public_same_as_cold("a new charter");
    // The cache is the new binary's now: it uses it quietly.
    let again = build_with(&site, &charter);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        !again.stderr.contains("build-cache-invalid"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_cache_for_another_output_folder_is_set_aside() {
    let mut site = CachedSite::generated(10);
    site.build();
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
    let mut site = CachedSite::generated(20);
    site.build().build();
    let before = site.snapshot("public");
    // A template that fails only when it is rendered: the check passes,
    // the build fails while it changes the spare tree.
    site.edit("charter.toml", |config| format!("{config}theme = \"mine\"\n"))
        .write(
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
    assert!(site.exists(".charter-cache/build/previous.changing"));
    site.remove("themes")
        .replace("charter.toml", "theme = \"mine\"\n", "")
        .assert_same_as_cold("the build after a failed one");
    assert!(!site.exists(".charter-cache/build/previous.changing"));
}

#[test]
fn a_spare_tree_left_half_changed_is_not_trusted() {
    let mut site = CachedSite::generated(20);
    // What a build killed while it changed the spare tree leaves: the
    // mark, and files changed, removed and added.
    let spare = ".charter-cache/build/previous";
    site.build()
        .build()
        .write(".charter-cache/build/previous.changing", "")
        .remove(&format!("{spare}/index.html"))
        .write(&format!("{spare}/index.html"), "half written")
        .remove(&format!("{spare}/sitemap.xml"))
        .write(&format!("{spare}/left-over.html"), "from the killed build")
        .assert_same_as_cold("after a killed build")
        .assert_same_as_cold("the build after");
}

#[test]
fn no_cache_builds_from_nothing_and_remembers_the_build() {
    let mut site = CachedSite::generated(10);
    let manifest = ".charter-cache/build/manifest.json";
    site.build().write(manifest, "damaged");
    let run = site.run(&["build", "--no-cache", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("build-cache-invalid"),
        "{}",
        run.stderr
    );
    site.assert_public_same_as_cold("--no-cache");
    assert!(site.read(manifest).starts_with('{'));
    site.assert_same_as_cold("the build after --no-cache");
}

/// Two policies, the first linking to a heading of the second.
fn linked_policies() -> CachedSite {
    let mut site = CachedSite::of(common::Site::empty());
    let front = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"A policy for the test.\"\nowners = [\"Headteacher\"]\napproved = 2026-01-01\nreview_every = \"1 year\"\n+++\n\n"
        )
    };
    site.write(
        "charter.toml",
        "title = \"Linked Academy\"\nbase_url = \"https://linked.example.org\"\n",
    )
    .write(
        "content/policies/first.md",
        format!(
            "{}## Aims\n\nSee [its scope](@second#scope).\n",
            front("First")
        ),
    )
    .write(
        "content/policies/second.md",
        format!("{}## Scope\n\nWho it covers.\n", front("Second")),
    );
    site
}

#[test]
fn an_edited_heading_is_outlined_again() {
    let mut site = linked_policies();
    site.build();
    assert!(site.has_file(".charter-cache/build/outlines.bin"));
    site.assert_same_as_cold("nothing changed")
        // The anchor the first policy links to is gone: a stale outline
        // of the second would still have it.
        .replace("content/policies/second.md", "## Scope", "## Extent");
    let refused = site.assert_same_findings_as_cold("the heading renamed");
    assert!(
        refused.stderr.contains("xref-anchor-unknown"),
        "{}",
        refused.stderr
    );
    site.replace("content/policies/first.md", "#scope", "#extent")
        .assert_same_as_cold("the link follows the heading")
        // A second heading of that name before it: the ids move.
        .replace(
            "content/policies/second.md",
            "## Extent",
            "## Extent\n\nFirst.\n\n## Extent",
        )
        .assert_same_as_cold("a heading of the same name added")
        .replace("content/policies/first.md", "#extent", "#extent-1")
        .assert_same_as_cold("a link to the second of them");
}

#[test]
fn outlines_are_made_again_with_other_placeholder_patterns() {
    let mut site = linked_policies();
    site.replace("content/policies/second.md", "Who", "Ask SOMEONE who")
        .build();
    // The pages' text is the same; what outlining looks for is not.
    let toml = site.read("charter.toml");
    site.write(
        "charter.toml",
        format!("{toml}\n[checks]\nplaceholders = [\"SOMEONE\"]\n"),
    );
    let refused = site.assert_same_findings_as_cold("a pattern added");
    assert!(refused.stderr.contains("placeholder"), "{}", refused.stderr);
    site.write("charter.toml", toml)
        .assert_same_as_cold("the pattern removed");
}

#[test]
fn a_damaged_outlines_file_is_set_aside_with_a_notice() {
    let mut site = CachedSite::generated(10);
    site.build();
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
        ("another binary", flipped, "another charter program"),
    ];
    for (what, bytes, says) in cases {
        std::fs::write(&file, bytes).unwrap();
        site.assert_build_sets_aside("the page outlines of the last build", says, what);
        site.assert_public_same_as_cold(what);
        // The file was made again: the next build uses it quietly.
        site.assert_same_as_cold(what);
    }
}
