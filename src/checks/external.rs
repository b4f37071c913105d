//! External links checked for shape, offline, on every build: hosts such as
//! `wwww.` or `ww.`, no top-level domain, spaces, mistyped schemes, badly
//! formed `mailto:` and `tel:` links, and `http://` where `https://` is
//! expected.

use std::ops::Range;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Page, Site};
use crate::resolve::links::Links;
use crate::resolve::url_shape::{UrlShape, url_shape};

/// A link or image of a page whose destination is not a place of this site.
#[derive(Debug, Clone)]
pub(crate) struct ExternalLink<'a> {
    /// The page the link is written in, and its index in `site.pages`.
    pub page: &'a Page,
    pub page_index: usize,
    /// The link's span in the page's source file (front matter included).
    pub span: Range<usize>,
    /// The destination as written.
    pub dest: &'a str,
    pub shape: UrlShape,
}

/// Every link and image of every page that leads outside the site, with
/// its shape. Shared by the offline shape check and `check --external`.
pub(crate) fn external_links<'a>(
    site: &'a Site,
    links: &'a Links,
) -> impl Iterator<Item = ExternalLink<'a>> + 'a {
    site.pages
        .iter()
        .zip(&links.outlines)
        .enumerate()
        .flat_map(|(page_index, (page, outline))| {
            outline.links.iter().map(move |link| ExternalLink {
                page,
                page_index,
                span: link.span.start + page.body_offset..link.span.end + page.body_offset,
                dest: &link.dest,
                shape: url_shape(&link.dest),
            })
        })
        .filter(|l| l.shape != UrlShape::Internal)
}

pub(super) fn check(site: &Site, links: &Links, diags: &mut Diagnostics) {
    for link in external_links(site, links) {
        let source = &link.page.source;
        match link.shape {
            UrlShape::Malformed { message, hint } => diags.push(Diagnostic::at(
                Code::LinkMalformed,
                source,
                link.span,
                message,
                hint,
            )),
            UrlShape::Insecure => {
                let secure = format!("https{}", &link.dest.trim()[4..]);
                diags.push(Diagnostic::at(
                    Code::LinkInsecure,
                    source,
                    link.span,
                    format!("`{}` is not a secure (https) address", link.dest.trim()),
                    format!("use {secure} if the site offers it (most do)"),
                ));
            }
            UrlShape::Internal | UrlShape::Fine => {}
        }
    }
}
