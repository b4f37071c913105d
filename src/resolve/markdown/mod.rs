//! Markdown: a first pass that outlines a page (its headings with their ids,
//! its links and images, with source spans) and a second that renders HTML
//! with those ids, links rewritten to their published URLs, highlighted
//! code and scrollable tables.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
    TextMergeStream,
};
use serde::Serialize;

use crate::content::slugify;

mod bare_urls;
pub mod highlight;
pub mod placeholders;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A heading of a page, with the id its anchor gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A link or image destination as written, with its span in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub span: Range<usize>,
    pub is_image: bool,
    /// `<https://…>` autolinks and `<a@b>` email autolinks.
    pub is_autolink: bool,
    /// Text of the link (or alt text of the image).
    pub text: String,
}

/// A table of the body, and whether its header row has any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    pub span: Range<usize>,
    pub header_has_text: bool,
}

/// Something in the prose that looks like template text never filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub span: Range<usize>,
    pub text: String,
}

/// A raw HTML `<img>` tag, and whether it has an `alt` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlImage {
    pub span: Range<usize>,
    pub has_alt: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub tables: Vec<TableInfo>,
    pub placeholders: Vec<Placeholder>,
    pub html_images: Vec<HtmlImage>,
    /// The ids of `headings`, for looking anchors up (a page may have
    /// thousands of headings and links to them).
    anchors: HashSet<String>,
}

impl Outline {
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.anchors.contains(anchor)
    }
}

/// Finds unfilled template text in prose (see `checks::placeholders`).
pub trait ProseScanner: Sync {
    /// Matches in `text`, as byte ranges of `text`.
    fn scan(&self, text: &str) -> Vec<Range<usize>>;
    /// Whether a raw HTML tag (`<insert name>`) is really a placeholder.
    fn is_placeholder_tag(&self, tag: &str) -> bool;
}

/// Prose of one block (paragraph, heading, item, cell), with where each
/// piece of text came from, so a match can be mapped back to the source.
#[derive(Default)]
struct ProseBlock {
    text: String,
    /// (offset in `text`, offset in the body) at the start of each piece.
    pieces: Vec<(usize, usize)>,
}

impl ProseBlock {
    fn push(&mut self, text: &str, source_start: usize) {
        self.pieces.push((self.text.len(), source_start));
        self.text.push_str(text);
    }

    fn source_offset(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(t, _)| *t <= at)
            .saturating_sub(1);
        let (t, src) = self.pieces.get(i).copied().unwrap_or((0, 0));
        src + (at - t)
    }

    fn flush(
        &mut self,
        body: &str,
        scanner: Option<&dyn ProseScanner>,
        out: &mut Vec<Placeholder>,
    ) {
        if let Some(scanner) = scanner
            && !self.text.trim().is_empty()
        {
            for m in scanner.scan(&self.text) {
                let start = self.source_offset(m.start);
                let end = self.source_offset(m.end.saturating_sub(1)) + 1;
                let span = start..end.max(start + 1).min(body.len());
                // Report the words as written, not as typeset.
                let text = body
                    .get(span.clone())
                    .map_or_else(|| self.text[m].to_string(), str::to_string);
                out.push(Placeholder { span, text });
            }
        }
        self.text.clear();
        self.pieces.clear();
    }
}

/// Reads a page body once for its structure; with a scanner, also finds
/// placeholders in its prose (never in code, comments or autolinks).
pub fn outline(body: &str) -> Outline {
    outline_with(body, None)
}

