//! A small trust for the tests, written from scratch in a temporary
//! folder: three schools and three trust policies, each school doing
//! something different with them.
//!
//! - `oakfield` excludes `complaints` and has its own `uniform` policy;
//! - `riverside` replaces `data-protection` with its own file;
//! - `hilltop` publishes the trust's documents as they are.
//!
//! On [`super::TODAY`] (2026-11-22) the trust's `safeguarding` is up to
//! date, `data-protection` overdue and `complaints` due soon.

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

use super::Run;
use super::server::Server;

pub(crate) struct Trust {
    dir: tempfile::TempDir,
}

/// The schools of [`Trust::small`], in `trust.toml`'s order.
pub(crate) const SCHOOLS: [(&str, &str); 3] = [
    ("oakfield", "Oakfield Primary School"),
    ("riverside", "Riverside Academy"),
    ("hilltop", "Hilltop Primary"),
];

pub(crate) const TRUST_TOML: &str = r#"name = "Riverside Learning Trust"

[[schools]]
folder = "schools/oakfield"

[[schools]]
folder = "schools/riverside"

[[schools]]
folder = "schools/hilltop"
"#;

fn policy(title: &str, owner: &str, approved: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nowners = [\"{owner}\"]\napproved = {approved}\nreview_every = \"1 year\"\n+++\n\n{body}\n"
    )
}

