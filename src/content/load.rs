//! Reading the site's files: walking `content/` and `agreements/` (symlink
//! loops and files reached twice are reported, never followed forever),
//! reading each file (UTF-8 only; BOM and CRLF accepted), splitting off the
//! front matter and parsing it, all files in parallel and all problems kept.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::front::{self, DateOrTerm};
use super::{Asset, Meta, Page, ReviewDates, Site, slugify};
use crate::base::dates::toml_date;
use crate::base::dates::{Cycle, parse_term, parse_written_date};
use crate::base::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::base::schema::{self, Schema};
use crate::base::source::SourceFile;
use crate::config::Config;
use crate::config::guidance::Guidance;
use crate::layout::{self, SourceKind, SourcePlace};

/// Reads every page and asset of the site. Files with problems are left out
/// of the returned site and their problems added to `diags`.
pub fn load(
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
        .map(|abs| match read_page(root, abs, &config) {
            Ok(r) => r,
            Err(ds) => (None, ds),
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
pub fn load_file(root: &Path, abs: &Path, config: &Config) -> (Option<Page>, Vec<Diagnostic>) {
    read_page(root, abs, config).unwrap_or_else(|ds| (None, ds))
}

/// Lists files under `dir` in a stable order. Hidden files and editors'
/// backup files are not content.
fn collect(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Files reached by their own path win over the same files reached
    // through a symbolic link, whatever the names sort like.
    let mut found: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let canonical =
                    std::fs::canonicalize(e.path()).unwrap_or_else(|_| e.path().to_path_buf());
                let direct = e
                    .path()
                    .strip_prefix(root)
                    .is_ok_and(|rel| canonical_root.join(rel) == canonical);
                found.push((e.path().to_path_buf(), canonical, direct));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| SourceFile::display_path(root, p))
                    .unwrap_or_default();
                let (message, hint) = if err.loop_ancestor().is_some() {
                    (
                        "this symbolic link points back to a folder that contains it, so it was not followed".to_string(),
                        "remove the link, or point it somewhere outside this folder".to_string(),
                    )
                } else {
                    (
                        format!("cannot be read: {err}"),
                        "check that the file or folder exists and can be read".to_string(),
                    )
                };
                let severity = if err.loop_ancestor().is_some() {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                let code = if err.loop_ancestor().is_some() {
                    Code::SymlinkSkipped
                } else {
                    Code::FileInvalid
                };
                diags.push(Diagnostic::file(code, path, message, hint).with_severity(severity));
            }
        }
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| !found[i].2);
    let mut keep = vec![false; found.len()];
    for i in order {
        let (path, canonical, _) = &found[i];
        if seen.insert(canonical.clone()) {
            keep[i] = true;
        } else {
            let original = canonical.strip_prefix(&canonical_root).map_or_else(
                |_| canonical.display().to_string(),
                |rel| rel.display().to_string(),
            );
            diags.push(Diagnostic::file(
                Code::SymlinkSkipped,
                SourceFile::display_path(root, path),
                "this file was already read under another name (through a symbolic link), so it is read once only",
                format!("remove the link, or the copy, so that {original} appears once"),
            ));
        }
    }
    out.extend(
        found
            .into_iter()
            .zip(keep)
            .filter_map(|((path, _, _), kept)| kept.then_some(path)),
    );
}