pub fn outline_with(body: &str, scanner: Option<&dyn ProseScanner>) -> Outline {
    let mut out = Outline::default();
    let mut used_ids = UniqueIds::default();
    // Open heading (level, explicit id, text, start) and open links (indexes).
    let mut heading: Option<(u8, Option<String>, String, usize)> = None;
    let mut open_links: Vec<usize> = Vec::new();
    let mut in_autolink = 0usize;
    let mut in_code_block = false;
    let mut prose = ProseBlock::default();
    let mut table: Option<(usize, bool)> = None;
    let mut in_table_head = false;
    let mut run = bare_urls::TextRun::default();
    let mut html_links = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if !matches!(event, Event::Text(_))
            || in_code_block
            || !open_links.is_empty()
            || html_links > 0
        {
            run.flush(body, &mut out.links);
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                    range.start,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                prose.flush(body, scanner, &mut out.placeholders);
                if let Some((level, explicit, text, start)) = heading.take() {
                    let base = explicit.unwrap_or_else(|| {
                        let s = slugify(&text);
                        if s.is_empty() {
                            "section".to_string()
                        } else {
                            s
                        }
                    });
                    let id = used_ids.take(base);
                    out.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                        span: start..range.end,
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let is_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if is_autolink {
                    in_autolink += 1;
                }
                open_links.push(out.links.len());
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    span: range,
                    is_image: false,
                    is_autolink,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open_links.push(out.links.len());
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    span: range,
                    is_image: true,
                    is_autolink: false,
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(i) = open_links.pop()
                    && out.links[i].is_autolink
                {
                    in_autolink = in_autolink.saturating_sub(1);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Table(_)) => table = Some((range.start, false)),
            Event::End(TagEnd::Table) => {
                if let Some((start, header_has_text)) = table.take() {
                    out.tables.push(TableInfo {
                        span: start..range.end,
                        header_has_text,
                    });
                }
            }
            Event::Start(Tag::TableHead) => in_table_head = true,
            Event::End(TagEnd::TableHead) => in_table_head = false,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => {
                prose.flush(body, scanner, &mut out.placeholders);
            }
            Event::Text(t) => {
                if in_code_block {
                    continue;
                }
                if let Some(h) = heading.as_mut() {
                    h.2.push_str(&t);
                }
                if let Some(&i) = open_links.last() {
                    out.links[i].text.push_str(&t);
                }
                if in_table_head
                    && !t.trim().is_empty()
                    && let Some(tb) = table.as_mut()
                {
                    tb.1 = true;
                }
                if in_autolink == 0 {
                    prose.push(&t, range.start);
                }
                if open_links.is_empty() && html_links == 0 {
                    run.push(&t, range);
                }
            }
            Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.2.push_str(&t);
                }
                if let Some(&i) = open_links.last() {
                    out.links[i].text.push_str(&t);
                }
                if in_table_head && let Some(tb) = table.as_mut() {
                    tb.1 = true;
                }
                // Code is never prose: a gap keeps text either side apart.
                prose.push(" ", range.start);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading.as_mut() {
                    h.2.push(' ');
                }
                prose.push(" ", range.start);
            }
            Event::InlineHtml(ref html)
                if html_link_depth(html, 0) != 0 || html.starts_with("</") =>
            {
                html_links = html_link_depth(html, html_links);
                raw_html(html, range.start, scanner, &mut out);
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_html(&html, range.start, scanner, &mut out);
            }
            _ => {}
        }
    }
    prose.flush(body, scanner, &mut out.placeholders);
    run.flush(body, &mut out.links);
    out.anchors = used_ids.used;
    out
}

/// Looks at raw HTML: `<img>` tags without `alt`, and tags that are no HTML
/// element at all (`<insert school name>`), which are unfilled templates.
/// Comments are skipped.
fn raw_html(html: &str, offset: usize, scanner: Option<&dyn ProseScanner>, out: &mut Outline) {
    let mut rest = html;
    let mut base = offset;
    while let Some(open) = rest.find('<') {
        let after = &rest[open..];
        if after.starts_with("<!--") {
            let end = after.find("-->").map_or(after.len(), |e| e + 3);
            base += open + end;
            rest = &after[end..];
            continue;
        }
        let Some(close) = after.find('>') else { break };
        let tag = &after[..=close];
        let start = base + open;
        let inner = tag.trim_start_matches('<').trim_start_matches('/');
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.eq_ignore_ascii_case("img") {
            let lower = tag.to_ascii_lowercase();
            out.html_images.push(HtmlImage {
                span: start..start + tag.len(),
                has_alt: lower.contains(" alt=") || lower.contains(" alt "),
            });
        }
        // `<a href="https://…">` pasted as HTML: its address is checked like
        // any other web address (it is published as written).
        if name.eq_ignore_ascii_case("a")
            && let Some(href) = html_attribute(tag, "href")
            && (href.starts_with("http://") || href.starts_with("https://"))
        {
            out.links.push(Link {
                dest: href.to_string(),
                span: start..start + tag.len(),
                is_image: false,
                is_autolink: true,
                text: String::new(),
            });
        }
        if let Some(s) = scanner
            && s.is_placeholder_tag(tag)
        {
            out.placeholders.push(Placeholder {
                span: start..start + tag.len(),
                text: tag.to_string(),
            });
        }
        base += open + close + 1;
        rest = &after[close + 1..];
    }
}

