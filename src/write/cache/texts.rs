//! What the last build knew of its pages' files
//! (`.charter-cache/build/texts.bin`): for each page of the site whose
//! body it let go of, the file's size and modification time, where its
//! body starts, and its whole text's length and hash. A build that finds
//! a file with the same size and modification time (as the output tree
//! is known, and as `make` knows files) reads only its front matter: its
//! body is read again only to outline it when its outline is not
//! recalled, and to render it when its page changed. On a 10,000-page
//! site, reading every body was a sixth of a rebuild after one edit.
//!
//! The file records the binary that wrote it (the hashes are that
//! binary's); another binary's is ignored without a notice of its own
//! (the manifest's says the cache was set aside), a damaged one with one.

use std::io;
use std::path::{Path, PathBuf};

use bincode::Options;

use super::outlines::{damaged, options, read_versioned, write_atomically};
use super::problem::{CacheProblem, Kind, TEXTS};
use crate::base::source::{KnownText, KnownTexts};
use crate::content::Site;

/// What every such file starts with, before its bincode.
const MAGIC: &[u8] = b"charter build texts\n";

/// The version of the file's layout; a file of another version is ignored.
const VERSION: u32 = 1;

/// Where the file of the site at `root` is.
fn path(root: &Path) -> PathBuf {
    crate::base::paths::absolute(root).join(TEXTS.path)
}

/// The files the last build of the site at `root` knew (none without
/// `use_cache`, or when the binary cannot be told), and why the file
/// there could not be used, if it was damaged.
pub(crate) fn recall(root: &Path, use_cache: bool) -> (KnownTexts, Option<CacheProblem>) {
    let binary = super::inputs::binary();
    let Some(binary) = binary.filter(|_| use_cache) else {
        return (KnownTexts::new(), None);
    };
    match read(&path(root), &binary) {
        Ok(known) => (known, None),
        Err(kind) => {
            let problem = TEXTS.problem(kind);
            (KnownTexts::new(), (!problem.foreign()).then_some(problem))
        }
    }
}

fn read(path: &Path, binary: &str) -> Result<KnownTexts, Kind> {
    let Some((bytes, at)) = read_versioned(path, MAGIC, VERSION)? else {
        return Ok(KnownTexts::new());
    };
    let mut rest = &bytes[at..];
    let opts = options(bytes.len());
    let written_by: String = opts.deserialize_from(&mut rest).map_err(damaged)?;
    if written_by != binary {
        return Err(Kind::Binary);
    }
    opts.reject_trailing_bytes()
        .deserialize(rest)
        .map_err(damaged)
}

/// Writes what this build knows of the site's own pages' files (none for
/// a school of a trust, which does not read by it).
pub(crate) fn remember(site: &Site) -> Result<(), CacheProblem> {
    let unwritten = |e| TEXTS.problem(Kind::Write(e));
    let Some(binary) = super::inputs::binary() else {
        return Ok(());
    };
    let own = site.shared.is_none().then_some(site.pages.as_slice());
    let known: Vec<(&str, KnownText)> = own
        .unwrap_or_default()
        .iter()
        .filter(|p| p.translation.is_none())
        .filter_map(|p| Some((p.source.rel_path.as_str(), p.source.known_text()?)))
        .collect();
    let opts = bincode::DefaultOptions::new();
    let mut bytes = MAGIC.to_vec();
    let written = opts
        .serialize_into(&mut bytes, &VERSION)
        .and_then(|()| opts.serialize_into(&mut bytes, &binary))
        .and_then(|()| opts.serialize_into(&mut bytes, &known));
    written.map_err(|e| unwritten(io::Error::other(e)))?;
    write_atomically(&path(&site.root), std::iter::once(bytes.as_slice())).map_err(unwritten)
}
