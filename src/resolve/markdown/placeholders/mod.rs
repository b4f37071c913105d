//! Finding unfilled template text in prose: `<like this>`, `[insert …]`,
//! `TBC`, `XXX`, and the site's own patterns from `[checks] placeholders`.
//! Scanned while outlining each page (`markdown::outline_with`; reported
//! by `checks::placeholders`), never inside code,
//! HTML comments or autolinks, and never on comparisons such as
//! "pupils aged < 13 and > 11". Slots in angle brackets are found in text
//! and in raw HTML alike (see `slots`).

use std::ops::Range;

use regex::{Regex, RegexSet};

pub(crate) mod slots;

use super::ProseScanner;
use crate::config::Config;

/// Built-in patterns: words in capitals that mark a gap, and bracketed
/// instructions to the author.
const BUILT_IN: [&str; 3] = [
    r"\b(?:TBC|TBA|TBD)\b",
    r"\bX{3,}\b",
    r"(?i)\[\s*(?:insert|enter|add|name of|school name|date of|type)\b[^\]]*\]",
];

pub(crate) struct Placeholders {
    set: RegexSet,
    patterns: Vec<Regex>,
    /// The site added no patterns of its own: [`may_hold_built_in`] can
    /// rule a block out.
    built_in_only: bool,
}

/// Whether `text` has what every match of [`BUILT_IN`] has: a `[`, a
/// `TB` or an `XXX`. Few blocks do, and one memchr pass costs far less
/// than a `RegexSet` search, which takes its cache from a pool behind a
/// lock on every thread but the first.
fn may_hold_built_in(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'[', b'T', b'X', bytes).any(|at| match bytes[at] {
        b'[' => true,
        b'T' => bytes[at + 1..].starts_with(b"B"),
        _ => bytes[at + 1..].starts_with(b"XX"),
    })
}

impl Placeholders {
    /// Built-in patterns plus the site's. Invalid site patterns were already
    /// reported by `Config::load` and are skipped here.
    pub(crate) fn new(config: &Config) -> Placeholders {
        let patterns: Vec<Regex> = BUILT_IN
            .iter()
            .map(|p| (*p).to_string())
            .chain(config.checks.placeholders.iter().cloned())
            .filter_map(|p| Regex::new(&p).ok())
            .collect();
        let set =
            RegexSet::new(patterns.iter().map(Regex::as_str)).unwrap_or_else(|_| RegexSet::empty());
        Placeholders {
            set,
            patterns,
            built_in_only: config.checks.placeholders.is_empty(),
        }
    }
}

impl ProseScanner for Placeholders {
    fn scan(&self, text: &str) -> Vec<Range<usize>> {
        // Nearly every block has no placeholder: memchr passes and
        // `is_match` tell so without the allocation and the overlapping
        // search of `matches`.
        let slot = memchr::memchr(b'<', text.as_bytes()).is_some();
        let may_match = !self.built_in_only || may_hold_built_in(text);
        if !(slot || may_match && self.set.is_match(text)) {
            return Vec::new();
        }
        let hits = self.set.matches(text);
        let mut out: Vec<Range<usize>> = hits
            .iter()
            .flat_map(|i| self.patterns[i].find_iter(text).map(|m| m.range()))
            .chain(slots::in_text(text))
            .collect();
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        out.dedup_by(|b, a| b.start < a.end);
        out
    }

