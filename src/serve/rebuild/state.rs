//! The site as it is on disk now, read again only where a change calls
//! for it, through the pipeline's own stages.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use jiff::civil::Date;

use super::{Failure, Laps, Plan};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::history::History;
use crate::content::{Bodies, Reach, Site, Sources};
use crate::layout::AGREEMENTS_PREFIX;
use crate::pipeline;
use crate::render::fingerprints::{hash_of, search_hashes, search_key, text_hashes};
use crate::resolve::links::Links;
use crate::resolve::markdown::Outline;

/// The site as it is on disk now (it may have errors).
pub(super) struct State {
    pub(super) site: Site,
    pub(super) links: Links,
    /// Hash of each page's text, by path relative to the root.
    pub(super) text_hash: HashMap<String, u64>,
    /// Hash of what the search index holds of each page, by path.
    pub(super) search_hash: HashMap<String, u64>,
    /// Findings of reading, by file.
    pub(super) load_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// Findings of the checks, by file (before `[checks]` settings apply).
    pub(super) check_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// The day the checks ran for.
    pub(super) checked_for: Date,
    /// Every finding of the last rebuild, `[checks]` applied.
    pub(super) all_diags: Diagnostics,
    pub(super) tera: tera::Tera,
    /// The previous approved version of policies, from git (read again
    /// when files come or go, or a policy's `approved` date changes).
    pub(super) previous: History,
}

