//! Web and email addresses typed as plain text ("see www.nspcc.org.uk",
//! "email dsl@school.sch.uk"), as authors paste them from word processors.
//! They are published as links, like GitHub does (so a parent on a phone
//! can tap an email address), and checked like any other link.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// `http(s)://…`, or a bare host starting with two to four `w`s (so that
/// `wwww.` typos are caught too) followed by at least one more dot.
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://[^\s<>"]+|w{2,4}\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"]*)"#)
        .expect("a valid pattern")
});

/// An email address: a local part, `@`, and a domain of at least two
/// labels.
static BARE_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+",
    )
    .expect("a valid pattern")
});

/// Consecutive text of a paragraph, which the parser may hand over in
/// pieces (an address can span several), with where each piece came from.
#[derive(Default)]
pub(super) struct TextRun {
    text: String,
    /// (start in `text`, span in the body) of each piece.
    pieces: Vec<(usize, Range<usize>)>,
}

impl TextRun {
    pub(super) fn push(&mut self, text: &str, span: Range<usize>) {
        self.pieces.push((self.text.len(), span));
        self.text.push_str(text);
    }

    /// Adds a link for each address in the run, then empties it.
    #[inline]
    pub(super) fn flush(&mut self, body: &str, links: &mut Vec<super::Link>) {
        // The outline flushes at every event, mostly with nothing to look at.
        if self.text.is_empty() {
            self.pieces.clear();
        } else {
            self.link_addresses(body, links);
        }
    }

    fn link_addresses(&mut self, body: &str, links: &mut Vec<super::Link>) {
        for url in find(&self.text) {
            let span = self.body_span(body, url.range.start)..self.body_span(body, url.range.end);
            links.push(super::Link {
                dest: url.href,
                span,
                is_image: false,
                is_autolink: true,
                text: self.text[url.range].to_string(),
            });
        }
        self.text.clear();
        self.pieces.clear();
    }

    /// Where a position of the run is in the body: exact where the piece
    /// is the source as written, else the piece's start (or end).
    fn body_span(&self, body: &str, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(start, _)| *start <= at)
            .saturating_sub(1);
        let Some((start, span)) = self.pieces.get(i) else {
            return 0;
        };
        let piece_len = self.pieces.get(i + 1).map_or(self.text.len(), |p| p.0) - start;
        if body.get(span.clone()).map(str::len) == Some(piece_len) {
            span.start + (at - start)
        } else if at == *start {
            span.start
        } else {
            span.end
        }
    }
}

/// A web address found in text: where it is, and the address to link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BareUrl {
    pub range: Range<usize>,
    pub href: String,
}

/// Every web address in `text`, without the punctuation that ends a
/// sentence or closes a bracket around it, and every email address (as a
/// `mailto:` link), in order.
pub(super) fn find(text: &str) -> Vec<BareUrl> {
    if !may_hold_address(text) {
        return Vec::new();
    }
    let mut found = web_addresses(text);
    let emails: Vec<BareUrl> = BARE_EMAIL
        .find_iter(text)
        .filter(|m| {
            !found
                .iter()
                .any(|u| u.range.start < m.end() && m.start() < u.range.end)
        })
        .map(|m| BareUrl {
            range: m.range(),
            href: format!("mailto:{}", m.as_str()),
        })
        .collect();
    if !emails.is_empty() {
        found.extend(emails);
        found.sort_by_key(|u| u.range.start);
    }
    found
}

/// Whether `text` has what every match of the patterns has: an `@`, a
/// `://` or two `w`s and a dot. Almost no run of prose has, and one pass
/// of memchr over it costs far less than starting the two regex searches
/// (each sets up its cache and prefilter for every run of a page).
fn may_hold_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_w = |at: usize| matches!(bytes[at], b'w' | b'W');
    memchr::memchr3_iter(b'@', b':', b'.', bytes).any(|at| match bytes[at] {
        b'@' => true,
        b':' => bytes[at + 1..].starts_with(b"//"),
        _ => at >= 2 && is_w(at - 1) && is_w(at - 2),
    })
}

fn web_addresses(text: &str) -> Vec<BareUrl> {
    BARE_URL
        .find_iter(text)
        .filter_map(|m| {
            let written = trim_end(m.as_str());
            if written.is_empty() {
                return None;
            }
            let href = if written.contains("://") {
                written.to_string()
            } else {
                format!("https://{written}")
            };
            Some(BareUrl {
                range: m.start()..m.start() + written.len(),
                href,
            })
        })
        .collect()
}

fn trim_end(url: &str) -> &str {
    let mut s = url;
    loop {
        let before = s;
        s = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '’', '”']);
        // A closing bracket belongs to the address only if it opened one.
        if s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
            s = &s[..s.len() - 1];
        }
        if s == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn hrefs(text: &str) -> Vec<String> {
        find(text).into_iter().map(|u| u.href).collect()
    }

    #[test]
    fn addresses_in_prose() {
        assert_eq!(
            hrefs("See www.nspcc.org.uk/advice. Or (https://ceop.police.uk)."),
            ["https://www.nspcc.org.uk/advice", "https://ceop.police.uk"]
        );
        assert_eq!(
            hrefs("Typo: wwww.commonsense.org, and http://www.cyberchoices.uk/"),
            [
                "https://wwww.commonsense.org",
                "http://www.cyberchoices.uk/"
            ]
        );
        assert_eq!(
            hrefs("https://en.wikipedia.org/wiki/Safeguarding_(law) is long"),
            ["https://en.wikipedia.org/wiki/Safeguarding_(law)"]
        );
    }

    #[test]
    fn email_addresses_in_prose() {
        assert_eq!(
            hrefs(
                "Email dsl@elmbrook.example.sch.uk. Or see www.gov.uk, or write to Office.Team+1@school.org."
            ),
            [
                "mailto:dsl@elmbrook.example.sch.uk",
                "https://www.gov.uk",
                "mailto:Office.Team+1@school.org"
            ]
        );
        // Not in a web address, and not without a dot after the @.
        assert_eq!(
            hrefs("https://user@example.org/x and name@localhost and @school.org"),
            ["https://user@example.org/x"]
        );
    }

    #[test]
    fn only_w_and_capital_w_are_w_to_the_pattern() {
        // `may_hold_address` looks for the bytes `w` and `W` only, so no
        // other character may match `w` case-insensitively.
        let w = regex::Regex::new("(?i)^w$").unwrap();
        let matching: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| w.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(matching, ['W', 'w']);
        assert!(!super::may_hold_address(
            "Follow the law. See w.x and a:b/c"
        ));
        for text in ["WwW.x.org", "mail a@b.org", "HTTPS://x", "Ww."] {
            assert!(super::may_hold_address(text), "{text}");
        }
    }

    #[test]
    fn ordinary_words_are_not_addresses() {
        assert!(hrefs("We saw www and aww.ok, a.b.c and e.g. etc.").is_empty());
        let found = find("Visit www.gov.uk.");
        assert_eq!(found[0].range, 6..16);
    }
}
