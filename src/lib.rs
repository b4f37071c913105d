//! Charter: a static-site generator for schools' policy and curriculum
//! publishing. The pipeline is [`pipeline`]: load → resolve → check →
//! render → write.
//!
//! Modules, in the order data flows through them (each uses only those
//! above it):
//! - [`base`]: source files and spans, diagnostics, key schemas, dates;
//! - [`layout`]: the site's folders and addresses;
//! - [`config`]: `charter.toml` and `guidance.toml`;
//! - [`content`]: stage 1, load: the site's pages and files, git history;
//! - [`resolve`]: stage 2: Markdown outlines and links;
//! - [`forms`]: agreement forms laid out (for checks and rendering);
//! - [`checks`]: stage 3;
//! - [`render`]: stage 4: templates, pages, dashboard, search, PDFs;
//! - [`write`]: stage 5: atomic output;
//! - [`pipeline`]: the stages as functions, `build` and `check`;
//! - [`external_links`], [`serve`], [`scaffold`], [`cli`]: on top.

pub mod base;
pub mod checks;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod external_links;
pub mod forms;
pub mod layout;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod write;

pub use base::diagnostics;
pub use error::Error;
pub use pipeline::{
    BuildOptions, BuildOutcome, ExternalCheck, build, build_with, check, check_with, load,
    resolve_today,
};
