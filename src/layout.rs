//! The one map of a site's folders and addresses: where Charter reads
//! sources (`content/`, `agreements/`, `static/`, `themes/`, the two TOML
//! files), what a source file's path makes it (kind, default id, address),
//! where its assets are published, and the addresses and ids of the pages
//! Charter writes itself (section indexes, search, the accessibility
//! statement, the sitemap). Every other module asks here.

use std::path::{Path, PathBuf};

/// The site's configuration file; its presence makes a folder a site.
pub(crate) const CONFIG_FILE: &str = "charter.toml";
/// The register of external guidance that policies cite.
pub(crate) const GUIDANCE_FILE: &str = "guidance.toml";
/// Pages: policies, curriculum units, parents' pages and other pages.
pub(crate) const CONTENT_DIR: &str = "content";
/// `content/` with its slash, as paths relative to the site start.
pub(crate) const CONTENT_PREFIX: &str = "content/";
/// Acceptable use agreements.
pub(crate) const AGREEMENTS_DIR: &str = "agreements";
/// `agreements/` with its slash.
pub(crate) const AGREEMENTS_PREFIX: &str = "agreements/";
/// Files published as they are.
pub(crate) const STATIC_DIR: &str = "static";
/// The site's own themes, `themes/<name>/`.
pub(crate) const THEMES_DIR: &str = "themes";
/// The site's own tables of the theme's words, one per language.
pub(crate) const STRINGS_DIR: &str = "strings";
/// Where `charter build` publishes by default.
pub(crate) const PUBLIC_DIR: &str = "public";
/// Folders Markdown pages are read from, in the order they are listed.
pub(crate) const SOURCE_DIRS: [&str; 2] = [CONTENT_DIR, AGREEMENTS_DIR];
/// Every folder and file a change to which can change the site.
pub(crate) const WATCHED_DIRS: [&str; 5] = [
    CONTENT_DIR,
    AGREEMENTS_DIR,
    THEMES_DIR,
    STATIC_DIR,
    STRINGS_DIR,
];
pub(crate) const WATCHED_FILES: [&str; 2] = [CONFIG_FILE, GUIDANCE_FILE];
/// Folders a build must never write into or replace.
pub(crate) const PROTECTED_DIRS: [&str; 4] = [CONTENT_DIR, AGREEMENTS_DIR, STATIC_DIR, THEMES_DIR];
/// Results of `check --external`, kept between runs.
pub(crate) const EXTERNAL_LINKS_CACHE: &str = ".charter-cache/external-links.json";
/// What `charter build` remembers of its last build (see `write::cache`).
pub(crate) const BUILD_CACHE: &str = ".charter-cache/build";
/// Where `charter serve` builds the preview.
pub(crate) const SERVE_DIR: &str = ".charter-cache/serve";
/// "What the law requires" as a spreadsheet, beside the dashboard page;
/// only for a site with `[statutory]`.
pub(crate) const STATUTORY_CSV: &str = "statutory.csv";
/// A trust's settings file; its presence makes a folder a trust folder,
/// whose `content/` and `agreements/` every school listed in it publishes.
pub(crate) const TRUST_FILE: &str = "trust.toml";
/// Where a trust's schools usually live (`schools/<name>/`); `charter
/// init`-style advice and hints name it.
pub(crate) const SCHOOLS_DIR: &str = "schools";
/// The trust-wide overview, in the trust's own `public/`, and its
/// spreadsheet beside it.
pub(crate) const OVERVIEW_PAGE: &str = "index.html";
pub(crate) const OVERVIEW_CSV: &str = "overview.csv";
/// The default theme's stylesheet, published under [`THEME_STATIC_PREFIX`].
pub(crate) const STYLESHEET: &str = "style.css";
/// The logo shown in the header: the first of these found in `static/`.
pub(crate) const LOGO_FILES: [&str; 2] = ["logo.svg", "logo.png"];

