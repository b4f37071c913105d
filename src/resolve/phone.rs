//! One form for every `tel:` link: international, E.164 style
//! (`tel:+441632960418`), so that the footer's number and the same number
//! linked in a page's text have the same address. A national number (with
//! its leading trunk `0`) takes the country calling code of `[contact]
//! phone_country` (default `+44`). Only the address changes: the text a
//! reader sees stays as the author wrote it.

/// The country calling code used when `[contact] phone_country` is not set.
pub(crate) const DEFAULT_COUNTRY: &str = "+44";

/// Longest international number (ITU-T E.164), in digits.
const MAX_DIGITS: usize = 15;
/// The fewest digits of a number `url_shape` takes for one.
const MIN_DIGITS: usize = 5;
/// The most digits of a short code (`116 123`), which has no international
/// form; a longer number without a trunk prefix takes the country's code.
const SHORT_CODE_DIGITS: usize = 6;

/// The digits of a country calling code written `+44` or `44`, or `None`
/// when it is not one to three digits (the shape `config` checks).
pub(crate) fn country_digits(code: &str) -> Option<&str> {
    let digits = code.trim().strip_prefix('+').unwrap_or(code.trim());
    let ok = (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    ok.then_some(digits)
}

/// A `tel:` address for a number as written (`01632 960 418`, `+44 (0)1632
/// 960418`, `0044 1632 960418`, `01632 960418 ext. 12`): `tel:+441632960418`
/// (with `;ext=12`). Short codes (`116 123`) stay as their digits, since
/// they have no international form. `None` when the text is not a phone
/// number (letters, fewer than 5 digits, more than 15), as `url_shape`
/// reports it.
pub(crate) fn tel_href(written: &str, country: &str) -> Option<String> {
    let written = written.trim();
    let written = strip_scheme(written);
    let (number, ext) = split_extension(written);
    let country = country_digits(country).unwrap_or("44");
    let mut plus = false;
    let mut digits = String::new();
    let mut rest = number.trim();
    // "+44 (0)1632 …": the bracketed trunk prefix is dialled only at home.
    let without_trunk;
    if rest.starts_with('+') || rest.starts_with("00") {
        without_trunk = rest.replacen("(0)", "", 1);
        rest = &without_trunk;
    }
    for (i, c) in rest.char_indices() {
        match c {
            '+' if i == 0 => plus = true,
            '0'..='9' => digits.push(c),
            ' ' | '\u{a0}' | '\u{202f}' | '.' | '-' | '‑' | '–' | '(' | ')' | '/' => {}
            _ => return None,
        }
    }
    let international = if plus {
        digits
    } else if let Some(after) = digits.strip_prefix("00") {
        after.to_string()
    } else if let Some(national) = digits.strip_prefix('0') {
        // Italy keeps the leading 0 of its numbers after +39.
        if country == "39" {
            format!("{country}{digits}")
        } else {
            format!("{country}{national}")
        }
    } else if country == "1" && digits.len() == 11 && digits.starts_with('1') {
        // North America: 1 is the trunk prefix there.
        digits
    } else if digits.len() > SHORT_CODE_DIGITS {
        // A national number with no trunk prefix (Spain, North America),
        // or one written without its 0.
        format!("{country}{digits}")
    } else {
        // A short code (116 123): dialled as it is, from anywhere.
        return (digits.len() >= MIN_DIGITS && ext.is_none()).then(|| format!("tel:{digits}"));
    };
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&international.len()) || international.starts_with('0') {
        return None;
    }
    let ext = match ext {
        Some(e) => format!(";ext={e}"),
        None => String::new(),
    };
    Some(format!("tel:+{international}{ext}"))
}

/// `tel:` (in any case) taken off the front, if there.
fn strip_scheme(text: &str) -> &str {
    match text.get(..4) {
        Some(s) if s.eq_ignore_ascii_case("tel:") => &text[4..],
        _ => text,
    }
}

