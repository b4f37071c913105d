//! The Word (.docx) reader: a .docx file is a zip "package" of XML parts
//! (`word/document.xml`, `word/styles.xml`, `word/numbering.xml`, the
//! footnotes, the media) tied together by relationship parts (`*.rels`).
//! This module opens the package; [`styles`] and [`numbering`] read the
//! definitions the body refers to; [`body`] turns paragraphs and tables into
//! [`Block`]s, and [`blocks`] groups them into headings and lists.

mod blocks;
mod body;
mod inline;
mod numbering;
mod parts;
mod styles;
mod xml;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::document::{Document, Note, NoteKind};
use xml::Element;

/// Why a file could not be read as a Word document. Each message says what
/// is wrong and what to do about it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("the file is empty; save the document again from Word as a Word Document (.docx)")]
    Empty,
    #[error(
        "this is an old-style Word document (.doc) with a .docx name; open it in Word and save it as a Word Document (.docx)"
    )]
    OldWordFormat,
    #[error(
        "this is not a .docx file (it is not a zip package: {0}); open it in Word and save it again as a Word Document (.docx)"
    )]
    NotZip(String),
    #[error(
        "this zip file is not a Word document (it has no {0}); open the original in Word and save it as a Word Document (.docx)"
    )]
    NotWord(String),
    #[error(
        "the Word document is damaged: {part} could not be read ({message}); open it in Word and save it again as a Word Document (.docx)"
    )]
    DamagedPart { part: String, message: String },
    #[error(
        "the Word document is damaged: {part} is not well-formed XML ({message}); open it in Word and save it again as a Word Document (.docx)"
    )]
    DamagedXml { part: String, message: String },
}

/// The largest part read (a guard against a zip that inflates without end);
/// real document parts are a few megabytes, images a few dozen.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a .docx file into a [`Document`].
pub(crate) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?;
    let text = package
        .text(&main)?
        .ok_or_else(|| ReadError::NotWord(main.clone()))?;
    let root = xml::parse(&text, &main)?;
    // An Excel or PowerPoint file renamed .docx is a package too.
    if root.name != "document" {
        return Err(ReadError::NotWord("word/document.xml".into()));
    }
    let rels = package.relationships(&main)?;
    let dir = main.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let styles = match rels.part_of_type("/styles", &dir) {
        Some(part) => package.xml(&part)?,
        None => None,
    };
    let numbering = match rels.part_of_type("/numbering", &dir) {
        Some(part) => package.xml(&part)?,
        None => None,
    };
    let mut notes_parts = Vec::new();
    for kind in ["/footnotes", "/endnotes"] {
        let part = rels.part_of_type(kind, &dir);
        notes_parts.push(match part {
            Some(part) => package.xml(&part)?,
            None => None,
        });
    }
    let body = root.child("body").ok_or_else(|| ReadError::DamagedXml {
        part: main.clone(),
        message: "it has no w:body".into(),
    })?;
    let mut reader = body::Reader::new(
        &mut package,
        styles::Styles::read(styles.as_ref()),
        numbering::Numbering::read(numbering.as_ref()),
        &rels,
        &dir,
    );
    reader.set_notes(notes_parts[0].as_ref(), notes_parts[1].as_ref());
    let mut document = reader.read_body(body)?;
    note_headers_and_footers(&rels, &mut document);
    if document.title.is_none() {
        document.title = package.core_title()?;
    }
    Ok(document)
}

/// Headers and footers are page furniture (the school's name, "Page 3 of
/// 9"): never read, but the author is told they were there.
fn note_headers_and_footers(rels: &Relationships, document: &mut Document) {
    let headers = rels.count_of_type("/header");
    let footers = rels.count_of_type("/footer");
    let mut what = Vec::new();
    if headers > 0 {
        what.push(plural(headers, "page header", "page headers"));
    }
    if footers > 0 {
        what.push(plural(footers, "page footer", "page footers"));
    }
    if !what.is_empty() {
        document.notes.push(Note {
            kind: NoteKind::Dropped,
            message: format!("{} (not part of a web page)", what.join(" and ")),
        });
    }
}

