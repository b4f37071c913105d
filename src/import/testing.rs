//! For the readers' tests: a compact rendering of a [`Document`] to
//! snapshot (its `Debug` would hold every image byte), and the converters
//! that make real documents from the fixtures' sources.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::document::{Block, Document, Inline};

/// One line per block, nested blocks indented; marks as in Markdown.
pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title: {:?}", doc.title);
    for block in &doc.blocks {
        block_lines(block, 0, &mut out);
    }
    for note in &doc.footnotes {
        let _ = writeln!(out, "footnote {}:", note.label);
        for block in &note.blocks {
            block_lines(block, 1, &mut out);
        }
    }
    for (i, image) in doc.images.iter().enumerate() {
        let bytes = image
            .bytes
            .as_ref()
            .map_or("linked".to_string(), |b| format!("{} bytes", b.len()));
        let _ = writeln!(
            out,
            "image {i}: {} from {} ({bytes}), alt {:?}",
            image.file_name, image.source, image.alt
        );
    }
    for note in &doc.notes {
        let _ = writeln!(out, "note {:?}: {}", note.kind, note.message);
    }
    out
}

fn block_lines(block: &Block, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    match block {
        Block::Heading { level, content } => {
            let _ = writeln!(out, "{pad}h{level} {}", inlines(content));
        }
        Block::Paragraph(content) => {
            let _ = writeln!(out, "{pad}p {}", inlines(content));
        }
        Block::List(list) => {
            let kind = if list.ordered {
                format!("ordered from {}", list.start)
            } else {
                "bullets".to_string()
            };
            let _ = writeln!(out, "{pad}list {kind}");
            for item in &list.items {
                let _ = writeln!(out, "{pad}- item");
                for block in &item.blocks {
                    block_lines(block, depth + 2, out);
                }
            }
        }
        Block::Table(table) => {
            let _ = writeln!(out, "{pad}table");
            let cells = |row: &Vec<super::document::Cell>| {
                row.iter()
                    .map(|c| {
                        c.paragraphs
                            .iter()
                            .map(|p| inlines(p))
                            .collect::<Vec<_>>()
                            .join(" <br> ")
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            if let Some(header) = &table.header {
                let _ = writeln!(out, "{pad}  header: {}", cells(header));
            }
            for row in &table.rows {
                let _ = writeln!(out, "{pad}  row: {}", cells(row));
            }
        }
        Block::Quote(blocks) => {
            let _ = writeln!(out, "{pad}quote");
            for block in blocks {
                block_lines(block, depth + 1, out);
            }
        }
        Block::Code(text) => {
            let _ = writeln!(out, "{pad}code {text:?}");
        }
        Block::Rule => {
            let _ = writeln!(out, "{pad}rule");
        }
    }
}

pub(crate) fn inlines(content: &[Inline]) -> String {
    content
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) => t.clone(),
            Inline::Bold(c) => format!("**{}**", inlines(c)),
            Inline::Italic(c) => format!("_{}_", inlines(c)),
            Inline::Code(t) => format!("`{t}`"),
            Inline::Link { href, content } => format!("[{}]({href})", inlines(content)),
            Inline::LineBreak => "⏎".to_string(),
            Inline::FootnoteRef(label) => format!("[^{label}]"),
            Inline::Image(i) => format!("![image {i}]"),
        })
        .collect()
}

/// The fixtures of `name` (`import-docx`).
pub(crate) fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Converts a fixture to .docx with pandoc (`.md`) or LibreOffice (other
/// sources) and returns its bytes. A missing converter fails the test:
/// scripts/setup-browser.sh installs both.
pub(crate) fn to_docx(source: &str, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = fixtures("import-docx").join(source);
    let stem = Path::new(source)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("out");
    let out = dir.path().join(format!("{stem}.docx"));
    let mut cmd = if source.ends_with(".md") {
        let mut cmd = Command::new("pandoc");
        cmd.arg(&src).arg("-o").arg(&out).args(extra);
        // pandoc finds images relative to the working folder.
        cmd.current_dir(fixtures("import-docx"));
        cmd
    } else {
        // Each conversion has its own LibreOffice profile, so tests may
        // run side by side.
        let profile = format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        );
        let mut cmd = Command::new("soffice");
        cmd.arg(profile).arg("--headless");
        if source.ends_with(".html") {
            cmd.arg("--infilter=HTML (StarWriter)");
        }
        cmd.args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
            .arg(dir.path())
            .arg(&src);
        cmd
    };
    let program = format!("{:?}", cmd.get_program());
    let output = cmd.output().unwrap_or_else(|e| {
        panic!("{program} could not run ({e}); run scripts/setup-browser.sh to install pandoc and LibreOffice")
    });
    assert!(
        output.status.success() && out.exists(),
        "{program} failed to convert {source}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(&out).expect("the converted document")
}
