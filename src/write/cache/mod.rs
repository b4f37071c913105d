//! What `charter build` remembers of its last build, in
//! `.charter-cache/build/`, so that the next one renders and writes only
//! what changed.
//!
//! - `manifest.json`: which binary built which output of which site; each
//!   render job's fingerprint (`render::fingerprints`: a hash of all its
//!   template sees) and files; and the files and folders of the published
//!   tree and of the spare one, each file with a key for what it holds and
//!   a stamp (size, modification time, inode) that tells whether it is
//!   still the file recorded.
//! - `previous/`: the spare tree, the output before the last one. A build
//!   turns it into the new output: it removes what is no longer made,
//!   writes what changed, hard-links from the published folder what the
//!   last build changed, and swaps it with the published folder in one
//!   step. The old published folder becomes the next spare: nothing is
//!   copied, nothing deleted wholesale, and most files are shared by the
//!   two trees. It is kept only on the output's file system (else a
//!   staging folder beside the output is made, as without a cache).
//! - `previous.changing`: there while the spare is being changed; a spare
//!   found with it is not trusted, and is removed.
//! - `outlines.bin`: each page's outline, by a hash of its body, so that
//!   the resolve stage outlines only the pages whose body changed (see
//!   [`outlines`]).
//!
//! A job whose fingerprint is the recorded one is not rendered: its files
//! are taken as they are. A file is only taken when its stamp is the one
//! recorded, so a tree changed by hand is mended, never trusted. Anything
//! in doubt (a damaged manifest, another binary, another output folder)
//! makes a build from nothing, with a `build-cache-invalid` notice.

mod inputs;
mod make;
mod manifest;
pub(crate) mod outlines;
mod problem;
pub(crate) mod texts;
mod tree;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::base::diagnostics::Diagnostics;
use crate::content::Site;
use crate::error::Error;
use crate::pipeline;
use crate::render::{Contexts, Job, RenderError};
use crate::resolve::links::Links;
use crate::write::files::Copied;
use crate::write::staging::{self, OutputError, Staging};
use manifest::{Manifest, Owner};
use problem::{CacheProblem, Kind};
use tree::{Records, Stamp};

/// What writing the output did.
pub(crate) struct Written {
    /// How many HTML pages the site has.
    pub pages: usize,
    /// Findings about the cache itself (one that could not be used).
    pub notices: Diagnostics,
    /// How long each part took.
    pub laps: Vec<(&'static str, Duration)>,
}

/// Stages 4 and 5 of a build: the outputs whose inputs changed rendered,
/// every file of the new output put into a folder beside the published
/// one, which is then swapped in. `use_cache` false builds from nothing
/// (and still records the build for the next).
pub(crate) fn publish(
    site: &Site,
    links: &Links,
    today: Date,
    output: &Path,
    use_cache: bool,
    outlines: Option<&outlines::Recalled>,
) -> Result<Written, Error> {
    let mut laps = Laps::start();
    let tera = pipeline::templates(site)?;
    let history = pipeline::history(site);
    let contexts = Contexts::new(site, links, today);
    let jobs = pipeline::jobs(site, links, &contexts, &history, today)?;
    let target = staging::prepare_target(&site.root, output)?;
    let mut written = Written {
        pages: jobs.iter().filter(|j| j.is_page()).count(),
        notices: Diagnostics::new(),
        laps: Vec::new(),
    };
    let unread_outlines = outlines.and_then(|o| o.problem.as_ref());
    laps.lap("jobs");
    let Some(store) = Store::open(site, &target) else {
        written
            .notices
            .extend(problem::unread(unread_outlines, None));
        write_all(site, &jobs, &tera, &target)?;
        laps.lap("write");
        written.laps = laps.done;
        return Ok(written);
    };
    let (previous, unread_manifest) =
        match use_cache.then(|| Manifest::load(&store.manifest, &store.owner)) {
            Some(Ok(m)) => (m, None),
            Some(Err(problem)) => (None, Some(problem)),
            None => (None, None),
        };
    let unread = problem::unread(unread_outlines, unread_manifest.as_ref());
    written.notices.extend(unread);
    laps.lap("cache");
    let text_hash = outlines.map_or_else(
        || crate::render::fingerprints::text_hashes(site),
        |o| o.text_hashes(site),
    );
    let prints = inputs::fingerprints(site, links, &jobs, &history, today, text_hash);
    laps.lap("fingerprints");
    let work = Work::choose(&store, previous.as_ref(), &site.root, &target)?;
    let build = make::Build {
        site,
        jobs: &jobs,
        tera: &tera,
        prints: &prints,
        previous: previous.as_ref(),
        public: &target,
        dir: work.dir(&store),
    };
    let made = build.make(work.records(), || store.begin_changes(), &mut laps)?;
    site.bodies_as_read()?;
    let mut next = Manifest::new(store.owner.clone());
    next.jobs = made.jobs;
    next.public = made.tree;
    next.spare = work.commit(&store, &target, previous)?;
    if let Some(stamp) = Stamp::at(&target) {
        next.public.dirs.insert(String::new(), stamp);
    }
    laps.lap("swap");
    if let Err(problem) = store.save(&next) {
        written.notices.push(problem.notice());
    }
    if let Some(Err(problem)) = outlines.map(|o| o.remember(&links.outlines)) {
        written.notices.push(problem.notice());
    }
    if let Err(problem) = texts::remember(site) {
        written.notices.push(problem.notice());
    }
    laps.lap("save");
    written.laps = laps.done;
    Ok(written)
}

/// Writes every output into a staging folder and swaps it in: the way
/// without a cache (another build holds it, or the binary is unknown).
fn write_all(site: &Site, jobs: &[Job], tera: &tera::Tera, target: &Path) -> Result<(), Error> {
    let staging = Staging::new(&site.root, target)?;
    crate::render::render_jobs(jobs, tera, |_| true, &staging)?;
    site.bodies_as_read()?;
    let files = pipeline::copied_files(site, |rel| staging.path().join(rel).exists(), |_| true)?;
    for (rel, source) in &files {
        let written = match source {
            Copied::Embedded(bytes) => staging.write(rel, bytes),
            Copied::File(path) => staging.copy(rel, path),
        };
        written.map_err(|source| RenderError::Write {
            path: PathBuf::from(rel),
            source,
        })?;
    }
    staging.commit()?;
    Ok(())
}

/// The cache's folder, held by one build at a time.
struct Store {
    manifest: PathBuf,
    /// The spare tree's place.
    spare: PathBuf,
    /// There while the spare is being changed.
    marker: PathBuf,
    owner: Owner,
    /// Whether the spare is on the output's file system, so that the two
    /// can be swapped.
    keeps_spare: bool,
    /// Held (locked) until the build ends.
    _lock: File,
}

impl Store {
    /// The cache of the site, unless another build is using it, the
    /// binary cannot be told, or the output is inside the cache.
    fn open(site: &Site, target: &Path) -> Option<Store> {
        let binary = inputs::binary()?;
        let root = crate::base::paths::absolute(&site.root);
        let dir = root.join(crate::layout::BUILD_CACHE);
        if target.starts_with(&dir) || dir.starts_with(target) {
            return None;
        }
        std::fs::create_dir_all(&dir).ok()?;
        let lock = File::create(dir.join("lock")).ok()?;
        lock.try_lock().ok()?;
        let keeps_spare = target
            .parent()
            .is_some_and(|p| inputs::same_file_system(&dir, p));
        let shared = site
            .shared
            .as_ref()
            .map(|s| crate::base::paths::absolute(&s.root));
        Some(Store {
            manifest: dir.join("manifest.json"),
            spare: dir.join("previous"),
            marker: dir.join("previous.changing"),
            owner: Owner {
                binary,
                root: root.to_string_lossy().into_owned(),
                shared: shared.map(|s| s.to_string_lossy().into_owned()),
                output: target.to_string_lossy().into_owned(),
            },
            keeps_spare,
            _lock: lock,
        })
    }

