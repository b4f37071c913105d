//! `[values]`: details a site writes once and its pages use as
//! `{{ name }}`, and the built-in values that come from the rest of
//! `charter.toml`.

use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::source::SourceFile;
use crate::base::values::{Values, is_name};

use super::Config;
use super::spans::Spans;

/// The built-in values: (name, the configuration key they come from).
pub(crate) const BUILT_IN: [(&str, &str); 5] = [
    ("school", "title"),
    ("email", "contact.email"),
    ("phone", "contact.phone"),
    ("address", "contact.address"),
    ("safeguarding", "contact.safeguarding"),
];

impl Config {
    /// The values the site's pages may use: the built-in ones, then
    /// `[values]`.
    pub(crate) fn values(&self) -> Values {
        let mut values = Values::default();
        for (name, key) in BUILT_IN {
            let text = match key {
                "title" => &self.title,
                "contact.email" => &self.contact.email,
                "contact.phone" => &self.contact.phone,
                "contact.address" => &self.contact.address,
                _ => &self.contact.safeguarding,
            };
            if text.trim().is_empty() {
                values.insert_unset(name, key);
            } else {
                values.insert(name, text.as_str());
            }
        }
        for (name, value) in &self.values {
            if let Some(text) = value.as_str()
                && !BUILT_IN.iter().any(|(b, _)| b == name)
            {
                values.insert(name.as_str(), text);
            }
        }
        values
    }

    /// Each `[values]` entry has a usable name and a one-line text value.
    pub(super) fn validate_values(&self, source: &SourceFile, spans: &Spans) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (name, value) in &self.values {
            let key = || spans.key(&["values", name]).unwrap_or(0..0);
            let at_value = || spans.value(&["values", name]).unwrap_or(0..0);
            let mut problem = |span, message: String, hint: String| {
                out.push(Diagnostic::at(
                    Code::ConfigInvalid,
                    source,
                    span,
                    message,
                    hint,
                ));
            };
            if let Some((_, from)) = BUILT_IN.iter().find(|(b, _)| b == name) {
                problem(
                    key(),
                    format!(
                        "`{name}` is a built-in value: pages' `{{{{ {name} }}}}` is the `{from}` of charter.toml"
                    ),
                    format!(
                        "set `{from}` instead, or give this value another name, e.g. `our_{name}`"
                    ),
                );
            } else if !is_name(name) {
                problem(
                    key(),
                    format!("`{name}` cannot be a value's name"),
                    "use letters, digits, `_` and `-` only, e.g. dsl_phone = \"01632 960 419\""
                        .into(),
                );
            }
            match value.as_str() {
                None => problem(
                    at_value(),
                    format!("the value `{name}` is not text"),
                    format!("write it in double quotes, e.g. {name} = \"{value}\""),
                ),
                Some(text) if text.contains("{{") => problem(
                    at_value(),
                    format!(
                        "the value `{name}` has `{{{{` in it: a value cannot use another value"
                    ),
                    "write the text out in full".into(),
                ),
                Some(text) if text.contains(['\n', '\r']) => problem(
                    at_value(),
                    format!("the value `{name}` runs over more than one line"),
                    "write it on one line: a value is used inside a sentence".into(),
                ),
                Some(_) => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::base::source::SourceFile;
    use crate::config::Config;

    fn parse(text: &str) -> Result<Config, Vec<crate::base::diagnostics::Diagnostic>> {
        Config::parse(&SourceFile::new(crate::layout::CONFIG_FILE, "/x", text))
    }

    #[test]
    fn values_and_built_ins() {
        let config = parse(
            "title = \"Elm School\"\n[contact]\nemail = \"office@elm.example\"\n[values]\ndsl = \"Ms Raman\"\n",
        )
        .unwrap();
        assert_eq!(config.values().names().count(), 6);
        let mut expected = crate::base::values::Values::default();
        expected.insert("school", "Elm School");
        expected.insert("email", "office@elm.example");
        expected.insert_unset("phone", "contact.phone");
        expected.insert_unset("address", "contact.address");
        expected.insert_unset("safeguarding", "contact.safeguarding");
        expected.insert("dsl", "Ms Raman");
        assert_eq!(config.values(), expected);
    }

    #[test]
    fn bad_entries_are_config_errors_at_their_line() {
        let errors = parse(
            "title = \"S\"\n[values]\nschool = \"X\"\n\"two words\" = \"Y\"\nn = 3\nr = \"{{ dsl }}\"\nm = \"a\\nb\"\n",
        )
        .unwrap_err();
        let mut lines: Vec<(usize, bool)> = errors
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.code == crate::base::diagnostics::Code::ConfigInvalid,
                )
            })
            .collect();
        lines.sort_unstable();
        assert_eq!(
            lines,
            [(3, true), (4, true), (5, true), (6, true), (7, true)],
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.line == 3 && e.hint.contains("set `title`"))
        );
    }
}
