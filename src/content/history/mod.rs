//! Previous approved versions of policies, read from git at load time
//! (for the "what changed" pages): for each policy, the newest commit whose
//! front matter had an earlier `approved` date. Without git (not
//! installed, or the site is not in a repository) there are none and
//! nothing is reported.

mod git;
mod reader;

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::content::values::substitute_body;
use crate::content::{Page, Site};

/// A policy's text at its previous approval.
#[derive(Debug, Clone)]
pub(crate) struct PreviousVersion {
    /// The `approved` date that version had.
    pub approved: Date,
    /// The newest commit with that version, in full.
    pub commit: String,
    /// Its Markdown body (front matter removed).
    pub body: String,
}

/// The previous approved version of each policy that has one, by page index.
pub(crate) type History = HashMap<usize, PreviousVersion>;

/// The previous approved version of every published policy that has one in
/// git, by page index. Empty without git.
///
/// A trust document is read in the trust's folder (which may be another
/// repository than the school's); a school's adaptation of one, from the
/// school's file and the trust's together (see [`adapted_version`]).
pub(crate) fn previous_versions(site: &Site) -> History {
    let candidates: Vec<(usize, &Page, Date)> = site
        .published_pages()
        .filter(|(_, p)| p.is_policy())
        .filter_map(|(i, p)| Some((i, p, p.review.as_ref()?.approved?)))
        .collect();
    if candidates.is_empty() {
        return HashMap::new();
    }
    let repos = repos(site);
    if repos.is_empty() {
        return HashMap::new();
    }
    // One log and one blob reader per repository, shared by all policies
    // (so read one policy after another; the bodies are done in parallel).
    let mut readers: Vec<reader::Reader> = repos.iter().map(reader::Reader::new).collect();
    let found: Vec<(usize, Version)> = candidates
        .iter()
        .filter_map(|(i, page, approved)| {
            let (reader, path) = readers.iter_mut().find_map(|r| {
                let path = r.repo().path_of(&page.source.abs_path)?;
                Some((r, path))
            })?;
            let version = match &page.adapted {
                None => previous_version(reader, &path, *approved)?,
                Some(a) => {
                    let trust = reader.repo().path_of(&a.trust_file)?;
                    adapted_version(reader, (&path, &trust), *approved)?
                }
            };
            Some((*i, version))
        })
        .collect();
    // Compared with today's text, which has today's values in it.
    let values = site.config.values();
    found
        .into_par_iter()
        .map(|(i, (commit, approved, body))| {
            let body = substitute_body(&body, &values).map_or(body, |done| done.text);
            let version = PreviousVersion {
                approved,
                commit,
                body,
            };
            (i, version)
        })
        .collect()
}

/// The newest version in git of a page's file whose text (as written,
/// front matter included) is `wanted`: its commit and its text. `None`
/// without git, or when no commit of the file has such a text.
pub(crate) fn find_version(
    site: &Site,
    page: &Page,
    wanted: impl Fn(&str) -> bool,
) -> Option<(String, String)> {
    let repos = repos(site);
    let (repo, path) = find(&repos, &page.source.abs_path)?;
    let log = repo.file_log(&path)?;
    let mut blobs = repo.blobs()?;
    log.into_iter().find_map(|entry| {
        let raw = blobs.text(&entry.commit, &entry.path)?;
        let text = raw
            .strip_prefix('\u{feff}')
            .unwrap_or(&raw)
            .replace("\r\n", "\n");
        wanted(&text).then_some((entry.commit, text))
    })
}

/// The repositories the site's files are in: the site's, then its trust's
/// when that is another one.
fn repos(site: &Site) -> Vec<git::Repo> {
    let mut repos: Vec<git::Repo> = git::Repo::open(&site.root).into_iter().collect();
    if let Some(shared) = &site.shared
        && repos.iter().all(|r| r.path_of(&shared.root).is_none())
    {
        repos.extend(git::Repo::open(&shared.root));
    }
    repos
}

/// The repository a file is in, and its path there.
fn find<'r>(repos: &'r [git::Repo], abs: &Path) -> Option<(&'r git::Repo, String)> {
    repos
        .iter()
        .find_map(|r| r.path_of(abs).map(|path| (r, path)))
}

/// A version: its commit, its `approved` date and its body.
type Version = (String, Date, String);

/// Walks the file's commits from the newest until one has an `approved`
/// date earlier than the current one: first those the whole log gives,
/// then, only if needed, those `git log --follow` finds beyond.
fn previous_version(reader: &mut reader::Reader, path: &str, current: Date) -> Option<Version> {
    let partial = reader.partial(path)?;
    if let Some(found) = earlier_in(reader, &partial.entries, current) {
        return Some(found);
    }
    if !partial.more {
        return None;
    }
    let rest = reader.rest(path, &partial.entries)?;
    earlier_in(reader, &rest, current)
}

