//! Checks over the resolved site, one file per family. Link resolution
//! (`links`) already reported links that lead nowhere; the checks here look
//! at what the pages say. `apply_config` then applies the site's `[checks]`
//! settings to every finding of the run.

mod accessibility;
mod agreements;
mod built_in_links;
mod citations;
mod external;
mod history;
mod hosting;
mod placeholders;
pub(crate) mod readability;
mod references;
mod review;
pub(crate) mod statutory;
mod translations;

use std::collections::HashSet;

use jiff::civil::Date;

pub(crate) use external::external_links;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::config::Config;
use crate::content::Site;
use crate::resolve::links::Links;

/// Runs every check, adding findings to `diags`.
pub(crate) fn run(site: &Site, links: &Links, today: Date, diags: &mut Diagnostics) {
    references::check(site, diags);
    review::check(site, today, diags);
    external::check(site, links, diags);
    placeholders::report(site, links, diags);
    accessibility::check(site, links, diags);
    hosting::check(site, links, diags);
    built_in_links::check(site, links, diags);
    agreements::check(site, diags);
    citations::check(site, links, diags);
    history::check(site, diags);
    statutory::check(site, diags);
    translations::check(site, diags);
    crate::forms::check(site, diags);
}

/// Codes whose findings leave a file unread or a page unplaced: silencing
/// them would drop content without a word, so config cannot.
pub(crate) const NOT_SILENCEABLE: [Code; 6] = [
    Code::AddressTaken,
    Code::ConfigInvalid,
    Code::FrontmatterInvalid,
    Code::FileInvalid,
    Code::IdDuplicate,
    Code::DateUnparseable,
];

/// Applies `[checks]`: ignored codes are dropped and severities changed.
/// Findings in drafts are marked so they never stop a build (drafts are not
/// published) though `charter check` still reports them.
pub(crate) fn apply_config(config: &Config, site: Option<&Site>, diags: &mut Diagnostics) {
    let ignored: HashSet<Code> = config
        .checks
        .ignore
        .iter()
        .filter_map(|c| Code::from_name(c))
        .filter(|c| !NOT_SILENCEABLE.contains(c))
        .collect();
    let overrides: Vec<(Code, Severity)> = config
        .checks
        .severity
        .iter()
        .filter_map(|(c, s)| Some((Code::from_name(c)?, Severity::from_name(s)?)))
        .filter(|(c, _)| !NOT_SILENCEABLE.contains(c))
        .collect();
    let drafts: HashSet<&str> = site
        .map(|s| {
            s.pages
                .iter()
                .filter(|p| p.draft)
                .map(|p| p.source.rel_path.as_str())
                .collect()
        })
        .unwrap_or_default();
    diags.retain(|d| !ignored.contains(&d.code));
    diags.for_each_mut(|d: &mut Diagnostic| {
        if let Some((_, s)) = overrides.iter().find(|(c, _)| *c == d.code) {
            d.severity = *s;
        }
        if drafts.contains(d.file.as_str()) {
            d.in_draft = true;
        }
    });
}