    fn is_placeholder_tag(&self, tag: &str) -> bool {
        slots::is_slot_tag(tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::markdown::outline_with;

    /// The placeholders of a site whose charter.toml is `toml`.
    fn placeholders(toml: &str) -> Placeholders {
        let source = crate::base::source::SourceFile::new("c", "/c", toml);
        Placeholders::new(&Config::parse(&source).unwrap())
    }

    /// The placeholder texts `p` finds in `body`.
    fn texts(p: &Placeholders, body: &str) -> Vec<String> {
        outline_with(body, Some(p))
            .placeholders
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn found(body: &str) -> Vec<String> {
        let toml = "title = \"S\"\n[checks]\nplaceholders = [\"\\\\?\\\\?\\\\?\"]\n";
        texts(&placeholders(toml), body)
    }

    #[test]
    fn finds_template_text_in_prose() {
        assert_eq!(found("Contact <name of DSL> today."), ["<name of DSL>"]);
        assert_eq!(
            found("Signed by [insert head's name] on TBC."),
            ["[insert head's name]", "TBC"]
        );
        assert_eq!(found("Reference XXXX\n"), ["XXXX"]);
        assert_eq!(found("## Date: TBC\n"), ["TBC"]);
        assert_eq!(
            found("| a | b |\n|---|---|\n| XXX | ??? |\n"),
            ["XXX", "???"]
        );
        assert_eq!(
            found("<insert school name>\n\nText.\n"),
            ["<insert school name>"]
        );
    }

    #[test]
    fn ignores_code_comments_autolinks_and_comparisons() {
        assert!(found("`TBC` and\n\n```\nXXX <insert>\n```\n").is_empty());
        assert!(found("<!-- TODO: <insert name> TBC -->\n\nDone.").is_empty());
        assert!(found("See <https://example.org/TBC>.").is_empty());
        assert!(found("For pupils aged < 13 and > 11, and 3 < 4.").is_empty());
        assert!(
            found("Use <strong>bold</strong> and <abbr title=\"x\">X</abbr> and <br>.").is_empty()
        );
        assert!(found("TBCs are fine in words like OUTBCX.").is_empty());
    }

    #[test]
    fn word_boundaries_are_unicode_ones_beside_letters_that_are_not_ascii() {
        assert_eq!(
            found("Dates “TBC” and ‘XXX’, café TBA."),
            ["TBC", "XXX", "TBA"]
        );
        assert!(found("ÉTBC, TBCé, XXXä and [insertø name] are words.").is_empty());
        assert_eq!(
            found("Ask [Insert name] — [entrée] is no instruction."),
            ["[Insert name]"]
        );
    }

    #[test]
    fn built_in_patterns_alone_are_found_past_the_quick_look() {
        let p = placeholders("title = \"S\"\n");
        assert!(p.built_in_only);
        let texts = |body: &str| texts(&p, body);
        assert_eq!(
            texts("Due TBD.\n\nRef XXXX.\n\nSee [Type here]."),
            ["TBD", "XXXX", "[Type here]"]
        );
        assert!(texts("The Trust and Xavier, XX and TB-free T.").is_empty());
        assert!(texts("???").is_empty());
    }

    #[test]
    fn slots_whatever_the_parser_makes_of_them() {
        assert_eq!(
            found("Ask <name, role> or <Head / Deputy> about <the school's DSL>.\n"),
            ["<name, role>", "<Head / Deputy>", "<the school's DSL>"]
        );
        assert_eq!(found("Back up the <server(s)> daily."), ["<server(s)>"]);
        assert_eq!(
            found("- <Follow-up within a week>\n- <insert date>\n"),
            ["<Follow-up within a week>", "<insert date>"]
        );
        assert_eq!(
            found("| Who |\n|---|\n| <name, role> |\n"),
            ["<name, role>"]
        );
        assert_eq!(found("## Contact <name>\n"), ["<name>"]);
    }

    #[test]
    fn html_autolinks_and_comparisons_stay_unreported() {
        for body in [
            "Pupils aged < 13 and > 11 may join; 3 < 4.",
            "Write to <office@school.sch.uk> or see <https://example.org/a>.",
            "Line<br>break, <abbr title=\"Designated Safeguarding Lead\">DSL</abbr>.",
            "<span lang=\"cy\">Croeso</span> to our school.",
            "<details>\n<summary>More</summary>\n\nText.\n\n</details>\n",
            "<!-- <name, role> -->\n\nDone.",
            "`<name, role>` in code.\n\n```\n<Head / Deputy>\n```\n",
            "<my-widget></my-widget> is ours.",
        ] {
            assert!(found(body).is_empty(), "{body}: {:?}", found(body));
        }
    }

    #[test]
    fn spans_point_at_the_source() {
        let body = "First line.\n\nSay [insert date] here.\n";
        let p = placeholders("title = \"S\"\n");
        let o = outline_with(body, Some(&p));
        assert_eq!(&body[o.placeholders[0].span.clone()], "[insert date]");
        let body = "Ask *now*: <name, role> today.\n";
        let o = outline_with(body, Some(&p));
        assert_eq!(&body[o.placeholders[0].span.clone()], "<name, role>");
    }
}
