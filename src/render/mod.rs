//! Rendering: the site's pages through Tera templates (the built-in theme,
//! overridden by the site's own), into the staging folder.

pub(crate) mod changes;
pub(crate) mod contexts;
pub(crate) mod dashboard;
mod fill;
pub(crate) mod fingerprints;
mod generated;
mod icons;
pub(crate) mod search;
mod sections;
pub(crate) mod statement;
pub(crate) mod theme;
mod translations;
pub(crate) mod views;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use rayon::prelude::*;
use tera::{Context, Tera};

use crate::base::source::Place;
use crate::content::history::History;
use crate::content::{Meta, Page, Site};
use crate::resolve::links::Links;
pub(crate) use contexts::Contexts;

/// A template that cannot be parsed or rendered, with where it went wrong.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{place}: template error: {message}")]
    Template {
        /// The template file (a site's own file, or the built-in theme's
        /// name), and the line and column.
        place: Place,
        message: String,
    },
    #[error("the theme `{0}` was not found")]
    ThemeMissing(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} and another file would be published at the same address; rename one of them")]
    OutputConflict(String),
    #[error("cannot make the PDF of an agreement form: {0}")]
    Pdf(String),
    /// A page's file, read again to outline it, report a finding in it or
    /// render it, is not what was first read.
    #[error("{path}: cannot read it again ({reason}); run the command again")]
    SourceChanged {
        /// The file, relative to the site's folder.
        path: String,
        /// What was wrong: it changed, or could not be read.
        reason: String,
    },
}

/// Loads the templates: built-in first, then the site theme's files.
pub(crate) fn templates(site: &Site) -> Result<Tera, RenderError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("fill", fill::fill);
    let theme_dir = theme::ThemeDir::find(&site.root, site.config.theme.as_deref());
    if let (Some(name), None) = (&site.config.theme, &theme_dir) {
        return Err(RenderError::ThemeMissing(format!(
            "{name} (looked for themes/{name}/ in the site)"
        )));
    }
    let mut sources: Vec<(String, String, String)> = theme::TEMPLATES
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                text.to_string(),
                format!("built-in theme: {name}"),
            )
        })
        .collect();
    if let Some(dir) = &theme_dir {
        for (name, path) in dir.templates() {
            let text = std::fs::read_to_string(&path).map_err(|e| RenderError::Template {
                place: Place {
                    file: crate::base::source::SourceFile::display_path(&site.root, &path),
                    line: 1,
                    column: 1,
                },
                message: format!("cannot read this template as UTF-8 text: {e}"),
            })?;
            let display = crate::base::source::SourceFile::display_path(&site.root, &path);
            match sources.iter_mut().find(|(n, _, _)| *n == name) {
                Some(slot) => *slot = (name, text, display),
                None => sources.push((name, text, display)),
            }
        }
    }
    // All at once: Tera 2 checks `extends` when a template is added, so a
    // child added before its parent would fail.
    tera.add_raw_templates(sources.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
        .map_err(|e| {
            let named = match e.kind() {
                tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                    r.filename().to_string()
                }
                _ => String::new(),
            };
            // Errors without a place ("'404.html' is inheriting from …")
            // still name the template: point at the first one named.
            let message = e.to_string();
            let display = sources
                .iter()
                .find(|(n, _, _)| *n == named)
                .or_else(|| {
                    sources
                        .iter()
                        .filter_map(|src| message.find(&format!("'{}'", src.0)).map(|at| (at, src)))
                        .min_by_key(|(at, _)| *at)
                        .map(|(_, src)| src)
                })
                .map_or("templates", |(_, _, d)| d.as_str());
            let mut error = template_error(&e, display);
            if let RenderError::Template { place, .. } = &mut error {
                display.clone_into(&mut place.file);
            }
            error
        })?;
    Ok(tera)
}

impl RenderError {
    /// Where it went wrong (a template's file, line and column) when known,
    /// and what went wrong without the place.
    pub fn describe(&self) -> (Option<&Place>, String) {
        match self {
            RenderError::Template { place, message } => {
                (Some(place), format!("template error: {message}"))
            }
            other => (None, other.to_string()),
        }
    }
}

fn template_error(e: &tera::Error, display: &str) -> RenderError {
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = if report.filename().is_empty() {
                display.to_string()
            } else {
                report.filename().to_string()
            };
            RenderError::Template {
                place: Place {
                    file,
                    line: span.start_line,
                    column: span.start_col + 1,
                },
                message: report.message().to_string(),
            }
        }
        _ => RenderError::Template {
            place: Place {
                file: display.to_string(),
                line: 1,
                column: 1,
            },
            message: e.to_string(),
        },
    }
}

