//! Live reload and errors in the browser. `charter serve` injects one
//! script into every HTML page it serves (never into `charter build`'s
//! output). The script listens to `/__charter/events` (server-sent events):
//!
//! - `hello` on connecting: `{"build", "ok", "overlay"}`; a page loaded
//!   before the latest build reloads, and a broken site shows its overlay;
//! - `reload` after each successful rebuild: `{"build", "paths"}`, the
//!   addresses that changed (`null`: any may have); a page among them
//!   reloads, the others just drop the overlay;
//! - `broken` when a rebuild fails: `{"build", "overlay", "problems"}`; the
//!   last good site is still served and the page shows the overlay, an
//!   HTML-escaped list of the problems (file, line, column, message, hint).
//!
//! `/__charter/status` gives the same as JSON, with the counts of the last
//! rebuild.

use std::sync::{Arc, RwLock};

use serde::Serialize;
use tokio::sync::broadcast;

use super::rebuild::{Failure, Report};
use crate::base::diagnostics::{Diagnostic, Severity};
use crate::base::source::Place;

/// Where the script is served; its stylesheet, the events and the status
/// sit beside it. All are files of the site's origin, which the published
/// pages' Content Security Policy allows (`'self'`); an inline script or
/// style would be refused.
pub(crate) const SCRIPT_PATH: &str = "/__charter/reload.js";
pub(crate) const STYLE_PATH: &str = "/__charter/reload.css";
pub(crate) const EVENTS_PATH: &str = "/__charter/events";
pub(crate) const STATUS_PATH: &str = "/__charter/status";

/// One event for the browsers: its name and its JSON data.
pub(crate) type Message = (&'static str, String);

/// What the server and the rebuilding thread share.
pub(crate) struct Shared {
    status: RwLock<Status>,
    events: broadcast::Sender<Message>,
}

/// The state of the served site, as `/__charter/status` shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Status {
    /// How many times the site was published (the first build is 1).
    pub build: u64,
    /// Whether the last rebuild succeeded.
    pub ok: bool,
    /// HTML pages rendered by the last successful rebuild, of `total`.
    pub rendered: usize,
    pub total: usize,
    /// The files rendered by the last successful rebuild, unless it
    /// rendered everything.
    pub rendered_files: Vec<String>,
    /// Files written by the last successful rebuild.
    pub written: usize,
    /// How long it took, in milliseconds.
    pub millis: u64,
    /// What stops the site being published, when `ok` is false.
    pub problems: Vec<Problem>,
    /// The same, as HTML for the overlay (empty when `ok`).
    pub overlay: String,
    /// The path the site is served under (`/`, or that of `base_url`).
    pub base: String,
}

/// A problem shown in the browser.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Problem {
    pub severity: String,
    pub code: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
    /// The source line, when known.
    pub source: String,
}

impl Problem {
    fn of(d: &Diagnostic) -> Problem {
        Problem {
            severity: d.severity.as_str().to_string(),
            code: d.code.as_str().to_string(),
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            hint: d.hint.clone(),
            source: d
                .excerpt
                .as_ref()
                .map(|e| e.line_text.clone())
                .unwrap_or_default(),
        }
    }

    /// A build that could not run (a template error, an output that cannot
    /// be written), at its place when one is known.
    fn render(place: Place, message: String) -> Problem {
        Problem {
            severity: "error".into(),
            code: "render".into(),
            file: place.file,
            line: place.line,
            column: place.column,
            message,
            hint: String::new(),
            source: String::new(),
        }
    }
}