/// "1 table of contents", "3 page breaks".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The zip package.
pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        if bytes.is_empty() {
            return Err(ReadError::Empty);
        }
        // The OLE compound file signature of Word 97–2003 documents.
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(ReadError::OldWordFormat);
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ReadError::NotZip(e.to_string()))?;
        Ok(Package { zip })
    }

    /// The main document part, from the package relationships; Word
    /// always calls it `word/document.xml`, which is the fallback.
    fn main_part(&mut self) -> Result<String, ReadError> {
        let rels = self.relationships("")?;
        Ok(rels
            .part_of_type("/officeDocument", "")
            .unwrap_or_else(|| "word/document.xml".to_string()))
    }

    /// A part's bytes; `None` when the package has no such part.
    pub(crate) fn bytes(&mut self, part: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let damaged = |e: &dyn std::fmt::Display| ReadError::DamagedPart {
            part: part.to_string(),
            message: e.to_string(),
        };
        let file = match self.zip.by_name(part) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(&e)),
        };
        let mut out = Vec::new();
        file.take(MAX_PART_BYTES)
            .read_to_end(&mut out)
            .map_err(|e| damaged(&e))?;
        Ok(Some(out))
    }

    fn text(&mut self, part: &str) -> Result<Option<String>, ReadError> {
        let Some(bytes) = self.bytes(part)? else {
            return Ok(None);
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec())
            .map(Some)
            .map_err(|e| ReadError::DamagedXml {
                part: part.to_string(),
                message: format!("not UTF-8: {e}"),
            })
    }

    fn xml(&mut self, part: &str) -> Result<Option<Element>, ReadError> {
        match self.text(part)? {
            Some(text) => xml::parse(&text, part).map(Some),
            None => Ok(None),
        }
    }

    /// The relationships of `part` (`""` for the package's own).
    fn relationships(&mut self, part: &str) -> Result<Relationships, ReadError> {
        let (dir, name) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_part = if dir.is_empty() {
            format!("_rels/{name}.rels")
        } else {
            format!("{dir}/_rels/{name}.rels")
        };
        let mut rels = Relationships::default();
        if let Some(root) = self.xml(&rels_part)? {
            for rel in root.elements().filter(|e| e.name == "Relationship") {
                let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else {
                    continue;
                };
                rels.by_id.insert(
                    id.to_string(),
                    Relationship {
                        kind: rel.attr("Type").unwrap_or_default().to_string(),
                        target: target.to_string(),
                        external: rel.attr("TargetMode") == Some("External"),
                    },
                );
            }
        }
        Ok(rels)
    }

    /// `dc:title` from `docProps/core.xml`.
    fn core_title(&mut self) -> Result<Option<String>, ReadError> {
        let Some(core) = self.xml("docProps/core.xml")? else {
            return Ok(None);
        };
        Ok(core
            .child("title")
            .map(|t| t.text().trim().to_string())
            .filter(|t| !t.is_empty()))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    pub(crate) kind: String,
    pub(crate) target: String,
    pub(crate) external: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Relationships {
    by_id: HashMap<String, Relationship>,
}

impl Relationships {
    pub(crate) fn get(&self, id: &str) -> Option<&Relationship> {
        self.by_id.get(id)
    }

    /// The part of the first relationship whose type ends with `suffix`.
    fn part_of_type(&self, suffix: &str, dir: &str) -> Option<String> {
        let mut matching: Vec<&Relationship> = self
            .by_id
            .values()
            .filter(|r| !r.external && r.kind.ends_with(suffix))
            .collect();
        // HashMap order is arbitrary; the target makes the choice stable.
        matching.sort_by(|a, b| a.target.cmp(&b.target));
        matching.first().map(|r| resolve_part(dir, &r.target))
    }

    fn count_of_type(&self, suffix: &str) -> usize {
        self.by_id
            .values()
            .filter(|r| r.kind.ends_with(suffix))
            .count()
    }
}

/// A relationship target as a part name: relative to the folder of the
/// part that refers to it, or absolute from the package root.
pub(crate) fn resolve_part(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_resolve_against_their_folder() {
        assert_eq!(resolve_part("word", "media/a.png"), "word/media/a.png");
        assert_eq!(
            resolve_part("word", "/word/media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(
            resolve_part("word", "../customXml/x.xml"),
            "customXml/x.xml"
        );
        assert_eq!(resolve_part("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn unreadable_files_say_what_they_are() {
        assert!(matches!(read(b""), Err(ReadError::Empty)));
        let doc = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(matches!(read(&doc), Err(ReadError::OldWordFormat)));
        let err = read(b"Dear parents,").expect_err("not a zip");
        assert!(matches!(err, ReadError::NotZip(_)), "{err}");
        assert!(err.to_string().contains("save it again"), "{err}");
    }
}

#[cfg(test)]
mod tests_documents;
#[cfg(test)]
mod tests_package;
