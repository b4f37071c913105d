//! The pipeline, one function per stage: load → resolve → check → render →
//! write. `charter build` runs them all ([`build`]), `charter check` the
//! first three ([`check`]), and `charter serve` calls the same stages on
//! what changed (`serve::incremental`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::base::diagnostics::Diagnostics;
use crate::config::Config;
use crate::config::guidance::Guidance;
use crate::content::history::History;
use crate::content::{Bodies, Reach, Site, Sources};
use crate::error::Error;
use crate::render::{Contexts, Job, RenderError};
use crate::resolve::links::Links;
use crate::resolve::markdown::Outline;
use crate::write::files::Copied;

/// Stage 1, load: the configuration, the guidance register, every source
/// file (the site's own, then its shared folder's) and the files published
/// as they are. Problems of content files go to `diags`; a broken
/// configuration stops here. Symbolic links under `static/` and the theme
/// are followed only as far as `reach` allows.
pub(crate) fn load_reaching(
    sources: &Sources,
    reach: Reach,
    bodies: Bodies<'_>,
    diags: &mut Diagnostics,
) -> Result<Site, Error> {
    let root = sources.root.as_path();
    let config = Config::load(root);
    let guidance = Guidance::load(root);
    let (config, guidance) = match (config, guidance) {
        (Ok(c), Ok(g)) => (c, g),
        (c, g) => {
            let mut config_diags = Diagnostics::new();
            config_diags.extend(c.err().unwrap_or_default());
            config_diags.extend(g.err().unwrap_or_default());
            return Err(Error::Config(config_diags));
        }
    };
    let statutory = crate::statutory::load(root, &config).map_err(|d| {
        let mut config_diags = Diagnostics::new();
        config_diags.extend(d);
        Error::Config(config_diags)
    })?;
    let mut site = crate::content::load(sources, config, guidance, reach, bodies, diags);
    site.statutory = statutory;
    site.strings = strings(&site, diags);
    Ok(site)
}

/// Stage 1, the theme's words: the site's own tables read, and the words
/// of each language its pages are in, with what they lack reported once.
fn strings(
    site: &Site,
    diags: &mut Diagnostics,
) -> std::collections::BTreeMap<String, crate::languages::strings::Strings> {
    let mut found = Vec::new();
    let tables = crate::languages::strings::SiteTables::load(&site.root, &mut found);
    let codes: Vec<String> = std::iter::once(site.config.language.clone())
        .chain(site.config.languages.iter().map(|l| l.code.clone()))
        .collect();
    let words = tables.resolve_all(&codes, &mut found);
    diags.extend(found);
    words
}

/// Stage 1, for rendering only: the previous approved version of each
/// policy, read from git (nothing without git).
pub(crate) fn history(site: &Site) -> History {
    crate::content::history::previous_versions(site)
}

/// Stage 2, resolve: every page outlined, every link resolved.
pub(crate) fn resolve(site: &Site, diags: &mut Diagnostics) -> Links {
    crate::resolve::links::resolve(site, diags)
}

/// Stage 2 again, reusing the outlines of pages whose text is unchanged
/// (`None` where a page must be outlined again).
pub(crate) fn resolve_again(
    site: &Site,
    known: Vec<Option<Outline>>,
    diags: &mut Diagnostics,
) -> Links {
    crate::resolve::links::resolve_with_outlines(site, known, diags)
}

/// Stage 3, check: every check of the site's pages.
pub(crate) fn check_site(site: &Site, links: &Links, today: Date, diags: &mut Diagnostics) {
    crate::checks::run(site, links, today, diags);
}

/// The end of stage 3: `[checks]` settings (severities, ignored files)
/// applied to every finding, then sorted.
pub(crate) fn settle(site: &Site, diags: &mut Diagnostics) {
    crate::checks::apply_config(&site.config, Some(site), diags);
    relocate_shared(site, diags);
    diags.sort();
}

/// Findings in the shared folder's files (a trust's documents) carry
/// their path as if in the site, for `[checks]` settings; shown, they get
/// their real place, from the site's folder (`../../content/…`).
fn relocate_shared(site: &Site, diags: &mut Diagnostics) {
    let Some(shared) = &site.shared else {
        return;
    };
    diags.for_each_mut(|d| {
        if shared.files.contains(&d.file) {
            d.file = crate::base::paths::relative(&site.root, &shared.root.join(&d.file));
        }
    });
}

/// The end of stage 3, for `check` and `build` alike, so that `check`
/// reports every reason `build` would refuse the site: the templates
/// (a broken theme is a configuration error, exit 2) and the paths the
/// build would write (two things at one address: `address-taken`).
pub(crate) fn outputs(
    site: &Site,
    links: &Links,
    today: Date,
    diags: &mut Diagnostics,
) -> Result<(), Error> {
    templates(site)?;
    crate::write::conflicts::report(site, links, today, diags);
    Ok(())
}

