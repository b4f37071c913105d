//! The register's data: one file per nation compiled in (`england.toml`),
//! in the same schema as a site's own file that adds to it or corrects it.
//! Every field but `id` is optional in a file, so that a correction names
//! only what it changes; a complete [`Requirement`] is made by merging.

use jiff::civil::Date;
use serde::Deserialize;

use super::approval::Approval;
use crate::base::schema::{Field, Schema};
use crate::config::statutory::{Phase, SchoolType};

/// England's register, read when a site names `nation = "england"`.
const ENGLAND: &str = include_str!("england.toml");

/// The nations with a built-in register, and its text.
pub(crate) const NATIONS: [(&str, &str); 1] = [("england", ENGLAND)];

/// A register file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    /// The nation whose rules it holds.
    #[serde(default)]
    pub nation: Option<String>,
    /// When it was last checked against its sources.
    #[serde(default)]
    pub checked: Option<toml::value::Datetime>,
    /// The pages the requirements rest on.
    #[serde(default)]
    pub source: Vec<Source>,
    /// The requirements, complete or as corrections.
    #[serde(default)]
    pub requirement: Vec<Entry>,
}

/// A page a requirement rests on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    /// Its id, named by requirements' `source`.
    pub id: String,
    /// What the page is called, in our words.
    pub title: String,
    /// Its address.
    pub url: String,
    /// The day it was read.
    #[serde(default)]
    pub read: Option<toml::value::Datetime>,
    /// The page's own "last updated" note, as found.
    #[serde(default)]
    pub updated: Option<String>,
    /// How much of the page could be read.
    #[serde(default)]
    pub coverage: Option<String>,
    /// A third party's page, not the government's.
    #[serde(default)]
    pub secondary: bool,
    /// The types of school the page is written for; every type when empty
    /// (so a maintained school's table does not cite the trusts' guide).
    #[serde(default)]
    pub types: Vec<SchoolType>,
}

/// A requirement as a file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    /// Its id, used in `meets` and `not_applicable`.
    pub id: String,
    /// What it is called.
    pub title: Option<String>,
    /// Which schools it applies to.
    pub applies_to: Option<AppliesTo>,
    /// Policy, document or published information.
    pub kind: Option<Kind>,
    /// How often it is reviewed.
    pub cycle: Option<CycleRule>,
    /// Where the cycle comes from.
    pub cycle_basis: Option<CycleBasis>,
    /// Who may approve it.
    pub approval: Option<PerType<Approval>>,
    /// The level the withdrawn DfE list gave, kept for reference.
    pub approval_former: Option<PerType<Approval>>,
    /// Whether it must go on the website.
    pub publish: Option<PerType<Publish>>,
    /// The strongest evidence found for it.
    pub evidence: Option<Evidence>,
    /// Ids of its sources.
    pub source: Option<Vec<String>>,
    /// Anything a reader should know.
    pub note: Option<String>,
}

/// Which schools a requirement applies to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AppliesTo {
    /// Maintained schools, academies, or both.
    pub types: Vec<SchoolType>,
    /// The phases, or `["all"]`.
    pub phases: Vec<Phase>,
    /// True when only boarding schools must have it.
    #[serde(default)]
    pub boarding: bool,
}

/// What kind of thing meets a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    /// A policy the board keeps.
    Policy,
    /// A document or record.
    Document,
    /// Information for the website.
    Information,
}

/// The review cycle the source states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub(crate) enum CycleRule {
    /// Every year.
    #[serde(rename = "annual")]
    Annual,
    /// Every 2 years.
    #[serde(rename = "2-years")]
    TwoYears,
    /// Every 3 years.
    #[serde(rename = "3-years")]
    ThreeYears,
    /// Every 4 years.
    #[serde(rename = "4-years")]
    FourYears,
    /// Kept up to date as things change, with no fixed cycle.
    #[serde(rename = "live")]
    Live,
    /// The source gives no cycle.
    #[serde(rename = "not-stated")]
    NotStated,
    /// It depends on the document.
    #[serde(rename = "varies")]
    Varies,
}

impl CycleRule {
    /// The longest gap between reviews, in months; `None`: nothing to check.
    pub(crate) fn months(self) -> Option<i32> {
        match self {
            CycleRule::Annual => Some(12),
            CycleRule::TwoYears => Some(24),
            CycleRule::ThreeYears => Some(36),
            CycleRule::FourYears => Some(48),
            CycleRule::Live | CycleRule::NotStated | CycleRule::Varies => None,
        }
    }

