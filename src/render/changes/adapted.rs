//! What a school changed in a trust policy it adapts (`extends = "trust"`),
//! shown on the policy's page: each section the school replaced, compared
//! word by word with the trust's (as "what changed" compares versions),
//! and each it added.

use serde::Serialize;

use super::diff::{self, Block};
use crate::content::extends::{Adaptation, AdaptedSection};

/// `page.policy.adapted` in `policy.html`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AdaptedView {
    /// The school's name.
    pub school: String,
    /// The trust's name, or "the trust" ("… of Riverside Learning Trust",
    /// "… of the trust").
    pub from: String,
    pub sections: Vec<SectionView>,
    /// How many of them replace a section of the trust's.
    pub replaced: usize,
}

/// One section the school changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionView {
    /// Its heading's id on the page.
    pub id: String,
    pub title: String,
    /// "replaced" or "added".
    pub kind: &'static str,
    /// For one replaced: the trust's heading, when the school's words
    /// differ (it kept the id with `{#id}`); for one added: the heading of
    /// the trust's section it follows.
    pub trust_title: String,
    /// The trust's text under the heading, block by block (empty for one
    /// added).
    pub trust: Vec<TrustBlock>,
    /// The school's text under the heading compared with the trust's (empty
    /// for one added: it is all the school's).
    pub changes: Vec<diff::Change>,
}

/// A block of the trust's text: a paragraph, list item or table row, or a
/// heading within the section.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TrustBlock {
    pub heading: bool,
    pub text: String,
}

/// The view of an adaptation by `school` of a document of the trust named
/// `trust` (empty when its name is not known).
/// `page_ids` are the ids of the page's headings, in order.
pub(crate) fn view(
    adaptation: &Adaptation,
    school: &str,
    trust: &str,
    page_ids: &[&str],
) -> AdaptedView {
    let ids = ids_on_page(adaptation, page_ids);
    let sections: Vec<SectionView> = adaptation
        .sections
        .iter()
        .zip(ids)
        .map(|(s, id)| SectionView {
            id,
            ..section(adaptation, s)
        })
        .collect();
    AdaptedView {
        school: school.to_string(),
        from: if trust.is_empty() {
            "the trust".to_string()
        } else {
            trust.to_string()
        },
        replaced: sections.iter().filter(|s| s.kind == "replaced").count(),
        sections,
    }
}

/// The id each changed section's heading has on the page. Headings of the
/// same words get `-1`, `-2`… there, so a section the school added is the
/// first such heading after the one it follows, and one it replaced the
/// first such heading not already taken.
fn ids_on_page(adaptation: &Adaptation, page_ids: &[&str]) -> Vec<String> {
    let same = |base: &str, id: &str| {
        id == base
            || id
                .strip_prefix(base)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut taken = vec![false; page_ids.len()];
    let mut ids: Vec<String> = adaptation.sections.iter().map(|s| s.id.clone()).collect();
    // Added sections first: where they are is known.
    for added in [true, false] {
        for (n, s) in adaptation.sections.iter().enumerate() {
            if s.after.is_some() != added {
                continue;
            }
            let from = s
                .after
                .as_ref()
                .and_then(|a| page_ids.iter().position(|id| id == a))
                .map_or(0, |at| at + 1);
            let found = (from..page_ids.len()).find(|&p| !taken[p] && same(&s.id, page_ids[p]));
            if let Some(p) = found {
                taken[p] = true;
                ids[n] = page_ids[p].to_string();
            }
        }
    }
    ids
}

fn section(adaptation: &Adaptation, s: &AdaptedSection) -> SectionView {
    let title_of = |id: &str| {
        adaptation
            .trust_sections
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| id.to_string())
    };
    if let Some(after) = &s.after {
        return SectionView {
            id: s.id.clone(),
            title: s.title.clone(),
            kind: "added",
            trust_title: title_of(after),
            trust: Vec::new(),
            changes: Vec::new(),
        };
    }
    // The heading is the section's title on the page: the words under it
    // are compared.
    let (theirs, their_heading) = under_heading(diff::blocks(&s.trust_text));
    let (ours, _) = under_heading(diff::blocks(&s.school_text));
    let trust_title = their_heading.filter(|t| *t != s.title).unwrap_or_default();
    SectionView {
        id: s.id.clone(),
        title: s.title.clone(),
        kind: "replaced",
        trust_title,
        changes: diff::changes(&theirs, &ours),
        trust: theirs
            .into_iter()
            .map(|b| TrustBlock {
                heading: b.heading,
                text: b.text,
            })
            .collect(),
    }
}

