//! Site search: the index written at build time, the search page and its
//! A to Z list, and the index's size on a large site.

mod common;

use std::fmt::Write as _;

use common::Site;
use serde_json::Value;

fn index_of(site: &Site) -> (Value, usize) {
    let text = site.read("public/search_index.en.json");
    (serde_json::from_str(&text).unwrap(), text.len())
}

#[test]
fn the_example_is_indexed_by_title_summary_headings_and_opening_words() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let (index, bytes) = index_of(&site);
    println!("search index of the example site: {bytes} bytes");
    assert_eq!(index["version"], "0.9.5");
    assert_eq!(
        index["fields"],
        serde_json::json!(["title", "summary", "headings", "excerpt"])
    );
    let docs = index["documentStore"]["docs"].as_object().unwrap();
    let urls: Vec<&str> = docs.values().map(|d| d["url"].as_str().unwrap()).collect();
    for url in [
        "/",
        "/policies/",
        "/policies/online-safety/",
        "/agreements/pupils-ks2/",
        "/curriculum/password-strength-checker/",
        "/parents/parental-controls/",
        "/about/",
        "/accessibility/",
    ] {
        assert!(urls.contains(&url), "{url} is not indexed: {urls:?}");
    }
    // Forms, filtered lists, the 404 page and the search page are not results.
    assert!(!urls.iter().any(|u| u.ends_with("/form/")
        || u.starts_with("/policies/for/")
        || u.contains("404")
        || *u == "/search/"));
    // Display data only: never whole bodies.
    let online = docs
        .values()
        .find(|d| d["url"] == "/policies/online-safety/")
        .unwrap();
    assert_eq!(online["title"], "Online safety");
    assert_eq!(online["kind"], "Policy");
    let keys: Vec<&String> = online.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["kind", "summary", "title", "url"]);
    assert!(bytes < 400_000, "{bytes} bytes");
}

#[test]
fn the_search_page_lists_every_indexed_page_from_a_to_z_without_javascript() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let (index, _) = index_of(&site);
    let html = site.read("public/search/index.html");
    let doc = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let listed: Vec<String> = doc
        .select(&select(".a-to-z__list a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let docs = index["documentStore"]["docs"].as_object().unwrap();
    assert_eq!(listed.len(), docs.len());
    for d in docs.values() {
        assert!(listed.iter().any(|u| u == d["url"].as_str().unwrap()));
    }
    // A labelled box, a status region for the number of results, and the
    // scripts of the theme (no other origin).
    let input = doc.select(&select("input#search-input")).next().unwrap();
    assert_eq!(input.value().attr("type"), Some("search"));
    assert!(
        doc.select(&select("label[for=search-input]"))
            .next()
            .is_some()
    );
    assert!(doc.select(&select("[role=status]")).next().is_some());
    let scripts: Vec<&str> = doc
        .select(&select("script[src]"))
        .map(|s| s.value().attr("src").unwrap())
        .collect();
    assert_eq!(
        scripts,
        ["/theme/elasticlunr.min.js", "/theme/search.js"],
        "{scripts:?}"
    );
    let vendored = site.read("public/theme/elasticlunr.min.js");
    assert!(vendored.starts_with("/**\n * elasticlunr"));
    assert!(vendored.contains("MIT Licensed"));
    // Every page links to the search page from the main navigation.
    let home = site.read("public/policies/online-safety/index.html");
    assert!(home.contains("<a href=\"/search/\">Search</a>"), "{home}");
}

#[test]
fn a_site_in_a_sub_folder_searches_its_own_addresses() {
    let site = Site::example();
    let config = site.read("charter.toml").replace(
        "https://www.elmbrook-valley.example.sch.uk",
        "https://example.org/school",
    );
    site.write("charter.toml", config);
    assert_eq!(site.build().code, 0);
    let (index, _) = index_of(&site);
    let docs = index["documentStore"]["docs"].as_object().unwrap();
    assert!(
        docs.values()
            .all(|d| d["url"].as_str().unwrap().starts_with("/school/"))
    );
    let html = site.read("public/search/index.html");
    assert!(html.contains("data-index=\"/school/search_index.en.json\""));
    assert!(html.contains("src=\"/school/theme/search.js\""));
}

#[test]
fn a_page_of_ones_own_at_search_is_an_error() {
    let site = Site::example();
    site.write(
        "content/pages/search.md",
        "+++\ntitle = \"Search tips\"\n+++\n\nHow to search.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[id-duplicate]: this page would be published at /search/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/pages/search.md"));
}

