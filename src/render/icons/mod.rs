//! The site's icon (what a browser shows on a tab or a bookmark): linked
//! from every page's `<head>`, made from the school's logo (`static/logo.svg`
//! as it is, `static/logo.png` also as the Apple touch icon), or the theme's
//! neutral default when there is no logo; and `/favicon.ico`, which
//! browsers and feed readers ask for without being told, so that the request
//! never ends in a 404. A site's own `static/favicon.ico` wins over both.
//!
//! An ICO file may hold PNG images as they are (Windows Vista onwards, every
//! current browser), so a PNG logo of at most 256 × 256 pixels is wrapped
//! without decoding it; a larger one, an SVG logo or none gives the default.

use serde::Serialize;

use crate::content::Site;
use crate::layout;

/// The default `favicon.ico`: the theme's icon at 16, 32 and 48 pixels.
const DEFAULT_ICO: &[u8] = include_bytes!("favicon.ico");

/// The largest side an ICO directory entry can state.
const ICO_MAX_SIDE: u32 = 256;

/// One `<link>` of a page's `<head>`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IconLink {
    /// `icon` or `apple-touch-icon`.
    pub rel: &'static str,
    pub href: String,
    /// The media type (`type` attribute), when the address does not say it
    /// plainly enough for every browser.
    #[serde(rename = "type")]
    pub mime: &'static str,
}

/// Whether the site publishes a file of its own at `output` (from
/// `static/`, or beside its pages), which Charter must not write over.
pub(crate) fn site_has(site: &Site, output: &str) -> bool {
    site.static_files
        .iter()
        .chain(&site.assets)
        .any(|f| f.output == output)
}

/// The icon links every page carries, with `base` (`/` or `/sub/`) before
/// each address.
pub(crate) fn links(site: &Site, base: &str) -> Vec<IconLink> {
    let link = |rel, path: &str, mime| IconLink {
        rel,
        href: format!("{base}{path}"),
        mime,
    };
    let own_ico = site_has(site, layout::FAVICON);
    let mut out = Vec::new();
    let logo = layout::logo(&site.root);
    if own_ico {
        out.push(link("icon", layout::FAVICON, "image/x-icon"));
    }
    match logo {
        Some(f) if f.ends_with(".svg") && !own_ico => out.push(link("icon", f, "image/svg+xml")),
        Some(f) if f.ends_with(".png") => {
            if !own_ico {
                out.push(link("icon", f, "image/png"));
            }
            out.push(link("apple-touch-icon", f, "image/png"));
        }
        Some(_) => {}
        None if own_ico => {}
        None => {
            out.push(link("icon", layout::DEFAULT_ICON, "image/svg+xml"));
            out.push(link(
                "apple-touch-icon",
                layout::DEFAULT_TOUCH_ICON,
                "image/png",
            ));
        }
    }
    out
}

/// The bytes of `/favicon.ico`: the PNG logo wrapped, or the default.
pub(crate) fn favicon_ico(site: &Site) -> Vec<u8> {
    let png = match layout::logo(&site.root) {
        Some(f) if f.ends_with(".png") => {
            std::fs::read(site.root.join(layout::STATIC_DIR).join(f)).ok()
        }
        _ => None,
    };
    png.and_then(|bytes| ico_of_png(&bytes))
        .unwrap_or_else(|| DEFAULT_ICO.to_vec())
}

/// An ICO file holding one PNG image as it is; `None` when `png` is not a
/// PNG or is larger than an ICO can say.
fn ico_of_png(png: &[u8]) -> Option<Vec<u8>> {
    let (width, height) = png_size(png)?;
    if width > ICO_MAX_SIDE || height > ICO_MAX_SIDE || width == 0 || height == 0 {
        return None;
    }
    let len = u32::try_from(png.len()).ok()?;
    // 256 is written as 0 (ICO directory entries have one byte a side).
    let side = |n: u32| u8::try_from(n % ICO_MAX_SIDE).unwrap_or(0);
    let mut out = Vec::with_capacity(22 + png.len());
    out.extend_from_slice(&[0, 0, 1, 0, 1, 0]); // reserved, type 1 (icon), one image
    out.extend_from_slice(&[side(width), side(height), 0, 0]); // no palette, reserved
    out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
    out.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&22u32.to_le_bytes()); // the image follows the one entry
    out.extend_from_slice(png);
    Some(out)
}

/// Width and height from a PNG's header chunk (IHDR, which must come
/// first), or `None` when the bytes are not a PNG.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if png.get(..8)? != SIGNATURE || png.get(12..16)? != b"IHDR" {
        return None;
    }
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?))
    };
    Some((word(16)?, word(20)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header of the given size (enough for `png_size`).
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        out.extend_from_slice(&width.to_be_bytes());
        out.extend_from_slice(&height.to_be_bytes());
        out.extend_from_slice(&[8, 6, 0, 0, 0]);
        out
    }

    #[test]
    fn a_small_png_is_wrapped_as_it_is() {
        let logo = png(64, 48);
        let ico = ico_of_png(&logo).expect("an ICO");
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 1, 0]);
        assert_eq!(&ico[6..8], &[64, 48]);
        let size = u32::from_le_bytes(ico[14..18].try_into().unwrap());
        let offset = u32::from_le_bytes(ico[18..22].try_into().unwrap());
        assert_eq!(size as usize, logo.len());
        assert_eq!(&ico[offset as usize..], &logo[..]);
        // 256 pixels is written as 0.
        assert_eq!(&ico_of_png(&png(256, 256)).unwrap()[6..8], &[0, 0]);
    }

    #[test]
    fn large_or_broken_images_are_not_wrapped() {
        assert!(ico_of_png(&png(257, 100)).is_none());
        assert!(ico_of_png(&png(0, 10)).is_none());
        assert!(ico_of_png(b"<svg/>").is_none());
        assert!(ico_of_png(&png(32, 32)[..20]).is_none());
    }

    #[test]
    fn the_default_icons_are_files_of_the_theme() {
        for path in [layout::DEFAULT_ICON, layout::DEFAULT_TOUCH_ICON] {
            let name = path
                .strip_prefix(layout::THEME_STATIC_PREFIX)
                .expect("under theme/");
            assert!(
                crate::render::theme::STATIC.iter().any(|(n, _)| *n == name),
                "{name}"
            );
        }
    }

    #[test]
    fn the_default_icon_is_an_ico_of_pngs() {
        assert_eq!(&DEFAULT_ICO[..4], &[0, 0, 1, 0]);
        let count = u16::from_le_bytes([DEFAULT_ICO[4], DEFAULT_ICO[5]]);
        assert_eq!(count, 3);
        for i in 0..usize::from(count) {
            let entry = &DEFAULT_ICO[6 + 16 * i..6 + 16 * (i + 1)];
            let offset = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
            let size = png_size(&DEFAULT_ICO[offset..]).expect("a PNG");
            assert_eq!(size, (u32::from(entry[0]), u32::from(entry[1])));
        }
    }
}
