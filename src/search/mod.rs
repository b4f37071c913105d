//! Site search: an elasticlunr index written at build time, which the
//! search page (`/search/`) loads with elasticlunr.js 0.9.5 (shipped in the
//! theme), and an A–Z list of every page that the same page shows, so it
//! still helps without JavaScript.
//!
//! The index stays small enough for a phone: it holds each page's title,
//! summary, headings and the opening words of its body, never whole bodies,
//! and it is written in pieces (see [`index`]) so that a search downloads
//! only the words it looks up and the results it shows.

pub mod index;

use serde::Serialize;

use crate::content::{Meta, Page, Section, Site};
use crate::links::Links;

/// Where the search page is published.
pub const URL: &str = "search/";
pub const TITLE: &str = "Search";
/// How many words of each page's body are indexed.
pub const EXCERPT_WORDS: usize = 40;
/// The theme's scripts the search page loads (under `theme/`).
pub const SCRIPTS: [&str; 2] = ["elasticlunr.min.js", "search.js"];

/// One searchable page.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Full path, with the site's base path: `/policies/online-safety/`.
    pub url: String,
    pub title: String,
    pub summary: String,
    /// What the page is, in words: "Policy", "Curriculum unit"…
    pub kind: &'static str,
    pub headings: Vec<String>,
    /// The opening words of the body.
    pub excerpt: String,
}

/// `search` in the `search.html` template.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// URL of the index's manifest.
    pub index_url: String,
    /// URLs of the scripts to load.
    pub scripts: Vec<String>,
    /// How many pages are listed.
    pub count: usize,
    /// Every page, A to Z, grouped by first letter.
    pub letters: Vec<Letter>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// "A", or "0–9" for titles that do not start with a letter.
    pub letter: String,
    /// Anchor of the group: `az-a`, `az-0-9`.
    pub id: String,
    pub pages: Vec<AzLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AzLink {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub summary: String,
}

/// Every page a reader can search for: the home page, the section indexes,
/// every published page (not the printable forms or the policy filters)
/// and the accessibility statement, sorted by title.
pub fn entries(site: &Site, links: &Links) -> Vec<Entry> {
    let base = site.config.base_path();
    let mut out = Vec::new();
    let from_page = |i: usize, page: &Page, kind: &'static str, url: String| Entry {
        url,
        title: page.title.clone(),
        summary: page.summary.clone(),
        kind,
        headings: links.outlines[i]
            .headings
            .iter()
            .map(|h| h.text.clone())
            .collect(),
        excerpt: opening_words(page.body(), EXCERPT_WORDS),
    };
    let home = site
        .published_pages()
        .find(|(_, p)| matches!(p.meta, Meta::Home(_)));
    out.push(match home {
        Some((i, p)) => from_page(i, p, "Home page", base.clone()),
        None => Entry {
            url: base.clone(),
            title: site.config.title.clone(),
            summary: site.config.description.clone(),
            kind: "Home page",
            headings: Vec::new(),
            excerpt: String::new(),
        },
    });
    for section in Section::ALL {
        let url = format!("{base}{}/", section.dir());
        let intro = site
            .published_pages()
            .find(|(_, p)| matches!(&p.meta, Meta::SectionIndex(s, _) if *s == section));
        out.push(match intro {
            Some((i, p)) => from_page(i, p, "Section", url),
            None => Entry {
                url,
                title: section.default_title().to_string(),
                summary: String::new(),
                kind: "Section",
                headings: Vec::new(),
                excerpt: String::new(),
            },
        });
    }
    for (i, page) in site.published_pages() {
        if links.url_conflicts.contains(&i) {
            continue;
        }
        let kind = match page.meta {
            Meta::Home(_) | Meta::SectionIndex(..) => continue,
            Meta::Policy(_) => "Policy",
            Meta::Agreement(_) => "Acceptable use agreement",
            Meta::Unit(_) => "Curriculum unit",
            Meta::Parent(_) => "For parents and carers",
            Meta::Page(_) => "Page",
        };
        out.push(from_page(i, page, kind, format!("{base}{}", page.url)));
    }
    if crate::statement::configured(&site.config) {
        out.push(Entry {
            url: format!("{base}{}", crate::statement::URL),
            title: crate::statement::TITLE.to_string(),
            summary: crate::statement::SUMMARY.to_string(),
            kind: "Page",
            headings: crate::statement::HEADINGS
                .iter()
                .map(|h| h.to_string())
                .collect(),
            excerpt: String::new(),
        });
    }
    out.sort_by(|a, b| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then_with(|| a.url.cmp(&b.url))
    });
    out
}

