//! A builder over fixture sites: copy a folder of `tests/fixtures/` (or the
//! repository's example site) into a temporary directory, change files, run
//! the real `charter` binary on it and look at what it printed and wrote.

#![allow(dead_code)]

pub(crate) mod cached;
pub(crate) mod generated;
pub(crate) mod http;
pub(crate) mod server;
pub(crate) mod translated;
pub(crate) mod trust;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) const TODAY: &str = "2026-11-22";

pub(crate) struct Site {
    dir: tempfile::TempDir,
}

pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub(crate) fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_dir(&repo_root().join("tests/fixtures").join(name), site.path());
        site
    }

    /// A copy of the repository's example school.
    pub(crate) fn example() -> Site {
        let site = Site::empty();
        let root = repo_root();
        for item in [
            "charter.toml",
            "guidance.toml",
            "content",
            "agreements",
            "static",
            "themes",
        ] {
            let from = root.join(item);
            if from.is_dir() {
                copy_dir(&from, &site.path().join(item));
            } else if from.is_file() {
                std::fs::copy(&from, site.path().join(item)).unwrap();
            }
        }
        site
    }

    /// A copy of the repository's example trust (`examples/trust`), without
    /// what a local build published into it.
    pub(crate) fn example_trust() -> Site {
        let site = Site::empty();
        let from = repo_root().join("examples/trust");
        for entry in walkdir::WalkDir::new(&from)
            .into_iter()
            .filter_entry(|e| e.file_name() != "public")
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let dest = site.path().join(entry.path().strip_prefix(&from).unwrap());
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
        site
    }

    /// A fresh `charter init` site in Urdu (`language = "ur"`, so right to
    /// left), with a parents' page and the parents' agreement written in
    /// Urdu (`tests/fixtures/urdu`): a list, a table, a telephone number
    /// and email addresses, consents. Built.
    pub(crate) fn urdu() -> Site {
        let site = Site::empty();
        let run = site.run(&["init", "."]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let config = site.read("charter.toml");
        assert!(config.contains("language = \"en-GB\""), "{config}");
        site.write(
            "charter.toml",
            config.replace("language = \"en-GB\"", "language = \"ur\""),
        );
        copy_dir(&repo_root().join("tests/fixtures/urdu"), site.path());
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        site
    }

    pub(crate) fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `charter ARGS` in the site's folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let charter = Path::new(env!("CARGO_BIN_EXE_charter"));
        Run::from(self.command(charter, args).output().unwrap())
    }

    /// `program ARGS` (`charter`, or a copy of it) in the site's folder.
    pub(crate) fn command(&self, program: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(self.path())
            .env_remove("SOURCE_DATE_EPOCH");
        command
    }

    pub(crate) fn build(&self) -> Run {
        self.run(&["build", "--today", TODAY])
    }

    /// What `charter check --format json --today TODAY` printed.
    pub(crate) fn check_json(&self) -> serde_json::Value {
        let run = self.run(&["check", "--format", "json", "--today", TODAY]);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr))
    }

    /// Every file under `rel` with its bytes, sorted, for comparisons.
    pub(crate) fn snapshot(&self, rel: &str) -> Vec<(String, Vec<u8>)> {
        snapshot_of(&self.path().join(rel))
    }
}

/// Every file under `root` with its bytes, sorted, for comparisons.
pub(crate) fn snapshot_of(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Runs the browser harness `tests/browser/SCRIPT` on `spec` (written to
/// `dir` as SCRIPT's name with `.json`) and returns the JSON it prints; the
/// script must succeed.
pub(crate) fn measure_in_browser(
    script: &str,
    spec: &serde_json::Value,
    dir: &Path,
) -> serde_json::Value {
    let spec_file = dir.join(format!("{script}.json"));
    std::fs::write(&spec_file, spec.to_string()).unwrap();
    let harness = repo_root().join("tests/browser");
    let out = Command::new("node")
        .arg(harness.join(script))
        .arg(&spec_file)
        .current_dir(&harness)
        .output()
        .expect("cannot run `node`: the browser tests need Node.js and Chromium; run scripts/setup-browser.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{script} prints JSON ({e}): {stdout}"))
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every `href` and `src` of every HTML file under `public`, with the page
/// it is on: for checking that internal links resolve.
pub(crate) fn internal_links(public: &Path) -> Vec<(String, String)> {
    let selector = scraper::Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let page = entry
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for el in doc.select(&selector) {
            let v = el.value();
            let target = v.attr("href").or_else(|| v.attr("src")).unwrap_or_default();
            if target.starts_with('/') && !target.starts_with("//") {
                out.push((page.clone(), target.to_string()));
            }
        }
    }
    out
}

/// Whether a root-relative URL (`/a/b/#x`) names a file in `public`, and,
/// with a fragment, an element with that id.
pub(crate) fn resolves(public: &Path, url: &str) -> bool {
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let rel = path.trim_start_matches('/');
    let file = if rel.is_empty() || rel.ends_with('/') {
        public.join(rel).join("index.html")
    } else {
        public.join(rel)
    };
    if !file.is_file() {
        return false;
    }
    match fragment {
        None | Some("") => true,
        Some(f) => {
            let html = std::fs::read_to_string(&file).unwrap_or_default();
            html.contains(&format!("id=\"{f}\""))
        }
    }
}

/// Every HTML page under `public` as a URL path (`/policies/x/`, `/404.html`).
pub(crate) fn html_pages(public: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel))
        })
        .collect();
    out.sort();
    out
}

/// Runs `git ARGS` in `dir` as of `date` (an ISO time: commits are made
/// then), with none of the machine's git configuration.
/// A new git repository in `dir`, on branch main, whose commits the
/// clerk makes.
pub(crate) fn git_init(dir: &Path, date: &str) {
    git(dir, &["init", "-q", "-b", "main"], date);
    git(dir, &["config", "user.name", "Clerk"], date);
    git(dir, &["config", "user.email", "clerk@school.example"], date);
}

pub(crate) fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
