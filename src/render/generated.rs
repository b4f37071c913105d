//! Pages that Charter makes without a Markdown file of their own: the
//! search page (with the files of its index), the accessibility statement,
//! and the files browsers and search engines ask for at the site's root
//! (`robots.txt`, `favicon.ico`) unless the site has its own in `static/`.

use std::sync::Arc;

use super::{Contexts, Deps, Job};
use crate::content::Site;
use crate::render::{search, statement};
use crate::resolve::links::Links;

/// The search page (and, on a large site, a page per letter of its A to Z
/// list), the files of the search index and, when `[accessibility]` is
/// configured, the accessibility statement.
pub(super) fn jobs<'a>(
    site: &'a Site,
    links: &'a Links,
    contexts: &'a Contexts<'a>,
) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    // What the search page, its letters and the index list: made once, up
    // front, because the letters decide which pages there are (a few
    // milliseconds at 10,000 pages; the index reads the bodies later).
    let entries = Arc::new(search::entries(site, links));
    let groups = Arc::new(search::groups(&entries));
    let search_view = {
        let (entries, groups) = (entries.clone(), groups.clone());
        move |shown: Option<usize>| {
            search::view(
                &site.config.base_path(),
                crate::layout::THEME_STATIC_PREFIX,
                &entries,
                &groups,
                shown,
            )
        }
    };
    let search_view = Arc::new(search_view);
    {
        let search_view = search_view.clone();
        jobs.push(Job::new(
            format!("{}index.html", crate::layout::SEARCH_URL),
            "search.html",
            Deps::Hashed(search::view_key(&entries, &groups, None)),
            move || {
                let w = contexts.main_words();
                let mut page = contexts.index_page(
                    "search",
                    crate::layout::SEARCH_URL,
                    None,
                    w.get("search_title"),
                );
                page.summary = w.get("search_summary").into();
                let mut context = contexts.context(&page, None);
                context.insert("search", &search_view(None));
                context
            },
        ));
    }
    if search::split(&entries) {
        for (g, group) in groups.iter().enumerate() {
            let path = group.page_path();
            let title = format!(
                "{}: {}",
                contexts.main_words().get("a_to_z_title"),
                group.letter
            );
            let search_view = search_view.clone();
            jobs.push(Job::new(
                format!("{path}index.html"),
                "a_to_z.html",
                Deps::Hashed(search::view_key(&entries, &groups, Some(g))),
                move || {
                    let page = contexts.index_page("search", &path, None, &title);
                    let mut context = contexts.context(&page, None);
                    context.insert("search", &search_view(Some(g)));
                    context
                },
            ));
        }
    }

    if crate::config::accessibility::configured(&site.config) {
        jobs.push(statement_job(site, contexts));
    }
    jobs.push(Job::files(
        crate::layout::SEARCH_MANIFEST,
        crate::layout::SEARCH_FOLDER,
        Deps::Search,
        move || Ok(search::index::files(&entries, &site.config.language)),
    ));
    jobs.extend(root_files(site));
    jobs
}

/// Makes a file's bytes from the site.
type MakeBytes = fn(&Site) -> Vec<u8>;

/// `robots.txt` and `favicon.ico`, each unless the site publishes its own.
fn root_files(site: &Site) -> Vec<Job<'_>> {
    let files: [(&str, MakeBytes); 2] = [
        (crate::layout::ROBOTS, |site| robots(site).into_bytes()),
        (crate::layout::FAVICON, crate::render::icons::favicon_ico),
    ];
    files
        .into_iter()
        .filter(|(output, _)| !crate::render::icons::site_has(site, output))
        .map(|(output, make)| {
            let bytes = make(site);
            Job::bytes(output, Deps::Hashed(super::hash_key(&bytes)), move || {
                Ok(bytes.clone())
            })
        })
        .collect()
}

/// `robots.txt`: every page may be crawled (forms to print say `noindex`
/// themselves, which a crawler can read only if it may fetch them), and
/// where the sitemap is. A sitemap must be named by its full address, so a
/// site without `base_url` names none.
fn robots(site: &Site) -> String {
    let mut out = String::from(
        "# Written by Charter. Put your own robots.txt in static/ to replace it.\nUser-agent: *\nAllow: /\n",
    );
    let origin = site.config.origin();
    if !origin.is_empty() {
        out.push_str(&format!(
            "\nSitemap: {origin}{}{}\n",
            site.config.base_path(),
            crate::layout::SITEMAP
        ));
    }
    out
}

/// The accessibility statement's page.
fn statement_job<'a>(site: &'a Site, contexts: &'a Contexts<'a>) -> Job<'a> {
    Job::new(
        format!("{}index.html", crate::layout::STATEMENT_URL),
        "accessibility.html",
        Deps::Listing {
            kinds: &[],
            intro: None,
        },
        move || {
            let mut page = contexts.index_page(
                "accessibility",
                crate::layout::STATEMENT_URL,
                None,
                statement::TITLE,
            );
            page.id = crate::layout::STATEMENT_ID.into();
            page.summary = statement::SUMMARY.into();
            let mut context = contexts.context(&page, None);
            if let Some(view) = statement::view(&site.config) {
                context.insert("statement", &view);
            }
            context
        },
    )
}
