//! Findings: what Charter reports about a site, with a stable code, a
//! severity, the place in the source and a hint that says how to fix it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::base::source::SourceFile;

/// How serious a finding is. Ordered so that `Error` is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a command.
    Notice,
    /// Should be fixed; fails only with `--strict`.
    Warning,
    /// Must be fixed: `check` fails, and `build` publishes nothing.
    Error,
}

impl Severity {
    /// The severity named `notice`, `warning` or `error`.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "notice" => Some(Severity::Notice),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    /// Its name in reports and `[checks] severity`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Notice => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $doc:literal;)*) => {
        /// The stable diagnostic codes. Authors silence them by name and CI
        /// scripts read them, so a name never changes once published.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $(#[doc = $doc] $variant,)* }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// Its stable name, e.g. `xref-unknown`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Its severity unless `[checks] severity` says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What it means, in a sentence.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }

            /// The code of that name.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    ConfigInvalid => "config-invalid", Error, "`charter.toml` or `guidance.toml` cannot be read or has a wrong key or value";
    FrontmatterInvalid => "frontmatter-invalid", Error, "missing `+++` block, bad TOML, unknown key, wrong type or missing required key";
    FileInvalid => "file-invalid", Error, "a content file that cannot be read: not UTF-8, or unreadable";
    ContentOutside => "content-outside", Warning, "Markdown files in a folder that looks like site content (`policies/`, `Content/`…) but is not read: pages come from `content/` and `agreements/`";
    SymlinkSkipped => "symlink-skipped", Warning, "a symbolic link that loops, or leads to a file already read, was not followed";
    IdDuplicate => "id-duplicate", Error, "two pages share an id, or two pages would be published at the same address";
    AddressTaken => "address-taken", Error, "a file would be published where Charter publishes one of its own pages or files (`content/pages/policies.md` at the policies index)";
    ReviewOverdue => "review-overdue", Warning, "the next review date is in the past (an error for statutory policies)";
    ReviewDueSoon => "review-due-soon", Notice, "the next review falls within the warning window";
    ReviewMissing => "review-missing", Error, "neither `next_review` nor `approved` with `review_every`";
    ReviewImpossible => "review-impossible", Error, "the next review is earlier than the approval";
    HistoryInconsistent => "history-inconsistent", Warning, "a policy's `history` is out of date order, or its newest entry is not the `approved` date";
    DateUnparseable => "date-unparseable", Error, "a date, duration or term name that cannot be read";
    XrefUnknown => "xref-unknown", Error, "an `@id` link to no page";
    XrefOldId => "xref-old-id", Warning, "an `@id` link to a built-in page by its old id (`@parents`): write `@charter:parents`";
    XrefAnchorUnknown => "xref-anchor-unknown", Error, "an `@id#anchor` link to no heading of that page";
    RelatedUnknown => "related-unknown", Error, "`related` names no policy";
    GuidanceUnknown => "guidance-unknown", Error, "`guidance` names no entry of the guidance register";
    BandUnknown => "band-unknown", Error, "a band, strand or year that `charter.toml` does not define";
    GuidanceSuperseded => "guidance-superseded", Warning, "a cited edition of guidance has a newer one";
    LinkBroken => "link-broken", Error, "a relative link to no file, or a `#anchor` to no heading";
    LinkMalformed => "link-malformed", Error, "an external address that cannot be right (`wwww.`, no top-level domain, spaces)";
    LinkInsecure => "link-insecure", Warning, "an `http://` link where `https://` is expected";
    LinkDead => "link-dead", Error, "`--external`: the server answers 404 or 410, or the host does not exist";
    LinkUnreachable => "link-unreachable", Warning, "`--external`: time-outs, 5xx or 429 still failing after retries";
    LinkRedirect => "link-redirect", Notice, "`--external`: a permanent redirect (301, 308); the hint gives the new address";
    LinkCacheInvalid => "link-cache-invalid", Notice, "`--external`: the cache of link results is damaged or unreadable (it is discarded), or cannot be written";
    BuildCacheInvalid => "build-cache-invalid", Notice, "`build`: the cache of the last build (`.charter-cache/build/`) is damaged, unreadable, from another charter program (another version, or the same one compiled again) or for another output folder (it is set aside and the site built from nothing), or cannot be written";
    ValueUnknown => "value-unknown", Error, "a `{{ name }}` slot names no value of `[values]` in `charter.toml` and no built-in one";
    ValueUnset => "value-unset", Error, "a built-in value (`{{ phone }}`, say) is used but the `charter.toml` key it comes from is empty";
    ValueMalformed => "value-malformed", Error, "something that looks like a `{{ name }}` slot but is not one: `{{ }}`, `{{ two words }}`, a `{{` never closed";
    Placeholder => "placeholder", Error, "unfilled template text: `<like this>`, `[insert …]`, `TBC`, `XXX` or a configured pattern";
    AgreementBandMissing => "agreement-band-missing", Warning, "a configured pupil band has no pupils' agreement";
    Readability => "readability", Warning, "a pupils' agreement reads above its band's level";
    AgreementFormOverflow => "agreement-form-overflow", Error, "a pupils' form that must print on one A4 page no longer fits on one";
    AgreementFormCharacters => "agreement-form-characters", Warning, "an agreement form's PDF cannot print some characters (no such glyph in its font)";
    AltMissing => "alt-missing", Error, "an image without alt text";
    HeadingSkip => "heading-skip", Warning, "a heading level jumps (h2 to h4)";
    LinkTextVague => "link-text-vague", Warning, "link text such as \"click here\", \"here\", \"link\" or \"read more\"";
    TableNoHeader => "table-no-header", Warning, "a table without a header row";
    ContentBlocked => "content-blocked", Warning, "something in a page that browsers do not load or run on the published site, whose Content Security Policy allows only the site's own files: inline `<script>`, `<style>` or `style=\"…\"`, `on…=` attributes, images, frames or scripts from other websites";
    PolicyUnlinked => "policy-unlinked", Notice, "a policy of the site cited by name without a link to it";
    StatutoryUnknown => "statutory-unknown", Error, "`meets` names no requirement of the statutory register";
    StatutoryMissing => "statutory-missing", Warning, "with `[statutory]`: the register says the school must have a policy or document, and no page meets it";
    PublishMissing => "publish-missing", Warning, "with `[statutory]`: something the school must publish online is met by no page, or only by drafts";
    StatutoryCycle => "statutory-cycle", Warning, "a page that meets a requirement is reviewed less often than the register's cycle";
    StatutoryApproval => "statutory-approval", Notice, "a page's `approved_by` is below the approval level the register gives";
    ExcludeUnknown => "exclude-unknown", Error, "`[trust] exclude` in a school's `charter.toml` names no document of its trust, or the site is in no trust";
    ExcludeReplaced => "exclude-replaced", Warning, "`[trust] exclude` names a trust document the school also replaces with its own file of the same id";
    ExtendsInvalid => "extends-invalid", Error, "`extends` in a page's front matter is not `\"trust\"`, or is in a site that is not a school of a trust, or in a trust's own document";
    ExtendsUnknown => "extends-unknown", Error, "a school's page has `extends = \"trust\"` but the trust has no document of its id";
    SectionUnknown => "section-unknown", Error, "a heading of a school's adapted document names a section (its id, or `after=`) the trust's document does not have, or text comes before its first heading";
    SectionDuplicate => "section-duplicate", Error, "a school's adapted document replaces a section of the trust's document twice, or a section and a section within it";
    TranslationInvalid => "translation-invalid", Error, "a file named as a translation (`x.pl.md`) into a language that `[[languages]]` in `charter.toml` does not list";
    TranslationOrphan => "translation-orphan", Warning, "a translation file without the source file it is named after (`x.pl.md` without `x.md`); it is not published";
    TranslationStale => "translation-stale", Warning, "a translation whose source has changed since it was made (`translates` names an earlier `approved` date or fingerprint), or that does not say which version it translates";
    TranslationMismatch => "translation-mismatch", Error, "a translated agreement whose `[[consents]]` (ids, number, order) or numbered statements differ from its source's, so a parent could sign a different list";
    StatutoryMismatch => "statutory-mismatch", Warning, "`statutory = true` on a policy that meets no policy or document of the register, or `statutory = false` on one that meets a policy requirement";
    StringsInvalid => "strings-invalid", Error, "a site's table of the theme's words (`strings/<code>.toml`) cannot be read, is not named by a language code, or has a key or placeholders that Charter's English table does not have";
    StringsMissing => "strings-missing", Notice, "a language of the site's pages lacks some of the theme's words, or has no table of them at all: those words are shown in English (reported once per language)";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of finding it is.
    pub code: Code,
    /// Relative to the site root, `/`-separated.
    pub file: String,
    /// Line of the place, counted from 1 (front matter included).
    pub line: usize,
    /// Column of the place, counted from 1, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// The source line and the column range (1-based, end exclusive) to
    /// underline; not part of the JSON contract.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
    /// Found in a draft: reported, but never stops a build.
    #[serde(skip)]
    pub in_draft: bool,
    /// In a trust: the schools (folder names) whose sites have this
    /// finding; a trust's document is checked in every school that
    /// publishes it. Left out of the JSON for a single site.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schools: Vec<String>,
}

