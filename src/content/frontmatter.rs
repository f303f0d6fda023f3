//! Front matter: split the `+++` (TOML) or `---` (YAML) block off a file and deserialize it,
//! reporting errors at their line in the whole file.

use serde::de::DeserializeOwned;

pub(crate) use crate::date::{Date, DateTime};

use crate::diagnostic::escaped_control;
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
    // Raw control characters never get this far (`SourceFile::decode`); escaped ones can.
    if matter.contains('\\')
        && let Some((key, c)) = escaped_control(matter, split.format == Format::Yaml)
    {
        let at = key_offset(&source.text, split, &key);
        return Err(source
            .error_at(
                at,
                format!(
                    "`{key}` holds the control character U+{:04X} (written as an escape): feeds and pages cannot carry it",
                    c as u32
                ),
            )
            .with_hint("remove the escape"));
    }
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

/// Byte offset of `key` in the front matter of `text`, or 0 (the opening fence) when absent.
pub(crate) fn key_offset(text: &str, split: &Split, key: &str) -> usize {
    key_offset_in(text, split.matter.clone(), key)
}

/// Byte offset of the string `value` as written in the front matter at or after `key` (the
/// first place it is found), else of `key`: where a value nested under `key` is reported.
pub(crate) fn value_offset(text: &str, split: &Split, key: &str, value: &str) -> usize {
    let key_at = key_offset(text, split, key);
    let from = key_at.max(split.matter.start);
    text.get(from..split.matter.end)
        .and_then(|m| m.find(value).filter(|_| !value.is_empty()))
        .map_or(key_at, |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

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
