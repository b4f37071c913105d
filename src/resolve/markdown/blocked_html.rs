//! Raw HTML that the published pages' Content Security Policy blocks:
//! browsers load and run only the site's own files, and no inline script or
//! style. Found here, reported by `checks::hosting`, so that an author
//! learns why a pasted `<iframe>` or `style="…"` shows nothing.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::raw_html::html_attribute;

/// What a tag has that the policy blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Blocked {
    /// `<script>` with its code inside.
    InlineScript,
    /// `<style>…</style>`.
    StyleElement,
    /// `style="…"`.
    StyleAttribute,
    /// `onclick="…"` and the like: the attribute's name.
    EventAttribute(String),
    /// `<script src>`, `<img src>`, `<iframe src>`… on another website:
    /// the element's name and the address.
    OtherOrigin(String, String),
    /// `<object>` or `<embed>`, which the policy never allows.
    Plugin(String),
}

/// A blocked tag and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BlockedHtml {
    pub span: Range<usize>,
    pub what: Blocked,
}

/// Elements that load what their `src` names.
const LOADERS: [&str; 9] = [
    "script", "img", "iframe", "frame", "source", "video", "audio", "track", "input",
];

/// Whether an address is on another website (absolute or protocol-relative).
pub(crate) fn is_other_origin(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// What the opening tag `tag` (element `name`, lower case) has that the
/// policy blocks.
pub(super) fn blocked(tag: &str, name: &str) -> Vec<Blocked> {
    let mut out = Vec::new();
    match name {
        "style" => out.push(Blocked::StyleElement),
        "object" | "embed" | "applet" => out.push(Blocked::Plugin(name.to_string())),
        _ => {}
    }
    if LOADERS.contains(&name) {
        match html_attribute(tag, "src") {
            Some(src) if is_other_origin(src) => {
                out.push(Blocked::OtherOrigin(name.to_string(), src.to_string()));
            }
            None if name == "script" => out.push(Blocked::InlineScript),
            _ => {}
        }
    }
    if html_attribute(tag, "style").is_some() {
        out.push(Blocked::StyleAttribute);
    }
    out.extend(
        event_attributes(tag)
            .into_iter()
            .map(Blocked::EventAttribute),
    );
    out
}

/// The names of `on…=` attributes of a tag (`onclick`, `onload`).
fn event_attributes(tag: &str) -> Vec<String> {
    let lower = tag.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    for (i, _) in lower.match_indices("on") {
        if i == 0 || !bytes[i - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &lower[i..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if name_len > 2 && rest[name_len..].trim_start().starts_with('=') {
            out.push(rest[..name_len].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_styles_and_other_websites_are_blocked() {
        assert_eq!(blocked("<script>", "script"), [Blocked::InlineScript]);
        assert_eq!(blocked("<script src=\"/static/a.js\">", "script"), []);
        assert_eq!(blocked("<style>", "style"), [Blocked::StyleElement]);
        assert_eq!(
            blocked("<p style=\"color:red\" onclick='x()'>", "p"),
            [
                Blocked::StyleAttribute,
                Blocked::EventAttribute("onclick".into())
            ]
        );
        assert_eq!(
            blocked("<iframe src=\"https://www.youtube.com/embed/x\">", "iframe"),
            [Blocked::OtherOrigin(
                "iframe".into(),
                "https://www.youtube.com/embed/x".into()
            )]
        );
        assert_eq!(
            blocked("<img src=\"/static/logo.png\" alt=\"\">", "img"),
            []
        );
        assert_eq!(
            blocked("<embed src=\"/a.pdf\">", "embed"),
            [Blocked::Plugin("embed".into())]
        );
    }

    #[test]
    fn words_beginning_with_on_are_not_event_attributes() {
        assert_eq!(blocked("<a href=\"/online\" title=\"one\">", "a"), []);
        assert_eq!(blocked("<p data-on=\"1\">", "p"), []);
    }
}
