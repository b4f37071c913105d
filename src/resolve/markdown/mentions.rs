//! Policies mentioned by name in a page's text ("see the Anti-Bullying
//! Policy"), found as the page is outlined, for the check of mentions
//! that do not link to a policy the site publishes
//! (`checks::citations`).

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Little words that may sit inside a policy's name.
const JOINING: [&str; 8] = ["and", "&", "of", "for", "on", "to", "in", "with"];

/// How many words before "Policy" a name may have.
const MAX_WORDS: usize = 7;

/// A capitalised name ending in "Policy", with its span in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Mention {
    pub span: Range<usize>,
    /// The name, its words joined by single spaces.
    pub name: String,
}

/// Each "Capitalised Words Policy" in `body`, with its span.
pub(crate) fn mentions(body: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut from = 0;
    // One pass: "olicy" found, then its capital or small "p" checked;
    // memchr's searcher, as `str::find` is several times slower on long
    // bodies.
    let finder = memchr::memmem::Finder::new("olicy");
    let next = |from: usize| {
        let mut search = from + 1;
        // Bytes, not `str`: a "Policy" followed by a character of several
        // bytes ("Policy’s") would put `search` inside it.
        while let Some(i) = finder.find(body.as_bytes().get(search..)?) {
            let at = search + i - 1;
            if matches!(body.as_bytes()[at], b'P' | b'p') {
                return Some(at - from);
            }
            search += i + "olicy".len();
        }
        None
    };
    while let Some(found) = next(from) {
        let at = from + found;
        from = at + "policy".len();
        let after = body[from..].chars().next();
        if after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        if let Some(start) = name_start(&body[..at]) {
            let name = body[start..from]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Mention {
                span: start..from,
                name,
            });
        }
    }
    out
}

/// Where the capitalised name ending just before `before` starts.
fn name_start(before: &str) -> Option<usize> {
    let mut start = None;
    let mut end = before.trim_end().len();
    if end == before.len() && !before.is_empty() {
        return None; // "Policy" glued to the word before it
    }
    for _ in 0..MAX_WORDS {
        let text = &before[..end];
        let word_start = text.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
        let word = &text[word_start..];
        let capital = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’'));
        if capital {
            start = Some(word_start);
        } else if !JOINING.contains(&word.to_lowercase().as_str()) || start.is_none() {
            break;
        }
        if word_start == 0 {
            break;
        }
        end = text[..word_start].trim_end().len();
        if end == word_start {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::mentions;

    fn names(body: &str) -> Vec<String> {
        mentions(body).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn capitalised_names_before_policy() {
        assert_eq!(
            names("See the Anti-Bullying Policy and our Relationships and Sex Education policy."),
            [
                "Anti-Bullying Policy",
                "Relationships and Sex Education policy"
            ]
        );
        assert_eq!(
            names("Read Online Safety Policy."),
            ["Read Online Safety Policy"]
        );
        // Candidates only: "This" names no policy, so nothing is reported.
        assert_eq!(
            names("This policy applies. Our behaviour policy too."),
            ["This policy"]
        );
        assert_eq!(
            names("the school's Child Protection Policy"),
            ["Child Protection Policy"]
        );
    }

    #[test]
    fn a_policy_followed_by_a_curly_apostrophe_does_not_end_the_search() {
        assert_eq!(
            names(
                "The Online Safety Policy’s rules. See the Behaviour Policy. Also the Équipe policy"
            ),
            [
                "The Online Safety Policy",
                "Behaviour Policy",
                "Équipe policy"
            ]
        );
    }
}
