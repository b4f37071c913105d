//! Embeds the default theme (`themes/default/`) into the binary, so that a
//! new site needs no theme files: lists every template and static file and
//! writes `include_str!`/`include_bytes!` tables for `render::theme`; the
//! same for the starter site that `charter init` writes (`src/scaffold/site`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let theme = root.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut code = String::new();
    code.push_str("/// Template name and text of the built-in default theme.\n");
    code.push_str("pub(crate) const TEMPLATES: &[(&str, &str)] = &[\n");
    for (name, path) in files(&theme.join("templates")) {
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n\n/// Static files of the built-in theme.\n");
    code.push_str("pub(crate) const STATIC: &[(&str, &[u8])] = &[\n");
    for (name, path) in files(&theme.join("static")) {
        writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(out_dir.join("default_theme.rs"), code).expect("write generated theme table");

    println!("cargo:rerun-if-changed=src/scaffold/site");
    let mut code = String::from(
        "/// Path and text of each file of the starter site.\npub(crate) const SITE: &[(&str, &str)] = &[\n",
    );
    for (name, path) in files(&root.join("src/scaffold/site")) {
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("scaffold_site.rs"), code).expect("write generated scaffold table");
}

fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            println!("cargo:rerun-if-changed={}", path.display());
            if path.is_dir() {
                stack.push(path);
            } else if !entry.file_name().to_string_lossy().starts_with('.') {
                let rel = path.strip_prefix(dir).expect("under dir");
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((name, path));
            }
        }
    }
    out.sort();
    out
}