/// What a render job's output is made from, so that `charter serve` can
/// redo only the jobs an edit touches (see `serve::rebuild`). A job's
/// template sees nothing else: declare a new job's inputs here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Deps {
    /// One page: its source, its resolved links, and the titles and URLs
    /// of the pages it lists as related or referencing.
    Page(usize),
    /// The front matter of every published page of these kinds (what index
    /// rows and counts show), and the whole source of an introduction page.
    Listing {
        kinds: &'static [&'static str],
        intro: Option<usize>,
    },
    /// The title, summary, address, headings and opening words of every
    /// published page in a language (the search index): the main
    /// language's (`None`) or a translation's.
    Search(Option<String>),
    /// What the job's template is given, hashed when the job was made
    /// (the search page and the A to Z letters' pages).
    Hashed(u64),
}

/// One output file: where it goes, what it depends on, and how to make it
/// (lazily, so that a rebuild pays only for the jobs it redoes).
pub(crate) struct Job<'a> {
    pub output: String,
    pub deps: Deps,
    /// A folder the job writes more files into (beside `output`), and
    /// that nothing else writes to: `charter serve` removes the files of
    /// it that a redone job no longer writes.
    pub folder: Option<String>,
    /// A page search engines are asked not to list: its template gets
    /// `noindex` (for `<meta name="robots">`) and the sitemap leaves it out.
    pub noindex: bool,
    make: Make<'a>,
}

/// Room made for a rendered page: more than most pages need (a policy of
/// 2,500 words is about 30 KB).
const PAGE_BYTES: usize = 64 * 1024;

type Lazy<'a, T> = Box<dyn Fn() -> T + Send + Sync + 'a>;

/// Files a job writes: (path under the output root, contents).
pub(crate) type Files = Vec<(String, Vec<u8>)>;

enum Make<'a> {
    /// A template and the context it renders.
    Template(&'static str, Lazy<'a, Context>),
    /// Bytes made otherwise (a PDF, a CSV file).
    Bytes(Lazy<'a, Result<Vec<u8>, RenderError>>),
    /// Several files, `output` first (the search index).
    Files(Lazy<'a, Result<Files, RenderError>>),
}

impl<'a> Job<'a> {
    fn new(
        output: impl Into<String>,
        template: &'static str,
        deps: Deps,
        context: impl Fn() -> Context + Send + Sync + 'a,
    ) -> Self {
        Job {
            output: output.into(),
            deps,
            folder: None,
            noindex: false,
            make: Make::Template(template, Box::new(context)),
        }
    }

    /// The same job, marked as a page for people rather than search
    /// engines (an agreement's printable form).
    fn not_indexed(self) -> Self {
        Job {
            noindex: true,
            ..self
        }
    }

    fn bytes(
        output: impl Into<String>,
        deps: Deps,
        bytes: impl Fn() -> Result<Vec<u8>, RenderError> + Send + Sync + 'a,
    ) -> Self {
        Job {
            output: output.into(),
            deps,
            folder: None,
            noindex: false,
            make: Make::Bytes(Box::new(bytes)),
        }
    }

    /// A job that writes `output` and files under `folder`: `files`
    /// returns them all, `output` first.
    fn files(
        output: impl Into<String>,
        folder: String,
        deps: Deps,
        files: impl Fn() -> Result<Files, RenderError> + Send + Sync + 'a,
    ) -> Self {
        Job {
            output: output.into(),
            deps,
            folder: Some(folder),
            noindex: false,
            make: Make::Files(Box::new(files)),
        }
    }

    /// Renders the job and hands its files to `sink`.
    fn make(&self, tera: &Tera, sink: &impl Sink) -> Result<(), RenderError> {
        let write = |rel: &str, bytes: &[u8]| {
            sink.write(rel, bytes).map_err(|source| RenderError::Write {
                path: PathBuf::from(rel),
                source,
            })
        };
        match &self.make {
            Make::Template(template, context) => {
                let mut context = context();
                context.insert("noindex", &self.noindex);
                // Into bytes, as they are written: no UTF-8 check of the
                // page (Tera writes only text), and room for most pages
                // from the start rather than a buffer grown as it fills.
                let mut html = Vec::with_capacity(PAGE_BYTES);
                tera.render_to(template, &context, &mut html)
                    .map_err(|e| template_error(&e, template))?;
                write(&self.output, &html)
            }
            Make::Bytes(bytes) => write(&self.output, &bytes()?),
            Make::Files(files) => files()?
                .iter()
                .try_for_each(|(rel, bytes)| write(rel, bytes)),
        }
    }

    /// Whether the job writes an HTML page (what page counts count).
    pub(crate) fn is_page(&self) -> bool {
        matches!(self.make, Make::Template(..)) && self.output.ends_with(".html")
    }
}

/// Where rendered files go: the staging folder of a build, or the live
/// folder of `charter serve`.
pub(crate) trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()>;
}

