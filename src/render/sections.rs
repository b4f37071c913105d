//! The site's listing pages: the home page, the four section indexes
//! (with the policy list's filters) and 404.

use super::{Contexts, Deps, Job};
use crate::content::{Meta, Section, Site};

/// The home page, the four section indexes, the policy filters and 404.
pub(super) fn jobs<'a>(site: &'a Site, contexts: &'a Contexts<'a>) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    let home = site
        .published_pages()
        .find(|(_, p)| matches!(p.meta, Meta::Home(_)))
        .map(|(i, _)| i);
    jobs.push(Job::new(
        "index.html",
        "home.html",
        Deps::Listing {
            kinds: &["policy", "agreement", "unit", "parent"],
            intro: home,
        },
        move || {
            let home_view = contexts.index_page("home", "", home, &site.config.title);
            let mut ctx = contexts.context(&home_view, None);
            contexts.add_home(&mut ctx);
            ctx
        },
    ));

    for section in Section::ALL {
        jobs.extend(index_jobs(site, contexts, section));
    }
    jobs.push(Job::new(
        crate::layout::NOT_FOUND,
        "404.html",
        Deps::Listing {
            kinds: &[],
            intro: None,
        },
        move || {
            let title = contexts.main_words().get("not_found_title");
            let not_found = contexts.index_page("404", "404.html", None, title);
            contexts.context(&not_found, None)
        },
    ));
    jobs
}

/// A section's index: for policies, one page per filter of the list.
fn index_jobs<'a>(site: &'a Site, contexts: &'a Contexts<'a>, section: Section) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    let intro = site
        .published_pages()
        .find(|(_, p)| matches!(&p.meta, Meta::SectionIndex(s, _) if *s == section))
        .map(|(i, _)| i);
    let view = move || {
        contexts.index_page(
            "section",
            &format!("{}/", section.dir()),
            intro,
            contexts
                .main_words()
                .get(super::contexts::section_title_key(section)),
        )
    };
    let listing = |kinds| Deps::Listing { kinds, intro };
    match section {
        Section::Policies => {
            for (filter, output) in contexts.policy_filter_outputs() {
                jobs.push(Job::new(
                    output,
                    "policies.html",
                    listing(&["policy"]),
                    move || {
                        let filtered = contexts.policy_filter_view(&view(), filter);
                        let mut ctx = contexts.context(&filtered, None);
                        contexts.add_policies(&mut ctx, filter);
                        ctx
                    },
                ));
            }
        }
        Section::Agreements => jobs.push(Job::new(
            "agreements/index.html",
            "agreements.html",
            listing(&["agreement"]),
            move || {
                let mut ctx = contexts.context(&view(), None);
                contexts.add_agreements(&mut ctx);
                ctx
            },
        )),
        Section::Curriculum => jobs.push(Job::new(
            "curriculum/index.html",
            "curriculum.html",
            listing(&["unit"]),
            move || {
                let mut ctx = contexts.context(&view(), None);
                contexts.add_curriculum(&mut ctx);
                ctx
            },
        )),
        Section::Parents => jobs.push(Job::new(
            "parents/index.html",
            "parents.html",
            listing(&["parent", "agreement"]),
            move || {
                let mut ctx = contexts.context(&view(), None);
                contexts.add_parents(&mut ctx);
                ctx
            },
        )),
    }
    jobs
}
