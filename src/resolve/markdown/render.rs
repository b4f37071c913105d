//! The second pass: a page body rendered to HTML with the outline's heading
//! ids, links rewritten to their published URLs, bare web addresses linked,
//! links that show an address marked left to right, highlighted code and
//! scrollable tables.

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd, TextMergeStream,
};

use super::raw_html::html_link_depth;
use super::{Outline, addresses, bare_urls, highlight, options};

/// Renders a body to HTML. Headings get the ids of `outline` (in order);
/// each link or image destination is passed to `rewrite`, which returns the
/// published URL (or `None` to keep it as written).
pub(crate) fn render(
    body: &str,
    outline: &Outline,
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut heading_ids = outline.headings.iter().map(|h| h.id.as_str());
    let mut code: Option<(String, String)> = None;
    let mut tables = 0usize;
    let mut in_link = 0usize;
    // Where each open Markdown link starts in `events`.
    let mut link_starts: Vec<usize> = Vec::new();
    // About one event per 50 bytes of Markdown: room for most pages, so
    // the list is not copied again and again as it grows.
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 32);
    for event in TextMergeStream::new(Parser::new_ext(body, options())) {
        match event {
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            // Inside an `<a>` written as HTML, text is already a link.
            Event::InlineHtml(ref html) => in_link = html_link_depth(html, in_link),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let id = heading_ids.next().map(|s| CowStr::from(s.to_string()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if matches!(tag, Tag::Link { .. }) {
                    link_starts.push(events.len());
                }
                events.push(Event::Start(with_published_dest(tag, rewrite)));
            }
            Event::End(TagEnd::Link) => {
                let start = link_starts.pop();
                match start.and_then(|at| Some((at, address_link_at(&events, at)?))) {
                    Some((at, open)) => {
                        events[at] = open;
                        events.push(Event::InlineHtml("</a>".into()));
                    }
                    None => events.push(Event::End(TagEnd::Link)),
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => code = Some((code_language(kind), String::new())),
            Event::Text(text) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&text);
                }
            }
            Event::Text(text) if in_link == 0 => link_bare_urls(text, &mut events),
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    events.push(Event::Html(code_block(&lang, &text).into()));
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                // Wide tables scroll inside a focusable, named region instead
                // of making the whole page scroll sideways on a phone.
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table {tables}\">\n"
                ))));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(done) => events.push(task_marker(done)),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The opening tag, marked left to right, of the link that starts at
/// `events[at]` if its only content is text that shows an address.
///
/// Why an attribute and not a rule of the stylesheet: whether a link's text
/// is an address is known here, from its words, and a selector cannot see
/// words (`a[href^="mailto:"]` would also turn "ہم سے رابطہ کریں", a link
/// to an email address written in Urdu, left to right). And direction is
/// part of the text's meaning, which HTML carries in `dir`: it holds in
/// reader views, in text copied out of the page and without the stylesheet.
/// `dir` also isolates the link from the text around it.
fn address_link_at(events: &[Event], at: usize) -> Option<Event<'static>> {
    let [
        Event::Start(tag @ Tag::Link { dest_url, .. }),
        Event::Text(text),
    ] = events.get(at..)?
    else {
        return None;
    };
    addresses::is_address(text, dest_url).then(|| left_to_right(tag.clone()))
}

/// A link's opening tag, as the HTML writer writes it, with `dir="ltr"`.
fn left_to_right(tag: Tag) -> Event<'static> {
    let mut open = String::new();
    pulldown_cmark::html::push_html(&mut open, std::iter::once(Event::Start(tag)));
    // The writer ends an opening tag with `">`.
    let end = open.len().saturating_sub(1);
    open.insert_str(end, " dir=\"ltr\"");
    Event::InlineHtml(open.into())
}

/// A link or image with its destination rewritten to the published URL.
fn with_published_dest<'a>(tag: Tag<'a>, rewrite: &dyn Fn(&str) -> Option<String>) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url),
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url),
            title,
            id,
        },
        other => other,
    }
}

/// The language a code block names (```` ```python {.x} ```` → `python`).
fn code_language(kind: CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

/// A disabled checkbox with no label is noise to a screen reader; a marker
/// that says "Done" or "Not done" is not.
fn task_marker(done: bool) -> Event<'static> {
    let (mark, label) = if done {
        ("☑", "Done")
    } else {
        ("☐", "Not done")
    };
    Event::Html(CowStr::from(format!(
        "<span class=\"task-marker\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
    )))
}

/// Text with its web addresses made into links.
fn link_bare_urls<'a>(text: CowStr<'a>, events: &mut Vec<Event<'a>>) {
    let urls = bare_urls::find(&text);
    if urls.is_empty() {
        events.push(Event::Text(text));
        return;
    }
    let mut at = 0;
    for url in urls {
        if url.range.start > at {
            events.push(Event::Text(text[at..url.range.start].to_string().into()));
        }
        // An address, so left to right (see `address_link_at`).
        events.push(left_to_right(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: url.href.into(),
            title: "".into(),
            id: "".into(),
        }));
        events.push(Event::Text(text[url.range.clone()].to_string().into()));
        events.push(Event::InlineHtml("</a>".into()));
        at = url.range.end;
    }
    if at < text.len() {
        events.push(Event::Text(text[at..].to_string().into()));
    }
}

fn code_block(lang: &str, text: &str) -> String {
    let escaped_lang = html_escape(lang);
    match highlight::highlight(text, lang) {
        Some(inner) => format!(
            "<pre class=\"code\" data-lang=\"{escaped_lang}\"><code class=\"language-{escaped_lang}\">{inner}</code></pre>\n"
        ),
        None if lang.is_empty() => format!(
            "<pre class=\"code\"><code>{}</code></pre>\n",
            html_escape(text)
        ),
        None => format!(
            "<pre class=\"code\" data-lang=\"{escaped_lang}\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
            html_escape(text)
        ),
    }
}

pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::outline::outline;

    fn html(body: &str) -> String {
        super::render(body, &outline(body), &|_| None)
    }

    #[test]
    fn links_that_show_an_address_are_left_to_right_and_others_not() {
        let html = html(
            "[01632 960 100](tel:+441632960100), <https://ceop.police.uk/>, \
             [office@school.org](mailto:office@school.org) and \
             [ہمیں ای میل کریں](mailto:office@school.org).\n",
        );
        for link in [
            "<a href=\"tel:+441632960100\" dir=\"ltr\">01632 960 100</a>",
            "<a href=\"https://ceop.police.uk/\" dir=\"ltr\">https://ceop.police.uk/</a>",
            "<a href=\"mailto:office@school.org\" dir=\"ltr\">office@school.org</a>",
            "<a href=\"mailto:office@school.org\">ہمیں ای میل کریں</a>",
        ] {
            assert!(html.contains(link), "{link} in {html}");
        }
    }
}
