//! The preview's web server (axum on tokio): the built site's files, the
//! reload script, its events and the status. Only GET and HEAD are
//! answered. A request path is percent-decoded once and then refused
//! (403) if any segment is `.` or `..`, or it holds a backslash or a NUL,
//! so neither `/../`, `/%2e%2e/`, `/..%2f` nor `\` can climb out of the
//! served folder; the file found is then resolved (symbolic links
//! included) and refused unless it lies inside that folder.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::{broadcast, watch};

use super::reload::{self, Shared};

#[derive(Clone)]
pub(crate) struct App {
    /// The served folder, resolved.
    pub out: PathBuf,
    pub shared: Arc<Shared>,
    /// Becomes true on shutdown, to end the event streams.
    pub stopping: watch::Receiver<bool>,
}

pub(crate) fn router(app: App) -> Router {
    Router::new().fallback(handle).with_state(app)
}

async fn handle(State(app): State<App>, req: Request) -> Response {
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        return with_headers(
            plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "Only GET and HEAD are served.\n",
            ),
            &[(header::ALLOW, "GET, HEAD")],
        );
    }
    let path = req.uri().path().to_string();
    let response = match path.as_str() {
        reload::EVENTS_PATH => events(&app).into_response(),
        reload::STATUS_PATH => {
            let body = serde_json::to_string_pretty(&app.shared.status()).unwrap_or_default();
            typed(StatusCode::OK, "application/json", body.into_bytes())
        }
        reload::SCRIPT_PATH => typed(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            reload::SCRIPT.as_bytes().to_vec(),
        ),
        reload::STYLE_PATH => typed(
            StatusCode::OK,
            "text/css; charset=utf-8",
            reload::STYLE.as_bytes().to_vec(),
        ),
        _ => file(&app, &path).await,
    };
    // For HEAD, axum sends the same headers (Content-Length included)
    // without the body.
    with_headers(
        response,
        &[
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
    )
}

/// Where a request path leads inside the served folder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file (or a folder, for its `index.html`), relative to the folder.
    Path(PathBuf),
    /// The path needs a trailing `/` (or the base path): redirect there.
    Redirect(String),
    /// Outside the base path.
    NotFound,
    /// A path that tries to climb out, or that no file could have.
    Refused,
}

/// Maps a raw request path to a place in the served folder, without
/// touching the disk.
pub(crate) fn target(raw: &str, base: &str) -> Target {
    let Some(rest) = raw.strip_prefix('/') else {
        return Target::Refused;
    };
    let Some(decoded) = percent_decode(rest) else {
        return Target::Refused;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Target::Refused;
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Target::Refused,
            // One plain name each (never a drive or root, on any system).
            s => match Path::new(s).components().collect::<Vec<_>>()[..] {
                [Component::Normal(_)] => rel.push(s),
                _ => return Target::Refused,
            },
        }
    }
    let base_rel = base.trim_matches('/');
    if base_rel.is_empty() {
        return Target::Path(rel);
    }
    // A site published under a path (`base_url = "https://host/school/"`)
    // is served under the same path.
    match rel.strip_prefix(base_rel) {
        Ok(inner) => Target::Path(inner.to_path_buf()),
        Err(_) if rel.as_os_str().is_empty() => Target::Redirect(base.to_string()),
        Err(_) => Target::NotFound,
    }
}

async fn file(app: &App, raw: &str) -> Response {
    let rel = match target(raw, &app.shared.base()) {
        Target::Path(rel) => rel,
        Target::Redirect(to) => return redirect(&to),
        Target::NotFound => return not_found(app).await,
        Target::Refused => {
            return plain(StatusCode::FORBIDDEN, "This path is not served.\n");
        }
    };
    let mut path = app.out.join(&rel);
    if path.is_dir() {
        if !raw.ends_with('/') {
            return redirect(&format!("{raw}/"));
        }
        path.push("index.html");
    }
    // Symbolic links are followed only to files inside the served folder.
    let Ok(resolved) = tokio::fs::canonicalize(&path).await else {
        return not_found(app).await;
    };
    if !resolved.starts_with(&app.out) {
        return plain(StatusCode::FORBIDDEN, "This path is not served.\n");
    }
    match tokio::fs::read(&resolved).await {
        Ok(bytes) => page(app, StatusCode::OK, &resolved, bytes),
        Err(_) => not_found(app).await,
    }
}

