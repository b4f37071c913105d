//! The continuous integration file `charter init` writes: a GitHub Actions
//! workflow (checks pull requests, publishes to GitHub Pages, checks links
//! weekly) or its GitLab CI equivalent. Both install Charter at the version
//! that wrote them, so a site is checked by the Charter it was made with
//! until someone changes the version on purpose.

/// Which CI file `charter init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Ci {
    /// `.github/workflows/charter.yml` (GitHub Actions and GitHub Pages).
    Github,
    /// `.gitlab-ci.yml` (GitLab CI and GitLab Pages).
    Gitlab,
    /// No CI file.
    None,
}

/// The crates.io package that installs the `charter` command.
pub(crate) const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// The version of this binary, which the CI file installs.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

const GITHUB: &str = include_str!("ci/github.yml");
const GITLAB: &str = include_str!("ci/gitlab.yml");

/// The file to write for `ci`, as (path relative to the site, text).
pub(crate) fn file(ci: Ci) -> Option<(&'static str, String)> {
    let (path, template) = match ci {
        Ci::Github => (".github/workflows/charter.yml", GITHUB),
        Ci::Gitlab => (".gitlab-ci.yml", GITLAB),
        Ci::None => return None,
    };
    let text = template
        .replace("@PACKAGE@", PACKAGE)
        .replace("@VERSION@", VERSION);
    Some((path, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        for ci in [Ci::Github, Ci::Gitlab] {
            let (_, text) = file(ci).unwrap();
            assert!(!text.contains("@PACKAGE@"), "{text}");
            assert!(!text.contains("@VERSION@"), "{text}");
            assert!(text.contains(&format!(
                "cargo install {PACKAGE} --version {VERSION} --locked"
            )));
        }
        assert!(file(Ci::None).is_none());
    }
}