/// The source line of a finding and the columns to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The whole line, as written.
    pub line_text: String,
    /// First column underlined, from 1.
    pub start_column: usize,
    /// Column after the last one underlined.
    pub end_column: usize,
}

impl Diagnostic {
    /// A finding at a byte range of a source file.
    pub fn at(
        code: Code,
        source: &SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        // Reported where the author wrote it, also in a page whose text
        // has values in it.
        let span = source.written_span(span);
        // A finding in a body let go of: its line is read again.
        if let Some(whole) = source.whole_for(span.end) {
            return Diagnostic::at(code, whole, span, message, hint);
        }
        // Its file changed since (the command then stops): the end of what
        // is held.
        let held = source.written_text().len();
        let span = span.start.min(held)..span.end.min(held);
        // A piece of an adapted document: reported in its own file.
        if let Some((file, span)) = source.origin(span.clone()) {
            return Diagnostic::at(code, file, span, message, hint);
        }
        let start = source.written_position(span.start);
        let line_range = source.line_range(start.line);
        // Underline to the end of the span, or of the line if it runs on.
        let end_offset = span.end.clamp(span.start, line_range.end);
        let end = source.written_position(end_offset);
        let end_column = if end.line == start.line {
            end.column.max(start.column + 1)
        } else {
            start.column + 1
        };
        Diagnostic {
            severity: code.default_severity(),
            code,
            file: source.rel_path.clone(),
            line: start.line,
            column: start.column,
            message: message.into(),
            hint: hint.into(),
            excerpt: Some(Excerpt {
                line_text: source.written_text()[line_range].to_string(),
                start_column: start.column,
                end_column,
            }),
            in_draft: false,
            schools: Vec::new(),
        }
    }