impl Trust {
    /// The trust described above.
    pub(crate) fn small() -> Trust {
        let trust = Trust {
            dir: tempfile::tempdir().unwrap(),
        };
        trust.write("trust.toml", TRUST_TOML);
        trust.write(
            "content/policies/safeguarding.md",
            policy(
                "Safeguarding",
                "Trust safeguarding lead",
                "2026-09-01",
                "Everyone in our schools keeps children safe. Read our [data protection policy](@data-protection) too.",
            ),
        );
        trust.write(
            "content/policies/data-protection.md",
            policy(
                "Data protection",
                "Data protection officer",
                "2025-06-01",
                "How the trust's schools look after personal data.",
            ),
        );
        trust.write(
            "content/policies/complaints.md",
            policy(
                "Complaints",
                "Clerk to the trustees",
                "2026-01-10",
                "How to make a complaint.",
            ),
        );
        for (folder, title) in SCHOOLS {
            let exclude = if folder == "oakfield" {
                "\n[trust]\nexclude = [\"complaints\"]\n"
            } else {
                ""
            };
            trust.write(
                &format!("schools/{folder}/charter.toml"),
                format!(
                    "title = \"{title}\"\nbase_url = \"https://{folder}.example.sch.uk\"\n\n[checks]\nignore = [\"agreement-band-missing\"]\n{exclude}"
                ),
            );
        }
        trust.write(
            "schools/oakfield/content/policies/uniform.md",
            policy("Uniform", "Headteacher", "2026-07-01", "What pupils wear."),
        );
        trust.write(
            "schools/riverside/content/policies/data-protection.md",
            policy(
                "Data protection at Riverside",
                "Riverside's data protection lead",
                "2026-10-01",
                "Riverside's own policy.",
            ),
        );
        trust
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn school(&self, name: &str) -> PathBuf {
        self.path().join("schools").join(name)
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

    /// Runs `charter ARGS` in `rel` (a folder of the trust; "" for the
    /// trust's own).
    pub(crate) fn run_in(&self, rel: &str, args: &[&str]) -> Run {
        Run::from(
            Command::new(env!("CARGO_BIN_EXE_charter"))
                .args(args)
                .current_dir(self.path().join(rel))
                .env_remove("SOURCE_DATE_EPOCH")
                .output()
                .unwrap(),
        )
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_in("", args)
    }

    pub(crate) fn build(&self) -> Run {
        self.run(&["build", "--today", super::TODAY])
    }
}

/// A trust policy in sections, for schools to adapt (`tests/extends.rs`).
/// Its text uses the built-in `{{ school }}`.
pub(crate) const ATTENDANCE: &str = r#"+++
title = "Attendance"
owners = ["Trust attendance lead"]
approved_by = "Trust Board"
approved = 2026-09-01
review_every = "1 year"

[[history]]
date = 2026-09-01
approved_by = "Trust Board"
summary = "The first policy for every school of the trust."
+++

Every school day counts at {{ school }}.

## Reporting an absence

Call the school office before 9am on each day your child is away.

## Lateness

The register closes at 9am. A pupil who arrives later is marked late.
"#;

/// Hilltop's adaptation of [`ATTENDANCE`]: its own owners, "Reporting an
/// absence" replaced, and "Breakfast club" added after it. It uses the
/// value `office`, which Hilltop's `charter.toml` defines
/// ([`Trust::adapting`]).
pub(crate) const HILLTOP_ATTENDANCE: &str = r#"+++
extends = "trust"
owners = ["Hilltop attendance officer"]
+++

## Reporting an absence

Call the Hilltop office on {{ office }} before 8.45am on each day your child is away.

## Breakfast club {after=reporting-an-absence}

Pupils at breakfast club are marked present from 8am.
"#;

/// The adapted file's path in the trust's folder.
pub(crate) const HILLTOP_FILE: &str = "schools/hilltop/content/policies/attendance.md";

/// Hilltop's `charter.toml` in [`Trust::adapting`].
pub(crate) const HILLTOP_CONFIG: &str = "title = \"Hilltop Primary\"\nbase_url = \"https://hilltop.example.sch.uk\"\n\n[checks]\nignore = [\"agreement-band-missing\"]\n\n[values]\noffice = \"01632 960 123\"\n";

impl Trust {
    /// [`Trust::small`] with the trust's [`ATTENDANCE`] policy, which
    /// Hilltop adapts ([`HILLTOP_ATTENDANCE`]).
    pub(crate) fn adapting() -> Trust {
        let trust = Trust::small();
        trust.write("content/policies/attendance.md", ATTENDANCE);
        trust.write("schools/hilltop/charter.toml", HILLTOP_CONFIG);
        trust.write(HILLTOP_FILE, HILLTOP_ATTENDANCE);
        trust
    }

    /// `charter check --format json` in the trust's folder: the exit
    /// status and the findings.
    pub(crate) fn check_json(&self) -> (i32, Vec<serde_json::Value>) {
        let run = self.run(&["check", "--format", "json", "--today", super::TODAY]);
        let json: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
        let found = json["diagnostics"].as_array().cloned().unwrap_or_default();
        (run.code, found)
    }

    /// A page a school published (`path` without its `index.html`).
    pub(crate) fn page(&self, school: &str, path: &str) -> String {
        self.read(&format!("schools/{school}/public/{path}/index.html"))
    }

    /// Commits every file of the trust's folder, as of `date`
    /// (`YYYY-MM-DD`), starting a repository the first time.
    pub(crate) fn commit(&self, date: &str) {
        let when = format!("{date}T12:00:00Z");
        let git = |args: &[&str]| super::git(self.path(), args, &when);
        if !self.path().join(".git").exists() {
            git(&["init", "-q", "-b", "main"]);
            git(&["config", "user.name", "Clerk"]);
            git(&["config", "user.email", "clerk@trust.example"]);
        }
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", date]);
    }
}

/// The text of every element `css` selects, its spaces collapsed.
pub(crate) fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The line and column (from 1, in characters) where `needle` starts in
/// `text`.
pub(crate) fn place(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

/// The findings of `code`, each as (file, line, column, message, hint,
/// schools).
pub(crate) fn found(
    findings: &[serde_json::Value],
    code: &str,
) -> Vec<(String, u64, u64, String, String, String)> {
    findings
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            let n = |k: &str| d[k].as_u64().unwrap_or_default();
            (
                s("file"),
                n("line"),
                n("column"),
                s("message"),
                s("hint"),
                d["schools"].to_string(),
            )
        })
        .collect()
}

/// The "About this policy" panel of a page: each term with its words.
pub(crate) fn details(html: &str) -> Vec<(String, String)> {
    let terms = texts(html, ".meta dt");
    terms.into_iter().zip(texts(html, ".meta dd")).collect()
}

pub(crate) fn detail(html: &str, term: &str) -> String {
    details(html)
        .into_iter()
        .find(|(t, _)| t == term)
        .map(|(_, d)| d)
        .unwrap_or_default()
}

/// `charter serve --school` in the trust's folder, on a free port, for the
/// trust's day.
pub(crate) fn serve(trust: &Trust, school: &str) -> Server {
    Server::start(trust.path(), &["--school", school, "--today", super::TODAY])
}
