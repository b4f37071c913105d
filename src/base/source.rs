//! Source files as Charter reads them, and the mapping from byte offsets to
//! the 1-based line and column that every diagnostic reports.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::sync::{Arc, OnceLock};

use super::composed::Composition;
use super::source_map::SourceMap;

/// One text file of the site, normalised on load: a UTF-8 byte order mark is
/// dropped and CRLF line endings become LF. Neither changes any line or
/// column number an author sees in an editor.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators (what reports show).
    pub rel_path: String,
    /// Absolute path on disk.
    pub abs_path: PathBuf,
    /// The text every stage reads: as written, or with the site's values
    /// in its `{{ name }}` slots (see [`SourceFile::substituted`]).
    pub text: String,
    /// Where each line of the text as written starts (`u32`: a page of
    /// 4 GiB is not a page; a 10,000-page site has a million lines).
    line_starts: Box<[u32]>,
    /// The text as written, when `text` is not.
    written: Option<Box<Written>>,
    /// For a text put together from other files (a school's adaptation
    /// of a trust document): where each piece of the text as written came
    /// from.
    composed: Option<Arc<Composition>>,
    /// The file's stamp when it was read, for a text that is the file's
    /// as read: it can be let go of and read again.
    stamp: Option<Stamp>,
    /// Set when the text after its first bytes was let go of (see
    /// [`SourceFile::let_go_after`]): the whole text's length and hash.
    gone: Option<Gone>,
    /// The whole text read again, once, for findings in a text let go of
    /// (a page with thousands of them would otherwise be read thousands
    /// of times); `None` inside when it could not be.
    read_again: OnceLock<Option<Box<SourceFile>>>,
}

/// A file's length and modification time as it was read: while both are
/// the same it is taken to hold the same text (as the build cache takes
/// its output files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// Reads a file, with its stamp (taken from the file opened).
pub(crate) fn read_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Stamp)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, Stamp::of(&meta)))
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// What is kept of a text let go of, to know it again when it is read
/// again.
#[derive(Debug, Clone, Copy)]
struct Gone {
    len: usize,
    hash: u64,
    /// Whether the whole text has no `{{` (no slot for a value).
    without_slots: bool,
}

/// What a build knew of a file whose text after its first `keep` bytes
/// it let go of. A later build that finds the file with the same stamp
/// reads only those bytes (see [`SourceFile::read_known`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct KnownText {
    stamp: Stamp,
    keep: u64,
    len: u64,
    hash: u64,
}

/// The files known, by path relative to the site's folder.
pub(crate) type KnownTexts = std::collections::HashMap<String, KnownText>;