/// Stage 4, render, first half: the templates, built-in and the site's.
pub(crate) fn templates(site: &Site) -> Result<tera::Tera, RenderError> {
    crate::render::templates(site)
}

/// Stage 4, render, second half: every output of the site as a job that
/// renders lazily, so `serve` pays only for the jobs it redoes.
pub(crate) fn jobs<'a>(
    site: &'a Site,
    links: &'a Links,
    contexts: &'a Contexts<'a>,
    history: &'a History,
    today: Date,
) -> Result<Vec<Job<'a>>, RenderError> {
    crate::render::jobs(site, links, contexts, history, today)
}

/// Stage 5, write: the files published as they are (see
/// [`crate::write::files::copied_files`]).
pub(crate) fn copied_files(
    site: &Site,
    taken: impl Fn(&str) -> bool,
    keep: impl Fn(&Path) -> bool,
) -> Result<std::collections::BTreeMap<String, Copied>, RenderError> {
    crate::write::files::copied_files(site, taken, keep)
}

/// What `charter build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder (the one with `charter.toml`).
    pub root: PathBuf,
    /// For a school of a trust: the trust's folder, whose documents the
    /// school publishes too.
    pub shared: Option<PathBuf>,
    /// Where to publish; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// The day review statuses are worked out for.
    pub today: Date,
    /// Take what did not change from the last build (remembered in
    /// `.charter-cache/build/`); `false` builds from nothing (`--no-cache`),
    /// and still remembers this build for the next.
    pub use_cache: bool,
}

/// A build that ran to its end: published, or refused because of errors.
#[derive(Debug)]
pub enum BuildOutcome {
    /// The site was published.
    Published {
        /// The folder it was published into.
        output: PathBuf,
        /// How many HTML pages it has.
        pages: usize,
        /// Warnings and notices (and errors that never stop a build).
        diagnostics: Diagnostics,
    },
    /// Errors were found; nothing was written.
    Refused {
        /// Every finding, the errors among them.
        diagnostics: Diagnostics,
    },
}

/// Builds the site: load → resolve → check → render → write. The output
/// folder is replaced only when the whole build succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Error> {
    build_with(options, |_| {})
}

/// [`build`], with a chance to adjust the findings (e.g. `--strict`) before
/// deciding whether to publish.
pub fn build_with(
    options: &BuildOptions,
    adjust: impl FnOnce(&mut Diagnostics),
) -> Result<BuildOutcome, Error> {
    build_timed(options, adjust).map(|(outcome, _)| outcome)
}

/// How long each stage of a build took.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Reading the configuration and every file.
    pub load: Duration,
    /// Outlining pages and resolving links.
    pub resolve: Duration,
    /// The checks and `[checks]` settings.
    pub check: Duration,
    /// Rendering and writing the output (with the git history it shows).
    pub render: Duration,
    /// The parts of `render`: laying out the jobs, reading the cache,
    /// fingerprints, rendering, writing…
    pub render_parts: Vec<(&'static str, Duration)>,
}

/// [`build_with`], also saying how long each stage took (the benchmark).
pub fn build_timed(
    options: &BuildOptions,
    adjust: impl FnOnce(&mut Diagnostics),
) -> Result<(BuildOutcome, StageTimes), Error> {
    let mut times = StageTimes::default();
    let mut lap = stopwatch();
    let mut diagnostics = Diagnostics::new();
    let sources = Sources {
        root: options.root.clone(),
        shared: options.shared.clone(),
    };
    let (known, unread) = crate::write::cache::texts::recall(&options.root, options.use_cache);
    diagnostics.extend(unread.map(|problem| problem.notice()));
    let bodies = Bodies::LetGoKnowing(&known);
    let mut site = load_reaching(&sources, Reach::Anywhere, bodies, &mut diagnostics)?;
    drop(known);
    times.load = lap();
    let outcome = build_loaded(&mut site, diagnostics, options, adjust, &mut times)?;
    Ok((outcome, times))
}

/// A lap timer: each call gives the time since the last.
fn stopwatch() -> impl FnMut() -> Duration {
    let mut start = Instant::now();
    move || {
        let elapsed = start.elapsed();
        start = Instant::now();
        elapsed
    }
}

