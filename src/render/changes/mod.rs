//! "What changed": each policy with a previous approved version in git
//! (read at load time, see `content::history`) gets a page comparing its
//! current text, word by word, with that version.

pub(crate) mod adapted;
pub(crate) mod diff;

use jiff::civil::Date;
use serde::Serialize;

use crate::content::Page;
use crate::content::history::PreviousVersion;
use crate::languages::words::Words;
use crate::render::views::DateView;

/// `changes` in `changes.html`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangesView {
    /// The policy's own page.
    pub policy_url: String,
    pub policy_title: String,
    /// When the version compared with was approved.
    pub previous: DateView,
    /// When the current version was approved.
    pub current: Option<DateView>,
    /// The commit of the previous version, shortened to 10 characters.
    pub commit: String,
    pub changes: Vec<diff::Change>,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

/// The "what changed" page of `page`, its dates in the words of `words`.
pub(crate) fn view(
    page: &Page,
    policy_url: &str,
    previous: &PreviousVersion,
    words: &Words,
) -> ChangesView {
    let date_view = |d: Date| crate::render::contexts::date_view(words, d);
    let changes = diff::changes(&diff::blocks(&previous.body), &diff::blocks(page.body()));
    let count = |kind: &str| changes.iter().filter(|c| c.kind == kind).count();
    ChangesView {
        policy_url: policy_url.to_string(),
        policy_title: page.title.clone(),
        previous: date_view(previous.approved),
        current: page.review.as_ref().and_then(|r| r.approved).map(date_view),
        commit: previous.commit.chars().take(10).collect(),
        added: count("added"),
        removed: count("removed"),
        changed: count("changed"),
        changes,
    }
}
