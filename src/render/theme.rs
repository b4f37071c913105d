//! The theme: the default templates and static files compiled into the
//! binary (so a new site needs no theme files), overridden one by one by a
//! site's own `themes/<name>/templates/` and `themes/<name>/static/`.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A site's own theme folder, if it has one.
pub(crate) struct ThemeDir {
    pub root: PathBuf,
}

impl ThemeDir {
    pub(crate) fn find(site_root: &Path, name: Option<&str>) -> Option<ThemeDir> {
        let dir = crate::layout::theme_dir(site_root, name);
        dir.is_dir().then_some(ThemeDir { root: dir })
    }

    /// Template files of the site's theme: (name relative to templates/, path).
    pub(crate) fn templates(&self) -> Vec<(String, PathBuf)> {
        files_under(&self.root.join("templates"))
    }
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((name, e.path().to_path_buf()))
        })
        .collect()
}
