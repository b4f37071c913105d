//! Link resolution: every `@id`, `@id#anchor`, `#anchor`, relative file link
//! and root-relative link of every page is resolved exactly, to the URL it
//! is published at, or reported with the file, line and the closest match.
//! Also resolves `related` lists both ways ("referenced by").

mod built_in;
mod ids;
mod paths;

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::schema::closest;
use crate::content::{Meta, Page, Section, Site};
use crate::resolve::markdown::{self, Link, Outline};
use built_in::published_paths;
use ids::index_ids;
use paths::percent_decode;
pub(crate) use paths::percent_decode_bytes;

/// What resolution found, indexed like `site.pages`.
#[derive(Debug, Default)]
pub(crate) struct Links {
    pub outlines: Vec<Outline>,
    /// For each page: link destination as written → URL to publish.
    pub rewrites: Vec<HashMap<String, String>>,
    pub by_id: HashMap<String, usize>,
    /// For each page: the pages its `related` list names.
    pub related: Vec<Vec<usize>>,
    /// For each page: the pages that name it in `related` or link to it.
    pub referenced_by: Vec<Vec<usize>>,
    /// Pages that are published at the same URL as an earlier page.
    pub url_conflicts: HashSet<usize>,
}

pub(crate) fn resolve(site: &Site, diags: &mut Diagnostics) -> Links {
    resolve_with_outlines(site, Vec::new(), diags)
}

/// [`resolve`], reusing the outlines of pages whose text has not changed
/// (`charter serve`): `known[i]`, when there, is the outline of
/// `site.pages[i]`, as [`resolve`] made it with the same configuration.
pub(crate) fn resolve_with_outlines(
    site: &Site,
    mut known: Vec<Option<Outline>>,
    diags: &mut Diagnostics,
) -> Links {
    let scanner = markdown::placeholders::Placeholders::new(&site.config);
    known.resize_with(site.pages.len(), || None);
    let outlines: Vec<Outline> = site
        .pages
        .par_iter()
        .zip(known)
        .map(|(p, k)| k.unwrap_or_else(|| markdown::outline_with(&site.body_of(p), Some(&scanner))))
        .collect();
    let mut links = Links {
        outlines,
        ..Links::default()
    };
    index_ids(site, &mut links, diags);
    let by_source: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.rel_path.as_str(), i))
        .collect();
    let published = published_paths(site);
    let translated: HashMap<(usize, &str), usize> = site
        .published_translations()
        .filter_map(|(i, p)| {
            p.translation
                .as_ref()
                .map(|t| ((t.source, t.lang.as_str()), i))
        })
        .collect();
    let ctx = Context {
        site,
        links: &links,
        by_source: &by_source,
        published: &published,
        translated: &translated,
        base: site.config.base_path(),
    };
    let per_page: Vec<PageResolution> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| ctx.resolve_page(i, page))
        .collect();
    let mut referenced_by = vec![BTreeSet::new(); site.pages.len()];
    let mut rewrites = Vec::with_capacity(per_page.len());
    for (i, (map, ds, targets)) in per_page.into_iter().enumerate() {
        rewrites.push(map);
        diags.extend(ds);
        // A translation's links are its source's: they list nothing again.
        if site.pages[i].translation.is_some() {
            continue;
        }
        for t in targets {
            if t != i {
                referenced_by[t].insert(i);
            }
        }
    }
    let mut related = resolve_related(site, &links, diags);
    for (i, page) in site.pages.iter().enumerate() {
        if let Some(t) = &page.translation {
            related[i] = related[t.source].clone();
        }
    }
    for (i, rel) in related.iter().enumerate() {
        for &t in rel {
            referenced_by[t].insert(i);
        }
    }
    links.rewrites = rewrites;
    links.related = related;
    links.referenced_by = referenced_by
        .into_iter()
        .enumerate()
        .map(|(i, set)| {
            // Drafts are not published, so nothing lists them.
            set.into_iter()
                .filter(|&s| !site.pages[s].draft && s != i)
                .collect()
        })
        .collect();
    for (i, page) in site.pages.iter().enumerate() {
        if let Some(t) = &page.translation {
            links.referenced_by[i] = links.referenced_by[t.source].clone();
        }
    }
    links
}

