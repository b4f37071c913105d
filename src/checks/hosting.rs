//! Safe to host anywhere: the published pages' Content Security Policy
//! lets browsers load and run only the site's own files, with no inline
//! script or style. What an author wrote that it blocks would silently not
//! show, so it is reported here with what to do instead.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::Site;
use crate::resolve::links::Links;
use crate::resolve::markdown::blocked_html::{Blocked, is_other_origin};

pub(super) fn check(site: &Site, links: &Links, diags: &mut Diagnostics) {
    let own = site.config.origin().to_ascii_lowercase();
    let elsewhere = |url: &str| is_other_origin(url) && !on_own_site(url, &own);
    for (page, outline) in site.pages.iter().zip(&links.outlines) {
        let at = |span: &std::ops::Range<usize>| {
            span.start + page.body_offset..span.end + page.body_offset
        };
        // Markdown images: ![alt](https://elsewhere/x.png).
        let images = outline
            .links
            .iter()
            .filter(|l| l.is_image && elsewhere(&l.dest))
            .map(|l| (&l.span, Blocked::OtherOrigin("img".into(), l.dest.clone())));
        let tags = outline
            .blocked_html
            .iter()
            .filter(|b| !matches!(&b.what, Blocked::OtherOrigin(_, url) if !elsewhere(url)))
            .map(|b| (&b.span, b.what.clone()));
        for (span, what) in images.chain(tags) {
            let (message, hint) = describe(&what);
            diags.push(Diagnostic::at(
                Code::ContentBlocked,
                &page.source,
                at(span),
                format!("{message}: browsers ignore it on the published site, which loads and runs only its own files"),
                hint,
            ));
        }
    }
}

/// Whether an absolute address is on the host the site is published on
/// (`own`, the scheme and host of `base_url`, lower case): the policy's
/// `'self'` allows it.
fn on_own_site(url: &str, own: &str) -> bool {
    if own.is_empty() {
        return false;
    }
    let url = url.trim().to_ascii_lowercase();
    let host = own.split_once("://").map_or(own, |(_, host)| host);
    let rest = match url.strip_prefix("//") {
        Some(rest) => rest.strip_prefix(host),
        None => url.strip_prefix(own),
    };
    rest.is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#']))
}

/// The finding's message and hint.
fn describe(what: &Blocked) -> (String, String) {
    match what {
        Blocked::InlineScript => (
            "a <script> with its code in the page".into(),
            "put the script in a file under static/ and load it with <script src=\"/file.js\"></script>, or leave it out".into(),
        ),
        Blocked::StyleElement => (
            "a <style> element".into(),
            "move the styles into the theme's stylesheet (themes/<name>/static/style.css)".into(),
        ),
        Blocked::StyleAttribute => (
            "a style=\"…\" attribute".into(),
            "remove it, or give the element a class and style that class in the theme's stylesheet".into(),
        ),
        Blocked::EventAttribute(name) => (
            format!("an {name}=\"…\" attribute (code in the page)"),
            "remove it: behaviour belongs in a script file under static/".into(),
        ),
        Blocked::OtherOrigin(element, url) if element == "img" => (
            format!("an image from another website ({url})"),
            "save the image in static/ and use it from there, e.g. ![what it shows](/images/photo.jpg)".into(),
        ),
        Blocked::OtherOrigin(element, url) if element == "iframe" || element == "frame" => (
            format!("a frame showing another website ({url})"),
            "link to it instead, e.g. [Watch the video on the publisher's website](https://…)".into(),
        ),
        Blocked::OtherOrigin(element, url) => (
            format!("a <{element}> from another website ({url})"),
            "save the file in static/ and use it from there, or link to it instead".into(),
        ),
        Blocked::Plugin(element) => (
            format!("an <{element}> element"),
            "link to the file instead, e.g. [Download the leaflet (PDF)](/documents/leaflet.pdf)".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::on_own_site;

    #[test]
    fn addresses_on_the_sites_own_host_are_allowed() {
        let own = "https://www.school.example";
        for url in [
            "https://www.school.example/images/a.jpg",
            "HTTPS://WWW.School.Example/x",
            "//www.school.example/x.png",
            "https://www.school.example",
        ] {
            assert!(on_own_site(url, own), "{url}");
        }
        for url in [
            "http://www.school.example/a.jpg",
            "https://www.school.example.evil.test/a.jpg",
            "https://cdn.school.example/a.jpg",
            "//elsewhere.example/x",
        ] {
            assert!(!on_own_site(url, own), "{url}");
        }
        assert!(!on_own_site("https://www.school.example/a", ""));
    }
}
