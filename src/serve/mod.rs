//! `charter serve`: builds the site into `.charter-cache/serve/` (never
//! `public/`), serves it on this computer only (127.0.0.1 unless `--bind`
//! says otherwise), watches the sources and rebuilds what a change touches
//! ([`rebuild`]), reloads open pages ([`reload`]), and shows build
//! errors over the last good site.
//!
//! Threads: the web server runs on a small tokio runtime; the watcher
//! ([`watch`]) sends batches of changed paths to one rebuilding thread,
//! which owns the [`rebuild::Builder`] and tells browsers through
//! [`reload::Shared`].

pub(crate) mod http;
pub(crate) mod rebuild;
pub(crate) mod reload;
pub(crate) mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use jiff::civil::Date;

use crate::base::diagnostics::{Diagnostics, render_human};
use rebuild::{Builder, Failure, Report};
use reload::Shared;

/// Where the preview is built, under the site's folder.
use crate::layout::SERVE_DIR as OUTPUT_DIR;

/// What `charter serve` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    /// The trust's folder, for a school of a trust (its documents are
    /// served and watched too).
    pub shared: Option<PathBuf>,
    /// 0 picks a free port.
    pub port: u16,
    /// 127.0.0.1 when not given.
    pub bind: Option<IpAddr>,
    /// Open the site in the browser.
    pub open: bool,
    /// How long the sources must be quiet before a rebuild.
    pub debounce: Duration,
    /// Fixes the day review statuses are worked out for.
    pub today: Option<Date>,
}

/// Writes a line to standard output, ignoring a closed pipe.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

pub(crate) fn run(options: ServeOptions) -> ExitCode {
    let root = match site_folder(&options.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (listener, addr) = match listen(&options) {
        Ok(l) => l,
        Err(code) => return code,
    };

    // Watch before the first build, so that an edit made during it is not
    // lost.
    let (tx, rx) = mpsc::channel();
    let watcher = match watch::start(&root, options.debounce, tx.clone()) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "warning: cannot watch the site for changes ({e}); the preview will not update"
            );
            None
        }
    };

    // The trust's documents change the school's site too.
    let shared_watcher = match &options.shared {
        Some(trust) => watch::start(trust, options.debounce, tx).ok(),
        None => None,
    };

    let out = root.join(OUTPUT_DIR);
    if let Err(e) = prepare_output(&out) {
        eprintln!("error: cannot prepare {}: {e}", out.display());
        return ExitCode::from(1);
    }
    let out = std::fs::canonicalize(&out).unwrap_or(out);
    let shared = Shared::new();
    let mut builder = Builder::new(&root, options.shared.as_deref(), &out, options.today);
    first_build(&mut builder, &shared);
    let url = format!("http://{addr}{}", shared.base());
    say(&format!("Serving the site at {url} (press Ctrl-C to stop)"));
    say(&format!(
        "Watching content/, agreements/, themes/, static/, charter.toml and guidance.toml; the preview is built in {OUTPUT_DIR}/."
    ));

    let rebuilder = shared.clone();
    std::thread::Builder::new()
        .name("charter-rebuild".into())
        .spawn(move || {
            // Kept for as long as the loop runs: dropped, it stops watching.
            let _shared_watcher = shared_watcher;
            rebuild_loop(builder, watcher, rx, &rebuilder);
        })
        .ok();

    if options.open {
        open_browser(&url);
    }
    match serve(listener, out, shared) {
        Ok(()) => {
            say("Stopped.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: the server stopped: {e}");
            ExitCode::from(1)
        }
    }
}

/// The site's folder, made absolute; the exit code (after saying why) when
/// it is not a folder or has no `charter.toml`.
fn site_folder(given: &Path) -> Result<PathBuf, ExitCode> {
    let root = match std::fs::canonicalize(given) {
        Ok(r) if r.is_dir() => r,
        _ => {
            eprintln!(
                "error: {} is not a folder: give the site's folder with -C DIR",
                given.display()
            );
            return Err(ExitCode::from(2));
        }
    };
    if !root.join(crate::layout::CONFIG_FILE).is_file() {
        eprintln!(
            "error: {} has no {}: run charter serve in the site's folder, or give it with -C DIR",
            root.display(),
            crate::layout::CONFIG_FILE
        );
        return Err(ExitCode::from(2));
    }
    Ok(root)
}

