//! The pages Charter publishes without a Markdown file of their own (the
//! search page, the accessibility statement, the built-in section pages):
//! authors' pages must not take their address or id, and root-relative
//! links may point at them.

use std::collections::HashSet;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::content::{Meta, Page, Site};
use crate::layout::BUILT_IN_IDS;

/// A page that Charter makes without a Markdown file of its own.
pub(super) struct Generated {
    pub(super) id: Option<&'static str>,
    pub(super) url: &'static str,
    /// What it is, for messages.
    pub(super) what: &'static str,
    /// How to resolve a clash with an author's page.
    pub(super) hint: &'static str,
}

pub(super) fn generated_pages(site: &Site) -> Vec<Generated> {
    let mut out = vec![Generated {
        id: None,
        url: crate::layout::SEARCH_URL,
        what: "the site's search page",
        hint: "rename the file: this address is always the search page",
    }];
    if crate::config::accessibility::configured(&site.config) {
        out.push(Generated {
            id: Some(crate::layout::STATEMENT_ID),
            url: crate::layout::STATEMENT_URL,
            what: "the accessibility statement made from [accessibility] in charter.toml",
            hint: "delete this file and keep [accessibility] in charter.toml (it writes the statement), or remove [accessibility] from charter.toml to publish this page instead",
        });
    }
    out
}

/// A page published where a generated page is, or taking its id.
pub(super) fn generated_conflict(generated: &[Generated], page: &Page) -> Option<Diagnostic> {
    if let Some(found) = built_in_address(page) {
        return Some(found);
    }
    if let Some(g) = generated.iter().find(|g| g.url == page.url) {
        return Some(Diagnostic::at(
            Code::IdDuplicate,
            &page.source,
            0..0,
            format!(
                "this page would be published at /{}, where Charter publishes {}",
                g.url, g.what
            ),
            g.hint,
        ));
    }
    let g = generated.iter().find(|g| g.id == Some(page.id.as_str()))?;
    Some(Diagnostic::at(
        Code::IdDuplicate,
        &page.source,
        page.id_span.clone(),
        format!("the id `{}` belongs to {} at /{}", page.id, g.what, g.url),
        format!(
            "give this page its own id, e.g. id = \"{}-{}\"",
            page.id,
            page.meta.kind_name()
        ),
    ))
}

/// An author's page at the address of the home page or a section index
/// (`content/pages/policies.md` at /policies/), which only the section's
/// own `_index.md` may introduce.
fn built_in_address(page: &Page) -> Option<Diagnostic> {
    if matches!(page.meta, Meta::Home(_) | Meta::SectionIndex(..)) {
        return None;
    }
    let (id, url) = BUILT_IN_IDS.into_iter().find(|(_, url)| *url == page.url)?;
    let name = id
        .strip_prefix(crate::layout::BUILT_IN_PREFIX)
        .unwrap_or(id);
    let intro = if url.is_empty() {
        "content/_index.md".to_string()
    } else {
        format!("content/{name}/_index.md")
    };
    Some(Diagnostic::at(
        Code::AddressTaken,
        &page.source,
        0..3,
        format!(
            "this page would be published at /{url}, the address of Charter's built-in {name} page (`@{id}`)"
        ),
        format!(
            "rename or move the file (e.g. to content/pages/{name}-overview.md); to write the text above the built-in page's list, put it in {intro}"
        ),
    ))
}

/// Every path (relative to the output root) that a build publishes and a
/// root-relative link may point at.
pub(super) fn published_paths(site: &Site) -> HashSet<String> {
    let mut out = HashSet::new();
    for (_, url) in BUILT_IN_IDS {
        out.insert(url.to_string());
    }
    for extra in [
        crate::layout::SEARCH_URL,
        crate::layout::SEARCH_MANIFEST,
        crate::layout::NOT_FOUND,
        crate::layout::SITEMAP,
    ] {
        out.insert(extra.to_string());
    }
    if crate::config::accessibility::configured(&site.config) {
        out.insert(crate::layout::STATEMENT_URL.to_string());
    }
    for lang in crate::render::search::languages::searched(site) {
        let prefix = crate::render::search::languages::prefix(&lang.code);
        out.insert(format!("{prefix}{}", crate::layout::SEARCH_URL));
        out.insert(format!("{prefix}{}", crate::layout::SEARCH_MANIFEST));
    }
    for page in &site.pages {
        out.insert(page.url.clone());
        if matches!(page.meta, Meta::Agreement(_)) {
            out.insert(format!("{}form/", page.url));
        }
    }
    for file in site.assets.iter().chain(&site.static_files) {
        out.insert(file.output.clone());
    }
    out
}
