//! Link resolution: every `@id`, `@id#anchor`, `#anchor`, relative file link
//! and root-relative link of every page is resolved exactly, to the URL it
//! is published at, or reported with the file, line and the closest match.
//! Also resolves `related` lists both ways ("referenced by").

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::base::schema::closest;
use crate::content::{Meta, Page, Section, Site};
use crate::resolve::markdown::{self, Link, Outline};

/// What resolution found, indexed like `site.pages`.
#[derive(Debug, Default)]
pub struct Links {
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

use crate::layout::BUILT_IN_IDS;

pub fn resolve(site: &Site, diags: &mut Diagnostics) -> Links {
    resolve_with_outlines(site, Vec::new(), diags)
}

/// [`resolve`], reusing the outlines of pages whose text has not changed
/// (`charter serve`): `known[i]`, when there, is the outline of
/// `site.pages[i]`, as [`resolve`] made it with the same configuration.
pub fn resolve_with_outlines(
    site: &Site,
    mut known: Vec<Option<Outline>>,
    diags: &mut Diagnostics,
) -> Links {
    let scanner = crate::resolve::markdown::placeholders::Placeholders::new(&site.config);
    known.resize_with(site.pages.len(), || None);
    let outlines: Vec<Outline> = site
        .pages
        .par_iter()
        .zip(known)
        .map(|(p, k)| k.unwrap_or_else(|| markdown::outline_with(p.body(), Some(&scanner))))
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
    let ctx = Context {
        site,
        links: &links,
        by_source: &by_source,
        published: &published,
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
        for t in targets {
            if t != i {
                referenced_by[t].insert(i);
            }
        }
    }
    let related = resolve_related(site, &links, diags);
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
    links
}

/// Builds id → page, reporting ids used twice and pages that would be
/// published at the same address.
fn index_ids(site: &Site, links: &mut Links, diags: &mut Diagnostics) {
    let mut urls: HashMap<&str, usize> = HashMap::new();
    let generated = generated_pages(site);
    for (i, page) in site.pages.iter().enumerate() {
        if let Some(found) = generated_conflict(&generated, page) {
            diags.push(found);
            if generated.iter().any(|g| g.url == page.url) {
                links.url_conflicts.insert(i);
            }
            continue;
        }
        // `@parents` must mean the parents hub, never whichever page
        // happens to be named `parents.md`.
        let hub = BUILT_IN_IDS
            .iter()
            .find(|(id, url)| *id == page.id && *url != page.url);
        if let Some((id, url)) = hub {
            diags.push(Diagnostic::at(
                Code::IdDuplicate,
                &page.source,
                page.id_span.clone(),
                format!("the id `{id}` belongs to the built-in page /{url}"),
                format!(
                    "give this page its own id, e.g. id = \"{id}-{}\"",
                    page.meta.kind_name()
                ),
            ));
            continue;
        }
        if let Some(&first) = links.by_id.get(&page.id) {
            let other = &site.pages[first];
            diags.push(Diagnostic::at(
                Code::IdDuplicate,
                &page.source,
                page.id_span.clone(),
                format!(
                    "the id `{}` is already used by {}",
                    page.id, other.source.rel_path
                ),
                format!(
                    "give one of them another id, e.g. id = \"{}-{}\"",
                    page.id,
                    page.meta.kind_name()
                ),
            ));
        } else {
            links.by_id.insert(page.id.clone(), i);
        }
        if let Some(&first) = urls.get(page.url.as_str()) {
            diags.push(Diagnostic::at(
                Code::IdDuplicate,
                &page.source,
                0..0,
                format!(
                    "this page would be published at /{} like {}",
                    page.url, site.pages[first].source.rel_path
                ),
                "rename one of the two files so that each page has its own address",
            ));
            links.url_conflicts.insert(i);
        } else {
            urls.insert(page.url.as_str(), i);
        }
    }
}

/// A page that Charter makes without a Markdown file of its own.
struct Generated {
    id: Option<&'static str>,
    url: &'static str,
    /// What it is, for messages.
    what: &'static str,
    /// How to resolve a clash with an author's page.
    hint: &'static str,
}

fn generated_pages(site: &Site) -> Vec<Generated> {
    let mut out = vec![Generated {
        id: None,
        url: crate::layout::SEARCH_URL,
        what: "the site's search page",
        hint: "rename the file: this address is always the search page",
    }];
    if crate::config::accessibility::configured(&site.config) {
        out.push(Generated {
            id: Some(crate::layout::STATEMENT_ID),
            url: crate::layout::STATEMENT_URL,
            what: "the accessibility statement made from [accessibility] in charter.toml",
            hint: "delete this file and keep [accessibility] in charter.toml (it writes the statement), or remove [accessibility] from charter.toml to publish this page instead",
        });
    }
    out
}

/// A page published where a generated page is, or taking its id.
fn generated_conflict(generated: &[Generated], page: &Page) -> Option<Diagnostic> {
    if let Some(g) = generated.iter().find(|g| g.url == page.url) {
        return Some(Diagnostic::at(
            Code::IdDuplicate,
            &page.source,
            0..0,
            format!(
                "this page would be published at /{}, where Charter publishes {}",
                g.url, g.what
            ),
            g.hint,
        ));
    }
    let g = generated.iter().find(|g| g.id == Some(page.id.as_str()))?;
    Some(Diagnostic::at(
        Code::IdDuplicate,
        &page.source,
        page.id_span.clone(),
        format!("the id `{}` belongs to {} at /{}", page.id, g.what, g.url),
        format!(
            "give this page its own id, e.g. id = \"{}-{}\"",
            page.id,
            page.meta.kind_name()
        ),
    ))
}

fn resolve_related(site: &Site, links: &Links, diags: &mut Diagnostics) -> Vec<Vec<usize>> {
    site.pages
        .iter()
        .map(|page| {
            let mut out = Vec::new();
            for id in page.meta.related() {
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

/// Every path (relative to the output root) that a build publishes and a
/// root-relative link may point at.
fn published_paths(site: &Site) -> HashSet<String> {
    let mut out = HashSet::new();
    for (_, url) in BUILT_IN_IDS {
        out.insert(url.to_string());
    }
    for extra in [
        crate::layout::SEARCH_URL,
        crate::layout::SEARCH_MANIFEST,
        crate::layout::NOT_FOUND,
        crate::layout::SITEMAP,
    ] {
        out.insert(extra.to_string());
    }
    if crate::config::accessibility::configured(&site.config) {
        out.insert(crate::layout::STATEMENT_URL.to_string());
    }
    for page in &site.pages {
        out.insert(page.url.clone());
        if matches!(page.meta, Meta::Agreement(_)) {
            out.insert(format!("{}form/", page.url));
        }
    }
    for file in site.assets.iter().chain(&site.static_files) {
        out.insert(file.output.clone());
    }
    out
}

/// One page's rewrites, findings and the pages it links to.
type PageResolution = (HashMap<String, String>, Vec<Diagnostic>, BTreeSet<usize>);

struct Context<'a> {
    site: &'a Site,
    links: &'a Links,
    by_source: &'a HashMap<&'a str, usize>,
    published: &'a HashSet<String>,
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

    fn resolve_xref(&self, page: &Page, xref: &str) -> Result<(String, Option<usize>), Failure> {
        let (id, anchor) = match xref.split_once('#') {
            Some((i, a)) => (i, Some(a)),
            None => (xref, None),
        };
        let Some(&target) = self.links.by_id.get(id) else {
            if let Some((_, url)) = BUILT_IN_IDS.iter().find(|(b, _)| *b == id)
                && anchor.is_none()
            {
                return Ok((format!("{}{url}", self.base), None));
            }
            let statement = crate::config::accessibility::configured(&self.site.config);
            if statement && id == crate::layout::STATEMENT_ID && anchor.is_none() {
                return Ok((
                    format!("{}{}", self.base, crate::layout::STATEMENT_URL),
                    None,
                ));
            }
            let ids = self
                .links
                .by_id
                .keys()
                .map(String::as_str)
                .chain(BUILT_IN_IDS.iter().map(|(b, _)| *b))
                .chain(statement.then_some(crate::layout::STATEMENT_ID));
            return Err(Failure {
                code: Code::XrefUnknown,
                message: format!("no page has the id `{id}`"),
                hint: suggestion(id, ids, "page"),
            });
        };
        let target_page = &self.site.pages[target];
        if target_page.draft && !page.draft {
            return Err(Failure {
                code: Code::XrefUnknown,
                message: format!("`@{id}` is a draft, which is not published"),
                hint: format!(
                    "publish {} (remove `draft = true`) or remove this link",
                    target_page.source.rel_path
                ),
            });
        }
        self.page_url(target, anchor).map(|url| (url, Some(target)))
    }

    fn page_url(&self, target: usize, anchor: Option<&str>) -> Result<String, Failure> {
        let target_page = &self.site.pages[target];
        let url = format!("{}{}", self.base, target_page.url);
        match anchor {
            None | Some("") => Ok(url),
            Some(a) => {
                let outline = &self.links.outlines[target];
                if outline.has_anchor(&percent_decode(a)) {
                    Ok(format!("{url}#{a}"))
                } else {
                    Err(Failure {
                        code: Code::XrefAnchorUnknown,
                        message: format!(
                            "`{}` has no heading with the anchor `#{a}`",
                            target_page.id
                        ),
                        hint: anchor_hint(a, outline),
                    })
                }
            }
        }
    }

    fn resolve_root_relative(
        &self,
        rooted: &str,
        fragment: Option<&str>,
    ) -> Result<Option<(String, Option<usize>)>, Failure> {
        let key = rooted.trim_start_matches('/');
        let as_dir = if key.is_empty() || key.ends_with('/') || key.contains('.') {
            key.to_string()
        } else {
            format!("{key}/")
        };
        let base_relative = key
            .strip_prefix(self.base.trim_start_matches('/'))
            .unwrap_or(key);
        let found = [
            key,
            as_dir.as_str(),
            base_relative,
            key.trim_end_matches("index.html"),
        ]
        .iter()
        .any(|k| self.published.contains(*k));
        if !found {
            return Err(Failure {
                code: Code::LinkBroken,
                message: format!("nothing is published at `/{key}`"),
                hint: "link to a page with `@id`, or put the file in static/ (static/docs/x.pdf is published at /docs/x.pdf)".into(),
            });
        }
        if self.base == "/" {
            return Ok(None);
        }
        let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        Ok(Some((
            format!("{}{}{frag}", self.base, base_relative),
            None,
        )))
    }

    fn resolve_relative(
        &self,
        page: &Page,
        path: &str,
        fragment: Option<&str>,
    ) -> Result<Option<(String, Option<usize>)>, Failure> {
        let source_dir = Path::new(&page.source.rel_path)
            .parent()
            .unwrap_or(Path::new(""));
        let Some(joined) = normalize(&source_dir.join(path)) else {
            return Err(Failure {
                code: Code::LinkBroken,
                message: format!("`{path}` points outside the site's folder"),
                hint: "link only to files inside the site; for another website use its full https:// address".into(),
            });
        };
        let rel = joined
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if path.is_empty() {
            // A bare `#anchor` with a `?query`, or `?x`: this page.
            return Ok(None);
        }
        if rel.ends_with(".md") {
            return match self.by_source.get(rel.as_str()) {
                Some(&target) => {
                    if self.site.pages[target].draft && !page.draft {
                        return Err(Failure {
                            code: Code::LinkBroken,
                            message: format!("`{path}` is a draft, which is not published"),
                            hint: format!(
                                "publish {rel} (remove `draft = true`) or remove this link"
                            ),
                        });
                    }
                    self.page_url(target, fragment)
                        .map(|u| Some((u, Some(target))))
                        .map_err(|mut f| {
                            f.code = Code::LinkBroken;
                            f
                        })
                }
                None => {
                    let sources = self.by_source.keys().copied();
                    Err(Failure {
                        code: Code::LinkBroken,
                        message: format!("`{path}` leads to {rel}, which does not exist"),
                        hint: match closest(&rel, sources) {
                            Some(best) => {
                                format!("did you mean {best}? (or link by id: [text](@id))")
                            }
                            None => "check the file name, or link by id: [text](@id)".into(),
                        },
                    })
                }
            };
        }
        let output = if let Some(s) = rel.strip_prefix("static/") {
            Some(s.to_string())
        } else {
            self.site
                .assets
                .iter()
                .find(|a| {
                    crate::base::source::SourceFile::display_path(&self.site.root, &a.source) == rel
                })
                .map(|a| a.output.clone())
        };
        match output {
            Some(out) if self.published.contains(&out) => {
                let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                Ok(Some((format!("{}{out}{frag}", self.base), None)))
            }
            _ => Err(Failure {
                code: Code::LinkBroken,
                message: format!("`{path}` leads to {rel}, which is not a published file"),
                hint: "check the file name; files to publish go in static/ or beside the Markdown in content/".into(),
            }),
        }
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

/// Resolves `.` and `..` without touching the disk; `None` if the path
/// climbs above the site root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    String::from_utf8_lossy(&percent_decode_bytes(s)).into_owned()
}

/// Decodes `%XX` escapes (others are kept as written) to bytes, which need
/// not be UTF-8.
pub fn percent_decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The section a page's index lives in, if any.
pub fn section_of(page: &Page) -> Option<Section> {
    match &page.meta {
        Meta::Policy(_) => Some(Section::Policies),
        Meta::Agreement(_) => Some(Section::Agreements),
        Meta::Unit(_) => Some(Section::Curriculum),
        Meta::Parent(_) => Some(Section::Parents),
        Meta::SectionIndex(s, _) => Some(*s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_refuses_to_leave_the_root() {
        assert_eq!(
            normalize(Path::new("content/policies/../parents/a.md")),
            Some(PathBuf::from("content/parents/a.md"))
        );
        assert_eq!(normalize(Path::new("content/../../etc/passwd")), None);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("my%20file.pdf"), "my file.pdf");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%é1"), "%é1");
    }
}