/// Listens on the address asked for (warning when other computers can
/// reach it); the exit code (after saying why) when it cannot.
fn listen(options: &ServeOptions) -> Result<(std::net::TcpListener, SocketAddr), ExitCode> {
    let ip = options.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}: other computers that can reach this one can see the preview, drafts' links and errors included; leave out --bind to keep it to this computer"
        );
    }
    let listener = match std::net::TcpListener::bind(SocketAddr::new(ip, options.port)) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            let next = options.port.checked_add(1).unwrap_or(0);
            eprintln!("error: port {} is in use; try --port {next}", options.port);
            return Err(ExitCode::from(2));
        }
        Err(e) => {
            eprintln!("error: cannot listen on {ip} port {}: {e}", options.port);
            return Err(ExitCode::from(2));
        }
    };
    match listener.local_addr() {
        Ok(a) => Ok((listener, a)),
        Err(e) => {
            eprintln!("error: cannot listen: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// The first build: its findings and page count, or why it failed, shown
/// both here and (through `shared`) in the browser.
fn first_build(builder: &mut Builder, shared: &Shared) {
    say("Building the site…");
    match builder.build() {
        Ok(report) => {
            print_findings(&report.diagnostics);
            say(&format!(
                "Built {} pages in {:.2} s.",
                report.total,
                report.elapsed.as_secs_f64()
            ));
            shared.published(&report);
        }
        Err(failure) => {
            print_failure(&failure);
            shared.failed(&failure);
        }
    }
}

/// Makes the output folder, and removes staging folders that an earlier
/// preview stopped in the middle of a build left behind.
fn prepare_output(out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    if let Some(parent) = out.parent() {
        for entry in std::fs::read_dir(parent)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".serve.staging-") {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(())
}

/// Rebuilds after each batch of changes, until the watcher stops.
fn rebuild_loop(
    mut builder: Builder,
    mut watcher: Option<watch::Watcher>,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    shared: &Shared,
) {
    while let Ok(mut paths) = rx.recv() {
        // Whatever else arrived meanwhile is part of the same rebuild.
        while let Ok(more) = rx.try_recv() {
            paths.extend(more);
        }
        paths.sort();
        paths.dedup();
        if let Some(w) = watcher.as_mut() {
            w.watch_new_folders();
        }
        if !builder.wants(&paths) {
            continue;
        }
        let what = describe(&paths, builder.root());
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| builder.rebuild(&paths)))
                .unwrap_or_else(|_| {
                    // A bug, not the site's fault: start afresh on the next change.
                    builder.reset();
                    Err(Failure::Crashed)
                });
        match result {
            Ok(report) => {
                print_findings(&report.diagnostics);
                say(&summary(&what, &report));
                shared.published(&report);
                if std::env::var_os("CHARTER_SERVE_TIMINGS").is_some() {
                    eprintln!("timings: {}", builder.laps());
                }
            }
            Err(failure) => {
                say(&format!(
                    "{what}: the site could not be rebuilt; still serving the last good version."
                ));
                print_failure(&failure);
                shared.failed(&failure);
            }
        }
    }
}

/// "content/policies/a.md changed" or "3 files changed".
fn describe(paths: &[PathBuf], root: &Path) -> String {
    match paths {
        [one] => format!(
            "{} changed",
            crate::base::source::SourceFile::display_path(root, one)
        ),
        many => format!("{} files changed", many.len()),
    }
}

/// The log line of a rebuild: "rebuilt 3 of 1008 pages in 12 ms".
fn summary(what: &str, report: &Report) -> String {
    let ms = report.elapsed.as_secs_f64() * 1000.0;
    let time = if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    };
    format!(
        "{what}: rebuilt {} of {} pages in {time} ({} file{} written)",
        report.rendered,
        report.total,
        report.written,
        if report.written == 1 { "" } else { "s" }
    )
}

fn print_findings(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_human(diagnostics));
    }
}

fn print_failure(failure: &Failure) {
    match failure {
        Failure::Refused { shown, all } => {
            let mut errors = Diagnostics::new();
            errors.extend(
                all.iter()
                    .filter(|d| d.severity == crate::base::diagnostics::Severity::Error)
                    .cloned(),
            );
            // The new findings, and every error (they are what to fix).
            let mut both = shown.clone();
            both.extend(errors);
            both.sort();
            eprint!("{}", render_human(&both));
        }
        Failure::Broken(crate::Error::Config(all)) => eprint!("{}", render_human(all)),
        Failure::Broken(e) => eprintln!("error: {e}"),
        Failure::Crashed => eprintln!("error: {CRASHED}"),
    }
}

/// What is said when Charter itself fails while rebuilding.
const CRASHED: &str =
    "Charter failed while rebuilding (a bug: please report it); save again to retry";

/// Runs the web server until Ctrl-C (or SIGTERM).
fn serve(
    listener: std::net::TcpListener,
    out: PathBuf,
    shared: Arc<Shared>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let app = http::App {
            out,
            shared,
            stopping: stop_rx,
        };
        let stopped = Arc::new(tokio::sync::Notify::new());
        let notify = stopped.clone();
        let server = axum::serve(listener, http::router(app)).with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = stop_tx.send(true);
            notify.notify_one();
        });
        tokio::select! {
            result = IntoFuture::into_future(server) => result,
            // Connections still open a few seconds after Ctrl-C are dropped.
            () = async {
                stopped.notified().await;
                tokio::time::sleep(Duration::from_secs(3)).await;
            } => Ok(()),
        }
    })
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let terminate = tokio::signal::unix::SignalKind::terminate();
        let Ok(mut term) = tokio::signal::unix::signal(terminate) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Opens `url` in the default browser, if the system has a way to.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if command.spawn().is_err() {
        eprintln!("note: could not open a browser; open {url} yourself");
    }
}
