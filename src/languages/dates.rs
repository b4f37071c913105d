//! Dates written in a language ("17 września 2026", "17 Medi 2026"), by
//! CLDR's long date pattern through ICU4X, always in the Gregorian calendar:
//! a parent must be able to match the date to the school's own.

use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use jiff::civil::Date;

/// Writes dates in one language.
pub(crate) struct DateWriter {
    /// `None` for English, whose dates Charter writes itself ("17 September
    /// 2026", the form the site's English pages have always had).
    formatter: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
}

impl DateWriter {
    /// A writer for the language `code`; English (or a code ICU4X cannot
    /// read) gets Charter's own English form.
    pub(crate) fn new(code: &str) -> DateWriter {
        let english = code == "en" || code.starts_with("en-");
        let formatter = (!english)
            .then(|| code.parse::<icu_locale::Locale>().ok())
            .flatten()
            .and_then(|l| FixedCalendarDateTimeFormatter::try_new(l.into(), YMD::long()).ok());
        DateWriter { formatter }
    }

    /// The date in words.
    pub(crate) fn write(&self, date: Date) -> String {
        let Some(formatter) = &self.formatter else {
            return crate::base::dates::human_date(date);
        };
        match IcuDate::try_new_gregorian(
            i32::from(date.year()),
            date.month().unsigned_abs(),
            date.day().unsigned_abs(),
        ) {
            Ok(d) => formatter.format(&d).to_string(),
            Err(_) => crate::base::dates::human_date(date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(code: &str) -> String {
        DateWriter::new(code).write(jiff::civil::date(2026, 9, 17))
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(write("en-GB"), "17 September 2026");
        assert_eq!(write("pl"), "17 września 2026");
        assert_eq!(write("cy"), "17 Medi 2026");
        assert_eq!(write("es"), "17 de septiembre de 2026");
        assert_eq!(write("uk"), "17 вересня 2026\u{202f}р.");
        assert!(write("ur").contains("ستمبر"), "{}", write("ur"));
        // Persian's own calendar is not used: the school's dates are Gregorian.
        assert!(write("fa").contains("سپتامبر"), "{}", write("fa"));
    }
}
