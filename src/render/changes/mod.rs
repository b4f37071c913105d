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
use crate::render::Contexts;
use crate::render::views::{DateView, PageView};

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
    body: &str,
    policy_url: &str,
    previous: &PreviousVersion,
    words: &Words,
) -> ChangesView {
    let date_view = |d: Date| crate::render::contexts::date_view(words, d);
    let changes = diff::changes(&diff::blocks(&previous.body), &diff::blocks(body));
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

/// A policy's "what changed" page: its URL, its context, and the date of
/// the version it compares with.
pub(crate) fn page(
    contexts: &Contexts,
    page: &Page,
    policy_view: &PageView,
    previous: &PreviousVersion,
) -> (String, tera::Context, DateView) {
    let words = contexts.words(&policy_view.lang);
    let body = contexts.body_of(page);
    let changes = view(page, &body, &policy_view.url, previous, words);
    let mut shown = policy_view.clone();
    shown.kind = "changes".into();
    shown.url = format!("{}changes/", policy_view.url);
    shown.title = words.fill("changes_title", &[("title", &page.title)]);
    shown.summary = words.fill(
        "changes_summary",
        &[("title", &page.title), ("date", &changes.previous.human)],
    );
    shown.content = String::new();
    shown.toc = Vec::new();
    let mut ctx = contexts.context(&shown, Some(page));
    ctx.insert("changes", &changes);
    (shown.url, ctx, changes.previous)
}