/// Every output of the site, in a stable order, with no two at one path.
/// `previous` is what `content::history` read from git for the site.
pub(crate) fn jobs<'a>(
    site: &'a Site,
    links: &'a Links,
    contexts: &'a Contexts<'a>,
    previous: &'a History,
    today: Date,
) -> Result<Vec<Job<'a>>, RenderError> {
    let mut jobs = jobs_before_sitemap(site, links, contexts, previous, today)?;
    let mut seen = std::collections::HashSet::new();
    for job in &jobs {
        if !seen.insert(job.output.as_str()) {
            return Err(RenderError::OutputConflict(job.output.clone()));
        }
    }
    jobs.push(sitemap_job(contexts, &jobs));
    Ok(jobs)
}

/// Every output but the sitemap, two at one path included (which
/// `write::conflicts` reports as findings, for `check`).
pub(crate) fn jobs_before_sitemap<'a>(
    site: &'a Site,
    links: &'a Links,
    contexts: &'a Contexts<'a>,
    previous: &'a History,
    today: Date,
) -> Result<Vec<Job<'a>>, RenderError> {
    let mut jobs: Vec<Job> = Vec::new();
    jobs.extend(sections::jobs(site, contexts));
    let base = site.config.base_path();
    for (i, page) in site.published_pages().filter(|(i, p)| {
        !links.url_conflicts.contains(i)
            && !matches!(p.meta, Meta::SectionIndex(..) | Meta::Home(_))
    }) {
        jobs.extend(page_jobs(site, contexts, previous, base.clone(), i, page));
    }
    jobs.extend(translations::jobs(site, links, contexts, previous));
    jobs.extend(dashboard_jobs(site, contexts, today));
    jobs.extend(generated::jobs(site, links, contexts));
    Ok(jobs)
}

/// The sitemap, listing every HTML page of `jobs` that search engines may
/// list, with the page its job makes (for the date it was approved).
fn sitemap_job<'a>(contexts: &'a Contexts<'a>, jobs: &[Job<'a>]) -> Job<'a> {
    let outputs: Vec<(String, Option<usize>)> = jobs
        .iter()
        .filter(|j| j.is_page() && !j.noindex)
        .map(|j| {
            let page = match j.deps {
                Deps::Page(i) => Some(i),
                _ => None,
            };
            (j.output.clone(), page)
        })
        .collect();
    let entries = contexts.sitemap_entries(&outputs);
    Job::new(
        crate::layout::SITEMAP,
        "sitemap.xml",
        Deps::Hashed(hash_key(&entries)),
        move || contexts.sitemap_context(&entries),
    )
}

/// A job's [`Deps::Hashed`] key: a hash of what it is made from.
fn hash_key(what: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    what.hash(&mut h);
    h.finish()
}

/// Makes a page's view.
type ViewFn<'a> = Arc<dyn Fn() -> views::PageView + Send + Sync + 'a>;

/// One page's outputs: its "what changed" page (a policy with a previous
/// version), its form (an agreement), the page itself and its PDF (an
/// agreement).
fn page_jobs<'a>(
    site: &'a Site,
    contexts: &'a Contexts<'a>,
    previous: &'a History,
    base: String,
    i: usize,
    page: &'a Page,
) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    // An agreement's PDF is made once, for whichever of its page, its
    // form and the PDF itself is rendered first.
    let pdf: Arc<OnceLock<Result<crate::forms::Pdf, String>>> = Arc::default();
    let is_agreement = matches!(page.meta, Meta::Agreement(_));
    let pdf_for_view = pdf.clone();
    let view = move || {
        let mut view = contexts.page(i);
        if let (true, Some(a)) = (is_agreement, view.agreement.as_mut())
            && let Ok(pdf) = pdf_for_view.get_or_init(|| crate::forms::pdf(site, page))
        {
            a.pdf = Some(views::PdfView {
                url: format!("{base}{}", pdf.path),
                size: crate::forms::human_size(pdf.bytes.len()),
                pages: pdf.pages,
            });
        }
        if let Some(prev) = previous.get(&i).filter(|_| view.policy.is_some()) {
            let (url, _, since) = changes::page(contexts, page, &view, prev);
            if let Some(policy) = view.policy.as_mut() {
                policy.changes = Some(views::ChangesLink { url, since });
            }
        }
        view
    };
    if previous.contains_key(&i) && page.is_policy() {
        jobs.push(Job::new(
            format!("{}changes/index.html", page.url),
            "changes.html",
            Deps::Page(i),
            move || {
                let policy_view = contexts.page(i);
                changes::page(contexts, page, &policy_view, &previous[&i]).1
            },
        ));
    }
    let template = match &page.meta {
        Meta::Policy(_) => "policy.html",
        Meta::Agreement(_) => "agreement.html",
        Meta::Unit(_) => "unit.html",
        Meta::Parent(_) => "parent.html",
        _ => "page.html",
    };
    // An agreement's page and its form's two files show one view, made
    // once: its QR code alone is millions of instructions.
    let view: ViewFn<'a> = if is_agreement {
        let made = OnceLock::new();
        Arc::new(move || made.get_or_init(&view).clone())
    } else {
        Arc::new(view)
    };
    if is_agreement {
        jobs.extend(form_jobs(contexts, i, page, view.clone()));
    }
    jobs.push(Job::new(
        format!("{}index.html", page.url),
        template,
        Deps::Page(i),
        move || contexts.context(&view(), Some(page)),
    ));
    if is_agreement {
        jobs.push(Job::bytes(
            crate::forms::pdf_path(page),
            Deps::Page(i),
            move || match pdf.get_or_init(|| crate::forms::pdf(site, page)) {
                Ok(pdf) => Ok(pdf.bytes.clone()),
                Err(e) => Err(RenderError::Pdf(e.clone())),
            },
        ));
    }
    jobs
}