    /// Marks the spare as being changed, before it is.
    fn begin_changes(&self) -> std::io::Result<()> {
        File::create(&self.marker).map(drop)
    }

    /// Writes the manifest; only then is the spare trusted again.
    fn save(&self, manifest: &Manifest) -> Result<(), CacheProblem> {
        manifest.save(&self.manifest)?;
        match std::fs::remove_file(&self.marker) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(problem::MANIFEST.problem(Kind::Write(e)))
            }
            _ => Ok(()),
        }
    }
}

/// The folder this build is made in.
enum Work {
    /// The spare tree, as recorded, made into this build's output.
    Spare(Records),
    /// A new folder in the spare's place.
    Fresh,
    /// A staging folder beside the output, on another file system than
    /// the cache.
    Staging(Staging),
}

impl Work {
    fn choose(
        store: &Store,
        previous: Option<&Manifest>,
        site_root: &Path,
        target: &Path,
    ) -> Result<Work, Error> {
        if !store.keeps_spare {
            return Ok(Work::Staging(Staging::new(site_root, target)?));
        }
        let is_dir = std::fs::symlink_metadata(&store.spare).is_ok_and(|m| m.is_dir());
        let records = previous.and_then(|m| m.spare.clone());
        match records {
            Some(records) if is_dir && !store.marker.exists() => Ok(Work::Spare(records)),
            // Whatever is there is not known: it goes.
            _ => {
                tree::remove_any(&store.spare).map_err(|source| OutputError::Io {
                    path: store.spare.clone(),
                    source,
                })?;
                Ok(Work::Fresh)
            }
        }
    }

    fn dir<'a>(&'a self, store: &'a Store) -> &'a Path {
        match self {
            Work::Staging(staging) => staging.path(),
            _ => &store.spare,
        }
    }

    /// What is recorded of the folder: nothing unless it is the spare.
    fn records(&self) -> Option<&Records> {
        match self {
            Work::Spare(records) => Some(records),
            _ => None,
        }
    }

    /// Swaps the new output in. The old one is kept as the spare when its
    /// files are known (the last build's), and removed otherwise; returns
    /// the spare's records.
    fn commit(
        self,
        store: &Store,
        target: &Path,
        previous: Option<Manifest>,
    ) -> Result<Option<Records>, OutputError> {
        let staging = match self {
            Work::Staging(staging) => return staging.commit().map(|()| None),
            _ => &store.spare,
        };
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Io { path, source }
        };
        let Some(old) = staging::swap_in(staging, target)? else {
            return Ok(None);
        };
        match previous {
            Some(previous) => {
                if old != store.spare {
                    std::fs::rename(&old, &store.spare).map_err(io(&old))?;
                }
                Ok(Some(previous.public))
            }
            None => {
                tree::remove_any(&old).map_err(io(&old))?;
                Ok(None)
            }
        }
    }
}

/// A lap timer: each lap is the time since the last.
struct Laps {
    start: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            start: Instant::now(),
            done: Vec::new(),
        }
    }

    fn lap(&mut self, label: &'static str) {
        self.done.push((label, self.start.elapsed()));
        self.start = Instant::now();
    }
}
