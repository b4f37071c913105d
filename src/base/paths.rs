//! Paths as reports show them: from the folder a command runs in to the
//! file, `/`-separated, with `..` where the file is outside that folder
//! (a trust's document seen from a school's folder).

use std::path::{Component, Path, PathBuf};

/// `target` relative to `base`: `content/x.md`, `../../content/x.md`.
/// Both are made absolute and tidied (`.` and `..` resolved) first.
pub(crate) fn relative(base: &Path, target: &Path) -> String {
    let base = absolute(base);
    let target = absolute(target);
    let b: Vec<Component<'_>> = base.components().collect();
    let t: Vec<Component<'_>> = target.components().collect();
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// The path made absolute from the current folder, `.` and `..` resolved
/// without the file system, then symbolic links resolved where it exists
/// (so that `/tmp` and `/private/tmp` compare equal).
pub(crate) fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve links in the longest part that exists, keep the rest as written.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => return out,
        }
        if !existing.pop() {
            return out;
        }
    }
    let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// A file's path from the repository's root: the site's folder in the
/// repository (`schools/oak/`, or empty) joined with the file's path from
/// the site (`../../content/x.md`), `..` taken out, so that annotations
/// land on the file (`content/x.md`).
pub(crate) fn in_repository(prefix: &str, file: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in prefix.split('/').chain(file.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::{in_repository, relative};

    #[test]
    fn repository_paths_lose_their_climbs() {
        assert_eq!(
            in_repository("schools/oak/", "../../content/a.md"),
            "content/a.md"
        );
        assert_eq!(in_repository("", "content/a.md"), "content/a.md");
        assert_eq!(in_repository("site/", "content/a.md"), "site/content/a.md");
    }
    use std::path::Path;

    #[test]
    fn paths_climb_out_and_down() {
        let base = Path::new("/nowhere/trust/schools/oak");
        assert_eq!(
            relative(base, Path::new("/nowhere/trust/content/policies/a.md")),
            "../../content/policies/a.md"
        );
        assert_eq!(
            relative(
                Path::new("/nowhere/trust"),
                Path::new("/nowhere/trust/schools/oak/../../content/a.md")
            ),
            "content/a.md"
        );
        assert_eq!(relative(base, base), ".");
    }
}
