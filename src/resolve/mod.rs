//! Stage 2, resolve: each page's Markdown is outlined once (headings,
//! links, prose findings), and every link is resolved to an address.

pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod phone;
pub(crate) mod url_shape;
