//! Where each part of a text Charter reads came from, when it is not the
//! text as written: a page whose `{{ name }}` slots were replaced by the
//! site's values is read with the values in it, but every finding names the
//! author's own line and column. One entry per replacement; text between
//! entries is the author's, shifted.

use std::ops::Range;

/// What a replacement put in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The value of that name, written `{{ name }}`.
    Value(String),
    /// An escape written out: `\{{` read as `{{`, or a TOML escape
    /// sequence in a front matter string.
    Escape,
}

/// One replacement: `out` in the text as read came from `src` in the text
/// as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Replacement {
    pub out: Range<usize>,
    pub src: Range<usize>,
    pub origin: Origin,
}

/// The replacements of one text, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SourceMap {
    entries: Vec<Replacement>,
}

impl SourceMap {
    /// A map of `entries`, which must be in order and not overlap (as a
    /// left-to-right substitution makes them).
    pub(crate) fn new(entries: Vec<Replacement>) -> SourceMap {
        debug_assert!(entries.windows(2).all(|w| w[0].out.end <= w[1].out.start));
        SourceMap { entries }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entries(&self) -> &[Replacement] {
        &self.entries
    }

    /// The offset as written of an offset in the text as read. An offset
    /// inside a replaced text is the start of what it replaced (the `{{`
    /// of the slot), since the author wrote nothing nearer.
    pub(crate) fn to_written(&self, at: usize) -> usize {
        let i = self.entries.partition_point(|e| e.out.start <= at);
        let Some(e) = i.checked_sub(1).map(|i| &self.entries[i]) else {
            return at;
        };
        if at < e.out.end {
            e.src.start
        } else {
            e.src.end + (at - e.out.end)
        }
    }

    /// A span of the text as read, as written: a span that starts or ends
    /// inside a replaced text covers all that it replaced.
    pub(crate) fn span_to_written(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_written(span.start);
        let i = self.entries.partition_point(|e| e.out.start < span.end);
        let end = match i.checked_sub(1).map(|i| &self.entries[i]) {
            None => span.end,
            Some(e) if span.end <= e.out.end => e.src.end,
            Some(e) => e.src.end + (span.end - e.out.end),
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `written` with each `(range, text)` replaced, and its map.
    pub(crate) fn replace(written: &str, parts: &[(Range<usize>, &str)]) -> (String, SourceMap) {
        let mut out = String::new();
        let mut entries = Vec::new();
        let mut from = 0;
        for (src, text) in parts {
            out.push_str(&written[from..src.start]);
            let start = out.len();
            out.push_str(text);
            entries.push(Replacement {
                out: start..out.len(),
                src: src.clone(),
                origin: Origin::Value("v".into()),
            });
            from = src.end;
        }
        out.push_str(&written[from..]);
        (out, SourceMap::new(entries))
    }

    #[test]
    fn offsets_before_inside_and_after_a_replacement() {
        let written = "Ask {{ dsl }} now.";
        let (read, map) = replace(written, &[(4..13, "Ms Priya Raman")]);
        assert_eq!(read, "Ask Ms Priya Raman now.");
        // Before: unchanged.
        assert_eq!(map.to_written(2), 2);
        // Inside: the slot's start.
        assert_eq!(map.to_written(4), 4);
        assert_eq!(map.to_written(10), 4);
        // After: shifted back.
        let now = read.find("now").unwrap();
        assert_eq!(map.to_written(now), written.find("now").unwrap());
        assert_eq!(map.span_to_written(7..9), 4..13);
        assert_eq!(map.span_to_written(now..now + 3), 14..17);
    }

    #[test]
    fn several_on_a_line_and_multibyte_text() {
        let written = "é {{ a }} – {{ b }} café";
        let a = written.find("{{ a }}").unwrap();
        let b = written.find("{{ b }}").unwrap();
        let (read, map) = replace(written, &[(a..a + 7, "Ünïcødé"), (b..b + 7, "")]);
        assert_eq!(read, "é Ünïcødé –  café");
        let cafe = read.find("café").unwrap();
        assert_eq!(map.to_written(cafe), written.find("café").unwrap());
        let dash = read.find('–').unwrap();
        assert_eq!(map.to_written(dash), written.find('–').unwrap());
        // An empty value: the offset where it was is just after the slot.
        assert_eq!(map.to_written(cafe - 1), b + 7);
        assert_eq!(
            map.span_to_written(dash..cafe + 2),
            written.find('–').unwrap()..written.len() - 3
        );
    }

    #[test]
    fn no_replacements_is_the_identity() {
        let map = SourceMap::default();
        assert_eq!(map.to_written(5), 5);
        assert_eq!(map.span_to_written(3..7), 3..7);
    }
}
