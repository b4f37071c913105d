//! What `charter.toml` may contain, for reports of unknown keys (with the
//! closest known one) and wrong types (with what the key takes).

use crate::base::schema::{Field, Schema};

static CONTACT: Schema = Schema {
    fields: &[
        Field::new("email", "an email address in quotes"),
        Field::new("phone", "a phone number in quotes"),
        Field::new(
            "phone_country",
            "a country calling code in quotes, like \"+44\"",
        ),
        Field::new("address", "the postal address in quotes"),
        Field::new("safeguarding", "a sentence saying how to report a concern"),
    ],
};
static BAND: Schema = Schema {
    fields: &[
        Field::new("id", "a short id like \"ks2\"").required(),
        Field::new("name", "a name like \"Key Stage 2\"").required(),
        Field::new("years", "a list like [\"Year 3\", \"Year 4\"]"),
        Field::new("ages", "text like \"7 to 11\", or [7, 11]"),
        Field::new(
            "reading_grade",
            "a number, the highest Flesch–Kincaid grade for this band's agreements, e.g. 6.0",
        ),
    ],
};
static LANGUAGE: Schema = Schema {
    fields: &[
        Field::new("code", "a language code like \"pl\" or \"ur\"").required(),
        Field::new("name", "the language's name for itself, like \"Polski\"").required(),
    ],
};
static STRAND: Schema = Schema {
    fields: &[
        Field::new("id", "a short id like \"online-bullying\"").required(),
        Field::new("name", "a name like \"Online bullying\"").required(),
    ],
};
static TERMS: Schema = Schema {
    fields: &[
        Field::new("autumn_end", "a month and day like \"12-31\""),
        Field::new("spring_end", "\"easter\" or a month and day like \"04-05\""),
        Field::new("summer_end", "a month and day like \"07-31\""),
        Field::new(
            "ends",
            "a table of term names and dates, like \"Spring 2026\" = 2026-03-27",
        ),
    ],
};
static CHECKS: Schema = Schema {
    fields: &[
        Field::new("ignore", "a list of codes, e.g. [\"link-insecure\"]"),
        Field::new(
            "severity",
            "a table of codes and severities, e.g. heading-skip = \"error\"",
        ),
        Field::new("placeholders", "a list of regular expressions in quotes"),
    ],
};
static REVIEW: Schema = Schema {
    fields: &[Field::new(
        "due_soon_days",
        "a whole number of days, like 60",
    )],
};
static EXTERNAL_LINKS: Schema = Schema {
    fields: &[
        Field::new("threads", "a whole number of worker threads, like 16"),
        Field::new(
            "per_host",
            "a whole number of requests at once to one host, like 2",
        ),
        Field::new("delay_seconds", "a number of seconds, like 0.05"),
        Field::new("connect_timeout_seconds", "a number of seconds, like 10"),
        Field::new("timeout_seconds", "a number of seconds, like 20"),
        Field::new("retries", "a whole number of tries after the first, like 2"),
        Field::new("retry_wait_seconds", "a number of seconds, like 1"),
        Field::new("max_retry_after_seconds", "a number of seconds, like 30"),
        Field::new("max_redirects", "a whole number, like 10"),
        Field::new("cache_days", "a number of days, like 7"),
        Field::new("cache_days_failed", "a number of days, like 1"),
        Field::new(
            "skip_urls",
            "a list of address beginnings, e.g. [\"https://intranet.school.sch.uk/\"]",
        ),
        Field::new("skip_patterns", "a list of regular expressions in quotes"),
        Field::new(
            "skip_files",
            "a list of files, folders or globs, e.g. [\"content/archive/**\"]",
        ),
    ],
};

static DASHBOARD: Schema = Schema {
    fields: &[
        Field::new(
            "path",
            "a folder of the site in quotes, like \"governors/reviews/\"",
        ),
        Field::new("publish", "true or false"),
        Field::new(
            "reminder_days",
            "a whole number of days before each review, like 14 (0: no reminder)",
        ),
    ],
};

