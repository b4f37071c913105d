//! Small, dependency-free helpers for the web addresses the link checker
//! handles: which links it checks and under which key, the host a request
//! goes to (for per-host limits), and where a redirect's `Location` leads.

/// The key a link is checked and cached under: the address without its
/// `#fragment` (never sent to a server), with the scheme and host in lower
/// case. `None` for anything that is not an `http://` or `https://` address.
pub(crate) fn check_key(dest: &str) -> Option<String> {
    let dest = dest.trim();
    let (scheme, rest) = dest.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let without_fragment = rest.split('#').next().unwrap_or(rest);
    let authority_end = without_fragment
        .find(['/', '?'])
        .unwrap_or(without_fragment.len());
    let (authority, path) = without_fragment.split_at(authority_end);
    if authority.is_empty() {
        return None;
    }
    let slash = if path.starts_with('/') { "" } else { "/" };
    Some(format!(
        "{scheme}://{}{slash}{path}",
        authority.to_ascii_lowercase()
    ))
}

/// The host a request goes to (no user, no port), in lower case: the unit
/// that per-host limits count in.
pub(crate) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or(v6)
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    host.to_ascii_lowercase()
}

/// Percent-encodes what a browser would before sending an address: bytes
/// outside ASCII, spaces and the few ASCII characters that an HTTP request
/// line cannot carry. Everything else (including existing `%xx`) is kept.
pub(crate) fn encode_for_request(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii()
            && !matches!(
                c,
                ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^'
            )
        {
            if !c.is_ascii_control() {
                out.push(c);
            }
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Where a redirect's `Location` leads from `base` (RFC 3986, section 5.2):
/// absolute, scheme-relative (`//host/…`), absolute-path, relative-path and
/// query-only references. `None` when `base` is not an absolute address.
pub(crate) fn resolve(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let (base_scheme, base_rest) = base.split_once("://")?;
    if let Some((scheme, _)) = reference.split_once("://")
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return Some(reference.to_string());
    }
    if let Some(rest) = reference.strip_prefix("//") {
        return Some(format!("{base_scheme}://{rest}"));
    }
    let base_rest = base_rest.split('#').next().unwrap_or(base_rest);
    let authority_end = base_rest.find(['/', '?']).unwrap_or(base_rest.len());
    let (authority, base_path_query) = base_rest.split_at(authority_end);
    let base_path = base_path_query.split('?').next().unwrap_or("");
    let reference = reference.split('#').next().unwrap_or(reference);
    let origin = format!("{base_scheme}://{authority}");
    if reference.is_empty() {
        return Some(format!("{origin}{base_path_query}"));
    }
    if reference.starts_with('?') {
        let path = if base_path.is_empty() { "/" } else { base_path };
        return Some(format!("{origin}{path}{reference}"));
    }
    let (ref_path, query) = match reference.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (reference, None),
    };
    let merged = if ref_path.starts_with('/') {
        ref_path.to_string()
    } else {
        let dir = base_path.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{ref_path}")
    };
    let mut out = format!("{origin}{}", remove_dot_segments(&merged));
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    Some(out)
}

/// RFC 3986, section 5.2.4, on a path that starts with `/`.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let last = parts.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => trailing_slash = i == last,
            ".." => {
                segments.pop();
                trailing_slash = i == last;
            }
            p => {
                segments.push(p);
                trailing_slash = false;
            }
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    if trailing_slash && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_the_fragment_and_normalise_scheme_and_host() {
        assert_eq!(
            check_key("HTTPS://Www.Gov.UK/Guidance#part-2").as_deref(),
            Some("https://www.gov.uk/Guidance")
        );
        assert_eq!(
            check_key(" https://example.org ").as_deref(),
            Some("https://example.org/")
        );
        assert_eq!(
            check_key("https://example.org?q=1#x").as_deref(),
            Some("https://example.org/?q=1")
        );
        assert_eq!(check_key("mailto:a@b.org"), None);
        assert_eq!(check_key("ftp://files.example.org/"), None);
        assert_eq!(check_key("../a.md"), None);
        assert_eq!(check_key("https:///nohost"), None);
    }

    #[test]
    fn hosts_leave_out_user_and_port() {
        assert_eq!(host("https://user:pw@Example.org:8443/a"), "example.org");
        assert_eq!(host("http://127.0.0.7:9000/x?y"), "127.0.0.7");
        assert_eq!(host("http://[::1]:80/"), "::1");
    }

    #[test]
    fn requests_are_percent_encoded_like_a_browser_does() {
        assert_eq!(
            encode_for_request("https://example.org/café menu?a=b%20c"),
            "https://example.org/caf%C3%A9%20menu?a=b%20c"
        );
    }

    #[test]
    fn locations_resolve_against_the_request() {
        let base = "https://a.org/x/y/page?q=1";
        assert_eq!(
            resolve(base, "https://b.org/new").as_deref(),
            Some("https://b.org/new")
        );
        assert_eq!(
            resolve(base, "//c.org/p").as_deref(),
            Some("https://c.org/p")
        );
        assert_eq!(
            resolve(base, "/root").as_deref(),
            Some("https://a.org/root")
        );
        assert_eq!(
            resolve(base, "other").as_deref(),
            Some("https://a.org/x/y/other")
        );
        assert_eq!(
            resolve(base, "../up/?z=2").as_deref(),
            Some("https://a.org/x/up/?z=2")
        );
        assert_eq!(
            resolve(base, "?p=2").as_deref(),
            Some("https://a.org/x/y/page?p=2")
        );
        assert_eq!(
            resolve("https://a.org", "next").as_deref(),
            Some("https://a.org/next")
        );
        assert_eq!(resolve("not a url", "/x"), None);
    }
}
