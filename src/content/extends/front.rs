//! The front matter of a school's adapted document: the keys the school
//! sets, then the trust's keys it does not set. Put together as text, so
//! that every key is read (and reported) where it was written.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use toml::de::DeTable;

use crate::base::composed::Composition;
use crate::base::source::SourceFile;

/// A front matter cut into its top-level keys (each with its whole lines)
/// and its tables (`[[history]]` with the keys under it), offsets in the
/// file.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub keys: Vec<(String, Range<usize>)>,
    pub tables: Vec<(String, Range<usize>)>,
}

impl Parts {
    fn names(&self) -> HashSet<&str> {
        self.keys
            .iter()
            .chain(&self.tables)
            .map(|(k, _)| k.as_str())
            .collect()
    }
}

/// The parts of the front matter at `range` of `text`, parsed as `table`.
pub(super) fn parts(text: &str, range: Range<usize>, table: &DeTable<'_>) -> Parts {
    let fm = &text[range.clone()];
    let line_start = |at: usize| fm[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| fm[at..].find('\n').map_or(fm.len(), |i| at + i + 1);
    let is_header = |at: usize| fm[at..].trim_start_matches([' ', '\t']).starts_with('[');
    let mut parts = Parts::default();
    for (key, value) in table {
        let start = line_start(key.span().start.min(fm.len()));
        if is_header(start) {
            continue;
        }
        let end = line_end(value.span().end.min(fm.len()).max(start));
        parts.keys.push((key.get_ref().to_string(), start..end));
    }
    let inside = |at: usize| parts.keys.iter().any(|(_, r)| r.contains(&at));
    let mut headers: Vec<usize> = Vec::new();
    let mut at = 0;
    while at < fm.len() {
        if is_header(at) && !inside(at) {
            headers.push(at);
        }
        at = line_end(at);
    }
    for (i, &h) in headers.iter().enumerate() {
        let end = headers.get(i + 1).copied().unwrap_or(fm.len());
        let name = fm[h..]
            .trim_start()
            .trim_start_matches('[')
            .split([']', '.'])
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches(['"', '\''])
            .to_string();
        parts.tables.push((name, h..end));
    }
    // In the order written (the table lists its keys by name).
    parts.keys.sort_by_key(|(_, r)| r.start);
    let shift = |r: &Range<usize>| r.start + range.start..r.end + range.start;
    for (_, r) in parts.keys.iter_mut().chain(parts.tables.iter_mut()) {
        *r = shift(r);
    }
    parts
}

/// The keys that record the trust board's approval: a school that sets
/// its own `approved` takes none of them from the trust (its approval is
/// not the board's, and its next review follows its own approval).
const APPROVAL: [&str; 4] = ["approved", "approved_by", "next_review", "history"];

/// Appends the composed front matter to `text`: the school's keys but
/// `extends`, the trust's keys the school does not set, the trust's tables
/// the school does not have, then the school's tables.
pub(super) fn compose(
    text: &mut String,
    map: &mut Composition,
    school: (&Arc<SourceFile>, &Parts),
    trust: (&Arc<SourceFile>, &Parts),
) {
    let (school_file, ours) = school;
    let (trust_file, theirs) = trust;
    let mut set = ours.names();
    if set.contains("approved") {
        set.extend(APPROVAL);
    }
    let mut copy = |text: &mut String, file: &Arc<SourceFile>, range: &Range<usize>| {
        map.copy(text, file, range.clone());
        if !text.ends_with('\n') {
            map.insert(text, "\n", file, range.end);
        }
    };
    for (key, range) in &ours.keys {
        if key != "extends" {
            copy(text, school_file, range);
        }
    }
    for (_, range) in theirs
        .keys
        .iter()
        .filter(|(k, _)| !set.contains(k.as_str()))
    {
        copy(text, trust_file, range);
    }
    for (_, range) in theirs
        .tables
        .iter()
        .filter(|(k, _)| !set.contains(k.as_str()))
    {
        copy(text, trust_file, range);
    }
    for (_, range) in &ours.tables {
        copy(text, school_file, range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts_of(fm: &str) -> Parts {
        let table = DeTable::parse(fm).unwrap();
        parts(fm, 0..fm.len(), table.get_ref())
    }

    #[test]
    fn keys_and_tables_with_their_lines() {
        let fm = "title = \"A\"\nowners = [\n  \"Head\",\n]\n\n[[history]]\ndate = 2025-01-01\n[[history]]\ndate = 2026-01-01\n";
        let p = parts_of(fm);
        let keys: Vec<(&str, &str)> = p
            .keys
            .iter()
            .map(|(k, r)| (k.as_str(), &fm[r.clone()]))
            .collect();
        assert_eq!(
            keys,
            [
                ("title", "title = \"A\"\n"),
                ("owners", "owners = [\n  \"Head\",\n]\n")
            ]
        );
        assert_eq!(p.tables.len(), 2);
        assert_eq!(p.tables[0].0, "history");
        assert_eq!(
            &fm[p.tables[1].1.clone()],
            "[[history]]\ndate = 2026-01-01\n"
        );
    }

    /// The front matter composed of a school's (`s.md`) and a trust's
    /// (`t.md`).
    fn composed(school_fm: &str, trust_fm: &str) -> (String, Composition) {
        let school = Arc::new(SourceFile::new("s.md", "/s.md", school_fm));
        let trust = Arc::new(SourceFile::new("t.md", "/t.md", trust_fm));
        let (ours, theirs) = (parts_of(school_fm), parts_of(trust_fm));
        let (mut text, mut map) = (String::new(), Composition::new());
        compose(&mut text, &mut map, (&school, &ours), (&trust, &theirs));
        (text, map)
    }

    #[test]
    fn the_school_keys_win_and_the_rest_are_the_trusts() {
        let school_fm = "extends = \"trust\"\nowners = [\"Ms B\"]\n";
        let trust_fm = "title = \"T\"\nowners = [\"Head\"]\napproved = 2026-09-08\n[[history]]\ndate = 2026-09-08\n";
        let (text, map) = composed(school_fm, trust_fm);
        assert_eq!(
            text,
            "owners = [\"Ms B\"]\ntitle = \"T\"\napproved = 2026-09-08\n[[history]]\ndate = 2026-09-08\n"
        );
        let (file, span) = map.origin(0..6).unwrap();
        assert_eq!(
            (file.rel_path.as_str(), &school_fm[span]),
            ("s.md", "owners")
        );
        let at = text.find("approved").unwrap();
        let (file, span) = map.origin(at..at + 8).unwrap();
        assert_eq!(
            (file.rel_path.as_str(), &trust_fm[span]),
            ("t.md", "approved")
        );
    }

    #[test]
    fn a_school_approval_takes_none_of_the_boards() {
        let school_fm = "extends = \"trust\"\napproved = 2026-10-01\n";
        let trust_fm = "title = \"T\"\napproved = 2026-09-08\napproved_by = \"Trust Board\"\nnext_review = 2027-01-01\nreview_every = \"1 year\"\n[[history]]\ndate = 2026-09-08\n";
        let (text, _) = composed(school_fm, trust_fm);
        assert_eq!(
            text,
            "approved = 2026-10-01\ntitle = \"T\"\nreview_every = \"1 year\"\n"
        );
    }
}
