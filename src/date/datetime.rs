//! Dates as authors write them in front matter: `2024-05-01`, `2024-05-01T07:30:00` or RFC 3339
//! with an offset (`2024-05-01T07:30:00+02:00`, `…Z`), as TOML datetimes or YAML strings alike.
//! Parsing is toml's own RFC 3339 reader (`toml::value::Datetime`), so both formats accept exactly
//! what TOML accepts, checked against the calendar.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::value::{Datetime as TomlDatetime, Offset as TomlOffset};

use super::Date;
use crate::diagnostic::NOT_A_DATE;

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    /// Hour, 0-23.
    pub hour: u8,
    /// Minute, 0-59.
    pub minute: u8,
    /// Second, 0-60 (a leap second).
    pub second: u8,
    /// Fraction of the second, in nanoseconds.
    pub nanosecond: u32,
}

/// A publication date: a calendar date, optionally with a time of day and a UTC offset. A time
/// without an offset is taken as UTC where an instant is needed (feeds, sitemap, JSON-LD).
/// Ordered by the instant it names, earliest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// The calendar date as written (the date shown to readers and used for scheduling).
    pub date: Date,
    /// The time of day, if one was written.
    pub time: Option<Time>,
    /// Minutes east of UTC, if an offset was written (`Z` is 0). Only with a time.
    pub offset: Option<i16>,
}

impl From<Date> for DateTime {
    fn from(date: Date) -> Self {
        DateTime {
            date,
            time: None,
            offset: None,
        }
    }
}

impl DateTime {
    /// Parses a date, a local date-time or an offset date-time as TOML writes them (`T` or a
    /// space between date and time, seconds optional). A bare time is not a date.
    pub fn parse(s: &str) -> Option<DateTime> {
        let t = TomlDatetime::from_str(s.trim()).ok()?;
        let d = t.date?;
        let date = Date::parse(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))?;
        let time = t.time.map(|t| Time {
            hour: t.hour,
            minute: t.minute,
            second: t.second.unwrap_or(0),
            nanosecond: t.nanosecond.unwrap_or(0),
        });
        let offset = t.offset.map(|o| match o {
            TomlOffset::Z => 0,
            TomlOffset::Custom { minutes } => minutes,
        });
        Some(DateTime { date, time, offset })
    }

    /// The full instant, RFC 3339: midnight when no time was written, UTC (`Z`) when no offset was.
    pub fn rfc3339(&self) -> String {
        let time = self.time.unwrap_or(Time {
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
        });
        let mut out = format!("{}T{}", self.date, TimeText(time));
        push_offset(&mut out, self.offset.unwrap_or(0));
        out
    }

    /// The W3C/ISO 8601 form for sitemaps, JSON-LD and share tags: the date alone when no time
    /// was written, else the full instant.
    pub fn w3c(&self) -> String {
        match self.time {
            None => self.date.to_string(),
            Some(_) => self.rfc3339(),
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z of the instant (a missing time is midnight, a missing
    /// offset UTC).
    pub fn unix_seconds(&self) -> i64 {
        let secs_of_day = self.time.map_or(0, |t| {
            i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
        });
        days_from_civil(self.date) * 86_400 + secs_of_day - i64::from(self.offset.unwrap_or(0)) * 60
    }

    /// The date for readers, in the site's language ("1 May 2024").
    pub fn readable(&self, language: &str) -> String {
        super::readable::format(self.date, language)
    }
}

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month), i64::from(d.day));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `HH:MM:SS` with the fraction of the second when there is one.
struct TimeText(Time);

impl fmt::Display for TimeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(f, "{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
        if t.nanosecond != 0 {
            let frac = format!("{:09}", t.nanosecond);
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

fn push_offset(out: &mut String, minutes: i16) {
    if minutes == 0 {
        out.push('Z');
    } else {
        let sign = if minutes < 0 { '-' } else { '+' };
        let m = minutes.unsigned_abs();
        out.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |d: &DateTime| (d.unix_seconds(), d.time.map_or(0, |t| t.nanosecond));
        key(self).cmp(&key(other)).then_with(|| {
            (self.date, self.time, self.offset).cmp(&(other.date, other.time, other.offset))
        })
    }
}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The machine form, as written but normalised: `2024-05-01`, `2024-05-01T07:30:00` or
/// `2024-05-01T07:30:00+02:00` — each valid in an HTML `<time datetime>`.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some(t) = self.time {
            write!(f, "T{}", TimeText(t))?;
            if let Some(o) = self.offset {
                let mut s = String::new();
                push_offset(&mut s, o);
                f.write_str(&s)?;
            }
        }
        Ok(())
    }
}

