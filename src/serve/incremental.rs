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
//! everything its context is made from (see [`Fingerprints`]). A job is
//! rendered again only when its fingerprint differs from the one it had at
//! the last publish, and its file is written only when the rendered bytes
//! differ from what is being served. A page edit thus re-renders that page,
//! plus (when its title, summary or other front matter changed) the
//! indexes that list it, the pages that name it as related or referenced
//! by, and the home page; a change that every page shows (the day, the
//! footer's pages, the logo, configuration, templates) re-renders all.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::content::{Meta, Site};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::links::Links;
use crate::markdown::Outline;
use crate::output::Staging;
use crate::render::{self, Deps, Job, RenderError, Sink, Views};
use crate::source::SourceFile;

/// When the current phase began, and how long each earlier one took.
type Laps = (Option<Instant>, Vec<(&'static str, Duration)>);

thread_local! {
    /// Phase timings of the rebuild in progress (`CHARTER_SERVE_TIMINGS=1`).
    static LAPS: std::cell::RefCell<Laps> = const { std::cell::RefCell::new((None, Vec::new())) };
}

/// Ends a phase of the rebuild in progress.
fn lap(label: &'static str) {
    LAPS.with(|l| {
        let mut l = l.borrow_mut();
        let now = Instant::now();
        if let Some(start) = l.0 {
            l.1.push((label, now - start));
        }
        l.0 = Some(now);
    });
}

/// The phases of the last rebuild, e.g. "read 1 ms, resolve 12 ms".
pub fn laps() -> String {
    LAPS.with(|l| {
        l.borrow()
            .1
            .iter()
            .map(|(label, d)| format!("{label} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// Why a rebuild published nothing.
#[derive(Debug)]
pub enum Failure {
    /// Errors in the content: the site was not published. `shown` are the
    /// findings worth printing (see [`Report::diagnostics`]).
    Refused {
        all: Diagnostics,
        shown: Diagnostics,
    },
    /// `charter.toml` or `guidance.toml` is broken.
    Config(Diagnostics),
    /// A template is wrong, or the output could not be written: the
    /// message, and the template's file, line and column when known.
    Render {
        message: String,
        place: Option<(String, usize, usize)>,
    },
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Report {
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
struct Plan {
    /// Start afresh: configuration, guidance, theme, or something unclear.
    full: bool,
    /// Files must be listed again (Markdown or assets created or removed).
    relist: bool,
    /// Markdown files that were edited in place (paths relative to the root).
    edited: BTreeSet<String>,
    /// Files under `static/` (or assets) that changed, to copy again.
    copies: BTreeSet<PathBuf>,
}

/// The site as it is on disk now (it may have errors).
struct State {
    site: Site,
    links: Links,
    /// Hash of each page's text, by path relative to the root.
    text_hash: HashMap<String, u64>,
    /// Hash of what the search index holds of each page, by path.
    search_hash: HashMap<String, u64>,
    /// Findings of reading, by file.
    load_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// Findings of the checks, by file (before `[checks]` settings apply).
    check_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// The day the checks ran for.
    checked_for: Date,
    /// Every finding of the last rebuild, `[checks]` applied.
    all_diags: Diagnostics,
    tera: tera::Tera,
    /// The previous approved version of policies, from git (read again
    /// when files come or go, or a policy's `approved` date changes).
    previous: HashMap<usize, crate::changes::PreviousVersion>,
}

/// What is being served: the fingerprint and content hash of each output.
#[derive(Default)]
struct Published {
    fingerprints: HashMap<String, u64>,
    content: HashMap<String, u64>,
    /// Copied files (theme, `static/`, assets): output path → source.
    copied: BTreeMap<String, Copied>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Copied {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// Keeps the site served by `charter serve` up to date.
pub struct Builder {
    root: PathBuf,
    out: PathBuf,
    today: Option<Date>,
    /// Changes with every full rebuild, so that every fingerprint changes.
    epoch: u64,
    state: Option<State>,
    published: Option<Published>,
}

impl Builder {
    /// `out` is the folder served; `today` fixes the day (else it is worked
    /// out on each rebuild, so statuses change at midnight).
    pub fn new(root: &Path, out: &Path, today: Option<Date>) -> Builder {
        Builder {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            today,
            epoch: 0,
            state: None,
            published: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Forgets everything: the next rebuild reads and writes the whole site.
    pub fn reset(&mut self) {
        self.state = None;
        self.published = None;
    }

    /// Builds everything (the first build).
    pub fn build(&mut self) -> Result<Report, Failure> {
        self.rebuild(&[])
    }

    /// Whether any of `changed` (absolute paths) matters to the site.
    pub fn wants(&self, changed: &[PathBuf]) -> bool {
        self.state.is_none() || self.plan(changed) != Plan::default()
    }

    /// Brings the served site up to date after `changed` (absolute paths;
    /// an empty list rebuilds everything). On failure the served site is
    /// left as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Report, Failure> {
        let started = Instant::now();
        LAPS.with(|l| *l.borrow_mut() = (Some(started), Vec::new()));
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
        let today = crate::resolve_today(self.today).unwrap_or_else(|_| {
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        });
        if let Err(e) = self.read(&plan, today) {
            // Start afresh next time.
            self.state = None;
            return Err(e);
        }
        let state = self.state.as_mut().expect("read leaves a state");
        match publish(
            &self.root,
            &self.out,
            self.epoch,
            today,
            state,
            &mut self.published,
            &plan,
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
                Some("content" | "agreements") => {
                    let meta = std::fs::symlink_metadata(abs);
                    let plain_file = meta.as_ref().is_ok_and(|m| m.file_type().is_file());
                    if rel.ends_with(".md") && plain_file && known.contains(rel.as_str()) {
                        plan.edited.insert(rel);
                    } else {
                        // Created, removed or renamed: list the files again.
                        plan.relist = true;
                        if !rel.ends_with(".md") {
                            plan.copies.insert(abs.clone());
                        }
                    }
                }
                Some("static") => {
                    plan.copies.insert(abs.clone());
                }
                Some("charter.toml" | "guidance.toml" | "themes") => plan.full = true,
                _ => {}
            }
        }
        plan
    }

    /// Reads what changed into the state: everything, the file list, or
    /// just the edited files.
    fn read(&mut self, plan: &Plan, today: Date) -> Result<(), Failure> {
        if plan.full || self.state.is_none() {
            let (site, diags) = load_site(&self.root)?;
            let tera = match render::templates(&site) {
                Ok(t) => t,
                Err(e) => return Err(render_failure(e)),
            };
            let text_hash = hash_texts(&site);
            let mut resolve_diags = Diagnostics::new();
            let links = crate::links::resolve(&site, &mut resolve_diags);
            let mut checks = Diagnostics::new();
            crate::checks::run(&site, &links, today, &mut checks);
            let search_hash = site
                .pages
                .par_iter()
                .zip(&links.outlines)
                .map(|(p, o)| (p.source.rel_path.clone(), search_key(p, o)))
                .collect();
            self.state = Some(State {
                search_hash,
                previous: crate::changes::previous_versions(&site),
                load_diags: by_file(diags),
                check_diags: by_file(checks),
                checked_for: today,
                all_diags: Diagnostics::new(),
                site,
                links,
                text_hash,
                tera,
            });
            let state = self.state.as_mut().expect("just set");
            state.all_diags = combine(state, resolve_diags);
            return Ok(());
        }
        let state = self.state.as_mut().expect("checked above");
        let mut outlines: Vec<Option<Outline>> = std::mem::take(&mut state.links.outlines)
            .into_iter()
            .map(Some)
            .collect();
        let mut recheck: BTreeSet<String> = plan.edited.clone();
        if plan.relist {
            let (site, diags) = load_site(&self.root)?;
            // Outlines are kept for the pages whose text is the same.
            let mut old: HashMap<String, (u64, Outline)> = state
                .site
                .pages
                .iter()
                .zip(outlines)
                .filter_map(|(p, o)| {
                    let rel = p.source.rel_path.clone();
                    Some((rel.clone(), (*state.text_hash.get(&rel)?, o?)))
                })
                .collect();
            state.site = site;
            state.text_hash = hash_texts(&state.site);
            state.load_diags = by_file(diags);
            state.previous = crate::changes::previous_versions(&state.site);
            outlines = state
                .site
                .pages
                .iter()
                .map(|p| {
                    let rel = &p.source.rel_path;
                    match old.remove(rel) {
                        Some((h, o)) if state.text_hash.get(rel) == Some(&h) => Some(o),
                        _ => {
                            recheck.insert(rel.clone());
                            None
                        }
                    }
                })
                .collect();
        } else {
            let mut history_moved = false;
            for rel in &plan.edited {
                history_moved |= reload_file(state, &mut outlines, rel, &self.root);
            }
            if history_moved {
                state.previous = crate::changes::previous_versions(&state.site);
            }
        }
        let known = outlines;
        lap("read");
        let mut resolve_diags = Diagnostics::new();
        state.links = crate::links::resolve_with_outlines(&state.site, known, &mut resolve_diags);
        if plan.relist {
            let live: HashSet<&str> = state
                .site
                .pages
                .iter()
                .map(|p| p.source.rel_path.as_str())
                .collect();
            state
                .search_hash
                .retain(|rel, _| live.contains(rel.as_str()));
        }
        for (p, o) in state.site.pages.iter().zip(&state.links.outlines) {
            if recheck.contains(&p.source.rel_path) {
                state
                    .search_hash
                    .insert(p.source.rel_path.clone(), search_key(p, o));
            }
        }
        lap("resolve");
        let agreements_involved = recheck.iter().any(|r| r.starts_with("agreements/"));
        if plan.relist || agreements_involved || state.checked_for != today {
            let mut checks = Diagnostics::new();
            crate::checks::run(&state.site, &state.links, today, &mut checks);
            state.check_diags = by_file(checks);
            state.checked_for = today;
        } else {
            check_pages(state, &recheck, today);
        }
        lap("check");
        state.all_diags = combine(state, resolve_diags);
        lap("combine");
        Ok(())
    }
}

/// Reads one edited file again, in place of the page it was; its outline
/// (kept beside each page) is to be made again. True when pages moved, or
/// a policy's approval date changed, so that what git says about previous
/// versions must be read again.
fn reload_file(
    state: &mut State,
    outlines: &mut Vec<Option<Outline>>,
    rel: &str,
    root: &Path,
) -> bool {
    let abs = root.join(rel);
    let (page, diags) = crate::content::load_file(root, &abs, &state.site.config);
    state.load_diags.remove(rel);
    if !diags.is_empty() {
        state.load_diags.insert(rel.to_string(), diags);
    }
    let at = state
        .site
        .pages
        .iter()
        .position(|p| p.source.rel_path == rel);
    match (page, at) {
        (Some(page), Some(i)) => {
            state
                .text_hash
                .insert(rel.to_string(), hash_of(&page.source.text));
            let approved = |p: &crate::content::Page| p.review.as_ref().and_then(|r| r.approved);
            let moved = page.is_policy() && approved(&page) != approved(&state.site.pages[i]);
            state.site.pages[i] = page;
            outlines[i] = None;
            moved
        }
        (Some(page), None) => {
            state
                .text_hash
                .insert(rel.to_string(), hash_of(&page.source.text));
            // Pages are kept in the order a fresh read lists them.
            let key = walk_order(rel);
            let i = state
                .site
                .pages
                .partition_point(|p| walk_order(&p.source.rel_path) < key);
            state.site.pages.insert(i, page);
            outlines.insert(i, None);
            true
        }
        (None, Some(i)) => {
            state.text_hash.remove(rel);
            state.site.pages.remove(i);
            outlines.remove(i);
            true
        }
        (None, None) => {
            state.text_hash.remove(rel);
            false
        }
    }
}

/// The order `content::load` lists files in: `content/` before
/// `agreements/`, then by name, folder by folder.
fn walk_order(rel: &str) -> (bool, Vec<&str>) {
    (rel.starts_with("agreements/"), rel.split('/').collect())
}

/// What the search index holds of a page (see `search::entries`).
fn search_key(page: &crate::content::Page, outline: &Outline) -> u64 {
    let mut h = DefaultHasher::new();
    (&page.title, &page.summary, &page.url, page.meta.kind_name()).hash(&mut h);
    for heading in &outline.headings {
        heading.text.hash(&mut h);
    }
    crate::search::opening_words(page.body(), crate::search::EXCERPT_WORDS).hash(&mut h);
    h.finish()
}

/// Runs the checks on the pages in `files` only, replacing their findings.
fn check_pages(state: &mut State, files: &BTreeSet<String>, today: Date) {
    let picked: Vec<usize> = state
        .site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| files.contains(&p.source.rel_path))
        .map(|(i, _)| i)
        .collect();
    let sub_site = Site {
        root: state.site.root.clone(),
        config: state.site.config.clone(),
        guidance: state.site.guidance.clone(),
        pages: picked
            .iter()
            .map(|&i| state.site.pages[i].clone())
            .collect(),
        assets: Vec::new(),
        unreadable_ids: state.site.unreadable_ids.clone(),
    };
    let sub_links = Links {
        outlines: picked
            .iter()
            .map(|&i| state.links.outlines[i].clone())
            .collect(),
        ..Links::default()
    };
    let mut found = Diagnostics::new();
    crate::checks::run(&sub_site, &sub_links, today, &mut found);
    for f in files {
        state.check_diags.remove(f);
    }
    // Site-wide findings (a band with no agreement) need the whole site:
    // they are only made again when agreements change.
    for (file, ds) in by_file(found) {
        if files.contains(&file) {
            state.check_diags.insert(file, ds);
        }
    }
}

/// All findings: reading, links, checks, with `[checks]` settings applied.
fn combine(state: &State, resolve_diags: Diagnostics) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.extend(state.load_diags.values().flatten().cloned());
    all.extend(resolve_diags);
    all.extend(state.check_diags.values().flatten().cloned());
    crate::checks::apply_config(&state.site.config, Some(&state.site), &mut all);
    all.sort();
    all
}

fn by_file(diags: Diagnostics) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        out.entry(d.file.clone()).or_default().push(d);
    }
    out
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn hash_texts(site: &Site) -> HashMap<String, u64> {
    site.pages
        .par_iter()
        .map(|p| (p.source.rel_path.clone(), hash_of(&p.source.text)))
        .collect()
}

fn output_failure(e: crate::output::OutputError) -> Failure {
    Failure::Render {
        message: e.to_string(),
        place: None,
    }
}

/// What tells two findings apart.
type DiagKey = (String, usize, usize, Code, String);

fn diag_key(d: &Diagnostic) -> DiagKey {
    (d.file.clone(), d.line, d.column, d.code, d.message.clone())
}

fn render_failure(e: RenderError) -> Failure {
    let place = match &e {
        RenderError::Template {
            file, line, column, ..
        } => Some((file.clone(), *line, *column)),
        _ => None,
    };
    let message = match e {
        RenderError::Template { message, .. } => format!("template error: {message}"),
        other => other.to_string(),
    };
    Failure::Render { message, place }
}

/// Renders and writes what changed, if the site has no errors.
fn publish(
    root: &Path,
    out: &Path,
    epoch: u64,
    today: Date,
    state: &mut State,
    published: &mut Option<Published>,
    plan: &Plan,
) -> Result<Report, Failure> {
    let diagnostics = state.all_diags.clone();
    if diagnostics.blocks_build() {
        return Err(Failure::Refused {
            all: diagnostics,
            shown: Diagnostics::new(),
        });
    }
    let site = &state.site;
    let views = Views::new(site, &state.links, today);
    let jobs =
        render::jobs(site, &state.links, &views, &state.previous, today).map_err(render_failure)?;
    lap("jobs");
    let prints = Fingerprints::new(
        site,
        &state.links,
        &state.text_hash,
        &state.search_hash,
        epoch,
        today,
    );
    let fingerprints: Vec<u64> = jobs.par_iter().map(|j| prints.of(j, &jobs)).collect();
    lap("fingerprints");
    let copies = copied_files(site, &jobs).map_err(render_failure)?;
    lap("static files");
    let mut report = Report {
        full: false,
        rendered: 0,
        total: jobs.iter().filter(|j| j.is_page()).count(),
        outputs: Vec::new(),
        written: 0,
        changed: None,
        diagnostics,
        elapsed: Duration::ZERO,
        base: site.config.base_path(),
    };
    // The dependency function: a job is redone when what its template is
    // given differs from when it was last published.
    let redo: Option<Vec<bool>> = match published.as_ref() {
        Some(p) if !plan.full => Some(
            jobs.iter()
                .zip(&fingerprints)
                .map(|(j, f)| p.fingerprints.get(&j.output) != Some(f))
                .collect(),
        ),
        _ => None,
    };
    match (redo, published.as_mut()) {
        (Some(redo), Some(old)) if !redo.iter().all(|r| *r) => {
            let result = publish_changes(
                out,
                &jobs,
                &fingerprints,
                &redo,
                copies,
                &state.tera,
                old,
                plan,
                &mut report,
            );
            if result.is_err() {
                // The served folder is in doubt: write all of it next time.
                *published = None;
            }
            result?;
        }
        _ => {
            *published = Some(publish_all(
                root,
                out,
                &jobs,
                fingerprints,
                copies,
                &state.tera,
                &mut report,
            )?);
        }
    }
    lap("write");
    Ok(report)
}

/// Builds every output beside the served folder and swaps it in.
fn publish_all(
    root: &Path,
    out: &Path,
    jobs: &[Job],
    fingerprints: Vec<u64>,
    copies: BTreeMap<String, Copied>,
    tera: &tera::Tera,
    report: &mut Report,
) -> Result<Published, Failure> {
    let staging = Staging::new(root, out).map_err(output_failure)?;
    let sink = Recording {
        inner: &staging,
        content: Mutex::new(HashMap::new()),
    };
    report.rendered = render::render_jobs(jobs, tera, |_| true, &sink).map_err(render_failure)?;
    for (rel, source) in &copies {
        match source {
            Copied::Embedded(bytes) => staging.write(rel, bytes),
            Copied::File(path) => staging.copy(rel, path),
        }
        .map_err(write_failure(rel))?;
    }
    let content = sink.content.into_inner().unwrap_or_default();
    staging.commit().map_err(output_failure)?;
    report.written = jobs.len() + copies.len();
    Ok(Published {
        fingerprints: jobs
            .iter()
            .zip(fingerprints)
            .map(|(j, f)| (j.output.clone(), f))
            .collect(),
        content,
        copied: copies,
    })
}

/// Renders the jobs to redo, then writes, in place, the files whose bytes
/// changed, copies changed files and removes outputs no longer made.
#[allow(clippy::too_many_arguments)]
fn publish_changes(
    out: &Path,
    jobs: &[Job],
    fingerprints: &[u64],
    redo: &[bool],
    copies: BTreeMap<String, Copied>,
    tera: &tera::Tera,
    old: &mut Published,
    plan: &Plan,
    report: &mut Report,
) -> Result<(), Failure> {
    let chosen: HashSet<&str> = jobs
        .iter()
        .zip(redo)
        .filter(|(_, r)| **r)
        .map(|(j, _)| j.output.as_str())
        .collect();
    report.outputs = jobs
        .iter()
        .filter(|j| chosen.contains(j.output.as_str()))
        .map(|j| j.output.clone())
        .collect();
    // Rendered into memory first: a template error leaves every file as
    // it was.
    let sink = Collect(Mutex::new(Vec::new()));
    report.rendered =
        render::render_jobs(jobs, tera, |j| chosen.contains(j.output.as_str()), &sink)
            .map_err(render_failure)?;
    lap("render");
    let mut changed = Vec::new();
    let mut rendered = HashSet::new();
    for (rel, bytes) in sink.0.into_inner().unwrap_or_default() {
        let h = hash_of(&bytes);
        if old.content.get(&rel) != Some(&h) {
            write_live(out, &rel, &bytes).map_err(write_failure(&rel))?;
            report.written += 1;
            changed.push(url_of(&report.base, &rel));
            old.content.insert(rel.clone(), h);
        }
        rendered.insert(rel);
    }
    // A redone job's folder keeps only what it wrote this time (the search
    // index may now be cut into fewer files).
    for folder in jobs
        .iter()
        .filter(|j| chosen.contains(j.output.as_str()))
        .filter_map(|j| j.folder)
    {
        let gone: Vec<String> = old
            .content
            .keys()
            .filter(|rel| rel.starts_with(folder) && !rendered.contains(*rel))
            .cloned()
            .collect();
        for rel in gone {
            let _ = std::fs::remove_file(out.join(&rel));
            old.content.remove(&rel);
            changed.push(url_of(&report.base, &rel));
            report.written += 1;
        }
    }
    let mut any_copy = false;
    for (rel, source) in &copies {
        let again = match source {
            Copied::File(path) => plan.copies.contains(path),
            Copied::Embedded(_) => false,
        };
        if again || old.copied.get(rel) != Some(source) {
            match source {
                Copied::Embedded(bytes) => write_live(out, rel, bytes),
                Copied::File(path) => std::fs::read(path).and_then(|b| write_live(out, rel, &b)),
            }
            .map_err(write_failure(rel))?;
            report.written += 1;
            any_copy = true;
        }
    }
    for ((job, f), r) in jobs.iter().zip(fingerprints).zip(redo) {
        if *r {
            old.fingerprints.insert(job.output.clone(), *f);
        }
    }
    // Outputs that are no longer made.
    let made = jobs.len() + copies.len();
    if old.fingerprints.len() + old.copied.len() > made || plan.relist || !plan.copies.is_empty() {
        let now: HashSet<&str> = jobs
            .iter()
            .map(|j| j.output.as_str())
            .chain(copies.keys().map(String::as_str))
            .collect();
        let gone: Vec<String> = old
            .fingerprints
            .keys()
            .chain(old.copied.keys())
            .filter(|rel| !now.contains(rel.as_str()))
            .cloned()
            .collect();
        for rel in gone {
            let _ = std::fs::remove_file(out.join(&rel));
            old.content.remove(&rel);
            old.fingerprints.remove(&rel);
            changed.push(url_of(&report.base, &rel));
            report.written += 1;
        }
    }
    old.copied = copies;
    // A changed image or stylesheet can show on any page.
    report.changed = (!any_copy).then_some(changed);
    Ok(())
}

fn write_failure(rel: &str) -> impl FnOnce(std::io::Error) -> Failure {
    let path = PathBuf::from(rel);
    move |source| render_failure(RenderError::Write { path, source })
}

/// The address a file is served at.
fn url_of(base: &str, rel: &str) -> String {
    format!("{base}{}", rel.strip_suffix("index.html").unwrap_or(rel))
}

/// Reads the whole site, with the findings of loading it.
fn load_site(root: &Path) -> Result<(Site, Diagnostics), Failure> {
    let mut diags = Diagnostics::new();
    match crate::load(root, &mut diags) {
        Ok(site) => Ok((site, diags)),
        Err(crate::Error::Config(d)) => Err(Failure::Config(d)),
        Err(e) => Err(Failure::Render {
            message: e.to_string(),
            place: None,
        }),
    }
}

/// Writes a file of the served folder so that a reader never sees half of
/// it: into a temporary file beside it, then renamed over it.
fn write_live(out: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = out.join(rel);
    let parent = path.parent().unwrap_or(out);
    std::fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.charter-tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)
}

/// A sink that keeps what was rendered, to be written once all succeeded.
struct Collect(Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for Collect {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// A sink that writes into a staging folder and remembers content hashes.
struct Recording<'a> {
    inner: &'a Staging,
    content: Mutex<HashMap<String, u64>>,
}

impl Sink for Recording<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write(rel, bytes)?;
        if let Ok(mut c) = self.content.lock() {
            c.insert(rel.to_string(), hash_of(bytes));
        }
        Ok(())
    }
}

/// The files published as they are: the theme's static files, `static/`
/// and the assets beside the content. Unlike `charter build`, the preview
/// never publishes a file reached through a symbolic link that leads out of
/// the site's folder.
fn copied_files(site: &Site, jobs: &[Job]) -> Result<BTreeMap<String, Copied>, RenderError> {
    let prefix = render::theme::STATIC_PREFIX;
    let mut out = BTreeMap::new();
    for (name, bytes) in render::theme::STATIC {
        out.insert(format!("{prefix}{name}"), Copied::Embedded(bytes));
    }
    let root = std::fs::canonicalize(&site.root).unwrap_or_else(|_| site.root.clone());
    let inside = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| c.starts_with(&root));
    if let Some(theme) = render::theme::ThemeDir::find(&site.root, site.config.theme.as_deref()) {
        for (name, path) in theme.static_files() {
            if inside(&path) {
                out.insert(format!("{prefix}{name}"), Copied::File(path));
            }
        }
    }
    let pages: HashSet<&str> = jobs.iter().map(|j| j.output.as_str()).collect();
    let mut add = |rel: String, path: PathBuf| {
        if pages.contains(rel.as_str()) || (out.contains_key(&rel) && !rel.starts_with(prefix)) {
            return Err(RenderError::OutputConflict(rel));
        }
        out.insert(rel, Copied::File(path));
        Ok(())
    };
    let static_dir = site.root.join("static");
    let walker = walkdir::WalkDir::new(&static_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || inside(e.path()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) if e.depth() == 0 => break,
            Err(e) => {
                return Err(RenderError::StaticUnreadable {
                    path: e.path().unwrap_or(&static_dir).to_path_buf(),
                    message: e.to_string(),
                });
            }
        };
        if entry.file_type().is_file() {
            add(
                SourceFile::display_path(&static_dir, entry.path()),
                entry.path().to_path_buf(),
            )?;
        }
    }
    for asset in &site.assets {
        if inside(&asset.source) {
            add(asset.output.clone(), asset.source.clone())?;
        }
    }
    Ok(out)
}

/// Hashes of what each render job's context is made from.
///
/// - every job: the *global* inputs that every page shows (the day, the
///   footer's list of pages, whether there is a logo, and an epoch that
///   changes with configuration, guidance and theme);
/// - [`Deps::Page`]: the page's text and path, its links as resolved (so
///   a target page that moved or lost an anchor counts), and the title,
///   address and kind of each page it lists as related (or, for a policy,
///   as referring to it);
/// - [`Deps::Listing`]: the path and front matter of every published page
///   of the listed kinds (what index rows and counts show), plus the page
///   fingerprint of the introduction page;
/// - [`Deps::Outputs`]: the list of all outputs;
/// - [`Deps::Search`]: what the search index holds of each published page
///   (title, summary, address, headings, opening words), worked out again
///   only for pages whose text changed;
/// - [`Deps::Hashed`]: the hash the job was made with;
/// - [`Deps::Everything`]: every page's fingerprint.
pub struct Fingerprints<'a> {
    site: &'a Site,
    links: &'a Links,
    text_hash: &'a HashMap<String, u64>,
    search_hash: &'a HashMap<String, u64>,
    global: u64,
    /// For each kind of page, a hash of the path, address and front matter
    /// of each published page of that kind, in order.
    listings: HashMap<&'static str, u64>,
}

impl<'a> Fingerprints<'a> {
    pub fn new(
        site: &'a Site,
        links: &'a Links,
        text_hash: &'a HashMap<String, u64>,
        search_hash: &'a HashMap<String, u64>,
        epoch: u64,
        today: Date,
    ) -> Self {
        let mut h = DefaultHasher::new();
        epoch.hash(&mut h);
        today.to_string().hash(&mut h);
        for name in ["logo.svg", "logo.png"] {
            site.root.join("static").join(name).is_file().hash(&mut h);
        }
        for (_, p) in site.published_pages() {
            if matches!(p.meta, Meta::Page(_)) && !p.url.is_empty() {
                (&p.title, &p.url).hash(&mut h);
            }
        }
        let rows: Vec<(&'static str, u64)> = site
            .pages
            .par_iter()
            .filter(|p| !p.draft)
            .map(|p| {
                let row = (&p.source.rel_path, &p.url, &p.source.text[..p.body_offset]);
                (p.meta.kind_name(), hash_of(row))
            })
            .collect();
        let mut listings: HashMap<&'static str, DefaultHasher> = HashMap::new();
        for (kind, row) in rows {
            row.hash(listings.entry(kind).or_default());
        }
        Fingerprints {
            site,
            links,
            text_hash,
            search_hash,
            global: h.finish(),
            listings: listings.into_iter().map(|(k, h)| (k, h.finish())).collect(),
        }
    }

    pub fn of(&self, job: &Job, jobs: &[Job]) -> u64 {
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        match &job.deps {
            Deps::Page(i) => self.page(*i).hash(&mut h),
            Deps::Listing { kinds, intro } => {
                intro.map(|i| self.page(i)).hash(&mut h);
                for kind in *kinds {
                    (kind, self.listings.get(kind)).hash(&mut h);
                }
            }
            Deps::Outputs => {
                for j in jobs {
                    j.output.hash(&mut h);
                }
            }
            Deps::Search => {
                for (i, p) in self.site.published_pages() {
                    let rel = &p.source.rel_path;
                    (i, self.links.url_conflicts.contains(&i)).hash(&mut h);
                    match self.search_hash.get(rel) {
                        Some(k) => k.hash(&mut h),
                        None => p.source.text.hash(&mut h),
                    }
                }
            }
            Deps::Hashed(key) => key.hash(&mut h),
            Deps::Everything => {
                for i in 0..self.site.pages.len() {
                    self.page(i).hash(&mut h);
                }
            }
        }
        h.finish()
    }

    fn page(&self, i: usize) -> u64 {
        let p = &self.site.pages[i];
        let mut h = DefaultHasher::new();
        p.source.rel_path.hash(&mut h);
        match self.text_hash.get(&p.source.rel_path) {
            Some(t) => t.hash(&mut h),
            None => p.source.text.hash(&mut h),
        }
        let mut rewrites: Vec<_> = self.links.rewrites[i].iter().collect();
        rewrites.sort_unstable();
        rewrites.hash(&mut h);
        // Only a policy's page shows what refers to it.
        let none = Vec::new();
        let referenced_by = if p.is_policy() {
            &self.links.referenced_by[i]
        } else {
            &none
        };
        for list in [&self.links.related[i], referenced_by] {
            list.len().hash(&mut h);
            for &j in list {
                let q = &self.site.pages[j];
                (&q.title, &q.url, q.meta.kind_name()).hash(&mut h);
            }
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_the_order_of_a_fresh_read() {
        let mut paths = vec![
            "agreements/staff.md",
            "content/policies/b.md",
            "content/_index.md",
            "content/policies/a-b.md",
            "content/policies/a.md",
            "agreements/pupils-ks1.md",
            "content/parents/x.md",
        ];
        paths.sort_by_key(|p| walk_order(p));
        assert_eq!(
            paths,
            [
                "content/_index.md",
                "content/parents/x.md",
                "content/policies/a-b.md",
                "content/policies/a.md",
                "content/policies/b.md",
                "agreements/pupils-ks1.md",
                "agreements/staff.md",
            ]
        );
    }

    #[test]
    fn outputs_are_served_at_their_folder() {
        assert_eq!(url_of("/", "policies/a/index.html"), "/policies/a/");
        assert_eq!(url_of("/school/", "index.html"), "/school/");
        assert_eq!(url_of("/", "404.html"), "/404.html");
        assert_eq!(url_of("/", "sitemap.xml"), "/sitemap.xml");
    }
}
