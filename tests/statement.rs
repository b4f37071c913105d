//! The accessibility statement made from `[accessibility]` in charter.toml.

mod common;

use common::Site;

fn headings(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("main h1, main h2, main h3").unwrap();
    doc.select(&sel)
        .map(|h| h.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn the_example_statement_has_every_part_of_the_model_statement() {
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/accessibility/index.html");
    let found = headings(&html);
    for part in [
        "Accessibility statement",
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "Content that is not within the scope of the accessibility regulations",
        "Preparation of this accessibility statement",
    ] {
        assert!(
            found.iter().any(|h| h == part),
            "no heading {part:?} in {found:?}"
        );
    }
    assert!(html.contains("This website is partially compliant with"));
    assert!(html.contains(
        "applies to the <bdi>Elmbrook Valley School</bdi> website, https://www.elmbrook-valley.example.sch.uk"
    ));
    assert!(html.contains("This fails WCAG 2.2 success criterion 1.1.1 (Non-text content)."));
    assert!(html.contains("prepared on <time datetime=\"2026-09-14\">14 September 2026</time>"));
    assert!(html.contains("last reviewed on <time datetime=\"2026-11-02\">2 November 2026</time>"));
    assert!(html.contains("mailto:office@elmbrook-valley.example.sch.uk"));
    assert!(html.contains("within 5 school days"));
    assert!(html.contains("Equality and Human Rights Commission"));
    // `@accessibility` links to it, and the footer of every page too.
    let home = site.read("public/index.html");
    assert!(home.contains("<a href=\"/accessibility/\">accessibility statement</a>"));
    let policy = site.read("public/policies/behaviour/index.html");
    assert!(policy.contains("<li><a href=\"/accessibility/\">Accessibility statement</a></li>"));
    assert!(
        site.read("public/sitemap.xml")
            .contains("/accessibility/</loc>")
    );
}

#[test]
fn a_fresh_site_has_a_statement_and_a_search_page() {
    let site = Site::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    assert!(!site.path().join("content/pages/accessibility.md").exists());
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/accessibility/index.html");
    assert!(html.contains("This website is fully compliant with"));
    assert!(html.contains("Example Primary School"));
    assert!(site.path().join("public/search/index.html").is_file());
    assert!(site.path().join("public/search/index.json").is_file());
}

#[test]
fn a_page_of_ones_own_at_accessibility_and_the_generated_statement_is_an_error_naming_both() {
    let site = Site::example();
    site.write(
        "content/pages/accessibility.md",
        "+++\ntitle = \"Accessibility statement\"\n+++\n\nOur own words.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = "error[id-duplicate]: this page would be published at /accessibility/, where Charter publishes the accessibility statement made from [accessibility] in charter.toml\n --> content/pages/accessibility.md:1:1";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("remove [accessibility] from charter.toml")
    );

    // Without [accessibility], the school's own page is published instead.
    let config = site.read("charter.toml");
    let without = &config[..config.find("\n# The accessibility statement").unwrap()];
    site.write("charter.toml", format!("{without}\n"));
    // The accessibility plan now links to the school's own statement.
    let plan = site.read("content/policies/accessibility-plan.md");
    site.write(
        "content/policies/accessibility-plan.md",
        plan.replace("(@charter:accessibility)", "(@accessibility)"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("public/accessibility/index.html")
            .contains("Our own words.")
    );
}

#[test]
fn a_policy_may_not_take_the_statements_id() {
    let site = Site::example();
    site.write(
        "content/policies/accessibility.md",
        "+++\ntitle = \"Accessibility plan\"\nowners = [\"SENCo\"]\napproved = 2026-09-01\nreview_every = \"2 years\"\n+++\n\nOur plan.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the id `accessibility` belongs to the accessibility statement"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_accessibility_section_is_a_config_error() {
    let site = Site::example();
    let config = site.read("charter.toml").replace(
        "status = \"partially compliant\"",
        "status = \"partly compliant\"",
    );
    site.write("charter.toml", config);
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[config-invalid]: `accessibility.status` = \"partly compliant\" is not a compliance status"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean \"partially compliant\"?"));
}
