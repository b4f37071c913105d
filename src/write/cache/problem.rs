//! Why a file of the build cache (the manifest, or the pages' outlines)
//! was not used, or not written, and the `build-cache-invalid` notice that
//! says so. The two files fail in the same ways; what differs is what the
//! build does without one, which [`CacheFile`] holds as data.

use std::io;

use crate::base::diagnostics::{Code, Diagnostic};

/// A file of the cache, and what a build does without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CacheFile {
    /// Where it is, relative to the site root.
    pub path: &'static str,
    /// What the notice calls it.
    name: &'static str,
    /// What this build does instead of using it.
    instead: &'static str,
    /// What the next build does when it could not be written.
    unwritten: &'static str,
}

/// The record of the last build (see `manifest`).
pub(crate) const MANIFEST: CacheFile = CacheFile {
    path: ".charter-cache/build/manifest.json",
    name: "the cache of the last build",
    instead: "this build starts from nothing; the next build uses the new cache",
    unwritten: "the next build will start from nothing too",
};

/// The pages' outlines (see `outlines`).
pub(crate) const OUTLINES: CacheFile = CacheFile {
    path: ".charter-cache/build/outlines.bin",
    name: "the page outlines of the last build",
    instead: "this build outlines every page again; the next build uses the new file",
    unwritten: "the next build outlines every page again too",
};

/// What the last build knew of its pages' files (see `texts`).
pub(crate) const TEXTS: CacheFile = CacheFile {
    path: ".charter-cache/build/texts.bin",
    name: "the record of the last build's page files",
    instead: "this build reads every page whole; the next build uses the new file",
    unwritten: "the next build reads every page whole too",
};

/// What this build does when both files were made by another Charter.
const BOTH_INSTEAD: &str = "this build starts from nothing and outlines every page again; the next build uses the new cache";

/// Why one file of the cache was not used, or not written.
#[derive(Debug, thiserror::Error)]
#[error("{} {kind}", file.name)]
pub(crate) struct CacheProblem {
    pub file: CacheFile,
    pub kind: Kind,
}

/// What was wrong with the file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Kind {
    #[error("cannot be read: {0}")]
    Read(io::Error),
    /// At a line and column of the file, when known (JSON).
    #[error("is damaged: {source}")]
    Damaged {
        source: Box<dyn std::error::Error + Send + Sync>,
        at: Option<(usize, usize)>,
    },
    #[error("is damaged: it names `{0}`, which is not a path inside the output folder")]
    Path(String),
    #[error("was written by another version of Charter (cache version {0})")]
    Version(u32),
    #[error(
        "was made by another charter program (another version, or the same one compiled again)"
    )]
    Binary,
    #[error("was made for the site in another folder ({0})")]
    Site(String),
    #[error("was made for another output folder ({0})")]
    Output(String),
    #[error("cannot be written: {0}")]
    Write(io::Error),
}

impl Kind {
    /// A damaged file's problem, for `why`.
    pub(crate) fn damaged(why: impl Into<String>) -> Kind {
        Kind::Damaged {
            source: why.into().into(),
            at: None,
        }
    }
}

impl CacheFile {
    /// This file's problem of kind `kind`.
    pub(crate) fn problem(self, kind: Kind) -> CacheProblem {
        CacheProblem { file: self, kind }
    }
}

impl CacheProblem {
    /// Whether the file was made by another Charter (another binary, or
    /// another layout, which comes with one).
    pub(crate) fn foreign(&self) -> bool {
        matches!(self.kind, Kind::Version(_) | Kind::Binary)
    }

    /// The notice that says so.
    pub(crate) fn notice(&self) -> Diagnostic {
        let hint = match self.kind {
            Kind::Write(_) => format!(
                "{}: check that the site's folder can be written",
                self.file.unwritten
            ),
            _ => format!("it is set aside and {}", self.file.instead),
        };
        self.notice_with(hint)
    }

    fn notice_with(&self, hint: String) -> Diagnostic {
        let mut d = Diagnostic::file(
            Code::BuildCacheInvalid,
            self.file.path,
            self.to_string(),
            hint,
        );
        if let Kind::Damaged {
            at: Some((line, column)),
            ..
        } = self.kind
        {
            d.line = line;
            d.column = column;
        }
        d
    }
}

/// The notices for the files of the cache this build could not read: the
/// outlines' and the manifest's, or one for both when another Charter
/// made them (a new binary sets both aside, and says so once).
pub(crate) fn unread(
    outlines: Option<&CacheProblem>,
    manifest: Option<&CacheProblem>,
) -> Vec<Diagnostic> {
    match (outlines, manifest) {
        (Some(o), Some(m)) if o.foreign() && m.foreign() => vec![m.notice_with(format!(
            "it is set aside, with the page outlines, and {BOTH_INSTEAD}"
        ))],
        _ => outlines
            .into_iter()
            .chain(manifest)
            .map(CacheProblem::notice)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(notices: &[Diagnostic]) -> Vec<(&str, &str, &str)> {
        notices
            .iter()
            .map(|d| (d.file.as_str(), d.message.as_str(), d.hint.as_str()))
            .collect()
    }

    #[test]
    fn a_new_binary_is_one_notice_for_both_files() {
        let outlines = OUTLINES.problem(Kind::Binary);
        let manifest = MANIFEST.problem(Kind::Binary);
        assert_eq!(
            messages(&unread(Some(&outlines), Some(&manifest))),
            [(
                ".charter-cache/build/manifest.json",
                "the cache of the last build was made by another charter program (another version, or the same one compiled again)",
                "it is set aside, with the page outlines, and this build starts from nothing and outlines every page again; the next build uses the new cache",
            )]
        );
        // A new layout of one file comes with a new binary.
        let older = MANIFEST.problem(Kind::Version(1));
        assert_eq!(unread(Some(&outlines), Some(&older)).len(), 1);
    }

    #[test]
    fn other_problems_are_one_notice_each() {
        let damaged = OUTLINES.problem(Kind::damaged("it does not start as such a file does"));
        assert_eq!(
            messages(&unread(Some(&damaged), None)),
            [(
                ".charter-cache/build/outlines.bin",
                "the page outlines of the last build is damaged: it does not start as such a file does",
                "it is set aside and this build outlines every page again; the next build uses the new file",
            )]
        );
        let binary = MANIFEST.problem(Kind::Binary);
        assert_eq!(unread(Some(&damaged), Some(&binary)).len(), 2);
        let elsewhere = MANIFEST.problem(Kind::Output("/public".into()));
        let foreign = OUTLINES.problem(Kind::Binary);
        assert_eq!(unread(Some(&foreign), Some(&elsewhere)).len(), 2);
        assert_eq!(unread(None, Some(&binary)).len(), 1);
        let unwritten = MANIFEST.problem(Kind::Write(io::Error::other("full")));
        assert_eq!(
            unwritten.notice().hint,
            "the next build will start from nothing too: check that the site's folder can be written"
        );
    }
}
