//! Agreement forms on paper: what a form says (`form`), its QR code (`qr`),
//! and its PDF (`pdf`), made during the build without a browser. The HTML
//! form (`agreement_form.html`) shows the same content for printing from a
//! browser.
//!
//! The one-page promise: a pupils' form of a band in `[agreements]
//! one_page_bands` (EYFS, KS1 and KS2 by default) prints on one A4 page.
//! The PDF's layout is worked out during the checks, and a form that no
//! longer fits is an `agreement-form-overflow` finding saying how many
//! pages it takes and by how much it is too long: nothing is shrunk.
//!
//! On paper, in the PDF and in the browser's print alike: a form of two
//! pages or more breaks between sections, never inside a statement, a
//! consent row or the signature block; the signatures stay with what they
//! sign for; every page names the school, the form, its reference and
//! version, and says "Page n of m" (`layout::pages`, and the `@page form`
//! rules of the theme's style.css).

mod fonts;
pub(crate) mod form;
pub(crate) mod layout;
pub(crate) mod pdf;
pub(crate) mod qr;
mod shape;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::config::Config;
use crate::content::{AgreementFront, Audience, Meta, Page, Site};
use crate::languages::words::Words;
pub(crate) use form::Form;

/// The return instructions printed on every form: `[agreements]
/// return_instructions` (the school's own words, as written), else a
/// sentence in the form's language made from `[contact]`.
pub(crate) fn return_instructions(config: &Config, words: &Words) -> String {
    if let Some(text) = &config.agreements.return_instructions {
        return text.trim().to_string();
    }
    let c = &config.contact;
    let mut out = words.get("return_office").to_string();
    if !c.email.is_empty() {
        out.push_str(&words.fill("return_email", &[("email", &c.email)]));
    }
    out.push_str(words.get("return_end"));
    if !c.phone.is_empty() {
        out.push_str(&words.fill("return_phone", &[("phone", &c.phone)]));
    }
    out
}

/// The lines that say which child a form is about, above the signatures:
/// a parents' form's consents are about "my child", and a school that
/// receives it (or its second page alone) must know whose they are.
pub(crate) fn child_lines(audience: Option<Audience>, words: &Words) -> Vec<String> {
    match audience {
        Some(Audience::Parents) => vec![
            words.get("form_child_name").into(),
            words.get("form_child_class").into(),
        ],
        _ => Vec::new(),
    }
}