fn resolve_related(site: &Site, links: &Links, diags: &mut Diagnostics) -> Vec<Vec<usize>> {
    site.pages
        .iter()
        .map(|page| {
            let mut out = Vec::new();
            // A translation's front matter is its source's (see above).
            let own = page.translation.is_none().then(|| page.meta.related());
            for id in own.unwrap_or_default() {
                match links.by_id.get(id.get_ref()).filter(|&&t| site.pages[t].is_policy()) {
                    Some(&t) => {
                        if site.pages[t].draft && !page.draft {
                            diags.push(Diagnostic::at(
                                Code::RelatedUnknown,
                                &page.source,
                                page.front_span(id.span()),
                                format!("`related` names `{}`, a draft policy that is not published", id.get_ref()),
                                "publish that policy (remove `draft = true`) or remove it from `related`",
                            ));
                        } else if !out.contains(&t) {
                            out.push(t);
                        }
                    }
                    // That file's own problem is reported already.
                    None if site.unreadable_ids.contains(id.get_ref()) => {}
                    None => {
                        let policy_ids = site.pages.iter().filter(|p| p.is_policy()).map(|p| p.id.as_str());
                        diags.push(Diagnostic::at(
                            Code::RelatedUnknown,
                            &page.source,
                            page.front_span(id.span()),
                            format!("`related` names `{}`, but no policy has that id", id.get_ref()),
                            suggestion(id.get_ref(), policy_ids, "policy"),
                        ));
                    }
                }
            }
            out
        })
        .collect()
}

