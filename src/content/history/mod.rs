//! Previous approved versions of policies, read from git at load time
//! (for the "what changed" pages): for each policy, the newest commit whose
//! front matter had an earlier `approved` date. Without git (not
//! installed, or the site is not in a repository) there are none and
//! nothing is reported.

mod git;

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::base::values::Values;
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
pub(crate) fn previous_versions(site: &Site) -> History {
    let candidates: Vec<(usize, &Page, Date)> = site
        .published_pages()
        .filter(|(_, p)| p.is_policy())
        .filter_map(|(i, p)| Some((i, p, p.review.as_ref()?.approved?)))
        .collect();
    if candidates.is_empty() {
        return HashMap::new();
    }
    let Some(repo) = git::Repo::open(&site.root) else {
        return HashMap::new();
    };
    // Compared with today's text, which has today's values in it.
    let values = site.config.values();
    candidates
        .par_iter()
        .filter_map(|(i, page, approved)| {
            Some((
                *i,
                previous_version(&repo, &page.source.rel_path, *approved, &values)?,
            ))
        })
        .collect()
}

/// Walks the file's commits from the newest until one has an `approved`
/// date earlier than the current one.
fn previous_version(
    repo: &git::Repo,
    rel: &str,
    current: Date,
    values: &Values,
) -> Option<PreviousVersion> {
    let log = repo.file_log(rel)?;
    if log.is_empty() {
        return None;
    }
    let mut blobs = repo.blobs()?;
    for (commit, path) in log {
        let Some(bytes) = blobs.get(&commit, &path) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let Some((approved, body)) = approved_and_body(&text) else {
            continue;
        };
        if approved < current {
            let body = substitute_body(&body, values).map_or(body, |done| done.text);
            return Some(PreviousVersion {
                approved,
                commit,
                body,
            });
        }
    }
    None
}

/// The `approved` date and the body of a version of a page.
fn approved_and_body(raw: &str) -> Option<(Date, String)> {
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
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
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
