//! Values written the way people write them: a value of the wrong type
//! whose other spelling is obvious gets a hint with the accepted form and
//! the author's own value in it (`owners = "Head"` → `owners = ["Head"]`,
//! `statutory = "yes"` → `statutory = true`, `reference = 7` →
//! `reference = "7"`). Used by `schema` for every TOML file Charter reads.

/// The accepted spelling of `value` (as written in the file) for `key`,
/// given what the type check `found` and `expected` (in the words of
/// `schema`'s messages: "a list", "true or false", "a string"…).
pub(crate) fn accepted_form(key: &str, value: &str, expected: &str) -> Option<String> {
    let value = value.trim();
    let unquoted = value.trim_matches(['"', '\'']);
    let is_string = value.starts_with(['"', '\'']);
    let form = if expected.starts_with("a list") && is_string {
        // "Head, Deputy head" was meant as two names.
        let items: Vec<String> = unquoted
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| format!("\"{s}\""))
            .collect();
        format!("[{}]", items.join(", "))
    } else if expected.starts_with("true or false") {
        match unquoted.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "on" | "1" => "true".to_string(),
            "no" | "n" | "false" | "off" | "0" => "false".to_string(),
            _ => return None,
        }
    } else if expected.starts_with("a string") && !is_string {
        match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            // A list of one: the one.
            Some(inner) if !inner.contains(',') && !inner.trim().is_empty() => {
                format!("\"{}\"", inner.trim().trim_matches(['"', '\'']))
            }
            Some(_) => return None,
            None if !value.contains(['{', '\n']) => format!("\"{value}\""),
            None => return None,
        }
    } else {
        return None;
    };
    Some(format!("{key} = {form}"))
}

#[cfg(test)]
mod tests {
    use super::accepted_form;

    #[test]
    fn obvious_other_spellings() {
        let cases = [
            (
                "owners",
                "\"Attendance Officer\"",
                "a list",
                "owners = [\"Attendance Officer\"]",
            ),
            (
                "owners",
                "\"Head, DSL\"",
                "a list",
                "owners = [\"Head\", \"DSL\"]",
            ),
            (
                "audiences",
                "'parents'",
                "a list",
                "audiences = [\"parents\"]",
            ),
            ("statutory", "\"yes\"", "true or false", "statutory = true"),
            ("draft", "\"No\"", "true or false", "draft = false"),
            ("reference", "7", "a string", "reference = \"7\""),
            (
                "approved_by",
                "[\"Governors\"]",
                "a string",
                "approved_by = \"Governors\"",
            ),
        ];
        for (key, value, expected, form) in cases {
            assert_eq!(
                accepted_form(key, value, expected).as_deref(),
                Some(form),
                "{value}"
            );
        }
    }

    #[test]
    fn no_guess_where_none_is_obvious() {
        assert_eq!(
            accepted_form("statutory", "\"maybe\"", "true or false"),
            None
        );
        assert_eq!(accepted_form("title", "[\"a\", \"b\"]", "a string"), None);
        assert_eq!(accepted_form("owners", "3", "a list"), None);
        assert_eq!(accepted_form("x", "{ a = 1 }", "a string"), None);
    }
}
