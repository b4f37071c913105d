//! Translations: a file beside its source, named with a language of the
//! site (`screen-time.pl.md` beside `screen-time.md`), holding the page's
//! words in that language. It is published under the language's prefix
//! (`/pl/parents/screen-time/`) and takes everything that is not words
//! (review dates, audience, band, signatures, related pages) from its
//! source, so a translation cannot disagree with the English about them.
//!
//! Its front matter has only what is translated — `title`, `summary`, an
//! agreement's `[[consents]]`, a parents' page's `topics`, a unit's
//! `objectives` — and `translates`, the version of the source it
//! translates (the source's `approved` date, or the fingerprint `charter
//! translate mark` writes).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::front::Consent;
use super::parse::{split_front_matter, with_body_values};
use super::{Meta, Page};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::schema::{self, Field, Schema};
use crate::base::source::SourceFile;
use crate::config::Config;
use crate::layout::{self, TranslationName};

/// What makes a page a translation.
#[derive(Debug, Clone)]
pub(crate) struct Translation {
    /// The language's code, as listed in `[[languages]]`.
    pub lang: String,
    /// The source page's index in `site.pages`.
    pub source: usize,
    /// `translates`: which version of the source this translates, with its
    /// span in the translation's front matter.
    pub translates: Option<Spanned<toml::Value>>,
    /// The consents as the translation lists them (matched to the source's
    /// by id, see `checks::translations`).
    pub consents: Vec<Spanned<Consent>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationFront {
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    translates: Option<Spanned<toml::Value>>,
    #[serde(default)]
    consents: Vec<Spanned<Consent>>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    objectives: Vec<String>,
    #[serde(default)]
    draft: bool,
}

static CONSENT: Schema = Schema {
    fields: &[
        Field::new("id", "the id of the English consent it translates").required(),
        Field::new("label", "what the parent agrees to, in this language").required(),
    ],
};

static TRANSLATION: Schema = Schema {
    fields: &[
        Field::new("title", "the page's title in this language, in quotes").required(),
        Field::new("summary", "the summary in this language, in quotes"),
        Field::new(
            "translates",
            "the source's `approved` date (e.g. 2026-09-17), or the fingerprint `charter translate mark` writes",
        ),
        Field::new(
            "consents",
            "[[consents]] tables with the English consent's id and a translated label",
        )
        .nested(&CONSENT),
        Field::new("topics", "a list of the topics in this language"),
        Field::new("objectives", "a list of the objectives in this language"),
        Field::new("draft", "true or false"),
    ],
};

/// Whose files are being sorted: a translation in a language the site does
/// not list is a mistake in the site's own folder, but in a trust's it is
/// a language this school does not publish.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Folder {
    Own,
    Trust,
}

/// The files among `files` (of the folder `root`) that are named as
/// translations: the rest are pages and assets. Files in a language the
/// site does not list are left out, and reported in the site's own folder
/// (`translation-invalid`).
pub(super) fn split_off(
    root: &Path,
    files: Vec<PathBuf>,
    config: &Config,
    folder: Folder,
    diags: &mut Diagnostics,
) -> (Vec<PathBuf>, Vec<(PathBuf, TranslationName)>) {
    let mut others = Vec::with_capacity(files.len());
    let mut translations = Vec::new();
    for abs in files {
        let rel = SourceFile::display_path(root, &abs);
        match layout::translation_name(&rel) {
            Some(name) if config.translation_language(&name.lang).is_some() => {
                translations.push((abs, name));
            }
            Some(name) if crate::languages::is_known_language(&name.lang) => {
                if folder == Folder::Own {
                    diags.push(invalid_language(&rel, &name, config));
                }
            }
            _ => others.push(abs),
        }
    }
    (others, translations)
}

fn invalid_language(rel: &str, name: &TranslationName, config: &Config) -> Diagnostic {
    let listed: Vec<String> = config
        .languages
        .iter()
        .map(|l| format!("`{}`", l.code))
        .collect();
    let listed = if listed.is_empty() {
        "the site lists no languages".to_string()
    } else {
        format!("the site lists {}", listed.join(", "))
    };
    Diagnostic::file(
        Code::TranslationInvalid,
        rel,
        format!(
            "this file is named as a translation into `{}`, a language the site does not list ({listed}), so it is not published",
            name.lang
        ),
        format!(
            "add the language to charter.toml: [[languages]] code = \"{}\" name = \"…\" (the language's own name for itself); or rename the file",
            name.lang
        ),
    )
}