/// A file's response, with the reload script in HTML pages.
fn page(app: &App, status: StatusCode, path: &Path, bytes: Vec<u8>) -> Response {
    let mime = mime_type(path);
    let bytes = if mime.starts_with("text/html") {
        reload::inject(&bytes, app.shared.status().build)
    } else {
        bytes
    };
    typed(status, mime, bytes)
}

/// The site's own 404 page, with status 404.
async fn not_found(app: &App) -> Response {
    let path = app.out.join(crate::layout::NOT_FOUND);
    match tokio::fs::read(&path).await {
        Ok(bytes) => page(app, StatusCode::NOT_FOUND, &path, bytes),
        Err(_) => {
            // No site yet (the first build failed): a page that shows why.
            let html = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
                 <body><main><h1>Not found</h1><p>Nothing is published at this address yet.</p></main>{}</body></html>",
                reload::script_tag(app.shared.status().build)
            );
            typed(
                StatusCode::NOT_FOUND,
                "text/html; charset=utf-8",
                html.into_bytes(),
            )
        }
    }
}

/// The event stream: the current state, then every change until shutdown.
fn events(app: &App) -> impl IntoResponse {
    let hello = app.shared.hello();
    let rx = app.shared.subscribe();
    let stopping = app.stopping.clone();
    let stream = futures_util::stream::unfold(
        (Some(hello), rx, stopping),
        |(first, mut rx, mut stopping)| async move {
            if let Some((name, data)) = first {
                let event = Event::default().event(name).data(data);
                return Some((Ok::<_, Infallible>(event), (None, rx, stopping)));
            }
            if *stopping.borrow() {
                return None;
            }
            loop {
                tokio::select! {
                    message = rx.recv() => match message {
                        Ok((name, data)) => {
                            let event = Event::default().event(name).data(data);
                            return Some((Ok(event), (None, rx, stopping)));
                        }
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                    _ = stopping.changed() => return None,
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn typed(status: StatusCode, mime: &str, bytes: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(mime) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    typed(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

fn redirect(to: &str) -> Response {
    let mut r = plain(StatusCode::MOVED_PERMANENTLY, "Moved.\n");
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn with_headers(mut r: Response, headers: &[(header::HeaderName, &'static str)]) -> Response {
    for (name, value) in headers {
        r.headers_mut()
            .insert(name.clone(), HeaderValue::from_static(value));
    }
    r
}

/// Decodes `%XX` escapes; `None` if the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(crate::resolve::links::percent_decode_bytes(s)).ok()
}

/// The content type of a file, by its extension.
pub(crate) fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "zip" => "application/zip",
        "wasm" => "application/wasm",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climbing_out_is_refused() {
        for raw in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/policies/..%2f..%2fetc/passwd",
            "/a/./b",
            "/..\\etc\\passwd",
            "/%5c..%5cetc",
            "/a%00b",
            "relative",
        ] {
            assert_eq!(target(raw, "/"), Target::Refused, "{raw}");
        }
    }

    #[test]
    fn paths_map_into_the_folder() {
        assert_eq!(target("/", "/"), Target::Path(PathBuf::new()));
        assert_eq!(
            target("/policies/online-safety/", "/"),
            Target::Path(PathBuf::from("policies/online-safety"))
        );
        assert_eq!(
            target("/docs/my%20letter.pdf", "/"),
            Target::Path(PathBuf::from("docs/my letter.pdf"))
        );
        // A literal `%2e%2e` after decoding once is a name, not `..`.
        assert_eq!(
            target("/%252e%252e/x", "/"),
            Target::Path(PathBuf::from("%2e%2e/x"))
        );
        assert_eq!(
            target("/school/policies/", "/school/"),
            Target::Path(PathBuf::from("policies"))
        );
        assert_eq!(target("/", "/school/"), Target::Redirect("/school/".into()));
        assert_eq!(target("/other/", "/school/"), Target::NotFound);
    }

    #[test]
    fn types_by_extension() {
        assert_eq!(
            mime_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("theme/style.CSS")),
            "text/css; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("sitemap.xml")), "application/xml");
        assert_eq!(mime_type(Path::new("logo.svg")), "image/svg+xml");
        assert_eq!(mime_type(Path::new("x")), "application/octet-stream");
    }
}
