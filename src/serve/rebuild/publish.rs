//! Publishing a rebuild: the jobs whose fingerprint changed are rendered,
//! and only files whose bytes changed are written into the served folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use jiff::civil::Date;
use rayon::prelude::*;

use super::state::State;
use super::{Failure, Laps, Plan, Report};
use crate::base::diagnostics::Diagnostics;
use crate::content::Site;
use crate::pipeline;
use crate::render::fingerprints::{Fingerprints, Inputs, hash_of};
use crate::render::{self, Contexts, Job, RenderError, Sink};
use crate::write::files::Copied;
use crate::write::staging::Staging;

/// What is being served: the fingerprint and content hash of each output.
#[derive(Default)]
pub(super) struct Published {
    fingerprints: HashMap<String, u64>,
    content: HashMap<String, u64>,
    /// Copied files (theme, `static/`, assets): output path → source.
    copied: BTreeMap<String, Copied>,
}

/// Where a rebuild publishes: the site's folder, the folder served, and
/// the epoch (which changes with every full rebuild, so that every
/// fingerprint changes).
pub(super) struct Target<'a> {
    pub(super) root: &'a Path,
    pub(super) out: &'a Path,
    pub(super) epoch: u64,
}

/// Renders and writes what changed, if the site has no errors.
pub(super) fn publish(
    target: &Target<'_>,
    today: Date,
    state: &State,
    published: &mut Option<Published>,
    plan: &Plan,
    laps: &mut Laps,
) -> Result<Report, Failure> {
    let Target { root, out, epoch } = *target;
    let diagnostics = state.all_diags.clone();
    if diagnostics.blocks_build() {
        return Err(Failure::Refused {
            all: diagnostics,
            shown: Diagnostics::new(),
        });
    }
    let site = &state.site;
    let contexts = Contexts::new(site, &state.links, today);
    let jobs = pipeline::jobs(site, &state.links, &contexts, &state.previous, today)?;
    laps.lap("jobs");
    let prints = Fingerprints::new(
        site,
        &state.links,
        Inputs {
            text_hash: &state.text_hash,
            search_hash: &state.search_hash,
            previous: &state.previous,
            epoch,
            today,
        },
    );
    let fingerprints: Vec<u64> = jobs.par_iter().map(|j| prints.of(j)).collect();
    laps.lap("fingerprints");
    let copies = copied_files(site, &jobs)?;
    laps.lap("static files");
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
    let redo = redo(published.as_ref(), plan, &jobs, &fingerprints);
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
                laps,
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
    laps.lap("write");
    Ok(report)
}

/// The files copied as they are (theme, `static/`, assets), but none at
/// a job's output path.
fn copied_files(site: &Site, jobs: &[Job]) -> Result<BTreeMap<String, Copied>, RenderError> {
    let pages: HashSet<&str> = jobs.iter().map(|j| j.output.as_str()).collect();
    let root_dir = std::fs::canonicalize(&site.root).unwrap_or_else(|_| site.root.clone());
    // Unlike `charter build`, the preview never publishes a file reached
    // through a symbolic link that leads out of the site's folder.
    let inside = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| c.starts_with(&root_dir));
    pipeline::copied_files(site, |rel| pages.contains(rel), inside)
}

