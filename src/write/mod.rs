//! Stage 5, write: the staging folder swapped in atomically, and the
//! files published as they are (theme and `static/` files, assets).

pub(crate) mod cache;
pub(crate) mod conflicts;
pub(crate) mod files;
pub(crate) mod staging;
