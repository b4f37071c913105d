//! Agreements: every configured pupil band has a pupils' agreement, and each
//! pupils' agreement reads at a level that suits its band (Flesch–Kincaid
//! grade against the band's `reading_grade`; see `readability`).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::source::SourceFile;
use crate::checks::readability;
use crate::config::Band;
use crate::content::{AgreementFront, Audience, Meta, Page, Site};

pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    // Readability is measured in English: translations are left out.
    let pupil_agreements: Vec<_> = site
        .published_pages()
        .filter_map(|(_, p)| match &p.meta {
            Meta::Agreement(f)
                if f.audience
                    .as_ref()
                    .is_some_and(|a| *a.get_ref() == Audience::Pupils) =>
            {
                Some((p, f))
            }
            _ => None,
        })
        .collect();
    // No pupils' agreement at all (a site of policies only, say): one
    // finding for the site, not one for each of the (perhaps default)
    // bands.
    if pupil_agreements.is_empty() && site.config.bands.len() > 1 {
        diags.push(no_pupil_agreements(site));
        return;
    }
    for band in &site.config.bands {
        if !pupil_agreements
            .iter()
            .any(|(_, f)| f.band.as_ref().is_some_and(|b| b.get_ref() == &band.id))
        {
            diags.push(band_missing(site, band));
        }
    }
    for (page, f) in pupil_agreements {
        if let Some(d) = too_hard(site, page, f) {
            diags.push(d);
        }
    }
}

/// The finding for a band with no pupils' agreement: at the band's id in
/// `charter.toml`, or on the file when the band is a default.
fn band_missing(site: &Site, band: &Band) -> Diagnostic {
    let message = format!(
        "the band `{}` ({}) has no pupils' agreement",
        band.id, band.name
    );
    let hint = format!(
        "add agreements/pupils-{}.md with audience = \"pupils\" and band = \"{}\" (charter new agreement \"Pupils {}\")",
        band.id, band.id, band.id
    );
    match site
        .config
        .source
        .as_ref()
        .and_then(|src| locate(src, &format!("\"{}\"", band.id)).map(|r| (src, r)))
    {
        Some((src, range)) => Diagnostic::at(Code::AgreementBandMissing, src, range, message, hint),
        None => Diagnostic::file(
            Code::AgreementBandMissing,
            crate::layout::CONFIG_FILE,
            message,
            hint,
        ),
    }
}

/// The readability finding for a pupils' agreement that reads above its
/// band's grade, pointing at its hardest statement; `None` when it suits
/// the band (or the band sets no grade).
fn too_hard(site: &Site, page: &Page, f: &AgreementFront) -> Option<Diagnostic> {
    let band = f
        .band
        .as_ref()
        .and_then(|b| site.config.band(b.get_ref()))?;
    let limit = band.reading_grade()?;
    let statements = statements(page.body());
    let score = readability::score(statements.iter().map(|(t, _)| t.as_str()))?;
    if score.grade <= limit {
        return None;
    }
    let hardest = statements
        .iter()
        .filter_map(|(t, r)| readability::score([t.as_str()]).map(|s| (s.grade, r.clone())))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let (hardest_grade, span) = hardest.map_or((score.grade, 0..0), |(g, r)| {
        (g, r.start + page.body_offset..r.end + page.body_offset)
    });
    Some(Diagnostic::at(
        Code::Readability,
        &page.source,
        span,
        format!(
            "this agreement reads at grade {:.1} (Flesch–Kincaid); {} agreements should read at grade {limit:.1} or below",
            score.grade, band.name
        ),
        format!(
            "use shorter sentences and shorter, everyday words; the hardest statement is this one (grade {hardest_grade:.1})"
        ),
    ))
}

/// The finding for a site with bands and no pupils' agreement: at the
/// first `[[bands]]` of `charter.toml`, or on the file when the bands are
/// the default key stages.
fn no_pupil_agreements(site: &Site) -> Diagnostic {
    let bands = &site.config.bands;
    let message = format!(
        "no band has a pupils' agreement ({} bands: {})",
        bands.len(),
        bands
            .iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let example = bands.iter().find(|b| b.id == "ks2").unwrap_or(&bands[0]);
    let hint = format!(
        "add one per band, e.g. agreements/pupils-{id}.md with audience = \"pupils\" and band = \"{id}\" (charter new agreement \"Pupils {id}\"); list only the key stages your school teaches as [[bands]] in charter.toml, or ignore this code under [checks]",
        id = example.id
    );
    match site
        .config
        .source
        .as_ref()
        .and_then(|src| locate(src, "[[bands]]").map(|r| (src, r)))
    {
        Some((src, range)) => Diagnostic::at(Code::AgreementBandMissing, src, range, message, hint),
        None => Diagnostic::file(
            Code::AgreementBandMissing,
            crate::layout::CONFIG_FILE,
            message,
            hint,
        ),
    }
}

fn locate(src: &SourceFile, needle: &str) -> Option<Range<usize>> {
    src.text.find(needle).map(|i| i..i + needle.len())
}

/// The statements of an agreement: the text of each list item and
/// paragraph, with its span in the body (headings are left out).
fn statements(body: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut current: Option<(String, Range<usize>)> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Item | Tag::Paragraph) => {
                depth += 1;
                if current.is_none() {
                    current = Some((String::new(), range));
                }
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some((text, r)) = current.take()
                    && !text.trim().is_empty()
                {
                    out.push((text, r));
                }
            }
            Event::Start(Tag::Heading { .. }) => depth += 100,
            Event::End(TagEnd::Heading(_)) => depth = depth.saturating_sub(100),
            Event::Text(t) | Event::Code(t) if depth < 100 => {
                if let Some((text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((text, _)) = current.as_mut() {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::statements;

    #[test]
    fn statements_are_items_and_paragraphs() {
        let s = statements("Intro line.\n\n## Rules\n\n- I am kind.\n- I ask\n  first.\n");
        let texts: Vec<_> = s.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Intro line.", "I am kind.", "I ask first."]);
    }
}
