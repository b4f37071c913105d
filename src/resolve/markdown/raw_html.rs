//! Raw HTML in a page: `<img>` tags and their `alt`, `<a href>` links
//! pasted as HTML, what the Content Security Policy blocks, and tags that
//! are really unfilled templates.

use super::blocked_html::{BlockedHtml, blocked};
use super::{HtmlImage, Link, Outline, Placeholder, ProseScanner};

/// Looks at raw HTML: `<img>` tags without `alt`, and tags that are no HTML
/// element at all (`<insert school name>`), which are unfilled templates.
/// Comments are skipped.
pub(super) fn raw_html(
    html: &str,
    offset: usize,
    scanner: Option<&dyn ProseScanner>,
    out: &mut Outline,
) {
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
        if !tag.starts_with("</") {
            let span = start..start + tag.len();
            let lower_name = name.to_ascii_lowercase();
            for what in blocked(tag, &lower_name) {
                out.blocked_html.push(BlockedHtml {
                    span: span.clone(),
                    what,
                });
            }
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
pub(super) fn html_link_depth(html: &str, depth: usize) -> usize {
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
pub(super) fn html_attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
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
