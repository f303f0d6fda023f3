//! A file of the site in memory: its text, its path for messages, and the line table that turns
//! byte offsets into `line:col` only when a problem is reported.

use std::path::{Path, PathBuf};

use super::Diagnostic;

/// Byte offsets of line starts, to turn an offset into `line:col` when reporting.
#[derive(Debug, Clone)]
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset of `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// A control character that XML 1.0 forbids or HTML treats as an error: NUL, the C0 controls but
/// tab, line feed and carriage return, and DEL.
fn is_forbidden_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// In TOML (or YAML) text: the top-level key whose value holds a control character no page or feed can carry, and the
/// character (`None` when there is none, or the front matter does not parse: the typed parse
/// reports that).
pub(crate) fn escaped_control(matter: &str, yaml: bool) -> Option<(String, char)> {
    let bad = |s: &str| s.chars().find(|&c| is_forbidden_control(c));
    if yaml {
        yaml_control(matter, &bad)
    } else {
        toml_control(matter, &bad)
    }
}

fn toml_control(matter: &str, bad: &dyn Fn(&str) -> Option<char>) -> Option<(String, char)> {
    fn walk(v: &toml::Value, bad: &dyn Fn(&str) -> Option<char>) -> Option<char> {
        match v {
            toml::Value::String(s) => bad(s),
            toml::Value::Array(a) => a.iter().find_map(|v| walk(v, bad)),
            toml::Value::Table(t) => t.iter().find_map(|(k, v)| bad(k).or_else(|| walk(v, bad))),
            _ => None,
        }
    }
    let table: toml::Table = toml::from_str(matter).ok()?;
    table
        .iter()
        .find_map(|(k, v)| bad(k).or_else(|| walk(v, bad)).map(|c| (k.clone(), c)))
}

fn yaml_control(matter: &str, bad: &dyn Fn(&str) -> Option<char>) -> Option<(String, char)> {
    use serde_yaml_ng::Value;
    fn walk(v: &Value, bad: &dyn Fn(&str) -> Option<char>) -> Option<char> {
        match v {
            Value::String(s) => bad(s),
            Value::Sequence(a) => a.iter().find_map(|v| walk(v, bad)),
            Value::Mapping(m) => m
                .iter()
                .find_map(|(k, v)| walk(k, bad).or_else(|| walk(v, bad))),
            Value::Tagged(t) => walk(&t.value, bad),
            _ => None,
        }
    }
    let Value::Mapping(m) = serde_yaml_ng::from_str(matter).ok()? else {
        return None;
    };
    m.iter().find_map(|(k, v)| {
        let c = walk(k, bad).or_else(|| walk(v, bad))?;
        Some((k.as_str().unwrap_or_default().to_string(), c))
    })
}

/// A file of the site read into memory: its path for messages, text, and line table.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as shown in messages.
    pub path: PathBuf,
    /// The text, with any BOM removed and CRLF turned into LF (lines are unchanged).
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    /// Wraps already-normalised text.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Decodes raw bytes: rejects non-UTF-8 (with the place of the first bad byte), strips a BOM,
    /// normalises CRLF and CR-only (classic Mac) line endings, and rejects control characters that
    /// no XML or HTML output can carry (NUL and the C0 controls other than tab and line breaks,
    /// DEL), at their line and column.
    pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let good = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
                let (line, col) = LineIndex::new(&prefix).position(&prefix, good);
                return Err(Diagnostic::at(path, line, col, "file is not valid UTF-8")
                    .with_hint("save the file with UTF-8 encoding"));
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_string()
        };
        if let Some((at, c)) = text.char_indices().find(|(_, c)| is_forbidden_control(*c)) {
            let (line, col) = LineIndex::new(&text).position(&text, at);
            return Err(Diagnostic::at(
                path,
                line,
                col,
                format!(
                    "control character U+{:04X} in the text: feeds and pages cannot carry it",
                    c as u32
                ),
            )
            .with_hint("delete it (an editor may show it as a box, `^@` or nothing at all)"));
        }
        Ok(SourceFile::new(path, text))
    }

    /// `line:col` of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, offset)
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.position(offset);
        Diagnostic::at(&self.path, line, col, message)
    }
}

impl SourceFile {
    /// Gives a diagnostic that has no place yet this file and the line and column of `offset`.
    pub fn locate(&self, offset: usize, d: Diagnostic) -> Diagnostic {
        Diagnostic {
            path: Some(self.path.clone()),
            position: Some(self.position(offset)),
            ..d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_chars() {
        let text = "ab\ncé d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        assert_eq!(idx.position(text, text.find('d').unwrap()), (2, 4));
    }

    #[test]
    fn decode_reports_bad_utf8_position_and_strips_bom() {
        let err = SourceFile::decode(Path::new("p.md"), b"ok\nx\xffy".to_vec()).unwrap_err();
        assert_eq!(err.position, Some((2, 2)));
        let f = SourceFile::decode(Path::new("p.md"), b"\xef\xbb\xbfa\r\nb".to_vec()).unwrap();
        assert_eq!(f.text, "a\nb");
    }

    #[test]
    fn locate_gives_an_unplaced_diagnostic_this_file_and_line() {
        let f = SourceFile::new("p.md", "a\nbc".into());
        let d = f.locate(3, Diagnostic::new("x").with_hint("h"));
        assert_eq!(d.to_string(), "p.md:2:2: error: x\n  = help: h");
    }
    #[test]
    fn control_characters_are_refused_at_their_place_and_lone_carriage_returns_end_lines() {
        let err = SourceFile::decode(Path::new("p.md"), b"one\ntw\x1bo".to_vec()).unwrap_err();
        assert_eq!(err.position, Some((2, 3)));
        assert!(err.message.contains("U+001B"), "{}", err.message);
        for c in [0u8, 0x0b, 0x0c, 0x7f] {
            assert!(
                SourceFile::decode(Path::new("p.md"), vec![b'a', c]).is_err(),
                "{c:#x}"
            );
        }
        let f =
            SourceFile::decode(Path::new("p.md"), b"+++\rtitle = 1\r+++\r\tbody".to_vec()).unwrap();
        assert_eq!(f.text, "+++\ntitle = 1\n+++\n\tbody");
    }
}
