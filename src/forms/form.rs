//! What a printed agreement form says, worked out once from the site and
//! drawn the same way by the PDF writer (`pdf`) as by the HTML form's
//! template: school, title, band, reference and version, the statements,
//! the consents, the signature blocks and the return instructions.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::content::{Audience, Meta, Page, Site};
use crate::languages::strings::Strings;
use crate::languages::words::Words;

/// One agreement's printable form.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    /// The school's name.
    pub school: String,
    pub title: String,
    /// "Key Stage 2 (Year 3 to Year 6)", or "For parents and carers".
    pub for_whom: String,
    /// "Reference AUP-KS2" (the agreement's id when it has no reference).
    pub reference: String,
    /// "Version: approved 17 September 2026", or empty.
    pub version: String,
    /// Full address of the agreement's page, for the QR code.
    pub url: String,
    pub blocks: Vec<Block>,
    pub consents: Vec<String>,
    /// Who signs, as printed: "Pupil", "Parent or carer".
    pub signatures: Vec<String>,
    /// Lines naming the child the form is about ([`super::child_lines`]).
    pub child_lines: Vec<String>,
    pub return_instructions: String,
    /// Larger type, as for the youngest pupils (EYFS and KS1).
    pub large_type: bool,
    /// The form must print on one A4 page (pupils' forms of EYFS, KS1, KS2).
    pub one_page: bool,
    pub language: String,
    /// The form's own labels in its language.
    pub words: FormWords,
    /// A stable identifier of this form and version, for the PDF's metadata.
    pub document_id: String,
}

/// The labels a printed form shows around the agreement's own text, in
/// the form's language (the PDF's layout prints these).
#[derive(Debug, Clone)]
pub(crate) struct FormWords {
    /// "Consent", above the consent questions.
    pub consent: String,
    /// "Tick one box for each question."
    pub tick_one: String,
    pub yes: String,
    pub no: String,
    /// "Signatures", above the signature blocks.
    pub signatures: String,
    /// The three lines of a signature block: "Name", "Signature", "Date".
    pub name: String,
    pub signature: String,
    pub date: String,
    /// "Scan to read online", under the QR code.
    pub scan: String,
    /// "Read this agreement online: scan … or go to {url}".
    pub read_online: String,
    /// "Read this agreement online", the QR link's description.
    pub read_online_short: String,
    /// "Page {n} of {count}".
    pub page_of: String,
}

impl FormWords {
    fn new(w: &Words) -> FormWords {
        let get = |key: &str| w.get(key).to_string();
        FormWords {
            consent: get("form_consent"),
            tick_one: get("form_tick_one"),
            yes: get("yes"),
            no: get("no"),
            signatures: get("form_signatures"),
            name: get("form_name"),
            signature: get("form_signature"),
            date: get("form_date"),
            scan: get("form_scan"),
            read_online: get("form_read_online"),
            read_online_short: get("form_read_online_short"),
            page_of: get("form_page_of"),
        }
    }

    /// "Page 1 of 2".
    pub(crate) fn page_of(&self, n: usize, count: usize) -> String {
        self.page_of
            .replace("{n}", &n.to_string())
            .replace("{count}", &count.to_string())
    }

    /// The sentence that gives the page's address.
    pub(crate) fn read_online(&self, url: &str) -> String {
        self.read_online.replace("{url}", url)
    }
}

impl Form {
    /// Whether the site's `base_url` gives the page a full web address (a
    /// QR code of a bare path would lead nowhere).
    pub(crate) fn has_web_address(&self) -> bool {
        self.url.starts_with("https://") || self.url.starts_with("http://")
    }

    /// All the text the form prints, run together: what its fonts must
    /// cover.
    pub(crate) fn printed_text(&self) -> String {
        let mut text = format!(
            "{} {} {} {} {} {}",
            self.title,
            self.school,
            self.return_instructions,
            self.for_whom,
            self.reference,
            self.version
        );
        let lists = [&self.consents, &self.signatures, &self.child_lines];
        let pieces = self.blocks.iter().map(|b| &b.text);
        for piece in pieces.chain(lists.into_iter().flatten()) {
            text.push(' ');
            text.push_str(piece);
        }
        text
    }
}

