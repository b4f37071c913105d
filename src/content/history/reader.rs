//! One repository's history read for many files with few `git` processes:
//! one `git log` of the whole branch (no rename detection) gives every
//! file's commits, one `cat-file --batch` reads every blob. Per file,
//! `git log --follow` runs only when the whole log cannot answer exactly.
//!
//! Why this agrees with `git log --follow -- PATH`: on a linear history
//! (no merges), the commits that list PATH are those that changed it, in
//! the same order. `--follow` switches to another path only at a commit
//! where PATH was added and the commit has a parent: there git looks for
//! the best source among all the parent's files (renames and copies, by a
//! similarity heuristic), which this module does not redo. So a file's log
//! from the whole history is exact down to that commit (included); older
//! entries come from `git log --follow` for that file alone. A history with
//! merges (where `--follow` also simplifies history) is read per file.

use std::collections::HashMap;

use super::git::{Blobs, Entry, Repo};

/// A repository, its history (read once) and its blob reader (started once).
pub(super) struct Reader<'r> {
    repo: &'r Repo,
    changes: Changes,
    blobs: Option<Option<Blobs>>,
}

/// What the whole log says.
#[derive(Debug)]
enum Changes {
    /// `git log` failed (no commits, not a repository any more): every
    /// file's log fails too, so no file has a history.
    Failed,
    /// A merge: each file's log is read with `--follow`.
    Merges,
    /// Linear history.
    Linear(Linear),
}

/// A linear history: the commits, newest first, and for each path the
/// commits that changed it, newest first, with git's status letter.
#[derive(Debug, Default)]
struct Linear {
    commits: Vec<Commit>,
    by_path: HashMap<String, Vec<(usize, char)>>,
}

#[derive(Debug)]
struct Commit {
    hash: String,
    time: i64,
    /// Without a parent, an added file cannot have been renamed.
    root: bool,
}

/// A file's log as far as the whole history tells it exactly.
pub(super) struct Partial {
    /// Newest first.
    pub entries: Vec<Entry>,
    /// Whether older entries may exist that only `--follow` can find.
    pub more: bool,
}

impl<'r> Reader<'r> {
    /// Reads the whole log of `repo` (one process).
    pub(super) fn new(repo: &'r Repo) -> Reader<'r> {
        let changes = match repo.changes() {
            None => Changes::Failed,
            Some(text) => parse(&text).map_or(Changes::Merges, Changes::Linear),
        };
        Reader {
            repo,
            changes,
            blobs: None,
        }
    }

    pub(super) fn repo(&self) -> &'r Repo {
        self.repo
    }

    /// The newest part of a file's log (`rel` from the top) that the whole
    /// history gives exactly; `None` where `git log --follow` would fail.
    pub(super) fn partial(&self, rel: &str) -> Option<Partial> {
        match &self.changes {
            Changes::Failed => None,
            Changes::Merges => Some(Partial {
                entries: self.repo.file_log(rel)?,
                more: false,
            }),
            Changes::Linear(linear) => Some(linear.partial(rel)),
        }
    }

    /// A file's whole log, as `git log --follow` gives it.
    pub(super) fn log(&self, rel: &str) -> Option<Vec<Entry>> {
        let partial = self.partial(rel)?;
        if partial.more {
            return self.repo.file_log(rel);
        }
        Some(partial.entries)
    }

    /// The rest of a file's log after `seen` (its newest entries).
    pub(super) fn rest(&self, rel: &str, seen: &[Entry]) -> Option<Vec<Entry>> {
        let mut full = self.repo.file_log(rel)?;
        if full.starts_with(seen) {
            full.drain(..seen.len());
        }
        Some(full)
    }

    /// The text of `path` at `commit`, when it is a file of UTF-8 text.
    pub(super) fn text(&mut self, commit: &str, path: &str) -> Option<String> {
        let repo = self.repo;
        self.blobs
            .get_or_insert_with(|| repo.blobs())
            .as_mut()?
            .text(commit, path)
    }
}

impl Linear {
    fn partial(&self, rel: &str) -> Partial {
        let mut entries = Vec::new();
        for &(index, status) in self.by_path.get(rel).into_iter().flatten() {
            let commit = &self.commits[index];
            entries.push(Entry {
                commit: commit.hash.clone(),
                path: rel.to_string(),
                time: commit.time,
            });
            if status == 'A' && !commit.root {
                // Where `--follow` may switch to another path.
                return Partial {
                    entries,
                    more: true,
                };
            }
        }
        Partial {
            entries,
            more: false,
        }
    }
}

/// Reads `git log --no-renames --format=%x01%H %P %ct --name-status -z`
/// output: per commit a line marked with U+0001 (hash, parents, time),
/// then status and path tokens, each ended by NUL. `None` when a commit
/// has more than one parent.
fn parse(text: &str) -> Option<Linear> {
    let mut linear = Linear::default();
    let mut status: Option<char> = None;
    for token in text.split('\0') {
        let token = token.trim_start_matches('\n');
        if let Some(line) = token.strip_prefix('\u{1}') {
            let words: Vec<&str> = line.split_whitespace().collect();
            let (hash, parents, time) = match words.as_slice() {
                [hash, parents @ .., time] => (*hash, parents.len(), time.parse().unwrap_or(0)),
                _ => return None,
            };
            if parents > 1 {
                return None;
            }
            linear.commits.push(Commit {
                hash: hash.to_string(),
                time,
                root: parents == 0,
            });
            status = None;
        } else if token.is_empty() {
            continue;
        } else if let Some(letter) = status.take() {
            let index = linear.commits.len().checked_sub(1)?;
            let changes = linear.by_path.entry(token.to_string()).or_default();
            changes.push((index, letter));
        } else {
            status = token.chars().next();
        }
    }
    Some(linear)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    const C: &str = "cccccccccccccccccccccccccccccccccccccccc";

    fn log() -> String {
        format!(
            "\u{1}{C} {B} 30\0\nM\0p/x.md\0A\0p/y.md\0D\0p/old.md\0\
             \u{1}{B} {A} 20\0\nM\0p/x.md\0\
             \u{1}{A}  10\0\nA\0p/x.md\0A\0p/old.md\0"
        )
    }

    #[test]
    fn each_files_commits_come_from_one_log() {
        let linear = parse(&log()).unwrap();
        let x = linear.partial("p/x.md");
        let hashes: Vec<_> = x.entries.iter().map(|e| e.commit.as_str()).collect();
        assert_eq!(hashes, [C, B, A]);
        assert_eq!(x.entries[1].time, 20);
        assert!(!x.more, "added in the root commit: nothing older");
        let y = linear.partial("p/y.md");
        assert_eq!(y.entries.len(), 1);
        assert!(y.more, "added with a parent: may be a rename");
        assert!(linear.partial("p/none.md").entries.is_empty());
    }

    #[test]
    fn a_merge_is_not_read_as_linear() {
        let text = format!("\u{1}{C} {A} {B} 30\0\u{1}{B} {A} 20\0\nM\0x\0\u{1}{A}  10\0");
        assert!(parse(&text).is_none());
    }
}
