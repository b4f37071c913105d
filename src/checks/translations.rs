//! Translations: one behind its source (`translation-stale`, with what
//! changed since, from git when the site is in a repository), and a
//! translated agreement whose consents or statements are not its source's
//! (`translation-mismatch`: a parent could sign a different list).

use std::ops::Range;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::translates::{self, Named, Stale, Version};
use crate::content::translations::Translation;
use crate::content::{Meta, Page, Site, history};
use crate::forms::form::{self, BlockKind};
use crate::render::changes::diff::{self, Block, Change};

pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    for page in &site.pages {
        let Some(t) = &page.translation else {
            continue;
        };
        let source = &site.pages[t.source];
        if let Some(stale) = translates::stale(t, source) {
            diags.push(stale_finding(site, page, t, source, &stale));
        }
        if let (Meta::Agreement(_), Meta::Agreement(_)) = (&page.meta, &source.meta) {
            diags.extend(consents_mismatch(page, t, source));
            diags.extend(statements_mismatch(page, source));
        }
    }
}

/// The `+++` line that opens a file: where findings about the whole front
/// matter go.
const OPENING: Range<usize> = 0..3;

fn stale_finding(
    site: &Site,
    page: &Page,
    t: &Translation,
    source: &Page,
    stale: &Stale,
) -> Diagnostic {
    let (file, src) = (&page.source.rel_path, &source.source.rel_path);
    let span = t
        .translates
        .as_ref()
        .map_or(OPENING, |v| page.front_span(v.span()));
    let mark = format!(
        "then run `charter translate mark {file}`, which writes `translates = {}`",
        stale.now.toml()
    );
    let (message, hint) = match &stale.named {
        Named::Missing => (
            format!(
                "this translation does not say which version of {src} it translates, so it may be out of date"
            ),
            format!("compare it with {src} and bring it up to date, {mark}"),
        ),
        Named::Unreadable => (
            format!(
                "`translates` names no version of {src}: it takes the source's `approved` date (e.g. 2026-09-17) or the fingerprint `charter translate mark` writes"
            ),
            format!("compare this translation with {src} and bring it up to date, {mark}"),
        ),
        Named::Other(named) => (
            format!(
                "{src} has changed since this translation was made: it translates the version {}, and {src} is now the version {}",
                named.describe(),
                stale.now.describe()
            ),
            format!(
                "{}; update the translation, {mark}",
                what_changed(site, source, named)
            ),
        ),
    };
    Diagnostic::at(Code::TranslationStale, &page.source, span, message, hint)
}

/// What changed in the source since the version `named`, from git: its
/// changed, added and removed paragraphs, briefly.
fn what_changed(site: &Site, source: &Page, named: &Version) -> String {
    let found = history::find_version(site, source, |text| {
        named.of_text(text).as_ref() == Some(named)
    });
    let Some((commit, old)) = found else {
        return format!(
            "the version {} is not in the site's git history, so what changed cannot be shown here: compare the two files",
            named.describe()
        );
    };
    let changes = diff::changes(&blocks(&old), &blocks(source.source.written_text()));
    let short: String = commit.chars().take(10).collect();
    if changes.is_empty() {
        return format!(
            "since commit {short} only things a translation does not repeat changed (links, formatting)"
        );
    }
    format!("changed since commit {short}: {}", summary(&changes))
}

/// The words of a page's text that a translation translates, as blocks to
/// compare: the translated front matter keys, then the body's blocks.
fn blocks(text: &str) -> Vec<Block> {
    let (front, body) = translates::translated_words(text);
    let mut out: Vec<Block> = front
        .into_iter()
        .map(|(key, words)| Block {
            heading: false,
            text: format!("{key}: {words}"),
        })
        .collect();
    out.extend(diff::blocks(&body));
    out
}

/// Changes shown in a hint, at most, of each kind.
const SHOWN: usize = 2;
/// Characters of a paragraph shown around a change.
const EXCERPT: usize = 60;

/// "2 paragraphs changed: “…” → “…”; 1 added: “…”".
fn summary(changes: &[Change]) -> String {
    let mut parts = Vec::new();
    for kind in ["changed", "added", "removed"] {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let n = of_kind.len();
        let noun = if n == 1 { "paragraph" } else { "paragraphs" };
        let shown: Vec<String> = of_kind.iter().take(SHOWN).map(|c| shown(c)).collect();
        let more = if n > SHOWN { "; …" } else { "" };
        parts.push(format!("{n} {noun} {kind}: {}{more}", shown.join("; ")));
    }
    parts.join("; ")
}