/// The first of `log` whose `approved` date is earlier than `current`.
fn earlier_in(reader: &mut reader::Reader, log: &[git::Entry], current: Date) -> Option<Version> {
    for entry in log {
        let Some(text) = reader.text(&entry.commit, &entry.path) else {
            continue;
        };
        if let Some((approved, body)) = approved_and_body(&text)
            && approved < current
        {
            return Some((entry.commit.clone(), approved, body));
        }
    }
    None
}

/// The previous approved version of a school's adaptation of a trust
/// document (`files`: the school's file and the trust's, in one
/// repository): walking the commits that changed either, newest first,
/// the first whose composed text (the school's sections in the trust's
/// text, as both files were then) has an earlier `approved` date. Before
/// the school's file existed the school published the trust's text as it
/// was; a commit where the school's sections did not fit the trust's text
/// was never published, and is passed over.
fn adapted_version(
    reader: &mut reader::Reader,
    files: (&str, &str),
    current: Date,
) -> Option<Version> {
    let school = reader.log(files.0)?;
    let trust = reader.log(files.1)?;
    for (commit, school_path, trust_path) in merged(&school, &trust) {
        let mut read = |path: Option<&str>| path.and_then(|p| reader.text(&commit, p));
        let (school_text, trust_text) = (read(school_path), read(trust_path));
        let text = match school_text {
            Some(s) => crate::content::extends::compose_text(s, trust_text.as_deref()),
            None => trust_text,
        };
        if let Some((approved, body)) = text.as_deref().and_then(approved_and_body)
            && approved < current
        {
            return Some((commit, approved, body));
        }
    }
    None
}

/// The commits of two files' logs (each newest first), newest first, each
/// with the path each file had then: that of its newest commit not newer
/// than it (`None` before the file's first commit).
fn merged<'a>(
    a: &'a [git::Entry],
    b: &'a [git::Entry],
) -> Vec<(String, Option<&'a str>, Option<&'a str>)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    loop {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if y.time > x.time => y,
            (Some(x), _) => x,
            (None, Some(y)) => y,
            (None, None) => break,
        };
        let commit = next.commit.clone();
        let path = |e: Option<&'a git::Entry>| e.map(|e| e.path.as_str());
        out.push((commit.clone(), path(a.get(i)), path(b.get(j))));
        i += usize::from(a.get(i).is_some_and(|e| e.commit == commit));
        j += usize::from(b.get(j).is_some_and(|e| e.commit == commit));
    }
    out
}

/// The `approved` date and the body of a version of a page.
pub(crate) fn approved_and_body(raw: &str) -> Option<(Date, String)> {
    let text = raw
        .strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n");
    let (front, body) = split_front_matter(&text)?;
    let table: toml::Table = front.parse().ok()?;
    let approved = match table.get("approved")? {
        toml::Value::Datetime(d) => crate::base::dates::toml_date(d)?,
        toml::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    Some((approved, body.to_string()))
}

/// `+++` front matter and body, as `content` splits them.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "+++" {
        return None;
    }
    let start = first_end + 1;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&text[start..offset], &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(commit: &str, path: &str, time: i64) -> git::Entry {
        git::Entry {
            commit: commit.to_string(),
            path: path.to_string(),
            time,
        }
    }

    #[test]
    fn two_logs_merge_newest_first_with_each_files_path_then() {
        let school = [entry("c3", "s.md", 30), entry("c1", "s.md", 10)];
        let trust = [
            entry("c4", "t2.md", 40),
            entry("c3", "t2.md", 30),
            entry("c2", "t.md", 20),
        ];
        assert_eq!(
            merged(&school, &trust),
            [
                ("c4".to_string(), Some("s.md"), Some("t2.md")),
                ("c3".to_string(), Some("s.md"), Some("t2.md")),
                ("c2".to_string(), Some("s.md"), Some("t.md")),
                ("c1".to_string(), Some("s.md"), None),
            ]
        );
    }

    #[test]
    fn approved_date_and_body_of_a_version() {
        let (d, body) = approved_and_body(
            "\u{feff}+++\r\ntitle = \"T\"\r\napproved = 2025-09-18\r\n+++\r\n\r\nText.\r\n",
        )
        .unwrap();
        assert_eq!(d, jiff::civil::date(2025, 9, 18));
        assert_eq!(body, "\nText.\n");
        let (d, _) = approved_and_body("+++\napproved = \"2024-01-02\"\n+++\n").unwrap();
        assert_eq!(d, jiff::civil::date(2024, 1, 2));
        assert!(approved_and_body("+++\ntitle = \"T\"\n+++\n").is_none());
        assert!(approved_and_body("no front matter").is_none());
    }
}
