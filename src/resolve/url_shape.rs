//! What a link destination looks like, offline: hosts such as `wwww.` or
//! `ww.`, no top-level domain, spaces, mistyped schemes, badly formed
//! `mailto:` and `tel:` links, and `http://` where `https://` is expected.
//! Resolving uses it to tell the site's own links from external ones; the
//! checks report what it finds.

/// What a link destination looks like from the outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlShape {
    /// Not an external address (a relative link, `@id`, `#anchor`).
    Internal,
    /// A well-formed `https://`, `mailto:` or `tel:` address.
    Fine,
    /// A well-formed `http://` address.
    Insecure,
    /// An external address that cannot be right.
    Malformed { message: String, hint: String },
}

fn malformed(message: impl Into<String>, hint: impl Into<String>) -> UrlShape {
    UrlShape::Malformed {
        message: message.into(),
        hint: hint.into(),
    }
}

const SCHEME_TYPOS: [&str; 8] = [
    "htp", "htps", "htttp", "htttps", "hhtp", "hhtps", "http:", "https:",
];

pub(crate) fn url_shape(dest: &str) -> UrlShape {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("www.") || lower.starts_with("wwww.") || lower.starts_with("ww.") {
        return malformed(
            format!("`{dest}` has no https:// in front, so it is read as a file of this site"),
            format!("write https://{}", fix_www(dest)),
        );
    }
    for typo in ["http//", "https//", "http:/", "https:/"] {
        if lower.starts_with(typo)
            && !lower.starts_with("http://")
            && !lower.starts_with("https://")
        {
            return malformed(
                format!("`{dest}` has a mistyped https://"),
                "write it as https://www.example.org/…",
            );
        }
    }
    let Some((scheme, rest)) = dest.split_once(':') else {
        return UrlShape::Internal;
    };
    let scheme_lower = scheme.to_ascii_lowercase();
    if SCHEME_TYPOS.contains(&scheme_lower.as_str()) {
        return malformed(
            format!("`{scheme}:` is not a web address scheme"),
            "write it as https://www.example.org/…",
        );
    }
    match scheme_lower.as_str() {
        "http" | "https" => web(dest, &scheme_lower, rest),
        "mailto" => mailto(rest),
        "tel" => tel(rest),
        _ if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic()) =>
        {
            UrlShape::Fine
        }
        _ => UrlShape::Internal,
    }
}

fn fix_www(dest: &str) -> String {
    let after = dest.split_once('.').map_or(dest, |(_, r)| r);
    format!("www.{after}")
}

fn web(dest: &str, scheme: &str, rest: &str) -> UrlShape {
    if dest.chars().any(char::is_whitespace) {
        return malformed(
            format!("`{dest}` contains a space"),
            "remove the space, or write it as %20 if the address really has one",
        );
    }
    let Some(after) = rest.strip_prefix("//") else {
        return malformed(
            format!("`{dest}` is missing the // after {scheme}:"),
            format!("write {scheme}://…"),
        );
    };
    let authority = after.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        return UrlShape::Fine; // an IPv6 literal
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host_lower = host.trim_end_matches('.').to_ascii_lowercase();
    if host_lower.is_empty() {
        return malformed(
            format!("`{dest}` has no host name"),
            "write the whole address, e.g. https://www.example.org/",
        );
    }
    if host_lower.starts_with("wwww.")
        || host_lower.starts_with("ww.")
        || host_lower.starts_with("www.www.")
    {
        return malformed(
            format!("`{host}` is not a real host name"),
            format!("did you mean {scheme}://{}?", fix_www(after)),
        );
    }
    if host_lower.contains("..") || host_lower.starts_with('.') || host_lower.starts_with('-') {
        return malformed(
            format!("`{host}` is not a valid host name"),
            "check the address for doubled or stray dots",
        );
    }
    if let Some(bad) = host_lower
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-')))
    {
        return malformed(
            format!("`{host}` contains `{bad}`, which no host name has"),
            "check the address; copy it from the browser's address bar",
        );
    }
    let is_ipv4 = host_lower.split('.').count() == 4
        && host_lower.split('.').all(|p| p.parse::<u8>().is_ok());
    if !is_ipv4 && host_lower != "localhost" {
        let Some((_, tld)) = host_lower.rsplit_once('.') else {
            return malformed(
                format!("`{host}` has no top-level domain"),
                format!("add the ending, e.g. {host}.org.uk or {host}.com"),
            );
        };
        if tld.chars().count() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
            return malformed(
                format!("`{host}` ends in `.{tld}`, which is not a top-level domain"),
                "check the ending of the address (.uk, .org, .com …)",
            );
        }
    }
    if scheme == "http" {
        UrlShape::Insecure
    } else {
        UrlShape::Fine
    }
}

fn mailto(rest: &str) -> UrlShape {
    let address = rest.split('?').next().unwrap_or("");
    let ok = address.split(',').all(|a| {
        let a = a.trim();
        match a.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !a.contains(char::is_whitespace)
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        }
    });
    if ok {
        UrlShape::Fine
    } else {
        malformed(
            format!("`mailto:{rest}` is not an email address"),
            "write mailto:name@school.sch.uk",
        )
    }
}

fn tel(rest: &str) -> UrlShape {
    // An extension as RFC 3966 writes it: `tel:+441632960418;ext=12`.
    let number = match rest.split_once(";ext=") {
        Some((n, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => rest,
    };
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let allowed = number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.'));
    // Three digits are enough for a service number (999, 111, 101);
    // an international number (+…) has at least five.
    let fewest = if number.starts_with('+') { 5 } else { 3 };
    if allowed && (fewest..=15).contains(&digits) && !number[1.min(number.len())..].contains('+') {
        UrlShape::Fine
    } else {
        malformed(
            format!("`tel:{rest}` is not a phone number"),
            "write the number with digits only, e.g. tel:+441632960418",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_malformed(u: &str) -> bool {
        matches!(url_shape(u), UrlShape::Malformed { .. })
    }

    #[test]
    fn shapes() {
        for good in [
            "https://www.gov.uk/guidance",
            "https://nspcc.org.uk",
            "https://127.0.0.1:8080/x",
            "https://[::1]/",
            "mailto:office@school.sch.uk",
            "mailto:a@b.org?subject=Hi",
            "tel:+44 1632 960418",
            "tel:01632960418",
            "tel:+441632960418;ext=12",
            "tel:999",
            "tel:111",
            "ftp://files.example.org",
        ] {
            assert!(!is_malformed(good), "{good}");
        }
        for bad in [
            "https://wwww.gov.uk",
            "https://ww.nspcc.org.uk",
            "https://nspcc",
            "https://gov.u",
            "https://exa mple.org",
            "https://a..b.org",
            "http//www.gov.uk",
            "https:/www.gov.uk",
            "htps://www.gov.uk",
            "www.gov.uk",
            "wwww.thinkuknow.co.uk",
            "mailto:office",
            "mailto:a@b",
            "tel:call us",
            "tel:01632960418;ext=",
            "tel:01632960418;ext=twelve",
            "tel:12",
            "tel:+999",
            "https://under_score.org",
        ] {
            assert!(is_malformed(bad), "{bad}");
        }
        assert_eq!(url_shape("http://www.example.org"), UrlShape::Insecure);
        assert_eq!(url_shape("../a.md"), UrlShape::Internal);
        assert_eq!(url_shape("@online-safety"), UrlShape::Internal);
    }
}
