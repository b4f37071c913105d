//! The PDF of an agreement form, drawn by Charter itself with krilla: A4,
//! Liberation Sans embedded (subset), the same content and order as the
//! printed HTML form. The layout is `layout`'s; this
//! writes it, tagged for screen readers.
//!
//! The bytes depend only on the form: no creation date, and krilla's
//! document ids are hashes of the content.

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::Font;

use super::fonts::{BOLD_TTF, REGULAR_TTF, face};
use super::form::Form;
use super::layout::{Layout, Op, PAGE_HEIGHT, PAGE_WIDTH};

/// Writes the laid-out form as a PDF.
pub fn render(form: &Form, layout: &Layout) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR_TTF.into(), 0).ok_or("the bundled regular font")?;
    let bold = Font::new(BOLD_TTF.into(), 0).ok_or("the bundled bold font")?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} \u{2013} {}", form.title, form.school))
            .language(form.language.clone())
            .creator("Charter".into())
            .document_id(form.document_id.clone()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("A4 page size")?;
    for ops in &layout.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold: is_bold,
                        text,
                    } => {
                        let glyphs = face(*is_bold).glyphs(text);
                        let font = if *is_bold {
                            bold.clone()
                        } else {
                            regular.clone()
                        };
                        surface.set_fill(Some(Fill::default()));
                        surface.draw_glyphs(
                            Point::from_xy(*x, *y),
                            &glyphs,
                            font,
                            text,
                            *size,
                            false,
                        );
                    }
                    Op::Fill { x, y, w, h, grey } => {
                        let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                            continue;
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
                        let Some(rect) = Rect::from_xywh(
                            x + inset,
                            y + inset,
                            side - 2.0 * inset,
                            side - 2.0 * inset,
                        ) else {
                            continue;
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
                    Op::Link { x, y, w, h, url } => {
                        if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                            links.push((rect, url.clone()));
                        }
                    }
                }
            }
            surface.finish();
        }
        for (rect, url) in links {
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Action(LinkAction::new(url).into())),
                Some("Read this agreement online".into()),
            ));
        }
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}
