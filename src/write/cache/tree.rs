//! A folder a build turns into its output: the stamps that tell whether a
//! file or folder is still the one recorded, and the changes that leave
//! every other file as it is. A file is never written in place: it may be
//! the published folder's file too, through a hard link, so it is removed
//! and made anew.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::Metadata;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What tells one file or folder from another without reading it: its
/// size, modification time (seconds and nanoseconds) and inode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Stamp(u64, i64, i64, u64);

impl Stamp {
    #[cfg(unix)]
    pub(crate) fn of(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp(meta.len(), meta.mtime(), meta.mtime_nsec(), meta.ino())
    }

    /// Without inode numbers nothing is ever "as recorded": every build
    /// makes every file.
    #[cfg(not(unix))]
    pub(crate) fn of(_meta: &Metadata) -> Stamp {
        Stamp::default()
    }

    /// The stamp of what is at `path` (a symbolic link's own), if anything.
    pub(crate) fn at(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        cfg!(unix).then(|| Stamp::of(&meta))
    }
}

/// A file as recorded: a key for what it holds (a hash of its bytes, or of
/// where a copied file came from), and its stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord(pub u64, pub Stamp);

/// Every file and folder of a tree, by path from its root (`""` is the
/// root itself).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Records {
    pub files: BTreeMap<String, FileRecord>,
    pub dirs: BTreeMap<String, Stamp>,
}

/// What of a recorded tree is still as recorded: its files' contents are
/// known, and no entry came or went in its folders.
pub(crate) struct Verified {
    pub files: HashMap<String, FileRecord>,
    pub dirs: HashSet<String>,
}

/// Compares every recorded file and folder of the tree at `root` with its
/// stamp.
pub(crate) fn verify(root: &Path, records: &Records) -> Verified {
    let files = records
        .files
        .par_iter()
        .filter(|(rel, rec)| Stamp::at(&root.join(rel)) == Some(rec.1))
        .map(|(rel, rec)| (rel.clone(), *rec))
        .collect();
    let dirs = records
        .dirs
        .par_iter()
        .filter(|(rel, stamp)| Stamp::at(&root.join(rel)) == Some(**stamp))
        .map(|(rel, _)| rel.clone())
        .collect();
    Verified { files, dirs }
}

/// Every folder the files are in (`""`, the root, included).
pub(crate) fn folders_of<'a>(files: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut dirs = BTreeSet::from([String::new()]);
    for rel in files {
        let mut at = rel;
        while let Some(dir) = parent_of_nonempty(at) {
            if !dirs.insert(dir.to_string()) {
                break;
            }
            at = dir;
        }
    }
    dirs
}

/// The folder a path is in (`""` for one at the root).
pub(crate) fn parent(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// The folder a non-empty path is in; `None` for the root.
fn parent_of_nonempty(rel: &str) -> Option<&str> {
    (!rel.is_empty()).then(|| parent(rel))
}

/// Every folder a path is in, from its own up to the root.
pub(crate) fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    let mut at = Some(rel);
    std::iter::from_fn(move || {
        let dir = parent_of_nonempty(at?)?;
        at = Some(dir);
        Some(dir)
    })
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Leaves in the recorded tree at `root` only what is as recorded: the
/// files of `verified`, and recorded folders. What came into a folder
/// since it was recorded goes, and so do recorded files that changed.
/// Returns the folders whose entries changed.
pub(crate) fn clean(
    root: &Path,
    records: &Records,
    verified: &Verified,
) -> io::Result<HashSet<String>> {
    let mut touched = HashSet::new();
    for rel in records.dirs.keys().filter(|d| !verified.dirs.contains(*d)) {
        let dir = root.join(rel);
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                remove_any(&dir)?;
                touched.insert(parent(rel).to_string());
                continue;
            }
            Err(_) => continue,
        }
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let child = entry.file_name().to_str().map(|name| join(rel, name));
            let is_dir = entry.file_type()?.is_dir();
            let known = child.as_ref().is_some_and(|c| {
                if is_dir {
                    records.dirs.contains_key(c)
                } else {
                    verified.files.contains_key(c)
                }
            });
            if !known {
                remove_any(&entry.path())?;
                touched.insert(rel.clone());
            }
        }
    }
    for (rel, _) in records
        .files
        .iter()
        .filter(|(f, _)| !verified.files.contains_key(*f))
    {
        remove_any(&root.join(rel))?;
        touched.insert(parent(rel).to_string());
    }
    Ok(touched)
}