/// How many `<a>` elements written as HTML are open after `html`.
fn html_link_depth(html: &str, depth: usize) -> usize {
    let lower = html.trim().to_ascii_lowercase();
    if lower.starts_with("</a") && lower[3..].starts_with(['>', ' ']) {
        depth.saturating_sub(1)
    } else if lower.starts_with("<a") && lower[2..].starts_with(['>', ' ', '\t', '\n']) {
        depth + 1
    } else {
        depth
    }
}

/// The value of `name="…"` (or `'…'`) in a tag, as written.
fn html_attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            let inner = &value[1..];
            return inner.find(quote).map(|end| &inner[..end]);
        }
        let end = value
            .find(|c: char| c.is_ascii_whitespace() || c == '>')
            .unwrap_or(value.len());
        return Some(&value[..end]);
    }
    None
}

/// The heading ids of a page, each unique.
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    /// For each base, the suffix to try next: a page of 10,000 headings
    /// called "Procedure" must not count up from 1 for each of them.
    next: HashMap<String, usize>,
}

impl UniqueIds {
    /// `base`, or `base-1`, `base-2`… if already used on the page (as
    /// GitHub does).
    fn take(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An entry of a page's table of contents (level-2 headings with their
/// level-3 headings beneath).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

pub fn table_of_contents(outline: &Outline) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for h in &outline.headings {
        let entry = TocEntry {
            id: h.id.clone(),
            title: h.text.clone(),
            children: Vec::new(),
        };
        match h.level {
            2 => toc.push(entry),
            3 => match toc.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => toc.push(entry),
            },
            _ => {}
        }
    }
    toc
}

/// Renders a body to HTML. Headings get the ids of `outline` (in order);
/// each link or image destination is passed to `rewrite`, which returns the
/// published URL (or `None` to keep it as written).
pub fn render(body: &str, outline: &Outline, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
    let mut heading_ids = outline.headings.iter().map(|h| h.id.as_str());
    let mut code: Option<(String, String)> = None;
    let mut tables = 0usize;
    let mut in_link = 0usize;
    let mut events: Vec<Event> = Vec::new();
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
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
            // A disabled checkbox with no label is noise to a screen reader;
            // a marker that says "Done" or "Not done" is not.
            Event::TaskListMarker(done) => {
                let (mark, label) = if done {
                    ("☑", "Done")
                } else {
                    ("☐", "Not done")
                };
                events.push(Event::Html(CowStr::from(format!(
                    "<span class=\"task-marker\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
                ))));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
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
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: url.href.into(),
            title: "".into(),
            id: "".into(),
        }));
        events.push(Event::Text(text[url.range.clone()].to_string().into()));
        events.push(Event::End(TagEnd::Link));
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

