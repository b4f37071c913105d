//! Which addresses to check and where each appears: every `http://` and
//! `https://` link and image of every page (found by the same pass as the
//! offline shape check), and every `url` of the guidance register, grouped
//! by address so that each is checked once however many places use it.
//! Malformed addresses are left out (the shape check reports them), and so
//! is whatever `[external_links]` says to skip.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;

use super::url;
use crate::base::source::SourceFile;
use crate::checks::external_links;
use crate::config::ExternalLinks;
use crate::config::guidance::Entry;
use crate::config::spans::Spans;
use crate::content::Site;
use crate::layout::GUIDANCE_FILE;
use crate::resolve::links::Links;
use crate::resolve::url_shape::{UrlShape, url_shape};

/// A file an address appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// `site.pages[i]`.
    Page(usize),
    /// The guidance register.
    Guidance,
}

/// One place an address is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub origin: Origin,
    /// Byte span in the file.
    pub span: Range<usize>,
    /// The address as written there.
    pub written: String,
}

/// The addresses to check, each with every place it appears.
#[derive(Debug, Default)]
pub struct Collected {
    /// Check key (see [`url::check_key`]) → places, in a stable order.
    pub targets: BTreeMap<String, Vec<Place>>,
    /// The guidance register as read, when it has addresses to check.
    pub guidance: Option<SourceFile>,
    /// Addresses left out by `skip_urls` or `skip_patterns`.
    pub skipped: usize,
}

impl Collected {
    /// The source file of a place.
    pub fn source<'a>(&'a self, site: &'a Site, origin: Origin) -> Option<&'a SourceFile> {
        match origin {
            Origin::Page(i) => site.pages.get(i).map(|p| &p.source),
            Origin::Guidance => self.guidance.as_ref(),
        }
    }
}

/// The skip lists of `[external_links]`, compiled.
pub struct Skip {
    prefixes: Vec<String>,
    patterns: Vec<Regex>,
    files: Vec<FileRule>,
}

enum FileRule {
    Glob(Regex),
    Path(String),
}

impl Skip {
    /// Patterns were checked when the configuration was read; one that
    /// does not compile (impossible after that check) is ignored.
    pub fn new(settings: &ExternalLinks) -> Skip {
        Skip {
            prefixes: settings.skip_urls.clone(),
            patterns: settings
                .skip_patterns
                .iter()
                .filter_map(|p| Regex::new(p).ok())
                .collect(),
            files: settings
                .skip_files
                .iter()
                .filter_map(|f| {
                    let f = f.trim().trim_start_matches("./");
                    if f.contains(['*', '?', '[']) {
                        Regex::new(&glob_regex(f)).ok().map(FileRule::Glob)
                    } else {
                        Some(FileRule::Path(f.trim_end_matches('/').to_string()))
                    }
                })
                .collect(),
        }
    }

    pub fn url(&self, written: &str) -> bool {
        let written = written.trim();
        self.prefixes
            .iter()
            .any(|p| written.starts_with(p.as_str()))
            || self.patterns.iter().any(|r| r.is_match(written))
    }

    /// `rel` is a path from the site root with `/` separators.
    pub fn file(&self, rel: &str) -> bool {
        self.files.iter().any(|rule| match rule {
            FileRule::Glob(r) => r.is_match(rel),
            FileRule::Path(p) => {
                rel == p || (rel.starts_with(p.as_str()) && rel[p.len()..].starts_with('/'))
            }
        })
    }
}

/// A glob as an anchored regular expression: `**` any run of characters
/// (folders included), `*` any run within one folder, `?` one character,
/// `[abc]` one of a set; a glob ending in `/` (or `/**`) takes a folder's
/// every file.
fn glob_regex(glob: &str) -> String {
    let mut out = String::from("^");
    let chars: Vec<char> = glob.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' if chars.get(i + 1) == Some(&'*') => {
                // `**/` also matches no folder at all.
                if chars.get(i + 2) == Some(&'/') {
                    out.push_str("(?:.*/)?");
                    i += 3;
                    continue;
                }
                out.push_str(".*");
                i += 2;
                continue;
            }
            '*' => out.push_str("[^/]*"),
            '?' => out.push_str("[^/]"),
            '[' => match chars[i..].iter().position(|&c| c == ']') {
                Some(end) if end > 1 => {
                    let set: String = chars[i + 1..i + end].iter().collect();
                    let set = set.replace('\\', "\\\\");
                    match set.strip_prefix('!') {
                        Some(negated) => out.push_str(&format!("[^{negated}]")),
                        None => out.push_str(&format!("[{set}]")),
                    }
                    i += end + 1;
                    continue;
                }
                _ => out.push_str("\\["),
            },
            c => out.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    if glob.ends_with('/') {
        out.push_str(".*");
    }
    out.push('$');
    out
}

