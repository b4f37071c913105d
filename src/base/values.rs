//! Named values: a detail written once (`dsl = "Ms Priya Raman"` in
//! `[values]`, or built in from the configuration) and used in pages as
//! `{{ dsl }}`. This module finds the slots in a text and replaces them;
//! how a value is written into Markdown or a front matter string is the
//! caller's (see `content::values`). A clean function of (text, values),
//! so that any set of values (one school's, say) can be fed in.

use std::collections::BTreeMap;
use std::ops::Range;

use super::diagnostics::Code;
use super::source_map::{Origin, Replacement, SourceMap};

/// The values a site's pages may use, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Values {
    entries: BTreeMap<String, Entry>,
}

/// A value, or a built-in one whose configuration key is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Text(String),
    /// Built in, but the key it comes from (`contact.phone`) is empty.
    Unset(&'static str),
}

impl Values {
    /// Sets the value of `name`.
    pub(crate) fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.entries.insert(name.into(), Entry::Text(text.into()));
    }

    /// Knows `name`, but reports its use: its value comes from the
    /// configuration key `key`, which is empty.
    pub(crate) fn insert_unset(&mut self, name: impl Into<String>, key: &'static str) {
        self.entries.insert(name.into(), Entry::Unset(key));
    }

    /// Every name, set or not.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

/// Whether `name` can be a value's name: letters, digits, `_` and `-`.
pub(crate) fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Something that looks like a slot, at `span` of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub span: Range<usize>,
    pub kind: SlotKind,
}

/// What a slot holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SlotKind {
    /// `{{ name }}`.
    Name(String),
    /// `\{{`: the braces written as they are (the span is the backslash
    /// before them).
    Escaped,
    /// `{{ }}`, `{{ two words }}` or a `{{` never closed on its line.
    Malformed,
}

/// The slots of `text`, in order.
pub(crate) fn slots(text: &str) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let backslashes = text[..open]
            .bytes()
            .rev()
            .take_while(|b| *b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            out.push(Slot {
                span: open - 1..open,
                kind: SlotKind::Escaped,
            });
            from = open + 2;
            continue;
        }
        let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
        let Some(close) = text[open + 2..line_end].find("}}").map(|i| i + open + 2) else {
            out.push(Slot {
                span: open..open + 2,
                kind: SlotKind::Malformed,
            });
            from = open + 2;
            continue;
        };
        let inner = text[open + 2..close].trim_matches([' ', '\t']);
        let kind = if is_name(inner) {
            SlotKind::Name(inner.to_string())
        } else {
            SlotKind::Malformed
        };
        out.push(Slot {
            span: open..close + 2,
            kind,
        });
        from = close + 2;
    }
    out
}

/// A problem with a slot, at a span of the text substituted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SlotProblem {
    pub code: Code,
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// A text with its slots filled, where each value came from, and the
/// problems found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Substituted {
    pub text: String,
    pub map: SourceMap,
    pub problems: Vec<SlotProblem>,
}

/// How a slot's value is written into the text.
pub(crate) trait Writer {
    /// The text that replaces the slot at `span` whose value is `value`.
    fn value(&self, value: &str, span: &Range<usize>) -> String;
    /// Whether the slot at `span` is left as it is (inside code).
    fn skip(&self, span: &Range<usize>) -> bool;
    /// What replaces the backslash of `\{{` (nothing, or the backslash
    /// itself where the text's own escapes keep it, as Markdown does).
    fn escape(&self) -> Option<&'static str>;
}

/// Values written as they are, in text that is not Markdown (a front
/// matter string: the page's templates escape it like any other); `\{{`
/// is `{{`.
pub(crate) struct Plain;

impl Writer for Plain {
    fn value(&self, value: &str, _: &Range<usize>) -> String {
        value.to_string()
    }
    fn skip(&self, _: &Range<usize>) -> bool {
        false
    }
    fn escape(&self) -> Option<&'static str> {
        Some("")
    }
}

