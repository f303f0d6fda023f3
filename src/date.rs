//! Calendar dates: `YYYY-MM-DD` in front matter, and "today" for scheduled posts and new posts —
//! the `SOURCE_DATE_EPOCH` environment variable when it is set (so a build is reproducible), else
//! the system clock, as a UTC date. Front matter dates, which may carry a time and an offset,
//! are [`DateTime`]s; readers see them written out in the site's language (`readable`).

mod datetime;
pub(crate) mod readable;

pub use datetime::DateTime;

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day of month.
    pub day: u8,
}

impl Date {
    /// 1970-01-01, the Unix epoch.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Today's date (UTC), from `SOURCE_DATE_EPOCH` when set (an empty value counts as unset); a
/// malformed value is an error that says so.
pub(crate) fn today() -> Result<Date, Diagnostic> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(raw) if !raw.trim().is_empty() => raw
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(date_of_epoch)
            .ok_or_else(|| {
                Diagnostic::new(format!(
                    "SOURCE_DATE_EPOCH is `{raw}`, not a number of seconds since 1970-01-01"
                ))
                .with_hint("set it to a Unix time such as 1717200000, or unset it")
            }),
        _ => {
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            Ok(date_of_epoch(secs).unwrap_or(Date::EPOCH))
        }
    }
}

/// The UTC calendar date of a Unix time (Howard Hinnant's `civil_from_days`), for years 0–9999.
fn date_of_epoch(secs: i64) -> Option<Date> {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(Date {
        year: u16::try_from(year).ok().filter(|y| *y <= 9999)?,
        month: month as u8,
        day: day as u8,
    })
}

#[cfg(test)]
mod tests {
    use super::{Date, date_of_epoch};

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("24-01-01").is_none());
        assert_eq!(Date::parse("2024-03-04").unwrap().to_string(), "2024-03-04");
    }

    #[test]
    fn unix_times_become_utc_calendar_dates() {
        let d = |s| date_of_epoch(s).map(|d| d.to_string());
        assert_eq!(d(0).as_deref(), Some("1970-01-01"));
        assert_eq!(d(86_399).as_deref(), Some("1970-01-01"));
        assert_eq!(d(86_400).as_deref(), Some("1970-01-02"));
        assert_eq!(d(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(d(1_709_164_800).as_deref(), Some("2024-02-29"));
        assert_eq!(d(1_735_689_599).as_deref(), Some("2024-12-31"));
        assert_eq!(d(1_735_689_600).as_deref(), Some("2025-01-01"));
        assert_eq!(d(-86_400).as_deref(), Some("1969-12-31"));
        assert_eq!(d(300_000_000_000), None, "past year 9999");
    }
}
