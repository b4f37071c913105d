//! Fingerprints: what each render job's output is made from, hashed, so
//! that a rebuild redoes only the jobs whose inputs changed: `charter
//! serve` keeps them in memory, `charter build` in its cache
//! (`write::cache`). The hashes are XXH3 (not cryptographic: they tell
//! apart versions of one site's files, which nobody crafts to collide),
//! the same in every run of one binary (a build's cache records which
//! binary made it).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use jiff::civil::Date;
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3Default;

use crate::content::history::History;
use crate::content::{Meta, Page, Site};
use crate::render::{Deps, Job};
use crate::resolve::links::Links;
use crate::resolve::markdown::Outline;

/// Hashes of what each render job's context is made from.
///
/// - every job: the *global* inputs that every page shows (the day, the
///   footer's list of pages, whether there is a logo, and an epoch that
///   changes with configuration, guidance and theme);
/// - [`Deps::Page`]: the page's text and path (and for a school's
///   adaptation, the trust's text of the sections it replaced), its links
///   as resolved (so a target page that moved or lost an anchor counts),
///   the title, address and kind of each page it lists as related (or,
///   for a policy, as referring to it), and the previous approved version
///   git holds of it (its "what changed" page);
/// - [`Deps::Listing`]: the path and front matter of every published page
///   of the listed kinds (what index rows and counts show), plus the page
///   fingerprint of the introduction page;
/// - [`Deps::Search`]: what the search index holds of each published page
///   in its language (title, summary, address, headings, opening words),
///   worked out again only for pages whose text changed;
/// - [`Deps::Hashed`]: the hash the job was made with.
pub(crate) struct Fingerprints<'a> {
    site: &'a Site,
    links: &'a Links,
    previous: &'a History,
    text_hash: &'a HashMap<String, u64>,
    search_hash: &'a HashMap<String, u64>,
    global: u64,
    /// For each kind of page, a hash of the path, address and front matter
    /// of each published page of that kind, in order.
    listings: HashMap<&'static str, u64>,
}

/// What a fingerprint is made from besides the site and its links.
pub(crate) struct Inputs<'a> {
    /// Hash of each page's text, by path relative to the root.
    pub text_hash: &'a HashMap<String, u64>,
    /// Hash of what the search index holds of each page, by path.
    pub search_hash: &'a HashMap<String, u64>,
    /// The previous approved version of policies, from git.
    pub previous: &'a History,
    /// Changes with everything that every page shows: configuration,
    /// theme, guidance…
    pub epoch: u64,
    pub today: Date,
}

impl<'a> Fingerprints<'a> {
    pub(crate) fn new(site: &'a Site, links: &'a Links, inputs: Inputs<'a>) -> Self {
        let Inputs {
            text_hash,
            search_hash,
            previous,
            epoch,
            today,
        } = inputs;
        let mut h = Xxh3Default::new();
        epoch.hash(&mut h);
        today.to_string().hash(&mut h);
        crate::layout::logo(&site.root).hash(&mut h);
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
        let mut listings: HashMap<&'static str, Xxh3Default> = HashMap::new();
        for (kind, row) in rows {
            row.hash(listings.entry(kind).or_default());
        }
        Fingerprints {
            site,
            links,
            previous,
            text_hash,
            search_hash,
            global: h.finish(),
            listings: listings.into_iter().map(|(k, h)| (k, h.finish())).collect(),
        }
    }

    /// The fingerprint of one job.
    pub(crate) fn of(&self, job: &Job) -> u64 {
        let mut h = Xxh3Default::new();
        self.global.hash(&mut h);
        match &job.deps {
            Deps::Page(i) => self.page(*i).hash(&mut h),
            Deps::Listing { kinds, intro } => {
                intro.map(|i| self.page(i)).hash(&mut h);
                for kind in *kinds {
                    (kind, self.listings.get(kind)).hash(&mut h);
                }
            }
            Deps::Search(lang) => {
                let in_lang = |p: &&Page| p.translation.as_ref().map(|t| &t.lang) == lang.as_ref();
                let pages = self.site.pages.iter().enumerate().filter(|(_, p)| !p.draft);
                for (i, p) in pages.filter(|(_, p)| in_lang(p)) {
                    let rel = &p.source.rel_path;
                    (i, self.links.url_conflicts.contains(&i)).hash(&mut h);
                    match self.search_hash.get(rel) {
                        Some(k) => k.hash(&mut h),
                        None => p.source.text_hash().hash(&mut h),
                    }
                }
            }
            Deps::Hashed(key) => key.hash(&mut h),
        }
        h.finish()
    }

    fn page(&self, i: usize) -> u64 {
        let p = &self.site.pages[i];
        let mut h = Xxh3Default::new();
        p.source.rel_path.hash(&mut h);
        match self.text_hash.get(&p.source.rel_path) {
            Some(t) => t.hash(&mut h),
            None => p.source.text_hash().hash(&mut h),
        }
        // An adapted page shows the trust's text of the sections the
        // school replaced, which is not in its own.
        if let Some(adapted) = &p.adapted {
            for s in &adapted.sections {
                s.trust_text.hash(&mut h);
            }
        }
        if let Some(version) = self.previous.get(&i) {
            (version.approved.to_string(), &version.commit, &version.body).hash(&mut h);
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

/// A hash of anything hashable (XXH3).
pub(crate) fn hash_of(value: impl Hash) -> u64 {
    let mut h = Xxh3Default::new();
    value.hash(&mut h);
    h.finish()
}

/// The hash of each page's text, by path relative to the root.
pub(crate) fn text_hashes(site: &Site) -> HashMap<String, u64> {
    site.pages
        .par_iter()
        .map(|p| (p.source.rel_path.clone(), p.source.text_hash()))
        .collect()
}

/// What the search index holds of each page, hashed, by path.
pub(crate) fn search_hashes(site: &Site, links: &Links) -> HashMap<String, u64> {
    site.pages
        .par_iter()
        .zip(&links.outlines)
        .map(|(p, o)| (p.source.rel_path.clone(), search_key(p, o)))
        .collect()
}

/// What the search index holds of a page (see `search::entries`).
pub(crate) fn search_key(page: &Page, outline: &Outline) -> u64 {
    let mut h = Xxh3Default::new();
    (&page.title, &page.summary, &page.url, page.meta.kind_name()).hash(&mut h);
    for heading in &outline.headings {
        heading.text.hash(&mut h);
    }
    outline.opening_words.hash(&mut h);
    h.finish()
}
