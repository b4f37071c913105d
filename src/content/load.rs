//! Reading the site's files: walking `content/` and `agreements/`
//! ([`super::walk`]), reading each file (UTF-8 only; BOM and CRLF accepted)
//! and parsing it ([`super::parse`]), all files in parallel and all problems
//! kept.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::parse::parse_page;
use super::walk::{collect, content_outside};
use super::{Asset, Page, Site};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::source::SourceFile;
use crate::config::Config;
use crate::config::guidance::Guidance;
use crate::layout::{self, SourcePlace};

/// Reads every page and asset of the site. Files with problems are left out
/// of the returned site and their problems added to `diags`.
pub(crate) fn load(
    root: &Path,
    config: Config,
    guidance: Guidance,
    reach: super::Reach,
    diags: &mut Diagnostics,
) -> Site {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for top in layout::SOURCE_DIRS {
        collect(root, &root.join(top), &mut seen, &mut files, diags);
    }
    content_outside(root, diags);
    let (markdown, others): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "md"));

    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|abs| page_or_problems(read_page(root, abs, &config)))
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
            let rel = SourceFile::display_path(root, &abs);
            layout::asset_output(&rel).map(|output| Asset {
                source: abs,
                output,
            })
        })
        .collect();
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
    }
}

/// Reads one Markdown file of the site again (`charter serve` after an
/// edit): the page, or `None` when it has problems that keep it out, and its
/// findings.
pub(crate) fn load_file(
    root: &Path,
    abs: &Path,
    config: &Config,
) -> (Option<Page>, Vec<Diagnostic>) {
    page_or_problems(read_page(root, abs, config))
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
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let rel = SourceFile::display_path(root, abs);
    let bytes = std::fs::read(abs).map_err(|e| {
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
    let source = SourceFile::new(rel, abs, &text);
    parse_page(source, config)
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
