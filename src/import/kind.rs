//! Which kind of page a document is, guessed from its title when `--kind`
//! does not say: every guess comes with its reason, for the report.

use crate::config::Band;
use crate::scaffold::NewKind;

/// The kind of page, and for an agreement who it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Guess {
    pub kind: NewKind,
    /// For an agreement: `pupils`, `staff`, `parents`, `visitors` or
    /// `governors`.
    pub audience: Option<&'static str>,
    /// For a pupils' agreement: a band id of the site, when the title names
    /// one.
    pub band: Option<String>,
    /// Why, in a few words ("the title ends in “Policy”").
    pub reason: String,
}

const UNIT_WORDS: &[&str] = &["unit", "lesson", "lessons", "scheme of work", "curriculum"];
const PARENT_PHRASES: &[&str] = &[
    "for parents",
    "guide for parents",
    "information for parents",
    "parents' guide",
    "parent guide",
    "parents guide",
    "for families",
    "for parents and carers",
];

/// Guesses from the title (or the file name when there is none); `given`
/// is `--kind`, which wins.
pub(crate) fn guess(title: &str, given: Option<NewKind>, bands: &[Band]) -> Guess {
    let lower = title.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let agreement_word = if has("agreement") {
        Some("“Agreement”")
    } else if has("aup") {
        Some("“AUP”")
    } else if lower.contains("acceptable use") && !lower.trim_end().ends_with("policy") {
        Some("“Acceptable use”")
    } else {
        None
    };
    let (kind, reason) = match (given, agreement_word) {
        (Some(k), _) => (k, "--kind".to_string()),
        (None, Some(word)) => (NewKind::Agreement, format!("the title says {word}")),
        (None, None) if lower.trim_end().ends_with("policy") => {
            (NewKind::Policy, "the title ends in “Policy”".to_string())
        }
        (None, None) if has("policy") => (NewKind::Policy, "the title says “Policy”".to_string()),
        (None, None) if PARENT_PHRASES.iter().any(|p| lower.contains(p)) => (
            NewKind::Parent,
            "the title says it is for parents".to_string(),
        ),
        (None, None) => match UNIT_WORDS.iter().find(|w| contains_words(&lower, w)) {
            Some(w) => (NewKind::Unit, format!("the title says “{w}”")),
            None => (
                NewKind::Page,
                "the title says no policy, agreement, unit or parents' guide".to_string(),
            ),
        },
    };
    let mut guess = Guess {
        kind,
        audience: None,
        band: None,
        reason,
    };
    if kind == NewKind::Agreement {
        agreement_audience(&lower, &words, bands, &mut guess);
    }
    guess
}

fn contains_words(text: &str, phrase: &str) -> bool {
    let padded = format!(" {} ", text.replace(|c: char| !c.is_alphanumeric(), " "));
    padded.contains(&format!(" {phrase} "))
}

/// Who an agreement is for, and the band of a pupils' one: "Staff
/// acceptable use agreement" → staff; "Pupil AUP KS2" → pupils, `ks2`.
fn agreement_audience(lower: &str, words: &[&str], bands: &[Band], guess: &mut Guess) {
    let has = |w: &str| words.contains(&w);
    let audience = if has("staff") || has("employee") || has("employees") {
        "staff"
    } else if has("governor") || has("governors") {
        "governors"
    } else if has("visitor") || has("visitors") || has("volunteers") {
        "visitors"
    } else if (has("parent") || has("parents") || has("carers")) && !has("pupil") && !has("pupils")
    {
        "parents"
    } else {
        "pupils"
    };
    guess.audience = Some(audience);
    if audience != "pupils" {
        guess.reason.push_str(&format!("; for {audience}"));
        return;
    }
    match band_in(lower, bands) {
        Some((band, said)) => {
            guess
                .reason
                .push_str(&format!("; band {band}: the title says “{said}”"));
            guess.band = Some(band);
        }
        None => guess
            .reason
            .push_str("; for pupils, but the title names no band of charter.toml"),
    }
}

/// A band named in the title: by id ("KS2"), name ("Key Stage 2") or one
/// of its years ("Year 4").
fn band_in(lower: &str, bands: &[Band]) -> Option<(String, String)> {
    let compact = lower.replace(['(', ')', ',', ':', '-', '–'], " ");
    for band in bands {
        let id = band.id.to_lowercase();
        if contains_words(&compact, &id) || contains_words(&compact, &id.replace('-', " ")) {
            return Some((band.id.clone(), band.id.to_uppercase()));
        }
        let name = band.name.to_lowercase();
        if !name.is_empty() && contains_words(&compact, &name) {
            return Some((band.id.clone(), band.name.clone()));
        }
        if let Some(year) = band
            .years
            .iter()
            .find(|y| contains_words(&compact, &y.to_lowercase()))
        {
            return Some((band.id.clone(), year.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands() -> Vec<Band> {
        toml::from_str::<crate::config::Config>("")
            .expect("default configuration")
            .bands
    }

    #[test]
    fn titles_say_the_kind() {
        let g = guess("Acceptable Use Agreement (KS2)", None, &bands());
        assert_eq!(
            (g.kind, g.audience, g.band.as_deref()),
            (NewKind::Agreement, Some("pupils"), Some("ks2"))
        );
        let g = guess("Pupil AUP KS2", None, &bands());
        assert_eq!(g.band.as_deref(), Some("ks2"));
        let g = guess("Staff acceptable use agreement", None, &bands());
        assert_eq!(g.audience, Some("staff"));
        let g = guess("Anti-bullying Policy", None, &bands());
        assert_eq!(
            (g.kind, g.reason.as_str()),
            (NewKind::Policy, "the title ends in “Policy”")
        );
        assert_eq!(
            guess("Year 5 computing unit: Safe searching", None, &bands()).kind,
            NewKind::Unit
        );
        assert_eq!(
            guess("A guide for parents: gaming", None, &bands()).kind,
            NewKind::Parent
        );
        assert_eq!(guess("Term dates", None, &bands()).kind, NewKind::Page);
        let g = guess(
            "Online rules for Year 4",
            Some(NewKind::Agreement),
            &bands(),
        );
        assert_eq!(
            (g.kind, g.band.as_deref()),
            (NewKind::Agreement, Some("ks2"))
        );
    }
}
