//! `[statutory]` in `charter.toml`: what kind of school this is, so that the
//! register of what the law asks (`crate::statutory`) can say which of its
//! requirements apply. Without the table Charter checks none of them.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Maintained (local-authority) school, or academy (free schools included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SchoolType {
    /// A local-authority-maintained school.
    Maintained,
    /// An academy or free school, run by an academy trust.
    Academy,
}

impl SchoolType {
    /// Its word in the register and in reports.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SchoolType::Maintained => "maintained",
            SchoolType::Academy => "academy",
        }
    }

    /// The school in a sentence: "a maintained school", "an academy".
    pub(crate) fn in_words(self) -> &'static str {
        match self {
            SchoolType::Maintained => "a maintained school",
            SchoolType::Academy => "an academy",
        }
    }
}

/// A phase of education; `all` (in the register, or for an all-through
/// school) stands for every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Phase {
    /// Every phase.
    All,
    /// Nursery.
    Nursery,
    /// Primary.
    Primary,
    /// Secondary.
    Secondary,
    /// Sixth form.
    SixthForm,
}

/// `[statutory]`: the school's type and phases, and its answers to the
/// register.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Statutory {
    /// `"maintained"` or `"academy"`.
    pub school_type: SchoolType,
    /// The phases the school teaches, e.g. `["primary"]`.
    pub phases: Vec<Phase>,
    /// Whether the school takes boarders.
    #[serde(default)]
    pub boarding: bool,
    /// Whose rules: one built-in register per nation.
    #[serde(default = "default_nation")]
    pub nation: String,
    /// A file of the site that adds requirements or corrects built-in ones.
    #[serde(default)]
    pub register: Option<String>,
    /// Requirement id → why it does not apply to this school.
    #[serde(default)]
    pub not_applicable: BTreeMap<String, String>,
}

/// Only England's rules are built in so far.
fn default_nation() -> String {
    "england".into()
}

impl Statutory {
    /// Whether the school teaches in one of `phases` (`all` matches any).
    pub(crate) fn teaches_any(&self, phases: &[Phase]) -> bool {
        phases.contains(&Phase::All)
            || self.phases.contains(&Phase::All)
            || phases.iter().any(|p| self.phases.contains(p))
    }
}
