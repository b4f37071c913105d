//! Front matter: the TOML block between `+++` lines at the top of each file,
//! one typed struct per kind of page, each with the schema that lists its keys.

use serde::Deserialize;
use toml::Spanned;

use crate::base::schema::{Field, Schema};

/// A date, or a school term such as "Autumn 2025", or text that is neither
/// (reported as `date-unparseable`).
pub(crate) type DateOrTerm = Spanned<toml::Value>;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Audience {
    Staff,
    Pupils,
    Parents,
    Governors,
    Visitors,
}

impl Audience {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Pupils => "pupils",
            Audience::Parents => "parents",
            Audience::Governors => "governors",
            Audience::Visitors => "visitors",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HistoryEntry {
    pub date: Spanned<toml::value::Datetime>,
    #[serde(default)]
    pub approved_by: String,
    #[serde(default)]
    pub minute: String,
    #[serde(default)]
    pub summary: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyFront {
    #[serde(default)]
    pub title: String,
    pub id: Option<Spanned<String>>,
    pub reference: Option<String>,
    #[serde(default)]
    pub owners: Vec<String>,
    pub approved_by: Option<Spanned<String>>,
    pub approved: Option<Spanned<toml::value::Datetime>>,
    pub review_every: Option<Spanned<String>>,
    pub next_review: Option<DateOrTerm>,
    /// Written `statutory = true` or `false`; unset is not statutory.
    pub statutory: Option<Spanned<bool>>,
    #[serde(default)]
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub guidance: Vec<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    /// Ids of the register's requirements this policy meets.
    #[serde(default)]
    pub meets: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl PolicyFront {
    /// Whether the front matter says `statutory = true`.
    pub(crate) fn is_statutory(&self) -> bool {
        self.statutory.as_ref().is_some_and(|s| *s.get_ref())
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Consent {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AgreementFront {
    #[serde(default)]
    pub title: String,
    pub id: Option<Spanned<String>>,
    pub reference: Option<String>,
    pub audience: Option<Spanned<Audience>>,
    pub band: Option<Spanned<String>>,
    #[serde(default)]
    pub signatures: Vec<String>,
    #[serde(default)]
    pub consents: Vec<Spanned<Consent>>,
    pub approved: Option<Spanned<toml::value::Datetime>>,
    pub review_every: Option<Spanned<String>>,
    pub next_review: Option<DateOrTerm>,
    #[serde(default)]
    pub owners: Vec<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    /// Ids of the register's requirements this page meets.
    #[serde(default)]
    pub meets: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitFront {
    #[serde(default)]
    pub title: String,
    pub id: Option<Spanned<String>>,
    pub strand: Option<Spanned<String>>,
    #[serde(default)]
    pub bands: Vec<Spanned<String>>,
    #[serde(default)]
    pub years: Vec<Spanned<String>>,
    #[serde(default)]
    pub objectives: Vec<String>,
    pub duration: Option<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    /// Ids of the register's requirements this page meets.
    #[serde(default)]
    pub meets: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParentFront {
    #[serde(default)]
    pub title: String,
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub bands: Vec<Spanned<String>>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    /// Ids of the register's requirements this page meets.
    #[serde(default)]
    pub meets: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

/// Home page, section introductions (`_index.md`) and other pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageFront {
    #[serde(default)]
    pub title: String,
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: String,
    /// Ids of the register's requirements this page meets.
    #[serde(default)]
    pub meets: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

const TITLE: Field = Field::new(
    "title",
    "the title in quotes, e.g. title = \"Online safety\"",
)
.required();
const ID: Field = Field::new(
    "id",
    "a short id used in `@id` links, e.g. \"online-safety\"",
);
const SUMMARY: Field = Field::new("summary", "a plain-English paragraph in quotes");
const DRAFT: Field = Field::new("draft", "true or false");
const MEETS: Field = Field::new(
    "meets",
    "a list of requirement ids from the statutory register, e.g. [\"child-protection\"]",
);
const RELATED: Field = Field::new(
    "related",
    "a list of policy ids, e.g. [\"behaviour\", \"anti-bullying\"]",
);
const OWNERS: Field = Field::new(
    "owners",
    "a list of roles, e.g. [\"Designated Safeguarding Lead\"]",
);
const APPROVED: Field = Field::new(
    "approved",
    "a date without quotes, e.g. approved = 2026-03-12",
);
const REVIEW_EVERY: Field = Field::new(
    "review_every",
    "a cycle in quotes: \"1 year\", \"2 years\" or \"6 months\"",
);
const NEXT_REVIEW: Field = Field::new(
    "next_review",
    "a date without quotes (2027-03-12) or a term in quotes (\"Autumn 2027\")",
);
const REFERENCE: Field = Field::new(
    "reference",
    "the school's reference in quotes, e.g. \"SG-01\"",
);
const BANDS: Field = Field::new(
    "bands",
    "a list of band ids from charter.toml, e.g. [\"ks1\", \"ks2\"]",
);

static HISTORY: Schema = Schema {
    fields: &[
        Field::new("date", "a date without quotes, e.g. date = 2026-03-12").required(),
        Field::new("approved_by", "who approved it, e.g. \"Governing Body\""),
        Field::new("minute", "the minute reference, e.g. \"FGB 2026/14\""),
        Field::new("summary", "what changed, in quotes"),
    ],
};

pub(crate) static POLICY: Schema = Schema {
    fields: &[
        TITLE,
        ID,
        REFERENCE,
        OWNERS.required(),
        Field::new("approved_by", "who approved it, e.g. \"Governing Body\""),
        APPROVED,
        REVIEW_EVERY,
        NEXT_REVIEW,
        Field::new("statutory", "true or false"),
        Field::new(
            "audiences",
            "a list drawn from \"staff\", \"pupils\", \"parents\", \"governors\", \"visitors\"",
        ),
        RELATED,
        Field::new("guidance", "a list of ids from guidance.toml"),
        SUMMARY,
        MEETS,
        DRAFT,
        Field::new(
            "history",
            "[[history]] tables with date, approved_by, minute and summary",
        )
        .nested(&HISTORY),
    ],
};

static CONSENT: Schema = Schema {
    fields: &[
        Field::new("id", "a short id, e.g. \"photos-website\"").required(),
        Field::new("label", "what the parent agrees to, in quotes").required(),
    ],
};

pub(crate) static AGREEMENT: Schema = Schema {
    fields: &[
        TITLE,
        ID,
        REFERENCE,
        Field::new(
            "audience",
            "one of \"pupils\", \"staff\", \"parents\", \"visitors\", \"governors\"",
        )
        .required(),
        Field::new("band", "a band id from charter.toml, e.g. \"ks2\""),
        Field::new(
            "signatures",
            "a list of who signs, e.g. [\"pupil\", \"parent\"]",
        ),
        Field::new("consents", "[[consents]] tables with id and label").nested(&CONSENT),
        APPROVED,
        REVIEW_EVERY,
        NEXT_REVIEW,
        OWNERS,
        RELATED,
        SUMMARY,
        MEETS,
        DRAFT,
    ],
};

pub(crate) static UNIT: Schema = Schema {
    fields: &[
        TITLE,
        ID,
        Field::new(
            "strand",
            "a strand id from charter.toml, e.g. \"online-bullying\"",
        )
        .required(),
        BANDS.required(),
        Field::new(
            "years",
            "a list of year names, e.g. [\"Year 3\", \"Year 4\"]",
        ),
        Field::new("objectives", "a list of learning objectives in quotes"),
        Field::new("duration", "text in quotes, e.g. \"2 × 45 minutes\""),
        RELATED,
        SUMMARY,
        MEETS,
        DRAFT,
    ],
};

pub(crate) static PARENT: Schema = Schema {
    fields: &[
        TITLE,
        ID,
        SUMMARY,
        Field::new("topics", "a list of topics in quotes"),
        BANDS,
        RELATED,
        MEETS,
        DRAFT,
    ],
};

pub(crate) static PAGE: Schema = Schema {
    fields: &[TITLE, ID, SUMMARY, MEETS, DRAFT],
};

#[cfg(test)]
mod tests {
    //! Each schema must list exactly the keys its struct accepts: a full
    //! document using every schema key parses into the struct.
    use super::*;
    use serde::de::DeserializeOwned;

    fn parses_fully<T: DeserializeOwned>(schema: &Schema, doc: &str) {
        let (value, problems) = crate::base::schema::parse::<T>(doc, schema);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(value.is_some());
        let table: toml::Table = doc.parse().unwrap();
        let keys: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
        let mut doc_keys: Vec<&str> = table.keys().map(String::as_str).collect();
        doc_keys.sort_unstable();
        let mut schema_keys = keys.clone();
        schema_keys.sort_unstable();
        assert_eq!(doc_keys, schema_keys);
    }

    #[test]
    fn policy_schema_matches_struct() {
        parses_fully::<PolicyFront>(
            &POLICY,
            r#"
title = "T"
id = "t"
reference = "1"
owners = ["Head"]
approved_by = "Governors"
approved = 2026-01-01
review_every = "1 year"
next_review = "Autumn 2026"
statutory = true
audiences = ["staff"]
related = []
guidance = []
summary = "S"
meets = []
draft = false
[[history]]
date = 2026-01-01
approved_by = "G"
minute = "M"
summary = "S"
"#,
        );
    }

    #[test]
    fn agreement_schema_matches_struct() {
        parses_fully::<AgreementFront>(
            &AGREEMENT,
            r#"
title = "T"
id = "t"
reference = "AUP-1"
audience = "pupils"
band = "ks1"
signatures = ["pupil"]
approved = 2026-01-01
review_every = "1 year"
next_review = 2027-01-01
owners = ["Head"]
related = []
summary = "S"
meets = []
draft = false
[[consents]]
id = "c"
label = "L"
"#,
        );
    }

    #[test]
    fn unit_parent_and_page_schemas_match_structs() {
        parses_fully::<UnitFront>(
            &UNIT,
            r#"
title = "T"
id = "t"
strand = "s"
bands = ["ks1"]
years = ["Year 1"]
objectives = ["O"]
duration = "1 hour"
related = []
summary = "S"
meets = []
draft = false
"#,
        );
        parses_fully::<ParentFront>(
            &PARENT,
            "title = \"T\"\nid = \"t\"\nsummary = \"S\"\ntopics = []\nbands = []\nrelated = []\nmeets = []\ndraft = true\n",
        );
        parses_fully::<PageFront>(
            &PAGE,
            "title = \"T\"\nid = \"t\"\nsummary = \"S\"\nmeets = []\ndraft = true\n",
        );
    }
}