    /// A finding about a whole file (it could not be read, or has no text).
    pub fn file(
        code: Code,
        file: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: code.default_severity(),
            code,
            file: file.into(),
            line: 1,
            column: 1,
            message: message.into(),
            hint: hint.into(),
            excerpt: None,
            in_draft: false,
            schools: Vec::new(),
        }
    }

    /// The same finding at another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// All findings of one run, in a stable order.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// How many findings of each severity (the JSON report's `summary`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings that are errors.
    pub errors: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Findings that are notices.
    pub notices: usize,
}

impl Diagnostics {
    /// No findings yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds findings.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Sorts by file, then position, then code, so output is reproducible
    /// whatever order parallel work finished in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        self.items.dedup();
    }

    /// Keeps only the findings `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&Diagnostic) -> bool) {
        self.items.retain(|d| keep(d));
    }

    /// Changes every finding in place.
    pub fn for_each_mut(&mut self, f: impl FnMut(&mut Diagnostic)) {
        self.items.iter_mut().for_each(f);
    }

    /// Changes every finding's severity (e.g. `--strict`).
    pub fn map_severity(&mut self, f: impl Fn(Severity) -> Severity) {
        for d in &mut self.items {
            d.severity = f(d.severity);
        }
    }

    /// The findings, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// How many of each severity.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for d in &self.items {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Notice => s.notices += 1,
            }
        }
        s
    }

    /// Whether any is an error (`check` then exits 1).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Errors that stop a build: every error except review-date findings,
    /// because a school must always be able to publish an urgent change.
    pub fn blocks_build(&self) -> bool {
        self.items
            .iter()
            .any(|d| d.severity == Severity::Error && !is_review_code(d.code) && !d.in_draft)
    }
}

fn is_review_code(code: Code) -> bool {
    matches!(
        code,
        Code::ReviewOverdue | Code::ReviewDueSoon | Code::ReviewMissing | Code::ReviewImpossible
    )
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// How many findings of one code in one file the terminal shows; the rest
/// are counted in one line (a converted site with "click here" on every
/// line would otherwise print a wall nobody reads). `--format json` lists
/// them all.
pub const SHOWN_PER_FILE_AND_CODE: usize = 20;

/// Renders findings for a terminal, rustc-style: the place, the message, the
/// source line with the offending span underlined, and the hint.
pub fn render_human(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    let mut shown: HashMap<(&str, Code), usize> = HashMap::new();
    // (file, code, severity) of findings left out, in order, with counts.
    let mut left_out: Vec<((&str, Code, Severity), usize)> = Vec::new();
    for d in diagnostics.iter() {
        let count = shown.entry((d.file.as_str(), d.code)).or_default();
        *count += 1;
        if *count > SHOWN_PER_FILE_AND_CODE {
            let key = (d.file.as_str(), d.code, d.severity);
            match left_out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => left_out.push((key, 1)),
            }
            continue;
        }
        render_one(d, &mut out);
        out.push('\n');
    }
    for ((file, code, severity), n) in left_out {
        let what = match severity {
            Severity::Error => plural(n, "error", "errors"),
            Severity::Warning => plural(n, "warning", "warnings"),
            Severity::Notice => plural(n, "notice", "notices"),
        };
        out.push_str(&format!(
            "note: {} more `{code}` {what} in {file} are not shown here (`--format json` lists every finding)\n\n",
            thousands(n)
        ));
    }
    let s = diagnostics.summary();
    out.push_str(&format!(
        "{} {}, {} {}, {} {}\n",
        thousands(s.errors),
        plural(s.errors, "error", "errors"),
        thousands(s.warnings),
        plural(s.warnings, "warning", "warnings"),
        thousands(s.notices),
        plural(s.notices, "notice", "notices"),
    ));
    out
}

