//! A readable comparison of two versions of a policy's text: the Markdown
//! is reduced to its blocks of plain text (headings, paragraphs, list items,
//! table rows), blocks are matched between the versions, and the blocks that
//! differ are compared word by word.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};

/// One block of text of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub heading: bool,
    pub text: String,
}

/// One changed, added or removed block, with the heading it comes under.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Change {
    /// "changed", "added" or "removed".
    pub kind: &'static str,
    /// The heading of the part of the page the change is in (the current
    /// text's), empty before the first heading.
    pub section: String,
    /// The block is a heading.
    pub heading: bool,
    pub parts: Vec<Part>,
}

/// A run of words: unchanged, added or removed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Part {
    /// "same", "added" or "removed".
    pub kind: &'static str,
    pub text: String,
}

fn options() -> Options {
    // As `crate::resolve::markdown` reads pages, so both versions read alike.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The blocks of a Markdown body as plain text: what a reader sees, without
/// the Markdown marks or link addresses.
pub(crate) fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut heading = false;
    let flush = |text: &mut String, heading: bool, out: &mut Vec<Block>| {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            out.push(Block {
                heading,
                text: collapsed,
            });
        }
        text.clear();
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } => {
                    flush(&mut text, heading, &mut out);
                    heading = true;
                }
                Tag::Paragraph
                | Tag::Item
                | Tag::TableHead
                | Tag::TableRow
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_) => {
                    flush(&mut text, heading, &mut out);
                    heading = false;
                }
                Tag::TableCell if !text.trim().is_empty() => text.push_str(" | "),
                _ => {}
            },
            Event::End(tag) => {
                if matches!(
                    tag,
                    TagEnd::Heading(_)
                        | TagEnd::Paragraph
                        | TagEnd::Item
                        | TagEnd::TableHead
                        | TagEnd::TableRow
                        | TagEnd::CodeBlock
                        | TagEnd::BlockQuote(_)
                        | TagEnd::FootnoteDefinition
                ) {
                    flush(&mut text, heading, &mut out);
                    heading = false;
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::TaskListMarker(done) => text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => {
                text.push_str(&format!("[{name}]"));
            }
            _ => {}
        }
    }
    flush(&mut text, heading, &mut out);
    out
}

/// The changes from `old` to `new`, in the order of the new text.
pub(crate) fn changes(old: &[Block], new: &[Block]) -> Vec<Change> {
    let old_text: Vec<&str> = old.iter().map(|b| b.text.as_str()).collect();
    let new_text: Vec<&str> = new.iter().map(|b| b.text.as_str()).collect();
    let ops = similar::capture_diff_slices(Algorithm::Patience, &old_text, &new_text);
    let mut out = Vec::new();
    let mut section = String::new();
    let advance = |section: &mut String, block: &Block| {
        if block.heading {
            section.clone_from(&block.text);
        }
    };
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for b in &new[new_range] {
                    advance(&mut section, b);
                }
            }
            DiffTag::Delete => {
                for b in &old[old_range] {
                    out.push(whole("removed", &section, b));
                }
            }
            DiffTag::Insert => {
                for b in &new[new_range] {
                    out.push(whole("added", &section, b));
                    advance(&mut section, b);
                }
            }
            DiffTag::Replace => {
                let (olds, news) = (&old[old_range], &new[new_range]);
                for k in 0..olds.len().max(news.len()) {
                    match (olds.get(k), news.get(k)) {
                        (Some(o), Some(n)) => {
                            out.push(Change {
                                kind: "changed",
                                section: section.clone(),
                                heading: n.heading,
                                parts: words(&o.text, &n.text),
                            });
                            advance(&mut section, n);
                        }
                        (Some(o), None) => out.push(whole("removed", &section, o)),
                        (None, Some(n)) => {
                            out.push(whole("added", &section, n));
                            advance(&mut section, n);
                        }
                        (None, None) => {}
                    }
                }
            }
        }
    }
    out
}