pub fn html_escape(text: &str) -> String {
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
    use super::*;

    #[test]
    fn headings_get_unique_stable_ids() {
        let body =
            "## Scope\n\n## Scope\n\n### Über *uns*\n\n## Scope\n\n## Custom {#mine}\n\n## ?!\n";
        let o = outline(body);
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["scope", "scope-1", "über-uns", "scope-2", "mine", "section"]
        );
        assert_eq!(o.headings[2].text, "Über uns");
        // A heading that takes a numbered id itself is stepped over.
        let o = outline("## A\n\n## A 2\n\n## A\n\n## A\n\n## A 1\n");
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-1", "a-3", "a-1-1"]);
        // Ten thousand headings of one name: each found in one step, not
        // counted up from 1 (which took seconds).
        let body = "## Procedure\n\n".repeat(10_000);
        let o = outline(&body);
        assert_eq!(o.headings[9_999].id, "procedure-9999");
        assert!(o.has_anchor("procedure-5000") && !o.has_anchor("procedure-10000"));
    }

    #[test]
    fn links_and_images_are_outlined_with_spans() {
        let body = "See [the policy](@online-safety#scope) and ![a chart](chart.png).\n\n<https://example.org>\n";
        let o = outline(body);
        assert_eq!(o.links.len(), 3);
        assert_eq!(o.links[0].dest, "@online-safety#scope");
        assert_eq!(
            &body[o.links[0].span.clone()],
            "[the policy](@online-safety#scope)"
        );
        assert_eq!(o.links[0].text, "the policy");
        assert!(o.links[1].is_image);
        assert_eq!(o.links[1].text, "a chart");
        assert!(o.links[2].is_autolink);
    }

    #[test]
    fn render_uses_ids_rewrites_links_and_wraps_tables() {
        let body =
            "## Scope\n\n[x](@a)\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n";
        let o = outline(body);
        let html = render(body, &o, &|d| {
            (d == "@a").then(|| "/policies/a/".to_string())
        });
        assert!(html.contains("<h2 id=\"scope\">Scope</h2>"), "{html}");
        assert!(html.contains("href=\"/policies/a/\""), "{html}");
        assert!(
            html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\""),
            "{html}"
        );
        assert!(html.contains("<thead>"), "{html}");
        assert!(html.contains("</table>\n</div>"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn footnotes_strikethrough_and_tasks_render() {
        let body = "Text[^1] ~~old~~\n\n- [x] done\n- [ ] to do\n\n[^1]: A note.\n";
        let html = render(body, &outline(body), &|_| None);
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(!html.contains("checkbox"), "{html}");
        assert!(html.contains("aria-label=\"Done\">☑</span> done"), "{html}");
        assert!(
            html.contains("aria-label=\"Not done\">☐</span> to do"),
            "{html}"
        );
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn bare_addresses_are_outlined_and_linked() {
        let body = "Visit www.nspcc.org.uk/advice_for_parents, or [CEOP](https://ceop.police.uk) and `www.not.linked`.\n";
        let o = outline(body);
        let bare: Vec<_> = o.links.iter().filter(|l| l.is_autolink).collect();
        assert_eq!(bare.len(), 1, "{:?}", o.links);
        assert_eq!(bare[0].dest, "https://www.nspcc.org.uk/advice_for_parents");
        assert_eq!(
            &body[bare[0].span.clone()],
            "www.nspcc.org.uk/advice_for_parents"
        );
        let html = render(body, &o, &|_| None);
        assert!(
            html.contains("<a href=\"https://www.nspcc.org.uk/advice_for_parents\">www.nspcc.org.uk/advice_for_parents</a>,"),
            "{html}"
        );
        assert!(html.contains("<code>www.not.linked</code>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
    }

    #[test]
    fn html_links_are_outlined() {
        let body = "<p>See <a class=\"x\" href=\"https://wwww.nspcc.org.uk/\">the NSPCC</a> and <a href=#top>top</a>.</p>\n";
        let o = outline(body);
        let dests: Vec<&str> = o.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["https://wwww.nspcc.org.uk/"]);
        // Inline: the address shown inside an HTML link is not linked again.
        let inline = "Go to <a href=\"https://www.gov.uk\">www.gov.uk</a> now.\n";
        let o = outline(inline);
        assert_eq!(o.links.len(), 1, "{:?}", o.links);
        let html = render(inline, &o, &|_| None);
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert_eq!(html_attribute("<a HREF='x y'>", "href"), Some("x y"));
        assert_eq!(html_attribute("<a data-href=\"no\">", "href"), None);
    }

    #[test]
    fn toc_nests_level_three_under_level_two() {
        let o = outline("## A\n### A1\n## B\n#### deep\n");
        let toc = table_of_contents(&o);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children[0].title, "A1");
    }
}
