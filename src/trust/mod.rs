//! A trust: one folder with `trust.toml`, the trust's shared `content/`
//! and `agreements/`, and a folder per school, each a complete site that
//! publishes the trust's documents as its own (replacing or leaving out
//! some). The modules: [`config`] (`trust.toml`, and how a school finds
//! its trust), [`overview`] (every school's review status side by side)
//! and [`run`] (`check` and `build` over every school). Which documents a
//! school gets is decided where its pages are read
//! (`content::sources`): this module only asks for it.

pub(crate) mod config;
pub(crate) mod overview;
pub(crate) mod run;

pub(crate) use config::{Trust, find_for_school};
