//! `@parents`, `@policies`…: links to built-in pages by the ids they had
//! before their ids took the `charter:` prefix. They still lead to the
//! built-in page (unless an author's page now has that id), and this
//! check asks for the new spelling, which no file can ever take.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::Site;
use crate::resolve::links::Links;

pub(crate) fn check(site: &Site, links: &Links, diags: &mut Diagnostics) {
    for (page, outline) in site.pages.iter().zip(&links.outlines) {
        for link in &outline.links {
            let Some(id) = link.dest.strip_prefix('@') else {
                continue;
            };
            if id.contains([':', '#']) || links.by_id.contains_key(id) {
                continue;
            }
            let Some((new_id, url)) = crate::layout::built_in_page(id) else {
                continue;
            };
            let span = link.span.start + page.body_offset..link.span.end + page.body_offset;
            diags.push(Diagnostic::at(
                Code::XrefOldId,
                &page.source,
                span,
                format!("`@{id}` links to the built-in page /{url} by its old id"),
                format!(
                    "write `@{new_id}`: it always means the built-in page, while `@{id}` would lead to any page you name {id}.md"
                ),
            ));
        }
    }
}
