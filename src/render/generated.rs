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
    // What the search pages, their letters and the indexes list: made
    // once, up front, because the letters decide which pages there are (a
    // few milliseconds at 10,000 pages; the index reads the bodies later).
    let main = search::entries(site, links);
    let mut jobs = Vec::new();
    for lang in search::languages::searched(site) {
        let own = search::languages::entries_in(site, links, &lang.code);
        let listed = search::languages::a_to_z_in(&main, &own, &site.config.language);
        jobs.extend(search_jobs(site, contexts, Some(&lang.code), own, listed));
    }
    let main = Arc::new(main);
    jobs.extend(search_jobs(site, contexts, None, main.clone(), main));
    if crate::config::accessibility::configured(&site.config) {
        jobs.push(statement_job(site, contexts));
    }
    jobs.extend(root_files(site));
    jobs
}

/// The search page of a language (`lang`, or the main language), the
/// pages of its A to Z list's letters when it is split, and its index:
/// `indexed` are the pages in the language, `listed` what its A to Z list
/// shows.
fn search_jobs<'a>(
    site: &'a Site,
    contexts: &'a Contexts<'a>,
    lang: Option<&'a str>,
    indexed: impl Into<Arc<Vec<search::Entry<'a>>>>,
    listed: impl Into<Arc<Vec<search::Entry<'a>>>>,
) -> Vec<Job<'a>> {
    let (indexed, entries) = (indexed.into(), listed.into());
    let groups = Arc::new(search::groups(&entries));
    let place = Arc::new(search::languages::place(site, lang));
    let prefix = place.prefix.clone();
    let search_view = {
        let (entries, groups, place) = (entries.clone(), groups.clone(), place.clone());
        move |shown: Option<usize>| {
            search::view(
                &site.config.base_path(),
                crate::layout::THEME_STATIC_PREFIX,
                &place,
                &entries,
                &groups,
                shown,
            )
        }
    };
    let search_view = Arc::new(search_view);
    // A page of the search in `lang`: its words are the theme's, its
    // language and navigation the reader's.
    let page_in = move |path: &str, title: &str| {
        let mut page = contexts.index_page("search", path, None, title);
        contexts.search_page_in(&mut page, lang);
        page
    };
    let mut jobs = Vec::new();
    {
        let search_view = search_view.clone();
        let path = format!("{prefix}{}", crate::layout::SEARCH_URL);
        jobs.push(Job::new(
            format!("{path}index.html"),
            "search.html",
            Deps::Hashed(search::view_key(&place, &entries, &groups, None)),
            move || {
                let w = contexts.words(lang.unwrap_or(&site.config.language));
                let mut page = page_in(&path, w.get("search_title"));
                page.summary = w.get("search_summary").into();
                let mut context = contexts.context(&page, None);
                context.insert("search", &search_view(None));
                context
            },
        ));
    }
    if search::split(&entries) {
        for (g, group) in groups.iter().enumerate() {
            let path = format!("{prefix}{}", group.page_path());
            let title = format!(
                "{}: {}",
                contexts
                    .words(lang.unwrap_or(&site.config.language))
                    .get("a_to_z_title"),
                group.letter
            );
            let search_view = search_view.clone();
            jobs.push(Job::new(
                format!("{path}index.html"),
                "a_to_z.html",
                Deps::Hashed(search::view_key(&place, &entries, &groups, Some(g))),
                move || {
                    let page = page_in(&path, &title);
                    let mut context = contexts.context(&page, None);
                    context.insert("search", &search_view(Some(g)));
                    context
                },
            ));
        }
    }
    let language = lang.unwrap_or(&site.config.language);
    jobs.push(Job::files(
        format!("{prefix}{}", crate::layout::SEARCH_MANIFEST),
        format!("{prefix}{}", crate::layout::SEARCH_FOLDER),
        Deps::Search(lang.map(str::to_string)),
        move || Ok(search::index::files(&indexed, language, &prefix)),
    ));
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
