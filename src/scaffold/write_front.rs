//! Writing front matter for a new file, in TOML (`+++`) or YAML (`---`), and checking that the
//! crate's own front matter parser reads it back.

use serde::de::DeserializeOwned;

use crate::content::frontmatter::{self, Date, DateTime, Format};
use crate::diagnostic::{Diagnostic, SourceFile};

/// One front matter value.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    Date(Date),
    /// A date with a time and maybe an offset (`2024-05-01T07:30:00+02:00`): a TOML datetime,
    /// a plain YAML scalar.
    DateTime(DateTime),
    Int(i64),
    Bool(bool),
    /// A list of strings (the same flow syntax in TOML and YAML).
    List(Vec<String>),
    /// A small table, written inline (`{ key = value }` in TOML, `{key: value}` in YAML).
    Map(Vec<(&'static str, Value)>),
}

impl Value {
    fn write(&self, format: Format) -> String {
        match self {
            Value::Text(s) => quote(s),
            Value::Date(d) => d.to_string(),
            Value::DateTime(d) => d.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Map(fields) => {
                let separator = match format {
                    Format::Toml => " = ",
                    Format::Yaml => ": ",
                };
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("{k}{separator}{}", v.write(format)))
                    .collect();
                match format {
                    Format::Toml => format!("{{ {} }}", fields.join(", ")),
                    Format::Yaml => format!("{{{}}}", fields.join(", ")),
                }
            }
        }
    }
}

/// `fields` as a front matter block in `format`, fences included, then `body`.
pub(crate) fn document(format: Format, fields: &[(&str, Value)], body: &str) -> String {
    let (fence, separator) = match format {
        Format::Toml => ("+++", " = "),
        Format::Yaml => ("---", ": "),
    };
    let mut out = format!("{fence}\n");
    for (key, value) in fields {
        let value = value.write(format);
        out.push_str(&format!("{key}{separator}{value}\n"));
    }
    out.push_str(fence);
    out.push('\n');
    out.push_str(body);
    out
}

/// `s` as a double-quoted string that TOML (basic string) and YAML (double-quoted scalar) both
/// read back as `s`: backslash, quote and control characters escaped.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Parses `text` (to be written at `path`) with the loader's front matter rules, so a file that
/// `new` writes is one that `build` reads.
pub(crate) fn check<M: DeserializeOwned>(
    path: &str,
    text: &str,
    keys: &[&str],
) -> Result<M, Diagnostic> {
    let source = SourceFile::new(path, text.to_string());
    let split = frontmatter::split(&source)?;
    frontmatter::parse(&source, &split, keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{POST_KEYS, PostMeta};

    #[test]
    fn awkward_titles_read_back_exactly_in_both_formats() {
        let date = Date::parse("2024-03-18").unwrap();
        for title in [
            "Plain",
            "Say \"hi\" \\ there",
            "Colon: # hash 'single' {braces} [brackets]",
            // Tab is the one control character a page may carry (the others are refused).
            "tab\there",
            "- starts like a list",
            "true",
            "Ünïcödé — 日本語",
        ] {
            for format in [Format::Toml, Format::Yaml] {
                let fields = [
                    ("title", Value::Text(title.into())),
                    ("date", Value::Date(date)),
                    ("weight", Value::Int(3)),
                    ("draft", Value::Bool(true)),
                ];
                let text = document(format, &fields, "\n");
                let meta: PostMeta = check("posts/x.md", &text, POST_KEYS)
                    .unwrap_or_else(|e| panic!("{format:?} {title:?}: {e}\n{text}"));
                assert_eq!(meta.title, title, "{format:?}\n{text}");
                assert_eq!(
                    (meta.date.map(|d| d.date), meta.weight, meta.draft),
                    (Some(date), 3, true)
                );
            }
        }
    }

    #[test]
    fn each_format_has_its_own_fences_and_separators() {
        let fields = [("title", Value::Text("T".into()))];
        assert_eq!(
            document(Format::Toml, &fields, "\n"),
            "+++\ntitle = \"T\"\n+++\n\n"
        );
        assert_eq!(
            document(Format::Yaml, &fields, "\n"),
            "---\ntitle: \"T\"\n---\n\n"
        );
    }
}