    /// How it reads on the dashboard.
    pub(crate) fn label(self) -> &'static str {
        match self {
            CycleRule::Annual => "Every year",
            CycleRule::TwoYears => "Every 2 years",
            CycleRule::ThreeYears => "Every 3 years",
            CycleRule::FourYears => "Every 4 years",
            CycleRule::Live => "Live document (kept up to date)",
            CycleRule::NotStated => "Not stated",
            CycleRule::Varies => "Varies",
        }
    }
}

/// Where a cycle comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CycleBasis {
    /// The DfE's general advice to review yearly.
    DfeRecommendation,
    /// The withdrawn DfE list.
    WithdrawnDfeList,
    /// A yearly publication date.
    Deadline,
    /// A third party's page.
    Secondary,
}

/// Whether a requirement must be on the school's website.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Publish {
    /// It must.
    Must,
    /// It should.
    Should,
    /// A source says it need not.
    No,
    /// No rule found.
    NotStated,
}

impl Publish {
    /// How it reads on the dashboard.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Publish::Must => "Must be published",
            Publish::Should => "Should be published",
            Publish::No => "Need not be published",
            Publish::NotStated => "Not stated",
        }
    }
}

/// The strongest evidence found for a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Evidence {
    /// A current DfE page.
    DfeCurrent,
    /// The withdrawn DfE list.
    DfeWithdrawn,
    /// An Act or regulations.
    Legislation,
    /// A third party's page only.
    Secondary,
}

/// One value for every school type, or one for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum PerType<T> {
    /// The same for maintained schools and academies.
    Same(T),
    /// Each type its own.
    ByType {
        /// For maintained schools.
        maintained: T,
        /// For academies.
        academy: T,
    },
}

impl<T: Copy> PerType<T> {
    /// The value for a school of type `t`.
    pub(crate) fn get(self, t: SchoolType) -> T {
        match (self, t) {
            (PerType::Same(v), _) => v,
            (PerType::ByType { maintained, .. }, SchoolType::Maintained) => maintained,
            (PerType::ByType { academy, .. }, SchoolType::Academy) => academy,
        }
    }
}

/// A requirement with every field it must have.
#[derive(Debug, Clone)]
pub(crate) struct Requirement {
    /// Its id.
    pub id: String,
    /// What it is called.
    pub title: String,
    /// Which schools it applies to.
    pub applies_to: AppliesTo,
    /// Policy, document or information.
    pub kind: Kind,
    /// How often it is reviewed.
    pub cycle: CycleRule,
    /// Where the cycle comes from.
    pub cycle_basis: Option<CycleBasis>,
    /// Who may approve it.
    pub approval: PerType<Approval>,
    /// The withdrawn DfE list's level.
    pub approval_former: Option<PerType<Approval>>,
    /// Whether it must go on the website.
    pub publish: PerType<Publish>,
    /// The strongest evidence found.
    pub evidence: Option<Evidence>,
    /// Ids of its sources.
    pub sources: Vec<String>,
    /// Anything a reader should know.
    pub note: String,
}

impl Requirement {
    /// A complete requirement from an entry, or the names of the fields it
    /// lacks.
    pub(crate) fn complete(e: &Entry) -> Result<Requirement, Vec<&'static str>> {
        let mut lacking = Vec::new();
        let mut need = |present: bool, name: &'static str| {
            if !present {
                lacking.push(name);
            }
        };
        need(e.title.is_some(), "title");
        need(e.applies_to.is_some(), "applies_to");
        need(e.kind.is_some(), "kind");
        need(e.cycle.is_some(), "cycle");
        need(e.approval.is_some(), "approval");
        need(e.publish.is_some(), "publish");
        need(e.source.as_ref().is_some_and(|s| !s.is_empty()), "source");
        match (
            &e.title,
            &e.applies_to,
            e.kind,
            e.cycle,
            e.approval,
            e.publish,
        ) {
            (
                Some(title),
                Some(applies_to),
                Some(kind),
                Some(cycle),
                Some(approval),
                Some(publish),
            ) if lacking.is_empty() => Ok(Requirement {
                id: e.id.clone(),
                title: title.clone(),
                applies_to: applies_to.clone(),
                kind,
                cycle,
                cycle_basis: e.cycle_basis,
                approval,
                approval_former: e.approval_former,
                publish,
                evidence: e.evidence,
                sources: e.source.clone().unwrap_or_default(),
                note: e.note.clone().unwrap_or_default(),
            }),
            _ => Err(lacking),
        }
    }

    /// The entry's fields written over this requirement's: a correction.
    pub(crate) fn correct(&mut self, e: &Entry) {
        if let Some(v) = &e.title {
            self.title.clone_from(v);
        }
        if let Some(v) = &e.applies_to {
            self.applies_to = v.clone();
        }
        self.kind = e.kind.unwrap_or(self.kind);
        self.cycle = e.cycle.unwrap_or(self.cycle);
        self.cycle_basis = e.cycle_basis.or(self.cycle_basis);
        self.approval = e.approval.unwrap_or(self.approval);
        self.approval_former = e.approval_former.or(self.approval_former);
        self.publish = e.publish.unwrap_or(self.publish);
        self.evidence = e.evidence.or(self.evidence);
        if let Some(v) = &e.source {
            self.sources.clone_from(v);
        }
        if let Some(v) = &e.note {
            self.note.clone_from(v);
        }
    }
}

