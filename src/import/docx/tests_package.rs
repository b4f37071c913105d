//! Packages made here, part by part, for what pandoc and LibreOffice never
//! write: German style names, tracked changes, comments, headers and
//! footers, fields, text boxes, merged cells; and damaged files.

use std::io::{Cursor, Write};

use super::{ReadError, read};
use crate::import::testing::render;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("a zip entry");
        zip.write_all(text.as_bytes()).expect("written");
    }
    zip.finish().expect("a zip").into_inner()
}

fn document_rels() -> String {
    format!(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{REL}/header" Target="header1.xml"/>
<Relationship Id="rId3" Type="{REL}/footer" Target="footer1.xml"/>
<Relationship Id="rId4" Type="{REL}/hyperlink" Target="https://example.org/uniform" TargetMode="External"/>
<Relationship Id="rId5" Type="{REL}/image" Target="media/logo.png"/>
</Relationships>"#
    )
}

fn styles() -> String {
    format!(
        r#"<w:styles {W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Titel"/><w:basedOn w:val="Standard"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="Überschrift 2"/><w:basedOn w:val="Standard"/></w:style>
<w:style w:type="paragraph" w:styleId="Schulkopf"><w:name w:val="Schulkopf"/><w:basedOn w:val="berschrift2"/></w:style>
<w:style w:type="paragraph" w:styleId="Gliederung"><w:name w:val="Gliederung"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="Fett"><w:name w:val="Fett"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#
    )
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn body() -> String {
    let p = |style: &str, content: &str| {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>"#)
    };
    [
        p("Titel", &run("Schulordnung")),
        p("berschrift1", &run("Allgemeines")),
        format!(
            "<w:p>{}<w:ins w:id=\"1\" w:author=\"A\">{}</w:ins><w:del w:id=\"2\" w:author=\"B\"><w:r><w:delText>nie </w:delText></w:r></w:del>{}<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
            run("Die Pausen sind "),
            run("immer "),
            run("draußen.")
        ),
        p("Schulkopf", &run("Kleidung")),
        format!(
            r#"<w:p><w:r><w:rPr><w:rStyle w:val="Fett"/></w:rPr><w:t>Wichtig</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Fett"/><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> ist die </w:t></w:r><w:hyperlink r:id="rId4">{}</w:hyperlink><w:r><w:t>, Stand </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE \@ "d.M.yyyy"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1.9.2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            run("Kleiderordnung")
        ),
        p("Gliederung", &run("Sportzeug")),
        format!(
            r#"<w:p><w:hyperlink w:anchor="_Toc1">{}</w:hyperlink><w:r><w:drawing><wp:anchor><wp:docPr id="1" name="Bild 1"/><a:graphic><a:graphicData><wps:wsp xmlns:wps="x"><wps:txbx><w:txbxContent><w:p>{}</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"#,
            run("Siehe oben"),
            run("Turnbeutel mitbringen")
        ),
                    r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="2" name="Bild 2" title="Schulwappen"/><a:graphic><a:graphicData><a:blip r:embed="rId5"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            .to_string(),
        format!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>{}</w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p>{}</w:p><w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#,
            run("Zeiten"),
            run("Montag"),
            run("8 Uhr"),
            run("9 Uhr"),
            run("innen"),
            run("außen")
        ),
    ]
    .concat()
}

fn handmade() -> Vec<u8> {
    let document = format!(
        "<w:document {W}><w:body>{}<w:sectPr/></w:body></w:document>",
        body()
    );
    let root_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#
    );
    package(&[
        ("_rels/.rels", &root_rels),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", &document_rels()),
        ("word/styles.xml", &styles()),
        ("word/media/logo.png", "not really a png"),
        (
            "word/header1.xml",
            &format!("<w:hdr {W}><w:p>{}</w:p></w:hdr>", run("Kopfzeile")),
        ),
        (
            "word/footer1.xml",
            &format!("<w:ftr {W}><w:p>{}</w:p></w:ftr>", run("Seite 1")),
        ),
    ])
}

