//! Where a site's pages come from: its own folder and, for a school of a
//! trust, the trust's folder too (its `content/` and `agreements/`). The
//! school's own files win: a trust document whose id (or path) the school
//! also has is replaced whole by the school's, and `[trust] exclude` leaves
//! trust documents out.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Page;
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::config::Config;

/// The folders a site is read from.
#[derive(Debug, Clone)]
pub(crate) struct Sources {
    /// The site's own folder (with `charter.toml`).
    pub root: PathBuf,
    /// A folder of shared documents (a trust's), read after the site's own.
    pub shared: Option<PathBuf>,
}

impl Sources {
    /// A site on its own.
    pub(crate) fn single(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            shared: None,
        }
    }
}

/// What a site took from its shared folder, for reports and the trust's
/// overview.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shared {
    /// The shared folder.
    pub root: PathBuf,
    /// The trust's name (from its `trust.toml`), when it can be read.
    pub name: String,
    /// Paths of the shared files read, relative to the shared folder (so
    /// also where they sit in the site): findings in them are shown by
    /// their real place.
    pub files: HashSet<String>,
    /// Every shared document read, whether the site publishes it or not,
    /// in the order read.
    pub documents: Vec<SharedDocument>,
    /// Shared documents the site replaces with its own file of that id.
    pub replaced: BTreeSet<String>,
    /// Shared documents the site adapts by section (`extends = "trust"`),
    /// with the headings of the sections it changed.
    pub adapted: BTreeMap<String, Vec<String>>,
    /// Shared documents the site leaves out (`[trust] exclude`).
    pub excluded: BTreeSet<String>,
}

/// A shared document, as the trust wrote it.
#[derive(Debug, Clone)]
pub(crate) struct SharedDocument {
    pub id: String,
    pub title: String,
    /// A policy or agreement: one with review dates.
    pub reviewed: bool,
    pub draft: bool,
}

/// The shared pages the site publishes: every one but those whose id or
/// path a page of the site has, and those it excludes; and the paths of
/// those left out. Reports `exclude` ids that name no shared document.
pub(super) fn merge(
    own: &[Page],
    theirs: Vec<Page>,
    unreadable_shared: &HashSet<String>,
    config: &Config,
    shared: &mut Shared,
    diags: &mut Diagnostics,
) -> (Vec<Page>, HashSet<String>) {
    let own_ids: HashMap<&str, &Page> = own.iter().map(|p| (p.id.as_str(), p)).collect();
    let own_paths: HashSet<&str> = own.iter().map(|p| p.source.rel_path.as_str()).collect();
    let exclude: HashSet<&str> = config
        .trust
        .exclude
        .iter()
        .map(|e| e.get_ref().as_str())
        .collect();
    let mut kept = Vec::with_capacity(theirs.len());
    let mut dropped = HashSet::new();
    for page in theirs {
        shared.documents.push(SharedDocument {
            id: page.id.clone(),
            title: page.title.clone(),
            reviewed: matches!(
                page.meta,
                super::Meta::Policy(_) | super::Meta::Agreement(_)
            ),
            draft: page.draft,
        });
        let adapted = own_ids
            .get(page.id.as_str())
            .and_then(|p| p.adapted.as_ref());
        if let Some(adaptation) = adapted {
            shared
                .adapted
                .insert(page.id.clone(), adaptation.headings());
            dropped.insert(page.source.rel_path.clone());
        } else if own_ids.contains_key(page.id.as_str())
            || own_paths.contains(page.source.rel_path.as_str())
        {
            shared.replaced.insert(page.id.clone());
            dropped.insert(page.source.rel_path.clone());
        } else if exclude.contains(page.id.as_str()) {
            shared.excluded.insert(page.id.clone());
            dropped.insert(page.source.rel_path.clone());
        } else {
            kept.push(page);
        }
    }
    check_excludes(config, shared, unreadable_shared, diags);
    (kept, dropped)
}

/// `[trust] exclude` in a site that no trust lists: nothing to leave out,
/// and the school publishes none of its trust's documents, so say so.
pub(crate) fn check_excludes_alone(config: &Config, diags: &mut Diagnostics) {
    let (Some(source), Some(first)) = (&config.source, config.trust.exclude.first()) else {
        return;
    };
    diags.push(Diagnostic::at(
        Code::ExcludeUnknown,
        source,
        first.span(),
        "`[trust] exclude` is set, but this site is not a school of a trust: no trust.toml in a folder above lists it, so it publishes none of a trust's documents",
        "add the school's folder to its trust's trust.toml (`[[schools]] folder = \"schools/NAME\"`) and run charter there or in the school's folder, or remove `[trust] exclude`",
    ));
}

/// Each `exclude` id names a shared document, and one the site does not
/// also replace (its own file is published either way).
fn check_excludes(
    config: &Config,
    shared: &Shared,
    unreadable: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let Some(source) = &config.source else {
        return;
    };
    for id in &config.trust.exclude {
        let name = id.get_ref();
        if shared.replaced.contains(name) || shared.adapted.contains_key(name) {
            diags.push(Diagnostic::at(
                Code::ExcludeReplaced,
                source,
                id.span(),
                format!("the trust's document `{name}` is excluded, but this school also has its own file of that id (replacing or adapting it), which is published"),
                "remove the id from `[trust] exclude` to keep the school's own version, or delete the school's file to leave the document out",
            ));
        } else if !shared.documents.iter().any(|d| &d.id == name) && !unreadable.contains(name) {
            let ids = shared.documents.iter().map(|d| d.id.as_str());
            let hint = match crate::base::schema::closest(name, ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "write the id of a document in the trust's content/ or agreements/ (its file name without .md, or its `id`)".to_string(),
            };
            diags.push(Diagnostic::at(
                Code::ExcludeUnknown,
                source,
                id.span(),
                format!("`[trust] exclude` names `{name}`, which is not a document of the trust"),
                hint,
            ));
        }
    }
}