/// Ids and addresses of the section indexes and the home page, which
/// always exist. Their ids start with `charter:`, which no file name or
/// `id` can give (ids are slugs), so `agreements/parents.md` keeps the
/// natural id `parents` and `@charter:parents` always means the hub.
pub(crate) const BUILT_IN_IDS: [(&str, &str); 5] = [
    ("charter:home", ""),
    ("charter:policies", "policies/"),
    ("charter:agreements", "agreements/"),
    ("charter:curriculum", "curriculum/"),
    ("charter:parents", "parents/"),
];
/// What the ids of built-in pages start with.
pub(crate) const BUILT_IN_PREFIX: &str = "charter:";

/// The built-in page a name means, with or without `charter:` (`parents`
/// was the hub's id before ids of built-in pages had the prefix):
/// (its id, its address).
pub(crate) fn built_in_page(name: &str) -> Option<(&'static str, &'static str)> {
    let bare = name.strip_prefix(BUILT_IN_PREFIX).unwrap_or(name);
    BUILT_IN_IDS
        .into_iter()
        .find(|(id, _)| id.strip_prefix(BUILT_IN_PREFIX) == Some(bare))
}
/// The search page.
pub(crate) const SEARCH_URL: &str = "search/";
/// The search index's manifest and the folder of its pieces.
pub(crate) const SEARCH_MANIFEST: &str = "search/index.json";
pub(crate) const SEARCH_FOLDER: &str = "search/index/";
/// The accessibility statement written from `[accessibility]`.
pub(crate) const STATEMENT_URL: &str = "accessibility/";
pub(crate) const STATEMENT_ID: &str = "accessibility";
/// The page served for addresses that do not exist.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The list of pages for search engines, and the file that names it.
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
/// The icon browsers ask for without a link to it.
pub(crate) const FAVICON: &str = "favicon.ico";
/// The theme's icons, used when the site has no logo: files of the
/// theme's `static/`, published under [`THEME_STATIC_PREFIX`].
pub(crate) const DEFAULT_ICON: &str = "theme/icon.svg";
pub(crate) const DEFAULT_TOUCH_ICON: &str = "theme/apple-touch-icon.png";
/// Where the theme's static files are published.
pub(crate) const THEME_STATIC_PREFIX: &str = "theme/";

/// The folder a new file of a kind is written to (`charter new`, `charter
/// import`); `None` for the home page and section introductions.
pub(crate) fn folder_of(kind: SourceKind) -> Option<&'static str> {
    match kind {
        SourceKind::Policy => Some("content/policies"),
        SourceKind::Agreement => Some(AGREEMENTS_DIR),
        SourceKind::Unit => Some("content/curriculum"),
        SourceKind::Parent => Some("content/parents"),
        SourceKind::Page => Some("content/pages"),
        SourceKind::Home | SourceKind::SectionIndex(_) => None,
    }
}

/// The logo file in the site's `static/`, if it has one.
pub(crate) fn logo(site_root: &Path) -> Option<&'static str> {
    let dir = site_root.join(STATIC_DIR);
    LOGO_FILES.into_iter().find(|f| dir.join(f).is_file())
}

/// The folder of the theme named in `charter.toml` (`default` when none).
pub(crate) fn theme_dir(site_root: &Path, name: Option<&str>) -> PathBuf {
    site_root.join(THEMES_DIR).join(name.unwrap_or("default"))
}

/// The folders of `content/` that hold a kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Section {
    Policies,
    Agreements,
    Curriculum,
    Parents,
}

impl Section {
    pub(crate) const ALL: [Section; 4] = [
        Section::Policies,
        Section::Agreements,
        Section::Curriculum,
        Section::Parents,
    ];

    pub(crate) fn dir(self) -> &'static str {
        match self {
            Section::Policies => "policies",
            Section::Agreements => "agreements",
            Section::Curriculum => "curriculum",
            Section::Parents => "parents",
        }
    }

    pub(crate) fn default_title(self) -> &'static str {
        match self {
            Section::Policies => "Policies",
            Section::Agreements => "Acceptable use agreements",
            Section::Curriculum => "Online safety curriculum",
            Section::Parents => "For parents and carers",
        }
    }
}