impl Shared {
    pub(crate) fn new() -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            status: RwLock::new(Status::default()),
            events,
        })
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Message> {
        self.events.subscribe()
    }

    /// The path the site is served under.
    pub(crate) fn base(&self) -> String {
        self.status
            .read()
            .ok()
            .filter(|s| !s.base.is_empty())
            .map_or_else(|| "/".to_string(), |s| s.base.clone())
    }

    pub(crate) fn status(&self) -> Status {
        self.status.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// The first event a browser gets.
    pub(crate) fn hello(&self) -> Message {
        let s = self.status();
        let data = serde_json::json!({"build": s.build, "ok": s.ok, "overlay": s.overlay});
        ("hello", data.to_string())
    }

    /// A rebuild succeeded: browsers showing a changed page reload.
    pub(crate) fn published(&self, report: &Report) {
        let build = {
            let Ok(mut s) = self.status.write() else {
                return;
            };
            s.build += 1;
            s.ok = true;
            s.rendered = report.rendered;
            s.total = report.total;
            s.rendered_files.clone_from(&report.outputs);
            s.written = report.written;
            s.millis = report.elapsed.as_millis() as u64;
            s.problems.clear();
            s.overlay.clear();
            s.base.clone_from(&report.base);
            s.build
        };
        let data = serde_json::json!({"build": build, "paths": report.changed});
        let _ = self.events.send(("reload", data.to_string()));
    }

    /// A rebuild failed: browsers show what is wrong over the last good page.
    pub(crate) fn failed(&self, failure: &Failure) {
        let problems = problems(failure);
        let overlay = overlay_html(&problems);
        let build = {
            let Ok(mut s) = self.status.write() else {
                return;
            };
            s.ok = false;
            s.problems = problems.clone();
            s.overlay = overlay.clone();
            s.build
        };
        let data = serde_json::json!({"build": build, "overlay": overlay, "problems": problems});
        let _ = self.events.send(("broken", data.to_string()));
    }
}

/// The problems that stop publishing: errors first (warnings are printed
/// in the terminal, not shown over the page).
fn problems(failure: &Failure) -> Vec<Problem> {
    match failure {
        Failure::Refused { all, .. } => {
            let mut out: Vec<Problem> = all
                .iter()
                .filter(|d| d.severity == Severity::Error && !d.in_draft)
                .map(Problem::of)
                .collect();
            if out.is_empty() {
                out = all.iter().map(Problem::of).collect();
            }
            // A file that cannot be read is what to fix first: the broken
            // links to its page follow from it.
            out.sort_by_key(|p| !READ_CODES.contains(&p.code.as_str()));
            out
        }
        Failure::Broken(crate::Error::Config(all)) => all.iter().map(Problem::of).collect(),
        Failure::Broken(e) => {
            let (place, message) = e.describe();
            vec![Problem::render(place.cloned().unwrap_or_default(), message)]
        }
        Failure::Crashed => vec![Problem::render(Place::default(), super::CRASHED.into())],
    }
}

/// Findings that keep a file out of the site.
const READ_CODES: [&str; 4] = [
    "frontmatter-invalid",
    "file-invalid",
    "date-unparseable",
    "id-duplicate",
];

/// How many problems the overlay lists.
const OVERLAY_LIMIT: usize = 25;

/// Escapes text for HTML content and attribute values.
pub(crate) use crate::resolve::markdown::html_escape as escape;

