//! Watching the site's sources: `content/`, `agreements/`, `themes/`,
//! `static/`, `charter.toml`, `guidance.toml` and the site's statutory
//! register file at its root, through
//! notify-debouncer-full, which coalesces a burst of events (an editor's
//! save is often several) into one batch once nothing has happened for the
//! debounce time. Editors' temporary and swap files are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// The folders watched, with everything in them.
use crate::layout::WATCHED_DIRS as FOLDERS;
/// The files watched at the site's root.
use crate::layout::WATCHED_FILES as FILES;

/// A running watcher; dropping it stops watching.
pub(crate) struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<&'static str>,
}

impl Watcher {
    /// Starts watching the source folders created since the last call.
    pub(crate) fn watch_new_folders(&mut self) {
        for folder in FOLDERS {
            let dir = self.root.join(folder);
            if !self.watched.contains(&folder) && dir.is_dir() {
                match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => self.watched.push(folder),
                    Err(e) => eprintln!("warning: cannot watch {folder}/: {e}"),
                }
            }
        }
    }
}

/// Starts watching `root` (an absolute path): each debounced batch of
/// relevant changed paths is sent to `tx`.
pub(crate) fn start(
    root: &Path,
    debounce: Duration,
    tx: Sender<Vec<PathBuf>>,
) -> notify_debouncer_full::notify::Result<Watcher> {
    let watch_root = root.to_path_buf();
    let filter_root = root.to_path_buf();
    let mut debouncer = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        match result {
            Ok(events) => {
                // Reading a file (the rebuild does) is no change.
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter())
                    .filter(|p| is_relevant(&filter_root, p))
                    .cloned()
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: watching for changes: {e}");
                }
            }
        }
    })?;
    // The root itself, not recursively: the two files, and the folders
    // appearing or going (editors often save by replacing the file, which
    // a watch on the file itself would lose).
    debouncer.watch(&watch_root, RecursiveMode::NonRecursive)?;
    let mut watched = Vec::new();
    for folder in FOLDERS {
        let dir = watch_root.join(folder);
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
            watched.push(folder);
        }
    }
    Ok(Watcher {
        debouncer,
        root: watch_root,
        watched,
    })
}

/// Whether a changed path is one of the site's sources.
fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    let watched = if parts.next().is_none() {
        // Any TOML file at the root: the site's own statutory register
        // (`[statutory] register`) is one, under a name the site chooses.
        FILES.contains(&first.as_ref())
            || FOLDERS.contains(&first.as_ref())
            || first.ends_with(".toml")
    } else {
        FOLDERS.contains(&first.as_ref())
    };
    watched && !is_ignored(rel)
}

/// Editors' temporary, backup and swap files, and hidden files: `.x`,
/// `x~`, `#x#`, `.#x`, `x.swp` (and `.swo`, `.swx`), `x.tmp`, Vim's `4913`
/// probe, JetBrains' `x___jb_tmp___`. `rel` is relative to the site root.
pub(crate) fn is_ignored(rel: &Path) -> bool {
    rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.')
            || name.starts_with('#')
            || name.ends_with('~')
            || name == "4913"
            || [
                ".swp",
                ".swo",
                ".swx",
                ".tmp",
                "___jb_tmp___",
                "___jb_old___",
            ]
            .iter()
            .any(|s| name.ends_with(s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for p in [
            "content/policies/.online-safety.md.swp",
            "content/policies/online-safety.md~",
            "content/policies/#online-safety.md#",
            "content/policies/.#online-safety.md",
            "content/policies/4913",
            "content/policies/online-safety.md.tmp",
            "static/x.png___jb_tmp___",
            "content/.hidden/a.md",
        ] {
            assert!(is_ignored(Path::new(p)), "{p}");
        }
        for p in [
            "content/policies/online-safety.md",
            "static/logo.svg",
            "charter.toml",
        ] {
            assert!(!is_ignored(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        assert!(is_relevant(root, Path::new("/site/charter.toml")));
        assert!(is_relevant(root, Path::new("/site/content/policies/a.md")));
        assert!(is_relevant(root, Path::new("/site/static")));
        assert!(is_relevant(
            root,
            Path::new("/site/themes/default/templates/base.html")
        ));
        assert!(!is_relevant(root, Path::new("/site/public/index.html")));
        assert!(!is_relevant(root, Path::new("/site/README.md")));
        assert!(!is_relevant(
            root,
            Path::new("/site/.charter-cache/serve/index.html")
        ));
        assert!(!is_relevant(root, Path::new("/elsewhere/charter.toml")));
        assert!(!is_relevant(root, Path::new("/site/content/a.md.swp")));
    }
}
