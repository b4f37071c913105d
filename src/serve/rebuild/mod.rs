//! Rebuilding after a change, doing only the work the change calls for.
//!
//! **Reading.** An edited Markdown file is read again on its own; the other
//! pages are kept as they were. A file created or removed makes the whole
//! of `content/` and `agreements/` be read again. Outlines (headings, links)
//! are kept for every page whose text did not change, so resolving the
//! site's links again costs little. A change to `charter.toml`,
//! `guidance.toml` or `themes/` starts everything afresh.
//!
//! **Checking.** Findings are kept per file. The checks run again on the
//! edited pages only (on every page when agreements, the day, or the set of
//! files changed); link resolution runs on the whole site, so a link
//! elsewhere that an edit broke is found too.
//!
//! **Rendering.** Every render job declares what its template sees
//! ([`Deps`]). From that, each job gets a *fingerprint*: a hash of
//! everything its context is made from (see
//! [`crate::render::fingerprints::Fingerprints`]). A job is
//! rendered again only when its fingerprint differs from the one it had at
//! the last publish, and its file is written only when the rendered bytes
//! differ from what is being served. A page edit thus re-renders that page,
//! plus (when its title, summary or other front matter changed) the
//! indexes that list it, the pages that name it as related or referenced
//! by, and the home page; a change that every page shows (the day, the
//! footer's pages, the logo, configuration, templates) re-renders all.

mod publish;
mod state;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::source::SourceFile;
use crate::layout;
use publish::Published;
use state::State;

/// How long each phase of a rebuild took (`CHARTER_SERVE_TIMINGS=1`).
#[derive(Debug, Default)]
pub(crate) struct Laps {
    /// When the current phase began.
    start: Option<Instant>,
    done: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn begin(&mut self, at: Instant) {
        self.start = Some(at);
        self.done.clear();
    }

    /// Ends a phase of the rebuild in progress.
    fn lap(&mut self, label: &'static str) {
        let now = Instant::now();
        if let Some(start) = self.start {
            self.done.push((label, now - start));
        }
        self.start = Some(now);
    }
}

impl std::fmt::Display for Laps {
    /// The phases of the last rebuild, e.g. "read 1.0 ms, resolve 12.0 ms".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let phases: Vec<String> = self
            .done
            .iter()
            .map(|(label, d)| format!("{label} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        f.write_str(&phases.join(", "))
    }
}

/// Why a rebuild published nothing.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Errors in the content: the site was not published. `shown` are the
    /// findings worth printing (see [`Report::diagnostics`]).
    Refused {
        all: Diagnostics,
        shown: Diagnostics,
    },
    /// The site could not be built at all: a broken `charter.toml` or
    /// `guidance.toml`, a wrong template, an output that cannot be written.
    Broken(crate::Error),
    /// Charter itself failed (a bug, not the site's fault).
    Crashed,
}

impl<E: Into<crate::Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::Broken(e.into())
    }
}

/// What a rebuild did.
#[derive(Debug)]
pub(crate) struct Report {
    /// Everything was rendered (first build, configuration or theme change).
    pub full: bool,
    /// HTML pages rendered in this rebuild.
    pub rendered: usize,
    /// HTML pages the site has.
    pub total: usize,
    /// The outputs rendered, when not all were.
    pub outputs: Vec<String>,
    /// Files whose content changed and were written (pages and others).
    pub written: usize,
    /// Addresses of the pages that changed, or `None` when any may have.
    pub changed: Option<Vec<String>>,
    /// Findings worth showing: those in the files that changed, and new
    /// ones elsewhere (every finding after a full build).
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// The path the site is served under (`/`, or that of `base_url`).
    pub base: String,
}

/// What a set of changed paths calls for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Plan {
    /// Start afresh: configuration, guidance, theme, or something unclear.
    pub(super) full: bool,
    /// Files must be listed again (Markdown or assets created or removed).
    pub(super) relist: bool,
    /// Markdown files that were edited in place (paths relative to the root).
    pub(super) edited: BTreeSet<String>,
    /// Files under `static/` (or assets) that changed, to copy again.
    pub(super) copies: BTreeSet<PathBuf>,
}

