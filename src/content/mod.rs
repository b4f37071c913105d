//! The content model: every page of the site, typed by what it is (policy,
//! agreement, curriculum unit, parents' page, other page), with its front
//! matter, body and review dates.

mod bodies;
pub(crate) mod extends;
mod files;
pub(crate) mod front;
pub(crate) mod history;
mod load;
mod parse;
mod review_dates;
mod sources;
pub(crate) mod translates;
pub(crate) mod translations;
pub(crate) mod values;
mod walk;

use std::ops::Range;
use std::path::PathBuf;

use jiff::civil::Date;

pub(crate) use bodies::{Bodies, Body};
pub(crate) use files::{Reach, static_files};
pub(crate) use front::{AgreementFront, Audience, PageFront, ParentFront, PolicyFront, UnitFront};
pub(crate) use load::{load, load_file};
pub(crate) use sources::{Shared, SharedDocument, Sources};

pub(crate) use crate::layout::{Section, slugify};

use crate::base::dates::Cycle;
use crate::base::source::SourceFile;
use crate::config::Config;
use crate::config::guidance::Guidance;

/// What a page is, which decides its template and checks.
#[derive(Debug, Clone)]
pub(crate) enum Meta {
    Home(PageFront),
    /// A section's `_index.md`: the title and introduction of its index page.
    SectionIndex(Section, PageFront),
    Policy(PolicyFront),
    Agreement(AgreementFront),
    Unit(UnitFront),
    Parent(ParentFront),
    Page(PageFront),
}

impl Meta {
    pub(crate) fn kind_name(&self) -> &'static str {
        match self {
            Meta::Home(_) => "home",
            Meta::SectionIndex(..) => "section",
            Meta::Policy(_) => "policy",
            Meta::Agreement(_) => "agreement",
            Meta::Unit(_) => "unit",
            Meta::Parent(_) => "parent",
            Meta::Page(_) => "page",
        }
    }

    /// The register's requirements this page says it meets.
    pub(crate) fn meets(&self) -> &[toml::Spanned<String>] {
        match self {
            Meta::Home(f) | Meta::SectionIndex(_, f) | Meta::Page(f) => &f.meets,
            Meta::Policy(f) => &f.meets,
            Meta::Agreement(f) => &f.meets,
            Meta::Unit(f) => &f.meets,
            Meta::Parent(f) => &f.meets,
        }
    }

    pub(crate) fn related(&self) -> &[toml::Spanned<String>] {
        match self {
            Meta::Policy(f) => &f.related,
            Meta::Agreement(f) => &f.related,
            Meta::Unit(f) => &f.related,
            Meta::Parent(f) => &f.related,
            _ => &[],
        }
    }
}

/// A policy's or agreement's review dates, worked out on load.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReviewDates {
    pub approved: Option<Date>,
    pub cycle: Option<Cycle>,
    pub next: Option<Date>,
    /// The words the author wrote ("Autumn 2027", "September 2027"), when
    /// `next_review` is not an ISO date.
    pub next_term: Option<String>,
    /// A date was written but could not be read (already reported), so the
    /// review is not "missing".
    pub unreadable: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub source: SourceFile,
    /// Byte offset of the front matter's TOML text in `source.text`.
    pub front_offset: usize,
    /// Byte offset of the Markdown body in `source.text`.
    pub body_offset: usize,
    pub id: String,
    /// Span of the `id` (or of the front matter) in the source, for reports.
    pub id_span: Range<usize>,
    /// Path from the site's base, e.g. `policies/online-safety/` (`` for home).
    pub url: String,
    pub title: String,
    pub summary: String,
    pub draft: bool,
    pub meta: Meta,
    pub review: Option<ReviewDates>,
    /// The front matter strings that had values put in them.
    pub front_texts: Vec<values::FrontText>,
    /// A school's adaptation of a trust document (`extends = "trust"`):
    /// what it changed.
    pub adapted: Option<Box<extends::Adaptation>>,
    /// A translation of another page of the site: its language and source.
    pub translation: Option<Box<translations::Translation>>,
}

impl Page {
    /// The Markdown body, while the site holds it: after
    /// [`Site::let_go_of_bodies`], [`Site::body_of`].
    pub(crate) fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// Maps a span inside the front matter's TOML to a span in the file.
    pub(crate) fn front_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_offset..span.end + self.front_offset
    }

    pub(crate) fn is_policy(&self) -> bool {
        matches!(self.meta, Meta::Policy(_))
    }
}

/// A file that is published as it is (an image or PDF beside the Markdown).
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    pub source: PathBuf,
    /// Path of the copy under the output folder, `/`-separated.
    pub output: String,
}

/// Everything that was read: configuration, guidance register, pages, assets.
#[derive(Debug)]
pub(crate) struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub guidance: Guidance,
    /// The register of what the law requires, for a site with `[statutory]`.
    pub statutory: Option<crate::statutory::Statutory>,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Files of `static/`, published at the same path.
    pub static_files: Vec<Asset>,
    /// Static files of the site's own theme folder, published under `theme/`.
    pub theme_files: Vec<Asset>,
    /// Default ids of Markdown files that could not be read (their problem
    /// is already reported), so links to them are not reported again.
    pub unreadable_ids: std::collections::HashSet<String>,
    /// For a school of a trust: what it took from the trust's folder.
    pub shared: Option<Shared>,
    /// The theme's words in each language of the site's pages (its
    /// `language` and its `[[languages]]`), by code.
    pub strings: std::collections::BTreeMap<String, crate::languages::strings::Strings>,
    /// Bodies let go of and read again (see [`Site::let_go_of_bodies`]).
    pub read_again: bodies::ReadAgain,
}

impl Site {
    /// Whether a page is a statutory policy: its `statutory = true`, or,
    /// with `[statutory]`, a policy requirement of the register it meets.
    pub(crate) fn is_statutory(&self, page: &Page) -> bool {
        let Meta::Policy(f) = &page.meta else {
            return false;
        };
        f.is_statutory()
            || self
                .statutory
                .as_ref()
                .is_some_and(|s| s.requires_policy(&f.meets))
    }

    /// The name a language of the site gives itself ("English", "Polski"),
    /// from its table of the theme's words.
    pub(crate) fn language_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.strings
            .get(code)
            .map_or(code, |s| s.get("language_name"))
    }

    /// Whether a page is one of the shared folder's (a trust's document).
    pub(crate) fn is_shared(&self, page: &Page) -> bool {
        self.shared
            .as_ref()
            .is_some_and(|s| s.files.contains(&page.source.rel_path))
    }

    /// The pages of the site in its main language that are published (not
    /// drafts): what indexes, search, the dashboard and checks of front
    /// matter go through. Translations are [`Site::published_translations`].
    pub(crate) fn published_pages(&self) -> impl Iterator<Item = (usize, &Page)> {
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.draft && p.translation.is_none())
    }

    /// The pages in the site's main language, drafts included.
    pub(crate) fn source_pages(&self) -> impl Iterator<Item = (usize, &Page)> {
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.translation.is_none())
    }

    /// The translations that are published: those of published pages.
    /// Translations come after every other page (see `load`), so only the
    /// end of the list is looked at.
    pub(crate) fn published_translations(&self) -> impl Iterator<Item = (usize, &Page)> {
        let first = self.pages.partition_point(|p| p.translation.is_none());
        self.pages
            .iter()
            .enumerate()
            .skip(first)
            .filter(|(_, p)| p.translation.is_some() && !p.draft)
    }
}
