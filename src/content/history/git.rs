//! Just enough git to read old versions of a file, by running the `git`
//! program: no shell, arguments passed as they are, standard input closed,
//! error output discarded. When git is not installed, or the site is not in
//! a repository, [`Repo::open`] gives `None` and the feature is off.
//!
//! Shelling out keeps Charter free of libgit2 (a C library to build) and of
//! gix (hundreds of crates); two `git` processes per policy are cheap.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A git work tree that holds the site.
#[derive(Debug, Clone)]
pub(super) struct Repo {
    /// The site's folder: paths given to git are relative to it.
    dir: PathBuf,
}

impl Repo {
    /// The repository the site's folder is in, if git is installed and it
    /// is in one.
    pub(super) fn open(site_root: &Path) -> Option<Repo> {
        let repo = Repo {
            dir: site_root.to_path_buf(),
        };
        let out = repo
            .command()
            .args(["rev-parse", "--is-inside-work-tree"])
            .stdout(Stdio::piped())
            .output()
            .ok()?;
        (out.status.success() && out.stdout.trim_ascii() == b"true").then_some(repo)
    }

    /// `git` in the site's folder, with settings that keep its output plain
    /// and the same whatever the user's configuration: no pager, no colour,
    /// no signatures, no quoting of file names, no network.
    fn command(&self) -> Command {
        let mut c = Command::new("git");
        c.arg("-C")
            .arg(&self.dir)
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
    /// path at that commit (relative to the repository's top), following
    /// renames. `rel` is relative to the site's folder.
    pub(super) fn file_log(&self, rel: &str) -> Option<Vec<(String, String)>> {
        let out = self
            .command()
            .args([
                "log",
                "--follow",
                "--format=%x01%H",
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

/// Reads `git log -z --name-only --format=%x01%H` output: a commit line
/// marked with U+0001, then the file's path, each ended by NUL.
fn parse_log(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut commit: Option<&str> = None;
    for token in text.split('\0') {
        let token = token.trim_start_matches('\n');
        if let Some(hash) = token.strip_prefix('\u{1}') {
            commit = Some(hash.trim());
        } else if !token.is_empty()
            && let Some(c) = commit.take()
        {
            out.push((c.to_string(), token.to_string()));
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
        let text =
            "\u{1}aaa\0\ncontent/policies/b.md\0\u{1}bbb\0\u{1}ccc\0\ncontent/policies/a b.md\0";
        assert_eq!(
            parse_log(text),
            vec![
                ("aaa".to_string(), "content/policies/b.md".to_string()),
                ("ccc".to_string(), "content/policies/a b.md".to_string()),
            ]
        );
    }
}
