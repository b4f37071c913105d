//! What search engines and phones read besides the pages (issue 16, points
//! 2 and 7): sitemap.xml (parsed as XML) lists every page but those marked
//! `noindex`, with the day each was approved; robots.txt names the sitemap
//! unless the site has its own; and `tel:` links have one international
//! form in the footer and in pages' text.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::Site;
use quick_xml::XmlVersion;
use quick_xml::events::Event;

/// `<loc>` → `<lastmod>` of every `<url>` of a sitemap, read with an XML
/// parser (so the file must be well-formed), checking its namespace.
fn sitemap(xml: &str) -> BTreeMap<String, Option<String>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = BTreeMap::new();
    let mut path: Vec<String> = Vec::new();
    let (mut loc, mut lastmod) = (String::new(), None::<String>);
    loop {
        let text = match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "urlset" {
                    let ns = e.try_get_attribute("xmlns").unwrap().expect("a namespace");
                    assert_eq!(&*ns.value, "http://www.sitemaps.org/schemas/sitemap/0.9");
                }
                path.push(name);
                continue;
            }
            Event::Text(t) => t.xml_content(XmlVersion::Implicit1_0).into_owned(),
            // `&amp;` and the like, which split a text.
            Event::GeneralRef(r) => match &*r {
                "amp" => "&".to_string(),
                "lt" => "<".into(),
                "gt" => ">".into(),
                "quot" => "\"".into(),
                "apos" => "'".into(),
                other => panic!("an unknown entity &{other};"),
            },
            Event::End(_) => {
                if path.pop().as_deref() == Some("url") {
                    assert!(!loc.is_empty(), "a <loc> in each <url>");
                    let loc = std::mem::take(&mut loc);
                    assert!(
                        out.insert(loc.clone(), lastmod.take()).is_none(),
                        "{loc} twice"
                    );
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match path.last().map(String::as_str) {
            Some("loc") => loc.push_str(&text),
            Some("lastmod") => lastmod.get_or_insert_default().push_str(&text),
            _ => {}
        }
    }
    assert!(path.is_empty());
    out
}

/// Every HTML page under `public`: (address, whether it says `noindex`).
fn pages(public: &Path) -> Vec<(String, bool)> {
    let robots = scraper::Selector::parse("meta[name=robots]").unwrap();
    walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().strip_prefix(public).unwrap().to_string_lossy();
            let address = rel.trim_end_matches("index.html").to_string();
            let html = scraper::Html::parse_document(&std::fs::read_to_string(e.path()).unwrap());
            let noindex = html
                .select(&robots)
                .any(|m| m.value().attr("content").unwrap_or("").contains("noindex"));
            (address, noindex)
        })
        .collect()
}

#[test]
fn sitemap_lists_indexable_pages_with_their_approval_dates() {
    let s = Site::example();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let origin = "https://www.elmbrook-valley.example.sch.uk/";
    let urls = sitemap(&s.read("public/sitemap.xml"));
    let pages = pages(&s.path().join("public"));
    let forms: Vec<&String> = pages.iter().filter(|p| p.1).map(|p| &p.0).collect();
    assert!(
        forms.len() >= 5,
        "the agreements' forms say noindex: {forms:?}"
    );
    assert!(forms.iter().all(|f| f.ends_with("/form/")), "{forms:?}");
    let expected: BTreeSet<String> = pages
        .iter()
        .filter(|p| !p.1)
        .map(|p| format!("{origin}{}", p.0))
        .collect();
    assert_eq!(urls.keys().cloned().collect::<BTreeSet<_>>(), expected);

    // lastmod: an ISO date, the page's `approved` date.
    let mut dated = 0;
    for (loc, lastmod) in &urls {
        let Some(day) = lastmod else { continue };
        dated += 1;
        assert!(
            day.len() == 10 && day.parse::<jiff::civil::Date>().is_ok(),
            "{loc}: {day}"
        );
    }
    assert!(dated > 20, "{dated} pages dated");
    assert_eq!(
        urls[&format!("{origin}policies/online-safety/")].as_deref(),
        Some("2026-09-17")
    );
    assert_eq!(
        urls[&format!("{origin}policies/complaints/")].as_deref(),
        Some("2026-03-18")
    );
    assert_eq!(
        urls[&format!("{origin}policies/")],
        None,
        "no date of its own"
    );
    assert_eq!(urls[origin], None);

    let robots = s.read("public/robots.txt");
    assert!(robots.contains("User-agent: *\n"), "{robots}");
    assert!(
        robots.contains(&format!("\nSitemap: {origin}sitemap.xml\n")),
        "{robots}"
    );
}

