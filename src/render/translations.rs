//! The outputs of translations: each translated page as its source's are
//! made (page, form, PDF), and a translated home page or section
//! introduction as a list of that language's pages, where a page not yet
//! translated is linked in the site's main language and marked so.

use super::views::ListedPage;
use super::{Contexts, Deps, Job};
use crate::content::history::History;
use crate::content::{Meta, Site};
use crate::resolve::links::{Links, section_of};

/// The jobs of every published translation.
pub(super) fn jobs<'a>(
    site: &'a Site,
    links: &'a Links,
    contexts: &'a Contexts<'a>,
    previous: &'a History,
) -> Vec<Job<'a>> {
    let base = site.config.base_path();
    let mut jobs = Vec::new();
    for (i, page) in site
        .published_translations()
        .filter(|(i, _)| !links.url_conflicts.contains(i))
    {
        match &page.meta {
            Meta::Home(_) | Meta::SectionIndex(..) => jobs.push(index_job(site, contexts, i)),
            _ => jobs.extend(super::page_jobs(
                site,
                contexts,
                previous,
                base.clone(),
                i,
                page,
            )),
        }
    }
    jobs
}

/// A translated home page or section introduction, with its list.
fn index_job<'a>(site: &'a Site, contexts: &'a Contexts<'a>, i: usize) -> Job<'a> {
    let page = &site.pages[i];
    let kind = if matches!(page.meta, Meta::Home(_)) {
        "home"
    } else {
        "section"
    };
    Job::new(
        format!("{}index.html", page.url),
        "translated_index.html",
        Deps::Listing {
            kinds: &[
                "home",
                "section",
                "policy",
                "agreement",
                "unit",
                "parent",
                "page",
            ],
            intro: Some(i),
        },
        move || {
            let view = contexts.index_page(kind, &page.url, Some(i), &page.title);
            let mut ctx = contexts.context(&view, Some(page));
            ctx.insert("listed", &listed(site, contexts, i));
            ctx.insert("main_language", contexts.main_words().get("language_name"));
            ctx
        },
    )
}

/// What a translated index lists: for a section, each of its published
/// pages, in the translation's language where there is one; for the home
/// page, every page translated into its language.
fn listed(site: &Site, contexts: &Contexts<'_>, i: usize) -> Vec<ListedPage> {
    let page = &site.pages[i];
    let Some(tr) = &page.translation else {
        return Vec::new();
    };
    let section = match &page.meta {
        Meta::SectionIndex(s, _) => Some(*s),
        _ => None,
    };
    let mut out: Vec<ListedPage> = site
        .published_pages()
        .filter(|(_, p)| !matches!(p.meta, Meta::Home(_) | Meta::SectionIndex(..)))
        .filter(|(_, p)| match section {
            Some(s) => section_of(p) == Some(s),
            None => true,
        })
        .filter_map(|(j, p)| {
            let translated = contexts
                .translations_of(j)
                .find(|(_, t)| t.translation.as_ref().is_some_and(|x| x.lang == tr.lang));
            match translated {
                Some((_, t)) => Some(contexts.listed_page(t, &tr.lang, true)),
                // The home page lists what is in its language only.
                None if section.is_some() => {
                    Some(contexts.listed_page(p, &site.config.language, false))
                }
                None => None,
            }
        })
        .collect();
    // Translated pages first, each group in title order.
    out.sort_by(|a, b| {
        b.translated
            .cmp(&a.translated)
            .then_with(|| a.title.cmp(&b.title))
    });
    out
}
