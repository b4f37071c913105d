//! References in front matter to things defined elsewhere: bands, strands
//! and years from `charter.toml`, and entries of the guidance register.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::schema::closest;
use crate::config::Config;
use crate::content::{AgreementFront, Audience, Meta, Page, PolicyFront, Site, UnitFront};

pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    for (_, page) in site.source_pages() {
        match &page.meta {
            Meta::Policy(f) => guidance(site, page, f, diags),
            Meta::Agreement(f) => agreement_band(site, page, f, diags),
            Meta::Unit(f) => unit(site, page, f, diags),
            Meta::Parent(f) => {
                for b in &f.bands {
                    band(&site.config, page, b, diags);
                }
            }
            _ => {}
        }
    }
}

/// A policy's `guidance`: each entry in the register, and current.
fn guidance(site: &Site, page: &Page, f: &PolicyFront, diags: &mut Diagnostics) {
    for g in &f.guidance {
        if let Some(entry) = site.guidance.get(g.get_ref()) {
            if let Some(current) = site
                .guidance
                .current(&entry.id)
                .filter(|c| c.id != entry.id)
            {
                let edition = |e: &crate::config::guidance::Entry| {
                    e.edition
                        .map(|d| format!(" ({})", crate::base::dates::human_date(d)))
                        .unwrap_or_default()
                };
                diags.push(Diagnostic::at(
                    Code::GuidanceSuperseded,
                    &page.source,
                    page.front_span(g.span()),
                    format!(
                        "`{}` cites {}{}, which has been superseded",
                        entry.id,
                        entry.title,
                        edition(entry)
                    ),
                    format!(
                        "cite the current edition, `{}`: {}{}",
                        current.id,
                        current.title,
                        edition(current)
                    ),
                ));
            }
        } else {
            let ids = site.guidance.guidance.iter().map(|e| e.id.as_str());
            diags.push(Diagnostic::at(
                Code::GuidanceUnknown,
                &page.source,
                page.front_span(g.span()),
                format!(
                    "`guidance` names `{}`, which is not in guidance.toml",
                    g.get_ref()
                ),
                match closest(g.get_ref(), ids) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => {
                        "add a [[guidance]] entry with this id to guidance.toml, or correct the id"
                            .into()
                    }
                },
            ));
        }
    }
}

/// A pupils' agreement is for a band, and any band named exists.
fn agreement_band(site: &Site, page: &Page, f: &AgreementFront, diags: &mut Diagnostics) {
    let is_pupils = f
        .audience
        .as_ref()
        .is_some_and(|a| *a.get_ref() == Audience::Pupils);
    match &f.band {
        Some(b) => band(&site.config, page, b, diags),
        None if is_pupils => diags.push(Diagnostic::at(
            Code::FrontmatterInvalid,
            &page.source,
            page.front_span(f.audience.as_ref().map_or(0..0, toml::Spanned::span)),
            "a pupils' agreement needs a `band`",
            format!("add band = \"…\" with one of {}", band_list(&site.config)),
        )),
        None => {}
    }
}

/// A unit's strand and bands exist, and its years are years of its bands.
fn unit(site: &Site, page: &Page, f: &UnitFront, diags: &mut Diagnostics) {
    if let Some(s) = &f.strand
        && site.config.strand(s.get_ref()).is_none()
    {
        let ids = site.config.strands.iter().map(|s| s.id.as_str());
        diags.push(Diagnostic::at(
            Code::BandUnknown,
            &page.source,
            page.front_span(s.span()),
            format!(
                "the strand `{}` is not defined in charter.toml",
                s.get_ref()
            ),
            match closest(s.get_ref(), ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "use one of {}",
                    site.config
                        .strands
                        .iter()
                        .map(|s| format!("`{}`", s.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        ));
    }
    for b in &f.bands {
        band(&site.config, page, b, diags);
    }
    for y in &f.years {
        let in_bands = f
            .bands
            .iter()
            .filter_map(|b| site.config.band(b.get_ref()))
            .any(|b| {
                b.years
                    .iter()
                    .any(|by| by.eq_ignore_ascii_case(y.get_ref()))
            });
        if !in_bands {
            let years: Vec<&str> = f
                .bands
                .iter()
                .filter_map(|b| site.config.band(b.get_ref()))
                .flat_map(|b| b.years.iter().map(String::as_str))
                .collect();
            diags.push(Diagnostic::at(
                Code::BandUnknown,
                &page.source,
                page.front_span(y.span()),
                format!("\"{}\" is not a year of this unit's bands", y.get_ref()),
                if years.is_empty() {
                    "add the band that holds this year to `bands`".into()
                } else {
                    format!(
                        "the years of its bands are {}",
                        years
                            .iter()
                            .map(|y| format!("\"{y}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
            ));
        }
    }
}

fn band(config: &Config, page: &Page, b: &toml::Spanned<String>, diags: &mut Diagnostics) {
    if config.band(b.get_ref()).is_some() {
        return;
    }
    let ids = config.bands.iter().map(|b| b.id.as_str());
    diags.push(Diagnostic::at(
        Code::BandUnknown,
        &page.source,
        page.front_span(b.span()),
        format!("the band `{}` is not defined in charter.toml", b.get_ref()),
        match closest(b.get_ref(), ids) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use one of {}", band_list(config)),
        },
    ));
}

fn band_list(config: &Config) -> String {
    config
        .bands
        .iter()
        .map(|b| format!("`{}`", b.id))
        .collect::<Vec<_>>()
        .join(", ")
}