/// One change as a hint shows it: “old” → “new”, or the words added or
/// removed.
fn shown(change: &Change) -> String {
    match change.kind {
        "changed" => format!(
            "“{}” → “{}”",
            excerpt(&change.parts, "added"),
            excerpt(&change.parts, "removed")
        ),
        _ => format!("“{}”", excerpt(&change.parts, "")),
    }
}

/// The text of a change's one side (without the parts of kind `other`),
/// from a few words before its first change, cut to [`EXCERPT`]
/// characters.
fn excerpt(parts: &[diff::Part], other: &str) -> String {
    let mut text = String::new();
    let mut start = None;
    for p in parts {
        if p.kind != "same" && start.is_none() {
            start = Some(text.len());
        }
        if p.kind != other {
            text.push_str(&p.text);
        }
    }
    let start = start.unwrap_or(0);
    // Three words of what comes before, for context.
    let before: Vec<&str> = text[..start].split_whitespace().collect();
    let context = before[before.len().saturating_sub(3)..].join(" ");
    let lead = if before.len() > 3 { "…" } else { "" };
    // The two sides' parts leave double spaces where the other's words were.
    let rest: Vec<&str> = context
        .split(' ')
        .chain(text[start..].split_whitespace())
        .collect();
    let rest = rest.join(" ");
    let rest = rest.trim();
    let cut: String = rest.chars().take(EXCERPT).collect();
    let trail = if cut.len() < rest.len() { "…" } else { "" };
    format!("{lead}{}{trail}", cut.trim_end())
}

/// The translation's `[[consents]]` must be its source's: the same ids in
/// the same order.
fn consents_mismatch(page: &Page, t: &Translation, source: &Page) -> Option<Diagnostic> {
    let Meta::Agreement(f) = &source.meta else {
        return None;
    };
    let theirs: Vec<&str> = f.consents.iter().map(|c| c.get_ref().id.as_str()).collect();
    let ours: Vec<&str> = t.consents.iter().map(|c| c.get_ref().id.as_str()).collect();
    if ours == theirs {
        return None;
    }
    let first = (0..ours.len()).find(|&k| theirs.get(k) != ours.get(k));
    let span = first.map_or(OPENING, |k| page.front_span(t.consents[k].span()));
    let listed = |ids: &[&str]| -> String {
        let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
        if quoted.is_empty() {
            "none".to_string()
        } else {
            quoted.join(", ")
        }
    };
    let missing: Vec<&str> = theirs
        .iter()
        .filter(|id| !ours.contains(id))
        .copied()
        .collect();
    let extra: Vec<&str> = ours
        .iter()
        .filter(|id| !theirs.contains(id))
        .copied()
        .collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!("missing {}", listed(&missing)));
    }
    if !extra.is_empty() {
        problems.push(format!("{} not in the source", listed(&extra)));
    }
    if problems.is_empty() {
        problems.push(if ours.len() == theirs.len() {
            "in another order".to_string()
        } else {
            format!("{} where the source has {}", ours.len(), theirs.len())
        });
    }
    let src = &source.source.rel_path;
    Some(mismatch(
        page,
        span,
        format!(
            "the consents of this translation are not those of {src} ({})",
            problems.join("; ")
        ),
        format!(
            "list the source's consents, in its order, each with its id and a translated label: {}",
            listed(&theirs)
        ),
    ))
}

/// A translated agreement has as many numbered statements (items of its
/// top-level lists) as its source.
fn statements_mismatch(page: &Page, source: &Page) -> Option<Diagnostic> {
    let statements = |p: &Page| -> Vec<Range<usize>> {
        form::blocks(p.body())
            .into_iter()
            .filter(|b| matches!(b.kind, BlockKind::Statement(_)))
            .map(|b| b.span.start + p.body_offset..b.span.end + p.body_offset)
            .collect()
    };
    let (ours, theirs) = (statements(page), statements(source));
    if ours.len() == theirs.len() {
        return None;
    }
    // An extra statement is marked; a missing one has no place.
    let span = ours.get(theirs.len()).cloned().unwrap_or(OPENING);
    let src = &source.source.rel_path;
    Some(mismatch(
        page,
        span,
        format!(
            "this translation has {} numbered statements and {src} has {}",
            ours.len(),
            theirs.len()
        ),
        format!(
            "translate each statement of {src} as one item of a list, in the same order: the form numbers them, and each number must mean the same in every language"
        ),
    ))
}

/// A `translation-mismatch` finding in `page`: `what` differs, and why it
/// matters.
fn mismatch(page: &Page, span: Range<usize>, what: String, hint: String) -> Diagnostic {
    Diagnostic::at(
        Code::TranslationMismatch,
        &page.source,
        span,
        format!("{what}, so a parent could sign a different list"),
        hint,
    )
}
