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

use super::Run;

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
