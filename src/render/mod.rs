//! Rendering: the site's pages through Tera templates (the built-in theme,
//! overridden by the site's own), into the staging folder.

mod context;
pub mod theme;
pub mod views;

use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;
use tera::{Context, Tera};

use crate::content::{Meta, Section, Site};
use crate::links::Links;
use crate::output::Staging;
pub use context::Views;

/// A template that cannot be parsed or rendered, with where it went wrong.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{file}:{line}:{column}: template error: {message}")]
    Template {
        /// The template file (a site's own file, or the built-in theme's name).
        file: String,
        line: usize,
        column: usize,
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
    #[error(
        "cannot read {path} under static/: {message}; remove the file or link, or fix its permissions"
    )]
    StaticUnreadable { path: PathBuf, message: String },
    #[error("{0} and another file would be published at the same address; rename one of them")]
    OutputConflict(String),
}

/// Loads the templates: built-in first, then the site theme's files.
pub fn templates(site: &Site) -> Result<Tera, RenderError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
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
                file: crate::source::SourceFile::display_path(&site.root, &path),
                line: 1,
                column: 1,
                message: format!("cannot read this template as UTF-8 text: {e}"),
            })?;
            let display = crate::source::SourceFile::display_path(&site.root, &path);
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
            let display = sources
                .iter()
                .find(|(n, _, _)| *n == named)
                .map_or("templates", |(_, _, d)| d.as_str());
            let mut error = template_error(&e, display);
            if let RenderError::Template { file, .. } = &mut error {
                display.clone_into(file);
            }
            error
        })?;
    Ok(tera)
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
                file,
                line: span.start_line,
                column: span.start_col + 1,
                message: report.message().to_string(),
            }
        }
        _ => RenderError::Template {
            file: display.to_string(),
            line: 1,
            column: 1,
            message: e.to_string(),
        },
    }
}

/// What a render job's output is made from, so that `charter serve` can
/// redo only the jobs an edit touches (see `serve::incremental`). A job's
/// template sees nothing else: declare a new job's inputs here, or use
/// `Everything`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Deps {
    /// One page: its source, its resolved links, and the titles and URLs
    /// of the pages it lists as related or referencing.
    Page(usize),
    /// The front matter of every published page of these kinds (what index
    /// rows and counts show), and the whole source of an introduction page.
    Listing {
        kinds: &'static [&'static str],
        intro: Option<usize>,
    },
    /// The list of published pages (the sitemap).
    Outputs,
    /// Any page's source (e.g. a search index).
    Everything,
}

/// One output file: where it goes, what it depends on, and how to make the
/// context its template renders (lazily, so a rebuild pays only for the
/// jobs it redoes).
pub struct Job<'a> {
    pub output: String,
    pub deps: Deps,
    template: &'static str,
    context: Box<dyn Fn() -> Context + Send + Sync + 'a>,
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
            template,
            context: Box::new(context),
        }
    }

    /// Whether the job writes an HTML page (what page counts count).
    pub fn is_page(&self) -> bool {
        self.output.ends_with(".html")
    }
}

/// Where rendered files go: the staging folder of a build, or the live
/// folder of `charter serve`.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()>;
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        Staging::write(self, rel, bytes)
    }
}

/// Renders every published page into `staging`. Returns how many HTML pages
/// were written.
pub fn render(
    site: &Site,
    links: &Links,
    today: Date,
    tera: &Tera,
    staging: &Staging,
) -> Result<usize, RenderError> {
    let views = Views::new(site, links, today);
    let jobs = jobs(site, links, &views)?;
    render_jobs(&jobs, tera, |_| true, staging)
}

