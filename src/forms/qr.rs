//! QR codes of agreement pages: the dark modules as rectangles (one per run
//! of dark modules in a row), drawn the same way inline in the HTML form
//! (SVG) and in the PDF (vector squares).

use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the code (the "quiet zone").
pub(crate) const QUIET_ZONE: usize = 4;

/// A QR code: its width in modules (quiet zone excluded) and the dark runs.
#[derive(Debug, Clone)]
pub(crate) struct Qr {
    pub width: usize,
    /// `(x, y, length)` in modules, quiet zone excluded: a horizontal run of
    /// dark modules.
    pub runs: Vec<(usize, usize, usize)>,
}

impl Qr {
    /// The code for `text` (an address), at error correction level M, or
    /// `None` when it is too long for any QR code.
    pub(crate) fn new(text: &str) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let mut runs = Vec::new();
        for y in 0..width {
            let mut x = 0;
            while x < width {
                if colors[y * width + x] == Color::Dark {
                    let start = x;
                    while x < width && colors[y * width + x] == Color::Dark {
                        x += 1;
                    }
                    runs.push((start, y, x - start));
                } else {
                    x += 1;
                }
            }
        }
        Some(Qr { width, runs })
    }

    /// Inline SVG (`role="img"`, with a `<title>`), quiet zone included,
    /// scaled by CSS.
    pub(crate) fn svg(&self, label: &str) -> String {
        let size = self.width + 2 * QUIET_ZONE;
        let mut path = String::with_capacity(self.runs.len() * 16);
        for &(x, y, len) in &self.runs {
            path.push_str(&format!(
                "M{} {}h{len}v1h-{len}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
        let label = escape(label);
        format!(
            "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><title>{label}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }
}

use crate::resolve::markdown::html_escape as escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let url = "https://www.example.sch.uk/agreements/pupils-ks2/";
        let qr = Qr::new(url).unwrap();
        let code = QrCode::with_error_correction_level(url, EcLevel::M).unwrap();
        let dark: usize = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(qr.runs.iter().map(|r| r.2).sum::<usize>(), dark);
        let svg = qr.svg("QR code: \"KS2\" & more");
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>QR code: &quot;KS2&quot; &amp; more</title>"));
    }
}
