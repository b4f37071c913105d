//! `charter check` and `charter build` in a trust's folder: every school
//! in parallel, each through the same pipeline as a single site (with the
//! trust's documents among its sources), findings put together with their
//! paths from the trust's folder, then the trust-wide overview.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use super::config::{School, Trust};
use super::overview::Column;
use crate::base::diagnostics::{Diagnostic, Diagnostics};
use crate::content::{Bodies, Reach, Site, Sources};
use crate::error::Error;
use crate::pipeline::{self, BuildOptions, BuildOutcome, StageTimes};
use crate::write::staging::Staging;

/// What happened to one school.
#[derive(Debug)]
pub(crate) struct SchoolResult {
    pub name: String,
    pub folder: String,
    /// Its folder, absolute.
    pub root: PathBuf,
    /// Its build (for `check`, `Refused` stands for "has errors").
    pub outcome: Result<BuildOutcome, Error>,
}

/// Every school's result and all their findings together.
#[derive(Debug)]
pub(crate) struct TrustRun {
    pub schools: Vec<SchoolResult>,
    /// Every finding of every school, once, with the schools that have it.
    pub diagnostics: Diagnostics,
    /// Whether a school's configuration is broken (exit 2).
    pub config_broken: bool,
    /// Where the overview was published, or why it was not.
    pub overview: Option<Result<PathBuf, Error>>,
}

/// Reads one school with the trust's documents.
fn load(trust: &Trust, school: &School, diags: &mut Diagnostics) -> Result<Site, Error> {
    let sources = Sources {
        root: school.root.clone(),
        shared: Some(trust.root.clone()),
    };
    pipeline::load_reaching(&sources, Reach::Anywhere, Bodies::LetGo, diags)
}

/// `charter check` for every school: findings only.
pub(crate) fn check(
    trust: &Trust,
    today: Date,
    adjust: impl Fn(&mut Diagnostics) + Sync,
) -> TrustRun {
    let results: Vec<(SchoolResult, Diagnostics)> = trust
        .schools
        .par_iter()
        .map(|school| {
            let mut diags = Diagnostics::new();
            let outcome = load(trust, school, &mut diags)
                .and_then(|site| pipeline::check_loaded(&site, diags, today, None))
                .map(|(mut diagnostics, _)| {
                    adjust(&mut diagnostics);
                    BuildOutcome::Refused { diagnostics }
                });
            finish(school, outcome)
        })
        .collect();
    gather(trust, results, None)
}

/// `charter build` for every school, each into its own `public/` and
/// atomically (a school with errors keeps its previous site), then the
/// overview into the trust's `public/`.
pub(crate) fn build(
    trust: &Trust,
    today: Date,
    use_cache: bool,
    adjust: impl Fn(&mut Diagnostics) + Sync,
) -> TrustRun {
    let results: Vec<(SchoolResult, Diagnostics, Column)> = trust
        .schools
        .par_iter()
        .map(|school| {
            let mut diags = Diagnostics::new();
            let (column, outcome) = match load(trust, school, &mut diags) {
                Ok(mut site) => {
                    let column = Column::of(school, &site, today);
                    let options = BuildOptions {
                        root: school.root.clone(),
                        shared: Some(trust.root.clone()),
                        output: None,
                        today,
                        use_cache,
                    };
                    let mut times = StageTimes::default();
                    let outcome =
                        pipeline::build_loaded(&mut site, diags, &options, &adjust, &mut times);
                    (column, outcome)
                }
                Err(e) => (Column::broken(school), Err(e)),
            };
            let (result, diags) = finish(school, outcome);
            (result, diags, column)
        })
        .collect();
    let mut columns = Vec::with_capacity(results.len());
    let results: Vec<(SchoolResult, Diagnostics)> = results
        .into_iter()
        .map(|(result, diags, column)| {
            columns.push(column);
            (result, diags)
        })
        .collect();
    let overview = publish_overview(trust, &columns, today);
    gather(trust, results, Some(overview))
}

/// A school's result, with its findings taken out to be put together.
fn finish(school: &School, outcome: Result<BuildOutcome, Error>) -> (SchoolResult, Diagnostics) {
    let (outcome, diags) = match outcome {
        Ok(BuildOutcome::Published {
            output,
            pages,
            diagnostics,
        }) => (
            Ok(BuildOutcome::Published {
                output,
                pages,
                diagnostics: Diagnostics::new(),
            }),
            diagnostics,
        ),
        Ok(BuildOutcome::Refused { diagnostics }) => (
            Ok(BuildOutcome::Refused {
                diagnostics: Diagnostics::new(),
            }),
            diagnostics,
        ),
        Err(Error::Config(diagnostics)) => (Err(Error::Config(Diagnostics::new())), diagnostics),
        Err(e) => (Err(e), Diagnostics::new()),
    };
    let result = SchoolResult {
        name: school.name.clone(),
        folder: school.folder.clone(),
        root: school.root.clone(),
        outcome,
    };
    (result, diags)
}

/// Every school's findings in one report: paths from the trust's folder,
/// and a finding that several schools share (one in a trust document)
/// once, naming them all.
fn gather(
    trust: &Trust,
    results: Vec<(SchoolResult, Diagnostics)>,
    overview: Option<Result<PathBuf, Error>>,
) -> TrustRun {
    let mut merged: Vec<Diagnostic> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut schools = Vec::with_capacity(results.len());
    let mut config_broken = false;
    for (result, diags) in results {
        config_broken |= matches!(result.outcome, Err(Error::Config(_)));
        for mut d in diags {
            if !d.file.is_empty() {
                d.file = crate::base::paths::relative(&trust.root, &result.root.join(&d.file));
            }
            let key = format!(
                "{:?}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
                d.severity, d.code, d.file, d.line, d.column, d.message, d.hint
            );
            match index.get(&key) {
                Some(&i) => merged[i].schools.push(result.name.clone()),
                None => {
                    d.schools = vec![result.name.clone()];
                    index.insert(key, merged.len());
                    merged.push(d);
                }
            }
        }
        schools.push(result);
    }
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(merged);
    diagnostics.sort();
    TrustRun {
        schools,
        diagnostics,
        config_broken,
        overview,
    }
}

/// The overview page and its CSV, swapped into the trust's `public/` in
/// one step like a site.
fn publish_overview(trust: &Trust, columns: &[Column], today: Date) -> Result<PathBuf, Error> {
    let output = trust.root.join(crate::layout::PUBLIC_DIR);
    let files = super::overview::page::files(&trust.name, columns, today).map_err(|e| {
        crate::render::RenderError::Template {
            place: crate::base::source::Place {
                file: "built-in template: trust overview".into(),
                line: 1,
                column: 1,
            },
            message: e.to_string(),
        }
    })?;
    let staging = Staging::new(&trust.root, &output)?;
    for (rel, bytes) in &files {
        staging
            .write(rel, bytes)
            .map_err(|source| crate::render::RenderError::Write {
                path: PathBuf::from(rel),
                source,
            })?;
    }
    staging.commit()?;
    Ok(output)
}

/// The school's folder, shown from the trust's: `schools/oakfield/public`.
pub(crate) fn shown(trust_root: &Path, path: &Path) -> String {
    crate::base::paths::relative(trust_root, path)
}
