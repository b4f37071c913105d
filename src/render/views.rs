//! What templates see: plain serializable views of the site and its pages.
//! Templates never reach into the content model directly, so the model can
//! change without breaking a school's own theme.

use serde::Serialize;

use crate::resolve::markdown::TocEntry;

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    /// Path prefix of every link: `/` or `/sub/`.
    pub base: String,
    pub base_url: String,
    /// Scheme and host of `base_url`: `origin ~ page.url` is a full URL.
    pub origin: String,
    pub contact: crate::config::Contact,
    /// The `tel:` address of `contact.phone`, in the international form
    /// that links in pages' text have too; empty when there is no phone.
    pub phone_href: String,
    pub bands: Vec<crate::config::Band>,
    pub strands: Vec<crate::config::Strand>,
    /// URL of `static/logo.svg` or `static/logo.png` if the site has one.
    pub logo: Option<String>,
    /// The `<link>`s of the site's icon, in every page's `<head>`.
    pub icons: Vec<crate::render::icons::IconLink>,
    /// URL of the theme's stylesheet.
    pub stylesheet: String,
    pub nav: Vec<NavItem>,
    /// The site's own pages (`content/pages/`), e.g. for the footer.
    pub pages: Vec<PageLink>,
    /// URL of the governors' review dashboard, when it is published.
    pub dashboard: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavItem {
    pub title: String,
    pub url: String,
    /// The section the current page is in (for `aria-current`).
    pub current: bool,
}

/// A link to another page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub title: String,
    pub url: String,
    /// "policy", "agreement", "unit", "parent", "page".
    pub kind: String,
    /// The language of the linked page's title, when it is not the page's
    /// own (an untranslated page linked from a translation).
    pub lang: Option<String>,
}

/// A page listed on a translated index page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListedPage {
    pub title: String,
    pub summary: String,
    pub url: String,
    /// The language the page is in (`lang` of its link).
    pub lang: String,
    pub dir: &'static str,
    /// False for a page not translated yet, linked in the main language.
    pub translated: bool,
}

/// One language version of a page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LanguageLink {
    /// The language's code (`hreflang`, `lang`).
    pub code: String,
    /// The language's name for itself ("Polski").
    pub name: String,
    pub dir: &'static str,
    pub url: String,
    /// The full address, for `<link rel="alternate" hreflang>` (the path
    /// alone when the site has no `base_url`).
    pub href: String,
    /// The version being read.
    pub current: bool,
}

/// `page.translation`: a translated page and the page it translates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TranslationView {
    /// The source has changed since the translation was made (the page
    /// says it may be out of date).
    pub stale: bool,
    /// The source page, in the site's main language.
    pub source_url: String,
    pub source_lang: String,
    /// The main language's name for itself ("English").
    pub source_name: String,
    pub source_dir: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    /// `2026-03-12`, for `<time datetime>`.
    pub iso: String,
    /// `12 March 2026`.
    pub human: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    /// `overdue`, `due-soon`, `current`, `unknown`: for CSS classes.
    pub key: String,
    /// Words shown to readers (status is never colour alone).
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Labelled {
    pub id: String,
    pub label: String,
}

