//! Walking `content/` and `agreements/` for the site's files: symbolic-link
//! loops and files reached twice are reported, never followed forever, and
//! folders that look like content but sit elsewhere are pointed out.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::base::source::SourceFile;

/// Lists files under `dir` in a stable order. Hidden files and editors'
/// backup files are not content.
pub(super) fn collect(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Files reached by their own path win over the same files reached
    // through a symbolic link, whatever the names sort like.
    let mut found: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    let mut folders = CanonicalFolders::default();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let canonical = folders.canonical(&e);
                let direct = e
                    .path()
                    .strip_prefix(root)
                    .is_ok_and(|rel| canonical_root.join(rel) == canonical);
                found.push((e.path().to_path_buf(), canonical, direct));
            }
            Ok(_) => {}
            Err(err) => diags.push(walk_error(root, &err)),
        }
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| !found[i].2);
    let mut keep = vec![false; found.len()];
    for i in order {
        let (path, canonical, _) = &found[i];
        if seen.insert(canonical.clone()) {
            keep[i] = true;
        } else {
            let original = canonical.strip_prefix(&canonical_root).map_or_else(
                |_| canonical.display().to_string(),
                |rel| rel.display().to_string(),
            );
            diags.push(Diagnostic::file(
                Code::SymlinkSkipped,
                SourceFile::display_path(root, path),
                "this file was already read under another name (through a symbolic link), so it is read once only",
                format!("remove the link, or the copy, so that {original} appears once"),
            ));
        }
    }
    out.extend(
        found
            .into_iter()
            .zip(keep)
            .filter_map(|((path, _, _), kept)| kept.then_some(path)),
    );
}

/// Canonical paths of files, from their folders' (each worked out once):
/// a file that is not itself a symbolic link is its folder's canonical
/// path and its name. `canonicalize` for each of 10,000 files looked up
/// every folder of each path again.
#[derive(Default)]
struct CanonicalFolders(std::collections::HashMap<PathBuf, Option<PathBuf>>);

impl CanonicalFolders {
    /// The file's canonical path, or its path if that cannot be had.
    fn canonical(&mut self, e: &walkdir::DirEntry) -> PathBuf {
        let path = e.path();
        let whole = || std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return whole();
        };
        if e.path_is_symlink() {
            return whole();
        }
        let folder = self
            .0
            .entry(parent.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(parent).ok());
        match folder {
            Some(folder) => folder.join(name),
            None => whole(),
        }
    }
}

/// A file or folder the walk could not read, or a symbolic link it did not
/// follow because it leads back into its own folder.
fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| SourceFile::display_path(root, p))
        .unwrap_or_default();
    let (message, hint) = if err.loop_ancestor().is_some() {
        (
            "this symbolic link points back to a folder that contains it, so it was not followed"
                .to_string(),
            "remove the link, or point it somewhere outside this folder".to_string(),
        )
    } else {
        (
            format!("cannot be read: {err}"),
            "check that the file or folder exists and can be read".to_string(),
        )
    };
    let severity = if err.loop_ancestor().is_some() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let code = if err.loop_ancestor().is_some() {
        Code::SymlinkSkipped
    } else {
        Code::FileInvalid
    };
    Diagnostic::file(code, path, message, hint).with_severity(severity)
}

/// Folders at the top of a site that look like content but are not read:
/// `policies/` instead of `content/policies/`, or `Content/` on a system
/// where names are case-sensitive. Their Markdown files would otherwise be
/// left out without a word.
pub(super) fn content_outside(root: &Path, diags: &mut Diagnostics) {
    const LOOKS_LIKE_CONTENT: [&str; 9] = [
        "content",
        "contents",
        "agreements",
        "agreement",
        "policies",
        "policy",
        "curriculum",
        "parents",
        "pages",
    ];
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut folders: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| {
            name != "content"
                && name != "agreements"
                && LOOKS_LIKE_CONTENT.contains(&name.to_lowercase().as_str())
        })
        .collect();
    folders.sort();
    for (name, path) in folders {
        let markdown: Vec<PathBuf> = walkdir::WalkDir::new(&path)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .map(walkdir::DirEntry::into_path)
            .collect();
        let Some(first) = markdown.first() else {
            continue;
        };
        let lower = name.to_lowercase();
        let hint = match lower.as_str() {
            "content" | "agreements" if root.join(&lower).is_dir() => format!(
                "move its files into {lower}/ (folder names are case-sensitive: {name}/ is another folder)"
            ),
            "content" | "agreements" => {
                format!("rename {name}/ to {lower}/ (folder names are case-sensitive)")
            }
            "contents" => "rename contents/ to content/".to_string(),
            "agreement" => "rename agreement/ to agreements/".to_string(),
            "policy" => "move its files to content/policies/".to_string(),
            _ => format!("move {name}/ into content/, as content/{lower}/"),
        };
        let count = markdown.len();
        diags.push(Diagnostic::file(
            Code::ContentOutside,
            SourceFile::display_path(root, first),
            format!(
                "{name}/ has {count} Markdown file{} that Charter does not read: pages come from content/ and agreements/ only",
                if count == 1 { "" } else { "s" }
            ),
            hint,
        ));
    }
}

fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}
