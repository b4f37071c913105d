//! Values in pages: `{{ name }}` replaced on load, in the Markdown body
//! (as plain text, never inside code) and in the front matter's strings
//! that readers see, so that every later stage reads the same text.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::base::source_map::{Origin, Replacement, SourceMap};
use crate::base::values::{Plain, SlotProblem, Substituted, Values, Writer, substitute};

/// Characters escaped with a backslash wherever a value goes in Markdown,
/// so that `*Mr* <b>Smith</b> [x](y)` reads as written. Quotes, dashes and
/// full stops are not, so that they are typeset like the author's own.
const MARKDOWN_SIGNIFICANT: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#', '{', '}', '!',
];

/// The body with its values in it, or `None` when it has no `{{` at all
/// (most pages: they are read as they are, at no cost).
pub(crate) fn substitute_body(body: &str, values: &Values) -> Option<Substituted> {
    if !body.contains("{{") {
        return None;
    }
    let mut writer = MarkdownWriter {
        body,
        code: Vec::new(),
        html: Vec::new(),
        autolinks: Vec::new(),
    };
    for (event, range) in
        Parser::new_ext(body, crate::resolve::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => writer.code.push(range),
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => {
                writer.html.push(range);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => writer.autolinks.push(range),
            _ => {}
        }
    }
    // An HTML comment is as good as code: what it holds is not published.
    let comments: Vec<Range<usize>> = writer
        .html
        .iter()
        .flat_map(|r| comments_in(body, r.clone()))
        .collect();
    writer.code.extend(comments);
    Some(substitute(body, values, &writer))
}

/// The `<!-- … -->` comments within `range` of `body` (an unclosed one runs
/// to the end of the range).
fn comments_in(body: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = range.start;
    while let Some(open) = body[from..range.end].find("<!--").map(|i| i + from) {
        let close = body[open + 4..range.end]
            .find("-->")
            .map_or(range.end, |i| open + 4 + i + 3);
        out.push(open..close);
        from = close;
    }
    out
}

/// Writes values into Markdown: escaped as text, HTML-escaped inside raw
/// HTML, and not at all inside code.
struct MarkdownWriter<'a> {
    body: &'a str,
    code: Vec<Range<usize>>,
    html: Vec<Range<usize>>,
    /// `<https://…>` and `<name@…>`, where Markdown's escapes do not work.
    autolinks: Vec<Range<usize>>,
}

fn overlaps(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
    ranges
        .iter()
        .any(|r| r.start < span.end && span.start < r.end)
}

impl Writer for MarkdownWriter<'_> {
    fn value(&self, value: &str, span: &Range<usize>) -> String {
        let one_line = value.replace(['\r', '\n'], " ");
        if overlaps(&self.html, span) {
            return crate::resolve::markdown::html_escape(&one_line);
        }
        if overlaps(&self.autolinks, span) {
            return one_line;
        }
        let line_start = self.body[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let starts_line = self.body[line_start..span.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '>');
        markdown_text(&one_line, starts_line)
    }

    fn skip(&self, span: &Range<usize>) -> bool {
        overlaps(&self.code, span)
    }

    fn escape(&self) -> Option<&'static str> {
        // `\{` is Markdown's own escape of `{`: left for the parser.
        None
    }
}