/// How a signatory is named on a form: the usual ones in the form's
/// language, any other as the agreement writes it.
pub(crate) fn signatory(s: &str, words: &Words) -> String {
    let key = match s.trim().to_lowercase().as_str() {
        "pupil" | "student" | "child" => Some("signatory_pupil"),
        "parent" | "carer" | "parent or carer" | "parent/carer" => Some("signatory_parent"),
        "staff" | "staff member" => Some("signatory_staff"),
        "visitor" => Some("signatory_visitor"),
        "governor" => Some("signatory_governor"),
        _ => None,
    };
    match key {
        Some(key) => words.get(key).to_string(),
        None => {
            let mut c = s.trim().chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Where an agreement's PDF is published, from the site's base:
/// `agreements/pupils-ks2/pupils-ks2.pdf`.
pub(crate) fn pdf_path(page: &Page) -> String {
    format!("{}{}.pdf", page.url, page.id)
}

/// A generated PDF.
#[derive(Debug, Clone)]
pub(crate) struct Pdf {
    /// Output path under the site's root (see [`pdf_path`]).
    pub path: String,
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// "48 KB": a file size as shown beside a download link.
pub(crate) fn human_size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

fn agreements(site: &Site) -> impl Iterator<Item = (usize, &Page)> {
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.meta, Meta::Agreement(_)))
}

/// The PDF of one agreement's form.
pub(crate) fn pdf(site: &Site, page: &Page) -> Result<Pdf, String> {
    let form = Form::new(site, page).ok_or("not an agreement")?;
    let layout = layout::layout(&form);
    let bytes =
        pdf::render(&form, &layout).map_err(|e| format!("{}: {e}", page.source.rel_path))?;
    Ok(Pdf {
        path: pdf_path(page),
        bytes,
        pages: layout.pages.len(),
    })
}

/// The forms' findings: a one-page form that no longer fits on one A4
/// page, and characters that the PDF's font cannot print.
pub(crate) fn check(site: &Site, diags: &mut Diagnostics) {
    for (_, page) in agreements(site) {
        let Some(form) = Form::new(site, page) else {
            continue;
        };
        let Meta::Agreement(front) = &page.meta else {
            continue;
        };
        if form.one_page
            && let Some(d) = overflow(page, front, &form)
        {
            diags.push(d);
        }
        if let Some(d) = unprintable(page, &form) {
            diags.push(d);
        }
    }
}

/// A one-page form that runs onto a second page: which form, how many
/// pages it takes and how far it runs past one, at the first statement
/// that does not fit on the first page, or at the band when only the parts
/// after the statements do not.
fn overflow(page: &Page, front: &AgreementFront, form: &Form) -> Option<Diagnostic> {
    let layout = layout::layout(form);
    if !layout.overflows_first_page() {
        return None;
    }
    let band = front
        .band
        .as_ref()
        .map(|b| b.get_ref().as_str())
        .unwrap_or("");
    let statements = form
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, form::BlockKind::Statement(_)))
        .count();
    let (span, what) = match layout.first_block_overflowing {
        Some(b) => {
            let s = &form.blocks[b].span;
            (
                s.start + page.body_offset
                    ..s.start + page.body_offset + first_line(&page.body()[s.clone()]),
                "this is the first statement that does not fit on page 1",
            )
        }
        None => (
            front
                .band
                .as_ref()
                // A translation's band is its source's, written there.
                .filter(|_| page.translation.is_none())
                .map(|b| page.front_span(b.span()))
                .unwrap_or(page.id_span.clone()),
            "the statements fit, but its consents, signatures or return instructions do not",
        ),
    };
    let mm = (layout.excess / MM_IN_POINTS).ceil();
    let lines = (layout.excess / layout.line).ceil();
    let consents = if form.consents.is_empty() {
        ""
    } else {
        ", or move consents to the parents' agreement"
    };
    Some(Diagnostic::at(
        Code::AgreementFormOverflow,
        &page.source,
        span,
        format!(
            "the printed form \"{}\" ({}) takes {} A4 pages, not one: it is {mm} mm too long for one page (about {lines} lines of text); {what}",
            form.title,
            form.reference,
            layout.pages.len(),
        ),
        format!(
            "shorten or merge statements ({statements} now) by about {lines} lines{consents}; Charter never shrinks the type to fit. To allow more pages, remove `{band}` from [agreements] one_page_bands in charter.toml"
        ),
    ))
}

/// Points in a millimetre.
const MM_IN_POINTS: f32 = 72.0 / 25.4;

/// Characters of the form's text that none of the PDF's fonts can print, at the
/// first place the first of them appears in the source.
fn unprintable(page: &Page, form: &Form) -> Option<Diagnostic> {
    let text = form.printed_text();
    let missing = fonts::missing_characters(&text);
    if missing.is_empty() {
        return None;
    }
    let shown: String = missing.iter().map(|c| format!("`{c}` ")).collect();
    let first = missing[0];
    let at = page
        .source
        .text
        .find(first)
        .map(|i| i..i + first.len_utf8())
        .unwrap_or(page.id_span.clone());
    Some(Diagnostic::at(
        Code::AgreementFormCharacters,
        &page.source,
        at,
        format!(
            "the PDF of this agreement's form cannot print {shown}(none of its fonts has such a character: Liberation Sans, Noto Naskh Arabic, Noto Nastaliq Urdu, Noto Sans Bengali)"
        ),
        "write the words out instead (e.g. leave out emoji); the web page and the printed HTML form still show them",
    ))
}

fn first_line(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_download_link() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(47_201), "48 KB");
        assert_eq!(human_size(2_345_678), "2.3 MB");
    }
}