/// What a file's path says about it: its kind, default id and URL.
pub(crate) struct SourcePlace {
    pub kind: SourceKind,
    pub default_id: String,
    pub url: String,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum SourceKind {
    Home,
    SectionIndex(Section),
    Policy,
    Agreement,
    Unit,
    Parent,
    Page,
}

impl SourcePlace {
    /// Where the file at `rel` (relative to the site's folder) belongs.
    pub(crate) fn of(rel: &str) -> SourcePlace {
        let without_ext = rel.strip_suffix(".md").unwrap_or(rel);
        let parts: Vec<&str> = without_ext.split('/').collect();
        let stem = parts.last().copied().unwrap_or_default();
        let (top, inner) = match parts.first() {
            Some(&AGREEMENTS_DIR) => (Some(Section::Agreements), &parts[1..]),
            Some(&CONTENT_DIR) => {
                let inner = &parts[1..];
                let section = Section::ALL
                    .into_iter()
                    .find(|s| s.dir() == inner[0] && *s != Section::Agreements && inner.len() > 1);
                match section {
                    Some(s) => (Some(s), &inner[1..]),
                    None => (None, inner),
                }
            }
            _ => (None, &parts[..]),
        };
        let slug_path = |segments: &[&str]| -> String {
            segments
                .iter()
                .map(|s| slugify(s))
                .collect::<Vec<_>>()
                .join("/")
        };
        if stem == "_index" {
            let dir = &inner[..inner.len() - 1];
            return match top {
                Some(s) if dir.is_empty() => SourcePlace {
                    kind: SourceKind::SectionIndex(s),
                    default_id: format!("{BUILT_IN_PREFIX}{}", s.dir()),
                    url: format!("{}/", s.dir()),
                },
                None if dir.is_empty() => SourcePlace {
                    kind: SourceKind::Home,
                    default_id: format!("{BUILT_IN_PREFIX}home"),
                    url: String::new(),
                },
                // A nested `_index.md` introduces its folder as a plain page.
                _ => SourcePlace {
                    kind: SourceKind::Page,
                    default_id: slugify(dir.last().copied().unwrap_or("index")),
                    url: format!(
                        "{}{}/",
                        top.map(|s| format!("{}/", s.dir())).unwrap_or_default(),
                        slug_path(dir)
                    ),
                },
            };
        }
        let default_id = slugify(stem);
        match top {
            Some(s) => SourcePlace {
                kind: match s {
                    Section::Policies => SourceKind::Policy,
                    Section::Agreements => SourceKind::Agreement,
                    Section::Curriculum => SourceKind::Unit,
                    Section::Parents => SourceKind::Parent,
                },
                default_id,
                url: format!("{}/{}/", s.dir(), slug_path(inner)),
            },
            None => {
                // content/pages/x.md is published at /x/; other folders keep their path.
                let inner = if inner.first() == Some(&"pages") && inner.len() > 1 {
                    &inner[1..]
                } else {
                    inner
                };
                SourcePlace {
                    kind: SourceKind::Page,
                    default_id,
                    url: format!("{}/", slug_path(inner)),
                }
            }
        }
    }
}

/// Where a non-Markdown file under content/ or agreements/ is published:
/// at the same path, without the leading `content/`.
pub(crate) fn asset_output(rel: &str) -> Option<String> {
    if let Some(rest) = rel.strip_prefix(CONTENT_PREFIX) {
        let rest = rest.strip_prefix("pages/").unwrap_or(rest);
        Some(rest.to_string())
    } else {
        Some(rel.to_string())
    }
}

/// What a translation file's name says: the file it translates and the
/// language (`content/parents/screen-time.pl.md` translates
/// `content/parents/screen-time.md` into `pl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TranslationName {
    pub source: String,
    pub lang: String,
}

/// The translation a Markdown file's name makes it, if its name has a
/// second extension that could be a language code (`x.pl.md`, `x.pt-BR.md`);
/// whether the site has that language is for the caller to decide.
pub(crate) fn translation_name(rel: &str) -> Option<TranslationName> {
    let without_ext = rel.strip_suffix(".md")?;
    let (folder, file) = without_ext.rsplit_once('/')?;
    let (stem, lang) = file.rsplit_once('.')?;
    let tag_like = !stem.is_empty()
        && lang
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    tag_like.then(|| TranslationName {
        source: format!("{folder}/{stem}.md"),
        lang: lang.to_string(),
    })
}