/// Reads each translation and makes its page from its source's (found
/// among `pages` by path). The pages come back in `files`' order.
pub(super) fn read(
    root: &Path,
    files: &[(PathBuf, TranslationName)],
    pages: &[Page],
    config: &Config,
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let by_path: std::collections::HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.rel_path.as_str(), i))
        .collect();
    let mut out = Vec::new();
    for (abs, name) in files {
        let rel = SourceFile::display_path(root, abs);
        let Some(&source) = by_path.get(name.source.as_str()) else {
            diags.push(orphan(&rel, name, root));
            continue;
        };
        match read_one(&rel, abs, name, source, &pages[source], config) {
            Ok((page, found)) => {
                diags.extend(found);
                out.push(page);
            }
            Err(found) => diags.extend(found),
        }
    }
    out
}

/// A translation without its source: nothing says what it translates.
fn orphan(rel: &str, name: &TranslationName, root: &Path) -> Diagnostic {
    let hint = if name.source.ends_with("/_index.md") {
        format!(
            "write {} first: the introduction (title and text) in the site's main language that this one translates",
            name.source
        )
    } else if root.join(&name.source).is_file() {
        format!(
            "{} could not be read (see its own finding); fix it and this translation is published too",
            name.source
        )
    } else {
        format!(
            "a translation sits beside the file it translates: rename this file after its source ({} would translate {}), or remove it",
            rel, name.source
        )
    };
    Diagnostic::file(
        Code::TranslationOrphan,
        rel,
        format!(
            "this translation into `{}` has no source: there is no {}, so it is not published",
            name.lang, name.source
        ),
        hint,
    )
}

type Read = Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>>;

fn read_one(
    rel: &str,
    abs: &Path,
    name: &TranslationName,
    index: usize,
    source: &Page,
    config: &Config,
) -> Read {
    let text = std::fs::read_to_string(abs).map_err(|e| {
        vec![Diagnostic::file(
            Code::FileInvalid,
            rel,
            format!("cannot read this file as UTF-8 text: {e}"),
            "check that the file can be read and is saved as UTF-8",
        )]
    })?;
    let file = SourceFile::new(rel, abs, &text);
    let (toml_range, body_offset) = split_front_matter(&file.text).map_err(|(span, m, h)| {
        vec![Diagnostic::at(Code::FrontmatterInvalid, &file, span, m, h)]
    })?;
    let offset = toml_range.start;
    let (front, problems) =
        schema::parse::<TranslationFront>(&file.text[toml_range.clone()], &TRANSLATION);
    let at = |p: schema::Problem| {
        let span = if p.span == (0..0) {
            0..3
        } else {
            p.span.start + offset..p.span.end + offset
        };
        Diagnostic::at(Code::FrontmatterInvalid, &file, span, p.message, p.hint)
    };
    let Some(front) = front else {
        return Err(problems.into_iter().map(at).collect());
    };
    let (file, found) = with_body_values(file, body_offset, config);
    let page = translated_page(source, file, offset, body_offset, front, name, index);
    Ok((page, found))
}

/// The source's page with the translation's words and place.
fn translated_page(
    source: &Page,
    file: SourceFile,
    front_offset: usize,
    body_offset: usize,
    front: TranslationFront,
    name: &TranslationName,
    index: usize,
) -> Page {
    let mut meta = source.meta.clone();
    match &mut meta {
        Meta::Agreement(f) => f.consents = front.consents.clone(),
        Meta::Parent(f) if !front.topics.is_empty() => f.topics = front.topics,
        Meta::Unit(f) if !front.objectives.is_empty() => f.objectives = front.objectives,
        _ => {}
    }
    let summary = if front.summary.trim().is_empty() {
        source.summary.clone()
    } else {
        front.summary
    };
    let id_span = front_offset.saturating_sub(4)..front_offset.saturating_sub(1);
    Page {
        front_offset,
        body_offset,
        id: source.id.clone(),
        id_span,
        url: layout::translated_url(&name.lang, &source.url),
        title: front.title,
        summary,
        draft: source.draft || front.draft,
        meta,
        review: source.review.clone(),
        front_texts: Vec::new(),
        source: file,
        adapted: None,
        translation: Some(Box::new(Translation {
            lang: name.lang.clone(),
            source: index,
            translates: front.translates,
            consents: front.consents,
        })),
        opening: Default::default(),
    }
}
