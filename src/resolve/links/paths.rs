//! Links by path: root-relative (`/docs/x.pdf`) and relative to the page's
//! own file (`../parents/a.md`, `forms/x.pdf`), with `%XX` escapes decoded.

use std::path::{Component, Path, PathBuf};

use super::{Context, Failure};
use crate::base::diagnostics::Code;
use crate::base::schema::closest;
use crate::content::Page;

impl Context<'_> {
    pub(super) fn resolve_root_relative(
        &self,
        rooted: &str,
        fragment: Option<&str>,
    ) -> Result<Option<(String, Option<usize>)>, Failure> {
        let key = rooted.trim_start_matches('/');
        let as_dir = if key.is_empty() || key.ends_with('/') || key.contains('.') {
            key.to_string()
        } else {
            format!("{key}/")
        };
        let base_relative = key
            .strip_prefix(self.base.trim_start_matches('/'))
            .unwrap_or(key);
        let found = [
            key,
            as_dir.as_str(),
            base_relative,
            key.trim_end_matches("index.html"),
        ]
        .iter()
        .any(|k| self.published.contains(*k));
        if !found {
            return Err(Failure {
                code: Code::LinkBroken,
                message: format!("nothing is published at `/{key}`"),
                hint: "link to a page with `@id`, or put the file in static/ (static/docs/x.pdf is published at /docs/x.pdf)".into(),
            });
        }
        if self.base == "/" {
            return Ok(None);
        }
        let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        Ok(Some((
            format!("{}{}{frag}", self.base, base_relative),
            None,
        )))
    }

    pub(super) fn resolve_relative(
        &self,
        page: &Page,
        path: &str,
        fragment: Option<&str>,
    ) -> Result<Option<(String, Option<usize>)>, Failure> {
        let source_dir = Path::new(&page.source.rel_path)
            .parent()
            .unwrap_or(Path::new(""));
        let Some(joined) = normalize(&source_dir.join(path)) else {
            return Err(Failure {
                code: Code::LinkBroken,
                message: format!("`{path}` points outside the site's folder"),
                hint: "link only to files inside the site; for another website use its full https:// address".into(),
            });
        };
        let rel = joined
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if path.is_empty() {
            // A bare `#anchor` with a `?query`, or `?x`: this page.
            return Ok(None);
        }
        if rel.ends_with(".md") {
            return match self.by_source.get(rel.as_str()) {
                Some(&target) => {
                    if self.site.pages[target].draft && !page.draft {
                        return Err(Failure {
                            code: Code::LinkBroken,
                            message: format!("`{path}` is a draft, which is not published"),
                            hint: format!(
                                "publish {rel} (remove `draft = true`) or remove this link"
                            ),
                        });
                    }
                    self.page_url(target, fragment)
                        .map(|u| Some((u, Some(target))))
                        .map_err(|mut f| {
                            f.code = Code::LinkBroken;
                            f
                        })
                }
                None => {
                    let sources = self.by_source.keys().copied();
                    Err(Failure {
                        code: Code::LinkBroken,
                        message: format!("`{path}` leads to {rel}, which does not exist"),
                        hint: match closest(&rel, sources) {
                            Some(best) => {
                                format!("did you mean {best}? (or link by id: [text](@id))")
                            }
                            None => "check the file name, or link by id: [text](@id)".into(),
                        },
                    })
                }
            };
        }
        let output = if let Some(s) = rel.strip_prefix("static/") {
            Some(s.to_string())
        } else {
            self.site
                .assets
                .iter()
                .find(|a| {
                    crate::base::source::SourceFile::display_path(&self.site.root, &a.source) == rel
                })
                .map(|a| a.output.clone())
        };
        match output {
            Some(out) if self.published.contains(&out) => {
                let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                Ok(Some((format!("{}{out}{frag}", self.base), None)))
            }
            _ => Err(Failure {
                code: Code::LinkBroken,
                message: format!("`{path}` leads to {rel}, which is not a published file"),
                hint: "check the file name; files to publish go in static/ or beside the Markdown in content/".into(),
            }),
        }
    }
}

/// Resolves `.` and `..` without touching the disk; `None` if the path
/// climbs above the site root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

pub(super) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    String::from_utf8_lossy(&percent_decode_bytes(s)).into_owned()
}

/// Decodes `%XX` escapes (others are kept as written) to bytes, which need
/// not be UTF-8.
pub fn percent_decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_refuses_to_leave_the_root() {
        assert_eq!(
            normalize(Path::new("content/policies/../parents/a.md")),
            Some(PathBuf::from("content/parents/a.md"))
        );
        assert_eq!(normalize(Path::new("content/../../etc/passwd")), None);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("my%20file.pdf"), "my file.pdf");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%é1"), "%é1");
    }
}
