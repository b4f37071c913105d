//! The PDF of an agreement form, drawn by Charter itself with krilla: A4,
//! its fonts embedded (subset: only the glyphs it uses), the same content
//! and order as the printed HTML form (laid out by `layout`), each line
//! shaped and ordered by `shape`.
//!
//! The PDF is tagged and checked against PDF/UA-1 by krilla as it is
//! written: every line of text belongs to a structure element (the title,
//! headings, paragraphs, the numbered list of statements), the QR code is a
//! figure with a description inside the link it opens, and rules and tick
//! boxes are marked as decoration. So a parent with a screen reader hears
//! the form in order, and the PDF passes the accessibility checks schools'
//! documents are held to.
//!
//! The bytes depend only on the form: no creation date, and krilla's
//! document ids are hashes of the content.

use std::num::NonZeroU16;

use krilla::Document;
use krilla::SerializeSettings;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::luma;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, ListNumbering, Node, SpanTag, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::Font;

use super::fonts::{FontId, face};
use super::form::Form;
use super::layout::{Element, Layout, Op, PAGE_HEIGHT, PAGE_WIDTH, Role};
use super::shape::{self, Writing};

/// The fonts a PDF draws with, each read by krilla once, when first used.
struct Fonts {
    writing: Writing,
    loaded: Vec<(FontId, Font)>,
}

impl Fonts {
    fn get(&mut self, id: FontId) -> Result<Font, String> {
        if let Some((_, f)) = self.loaded.iter().find(|(i, _)| *i == id) {
            return Ok(f.clone());
        }
        let font = Font::new(face(id).data.into(), 0).ok_or("a bundled font")?;
        self.loaded.push((id, font.clone()));
        Ok(font)
    }
}

/// Writes the laid-out form as a tagged PDF.
pub(crate) fn render(form: &Form, layout: &Layout) -> Result<Vec<u8>, String> {
    let mut fonts = Fonts {
        writing: Writing::of(&form.language),
        loaded: Vec::new(),
    };
    let title = format!("{} \u{2013} {}", form.title, form.school);
    let mut document = document(form, &title)?;
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("A4 page size")?;
    // What each structure element holds: marked content and annotations.
    let mut content: Vec<Vec<Node>> = vec![Vec::new(); layout.elements.len()];
    for ops in &layout.pages {
        let mut page = document.start_page_with(settings.clone());
        let links = draw_page(page.surface(), ops, &mut fonts, &mut content)?;
        for (rect, url, element) in links {
            let id = page.add_tagged_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Action(LinkAction::new(url).into())),
                Some(form.words.read_online_short.clone()),
            ));
            content[element].push(id.into());
        }
        page.finish();
    }
    document.set_tag_tree(tag_tree(&layout.elements, content, &form.language));
    document.set_outline(outline(&title));
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// An empty PDF/UA document with the form's metadata.
fn document(form: &Form, title: &str) -> Result<Document, String> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| format!("PDF/UA settings: {e:?}"))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    });
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(form.language.clone())
            .creator("Charter".into())
            .document_id(form.document_id.clone()),
    );
    Ok(document)
}

/// Draws one page's ops as marked content, recording each element's
/// marked sequences in `content`, and returns the page's links (each
/// rectangle, address and element) to add as annotations.
fn draw_page(
    mut surface: Surface<'_>,
    ops: &[Op],
    fonts: &mut Fonts,
    content: &mut [Vec<Node>],
) -> Result<Vec<(Rect, String, usize)>, String> {
    let mut links = Vec::new();
    // One marked sequence per run of ops of the same element.
    let mut open: Option<Mark> = None;
    for op in ops {
        if let Op::Link {
            x,
            y,
            w,
            h,
            url,
            element,
        } = op
        {
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                links.push((rect, url.clone(), *element));
            }
            continue;
        }
        let mark = match op {
            Op::Text { element, .. } => Mark::Element(*element),
            Op::Fill {
                element: Some(e), ..
            } => Mark::Element(*e),
            Op::Running { y, .. } => Mark::Running(*y < PAGE_HEIGHT / 2.0),
            Op::Fill { .. } | Op::Box { .. } | Op::Link { .. } => Mark::Decoration,
        };
        if open != Some(mark) {
            if open.is_some() {
                surface.end_tagged();
            }
            let tag = match (mark, op) {
                (Mark::Decoration, _) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout))
                }
                // Repeated on every page: read once, from the form's header.
                (Mark::Running(true), _) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Header))
                }
                (Mark::Running(false), _) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer))
                }
                (Mark::Element(_), Op::Text { .. }) => ContentTag::Span(SpanTag::empty()),
                (Mark::Element(_), _) => ContentTag::Other,
            };
            let id = surface.start_tagged(tag);
            if let Mark::Element(e) = mark {
                content[e].push(id.into());
            }
            open = Some(mark);
        }
        draw(&mut surface, op, fonts)?;
    }
    if open.is_some() {
        surface.end_tagged();
    }
    surface.finish();
    Ok(links)
}