/// Removes the files and folders of the cleaned tree that the new one
/// (`files` and `dirs`) does not have. Returns the folders whose entries
/// changed.
pub(crate) fn trim(
    root: &Path,
    records: &Records,
    verified: &Verified,
    files: &BTreeMap<String, FileRecord>,
    dirs: &BTreeSet<String>,
) -> io::Result<HashSet<String>> {
    let mut touched = HashSet::new();
    let wanted = |rel: &str| files.contains_key(rel) || dirs.contains(rel);
    for rel in verified.files.keys().filter(|f| !wanted(f)) {
        remove_any(&root.join(rel))?;
        touched.insert(parent(rel).to_string());
    }
    // Deepest first, so that a folder is empty when its turn comes.
    for rel in records.dirs.keys().rev().filter(|d| !wanted(d)) {
        remove_any(&root.join(rel))?;
        touched.insert(parent(rel).to_string());
    }
    Ok(touched)
}

/// Removes a file, a symbolic link or a whole folder; nothing there is
/// fine.
pub(crate) fn remove_any(path: &Path) -> io::Result<()> {
    let result = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Makes a new file at `rel` under `root` with `make`, after removing
/// what is there (`exists` says whether something is known to be), and
/// making its folders when they are missing. Returns what `make` returns,
/// and whether folders were made.
fn make_new<T>(
    root: &Path,
    rel: &str,
    exists: bool,
    make: impl Fn(&Path) -> io::Result<T>,
) -> io::Result<(T, bool)> {
    let path = crate::write::staging::inside(root, rel)?;
    if exists {
        remove_any(&path)?;
    }
    match make(&path) {
        Ok(made) => Ok((made, false)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            remove_any(&path)?;
            make(&path).map(|made| (made, false))
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            make_folders(root, rel)?;
            make(&path).map(|made| (made, true))
        }
        Err(e) => Err(e),
    }
}

/// Makes the folders `rel` is in; a file in the way is removed.
fn make_folders(root: &Path, rel: &str) -> io::Result<()> {
    let dir = root.join(parent(rel));
    if std::fs::create_dir_all(&dir).is_ok() {
        return Ok(());
    }
    let mut folders: Vec<&str> = ancestors(rel).collect();
    folders.reverse();
    for folder in folders {
        let path = root.join(folder);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                remove_any(&path)?;
                std::fs::create_dir(&path)?;
            }
            Err(_) => std::fs::create_dir(&path)?,
        }
    }
    Ok(())
}

/// Writes a new file with `bytes` at `rel`; returns its stamp, and
/// whether folders were made.
pub(crate) fn put(root: &Path, rel: &str, bytes: &[u8], exists: bool) -> io::Result<(Stamp, bool)> {
    make_new(root, rel, exists, |p| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)?;
        file.write_all(bytes)?;
        Ok(Stamp::of(&file.metadata()?))
    })
}

/// Makes `rel` a hard link to `from`: the same file, for no space. Where
/// that cannot be (another file system), a copy. Returns the new stamp
/// when it is a copy (`None` when it is `from` itself), and whether
/// folders were made.
pub(crate) fn link(
    root: &Path,
    rel: &str,
    from: &Path,
    exists: bool,
) -> io::Result<(Option<Stamp>, bool)> {
    match make_new(root, rel, exists, |p| std::fs::hard_link(from, p)) {
        Ok(((), made)) => Ok((None, made)),
        Err(_) => copy(root, rel, from, true).map(|(stamp, made)| (Some(stamp), made)),
    }
}

