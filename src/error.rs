//! Why a command could not run at all (as opposed to the findings of a site
//! that ran: those are [`Diagnostics`]). One type for build, check and serve.

use crate::base::diagnostics::Diagnostics;
use crate::base::source::Place;
use crate::render::RenderError;
use crate::write::staging::OutputError;

/// A build that could not run: the configuration is broken, a template is
/// wrong, or the output folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `charter.toml` or `guidance.toml` is broken: these are its findings.
    #[error("the site's configuration has problems")]
    Config(Diagnostics),
    /// A template is wrong, or the output cannot be made.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The output folder cannot be prepared or swapped in.
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl Error {
    /// Where it went wrong, when a file and line are known (a template's),
    /// and what went wrong, without the place.
    pub fn describe(&self) -> (Option<&Place>, String) {
        match self {
            Error::Render(e) => e.describe(),
            other => (None, other.to_string()),
        }
    }
}
