//! What the law asks of a school: the register of statutory policies,
//! documents and website information (one built-in file per nation, see
//! `SOURCES.md` for how England's was read), a site's own corrections, and
//! the school's `[statutory]` answers that pick the requirements applying
//! to it. The checks are in `checks::statutory`, the governors' table in
//! `render::dashboard::statutory`.

pub(crate) mod approval;
pub(crate) mod register;
mod site_file;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::Path;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::schema;
use crate::base::source::SourceFile;
use crate::config::spans::Spans;
use crate::config::{CONFIG_FILE, Config};
pub(crate) use register::{Kind, Register, Requirement};

/// The register with the school's answers: what applies to this school.
#[derive(Debug, Clone)]
pub(crate) struct Statutory {
    /// `[statutory]` as written.
    pub school: crate::config::Statutory,
    /// The built-in register with the site's corrections.
    pub register: Register,
    /// Where `[statutory]` is in `charter.toml`, for findings about the
    /// school as a whole.
    pub table: Range<usize>,
}

impl Statutory {
    /// Whether `r` applies to this school by type, phase and boarding
    /// (whatever `not_applicable` says).
    pub(crate) fn applies(&self, r: &Requirement) -> bool {
        let a = &r.applies_to;
        a.types.contains(&self.school.school_type)
            && self.school.teaches_any(&a.phases)
            && (!a.boarding || self.school.boarding)
    }

    /// The pages `r` rests on that are written for this type of school
    /// (all of them if none is), government pages first.
    pub(crate) fn sources_of(&self, r: &Requirement) -> Vec<&register::Source> {
        let all: Vec<_> = r
            .sources
            .iter()
            .filter_map(|id| self.register.source(id))
            .collect();
        let school_type = self.school.school_type;
        let mut ours: Vec<_> = all
            .iter()
            .copied()
            .filter(|s| s.types.is_empty() || s.types.contains(&school_type))
            .collect();
        if ours.is_empty() {
            ours = all;
        }
        ours.sort_by_key(|s| s.secondary);
        ours
    }

    /// Why the school says `r` does not apply, if it does.
    pub(crate) fn reason_not_applicable(&self, r: &Requirement) -> Option<&str> {
        self.school.not_applicable.get(&r.id).map(String::as_str)
    }

    /// Whether `meets` names a requirement of kind policy that applies to
    /// this school: the register's own "statutory".
    pub(crate) fn requires_policy(&self, meets: &[toml::Spanned<String>]) -> bool {
        meets.iter().any(|id| {
            self.register
                .requirement(id.get_ref())
                .is_some_and(|r| r.kind == Kind::Policy && self.applies(r))
        })
    }

    /// Whether `meets` names a policy or document (not website information
    /// alone) that applies to this school: what `statutory = true` means.
    pub(crate) fn requires_document(&self, meets: &[toml::Spanned<String>]) -> bool {
        meets.iter().any(|id| {
            self.register
                .requirement(id.get_ref())
                .is_some_and(|r| r.kind != Kind::Information && self.applies(r))
        })
    }

    /// The requirements that apply to this school, in the register's order.
    pub(crate) fn applicable(&self) -> impl Iterator<Item = &Requirement> {
        self.register
            .requirements
            .iter()
            .filter(|r| self.applies(r))
    }
}

/// Reads the register for a site with `[statutory]` (`None` without it):
/// the nation's built-in file, the site's own file, and the ids named in
/// `not_applicable`. Every problem is a configuration error.
pub(crate) fn load(root: &Path, config: &Config) -> Result<Option<Statutory>, Vec<Diagnostic>> {
    let Some(school) = &config.statutory else {
        return Ok(None);
    };
    let fallback = SourceFile::new(CONFIG_FILE, root.join(CONFIG_FILE), "");
    let source = config.source.as_ref().unwrap_or(&fallback);
    let spans = Spans::parse(&source.text);
    let Some(mut register) = Register::built_in(&school.nation) else {
        let known: Vec<&str> = register::NATIONS.iter().map(|(n, _)| *n).collect();
        return Err(vec![Diagnostic::at(
            Code::ConfigInvalid,
            source,
            spans.string(&["statutory", "nation"]).unwrap_or(0..0),
            format!(
                "no register of requirements is built in for `{}`",
                school.nation
            ),
            format!("write one of: {}", known.join(", ")),
        )]);
    };
    if let Some(file) = &school.register {
        let at = spans.string(&["statutory", "register"]).unwrap_or(0..0);
        site_file::apply(root, file, (source, at), &mut register)?;
    }
    let mut problems = Vec::new();
    for (id, reason) in &school.not_applicable {
        if register.requirement(id).is_none() {
            let ids = register.requirements.iter().map(|r| r.id.as_str());
            problems.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                spans
                    .key(&["statutory", "not_applicable", id])
                    .unwrap_or(0..0),
                format!("`statutory.not_applicable` names `{id}`, which is not in the register"),
                unknown_id_hint(id, ids),
            ));
        } else if reason.trim().is_empty() {
            problems.push(Diagnostic::at(
                Code::ConfigInvalid,
                source,
                spans
                    .value(&["statutory", "not_applicable", id])
                    .unwrap_or(0..0),
                format!("`statutory.not_applicable` gives no reason for `{id}`"),
                "say in a few words why it does not apply, e.g. \"We have no boarders.\"",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Some(Statutory {
        school: school.clone(),
        register,
        table: spans.value(&["statutory"]).unwrap_or(0..0),
    }))
}

/// "did you mean `child-protection`?", or where the ids are listed.
pub(crate) fn unknown_id_hint<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> String {
    match schema::closest(id, ids) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "use an id of the register: the README lists them, under \"What the law requires\""
            .into(),
    }
}
