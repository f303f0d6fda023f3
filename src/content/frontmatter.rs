//! Front matter: split the `+++` (TOML) or `---` (YAML) block off a file and deserialize it,
//! reporting errors at their line in the whole file.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, SourceFile, key_offset_in, toml_error, yaml_error};

/// Which language the front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `+++` fences.
    Toml,
    /// `---` fences.
    Yaml,
}

/// A file split into its front matter and body, as byte ranges of the file's text.
#[derive(Debug, Clone)]
pub struct Split {
    /// Front matter language.
    pub format: Format,
    /// Byte range of the front matter (between the fences).
    pub matter: std::ops::Range<usize>,
    /// Byte offset where the body starts.
    pub body_start: usize,
}

/// Finds the front matter block at the top of `source`.
pub(crate) fn split(source: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &source.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end();
    let (format, fence) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(source
                .error_at(0, "missing front matter")
                .with_hint("start the file with a `+++` line (TOML) or a `---` line (YAML), then `title` and `date`, then the same line again"));
        }
    };
    let matter_start = (first_line_end + 1).min(text.len());
    let mut pos = matter_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == fence {
            return Ok(Split {
                format,
                matter: matter_start..pos,
                body_start: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err(source
        .error_at(
            0,
            format!("front matter opened with `{fence}` is never closed"),
        )
        .with_hint(format!(
            "add a line holding only `{fence}` after the last front matter field"
        )))
}

/// Deserializes the front matter of `source` into `T`, naming `valid_keys` when a key is unknown.
pub(crate) fn parse<T: DeserializeOwned>(
    source: &SourceFile,
    split: &Split,
    valid_keys: &[&str],
) -> Result<T, Diagnostic> {
    let matter = &source.text[split.matter.clone()];
    let base = split.matter.start;
    match split.format {
        Format::Toml => {
            toml::from_str(matter).map_err(|e| toml_error(source, base, &e, valid_keys))
        }
        Format::Yaml => {
            // An empty YAML document is `null`; treat it as an empty mapping so that
            // missing required fields are reported by name.
            let matter = if matter.trim().is_empty() {
                "{}"
            } else {
                matter
            };
            serde_yaml_ng::from_str(matter).map_err(|e| yaml_error(source, base, &e, valid_keys))
        }
    }
}

/// A calendar date, `YYYY-MM-DD`, accepted as a string or a TOML date.
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

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| {
                    E::custom(format!(
                        "invalid date `{v}`: write a real calendar date as YYYY-MM-DD, e.g. 2024-03-18"
                    ))
                })
            }
            // TOML dates arrive as a one-entry map holding the date's text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let (_, value): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::custom("empty date"))?;
                self.visit_str(&value)
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

/// Byte offset of `key` in the front matter of `text`, or 0 (the opening fence) when absent.
pub(crate) fn key_offset(text: &str, split: &Split, key: &str) -> usize {
    key_offset_in(text, split.matter.clone(), key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("24-01-01").is_none());
        assert_eq!(Date::parse("2024-03-04").unwrap().to_string(), "2024-03-04");
    }

    #[test]
    fn split_finds_both_fences() {
        let f = SourceFile::new("a.md", "---\ntitle: x\n---\nbody".into());
        let s = split(&f).unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(&f.text[s.body_start..], "body");
        let f = SourceFile::new("a.md", "+++\ntitle = 1\n".into());
        assert!(split(&f).unwrap_err().message.contains("never closed"));
    }
}
