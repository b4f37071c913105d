//! `word/numbering.xml`: a paragraph's `w:numPr` names a `w:num`, which
//! points at an abstract definition whose levels say bullet or number (and
//! from which number to start), possibly overridden per `w:num`.

use std::collections::HashMap;

use super::xml::Element;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Level {
    pub(crate) ordered: bool,
    pub(crate) start: u32,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            ordered: false,
            start: 1,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

impl Numbering {
    pub(crate) fn read(root: Option<&Element>) -> Numbering {
        let mut numbering = Numbering::default();
        let Some(root) = root else {
            return numbering;
        };
        for abs in root.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = abs.attr("abstractNumId") else {
                continue;
            };
            let levels = abs
                .elements()
                .filter(|e| e.name == "lvl")
                .filter_map(|lvl| {
                    let ilvl = lvl.attr("ilvl")?.parse().ok()?;
                    let format = lvl.child_val("numFmt").unwrap_or("decimal");
                    let level = Level {
                        ordered: !matches!(format, "bullet" | "none"),
                        start: lvl
                            .child_val("start")
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(1),
                    };
                    Some((ilvl, level))
                })
                .collect();
            numbering.abstracts.insert(id.to_string(), levels);
        }
        for num in root.elements().filter(|e| e.name == "num") {
            let (Some(id), Some(abs)) = (num.attr("numId"), num.child_val("abstractNumId")) else {
                continue;
            };
            let overrides = num
                .elements()
                .filter(|e| e.name == "lvlOverride")
                .filter_map(|o| {
                    let ilvl = o.attr("ilvl")?.parse().ok()?;
                    let start = o.child_val("startOverride")?.parse().ok()?;
                    Some((ilvl, start))
                })
                .collect();
            numbering
                .nums
                .insert(id.to_string(), (abs.to_string(), overrides));
        }
        numbering
    }

    /// The level `ilvl` of list `num_id`; `None` when the paragraph is not
    /// in a list (numId 0, or a definition the file does not have).
    pub(crate) fn level(&self, num_id: &str, ilvl: u8) -> Option<Level> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let mut level = self
            .abstracts
            .get(abs)
            .and_then(|levels| levels.get(&ilvl))
            .copied()
            .unwrap_or_default();
        if let Some(start) = overrides.get(&ilvl) {
            level.start = *start;
        }
        Some(level)
    }
}