/// Folders at the top of a site that look like content but are not read:
/// `policies/` instead of `content/policies/`, or `Content/` on a system
/// where names are case-sensitive. Their Markdown files would otherwise be
/// left out without a word.
fn content_outside(root: &Path, diags: &mut Diagnostics) {
    const LOOKS_LIKE_CONTENT: [&str; 9] = [
        "content",
        "contents",
        "agreements",
        "agreement",
        "policies",
        "policy",
        "curriculum",
        "parents",
        "pages",
    ];
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut folders: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| {
            name != "content"
                && name != "agreements"
                && LOOKS_LIKE_CONTENT.contains(&name.to_lowercase().as_str())
        })
        .collect();
    folders.sort();
    for (name, path) in folders {
        let markdown: Vec<PathBuf> = walkdir::WalkDir::new(&path)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| e.into_path())
            .collect();
        let Some(first) = markdown.first() else {
            continue;
        };
        let lower = name.to_lowercase();
        let hint = match lower.as_str() {
            "content" | "agreements" if root.join(&lower).is_dir() => format!(
                "move its files into {lower}/ (folder names are case-sensitive: {name}/ is another folder)"
            ),
            "content" | "agreements" => {
                format!("rename {name}/ to {lower}/ (folder names are case-sensitive)")
            }
            "contents" => "rename contents/ to content/".to_string(),
            "agreement" => "rename agreement/ to agreements/".to_string(),
            "policy" => "move its files to content/policies/".to_string(),
            _ => format!("move {name}/ into content/, as content/{lower}/"),
        };
        let count = markdown.len();
        diags.push(Diagnostic::file(
            Code::ContentOutside,
            SourceFile::display_path(root, first),
            format!(
                "{name}/ has {count} Markdown file{} that Charter does not read: pages come from content/ and agreements/ only",
                if count == 1 { "" } else { "s" }
            ),
            hint,
        ));
    }
}

fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// A page with problems that do not stop it being read (an unreadable
/// date, say) comes back with those problems beside it.
fn read_page(
    root: &Path,
    abs: &Path,
    config: &Config,
) -> Result<(Option<Page>, Vec<Diagnostic>), Vec<Diagnostic>> {
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

/// Splits `+++` front matter from the body: `(toml range, body offset)`.
/// Where a file's front matter is wrong: span, message, hint.
type SplitError = (Range<usize>, String, String);

fn split_front_matter(text: &str) -> Result<(Range<usize>, usize), SplitError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    if first != "+++" {
        let hint = if first == "---" {
            "Charter reads TOML front matter between `+++` lines, not YAML between `---` lines: replace both `---` lines with `+++` and write keys as `title = \"…\"`"
        } else {
            "start the file with a line `+++`, then the front matter (e.g. title = \"…\"), then another line `+++`"
        };
        return Err((
            0..first_line_end,
            "the file does not start with `+++` front matter".into(),
            hint.into(),
        ));
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((toml_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err((
        0..first_line_end,
        "the front matter is never closed".into(),
        "add a line `+++` after the last front matter key, before the text".into(),
    ))
}

fn parse_page(
    source: SourceFile,
    config: &Config,
) -> Result<(Option<Page>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (toml_range, body_offset) =
        split_front_matter(&source.text).map_err(|(span, msg, hint)| {
            vec![Diagnostic::at(
                Code::FrontmatterInvalid,
                &source,
                span,
                msg,
                hint,
            )]
        })?;
    let place = SourcePlace::of(&source.rel_path);
    let fm = &source.text[toml_range.clone()];
    let offset = toml_range.start;
    let problems_to_diags = |problems: Vec<schema::Problem>| -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|p| {
                // A key missing from the whole front matter is reported at
                // its opening `+++` line.
                let span = if p.span == (0..0) {
                    0..3
                } else {
                    p.span.start + offset..p.span.end + offset
                };
                Diagnostic::at(Code::FrontmatterInvalid, &source, span, p.message, p.hint)
            })
            .collect()
    };
    fn typed<T: DeserializeOwned>(fm: &str, schema: &Schema) -> (Option<T>, Vec<schema::Problem>) {
        schema::parse::<T>(fm, schema)
    }
    let (meta, problems) = match place.kind {
        SourceKind::Home => wrap(typed(fm, &front::PAGE), Meta::Home),
        SourceKind::SectionIndex(s) => wrap(typed(fm, &front::PAGE), |f| Meta::SectionIndex(s, f)),
        SourceKind::Policy => wrap(typed(fm, &front::POLICY), Meta::Policy),
        SourceKind::Agreement => wrap(typed(fm, &front::AGREEMENT), Meta::Agreement),
        SourceKind::Unit => wrap(typed(fm, &front::UNIT), Meta::Unit),
        SourceKind::Parent => wrap(typed(fm, &front::PARENT), Meta::Parent),
        SourceKind::Page => wrap(typed(fm, &front::PAGE), Meta::Page),
    };
    let Some(meta) = meta else {
        return Err(problems_to_diags(misplaced(
            &place,
            &source.rel_path,
            problems,
        )));
    };

    let mut diags = Vec::new();
    let (title, summary, draft, id_field) = common_fields(&meta);
    let whole_front = offset.saturating_sub(4)..offset.saturating_sub(1);
    if title.trim().is_empty() {
        diags.push(Diagnostic::at(
            Code::FrontmatterInvalid,
            &source,
            whole_front.clone(),
            "`title` is empty",
            "give the page a title, e.g. title = \"Online safety\"",
        ));
    }
    // A policy must name who is responsible for it: `owners = []` (or a
    // list of empty names) is as good as none.
    if let Meta::Policy(f) = &meta
        && f.owners.iter().all(|o| o.trim().is_empty())
    {
        // The key at the start of its line (not the word in a summary).
        let at = fm.match_indices("owners").map(|(at, _)| at).find(|&at| {
            fm[..at]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty())
        });
        let span = at.map_or(whole_front.clone(), |at| {
            offset + at..offset + at + "owners".len()
        });
        diags.push(Diagnostic::at(
            Code::FrontmatterInvalid,
            &source,
            span,
            "`owners` names nobody",
            "name at least one role responsible for the policy, e.g. owners = [\"Designated Safeguarding Lead\"]",
        ));
    }
    let (id, id_span) = match id_field {
        Some(id) => {
            let span = id.span().start + offset..id.span().end + offset;
            if slugify(id.get_ref()) != *id.get_ref() || id.get_ref().is_empty() {
                diags.push(Diagnostic::at(
                    Code::FrontmatterInvalid,
                    &source,
                    span.clone(),
                    format!(
                        "the id \"{}\" has characters that cannot be used in links",
                        id.get_ref()
                    ),
                    format!(
                        "use lower-case letters, digits and hyphens, e.g. id = \"{}\"",
                        slugify(id.get_ref())
                    ),
                ));
            }
            (id.get_ref().clone(), span)
        }
        None => (place.default_id.clone(), whole_front.clone()),
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    let review = review_dates(&meta, config, &source, offset, &mut diags);
    let page = Page {
        front_offset: offset,
        body_offset,
        id,
        id_span,
        url: place.url,
        title,
        summary,
        draft,
        meta,
        review,
        source,
    };
    Ok((Some(page), diags))
}

/// The kinds of page whose keys give away where a file belongs: (kind,
/// its keys, what one is called, what several are called, their folder).
const KINDS_BY_KEYS: [(SourceKind, &Schema, &str, &str, &str); 4] = [
    (
        SourceKind::Policy,
        &front::POLICY,
        "a policy",
        "policies",
        "content/policies/",
    ),
    (
        SourceKind::Unit,
        &front::UNIT,
        "a curriculum unit",
        "curriculum units",
        "content/curriculum/",
    ),
    (
        SourceKind::Parent,
        &front::PARENT,
        "a guide for parents",
        "guides for parents",
        "content/parents/",
    ),
    (
        SourceKind::Agreement,
        &front::AGREEMENT,
        "an agreement",
        "agreements",
        "agreements/",
    ),
];

/// A file whose unknown keys are all keys of another kind of page (a
/// policy saved in `content/policy/`, say) gets one finding saying where
/// it belongs, instead of one "unknown key" per key.
fn misplaced(
    place: &SourcePlace,
    rel: &str,
    problems: Vec<schema::Problem>,
) -> Vec<schema::Problem> {
    let mut unknown: Vec<(usize, &str)> = problems
        .iter()
        .filter_map(|p| Some((p.span.start, p.unknown_key.as_deref()?)))
        .collect();
    unknown.sort_unstable();
    let first = unknown.first().map(|(at, k)| *at..*at + k.len());
    let unknown: Vec<&str> = unknown.into_iter().map(|(_, k)| k).collect();
    // One stray key in a policy is more likely a slip than a policy that
    // should be a unit; in a plain page, any policy key says "policy".
    let enough = if place.kind == SourceKind::Page { 1 } else { 2 };
    if unknown.len() < enough
        || matches!(place.kind, SourceKind::Home | SourceKind::SectionIndex(_))
    {
        return problems;
    }
    let Some((_, _, what, many, folder)) = KINDS_BY_KEYS.iter().find(|(kind, schema, ..)| {
        *kind != place.kind
            && unknown
                .iter()
                .all(|k| schema.fields.iter().any(|f| f.name == *k))
    }) else {
        return problems;
    };
    let here = KINDS_BY_KEYS
        .iter()
        .find(|(kind, ..)| *kind == place.kind)
        .map_or("a page", |(_, _, one, ..)| one);
    let verb = if unknown.len() == 1 {
        "is one of the"
    } else {
        "are"
    };
    let keys = unknown
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let mut out: Vec<schema::Problem> = problems
        .into_iter()
        .filter(|p| p.unknown_key.is_none())
        .collect();
    out.insert(
        0,
        schema::Problem {
            span: first.unwrap_or(0..0),
            message: format!(
                "{keys} {verb} keys of {what}, but {rel} is {here}: only files in {folder} are {many}"
            ),
            hint: format!("move the file to {folder}{file}"),
            unknown_key: None,
        },
    );
    out
}

fn wrap<T>(
    r: (Option<T>, Vec<schema::Problem>),
    f: impl FnOnce(T) -> Meta,
) -> (Option<Meta>, Vec<schema::Problem>) {
    (r.0.map(f), r.1)
}

fn common_fields(meta: &Meta) -> (String, String, bool, Option<&toml::Spanned<String>>) {
    match meta {
        Meta::Home(f) | Meta::SectionIndex(_, f) | Meta::Page(f) => {
            (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref())
        }
        Meta::Policy(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
        Meta::Agreement(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
        Meta::Unit(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
        Meta::Parent(f) => (f.title.clone(), f.summary.clone(), f.draft, f.id.as_ref()),
    }
}

/// Works out approval and next review dates of policies and agreements;
/// text that is not a date, cycle or term is `date-unparseable`.
fn review_dates(
    meta: &Meta,
    config: &Config,
    source: &SourceFile,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<ReviewDates> {
    let (approved, every, next) = match meta {
        Meta::Policy(f) => (&f.approved, &f.review_every, &f.next_review),
        Meta::Agreement(f) => (&f.approved, &f.review_every, &f.next_review),
        _ => return None,
    };
    let at = |span: Range<usize>| span.start + offset..span.end + offset;
    let mut dates = ReviewDates::default();
    if let Some(a) = approved {
        dates.approved = toml_date(a.get_ref());
        if dates.approved.is_none() {
            dates.unreadable = true;
            diags.push(Diagnostic::at(
                Code::DateUnparseable,
                source,
                at(a.span()),
                "`approved` must be a date without a time",
                "write the date only, e.g. approved = 2026-03-12",
            ));
        }
    }
    if let Some(e) = every {
        dates.cycle = Cycle::parse(e.get_ref());
        if dates.cycle.is_none() {
            dates.unreadable = true;
            diags.push(Diagnostic::at(
                Code::DateUnparseable,
                source,
                at(e.span()),
                format!("\"{}\" is not a review cycle", e.get_ref()),
                "write a number of years or months, e.g. \"1 year\", \"2 years\", \"6 months\" or \"termly\"",
            ));
        }
    }
    if let Some(n) = next {
        match next_review(n, config) {
            Ok((date, term)) => {
                dates.next = Some(date);
                dates.next_term = term;
            }
            Err((message, hint)) => {
                dates.unreadable = true;
                diags.push(Diagnostic::at(
                    Code::DateUnparseable,
                    source,
                    at(n.span()),
                    message,
                    hint,
                ));
            }
        }
    } else if let (Some(a), Some(c)) = (dates.approved, dates.cycle) {
        dates.next = c.after(a);
    }
    Some(dates)
}

fn next_review(
    value: &DateOrTerm,
    config: &Config,
) -> Result<(Date, Option<String>), (String, String)> {
    match value.get_ref() {
        toml::Value::Datetime(d) => toml_date(d).map(|d| (d, None)).ok_or_else(|| {
            (
                "`next_review` must be a date without a time".into(),
                "write the date only, e.g. next_review = 2027-03-12".into(),
            )
        }),
        toml::Value::String(s) => {
            if let Ok(d) = s.trim().parse::<Date>() {
                return Ok((d, None));
            }
            if let Some(t) = parse_term(s, &config.terms) {
                return Ok((t.ends, Some(s.trim().to_string())));
            }
            // "September 2027" (its last day) or "1 September 2027".
            if let Some(d) = parse_written_date(s) {
                return Ok((d, Some(s.trim().to_string())));
            }
            Err((
                format!("\"{s}\" is not a date or a school term"),
                term_hint(s, config),
            ))
        }
        other => Err((
            format!(
                "`next_review` must be a date or a term, not {}",
                other.type_str()
            ),
            "write a date (next_review = 2027-03-12) or a term in quotes (\"Autumn 2027\")".into(),
        )),
    }
}

/// Suggests the term the author probably meant, with the day it ends.
fn term_hint(text: &str, config: &Config) -> String {
    if let Some(iso) = crate::base::dates::day_month_year_numbers(text) {
        return format!(
            "dates in figures are read differently in different countries: write {iso} (year-month-day) if you mean {}",
            iso.parse::<Date>()
                .map(crate::base::dates::human_date)
                .unwrap_or_default()
        );
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let year = words.iter().find(|w| {
        w.get(..4)
            .and_then(|y| y.parse::<i16>().ok())
            .is_some_and(|y| (1900..=2999).contains(&y))
    });
    let season = words.first().and_then(|w| {
        crate::base::schema::closest(&w.to_lowercase(), ["autumn", "spring", "summer"])
    });
    if let (Some(season), Some(year)) = (season, year) {
        let guess = format!("{}{} {year}", season[..1].to_uppercase(), &season[1..]);
        if let Some(t) = parse_term(&guess, &config.terms) {
            let ends = crate::base::dates::human_date(t.ends);
            // "Spring 1 2027": a half term, whose dates differ from school
            // to school.
            if words.iter().any(|w| matches!(*w, "1" | "2" | "i" | "ii")) {
                return format!(
                    "half terms differ between schools: write the date itself (next_review = {}-02-12) or the whole term, \"{guess}\", which ends on {ends}",
                    t.ends.year()
                );
            }
            return format!("did you mean \"{guess}\"? That term ends on {ends}");
        }
    }
    let rule = |r: &str| {
        if r.eq_ignore_ascii_case("easter") {
            return "Easter Sunday".to_string();
        }
        crate::base::dates::month_day(r)
            .and_then(|(m, d)| Date::new(2024, m, d).ok())
            .map_or_else(
                || r.to_string(),
                |d| {
                    crate::base::dates::human_date(d)[..]
                        .trim_end_matches(" 2024")
                        .to_string()
                },
            )
    };
    format!(
        "write a date (next_review = 2027-03-12), a month (\"September 2027\") or a term and its year: \"Autumn 2027\" (ends {}), \"Spring 2028\" (ends {}), \"Summer 2028\" (ends {})",
        rule(&config.terms.autumn_end),
        rule(&config.terms.spring_end),
        rule(&config.terms.summer_end)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        assert_eq!(
            split_front_matter("+++\ntitle = \"a\"\n+++\nbody").unwrap(),
            (4..16, 20)
        );
        assert!(
            split_front_matter("---\ntitle: a\n---\n")
                .unwrap_err()
                .2
                .contains("YAML")
        );
        assert!(
            split_front_matter("+++\ntitle = \"a\"\n")
                .unwrap_err()
                .1
                .contains("never closed")
        );
        assert!(split_front_matter("").is_err());
    }
}
