//! `charter translate mark FILE`: records in a translation the version of
//! its source it translates (the source's `approved` date, or the
//! fingerprint of its words), once the translator has brought it up to
//! date. The file is edited in place: only the `translates` value changes
//! (or a `translates` line is added after `title`), every other byte stays.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde::Deserialize;
use toml::Spanned;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, render_human};
use crate::content::translates::{self, Version};
use crate::content::{Bodies, Reach, Site, Sources};
use crate::error::Error;

#[derive(Debug, Subcommand)]
pub(crate) enum Action {
    /// Record that a translation is up to date with its source: writes
    /// `translates = …` (the source's approved date, or the fingerprint
    /// of its words) into the translation's front matter.
    Mark {
        /// The translation, e.g. content/parents/screen-time.pl.md.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

pub(super) fn run(sources: Sources, action: Action) -> ExitCode {
    let Action::Mark { file } = action;
    let Some(abs) = locate(&sources.root, &file) else {
        return super::usage_error(&format!("there is no file {}", file.display()));
    };
    let mut diags = Diagnostics::new();
    let site =
        match crate::pipeline::load_reaching(&sources, Reach::Anywhere, Bodies::Held, &mut diags) {
            Ok(site) => site,
            Err(Error::Config(d)) => {
                eprint!("{}", render_human(&d));
                return ExitCode::from(2);
            }
            Err(e) => return super::usage_error(&e.to_string()),
        };
    match mark(&site, &abs, &diags) {
        Ok(said) => {
            say!("{said}");
            ExitCode::SUCCESS
        }
        Err(refusal) => {
            let mut d = Diagnostics::new();
            d.extend(refusal);
            eprint!("{}", render_human(&d));
            eprintln!("Nothing was written.");
            ExitCode::from(1)
        }
    }
}

/// The file named on the command line: from the current folder, or else
/// from the site's.
fn locate(root: &Path, file: &Path) -> Option<PathBuf> {
    [file.to_path_buf(), root.join(file)]
        .into_iter()
        .find(|p| p.is_file())
        .and_then(|p| p.canonicalize().ok())
}

/// Marks the translation at `abs`, saying what was written; or the
/// findings that say why it cannot be (`loading`: those of loading the
/// site, among which the file's own problems).
fn mark(site: &Site, abs: &Path, loading: &Diagnostics) -> Result<String, Vec<Diagnostic>> {
    let page = site
        .pages
        .iter()
        .find(|p| p.source.abs_path.canonicalize().ok().as_deref() == Some(abs));
    let root = site
        .root
        .canonicalize()
        .unwrap_or_else(|_| site.root.clone());
    let rel = crate::base::source::SourceFile::display_path(&root, abs);
    let Some(t) = page.and_then(|p| p.translation.as_ref()) else {
        return Err(refusal(&rel, page.is_some(), loading));
    };
    let source = &site.pages[t.source];
    let version = translates::current(source);
    let raw = std::fs::read_to_string(abs).map_err(|e| {
        vec![Diagnostic::file(
            Code::FileInvalid,
            &rel,
            format!("cannot read this file: {e}"),
            "check that it can be read",
        )]
    })?;
    let what = match &version {
        Version::Approved(_) => format!("the approved date of {}", source.source.rel_path),
        Version::Fingerprint(_) => format!("the fingerprint of {}", source.source.rel_path),
    };
    let line = format!("translates = {}", version.toml());
    let edited = with_translates(&raw, &version.toml()).ok_or_else(|| {
        vec![Diagnostic::file(
            Code::FrontmatterInvalid,
            &rel,
            "this file's front matter cannot be edited (no `+++` block)",
            "start the file with a `+++` line, the front matter, and another `+++` line",
        )]
    })?;
    if edited == raw {
        return Ok(format!(
            "{rel} already says {line} ({what}): nothing to change"
        ));
    }
    std::fs::write(abs, edited).map_err(|e| {
        vec![Diagnostic::file(
            Code::FileInvalid,
            &rel,
            format!("cannot write this file: {e}"),
            "check that it can be written",
        )]
    })?;
    Ok(format!("{rel}: wrote {line} ({what})"))
}

/// Why the file at `rel` cannot be marked: the findings loading the site
/// made about it (a language the site does not list, no source, broken
/// front matter), or that it is not a translation at all.
fn refusal(rel: &str, is_page: bool, loading: &Diagnostics) -> Vec<Diagnostic> {
    let own: Vec<Diagnostic> = loading.iter().filter(|d| d.file == rel).cloned().collect();
    if !own.is_empty() && !is_page {
        return own;
    }
    vec![Diagnostic::file(
        Code::TranslationInvalid,
        rel,
        "this file is not a translation of a page of this site, so there is nothing to mark",
        "a translation sits beside its source with the language's code before `.md` (content/parents/screen-time.pl.md translates content/parents/screen-time.md), in a language listed in charter.toml's [[languages]]",
    )]
}

/// The keys whose places the edit needs.
#[derive(Deserialize)]
struct Places {
    title: Option<Spanned<toml::Value>>,
    translates: Option<Spanned<toml::Value>>,
}

/// `raw` with `translates = value` in its front matter: the old value
/// replaced, or a line added after `title`'s (at the top without one).
/// Line endings (LF or CRLF) and a byte order mark are kept. `None` when
/// the text has no `+++` front matter that TOML reads.
fn with_translates(raw: &str, value: &str) -> Option<String> {
    let (front, end) = front_matter(raw)?;
    let places: Places = toml::from_str(&raw[front..end]).ok()?;
    let mut out = raw.to_string();
    if let Some(old) = places.translates {
        out.replace_range(front + old.span().start..front + old.span().end, value);
        return Some(out);
    }
    let at = match places.title {
        Some(title) => {
            let after = front + title.span().end;
            raw[after..].find('\n').map_or(end, |i| after + i + 1)
        }
        None => front,
    };
    let newline = if raw[front..end].contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    out.insert_str(at, &format!("translates = {value}{newline}"));
    Some(out)
}

/// Where the TOML of `raw`'s front matter starts and ends (byte offsets):
/// after the opening `+++` line, before the closing one.
fn front_matter(raw: &str) -> Option<(usize, usize)> {
    let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let (front, _) = crate::content::history::split_front_matter(&raw[bom..])?;
    // The front matter starts on the line after the opening `+++`.
    let start = bom + raw[bom..].find('\n')? + 1;
    Some((start, start + front.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_is_added_after_the_title_and_nothing_else_changes() {
        let text = "+++\ntitle = \"Umowa\" # po polsku\nsummary = \"S\"\n+++\n\nTekst.\n";
        assert_eq!(
            with_translates(text, "2026-09-17").unwrap(),
            "+++\ntitle = \"Umowa\" # po polsku\ntranslates = 2026-09-17\nsummary = \"S\"\n+++\n\nTekst.\n"
        );
        let crlf = "\u{feff}+++\r\ntitle = \"U\"\r\n+++\r\nT\r\n";
        assert_eq!(
            with_translates(crlf, "\"sha256:ab\"").unwrap(),
            "\u{feff}+++\r\ntitle = \"U\"\r\ntranslates = \"sha256:ab\"\r\n+++\r\nT\r\n"
        );
    }

    #[test]
    fn an_old_value_is_replaced_in_place() {
        let text = "+++\ntitle = \"U\"\n\n# which version\ntranslates   =   2025-01-02  # old\n[[consents]]\nid = \"a\"\nlabel = \"A\"\n+++\nT\n";
        assert_eq!(
            with_translates(text, "\"sha256:ab\"").unwrap(),
            text.replace("2025-01-02", "\"sha256:ab\"")
        );
        assert!(with_translates("no front matter\n", "2026-01-01").is_none());
    }
}