/// What an op's marked content belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A structure element (see `Layout::elements`).
    Element(usize),
    /// Rules, tick boxes: decoration, not read out.
    Decoration,
    /// The running header (`true`) or footer.
    Running(bool),
}

/// Draws one op (not a link, which is an annotation).
fn draw(surface: &mut Surface, op: &Op, fonts: &mut Fonts) -> Result<(), String> {
    match op {
        Op::Running { x, y, size, text } => {
            draw_text(surface, (*x, *y), *size, false, text, fonts)?;
        }
        Op::Text {
            x,
            y,
            size,
            bold,
            text,
            ..
        } => draw_text(surface, (*x, *y), *size, *bold, text, fonts)?,
        Op::Fill {
            x, y, w, h, grey, ..
        } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                return Ok(());
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: luma::Color::new(*grey).into(),
                    opacity: NormalizedF32::ONE,
                    rule: Default::default(),
                }));
                surface.draw_path(&path);
            }
        }
        Op::Box { x, y, side, line } => {
            let inset = line / 2.0;
            let Some(rect) =
                Rect::from_xywh(x + inset, y + inset, side - 2.0 * inset, side - 2.0 * inset)
            else {
                return Ok(());
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    width: *line,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Op::Link { .. } => {}
    }
    Ok(())
}

/// Draws a line of text from its left end at `x` and its baseline at `y`:
/// its runs placed left to right as bidi orders them, but written in the
/// order the text reads (so a screen reader, or text copied from the
/// PDF, has the words in the order they were written).
fn draw_text(
    surface: &mut Surface,
    (x, y): (f32, f32),
    size: f32,
    bold: bool,
    text: &str,
    fonts: &mut Fonts,
) -> Result<(), String> {
    let mut line = shape::line(text, bold, size, &fonts.writing);
    line.runs.sort_by_key(|r| r.start);
    surface.set_fill(Some(Fill::default()));
    for run in line.runs.iter().filter(|r| !r.glyphs.is_empty()) {
        surface.draw_glyphs(
            Point::from_xy(x + run.x, y),
            &run.glyphs,
            fonts.get(run.font)?,
            text,
            size,
            false,
        );
    }
    Ok(())
}

/// The structure tree: each element with its content, then its children,
/// in reading order.
fn tag_tree(elements: &[Element], mut content: Vec<Vec<Node>>, language: &str) -> TagTree {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); elements.len()];
    let mut roots = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        match e.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    fn group(
        i: usize,
        elements: &[Element],
        children: &[Vec<usize>],
        content: &mut [Vec<Node>],
    ) -> TagGroup {
        let mut g = TagGroup::new(kind(&elements[i].role));
        for node in std::mem::take(&mut content[i]) {
            g.push(node);
        }
        for &c in &children[i] {
            g.push(group(c, elements, children, content));
        }
        g
    }
    let mut tree = TagTree::new().with_lang(Some(language.to_string()));
    for i in roots {
        tree.push(group(i, elements, &children, &mut content));
    }
    tree
}

fn kind(role: &Role) -> TagKind {
    let level = |n| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
    match role {
        Role::Title(text) => Tag::Hn(level(1), Some(text.clone())).into(),
        Role::Heading(text) => Tag::Hn(level(2), Some(text.clone())).into(),
        Role::Paragraph => Tag::P.into(),
        Role::List { numbered: true } => Tag::L(ListNumbering::Decimal).into(),
        Role::List { numbered: false } => Tag::L(ListNumbering::None).into(),
        Role::ListItem => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Link => Tag::Link.into(),
    }
}

/// PDF/UA asks for an outline; a one-form document has one entry.
fn outline(title: &str) -> Outline {
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        title.to_string(),
        krilla::destination::XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
    ));
    outline
}
