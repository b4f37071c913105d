//! `charter import`: documents a school already has (Word files, web pages,
//! text taken out of PDFs) become Markdown pages with front matter, in the
//! folder of their kind. Each document is read by the reader of its format
//! into a [`document::Document`], its cover lines become front matter
//! ([`metadata`]), its kind is guessed from its title ([`kind`]) and it is
//! written as Markdown ([`markdown`]). Documents are converted in parallel
//! and written one by one; a file that exists is never overwritten.

pub(crate) mod document;
pub(crate) mod docx;
mod frontmatter;
mod guidance;
pub(crate) mod html;
mod kind;
mod markdown;
mod metadata;
mod preformatted;
mod report;
#[cfg(test)]
mod testing;
mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::base::diagnostics::Diagnostics;
use crate::config::Config;
use crate::config::guidance::Guidance;
use crate::content::slugify;
use crate::external_links::Progress;
use crate::scaffold::NewKind;
use document::{Document, Note, NoteKind};
pub(crate) use report::Report;

/// What `charter import` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub root: PathBuf,
    /// Files and folders, as given.
    pub inputs: Vec<PathBuf>,
    pub kind: Option<NewKind>,
    pub dry_run: bool,
    pub today: Date,
}

/// Why an import could not start at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RunError {
    #[error(
        "there is no charter.toml in {0}: run `charter import` in the site's folder (or pass -C DIR), or create a site with `charter init`"
    )]
    NoSite(PathBuf),
    #[error("the site's configuration has problems")]
    Config(Diagnostics),
}

/// Why one document was not imported; the others go on.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ImportError {
    #[error("cannot read it: {0}")]
    Read(#[source] std::io::Error),
    #[error(
        "Charter imports Word (.docx), web page (.html, .htm) and text (.txt) files, not .{0}; for a PDF, save its text as a .txt file (e.g. `pdftotext -layout file.pdf`) and import that"
    )]
    Unsupported(String),
    #[error(transparent)]
    Word(#[from] docx::ReadError),
    #[error(
        "it does not look like text (it has control characters): if it is a PDF or a Word file renamed, save its text as .txt again"
    )]
    NotText,
    #[error(
        "{target} already exists, and Charter never overwrites a file: rename or move that file (or delete it if this document replaces it), then import this document again"
    )]
    Exists { target: String },
    #[error(
        "{target} is also the file of {other} in this import: import one of them on its own later, or give it another title"
    )]
    SameTarget { target: String, other: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "it gives no file name (no title, and its file name has no letters or digits); rename the file"
    )]
    NoName,
}

/// The formats Charter reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Word,
    Web,
}

impl Format {
    fn of(path: &Path) -> Result<Format, ImportError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "txt" | "text" => Ok(Format::Text),
            "docx" => Ok(Format::Word),
            "html" | "htm" => Ok(Format::Web),
            _ => Err(ImportError::Unsupported(if ext.is_empty() {
                "files without an extension".to_string()
            } else {
                ext
            })),
        }
    }
}

/// Reads one document with the reader of its format.
fn read_document(format: Format, bytes: &[u8]) -> Result<Document, ImportError> {
    match format {
        Format::Text => {
            let (text, note) = decode_text(bytes);
            if !looks_like_text(&text) {
                return Err(ImportError::NotText);
            }
            let mut doc = text::read(&text);
            doc.notes.extend(note);
            Ok(doc)
        }
        Format::Word => Ok(preformatted::as_text(docx::read(bytes)?, format)),
        Format::Web => Ok(preformatted::as_text(
            html::read(&decode_text(bytes).0, None),
            format,
        )),
    }
}

/// Whether decoded text is text and not the bytes of something else: no
/// NUL, and control characters (other than line ends, tabs and page
/// breaks) in no more than one character in a thousand.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return false;
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    control * 1000 <= total
}

/// Text as UTF-8 (with or without a byte order mark), UTF-16 with a byte
/// order mark (Notepad's "Unicode"), or else Windows-1252, which is what
/// older Windows programs write; the last with a note to check accents.
fn decode_text(bytes: &[u8]) -> (String, Option<Note>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xff, 0xfe, ..] => return (utf16(true), None),
        [0xfe, 0xff, ..] => return (utf16(false), None),
        _ => {}
    }
    let text = bytes.iter().map(|&b| windows_1252(b)).collect();
    let note = Note {
        kind: NoteKind::Check,
        message: "the file is not UTF-8 and was read as Windows-1252: check accented letters, quotes and dashes".to_string(),
    };
    (text, Some(note))
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// One document, converted and ready to write.
#[derive(Debug)]
pub(crate) struct Converted {
    /// Relative to the site root, `/`-separated.
    pub target: String,
    pub text: String,
    pub images: Vec<(String, Vec<u8>)>,
    pub kind: NewKind,
    pub reason: String,
    pub found: Vec<String>,
    pub questions: Vec<String>,
    pub notes: Vec<Note>,
}