/// An agreement's printable form: its page, and the stylesheet that names
/// the form on every printed page (the Content Security Policy allows no
/// inline style). Neither is for search engines.
fn form_jobs<'a>(
    contexts: &'a Contexts<'a>,
    i: usize,
    page: &'a Page,
    view: ViewFn<'a>,
) -> Vec<Job<'a>> {
    let form = Arc::new(move || {
        let mut form = view();
        form.kind = "form".into();
        form.url = format!("{}form/", form.url);
        contexts.context(&form, Some(page))
    });
    [
        ("index.html", "agreement_form.html"),
        ("form.css", "agreement_form.css"),
    ]
    .into_iter()
    .map(|(file, template)| {
        let form = form.clone();
        Job::new(
            format!("{}form/{file}", page.url),
            template,
            Deps::Page(i),
            move || form(),
        )
        .not_indexed()
    })
    .collect()
}

/// Renders the jobs `select` picks, in parallel, into `sink`. Returns how
/// many HTML pages were rendered.
pub(crate) fn render_jobs(
    jobs: &[Job],
    tera: &Tera,
    select: impl Fn(&Job) -> bool + Sync,
    sink: &impl Sink,
) -> Result<usize, RenderError> {
    let chosen: Vec<&Job> = jobs.iter().filter(|j| select(j)).collect();
    chosen.par_iter().try_for_each(|job| job.make(tera, sink))?;
    Ok(chosen.iter().filter(|j| j.is_page()).count())
}

/// The governors' review dashboard, its CSV and iCalendar files (made
/// together, once, for whichever is rendered first).
fn dashboard_jobs<'a>(site: &'a Site, contexts: &'a Contexts<'a>, today: Date) -> Vec<Job<'a>> {
    use crate::render::dashboard::{CSV_FILE, ICS_FILE, Outputs, outputs};
    let Some(dir) = site.config.dashboard_dir() else {
        return Vec::new();
    };
    let made: Arc<OnceLock<Option<Outputs>>> = Arc::default();
    // "What the law requires" lists pages of every kind that meet a
    // requirement.
    let kinds: &'static [&'static str] = if site.statutory.is_some() {
        &[
            "home",
            "section",
            "policy",
            "agreement",
            "unit",
            "parent",
            "page",
        ]
    } else {
        &["policy", "agreement"]
    };
    let deps = Deps::Listing { kinds, intro: None };
    let page = made.clone();
    let mut jobs = vec![Job::new(
        format!("{dir}index.html"),
        "dashboard.html",
        deps.clone(),
        move || {
            page.get_or_init(|| outputs(site, contexts, today))
                .as_ref()
                .map(|o| o.context.clone())
                .unwrap_or_default()
        },
    )];
    let mut names = vec![CSV_FILE, ICS_FILE];
    if site.statutory.is_some() {
        names.push(crate::layout::STATUTORY_CSV);
    }
    for (n, name) in names.into_iter().enumerate() {
        let made = made.clone();
        jobs.push(Job::bytes(
            format!("{dir}{name}"),
            deps.clone(),
            move || {
                Ok(made
                    .get_or_init(|| outputs(site, contexts, today))
                    .as_ref()
                    .and_then(|o| o.files.get(n))
                    .map(|(_, bytes)| bytes.clone())
                    .unwrap_or_default())
            },
        ));
    }
    jobs
}