/// `text` with each `{{ name }}` replaced by its value as `writer` writes
/// it. Unknown and malformed slots are left as they are, and reported.
pub(crate) fn substitute(text: &str, values: &Values, writer: &dyn Writer) -> Substituted {
    let mut out = Substituted::default();
    let mut entries = Vec::new();
    let mut from = 0;
    for slot in slots(text) {
        if writer.skip(&slot.span) {
            continue;
        }
        let replacement = match &slot.kind {
            SlotKind::Escaped => match writer.escape() {
                Some(with) => (with.to_string(), Origin::Escape),
                None => continue,
            },
            SlotKind::Malformed => {
                out.problems.push(malformed(text, &slot.span));
                continue;
            }
            SlotKind::Name(name) => match values.entries.get(name) {
                Some(Entry::Text(value)) => {
                    (writer.value(value, &slot.span), Origin::Value(name.clone()))
                }
                Some(Entry::Unset(key)) => {
                    out.problems.push(unset(name, key, &slot.span));
                    continue;
                }
                None => {
                    out.problems.push(unknown(name, values, &slot.span));
                    continue;
                }
            },
        };
        out.text.push_str(&text[from..slot.span.start]);
        let start = out.text.len();
        out.text.push_str(&replacement.0);
        entries.push(Replacement {
            out: start..out.text.len(),
            src: slot.span.clone(),
            origin: replacement.1,
        });
        from = slot.span.end;
    }
    out.text.push_str(&text[from..]);
    out.map = SourceMap::new(entries);
    out
}

fn unknown(name: &str, values: &Values, span: &Range<usize>) -> SlotProblem {
    let define = format!("define it in charter.toml, under [values]: {name} = \"…\"");
    let hint = match super::schema::closest(name, values.names()) {
        Some(best) => format!("did you mean `{{{{ {best} }}}}`? Or {define}"),
        None => define[..1].to_uppercase() + &define[1..],
    };
    SlotProblem {
        code: Code::ValueUnknown,
        span: span.clone(),
        message: format!("`{{{{ {name} }}}}` names no value"),
        hint,
    }
}

fn unset(name: &str, key: &str, span: &Range<usize>) -> SlotProblem {
    let (table, field) = key.split_once('.').map_or(("", key), |(t, f)| (t, f));
    let set = if table.is_empty() {
        format!("set `{field}` in charter.toml")
    } else {
        format!("set `{field}` under [{table}] in charter.toml")
    };
    SlotProblem {
        code: Code::ValueUnset,
        span: span.clone(),
        message: format!("`{{{{ {name} }}}}` is the school's `{key}`, which is empty"),
        hint: format!("{set}, or write the text here instead"),
    }
}

fn malformed(text: &str, span: &Range<usize>) -> SlotProblem {
    let what = &text[span.clone()];
    let message = if what == "{{" {
        "`{{` opens a value's name but no `}}` closes it on this line".to_string()
    } else {
        format!("`{what}` is not a value's name")
    };
    SlotProblem {
        code: Code::ValueMalformed,
        span: span.clone(),
        message,
        hint: "write a value as `{{ name }}`, its name in letters, digits, `_` and `-` (e.g. `{{ dsl_phone }}`); to show the braces themselves, write `\\{{`".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::default();
        v.insert("dsl", "Ms Priya Raman");
        v.insert("dsl_phone", "01632 960 419");
        v.insert_unset("phone", "contact.phone");
        v
    }

    #[test]
    fn slots_with_and_without_spaces() {
        let s = substitute("Ask {{dsl}} on {{ dsl_phone }}.", &values(), &Plain);
        assert_eq!(s.text, "Ask Ms Priya Raman on 01632 960 419.");
        assert!(s.problems.is_empty());
        assert_eq!(s.map.entries().len(), 2);
    }

    #[test]
    fn escaped_braces_stay() {
        let s = substitute(r"Write \{{ dsl }} and \\{{dsl}}", &values(), &Plain);
        assert_eq!(s.text, r"Write {{ dsl }} and \\Ms Priya Raman");
    }

    #[test]
    fn unknown_unset_and_malformed_are_reported() {
        let text = "{{ dls }} {{ phone }} {{ }} {{ two words }} {{ open\n";
        let s = substitute(text, &values(), &Plain);
        assert_eq!(s.text, text);
        let codes: Vec<_> = s.problems.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                Code::ValueUnknown,
                Code::ValueUnset,
                Code::ValueMalformed,
                Code::ValueMalformed,
                Code::ValueMalformed
            ]
        );
        assert!(s.problems[0].hint.contains("did you mean `{{ dsl }}`?"));
        assert!(s.problems[1].hint.contains("[contact]"));
        assert_eq!(&text[s.problems[4].span.clone()], "{{");
    }

    #[test]
    fn names() {
        assert!(is_name("dsl_phone-2"));
        assert!(!is_name("two words"));
        assert!(!is_name(""));
        assert!(!is_name("café"));
    }
}