/// Gathers the addresses of the site to check.
pub fn collect(site: &Site, links: &Links) -> Collected {
    let skip = Skip::new(&site.config.external_links);
    let mut out = Collected::default();
    let mut skipped = std::collections::BTreeSet::new();
    let mut add = |out: &mut Collected, origin: Origin, span: Range<usize>, written: &str| {
        let Some(key) = url::check_key(written) else {
            return;
        };
        if skip.url(written) {
            skipped.insert(key);
            return;
        }
        out.targets.entry(key).or_default().push(Place {
            origin,
            span,
            written: written.trim().to_string(),
        });
    };
    for link in external_links(site, links) {
        if !matches!(link.shape, UrlShape::Fine | UrlShape::Insecure) {
            continue;
        }
        if skip.file(&link.page.source.rel_path) {
            continue;
        }
        add(
            &mut out,
            Origin::Page(link.page_index),
            link.span,
            link.dest,
        );
    }
    if !site.guidance.guidance.is_empty() && !skip.file(GUIDANCE_FILE) {
        let path = site.root.join(GUIDANCE_FILE);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let source = SourceFile::new(GUIDANCE_FILE, &path, &text);
            for (span, written) in guidance_addresses(&site.guidance.guidance, &text) {
                add(&mut out, Origin::Guidance, span, written);
            }
            out.guidance = Some(source);
        }
    }
    out.skipped = skipped.len();
    out
}

/// Where each address of the guidance register worth checking is written:
/// the `url` of every entry that gives it, found by its path in the file
/// (never by searching the text, which would also find comments).
fn guidance_addresses<'a>(entries: &'a [Entry], text: &str) -> Vec<(Range<usize>, &'a str)> {
    let written_at = Spans::parse(text);
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for entry in entries {
        let written = entry.url.trim();
        if written.is_empty()
            || !matches!(url_shape(written), UrlShape::Fine | UrlShape::Insecure)
            || !seen.insert(written)
        {
            continue;
        }
        let mut spans: Vec<Range<usize>> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.url.trim() == written)
            .map(|(i, e)| {
                let lead = e.url.len() - e.url.trim_start().len();
                written_at
                    .string(&["guidance", &i.to_string(), "url"])
                    .map_or(0..0, |s| s.start + lead..s.start + lead + written.len())
            })
            .collect();
        spans.sort_by_key(|s| s.start);
        out.extend(spans.into_iter().map(|span| (span, written)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guidance_addresses_are_the_urls_written_not_comments() {
        let text = "# \"https://www.gov.uk/kcsie\" was the old address\n[[guidance]]\nid = \"a\"\ntitle = \"A\"\nurl = \"https://www.gov.uk/kcsie\"\n\n[[guidance]]\nid = \"b\"\ntitle = \"B\"\nsuperseded_by = \"a\"\nurl = ' https://www.gov.uk/kcsie'\n";
        let register: crate::config::guidance::Guidance =
            toml::from_str(text).expect("the register parses");
        let found = guidance_addresses(&register.guidance, text);
        let places: Vec<(usize, &str)> = found
            .iter()
            .map(|(s, _)| (s.start, &text[s.clone()]))
            .collect();
        let url = "https://www.gov.uk/kcsie";
        let first = text.find("url = ").map(|i| i + 7);
        let second = text.rfind("url = ").map(|i| i + 8);
        assert_eq!(
            first.zip(second),
            Some((places[0].0, places[1].0)),
            "{places:?}"
        );
        assert_eq!(places.len(), 2, "{places:?}");
        assert!(places.iter().all(|(_, w)| *w == url), "{places:?}");
        assert!(found.iter().all(|(_, w)| *w == url));
    }

    fn skip(urls: &[&str], patterns: &[&str], files: &[&str]) -> Skip {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Skip::new(&ExternalLinks {
            skip_urls: list(urls),
            skip_patterns: list(patterns),
            skip_files: list(files),
            ..ExternalLinks::default()
        })
    }

    #[test]
    fn urls_are_skipped_by_prefix_or_pattern() {
        let s = skip(
            &["https://intranet."],
            &[r"^https?://([a-z]+\.)?example\.org/"],
            &[],
        );
        assert!(s.url("https://intranet.school.sch.uk/staff"));
        assert!(s.url("http://www.example.org/x"));
        assert!(!s.url("https://www.gov.uk/"));
    }

    #[test]
    fn files_are_skipped_by_path_or_glob() {
        let s = skip(
            &[],
            &[],
            &["content/archive", "agreements/*.md", "**/old-*.md"],
        );
        assert!(s.file("content/archive/2019.md"));
        assert!(s.file("content/archive"));
        assert!(!s.file("content/archived.md"));
        assert!(s.file("agreements/staff.md"));
        assert!(!s.file("agreements/sub/staff.md"));
        assert!(s.file("content/policies/old-behaviour.md"));
        assert!(s.file("old-x.md"));
        let s = skip(
            &[],
            &[],
            &["content/news/", "content/p?.md", "content/[ab].md"],
        );
        assert!(s.file("content/news/a.md"));
        assert!(s.file("content/p1.md"));
        assert!(s.file("content/b.md"));
        assert!(!s.file("content/c.md"));
    }
}
