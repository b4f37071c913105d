//! Who may approve a document: the register's levels, ranked, and the words
//! schools write in `approved_by`, read as one of those levels.

use serde::Deserialize;

/// An approval level as the register writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Approval {
    /// The full governing board (or trust board).
    FullBoard,
    /// A committee of the board.
    Committee,
    /// One governor, such as the chair.
    IndividualGovernor,
    /// The headteacher.
    Headteacher,
    /// The academy trust as proprietor: its board.
    Proprietor,
    /// The source names no level: nothing to check.
    NotStated,
}

/// A level that can be compared: a higher one may always approve what a
/// lower one may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// The headteacher.
    Headteacher,
    /// One governor.
    IndividualGovernor,
    /// A committee.
    Committee,
    /// The full board.
    FullBoard,
}

impl Approval {
    /// Its rank; `None` where the register states no level.
    pub(crate) fn level(self) -> Option<Level> {
        match self {
            Approval::FullBoard | Approval::Proprietor => Some(Level::FullBoard),
            Approval::Committee => Some(Level::Committee),
            Approval::IndividualGovernor => Some(Level::IndividualGovernor),
            Approval::Headteacher => Some(Level::Headteacher),
            Approval::NotStated => None,
        }
    }

    /// How it reads on the dashboard.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Approval::FullBoard => "Full governing board",
            Approval::Committee => "A committee of the board",
            Approval::IndividualGovernor => "An individual governor",
            Approval::Headteacher => "Headteacher",
            Approval::Proprietor => "Trust board (proprietor)",
            Approval::NotStated => "Not stated",
        }
    }
}

impl Level {
    /// How it reads in messages.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Level::FullBoard => "the full governing board",
            Level::Committee => "a committee",
            Level::IndividualGovernor => "an individual governor",
            Level::Headteacher => "the headteacher",
        }
    }
}

/// The level an `approved_by` text names, by its words: "committee" first
/// (a committee of the governing body is a committee), then the board's
/// names, the chair, "governors" as a body, the headteacher, and a single
/// governor. Text with none of these words is not guessed at.
pub(crate) fn recognise(text: &str) -> Option<Level> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let board = [
        "governing body",
        "governing board",
        "full board",
        "board of governors",
        "board of trustees",
        "board of directors",
        "trust board",
    ];
    if has("committee") {
        Some(Level::Committee)
    } else if board.iter().any(|b| lower.contains(b)) || has("fgb") || has("trustees") {
        Some(Level::FullBoard)
    } else if has("chair") || has("chairman") || has("chairperson") {
        Some(Level::IndividualGovernor)
    } else if has("governors") {
        Some(Level::FullBoard)
    } else if has("headteacher") || lower.contains("head teacher") || has("principal") {
        Some(Level::Headteacher)
    } else if has("governor") || has("trustee") {
        Some(Level::IndividualGovernor)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approved_by_words_are_read_as_levels() {
        for (text, level) in [
            ("Governing Body", Some(Level::FullBoard)),
            ("Full governing board", Some(Level::FullBoard)),
            ("Board of Trustees", Some(Level::FullBoard)),
            ("Trust board", Some(Level::FullBoard)),
            ("Governors", Some(Level::FullBoard)),
            ("Resources Committee", Some(Level::Committee)),
            (
                "Curriculum committee of the governing body",
                Some(Level::Committee),
            ),
            ("Chair of Governors", Some(Level::IndividualGovernor)),
            ("Safeguarding governor", Some(Level::IndividualGovernor)),
            ("Headteacher", Some(Level::Headteacher)),
            ("Head Teacher", Some(Level::Headteacher)),
            ("Principal", Some(Level::Headteacher)),
            ("SLT", None),
            ("", None),
        ] {
            assert_eq!(recognise(text), level, "{text}");
        }
    }

    #[test]
    fn levels_rank_board_over_committee_over_governor_over_head() {
        assert!(Level::FullBoard > Level::Committee);
        assert!(Level::Committee > Level::IndividualGovernor);
        assert!(Level::IndividualGovernor > Level::Headteacher);
        assert_eq!(Approval::Proprietor.level(), Some(Level::FullBoard));
        assert_eq!(Approval::NotStated.level(), None);
    }
}
