//! The opening words of a page's prose, gathered during the outline pass
//! for the search index (which would otherwise parse every page a third
//! time): paragraphs, lists, quotes and tables, without headings (indexed
//! on their own), code blocks or HTML.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// How many words of each page's prose the search index holds.
pub(crate) const LIMIT: usize = 40;

/// The words gathered so far, event by event.
pub(super) struct OpeningWords {
    limit: usize,
    /// Text since the last block ended (a word may span several events).
    current: String,
    /// The words so far, joined by single spaces.
    words: String,
    count: usize,
    /// How many headings or code blocks are open.
    skip: usize,
}

impl OpeningWords {
    pub(super) fn new(limit: usize) -> Self {
        OpeningWords {
            limit,
            current: String::new(),
            words: String::new(),
            count: 0,
            skip: 0,
        }
    }

    /// Takes in one event of the outline's parse, at `range` of `body`.
    #[inline]
    pub(super) fn event(&mut self, event: &Event<'_>, range: &Range<usize>, body: &str) {
        // Most of a page comes after its opening words: a check, no call.
        if self.count < self.limit {
            self.take(event, range, body);
        }
    }

    fn take(&mut self, event: &Event<'_>, range: &Range<usize>, body: &str) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => self.skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                self.skip = self.skip.saturating_sub(1);
                self.current.push(' ');
            }
            Event::Text(t) if self.skip == 0 => {
                let written = body.get(range.clone()).unwrap_or_default();
                self.current.push_str(without_smart_punctuation(t, written));
            }
            Event::Code(t) if self.skip == 0 => self.current.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.current.push(' '),
            Event::End(_) => {
                self.current.push(' ');
                self.flush();
            }
            _ => {}
        }
    }

    /// Moves the whole words of `current` to `words`, up to the limit.
    fn flush(&mut self) {
        for word in self.current.split_whitespace() {
            if self.count >= self.limit {
                break;
            }
            if self.count > 0 {
                self.words.push(' ');
            }
            self.words.push_str(word);
            self.count += 1;
        }
        self.current.clear();
    }

    pub(super) fn finish(mut self) -> String {
        self.flush();
        self.words
    }
}

/// The text of an event as a parse without smart punctuation has it: the
/// outline parses with it (`'` becomes ’, `--` –, `...` …), the index holds
/// the words as typed. A quote, dash or ellipsis the parser made up is an
/// event of its own, whose source is the ASCII it stands for.
fn without_smart_punctuation<'a>(text: &'a str, written: &'a str) -> &'a str {
    let made_up = !written.is_empty()
        && text != written
        && written
            .bytes()
            .all(|b| matches!(b, b'\'' | b'"' | b'.' | b'-'))
        && text
            .chars()
            .all(|c| matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…'));
    if made_up { written } else { text }
}

#[cfg(test)]
mod tests {
    use super::super::outline::outline;
    use super::*;
    use pulldown_cmark::{Options, Parser};

    /// What the search index held before the outline gathered the words:
    /// a parse of its own, without smart punctuation.
    fn reference(body: &str, limit: usize) -> String {
        let options = super::super::options() - Options::ENABLE_SMART_PUNCTUATION;
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut skip = 0usize;
        for event in Parser::new_ext(body, options) {
            match event {
                Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => skip += 1,
                Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                    skip = skip.saturating_sub(1);
                    current.push(' ');
                }
                Event::Text(t) | Event::Code(t) if skip == 0 => current.push_str(&t),
                Event::SoftBreak | Event::HardBreak => current.push(' '),
                Event::End(_) => {
                    current.push(' ');
                    words.extend(current.split_whitespace().map(str::to_string));
                    current.clear();
                }
                _ => {}
            }
        }
        words.extend(current.split_whitespace().map(str::to_string));
        words.truncate(limit);
        words.join(" ")
    }

    #[test]
    fn opening_words_skip_headings_and_code() {
        let body = "Intro *text* here.\n\n## Heading words\n\n```python\nprint(1)\n```\n\n- one `two`\n- three\n";
        assert_eq!(
            outline(body).opening_words,
            "Intro text here. one two three"
        );
        let mut words = OpeningWords::new(2);
        for (event, range) in Parser::new_ext(body, super::super::options()).into_offset_iter() {
            words.event(&event, &range, body);
        }
        assert_eq!(words.finish(), "Intro text");
    }

    #[test]
    fn punctuation_is_indexed_as_typed() {
        let body = "The school's \"rules\" -- and 'more' --- so...\n\n\
            | It's | a -- b |\n|---|---|\n| \"x\" | ---- |\n\n\
            > Don't ... [link's text](x) ![it's](y.png) &rsquo; ’ \\' \\-- `a's`\n\n\
            - ‘Curly’ “already” – — …\n";
        let words = outline(body).opening_words;
        assert!(words.starts_with("The school's \"rules\" -- and 'more' --- so..."));
        assert!(words.contains("’ ’ ' -- a's"), "{words}");
        assert_eq!(words, reference(body, LIMIT));
    }

    #[test]
    fn the_same_words_as_a_parse_of_their_own() {
        let pieces = [
            "word",
            "it's",
            "'q'",
            "\"dq\"",
            "--",
            "---",
            "-----",
            "...",
            "....",
            "*em*",
            "**strong**",
            "_u_",
            "`code`",
            "[l](u)",
            "![alt's](i.png)",
            "<b>",
            "</b>",
            "<https://a.b--c>",
            "&amp;",
            "&ldquo;",
            "\\'",
            "\\\"",
            "\\-",
            "~~del~~",
            "[^1]",
            "www.x.org",
            "a@b.org",
            "\n",
            "\n\n",
            "\n\n## H 'x'\n\n",
            "\n\n```\nc'd\n```\n\n",
            "\n\n- ",
            "\n\n> ",
            "\n\n| a | b |\n|---|---|\n| ",
            " | ",
            "\n\n[^1]: note's",
            "\n\n<div>\nhtml's\n</div>\n\n",
            "  \n",
            "\\\n",
            "\t",
            " ",
        ];
        // A fixed pseudo-random sequence, so that a failure can be replayed.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut body = String::new();
            for _ in 0..30 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                body.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                if seed.is_multiple_of(3) {
                    body.push(' ');
                }
            }
            for limit in [LIMIT, 5] {
                let mut words = OpeningWords::new(limit);
                let parser = Parser::new_ext(&body, super::super::options());
                for (event, range) in parser.into_offset_iter() {
                    words.event(&event, &range, &body);
                }
                assert_eq!(words.finish(), reference(&body, limit), "{body:?}");
            }
        }
    }
}
