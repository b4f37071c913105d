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
    #[error("the site's configuration has problems")]
    Config(Diagnostics),
    #[error(transparent)]
    Render(#[from] RenderError),
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
