//! `word/styles.xml`: what a paragraph's style makes it (a heading, the
//! title, a table-of-contents line, a quotation, code) and the run
//! properties styles carry (bold, italic, a monospace font, numbering).
//!
//! Styles are matched by id and by name, through `basedOn` chains, because
//! Word localises both: a German "Überschrift 1" has the id `berschrift1`,
//! and a style based on "Heading 2" is a heading 2 whatever its name.

use std::collections::HashMap;

use super::xml::{Element, toggle};

/// What a paragraph is, by its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    /// A heading; 1 is Word's "Heading 1".
    Heading(u8),
    /// An entry of a table of contents.
    Toc,
    Quote,
    Code,
    Body,
}

#[derive(Debug, Default, Clone)]
struct Style {
    /// The name, lower case, spaces removed ("heading1", "überschrift1").
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    mono: bool,
    num: Option<(String, u8)>,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// Heading style names in the languages schools write in, lower case with
/// spaces removed, each followed by the level. `berschrift` is the id Word
/// gives "Überschrift" (it drops the non-ASCII letter).
const HEADING_NAMES: &[&str] = &[
    "heading",
    "überschrift",
    "berschrift",
    "titre",
    "titolo",
    "kop",
    "nagłówek",
    "nagwek",
    "título",
    "ttulo",
    "encabezado",
    "rubrik",
    "overskrift",
    "otsikko",
    "nadpis",
    "cím",
    "başlık",
    "pennawd",
];

const TITLE_NAMES: &[&str] = &[
    "title", "titel", "titre", "titolo", "título", "titulo", "tytuł",
];

/// Names of the paragraph styles of a table of contents, before their level
/// or "heading" ("toc 1", "TOC Heading", LibreOffice's "Contents 1",
/// German "Verzeichnis 1").
const TOC_NAMES: &[&str] = &["toc", "contents", "verzeichnis", "inhaltsverzeichnis"];

const QUOTE_NAMES: &[&str] = &["quote", "intensequote", "blocktext", "quotations", "zitat"];

const CODE_NAMES: &[&str] = &["sourcecode", "preformattedtext", "htmlpreformatted", "code"];

/// Fonts that mark a run as code.
const MONO_FONTS: &[&str] = &["courier", "consolas", "mono", "menlo", "monaco"];

impl Styles {
    pub(crate) fn read(root: Option<&Element>) -> Styles {
        let mut styles = Styles::default();
        let Some(root) = root else {
            return styles;
        };
        for style in root.elements().filter(|e| e.name == "style") {
            let Some(id) = style.attr("styleId") else {
                continue;
            };
            if style.attr("type") == Some("paragraph")
                && matches!(style.attr("default"), Some("1" | "true"))
            {
                styles.default_paragraph = Some(id.to_string());
            }
            let ppr = style.child("pPr");
            let rpr = style.child("rPr");
            let num = ppr.and_then(|p| p.child("numPr")).and_then(num_pr);
            styles.by_id.insert(
                id.to_string(),
                Style {
                    name: normalise(style.child_val("name").unwrap_or(id)),
                    based_on: style.child_val("basedOn").map(str::to_string),
                    outline_level: ppr.and_then(outline_level),
                    bold: toggle(rpr, "b"),
                    italic: toggle(rpr, "i"),
                    mono: rpr.is_some_and(is_mono) || is_code_name(&normalise(id)),
                    num,
                },
            );
        }
        styles
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = (&'a str, &'a Style)> {
        let mut next = id.or(self.default_paragraph.as_deref());
        let mut seen = 0;
        std::iter::from_fn(move || {
            // A loop of basedOn in a damaged file must not hang the reader.
            seen += 1;
            let id = next.filter(|_| seen < 32)?;
            let style = self.by_id.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
    }

    /// What a paragraph of style `id` is.
    pub(crate) fn role(&self, id: Option<&str>) -> Role {
        for (style_id, style) in self.chain(id) {
            for name in [style.name.as_str(), &normalise(style_id)] {
                if let Some(role) = role_of_name(name) {
                    return role;
                }
            }
            if let Some(level) = style.outline_level {
                return Role::Heading(level);
            }
        }
        Role::Body
    }

    pub(crate) fn bold(&self, id: Option<&str>) -> Option<bool> {
        self.chain(id).find_map(|(_, s)| s.bold)
    }

    pub(crate) fn italic(&self, id: Option<&str>) -> Option<bool> {
        self.chain(id).find_map(|(_, s)| s.italic)
    }

    pub(crate) fn mono(&self, id: Option<&str>) -> bool {
        self.chain(id).any(|(_, s)| s.mono)
    }

    /// Numbering a paragraph style carries (Word's "List Bullet").
    pub(crate) fn numbering(&self, id: Option<&str>) -> Option<(String, u8)> {
        self.chain(id).find_map(|(_, s)| s.num.clone())
    }
}

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn role_of_name(name: &str) -> Option<Role> {
    if TITLE_NAMES.contains(&name) {
        return Some(Role::Title);
    }
    for prefix in TOC_NAMES {
        if let Some(rest) = name.strip_prefix(prefix)
            && (rest == "heading" || (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())))
        {
            return Some(Role::Toc);
        }
    }
    for prefix in HEADING_NAMES {
        if let Some(rest) = name.strip_prefix(prefix)
            && let Ok(level) = rest.parse::<u8>()
            && (1..=9).contains(&level)
        {
            return Some(Role::Heading(level));
        }
    }
    if QUOTE_NAMES.contains(&name) {
        return Some(Role::Quote);
    }
    if is_code_name(name) {
        return Some(Role::Code);
    }
    None
}

fn is_code_name(name: &str) -> bool {
    CODE_NAMES.contains(&name) || name == "verbatimchar" || name == "sourcetext"
}

/// `w:outlineLvl` 0–8 is a heading level 1–9; 9 means body text.
pub(crate) fn outline_level(ppr: &Element) -> Option<u8> {
    let level: u8 = ppr.child_val("outlineLvl")?.parse().ok()?;
    (level < 9).then_some(level + 1)
}

/// `w:numPr` → (numId, ilvl); numId 0 means "no numbering".
pub(crate) fn num_pr(num_pr: &Element) -> Option<(String, u8)> {
    let id = num_pr.child_val("numId")?;
    let level = num_pr
        .child_val("ilvl")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    Some((id.to_string(), level))
}

/// Whether run properties name a monospace font.
pub(crate) fn is_mono(rpr: &Element) -> bool {
    rpr.child("rFonts")
        .and_then(|f| f.attr("ascii").or(f.attr("hAnsi")))
        .is_some_and(|font| {
            let font = font.to_lowercase();
            MONO_FONTS.iter().any(|m| font.contains(m))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_heading_and_title_names() {
        assert_eq!(role_of_name("überschrift2"), Some(Role::Heading(2)));
        assert_eq!(role_of_name("berschrift1"), Some(Role::Heading(1)));
        assert_eq!(role_of_name("titre3"), Some(Role::Heading(3)));
        assert_eq!(role_of_name("nagłówek1"), Some(Role::Heading(1)));
        assert_eq!(role_of_name("titolo"), Some(Role::Title));
        assert_eq!(role_of_name("toc2"), Some(Role::Toc));
        assert_eq!(role_of_name("contentsheading"), Some(Role::Toc));
        assert_eq!(role_of_name("heading"), None);
        assert_eq!(role_of_name("normal"), None);
    }
}
