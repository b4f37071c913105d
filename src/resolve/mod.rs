//! Stage 2, resolve: each page's Markdown is outlined once (headings,
//! links, prose findings), and every link is resolved to an address.

pub mod links;
pub mod markdown;
pub mod url_shape;