/// A section's blocks without its heading, and the heading's words.
fn under_heading(mut blocks: Vec<Block>) -> (Vec<Block>, Option<String>) {
    match blocks.first() {
        Some(b) if b.heading => {
            let heading = blocks.remove(0).text;
            (blocks, Some(heading))
        }
        _ => (blocks, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adaptation(sections: Vec<AdaptedSection>) -> Adaptation {
        Adaptation {
            trust_file: "t.md".into(),
            trust_sections: vec![("lateness".into(), "Lateness".into())],
            sections,
        }
    }

    #[test]
    fn a_replaced_section_is_compared_under_its_heading() {
        let a = adaptation(vec![AdaptedSection {
            id: "lateness".into(),
            title: "Arriving late".into(),
            after: None,
            trust_text: "## Lateness\n\nThe register closes at 9.\n\nSame.\n".into(),
            school_text: "## Arriving late {#lateness}\n\nThe register closes at 9.15.\n\nSame.\n"
                .into(),
        }]);
        let v = view(&a, "Oak", "", &["lateness"]);
        assert_eq!(v.from, "the trust");
        let s = &v.sections[0];
        assert_eq!((s.kind, s.trust_title.as_str()), ("replaced", "Lateness"));
        assert_eq!(s.changes.len(), 1, "{:?}", s.changes);
        let words: Vec<(&str, &str)> = s.changes[0]
            .parts
            .iter()
            .map(|p| (p.kind, p.text.as_str()))
            .collect();
        assert_eq!(
            words,
            [
                ("same", "The register closes at "),
                ("removed", "9."),
                ("same", " "),
                ("added", "9.15.")
            ]
        );
        let trust: Vec<&str> = s.trust.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(trust, ["The register closes at 9.", "Same."]);
    }

    #[test]
    fn an_added_section_names_the_one_it_follows() {
        let a = adaptation(vec![AdaptedSection {
            id: "study".into(),
            title: "Study".into(),
            after: Some("lateness".into()),
            trust_text: String::new(),
            school_text: "## Study\n\nOurs.\n".into(),
        }]);
        let v = view(
            &a,
            "Oak",
            "Riverside Learning Trust",
            &["lateness", "study"],
        );
        let s = &v.sections[0];
        assert_eq!((s.kind, s.trust_title.as_str()), ("added", "Lateness"));
        assert!(s.changes.is_empty() && s.trust.is_empty());
    }

    #[test]
    fn a_heading_of_the_same_words_is_linked_by_its_id_on_the_page() {
        let section = |after: Option<&str>| AdaptedSection {
            id: "lateness".into(),
            title: "Lateness".into(),
            after: after.map(Into::into),
            trust_text: String::new(),
            school_text: "## Lateness\n\nOurs.\n".into(),
        };
        // Added after "absence", which comes after the trust's "lateness".
        let a = adaptation(vec![section(Some("absence"))]);
        let page = ["lateness", "absence", "lateness-1"];
        assert_eq!(view(&a, "Oak", "", &page).sections[0].id, "lateness-1");
        // Added after "absence" and also replacing the trust's: each its own.
        let a = adaptation(vec![section(None), section(Some("absence"))]);
        let ids: Vec<String> = view(&a, "Oak", "", &page)
            .sections
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["lateness", "lateness-1"]);
        // Not a numbered twin: "lateness-policy" is another heading.
        let a = adaptation(vec![section(Some("absence"))]);
        let page = ["lateness", "absence", "lateness-policy"];
        assert_eq!(view(&a, "Oak", "", &page).sections[0].id, "lateness");
    }
}