/// A small deterministic generator, as in the build benchmark.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next(from.len())]
    }
}

const TOPICS: [&str; 40] = [
    "Online safety",
    "Behaviour",
    "Attendance",
    "Data protection",
    "Anti-bullying",
    "Complaints",
    "First aid",
    "Remote learning",
    "Mobile phones",
    "Visitors",
    "Educational visits",
    "Lettings",
    "Child protection",
    "Whistleblowing",
    "Safer recruitment",
    "Exclusions",
    "Uniform",
    "Homework",
    "Assessment",
    "Careers guidance",
    "Relationships education",
    "Supporting pupils with medical conditions",
    "Intimate care",
    "Looked-after children",
    "Young carers",
    "Fire safety",
    "Lockdown",
    "Administration of medicines",
    "Lone working",
    "Food allergies",
    "Appraisal",
    "Capability",
    "Grievance",
    "Pay",
    "Staff wellbeing",
    "Charging and remissions",
    "Freedom of information",
    "Records retention",
    "Social media",
    "Pupil premium",
];
const QUALIFIERS: [&str; 12] = [
    "Primary phase",
    "Secondary phase",
    "Sixth form",
    "Early years",
    "Trust-wide",
    "Nursery",
    "Boarding",
    "Alternative provision",
    "Key Stage 2",
    "Key Stage 3",
    "Key Stage 4",
    "Specialist provision",
];
const SUBJECTS: [&str; 16] = [
    "The headteacher",
    "The designated safeguarding lead",
    "All staff",
    "The governing body",
    "Class teachers",
    "The SENCo",
    "The data protection officer",
    "Parents and carers",
    "Pupils",
    "The business manager",
    "Heads of department",
    "The attendance officer",
    "Volunteers",
    "Form tutors",
    "The site manager",
    "The pastoral team",
];
const VERBS: [&str; 8] = [
    "must ensure that",
    "is responsible for checking that",
    "should make sure that",
    "will confirm in writing that",
    "will monitor whether",
    "must record whether",
    "will review whether",
    "must be able to show that",
];
const OBJECTS: [&str; 16] = [
    "concerns are reported within one school day",
    "records are stored securely on the management information system",
    "risk assessments are completed before every off-site visit",
    "absence is followed up with a telephone call on the first day",
    "reasonable adjustments are made for pupils with additional needs",
    "visitors sign in and wear a visible identification badge",
    "personal data is processed lawfully, fairly and transparently",
    "training records are kept up to date",
    "incidents are logged, analysed and discussed at the next review",
    "parents are informed promptly when a sanction is applied",
    "the views of pupils are sought before significant decisions",
    "medicines are stored in a locked cabinet",
    "decisions are proportionate, reasonable and clearly explained",
    "the register is taken at the start of each session",
    "support plans are reviewed at least once every term",
    "external agencies are contacted when the threshold is met",
];
const CONDITIONS: [&str; 8] = [
    "when a pupil is absent without explanation",
    "whenever a concern is raised about a member of staff",
    "if a parent asks for a meeting",
    "when a data breach is suspected",
    "before the start of each academic year",
    "after any serious incident",
    "during examination periods",
    "when a pupil joins the school mid-year",
];
const HEADINGS: [&str; 24] = [
    "Purpose",
    "Scope",
    "Roles and responsibilities",
    "Definitions",
    "Procedures",
    "Reporting a concern",
    "Record keeping",
    "Training",
    "Monitoring and evaluation",
    "Links with other policies",
    "Equality impact",
    "Working with parents and carers",
    "Pupil voice",
    "Confidentiality",
    "Information sharing",
    "Risk assessment",
    "Escalation",
    "Appeals",
    "Support for staff",
    "Legal framework",
    "Review arrangements",
    "Complaints about this policy",
    "Off-site activities",
    "Contact details",
];
const NAMES: [&str; 30] = [
    "Okafor",
    "Nguyen",
    "Kowalski",
    "Hughes",
    "Patel",
    "Murphy",
    "Ahmed",
    "Fraser",
    "Davies",
    "Lindqvist",
    "Mensah",
    "Oyelaran",
    "Brennan",
    "Costa",
    "Haddad",
    "Ivanova",
    "Jenkins",
    "Khumalo",
    "Llewellyn",
    "Moreau",
    "Nakamura",
    "O'Brien",
    "Quigley",
    "Rahman",
    "Sandoval",
    "Takahashi",
    "Umarov",
    "Varga",
    "Whitfield",
    "Yilmaz",
];
const PLACES: [&str; 20] = [
    "Riverside",
    "Oakfield",
    "Hillcrest",
    "Meadowbank",
    "Northgate",
    "Southmead",
    "Westbrook",
    "Eastleigh",
    "Ashgrove",
    "Beechwood",
    "Cedar Park",
    "Elmhurst",
    "Foxhollow",
    "Greenacre",
    "Hawthorn",
    "Ivybridge",
    "Juniper Lane",
    "Kingsmead",
    "Larkspur",
    "Millbrook",
];

