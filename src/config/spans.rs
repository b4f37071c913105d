//! Where a key or value is written in a TOML file, looked up by its path in
//! the parsed document, so that a report points at the real key and never at
//! a comment or another table that happens to contain the same words.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A TOML file parsed once more for its spans, after the typed pass has read
/// it; an unparsable file (already reported) has no spans.
pub(crate) struct Spans<'a> {
    text: &'a str,
    root: Option<Spanned<DeTable<'a>>>,
}

impl<'a> Spans<'a> {
    pub(crate) fn parse(text: &'a str) -> Self {
        Spans {
            text,
            root: DeTable::parse(text).ok(),
        }
    }

    /// The span of the value at `path`: for a table its `[header]`, for an
    /// array of tables' item its `[[header]]`, for a string its quotes too.
    /// A path step into an array is the item's index, e.g.
    /// `["accessibility", "issues", "1", "reason"]`.
    pub(crate) fn value(&self, path: &[&str]) -> Option<Range<usize>> {
        self.entry(path).map(|(_, value)| value)
    }

    /// The span of the key at `path`, e.g. `timeout_seconds` in
    /// `[external_links]`; an array item has no key, so its value's span.
    pub(crate) fn key(&self, path: &[&str]) -> Option<Range<usize>> {
        self.entry(path).map(|(key, value)| key.unwrap_or(value))
    }

    /// The span of a string value's text inside its quotes.
    pub(crate) fn string(&self, path: &[&str]) -> Option<Range<usize>> {
        let span = self.value(path)?;
        let written = self.text.get(span.clone())?;
        let quotes = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|q| written.len() >= 2 * q.len() && written.starts_with(q))
            .map_or(0, str::len);
        Some(span.start + quotes..span.end - quotes)
    }

    /// The key's and the value's spans at `path`, walking tables by key and
    /// arrays by index.
    fn entry(&self, path: &[&str]) -> Option<(Option<Range<usize>>, Range<usize>)> {
        let root = self.root.as_ref()?;
        let (first, rest) = path.split_first()?;
        let (mut key, mut value) = root
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == *first)
            .map(|(k, v)| (Some(k.span()), v))?;
        for step in rest {
            (key, value) = match value.get_ref() {
                DeValue::Table(table) => table
                    .iter()
                    .find(|(k, _)| k.get_ref().as_ref() == *step)
                    .map(|(k, v)| (Some(k.span()), v))?,
                DeValue::Array(items) => (None, items.get(step.parse::<usize>().ok()?)?),
                _ => return None,
            };
        }
        Some((key, value.span()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# [external_links] timeout_seconds = 0\ntitle = \"A\"\n[external_links]\ntimeout_seconds = 0\n[[issues]]\nreason = \"x\"\n[[issues]]\nreason = 'y'\n";

    fn written(span: Option<Range<usize>>) -> &'static str {
        span.map_or("", |s| &DOC[s])
    }

    #[test]
    fn keys_and_values_are_found_by_path_not_by_text() {
        let spans = Spans::parse(DOC);
        let key = spans.key(&["external_links", "timeout_seconds"]);
        assert_eq!(
            key.map(|k| k.start),
            DOC.find("\ntimeout_seconds").map(|i| i + 1)
        );
        assert_eq!(
            written(spans.value(&["external_links"])),
            "[external_links]"
        );
        assert_eq!(written(spans.value(&["issues", "1"])), "[[issues]]");
        assert_eq!(written(spans.value(&["issues", "1", "reason"])), "'y'");
        assert_eq!(written(spans.string(&["issues", "0", "reason"])), "x");
        assert_eq!(written(spans.string(&["title"])), "A");
        assert_eq!(spans.value(&["issues", "2"]), None);
        assert_eq!(spans.value(&["external_links", "threads"]), None);
        assert_eq!(Spans::parse("a = [").value(&["a"]), None);
    }
}
