//! Resolving a link of the old site against its address (RFC 3986, section
//! 5.2, for the http(s) addresses web pages use).

/// Whether `href` has a scheme (`https:`, `mailto:`, `tel:`).
pub(crate) fn has_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `href` made absolute against `base` (itself absolute); `None` when the
/// base is not an absolute http(s)-like address.
pub(crate) fn resolve(base: &str, href: &str) -> Option<String> {
    if has_scheme(href) {
        return Some(href.to_string());
    }
    let (scheme, rest) = base.split_once("://")?;
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if let Some(net) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{net}"));
    }
    let path = path.split('#').next().unwrap_or_default();
    let (base_path, _query) = path.split_once('?').unwrap_or((path, ""));
    let origin = format!("{scheme}://{authority}");
    if href.is_empty() {
        return Some(format!("{origin}{path}"));
    }
    if href.starts_with('?') {
        return Some(format!("{origin}{base_path}{href}"));
    }
    if href.starts_with('#') {
        return Some(format!("{origin}{path}{href}"));
    }
    let merged = if href.starts_with('/') {
        href.to_string()
    } else {
        let dir = base_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        format!("{dir}/{href}")
    };
    Some(format!("{origin}{}", remove_dots(&merged)))
}

/// Removes `.` and `..` segments of a path (keeping its query and fragment).
fn remove_dots(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let (path, tail) = path.split_at(end);
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    let joined = if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    };
    format!("{joined}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        let base = "https://www.example.sch.uk/about/policies/index.html?x=1";
        let r = |href| resolve(base, href).expect("resolved");
        assert_eq!(
            r("attendance.pdf"),
            "https://www.example.sch.uk/about/policies/attendance.pdf"
        );
        assert_eq!(
            r("../contact/"),
            "https://www.example.sch.uk/about/contact/"
        );
        assert_eq!(r("/news"), "https://www.example.sch.uk/news");
        assert_eq!(
            r("//cdn.example.org/a.png"),
            "https://cdn.example.org/a.png"
        );
        assert_eq!(
            r("?page=2"),
            "https://www.example.sch.uk/about/policies/index.html?page=2"
        );
        assert_eq!(
            r("mailto:office@example.sch.uk"),
            "mailto:office@example.sch.uk"
        );
        assert_eq!(r("../../../x"), "https://www.example.sch.uk/x");
        assert_eq!(
            resolve("https://example.org", "a/b"),
            Some("https://example.org/a/b".into())
        );
        assert_eq!(resolve("not a url", "a"), None);
    }
}
