//! The first pass: a page's outline (headings with their ids, links and
//! images, tables, raw HTML) with source spans, and with a scanner the
//! placeholders in its prose; and the policies it names.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use super::opening_words::{self, OpeningWords};
use super::prose::ProseBlock;
use super::raw_html::{html_link_depth, raw_html};
use super::{Heading, Link, Outline, ProseScanner, TableInfo, bare_urls, options};
use crate::content::slugify;

/// Reads a page body once for its structure; with a scanner, also finds
/// placeholders in its prose (never in code, comments or autolinks).
#[cfg(test)]
pub(crate) fn outline(body: &str) -> Outline {
    outline_with(body, None)
}

pub(crate) fn outline_with(body: &str, scanner: Option<&dyn ProseScanner>) -> Outline {
    let mut outliner = Outliner {
        body,
        scanner,
        out: Outline::default(),
        used_ids: UniqueIds::default(),
        heading: None,
        open_links: Vec::new(),
        in_autolink: 0,
        in_code_block: false,
        prose: ProseBlock::default(),
        table: None,
        in_table_head: false,
        run: bare_urls::TextRun::default(),
        html_links: 0,
        opening_words: OpeningWords::new(opening_words::LIMIT),
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        outliner.event(event, range);
    }
    outliner.finish()
}

/// Where the outline pass is in the body, between the parser's events.
struct Outliner<'a> {
    body: &'a str,
    scanner: Option<&'a dyn ProseScanner>,
    out: Outline,
    used_ids: UniqueIds,
    /// The open heading: level, explicit id, text, start.
    heading: Option<(u8, Option<String>, String, usize)>,
    /// The open links and images, as indexes of `out.links`.
    open_links: Vec<usize>,
    in_autolink: usize,
    in_code_block: bool,
    prose: ProseBlock,
    /// The open table: its start, and whether its header row has text.
    table: Option<(usize, bool)>,
    in_table_head: bool,
    /// Text that may hold bare web addresses.
    run: bare_urls::TextRun,
    /// How many `<a>` elements written as HTML are open.
    html_links: usize,
    opening_words: OpeningWords,
}

impl Outliner<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        self.opening_words.event(&event, &range, self.body);
        if !matches!(event, Event::Text(_))
            || self.in_code_block
            || !self.open_links.is_empty()
            || self.html_links > 0
        {
            self.run.flush(self.body, &mut self.out.links);
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                    range.start,
                ));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(range.end),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let is_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if is_autolink {
                    self.in_autolink += 1;
                }
                self.open_link(dest_url.to_string(), range, false, is_autolink);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.open_link(dest_url.to_string(), range, true, false);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(i) = self.open_links.pop()
                    && self.out.links[i].is_autolink
                {
                    self.in_autolink = self.in_autolink.saturating_sub(1);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Table(_)) => self.table = Some((range.start, false)),
            Event::End(TagEnd::Table) => {
                if let Some((start, header_has_text)) = self.table.take() {
                    self.out.tables.push(TableInfo {
                        span: start..range.end,
                        header_has_text,
                    });
                }
            }
            Event::Start(Tag::TableHead) => self.in_table_head = true,
            Event::End(TagEnd::TableHead) => self.in_table_head = false,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => self.flush_prose(),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => self.code(&t, range.start),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = self.heading.as_mut() {
                    h.2.push(' ');
                }
                self.prose.push(" ", range.start);
            }
            Event::InlineHtml(ref html)
                if html_link_depth(html, 0) != 0 || html.starts_with("</") =>
            {
                self.html_links = html_link_depth(html, self.html_links);
                raw_html(html, range.start, self.scanner, &mut self.out);
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_html(&html, range.start, self.scanner, &mut self.out);
            }
            _ => {}
        }
    }

    fn flush_prose(&mut self) {
        self.prose
            .flush(self.body, self.scanner, &mut self.out.placeholders);
    }

    /// The open heading gets its id: its own `{#id}`, or one made from its
    /// text, unique on the page.
    fn end_heading(&mut self, end: usize) {
        self.flush_prose();
        if let Some((level, explicit, text, start)) = self.heading.take() {
            let base = explicit.unwrap_or_else(|| {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            });
            let id = self.used_ids.take(base);
            self.out.headings.push(Heading {
                level,
                id,
                text: text.trim().to_string(),
                span: start..end,
            });
        }
    }

    fn open_link(&mut self, dest: String, span: Range<usize>, is_image: bool, is_autolink: bool) {
        self.open_links.push(self.out.links.len());
        self.out.links.push(Link {
            dest,
            span,
            is_image,
            is_autolink,
            text: String::new(),
        });
    }

    fn text(&mut self, t: &str, range: Range<usize>) {
        if self.in_code_block {
            return;
        }
        if let Some(h) = self.heading.as_mut() {
            h.2.push_str(t);
        }
        if let Some(&i) = self.open_links.last() {
            self.out.links[i].text.push_str(t);
        }
        if self.in_table_head
            && !t.trim().is_empty()
            && let Some(tb) = self.table.as_mut()
        {
            tb.1 = true;
        }
        if self.in_autolink == 0 {
            self.prose.push(t, range.start);
        }
        if self.open_links.is_empty() && self.html_links == 0 {
            self.run.push(t, range);
        }
    }

    fn code(&mut self, t: &str, start: usize) {
        if let Some(h) = self.heading.as_mut() {
            h.2.push_str(t);
        }
        if let Some(&i) = self.open_links.last() {
            self.out.links[i].text.push_str(t);
        }
        if self.in_table_head
            && let Some(tb) = self.table.as_mut()
        {
            tb.1 = true;
        }
        // Code is never prose: a gap keeps text either side apart.
        self.prose.push(" ", start);
    }

    fn finish(mut self) -> Outline {
        self.flush_prose();
        self.run.flush(self.body, &mut self.out.links);
        let headings = &self.out.headings;
        let mut anchors: Vec<usize> = (0..headings.len()).collect();
        anchors.sort_unstable_by(|&a, &b| headings[a].id.cmp(&headings[b].id));
        self.out.anchors = anchors.into_boxed_slice();
        self.out.opening_words = self.opening_words.finish();
        self.out.mentions = super::mentions::mentions(self.body);
        self.out.blank = self.body.trim().is_empty();
        self.out
    }
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
