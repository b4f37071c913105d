//! A text put together from pieces of several files: a school's adapted
//! trust document is the trust's text with some sections the school's.
//! Every finding in it is reported in the file and at the place the piece
//! was written.

use std::ops::Range;
use std::sync::Arc;

use super::source::SourceFile;

/// One piece: `out` in the composed text came from `src` in `file`. A
/// piece whose `out` and `src` differ in length was made by Charter (a
/// line end put between two pieces): its offsets all map to `src.start`.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub out: Range<usize>,
    pub file: Arc<SourceFile>,
    pub src: Range<usize>,
}

/// The pieces of a composed text, in order, covering all of it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Composition {
    pieces: Vec<Piece>,
}

impl Composition {
    /// Starts an empty composition.
    pub(crate) fn new() -> Composition {
        Composition::default()
    }

    /// Appends `src` of `file` to `text`, recording where it came from.
    pub(crate) fn copy(&mut self, text: &mut String, file: &Arc<SourceFile>, src: Range<usize>) {
        if src.is_empty() {
            return;
        }
        let start = text.len();
        text.push_str(&file.text[src.clone()]);
        self.pieces.push(Piece {
            out: start..text.len(),
            file: Arc::clone(file),
            src,
        });
    }

    /// Appends text Charter writes itself, reported at `at` in `file`.
    pub(crate) fn insert(
        &mut self,
        text: &mut String,
        made: &str,
        file: &Arc<SourceFile>,
        at: usize,
    ) {
        let start = text.len();
        text.push_str(made);
        self.pieces.push(Piece {
            out: start..text.len(),
            file: Arc::clone(file),
            src: at..at,
        });
    }

    /// The file and span there of a span of the composed text. A span
    /// running past its piece is cut at the piece's end.
    pub(crate) fn origin(&self, span: Range<usize>) -> Option<(&SourceFile, Range<usize>)> {
        let i = self.pieces.partition_point(|p| p.out.end <= span.start);
        let piece = self.pieces.get(i).or_else(|| self.pieces.last())?;
        if piece.out.len() != piece.src.len() {
            return Some((&piece.file, piece.src.start..piece.src.start));
        }
        let at =
            |o: usize| piece.src.start + o.clamp(piece.out.start, piece.out.end) - piece.out.start;
        let start = at(span.start);
        Some((&piece.file, start..at(span.end).max(start)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_to_the_file_they_came_from() {
        let school = Arc::new(SourceFile::new("s.md", "/s.md", "## Mine\n\nOurs.\n"));
        let trust = Arc::new(SourceFile::new(
            "t.md",
            "/t.md",
            "Intro.\n\n## Theirs\n\nText.\n",
        ));
        let mut c = Composition::new();
        let mut text = String::new();
        c.copy(&mut text, &trust, 0..8);
        c.copy(&mut text, &school, 0..14);
        c.insert(&mut text, "\n\n", &school, 14);
        c.copy(&mut text, &trust, 8..25);
        assert_eq!(text, "Intro.\n\n## Mine\n\nOurs.\n\n## Theirs\n\nText.\n");
        let ours = text.find("Ours").unwrap();
        let (file, span) = c.origin(ours..ours + 4).unwrap();
        assert_eq!((file.rel_path.as_str(), span), ("s.md", 9..13));
        let theirs = text.find("Text").unwrap();
        let (file, span) = c.origin(theirs..theirs + 4).unwrap();
        assert_eq!((file.rel_path.as_str(), span), ("t.md", 19..23));
        let made = text.find("\n\n## Theirs").unwrap() + 1;
        let (file, span) = c.origin(made..made + 1).unwrap();
        assert_eq!((file.rel_path.as_str(), span), ("s.md", 14..14));
        // A span running on into the next piece stops at its own's end.
        let (file, span) = c.origin(ours..theirs).unwrap();
        assert_eq!((file.rel_path.as_str(), span), ("s.md", 9..14));
    }
}
