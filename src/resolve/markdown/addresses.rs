//! Links whose text is an address: a web address, an email address or a
//! telephone number. Such text reads left to right whatever the language
//! around it, and in right-to-left text the bidirectional algorithm would
//! otherwise scramble it: "01632 960 123" shows as "123 960 01632", and
//! the dots and slashes of "www.nspcc.org.uk/advice" move to the wrong
//! ends.

use super::bare_urls;

/// Whether a link to `href` written as `text` shows an address: the
/// whole text is a web or email address (as found in prose), or the
/// address it links to without its scheme, or, for a `tel:` link, a
/// telephone number.
pub(super) fn is_address(text: &str, href: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    if let Some(number) = strip_scheme(href, "tel:") {
        return !number.is_empty() && is_phone_number(text);
    }
    if text.chars().any(char::is_whitespace) {
        return false;
    }
    let found = bare_urls::find(text);
    if found.len() == 1 && found[0].range == (0..text.len()) {
        return true;
    }
    let bare = ["https://", "http://", "mailto:"]
        .into_iter()
        .find_map(|scheme| strip_scheme(href, scheme))
        .unwrap_or(href);
    bare.trim_end_matches('/')
        .eq_ignore_ascii_case(text.trim_end_matches('/'))
}

/// `href` without `scheme` (compared without regard to case), if it has it.
fn strip_scheme<'a>(href: &'a str, scheme: &str) -> Option<&'a str> {
    let head = href.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| &href[scheme.len()..])
}

/// Digits, with the spaces, brackets, dots, dashes and plus sign that
/// numbers are written with.
fn is_phone_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '+' | '-' | '(' | ')' | '.' | '/')
        })
}

#[cfg(test)]
mod tests {
    use super::is_address;

    #[test]
    fn addresses_shown_as_the_link_text() {
        assert!(is_address(
            "www.nspcc.org.uk/advice",
            "https://www.nspcc.org.uk/advice"
        ));
        assert!(is_address(
            "https://ceop.police.uk/",
            "https://ceop.police.uk/"
        ));
        assert!(is_address("office@school.org", "mailto:office@school.org"));
        assert!(is_address("example.org", "https://example.org/"));
        assert!(is_address("+44 1632 960123", "tel:+441632960123"));
        assert!(is_address("(01632) 960 123", "TEL:01632960123"));
    }

    #[test]
    fn words_are_not_addresses() {
        assert!(!is_address("ہم سے رابطہ کریں", "mailto:office@school.org"));
        assert!(!is_address("Email the office", "mailto:office@school.org"));
        assert!(!is_address("NSPCC", "https://www.nspcc.org.uk/"));
        assert!(!is_address("Ring 01632 960123", "tel:01632960123"));
        assert!(!is_address("2024", "tel:"));
        assert!(!is_address("online-safety", "/policies/online-safety/"));
        assert!(!is_address("", "https://example.org/"));
    }
}
