//! Charter: a static-site generator for schools' policy and curriculum
//! publishing. The pipeline is [`build`]: load → resolve → check → render →
//! write.

pub mod agreements;
pub mod changes;
pub mod checks;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod external_links;
pub mod governors;
pub mod guidance;
mod highlight;
mod import;
pub mod links;
pub mod markdown;
pub mod output;
mod readability;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod source;
pub mod statement;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostics;
use crate::guidance::Guidance;
use crate::output::{OutputError, Staging};
use crate::render::RenderError;

/// What `charter build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder (the one with `charter.toml`).
    pub root: PathBuf,
    /// Where to publish; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// The day review statuses are worked out for.
    pub today: Date,
}

/// A build that ran to its end: published, or refused because of errors.
#[derive(Debug)]
pub enum BuildOutcome {
    Published {
        output: PathBuf,
        pages: usize,
        diagnostics: Diagnostics,
    },
    /// Errors were found; nothing was written.
    Refused { diagnostics: Diagnostics },
}

/// A build that could not run: the configuration is broken, a template is
/// wrong, or the output folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the site's configuration has problems")]
    Config(Diagnostics),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Reads the site: configuration, guidance register and every content file.
/// Content problems go to `diags`; configuration problems stop here.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Result<Site, Error> {
    let config = Config::load(root);
    let guidance = Guidance::load(root);
    let (config, guidance) = match (config, guidance) {
        (Ok(c), Ok(g)) => (c, g),
        (c, g) => {
            let mut config_diags = Diagnostics::new();
            config_diags.extend(c.err().unwrap_or_default());
            config_diags.extend(g.err().unwrap_or_default());
            return Err(Error::Config(config_diags));
        }
    };
    Ok(content::load(root, config, guidance, diags))
}

/// Builds the site: load → resolve → check → render → write. The output
/// folder is replaced only when the whole build succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Error> {
    build_with(options, |_| {})
}

/// [`build`], with a chance to adjust the findings (e.g. `--strict`) before
/// deciding whether to publish.
pub fn build_with(
    options: &BuildOptions,
    adjust: impl FnOnce(&mut Diagnostics),
) -> Result<BuildOutcome, Error> {
    let mut diagnostics = Diagnostics::new();
    let site = load(&options.root, &mut diagnostics)?;
    let links = links::resolve(&site, &mut diagnostics);
    checks::run(&site, &links, options.today, &mut diagnostics);
    checks::apply_config(&site.config, Some(&site), &mut diagnostics);
    adjust(&mut diagnostics);
    diagnostics.sort();
    if diagnostics.blocks_build() {
        return Ok(BuildOutcome::Refused { diagnostics });
    }
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let tera = render::templates(&site)?;
    let staging = Staging::new(&options.root, &output)?;
    let pages = render::render(&site, &links, options.today, &tera, &staging)?;
    copy_files(&site, &staging)?;
    staging.commit()?;
    Ok(BuildOutcome::Published {
        output,
        pages,
        diagnostics,
    })
}

/// Checks the site without writing anything: load → resolve → check.
pub fn check(root: &Path, today: Date) -> Result<Diagnostics, Error> {
    check_with(root, today, None).map(|(diagnostics, _)| diagnostics)
}

/// What `charter check --external` adds: the network check of external
/// links, and who is told how far it has got.
pub struct ExternalCheck<'a> {
    pub options: external_links::Options,
    pub progress: &'a dyn external_links::Progress,
}

/// [`check`], and with `external` the external links too (their findings
/// go through `[checks]` like any other). Returns the findings and, when
/// external links were checked, their counts.
pub fn check_with(
    root: &Path,
    today: Date,
    external: Option<ExternalCheck<'_>>,
) -> Result<(Diagnostics, Option<external_links::Stats>), Error> {
    let mut diagnostics = Diagnostics::new();
    let site = load(root, &mut diagnostics)?;
    let links = links::resolve(&site, &mut diagnostics);
    checks::run(&site, &links, today, &mut diagnostics);
    let stats = external
        .map(|e| external_links::check(&site, &links, e.options, e.progress, &mut diagnostics));
    checks::apply_config(&site.config, Some(&site), &mut diagnostics);
    diagnostics.sort();
    Ok((diagnostics, stats))
}

/// Copies the theme's static files, the site's `static/` and the assets
/// beside the content into the output.
fn copy_files(site: &Site, staging: &Staging) -> Result<(), Error> {
    let write_err = |path: &str| {
        let path = PathBuf::from(path);
        move |source| Error::Render(RenderError::Write { path, source })
    };
    for (name, bytes) in render::theme::STATIC {
        let rel = format!("{}{name}", render::theme::STATIC_PREFIX);
        staging.write(&rel, bytes).map_err(write_err(&rel))?;
    }
    if let Some(theme) = render::theme::ThemeDir::find(&site.root, site.config.theme.as_deref()) {
        for (name, path) in theme.static_files() {
            let rel = format!("{}{name}", render::theme::STATIC_PREFIX);
            staging.copy(&rel, &path).map_err(write_err(&rel))?;
        }
    }
    // A site's own files never silently replace a generated page.
    let copy_new = |rel: &str, from: &Path| -> Result<(), Error> {
        if staging.path().join(rel).exists() && !rel.starts_with(render::theme::STATIC_PREFIX) {
            return Err(Error::Render(RenderError::OutputConflict(rel.to_string())));
        }
        staging.copy(rel, from).map_err(write_err(rel))
    };
    let static_dir = site.root.join("static");
    for entry in walkdir::WalkDir::new(&static_dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        // A loop or an unreadable file under static/ stops the build: a
        // silently missing download is worse than a clear error.
        let entry = match entry {
            Ok(entry) => entry,
            // No static/ folder at all is fine.
            Err(e)
                if e.depth() == 0
                    && e.io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) =>
            {
                break;
            }
            Err(e) => {
                let path = e.path().unwrap_or(&static_dir).to_path_buf();
                return Err(Error::Render(RenderError::StaticUnreadable {
                    path,
                    message: e.to_string(),
                }));
            }
        };
        if entry.file_type().is_file() {
            copy_new(
                &source::SourceFile::display_path(&static_dir, entry.path()),
                entry.path(),
            )?;
        }
    }
    for asset in &site.assets {
        copy_new(&asset.output, &asset.source)?;
    }
    Ok(())
}

/// The day to build for: `--today`, else `SOURCE_DATE_EPOCH` (for
/// reproducible builds), else today's date (UTC).
pub fn resolve_today(flag: Option<Date>) -> Result<Date, String> {
    if let Some(d) = flag {
        return Ok(d);
    }
    let tz = jiff::tz::TimeZone::UTC;
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|e| format!("SOURCE_DATE_EPOCH is out of range: {e}"))?;
        return Ok(ts.to_zoned(tz).date());
    }
    Ok(jiff::Timestamp::now().to_zoned(tz).date())
}
