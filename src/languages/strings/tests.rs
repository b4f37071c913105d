use super::*;

#[test]
fn every_table_reads() {
    for (code, text) in BUILT_IN {
        if let Err(e) = parse(text) {
            panic!("{code}.toml: {} at {:?}", e.message, e.span);
        }
    }
}

/// Every built-in table has exactly the English keys (none left out on
/// purpose), each with the English string's placeholders.
#[test]
fn every_table_has_the_english_keys_and_placeholders() {
    let english = english();
    assert!(english.len() > 100, "{}", english.len());
    for (code, table) in built_in() {
        let missing: Vec<&String> = english.keys().filter(|k| !table.contains_key(*k)).collect();
        let unknown: Vec<&String> = table.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{code}.toml lacks {missing:?}");
        assert!(
            unknown.is_empty(),
            "{code}.toml has unknown keys {unknown:?}"
        );
        for (key, words) in table {
            assert_eq!(
                placeholders(words),
                placeholders(&english[key]),
                "{code}.toml: `{key}` = {words:?}"
            );
            assert!(
                !words.trim().is_empty() || english[key].trim().is_empty(),
                "{code}: {key}"
            );
        }
    }
}

#[test]
fn no_key_is_written_twice() {
    for (code, text) in BUILT_IN {
        let entries = parse(text).unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            assert!(seen.insert(&e.key), "{code}.toml: `{}` twice", e.key);
        }
    }
}

#[test]
fn placeholders_are_read_from_braces() {
    assert_eq!(placeholders("{n} pages found for {query}."), ["n", "query"]);
    assert_eq!(placeholders("no braces"), Vec::<&str>::new());
    assert_eq!(placeholders("{ not one } {also Not}"), Vec::<&str>::new());
}

#[test]
fn a_language_falls_back_by_region_then_to_english() {
    let site = SiteTables::default();
    let welsh = Strings::resolve("cy-GB", &site);
    assert!(!welsh.no_table && welsh.missing.is_empty());
    assert_eq!(welsh.strings.get("nav_home"), built_in()["cy"]["nav_home"]);
    let somali = Strings::resolve("so", &site);
    assert!(somali.no_table);
    assert_eq!(somali.strings.get("nav_home"), "Home");
    let english = Strings::resolve("en-GB", &site);
    assert!(!english.no_table && english.missing.is_empty());
}

#[test]
fn fill_puts_values_in_placeholders() {
    let s = Strings::english();
    assert_eq!(
        s.fill("form_page_of", &[("n", "1"), ("count", "2")]),
        "Page 1 of 2"
    );
}
