//! Files published as they are: the site's `static/` folder and its
//! theme's `static/` folder, listed once at load time for every stage
//! (links may point at them, the write stage copies them, `charter serve`
//! copies them again when they change).

use std::path::Path;

use super::Asset;
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::source::SourceFile;
use crate::layout;

/// How far symbolic links under `static/` and the theme are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Wherever they lead (`charter build`: a school may link a shared
    /// folder of documents).
    Anywhere,
    /// Only while they stay inside the site's folder (`charter serve`,
    /// which must never serve a file from elsewhere on the computer).
    InsideSite,
}

/// The files of `static/`, published at the same path under the output.
/// Hidden files are published too (`.well-known/`). A loop or an unreadable
/// file is an error: a silently missing download is worse than a clear one.
pub(crate) fn static_files(root: &Path, reach: Reach, diags: &mut Diagnostics) -> Vec<Asset> {
    let walk = Walk {
        root,
        reach,
        prefix: "",
        hidden: true,
    };
    walk.files(&root.join(layout::STATIC_DIR), diags)
}

/// The static files of the site's own theme folder (hidden files are left
/// out), published under `theme/`; none when the site has no theme folder.
pub(super) fn theme_files(
    root: &Path,
    theme: Option<&str>,
    reach: Reach,
    diags: &mut Diagnostics,
) -> Vec<Asset> {
    let dir = layout::theme_dir(root, theme).join(layout::STATIC_DIR);
    let walk = Walk {
        root,
        reach,
        prefix: layout::THEME_STATIC_PREFIX,
        hidden: false,
    };
    walk.files(&dir, diags)
}

struct Walk<'a> {
    root: &'a Path,
    reach: Reach,
    /// Put before each file's path under the folder walked.
    prefix: &'a str,
    /// Whether hidden files are published.
    hidden: bool,
}

impl Walk<'_> {
    fn files(&self, dir: &Path, diags: &mut Diagnostics) -> Vec<Asset> {
        let (root, prefix, hidden) = (self.root, self.prefix, self.hidden);
        let inside_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let inside = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| c.starts_with(&inside_root));
        let mut out = Vec::new();
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| self.reach == Reach::Anywhere || e.depth() == 0 || inside(e.path()));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                // No such folder at all is fine.
                Err(e)
                    if e.depth() == 0
                        && e.io_error()
                            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) =>
                {
                    break;
                }
                Err(e) => {
                    let path = SourceFile::display_path(root, e.path().unwrap_or(dir));
                    diags.push(Diagnostic::file(
                        Code::FileInvalid,
                        path,
                        format!("cannot be published: {e}"),
                        "remove the file or link, or fix its permissions",
                    ));
                    continue;
                }
            };
            let shown = hidden || !entry.file_name().to_string_lossy().starts_with('.');
            if entry.file_type().is_file() && shown {
                let rel = SourceFile::display_path(dir, entry.path());
                out.push(Asset {
                    source: entry.path().to_path_buf(),
                    output: format!("{prefix}{rel}"),
                });
            }
        }
        out
    }
}
