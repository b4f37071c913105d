//! Charter: a static-site generator for schools' policy and curriculum
//! publishing. The pipeline is [`pipeline`]: load → resolve → check →
//! render → write.
//!
//! Modules, in the order data flows through them (each uses only those
//! above it):
//! - [`base`]: source files and spans, diagnostics, key schemas, dates;
//! - [`layout`]: the site's folders and addresses;
//! - [`languages`]: language facts (direction, names) and dates in a language;
//! - [`config`]: `charter.toml` and `guidance.toml`;
//! - [`statutory`]: the register of what the law asks of a school;
//! - [`content`]: stage 1, load: the site's pages and files, git history;
//! - [`resolve`]: stage 2: Markdown outlines and links;
//! - [`forms`]: agreement forms laid out (for checks and rendering);
//! - [`checks`]: stage 3;
//! - [`render`]: stage 4: templates, pages, dashboard, search, PDFs;
//! - [`write`]: stage 5: atomic output;
//! - [`pipeline`]: the stages as functions, `build` and `check`;
//! - [`external_links`], [`serve`], [`scaffold`], [`import`], [`cli`]: on
//!   top.

mod base;
mod checks;
pub mod cli;
mod config;
mod content;
mod error;
mod external_links;
mod forms;
mod import;
mod languages;
mod layout;
pub mod pipeline;
mod render;
mod resolve;
mod scaffold;
mod serve;
mod statutory;
mod trust;
mod write;

pub use base::diagnostics;
pub use error::Error;
pub use pipeline::{BuildOptions, BuildOutcome, build, build_with, check};
