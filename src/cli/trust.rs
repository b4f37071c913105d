//! The commands in a trust's folder: `check` (every school, one report),
//! `build` (every school into its own `public/`, then the overview) and
//! `serve --school`; and, in a school's folder, finding its trust.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{Cli, Command, Format, print_findings, promote_warnings, usage_error};
use crate::base::diagnostics::render_human;
use crate::trust::Trust;
use crate::trust::run::{TrustRun, shown};
use crate::{BuildOutcome, Error};

/// Whether the command works on a trust: `build`, `check` or `serve` in
/// a folder with `trust.toml`.
pub(super) fn in_trust_folder(cli: &Cli) -> bool {
    cli.root.join(crate::layout::TRUST_FILE).is_file() && works_on_sites(&cli.command)
}

fn works_on_sites(command: &Command) -> bool {
    matches!(
        command,
        Command::Build { .. } | Command::Check { .. } | Command::Serve { .. }
    )
}

/// `serve --school` outside a trust's folder: the exit code, after saying
/// why.
pub(super) fn school_outside_a_trust(cli: &Cli) -> Option<ExitCode> {
    matches!(&cli.command, Command::Serve { school: Some(_), .. }).then(|| {
        usage_error(&format!(
            "--school is for a trust's folder (the one with {}); here, run charter serve without it",
            crate::layout::TRUST_FILE
        ))
    })
}

/// For `build`, `check` and `serve` in a site: the trust of the school,
/// if a `trust.toml` above lists it; any `trust.toml` passed over is
/// mentioned.
pub(super) fn of_school(cli: &Cli) -> Option<PathBuf> {
    if !works_on_sites(&cli.command) {
        return None;
    }
    let found = crate::trust::find_for_school(&cli.root);
    for notice in &found.notices {
        eprintln!("note: {notice}");
    }
    found.trust
}

/// `build`, `check` or `serve` in a trust's folder.
pub(super) fn run(cli: Cli) -> ExitCode {
    let trust = match Trust::load(&cli.root) {
        Ok(t) => t,
        Err(diagnostics) => {
            eprint!("{}", render_human(&diagnostics));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build {
            strict,
            today,
            output,
            no_cache,
        } => {
            if output.is_some() {
                return usage_error(
                    "--output cannot be used in a trust's folder: each school is published into its own public/ and the overview into the trust's; build one school elsewhere with charter -C schools/NAME build -o DIR",
                );
            }
            match crate::pipeline::resolve_today(today) {
                Ok(today) => build(&trust, strict, today, !no_cache),
                Err(e) => usage_error(&e),
            }
        }
        Command::Check {
            strict,
            format,
            today,
            external,
            ..
        } => {
            if external {
                return usage_error(
                    "--external checks one school at a time: run it in a school's folder (charter -C schools/NAME check --external); the trust's documents are checked with it",
                );
            }
            match crate::pipeline::resolve_today(today) {
                Ok(today) => check(&trust, strict, format, today),
                Err(e) => usage_error(&e),
            }
        }
        Command::Serve {
            port,
            open,
            bind,
            debounce,
            today,
            school,
        } => {
            let Some(name) = school else {
                return usage_error(&format!(
                    "this is a trust's folder: say which school to preview with --school NAME (one of: {})",
                    trust.school_names()
                ));
            };
            let Some(school) = trust.school(&name) else {
                return usage_error(&format!(
                    "the trust has no school `{name}`: write one of {}",
                    trust.school_names()
                ));
            };
            crate::serve::run(crate::serve::ServeOptions {
                root: school.root.clone(),
                shared: Some(trust.root.clone()),
                port,
                bind,
                open,
                debounce: std::time::Duration::from_millis(debounce),
                today,
            })
        }
        _ => usage_error("only build, check and serve work in a trust's folder"),
    }
}

fn strictness(strict: bool) -> impl Fn(&mut crate::base::diagnostics::Diagnostics) + Sync {
    move |d| {
        if strict {
            promote_warnings(d);
        }
    }
}

fn check(trust: &Trust, strict: bool, format: Format, today: jiff::civil::Date) -> ExitCode {
    let run = crate::trust::run::check(trust, today, strictness(strict));
    print_findings(&trust.root, format, &run.diagnostics);
    super::check_exit(run.config_broken, &run.diagnostics)
}

fn build(trust: &Trust, strict: bool, today: jiff::civil::Date, use_cache: bool) -> ExitCode {
    let started = Instant::now();
    let run = crate::trust::run::build(trust, today, use_cache, strictness(strict));
    if !run.diagnostics.is_empty() {
        eprint!("{}", render_human(&run.diagnostics));
    }
    let failed = report_schools(trust, &run);
    let overview_ok = match &run.overview {
        Some(Ok(output)) => {
            say_line(&format!(
                "Published the trust's overview into {} ({} schools) in {:.2} s.",
                shown(&trust.root, output),
                run.schools.len(),
                started.elapsed().as_secs_f64()
            ));
            true
        }
        Some(Err(e)) => {
            eprintln!("error: the trust's overview: {e}; its previous version was left as it was");
            false
        }
        None => true,
    };
    if run.config_broken {
        ExitCode::from(2)
    } else if failed > 0 || !overview_ok {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One line per school; returns how many were not published.
fn report_schools(trust: &Trust, run: &TrustRun) -> usize {
    let mut failed = 0;
    for school in &run.schools {
        match &school.outcome {
            Ok(BuildOutcome::Published { output, pages, .. }) => say_line(&format!(
                "{}: published {pages} pages into {}",
                school.name,
                shown(&trust.root, output)
            )),
            Ok(BuildOutcome::Refused { .. }) => {
                failed += 1;
                eprintln!(
                    "{}: nothing published because of the errors above; its previous site in {}/public was left as it was",
                    school.name, school.folder
                );
            }
            Err(Error::Config(_)) => {
                failed += 1;
                eprintln!(
                    "{}: its configuration has problems (above); nothing published",
                    school.name
                );
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "{}: error: {e}; nothing published, its previous site was left as it was",
                    school.name
                );
            }
        }
    }
    failed
}

fn say_line(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}
