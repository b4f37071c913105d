//! `trust.toml`: a trust's name and its schools, as typed structs that
//! mirror the TOML, checked like `charter.toml` (every problem at its line
//! and column, with a hint). Also how a school finds its trust: the first
//! `trust.toml` above it that lists it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::schema::{self, Field, Schema};
use crate::base::source::SourceFile;
use crate::layout::{CONFIG_FILE, SCHOOLS_DIR, TRUST_FILE};

/// `trust.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrustFile {
    /// The trust's name, at the top of the overview.
    name: String,
    /// One entry per school, in the order the overview shows them.
    #[serde(default)]
    schools: Vec<SchoolEntry>,
}

/// A `[[schools]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchoolEntry {
    /// The school's folder, relative to the trust's folder.
    folder: Spanned<String>,
}

static SCHOOL: Schema = Schema {
    fields: &[Field::new(
        "folder",
        "the school's folder inside the trust's folder, e.g. \"schools/oakfield\"",
    )
    .required()],
};
static TRUST_SCHEMA: Schema = Schema {
    fields: &[
        Field::new("name", "the trust's name in quotes").required(),
        Field::new("schools", "[[schools]] tables").nested(&SCHOOL),
    ],
};

/// A trust, read and checked.
#[derive(Debug, Clone)]
pub(crate) struct Trust {
    /// The trust's folder, absolute.
    pub root: PathBuf,
    pub name: String,
    pub schools: Vec<School>,
}

/// One school of a trust.
#[derive(Debug, Clone)]
pub(crate) struct School {
    /// Its folder as written in `trust.toml`, tidied: `schools/oakfield`.
    pub folder: String,
    /// The last part of the folder (`oakfield`): how reports, `--school`
    /// and the overview name the school.
    pub name: String,
    /// The folder, absolute.
    pub root: PathBuf,
}

impl Trust {
    /// Reads `trust.toml` in `root`. Every problem is returned as a
    /// finding (`config-invalid`), paths from the trust's folder.
    pub(crate) fn load(root: &Path) -> Result<Trust, Diagnostics> {
        let root = crate::base::paths::absolute(root);
        let path = root.join(TRUST_FILE);
        let one = |message: String, hint: &str| {
            let mut d = Diagnostics::new();
            d.push(Diagnostic::file(
                Code::ConfigInvalid,
                TRUST_FILE,
                message,
                hint,
            ));
            d
        };
        let raw = std::fs::read(&path).map_err(|e| {
            one(
                format!("cannot read {TRUST_FILE}: {e}"),
                "check that the file exists and can be read",
            )
        })?;
        let text = String::from_utf8(raw).map_err(|_| {
            one(
                format!("{TRUST_FILE} is not UTF-8 text"),
                "save the file as UTF-8 in your editor",
            )
        })?;
        let source = SourceFile::new(TRUST_FILE, &path, &text);
        let (file, problems) = schema::parse::<TrustFile>(&source.text, &TRUST_SCHEMA);
        let mut diags = Diagnostics::new();
        diags.extend(
            problems
                .into_iter()
                .map(|p| Diagnostic::at(Code::ConfigInvalid, &source, p.span, p.message, p.hint)),
        );
        let Some(file) = file else {
            return Err(diags);
        };
        let trust = validate(&root, file, &source, &mut diags);
        if diags.is_empty() {
            Ok(trust)
        } else {
            Err(diags)
        }
    }

    /// The school `--school` names: its folder name (`oakfield`) or its
    /// folder as written (`schools/oakfield`).
    pub(crate) fn school(&self, name: &str) -> Option<&School> {
        let name = name.trim_end_matches('/');
        self.schools
            .iter()
            .find(|s| s.name == name || s.folder == name)
    }

