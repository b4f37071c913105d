//! `charter check --external`: every external `http(s)` address of the site
//! checked over the network, each once however many pages use it, and
//! reported at every place it appears:
//!
//! - `link-dead` (error): 404 or 410, or no such host;
//! - `link-unreachable` (warning): time-outs, 5xx or 429 still failing after
//!   the retries allowed;
//! - `link-redirect` (notice): a permanent redirect; the hint gives the new
//!   address.
//!
//! The parts, one concept each: [`collect`] (which addresses, where),
//! [`policy`] (the rules for one address, without I/O), [`client`] (one
//! HTTP request through `ureq`), [`scheduler`] (a bounded pool of threads,
//! polite to each host) and [`cache`] (results remembered on disk). Plain
//! `build` never runs any of it.

pub(crate) mod cache;
pub(crate) mod client;
pub(crate) mod collect;
pub(crate) mod policy;
pub(crate) mod scheduler;
pub(crate) mod url;

use std::collections::BTreeMap;
use std::time::Duration;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::config::ExternalLinks;
use crate::content::Site;
use crate::resolve::links::Links;

use cache::{CACHE_FILE, Cache, CacheError, Lifetimes};
use client::{Client, Fetch, Timeouts};
use collect::{Collected, Place};
use policy::{Outcome, Policy};
use scheduler::Limits;

/// What the command line asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// Use results remembered from earlier runs (`--no-cache` says no; the
    /// new results are still remembered).
    pub use_cache: bool,
}

/// Told how far the check has got, e.g. to draw a progress line.
pub(crate) trait Progress: Sync {
    /// `done` of `total` addresses have been checked over the network.
    fn update(&self, done: usize, total: usize);
    /// The network part is over.
    fn finish(&self);
}

/// Counts of addresses (not of places) for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Distinct addresses to check.
    pub urls: usize,
    /// Checked over the network in this run.
    pub checked: usize,
    /// Taken from the cache.
    pub cached: usize,
    /// Left out by `skip_urls` or `skip_patterns`.
    pub skipped: usize,
    pub dead: usize,
    pub unreachable: usize,
    pub redirected: usize,
}

impl Stats {
    /// One line for people, e.g. "External links: 12 addresses (9 checked,
    /// 3 from the cache): 1 dead, 0 unreachable, 2 redirected."
    pub(crate) fn summary_line(&self) -> String {
        let mut line = format!(
            "External links: {} {} ({} checked, {} from the cache): {} dead, {} unreachable, {} redirected",
            self.urls,
            if self.urls == 1 {
                "address"
            } else {
                "addresses"
            },
            self.checked,
            self.cached,
            self.dead,
            self.unreachable,
            self.redirected,
        );
        if self.skipped > 0 {
            line.push_str(&format!("; {} skipped by [external_links]", self.skipped));
        }
        line.push('.');
        line
    }
}

fn seconds(s: f64) -> Duration {
    Duration::try_from_secs_f64(s).unwrap_or(Duration::ZERO)
}

fn lifetimes(settings: &ExternalLinks) -> Lifetimes {
    Lifetimes {
        good: seconds(settings.cache_days * 86_400.0),
        failed: seconds(settings.cache_days_failed * 86_400.0),
    }
}

fn policy(settings: &ExternalLinks) -> Policy {
    Policy {
        max_redirects: settings.max_redirects,
        retries: settings.retries,
        retry_wait: seconds(settings.retry_wait_seconds),
        max_retry_after: seconds(settings.max_retry_after_seconds),
    }
}

fn limits(settings: &ExternalLinks) -> Limits {
    Limits {
        threads: settings.threads,
        per_host: settings.per_host,
        delay: seconds(settings.delay_seconds),
    }
}

/// Checks the site's external links over the network, adding findings to
/// `diags`. Only `charter check --external` calls this.
pub(crate) fn check(
    site: &Site,
    links: &Links,
    options: Options,
    progress: &dyn Progress,
    diags: &mut Diagnostics,
) -> Stats {
    let settings = &site.config.external_links;
    let client = Client::new(
        Timeouts {
            connect: seconds(settings.connect_timeout_seconds),
            total: seconds(settings.timeout_seconds),
        },
        settings.per_host,
        settings.threads.saturating_mul(2),
    );
    check_with(site, links, options, &client, progress, diags)
}