/// The number and its extension (`ext. 12`, `extension 12`, `x12`,
/// `;ext=12`, `#12`), when it has one made of digits.
fn split_extension(text: &str) -> (&str, Option<String>) {
    let lower = text.to_ascii_lowercase();
    for marker in [";ext=", "extension", "ext.", "ext", "x", "#"] {
        if let Some(at) = lower.rfind(marker) {
            let ext: String = text[at + marker.len()..]
                .chars()
                .filter(|c| !matches!(c, ' ' | ':' | '.'))
                .collect();
            if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()) {
                let number = text[..at].trim_end().trim_end_matches([',', ';']);
                return (number, Some(ext));
            }
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk(n: &str) -> Option<String> {
        tel_href(n, DEFAULT_COUNTRY)
    }

    #[test]
    fn national_numbers_take_the_country_code() {
        let want = Some("tel:+441632960418".to_string());
        for written in [
            "01632 960 418",
            "01632 960418",
            "01632960418",
            "(01632) 960 418",
            "01632-960-418",
            "01632.960.418",
            "tel:01632960418",
            "TEL:01632 960 418",
            "+44 1632 960418",
            "+44 (0)1632 960418",
            "+44(0)1632-960-418",
            "+441632960418",
            "0044 1632 960418",
            "00 44 (0)1632 960418",
            "01632\u{a0}960\u{a0}418",
        ] {
            assert_eq!(uk(written), want, "{written}");
        }
        assert_eq!(uk("0800 1111"), Some("tel:+448001111".into()));
        // Written without its 0.
        assert_eq!(uk("1632 960418"), Some("tel:+441632960418".into()));
        assert_eq!(uk("0808 800 5000"), Some("tel:+448088005000".into()));
    }

    #[test]
    fn other_countries_and_international_numbers() {
        assert_eq!(
            tel_href("01 23 45 67 89", "+33"),
            Some("tel:+33123456789".into())
        );
        assert_eq!(
            tel_href("030 1234567", "49"),
            Some("tel:+49301234567".into())
        );
        assert_eq!(
            tel_href("912 345 678", "+34"),
            Some("tel:+34912345678".into())
        );
        assert_eq!(
            tel_href("06 1234 5678", "+39"),
            Some("tel:+390612345678".into())
        );
        assert_eq!(
            tel_href("(555) 123-4567", "+1"),
            Some("tel:+15551234567".into())
        );
        assert_eq!(
            tel_href("1-555-123-4567", "+1"),
            Some("tel:+15551234567".into())
        );
        // An international number keeps its own country.
        assert_eq!(
            tel_href("+353 1 234 5678", "+44"),
            Some("tel:+35312345678".into())
        );
        assert_eq!(
            tel_href("00353 1 234 5678", "+44"),
            Some("tel:+35312345678".into())
        );
    }

    #[test]
    fn extensions() {
        let want = Some("tel:+441632960418;ext=12".to_string());
        for written in [
            "01632 960418 ext. 12",
            "01632 960418 ext 12",
            "01632 960418, extension 12",
            "01632 960418 x12",
            "01632 960418 #12",
            "tel:+441632960418;ext=12",
        ] {
            assert_eq!(uk(written), want, "{written}");
        }
    }

    #[test]
    fn short_codes_stay_and_what_url_shape_refuses_is_refused() {
        assert_eq!(uk("116 123"), Some("tel:116123".into()));
        assert_eq!(uk("116123 x4"), None);
        for bad in [
            "",
            "999",
            "call us",
            "0800 CALL NOW",
            "01632 960 418 or 419",
            "+44 1632 960 418 123 456 789",
            "0",
            "+44",
        ] {
            assert_eq!(uk(bad), None, "{bad}");
        }
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_digits("+44"), Some("44"));
        assert_eq!(country_digits("353"), Some("353"));
        assert_eq!(country_digits(" +1 "), Some("1"));
        for bad in ["", "+", "+0044", "44a", "+4444", "UK"] {
            assert_eq!(country_digits(bad), None, "{bad}");
        }
    }
}
