//! The outlines of the last build's pages
//! (`.charter-cache/build/outlines.bin`), so that a build outlines again
//! only the pages whose body changed (see `resolve::markdown::outline_with`).
//!
//! An outline is made from the page's body alone, with the site's
//! placeholder patterns (`[checks] placeholders`) and the binary's code:
//! each is kept under a hash of its body, and the file records the binary
//! and the patterns it was made with. Another binary's file, or a damaged
//! one, is set aside with a notice; other patterns make every page
//! outlined again. Its own file, apart from the manifest, so that a damaged
//! one costs only itself; binary (bincode), as JSON would cost more to read
//! than outlining saves. After the magic line: the version, the
//! [`Header`], the lengths of the parts, then the parts, each a list of
//! (key, outline), read in parallel.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use bincode::Options;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::problem::{CacheProblem, Kind, OUTLINES};
use crate::content::Site;
use crate::render::fingerprints::hash_of;
use crate::resolve::markdown::Outline;

/// What every such file starts with, before its bincode.
const MAGIC: &[u8] = b"charter build outlines\n";

/// The version of the file's layout; a file of another version is ignored.
const VERSION: u32 = 1;

/// How many outlines are written as one part; the parts are read in
/// parallel.
const CHUNK: usize = 256;

/// What the outlines were made with, after the version.
#[derive(Serialize, Deserialize)]
struct Header {
    /// The binary (see `inputs::binary`): its code outlines, and hashes.
    binary: String,
    /// The site's own placeholder patterns, which outlining looks for.
    patterns: Vec<String>,
}

/// The outlines recalled for this build's pages, and what is needed to
/// remember this build's.
pub(crate) struct Recalled {
    path: PathBuf,
    header: Header,
    /// A hash of each page's text (the fingerprints take them from here),
    /// in the order of `site.pages`.
    texts: Vec<u64>,
    /// Each page's outline's key: its text's hash and where its body
    /// starts.
    keys: Vec<u64>,
    /// Whether the file no longer holds just this build's outlines.
    stale: bool,
    /// Why the file there could not be used.
    pub problem: Option<CacheProblem>,
}

/// The outlines the cache holds of `site`'s pages (`None` where a page
/// must be outlined: every page without `use_cache`, whose build is still
/// remembered). Nothing is recalled or remembered when the binary cannot
/// be told.
pub(crate) fn recall(site: &Site, use_cache: bool) -> (Option<Recalled>, Vec<Option<Outline>>) {
    let Some(binary) = super::inputs::binary() else {
        return (None, Vec::new());
    };
    let root = crate::base::paths::absolute(&site.root);
    let texts: Vec<u64> = site
        .pages
        .par_iter()
        .map(|p| p.source.text_hash())
        .collect();
    let keys = site
        .pages
        .iter()
        .zip(&texts)
        .map(|(p, text)| hash_of((text, p.body_len())))
        .collect();
    let mut recalled = Recalled {
        path: root.join(OUTLINES.path),
        header: Header {
            binary,
            patterns: site.config.checks.placeholders.clone(),
        },
        texts,
        keys,
        stale: true,
        problem: None,
    };
    if !use_cache {
        return (Some(recalled), Vec::new());
    }
    let mut kept = match recalled.read() {
        Ok(kept) => kept,
        Err(kind) => {
            recalled.problem = Some(OUTLINES.problem(kind));
            HashMap::new()
        }
    };
    let held = kept.len();
    let mut used = 0;
    let known = recalled
        .keys
        .iter()
        .map(|k| {
            // Two pages with one body: the second is outlined again.
            let outline = kept.remove(k);
            used += usize::from(outline.is_some());
            outline
        })
        .collect::<Vec<_>>();
    recalled.stale = used != held || used != distinct(&recalled.keys);
    (Some(recalled), known)
}

/// How many distinct keys there are (pages with the same body share an
/// outline).
fn distinct(keys: &[u64]) -> usize {
    let mut keys = keys.to_vec();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

/// A file of the cache that starts with `magic` and a version, read
/// whole: its bytes and where what follows the version starts; `None`
/// when there is no such file.
pub(super) fn read_versioned(
    path: &Path,
    magic: &[u8],
    version: u32,
) -> Result<Option<(Vec<u8>, usize)>, Kind> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Kind::Read(e)),
    };
    let Some(mut rest) = bytes.strip_prefix(magic) else {
        return Err(Kind::damaged("it does not start as such a file does"));
    };
    let written: u32 = options(bytes.len())
        .deserialize_from(&mut rest)
        .map_err(damaged)?;
    if written != version {
        return Err(Kind::Version(written));
    }
    let at = bytes.len() - rest.len();
    Ok(Some((bytes, at)))
}

