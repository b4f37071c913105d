//! Source files as Charter reads them, and the mapping from byte offsets to
//! the 1-based line and column that every diagnostic reports.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// One text file of the site, normalised on load: a UTF-8 byte order mark is
/// dropped and CRLF line endings become LF. Neither changes any line or
/// column number an author sees in an editor.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators (what reports show).
    pub rel_path: String,
    /// Absolute path on disk.
    pub abs_path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A place in a source file, counted from 1. Columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(rel_path: impl Into<String>, abs_path: impl Into<PathBuf>, raw: &str) -> Self {
        let without_bom = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let text = if without_bom.contains('\r') {
            without_bom.replace("\r\n", "\n")
        } else {
            without_bom.to_string()
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            rel_path: rel_path.into(),
            abs_path: abs_path.into(),
            text,
            line_starts,
        }
    }

    /// Builds the relative display path for `abs` under `root`.
    pub fn display_path(root: &Path, abs: &Path) -> String {
        let rel = abs.strip_prefix(root).unwrap_or(abs);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        Position {
            line: line_index + 1,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    /// The byte range of a whole line (1-based), without its newline.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line.clamp(1, self.line_starts.len()) - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// A place in one of the site's files: its path relative to the site's
/// folder, and the line and column (counted from 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let f = SourceFile::new("a.md", "/a.md", "ab\ncé d\n");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.position(3), Position { line: 2, column: 1 });
        // "é" is two bytes but one column.
        let d = f.text.find('d').unwrap();
        assert_eq!(f.position(d), Position { line: 2, column: 4 });
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let f = SourceFile::new("a.md", "/a.md", "\u{feff}+++\r\ntitle = 1\r\n");
        assert_eq!(f.text, "+++\ntitle = 1\n");
        assert_eq!(f.position(4), Position { line: 2, column: 1 });
    }

    #[test]
    fn line_range_excludes_newline() {
        let f = SourceFile::new("a.md", "/a.md", "one\ntwo");
        assert_eq!(&f.text[f.line_range(2)], "two");
        assert_eq!(&f.text[f.line_range(1)], "one");
    }
}