/// A build of a site already loaded (with the findings of loading it):
/// resolve → check → render → write. Loaded with [`Bodies::LetGo`], it
/// holds its own pages' front matter only, and reads each body again to
/// outline and to render it; once checked, it lets go of the rest.
pub(crate) fn build_loaded(
    site: &mut Site,
    mut diagnostics: Diagnostics,
    options: &BuildOptions,
    adjust: impl FnOnce(&mut Diagnostics),
    times: &mut StageTimes,
) -> Result<BuildOutcome, Error> {
    let mut lap = stopwatch();
    let (recalled, known) = crate::write::cache::outlines::recall(site, options.use_cache);
    let links = resolve_again(site, known, &mut diagnostics);
    times.resolve = lap();
    check_site(site, &links, options.today, &mut diagnostics);
    outputs(site, &links, options.today, &mut diagnostics)?;
    crate::checks::apply_config(&site.config, Some(site), &mut diagnostics);
    adjust(&mut diagnostics);
    relocate_shared(site, &mut diagnostics);
    diagnostics.sort();
    times.check = lap();
    if diagnostics.blocks_build() {
        return Ok(BuildOutcome::Refused { diagnostics });
    }
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(crate::layout::PUBLIC_DIR));
    site.let_go_of_bodies();
    let site = &*site;
    let written = render_and_write(
        site,
        &links,
        options.today,
        &output,
        options.use_cache,
        recalled.as_ref(),
    )?;
    times.render = lap();
    times.render_parts = written.laps;
    if !written.notices.is_empty() {
        let mut notices = written.notices;
        crate::checks::apply_config(&site.config, Some(site), &mut notices);
        diagnostics.extend(notices);
        diagnostics.sort();
    }
    // Every page's outline, freed piece by piece, was a fiftieth of
    // rebuilding a large site: done beside whatever comes next.
    std::thread::spawn(move || drop((links, recalled)));
    Ok(BuildOutcome::Published {
        output,
        pages: written.pages,
        diagnostics,
    })
}

/// Stages 4 and 5 of a build: the outputs rendered (only those whose
/// inputs changed since the last build, with `use_cache`) into a folder
/// beside the output, the files published as they are put beside them,
/// then swapped in (see [`crate::write::cache`]); the pages' outlines are
/// remembered for the next build's resolve stage.
pub(crate) fn render_and_write(
    site: &Site,
    links: &Links,
    today: Date,
    output: &Path,
    use_cache: bool,
    outlines: Option<&crate::write::cache::outlines::Recalled>,
) -> Result<crate::write::cache::Written, Error> {
    crate::write::cache::publish(site, links, today, output, use_cache, outlines)
}

/// Checks the site without writing anything: load → resolve → check.
pub fn check(root: &Path, today: Date) -> Result<Diagnostics, Error> {
    check_with(&Sources::single(root), today, None).map(|(diagnostics, _)| diagnostics)
}

/// What `charter check --external` adds: the network check of external
/// links, and who is told how far it has got.
pub(crate) struct ExternalCheck<'a> {
    pub(crate) options: crate::external_links::Options,
    pub(crate) progress: &'a dyn crate::external_links::Progress,
}

/// [`check`], and with `external` the external links too (their findings
/// go through `[checks]` like any other). Returns the findings and, when
/// external links were checked, their counts.
pub(crate) fn check_with(
    sources: &Sources,
    today: Date,
    external: Option<ExternalCheck<'_>>,
) -> Result<(Diagnostics, Option<crate::external_links::Stats>), Error> {
    let mut diagnostics = Diagnostics::new();
    let site = load_reaching(sources, Reach::Anywhere, Bodies::LetGo, &mut diagnostics)?;
    check_loaded(&site, diagnostics, today, external)
}

/// [`check_with`], for a site already loaded (with the findings of
/// loading it).
pub(crate) fn check_loaded(
    site: &Site,
    mut diagnostics: Diagnostics,
    today: Date,
    external: Option<ExternalCheck<'_>>,
) -> Result<(Diagnostics, Option<crate::external_links::Stats>), Error> {
    let links = resolve(site, &mut diagnostics);
    check_site(site, &links, today, &mut diagnostics);
    outputs(site, &links, today, &mut diagnostics)?;
    // What was outlined must be what was read (see `Site::body_of`).
    site.bodies_as_read()?;
    let stats = external.map(|e| {
        crate::external_links::check(site, &links, e.options, e.progress, &mut diagnostics)
    });
    settle(site, &mut diagnostics);
    Ok((diagnostics, stats))
}

/// The day to build for: `--today`, else `SOURCE_DATE_EPOCH` (for
/// reproducible builds), else today's date (UTC).
pub fn resolve_today(flag: Option<Date>) -> Result<Date, String> {
    if let Some(d) = flag {
        return Ok(d);
    }
    let tz = jiff::tz::TimeZone::UTC;
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|e| format!("SOURCE_DATE_EPOCH is out of range: {e}"))?;
        return Ok(ts.to_zoned(tz).date());
    }
    Ok(jiff::Timestamp::now().to_zoned(tz).date())
}
