//! A site built again and again with its build cache, each build checked
//! against a build from nothing: change files between builds and assert,
//! so that a test reads as its scenario.
//!
//! ```ignore
//! CachedSite::generated(60)
//!     .build()
//!     .edit("charter.toml", |t| t.replace("Academy", "College"))
//!     .assert_same_as_cold("the title in charter.toml");
//! ```

use std::ops::Deref;

use super::{Run, Site, TODAY};

/// Every file of a published folder, with its bytes.
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// A site in a temporary folder, and the day its builds are made on.
pub(crate) struct CachedSite {
    site: Site,
    today: String,
}

impl Deref for CachedSite {
    type Target = Site;

    fn deref(&self) -> &Site {
        &self.site
    }
}

impl CachedSite {
    /// `site`, built on [`TODAY`].
    pub(crate) fn of(site: Site) -> CachedSite {
        CachedSite {
            site,
            today: TODAY.to_string(),
        }
    }

    /// A copy of the repository's example school.
    pub(crate) fn example() -> CachedSite {
        CachedSite::of(Site::example())
    }

    /// A generated site of `policies` policies (see `generated::policies`).
    pub(crate) fn generated(policies: usize) -> CachedSite {
        let site = Site::empty();
        super::generated::policies(&site, policies);
        CachedSite::of(site)
    }

    /// The builds from now on are made on `day` (`--today`).
    pub(crate) fn on(&mut self, day: &str) -> &mut Self {
        self.today = day.to_string();
        self
    }

    /// Builds the site with its cache; the build must succeed.
    pub(crate) fn build(&mut self) -> &mut Self {
        self.run_build();
        self
    }

    /// Builds the site with its cache, and returns what it printed; the
    /// build must succeed.
    pub(crate) fn run_build(&self) -> Run {
        let run = self.run_build_maybe_refused();
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    }

    /// Builds the site with its cache, and asserts it set aside the cache
    /// file the notice names (`about`: "the cache of the last build", "the
    /// page outlines of the last build") for the reason `says`.
    #[track_caller]
    pub(crate) fn assert_build_sets_aside(&self, about: &str, says: &str, what: &str) -> Run {
        let warm = self.run_build();
        assert!(
            warm.stderr
                .contains(&format!("notice[build-cache-invalid]: {about}"))
                && warm.stderr.contains(says),
            "{what}: {}",
            warm.stderr
        );
        warm
    }

    fn run_build_maybe_refused(&self) -> Run {
        self.run(&["build", "--today", &self.today])
    }

    pub(crate) fn write(&mut self, rel: &str, text: impl AsRef<[u8]>) -> &mut Self {
        self.site.write(rel, text);
        self
    }

    /// Rewrites `rel` with `change`, which must change it.
    pub(crate) fn edit(&mut self, rel: &str, change: impl FnOnce(&str) -> String) -> &mut Self {
        let text = self.read(rel);
        let changed = change(&text);
        assert_ne!(changed, text, "{rel} is as it was");
        self.write(rel, changed)
    }

    /// Replaces the first `from` of `rel` with `to`; `rel` must have one.
    pub(crate) fn replace(&mut self, rel: &str, from: &str, to: &str) -> &mut Self {
        self.edit(rel, |text| {
            assert!(text.contains(from), "{rel} has no `{from}`");
            text.replacen(from, to, 1)
        })
    }

    pub(crate) fn rename(&mut self, from: &str, to: &str) -> &mut Self {
        std::fs::rename(self.path().join(from), self.path().join(to)).unwrap();
        self
    }

    /// Removes the file or the folder `rel`.
    pub(crate) fn remove(&mut self, rel: &str) -> &mut Self {
        let path = self.path().join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Whether `rel` is a file.
    pub(crate) fn has_file(&self, rel: &str) -> bool {
        self.path().join(rel).is_file()
    }

    /// Whether there is anything at `rel`.
    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }

    /// Builds the site with its cache, and checks the files published, the
    /// findings and the summary line against a build from nothing.
    #[track_caller]
    pub(crate) fn assert_same_as_cold(&mut self, what: &str) -> &mut Self {
        let warm = self.run_build();
        let cold = self.assert_public_same_as_cold(what);
        assert_eq!(warm.stderr, cold.stderr, "{what}: the findings");
        assert_eq!(published(&warm), published(&cold), "{what}");
        self
    }

    /// Checks the published folder as it is against a build from nothing,
    /// and returns what that build printed.
    #[track_caller]
    pub(crate) fn assert_public_same_as_cold(&self, what: &str) -> Run {
        let (expected, cold) = self.cold();
        assert_eq!(cold.code, 0, "{}", cold.stderr);
        let got = self.snapshot("public");
        let names =
            |files: &Files| -> Vec<String> { files.iter().map(|(n, _)| n.clone()).collect() };
        assert_eq!(names(&got), names(&expected), "{what}: the files published");
        let differing: Vec<&String> = got
            .iter()
            .zip(&expected)
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, _)| &a.0)
            .collect();
        assert!(
            differing.is_empty(),
            "{what}: these files differ from a build from nothing: {differing:?}"
        );
        cold
    }

    /// Builds the site with its cache (the build may be refused), and
    /// checks its exit code and findings against a build from nothing.
    #[track_caller]
    pub(crate) fn assert_same_findings_as_cold(&self, what: &str) -> Run {
        let warm = self.run_build_maybe_refused();
        let (_, cold) = self.cold();
        assert_eq!(warm.code, cold.code, "{what}: {}", warm.stderr);
        assert_eq!(warm.stderr, cold.stderr, "{what}: the findings");
        warm
    }

    /// The site built from nothing (`--no-cache`, in a copy of its folder
    /// without `public/` and the cache): the output, and what was printed.
    /// The build may be refused.
    pub(crate) fn cold(&self) -> (Files, Run) {
        let copy = Site::empty();
        for entry in std::fs::read_dir(self.path()).unwrap().map(Result::unwrap) {
            let name = entry.file_name();
            if name == "public" || name == ".charter-cache" {
                continue;
            }
            let to = copy.path().join(&name);
            if entry.file_type().unwrap().is_dir() {
                super::copy_dir(&entry.path(), &to);
            } else {
                std::fs::copy(entry.path(), to).unwrap();
            }
        }
        let run = copy.run(&["build", "--no-cache", "--today", &self.today]);
        (copy.snapshot("public"), run)
    }
}

/// "Published 104 pages into ./public in 0.31 s." without the time.
fn published(run: &Run) -> String {
    run.stdout
        .lines()
        .map(|l| l.rsplit_once(" in ").map_or(l, |(before, _)| before))
        .collect::<Vec<_>>()
        .join("\n")
}
