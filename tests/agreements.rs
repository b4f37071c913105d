//! Agreements on paper: the PDF that Charter makes of every form (pages,
//! text, download link, identical bytes on every build), the one-page
//! promise and its diagnostic, the return instructions from config, and a
//! parent's path from the home page to the Year 4 agreement.

mod common;
mod pdf_text;

use std::path::{Path, PathBuf};

use common::Site;
use pdf_text::{FormOnPaper, form_texts, missing_from, pages, structure, tagged};
use scraper::{Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each published agreement: its folder name and the path of its PDF, read
/// from the "Download PDF" link of its page.
fn agreement_pdfs(public: &Path) -> Vec<(String, PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(public.join("agreements")).unwrap() {
        let dir = entry.unwrap().path();
        let page = dir.join("index.html");
        if !page.is_file() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let html = std::fs::read_to_string(&page).unwrap();
        let doc = Html::parse_document(&html);
        let links: Vec<_> = select(&doc, "a[href$='.pdf']")
            .into_iter()
            .filter(|a| text(a).starts_with("Download PDF ("))
            .collect();
        assert!(!links.is_empty(), "{name}: no Download PDF link");
        let href = links[0].value().attr("href").unwrap().to_string();
        out.push((
            name,
            public.join(href.trim_start_matches('/')),
            text(&links[0]),
        ));
    }
    out.sort();
    out
}

#[test]
fn every_form_has_a_pdf_with_all_its_statements_and_consents_on_the_promised_pages_each_naming_its_form()
 {
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = site.path().join("public");
    let pdfs = agreement_pdfs(&public);
    assert_eq!(pdfs.len(), 10, "{pdfs:?}");
    let mut report = Vec::new();
    for (name, pdf, link) in &pdfs {
        assert!(pdf.is_file(), "{name}: {} is not published", pdf.display());
        let bytes = std::fs::read(pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
        // "Download PDF (34 KB, one A4 page)" or "Download PDF (34 KB)".
        let kb = bytes.len().div_ceil(1000);
        assert!(
            link.starts_with(&format!("Download PDF ({kb} KB")),
            "{name}: {link} for {} bytes",
            bytes.len()
        );
        let (count, size) = pages(pdf);
        assert!(
            size.starts_with("595.2") && size.contains("x 841.8"),
            "{name}: not A4: {size}"
        );
        // Every pupils' form on one page; the parents' and staff forms,
        // which cannot fit, on two.
        let expected = match name.as_str() {
            "parents" | "staff" => 2,
            _ => 1,
        };
        assert_eq!(count, expected, "{name}: pages");
        report.push(format!("{name}: {count}"));

        let form = site.read(&format!("public/agreements/{name}/form/index.html"));
        let expected = form_texts(&form);
        assert!(expected.len() >= 5, "{name}: {expected:?}");
        let missing = missing_from(pdf, &expected);
        assert!(missing.is_empty(), "{name}: not in the PDF: {missing:#?}");
        // Page by page: each names the form and says "Page n of m"; a
        // second page begins with a section; the signatures are on the
        // page of the last two things they sign for.
        let findings = FormOnPaper::read(&form).findings(pdf, true);
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
    // The parents' form has eight consents, each with its own yes and no.
    let parents = site.read("public/agreements/parents/form/index.html");
    let doc = Html::parse_document(&parents);
    assert_eq!(select(&doc, ".consent__label").len(), 8);
    assert_eq!(select(&doc, ".consent .tick-box").len(), 16);
    // It names the child it is about; a pupils' form, signed by the
    // pupil, does not ask.
    let child: Vec<String> = select(&doc, ".form__child .sig-line__label")
        .iter()
        .map(|e| text(e))
        .collect();
    assert_eq!(child, ["Child's name", "Class or year group"]);
    let ks2 = site.read("public/agreements/pupils-ks2/form/index.html");
    assert!(select(&Html::parse_document(&ks2), ".form__child").is_empty());
    eprintln!("PDF pages: {}", report.join(", "));
}

#[test]
fn every_pdf_is_tagged_and_reads_in_order_to_a_screen_reader() {
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = site.path().join("public");
    for (name, pdf, _) in agreement_pdfs(&public) {
        assert!(tagged(&pdf), "{name}: not a tagged PDF");
        let read = structure(&pdf);
        let form = site.read(&format!("public/agreements/{name}/form/index.html"));
        let doc = Html::parse_document(&form);
        // The title is the one H1, and the first heading.
        let title = text(&select(&doc, ".form h1")[0]);
        let headings: Vec<&(String, String)> =
            read.iter().filter(|(e, _)| e.starts_with('H')).collect();
        assert_eq!(headings[0], &("H1".to_string(), title.clone()), "{name}");
        assert_eq!(headings.iter().filter(|(e, _)| e == "H1").count(), 1);
        // Every statement is the body of a list item, numbered, in order
        // (an item's text in the HTML also holds its sub-items').
        let statements: Vec<String> = select(
            &doc,
            ".form__statements > ul > li, .form__statements > ol > li",
        )
        .iter()
        .map(text)
        .collect();
        let bodies: Vec<String> = read
            .iter()
            .filter(|(e, _)| e == "LBody")
            .map(|(_, t)| t.clone())
            .collect();
        let labels: Vec<&str> = read
            .iter()
            .filter(|(e, _)| e == "Lbl")
            .map(|(_, t)| t.as_str())
            .collect();
        assert!(statements.len() >= 3, "{name}: {statements:?}");
        let mut next = 0;
        for s in statements.iter().filter(|s| !s.is_empty()) {
            // Compared word by word: the HTML has spaces around links.
            let words = pdf_text::words(s);
            let found = bodies[next..].iter().position(|b| {
                let b = pdf_text::words(b);
                !b.is_empty() && words.starts_with(&b)
            });
            let at = found.unwrap_or_else(|| {
                panic!("{name}: {s:?} is not a list item after {next}: {bodies:#?}")
            });
            next += at + 1;
        }
        assert!(labels.contains(&"1."), "{name}: {labels:?}");
        // The return instructions are read last but one, before the
        // address of the online page.
        let last: Vec<&str> = read.iter().rev().take(2).map(|(_, t)| t.as_str()).collect();
        assert!(
            last[0].starts_with("Read this agreement online"),
            "{name}: {last:?}"
        );
    }
}

#[test]
fn pdfs_are_the_same_bytes_on_every_build_whatever_the_day() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let first = site.snapshot("public");
    let run = site.run(&["build", "--today", "2027-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second = site.snapshot("public");
    let pdfs = |s: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        s.iter()
            .filter(|(p, _)| p.ends_with(".pdf"))
            .cloned()
            .collect()
    };
    // Ten agreements, and the parents' agreement in Polish and in Urdu.
    assert_eq!(pdfs(&first).len(), 12);
    assert!(
        pdfs(&first) == pdfs(&second),
        "a PDF changed between builds"
    );
    for (path, bytes) in pdfs(&first) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("/CreationDate"),
            "{path} has a creation date"
        );
        assert!(!text.contains("/ModDate"), "{path} has a modification date");
    }
}

#[test]
fn a_parent_reaches_the_year_4_agreement_and_the_parents_agreement_with_plain_links() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let home = Html::parse_document(&site.read("public/index.html"));
    // Click 1: the Agreements hub (or Year 4 straight from home).
    let hub_link = select(&home, "a")
        .into_iter()
        .find(|a| a.value().attr("href") == Some("/agreements/"))
        .expect("home links to the agreements hub");
    assert_eq!(text(&hub_link), "Agreements");
    let year4_home = select(&home, "a")
        .into_iter()
        .find(|a| text(a) == "Year 4")
        .expect("home has a Year 4 link");
    assert_eq!(
        year4_home.value().attr("href"),
        Some("/agreements/pupils-ks2/")
    );
    // Click 2: Year 4 on the hub.
    let hub = Html::parse_document(&site.read("public/agreements/index.html"));
    let card = select(&hub, "section.band-card")
        .into_iter()
        .find(|s| text(s).contains("Year 4"))
        .expect("a band card with Year 4");
    let links: Vec<(String, String)> = card
        .select(&Selector::parse("a").unwrap())
        .map(|a| (text(&a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert!(
        links.contains(&("Year 4".into(), "/agreements/pupils-ks2/".into())),
        "{links:?}"
    );
    // The parents' agreement is offered once, under all the bands.
    let parents = select(&hub, ".band-list__parents a");
    assert!(
        parents
            .iter()
            .any(|a| a.value().attr("href") == Some("/agreements/parents/")),
        "the year finder offers the parents' agreement: {:?}",
        parents.iter().map(|a| text(a)).collect::<Vec<_>>()
    );
    assert!(
        !links.iter().any(|(_, h)| h == "/agreements/parents/"),
        "the Year 4 card repeats the parents' agreement: {links:?}"
    );
    // The page reached: who it is for, who signs, version, review, related
    // policies, the form, the PDF, and the parents' agreement.
    let page = site.read("public/agreements/pupils-ks2/index.html");
    let doc = Html::parse_document(&page);
    let meta = text(&select(&doc, ".meta-panel")[0]);
    for words in [
        "For Pupils",
        "Year groups Year 3, Year 4, Year 5, Year 6",
        "Who signs Pupil and parent or carer",
        "Reference AUP-KS2",
        "Version Approved 17 September 2026",
        "Next review 17 September 2027",
    ] {
        assert!(meta.contains(words), "{words:?} not in {meta:?}");
    }
    assert!(page.contains("I will only use AI tools when my teacher says I can."));
    for href in [
        "/agreements/pupils-ks2/form/",
        "/agreements/pupils-ks2/pupils-ks2.pdf",
        "/agreements/parents/",
        "/policies/acceptable-use/",
    ] {
        assert!(
            page.contains(&format!("href=\"{href}\"")),
            "the KS2 page links to {href}"
        );
    }
    // No script is needed anywhere on the way.
    for html in [
        site.read("public/index.html"),
        site.read("public/agreements/index.html"),
        page,
    ] {
        assert!(!html.contains("<script"), "a page needs JavaScript");
    }
}

#[test]
fn the_printable_form_has_a_qr_code_reference_version_and_return_instructions() {
    let site = Site::example();
    assert_eq!(site.build().code, 0);
    let form = site.read("public/agreements/pupils-ks1/form/index.html");
    let doc = Html::parse_document(&form);
    let qr = &select(&doc, ".form__qr svg")[0];
    assert_eq!(qr.value().attr("role"), Some("img"));
    assert!(
        qr.value()
            .attr("aria-label")
            .unwrap()
            .contains("https://www.elmbrook-valley.example.sch.uk/agreements/pupils-ks1/")
    );
    assert_eq!(select(&doc, ".form__qr svg title").len(), 1);
    let meta = text(&select(&doc, ".form__meta")[0]);
    assert!(meta.contains("Reference AUP-KS1"), "{meta}");
    assert!(
        meta.contains("Version: approved 17 September 2026"),
        "{meta}"
    );
    // The default return instructions are made from [contact].
    let ret = text(&select(&doc, ".form__return")[0]);
    assert!(
        ret.contains("office@elmbrook-valley.example.sch.uk"),
        "{ret}"
    );
    assert!(ret.contains("01632 960 418"), "{ret}");
    // Larger type for KS1 than for KS2 on paper.
    assert!(form.contains("form--band-ks1"));
    let css = site.read("public/theme/style.css");
    assert!(css.contains(".form--band-eyfs,\n  .form--band-ks1 {\n    font-size: 13pt;"));

    // Set in charter.toml, they appear on the HTML form and in the PDF.
    let config = site.read("charter.toml")
        + "\n[agreements]\nreturn_instructions = \"Hand the signed form to your child's class teacher by Friday 2 October.\"\n";
    site.write("charter.toml", config);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let form = site.read("public/agreements/pupils-ks1/form/index.html");
    assert!(form.contains("Hand the signed form to your child"));
    let missing = missing_from(
        &site
            .path()
            .join("public/agreements/pupils-ks1/pupils-ks1.pdf"),
        &["Hand the signed form to your child's class teacher by Friday 2 October.".into()],
    );
    assert!(missing.is_empty());

    // A misspelt key is a config error with a suggestion.
    let config = site
        .read("charter.toml")
        .replace("return_instructions", "return_instruction");
    site.write("charter.toml", config);
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("did you mean `agreements.return_instructions`?"),
        "{}",
        run.stderr
    );
}

/// The number before `unit` in `text`: "41" of "it is 41 mm too long".
fn number_before(text: &str, unit: &str) -> usize {
    let at = text
        .find(unit)
        .unwrap_or_else(|| panic!("no {unit:?} in {text}"));
    let digits: String = text[..at]
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

#[test]
fn a_one_page_form_that_no_longer_fits_is_an_error_saying_which_form_how_many_pages_and_by_how_much()
 {
    let site = Site::example();
    let original = site.read("agreements/pupils-ks2.md");
    let statement = "I will tell a teacher if a game or app asks me for money or for photos.";
    let with = |extra: std::ops::RangeInclusive<usize>| {
        let mut ks2 = original.clone();
        for n in extra {
            ks2.push_str(&format!("{n}. {statement}\n"));
        }
        ks2
    };
    site.write("agreements/pupils-ks2.md", with(15..=45));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let finding: String = run
        .stderr
        .lines()
        .skip_while(|l| !l.contains("error[agreement-form-overflow]"))
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!finding.is_empty(), "{}", run.stderr);
    // Which form, onto how many pages, by how much.
    assert!(
        finding.contains(
            "the printed form \"Key Stage 2 acceptable use agreement\" (Reference AUP-KS2) takes 2 A4 pages, not one"
        ),
        "{finding}"
    );
    let mm = number_before(&finding, "mm too long for one page");
    let lines = number_before(&finding, "lines of text");
    assert!(mm > 0 && lines > 0, "{finding}");
    // A line of an 11 pt form is 13.75 pt (4.85 mm): the two agree.
    assert!(
        (lines - 1) as f32 * 4.85 < mm as f32 && mm as f32 <= lines as f32 * 4.85 + 1.0,
        "{mm} mm, {lines} lines"
    );
    assert!(
        finding.contains("hint: shorten or merge statements (45 now) by about"),
        "{finding}"
    );
    let line = finding
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> agreements/pupils-ks2.md:"))
        .expect("the finding names the file");
    let line: usize = line.split(':').next().unwrap().parse().unwrap();
    assert!(
        line > 40,
        "points at a statement past the page: line {line}"
    );
    assert!(!site.path().join("public").exists(), "nothing published");

    // By as many lines as it says: each added statement is one line, and
    // leaving out that many makes the form fit again.
    let keep = 45 - lines;
    site.write("agreements/pupils-ks2.md", with(15..=keep));
    let run = site.build();
    assert_eq!(run.code, 0, "{keep} statements: {}", run.stderr);
    assert!(
        !run.stderr.contains("agreement-form-overflow"),
        "{}",
        run.stderr
    );

    // Downgraded by the school, the form is published on two pages, each
    // naming the form, with the signatures beside the last statements.
    site.write("agreements/pupils-ks2.md", with(15..=45));
    let config = site.read("charter.toml")
        + "\n[checks]\nseverity = { \"agreement-form-overflow\" = \"warning\" }\n";
    site.write("charter.toml", config);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[agreement-form-overflow]"));
    let pdf = site
        .path()
        .join("public/agreements/pupils-ks2/pupils-ks2.pdf");
    assert_eq!(pages(&pdf).0, 2);
    let form = site.read("public/agreements/pupils-ks2/form/index.html");
    let findings = FormOnPaper::read(&form).findings(&pdf, false);
    assert!(findings.is_empty(), "{findings:#?}");
    let page = site.read("public/agreements/pupils-ks2/index.html");
    assert!(page.contains(", 2 A4 pages)"), "the link says so");
}

#[test]
fn characters_the_pdf_font_cannot_print_are_a_warning_naming_them() {
    let site = Site::example();
    let eyfs = site.read("agreements/pupils-eyfs.md").replace(
        "I am kind when I play games.",
        "I am kind when I play games 🙂.",
    );
    site.write("agreements/pupils-eyfs.md", eyfs);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[agreement-form-characters]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`🙂`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("agreements/pupils-eyfs.md:19:"),
        "{}",
        run.stderr
    );
}
