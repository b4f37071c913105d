//! Named values (issue 19, part 1): `[values]` in charter.toml and the
//! built-in ones, used in pages as `{{ name }}`. Run through the real
//! binary: what each output shows, what is left alone, and where each
//! problem is reported.

mod common;
mod pdf_text;

use common::{Site, TODAY, git};
use scraper::{Html, Selector};
use serde_json::Value;

/// Words no page of the example has, so that finding them proves the value
/// was put in.
const DSL: &str = "Ms Zephyrine Quillfeather";
const TAG: &str = "Brackenwood Charter";
/// Markdown and HTML that must be shown as they are.
const ODD: &str = "*Mr* <script>alert(1)</script> [x](y) & Co_x_ #1";

/// The example school with values defined and used in a policy's title, an
/// agreement and a page.
fn example_with_values() -> Site {
    let s = Site::example();
    // The example's own `dsl` (used in its visitors' agreement) changes.
    edit(
        &s,
        "charter.toml",
        "[values]\ndsl = \"Ms Priya Raman\"\n",
        &format!("[values]\ndsl = \"{DSL}\"\ntag = \"{TAG}\"\nodd = '{ODD}'\n"),
    );
    assert!(s.read("agreements/visitors.md").contains("{{ dsl }}"));
    edit(
        &s,
        "agreements/visitors.md",
        "\n- I will use the guest network",
        "\n- I will ask {{ odd }} first.\n- I will use the guest network",
    );
    edit(
        &s,
        "content/policies/online-safety.md",
        "title = \"Online safety\"",
        "title = \"Online safety ({{ tag }})\"",
    );
    // First, so that it is among the words the search index keeps.
    let about =
        s.read("content/pages/about.md")
            .replacen("+++\n\n", "+++\n\nAsk {{ odd }} today.\n\n", 1);
    s.write(
        "content/pages/about.md",
        format!(
            "{about}\nWrite `{{{{ dsl }}}}` in code, or \\{{{{ dsl }}}} in text.\n\n```\n{{{{ dsl }}}}\n```\n\n    {{{{dsl}}}} indented\n\nOur school is {{{{ school }}}}, {{{{ address }}}}. Call {{{{ phone }}}} or write to {{{{ email }}}}.\n"
        ),
    );
    s
}

fn edit(s: &Site, rel: &str, from: &str, to: &str) {
    let text = s.read(rel);
    assert!(text.contains(from), "{rel} has no {from}");
    s.write(rel, text.replacen(from, to, 1));
}

/// The search index's terms of `field` (`title`, `summary`, `excerpt`…).
fn search_terms(s: &Site, field: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in s.snapshot("public/search/index") {
        if path.contains("terms") {
            let json: Value = serde_json::from_slice(&bytes).unwrap();
            if let Some(terms) = json[field].as_object() {
                out.extend(terms.keys().cloned());
            }
        }
    }
    out
}

#[test]
fn values_reach_every_output_as_text() {
    let s = example_with_values();
    let run = s.build();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // The page: the value is text, escaped, not Markdown or HTML.
    let html = Html::parse_document(&s.read("public/about/index.html"));
    let p = Selector::parse("main p").unwrap();
    let paragraphs: Vec<String> = html
        .select(&p)
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        paragraphs.contains(&format!("Ask {ODD} today.")),
        "{paragraphs:#?}"
    );
    assert!(
        paragraphs.contains(
            &"Our school is Elmbrook Valley School, Mill Lane, Elmbrook, Westshire, EB4 7QT. Call 01632 960 418 or write to office@elmbrook-valley.example.sch.uk."
                .to_string()
        ),
        "{paragraphs:#?}"
    );
    let ask = html
        .select(&p)
        .find(|e| e.text().collect::<String>().starts_with("Ask "))
        .unwrap();
    assert_eq!(ask.children().count(), 1, "one text node: {}", ask.html());
    assert!(
        html.select(&Selector::parse("script").unwrap())
            .all(|e| !e.inner_html().contains("alert"))
    );

    // Code is left as written; `\{{` is the braces.
    let code: Vec<String> = html
        .select(&Selector::parse("main code").unwrap())
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(code.contains(&"{{ dsl }}".to_string()), "{code:?}");
    assert!(code.contains(&"{{ dsl }}\n".to_string()), "{code:?}");
    assert!(code.contains(&"{{dsl}} indented\n".to_string()), "{code:?}");
    assert!(
        paragraphs.contains(&"Write {{ dsl }} in code, or {{ dsl }} in text.".to_string()),
        "{paragraphs:#?}"
    );

    // The search index reads the same literal text: `<script>` as words
    // (as HTML it would not be text at all), and no escapes.
    let excerpt = search_terms(&s, "excerpt");
    for term in ["script>alert(1)</script", "co_x_"] {
        assert!(
            excerpt.iter().any(|t| t == term),
            "{term} not in {excerpt:?}"
        );
    }
    assert!(
        !excerpt.iter().any(|t| t.contains(['\\', '{'])),
        "{excerpt:?}"
    );
    assert!(
        search_terms(&s, "title")
            .iter()
            .any(|t| t.starts_with("brackenwood"))
    );

    // The agreement's printed form.
    let words = pdf_text::pdf_words(
        &s.path()
            .join("public/agreements/visitors/visitors-agreement.pdf"),
    );
    let joined = words.join(" ");
    assert!(joined.contains(&pdf_text::words(DSL).join(" ")), "{joined}");
    // The characters themselves, without Markdown's escapes.
    let pdf = s
        .path()
        .join("public/agreements/visitors/visitors-agreement.pdf");
    let (pages, _) = pdf_text::pages(&pdf);
    let text: String = (1..=pages).map(|n| pdf_text::page_text(&pdf, n)).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&format!("I will ask {ODD} first.")), "{text}");
    assert!(!text.contains('\\'), "{text}");

    // The governors' CSV and calendar.
    let csv = s.read("public/governors/reviews/reviews.csv");
    assert!(csv.contains(&format!("Online safety ({TAG})")), "{csv}");
    let ics = s.read("public/governors/reviews/reviews.ics");
    assert!(ics.contains(TAG), "{ics}");
    assert!(!csv.contains("{{") && !ics.contains("{{"));

    // The policy's own page and title.
    let policy = s.read("public/policies/online-safety/index.html");
    assert!(
        policy.contains(&format!("Online safety ({TAG})</h1>")),
        "no title"
    );
}

