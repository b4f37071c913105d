//! Just enough git to read old versions of a file, by running the `git`
//! program: no shell, arguments passed as they are, standard input closed,
//! error output discarded. When git is not installed, or the site is not in
//! a repository, [`Repo::open`] gives `None` and the feature is off.
//!
//! Shelling out keeps Charter free of libgit2 (a C library to build) and of
//! gix (hundreds of crates). A build runs a few processes per repository
//! (one `git log` of the whole history, one `cat-file`), not per policy.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A git work tree.
#[derive(Debug, Clone)]
pub(super) struct Repo {
    /// Its top folder: paths given to git are relative to it.
    top: PathBuf,
}

/// One commit of a file's log: the commit, the file's path then (from the
/// repository's top), and the commit's time (seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub commit: String,
    pub path: String,
    pub time: i64,
}

impl Repo {
    /// The repository `dir` is in, if git is installed and it is in one.
    pub(super) fn open(dir: &Path) -> Option<Repo> {
        let out = Repo {
            top: dir.to_path_buf(),
        }
        .command()
        .args(["rev-parse", "--show-toplevel"])
        .stdout(Stdio::piped())
        .output()
        .ok()?;
        let top = String::from_utf8(out.stdout).ok()?;
        let top = top.trim_end_matches('\n');
        if !out.status.success() || top.is_empty() {
            return None;
        }
        // As `path_of` reads files: links resolved.
        let top = Path::new(top).canonicalize().ok()?;
        Some(Repo { top })
    }

    /// The path of a file of the work tree from its top, as git writes it;
    /// `None` for a file outside it.
    pub(super) fn path_of(&self, abs: &Path) -> Option<String> {
        let real = abs.canonicalize().ok()?;
        let rel = real.strip_prefix(&self.top).ok()?;
        let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        parts
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .map(|p| p.join("/"))
    }

    /// `git` in the top folder, with settings that keep its output plain
    /// and the same whatever the user's configuration: no pager, no colour,
    /// no signatures, no quoting of file names, no network.
    fn command(&self) -> Command {
        let mut c = Command::new("git");
        c.arg("-C")
            .arg(&self.top)
            .args([
                "--no-pager",
                "-c",
                "core.quotepath=off",
                "-c",
                "log.showSignature=false",
                "-c",
                "color.ui=false",
            ])
            .env("GIT_NO_LAZY_FETCH", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    /// The commits that changed a file, newest first, each with the file's
    /// path at that commit, following renames. `rel` is from the top.
    pub(super) fn file_log(&self, rel: &str) -> Option<Vec<Entry>> {
        let out = self
            .command()
            .args([
                "log",
                "--follow",
                "--format=%x01%H %ct",
                "--name-only",
                "-z",
                "--",
                rel,
            ])
            .stdout(Stdio::piped())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        Some(parse_log(&String::from_utf8_lossy(&out.stdout)))
    }

    /// The whole history of the current branch, newest first: each commit
    /// (`%x01` hash, parents, time) and the files it changed as
    /// `--name-status -z` writes them, without rename detection. One
    /// process answers every file's log (see `reader`).
    pub(super) fn changes(&self) -> Option<String> {
        let out = self
            .command()
            .args([
                "log",
                "--no-renames",
                "--format=%x01%H %P %ct",
                "--name-status",
                "-z",
            ])
            .stdout(Stdio::piped())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// A reader of file contents at given commits (`git cat-file --batch`).
    pub(super) fn blobs(&self) -> Option<Blobs> {
        let mut child = self
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        Some(Blobs {
            child,
            stdin: Some(stdin),
            stdout,
        })
    }
}

/// Reads `git log -z --name-only --format=%x01%H %ct` output: a commit
/// line marked with U+0001 (its hash and time), then the file's path, each
/// ended by NUL.
fn parse_log(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut commit: Option<(&str, i64)> = None;
    for token in text.split('\0') {
        let token = token.trim_start_matches('\n');
        if let Some(line) = token.strip_prefix('\u{1}') {
            let mut words = line.split_whitespace();
            let hash = words.next().unwrap_or_default();
            let time = words.next().and_then(|t| t.parse().ok()).unwrap_or(0);
            commit = Some((hash, time));
        } else if !token.is_empty()
            && let Some((hash, time)) = commit.take()
        {
            out.push(Entry {
                commit: hash.to_string(),
                path: token.to_string(),
                time,
            });
        }
    }
    out
}

/// A running `git cat-file --batch`: one request, one answer at a time.
pub(super) struct Blobs {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Blobs {
    /// The bytes of `path` (relative to the repository's top) at `commit`,
    /// or `None` when it is not a file there.
    pub(super) fn get(&mut self, commit: &str, path: &str) -> Option<Vec<u8>> {
        if path.contains('\n') || commit.contains('\n') {
            return None;
        }
        let stdin = self.stdin.as_mut()?;
        writeln!(stdin, "{commit}:{path}").ok()?;
        stdin.flush().ok()?;
        let mut header = String::new();
        self.stdout.read_line(&mut header).ok()?;
        // "<oid> <type> <size>", or "<request> missing" / "ambiguous".
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [_, kind, size] = fields.as_slice() else {
            return None;
        };
        let size: usize = size.parse().ok()?;
        let mut bytes = vec![0; size + 1];
        self.stdout.read_exact(&mut bytes).ok()?;
        bytes.pop();
        (*kind == "blob").then_some(bytes)
    }
}

impl Blobs {
    /// The text of `path` at `commit`, when it is a file of UTF-8 text.
    pub(super) fn text(&mut self, commit: &str, path: &str) -> Option<String> {
        String::from_utf8(self.get(commit, path)?).ok()
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Closing its input ends cat-file; wait so that no zombie is left.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_output_is_read() {
        let text = "\u{1}aaa 30\0\ncontent/policies/b.md\0\u{1}bbb 20\0\u{1}ccc 10\0\ncontent/policies/a b.md\0";
        let entry = |commit: &str, path: &str, time| Entry {
            commit: commit.to_string(),
            path: path.to_string(),
            time,
        };
        assert_eq!(
            parse_log(text),
            vec![
                entry("aaa", "content/policies/b.md", 30),
                entry("ccc", "content/policies/a b.md", 10),
            ]
        );
    }
}
