//! Site search: an elasticlunr index written at build time, which the
//! search page (`/search/`) loads with elasticlunr.js 0.9.5 (shipped in the
//! theme), and an A–Z list of every page that the same page shows, so it
//! still helps without JavaScript.
//!
//! The index stays small enough for a phone: it holds each page's title,
//! summary, headings and the opening words of its body, never whole bodies,
//! and it is written in pieces (see [`index`]) so that a search downloads
//! only the words it looks up and the results it shows.

pub(crate) mod index;
pub(crate) mod languages;

use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use crate::content::{Meta, Page, Section, Site};
use crate::resolve::links::Links;

use crate::layout::SEARCH_URL as URL;

/// How many words of each page's body are indexed.
pub(crate) const EXCERPT_WORDS: usize = 40;
/// The theme's scripts the search page loads (under `theme/`).
pub(crate) const SCRIPTS: [&str; 2] = ["elasticlunr.min.js", "search.js"];

/// More pages than this, and the A to Z list is split into a page per
/// letter: the whole list of 10,000 pages is 1.6 MB of HTML, too much for
/// a phone to load before it can search.
pub(crate) const A_TO_Z_ON_ONE_PAGE: usize = 300;

/// One searchable page.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    /// Full path, with the site's base path: `/policies/online-safety/`.
    pub url: String,
    pub title: &'a str,
    pub summary: &'a str,
    /// What the page is, in words: "Policy", "Curriculum unit"…
    pub kind: &'static str,
    pub headings: Vec<&'a str>,
    /// The Markdown body, whose opening words are indexed (read only when
    /// the index is written).
    pub body: &'a str,
    /// The page it is, if any, whose opening words may be worked out
    /// already (they are those of `body`).
    pub page: Option<&'a Page>,
    /// The page of the site's main language it is (or translates), if any:
    /// what a language's A to Z list matches translations by.
    pub source: Option<usize>,
    /// Its language, when a list shows it among pages in another (an
    /// untranslated page on a translated search page).
    pub lang: Option<&'a str>,
}

/// `search` in the `search.html` and `a_to_z.html` templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchView {
    /// URL of the index's manifest.
    pub index_url: String,
    /// The indexes of the other languages, searched after this one's, in
    /// order, as JSON for search.js (empty on a site without translations).
    pub others: String,
    /// URLs of the scripts to load.
    pub scripts: Vec<String>,
    /// How many pages the site has.
    pub count: usize,
    /// Whether the A to Z list has a page per letter.
    pub split: bool,
    /// URL of the search page.
    pub search_url: String,
    /// Every letter that starts a title, in order, with the pages listed
    /// on this page.
    pub letters: Vec<Letter>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Letter {
    /// "A", or "0–9" for titles that do not start with a letter.
    pub letter: String,
    /// Anchor of the group: `az-a`, `az-0-9`.
    pub id: String,
    /// Where its pages are listed: `#az-a` on the search page, or the
    /// letter's own page when the list is split.
    pub url: String,
    /// How many pages start with it.
    pub count: usize,
    /// Whether this page is the letter's own page.
    pub current: bool,
    /// Its pages, when this page lists them.
    pub pages: Vec<AzLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AzLink {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub summary: String,
    /// Its language and direction, when not the list's.
    pub lang: Option<String>,
    pub dir: Option<&'static str>,
}

/// The entries of one letter of the A to Z list, by their place in the
/// list of entries.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub letter: String,
    pub members: Vec<usize>,
}

impl Group {
    /// `a`, `0-9`: the letter in an address or anchor.
    pub(crate) fn slug(&self) -> String {
        crate::content::slugify(&self.letter.replace('–', "-"))
    }

    /// Where the letter's own page is published (under the output root).
    pub(crate) fn page_path(&self) -> String {
        format!("{URL}{}/", self.slug())
    }
}

/// Whether the A to Z list of `entries` has a page per letter.
pub(crate) fn split(entries: &[Entry]) -> bool {
    entries.len() > A_TO_Z_ON_ONE_PAGE
}