/// A register ready to use: sources and complete requirements.
#[derive(Debug, Clone, Default)]
pub(crate) struct Register {
    /// The day it was last checked against its sources.
    pub checked: Option<Date>,
    /// Its sources.
    pub sources: Vec<Source>,
    /// Its requirements, in the file's order.
    pub requirements: Vec<Requirement>,
}

impl Register {
    /// The built-in register of `nation`, if there is one. The files are
    /// checked by the tests, so an incomplete entry never ships.
    pub(crate) fn built_in(nation: &str) -> Option<Register> {
        let (_, text) = NATIONS.iter().find(|(n, _)| *n == nation)?;
        let file: File = toml::from_str(text).ok()?;
        if file.nation.as_deref() != Some(nation) {
            return None;
        }
        Some(Register {
            checked: file
                .checked
                .as_ref()
                .and_then(crate::base::dates::toml_date),
            sources: file.source,
            requirements: file
                .requirement
                .iter()
                .filter_map(|e| Requirement::complete(e).ok())
                .collect(),
        })
    }

    /// The requirement with this id.
    pub(crate) fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// The source with this id.
    pub(crate) fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

static SOURCE: Schema = Schema {
    fields: &[
        Field::new("id", "a short id in quotes, e.g. \"la-checklist\"").required(),
        Field::new("title", "the page's title in quotes").required(),
        Field::new("url", "the page's address in quotes").required(),
        Field::new(
            "read",
            "the day you read it, without quotes, e.g. 2026-12-03",
        ),
        Field::new("updated", "the page's own last-updated note, in quotes"),
        Field::new("coverage", "how much of the page you read, in quotes"),
        Field::new("secondary", "true when it is not a government page"),
        Field::new(
            "types",
            "the types of school it is written for, e.g. [\"academy\"]",
        ),
    ],
};
static REQUIREMENT: Schema = Schema {
    fields: &[
        Field::new(
            "id",
            "a requirement id in quotes, e.g. \"child-protection\"",
        )
        .required(),
        Field::new("title", "the requirement's title in quotes"),
        Field::new(
            "applies_to",
            "a table: { types = [\"maintained\", \"academy\"], phases = [\"all\"], boarding = false }",
        ),
        Field::new("kind", "\"policy\", \"document\" or \"information\""),
        Field::new(
            "cycle",
            "\"annual\", \"2-years\", \"3-years\", \"4-years\", \"live\", \"not-stated\" or \"varies\"",
        ),
        Field::new(
            "cycle_basis",
            "\"dfe-recommendation\", \"withdrawn-dfe-list\", \"deadline\" or \"secondary\"",
        ),
        Field::new(
            "approval",
            "\"full-board\", \"committee\", \"individual-governor\", \"headteacher\", \"proprietor\" or \"not-stated\", or { maintained = …, academy = … }",
        ),
        Field::new("approval_former", "a level, as for approval"),
        Field::new(
            "publish",
            "\"must\", \"should\", \"no\" or \"not-stated\", or { maintained = …, academy = … }",
        ),
        Field::new(
            "evidence",
            "\"dfe-current\", \"dfe-withdrawn\", \"legislation\" or \"secondary\"",
        ),
        Field::new("source", "a list of source ids, e.g. [\"dfe-ms-policies\"]"),
        Field::new("note", "a sentence or two in quotes"),
    ],
};
/// What a register file may contain, for reports with the closest key.
pub(crate) static FILE_SCHEMA: Schema = Schema {
    fields: &[
        Field::new("nation", "the nation in quotes, e.g. \"england\""),
        Field::new("checked", "a date without quotes, e.g. 2026-12-03"),
        Field::new("source", "[[source]] tables").nested(&SOURCE),
        Field::new("requirement", "[[requirement]] tables").nested(&REQUIREMENT),
    ],
};
