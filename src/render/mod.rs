//! Rendering: the site's pages through Tera templates (the built-in theme,
//! overridden by the site's own), into the staging folder.

mod context;
mod generated;
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
    #[error("cannot make the PDF of an agreement form: {0}")]
    Pdf(String),
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

/// One page to write: its output path and the template that renders it.
struct Job {
    output: String,
    template: &'static str,
    context: Context,
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
    let pdfs = crate::agreements::pdfs(site, &links.url_conflicts).map_err(RenderError::Pdf)?;
    let mut jobs: Vec<Job> = Vec::new();
    jobs.extend(section_jobs(site, &views));
    let previous = crate::changes::previous_versions(site);
    let per_page: Vec<Job> = site
        .published_pages()
        .filter(|(i, p)| {
            !links.url_conflicts.contains(i)
                && !matches!(p.meta, Meta::SectionIndex(..) | Meta::Home(_))
        })
        .flat_map(|(i, page)| {
            let mut view = views.page(i);
            if let (Some(a), Some(pdf)) = (view.agreement.as_mut(), pdfs.get(&i)) {
                a.pdf = Some(views::PdfView {
                    url: format!("{}{}", site.config.base_path(), pdf.path),
                    size: crate::agreements::human_size(pdf.bytes.len()),
                    pages: pdf.pages,
                });
            }
            let mut out = Vec::with_capacity(2);
            if let Some(prev) = previous.get(&i).filter(|_| view.policy.is_some()) {
                let (url, context, since) = changes_page(&views, page, &view, prev);
                if let Some(policy) = view.policy.as_mut() {
                    policy.changes = Some(views::ChangesLink { url, since });
                }
                out.push(Job {
                    output: format!("{}changes/index.html", page.url),
                    template: "changes.html",
                    context,
                });
            }
            let template = match &page.meta {
                Meta::Policy(_) => "policy.html",
                Meta::Agreement(_) => "agreement.html",
                Meta::Unit(_) => "unit.html",
                Meta::Parent(_) => "parent.html",
                _ => "page.html",
            };
            if matches!(page.meta, Meta::Agreement(_)) {
                let mut form = view.clone();
                form.kind = "form".into();
                form.url = format!("{}form/", view.url);
                out.push(Job {
                    output: format!("{}form/index.html", page.url),
                    template: "agreement_form.html",
                    context: views.context(&form, Some(page)),
                });
            }
            out.push(Job {
                output: format!("{}index.html", page.url),
                template,
                context: views.context(&view, Some(page)),
            });
            out
        })
        .collect();
    jobs.extend(per_page);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(dashboard) = crate::governors::outputs(site, &views, today) {
        jobs.push(Job {
            output: dashboard.page_output,
            template: "dashboard.html",
            context: dashboard.context,
        });
        files.extend(dashboard.files);
    }
    let (generated, search_index) = generated::jobs(site, links, &views);
    jobs.extend(generated);

    let mut seen = std::collections::HashSet::new();
    for output in jobs
        .iter()
        .map(|j| &j.output)
        .chain(files.iter().map(|f| &f.0))
    {
        if !seen.insert(output.as_str()) {
            return Err(RenderError::OutputConflict(output.clone()));
        }
    }
    for (output, bytes) in &files {
        staging
            .write(output, bytes)
            .map_err(|source| RenderError::Write {
                path: PathBuf::from(output),
                source,
            })?;
    }
    jobs.par_iter().try_for_each(|job| {
        let html = tera
            .render(job.template, &job.context)
            .map_err(|e| template_error(&e, job.template))?;
        staging
            .write(&job.output, html.as_bytes())
            .map_err(|source| RenderError::Write {
                path: PathBuf::from(&job.output),
                source,
            })
    })?;
    for pdf in pdfs.values() {
        if !seen.insert(pdf.path.as_str()) {
            return Err(RenderError::OutputConflict(pdf.path.clone()));
        }
        staging
            .write(&pdf.path, &pdf.bytes)
            .map_err(|source| RenderError::Write {
                path: PathBuf::from(&pdf.path),
                source,
            })?;
    }
    let pages = jobs.iter().filter(|j| j.output.ends_with(".html")).count();
    staging
        .write(crate::search::INDEX_FILE, search_index.as_bytes())
        .map_err(|source| RenderError::Write {
            path: PathBuf::from(crate::search::INDEX_FILE),
            source,
        })?;

