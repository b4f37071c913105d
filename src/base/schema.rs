//! Checks a TOML document against the keys Charter knows before it is turned
//! into typed settings, so that authors get every problem of a file at once:
//! each unknown key (with the closest known one), each missing required key,
//! and each value of the wrong type, all with exact spans.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of one TOML table.
#[derive(Debug)]
pub(crate) struct Schema {
    pub fields: &'static [Field],
}

/// One key: its name, whether it must be present, what its value looks like
/// (said in the hint of a type error), and the keys of its nested table or
/// array of tables, if any.
#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub required: bool,
    pub expect: &'static str,
    pub nested: Option<&'static Schema>,
}

impl Field {
    pub(crate) const fn new(name: &'static str, expect: &'static str) -> Self {
        Field {
            name,
            required: false,
            expect,
            nested: None,
        }
    }
    pub(crate) const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub(crate) const fn nested(mut self, schema: &'static Schema) -> Self {
        self.nested = Some(schema);
        self
    }
}

/// A problem found in a document, with a byte span into the TOML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
    /// For an unknown key at the top level, its name.
    pub unknown_key: Option<String>,
}

/// Parses `text` and deserializes it as `T`, reporting every problem found.
/// Returns the value when the document has no problem at all.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, schema: &Schema) -> (Option<T>, Vec<Problem>) {
    let (value, problems) = parse_keeping(text, schema);
    if problems.is_empty() {
        (value, problems)
    } else {
        (None, problems)
    }
}

/// [`parse`], but the value comes back whenever the document could be read
/// as `T` once its unknown keys and wrongly typed values were left out, so
/// that the rest of a page can still be checked.
pub(crate) fn parse_keeping<T: DeserializeOwned>(
    text: &str,
    schema: &Schema,
) -> (Option<T>, Vec<Problem>) {
    parse_edited(text, schema, &mut |_, _| {})
}

/// A change made to a document's values after its keys are checked and
/// before they are read as `T` (a page's values put in its strings).
pub(crate) type Edit<'e> = dyn FnMut(&str, &mut DeTable<'_>) + 'e;

/// [`parse_keeping`], with `edit` made to the document before it is read.
pub(crate) fn parse_edited<T: DeserializeOwned>(
    text: &str,
    schema: &Schema,
    edit: &mut Edit<'_>,
) -> (Option<T>, Vec<Problem>) {
    let (mut root, parse_errors) = DeTable::parse_recoverable(text);
    let mut problems: Vec<Problem> = parse_errors
        .iter()
        .map(|e| syntax_problem(text, e))
        .collect();
    if !problems.is_empty() {
        return (None, problems);
    }
    let whole = root.span();
    check_table(root.get_mut(), whole.clone(), schema, "", &mut problems);
    edit(text, root.get_mut());
    let checked = problems.len();
    let value = deserialize_reporting_each_bad_key(root.into_inner(), whole, schema, &mut problems);
    // `approved = "01/09/2026"`: a date in quotes, and in another order.
    for p in &mut problems[checked..] {
        if let Some(advice) = super::date_mistakes::advise_value(text, p.span.clone()) {
            p.message = advice.message;
            p.hint = advice.hint;
        } else if let Some(form) = accepted_form(text, p) {
            p.hint = format!("{}: write {form}", p.hint);
        }
    }
    (value, problems)
}

/// A TOML syntax error as a problem; a date written another way than
/// `YYYY-MM-DD` is explained as such (see `date_mistakes`).
pub(crate) fn syntax_problem(text: &str, e: &toml::de::Error) -> Problem {
    let span = e.span().unwrap_or(0..0);
    let problem = Problem {
        span: span.clone(),
        message: format!("this is not valid TOML: {}", first_line(e.message())),
        hint: "check the quotes, brackets and `=` signs on this line; text values need \"double quotes\""
            .to_string(),
        unknown_key: None,
    };
    with_date_advice(text, problem)
}

/// The problem, told as a date mistake when its line holds a date-shaped
/// value.
fn with_date_advice(text: &str, problem: Problem) -> Problem {
    let at = problem.span.start.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    match super::date_mistakes::advise(&text[line_start..line_end]) {
        Some(advice) => Problem {
            span: advice.span.start + line_start..advice.span.end + line_start,
            message: advice.message,
            hint: advice.hint,
            unknown_key: None,
        },
        None => problem,
    }
}

/// The other spelling of a wrongly typed value, from the problem's words
/// ("…, expected a list") and the value as written.
fn accepted_form(text: &str, p: &Problem) -> Option<String> {
    let key = super::date_mistakes::key_before(text, p.span.start)?;
    let value = text.get(p.span.clone())?;
    let expected = p.message.rsplit_once("expected ")?.1;
    super::respell::accepted_form(key, value, expected)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim_end_matches('.')
}

