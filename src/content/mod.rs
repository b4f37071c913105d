//! The content model: every page of the site, typed by what it is (policy,
//! agreement, curriculum unit, parents' page, other page), with its front
//! matter, body and review dates.

pub mod front;
mod load;

use std::ops::Range;
use std::path::PathBuf;

use jiff::civil::Date;

pub use front::{AgreementFront, Audience, PageFront, ParentFront, PolicyFront, UnitFront};
pub use load::{load, load_file};

use crate::config::Config;
use crate::guidance::Guidance;
use crate::review::Cycle;
use crate::source::SourceFile;

/// The folders of `content/` that hold a kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Policies,
    Agreements,
    Curriculum,
    Parents,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Policies,
        Section::Agreements,
        Section::Curriculum,
        Section::Parents,
    ];

    pub fn dir(self) -> &'static str {
        match self {
            Section::Policies => "policies",
            Section::Agreements => "agreements",
            Section::Curriculum => "curriculum",
            Section::Parents => "parents",
        }
    }

    pub fn default_title(self) -> &'static str {
        match self {
            Section::Policies => "Policies",
            Section::Agreements => "Acceptable use agreements",
            Section::Curriculum => "Online safety curriculum",
            Section::Parents => "For parents and carers",
        }
    }
}

/// What a page is, which decides its template and checks.
#[derive(Debug, Clone)]
pub enum Meta {
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
    pub fn kind_name(&self) -> &'static str {
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

    pub fn related(&self) -> &[toml::Spanned<String>] {
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
pub struct ReviewDates {
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
pub struct Page {
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
}

impl Page {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// Maps a span inside the front matter's TOML to a span in the file.
    pub fn front_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_offset..span.end + self.front_offset
    }

    pub fn is_policy(&self) -> bool {
        matches!(self.meta, Meta::Policy(_))
    }
}

/// A file that is published as it is (an image or PDF beside the Markdown).
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// Path of the copy under the output folder, `/`-separated.
    pub output: String,
}

/// Everything that was read: configuration, guidance register, pages, assets.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub guidance: Guidance,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Default ids of Markdown files that could not be read (their problem
    /// is already reported), so links to them are not reported again.
    pub unreadable_ids: std::collections::HashSet<String>,
}

impl Site {
    pub fn published_pages(&self) -> impl Iterator<Item = (usize, &Page)> {
        self.pages.iter().enumerate().filter(|(_, p)| !p.draft)
    }
}

/// Lower-case, hyphen-separated form of a name, for ids and URLs: Unicode
/// letters and digits are kept, white space, `-` and `_` become `-`, other
/// characters are dropped, and runs of `-` collapse.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_hyphen = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

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