/// The problem of a file that bincode cannot read.
pub(super) fn damaged(e: bincode::Error) -> Kind {
    Kind::Damaged {
        source: e,
        at: None,
    }
}

/// bincode's settings, with reading limited to the file's length (a
/// damaged length must not ask for more memory than there is).
pub(super) fn options(limit: usize) -> impl Options + Copy {
    bincode::DefaultOptions::new().with_limit(limit as u64)
}

impl Recalled {
    /// The hash of each page's text, by path relative to the root (as
    /// `render::fingerprints::text_hashes`), without hashing them again.
    pub(crate) fn text_hashes(&self, site: &Site) -> HashMap<String, u64> {
        site.pages
            .iter()
            .zip(&self.texts)
            .map(|(p, h)| (p.source.rel_path.clone(), *h))
            .collect()
    }

    /// The outlines in the file, by key; none when the file is not there,
    /// or was made with other patterns.
    fn read(&self) -> Result<HashMap<u64, Outline>, Kind> {
        let Some((bytes, at)) = read_versioned(&self.path, MAGIC, VERSION)? else {
            return Ok(HashMap::new());
        };
        let mut rest = &bytes[at..];
        let opts = options(bytes.len());
        let header: Header = opts.deserialize_from(&mut rest).map_err(damaged)?;
        if header.binary != self.header.binary {
            return Err(Kind::Binary);
        }
        if header.patterns != self.header.patterns {
            return Ok(HashMap::new());
        }
        let lengths: Vec<u64> = opts.deserialize_from(&mut rest).map_err(damaged)?;
        let mut chunks = Vec::with_capacity(lengths.len().min(rest.len()));
        for length in lengths {
            let at = usize::try_from(length).ok().filter(|&n| n <= rest.len());
            let Some((chunk, after)) = at.map(|n| rest.split_at(n)) else {
                return Err(Kind::damaged("a part is longer than the file"));
            };
            chunks.push(chunk);
            rest = after;
        }
        if !rest.is_empty() {
            return Err(Kind::damaged("bytes are left after its end"));
        }
        // In parallel: reading 10,000 outlines is most of what this costs.
        let parts: Vec<Vec<(u64, Outline)>> = chunks
            .par_iter()
            .map(|chunk| {
                options(chunk.len())
                    .reject_trailing_bytes()
                    .deserialize(chunk)
            })
            .collect::<Result<_, _>>()
            .map_err(damaged)?;
        Ok(parts.into_iter().flatten().collect())
    }

    /// Writes this build's outlines (`outlines[i]` of `site.pages[i]`),
    /// unless the file already holds just them: to a temporary file
    /// beside it, then renamed over it.
    pub(crate) fn remember(&self, outlines: &[Outline]) -> Result<(), CacheProblem> {
        let unwritten = |e| OUTLINES.problem(Kind::Write(e));
        if !self.stale {
            return Ok(());
        }
        let mut seen = std::collections::HashSet::new();
        let entries: Vec<(u64, &Outline)> = self
            .keys
            .iter()
            .zip(outlines)
            .filter(|(k, _)| seen.insert(**k))
            .map(|(k, o)| (*k, o))
            .collect();
        let opts = bincode::DefaultOptions::new();
        let chunks: Vec<Vec<u8>> = entries
            .par_chunks(CHUNK)
            .map(|chunk| opts.serialize(chunk))
            .collect::<Result<_, _>>()
            .map_err(|e| unwritten(io::Error::other(e)))?;
        let lengths: Vec<u64> = chunks.iter().map(|c| c.len() as u64).collect();
        let mut bytes = MAGIC.to_vec();
        let written = opts
            .serialize_into(&mut bytes, &VERSION)
            .and_then(|()| opts.serialize_into(&mut bytes, &self.header))
            .and_then(|()| opts.serialize_into(&mut bytes, &lengths));
        written.map_err(|e| unwritten(io::Error::other(e)))?;
        let parts = std::iter::once(bytes.as_slice()).chain(chunks.iter().map(Vec::as_slice));
        write_atomically(&self.path, parts).map_err(unwritten)
    }
}

/// Writes `parts` to a temporary file beside `path`, then renames it over
/// `path`, so that a reader never finds half of it.
pub(super) fn write_atomically<'a>(
    path: &Path,
    parts: impl Iterator<Item = &'a [u8]>,
) -> io::Result<()> {
    let tmp = path.with_extension(format!("bin.tmp-{}", std::process::id()));
    let write = || {
        // Part by part: one buffer of the whole file raised a rebuild's
        // peak memory by a tenth.
        let mut file = std::fs::File::create(&tmp)?;
        parts.into_iter().try_for_each(|part| file.write_all(part))
    };
    write()
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}