impl Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateTimeVisitor;
        impl<'de> Visitor<'de> for DateTimeVisitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, optionally with a time")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
                DateTime::parse(v).ok_or_else(|| E::custom(invalid(v)))
            }
            // TOML dates arrive as a one-entry map holding the date's text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateTime, A::Error> {
                let (_, value): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::custom("empty date"))?;
                self.visit_str(&value)
            }
        }
        d.deserialize_any(DateTimeVisitor)
    }
}

/// The message for a value that is not a date (the diagnostic adds how to write one).
fn invalid(v: &str) -> String {
    if DateTime::parse(&format!("2000-01-01T{v}")).is_some() {
        return format!("`{v}`{NOT_A_DATE}a time of day needs a date before it");
    }
    // For what looks like a date, toml says what it expected ("invalid date, expected day
    // between 01 and 29"); for anything else ("May 1"), its "expected year or hour" would mislead.
    let dated = v
        .trim()
        .as_bytes()
        .get(..5)
        .is_some_and(|b| b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-');
    let why = TomlDatetime::from_str(v.trim())
        .err()
        .filter(|_| dated)
        .and_then(|e| Some(e.to_string().split_once(", ")?.1.to_string()))
        .unwrap_or_else(|| "expected YYYY-MM-DD".into());
    format!("`{v}`{NOT_A_DATE}{why}")
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    fn p(s: &str) -> DateTime {
        DateTime::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn dates_times_and_offsets_are_kept_as_written() {
        assert_eq!(p("2024-05-01").to_string(), "2024-05-01");
        assert_eq!(p("2024-05-01T07:30:00").to_string(), "2024-05-01T07:30:00");
        assert_eq!(p("2024-05-01 07:30").to_string(), "2024-05-01T07:30:00");
        assert_eq!(
            p("2024-05-01T07:30:00+02:00").to_string(),
            "2024-05-01T07:30:00+02:00"
        );
        assert_eq!(
            p("2024-05-01T07:30:00-05:30").to_string(),
            "2024-05-01T07:30:00-05:30"
        );
        assert_eq!(
            p("2024-05-01T07:30:00z").to_string(),
            "2024-05-01T07:30:00Z"
        );
        assert_eq!(
            p("2024-05-01T07:30:00.250Z").to_string(),
            "2024-05-01T07:30:00.25Z"
        );
    }

    #[test]
    fn impossible_dates_and_bare_times_are_refused() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "24-05-01",
            "07:30:00",
            "2024-05-01T25:00:00",
            "May 1",
        ] {
            assert!(DateTime::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            super::invalid("07:30"),
            "`07:30` is not a date: a time of day needs a date before it"
        );
        assert!(
            super::invalid("2023-02-29").ends_with("not a date: expected day between 01 and 28")
        );
        assert_eq!(
            super::invalid("May 1"),
            "`May 1` is not a date: expected YYYY-MM-DD"
        );
    }

    #[test]
    fn instants_fill_in_midnight_and_utc() {
        assert_eq!(p("2024-05-01").rfc3339(), "2024-05-01T00:00:00Z");
        assert_eq!(p("2024-05-01").w3c(), "2024-05-01");
        assert_eq!(p("2024-05-01T07:30:00").rfc3339(), "2024-05-01T07:30:00Z");
        assert_eq!(
            p("2024-05-01T07:30:00+02:00").w3c(),
            "2024-05-01T07:30:00+02:00"
        );
        assert_eq!(p("1970-01-01").unix_seconds(), 0);
        assert_eq!(p("2024-02-29T00:00:00").unix_seconds(), 1_709_164_800);
        assert_eq!(p("1970-01-01T02:00:00+02:00").unix_seconds(), 0);
        assert_eq!(p("1969-12-31").unix_seconds(), -86_400);
    }

    #[test]
    fn order_follows_the_instant() {
        // 07:30 at +02:00 is 05:30Z, before 06:00Z.
        assert!(p("2024-05-01T07:30:00+02:00") < p("2024-05-01T06:00:00Z"));
        assert!(p("2024-05-01") < p("2024-05-01T00:00:01"));
        assert!(p("2024-04-30T23:00:00") < p("2024-05-01"));
        // Same instant, written differently: ordered, but not equal.
        let (a, b) = (p("2024-05-01T02:00:00+02:00"), p("2024-05-01T00:00:00Z"));
        assert_ne!(a, b);
        assert_ne!(a.cmp(&b), std::cmp::Ordering::Equal);
    }
}
