//! Reading the site's files: walking `content/` and `agreements/`
//! ([`super::walk`]), reading each file (UTF-8 only; BOM and CRLF accepted)
//! and parsing it ([`super::parse`]), all files in parallel and all problems
//! kept.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::extends::{Reading, TrustDocs};
use super::parse::parse_page;
use super::sources::{Shared, Sources};
use super::translations::Folder;
use super::walk::{collect, content_outside};
use super::{Asset, Bodies, Page, Site};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::source::SourceFile;
use crate::config::Config;
use crate::config::guidance::Guidance;
use crate::layout::{self, SourcePlace};

/// Reads every page and asset of the site: its own, then those of its
/// shared folder (a trust's) that it publishes ([`super::sources`]).
/// Files with problems are left out of the returned site and their
/// problems added to `diags`.
pub(crate) fn load(
    sources: &Sources,
    config: Config,
    guidance: Guidance,
    reach: super::Reach,
    bodies: Bodies<'_>,
    diags: &mut Diagnostics,
) -> Site {
    let root = sources.root.as_path();
    let mut seen = HashSet::new();
    let own = walk(root, &mut seen, diags);
    let (own, mut translations) =
        super::translations::split_off(root, own, &config, Folder::Own, diags);
    content_outside(root, diags);
    // The trust's pages are read first: a school's file may adapt one.
    let theirs = sources
        .shared
        .as_ref()
        .map(|shared_root| read_shared(root, shared_root, &own, &config, &mut seen));
    let their_translations = theirs.as_ref().map(|t| t.translations.clone());
    let docs = theirs.as_ref().map(|t| t.docs(root));
    let reading = docs.as_ref().map_or(Reading::Alone, Reading::School);
    let keep = match bodies {
        Bodies::LetGo | Bodies::LetGoKnowing(_) => Some(translation_sources(&translations)),
        Bodies::Held => None,
    };
    let known = match (bodies, reading) {
        (Bodies::LetGoKnowing(known), Reading::Alone) => Some(known),
        _ => None,
    };
    let let_go = keep.as_ref().map(|keep| LetGo { keep, known });
    let (own_pages, own_assets, mut unreadable_ids) =
        read_all(root, &own, &config, reading, let_go, diags);
    drop(docs);
    let mut pages = own_pages;
    let mut assets = own_assets;
    let mut shared = None;
    if theirs.is_none() {
        super::sources::check_excludes_alone(&config, diags);
    }
    if let Some(theirs) = theirs {
        let (their_pages, their_assets, taken, their_unreadable) =
            theirs.merge(&pages, &config, diags);
        let own_outputs: HashSet<String> = assets.iter().map(|a| a.output.clone()).collect();
        assets.extend(
            their_assets
                .into_iter()
                .filter(|a| !own_outputs.contains(&a.output)),
        );
        pages.extend(their_pages);
        unreadable_ids.extend(their_unreadable);
        shared = Some(taken);
    }
    // Translations last, each made from its source's page, so a source's
    // index never moves when translations come and go.
    let mut translated = super::translations::read(root, &translations, &pages, &config, diags);
    if let (Some(shared), Some(theirs)) = (&shared, their_translations) {
        translations = theirs;
        translated.extend(super::translations::read(
            &shared.root,
            &translations,
            &pages,
            &config,
            diags,
        ));
    }
    pages.extend(translated);
    let static_files = super::files::static_files(root, reach, diags);
    let theme_files = super::files::theme_files(root, config.theme.as_deref(), reach, diags);
    Site {
        root: root.to_path_buf(),
        config,
        guidance,
        statutory: None,
        pages,
        assets,
        static_files,
        theme_files,
        unreadable_ids,
        shared,
        strings: Default::default(),
        read_again: Default::default(),
    }
}

/// Which pages' bodies are let go of as they are read: all but `keep`'s
/// (see [`Page::lets_go_of_body`]), and those of files in `known` not
/// read at all when their stamps are the same.
#[derive(Clone, Copy)]
struct LetGo<'a> {
    keep: &'a HashSet<String>,
    known: Option<&'a crate::base::source::KnownTexts>,
}