fn suggestion<'a>(name: &str, candidates: impl Iterator<Item = &'a str>, what: &str) -> String {
    let candidates: Vec<&str> = candidates.collect();
    match closest(name, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => format!("there is no {what} yet"),
        None => {
            let mut sorted = candidates.clone();
            sorted.sort_unstable();
            // A section's own `_index.md` and its built-in id are one page.
            sorted.dedup();
            sorted.truncate(8);
            format!(
                "check the spelling; {what} ids include {}",
                sorted
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// One page's rewrites, findings and the pages it links to.
type PageResolution = (HashMap<String, String>, Vec<Diagnostic>, BTreeSet<usize>);

struct Context<'a> {
    site: &'a Site,
    links: &'a Links,
    by_source: &'a HashMap<&'a str, usize>,
    published: &'a HashSet<String>,
    /// (source page, language) → its published translation.
    translated: &'a HashMap<(usize, &'a str), usize>,
    base: String,
}

/// How a link destination failed to resolve.
struct Failure {
    code: Code,
    message: String,
    hint: String,
}

impl Context<'_> {
    fn resolve_page(&self, index: usize, page: &Page) -> PageResolution {
        let mut map = HashMap::new();
        let mut diags = Vec::new();
        let mut targets = BTreeSet::new();
        let outline = &self.links.outlines[index];
        for link in &outline.links {
            match self.resolve_link(page, outline, link) {
                Ok(Some((url, target))) => {
                    if let Some(t) = target {
                        targets.insert(t);
                    }
                    let url = match (&page.translation, target) {
                        (Some(tr), Some(t)) => self.in_language(&tr.lang, t, &link.dest, url),
                        _ => url,
                    };
                    map.insert(link.dest.clone(), url);
                }
                Ok(None) => {}
                // A link to a file that could not be read: that file's own
                // problem is reported already.
                Err(f)
                    if matches!(f.code, Code::XrefUnknown | Code::XrefAnchorUnknown)
                        && link.dest.strip_prefix('@').is_some_and(|x| {
                            let id = x.split_once('#').map_or(x, |(id, _)| id);
                            self.site.unreadable_ids.contains(id)
                        }) => {}
                Err(f) => {
                    let span = link.span.start + page.body_offset..link.span.end + page.body_offset;
                    diags.push(Diagnostic::at(
                        f.code,
                        &page.source,
                        span,
                        f.message,
                        f.hint,
                    ));
                }
            }
        }
        (map, diags, targets)
    }

    /// A translation's link to a page that has a translation in its
    /// language leads to that translation; a link to a heading does too when
    /// the translation has a heading of that anchor (translated headings
    /// have their own), else to the English page's heading.
    fn in_language(&self, lang: &str, target: usize, dest: &str, url: String) -> String {
        let Some(&translation) = self.translated.get(&(target, lang)) else {
            return url;
        };
        let translated = format!("{}{}", self.base, self.site.pages[translation].url);
        match dest.split_once('#') {
            None => translated,
            Some((_, anchor)) => {
                let outline = &self.links.outlines[translation];
                if outline.has_anchor(&percent_decode(anchor)) {
                    format!("{translated}#{anchor}")
                } else {
                    url
                }
            }
        }
    }

    /// `Ok(Some((url, target page)))` when the link is rewritten, `Ok(None)`
    /// when it is published as written (external links, same-page anchors).
    fn resolve_link(
        &self,
        page: &Page,
        outline: &Outline,
        link: &Link,
    ) -> Result<Option<(String, Option<usize>)>, Failure> {
        let dest = link.dest.trim();
        if dest.is_empty() {
            return Err(Failure {
                code: Code::LinkBroken,
                message: "this link has no destination".into(),
                hint: "put the address or `@id` between the brackets: [text](@online-safety)"
                    .into(),
            });
        }
        if let Some(xref) = dest.strip_prefix('@') {
            return self.resolve_xref(page, xref).map(Some);
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return if outline.has_anchor(&percent_decode(anchor)) {
                Ok(None)
            } else {
                Err(Failure {
                    code: Code::LinkBroken,
                    message: format!("no heading on this page has the anchor `#{anchor}`"),
                    hint: anchor_hint(anchor, outline),
                })
            };
        }
        // Phone numbers take the one international form the footer has;
        // one that is not a number is reported by `checks`, as written.
        if dest
            .get(..4)
            .is_some_and(|s| s.eq_ignore_ascii_case("tel:"))
        {
            let country = &self.site.config.contact.phone_country;
            return Ok(crate::resolve::phone::tel_href(dest, country)
                .filter(|href| href != dest)
                .map(|href| (href, None)));
        }
        // External addresses (and malformed ones, which `checks` reports)
        // are published as written.
        if dest.starts_with("//")
            || crate::resolve::url_shape::url_shape(dest)
                != crate::resolve::url_shape::UrlShape::Internal
        {
            return Ok(None);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let decoded = percent_decode(path);
        if let Some(rooted) = decoded.strip_prefix('/') {
            return self.resolve_root_relative(rooted, fragment);
        }
        self.resolve_relative(page, &decoded, fragment)
    }
}

fn anchor_hint(anchor: &str, outline: &Outline) -> String {
    match closest(anchor, outline.headings.iter().map(|h| h.id.as_str())) {
        Some(best) => format!("did you mean `#{best}`?"),
        None if outline.headings.is_empty() => "that page has no headings to link to".into(),
        None => format!(
            "its headings' anchors are {}",
            outline
                .headings
                .iter()
                .take(8)
                .map(|h| format!("`#{}`", h.id))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The section a page's index lives in, if any.
pub(crate) fn section_of(page: &Page) -> Option<Section> {
    match &page.meta {
        Meta::Policy(_) => Some(Section::Policies),
        Meta::Agreement(_) => Some(Section::Agreements),
        Meta::Unit(_) => Some(Section::Curriculum),
        Meta::Parent(_) => Some(Section::Parents),
        Meta::SectionIndex(s, _) => Some(*s),
        _ => None,
    }
}
