//! `check` sees what `build` refuses: two things published at one path
//! (a page where Charter writes one of its own pages, a `static/` file
//! where a page goes, two files copied to one place) stop a build with
//! `RenderError::OutputConflict`, so they are findings of `check` too,
//! with the file to rename. The build's jobs are laid out (not rendered)
//! to know every path it would write.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::source::SourceFile;
use crate::content::Site;
use crate::content::history::History;
use crate::render::{Contexts, Deps};
use crate::resolve::links::Links;

/// Reports every path that two outputs of the build would take.
pub(crate) fn report(site: &Site, links: &Links, today: Date, diags: &mut Diagnostics) {
    let contexts = Contexts::new(site, links, today);
    let history = History::new();
    // Other render problems (a template, a PDF) are not about addresses.
    let Ok(jobs) = crate::render::jobs_before_sitemap(site, links, &contexts, &history, today)
    else {
        return;
    };
    let mut by_path: HashMap<&str, Vec<&Deps>> = HashMap::new();
    for job in &jobs {
        by_path
            .entry(job.output.as_str())
            .or_default()
            .push(&job.deps);
    }
    let mut reported = HashSet::new();
    for job in &jobs {
        let Deps::Page(i) = job.deps else { continue };
        let others = by_path.get(job.output.as_str()).map_or(0, Vec::len);
        if others > 1 && reported.insert(i) {
            let page = &site.pages[i];
            diags.push(Diagnostic::at(
                Code::AddressTaken,
                &page.source,
                0..3,
                format!(
                    "this page would be published at /{}, where Charter writes one of its own pages",
                    address(&job.output)
                ),
                "rename or move the file so that it has an address of its own",
            ));
        }
    }
    let mut taken: HashSet<&str> = by_path.keys().copied().collect();
    taken.insert(crate::layout::SITEMAP);
    copied_files(site, taken, diags);
}

/// Files published as they are (`static/`, files beside the pages), each
/// at a path nothing else takes.
fn copied_files<'a>(site: &'a Site, mut taken: HashSet<&'a str>, diags: &mut Diagnostics) {
    let mut copied: HashMap<&str, &std::path::Path> = HashMap::new();
    for file in site.static_files.iter().chain(&site.assets) {
        let rel = SourceFile::display_path(&site.root, &file.source);
        let message = match copied.get(file.output.as_str()) {
            Some(first) => format!(
                "this file would be published at /{} like {}",
                file.output,
                SourceFile::display_path(&site.root, first)
            ),
            None if taken.contains(file.output.as_str()) => format!(
                "this file would be published at /{}, where the site has a page or a file Charter writes",
                file.output
            ),
            None => {
                copied.insert(file.output.as_str(), &file.source);
                continue;
            }
        };
        diags.push(Diagnostic::file(
            Code::AddressTaken,
            rel,
            message,
            "rename or move the file so that it has an address of its own",
        ));
        taken.insert(file.output.as_str());
    }
}

/// `policies/index.html` → `policies/`: the address a reader sees.
fn address(output: &str) -> &str {
    output.strip_suffix("index.html").unwrap_or(output)
}
