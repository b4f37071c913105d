//! The front matter of an imported page: the keys of its kind that the
//! document gave, the required ones it did not give written so that
//! `charter check` asks for them, and `draft = true`.

use super::kind::Guess;
use super::metadata::{Meta, NextReview};
use crate::scaffold::NewKind;

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The whole `+++` block, ending with a newline.
pub(crate) fn write(title: &str, guess: &Guess, meta: &Meta, first_strand: Option<&str>) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", toml_string(title)));
    match guess.kind {
        NewKind::Policy => {
            if let Some(r) = &meta.reference {
                out.push_str(&format!("reference = {}\n", toml_string(r)));
            }
            owners(meta, &mut out);
            reviews(meta, &mut out);
            if let Some(s) = meta.statutory {
                out.push_str(&format!("statutory = {s}\n"));
            }
            if !meta.guidance.is_empty() {
                out.push_str(&format!("guidance = {}\n", toml_list(&meta.guidance)));
            }
        }
        NewKind::Agreement => {
            let audience = guess.audience.unwrap_or("pupils");
            out.push_str(&format!("audience = {}\n", toml_string(audience)));
            if audience == "pupils" {
                match &guess.band {
                    Some(b) => out.push_str(&format!("band = {}\n", toml_string(b))),
                    None => out.push_str(
                        "# The title names no band: write the band id from charter.toml.\nband = \"<band>\"\n",
                    ),
                }
            }
            if let Some(r) = &meta.reference {
                out.push_str(&format!("reference = {}\n", toml_string(r)));
            }
            if !meta.owners.is_empty() {
                out.push_str(&format!("owners = {}\n", toml_list(&meta.owners)));
            }
            reviews(meta, &mut out);
        }
        NewKind::Unit => {
            let hint = first_strand.map_or(String::new(), |s| format!(", e.g. \"{s}\""));
            out.push_str(&format!(
                "# Write the strand id and the band ids from charter.toml{hint}.\nstrand = \"<strand>\"\nbands = [\"<band>\"]\n"
            ));
        }
        NewKind::Parent | NewKind::Page => {}
    }
    let policy_like = matches!(guess.kind, NewKind::Policy | NewKind::Agreement);
    for comment in &meta.comments {
        out.push_str(&format!("# {comment}\n"));
    }
    if !policy_like {
        leftover_keys(meta, &mut out);
    }
    out.push_str(
        "# Imported: check the text, then remove this line to publish it.\ndraft = true\n",
    );
    out.push_str("+++\n");
    out
}

fn owners(meta: &Meta, out: &mut String) {
    if meta.owners.is_empty() {
        // An empty list is reported by `charter check` at this line.
        out.push_str(
            "# The document names no owner: write the roles responsible for it.\nowners = []\n",
        );
    } else {
        out.push_str(&format!("owners = {}\n", toml_list(&meta.owners)));
    }
}

fn reviews(meta: &Meta, out: &mut String) {
    if let Some(by) = &meta.approved_by {
        out.push_str(&format!("approved_by = {}\n", toml_string(by)));
    }
    if let Some(d) = meta.approved {
        out.push_str(&format!("approved = {d}\n"));
    }
    if let Some(every) = &meta.review_every {
        out.push_str(&format!("review_every = {}\n", toml_string(every)));
    }
    match &meta.next_review {
        Some(NextReview::Date(d)) => out.push_str(&format!("next_review = {d}\n")),
        Some(NextReview::Words(w)) => {
            out.push_str(&format!("next_review = {}\n", toml_string(w)));
        }
        None => {}
    }
}

/// A page or unit has no review keys: what its cover said stays as
/// comments, so nothing the document said is lost.
fn leftover_keys(meta: &Meta, out: &mut String) {
    let mut said = Vec::new();
    if !meta.owners.is_empty() {
        said.push(format!("owners {}", meta.owners.join(", ")));
    }
    if let Some(d) = meta.approved {
        said.push(format!("approved {d}"));
    }
    match &meta.next_review {
        Some(NextReview::Date(d)) => said.push(format!("next review {d}")),
        Some(NextReview::Words(w)) => said.push(format!("next review {w}")),
        None => {}
    }
    if let Some(r) = &meta.reference {
        said.push(format!("reference {r}"));
    }
    if !said.is_empty() {
        out.push_str(&format!(
            "# The document's cover said: {} (no keys of this kind of page).\n",
            said.join("; ")
        ));
    }
}