/// A school with `n` policies of about 600 words each: a summary, seven or
/// eight headings and paragraphs of varied sentences, with names of people
/// and places that differ from page to page.
fn generate(site: &Site, n: usize) {
    site.write(
        "charter.toml",
        "title = \"Generated Academy\"\nbase_url = \"https://generated.example.org\"\n",
    );
    let mut rng = Lcg(7);
    for i in 0..n {
        let topic = TOPICS[i % TOPICS.len()];
        let qualifier = QUALIFIERS[(i / TOPICS.len()) % QUALIFIERS.len()];
        let place = rng.pick(&PLACES);
        let name = rng.pick(&NAMES);
        let mut text = String::new();
        let _ = write!(
            text,
            "+++\ntitle = \"{topic} ({qualifier}, {place} site, no. {i})\"\n\
             summary = \"How the {place} site applies the {} policy in the {}, who is responsible (Mx {name}), and what parents and carers can expect.\"\n\
             owners = [\"Headteacher\"]\napproved = 2026-0{}-01\nreview_every = \"1 year\"\n+++\n",
            topic.to_lowercase(),
            qualifier.to_lowercase(),
            1 + rng.next(9),
        );
        let mut words = 0;
        let headings = 7 + rng.next(2);
        let first = rng.next(HEADINGS.len());
        for h in 0..headings {
            let heading = HEADINGS[(first + h * 5) % HEADINGS.len()];
            let level = if h % 3 == 2 { "###" } else { "##" };
            let _ = write!(text, "\n{level} {heading}\n\n");
            for _ in 0..2 {
                for _ in 0..2 {
                    let sentence = format!(
                        "{} {} {} {}, as agreed with Mx {} at {}. ",
                        rng.pick(&SUBJECTS),
                        rng.pick(&VERBS),
                        rng.pick(&OBJECTS),
                        rng.pick(&CONDITIONS),
                        rng.pick(&NAMES),
                        rng.pick(&PLACES),
                    );
                    words += sentence.split_whitespace().count();
                    text.push_str(&sentence);
                }
                text.push_str("\n\n");
            }
        }
        assert!(words >= 500, "{words} words");
        site.write(&format!("content/policies/policy-{i}.md"), &text);
    }
}

#[test]
fn the_index_of_a_thousand_page_site_stays_under_two_megabytes() {
    let site = Site::empty();
    generate(&site, 1_000);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (index, bytes) = index_of(&site);
    println!(
        "search index of a generated 1,000-page site: {bytes} bytes ({:.2} MB)",
        bytes as f64 / 1e6
    );
    assert!(
        index["documentStore"]["docs"].as_object().unwrap().len() > 1_000,
        "every policy and index page is indexed"
    );
    assert!(bytes < 2_000_000, "{bytes} bytes");
}
