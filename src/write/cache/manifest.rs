//! The cache's record of the last build (`.charter-cache/build/manifest.json`):
//! which binary made it, for which site and output folder; each render
//! job's fingerprint and files; and the files and folders of the published
//! tree and of the spare one. Written whole to a temporary file and
//! renamed over the old one, so an interrupted build never leaves half of
//! it.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::problem::{CacheProblem, Kind, MANIFEST};
use super::tree::Records;

/// The version of the file's layout; a file of another version is ignored.
const VERSION: u32 = 1;

/// Whom a cache belongs to: the binary that made it (its version, size and
/// modification time: hashes are only the same in one binary), the site's
/// folder, its trust's folder, and the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Owner {
    pub binary: String,
    pub root: String,
    pub shared: Option<String>,
    pub output: String,
}

/// What the last build made of one render job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct JobRecord {
    /// The job's fingerprint (see `render::fingerprints`).
    pub fingerprint: u64,
    /// The files it wrote, when not just its output (the search index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
}

impl JobRecord {
    /// The files the job wrote.
    pub(crate) fn files<'a>(&'a self, output: &'a str) -> Vec<&'a str> {
        match &self.files {
            Some(files) => files.iter().map(String::as_str).collect(),
            None => vec![output],
        }
    }
}

/// The last build, as the cache remembers it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub version: u32,
    pub owner: Owner,
    /// Each job's record, by its output path.
    pub jobs: BTreeMap<String, JobRecord>,
    /// The published tree.
    pub public: Records,
    /// The spare tree (the output before the last), when one is kept.
    pub spare: Option<Records>,
}

/// Just the version, to tell an old layout from a damaged file.
#[derive(Deserialize)]
struct Version {
    version: u32,
}

impl Manifest {
    pub(crate) fn new(owner: Owner) -> Manifest {
        Manifest {
            version: VERSION,
            owner,
            jobs: BTreeMap::new(),
            public: Records::default(),
            spare: None,
        }
    }

    /// Reads the manifest at `path`, if it is there and is `owner`'s.
    pub(crate) fn load(path: &Path, owner: &Owner) -> Result<Option<Manifest>, CacheProblem> {
        Manifest::read(path, owner).map_err(|kind| MANIFEST.problem(kind))
    }

    fn read(path: &Path, owner: &Owner) -> Result<Option<Manifest>, Kind> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Kind::Read(e)),
        };
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            match serde_json::from_slice::<Version>(&bytes) {
                Ok(v) if v.version != VERSION => Kind::Version(v.version),
                _ => damaged(e),
            }
        })?;
        if manifest.version != VERSION {
            return Err(Kind::Version(manifest.version));
        }
        let theirs = &manifest.owner;
        if theirs.binary != owner.binary {
            return Err(Kind::Binary);
        }
        if (&theirs.root, &theirs.shared) != (&owner.root, &owner.shared) {
            return Err(Kind::Site(theirs.root.clone()));
        }
        if theirs.output != owner.output {
            return Err(Kind::Output(theirs.output.clone()));
        }
        manifest.check_paths()?;
        Ok(Some(manifest))
    }

    /// Every path must lead inside its tree: files are removed and linked
    /// by these paths.
    fn check_paths(&self) -> Result<(), Kind> {
        let trees = std::iter::once(&self.public).chain(&self.spare);
        let files = self.jobs.iter().flat_map(|(o, j)| j.files(o));
        let recorded = trees.flat_map(|t| {
            t.files
                .keys()
                .map(String::as_str)
                .chain(t.dirs.keys().map(String::as_str).filter(|d| !d.is_empty()))
        });
        for rel in files.chain(recorded) {
            let plain = Path::new(rel)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if rel.is_empty() || !plain || rel.contains('\\') {
                return Err(Kind::Path(rel.to_string()));
            }
        }
        Ok(())
    }

    /// Writes the manifest to `path`: to a temporary file beside it, then
    /// renamed over it.
    pub(crate) fn save(&self, path: &Path) -> Result<(), CacheProblem> {
        let unwritten = |e| MANIFEST.problem(Kind::Write(e));
        let bytes = serde_json::to_vec(self).map_err(|e| unwritten(e.into()))?;
        let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                unwritten(e)
            })
    }
}

/// A manifest that is not JSON of its shape, with where it stops being so.
fn damaged(e: serde_json::Error) -> Kind {
    let at = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
    Kind::Damaged {
        source: Box::new(e),
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner() -> Owner {
        Owner {
            binary: "0.1.0 1 2.3".into(),
            root: "/site".into(),
            shared: None,
            output: "/site/public".into(),
        }
    }

    #[test]
    fn only_its_owner_reads_a_manifest() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("manifest.json");
        assert!(matches!(Manifest::load(&path, &owner()), Ok(None)));
        Manifest::new(owner()).save(&path).unwrap();
        assert!(matches!(Manifest::load(&path, &owner()), Ok(Some(_))));
        let other = Owner {
            output: "/elsewhere".into(),
            ..owner()
        };
        assert!(
            matches!(Manifest::load(&path, &other), Err(CacheProblem { kind: Kind::Output(o), .. }) if o == "/site/public")
        );
        let newer = Owner {
            binary: "0.1.0 1 2.4".into(),
            ..owner()
        };
        assert!(matches!(
            Manifest::load(&path, &newer),
            Err(CacheProblem {
                kind: Kind::Binary,
                ..
            })
        ));
    }

    #[test]
    fn damaged_and_foreign_manifests_are_told_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("manifest.json");
        std::fs::write(&path, "{\"version\": 1, \"owner\"").unwrap();
        assert!(matches!(
            Manifest::load(&path, &owner()),
            Err(CacheProblem {
                kind: Kind::Damaged { .. },
                ..
            })
        ));
        std::fs::write(&path, "{\"version\": 99, \"something\": []}").unwrap();
        assert!(matches!(
            Manifest::load(&path, &owner()),
            Err(CacheProblem {
                kind: Kind::Version(99),
                ..
            })
        ));
        let mut escaping = Manifest::new(owner());
        escaping.public.files.insert(
            "../../outside".into(),
            super::super::tree::FileRecord(0, Default::default()),
        );
        escaping.save(&path).unwrap();
        assert!(matches!(
            Manifest::load(&path, &owner()),
            Err(CacheProblem {
                kind: Kind::Path(_),
                ..
            })
        ));
    }
}