#[test]
fn localised_styles_changes_fields_and_page_furniture() {
    let doc = read(&handmade()).expect("a Word document");
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn damaged_packages_are_typed_errors() {
    let no_document = package(&[("word/styles.xml", &styles())]);
    let err = read(&no_document).expect_err("no document part");
    assert!(
        matches!(&err, ReadError::NotWord(part) if part == "word/document.xml"),
        "{err}"
    );

    let truncated = package(&[(
        "word/document.xml",
        &format!("<w:document {W}><w:body><w:p>"),
    )]);
    let err = read(&truncated).expect_err("truncated XML");
    assert!(
        matches!(&err, ReadError::DamagedXml { part, .. } if part == "word/document.xml"),
        "{err}"
    );
    assert!(err.to_string().contains("save it again"), "{err}");

    let workbook = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let spreadsheet = package(&[
        ("_rels/.rels", &workbook),
        ("xl/workbook.xml", "<workbook><sheets/></workbook>"),
    ]);
    assert!(matches!(read(&spreadsheet), Err(ReadError::NotWord(_))));

    let no_body = package(&[("word/document.xml", &format!("<w:document {W}/>"))]);
    assert!(matches!(read(&no_body), Err(ReadError::DamagedXml { .. })));

    let bad_styles = package(&[
        (
            "word/document.xml",
            &format!("<w:document {W}><w:body/></w:document>"),
        ),
        ("word/_rels/document.xml.rels", &document_rels()),
        ("word/styles.xml", "<w:styles><w:style></w:styles>"),
    ]);
    let err = read(&bad_styles).expect_err("damaged styles");
    assert!(
        matches!(&err, ReadError::DamagedXml { part, .. } if part == "word/styles.xml"),
        "{err}"
    );

    // A zip cut short: the directory at its end is gone.
    let whole = handmade();
    let err = read(&whole[..whole.len() / 2]).expect_err("truncated zip");
    assert!(matches!(err, ReadError::NotZip(_)), "{err}");
}

fn numbering() -> String {
    format!(
        r#"<w:numbering {W}>
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>
</w:numbering>"#
    )
}

fn numbered(num: u8, level: u8, content: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{content}</w:p>"#
    )
}

fn notes(root: &str, kind: &str) -> String {
    format!(
        r#"<w:{root}s {W}><w:{root} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{root}><w:{root} w:id="1"><w:p><w:r><w:{kind}Ref/></w:r>{}</w:p></w:{root}></w:{root}s>"#,
        run(&format!(" The {root} text."))
    )
}

#[test]
fn numbering_notes_and_typed_bullets() {
    let bold = |t: &str| format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r>"#);
    let body = [
        numbered(1, 0, &bold("Roles and responsibilities")),
        format!(
            r#"<w:p>{}<w:r><w:footnoteReference w:id="1"/></w:r>{}<w:r><w:endnoteReference w:id="1"/></w:r></w:p>"#,
            run("The governing board:"),
            run(" see also")
        ),
        numbered(3, 0, &run("sets the budget")),
        numbered(3, 0, &run("appoints the head teacher")),
        numbered(2, 0, &run("Fifth step")),
        numbered(2, 1, &run("in writing")),
        numbered(2, 1, &run("within ten days")),
        numbered(2, 0, &run("Sixth step")),
        format!("<w:p>{}</w:p>", run("•\tUniform is checked on Mondays")),
        format!("<w:p>{}</w:p>", run("•\tJewellery is removed for PE")),
        format!(
            r#"<w:p>{}<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt></w:p>"#,
            run("Signed: "),
            run("Click or tap here to enter text.")
        ),
        format!(
            r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr>{}</w:p>"#,
            run("Appendix")
        ),
                    r#"<w:p><w:r><w:t>Log in as</w:t><w:tab/></w:r><w:r><w:rPr><w:rFonts w:ascii="Courier New"/></w:rPr><w:t>staff01</w:t></w:r><w:r><w:br/><w:t>then change it.</w:t></w:r></w:p>"#
            .to_string(),
    ]
    .concat();
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="n" Type="{REL}/numbering" Target="numbering.xml"/><Relationship Id="f" Type="{REL}/footnotes" Target="footnotes.xml"/><Relationship Id="e" Type="{REL}/endnotes" Target="endnotes.xml"/></Relationships>"#
    );
    let docx = package(&[
        (
            "word/document.xml",
            &format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        ("word/_rels/document.xml.rels", &rels),
        ("word/numbering.xml", &numbering()),
        ("word/footnotes.xml", &notes("footnote", "footnote")),
        ("word/endnotes.xml", &notes("endnote", "endnote")),
    ]);
    let doc = read(&docx).expect("a Word document");
    insta::assert_snapshot!(render(&doc));
}