/// 1234567 → "1,234,567".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn render_one(d: &Diagnostic, out: &mut String) {
    use std::fmt::Write;
    let _ = writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
    let gutter = d.line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {}:{}:{}", d.file, d.line, d.column);
    if let Some(ex) = &d.excerpt {
        // Tabs would misalign the marker; show them as single spaces.
        let shown: String = ex
            .line_text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", d.line, shown);
        let marker_len = ex.end_column.saturating_sub(ex.start_column).max(1);
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(ex.start_column - 1),
            "^".repeat(marker_len)
        );
    }
    if !d.hint.is_empty() {
        let _ = writeln!(out, "{pad} = hint: {}", d.hint);
    }
    match d.schools.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{pad} = school: {one}");
        }
        many => {
            let _ = writeln!(out, "{pad} = schools: {}", many.join(", "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_by_name() {
        for &c in Code::ALL {
            assert_eq!(Code::from_name(c.as_str()), Some(c));
        }
    }

    #[test]
    fn a_finding_in_a_body_let_go_of_is_reported_where_it_is_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.md");
        std::fs::write(
            &path,
            "+++\ntitle = \"x\"\n+++\nIntro.\n\nSee [the café](nowhere).\n",
        )
        .unwrap();
        let (bytes, stamp) = crate::base::source::read_stamped(&path).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let span = text
            .find("nowhere")
            .map(|i| i..i + "nowhere".len())
            .unwrap();
        let held = SourceFile::from_string("p.md", &path, text).stamped(stamp);
        let mut let_go = held.clone();
        assert!(let_go.let_go_after(held.text.find("Intro").unwrap()));
        let at = |f: &SourceFile| Diagnostic::at(Code::LinkBroken, f, span.clone(), "m", "h");
        let (expected, found) = (at(&held), at(&let_go));
        assert_eq!((found.line, found.column), (6, 16));
        assert_eq!((found.line, found.column), (expected.line, expected.column));
        assert_eq!(found.excerpt, expected.excerpt);
    }

    #[test]
    fn human_output_underlines_the_span() {
        let src = SourceFile::new("p.md", "/p.md", "+++\ntitel = \"x\"\n+++\n");
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::at(
            Code::FrontmatterInvalid,
            &src,
            4..9,
            "unknown key `titel`",
            "did you mean `title`?",
        ));
        let text = render_human(&ds);
        assert!(text.contains("--> p.md:2:1"), "{text}");
        assert!(text.contains("2 | titel = \"x\"\n  | ^^^^^\n"), "{text}");
        assert!(text.contains("= hint: did you mean `title`?"), "{text}");
    }

    #[test]
    fn many_findings_of_one_code_in_one_file_are_counted_not_listed() {
        let mut ds = Diagnostics::new();
        for _ in 0..SHOWN_PER_FILE_AND_CODE + 1234 {
            ds.push(Diagnostic::file(Code::LinkTextVague, "a.md", "vague", "h"));
        }
        ds.push(Diagnostic::file(Code::LinkTextVague, "b.md", "vague", "h"));
        let text = render_human(&ds);
        assert_eq!(
            text.matches("warning[link-text-vague]").count(),
            SHOWN_PER_FILE_AND_CODE + 1
        );
        assert!(text.contains(
            "note: 1,234 more `link-text-vague` warnings in a.md are not shown here (`--format json` lists every finding)"
        ), "{text}");
        assert!(
            text.ends_with("0 errors, 1,255 warnings, 0 notices\n"),
            "{text}"
        );
    }

    #[test]
    fn review_errors_do_not_block_a_build() {
        let mut ds = Diagnostics::new();
        ds.push(
            Diagnostic::file(Code::ReviewOverdue, "a.md", "m", "h").with_severity(Severity::Error),
        );
        assert!(ds.has_errors());
        assert!(!ds.blocks_build());
        ds.push(Diagnostic::file(Code::XrefUnknown, "a.md", "m", "h"));
        assert!(ds.blocks_build());
    }
}