/// Reports unknown and missing keys, removing unknown ones so that the typed
/// pass that follows can still report type errors in the rest.
fn check_table(
    table: &mut DeTable<'_>,
    table_span: Range<usize>,
    schema: &Schema,
    prefix: &str,
    problems: &mut Vec<Problem>,
) {
    let unknown: Vec<_> = table
        .keys()
        .filter(|k| !schema.fields.iter().any(|f| f.name == k.get_ref().as_ref()))
        .cloned()
        .collect();
    for key in unknown {
        let name = key.get_ref().as_ref();
        let hint = match closest(name, schema.fields.iter().map(|f| f.name)) {
            Some(best) => format!("did you mean `{prefix}{best}`?"),
            None => format!(
                "the keys allowed here are: {}",
                schema
                    .fields
                    .iter()
                    .map(|f| format!("`{}`", f.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        problems.push(Problem {
            span: key.span(),
            message: format!("unknown key `{prefix}{name}`"),
            hint,
            unknown_key: prefix.is_empty().then(|| name.to_string()),
        });
        table.remove(&key);
    }
    for field in schema.fields {
        let entry = table
            .iter_mut()
            .find(|(k, _)| k.get_ref().as_ref() == field.name);
        match entry {
            None if field.required => problems.push(Problem {
                span: table_span.start..table_span.start,
                message: format!("missing required key `{prefix}{}`", field.name),
                hint: format!("add `{} = …` with {}", field.name, field.expect),
                unknown_key: None,
            }),
            None => {}
            Some((_, value)) => {
                if let Some(nested) = field.nested {
                    let value_span = value.span();
                    let nested_prefix = format!("{prefix}{}.", field.name);
                    match value.get_mut() {
                        DeValue::Table(t) => {
                            check_table(t, value_span, nested, &nested_prefix, problems);
                        }
                        DeValue::Array(items) => {
                            for item in items.iter_mut() {
                                let item_span = item.span();
                                if let DeValue::Table(t) = item.get_mut() {
                                    check_table(t, item_span, nested, &nested_prefix, problems);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

/// Deserializes the whole table; each time a value has the wrong type it is
/// reported and removed, and the rest is tried again, so every bad key of a
/// file is reported in one run (bounded by the number of keys).
fn deserialize_reporting_each_bad_key<T: DeserializeOwned>(
    mut table: DeTable<'_>,
    whole: Range<usize>,
    schema: &Schema,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    for _ in 0..=table.len() {
        let spanned = Spanned::new(whole.clone(), table.clone());
        match T::deserialize(toml::de::Deserializer::from(spanned)) {
            Ok(v) => return Some(v),
            Err(e) => {
                let span = e.span().unwrap_or(whole.start..whole.start);
                let key = table
                    .iter()
                    .find(|(k, v)| {
                        let vs = v.span();
                        (vs.start <= span.start && span.start < vs.end.max(vs.start + 1))
                            || k.span().start == span.start
                    })
                    .map(|(k, _)| k.clone());
                let field = key.as_ref().and_then(|k| {
                    schema
                        .fields
                        .iter()
                        .find(|f| f.name == k.get_ref().as_ref())
                });
                let detail = plain_serde_words(first_line(e.message()));
                let message = match &key {
                    Some(k) => format!("wrong value for `{}`: {detail}", k.get_ref().as_ref()),
                    None => detail,
                };
                let hint = match field {
                    Some(f) => format!("`{}` takes {}", f.name, f.expect),
                    None => "see the README for the keys and values allowed here".to_string(),
                };
                problems.push(Problem {
                    span,
                    message,
                    hint,
                    unknown_key: None,
                });
                match key {
                    Some(k) => {
                        table.remove(&k);
                    }
                    None => return None,
                }
            }
        }
    }
    None
}

/// Serde speaks of sequences and maps; authors write lists and tables.
fn plain_serde_words(message: &str) -> String {
    message
        .replace("invalid type: ", "found ")
        .replace("a sequence", "a list")
        .replace("a map", "a table")
        .replace("expected a boolean", "expected true or false")
        .replace("a TOML datetime", "a date")
}

/// The candidate closest to `name` by edit distance, if it is close enough to
/// be a plausible typo.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // A cut-short name ("filterin" for "filtering-and-monitoring") is a
    // likely mistake even when the edit distance is large.
    if lower.chars().count() >= 4
        && let Some(best) = candidates
            .iter()
            .filter(|c| c.to_lowercase().starts_with(&lower))
            .min_by_key(|c| (c.len(), **c))
    {
        return Some(best);
    }
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(name.chars().count()) / 3).max(2))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// For tests: requires `schema` to list exactly the keys `T` accepts, in
/// every nested table. `doc` must set every key the schema lists; it has to
/// parse into `T`, and at each table the fields serde names in its
/// unknown-field error (the struct's own list) must be the schema's.
#[cfg(test)]
pub(crate) fn assert_schema_matches<T: DeserializeOwned>(schema: &Schema, doc: &str) {
    let (value, problems) = parse::<T>(doc, schema);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(value.is_some());
    let root: toml::Table = doc.parse().expect("the test document is TOML");
    assert_level::<T>(schema, &root, &mut Vec::new());
}

#[cfg(test)]
fn assert_level<T: DeserializeOwned>(schema: &Schema, root: &toml::Table, path: &mut Vec<String>) {
    let mut listed: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
    listed.sort_unstable();
    let mut probe = root.clone();
    let here = table_at(&mut probe, path);
    let mut written: Vec<&str> = here.keys().map(String::as_str).collect();
    written.sort_unstable();
    assert_eq!(written, listed, "the test document at {path:?}");
    here.insert("not_a_key".into(), toml::Value::Integer(1));
    let text = toml::to_string(&probe).expect("the probe serializes");
    let Err(e) = toml::from_str::<T>(&text) else {
        panic!("the struct at {path:?} accepts unknown keys");
    };
    let expected = e
        .message()
        .split_once("expected")
        .map_or("", |(_, rest)| rest);
    let mut fields: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    fields.sort_unstable();
    assert_eq!(fields, listed, "the struct's fields at {path:?}");
    for field in schema.fields {
        if let Some(nested) = field.nested {
            path.push(field.name.to_string());
            assert_level::<T>(nested, root, path);
            path.pop();
        }
    }
}

/// The table at `path`, taking the first item of an array of tables.
#[cfg(test)]
fn table_at<'a>(table: &'a mut toml::Table, path: &[String]) -> &'a mut toml::Table {
    let Some((first, rest)) = path.split_first() else {
        return table;
    };
    let next = match table.get_mut(first) {
        Some(toml::Value::Table(t)) => t,
        Some(toml::Value::Array(items)) => match items.first_mut() {
            Some(toml::Value::Table(t)) => t,
            _ => panic!("`{first}` has no table in the test document"),
        },
        _ => panic!("`{first}` is not a table in the test document"),
    };
    table_at(next, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        #[serde(default)]
        title: String,
        #[serde(default)]
        statutory: bool,
        #[serde(default)]
        count: u32,
        #[serde(default)]
        items: Vec<Item>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        id: String,
    }

    static ITEM: Schema = Schema {
        fields: &[Field::new("id", "a string").required()],
    };
    static DOC: Schema = Schema {
        fields: &[
            Field::new("title", "a string in quotes").required(),
            Field::new("statutory", "true or false"),
            Field::new("count", "a whole number"),
            Field::new("items", "a list of tables").nested(&ITEM),
        ],
    };

    #[test]
    fn reports_every_problem_of_a_document() {
        let text = "titel = \"x\"\nstatutory = \"yes\"\ncount = \"two\"\n[[items]]\nid = \"a\"\nname = \"b\"\n";
        let (doc, problems) = parse::<Doc>(text, &DOC);
        assert!(doc.is_none());
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages.contains(&"unknown key `titel`"), "{messages:?}");
        assert!(
            messages.contains(&"missing required key `title`"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"unknown key `items.name`"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("wrong value for `statutory`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("wrong value for `count`")),
            "{messages:?}"
        );
        let titel = problems
            .iter()
            .find(|p| p.message == "unknown key `titel`")
            .unwrap();
        assert_eq!(titel.span, 0..5);
        assert_eq!(titel.hint, "did you mean `title`?");
        let statutory = problems
            .iter()
            .find(|p| p.message.contains("statutory"))
            .unwrap();
        assert_eq!(&text[statutory.span.clone()], "\"yes\"");
    }

    #[test]
    fn valid_document_parses() {
        let (doc, problems) = parse::<Doc>("title = \"A\"\ncount = 2\n", &DOC);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.unwrap().count, 2);
    }

    #[test]
    fn syntax_errors_have_spans() {
        let (doc, problems) = parse::<Doc>("title = \"unclosed\n", &DOC);
        assert!(doc.is_none());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("this is not valid TOML"));
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("owner", ["owners", "title"]), Some("owners"));
        assert_eq!(closest("colour", ["owners", "title"]), None);
        assert_eq!(
            closest("filterin", ["scope", "filtering-and-monitoring"]),
            Some("filtering-and-monitoring")
        );
    }
}
