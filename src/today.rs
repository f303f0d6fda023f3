//! "Today" as a calendar date (UTC): from `SOURCE_DATE_EPOCH` when it is set, so builds and
//! scaffolds stay reproducible, else from the system clock.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::content::frontmatter::Date;
use crate::diagnostic::Diagnostic;

/// The environment variable of reproducible builds: seconds since 1970-01-01 00:00 UTC.
pub(crate) const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// Today's date: `SOURCE_DATE_EPOCH` when it is set and valid, else the system clock (UTC).
/// Use [`try_today`] where a malformed `SOURCE_DATE_EPOCH` should be reported instead.
// Shared with scheduled posts (issue 8, item 5), which land separately: drop the `allow` then.
#[allow(dead_code)]
pub(crate) fn today() -> Date {
    try_today().unwrap_or_else(|_| clock_today())
}

/// Today's date, or an error saying what is wrong with a malformed `SOURCE_DATE_EPOCH`. An unset
/// or empty variable means the system clock.
pub(crate) fn try_today() -> Result<Date, Diagnostic> {
    match std::env::var(SOURCE_DATE_EPOCH) {
        Ok(value) if !value.trim().is_empty() => parse_epoch(&value),
        _ => Ok(clock_today()),
    }
}

/// The date of a `SOURCE_DATE_EPOCH` value.
fn parse_epoch(value: &str) -> Result<Date, Diagnostic> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(date_from_epoch)
        .ok_or_else(|| {
            Diagnostic::new(format!(
                "{SOURCE_DATE_EPOCH} is `{value}`, which is not a time sitegen can date"
            ))
            .with_hint(format!(
                "set {SOURCE_DATE_EPOCH} to whole seconds since 1970-01-01 UTC (e.g. `date +%s`), or unset it to use the clock"
            ))
        })
}

fn clock_today() -> Date {
    let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    };
    date_from_epoch(secs).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// The UTC calendar date of `secs` seconds after 1970-01-01 00:00 UTC (negative: before), for
/// years 0 to 9999 (what `YYYY-MM-DD` can write); `None` outside them.
pub(crate) fn date_from_epoch(secs: i64) -> Option<Date> {
    // Howard Hinnant's `civil_from_days`, on days counted from 0000-03-01 so leap days come last.
    let days = secs.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (0..=9999).contains(&year).then_some(Date {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(secs: i64) -> String {
        date_from_epoch(secs).map_or("none".into(), |d| d.to_string())
    }

    #[test]
    fn epoch_seconds_become_utc_calendar_dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(86_399), "1970-01-01");
        assert_eq!(date(86_400), "1970-01-02");
        assert_eq!(date(-1), "1969-12-31");
        assert_eq!(date(1_710_720_000), "2024-03-18");
        assert_eq!(date(1_710_720_000 - 1), "2024-03-17");
        // Leap days: a leap year, a century that is not one, and one that is.
        assert_eq!(date(951_825_600), "2000-02-29");
        assert_eq!(date(951_825_600 + 86_400), "2000-03-01");
        assert_eq!(date(1_709_164_800), "2024-02-29");
        assert_eq!(date(4_107_542_400), "2100-03-01");
        assert_eq!(date(4_107_542_400 - 86_400), "2100-02-28");
        assert_eq!(date(253_402_300_799), "9999-12-31");
        assert_eq!(date(253_402_300_800), "none");
        assert_eq!(date(-62_167_219_200), "0000-01-01");
        assert_eq!(date(-62_167_219_201), "none");
        assert_eq!(date(i64::MIN), "none");
        assert_eq!(date(i64::MAX), "none");
    }

    #[test]
    fn every_day_of_four_centuries_follows_the_one_before() {
        let mut prev = date_from_epoch(0).unwrap();
        for n in 1..146_097 {
            let d = date_from_epoch(n * 86_400).unwrap();
            let next_day = Date {
                day: prev.day + 1,
                ..prev
            };
            let next_month = Date {
                month: prev.month + 1,
                day: 1,
                ..prev
            };
            let next_year = Date {
                year: prev.year + 1,
                month: 1,
                day: 1,
            };
            let valid = |x: Date| Date::parse(&x.to_string()) == Some(x);
            let expected = [next_day, next_month, next_year]
                .into_iter()
                .find(|&x| valid(x))
                .unwrap();
            assert_eq!(d, expected, "day {n}");
            prev = d;
        }
    }

    #[test]
    fn a_malformed_source_date_epoch_is_an_error_naming_it() {
        assert_eq!(
            parse_epoch(" 1710720000\n").unwrap().to_string(),
            "2024-03-18"
        );
        for bad in ["yesterday", "1.5", "99999999999999999999"] {
            let e = parse_epoch(bad).unwrap_err();
            assert!(e.message.contains("SOURCE_DATE_EPOCH"), "{e}");
        }
    }
}
