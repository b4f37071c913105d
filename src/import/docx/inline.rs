//! Runs to inlines. Word cuts text into runs wherever anything changed
//! (a spell check, a revision), so a sentence in bold may be five runs;
//! pieces with the same marks are joined before they become [`Inline`]s.

use crate::import::document::Inline;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) code: bool,
}

/// What a run gives, before joining.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String, Marks),
    Break,
    FootnoteRef(String),
    Image(usize),
    Link(String, Vec<Piece>),
}

/// Whether the pieces have text and all of it is bold (a line that may be
/// a heading, a header row).
pub(crate) fn all_bold(pieces: &[Piece]) -> bool {
    let mut any = false;
    for piece in pieces {
        match piece {
            Piece::Text(t, marks) if !t.trim().is_empty() => {
                if !marks.bold {
                    return false;
                }
                any = true;
            }
            Piece::Link(_, inner) => {
                if inner
                    .iter()
                    .any(|p| matches!(p, Piece::Text(t, m) if !t.trim().is_empty() && !m.bold))
                {
                    return false;
                }
                any = true;
            }
            _ => {}
        }
    }
    any
}

/// Joins pieces into inlines. With `plain`, bold is dropped (a heading or a
/// header row is bold by its nature).
pub(crate) fn finish(pieces: Vec<Piece>, plain: bool) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut span: Option<(Marks, String)> = None;
    for piece in pieces {
        match piece {
            Piece::Text(text, mut marks) => {
                if plain {
                    marks.bold = false;
                }
                // Spaces carry no marks: "**a** b" rather than "**a **b".
                if text.trim().is_empty() && !marks.code {
                    marks = span.as_ref().map_or(Marks::default(), |(m, _)| *m);
                }
                match &mut span {
                    Some((m, s)) if *m == marks => s.push_str(&text),
                    _ => {
                        flush(&mut out, span.take());
                        span = Some((marks, text));
                    }
                }
            }
            other => {
                flush(&mut out, span.take());
                out.push(match other {
                    Piece::Break => Inline::LineBreak,
                    Piece::FootnoteRef(label) => Inline::FootnoteRef(label),
                    Piece::Image(i) => Inline::Image(i),
                    Piece::Link(href, inner) => Inline::Link {
                        href,
                        content: finish(inner, plain),
                    },
                    Piece::Text(..) => continue,
                });
            }
        }
    }
    flush(&mut out, span.take());
    merge_texts(out)
}

fn flush(out: &mut Vec<Inline>, span: Option<(Marks, String)>) {
    let Some((marks, text)) = span else {
        return;
    };
    if text.is_empty() {
        return;
    }
    if marks.code {
        out.push(Inline::Code(text));
        return;
    }
    if !marks.bold && !marks.italic {
        out.push(Inline::Text(text));
        return;
    }
    // Marks hug the words; surrounding spaces stay outside them.
    let trimmed = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    if !lead.is_empty() {
        out.push(Inline::Text(lead.to_string()));
    }
    if !trimmed.is_empty() {
        let mut inner = vec![Inline::Text(trimmed.to_string())];
        if marks.italic {
            inner = vec![Inline::Italic(inner)];
        }
        if marks.bold {
            inner = vec![Inline::Bold(inner)];
        }
        out.extend(inner);
    }
    if !trail.is_empty() {
        out.push(Inline::Text(trail.to_string()));
    }
}

/// Adjacent plain texts (left by trimming) become one.
fn merge_texts(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (Some(Inline::Text(prev)), Inline::Text(next)) = (out.last_mut(), &inline) {
            prev.push_str(next);
            continue;
        }
        out.push(inline);
    }
    out
}

/// Trims the end of the last text, and the start of the first one unless
/// `indented` (a line of code keeps its indentation).
pub(crate) fn trim(mut inlines: Vec<Inline>, indented: bool) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = inlines.first_mut().filter(|_| !indented) {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, bold: bool) -> Piece {
        Piece::Text(
            s.into(),
            Marks {
                bold,
                ..Marks::default()
            },
        )
    }

    #[test]
    fn runs_with_the_same_marks_join_and_spaces_stay_outside() {
        let pieces = vec![
            text("Pupils ", false),
            text("must ", true),
            text("not", true),
            text(" run.", false),
        ];
        assert!(!all_bold(&pieces));
        assert_eq!(
            finish(pieces, false),
            vec![
                Inline::Text("Pupils ".into()),
                Inline::Bold(vec![Inline::Text("must not".into())]),
                Inline::Text(" run.".into()),
            ]
        );
    }
}