/// Every output of the site, in a stable order, with no two at one path.
pub fn jobs<'a>(
    site: &'a Site,
    links: &'a Links,
    views: &'a Views<'a>,
) -> Result<Vec<Job<'a>>, RenderError> {
    let mut jobs: Vec<Job> = Vec::new();
    jobs.extend(section_jobs(site, views));
    for (i, page) in site.published_pages().filter(|(i, p)| {
        !links.url_conflicts.contains(i)
            && !matches!(p.meta, Meta::SectionIndex(..) | Meta::Home(_))
    }) {
        let template = match &page.meta {
            Meta::Policy(_) => "policy.html",
            Meta::Agreement(_) => "agreement.html",
            Meta::Unit(_) => "unit.html",
            Meta::Parent(_) => "parent.html",
            _ => "page.html",
        };
        if matches!(page.meta, Meta::Agreement(_)) {
            jobs.push(Job::new(
                format!("{}form/index.html", page.url),
                "agreement_form.html",
                Deps::Page(i),
                move || {
                    let mut form = views.page(i);
                    form.kind = "form".into();
                    form.url = format!("{}form/", form.url);
                    views.context(&form, Some(page))
                },
            ));
        }
        jobs.push(Job::new(
            format!("{}index.html", page.url),
            template,
            Deps::Page(i),
            move || views.context(&views.page(i), Some(page)),
        ));
    }

    let mut seen = std::collections::HashSet::new();
    for job in &jobs {
        if !seen.insert(job.output.as_str()) {
            return Err(RenderError::OutputConflict(job.output.clone()));
        }
    }
    let outputs: Vec<String> = jobs.iter().map(|j| j.output.clone()).collect();
    jobs.push(Job::new(
        "sitemap.xml",
        "sitemap.xml",
        Deps::Outputs,
        move || views.sitemap_context(&outputs.iter().map(String::as_str).collect::<Vec<_>>()),
    ));
    Ok(jobs)
}

/// Renders the jobs `select` picks, in parallel, into `sink`. Returns how
/// many HTML pages were rendered.
pub fn render_jobs(
    jobs: &[Job],
    tera: &Tera,
    select: impl Fn(&Job) -> bool + Sync,
    sink: &impl Sink,
) -> Result<usize, RenderError> {
    let chosen: Vec<&Job> = jobs.iter().filter(|j| select(j)).collect();
    chosen.par_iter().try_for_each(|job| {
        let html = tera
            .render(job.template, &(job.context)())
            .map_err(|e| template_error(&e, job.template))?;
        sink.write(&job.output, html.as_bytes())
            .map_err(|source| RenderError::Write {
                path: PathBuf::from(&job.output),
                source,
            })
    })?;
    Ok(chosen.iter().filter(|j| j.is_page()).count())
}

/// The home page, the four section indexes, the policy filters and 404.
fn section_jobs<'a>(site: &'a Site, views: &'a Views<'a>) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    let home = site
        .published_pages()
        .find(|(_, p)| matches!(p.meta, Meta::Home(_)))
        .map(|(i, _)| i);
    jobs.push(Job::new(
        "index.html",
        "home.html",
        Deps::Listing {
            kinds: &["policy", "agreement", "unit", "parent"],
            intro: home,
        },
        move || {
            let home_view = views.index_page("home", "", home, &site.config.title);
            let mut ctx = views.context(&home_view, None);
            views.add_home(&mut ctx);
            ctx
        },
    ));

    for section in Section::ALL {
        let intro = site
            .published_pages()
            .find(|(_, p)| matches!(&p.meta, Meta::SectionIndex(s, _) if *s == section))
            .map(|(i, _)| i);
        let view = move || {
            views.index_page(
                "section",
                &format!("{}/", section.dir()),
                intro,
                section.default_title(),
            )
        };
        let listing = |kinds| Deps::Listing { kinds, intro };
        match section {
            Section::Policies => {
                for (filter, output) in views.policy_filter_outputs() {
                    jobs.push(Job::new(
                        output,
                        "policies.html",
                        listing(&["policy"]),
                        move || {
                            let filtered = views.policy_filter_view(&view(), filter);
                            let mut ctx = views.context(&filtered, None);
                            views.add_policies(&mut ctx, filter);
                            ctx
                        },
                    ));
                }
            }
            Section::Agreements => jobs.push(Job::new(
                "agreements/index.html",
                "agreements.html",
                listing(&["agreement"]),
                move || {
                    let mut ctx = views.context(&view(), None);
                    views.add_agreements(&mut ctx);
                    ctx
                },
            )),
            Section::Curriculum => jobs.push(Job::new(
                "curriculum/index.html",
                "curriculum.html",
                listing(&["unit"]),
                move || {
                    let mut ctx = views.context(&view(), None);
                    views.add_curriculum(&mut ctx);
                    ctx
                },
            )),
            Section::Parents => jobs.push(Job::new(
                "parents/index.html",
                "parents.html",
                listing(&["parent", "agreement"]),
                move || {
                    let mut ctx = views.context(&view(), None);
                    views.add_parents(&mut ctx);
                    ctx
                },
            )),
        }
    }
    jobs.push(Job::new(
        "404.html",
        "404.html",
        Deps::Listing {
            kinds: &[],
            intro: None,
        },
        move || {
            let not_found = views.index_page("404", "404.html", None, "Page not found");
            views.context(&not_found, None)
        },
    ));
    jobs
}