/// A small site with `[values]` and one page `content/pages/p.md`.
fn small(values: &str, page: &str) -> Site {
    let s = Site::empty();
    // One band, and its agreement, so that band coverage adds no noise.
    s.write(
        "charter.toml",
        format!("title = \"Small School\"\n[contact]\nemail = \"office@small.example\"\n[[bands]]\nid = \"ks1\"\nname = \"Key Stage 1\"\nyears = [\"Year 1\"]\n[values]\n{values}"),
    );
    s.write("agreements/pupils-ks1.md", "+++\ntitle = \"KS1\"\naudience = \"pupils\"\nband = \"ks1\"\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n- I am kind.\n- I ask first.\n");
    s.write("content/pages/p.md", page);
    s
}

/// (code, line, column, hint) of each finding in `check --format json`.
fn findings(s: &Site) -> Vec<(String, u64, u64, String)> {
    s.check_json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["hint"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn unknown_and_malformed_slots_are_reported_where_written() {
    let s = small(
        "dsl = \"Ms Raman\"\n",
        "+++\ntitle = \"P {{ titel }}\"\n+++\n\nAsk é {{ dls }} or {{ two words }}.\n\nOpen {{ dsl\n\n{{ safeguarding }} and `{{ nope }}`\n",
    );
    let found = findings(&s);
    let codes: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|(c, l, col, _)| (c.as_str(), *l, *col))
        .collect();
    assert_eq!(
        codes,
        [
            ("value-unknown", 2, 12),
            ("value-unknown", 5, 7),
            ("value-malformed", 5, 20),
            ("value-malformed", 7, 6),
            ("value-unset", 9, 1),
        ],
        "{found:#?}"
    );
    assert!(
        found[1].3.contains("did you mean `{{ dsl }}`?"),
        "{}",
        found[1].3
    );
    assert!(found[0].3.contains("[values]"), "{}", found[0].3);
    assert!(
        found[4].3.contains("`safeguarding` under [contact]"),
        "{}",
        found[4].3
    );
    // Errors: nothing is published.
    assert_ne!(s.build().code, 0);
}

#[test]
fn findings_after_a_value_keep_the_authors_column() {
    let line = "Ask {{ dsl }} or see [the rules](@nope) and [TBC].";
    let s = small(
        "dsl = \"Ms Priya Raman, Designated Safeguarding Lead\"\n",
        &format!("+++\ntitle = \"P\"\n+++\n\n{line}\n"),
    );
    let found = findings(&s);
    let at = |code: &str| found.iter().find(|f| f.0 == code).map(|f| (f.1, f.2));
    let col = |needle: &str| line.find(needle).unwrap() as u64 + 1;
    assert_eq!(
        at("xref-unknown"),
        Some((5, col("[the rules]"))),
        "{found:#?}"
    );
    assert_eq!(at("placeholder"), Some((5, col("TBC"))), "{found:#?}");
    // The line shown under a finding is the line as written.
    let human = s.run(&["check", "--today", TODAY]);
    assert!(
        human.stdout.contains(line) || human.stderr.contains(line),
        "{}{}",
        human.stdout,
        human.stderr
    );
}

#[test]
fn a_value_left_as_template_text_is_still_a_placeholder() {
    let s = small(
        "dsl = \"[Name of DSL]\"\n",
        "+++\ntitle = \"Contact {{ dsl }}\"\n+++\n\nSpeak to Ms é {{ dsl }} today.\n",
    );
    let found = findings(&s);
    let placeholders: Vec<(u64, u64)> = found
        .iter()
        .filter(|f| f.0 == "placeholder")
        .map(|f| (f.1, f.2))
        .collect();
    assert_eq!(placeholders, [(2, 18), (5, 15)], "{found:#?}");
    // An unknown name is a `value-unknown`, not also a placeholder.
    let s = small(
        "",
        "+++\ntitle = \"P\"\n+++\n\nSpeak to {{ name_of_dsl }}.\n",
    );
    let codes: Vec<String> = findings(&s).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["value-unknown"]);
}