/// Every page a reader can search for: the home page, the section indexes,
/// every published page (not the printable forms or the policy filters)
/// and the accessibility statement, sorted by title.
///
/// Made for every rebuild of `charter serve`, so it borrows what it can.
pub(crate) fn entries<'a>(site: &'a Site, links: &'a Links) -> Vec<Entry<'a>> {
    let base = site.config.base_path();
    let mut out = Vec::new();
    let from_page = |i: usize, page: &'a Page, kind: &'static str, url: String| {
        entry(links, i, page, kind, url)
    };
    let home = site
        .published_pages()
        .find(|(_, p)| matches!(p.meta, Meta::Home(_)));
    out.push(match home {
        Some((i, p)) => from_page(i, p, "Home page", base.clone()),
        None => Entry {
            url: base.clone(),
            title: &site.config.title,
            summary: &site.config.description,
            kind: "Home page",
            headings: Vec::new(),
            body: "",
            page: None,
            source: None,
            lang: None,
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
                title: section.default_title(),
                summary: "",
                kind: "Section",
                headings: Vec::new(),
                body: "",
                page: None,
                source: None,
                lang: None,
            },
        });
    }
    for (i, page) in site.published_pages() {
        if links.url_conflicts.contains(&i) {
            continue;
        }
        let kind = match page.meta {
            Meta::Home(_) | Meta::SectionIndex(..) => continue,
            _ => kind_of(&page.meta),
        };
        out.push(from_page(i, page, kind, format!("{base}{}", page.url)));
    }
    if crate::config::accessibility::configured(&site.config) {
        out.push(Entry {
            url: format!("{base}{}", crate::layout::STATEMENT_URL),
            title: crate::render::statement::TITLE,
            summary: crate::render::statement::SUMMARY,
            kind: "Page",
            headings: crate::render::statement::HEADINGS.to_vec(),
            body: "",
            page: None,
            source: None,
            lang: None,
        });
    }
    sort(&mut out);
    out
}

/// What a page is, in words.
fn kind_of(meta: &Meta) -> &'static str {
    match meta {
        Meta::Home(_) => "Home page",
        Meta::SectionIndex(..) => "Section",
        Meta::Policy(_) => "Policy",
        Meta::Agreement(_) => "Acceptable use agreement",
        Meta::Unit(_) => "Curriculum unit",
        Meta::Parent(_) => "For parents and carers",
        Meta::Page(_) => "Page",
    }
}

/// The entry of page `i` (of the main language or a translation).
fn entry<'a>(
    links: &'a Links,
    i: usize,
    page: &'a Page,
    kind: &'static str,
    url: String,
) -> Entry<'a> {
    Entry {
        url,
        title: &page.title,
        summary: &page.summary,
        kind,
        headings: links.outlines[i]
            .headings
            .iter()
            .map(|h| h.text.as_str())
            .collect(),
        body: page.body(),
        page: Some(page),
        source: Some(page.translation.as_ref().map_or(i, |t| t.source)),
        lang: None,
    }
}

/// Sorts entries by title.
fn sort(entries: &mut [Entry]) {
    // Lower-cased once per entry, not once per comparison (titles often
    // share long beginnings: "Policy on …").
    entries.sort_by_cached_key(|e| (e.title.to_lowercase(), e.url.clone()));
}

/// The A to Z list's letters: titles are sorted, but "0–9" (titles that do
/// not start with a letter) comes last and accented capitals sort by code
/// point.
pub(crate) fn groups(entries: &[Entry]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let letter = match e.title.trim().chars().next() {
            Some(c) if c.is_alphabetic() => c.to_uppercase().collect::<String>(),
            _ => "0–9".to_string(),
        };
        match groups.iter_mut().find(|g| g.letter == letter) {
            Some(group) => group.members.push(i),
            None => groups.push(Group {
                letter,
                members: vec![i],
            }),
        }
    }
    groups.sort_by(|a, b| {
        let digits = |g: &Group| !g.letter.chars().next().is_some_and(char::is_alphabetic);
        digits(a)
            .cmp(&digits(b))
            .then_with(|| a.letter.cmp(&b.letter))
    });
    groups
}

