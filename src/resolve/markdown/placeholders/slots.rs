//! Template slots written in angle brackets, `<name, role>`, wherever the
//! Markdown parser put them. CommonMark reads `<insert name>` as an HTML
//! tag but `<name, role>`, `<Head / Deputy>`, `<the school's DSL>` or
//! `<server(s)>` as plain text, so slots are looked for in both: in prose
//! text here ([`in_text`]) and among raw HTML tags ([`is_slot_tag`]).

use std::ops::Range;

/// The longest slot looked for: longer runs between `<` and `>` are prose
/// with two comparisons in it, not a gap in a template.
const MAX_SLOT: usize = 80;

/// Slots in a block of prose text (autolinks, code and raw HTML are not
/// part of it). A slot opens a word (`<` not after a letter or digit) with
/// a letter right after `<`, and closes with no space before `>`; so
/// "aged < 13 and > 11", "3 < 4" and "a<b and c>d" are no slots.
pub(crate) fn in_text(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('<').map(|i| i + from) {
        from = open + 1;
        let opens_word = text[..open]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let Some(close) = text[open + 1..].find(['<', '>']).map(|i| i + open + 1) else {
            break;
        };
        if !text[close..].starts_with('>') || !opens_word {
            continue;
        }
        let inner = &text[open + 1..close];
        let closes_word = text[close + 1..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if closes_word && looks_like_slot(inner) {
            out.push(open..close + 1);
            from = close + 1;
        }
    }
    out
}

fn looks_like_slot(inner: &str) -> bool {
    let starts_with_letter = inner.chars().next().is_some_and(char::is_alphabetic);
    starts_with_letter
        && inner.len() <= MAX_SLOT
        && !inner.ends_with(char::is_whitespace)
        && !is_address(inner)
}

/// `<https://…>`, `<www.example.org>` or `<office@school.sch.uk>` that the
/// parser did not take for an autolink: an address, never a slot.
fn is_address(inner: &str) -> bool {
    let no_space = !inner.contains(char::is_whitespace);
    inner.contains("://")
        || inner.starts_with("mailto:")
        || inner.starts_with("tel:")
        || (no_space && (inner.contains('@') || inner.starts_with("www.")))
}

/// HTML elements an author may write inline; any other tag is a gap left
/// in a template (`<school name>`, `<insert date>`).
pub(crate) const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "button",
    "caption",
    "center",
    "circle",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "main",
    "map",
    "mark",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "option",
    "output",
    "p",
    "path",
    "picture",
    "pre",
    "progress",
    "q",
    "rect",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Whether a raw HTML tag as the parser found it is really a slot:
/// `<insert school name>`, or `<Follow-up within a week>` (a hyphen in
/// the first word, which the parser takes for a custom element). Closing
/// tags, known elements, tags with `name=value` attributes and real
/// custom elements (`<my-widget>`: lower case, no bare words) are HTML.
pub(crate) fn is_slot_tag(tag: &str) -> bool {
    if tag.starts_with("</") || tag.starts_with("<!") || tag.starts_with("<?") {
        return false;
    }
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if name.is_empty() || inner.contains('=') || inner.contains(':') {
        return false;
    }
    if HTML_ELEMENTS.contains(&name.to_ascii_lowercase().as_str()) {
        return false;
    }
    let bare_words = !inner[name.len()..].trim().is_empty();
    let custom_element = name.contains('-') && name == name.to_ascii_lowercase();
    !custom_element || bare_words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(text: &str) -> Vec<&str> {
        in_text(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn slots_the_parser_reads_as_text() {
        for slot in [
            "<name, role>",
            "<Head / Deputy>",
            "<the school's DSL>",
            "<the school’s DSL>",
            "<server(s)>",
            "<e.g. 01234 567890>",
            "<Mr. Smith>",
            "<date: term 1>",
            "<Name of DSL>",
            "<Follow-up within a week>",
            "<Ysgol Gymraeg — enw>",
        ] {
            let text = format!("Contact {slot}, today.");
            assert_eq!(slots(&text), [slot], "{text}");
        }
        assert_eq!(
            slots("<name, role> and <phone number>."),
            ["<name, role>", "<phone number>"]
        );
    }

    #[test]
    fn text_that_is_no_slot() {
        for text in [
            "pupils aged < 13 and > 11",
            "3 < 4 and 5 > 2",
            "a<b and c>d",
            "x <5 years>",
            "<https://example.org/a b>",
            "<office@school.sch.uk>",
            "<www.example.org>",
            "<mailto:office@school.sch.uk>",
            "an arrow <- here ->",
            "<name ",
            "<>",
        ] {
            assert!(slots(text).is_empty(), "{text}: {:?}", slots(text));
        }
    }

    #[test]
    fn tags_that_are_slots() {
        for tag in [
            "<insert school name>",
            "<Follow-up within a week>",
            "<follow-up within a week>",
            "<School-Name>",
            "<DSL>",
            "<name>",
        ] {
            assert!(is_slot_tag(tag), "{tag}");
        }
    }

    #[test]
    fn tags_that_are_html() {
        for tag in [
            "<br>",
            "<br/>",
            "<BR>",
            "</span>",
            "</insert>",
            "<abbr title=\"Designated Safeguarding Lead\">",
            "<span lang=\"cy\">",
            "<details>",
            "<details open>",
            "<summary>",
            "<my-widget>",
            "<my-widget data-x=\"1\">",
            "<!-- a comment -->",
            "<https://example.org>",
            "<svg:rect>",
        ] {
            assert!(!is_slot_tag(tag), "{tag}");
        }
    }
}