#[test]
fn robots_names_the_sitemap_in_a_folder_and_the_sites_own_wins() {
    let s = Site::empty();
    assert_eq!(s.run(&["init", "."]).code, 0);
    let config = s.read("charter.toml").replace(
        "base_url = \"https://www.example-primary.example.sch.uk\"",
        "base_url = \"https://www.example-primary.example.sch.uk/policies\"",
    );
    s.write("charter.toml", config);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let robots = s.read("public/robots.txt");
    assert!(
        robots.contains(
            "\nSitemap: https://www.example-primary.example.sch.uk/policies/sitemap.xml\n"
        ),
        "{robots}"
    );
    let urls = sitemap(&s.read("public/sitemap.xml"));
    assert!(
        urls.keys()
            .all(|u| u.starts_with("https://www.example-primary.example.sch.uk/policies/")),
        "{urls:?}"
    );

    let own = "User-agent: *\nDisallow: /drafts/\n";
    s.write("static/robots.txt", own);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.read("public/robots.txt"), own);
    let check = s.run(&["check"]);
    assert!(!check.stderr.contains("address-taken"), "{}", check.stderr);
}

/// Every `tel:` address on a page, with its link text.
fn tel_links(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    doc.select(&scraper::Selector::parse("a[href^='tel:']").unwrap())
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_footer_and_page_text_link_a_number_the_same_way() {
    let s = Site::empty();
    assert_eq!(s.run(&["init", "."]).code, 0);
    let config = s
        .read("charter.toml")
        .replace("phone = \"01632 960 100\"", "phone = \"(01632) 960-100\"");
    s.write("charter.toml", config);
    s.write(
        "content/pages/phones.md",
        "+++\ntitle = \"Phone numbers\"\n+++\n\nCall [01632 960 100](tel:01632960100), [+44 (0)1632 960 100](tel:+44(0)1632960100), \
         [0044 1632 960100](<tel:0044 1632 960100>) or [ext. 12](tel:01632960100;ext=12). Or [Samaritans](tel:116123).\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.read("public/phones/index.html");
    let links = tel_links(&html);
    let footer = "tel:+441632960100";
    // The page's links in the order written, then the footer's number
    // (as charter.toml writes it): one address for one number.
    let expected = [
        ("01632 960 100", footer.to_string()),
        ("+44 (0)1632 960 100", footer.into()),
        ("0044 1632 960100", footer.into()),
        ("ext. 12", format!("{footer};ext=12")),
        ("Samaritans", "tel:116123".into()),
        ("(01632) 960-100", footer.into()),
    ]
    .map(|(text, href)| (text.to_string(), href));
    assert_eq!(links, expected);

    // Another country: national numbers take its code.
    let config = s
        .read("charter.toml")
        .replace("[contact]\n", "[contact]\nphone_country = \"+353\"\n")
        .replace("phone = \"(01632) 960-100\"", "phone = \"01 234 5678\"");
    s.write("charter.toml", config);
    s.write(
        "content/pages/phones.md",
        "+++\ntitle = \"Phone numbers\"\n+++\n\nCall [01 234 5678](tel:012345678).\n",
    );
    assert_eq!(s.build().code, 0);
    let hrefs: Vec<String> = tel_links(&s.read("public/phones/index.html"))
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert_eq!(hrefs, ["tel:+35312345678", "tel:+35312345678"]);

    let config = s
        .read("charter.toml")
        .replace("phone_country = \"+353\"", "phone_country = \"Ireland\"");
    s.write("charter.toml", config);
    let run = s.build();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`contact.phone_country` = \"Ireland\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("charter.toml:"), "{}", run.stderr);
}

#[test]
fn every_tel_link_of_the_example_is_international() {
    let s = Site::example();
    assert_eq!(s.build().code, 0);
    let mut numbers = 0;
    for entry in walkdir::WalkDir::new(s.path().join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        for (text, href) in tel_links(&std::fs::read_to_string(entry.path()).unwrap()) {
            numbers += 1;
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let short = digits.len() <= 6 && !digits.starts_with('0');
            if short {
                assert_eq!(href, format!("tel:{digits}"));
            } else {
                assert_eq!(
                    href,
                    format!("tel:+44{}", digits.trim_start_matches('0')),
                    "{text} in {}",
                    entry.path().display()
                );
            }
        }
    }
    assert!(numbers > 50, "{numbers} tel: links");
}
