//! A band's `ages`, written the way people write them: `"11 to 14"`,
//! `"11-14"`, `"11–14"` and `[11, 14]` mean the same and are all read as
//! "11 to 14", the form the site shows ("ages 11 to 14"). Anything else in
//! quotes is kept as written; other values get a hint with the accepted
//! form.

use serde::de::{Deserialize, Deserializer, Error};

/// `#[serde(deserialize_with)]` for `Band::ages`.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let value = toml::Value::deserialize(d)?;
    read(&value).map_err(D::Error::custom)
}

fn read(value: &toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(s) => Ok(normalise(s)),
        toml::Value::Integer(n) => Ok(n.to_string()),
        toml::Value::Array(items) => {
            let ages: Option<Vec<i64>> = items.iter().map(toml::Value::as_integer).collect();
            match ages.as_deref() {
                Some([one]) => Ok(one.to_string()),
                Some([from, to]) => Ok(format!("{from} to {to}")),
                _ => Err(format!(
                    "found {value}, expected the youngest and oldest age: write ages = \"{}\"",
                    suggestion(items)
                )),
            }
        }
        other => Err(format!(
            "found {other}, expected text like \"11 to 14\": write ages = \"11 to 14\""
        )),
    }
}

/// "11-14", "11 – 14" or "11 to 14" → "11 to 14"; other text as it is.
fn normalise(text: &str) -> String {
    let t = text.trim();
    let split = t
        .split_once(" to ")
        .or_else(|| t.split_once(['-', '–', '—']));
    if let Some((from, to)) = split {
        let (from, to) = (from.trim(), to.trim());
        let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if number(from) && number(to) {
            return format!("{from} to {to}");
        }
    }
    t.to_string()
}

/// The first and last numbers of a list, as "A to B", for the hint.
fn suggestion(items: &[toml::Value]) -> String {
    let numbers: Vec<String> = items
        .iter()
        .filter_map(|v| {
            v.as_integer()
                .map(|n| n.to_string())
                .or_else(|| v.as_str().map(str::to_string))
        })
        .collect();
    match (numbers.first(), numbers.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => "11 to 14".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages(toml_value: &str) -> Result<String, String> {
        let doc: toml::Table = toml::from_str(&format!("ages = {toml_value}")).unwrap();
        read(&doc["ages"])
    }

    #[test]
    fn the_usual_spellings_mean_the_same() {
        for v in [
            "[11, 14]",
            "\"11 to 14\"",
            "\"11-14\"",
            "\"11 – 14\"",
            "\" 11—14 \"",
        ] {
            assert_eq!(ages(v).as_deref(), Ok("11 to 14"), "{v}");
        }
        assert_eq!(ages("[4]").as_deref(), Ok("4"));
        assert_eq!(ages("\"16 and over\"").as_deref(), Ok("16 and over"));
    }

    #[test]
    fn other_values_get_the_accepted_form() {
        let e = ages("[11, 12, 13, 14]").unwrap_err();
        assert!(e.contains("write ages = \"11 to 14\""), "{e}");
        assert!(
            ages("true")
                .unwrap_err()
                .contains("write ages = \"11 to 14\"")
        );
    }
}
