//! Front matter with a TOML syntax error still gets the rest of its file
//! checked. The line of each syntax error is reported, then blanked (its
//! bytes become spaces, so every span stays where it was), and the
//! document is read again, up to once per line; the keys and the body
//! that remain are checked as usual. A key whose own line was blanked is
//! not reported again as missing.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::schema::{self, Problem, Schema};

/// Reads `text` as `T` like [`schema::parse_keeping`], recovering from
/// syntax errors line by line. The value is `None` only when nothing
/// readable is left.
pub(crate) fn parse_recovering<T: DeserializeOwned>(
    text: &str,
    schema: &Schema,
    edit: &mut schema::Edit<'_>,
) -> (Option<T>, Vec<Problem>) {
    let mut text = text.to_string();
    let mut problems = Vec::new();
    let mut broken_keys = Vec::new();
    for _ in 0..=text.lines().count() {
        let (_, errors) = DeTable::parse_recoverable(&text);
        let Some(error) = errors.first() else {
            break;
        };
        let at = error.span().map_or(0, |s| s.start).min(text.len());
        let line = line_at(&text, at);
        if text[line.clone()].trim().is_empty() {
            // Nothing left to blank on this line: give up on the rest.
            problems.push(schema::syntax_problem(&text, error));
            return (None, problems);
        }
        problems.push(schema::syntax_problem(&text, error));
        if let Some((key, _)) = text[line.clone()].split_once('=') {
            broken_keys.push(key.trim().trim_matches('"').to_string());
        }
        blank(&mut text, line);
    }
    let (value, rest) = schema::parse_edited::<T>(&text, schema, edit);
    let missing = |p: &Problem| {
        broken_keys
            .iter()
            .any(|k| p.message == format!("missing required key `{k}`"))
    };
    problems.extend(rest.into_iter().filter(|p| !missing(p)));
    (value, problems)
}

/// The byte range of the line holding byte `at` (without its newline).
fn line_at(text: &str, at: usize) -> Range<usize> {
    // An error reported at a line's newline belongs to that line.
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

fn blank(text: &mut String, line: Range<usize>) {
    let spaces = " ".repeat(line.len());
    text.replace_range(line, &spaces);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::schema::Field;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct PolicyFront {
        #[allow(dead_code)]
        title: String,
        #[serde(default)]
        #[allow(dead_code)]
        owners: Vec<String>,
        #[allow(dead_code)]
        approved: Option<toml::value::Datetime>,
        #[serde(default)]
        summary: String,
    }

    static POLICY: Schema = Schema {
        fields: &[
            Field::new("title", "text").required(),
            Field::new("owners", "a list").required(),
            Field::new("approved", "a date"),
            Field::new("summary", "text"),
        ],
    };

    #[test]
    fn the_rest_of_the_front_matter_is_read_past_a_syntax_error() {
        let text = "title = \"P\"\nowners = [\"Head\"]\napproved = 01/09/2026\nnext_reveiw = \"Autumn 2026\"\nsummary = \"S\"\n";
        let (value, problems) = parse_recovering::<PolicyFront>(text, &POLICY, &mut |_, _| {});
        let value = value.expect("read past the error");
        assert_eq!(value.summary, "S");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`approved = 01/09/2026` is not a date"));
        assert_eq!(messages[1], "unknown key `next_reveiw`");
        assert_eq!(&text[problems[0].span.clone()], "01/09/2026");
    }

    #[test]
    fn a_broken_required_key_is_not_also_missing() {
        let text = "title = \"P\"\nowners = [\"Head\", \n";
        let (_, problems) = parse_recovering::<PolicyFront>(text, &POLICY, &mut |_, _| {});
        assert!(
            problems.iter().all(|p| !p.message.starts_with("missing")),
            "{problems:?}"
        );
        let (value, problems) =
            parse_recovering::<PolicyFront>("\"\"\"\n", &POLICY, &mut |_, _| {});
        assert!(value.is_none() && !problems.is_empty());
    }
}