    let sitemap = tera
        .render(
            "sitemap.xml",
            &views.sitemap_context(&jobs.iter().map(|j| j.output.as_str()).collect::<Vec<_>>()),
        )
        .map_err(|e| template_error(&e, "sitemap.xml"))?;
    staging
        .write("sitemap.xml", sitemap.as_bytes())
        .map_err(|source| RenderError::Write {
            path: PathBuf::from("sitemap.xml"),
            source,
        })?;
    Ok(pages)
}

/// A policy's "what changed" page: its URL, its context, and the date of
/// the version it compares with.
fn changes_page(
    views: &Views,
    page: &crate::content::Page,
    policy_view: &views::PageView,
    previous: &crate::changes::PreviousVersion,
) -> (String, Context, views::DateView) {
    let changes = crate::changes::view(page, &policy_view.url, previous);
    let mut view = policy_view.clone();
    view.kind = "changes".into();
    view.url = format!("{}changes/", policy_view.url);
    view.title = format!("What changed in {}", page.title);
    view.summary = format!(
        "The changes to {} since the version approved on {}.",
        page.title, changes.previous.human
    );
    view.content = String::new();
    view.toc = Vec::new();
    let mut ctx = views.context(&view, Some(page));
    ctx.insert("changes", &changes);
    (view.url, ctx, changes.previous)
}

/// The home page, the four section indexes, the policy filters and 404.
fn section_jobs(site: &Site, views: &Views) -> Vec<Job> {
    let mut jobs = Vec::new();
    let home = site
        .published_pages()
        .find(|(_, p)| matches!(p.meta, Meta::Home(_)))
        .map(|(i, _)| i);
    let home_view = views.index_page("home", "", home, &site.config.title);
    let mut ctx = views.context(&home_view, None);
    views.add_home(&mut ctx);
    jobs.push(Job {
        output: "index.html".into(),
        template: "home.html",
        context: ctx,
    });

    for section in Section::ALL {
        let intro = site
            .published_pages()
            .find(|(_, p)| matches!(&p.meta, Meta::SectionIndex(s, _) if *s == section))
            .map(|(i, _)| i);
        let view = views.index_page(
            "section",
            &format!("{}/", section.dir()),
            intro,
            section.default_title(),
        );
        match section {
            Section::Policies => {
                for (filter, output, view) in views.policy_filters(&view) {
                    let mut ctx = views.context(&view, None);
                    views.add_policies(&mut ctx, filter);
                    jobs.push(Job {
                        output,
                        template: "policies.html",
                        context: ctx,
                    });
                }
            }
            Section::Agreements => {
                let mut ctx = views.context(&view, None);
                views.add_agreements(&mut ctx);
                jobs.push(Job {
                    output: "agreements/index.html".into(),
                    template: "agreements.html",
                    context: ctx,
                });
            }
            Section::Curriculum => {
                let mut ctx = views.context(&view, None);
                views.add_curriculum(&mut ctx);
                jobs.push(Job {
                    output: "curriculum/index.html".into(),
                    template: "curriculum.html",
                    context: ctx,
                });
            }
            Section::Parents => {
                let mut ctx = views.context(&view, None);
                views.add_parents(&mut ctx);
                jobs.push(Job {
                    output: "parents/index.html".into(),
                    template: "parents.html",
                    context: ctx,
                });
            }
        }
    }
    let not_found = views.index_page("404", "404.html", None, "Page not found");
    jobs.push(Job {
        output: "404.html".into(),
        template: "404.html",
        context: views.context(&not_found, None),
    });
    jobs
}
