//! What a build's outputs are made from, hashed so that a later build can
//! tell what changed: the binary, the *epoch* (everything that is not a
//! page: configuration, guidance, register, the theme's words, templates,
//! the lists of files and pages…) and each job's fingerprint. Anything
//! left out here would leave a stale page in the output, so when in doubt
//! an input is hashed.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::UNIX_EPOCH;

use jiff::civil::Date;
use rayon::prelude::*;

use super::tree::Stamp;
use crate::content::Site;
use crate::content::history::History;
use crate::render::Job;
use crate::render::fingerprints::{self, Fingerprints, Inputs, hash_of};
use crate::resolve::links::Links;
use crate::write::files::Copied;

/// Which binary this is: its version, and the size and modification time
/// of its file (hashes are the same only in one binary). `None` when the
/// file cannot be found.
pub(crate) fn binary() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{} {} {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

/// Each job's fingerprint, in the order of `jobs`.
pub(crate) fn fingerprints(
    site: &Site,
    links: &Links,
    jobs: &[Job],
    previous: &History,
    today: Date,
    text_hash: HashMap<String, u64>,
) -> Vec<u64> {
    let search_hash = fingerprints::search_hashes(site, links);
    let prints = Fingerprints::new(
        site,
        links,
        Inputs {
            text_hash: &text_hash,
            search_hash: &search_hash,
            previous,
            epoch: epoch(site, &text_hash),
            today,
        },
    );
    jobs.par_iter().map(|j| prints.of(j)).collect()
}

/// Everything a page may show that is not a page: it changes every
/// fingerprint.
fn epoch(site: &Site, text_hash: &HashMap<String, u64>) -> u64 {
    let mut h = DefaultHasher::new();
    // The loaded settings, whole (their `Debug` has every field, in order).
    format!("{:?}", site.config).hash(&mut h);
    format!("{:?}", site.guidance).hash(&mut h);
    format!("{:?}", site.statutory).hash(&mut h);
    format!("{:?}", site.strings).hash(&mut h);
    if let Some(shared) = &site.shared {
        let mut files: Vec<&String> = shared.files.iter().collect();
        files.sort_unstable();
        (&shared.root, &shared.name, files).hash(&mut h);
        format!(
            "{:?}{:?}{:?}{:?}",
            shared.documents, shared.replaced, shared.adapted, shared.excluded
        )
        .hash(&mut h);
    }
    let mut unreadable: Vec<&String> = site.unreadable_ids.iter().collect();
    unreadable.sort_unstable();
    unreadable.hash(&mut h);
    for file in site
        .assets
        .iter()
        .chain(&site.static_files)
        .chain(&site.theme_files)
    {
        (&file.output, &file.source).hash(&mut h);
    }
    templates(site).hash(&mut h);
    // Which pages there are, where, in which language: a page that came,
    // went or moved makes every page again.
    for p in &site.pages {
        let translation = p.translation.as_ref().map(|t| (&t.lang, t.source));
        let page = (&p.source.rel_path, &p.id, &p.url, p.meta.kind_name());
        (page, p.draft, translation).hash(&mut h);
    }
    // A translated page shows its source's and its sister translations'
    // texts in ways not declared as dependencies (as `charter serve`
    // rebuilds all after an edit of such a site): every text counts.
    if !site.config.languages.is_empty() {
        for p in &site.pages {
            text_hash.get(&p.source.rel_path).hash(&mut h);
        }
    }
    h.finish()
}

/// The site theme's templates, by name, with their text.
fn templates(site: &Site) -> Vec<(String, Option<Vec<u8>>)> {
    crate::render::theme::ThemeDir::find(&site.root, site.config.theme.as_deref())
        .map(|dir| {
            dir.templates()
                .into_iter()
                .map(|(name, path)| (name, std::fs::read(path).ok()))
                .collect()
        })
        .unwrap_or_default()
}

/// The key of a file published as it is: of its bytes for one built in,
/// of its path and stamp for one of the site's. `None` when the file
/// cannot be read (it is copied, and the copy says why it fails).
pub(crate) fn copy_key(copied: &Copied) -> Option<u64> {
    match copied {
        Copied::Embedded(bytes) => Some(hash_of(("built in", bytes))),
        Copied::File(path) => {
            let stamp = std::fs::metadata(path).ok().map(|m| Stamp::of(&m))?;
            cfg!(unix).then(|| hash_of(("file", path, stamp)))
        }
    }
}

/// The key of a rendered file: a hash of its bytes.
pub(crate) fn content_key(bytes: &[u8]) -> u64 {
    hash_of(bytes)
}

/// Whether two paths are on one file system (so that a folder can be
/// renamed from one to the other).
#[cfg(unix)]
pub(crate) fn same_file_system(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(crate) fn same_file_system(_a: &Path, _b: &Path) -> bool {
    false
}