/// Where a translation of the page at `url` is published: under its
/// language's prefix (`pl/parents/screen-time/`, `pl/` for the home page).
pub(crate) fn translated_url(lang: &str, url: &str) -> String {
    format!("{lang}/{url}")
}

/// Lower-case, hyphen-separated form of a name, for ids and URLs: Unicode
/// letters and digits are kept, white space, `-` and `_` become `-`, other
/// characters are dropped, and runs of `-` collapse.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            // Headings are mostly ASCII: no case-mapping iterator for them.
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_hyphen = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(rel: &str) -> (String, String) {
        let p = SourcePlace::of(rel);
        (p.default_id, p.url)
    }

    #[test]
    fn places_follow_the_folder_layout() {
        assert_eq!(
            place("content/_index.md"),
            ("charter:home".into(), "".into())
        );
        assert_eq!(
            place("content/policies/Online Safety.md"),
            ("online-safety".into(), "policies/online-safety/".into())
        );
        assert_eq!(
            place("content/policies/_index.md"),
            ("charter:policies".into(), "policies/".into())
        );
        assert_eq!(
            place("agreements/pupils-ks1.md"),
            ("pupils-ks1".into(), "agreements/pupils-ks1/".into())
        );
        assert_eq!(
            place("content/pages/contact.md"),
            ("contact".into(), "contact/".into())
        );
        assert_eq!(
            place("content/news/term-dates.md"),
            ("term-dates".into(), "news/term-dates/".into())
        );
        assert_eq!(
            place("content/policies/safeguarding/prevent.md"),
            ("prevent".into(), "policies/safeguarding/prevent/".into())
        );
        assert_eq!(
            place("content/policies.md"),
            ("policies".into(), "policies/".into())
        );
        assert_eq!(
            place("agreements/parents.md"),
            ("parents".into(), "agreements/parents/".into())
        );
        assert_eq!(
            built_in_page("parents"),
            Some(("charter:parents", "parents/"))
        );
        assert_eq!(built_in_page("charter:home"), Some(("charter:home", "")));
        assert_eq!(built_in_page("charter:nothing"), None);
    }

    #[test]
    fn translation_files_are_named_after_their_source() {
        let name = |rel: &str| translation_name(rel).map(|n| (n.source, n.lang));
        assert_eq!(
            name("content/parents/screen-time.pl.md"),
            Some(("content/parents/screen-time.md".into(), "pl".into()))
        );
        assert_eq!(
            name("content/_index.pt-BR.md"),
            Some(("content/_index.md".into(), "pt-BR".into()))
        );
        assert_eq!(
            name("agreements/parents.ur.md"),
            Some(("agreements/parents.md".into(), "ur".into()))
        );
        assert_eq!(name("content/policies/online-safety.md"), None);
        assert_eq!(name("content/policies/v1.2 draft.md"), None);
        assert_eq!(name("content/policies/.pl.md"), None);
        assert_eq!(
            translated_url("pl", "parents/screen-time/"),
            "pl/parents/screen-time/"
        );
        assert_eq!(translated_url("ur", ""), "ur/");
    }

    #[test]
    fn new_files_go_where_they_are_read_as_their_kind() {
        for kind in [
            SourceKind::Policy,
            SourceKind::Agreement,
            SourceKind::Unit,
            SourceKind::Parent,
            SourceKind::Page,
        ] {
            let folder = folder_of(kind).expect("a folder");
            assert!(SourcePlace::of(&format!("{folder}/x.md")).kind == kind);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("4. Roles & responsibilities"),
            "4-roles-responsibilities"
        );
        assert_eq!(
            slugify("  Filtering and monitoring "),
            "filtering-and-monitoring"
        );
        assert_eq!(slugify("Über uns — Ängste"), "über-uns-ängste");
        assert_eq!(slugify("snake_case--and  spaces"), "snake-case-and-spaces");
        assert_eq!(
            slugify("Cymraeg: Diogelwch ar-lein"),
            "cymraeg-diogelwch-ar-lein"
        );
        assert_eq!(slugify("?!"), "");
    }
}