/// The shared folder read, before it is merged with the site's own.
struct Theirs {
    root: PathBuf,
    /// The site's own files' paths: a file at the same path replaces the
    /// trust's.
    own_paths: HashSet<String>,
    files: Vec<PathBuf>,
    /// The trust's translations of its documents.
    translations: Vec<(PathBuf, layout::TranslationName)>,
    pages: Vec<Page>,
    assets: Vec<Asset>,
    unreadable: HashSet<String>,
    diags: Diagnostics,
}

/// Reads the shared folder's pages and assets (with the site's
/// configuration, so its values).
fn read_shared(
    root: &Path,
    shared_root: &Path,
    own: &[PathBuf],
    config: &Config,
    seen: &mut HashSet<PathBuf>,
) -> Theirs {
    let own_paths: HashSet<String> = own
        .iter()
        .map(|abs| SourceFile::display_path(root, abs))
        .collect();
    let mut diags = Diagnostics::new();
    let files = walk(shared_root, seen, &mut diags);
    let (files, translations) =
        super::translations::split_off(shared_root, files, config, Folder::Trust, &mut diags);
    let (pages, assets, unreadable) = read_all(
        shared_root,
        &files,
        config,
        Reading::Trust,
        None,
        &mut diags,
    );
    Theirs {
        root: shared_root.to_path_buf(),
        own_paths,
        files,
        translations,
        pages,
        assets,
        unreadable,
        diags,
    }
}

impl Theirs {
    /// The documents a file of the site (in `root`) may adapt.
    fn docs(&self, root: &Path) -> TrustDocs<'_> {
        let docs = self
            .pages
            .iter()
            .map(|p| {
                let shown = crate::base::paths::relative(root, &self.root.join(&p.source.rel_path));
                (p.id.clone(), (p, shown))
            })
            .collect();
        TrustDocs {
            docs,
            unreadable: &self.unreadable,
        }
    }

    /// The shared pages that the site publishes (see
    /// [`super::sources::merge`]; `pages` are the site's own), its assets,
    /// what was taken, and its unreadable ids. Problems of a shared file
    /// the site does not publish are not the site's, and are left out.
    fn merge(
        self,
        pages: &[Page],
        config: &Config,
        diags: &mut Diagnostics,
    ) -> (Vec<Page>, Vec<Asset>, Shared, HashSet<String>) {
        let shared_root = self.root.as_path();
        let own_paths = &self.own_paths;
        let mut taken = Shared {
            root: shared_root.to_path_buf(),
            name: crate::trust::Trust::load(shared_root)
                .map(|t| t.name)
                .unwrap_or_default(),
            files: self
                .files
                .iter()
                .map(|abs| SourceFile::display_path(shared_root, abs))
                .filter(|rel| !own_paths.contains(rel))
                .collect(),
            ..Shared::default()
        };
        let (kept, dropped) = super::sources::merge(
            pages,
            self.pages,
            &self.unreadable,
            config,
            &mut taken,
            diags,
        );
        diags.extend(
            self.diags
                .into_iter()
                .filter(|d| !dropped.contains(&d.file) && !own_paths.contains(&d.file)),
        );
        let assets = self
            .assets
            .into_iter()
            .filter(|a| {
                taken
                    .files
                    .contains(&SourceFile::display_path(shared_root, &a.source))
            })
            .collect();
        (kept, assets, taken, self.unreadable)
    }
}

/// Every file of a folder's `content/` and `agreements/`, in a stable order.
fn walk(root: &Path, seen: &mut HashSet<PathBuf>, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for top in layout::SOURCE_DIRS {
        collect(root, &root.join(top), seen, &mut files, diags);
    }
    files
}

/// The paths of the pages that `translations` translate.
fn translation_sources(translations: &[(PathBuf, layout::TranslationName)]) -> HashSet<String> {
    translations
        .iter()
        .map(|(_, name)| name.source.clone())
        .collect()
}