    /// "oakfield, riverside": for messages that list the schools.
    pub(crate) fn school_names(&self) -> String {
        self.schools
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Each school's folder is inside the trust's, is a site, and is listed
/// once; the trust has a name and at least one school.
fn validate(root: &Path, file: TrustFile, source: &SourceFile, diags: &mut Diagnostics) -> Trust {
    let mut schools: Vec<School> = Vec::new();
    if file.name.trim().is_empty() {
        diags.push(Diagnostic::file(
            Code::ConfigInvalid,
            TRUST_FILE,
            "`name` is empty",
            "give the trust's name, e.g. name = \"Riverside Learning Trust\"",
        ));
    }
    if file.schools.is_empty() {
        diags.push(Diagnostic::file(
            Code::ConfigInvalid,
            TRUST_FILE,
            "the trust lists no schools",
            format!("add a [[schools]] table for each school, e.g. [[schools]] folder = \"{SCHOOLS_DIR}/oakfield\""),
        ));
    }
    for entry in file.schools {
        let written = entry.folder.get_ref();
        let at = |message: String, hint: String| {
            Diagnostic::at(
                Code::ConfigInvalid,
                source,
                entry.folder.span(),
                message,
                hint,
            )
        };
        let Some(folder) = tidy(written) else {
            diags.push(at(
                format!("`folder = \"{written}\"` is not a folder inside the trust's folder"),
                format!("write the school's folder from the trust's folder, e.g. \"{SCHOOLS_DIR}/oakfield\", and keep the school inside it"),
            ));
            continue;
        };
        let abs = root.join(&folder);
        if let Some(first) = schools.iter().find(|s| s.folder == folder) {
            diags.push(at(
                format!("the school folder `{folder}` is listed twice"),
                format!(
                    "remove one of the two [[schools]] entries for {}",
                    first.folder
                ),
            ));
            continue;
        }
        if !abs.is_dir() {
            diags.push(at(
                format!("the school folder `{folder}` does not exist"),
                "check the spelling (folder names are case-sensitive), or create the school with `charter init`".into(),
            ));
            continue;
        }
        if !abs.join(CONFIG_FILE).is_file() {
            diags.push(at(
                format!("the school folder `{folder}` has no {CONFIG_FILE}"),
                format!("each school is a complete site: run `charter init {folder}`, or move its {CONFIG_FILE} there"),
            ));
            continue;
        }
        let name = folder.rsplit('/').next().unwrap_or(&folder).to_string();
        if let Some(other) = schools.iter().find(|s| s.name == name) {
            diags.push(at(
                format!("two schools would both be called `{name}` ({} and {folder})", other.folder),
                "give each school's folder its own last name, e.g. schools/oakfield and schools/riverside".into(),
            ));
            continue;
        }
        schools.push(School {
            folder,
            name,
            root: abs,
        });
    }
    Trust {
        root: root.to_path_buf(),
        name: file.name,
        schools,
    }
}

/// `./schools/oakfield/` → `schools/oakfield`; `None` for a folder that is
/// absolute, climbs out with `..`, or is the trust's folder itself.
fn tidy(written: &str) -> Option<String> {
    let path = Path::new(written.trim());
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// What looking above a school's folder for its trust found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The trust's folder, when a `trust.toml` lists this school.
    pub trust: Option<PathBuf>,
    /// Why a `trust.toml` on the way was not used, for a notice.
    pub notices: Vec<String>,
}

/// The trust of the school in `school_root`: the first `trust.toml` in a
/// folder above it (up to the file system's root) that lists it. One that
/// does not list it, or cannot be read, is passed over with a notice.
pub(crate) fn find_for_school(school_root: &Path) -> Found {
    let school = crate::base::paths::absolute(school_root);
    let mut found = Found::default();
    for dir in school.ancestors().skip(1) {
        if !dir.join(TRUST_FILE).is_file() {
            continue;
        }
        let shown = dir.join(TRUST_FILE);
        match Trust::load(dir) {
            Ok(trust) if trust.schools.iter().any(|s| crate::base::paths::absolute(&s.root) == school) => {
                found.trust = Some(trust.root);
                return found;
            }
            Ok(_) => found.notices.push(format!(
                "{} does not list this school's folder, so its documents are not included",
                shown.display()
            )),
            Err(_) => found.notices.push(format!(
                "{} has problems (run `charter check` in its folder), so its documents are not included",
                shown.display()
            )),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn folders_stay_inside_the_trust() {
        assert_eq!(tidy("./schools/oak/"), Some("schools/oak".into()));
        assert_eq!(tidy("schools/../../x"), None);
        assert_eq!(tidy("/etc"), None);
        assert_eq!(tidy("."), None);
    }
}
