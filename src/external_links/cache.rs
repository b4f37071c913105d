//! The results of earlier checks, kept in the site at
//! `.charter-cache/external-links.json`, so that a second run within their
//! lifetime sends no request. Each entry records when it was checked (the
//! real clock, in seconds since 1970, never `--today`); how long it stays
//! fresh is decided when it is read, from the lifetimes in `charter.toml`:
//! one for links that work, a shorter one for failures.
//!
//! A cache that cannot be read or parsed is discarded (the caller reports
//! it as a notice) and every link is checked afresh. The file is written
//! whole to a temporary file beside it and renamed over the old one, so an
//! interrupted run never leaves half a file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::policy::Outcome;

/// Where the cache lives, relative to the site root.
pub(crate) use crate::layout::EXTERNAL_LINKS_CACHE as CACHE_FILE;

/// The version of the file's layout; a file of another version is discarded.
const VERSION: u32 = 1;

/// Why the cache could not be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CacheError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid cache file: {source}")]
    Corrupt {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path} was written by another version of Charter (cache version {found})")]
    Version { path: PathBuf, found: u32 },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl CacheError {
    /// Line and column (from 1) of a parse error, when known.
    pub(crate) fn position(&self) -> Option<(usize, usize)> {
        match self {
            CacheError::Corrupt { source, .. } if source.line() > 0 => {
                Some((source.line(), source.column().max(1)))
            }
            _ => None,
        }
    }
}

/// How long results stay fresh.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lifetimes {
    pub good: Duration,
    pub failed: Duration,
}

impl Lifetimes {
    fn of(&self, outcome: &Outcome) -> Duration {
        if outcome.is_failure() {
            self.failed
        } else {
            self.good
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// When it was checked: seconds since 1970-01-01 UTC.
    pub checked: u64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    links: BTreeMap<String, Entry>,
}

/// The cache in memory.
#[derive(Debug)]
pub(crate) struct Cache {
    path: PathBuf,
    links: BTreeMap<String, Entry>,
}

/// Seconds since 1970 by the real clock.
pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// An empty cache that will be written to `path`.
    pub(crate) fn empty(path: impl Into<PathBuf>) -> Cache {
        Cache {
            path: path.into(),
            links: BTreeMap::new(),
        }
    }

    /// Reads the cache at `path`. No file is an empty cache; a file that
    /// cannot be used is an empty cache and the reason.
    pub(crate) fn load(path: impl Into<PathBuf>) -> (Cache, Option<CacheError>) {
        let path = path.into();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Cache::empty(path), None);
            }
            Err(source) => {
                let err = CacheError::Read {
                    path: path.clone(),
                    source,
                };
                return (Cache::empty(path), Some(err));
            }
        };
        match serde_json::from_slice::<File>(&bytes) {
            Ok(file) if file.version == VERSION => (
                Cache {
                    path,
                    links: file.links,
                },
                None,
            ),
            Ok(file) => {
                let err = CacheError::Version {
                    path: path.clone(),
                    found: file.version,
                };
                (Cache::empty(path), Some(err))
            }
            Err(source) => {
                let err = CacheError::Corrupt {
                    path: path.clone(),
                    source,
                };
                (Cache::empty(path), Some(err))
            }
        }
    }

    /// The outcome for `url` if it was checked within its lifetime.
    pub(crate) fn fresh(&self, url: &str, now: u64, lifetimes: &Lifetimes) -> Option<&Outcome> {
        let entry = self.links.get(url)?;
        is_fresh(entry, now, lifetimes).then_some(&entry.outcome)
    }

    pub(crate) fn insert(&mut self, url: String, outcome: Outcome, now: u64) {
        self.links.insert(
            url,
            Entry {
                checked: now,
                outcome,
            },
        );
    }

    /// Writes the cache, leaving out entries past their lifetime. Entries
    /// for links the site no longer has are kept while fresh: another
    /// branch of the site may still have them.
    pub(crate) fn save(&self, now: u64, lifetimes: &Lifetimes) -> Result<(), CacheError> {
        let file = File {
            version: VERSION,
            links: self
                .links
                .iter()
                .filter(|(_, e)| is_fresh(e, now, lifetimes))
                .map(|(k, e)| (k.clone(), e.clone()))
                .collect(),
        };
        let write_err = |source| CacheError::Write {
            path: self.path.clone(),
            source,
        };
        let text =
            serde_json::to_vec_pretty(&file).map_err(|e| write_err(std::io::Error::other(e)))?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(write_err)?;
        let name = self
            .path
            .file_name()
            .map_or_else(|| "cache".into(), |n| n.to_string_lossy().into_owned());
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&temp).and_then(|mut f| {
            f.write_all(&text)?;
            f.write_all(b"\n")?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&temp, &self.path)) {
            let _ = std::fs::remove_file(&temp);
            return Err(write_err(e));
        }
        Ok(())
    }
}

