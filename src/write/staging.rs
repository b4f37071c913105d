//! Atomic output: a build writes into a staging folder beside the target
//! and swaps it in only when everything succeeded, so a failed or
//! interrupted build leaves the previous `public/` exactly as it was.

use std::io;
use std::path::{Path, PathBuf};

/// Why an output folder was refused or could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into {0}: it holds the site's own files")]
    Dangerous(PathBuf),
    #[error("cannot prepare the output folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// A folder being filled by a build. Dropped without `commit`, it is removed.
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for `target`, refusing targets that would
    /// replace the site's sources (see [`prepare_target`]).
    pub(crate) fn new(site_root: &Path, target: &Path) -> Result<Staging, OutputError> {
        let target = prepare_target(site_root, target)?;
        let parent = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|source| OutputError::Io {
                path: dir.clone(),
                source,
            })?;
        }
        std::fs::create_dir(&dir).map_err(|source| OutputError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(Staging {
            dir,
            target,
            committed: false,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, creating its folders. Safe to call from many threads.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.resolve(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    pub(crate) fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let path = self.resolve(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    fn resolve(&self, rel: &str) -> io::Result<PathBuf> {
        inside(&self.dir, rel)
    }

    /// Puts the staged site in place of the target, and removes the
    /// previous one.
    pub(crate) fn commit(mut self) -> Result<(), OutputError> {
        let old = swap_in(&self.dir, &self.target)?;
        self.committed = true;
        if let Some(old) = old {
            std::fs::remove_dir_all(&old)
                .map_err(|source| OutputError::Io { path: old, source })?;
        }
        Ok(())
    }
}

/// The absolute path of an output folder, with its parent folder made,
/// unless it would replace the site's sources (the site root, a folder
/// above it, or one of its source folders).
pub(crate) fn prepare_target(site_root: &Path, target: &Path) -> Result<PathBuf, OutputError> {
    let target = crate::base::paths::absolute(target);
    let root = crate::base::paths::absolute(site_root);
    let protected = crate::layout::PROTECTED_DIRS.map(|d| root.join(d));
    if root.starts_with(&target) || protected.iter().any(|p| target.starts_with(p)) {
        return Err(OutputError::Dangerous(target));
    }
    let parent = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent).map_err(|source| OutputError::Io {
        path: parent.clone(),
        source,
    })?;
    Ok(target)
}

/// Puts the folder `dir` in place of `target`, in one step where the
/// system allows it. Returns where the previous target now is (to be
/// removed or kept), if there was one.
pub(crate) fn swap_in(dir: &Path, target: &Path) -> Result<Option<PathBuf>, OutputError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    if !target.exists() {
        std::fs::rename(dir, target).map_err(io_err(target))?;
        return Ok(None);
    }
    if exchange(dir, target).is_ok() {
        // The old site is now where `dir` was.
        return Ok(Some(dir.to_path_buf()));
    }
    let old = dir.with_extension("old");
    std::fs::rename(target, &old).map_err(io_err(target))?;
    std::fs::rename(dir, target).map_err(io_err(target))?;
    Ok(Some(old))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `rel` under `dir`. Output paths come from file names; none may climb
/// out of the folder.
pub(crate) fn inside(dir: &Path, rel: &str) -> io::Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel_path
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{rel}` is not a path inside the output folder"),
        ));
    }
    Ok(dir.join(rel_path))
}

/// Swaps two paths in one step where the system allows it (Linux).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

impl crate::render::Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let s = Staging::new(tmp.path(), &target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        drop(s);
        assert_eq!(
            std::fs::read_to_string(target.join("old.html")).unwrap(),
            "old"
        );
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging folder removed"
        );

        let s = Staging::new(tmp.path(), &target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_to_overwrite_sources() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("content")).unwrap();
        assert!(matches!(
            Staging::new(tmp.path(), tmp.path()),
            Err(OutputError::Dangerous(_))
        ));
        assert!(matches!(
            Staging::new(tmp.path(), &tmp.path().join("content")),
            Err(OutputError::Dangerous(_))
        ));
        assert!(matches!(
            Staging::new(&tmp.path().join("x"), tmp.path()),
            Err(OutputError::Dangerous(_))
        ));
    }

    #[test]
    fn paths_cannot_escape() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(tmp.path(), &tmp.path().join("public")).unwrap();
        assert!(s.write("../evil", b"x").is_err());
        assert!(s.write("/etc/x", b"x").is_err());
    }
}