/// A piece of the agreement's body as it is printed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Plain text: inline markup and link addresses dropped, smart
    /// punctuation applied as on the web page.
    pub text: String,
    /// Where it is in the Markdown body (byte offsets from the body's start).
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading,
    Paragraph,
    /// A numbered statement: the items of top-level lists, numbered in one
    /// run through the whole form.
    Statement(usize),
    /// An item of a list inside a statement.
    SubItem,
}

/// Bands whose pupils get larger type on their forms.
const LARGE_TYPE_BANDS: [&str; 2] = ["eyfs", "ks1"];

impl Form {
    /// The form of the agreement `page`, or `None` when it is not an agreement.
    pub(crate) fn new(site: &Site, page: &Page) -> Option<Form> {
        let Meta::Agreement(f) = &page.meta else {
            return None;
        };
        let config = &site.config;
        // The form is in the page's language: a translation's own.
        let language = page
            .translation
            .as_ref()
            .map_or_else(|| config.language.clone(), |t| t.lang.clone());
        let w = Words::new(
            &language,
            site.strings
                .get(&language)
                .cloned()
                .unwrap_or_else(Strings::english),
        );
        let audience = f.audience.as_ref().map(|a| *a.get_ref());
        let band = f.band.as_ref().and_then(|b| config.band(b.get_ref()));
        let for_whom = match band {
            Some(b) => {
                let years = match b.years.as_slice() {
                    [] => String::new(),
                    [one] => format!(" {}", w.fill("form_years_one", &[("year", one)])),
                    [a, b] => format!(
                        " {}",
                        w.fill("form_years_two", &[("first", a), ("last", b)])
                    ),
                    [first, .., last] => format!(
                        " {}",
                        w.fill("form_years_range", &[("first", first), ("last", last)])
                    ),
                };
                format!("{}{years}", b.name)
            }
            None => audience
                .map(|a| {
                    let name = w.get(crate::render::contexts::audience_key(a));
                    w.fill("form_for", &[("audience", &name.to_lowercase())])
                })
                .unwrap_or_default(),
        };
        let reference = f.reference.clone().unwrap_or_else(|| page.id.clone());
        let approved = page.review.as_ref().and_then(|r| r.approved);
        let pupils = audience == Some(Audience::Pupils);
        let band_id = band.map(|b| b.id.as_str()).unwrap_or_default();
        let origin = config.origin();
        Some(Form {
            school: config.title.clone(),
            title: page.title.clone(),
            for_whom,
            reference: w.fill("form_reference", &[("reference", &reference)]),
            version: approved
                .map(|d| w.fill("form_version", &[("date", &w.date(d))]))
                .unwrap_or_default(),
            url: format!("{origin}{}{}", config.base_path(), page.url),
            blocks: blocks(page.body()),
            consents: f
                .consents
                .iter()
                .map(|c| c.get_ref().label.clone())
                .collect(),
            signatures: f
                .signatures
                .iter()
                .map(|s| super::signatory(s, &w))
                .collect(),
            child_lines: if f.signatures.is_empty() {
                Vec::new()
            } else {
                super::child_lines(audience, &w)
            },
            return_instructions: super::return_instructions(config, &w),
            large_type: LARGE_TYPE_BANDS.contains(&band_id),
            one_page: pupils
                && config
                    .agreements
                    .one_page_bands()
                    .iter()
                    .any(|b| b == band_id),
            words: FormWords::new(&w),
            language,
            document_id: format!(
                "{}:{}",
                page.id,
                approved.map(|d| d.to_string()).unwrap_or_default()
            ),
        })
    }
}

