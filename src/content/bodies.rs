//! Page bodies let go of: a build keeps only the front matter of the
//! site's own pages once each is read, and reads a body again to outline
//! its page, to report a finding in it and to render it (the files are
//! still in the OS's cache). At 10,000 pages the texts were 155 MB, two
//! fifths of a build's peak memory; at 100,000 they were 1.4 GiB, held at
//! once. The rest (a trust's documents, which its schools' pages are made
//! from) are let go of once the checks are done.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Meta, Page, Site};
use crate::base::source::KnownTexts;
use crate::render::RenderError;

/// What loading keeps of each page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bodies<'k> {
    /// Every page's whole text (`charter serve`, which compares the texts
    /// as they are edited, and `charter translate`).
    Held,
    /// Only the front matter of the site's own pages whose files can be
    /// read again (see [`Page::lets_go_of_body`]): `charter build` and
    /// `charter check`.
    LetGo,
    /// As `LetGo`, reading only the front matter of a site's own page
    /// whose file is as an earlier build knew it (`charter build` with
    /// its cache; not for a school of a trust, whose pages may be made
    /// from the trust's documents).
    LetGoKnowing(&'k KnownTexts),
}

impl Page {
    /// Lets go of the body as soon as the page is read, unless it is
    /// read again and again: an agreement (its form and PDF read it in
    /// several places) and a page with translations (in `keep`: whether
    /// they are behind it is worked out from its whole text). A page put
    /// together from other files or with values in it keeps its text
    /// anyway (see [`crate::base::source::SourceFile::let_go_after`]).
    pub(crate) fn lets_go_of_body(&mut self, keep: &HashSet<String>) {
        if !matches!(self.meta, Meta::Agreement(_)) && !keep.contains(&self.source.rel_path) {
            self.source.let_go_after(self.body_offset);
        }
    }

    /// The length of the Markdown body, held or let go of.
    pub(crate) fn body_len(&self) -> usize {
        self.source.len() - self.body_offset
    }
}

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
    /// Lets go of the bodies still held once the checks are done (a
    /// trust's documents, which its schools' pages may be made from; every
    /// page, for a site loaded with [`Bodies::Held`]), as each page would
    /// have as it was read.
    pub(crate) fn let_go_of_bodies(&mut self) {
        let translated: HashSet<String> = self
            .pages
            .iter()
            .filter_map(|p| p.translation.as_ref())
            .map(|t| self.pages[t.source].source.rel_path.clone())
            .collect();
        for page in &mut self.pages {
            page.lets_go_of_body(&translated);
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