/// Copies `from` to a new file at `rel`; returns its stamp, and whether
/// folders were made.
pub(crate) fn copy(root: &Path, rel: &str, from: &Path, exists: bool) -> io::Result<(Stamp, bool)> {
    make_new(root, rel, exists, |p| {
        // `fs::copy` would write into a file that is there.
        if std::fs::symlink_metadata(p).is_ok() {
            return Err(io::ErrorKind::AlreadyExists.into());
        }
        std::fs::copy(from, p)?;
        Ok(Stamp::of(&std::fs::symlink_metadata(p)?))
    })
}

/// The stamps of the folders `dirs`: those of `still` (folders known to
/// be as they were), the others taken again.
pub(crate) fn dir_stamps(
    root: &Path,
    dirs: &BTreeSet<String>,
    still: &BTreeMap<String, Stamp>,
) -> io::Result<BTreeMap<String, Stamp>> {
    dirs.par_iter()
        .map(|rel| {
            let stamp = match still.get(rel) {
                Some(s) => *s,
                None => Stamp::at(&root.join(rel)).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, format!("{rel}/ is missing"))
                })?,
            };
            Ok((rel.clone(), stamp))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(root: &Path) -> Records {
        let mut records = Records::default();
        for e in walkdir::WalkDir::new(root).into_iter().map(Result::unwrap) {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy();
            let stamp = Stamp::at(e.path()).unwrap();
            if e.file_type().is_dir() {
                records.dirs.insert(rel.into_owned(), stamp);
            } else {
                let key = rel.len() as u64;
                records
                    .files
                    .insert(rel.into_owned(), FileRecord(key, stamp));
            }
        }
        records
    }

    #[test]
    fn every_folder_of_the_files_is_listed() {
        let dirs = folders_of(["a/b/c.html", "a/d.html", "e.html"].into_iter());
        let dirs: Vec<&str> = dirs.iter().map(String::as_str).collect();
        assert_eq!(dirs, ["", "a", "a/b"]);
        assert_eq!(
            ancestors("a/b/c.html").collect::<Vec<_>>(),
            ["a/b", "a", ""]
        );
    }

    #[test]
    fn what_changed_since_it_was_recorded_goes() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for f in ["a/keep.html", "a/edited.html", "gone/x.html", "top.html"] {
            std::fs::create_dir_all(root.join(parent(f))).unwrap();
            std::fs::write(root.join(f), f).unwrap();
        }
        let records = record(root);
        // A hand edits one file (new size) and adds one to a folder.
        std::fs::write(root.join("a/edited.html"), "changed by hand").unwrap();
        std::fs::write(root.join("a/added.html"), "added").unwrap();
        std::fs::create_dir(root.join("a/sub")).unwrap();
        let verified = verify(root, &records);
        assert!(!verified.files.contains_key("a/edited.html"));
        assert!(!verified.dirs.contains("a"));
        let touched = clean(root, &records, &verified).unwrap();
        assert!(touched.contains("a"), "{touched:?}");
        let new: BTreeMap<String, FileRecord> = ["a/keep.html", "top.html"]
            .into_iter()
            .map(|f| (f.to_string(), records.files[f]))
            .collect();
        let dirs = folders_of(new.keys().map(String::as_str));
        trim(root, &records, &verified, &new, &dirs).unwrap();
        let mut left: Vec<String> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        left.sort();
        assert_eq!(left, ["", "a", "a/keep.html", "top.html"]);
    }

    #[test]
    fn a_new_file_never_writes_into_a_shared_one() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let shared = root.join("shared.html");
        std::fs::write(&shared, "published").unwrap();
        assert_eq!(
            link(root, "a/spare.html", &shared, false).unwrap(),
            (None, true)
        );
        put(root, "a/spare.html", b"new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&shared).unwrap(), "published");
        assert_eq!(
            std::fs::read_to_string(root.join("a/spare.html")).unwrap(),
            "new"
        );
        copy(root, "a/spare.html", &shared, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("a/spare.html")).unwrap(),
            "published"
        );
        // A file where a folder must be goes.
        put(root, "a/spare.html/inside.html", b"x", false).unwrap();
        assert!(root.join("a/spare.html").is_dir());
    }
}
