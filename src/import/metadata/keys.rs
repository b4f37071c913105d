//! The keys of cover lines, as schools write them, and the front matter
//! field each one gives, compared in lower case without "(s)" and
//! trailing punctuation.

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Field {
    Title,
    Approved,
    ApprovedBy,
    NextReview,
    ReviewEvery,
    Owners,
    /// "Reviewed by": the owners when nothing better says who.
    Reviewer,
    Reference,
    Version,
    Statutory,
}

const APPROVED: &[&str] = &[
    "date approved",
    "approved",
    "approved on",
    "approval date",
    "date of approval",
    "ratified",
    "date ratified",
    "ratified on",
    "date of ratification",
    "date adopted",
    "adopted",
    "adopted on",
    "date of adoption",
    "last reviewed",
    "last review",
    "date reviewed",
    "reviewed",
    "reviewed/approved",
    "approved/reviewed",
    "date of issue",
    "issue date",
    "issued",
    "date of last review",
    "effective date",
    "date agreed",
    "agreed",
];
const NEXT: &[&str] = &[
    "review date",
    "next review",
    "next review date",
    "date of next review",
    "to be reviewed",
    "review by",
    "due for review",
    "next review due",
    "review due",
    "renewal date",
    "date for review",
    "review",
    "next reviewed",
];
const EVERY: &[&str] = &[
    "review cycle",
    "review frequency",
    "frequency of review",
    "review period",
    "reviewed every",
    "frequency",
];
const OWNERS: &[&str] = &[
    "policy owner",
    "owner",
    "owners",
    "lead",
    "policy lead",
    "responsible person",
    "responsible persons",
    "responsible",
    "responsibility",
    "author",
    "written by",
    "member of staff responsible",
    "staff responsible",
    "coordinator",
    "person responsible",
];
const REFERENCE: &[&str] = &[
    "policy number",
    "policy no",
    "policy no.",
    "reference",
    "ref",
    "policy reference",
    "policy ref",
    "document reference",
    "document number",
    "document no",
];

pub(super) fn field(key: &str) -> Option<Field> {
    let found = if APPROVED.contains(&key) {
        Field::Approved
    } else if NEXT.contains(&key) {
        Field::NextReview
    } else if EVERY.contains(&key) {
        Field::ReviewEvery
    } else if OWNERS.contains(&key)
        || (key.split_whitespace().count() <= 4
            && [" lead", " coordinator", " owner"]
                .iter()
                .any(|e| key.ends_with(e)))
    {
        Field::Owners
    } else if REFERENCE.contains(&key) {
        Field::Reference
    } else {
        match key {
            "approved by" | "ratified by" | "adopted by" | "agreed by" | "signed off by"
            | "approving body" => Field::ApprovedBy,
            "reviewed by" => Field::Reviewer,
            "version" | "version number" | "version no" => Field::Version,
            "statutory" | "statutory policy" | "status" => Field::Statutory,
            "title" | "policy title" | "policy name" | "document title" | "name of policy" => {
                Field::Title
            }
            _ => return None,
        }
    };
    Some(found)
}

pub(super) fn normalise_key(key: &str) -> String {
    key.to_lowercase()
        .replace('’', "'")
        .replace("(s)", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ':', '-'])
        .trim()
        .to_string()
}
