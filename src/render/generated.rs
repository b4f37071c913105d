//! Pages that Charter makes without a Markdown file of their own: the
//! search page (with its index) and the accessibility statement.

use super::{Job, Views};
use crate::content::Site;
use crate::links::Links;
use crate::{search, statement};

/// The search page and, when `[accessibility]` is configured, the
/// accessibility statement; with the search index's JSON.
pub(super) fn jobs(site: &Site, links: &Links, views: &Views) -> (Vec<Job>, String) {
    let base = site.config.base_path();
    let entries = search::entries(site, links);
    let mut jobs = Vec::new();

    let mut page = views.index_page("search", search::URL, None, search::TITLE);
    page.summary = "Find a policy, agreement or page by a word in its title, summary or headings, or browse every page from A to Z.".into();
    let mut context = views.context(&page, None);
    context.insert(
        "search",
        &search::view(&base, super::theme::STATIC_PREFIX, &entries),
    );
    jobs.push(Job {
        output: format!("{}index.html", search::URL),
        template: "search.html",
        context,
    });

    if let Some(view) = statement::view(&site.config) {
        let mut page = views.index_page("accessibility", statement::URL, None, statement::TITLE);
        page.id = statement::ID.into();
        page.summary = statement::SUMMARY.into();
        let mut context = views.context(&page, None);
        context.insert("statement", &view);
        jobs.push(Job {
            output: format!("{}index.html", statement::URL),
            template: "accessibility.html",
            context,
        });
    }
    (jobs, search::index_json(&entries))
}
