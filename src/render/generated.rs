//! Pages that Charter makes without a Markdown file of their own: the
//! search page (with the files of its index) and the accessibility statement.

use super::{Deps, Job, Views};
use crate::content::Site;
use crate::links::Links;
use crate::{search, statement};

/// Every kind of page: what the search page's A–Z list shows of each.
const ALL_KINDS: &[&str] = &[
    "home",
    "section",
    "policy",
    "agreement",
    "unit",
    "parent",
    "page",
];

/// The search page, the search index's JSON and, when `[accessibility]`
/// is configured, the accessibility statement.
pub(super) fn jobs<'a>(site: &'a Site, links: &'a Links, views: &'a Views<'a>) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    jobs.push(Job::new(
        format!("{}index.html", search::URL),
        "search.html",
        Deps::Listing {
            kinds: ALL_KINDS,
            intro: None,
        },
        move || {
            let entries = search::entries(site, links);
            let mut page = views.index_page("search", search::URL, None, search::TITLE);
            page.summary = "Find a policy, agreement or page by a word in its title, summary or headings, or browse every page from A to Z.".into();
            let mut context = views.context(&page, None);
            context.insert(
                "search",
                &search::view(
                    &site.config.base_path(),
                    super::theme::STATIC_PREFIX,
                    &entries,
                ),
            );
            context
        },
    ));

    if statement::configured(&site.config) {
        jobs.push(Job::new(
            format!("{}index.html", statement::URL),
            "accessibility.html",
            Deps::Listing {
                kinds: &[],
                intro: None,
            },
            move || {
                let mut page =
                    views.index_page("accessibility", statement::URL, None, statement::TITLE);
                page.id = statement::ID.into();
                page.summary = statement::SUMMARY.into();
                let mut context = views.context(&page, None);
                if let Some(view) = statement::view(&site.config) {
                    context.insert("statement", &view);
                }
                context
            },
        ));
    }
    jobs.push(Job::files(
        search::index::MANIFEST,
        search::index::FOLDER,
        Deps::Search,
        move || Ok(search::index::files(&search::entries(site, links))),
    ));
    jobs
}