static ACCESSIBILITY_ISSUE: Schema = Schema {
    fields: &[
        Field::new("problem", "a sentence in quotes saying what does not work").required(),
        Field::new(
            "reason",
            "\"non-compliance\", \"disproportionate-burden\" or \"out-of-scope\"",
        ),
        Field::new(
            "criterion",
            "the WCAG success criterion in quotes, e.g. \"1.1.1 Non-text content\"",
        ),
        Field::new(
            "plan",
            "a sentence in quotes saying what you will do, and by when",
        ),
    ],
};
static ACCESSIBILITY: Schema = Schema {
    fields: &[
        Field::new(
            "status",
            "\"fully compliant\", \"partially compliant\" or \"not compliant\"",
        )
        .required(),
        Field::new("prepared", "a date like 2026-09-14").required(),
        Field::new("reviewed", "a date like 2026-11-02"),
        Field::new("tested", "a date like 2026-09-10"),
        Field::new("tested_by", "who tested the website, and how, in quotes"),
        Field::new("scope", "the websites the statement covers, in quotes"),
        Field::new("reply_within", "a time in quotes, like \"5 school days\""),
        Field::new(
            "country",
            "\"england\", \"wales\", \"scotland\" or \"northern-ireland\"",
        ),
        Field::new("improvements", "a sentence or two in quotes"),
        Field::new("issues", "[[accessibility.issues]] tables").nested(&ACCESSIBILITY_ISSUE),
    ],
};
static AGREEMENTS: Schema = Schema {
    fields: &[
        Field::new(
            "return_instructions",
            "a sentence in quotes saying where to return a signed form",
        ),
        Field::new(
            "one_page_bands",
            "a list of band ids, e.g. [\"eyfs\", \"ks1\", \"ks2\"]",
        ),
    ],
};
static STATUTORY: Schema = Schema {
    fields: &[
        Field::new(
            "school_type",
            "\"maintained\" or \"academy\" (free schools are academies)",
        )
        .required(),
        Field::new(
            "phases",
            "a list drawn from \"nursery\", \"primary\", \"secondary\", \"sixth-form\"",
        )
        .required(),
        Field::new("boarding", "true or false"),
        Field::new("nation", "\"england\" (the only register built in so far)"),
        Field::new(
            "register",
            "a file of the site in quotes, e.g. \"statutory.toml\"",
        ),
        Field::new(
            "not_applicable",
            "a table of requirement ids and reasons, e.g. { \"boarding-standards-documents\" = \"no boarders\" }",
        ),
    ],
};
static TRUST: Schema = Schema {
    fields: &[Field::new(
        "exclude",
        "a list of ids of the trust's documents, e.g. [\"uniform\"]",
    )],
};
pub(crate) static CONFIG_SCHEMA: Schema = Schema {
    fields: &[
        Field::new("title", "the school's name in quotes").required(),
        Field::new(
            "base_url",
            "the site's address, like \"https://www.school.sch.uk\"",
        ),
        Field::new("language", "a language tag like \"en-GB\""),
        Field::new("languages", "[[languages]] tables").nested(&LANGUAGE),
        Field::new("description", "one sentence in quotes"),
        Field::new("theme", "the name of a folder under themes/"),
        Field::new("contact", "a [contact] table").nested(&CONTACT),
        Field::new("bands", "[[bands]] tables").nested(&BAND),
        Field::new("strands", "[[strands]] tables").nested(&STRAND),
        Field::new("terms", "a [terms] table").nested(&TERMS),
        Field::new("review", "a [review] table").nested(&REVIEW),
        Field::new("checks", "a [checks] table").nested(&CHECKS),
        Field::new("external_links", "an [external_links] table").nested(&EXTERNAL_LINKS),
        Field::new("dashboard", "a [dashboard] table").nested(&DASHBOARD),
        Field::new("accessibility", "an [accessibility] table").nested(&ACCESSIBILITY),
        Field::new("agreements", "an [agreements] table").nested(&AGREEMENTS),
        Field::new("statutory", "a [statutory] table").nested(&STATUTORY),
        Field::new(
            "values",
            "a [values] table of names and texts, e.g. dsl = \"Ms Priya Raman\"",
        ),
        Field::new("trust", "a [trust] table").nested(&TRUST),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets every key of `CONFIG_SCHEMA`, in every table.
    const EVERY_KEY: &str = r#"
title = "A School"
base_url = "https://www.school.example"
language = "en-GB"
description = "Our policies."
theme = "plain"

[contact]
email = "office@school.example"
phone = "01234 567890"
phone_country = "+44"
address = "1 School Lane"
safeguarding = "Speak to the designated safeguarding lead."

[[bands]]
id = "ks1"
name = "Key Stage 1"
years = ["Year 1", "Year 2"]
ages = "5 to 7"
reading_grade = 2.0

[[strands]]
id = "privacy"
name = "Privacy"

[[languages]]
code = "pl"
name = "Polski"

[terms]
autumn_end = "12-20"
spring_end = "easter"
summer_end = "07-22"
ends = { "Spring 2026" = 2026-03-27 }

[review]
due_soon_days = 60

[checks]
ignore = ["link-insecure"]
severity = { heading-skip = "error" }
placeholders = ["TODO"]

[external_links]
threads = 4
per_host = 2
delay_seconds = 0.05
connect_timeout_seconds = 10
timeout_seconds = 20
retries = 2
retry_wait_seconds = 1
max_retry_after_seconds = 30
max_redirects = 10
cache_days = 7
cache_days_failed = 1
skip_urls = ["https://intranet.school.example/"]
skip_patterns = ["\\.internal/"]
skip_files = ["content/archive/**"]

[dashboard]
path = "governors/reviews/"
publish = true
reminder_days = 14

[accessibility]
status = "partially compliant"
prepared = 2026-09-14
reviewed = 2026-11-02
tested = 2026-09-10
tested_by = "Staff, with a screen reader"
scope = "https://www.school.example"
reply_within = "5 school days"
country = "england"
improvements = "We are replacing old PDFs."

[[accessibility.issues]]
problem = "Some PDFs cannot be read by screen readers."
reason = "non-compliance"
criterion = "1.1.1 Non-text content"
plan = "Replace them by July."

[agreements]
return_instructions = "Please return this form to the class teacher."
one_page_bands = ["ks1"]

[statutory]
school_type = "maintained"
phases = ["primary"]
boarding = false
nation = "england"
register = "statutory.toml"
not_applicable = { "eyfs" = "No nursery or reception class." }

[values]
dsl = "Ms Priya Raman"
[trust]
exclude = ["uniform"]
"#;

    #[test]
    fn config_schema_lists_exactly_the_keys_of_the_config_structs() {
        crate::base::schema::assert_schema_matches::<super::super::Config>(
            &CONFIG_SCHEMA,
            EVERY_KEY,
        );
    }
}