/// The search page's view: where the index and scripts are, and the A–Z
/// list of `entries`.
pub fn view(base: &str, theme_prefix: &str, entries: &[Entry]) -> SearchView {
    let mut letters: Vec<Letter> = Vec::new();
    for e in entries {
        let letter = match e.title.trim().chars().next() {
            Some(c) if c.is_alphabetic() => c.to_uppercase().collect::<String>(),
            _ => "0–9".to_string(),
        };
        let link = AzLink {
            title: e.title.clone(),
            url: e.url.clone(),
            kind: e.kind.to_string(),
            summary: e.summary.clone(),
        };
        match letters.iter_mut().find(|l| l.letter == letter) {
            Some(group) => group.pages.push(link),
            None => letters.push(Letter {
                id: format!("az-{}", crate::content::slugify(&letter.replace('–', "-"))),
                letter,
                pages: vec![link],
            }),
        }
    }
    // Titles are sorted, but "0–9" and accented capitals sort by code point.
    letters.sort_by(|a, b| {
        let digits = |l: &Letter| !l.letter.chars().next().is_some_and(char::is_alphabetic);
        digits(a)
            .cmp(&digits(b))
            .then_with(|| a.letter.cmp(&b.letter))
    });
    SearchView {
        index_url: format!("{base}{}", index::MANIFEST),
        scripts: SCRIPTS
            .iter()
            .map(|s| format!("{base}{theme_prefix}{s}"))
            .collect(),
        count: entries.len(),
        letters,
    }
}

/// The first `limit` words of a Markdown body's prose: paragraphs, lists,
/// quotes and tables, without headings (indexed on their own), code or HTML.
pub fn opening_words(body: &str, limit: usize) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skip = 0usize;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let flush = |current: &mut String, words: &mut Vec<String>| {
        words.extend(current.split_whitespace().map(str::to_string));
        current.clear();
    };
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                skip = skip.saturating_sub(1);
                current.push(' ');
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(_) => {
                current.push(' ');
                flush(&mut current, &mut words);
                if words.len() >= limit {
                    break;
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut words);
    words.truncate(limit);
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, url: &str) -> Entry {
        Entry {
            url: url.into(),
            title: title.into(),
            summary: format!("About {title}."),
            kind: "Policy",
            headings: vec!["Filtering and monitoring".into()],
            excerpt: "Pupils are kept safe online.".into(),
        }
    }

    #[test]
    fn opening_words_skip_headings_and_code() {
        let body = "Intro *text* here.\n\n## Heading words\n\n```python\nprint(1)\n```\n\n- one `two`\n- three\n";
        assert_eq!(opening_words(body, 100), "Intro text here. one two three");
        assert_eq!(opening_words(body, 2), "Intro text");
    }

    #[test]
    fn a_to_z_groups_by_first_letter() {
        let v = view(
            "/",
            "theme/",
            &[
                entry("4. Roles", "/a/"),
                entry("Attendance", "/b/"),
                entry("anti-bullying", "/c/"),
                entry("Behaviour", "/d/"),
            ],
        );
        let letters: Vec<&str> = v.letters.iter().map(|l| l.letter.as_str()).collect();
        assert_eq!(letters, ["A", "B", "0–9"]);
        assert_eq!(v.letters[0].pages.len(), 2);
        assert_eq!(v.letters[2].id, "az-0-9");
        assert_eq!(v.scripts[1], "/theme/search.js");
        assert_eq!(v.index_url, "/search/index.json");
    }
}
