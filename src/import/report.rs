//! What `charter import` tells the author: per document, where it went and
//! why, what was recognised, what to check and what was dropped; then one
//! summary, and the checks' findings in the files it wrote.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::document::NoteKind;
use super::{Converted, ImportError};
use crate::base::diagnostics::{Diagnostics, render_human};
use crate::scaffold::NewKind;

pub(crate) struct Report {
    dry_run: bool,
    skipped: Vec<PathBuf>,
    entries: Vec<(PathBuf, Result<Converted, ImportError>)>,
    checks: Option<Result<Diagnostics, crate::Error>>,
    elapsed: Duration,
}

fn kind_name(kind: NewKind) -> &'static str {
    match kind {
        NewKind::Policy => "policy",
        NewKind::Agreement => "agreement",
        NewKind::Unit => "curriculum unit",
        NewKind::Parent => "page for parents",
        NewKind::Page => "page",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Report {
    pub(super) fn new(dry_run: bool, skipped: Vec<PathBuf>) -> Report {
        Report {
            dry_run,
            skipped,
            entries: Vec::new(),
            checks: None,
            elapsed: Duration::ZERO,
        }
    }

    pub(super) fn add(&mut self, source: PathBuf, outcome: Result<Converted, ImportError>) {
        self.entries.push((source, outcome));
    }

    pub(super) fn set_checks(&mut self, checks: Result<Diagnostics, crate::Error>) {
        self.checks = Some(checks);
    }

    pub(super) fn set_elapsed(&mut self, elapsed: Duration) {
        self.elapsed = elapsed;
    }

    /// Documents written (or, in a dry run, that would be).
    pub(crate) fn written(&self) -> usize {
        self.entries.iter().filter(|(_, r)| r.is_ok()).count()
    }

    pub(crate) fn failed(&self) -> usize {
        self.entries.len() - self.written()
    }

    /// The document whose file is `target`, in this import.
    pub(super) fn source_of(&self, target: &str) -> Option<String> {
        self.entries.iter().find_map(|(source, r)| match r {
            Ok(c) if c.target == target || c.images.iter().any(|(p, _)| p == target) => {
                Some(source.display().to_string())
            }
            _ => None,
        })
    }

    /// Exit status: 0 when every document was imported (whatever the
    /// checks found in them), 1 when any was not.
    pub(crate) fn exit_code(&self) -> u8 {
        u8::from(self.failed() > 0 || self.entries.is_empty())
    }

    /// Prints the report: documents and summary on `out`, documents not
    /// imported on `err`.
    pub(crate) fn print(&self, out: &mut dyn Write, err: &mut dyn Write) {
        for (source, outcome) in &self.entries {
            match outcome {
                Ok(c) => {
                    let _ = self.document(out, source, c);
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {}: not imported: {e}", source.display());
                }
            }
        }
        if self.entries.is_empty() {
            let _ = writeln!(
                err,
                "error: no document to import: give .docx, .html, .htm or .txt files, or folders holding them"
            );
        }
        if !self.skipped.is_empty() {
            let names: Vec<String> = self
                .skipped
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let _ = writeln!(
                out,
                "Skipped {} that Charter does not import: {}",
                plural(names.len(), "file", "files"),
                names.join(", ")
            );
        }
        let _ = self.summary(out);
        let _ = self.findings(out);
    }

    fn document(&self, out: &mut dyn Write, source: &Path, c: &Converted) -> std::io::Result<()> {
        let verb = if self.dry_run { "would become" } else { "→" };
        writeln!(
            out,
            "{} {verb} {} ({}: {})",
            source.display(),
            c.target,
            kind_name(c.kind),
            c.reason
        )?;
        for line in &c.found {
            writeln!(out, "  recognised: {line}")?;
        }
        for line in &c.questions {
            writeln!(out, "  check: {line}")?;
        }
        for note in &c.notes {
            let label = match note.kind {
                NoteKind::Dropped => "dropped",
                NoteKind::Check => "check",
                NoteKind::Unsupported => "not converted",
            };
            writeln!(out, "  {label}: {}", note.message)?;
        }
        for (path, _) in &c.images {
            writeln!(out, "  image: {path}")?;
        }
        if self.dry_run {
            writeln!(out, "----- {} -----", c.target)?;
            write!(out, "{}", c.text)?;
            writeln!(out, "----- end of {} -----", c.target)?;
        }
        Ok(())
    }

    fn summary(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let total = self.entries.len();
        let done = self.written();
        let not = if self.failed() > 0 {
            format!(" ({} not imported: see above)", self.failed())
        } else {
            String::new()
        };
        if self.dry_run {
            writeln!(
                out,
                "Dry run: {done} of {} would be imported{not}; nothing was written.",
                plural(total, "document", "documents")
            )
        } else {
            writeln!(
                out,
                "Imported {done} of {}{not} in {:.2} s, as drafts (`draft = true`): check each one, then remove that line to publish it.",
                plural(total, "document", "documents"),
                self.elapsed.as_secs_f64()
            )
        }
    }

    /// The checks' findings in the files this import wrote.
    fn findings(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let Some(checks) = &self.checks else {
            return Ok(());
        };
        let diagnostics = match checks {
            Ok(d) => d,
            Err(e) => {
                return writeln!(
                    out,
                    "The site could not be checked: {e}; run `charter check`."
                );
            }
        };
        let mut files: HashSet<&str> = HashSet::new();
        for (_, r) in &self.entries {
            if let Ok(c) = r {
                files.insert(c.target.as_str());
            }
        }
        let mut mine = diagnostics.clone();
        mine.retain(|d| files.contains(d.file.as_str()));
        let elsewhere = diagnostics.len() - mine.len();
        if mine.is_empty() {
            writeln!(
                out,
                "The checks found nothing to fix in the imported files."
            )?;
        } else {
            writeln!(out, "\nThe checks found this in the imported files:\n")?;
            write!(out, "{}", render_human(&mine))?;
        }
        if elsewhere > 0 {
            writeln!(
                out,
                "(and {} in other files of the site: run `charter check` to see them)",
                plural(elsewhere, "finding", "findings")
            )?;
        }
        Ok(())
    }
}
