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
use rayon::prelude::*;

pub(crate) use external::external_links;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::config::Config;
use crate::content::Site;
use crate::resolve::links::Links;

/// One check over the whole site.
type Check = fn(&Site, &Links, Date, &mut Diagnostics);

/// Every check, in the order their findings are reported.
const CHECKS: [Check; 13] = [
    |site, _, _, d| references::check(site, d),
    |site, _, today, d| review::check(site, today, d),
    |site, links, _, d| external::check(site, links, d),
    |site, links, _, d| placeholders::report(site, links, d),
    |site, links, _, d| accessibility::check(site, links, d),
    |site, links, _, d| hosting::check(site, links, d),
    |site, links, _, d| built_in_links::check(site, links, d),
    |site, _, _, d| agreements::check(site, d),
    |site, links, _, d| citations::check(site, links, d),
    |site, _, _, d| history::check(site, d),
    |site, _, _, d| statutory::check(site, d),
    |site, _, _, d| translations::check(site, d),
    |site, _, _, d| crate::forms::check(site, d),
];

/// Runs every check, adding findings to `diags`. The checks read the site
/// and nothing else, so they run side by side; their findings are added
/// in the order of [`CHECKS`], as if one had run after the other.
pub(crate) fn run(site: &Site, links: &Links, today: Date, diags: &mut Diagnostics) {
    let found: Vec<Diagnostics> = CHECKS
        .par_iter()
        .map(|check| {
            let mut found = Diagnostics::new();
            check(site, links, today, &mut found);
            found
        })
        .collect();
    for f in found {
        diags.extend(f);
    }
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