/// `value` as Markdown that reads as the value. At the start of a line, a
/// list marker, heading underline or numbered item (`-`, `+`, `=`, `1.`)
/// is escaped too.
fn markdown_text(value: &str, starts_line: bool) -> String {
    let trimmed = value.trim_start();
    let lead = value.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match trimmed.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => Some(lead + digits),
        Some(b'-' | b'+' | b'=') if digits == 0 => Some(lead),
        _ => None,
    }
    .filter(|_| starts_line);
    let mut out = String::with_capacity(value.len() + 8);
    for (i, c) in value.char_indices() {
        if MARKDOWN_SIGNIFICANT.contains(&c) || Some(i) == marker {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Keys whose strings are not text for readers: ids, dates, review cycles,
/// bands and lists of ids. Their `{{` is left as written.
const NOT_TEXT: &[&str] = &[
    "id",
    "meets",
    "related",
    "guidance",
    "band",
    "bands",
    "strand",
    "audience",
    "audiences",
    "approved",
    "next_review",
    "review_every",
    "date",
    "signatures",
];

/// A front matter string that had values put in it: its key (`title`,
/// `history.summary`) and how to find the author's text in the front
/// matter from an offset in it.
#[derive(Debug, Clone)]
pub(crate) struct FrontText {
    pub key: String,
    /// Offsets in the string as read to offsets in the string decoded.
    substituted: SourceMap,
    /// Offsets in the decoded string to offsets in the front matter.
    decoded: SourceMap,
}

impl FrontText {
    /// The offset in the front matter of an offset in the string as read.
    pub(crate) fn to_written(&self, at: usize) -> usize {
        self.decoded.to_written(self.substituted.to_written(at))
    }
}

/// Values in a front matter's strings: replaced in `table` (parsed from
/// `fm`) before it is read as typed keys. Problems have spans in `fm`.
pub(crate) fn substitute_front(
    fm: &str,
    table: &mut DeTable<'_>,
    values: &Values,
    problems: &mut Vec<SlotProblem>,
    texts: &mut Vec<FrontText>,
) {
    for (key, value) in table.iter_mut() {
        if !NOT_TEXT.contains(&key.get_ref().as_ref()) {
            let key = key.get_ref().to_string();
            walk(fm, &key, value, values, problems, texts);
        }
    }
}

fn walk(
    fm: &str,
    key: &str,
    value: &mut Spanned<DeValue<'_>>,
    values: &Values,
    problems: &mut Vec<SlotProblem>,
    texts: &mut Vec<FrontText>,
) {
    let span = value.span();
    match value.get_mut() {
        DeValue::String(s) if s.contains("{{") => {
            let decoded = decode(fm, span, s);
            // `\{{` is written `"\\{{"` in double quotes, `'\{{'` in single.
            let done = substitute(s, values, &Plain);
            problems.extend(done.problems.into_iter().map(|p| SlotProblem {
                span: decoded.span_to_written(p.span),
                ..p
            }));
            *s = Cow::Owned(done.text);
            texts.push(FrontText {
                key: key.to_string(),
                substituted: done.map,
                decoded,
            });
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                walk(fm, key, item, values, problems, texts);
            }
        }
        DeValue::Table(table) => {
            let mut inner = Vec::new();
            substitute_front(fm, table, values, problems, &mut inner);
            texts.extend(inner.into_iter().map(|t| FrontText {
                key: format!("{key}.{}", t.key),
                ..t
            }));
        }
        _ => {}
    }
}

/// Where each byte of the string `decoded` was written in `fm`, whose
/// `token` span holds it in quotes: TOML escapes (`\"`, `\u00e9`, a
/// line-ending backslash) are entries of the map. Should the decoding here
/// disagree with the parser's, offsets fall back to the string's start.
fn decode(fm: &str, token: Range<usize>, decoded: &str) -> SourceMap {
    let raw = fm.get(token.clone()).unwrap_or_default();
    let (quote, multi) = match raw.get(..3) {
        Some("\"\"\"") => ('"', true),
        Some("'''") => ('\'', true),
        _ => (raw.chars().next().unwrap_or('"'), false),
    };
    let open = if multi { 3 } else { 1 };
    // A newline right after `"""` is not part of the string.
    let open = open + usize::from(multi && raw[open.min(raw.len())..].starts_with('\n'));
    let start = token.start + open;
    let base = Replacement {
        out: 0..0,
        src: start..start,
        origin: Origin::Escape,
    };
    let content = raw
        .get(open..raw.len().saturating_sub(open.min(3)))
        .unwrap_or_default();
    let mut entries = vec![base.clone()];
    let mut text = String::new();
    if quote == '\'' {
        text.push_str(content);
    } else {
        decode_basic(content, start, &mut text, &mut entries);
    }
    if text == decoded {
        SourceMap::new(entries)
    } else {
        SourceMap::new(vec![base])
    }
}

/// Decodes a basic string's escapes, recording each as a replacement.
fn decode_basic(content: &str, start: usize, text: &mut String, entries: &mut Vec<Replacement>) {
    let mut from = 0;
    while let Some(at) = content[from..].find('\\').map(|i| i + from) {
        text.push_str(&content[from..at]);
        let rest = &content[at + 1..];
        let (decoded, len) = match rest.chars().next() {
            Some('"') => (Some('"'), 2),
            Some('\\') => (Some('\\'), 2),
            Some('b') => (Some('\u{8}'), 2),
            Some('e') => (Some('\u{1b}'), 2),
            Some('f') => (Some('\u{c}'), 2),
            Some('n') => (Some('\n'), 2),
            Some('r') => (Some('\r'), 2),
            Some('t') => (Some('\t'), 2),
            Some(c @ ('x' | 'u' | 'U')) => {
                let n = match c {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex = rest.get(1..1 + n).unwrap_or_default();
                let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                (c, 2 + n)
            }
            // A line-ending backslash: the newline and the blanks after
            // it are not part of the string.
            _ => (None, 1 + rest.len() - rest.trim_start().len()),
        };
        let out_start = text.len();
        text.extend(decoded);
        let end = (at + len).min(content.len());
        entries.push(Replacement {
            out: out_start..text.len(),
            src: start + at..start + end,
            origin: Origin::Escape,
        });
        from = end;
    }
    text.push_str(&content[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::default();
        v.insert("dsl", "*Mr* <b>Smith</b> [x](y)");
        v.insert("n", "1. First");
        v.insert("u", "a_b&c");
        v
    }

    #[test]
    fn markdown_values_are_text_and_code_is_left_alone() {
        let body = "Ask {{ dsl }}.\n\n`{{ dsl }}` and\n\n```\n{{ dsl }}\n```\n\n    {{ dsl }}\n\n<p title=\"{{ dsl }}\">x</p>\n\n{{ n }}\n\n\\{{ dsl }}\n\n<!-- {{ dsl }} {{ nope }} -->\n\nA <!-- {{ nope }} --> b.\n\nSee <https://x.example/{{u}}>.\n";
        let done = substitute_body(body, &values()).unwrap();
        assert!(done.problems.is_empty());
        let mut html = String::new();
        let parser = Parser::new_ext(&done.text, crate::resolve::markdown::options());
        pulldown_cmark::html::push_html(&mut html, parser);
        assert!(
            html.contains("Ask *Mr* &lt;b&gt;Smith&lt;/b&gt; [x](y)."),
            "{html}"
        );
        assert!(html.contains("<code>{{ dsl }}</code>"), "{html}");
        assert!(
            html.contains("<pre><code>{{ dsl }}\n</code></pre>"),
            "{html}"
        );
        assert_eq!(
            html.matches("{{ dsl }}\n</code></pre>").count(),
            2,
            "{html}"
        );
        assert!(
            html.contains("title=\"*Mr* &lt;b&gt;Smith&lt;/b&gt; [x](y)\""),
            "{html}"
        );
        assert!(html.contains("<p>1. First</p>"), "{html}");
        assert!(html.contains("<p>{{ dsl }}</p>"), "{html}");
        assert!(html.contains("<!-- {{ dsl }} {{ nope }} -->"), "{html}");
        assert!(html.contains("A <!-- {{ nope }} --> b."), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://x.example/a_b&amp;c\">https://x.example/a_b&amp;c</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn a_body_without_braces_is_not_read() {
        assert!(substitute_body("No values here { }.", &values()).is_none());
    }

    fn front(fm: &str) -> (String, Vec<SlotProblem>, Vec<FrontText>) {
        let (mut table, errors) = DeTable::parse_recoverable(fm);
        assert!(errors.is_empty());
        let (mut problems, mut texts) = (Vec::new(), Vec::new());
        substitute_front(fm, table.get_mut(), &values(), &mut problems, &mut texts);
        let title = match table.get_ref().get("title").map(Spanned::get_ref) {
            Some(DeValue::String(s)) => s.to_string(),
            _ => String::new(),
        };
        (title, problems, texts)
    }

    #[test]
    fn front_matter_strings_and_their_escapes() {
        let fm = "id = \"{{ n }}\"\ntitle = \"\\u00e9 \\\"{{ n }}\\\" {{ nope }}\"\n";
        let (title, problems, texts) = front(fm);
        assert_eq!(title, "é \"1. First\" {{ nope }}");
        assert_eq!(&fm[problems[0].span.clone()], "{{ nope }}");
        // `1` of the value: the slot; `{{ nope }}` after it: itself.
        let t = &texts[0];
        assert_eq!(&fm[t.to_written(4)..t.to_written(4) + 2], "{{");
        let nope = title.find("{{ nope").unwrap();
        assert_eq!(&fm[t.to_written(nope)..t.to_written(nope) + 7], "{{ nope");
        let (title, ..) = front("title = '\\{{ n }} {{n}}'\n");
        assert_eq!(title, "{{ n }} 1. First");
        let (title, ..) = front("title = \"\"\"\n{{n}} \\\n   x\"\"\"\n");
        assert_eq!(title, "1. First x");
    }
}
