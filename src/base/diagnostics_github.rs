//! `charter check --format github`: one GitHub Actions workflow command per
//! finding (`::error file=…,line=…,col=…,title=…::message`), so that a pull
//! request shows each finding on its line. Escaping follows the runner's
//! rules (`@actions/core`, `command.ts`).

use std::path::{Path, PathBuf};

use crate::base::diagnostics::{Diagnostic, Diagnostics, Severity};

/// The findings as workflow commands, one line each. `prefix` is the site's
/// folder relative to the repository root (`""` when the site is the
/// repository), because GitHub places annotations by repository path.
pub(crate) fn render_github(diagnostics: &Diagnostics, prefix: &str) -> String {
    let mut out = String::new();
    for d in diagnostics.iter() {
        out.push_str(&command(d, prefix));
        out.push('\n');
    }
    out
}

/// One finding's command.
fn command(d: &Diagnostic, prefix: &str) -> String {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Notice => "notice",
    };
    let mut properties = Vec::new();
    if !d.file.is_empty() {
        let file = crate::base::paths::in_repository(prefix, &d.file);
        properties.push(format!("file={}", escape_property(&file)));
        properties.push(format!("line={}", d.line));
        properties.push(format!("col={}", d.column));
    }
    properties.push(format!("title={}", escape_property(d.code.as_str())));
    let message = if d.hint.is_empty() {
        d.message.clone()
    } else {
        format!("{}\nHint: {}", d.message, d.hint)
    };
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// A command's message: `%`, CR and LF are percent-encoded.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which would
/// otherwise end the value.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The site's folder relative to the root of the git repository holding it,
/// `/`-terminated (`"school/"`), or `""` when the site is the repository's
/// root or is in no repository (then paths stay site-relative).
pub(crate) fn repository_prefix(site_root: &Path) -> String {
    let Ok(site) = site_root.canonicalize() else {
        return String::new();
    };
    let Some(repo) = repository_root(&site) else {
        return String::new();
    };
    let Ok(rel) = site.strip_prefix(&repo) else {
        return String::new();
    };
    let mut prefix = String::new();
    for part in rel.components() {
        prefix.push_str(&part.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    prefix
}

/// The nearest folder at or above `dir` with a `.git` (a folder, or the
/// file a worktree or submodule has).
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Code;

    #[test]
    fn messages_escape_percent_and_line_breaks_only() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("a:b,c%d\ne"),
            "a%3Ab%2Cc%25d%0Ae",
            "the percent sign is escaped first, so escapes are not escaped twice"
        );
    }

    #[test]
    fn each_severity_has_its_command_and_the_hint_is_in_the_message() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::file(
            Code::XrefUnknown,
            "content/policies/a,b.md",
            "no page has the id `x`",
            "did you mean `y`?",
        ));
        ds.push(Diagnostic::file(Code::LinkInsecure, "a.md", "http", ""));
        ds.push(Diagnostic::file(Code::ReviewDueSoon, "b.md", "soon", "h"));
        let text = render_github(&ds, "site/");
        assert_eq!(
            text,
            "::error file=site/content/policies/a%2Cb.md,line=1,col=1,title=xref-unknown::no page has the id `x`%0AHint: did you mean `y`?\n\
             ::warning file=site/a.md,line=1,col=1,title=link-insecure::http\n\
             ::notice file=site/b.md,line=1,col=1,title=review-due-soon::soon%0AHint: h\n"
        );
    }

    #[test]
    fn a_finding_without_a_file_has_no_place() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::file(Code::ConfigInvalid, "", "broken", ""));
        assert_eq!(
            render_github(&ds, ""),
            "::error title=config-invalid::broken\n"
        );
    }

    #[test]
    fn the_prefix_is_the_site_folder_within_its_repository() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("school/site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::create_dir(tmp.path().join(".git")).unwrap();
        assert_eq!(repository_prefix(&site), "school/site/");
        assert_eq!(repository_prefix(tmp.path()), "");
    }
}
