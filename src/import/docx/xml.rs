//! A small element tree over quick-xml's events: Word's parts are walked
//! back and forth (styles before body, footnotes by id), which a tree makes
//! simple, and the parts are small enough to hold whole.
//!
//! Names are kept without their prefix (`w:p` → `p`): Word, LibreOffice and
//! pandoc all use the usual prefixes, but nothing obliges a writer to, and
//! the local names of the elements read here do not clash where they are
//! looked for.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::ReadError;

#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub(crate) name: String,
    attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute by its local name (`w:val` → `val`).
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// `val` of the child `name` (`<w:pStyle w:val="Heading1"/>`).
    pub(crate) fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|e| e.attr("val"))
    }

    /// Every element below this one, depth first, this one excluded.
    pub(crate) fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect();
        stack.reverse();
        while let Some(e) = stack.pop() {
            out.push(e);
            let before = stack.len();
            stack.extend(e.elements());
            stack[before..].reverse();
        }
        out
    }

    /// The text of every text node below, in order.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): `None` when absent.
pub(crate) fn toggle(props: Option<&Element>, name: &str) -> Option<bool> {
    let e = props?.child(name)?;
    Some(!matches!(
        e.attr("val"),
        Some("0" | "false" | "off" | "none")
    ))
}

/// Parses one part of the package into its root element.
pub(crate) fn parse(text: &str, part: &str) -> Result<Element, ReadError> {
    let damaged = |message: String| ReadError::DamagedXml {
        part: part.to_string(),
        message,
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader
            .read_event()
            .map_err(|e| damaged(format!("{e} at byte {}", reader.error_position())))?;
        match event {
            Event::Start(start) => stack.push(open(&start).map_err(damaged)?),
            Event::Empty(start) => {
                let element = open(&start).map_err(damaged)?;
                push(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                // quick-xml checks that end tags match; the root is never popped.
                if stack.len() < 2 {
                    return Err(damaged("an end tag without its start".into()));
                }
                if let Some(element) = stack.pop() {
                    push(&mut stack, Node::Element(element));
                }
            }
            Event::Text(t) => {
                push_text(&mut stack, &t.xml_content(XmlVersion::Implicit1_0));
            }
            Event::CData(t) => {
                push_text(&mut stack, &t.into_inner());
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => predefined(&r)
                        .ok_or_else(|| damaged(format!("unknown entity &{};", &*r)))?
                        .to_string(),
                    Err(e) => return Err(damaged(e.to_string())),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(damaged(
            "the part ends before its last element is closed".into(),
        ));
    }
    // The document element is moved out, not cloned: a long document's
    // tree is large.
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|node| match node {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| damaged("the part has no element".into()))
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

fn open(start: &BytesStart) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attrs.push((
            attr.key.local_name().as_ref().to_string(),
            value.into_owned(),
        ));
    }
    Ok(Element {
        name: start.local_name().as_ref().to_string(),
        attrs,
        children: Vec::new(),
    })
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_attributes_and_entities() {
        let root = parse(
            r#"<?xml version="1.0"?><w:p xmlns:w="x"><w:r><w:t xml:space="preserve">A &amp; B&#33;</w:t></w:r><w:b w:val="0"/></w:p>"#,
            "word/document.xml",
        )
        .expect("well-formed");
        assert_eq!(root.name, "p");
        assert_eq!(root.text(), "A & B!");
        assert_eq!(toggle(Some(&root), "b"), Some(false));
        assert_eq!(root.descendants().len(), 3);
    }

    #[test]
    fn truncated_xml_names_the_part() {
        let err = parse("<w:document><w:body><w:p>", "word/document.xml").expect_err("truncated");
        assert!(err.to_string().contains("word/document.xml"), "{err}");
    }
}
