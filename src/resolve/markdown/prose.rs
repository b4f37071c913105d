//! Prose of a page gathered block by block for the placeholder scan, with
//! where each piece came from so that a match maps back to the source.

use super::{Placeholder, ProseScanner};

/// Prose of one block (paragraph, heading, item, cell), with where each
/// piece of text came from, so a match can be mapped back to the source.
#[derive(Default)]
pub(super) struct ProseBlock {
    text: String,
    /// (offset in `text`, offset in the body) at the start of each piece.
    pieces: Vec<(usize, usize)>,
}

impl ProseBlock {
    pub(super) fn push(&mut self, text: &str, source_start: usize) {
        self.pieces.push((self.text.len(), source_start));
        self.text.push_str(text);
    }

    fn source_offset(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(t, _)| *t <= at)
            .saturating_sub(1);
        let (t, src) = self.pieces.get(i).copied().unwrap_or((0, 0));
        src + (at - t)
    }

    pub(super) fn flush(
        &mut self,
        body: &str,
        scanner: Option<&dyn ProseScanner>,
        out: &mut Vec<Placeholder>,
    ) {
        if let Some(scanner) = scanner
            && !self.text.trim().is_empty()
        {
            for m in scanner.scan(&self.text) {
                let start = self.source_offset(m.start);
                let end = self.source_offset(m.end.saturating_sub(1)) + 1;
                let span = start..end.max(start + 1).min(body.len());
                // Report the words as written, not as typeset.
                let text = body
                    .get(span.clone())
                    .map_or_else(|| self.text[m].to_string(), str::to_string);
                out.push(Placeholder { span, text });
            }
        }
        self.text.clear();
        self.pieces.clear();
    }
}
