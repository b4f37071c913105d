//! Policies cited by name ("see the Anti-Bullying Policy") where the site
//! publishes that policy but the text does not link to it. School documents
//! cite each other by title all the time; a link lets a parent open the
//! policy instead of hunting for it.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Meta, Page, Site};
use crate::resolve::links::Links;
use crate::resolve::markdown::Mention;

pub(super) fn check(site: &Site, links: &Links, diags: &mut Diagnostics) {
    let by_name: HashMap<String, usize> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_policy() && !p.draft)
        .map(|(i, p)| (name_key(&p.title), i))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    if by_name.is_empty() {
        return;
    }
    let pages: Vec<(usize, &Page)> = site.source_pages().collect();
    let found: Vec<Vec<Diagnostic>> = pages
        .par_iter()
        .map(|&(i, page)| unlinked_mentions(site, links, &by_name, i, page))
        .collect();
    diags.extend(found.into_iter().flatten());
}

/// Page `i`'s mentions of policies of the site (`by_name`) that do not
/// link to them.
fn unlinked_mentions(
    site: &Site,
    links: &Links,
    by_name: &HashMap<String, usize>,
    i: usize,
    page: &Page,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let outline = &links.outlines[i];
    if matches!(page.meta, Meta::SectionIndex(..)) && outline.blank {
        return diags;
    }
    let mut reported = Vec::new();
    for Mention { span, name } in &outline.mentions {
        // "See Anti-Bullying Policy": the longest tail that names a policy.
        let tails = std::iter::once(0).chain(name.match_indices(' ').map(|(i, _)| i + 1));
        let Some((skip, target)) = tails
            .filter_map(|t| by_name.get(&name_key(&name[t..])).map(|&p| (t, p)))
            .next()
        else {
            continue;
        };
        let name = &name[skip..];
        let span = span.start + skip..span.end;
        let linked = outline
            .links
            .iter()
            .any(|l| l.span.start <= span.start && span.end <= l.span.end);
        // Once per policy and page is enough to make the point.
        if target == i || linked || reported.contains(&target) {
            continue;
        }
        reported.push(target);
        let id = &site.pages[target].id;
        diags.push(Diagnostic::at(
            Code::PolicyUnlinked,
            &page.source,
            span.start + page.body_offset..span.end + page.body_offset,
            format!("the {name} is published on this site, but this mention does not link to it"),
            format!("link it so readers can open it: [{name}](@{id})"),
        ));
    }
    diags
}

/// A name compared without case, "policy", "the", "&" or punctuation.
fn name_key(title: &str) -> String {
    title
        .to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "policy" | "the" | "school" | "s"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(
            name_key("Anti-bullying policy"),
            name_key("Anti-Bullying Policy")
        );
        assert_eq!(
            name_key("First Aid & Medicines"),
            name_key("First aid and medicines policy")
        );
    }
}
