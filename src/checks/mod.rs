//! Checks over the resolved site, one file per family. Link resolution
//! (`links`) already reported unresolvable links; the checks here look at
//! what the pages say.

mod references;

use crate::content::Site;
use crate::diagnostics::Diagnostics;

/// Runs every check, adding findings to `diags`.
pub fn run(site: &Site, diags: &mut Diagnostics) {
    references::check(site, diags);
}