/// The pages (read in parallel) and assets among `files` of `root`, and
/// the default ids of Markdown files that could not be read. With
/// `let_go_but`, each page lets go of its body as soon as it is read,
/// except those it names (see [`Page::lets_go_of_body`]).
fn read_all(
    root: &Path,
    files: &[PathBuf],
    config: &Config,
    reading: Reading<'_>,
    let_go: Option<LetGo<'_>>,
    diags: &mut Diagnostics,
) -> (Vec<Page>, Vec<Asset>, HashSet<String>) {
    let (markdown, others): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e == "md"));
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|abs| {
            let read = match let_go {
                Some(let_go) => read_page_letting_go(root, abs, config, reading, let_go),
                None => read_page(root, abs, config, reading),
            };
            page_or_problems(read)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut unreadable_ids = HashSet::new();
    for ((page, ds), abs) in results.into_iter().zip(&markdown) {
        match page {
            Some(page) => pages.push(page),
            None if !ds.is_empty() => {
                unreadable_ids
                    .insert(SourcePlace::of(&SourceFile::display_path(root, abs)).default_id);
            }
            None => {}
        }
        diags.extend(ds);
    }
    let assets = others
        .into_iter()
        .filter_map(|abs| {
            let rel = SourceFile::display_path(root, abs);
            layout::asset_output(&rel).map(|output| Asset {
                source: abs.clone(),
                output,
            })
        })
        .collect();
    (pages, assets, unreadable_ids)
}

/// Reads one Markdown file of the site again (`charter serve` after an
/// edit): the page, or `None` when it has problems that keep it out, and its
/// findings.
pub(crate) fn load_file(
    root: &Path,
    abs: &Path,
    config: &Config,
) -> (Option<Page>, Vec<Diagnostic>) {
    page_or_problems(read_page(root, abs, config, Reading::Alone))
}

/// [`read_page`], keeping the body only if `let_go.keep` has the file;
/// a file `let_go.known` has with its stamp unchanged is read only to
/// where its body starts.
fn read_page_letting_go(
    root: &Path,
    abs: &Path,
    config: &Config,
    reading: Reading<'_>,
    let_go: LetGo<'_>,
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let rel = SourceFile::display_path(root, abs);
    if let_go.keep.contains(&rel) {
        return read_page(root, abs, config, reading);
    }
    let known = let_go.known.and_then(|known| known.get(&rel));
    // Unreadable now, or changed: read whole, which says why if it fails.
    let front = known.and_then(|k| SourceFile::read_known(&rel, abs, k).ok().flatten());
    let mut read = match front {
        Some(source) => parse_page(source, config, reading),
        None => read_page(root, abs, config, reading),
    };
    if let Ok((page, _)) = &mut read {
        page.lets_go_of_body(let_go.keep);
    }
    read
}

/// A page and its findings, or no page and the problems that kept it out.
fn page_or_problems(
    read: Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>>,
) -> (Option<Page>, Vec<Diagnostic>) {
    match read {
        Ok((page, ds)) => (Some(page), ds),
        Err(ds) => (None, ds),
    }
}

/// A page with problems that do not stop it being read (an unreadable
/// date, say) comes back with those problems beside it.
fn read_page(
    root: &Path,
    abs: &Path,
    config: &Config,
    reading: Reading<'_>,
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let rel = SourceFile::display_path(root, abs);
    let (bytes, stamp) = crate::base::source::read_stamped(abs).map_err(|e| {
        vec![Diagnostic::file(
            Code::FileInvalid,
            rel.clone(),
            format!("cannot read this file: {e}"),
            "check that the file exists and can be read",
        )]
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(vec![not_utf8(&rel, abs, e)]),
    };
    let source = SourceFile::from_string(rel, abs, text).stamped(stamp);
    parse_page(source, config, reading)
}

fn not_utf8(rel: &str, abs: &Path, err: std::string::FromUtf8Error) -> Diagnostic {
    let valid = err.utf8_error().valid_up_to();
    let bytes = err.into_bytes();
    let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
    let src = SourceFile::new(rel, abs, &prefix);
    let pos = src.position(src.text.len());
    Diagnostic {
        line: pos.line,
        column: pos.column,
        excerpt: None,
        ..Diagnostic::file(
            Code::FileInvalid,
            rel,
            format!(
                "this file is not UTF-8 text (byte {} cannot be read)",
                valid + 1
            ),
            "open it in your editor and save it with the encoding \"UTF-8\" (often it was saved as Windows-1252 or Latin-1)",
        )
    }
}
