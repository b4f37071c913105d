//! Policies cited by name ("see the Anti-Bullying Policy") where the site
//! publishes that policy but the text does not link to it. School documents
//! cite each other by title all the time; a link lets a parent open the
//! policy instead of hunting for it.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Meta, Page, Site};
use crate::resolve::links::Links;

/// Little words that may sit inside a policy's name.
const JOINING: [&str; 8] = ["and", "&", "of", "for", "on", "to", "in", "with"];

/// How many words before "Policy" a name may have.
const MAX_WORDS: usize = 7;

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
    if matches!(page.meta, Meta::SectionIndex(..)) && page.body().trim().is_empty() {
        return diags;
    }
    let outline = &links.outlines[i];
    let mut reported = Vec::new();
    for (span, name) in mentions(page.body()) {
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

/// Each "Capitalised Words Policy" in `body`, with its span.
fn mentions(body: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    // One pass: "olicy" found, then its capital or small "p" checked;
    // memchr's searcher, as `str::find` is several times slower on long
    // bodies.
    let finder = memchr::memmem::Finder::new("olicy");
    let next = |from: usize| {
        let mut search = from + 1;
        // Bytes, not `str`: a "Policy" followed by a character of several
        // bytes ("Policy’s") would put `search` inside it.
        while let Some(i) = finder.find(body.as_bytes().get(search..)?) {
            let at = search + i - 1;
            if matches!(body.as_bytes()[at], b'P' | b'p') {
                return Some(at - from);
            }
            search += i + "olicy".len();
        }
        None
    };
    while let Some(found) = next(from) {
        let at = from + found;
        from = at + "policy".len();
        let after = body[from..].chars().next();
        if after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        if let Some(start) = name_start(&body[..at]) {
            let name = body[start..from]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push((start..from, name));
        }
    }
    out
}

/// Where the capitalised name ending just before `before` starts.
fn name_start(before: &str) -> Option<usize> {
    let mut start = None;
    let mut end = before.trim_end().len();
    if end == before.len() && !before.is_empty() {
        return None; // "Policy" glued to the word before it
    }
    for _ in 0..MAX_WORDS {
        let text = &before[..end];
        let word_start = text.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
        let word = &text[word_start..];
        let capital = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’'));
        if capital {
            start = Some(word_start);
        } else if !JOINING.contains(&word.to_lowercase().as_str()) || start.is_none() {
            break;
        }
        if word_start == 0 {
            break;
        }
        end = text[..word_start].trim_end().len();
        if end == word_start {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::{mentions, name_key};

    fn names(body: &str) -> Vec<String> {
        mentions(body).into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn capitalised_names_before_policy() {
        assert_eq!(
            names("See the Anti-Bullying Policy and our Relationships and Sex Education policy."),
            [
                "Anti-Bullying Policy",
                "Relationships and Sex Education policy"
            ]
        );
        assert_eq!(
            names("Read Online Safety Policy."),
            ["Read Online Safety Policy"]
        );
        // Candidates only: "This" names no policy, so nothing is reported.
        assert_eq!(
            names("This policy applies. Our behaviour policy too."),
            ["This policy"]
        );
        assert_eq!(
            names("the school's Child Protection Policy"),
            ["Child Protection Policy"]
        );
    }

    #[test]
    fn a_policy_followed_by_a_curly_apostrophe_does_not_end_the_search() {
        assert_eq!(
            names(
                "The Online Safety Policy’s rules. See the Behaviour Policy. Also the Équipe policy"
            ),
            [
                "The Online Safety Policy",
                "Behaviour Policy",
                "Équipe policy"
            ]
        );
    }

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