/// Converts one document's bytes: read, cover lines, kind, Markdown.
pub(crate) fn convert(
    path: &Path,
    bytes: &[u8],
    given: Option<NewKind>,
    config: &Config,
    register: &Guidance,
) -> Result<Converted, ImportError> {
    let format = Format::of(path)?;
    let mut doc = read_document(format, bytes)?;
    let mut meta = metadata::extract(&mut doc, &config.terms);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let title = meta
        .title
        .clone()
        .filter(|t| !slugify(t).is_empty())
        .unwrap_or_else(|| capitalise(stem.trim()));
    let slug = short_slug(&title);
    if slug.is_empty() {
        return Err(ImportError::NoName);
    }
    let guess = kind::guess(&title, given, &config.bands);
    if guess.kind == NewKind::Policy {
        let (ids, unknown) = guidance::cited(&doc, register);
        if !ids.is_empty() {
            meta.found
                .push(format!("guidance = {ids:?} (cited in the text)"));
            meta.guidance = ids;
        }
        meta.questions.extend(unknown);
    }
    let folder = match guess.kind {
        NewKind::Policy => "content/policies",
        NewKind::Agreement => "agreements",
        NewKind::Unit => "content/curriculum",
        NewKind::Parent => "content/parents",
        NewKind::Page => "content/pages",
    };
    let written = markdown::write(&doc, &slug);
    let strand = config.strands.first().map(|s| s.id.as_str());
    let front = frontmatter::write(&title, &guess, &meta, strand);
    let mut notes = doc.notes;
    notes.extend(written.notes);
    if written.body.is_empty() {
        notes.push(Note {
            kind: NoteKind::Check,
            message: "the document has no text besides its title and cover lines".to_string(),
        });
    }
    Ok(Converted {
        target: format!("{folder}/{slug}.md"),
        text: format!("{front}\n{}", written.body),
        images: written.images,
        kind: guess.kind,
        reason: guess.reason,
        found: meta.found,
        questions: meta.questions,
        notes,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The slug of a title, cut at a word to at most 60 characters.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= 60 {
        return slug;
    }
    let mut out = String::new();
    for word in slug.split('-') {
        if !out.is_empty() && out.len() + word.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// The documents to import: each file given, and every document in each
/// folder given (sorted, hidden files and Word's `~$` lock files left out).
/// Other files in a folder are listed as skipped.
fn expand(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut documents = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            documents.push(input.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || name.starts_with("~$") {
                continue;
            }
            if Format::of(entry.path()).is_ok() {
                documents.push(entry.into_path());
            } else {
                skipped.push(entry.into_path());
            }
        }
    }
    (documents, skipped)
}

/// Imports every document of `options.inputs` into the site.
pub(crate) fn run(options: &Options, progress: &dyn Progress) -> Result<Report, RunError> {
    let started = std::time::Instant::now();
    if !options.root.join(crate::layout::CONFIG_FILE).is_file() {
        return Err(RunError::NoSite(options.root.clone()));
    }
    let config = Config::load(&options.root).map_err(|d| {
        let mut diags = Diagnostics::new();
        diags.extend(d);
        RunError::Config(diags)
    })?;
    // A broken register is reported by the checks; here it only means no
    // guidance is recognised.
    let register = Guidance::load(&options.root).unwrap_or_default();
    let (documents, skipped) = expand(&options.inputs);
    let done = AtomicUsize::new(0);
    let total = documents.len();
    let converted: Vec<Result<Converted, ImportError>> = documents
        .par_iter()
        .map(|path| {
            let result = std::fs::read(path)
                .map_err(ImportError::Read)
                .and_then(|bytes| convert(path, &bytes, options.kind, &config, &register));
            progress.update(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            result
        })
        .collect();
    progress.finish();
    let mut report = Report::new(options.dry_run, skipped);
    let mut claimed: HashSet<String> = HashSet::new();
    for (path, result) in documents.iter().zip(converted) {
        let outcome = result.and_then(|c| {
            place(&options.root, &c, options.dry_run, &mut claimed, &report)?;
            Ok(c)
        });
        report.add(path.clone(), outcome);
    }
    if !options.dry_run && report.written() > 0 {
        report.set_checks(crate::pipeline::check(&options.root, options.today));
    }
    report.set_elapsed(started.elapsed());
    Ok(report)
}

/// Writes one converted document and its images, unless one of its files
/// exists (or another document of this import takes the same file).
fn place(
    root: &Path,
    c: &Converted,
    dry_run: bool,
    claimed: &mut HashSet<String>,
    report: &Report,
) -> Result<(), ImportError> {
    let targets: Vec<&str> = std::iter::once(c.target.as_str())
        .chain(c.images.iter().map(|(p, _)| p.as_str()))
        .collect();
    for target in &targets {
        if claimed.contains(*target) {
            return Err(ImportError::SameTarget {
                target: (*target).to_string(),
                other: report.source_of(target).unwrap_or_default(),
            });
        }
        if root.join(target).exists() {
            return Err(ImportError::Exists {
                target: (*target).to_string(),
            });
        }
    }
    claimed.extend(targets.iter().map(|t| (*t).to_string()));
    if dry_run {
        return Ok(());
    }
    write_new(root, &c.target, c.text.as_bytes())?;
    for (path, bytes) in &c.images {
        write_new(root, path, bytes)?;
    }
    Ok(())
}

/// Creates a file that must not exist yet (checked again as it is created,
/// so a file made meanwhile is not overwritten either).
fn write_new(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), ImportError> {
    use std::io::Write as _;
    let path = root.join(rel);
    let err = |source| ImportError::Write {
        path: rel.to_string(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ImportError::Exists {
                    target: rel.to_string(),
                }
            } else {
                err(e)
            }
        })?;
    file.write_all(bytes).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            Format::of(Path::new("a/Policy.TXT")).ok(),
            Some(Format::Text)
        );
        assert_eq!(Format::of(Path::new("b.docx")).ok(), Some(Format::Word));
        assert_eq!(Format::of(Path::new("c.htm")).ok(), Some(Format::Web));
        assert_eq!(Format::of(Path::new("d.html")).ok(), Some(Format::Web));
        assert!(matches!(
            Format::of(Path::new("e.pdf")),
            Err(ImportError::Unsupported(e)) if e == "pdf"
        ));
    }

    #[test]
    fn text_in_other_encodings_is_read() {
        assert_eq!(decode_text("Café".as_bytes()), ("Café".to_string(), None));
        let (text, note) = decode_text(b"caf\xe9 \x93quoted\x94");
        assert_eq!(text, "café “quoted”");
        assert!(note.is_some());
        let (text, _) = decode_text(&[0xff, 0xfe, b'H', 0, b'i', 0]);
        assert_eq!(text, "Hi");
        assert!(looks_like_text("Policy\n\u{c}Page two\twith a tab"));
        assert!(!looks_like_text("PK\u{3}\u{4}\0\0"));
        assert!(matches!(
            read_document(Format::Text, b"%PDF-1.7\n\x00\x01\x02binary"),
            Err(ImportError::NotText)
        ));
    }

    #[test]
    fn a_web_page_of_one_pre_of_prose_is_read_as_text() {
        let text = "Mobile Phones Policy\n\n1. Purpose\n\nThis policy says how pupils and staff may use phones\nand smart watches at school and on trips, and what happens when\na phone is used in a lesson without permission.\n\n2. Staff\n\nStaff keep their own phones out of sight in classrooms and\nnever use them to take photographs of pupils.\n";
        let page = format!(
            "<html><head><title>Mobile Phones Policy | Elmbrook</title></head><body><nav><a href=\"/\">Home</a></nav><main><pre>{text}</pre></main></body></html>"
        );
        let doc = read_document(Format::Web, page.as_bytes()).expect("a web page");
        assert_eq!(doc.title.as_deref(), Some("Mobile Phones Policy"));
        let headings = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, document::Block::Heading { .. }))
            .count();
        assert_eq!(headings, 2, "{doc:?}");
        assert!(doc.notes.iter().any(|n| n.message.contains("<pre>")));
    }

    #[test]
    fn long_titles_give_short_slugs() {
        let slug = short_slug(
            "The policy of the school on the use of mobile phones, smart watches and other connected devices by pupils",
        );
        assert!(slug.len() <= 60, "{slug}");
        assert!(slug.starts_with("the-policy-of-the-school"));
    }
}