/// `page` in every template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    /// "home", "section", "policy", "agreement", "form", "unit", "parent", "page", "404".
    pub kind: String,
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Absolute path of the page, e.g. `/policies/online-safety/`.
    pub url: String,
    /// Rendered Markdown body (already HTML).
    pub content: String,
    pub toc: Vec<TocEntry>,
    /// Source file, relative to the site root.
    pub source: String,
    /// The page's language (`<html lang>`): the site's `language`, or a
    /// translation's.
    pub lang: String,
    /// Which way the page's language runs (`<html dir>`): "ltr" or "rtl".
    pub dir: &'static str,
    /// The page in each language it is published in, this one included
    /// (`hreflang` links and the language switcher); empty when the page
    /// has no translation.
    pub languages: Vec<LanguageLink>,
    /// A translation: whether it is behind its source, and the source.
    pub translation: Option<TranslationView>,
    pub policy: Option<PolicyView>,
    pub agreement: Option<AgreementView>,
    pub unit: Option<UnitView>,
    pub parent: Option<ParentView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PolicyView {
    pub reference: String,
    pub owners: Vec<String>,
    pub approved_by: String,
    pub approved: Option<DateView>,
    pub review_every: String,
    pub next_review: Option<DateView>,
    /// The term the author wrote ("Autumn 2027"), when they wrote one.
    pub next_review_term: String,
    pub status: StatusView,
    pub statutory: bool,
    pub audiences: Vec<Labelled>,
    pub related: Vec<PageLink>,
    pub referenced_by: Vec<PageLink>,
    pub guidance: Vec<GuidanceView>,
    /// Newest first.
    pub history: Vec<HistoryView>,
    /// The "what changed" page, when the site is in git and the policy has
    /// an earlier approved version there.
    pub changes: Option<ChangesLink>,
    /// A school's adaptation of a trust policy: what it changed.
    pub adapted: Option<crate::render::changes::adapted::AdaptedView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangesLink {
    pub url: String,
    /// When the version it compares with was approved.
    pub since: DateView,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GuidanceView {
    pub title: String,
    pub publisher: String,
    pub edition: Option<DateView>,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct HistoryView {
    pub date: Option<DateView>,
    pub approved_by: String,
    pub minute: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BandView {
    pub id: String,
    pub name: String,
    pub years: Vec<String>,
    pub ages: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgreementView {
    pub audience: Labelled,
    pub band: Option<BandView>,
    pub reference: String,
    /// Who signs, e.g. ["Pupil", "Parent or carer"].
    pub signatures: Vec<String>,
    /// Lines naming the child a parents' form is about.
    pub child_lines: Vec<String>,
    pub consents: Vec<crate::content::front::Consent>,
    pub owners: Vec<String>,
    pub approved: Option<DateView>,
    pub next_review: Option<DateView>,
    pub status: StatusView,
    pub related: Vec<PageLink>,
    /// The agreement's page and its printable form.
    pub page_url: String,
    pub form_url: String,
    /// Absolute URL of the page (with the site's base_url), for printing.
    pub page_full_url: String,
    /// The QR code of `page_full_url`: inline SVG with `role="img"` and a title.
    pub qr_svg: String,
    /// Where a signed form goes (`[agreements] return_instructions`).
    pub return_instructions: String,
    /// The form's PDF, made during the build.
    pub pdf: Option<PdfView>,
    /// The parents' agreements to sign alongside a pupils' agreement.
    pub parents: Vec<AgreementLink>,
}

/// A downloadable PDF: "Download PDF (48 KB)".
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PdfView {
    pub url: String,
    /// "48 KB".
    pub size: String,
    pub pages: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnitView {
    pub strand: Labelled,
    pub bands: Vec<BandView>,
    pub years: Vec<String>,
    pub objectives: Vec<String>,
    pub duration: String,
    pub related: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ParentView {
    pub topics: Vec<String>,
    pub bands: Vec<BandView>,
    pub related: Vec<PageLink>,
}

/// A row of the policies index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PolicyRow {
    pub title: String,
    pub url: String,
    pub reference: String,
    pub owners: Vec<String>,
    pub approved: Option<DateView>,
    pub next_review: Option<DateView>,
    pub status: StatusView,
    pub statutory: bool,
    pub audiences: Vec<Labelled>,
    pub summary: String,
}

/// A filter link on the policies index (no JavaScript needed).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FilterLink {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
}

/// One year group and the agreements that apply to it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearView {
    pub year: String,
    pub band: Labelled,
    /// The pupils' agreement for the year's band, if there is one.
    pub agreement: Option<AgreementLink>,
    /// The parents' agreements for the year (all of them, or those of its band).
    pub parents: Vec<AgreementLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgreementLink {
    pub title: String,
    pub url: String,
    pub form_url: String,
    pub audience: Labelled,
    pub band: Option<Labelled>,
    pub summary: String,
    /// When it is next reviewed, and its review status: the agreements
    /// index shows both.
    pub next_review: Option<DateView>,
    pub status: StatusView,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgreementGroup {
    pub audience: Labelled,
    pub agreements: Vec<AgreementLink>,
}

/// The curriculum progression grid: one row per strand, one column per band.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GridView {
    pub bands: Vec<Labelled>,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GridRow {
    pub strand: Labelled,
    /// One cell per band, in the order of `bands`: the units in it.
    pub cells: Vec<Vec<PageLink>>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResourceView {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub topics: Vec<String>,
    pub bands: Vec<Labelled>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnitRow {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub strand: Labelled,
    pub bands: Vec<Labelled>,
    pub duration: String,
}
