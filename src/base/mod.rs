//! What every stage uses: source files and their spans, diagnostics,
//! schemas of keys (for "did you mean"), and dates, terms and review
//! cycles as schools write them.

pub(crate) mod composed;
pub(crate) mod date_mistakes;
pub(crate) mod dates;
pub mod diagnostics;
pub(crate) mod diagnostics_github;
pub(crate) mod diagnostics_gitlab;
pub(crate) mod paths;
pub(crate) mod respell;
pub(crate) mod schema;
pub(crate) mod source;
pub(crate) mod source_map;
pub(crate) mod toml_recover;
pub(crate) mod values;
