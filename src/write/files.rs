//! The files published as they are: the built-in theme's static files,
//! the site theme's (which replace them), `static/`, and the assets beside
//! the content. `charter build` and `charter serve` both publish this list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::Site;
use crate::layout::THEME_STATIC_PREFIX;
use crate::render::RenderError;
use crate::render::theme;

/// Where a published file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Copied {
    /// A file of the built-in theme, compiled into the binary.
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// Every file published as it is, by output path. `taken` tells whether a
/// rendered page is already at a path: a site's own file never silently
/// replaces a generated page (files under `theme/` may replace the theme's).
/// `keep` decides whether a file on disk is published at all (`charter
/// serve` leaves out links that lead outside the site's folder).
pub(crate) fn copied_files(
    site: &Site,
    taken: impl Fn(&str) -> bool,
    keep: impl Fn(&Path) -> bool,
) -> Result<BTreeMap<String, Copied>, RenderError> {
    let mut out = BTreeMap::new();
    for (name, bytes) in theme::STATIC {
        out.insert(
            format!("{THEME_STATIC_PREFIX}{name}"),
            Copied::Embedded(bytes),
        );
    }
    for file in site.theme_files.iter().filter(|f| keep(&f.source)) {
        out.insert(file.output.clone(), Copied::File(file.source.clone()));
    }
    for file in site
        .static_files
        .iter()
        .chain(&site.assets)
        .filter(|f| keep(&f.source))
    {
        let rel = &file.output;
        if taken(rel) || (out.contains_key(rel) && !rel.starts_with(THEME_STATIC_PREFIX)) {
            return Err(RenderError::OutputConflict(rel.clone()));
        }
        out.insert(rel.clone(), Copied::File(file.source.clone()));
    }
    Ok(out)
}
