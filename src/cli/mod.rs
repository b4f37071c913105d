//! The command line: argument definitions (clap) and what each command does
//! with the library. Exit status: 0 no errors, 1 errors found, 2 bad usage or
//! configuration.

mod progress;
mod trust;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

use crate::base::diagnostics::{Diagnostics, Severity, render_human};
use crate::scaffold::{self, NewKind};
use crate::{BuildOptions, BuildOutcome, Error};

/// Writes to standard output, ignoring a closed pipe (`charter check | head`)
/// instead of panicking like `println!`.
macro_rules! say {
    (no_newline: $($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

// After `say!`, which it uses.
mod translate;

#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    about = "Publish a school's policies, agreements and curriculum as an accessible website"
)]
pub(crate) struct Cli {
    /// The site's folder (the one with charter.toml).
    #[arg(short = 'C', long = "root", global = true, default_value = ".")]
    pub(crate) root: PathBuf,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create a new site with example content.
    Init {
        /// Folder to create the site in (must be empty or missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The CI file to write: a GitHub Actions workflow that checks pull
        /// requests and publishes to GitHub Pages, the GitLab CI
        /// equivalent, or none.
        #[arg(long, value_enum, default_value = "github")]
        ci: scaffold::Ci,
    },
    /// Check the site and publish it into public/ (or -o DIR).
    Build {
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// The day to work out review statuses for (YYYY-MM-DD); default:
        /// SOURCE_DATE_EPOCH if set, else today.
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Output folder.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Render and write every page afresh instead of taking what did
        /// not change from the last build (remembered in
        /// .charter-cache/build/); this build is remembered for the next.
        #[arg(long)]
        no_cache: bool,
    },
    /// Check the site and report every finding; nothing is written.
    Check {
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// How to print findings: for people, as JSON, as GitHub Actions
        /// annotations (on the lines of a pull request), or as a GitLab
        /// Code Quality report (on a merge request).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// The day to check review dates against (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Also check external http(s) links over the network (dead,
        /// unreachable, permanently moved).
        #[arg(long)]
        external: bool,
        /// With --external: check every link afresh instead of using results
        /// remembered in .charter-cache/ (the new results are remembered).
        #[arg(long, requires = "external")]
        no_cache: bool,
    },
    /// Preview the site on this computer: build it, serve it, rebuild
    /// what each change touches and reload open pages.
    Serve {
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
        /// Address to listen on; 127.0.0.1 (this computer only) by default.
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::IpAddr>,
        /// Milliseconds without changes before a rebuild.
        #[arg(long, value_name = "MS", default_value_t = 50)]
        debounce: u64,
        /// The day to work out review statuses for (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// In a trust's folder: the school to preview (its folder name,
        /// e.g. oakfield, or its folder, e.g. schools/oakfield).
        #[arg(long, value_name = "SCHOOL")]
        school: Option<String>,
    },
    /// Turn existing documents (Word .docx, web pages, text taken from
    /// PDFs) into draft pages, then check them. Never overwrites a file.
    Import {
        /// Documents, or folders of documents (.docx, .html, .htm, .txt).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// What the documents are; guessed from each title when left out.
        #[arg(long, value_enum)]
        kind: Option<NewKind>,
        /// Print what would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The day to check review dates against (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Work with translations (`x.pl.md` beside `x.md`).
    Translate {
        #[command(subcommand)]
        action: translate::Action,
    },
    /// Create a new file with the right front matter, as a draft.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: NewKind,
        /// Its title, e.g. "Online safety" (the file name is made from it).
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    /// GitHub Actions workflow commands: annotations on a pull request.
    Github,
    /// A GitLab Code Quality report, shown on a merge request.
    Gitlab,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|_| format!("\"{s}\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-22"))
}

/// Runs the `charter` command with the process's arguments; the exit
/// status is 0 (no errors), 1 (errors found) or 2 (bad usage or a broken
/// configuration).
pub fn main() -> ExitCode {
    run(Cli::parse())
}

fn run(cli: Cli) -> ExitCode {
    // A trust's folder: build, check and serve work on its schools.
    if trust::in_trust_folder(&cli) {
        return trust::run(cli);
    }
    if let Some(code) = trust::school_outside_a_trust(&cli) {
        return code;
    }
    // Every command but `init` works on a site: say so in one line, rather
    // than let an OS error ("No such file or directory") speak.
    if !matches!(cli.command, Command::Init { .. })
        && !cli.root.join(crate::layout::CONFIG_FILE).is_file()
    {
        return usage_error(&not_a_site(&cli.root));
    }
    // A school of a trust publishes the trust's documents too.
    let shared = trust::of_school(&cli);
    match cli.command {
        Command::Init { dir, ci } => init(dir, ci),
        Command::Build {
            strict,
            today,
            output,
            no_cache,
        } => build(
            BuildArgs {
                root: cli.root,
                shared,
                output,
                use_cache: !no_cache,
            },
            strict,
            today,
        ),
        Command::Check {
            strict,
            format,
            today,
            external,
            no_cache,
        } => {
            let external = external.then_some(crate::external_links::Options {
                use_cache: !no_cache,
            });
            let sources = crate::content::Sources {
                root: cli.root,
                shared,
            };
            check(sources, strict, format, today, external)
        }
        Command::Serve {
            port,
            open,
            bind,
            debounce,
            today,
            school: _,
        } => crate::serve::run(crate::serve::ServeOptions {
            root: cli.root,
            shared,
            port,
            bind,
            open,
            debounce: std::time::Duration::from_millis(debounce),
            today,
        }),
        Command::Import {
            files,
            kind,
            dry_run,
            today,
        } => import(cli.root, files, kind, dry_run, today),
        Command::Translate { action } => translate::run(
            crate::content::Sources {
                root: cli.root,
                shared,
            },
            action,
        ),
        Command::New { kind, name } => new_file(&cli.root, kind, &name),
    }
}

fn new_file(root: &Path, kind: NewKind, name: &str) -> ExitCode {
    match scaffold::new_file(root, kind, name) {
        Ok(path) => {
            say!(
                "Created {} (a draft: remove `draft = true` when it is approved)",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e.to_string()),
    }
}

fn init(dir: PathBuf, ci: scaffold::Ci) -> ExitCode {
    match scaffold::init(&dir, ci) {
        Ok(files) => {
            say!(
                "Created a new site in {} ({} files).",
                dir.display(),
                files.len()
            );
            say!(
                "Next: edit charter.toml and the files in content/ and agreements/, then run `charter build`."
            );
            if let Some((ci_file, _)) = scaffold::ci_file(ci) {
                say!(
                    "{ci_file} checks every change and publishes the site once the files are in a repository."
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e.to_string()),
    }
}

fn import(
    root: PathBuf,
    inputs: Vec<PathBuf>,
    kind: Option<NewKind>,
    dry_run: bool,
    today: Option<Date>,
) -> ExitCode {
    let today = match crate::pipeline::resolve_today(today) {
        Ok(d) => d,
        Err(e) => return usage_error(&e),
    };
    let options = crate::import::Options {
        root,
        inputs,
        kind,
        dry_run,
        today,
    };
    let progress = progress::Line::labelled(std::io::stderr().is_terminal(), "Importing");
    match crate::import::run(&options, &progress) {
        Ok(report) => {
            report.print(&mut std::io::stdout().lock(), &mut std::io::stderr().lock());
            ExitCode::from(report.exit_code())
        }
        Err(crate::import::RunError::Config(diagnostics)) => {
            eprint!("{}", render_human(&diagnostics));
            ExitCode::from(2)
        }
        Err(e) => usage_error(&e.to_string()),
    }
}

/// What `build` publishes, from where, and whether it uses the cache.
struct BuildArgs {
    root: PathBuf,
    shared: Option<PathBuf>,
    output: Option<PathBuf>,
    use_cache: bool,
}

fn build(args: BuildArgs, strict: bool, today: Option<Date>) -> ExitCode {
    let today = match crate::pipeline::resolve_today(today) {
        Ok(d) => d,
        Err(e) => return usage_error(&e),
    };
    let started = Instant::now();
    let options = BuildOptions {
        root: args.root,
        shared: args.shared,
        output: args.output,
        today,
        use_cache: args.use_cache,
    };
    let built = crate::pipeline::build_timed(&options, |d| {
        if strict {
            promote_warnings(d);
        }
    });
    let outcome = built.map(|(outcome, times)| {
        if std::env::var_os("CHARTER_BUILD_TIMINGS").is_some() {
            eprintln!("{}", describe_times(&times));
        }
        outcome
    });
    match outcome {
        Ok(BuildOutcome::Published {
            output,
            pages,
            diagnostics,
        }) => {
            if !diagnostics.is_empty() {
                eprint!("{}", render_human(&diagnostics));
            }
            say!(
                "Published {pages} pages into {} in {:.2} s.",
                output.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Ok(BuildOutcome::Refused { diagnostics }) => {
            eprint!("{}", render_human(&diagnostics));
            eprintln!(
                "Nothing was published: fix the errors above and build again. The previous site was left as it was."
            );
            ExitCode::from(1)
        }
        Err(Error::Config(diagnostics)) => {
            eprint!("{}", render_human(&diagnostics));
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("Nothing was published; the previous site was left as it was.");
            ExitCode::from(1)
        }
    }
}

/// The stages of a build and their parts, e.g. "load 1.0 ms, resolve
/// 12.0 ms, …" (`CHARTER_BUILD_TIMINGS=1`).
fn describe_times(times: &crate::pipeline::StageTimes) -> String {
    let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let parts: Vec<String> = times
        .render_parts
        .iter()
        .map(|(label, d)| format!("{label} {}", ms(*d)))
        .collect();
    format!(
        "load {}, resolve {}, check {}, render and write {} ({})",
        ms(times.load),
        ms(times.resolve),
        ms(times.check),
        ms(times.render),
        parts.join(", ")
    )
}

fn check(
    sources: crate::content::Sources,
    strict: bool,
    format: Format,
    today: Option<Date>,
    external: Option<crate::external_links::Options>,
) -> ExitCode {
    let today = match crate::pipeline::resolve_today(today) {
        Ok(d) => d,
        Err(e) => return usage_error(&e),
    };
    let progress = progress::Line::new(std::io::stderr().is_terminal());
    let external = external.map(|options| crate::pipeline::ExternalCheck {
        options,
        progress: &progress,
    });
    let (mut diagnostics, stats, config_broken) =
        match crate::pipeline::check_with(&sources, today, external) {
            Ok((d, stats)) => (d, stats, false),
            Err(Error::Config(d)) => (d, None, true),
            Err(e) => return usage_error(&e.to_string()),
        };
    if strict {
        promote_warnings(&mut diagnostics);
    }
    print_findings(&sources.root, format, &diagnostics);
    // The closing line for people; stdout stays pure JSON with --format json.
    if let Some(stats) = stats {
        eprintln!("{}", stats.summary_line());
    }
    check_exit(config_broken, &diagnostics)
}

/// `check`'s exit status: 2 for a broken configuration, 1 for errors.
fn check_exit(config_broken: bool, diagnostics: &Diagnostics) -> ExitCode {
    if config_broken {
        ExitCode::from(2)
    } else if diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints `check`'s findings in the format asked for.
fn print_findings(root: &Path, format: Format, diagnostics: &Diagnostics) {
    match format {
        Format::Human => {
            let text = render_human(diagnostics);
            if diagnostics.has_errors() {
                eprint!("{text}");
            } else {
                say!(no_newline: "{text}");
            }
        }
        Format::Json => say!("{}", to_json(diagnostics)),
        Format::Github => {
            let prefix = crate::base::diagnostics_github::repository_prefix(root);
            let commands = crate::base::diagnostics_github::render_github(diagnostics, &prefix);
            say!(no_newline: "{commands}");
            // The runner turns the commands into annotations and hides them
            // from the log; the log keeps the findings for people.
            eprint!("{}", render_human(diagnostics));
        }
        Format::Gitlab => {
            let prefix = crate::base::diagnostics_github::repository_prefix(root);
            let report = crate::base::diagnostics_gitlab::render_gitlab(diagnostics, &prefix);
            say!("{report}");
            eprint!("{}", render_human(diagnostics));
        }
    }
}

/// SPEC's JSON shape: `{"diagnostics": [...], "summary": {...}}`.
pub fn to_json(diagnostics: &Diagnostics) -> String {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        diagnostics: Vec<&'a crate::base::diagnostics::Diagnostic>,
        summary: crate::base::diagnostics::Summary,
    }
    let report = Report {
        diagnostics: diagnostics.iter().collect(),
        summary: diagnostics.summary(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn promote_warnings(diagnostics: &mut Diagnostics) {
    diagnostics.map_severity(|s| {
        if s == Severity::Warning {
            Severity::Error
        } else {
            s
        }
    });
}

/// The message for a command run outside a site.
pub(crate) fn not_a_site(root: &Path) -> String {
    let folder = if root == Path::new(".") {
        "this folder".to_string()
    } else {
        format!("the folder {}", root.display())
    };
    format!("{folder} is not a Charter site (no charter.toml): run charter init, or pass -C DIR")
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