/// [`check`] with any [`Fetch`]: the real client, or a stand-in in tests.
pub(crate) fn check_with(
    site: &Site,
    links: &Links,
    options: Options,
    fetch: &impl Fetch,
    progress: &dyn Progress,
    diags: &mut Diagnostics,
) -> Stats {
    let settings = &site.config.external_links;
    let collected = collect::collect(site, links);
    let lifetimes = lifetimes(settings);
    let (mut cache, problem) = Cache::load(site.root.join(CACHE_FILE));
    // `--no-cache` neither uses nor reports the cache; it still keeps the
    // entries of other addresses when the new results are written.
    if options.use_cache
        && let Some(problem) = problem
    {
        diags.push(cache_notice(&problem));
    }
    let now = cache::now();
    let mut stats = Stats {
        urls: collected.targets.len(),
        skipped: collected.skipped,
        ..Stats::default()
    };
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut to_check = Vec::new();
    for url in collected.targets.keys() {
        match cache
            .fresh(url, now, &lifetimes)
            .filter(|_| options.use_cache)
        {
            Some(outcome) => {
                stats.cached += 1;
                outcomes.insert(url.clone(), outcome.clone());
            }
            None => to_check.push(url.clone()),
        }
    }
    stats.checked = to_check.len();
    if !to_check.is_empty() {
        progress.update(0, to_check.len());
        let results = scheduler::run(
            to_check,
            fetch,
            &policy(settings),
            limits(settings),
            &|done, total| progress.update(done, total),
        );
        progress.finish();
        let checked_at = cache::now();
        for (url, outcome) in results {
            cache.insert(url.clone(), outcome.clone(), checked_at);
            outcomes.insert(url, outcome);
        }
        if let Err(problem) = cache.save(checked_at, &lifetimes) {
            diags.push(cache_notice(&problem));
        }
    }
    for (url, places) in &collected.targets {
        let Some(outcome) = outcomes.get(url) else {
            continue;
        };
        match outcome {
            Outcome::Ok { .. } => continue,
            Outcome::Dead { .. } => stats.dead += 1,
            Outcome::Unreachable { .. } => stats.unreachable += 1,
            Outcome::Redirect { .. } => stats.redirected += 1,
        }
        for place in places {
            if let Some(d) = finding(site, &collected, settings, place, outcome) {
                diags.push(d);
            }
        }
    }
    stats
}

/// The finding for one place of an address, if its outcome is one.
fn finding(
    site: &Site,
    collected: &Collected,
    settings: &ExternalLinks,
    place: &Place,
    outcome: &Outcome,
) -> Option<Diagnostic> {
    let source = collected.source(site, place.origin)?;
    let written = &place.written;
    let (code, message, hint) = match outcome {
        Outcome::Ok { .. } => return None,
        Outcome::Dead { status, reason } => (
            Code::LinkDead,
            format!("`{written}` is dead: {reason}"),
            if status.is_some() {
                "the page has gone: find where it is now (search the site it was on) and link there, or remove the link".to_string()
            } else {
                "check the address for typing mistakes; if the site has closed, remove the link"
                    .to_string()
            },
        ),
        Outcome::Unreachable { reason, .. } => (
            Code::LinkUnreachable,
            format!("`{written}` could not be reached: {reason}"),
            format!(
                "open it in a browser: if it works, the fault may pass (failures are checked again after {} or with `--no-cache`); if not, remove the link or list it in [external_links] skip_urls",
                days(settings.cache_days_failed)
            ),
        ),
        Outcome::Redirect { status, to } => {
            // Keep the #fragment the author wrote, unless the new address has its own.
            let fragment = written.split_once('#').map(|(_, f)| f);
            let new = match fragment {
                Some(f) if !to.contains('#') => format!("{to}#{f}"),
                _ => to.clone(),
            };
            (
                Code::LinkRedirect,
                format!("`{written}` has moved permanently ({status}) to `{to}`"),
                format!("link to {new} instead"),
            )
        }
    };
    Some(Diagnostic::at(
        code,
        source,
        place.span.clone(),
        message,
        hint,
    ))
}

fn days(d: f64) -> String {
    if d == 1.0 {
        "1 day".to_string()
    } else {
        format!("{d} days")
    }
}

/// A notice that the cache could not be used (it was discarded) or saved.
fn cache_notice(problem: &CacheError) -> Diagnostic {
    let (message, hint) = match problem {
        CacheError::Read { source, .. } => (
            format!("the cache of external link results cannot be read: {source}"),
            DISCARDED,
        ),
        CacheError::Corrupt { source, .. } => (
            format!("the cache of external link results is damaged: {source}"),
            DISCARDED,
        ),
        CacheError::Version { found, .. } => (
            format!(
                "the cache of external link results was written by another version of Charter (cache version {found})"
            ),
            DISCARDED,
        ),
        CacheError::Write { source, .. } => (
            format!("the cache of external link results cannot be written: {source}"),
            "results will not be remembered for the next run: check that the site's folder can be written",
        ),
    };
    let mut d = Diagnostic::file(Code::LinkCacheInvalid, CACHE_FILE, message, hint);
    if let Some((line, column)) = problem.position() {
        d.line = line;
        d.column = column;
    }
    d
}

const DISCARDED: &str = "it was set aside and every link checked afresh; the cache is written anew at the end of the run (delete .charter-cache/ if this keeps happening)";
