//! A generated school site of any size, for tests that need a large one
//! (the search index's size, search in the browser on a split index).

use std::fmt::Write as _;

use super::Site;

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
pub(crate) fn policies(site: &Site, n: usize) {
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