/// The body's headings, paragraphs and list items as printed blocks.
pub(crate) fn blocks(body: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut builder = Blocks::default();
    // Footnote definitions and images are not printed: everything inside
    // them (nested ones counted) is skipped.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if skip > 0 {
            match event {
                Event::Start(Tag::FootnoteDefinition(_) | Tag::Image { .. }) => skip += 1,
                Event::End(TagEnd::FootnoteDefinition | TagEnd::Image) => skip -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(_) | Tag::Image { .. }) => skip = 1,
            event => builder.event(event, range),
        }
    }
    builder.finish()
}

/// Blocks as they are built from the body's events: those finished, the
/// one being filled, how deep in lists we are and the last statement's
/// number.
#[derive(Default)]
struct Blocks {
    out: Vec<Block>,
    current: Option<Block>,
    lists: usize,
    number: usize,
}

impl Blocks {
    /// Finishes the current block, with its white space collapsed; an
    /// empty one is dropped.
    fn flush(&mut self) {
        if let Some(mut b) = self.current.take() {
            let text = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                b.text = text;
                self.out.push(b);
            }
        }
    }

    fn start(&mut self, kind: BlockKind, span: Range<usize>) {
        self.flush();
        self.current = Some(Block {
            kind,
            text: String::new(),
            span,
        });
    }

    fn push(&mut self, text: &str) {
        if let Some(b) = self.current.as_mut() {
            b.text.push_str(text);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::List(_)) => {
                self.flush();
                self.lists += 1;
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists = self.lists.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                let kind = if self.lists <= 1 {
                    self.number += 1;
                    BlockKind::Statement(self.number)
                } else {
                    BlockKind::SubItem
                };
                self.start(kind, range);
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::Heading { .. }) => self.start(BlockKind::Heading, range),
            Event::End(TagEnd::Heading(_)) => self.flush(),
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead) => {
                match self.current.as_mut() {
                    Some(b) => b.text.push(' '),
                    None => self.start(BlockKind::Paragraph, range),
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::TableRow | TagEnd::TableHead,
            ) if self
                .current
                .as_ref()
                .is_some_and(|b| b.kind == BlockKind::Paragraph) =>
            {
                self.flush();
            }
            Event::End(TagEnd::TableCell) => self.push(" \u{2013} "),
            Event::Text(t) | Event::Code(t) => {
                let b = self.current.get_or_insert_with(|| Block {
                    kind: BlockKind::Paragraph,
                    text: String::new(),
                    span: range,
                });
                b.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => self.push(" "),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }

    /// The blocks, without the dash left after a table's last cell.
    fn finish(mut self) -> Vec<Block> {
        self.flush();
        for b in &mut self.out {
            if b.text.ends_with(" \u{2013}") {
                b.text.truncate(b.text.len() - " \u{2013}".len());
            }
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(BlockKind, String)> {
        blocks(body).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn statements_are_numbered_in_one_run_and_links_lose_their_address() {
        let got = texts(
            "Read these with your child.\n\n## At school\n\n1. I ask a grown-up.\n2. I read the [guide](@parents)\n   first.\n\n## At home\n\n- I'm kind.\n  - even in games\n",
        );
        assert_eq!(
            got,
            [
                (BlockKind::Paragraph, "Read these with your child.".into()),
                (BlockKind::Heading, "At school".into()),
                (BlockKind::Statement(1), "I ask a grown-up.".into()),
                (BlockKind::Statement(2), "I read the guide first.".into()),
                (BlockKind::Heading, "At home".into()),
                (BlockKind::Statement(3), "I\u{2019}m kind.".into()),
                (BlockKind::SubItem, "even in games".into()),
            ]
        );
    }

    #[test]
    fn loose_items_and_footnotes() {
        let got = texts("- One.\n\n  More of one.[^n]\n\n- Two.\n\n[^n]: A note.\n");
        assert_eq!(
            got,
            [
                (BlockKind::Statement(1), "One. More of one.".into()),
                (BlockKind::Statement(2), "Two.".into()),
            ]
        );
    }
}