fn is_fresh(entry: &Entry, now: u64, lifetimes: &Lifetimes) -> bool {
    // An entry from the future (a clock set back) is not trusted.
    entry.checked <= now && Duration::from_secs(now - entry.checked) < lifetimes.of(&entry.outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    fn lifetimes() -> Lifetimes {
        Lifetimes {
            good: Duration::from_secs(7 * DAY),
            failed: Duration::from_secs(DAY),
        }
    }

    fn dead() -> Outcome {
        Outcome::Dead {
            status: Some(404),
            reason: "gone".into(),
        }
    }

    #[test]
    fn entries_stay_fresh_for_their_lifetime() {
        let mut c = Cache::empty("/x");
        let t = 1_000_000_000;
        c.insert("https://ok.org/".into(), Outcome::Ok { status: 200 }, t);
        c.insert("https://gone.org/".into(), dead(), t);
        let l = lifetimes();
        assert!(c.fresh("https://ok.org/", t + 6 * DAY, &l).is_some());
        assert!(c.fresh("https://ok.org/", t + 7 * DAY, &l).is_none());
        assert!(c.fresh("https://gone.org/", t + DAY - 1, &l).is_some());
        assert!(c.fresh("https://gone.org/", t + DAY, &l).is_none());
        assert!(c.fresh("https://ok.org/", t - 10, &l).is_none());
        assert!(c.fresh("https://other.org/", t, &l).is_none());
    }

    #[test]
    fn saved_caches_load_again_without_stale_entries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CACHE_FILE);
        let t = now();
        let mut c = Cache::empty(&path);
        c.insert("https://ok.org/".into(), Outcome::Ok { status: 200 }, t);
        c.insert("https://old.org/".into(), dead(), t - 2 * DAY);
        c.save(t, &lifetimes()).unwrap();
        let (loaded, err) = Cache::load(&path);
        assert!(err.is_none(), "{err:?}");
        assert!(loaded.fresh("https://ok.org/", t, &lifetimes()).is_some());
        assert!(!loaded.links.contains_key("https://old.org/"));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["external-links.json"]);
    }

    #[test]
    fn unusable_files_are_discarded_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        let (c, err) = Cache::load(&path);
        assert!(err.is_none() && c.links.is_empty());
        std::fs::write(&path, "{\"version\": 1,\n \"links\": [oops").unwrap();
        let (c, err) = Cache::load(&path);
        assert!(c.links.is_empty());
        let err = err.unwrap();
        assert!(matches!(err, CacheError::Corrupt { .. }));
        assert_eq!(err.position().map(|p| p.0), Some(2));
        std::fs::write(&path, "{\"version\": 99, \"links\": {}}").unwrap();
        assert!(matches!(
            Cache::load(&path).1,
            Some(CacheError::Version { .. })
        ));
        // A folder where the file should be cannot be read.
        let folder = dir.path().join("folder.json");
        std::fs::create_dir(&folder).unwrap();
        assert!(matches!(
            Cache::load(&folder).1,
            Some(CacheError::Read { .. })
        ));
    }
}