/// A file's text as its author wrote it, and where the substituted text's
/// replacements came from in it.
#[derive(Debug, Clone)]
struct Written {
    text: String,
    map: SourceMap,
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
        Self::normalised(rel_path, abs_path, text)
    }

    /// [`SourceFile::new`] for a text read into a `String` of its own,
    /// kept as it is when it has no byte-order mark and no carriage
    /// returns (a copy of every page's text was a tenth of a build's
    /// memory traffic).
    pub fn from_string(
        rel_path: impl Into<String>,
        abs_path: impl Into<PathBuf>,
        raw: String,
    ) -> Self {
        Self::normalised(rel_path, abs_path, normalise(raw))
    }

    /// A text already without byte-order mark and carriage returns.
    fn normalised(rel_path: impl Into<String>, abs_path: impl Into<PathBuf>, text: String) -> Self {
        // memchr: a tenth of reading a large site went to finding lines.
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| offset_u32(i + 1)))
            .collect();
        SourceFile {
            rel_path: rel_path.into(),
            abs_path: abs_path.into(),
            text,
            line_starts,
            written: None,
            composed: None,
            stamp: None,
            gone: None,
            read_again: OnceLock::new(),
        }
    }

    /// A text put together from pieces of other files (see
    /// [`Composition`]): reports point into those files.
    pub(crate) fn composed(
        rel_path: impl Into<String>,
        abs_path: impl Into<PathBuf>,
        text: &str,
        composition: Composition,
    ) -> SourceFile {
        SourceFile {
            composed: Some(Arc::new(composition)),
            ..SourceFile::new(rel_path, abs_path, text)
        }
    }

    /// The file, and the span there, that a span of the text as written
    /// came from, when the text was put together from other files.
    pub(crate) fn origin(&self, written: Range<usize>) -> Option<(&SourceFile, Range<usize>)> {
        self.composed.as_ref()?.origin(written)
    }

    /// The same file read as `text`, which is its text with the
    /// replacements of `map` made. Reports still point into the text as
    /// written (see [`SourceFile::position`]).
    pub(crate) fn substituted(mut self, text: String, map: SourceMap) -> SourceFile {
        if map.is_empty() && self.written.is_none() {
            return self;
        }
        let written = std::mem::replace(&mut self.text, text);
        self.written = Some(Box::new(Written { text: written, map }));
        self
    }

    /// Lets go of the text after its first `keep` bytes, when it is its
    /// file's as read (no values put in, not put together from other
    /// files), so that [`SourceFile::whole_text`] can read it again; a
    /// build holds every page's text only until its checks are done.
    /// Returns whether it did. Line and column numbers are then known only
    /// for the text kept.
    pub(crate) fn let_go_after(&mut self, keep: usize) -> bool {
        self.read_again.take();
        let plain = self.written.is_none() && self.composed.is_none() && self.gone.is_none();
        let plain = plain && self.stamp.is_some();
        if !plain || !self.text.is_char_boundary(keep) {
            return false;
        }
        self.gone = Some(Gone {
            len: self.text.len(),
            hash: text_hash(&self.text),
            without_slots: memchr::memmem::find(self.text.as_bytes(), b"{{").is_none(),
        });
        self.text.truncate(keep);
        self.text.shrink_to_fit();
        let lines = self.line_starts.partition_point(|&s| s as usize <= keep);
        self.line_starts = self.line_starts[..lines].into();
        true
    }

    /// What a later build may take as known of this file: the text let
    /// go of after its first bytes, when the file's bytes are the text as
    /// read (no byte-order mark, no carriage return: the lengths are the
    /// same) and it has no slot for a value (values may change).
    pub(crate) fn known_text(&self) -> Option<KnownText> {
        let (gone, stamp) = (self.gone?, self.stamp?);
        let len = u64::try_from(gone.len).ok()?;
        (gone.without_slots && len == stamp.len).then_some(KnownText {
            stamp,
            keep: u64::try_from(self.text.len()).ok()?,
            len,
            hash: gone.hash,
        })
    }

    /// The file as an earlier build knew it, read only to where it let go
    /// of its text, when its stamp is still the one `known` has; `None`
    /// when it is not (the file is to be read whole).
    pub(crate) fn read_known(
        rel_path: &str,
        abs_path: &Path,
        known: &KnownText,
    ) -> std::io::Result<Option<SourceFile>> {
        use std::io::Read;
        let file = std::fs::File::open(abs_path)?;
        let stamp = Stamp::of(&file.metadata()?);
        let (Some(keep), Ok(len)) = (
            usize::try_from(known.keep)
                .ok()
                .filter(|_| known.keep <= known.len),
            usize::try_from(known.len),
        ) else {
            return Ok(None);
        };
        if stamp != known.stamp {
            return Ok(None);
        }
        let mut bytes = Vec::with_capacity(keep);
        file.take(known.keep).read_to_end(&mut bytes)?;
        let Ok(text) = String::from_utf8(bytes) else {
            return Ok(None);
        };
        if text.len() != keep {
            return Ok(None);
        }
        Ok(Some(SourceFile {
            stamp: Some(stamp),
            gone: Some(Gone {
                len,
                hash: known.hash,
                without_slots: true,
            }),
            ..SourceFile::normalised(rel_path, abs_path, text)
        }))
    }

    /// The same file, read with `stamp` (see [`read_stamped`]).
    pub(crate) fn stamped(self, stamp: Stamp) -> SourceFile {
        SourceFile {
            stamp: Some(stamp),
            ..self
        }
    }

    /// The whole text: the one held, or, when it was let go of, its file
    /// read again, which must still be the file first read (an error of
    /// kind `InvalidData` says it changed).
    pub(crate) fn whole_text(&self) -> std::io::Result<Cow<'_, str>> {
        let Some(gone) = self.gone else {
            return Ok(Cow::Borrowed(&self.text));
        };
        let changed = || {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file changed while the site was being built",
            )
        };
        let (bytes, stamp) = read_stamped(&self.abs_path)?;
        if Some(stamp) != self.stamp {
            return Err(changed());
        }
        let text = normalise(String::from_utf8(bytes).map_err(|_| changed())?);
        if text.len() != gone.len {
            return Err(changed());
        }
        Ok(Cow::Owned(text))
    }

    /// The length of the whole text (the same whether it is held or was
    /// let go of).
    pub(crate) fn len(&self) -> usize {
        self.gone.map_or(self.text.len(), |g| g.len)
    }

    /// The file with its whole text read again, when the text after
    /// `offset` was let go of (a finding to report there); `None` when it
    /// is held, or when the file can no longer be read as it was (the
    /// build then stops when it reads the body again to render it). Read
    /// once, and kept until [`SourceFile::let_go_after`].
    pub(crate) fn whole_for(&self, offset: usize) -> Option<&SourceFile> {
        if self.gone.is_none() || offset < self.text.len() {
            return None;
        }
        let read = || {
            let text = self.whole_text().ok()?.into_owned();
            Some(Box::new(SourceFile {
                stamp: self.stamp,
                ..SourceFile::normalised(self.rel_path.clone(), self.abs_path.clone(), text)
            }))
        };
        self.read_again.get_or_init(read).as_deref()
    }

    /// A hash of the whole text (the same whether it is held or was let
    /// go of).
    pub(crate) fn text_hash(&self) -> u64 {
        self.gone.map_or_else(|| text_hash(&self.text), |g| g.hash)
    }

    /// The text as its author wrote it.
    pub(crate) fn written_text(&self) -> &str {
        self.written.as_ref().map_or(&self.text, |w| &w.text)
    }

    /// Whether a span of `text` holds text that the author did not write
    /// there (a value).
    pub(crate) fn has_replacement(&self, span: &Range<usize>) -> bool {
        self.written.as_ref().is_some_and(|w| {
            w.map
                .entries()
                .iter()
                .any(|e| e.out.start < span.end && span.start < e.out.end)
        })
    }

    /// The span as written of a span of `text`.
    pub(crate) fn written_span(&self, span: Range<usize>) -> Range<usize> {
        match &self.written {
            Some(w) => w.map.span_to_written(span),
            None => span,
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

    /// The line and column, as written, of a byte offset of `text`
    /// (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = match &self.written {
            Some(w) => w.map.to_written(offset),
            None => offset,
        };
        self.written_position(offset)
    }

    /// The line and column of a byte offset of the text as written.
    pub(crate) fn written_position(&self, offset: usize) -> Position {
        let text = self.written_text();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_index = match self.line_starts.binary_search(&offset_u32(offset)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = (self.line_starts[line_index] as usize).min(offset);
        Position {
            line: line_index + 1,
            column: text[line_start..offset].chars().count() + 1,
        }
    }

    /// The byte range of a whole line (1-based) of the text as written,
    /// without its newline.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let text = self.written_text();
        let start = self.line_starts[line.clamp(1, self.line_starts.len()) - 1] as usize;
        let start = start.min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// A text read into a `String` of its own, without its byte-order mark
/// and with LF line endings; kept as it is when it has neither (a copy of
/// every page's text was a tenth of a build's memory traffic).
fn normalise(raw: String) -> String {
    // memchr: `contains` was a twentieth of reading a large site.
    if !raw.starts_with('\u{feff}') && memchr::memchr(b'\r', raw.as_bytes()).is_none() {
        return raw;
    }
    let without_bom = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    without_bom.replace("\r\n", "\n")
}

/// A byte offset as kept in `line_starts`.
fn offset_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A text's hash: aHash (already in the binary, through tera) with fixed
/// seeds, the same in every run of one binary (the build cache records
/// which binary made it). SipHash over 161 MB of pages was a tenth of a
/// rebuild's instructions.
pub(crate) fn text_hash(text: &str) -> u64 {
    ahash::RandomState::with_seeds(0x6368_6172, 0x7465_7220, 0x6f75_746c, 0x696e_6573)
        .hash_one(text)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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
    fn a_read_text_is_normalised_like_a_borrowed_one() {
        for raw in ["a\nb\n", "\u{feff}a\r\nb\r\n", "a\r\nb"] {
            let borrowed = SourceFile::new("x.md", "/x.md", raw);
            let owned = SourceFile::from_string("x.md", "/x.md", raw.to_string());
            assert_eq!(borrowed.text, owned.text);
            assert_eq!(borrowed.line_starts, owned.line_starts);
        }
    }

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
    fn a_substituted_file_reports_places_as_written() {
        use crate::base::source_map::{Origin, Replacement, SourceMap};
        let written = "+++\n+++\né {{ a }} then {{ b }} x\nnext\n";
        let f = SourceFile::new("a.md", "/a.md", written);
        let a = written.find("{{ a }}").unwrap();
        let b = written.find("{{ b }}").unwrap();
        let read = "+++\n+++\né Ms Ünïcødé then B x\nnext\n".to_string();
        let (ra, rb) = (read.find("Ms").unwrap(), read.find("B x").unwrap());
        let entry = |out: Range<usize>, src: Range<usize>| Replacement {
            out,
            src,
            origin: Origin::Value("v".into()),
        };
        let map = SourceMap::new(vec![
            entry(ra..ra + "Ms Ünïcødé".len(), a..a + 7),
            entry(rb..rb + 1, b..b + 7),
        ]);
        let f = f.substituted(read.clone(), map);
        assert_eq!(f.text, read);
        assert_eq!(f.written_text(), written);
        // Before, inside each value, after both, and on the next line.
        assert_eq!(
            f.position(read.find('é').unwrap()),
            Position { line: 3, column: 1 }
        );
        assert_eq!(f.position(ra + 4), Position { line: 3, column: 3 });
        assert_eq!(
            f.position(rb),
            Position {
                line: 3,
                column: 16
            }
        );
        assert_eq!(
            f.position(read.find(" x").unwrap() + 1),
            Position {
                line: 3,
                column: 24
            }
        );
        assert_eq!(
            f.position(read.find("next").unwrap()),
            Position { line: 4, column: 1 }
        );
        assert_eq!(
            &f.written_text()[f.line_range(3)],
            "é {{ a }} then {{ b }} x"
        );
        assert!(f.has_replacement(&(ra..ra + 1)));
        assert!(!f.has_replacement(&(rb + 1..rb + 3)));
        // A finding's excerpt is the line as written, underlined at the slot.
        let d = crate::base::diagnostics::Diagnostic::at(
            crate::base::diagnostics::Code::Placeholder,
            &f,
            ra..ra + 2,
            "m",
            "h",
        );
        let excerpt = d.excerpt.unwrap();
        assert_eq!(excerpt.line_text, "é {{ a }} then {{ b }} x");
        assert_eq!((excerpt.start_column, excerpt.end_column), (3, 10));
    }

    #[test]
    fn a_text_let_go_of_is_read_again_until_its_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let written = "\u{feff}+++\r\ntitle = 1\r\n+++\r\nbody é\r\n";
        std::fs::write(&path, written).unwrap();
        let (bytes, stamp) = read_stamped(&path).unwrap();
        let raw = String::from_utf8(bytes).unwrap();
        let mut f = SourceFile::from_string("a.md", &path, raw).stamped(stamp);
        let (whole, hash) = (f.text.clone(), f.text_hash());
        let keep = whole.find("body").unwrap();
        assert!(f.let_go_after(keep));
        assert_eq!(f.text, whole[..keep]);
        assert_eq!(f.text_hash(), hash);
        assert_eq!(f.position(4), Position { line: 2, column: 1 });
        assert_eq!(f.whole_text().unwrap(), whole);
        // Findings in the body read it once, however many there are.
        let end = whole.len() - 1;
        assert_eq!(
            f.whole_for(end).map(|w| w.text.as_str()),
            Some(whole.as_str())
        );
        assert_eq!(f.whole_for(4).map(|w| w.text.len()), None);
        std::fs::write(&path, written.replace('é', "e")).unwrap();
        assert_eq!(
            f.whole_for(end).map(|w| w.text.as_str()),
            Some(whole.as_str())
        );
        let err = f.whole_text().unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        // A text not read with its stamp (or with values in it) is kept.
        let mut unstamped = SourceFile::new("b.md", &path, "+++\n+++\nb\n");
        assert!(!unstamped.let_go_after(8));
        assert_eq!(unstamped.whole_text().unwrap(), "+++\n+++\nb\n");
    }

    #[test]
    fn line_range_excludes_newline() {
        let f = SourceFile::new("a.md", "/a.md", "one\ntwo");
        assert_eq!(&f.text[f.line_range(2)], "two");
        assert_eq!(&f.text[f.line_range(1)], "one");
    }
}
