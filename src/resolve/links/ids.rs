//! Which page has which id: the index of ids (ids used twice, and pages
//! published at one address, are reported) and resolving `@id` and
//! `@id#anchor` links to the page's URL.

use std::collections::HashMap;

use super::built_in::{generated_conflict, generated_pages};
use super::{Context, Failure, Links, anchor_hint, percent_decode, suggestion};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Page, Site};
use crate::layout::BUILT_IN_IDS;

/// Builds id → page, reporting ids used twice and pages that would be
/// published at the same address.
pub(super) fn index_ids(site: &Site, links: &mut Links, diags: &mut Diagnostics) {
    let mut urls: HashMap<&str, usize> = HashMap::new();
    let generated = generated_pages(site);
    for (i, page) in site.pages.iter().enumerate() {
        if let Some(found) = generated_conflict(&generated, page) {
            // A page at a built-in page's address keeps its id: links to
            // it are not reported again.
            let keeps_id = found.code == Code::AddressTaken;
            diags.push(found);
            if keeps_id || generated.iter().any(|g| g.url == page.url) {
                links.url_conflicts.insert(i);
            }
            if !keeps_id {
                continue;
            }
        }
        if page.translation.is_some() {
            // A translation has its source's id; `@id` means the source.
        } else if let Some(&first) = links.by_id.get(&page.id) {
            let other = &site.pages[first];
            diags.push(Diagnostic::at(
                Code::IdDuplicate,
                &page.source,
                page.id_span.clone(),
                format!(
                    "the id `{}` is already used by {}",
                    page.id, other.source.rel_path
                ),
                format!(
                    "give one of them another id, e.g. id = \"{}-{}\"",
                    page.id,
                    page.meta.kind_name()
                ),
            ));
        } else {
            links.by_id.insert(page.id.clone(), i);
        }
        if let Some(&first) = urls.get(page.url.as_str()) {
            diags.push(Diagnostic::at(
                Code::IdDuplicate,
                &page.source,
                0..0,
                format!(
                    "this page would be published at /{} like {}",
                    page.url, site.pages[first].source.rel_path
                ),
                "rename one of the two files so that each page has its own address",
            ));
            links.url_conflicts.insert(i);
        } else {
            urls.insert(page.url.as_str(), i);
        }
    }
}

impl Context<'_> {
    pub(super) fn resolve_xref(
        &self,
        page: &Page,
        xref: &str,
    ) -> Result<(String, Option<usize>), Failure> {
        let (id, anchor) = match xref.split_once('#') {
            Some((i, a)) => (i, Some(a)),
            None => (xref, None),
        };
        let Some(&target) = self.links.by_id.get(id) else {
            // `@charter:parents`, or the old `@parents` (`checks::built_in_links`
            // asks for the new spelling).
            if let Some((_, url)) = crate::layout::built_in_page(id)
                && anchor.is_none()
            {
                return Ok((format!("{}{url}", self.base), None));
            }
            let statement = crate::config::accessibility::configured(&self.site.config);
            // `@charter:accessibility` too, like the other built-in pages.
            let statement_id = id
                .strip_prefix(crate::layout::BUILT_IN_PREFIX)
                .unwrap_or(id);
            if statement && statement_id == crate::layout::STATEMENT_ID && anchor.is_none() {
                return Ok((
                    format!("{}{}", self.base, crate::layout::STATEMENT_URL),
                    None,
                ));
            }
            let ids = self
                .links
                .by_id
                .keys()
                .map(String::as_str)
                .chain(BUILT_IN_IDS.iter().map(|(b, _)| *b))
                .chain(statement.then_some(crate::layout::STATEMENT_ID));
            return Err(Failure {
                code: Code::XrefUnknown,
                message: format!("no page has the id `{id}`"),
                hint: suggestion(id, ids, "page"),
            });
        };
        let target_page = &self.site.pages[target];
        if target_page.draft && !page.draft {
            return Err(Failure {
                code: Code::XrefUnknown,
                message: format!("`@{id}` is a draft, which is not published"),
                hint: format!(
                    "publish {} (remove `draft = true`) or remove this link",
                    target_page.source.rel_path
                ),
            });
        }
        self.page_url(target, anchor).map(|url| (url, Some(target)))
    }

    pub(super) fn page_url(&self, target: usize, anchor: Option<&str>) -> Result<String, Failure> {
        let target_page = &self.site.pages[target];
        let url = format!("{}{}", self.base, target_page.url);
        match anchor {
            None | Some("") => Ok(url),
            Some(a) => {
                let outline = &self.links.outlines[target];
                if outline.has_anchor(&percent_decode(a)) {
                    Ok(format!("{url}#{a}"))
                } else {
                    Err(Failure {
                        code: Code::XrefAnchorUnknown,
                        message: format!(
                            "`{}` has no heading with the anchor `#{a}`",
                            target_page.id
                        ),
                        hint: anchor_hint(a, outline),
                    })
                }
            }
        }
    }
}