#[test]
fn front_matter_strings_take_values_but_ids_do_not() {
    let s = small(
        "head = 'Mr \"Dan\" Okafor'\n",
        "+++\ntitle = \"Led by {{ head }}\"\nsummary = 'Write \\{{ head }} for {{head}}'\n+++\n\nText.\n",
    );
    assert_eq!(findings(&s), []);
    assert_eq!(s.build().code, 0);
    let html = Html::parse_document(&s.read("public/p/index.html"));
    let h1: String = html
        .select(&Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(h1, "Led by Mr \"Dan\" Okafor");
    // The search index's entry: [address, title, kind, summary].
    let docs: Value = serde_json::from_str(&s.read("public/search/index/docs-0.json")).unwrap();
    let entry = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d[0] == "/p/")
        .expect("the page in the search index");
    assert_eq!(entry[1], "Led by Mr \"Dan\" Okafor");
    assert_eq!(entry[3], "Write {{ head }} for Mr \"Dan\" Okafor");
    // `id` is not text for readers: its braces are an id's problem.
    let s = small(
        "x = \"y\"\n",
        "+++\ntitle = \"P\"\nid = \"{{ x }}\"\n+++\n\nText.\n",
    );
    let codes: Vec<String> = findings(&s).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["frontmatter-invalid"]);
}

#[test]
fn bad_values_are_configuration_errors() {
    let s = small(
        "school = \"Other\"\nn = 3\nloop = \"{{ school }}\"\n",
        "+++\ntitle = \"P\"\n+++\n\nText.\n",
    );
    let found = findings(&s);
    let mut at: Vec<(&str, u64)> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
    at.sort_unstable();
    assert_eq!(
        at,
        [
            ("config-invalid", 9),
            ("config-invalid", 10),
            ("config-invalid", 11)
        ],
        "{found:#?}"
    );
    assert!(found.iter().any(|f| f.3.contains("set `title`")));
}

#[test]
fn a_site_without_values_is_read_as_before() {
    // Braces that are not slots are text; a single `{` is nothing.
    let s = small("", "+++\ntitle = \"P\"\n+++\n\nSets { a } and }} b.\n");
    assert_eq!(findings(&s), []);
}

#[test]
fn what_changed_compares_with_the_values_in_both_versions() {
    let s = small(
        "dsl = \"Ms Priya Raman\"\n",
        "+++\ntitle = \"P\"\n+++\n\nText.\n",
    );
    let dir = s.path();
    let file = "content/policies/online-safety.md";
    let policy = |approved: &str, sentence: &str| {
        format!(
            "+++\ntitle = \"Online safety\"\nowners = [\"Head\"]\napproved = {approved}\nreview_every = \"1 year\"\n+++\n\n## Reporting\n\n{sentence} The logs are read by the safeguarding team.\n"
        )
    };
    common::git_init(dir, "2025-09-18T12:00:00Z");
    // Both versions use the value: the earlier one is read with it too.
    s.write(file, policy("2025-09-18", "Tell {{ dsl }} every week."));
    git(dir, &["add", "."], "2025-09-18T12:00:00Z");
    git(dir, &["commit", "-q", "-m", "2025"], "2025-09-18T12:00:00Z");
    // One word really changes.
    s.write(file, policy("2026-09-17", "Tell {{ dsl }} every day."));
    git(
        dir,
        &["commit", "-q", "-a", "-m", "2026"],
        "2026-09-17T12:00:00Z",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = Html::parse_document(&s.read("public/policies/online-safety/changes/index.html"));
    let text = |css: &str| -> Vec<String> {
        html.select(&Selector::parse(css).unwrap())
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert_eq!(text(".changes del"), ["[removed: week.]"]);
    assert_eq!(text(".changes ins"), ["[added: day.]"]);
    let said = text(".change__text").concat();
    assert!(said.starts_with("Tell Ms Priya Raman every"), "{said}");
}