/// The overlay's content: every text in it is escaped.
pub(crate) fn overlay_html(problems: &[Problem]) -> String {
    let mut html = String::from(
        "<h2>The site could not be rebuilt</h2><p>You are seeing the last version that built. \
         Fix the problem below and save: this page updates by itself.</p><ol>",
    );
    for p in problems.iter().take(OVERLAY_LIMIT) {
        html.push_str("<li>");
        // Template errors come with their own excerpt, over several lines.
        let tag = if p.message.contains('\n') { "pre" } else { "p" };
        html.push_str(&format!(
            "<{tag}><strong>{}[{}]</strong>: {}</{tag}>",
            escape(&p.severity),
            escape(&p.code),
            escape(&p.message)
        ));
        if !p.file.is_empty() {
            html.push_str(&format!(
                "<p><code>{}:{}:{}</code></p>",
                escape(&p.file),
                p.line,
                p.column
            ));
        }
        if !p.source.is_empty() {
            html.push_str(&format!("<pre>{} | {}</pre>", p.line, escape(&p.source)));
        }
        if !p.hint.is_empty() {
            html.push_str(&format!("<p>Hint: {}</p>", escape(&p.hint)));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol>");
    if problems.len() > OVERLAY_LIMIT {
        html.push_str(&format!(
            "<p>…and {} more, listed in the terminal.</p>",
            problems.len() - OVERLAY_LIMIT
        ));
    }
    html
}

/// The tag put into served HTML pages, before `</body>`.
pub(crate) fn script_tag(build: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"></script>")
}

/// Puts the reload script into an HTML page, before its last `</body>`
/// (or at the end).
pub(crate) fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tag = script_tag(build);
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The overlay's stylesheet, loaded inside its shadow root.
pub(crate) const STYLE: &str = ".box{position:fixed;inset:0;overflow:auto;box-sizing:border-box;padding:2rem;\
background:#1d1d1f;color:#fff;font:16px/1.5 system-ui,sans-serif;text-align:left}\n\
h2{font-size:1.5rem;margin:0 0 .5rem}ol{padding-left:1.5rem}li{margin:0 0 1.25rem}\n\
p{margin:.25rem 0}code,pre{font-family:ui-monospace,monospace;color:#ffd7a8;white-space:pre-wrap}\n\
pre{margin:.5rem 0;padding:.5rem .75rem;background:#2b2b30;border-radius:4px}\n\
button{font:inherit;float:right;padding:.25rem .75rem;border:2px solid #fff;\
border-radius:4px;background:#1d1d1f;color:#fff;cursor:pointer}\n\
button:focus-visible{outline:3px solid #ffd7a8;outline-offset:2px}\n";

/// The script injected into pages.
pub(crate) const SCRIPT: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : null;
  var host = null;
  // The overlay's styles come as a file of the site's origin, so that a
  // page's Content Security Policy (no inline styles) lets them in.
  var STYLE = '<link rel="stylesheet" href="/__charter/reload.css">';
  // The overlay lives in a shadow root, so the site's styles do not
  // reach it.
  function show(html) {
    if (!host) {
      host = document.createElement("div");
      host.id = "charter-overlay";
      host.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;";
      host.attachShadow({ mode: "open" });
      document.body.appendChild(host);
    }
    host.style.display = "block";
    host.shadowRoot.innerHTML = STYLE +
      '<div class="box" role="alert"><button type="button">Hide</button>' + html + "</div>";
    host.shadowRoot.querySelector("button").addEventListener("click", function () {
      host.style.display = "none";
    });
  }
  function hide() {
    if (host) { host.remove(); host = null; }
  }
  function here(paths) {
    if (!paths) { return true; }
    var p = decodeURIComponent(location.pathname);
    for (var i = 0; i < paths.length; i++) {
      if (paths[i] === p || paths[i] + "index.html" === p) { return true; }
    }
    return false;
  }
  var events = new EventSource("/__charter/events");
  events.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (!d.ok) { show(d.overlay); return; }
    hide();
    if (build !== null && String(d.build) !== build) { location.reload(); }
  });
  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (here(d.paths)) { location.reload(); return; }
    build = String(d.build);
    hide();
  });
  events.addEventListener("broken", function (e) {
    show(JSON.parse(e.data).overlay);
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, 3)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__charter/reload.js\" data-build=\"3\"></script></BODY></html>"
        );
        let out = String::from_utf8(inject(b"<p>no body", 1)).unwrap();
        assert!(out.starts_with("<p>no body<script"));
    }

    #[test]
    fn overlay_escapes_everything() {
        let p = Problem {
            severity: "error".into(),
            code: "xref-unknown".into(),
            file: "content/<x>.md".into(),
            line: 3,
            column: 1,
            message: "no page has the id `<script>`".into(),
            hint: "did you mean \"a&b\"?".into(),
            source: "<script>alert(1)</script>".into(),
        };
        let html = overlay_html(&[p]);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("content/&lt;x&gt;.md:3:1"));
        assert!(html.contains("&quot;a&amp;b&quot;"));
    }
}