fn whole(kind: &'static str, section: &str, block: &Block) -> Change {
    Change {
        kind,
        section: section.to_string(),
        heading: block.heading,
        parts: vec![Part {
            kind,
            text: block.text.clone(),
        }],
    }
}

/// A word-by-word comparison of two blocks. Changed words next to each
/// other (with only spaces between them) read as one removed phrase
/// followed by one added phrase.
pub(crate) fn words(old: &str, new: &str) -> Vec<Part> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new);
    let tokens: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut out: Vec<Part> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let push = |out: &mut Vec<Part>, kind: &'static str, text: &str| match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => out.push(Part {
            kind,
            text: text.to_string(),
        }),
    };
    // Spaces at either end of a change are shown unmarked, as the new text
    // has them (or the old, for a removal).
    let flush = |out: &mut Vec<Part>, removed: &mut String, added: &mut String| {
        let (r, a) = (removed.trim(), added.trim());
        let outer = if a.is_empty() { &removed } else { &added };
        let lead = &outer[..outer.len() - outer.trim_start().len()];
        let trail = &outer[outer.trim_end().len()..];
        if !lead.is_empty() {
            push(out, "same", lead);
        }
        if !r.is_empty() {
            push(out, "removed", r);
        }
        if !r.is_empty() && !a.is_empty() {
            push(out, "same", " ");
        }
        if !a.is_empty() {
            push(out, "added", a);
        }
        if !trail.is_empty() {
            push(out, "same", trail);
        }
        removed.clear();
        added.clear();
    };
    for (i, (tag, value)) in tokens.iter().enumerate() {
        match tag {
            ChangeTag::Delete => removed.push_str(value),
            ChangeTag::Insert => added.push_str(value),
            ChangeTag::Equal => {
                let pending = !removed.is_empty() || !added.is_empty();
                let next_changes = tokens
                    .get(i + 1)
                    .is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if pending && next_changes && value.trim().is_empty() {
                    // Spaces between two changed words belong to both.
                    removed.push_str(value);
                    added.push_str(value);
                } else {
                    flush(&mut out, &mut removed, &mut added);
                    push(&mut out, "same", value);
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| match p.kind {
                "removed" => format!("[-{}-]", p.text),
                "added" => format!("{{+{}+}}", p.text),
                _ => p.text.clone(),
            })
            .collect()
    }

    #[test]
    fn blocks_are_plain_text() {
        let b = blocks(
            "## Scope {#scope}\n\nRead [the policy](@online-safety) and **act**\nquickly.\n\n- one\n- `two`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        let texts: Vec<(&str, bool)> = b.iter().map(|b| (b.text.as_str(), b.heading)).collect();
        assert_eq!(
            texts,
            vec![
                ("Scope", true),
                ("Read the policy and act quickly.", false),
                ("one", false),
                ("two", false),
                ("a | b", false),
                ("1 | 2", false),
            ]
        );
    }

    #[test]
    fn changed_words_read_as_phrases() {
        assert_eq!(
            render(&words(
                "Staff check the logs every week.",
                "Staff check the filtering logs every day."
            )),
            "Staff check the {+filtering+} logs every [-week.-] {+day.+}"
        );
        assert_eq!(
            render(&words(
                "We meet on Monday morning.",
                "We meet on Friday afternoon."
            )),
            "We meet on [-Monday morning.-] {+Friday afternoon.+}"
        );
    }

    #[test]
    fn blocks_are_matched_before_words() {
        let old = blocks("## A\n\nFirst.\n\nSecond paragraph here.\n\n## B\n\nGone.\n");
        let new = blocks("## A\n\nFirst.\n\nSecond paragraph there.\n\n## B\n\nNew one.\n");
        let c = changes(&old, &new);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!((c[0].kind, c[0].section.as_str()), ("changed", "A"));
        assert_eq!(render(&c[0].parts), "Second paragraph [-here.-] {+there.+}");
        assert_eq!((c[1].kind, c[1].section.as_str()), ("changed", "B"));
        assert!(changes(&old, &old).is_empty());
    }
}
