//! The built-in registers are complete and consistent: they ship in the
//! binary, so a mistake in them would reach every school.

use std::collections::HashSet;

use super::register::{FILE_SCHEMA, File, NATIONS, Register, Requirement};
use crate::base::schema;

#[test]
fn every_built_in_register_is_complete_and_consistent() {
    for (nation, text) in NATIONS {
        let (file, problems) = schema::parse::<File>(text, &FILE_SCHEMA);
        assert!(problems.is_empty(), "{nation}: {problems:?}");
        let file = file.expect("parses");
        assert_eq!(file.nation.as_deref(), Some(nation));
        assert!(file.checked.is_some(), "{nation}: say when it was checked");
        let mut source_ids = HashSet::new();
        for s in &file.source {
            assert!(source_ids.insert(s.id.as_str()), "source {} twice", s.id);
            assert!(s.url.starts_with("http"), "source {} has no address", s.id);
            assert!(s.read.is_some(), "source {} has no read date", s.id);
        }
        let mut ids = HashSet::new();
        for e in &file.requirement {
            assert!(ids.insert(e.id.as_str()), "requirement {} twice", e.id);
            let r = Requirement::complete(e).unwrap_or_else(|l| panic!("{} lacks {l:?}", e.id));
            assert!(!r.sources.is_empty(), "{} names no source", r.id);
            for s in &r.sources {
                assert!(source_ids.contains(s.as_str()), "{}: no source {s}", r.id);
            }
            assert!(!r.applies_to.types.is_empty() && !r.applies_to.phases.is_empty());
        }
        let register = Register::built_in(nation).expect("built in");
        assert_eq!(register.requirements.len(), file.requirement.len());
    }
}

#[test]
fn england_keeps_the_ids_content_authors_use() {
    let r = Register::built_in("england").expect("built in");
    for id in [
        "child-protection",
        "behaviour",
        "complaints",
        "send-policy",
        "sen-information-report",
        "accessibility-plan",
        "equality-objectives",
        "pupil-premium-statement",
        "boarding-standards-documents",
    ] {
        assert!(r.requirement(id).is_some(), "{id}");
    }
    assert!(Register::built_in("wales").is_none());
}
