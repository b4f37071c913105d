//! Page bodies let go of between the checks and rendering: a build holds
//! every page's text while it outlines and checks the site, then only
//! their front matter, reading each body again when its page is rendered
//! (the files are still in the OS's cache). At 10,000 pages the texts were
//! 155 MB, two fifths of a build's peak memory.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Meta, Page, Site};
use crate::render::RenderError;

/// The first file found changed since it was read, if any: its output
/// would no longer be what was checked, so the build stops before
/// publishing.
#[derive(Debug, Default)]
pub(crate) struct ReadAgain {
    changed: OnceLock<(String, String)>,
}

/// A page's Markdown body: in the text the site holds, or in its file's
/// text read again (from the byte offset where it starts).
pub(crate) enum Body<'p> {
    Held(&'p str),
    Read(String, usize),
}

impl std::ops::Deref for Body<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Body::Held(body) => body,
            Body::Read(text, start) => &text[*start..],
        }
    }
}

impl Site {
    /// Lets go of each page's body, kept to its front matter, where its
    /// file can be read again as it is. An agreement keeps its own (its
    /// form and PDF read it in several places), and so does a page with
    /// translations (whether they are behind it is worked out from its
    /// whole text as they are rendered).
    pub(crate) fn let_go_of_bodies(&mut self) {
        let translated: HashSet<usize> = self
            .pages
            .iter()
            .filter_map(|p| p.translation.as_ref().map(|t| t.source))
            .collect();
        for (i, page) in self.pages.iter_mut().enumerate() {
            if !matches!(page.meta, Meta::Agreement(_)) && !translated.contains(&i) {
                page.source.let_go_after(page.body_offset);
            }
        }
    }

    /// A page's Markdown body, held or read again. A file that changed
    /// since it was read gives an empty body and is remembered, for
    /// [`Site::bodies_as_read`].
    pub(crate) fn body_of<'p>(&self, page: &'p Page) -> Body<'p> {
        match page.source.whole_text() {
            Ok(Cow::Borrowed(text)) => Body::Held(&text[page.body_offset..]),
            Ok(Cow::Owned(text)) => Body::Read(text, page.body_offset),
            Err(e) => {
                let _ = self
                    .read_again
                    .changed
                    .set((page.source.rel_path.clone(), e.to_string()));
                Body::Held("")
            }
        }
    }

    /// Whether every body read again was the one checked: to be asked
    /// after rendering, before the output is published.
    pub(crate) fn bodies_as_read(&self) -> Result<(), RenderError> {
        match self.read_again.changed.get() {
            Some((path, reason)) => Err(RenderError::SourceChanged {
                path: path.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }
}
