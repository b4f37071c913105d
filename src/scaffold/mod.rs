//! `charter init` (a new site with a small example) and `charter new` (one
//! file with the right front matter). Neither ever overwrites a file.

mod ci;

use std::path::{Path, PathBuf};

pub(crate) use ci::{Ci, file as ci_file};

use crate::content::slugify;
use crate::layout::SourceKind;

include!(concat!(env!("OUT_DIR"), "/scaffold_site.rs"));

#[derive(Debug, thiserror::Error)]
pub(crate) enum ScaffoldError {
    #[error(
        "{0} already exists; Charter never overwrites a file (choose another name, or delete it first)"
    )]
    Exists(PathBuf),
    #[error("{0} is not empty; run `charter init` in a new or empty folder")]
    NotEmpty(PathBuf),
    #[error(
        "there is no charter.toml in {0}; run `charter new` in the site's folder (or create a site with `charter init`)"
    )]
    NoSite(PathBuf),
    #[error(
        "\"{0}\" gives no usable file name; use letters or digits, e.g. `charter new policy \"Online safety\"`"
    )]
    BadName(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes the starter site into `dir` (created if missing; must be empty),
/// with the CI file of `ci`. Returns the files written, relative to `dir`.
pub(crate) fn init(dir: &Path, ci: Ci) -> Result<Vec<String>, ScaffoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut written = Vec::new();
    let ci_file = ci::file(ci);
    let ci_file = ci_file.as_ref().map(|(rel, text)| (*rel, text.as_str()));
    for (rel, text) in SITE.iter().copied().chain(ci_file) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(rel.to_string());
    }
    let gitignore = dir.join(".gitignore");
    // The output, and the results that `check --external` remembers.
    std::fs::write(&gitignore, "/public/\n/.charter-cache/\n").map_err(io(&gitignore))?;
    Ok(written)
}

/// What `charter new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum NewKind {
    Policy,
    Agreement,
    Unit,
    Parent,
    Page,
}

/// Creates one Markdown file for `name` in the site at `root`, as a draft
/// with every key the kind needs. Returns its path.
pub(crate) fn new_file(root: &Path, kind: NewKind, name: &str) -> Result<PathBuf, ScaffoldError> {
    if !root.join(crate::layout::CONFIG_FILE).is_file() {
        return Err(ScaffoldError::NoSite(root.to_path_buf()));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(ScaffoldError::BadName(name.to_string()));
    }
    let title = title_case_first(name.trim());
    let (place, text) = match kind {
        NewKind::Policy => (SourceKind::Policy, policy(&title)),
        NewKind::Agreement => (SourceKind::Agreement, agreement(&title)),
        NewKind::Unit => (SourceKind::Unit, unit(&title)),
        NewKind::Parent => (SourceKind::Parent, parent(&title)),
        NewKind::Page => (SourceKind::Page, page(&title)),
    };
    let dir = crate::layout::folder_of(place).unwrap_or(crate::layout::CONTENT_DIR);
    let path = root.join(dir).join(format!("{slug}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let parent_dir = root.join(dir);
    std::fs::create_dir_all(&parent_dir).map_err(|source| ScaffoldError::Io {
        path: parent_dir.clone(),
        source,
    })?;
    std::fs::write(&path, text).map_err(|source| ScaffoldError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

fn title_case_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn policy(title: &str) -> String {
    format!(
        r#"+++
title = {title}
owners = ["Headteacher"]
approved_by = "Governing Body"
# approved = 2026-09-01      # the date the governors approved it
review_every = "1 year"
statutory = false
audiences = ["staff", "parents"]
related = []
summary = ""
# Drafts are checked but not published: remove this line when approved.
draft = true
+++

## Purpose

<!-- Say in two or three sentences why the school has this policy. -->

## Scope

<!-- Who the policy applies to, and when. -->

## Roles and responsibilities

## Procedures

## Monitoring and review
"#,
        title = toml_string(title)
    )
}

fn agreement(title: &str) -> String {
    format!(
        r#"+++
title = {title}
audience = "pupils"
band = "ks2"
signatures = ["pupil", "parent"]
owners = ["Computing Lead"]
review_every = "1 year"
draft = true
+++

<!-- One short sentence that says who this agreement is for, then one
     statement per line. Keep pupils' statements short and simple. -->

- I will ask a teacher before I use a new website or app.
- I will keep my passwords to myself.
- I will tell a trusted adult if something online upsets me.
"#,
        title = toml_string(title)
    )
}

fn unit(title: &str) -> String {
    format!(
        r#"+++
title = {title}
strand = "online-relationships"
bands = ["ks2"]
years = ["Year 3", "Year 4"]
objectives = [
  "Explain what to do if someone online asks for personal information.",
]
duration = "1 × 60 minutes"
related = []
draft = true
+++

## Starter

## Main activity

## Plenary
"#,
        title = toml_string(title)
    )
}

fn parent(title: &str) -> String {
    format!(
        r#"+++
title = {title}
summary = ""
topics = []
related = []
draft = true
+++

## What you need to know

## What you can do at home
"#,
        title = toml_string(title)
    )
}

fn page(title: &str) -> String {
    format!(
        r#"+++
title = {title}
summary = ""
draft = true
+++

"#,
        title = toml_string(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(matches!(
            new_file(tmp.path(), NewKind::Policy, "x"),
            Err(ScaffoldError::NoSite(_))
        ));
        std::fs::write(tmp.path().join("charter.toml"), "title = \"S\"\n").unwrap();
        let p = new_file(tmp.path(), NewKind::Policy, "Online safety").unwrap();
        assert!(p.ends_with("content/policies/online-safety.md"));
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .contains("title = \"Online safety\"")
        );
        assert!(matches!(
            new_file(tmp.path(), NewKind::Policy, "online safety"),
            Err(ScaffoldError::Exists(_))
        ));
        assert!(matches!(
            new_file(tmp.path(), NewKind::Page, "!!"),
            Err(ScaffoldError::BadName(_))
        ));
    }

    #[test]
    fn init_refuses_a_folder_with_files() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("x"), "").unwrap();
        assert!(matches!(
            init(tmp.path(), Ci::None),
            Err(ScaffoldError::NotEmpty(_))
        ));
    }
}
