//! Safe to host anywhere: the published pages' Content Security Policy
//! lets browsers load and run only the site's own files, with no inline
//! script or style. What an author wrote that it blocks would silently not
//! show, so it is reported here with what to do instead.

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::Site;
use crate::resolve::links::Links;
use crate::resolve::markdown::blocked_html::{Blocked, is_other_origin};

pub(super) fn check(site: &Site, links: &Links, diags: &mut Diagnostics) {
    for (page, outline) in site.pages.iter().zip(&links.outlines) {
        let at = |span: &std::ops::Range<usize>| {
            span.start + page.body_offset..span.end + page.body_offset
        };
        // Markdown images: ![alt](https://elsewhere/x.png).
        let images = outline
            .links
            .iter()
            .filter(|l| l.is_image && is_other_origin(&l.dest))
            .map(|l| (&l.span, Blocked::OtherOrigin("img".into(), l.dest.clone())));
        let tags = outline
            .blocked_html
            .iter()
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