/// The dependency function: a job is redone when what its template is
/// given differs from when it was last published. `None` redoes them all
/// (a full rebuild, or nothing published yet).
fn redo(
    published: Option<&Published>,
    plan: &Plan,
    jobs: &[Job],
    fingerprints: &[u64],
) -> Option<Vec<bool>> {
    match published {
        Some(p) if !plan.full => Some(
            jobs.iter()
                .zip(fingerprints)
                .map(|(j, f)| p.fingerprints.get(&j.output) != Some(f))
                .collect(),
        ),
        _ => None,
    }
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
    let staging = Staging::new(root, out)?;
    let sink = Recording {
        inner: &staging,
        content: Mutex::new(HashMap::new()),
    };
    report.rendered = render::render_jobs(jobs, tera, |_| true, &sink)?;
    for (rel, source) in &copies {
        match source {
            Copied::Embedded(bytes) => staging.write(rel, bytes),
            Copied::File(path) => staging.copy(rel, path),
        }
        .map_err(write_failure(rel))?;
    }
    let content = sink.content.into_inner().unwrap_or_default();
    staging.commit()?;
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
    laps: &mut Laps,
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
        render::render_jobs(jobs, tera, |j| chosen.contains(j.output.as_str()), &sink)?;
    laps.lap("render");
    let mut changed = Vec::new();
    let files = sink.0.into_inner().unwrap_or_default();
    let rendered = write_rendered(out, files, old, report, &mut changed)?;
    clear_folders(out, jobs, &chosen, &rendered, old, report, &mut changed);
    let any_copy = copy_changed(out, &copies, old, plan, report)?;
    for ((job, f), r) in jobs.iter().zip(fingerprints).zip(redo) {
        if *r {
            old.fingerprints.insert(job.output.clone(), *f);
        }
    }
    remove_unmade(out, jobs, &copies, old, plan, report, &mut changed);
    old.copied = copies;
    // A changed image or stylesheet can show on any page.
    report.changed = (!any_copy).then_some(changed);
    Ok(())
}

/// Writes the rendered files whose bytes changed, and returns the paths
/// of all that were rendered.
fn write_rendered(
    out: &Path,
    files: Vec<(String, Vec<u8>)>,
    old: &mut Published,
    report: &mut Report,
    changed: &mut Vec<String>,
) -> Result<HashSet<String>, Failure> {
    let mut rendered = HashSet::new();
    for (rel, bytes) in files {
        let h = hash_of(&bytes);
        if old.content.get(&rel) != Some(&h) {
            write_live(out, &rel, &bytes).map_err(write_failure(&rel))?;
            report.written += 1;
            changed.push(url_of(&report.base, &rel));
            old.content.insert(rel.clone(), h);
        }
        rendered.insert(rel);
    }
    Ok(rendered)
}

/// A redone job's folder keeps only what it wrote this time (the search
/// index may now be cut into fewer files).
fn clear_folders(
    out: &Path,
    jobs: &[Job],
    chosen: &HashSet<&str>,
    rendered: &HashSet<String>,
    old: &mut Published,
    report: &mut Report,
    changed: &mut Vec<String>,
) {
    for folder in jobs
        .iter()
        .filter(|j| chosen.contains(j.output.as_str()))
        .filter_map(|j| j.folder.as_deref())
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
}

/// Copies the files that changed (or that the plan says to copy again);
/// returns whether any was.
fn copy_changed(
    out: &Path,
    copies: &BTreeMap<String, Copied>,
    old: &Published,
    plan: &Plan,
    report: &mut Report,
) -> Result<bool, Failure> {
    let mut any_copy = false;
    for (rel, source) in copies {
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
    Ok(any_copy)
}

/// Removes the outputs that are no longer made (looked for only when
/// there may be some).
fn remove_unmade(
    out: &Path,
    jobs: &[Job],
    copies: &BTreeMap<String, Copied>,
    old: &mut Published,
    plan: &Plan,
    report: &mut Report,
    changed: &mut Vec<String>,
) {
    let made = jobs.len() + copies.len();
    if old.fingerprints.len() + old.copied.len() <= made && !plan.relist && plan.copies.is_empty() {
        return;
    }
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

fn write_failure(rel: &str) -> impl FnOnce(std::io::Error) -> Failure {
    let path = PathBuf::from(rel);
    move |source| RenderError::Write { path, source }.into()
}

/// The address a file is served at.
pub(super) fn url_of(base: &str, rel: &str) -> String {
    format!("{base}{}", rel.strip_suffix("index.html").unwrap_or(rel))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_served_at_their_folder() {
        assert_eq!(url_of("/", "policies/a/index.html"), "/policies/a/");
        assert_eq!(url_of("/school/", "index.html"), "/school/");
        assert_eq!(url_of("/", "404.html"), "/404.html");
        assert_eq!(url_of("/", "sitemap.xml"), "/sitemap.xml");
    }
}