/// Keeps the site served by `charter serve` up to date.
pub(crate) struct Builder {
    root: PathBuf,
    /// The trust's folder, for a school of a trust.
    shared: Option<PathBuf>,
    out: PathBuf,
    today: Option<Date>,
    /// Changes with every full rebuild, so that every fingerprint changes.
    epoch: u64,
    state: Option<State>,
    published: Option<Published>,
    laps: Laps,
}

impl Builder {
    /// `out` is the folder served; `today` fixes the day (else it is worked
    /// out on each rebuild, so statuses change at midnight).
    pub(crate) fn new(
        root: &Path,
        shared: Option<&Path>,
        out: &Path,
        today: Option<Date>,
    ) -> Builder {
        Builder {
            root: root.to_path_buf(),
            shared: shared.map(Path::to_path_buf),
            out: out.to_path_buf(),
            today,
            epoch: 0,
            state: None,
            published: None,
            laps: Laps::default(),
        }
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a path is in the trust's `content/` or `agreements/`.
    fn is_shared_source(&self, abs: &Path) -> bool {
        self.shared.as_ref().is_some_and(|shared| {
            !abs.starts_with(&self.root)
                && layout::SOURCE_DIRS
                    .iter()
                    .any(|dir| abs.starts_with(shared.join(dir)))
        })
    }

    /// Whether a path (from the root) is the site's own statutory register
    /// file, which is read with the configuration.
    fn is_register(&self, rel: &Path) -> bool {
        let named = self
            .state
            .as_ref()
            .and_then(|s| s.site.config.statutory.as_ref())
            .and_then(|st| st.register.as_deref());
        named.is_some_and(|name| {
            let plain = |p: &Path| -> PathBuf {
                p.components()
                    .filter(|c| !matches!(c, std::path::Component::CurDir))
                    .collect()
            };
            plain(Path::new(name)) == plain(rel)
        })
    }

    /// Whether a school's file adapts a trust document, or did: it is read
    /// with the trust's documents, so the whole site is listed again.
    fn adapts(&self, rel: &str, abs: &Path) -> bool {
        self.shared.is_some()
            && (self.state.as_ref().is_some_and(|s| {
                s.site
                    .pages
                    .iter()
                    .any(|p| p.adapted.is_some() && p.source.rel_path == rel)
            }) || std::fs::read_to_string(abs).is_ok_and(|t| {
                // In its front matter: up to the line that closes it.
                t.get(3..)
                    .and_then(|rest| rest.split("\n+++").next())
                    .is_some_and(|front| front.contains("extends"))
            }))
    }

    /// Whether the site lists languages to translate into.
    fn translated(&self) -> bool {
        self.state
            .as_ref()
            .is_some_and(|s| !s.site.config.languages.is_empty())
    }

    /// How long each phase of the last rebuild took.
    pub(crate) fn laps(&self) -> &Laps {
        &self.laps
    }

    /// Forgets everything: the next rebuild reads and writes the whole site.
    pub(crate) fn reset(&mut self) {
        self.state = None;
        self.published = None;
    }

    /// Builds everything (the first build).
    pub(crate) fn build(&mut self) -> Result<Report, Failure> {
        self.rebuild(&[])
    }

    /// Whether any of `changed` (absolute paths) matters to the site.
    pub(crate) fn wants(&self, changed: &[PathBuf]) -> bool {
        self.state.is_none() || self.plan(changed) != Plan::default()
    }

    /// Brings the served site up to date after `changed` (absolute paths;
    /// an empty list rebuilds everything). On failure the served site is
    /// left as it was.
    pub(crate) fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Report, Failure> {
        let started = Instant::now();
        self.laps.begin(started);
        let mut plan = self.plan(changed);
        if changed.is_empty() || self.state.is_none() {
            plan.full = true;
        }
        if plan.full {
            self.epoch += 1;
            self.state = None;
        }
        let before: HashSet<DiagKey> = self
            .state
            .as_ref()
            .map(|s| s.all_diags.iter().map(diag_key).collect())
            .unwrap_or_default();
        // After a full build every finding is news; after an edit, those
        // in the edited files are shown again, with any new one elsewhere.
        let shown = |all: &Diagnostics| {
            let mut out = Diagnostics::new();
            out.extend(
                all.iter()
                    .filter(|d| {
                        plan.full || plan.edited.contains(&d.file) || !before.contains(&diag_key(d))
                    })
                    .cloned(),
            );
            out
        };
        let today = crate::pipeline::resolve_today(self.today).unwrap_or_else(|_| {
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        });
        let sources = crate::content::Sources {
            root: self.root.clone(),
            shared: self.shared.clone(),
        };
        let read = State::read(&mut self.state, &sources, &plan, today, &mut self.laps);
        let state = match read {
            Ok(state) => state,
            Err(e) => {
                // Start afresh next time.
                self.state = None;
                return Err(e);
            }
        };
        let target = publish::Target {
            root: &self.root,
            out: &self.out,
            epoch: self.epoch,
        };
        match publish::publish(
            &target,
            today,
            state,
            &mut self.published,
            &plan,
            &mut self.laps,
        ) {
            Ok(mut report) => {
                report.full = plan.full;
                report.elapsed = started.elapsed();
                report.diagnostics = shown(&report.diagnostics);
                Ok(report)
            }
            Err(Failure::Refused { all, .. }) => {
                let shown = shown(&all);
                Err(Failure::Refused { all, shown })
            }
            Err(e) => Err(e),
        }
    }

    /// Sorts changed paths into what they call for.
    fn plan(&self, changed: &[PathBuf]) -> Plan {
        let mut plan = Plan::default();
        // Files read as pages, or that failed to be (not the duplicates
        // of a symbolic link, which are never read).
        let known: HashSet<&str> = self.state.as_ref().map_or_else(HashSet::new, |s| {
            s.site
                .pages
                .iter()
                .map(|p| p.source.rel_path.as_str())
                .chain(
                    s.load_diags
                        .iter()
                        .filter(|(_, ds)| ds.iter().any(|d| d.code != Code::SymlinkSkipped))
                        .map(|(f, _)| f.as_str()),
                )
                .collect()
        });
        for abs in changed {
            if self.is_shared_source(abs) {
                // A trust's document came, went or changed: read again.
                plan.relist = true;
                continue;
            }
            let Ok(rel_path) = abs.strip_prefix(&self.root) else {
                continue;
            };
            if rel_path.as_os_str().is_empty() || super::watch::is_ignored(rel_path) {
                continue;
            }
            let rel = SourceFile::display_path(&self.root, abs);
            let top = rel_path
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy());
            match top.as_deref() {
                // A page of a site with translations: its translations are
                // made from it, and their indexes follow the site's pages,
                // so the site is built again whole.
                Some(layout::CONTENT_DIR | layout::AGREEMENTS_DIR)
                    if rel.ends_with(".md") && self.translated() =>
                {
                    plan.full = true;
                }
                Some(layout::CONTENT_DIR | layout::AGREEMENTS_DIR) => {
                    let meta = std::fs::symlink_metadata(abs);
                    let plain_file = meta.as_ref().is_ok_and(|m| m.file_type().is_file());
                    if rel.ends_with(".md")
                        && plain_file
                        && known.contains(rel.as_str())
                        && !self.adapts(&rel, abs)
                    {
                        plan.edited.insert(rel);
                    } else {
                        // Created, removed or renamed: list the files again.
                        plan.relist = true;
                        if !rel.ends_with(".md") {
                            plan.copies.insert(abs.clone());
                        }
                    }
                }
                Some(layout::STATIC_DIR) => {
                    plan.copies.insert(abs.clone());
                }
                Some(
                    layout::CONFIG_FILE
                    | layout::GUIDANCE_FILE
                    | layout::THEMES_DIR
                    | layout::STRINGS_DIR,
                ) => {
                    plan.full = true;
                }
                Some(_) if self.is_register(rel_path) => {
                    plan.full = true;
                }
                _ => {}
            }
        }
        plan
    }
}

/// What tells two findings apart.
type DiagKey = (String, usize, usize, Code, String);

fn diag_key(d: &Diagnostic) -> DiagKey {
    (d.file.clone(), d.line, d.column, d.code, d.message.clone())
}