impl State {
    /// Reads what changed into the state: everything, the file list, or
    /// just the edited files.
    pub(super) fn read<'a>(
        slot: &'a mut Option<State>,
        sources: &Sources,
        plan: &Plan,
        today: Date,
        laps: &mut Laps,
    ) -> Result<&'a mut State, Failure> {
        if plan.full || slot.is_none() {
            *slot = Some(State::read_all(sources, today)?);
        } else if let Some(state) = slot.as_mut() {
            state.read_changes(sources, plan, today, laps)?;
        }
        slot.as_mut().ok_or(Failure::Crashed)
    }

    /// Reads, resolves and checks the whole site.
    fn read_all(sources: &Sources, today: Date) -> Result<State, Failure> {
        {
            let (site, diags) = load_site(sources)?;
            let tera = pipeline::templates(&site)?;
            let text_hash = text_hashes(&site);
            let mut resolve_diags = Diagnostics::new();
            let links = pipeline::resolve(&site, &mut resolve_diags);
            let mut checks = Diagnostics::new();
            pipeline::check_site(&site, &links, today, &mut checks);
            let search_hash = search_hashes(&site, &links);
            let mut state = State {
                search_hash,
                previous: pipeline::history(&site),
                load_diags: by_file(diags),
                check_diags: by_file(checks),
                checked_for: today,
                all_diags: Diagnostics::new(),
                site,
                links,
                text_hash,
                tera,
            };
            state.all_diags = combine(&state, resolve_diags);
            Ok(state)
        }
    }

    /// Reads the edited files again (or lists every file again), then
    /// resolves the whole site and checks what changed.
    fn read_changes(
        &mut self,
        sources: &Sources,
        plan: &Plan,
        today: Date,
        laps: &mut Laps,
    ) -> Result<(), Failure> {
        let root = sources.root.as_path();
        let mut outlines: Vec<Option<Outline>> = std::mem::take(&mut self.links.outlines)
            .into_iter()
            .map(Some)
            .collect();
        let mut recheck: BTreeSet<String> = plan.edited.clone();
        if plan.relist {
            outlines = self.relist(sources, outlines, &mut recheck)?;
        } else {
            let mut history_moved = false;
            for rel in &plan.edited {
                history_moved |= reload_file(self, &mut outlines, rel, root);
            }
            if history_moved {
                self.previous = pipeline::history(&self.site);
            }
            if !plan.copies.is_empty() {
                self.relist_static(root);
            }
        }
        laps.lap("read");
        let mut resolve_diags = Diagnostics::new();
        self.links = pipeline::resolve_again(&self.site, outlines, &mut resolve_diags);
        self.update_search_keys(&recheck, plan.relist);
        laps.lap("resolve");
        let agreements_involved = recheck.iter().any(|r| r.starts_with(AGREEMENTS_PREFIX));
        if plan.relist || agreements_involved || self.checked_for != today {
            let mut checks = Diagnostics::new();
            pipeline::check_site(&self.site, &self.links, today, &mut checks);
            self.check_diags = by_file(checks);
            self.checked_for = today;
        } else {
            check_pages(self, &recheck, today);
        }
        laps.lap("check");
        self.all_diags = combine(self, resolve_diags);
        laps.lap("combine");
        Ok(())
    }

    /// Reads the whole site again (files came or went), keeping the
    /// outlines of the pages whose text is the same; the others are added
    /// to `recheck`.
    fn relist(
        &mut self,
        sources: &Sources,
        outlines: Vec<Option<Outline>>,
        recheck: &mut BTreeSet<String>,
    ) -> Result<Vec<Option<Outline>>, Failure> {
        let (site, diags) = load_site(sources)?;
        let mut old: HashMap<String, (u64, Outline)> = self
            .site
            .pages
            .iter()
            .zip(outlines)
            .filter_map(|(p, o)| {
                let rel = p.source.rel_path.clone();
                Some((rel.clone(), (*self.text_hash.get(&rel)?, o?)))
            })
            .collect();
        self.site = site;
        self.text_hash = text_hashes(&self.site);
        self.load_diags = by_file(diags);
        self.previous = pipeline::history(&self.site);
        let outlines = self
            .site
            .pages
            .iter()
            .map(|p| {
                let rel = &p.source.rel_path;
                match old.remove(rel) {
                    Some((h, o)) if self.text_hash.get(rel) == Some(&h) => Some(o),
                    _ => {
                        recheck.insert(rel.clone());
                        None
                    }
                }
            })
            .collect();
        Ok(outlines)
    }

    /// Lists `static/` again (a file there changed, came or went), with
    /// its findings.
    fn relist_static(&mut self, root: &Path) {
        let mut diags = Diagnostics::new();
        self.site.static_files = crate::content::static_files(root, Reach::InsideSite, &mut diags);
        let prefix = format!("{}/", crate::layout::STATIC_DIR);
        self.load_diags.retain(|file, _| !file.starts_with(&prefix));
        for (file, found) in by_file(diags) {
            self.load_diags.entry(file).or_default().extend(found);
        }
    }

    /// What the search index holds of the pages read again.
    fn update_search_keys(&mut self, recheck: &BTreeSet<String>, relisted: bool) {
        if relisted {
            let live: HashSet<&str> = self
                .site
                .pages
                .iter()
                .map(|p| p.source.rel_path.as_str())
                .collect();
            self.search_hash
                .retain(|rel, _| live.contains(rel.as_str()));
        }
        for (p, o) in self.site.pages.iter().zip(&self.links.outlines) {
            if recheck.contains(&p.source.rel_path) {
                self.search_hash
                    .insert(p.source.rel_path.clone(), search_key(p, o));
            }
        }
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
    (rel.starts_with(AGREEMENTS_PREFIX), rel.split('/').collect())
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
        statutory: state.site.statutory.clone(),
        pages: picked
            .iter()
            .map(|&i| state.site.pages[i].clone())
            .collect(),
        assets: Vec::new(),
        static_files: Vec::new(),
        theme_files: Vec::new(),
        unreadable_ids: state.site.unreadable_ids.clone(),
        shared: state.site.shared.clone(),
        strings: state.site.strings.clone(),
        read_again: Default::default(),
    };
    let sub_links = Links {
        outlines: picked
            .iter()
            .map(|&i| state.links.outlines[i].clone())
            .collect(),
        ..Links::default()
    };
    let mut found = Diagnostics::new();
    pipeline::check_site(&sub_site, &sub_links, today, &mut found);
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
    // What the law requires is about the whole school: a page may have
    // started or stopped meeting a requirement, so those findings are made
    // again from the whole site after every edit.
    if state.site.statutory.is_some() {
        let whole_school = |c: Code| matches!(c, Code::StatutoryMissing | Code::PublishMissing);
        for ds in state.check_diags.values_mut() {
            ds.retain(|d| !whole_school(d.code));
        }
        let mut law = Diagnostics::new();
        crate::checks::statutory::whole_school(&state.site, &mut law);
        for (file, ds) in by_file(law) {
            state.check_diags.entry(file).or_default().extend(ds);
        }
    }
}

/// All findings: reading, links, checks, with `[checks]` settings applied.
fn combine(state: &State, resolve_diags: Diagnostics) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.extend(state.load_diags.values().flatten().cloned());
    all.extend(resolve_diags);
    all.extend(state.check_diags.values().flatten().cloned());
    pipeline::settle(&state.site, &mut all);
    all
}

fn by_file(diags: Diagnostics) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        out.entry(d.file.clone()).or_default().push(d);
    }
    out
}

/// Reads the whole site, with the findings of loading it.
fn load_site(sources: &Sources) -> Result<(Site, Diagnostics), Failure> {
    let mut diags = Diagnostics::new();
    let site = pipeline::load_reaching(sources, Reach::InsideSite, Bodies::Held, &mut diags)?;
    Ok((site, diags))
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
}