/// The view of the search page (`shown` is `None`) or of one letter's page
/// (`shown` is its place in `groups`). The search page lists every page
/// unless the list is [`split`]; a letter's page lists that letter's.
pub(crate) fn view(
    base: &str,
    theme_prefix: &str,
    place: &languages::Place,
    entries: &[Entry],
    groups: &[Group],
    shown: Option<usize>,
) -> SearchView {
    let split = split(entries);
    let letters = groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let id = format!("az-{}", group.slug());
            let listed = if split { shown == Some(g) } else { true };
            Letter {
                url: if split {
                    format!("{base}{}{}", place.prefix, group.page_path())
                } else {
                    format!("#{id}")
                },
                id,
                letter: group.letter.clone(),
                count: group.members.len(),
                current: shown == Some(g),
                pages: if listed {
                    group
                        .members
                        .iter()
                        .map(|&i| AzLink {
                            title: entries[i].title.to_string(),
                            url: entries[i].url.clone(),
                            kind: entries[i].kind.to_string(),
                            summary: entries[i].summary.to_string(),
                            lang: entries[i].lang.map(str::to_string),
                            dir: entries[i]
                                .lang
                                .map(|l| crate::languages::direction(l).as_str()),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    SearchView {
        index_url: format!("{base}{}{}", place.prefix, crate::layout::SEARCH_MANIFEST),
        others: if place.others.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&place.others).unwrap_or_default()
        },
        scripts: SCRIPTS
            .iter()
            .map(|s| format!("{base}{theme_prefix}{s}"))
            .collect(),
        count: entries.len(),
        split,
        search_url: format!("{base}{}{URL}", place.prefix),
        letters,
    }
}

/// A hash of everything [`view`] reads for `shown` but the base path (a
/// setting) and the theme's folder, so that `charter serve` redoes a page of the A to Z list only
/// when what it lists changed.
pub(crate) fn view_key(
    place: &languages::Place,
    entries: &[Entry],
    groups: &[Group],
    shown: Option<usize>,
) -> u64 {
    let mut h = DefaultHasher::new();
    let split = split(entries);
    (entries.len(), split, shown).hash(&mut h);
    // The languages searched after this one (and in its language
    // switcher) come and go with their first and last translations.
    place.prefix.hash(&mut h);
    for other in &place.others {
        (&other.lang, &other.name, &other.url).hash(&mut h);
    }
    for (g, group) in groups.iter().enumerate() {
        (&group.letter, group.members.len()).hash(&mut h);
        if !split || shown == Some(g) {
            for e in group.members.iter().map(|&i| &entries[i]) {
                (&e.title, &e.url, e.kind, &e.summary, e.lang).hash(&mut h);
            }
        }
    }
    h.finish()
}

/// A page's opening words (see [`opening_words`]), worked out once.
pub(crate) fn opening_of(page: &Page) -> &str {
    page.opening
        .get_or_init(|| opening_words(page.body(), EXCERPT_WORDS))
}

/// The first `limit` words of a Markdown body's prose: paragraphs, lists,
/// quotes and tables, without headings (indexed on their own), code or HTML.
pub(crate) fn opening_words(body: &str, limit: usize) -> String {
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

/// A policy's entry, for the tests of this module and of [`index`].
#[cfg(test)]
fn test_entry(title: &'static str, url: &str) -> Entry<'static> {
    Entry {
        url: url.into(),
        title,
        summary: "About it.",
        kind: "Policy",
        headings: vec!["Filtering and monitoring"],
        body: "Pupils are kept safe online.",
        page: None,
        source: None,
        lang: None,
    }
}

#[cfg(test)]
mod tests {
    use super::test_entry as entry;
    use super::*;

    #[test]
    fn opening_words_skip_headings_and_code() {
        let body = "Intro *text* here.\n\n## Heading words\n\n```python\nprint(1)\n```\n\n- one `two`\n- three\n";
        assert_eq!(opening_words(body, 100), "Intro text here. one two three");
        assert_eq!(opening_words(body, 2), "Intro text");
    }

    #[test]
    fn a_to_z_groups_by_first_letter() {
        let entries = [
            entry("4. Roles", "/a/"),
            entry("Attendance", "/b/"),
            entry("anti-bullying", "/c/"),
            entry("Behaviour", "/d/"),
        ];
        let groups = groups(&entries);
        let v = view(
            "/",
            "theme/",
            &languages::Place::main(),
            &entries,
            &groups,
            None,
        );
        let letters: Vec<&str> = v.letters.iter().map(|l| l.letter.as_str()).collect();
        assert_eq!(letters, ["A", "B", "0–9"]);
        assert_eq!(v.letters[0].pages.len(), 2);
        assert_eq!(v.letters[2].id, "az-0-9");
        assert_eq!(v.letters[2].url, "#az-0-9");
        assert!(!v.split);
        assert_eq!(v.scripts[1], "/theme/search.js");
        assert_eq!(v.index_url, "/search/index.json");
    }

    #[test]
    fn a_long_list_has_a_page_per_letter() {
        let entries: Vec<Entry> = (0..=A_TO_Z_ON_ONE_PAGE)
            .map(|i| {
                entry(
                    if i % 2 == 0 {
                        "Attendance"
                    } else {
                        "Éducation"
                    },
                    "/x/",
                )
            })
            .collect();
        let groups = groups(&entries);
        assert_eq!(groups[1].page_path(), "search/é/");
        let search = view(
            "/school/",
            "theme/",
            &languages::Place::main(),
            &entries,
            &groups,
            None,
        );
        assert!(search.split);
        assert_eq!(search.letters[0].url, "/school/search/a/");
        assert!(search.letters.iter().all(|l| l.pages.is_empty()));
        let e = view(
            "/school/",
            "theme/",
            &languages::Place::main(),
            &entries,
            &groups,
            Some(1),
        );
        assert!(e.letters[1].current && !e.letters[0].current);
        assert_eq!(e.letters[1].pages.len(), A_TO_Z_ON_ONE_PAGE / 2);
        assert!(e.letters[0].pages.is_empty());
        assert_eq!(e.letters[0].count, A_TO_Z_ON_ONE_PAGE / 2 + 1);
    }
}
