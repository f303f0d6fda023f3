//! Author-facing diagnostics: one error type carrying `path:line:col`, and the line table that computes it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; the author should look.
    Warning,
}

/// One problem an author can act on, located in a file of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root (or as given, for files outside it).
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place inside the file.
    pub position: Option<(usize, usize)>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file (no line inside it).
    pub fn file_error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            position: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// An error at a line and column of a file.
    pub fn at(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            position: Some((line, col)),
            ..Diagnostic::file_error(path, message)
        }
    }

    /// Adds a hint saying what to do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Turns the diagnostic into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// True for errors (which fail the build).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that stopped a build: every error found, in a stable order.
#[derive(Debug, thiserror::Error)]
pub struct Failure {
    /// The errors (and any warnings found on the way).
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// A failure made of one diagnostic.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![diagnostic],
        }
    }

    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.error_count();
        write!(
            f,
            "build failed: {n} error{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Collects diagnostics across a stage so every problem is reported, not just the first.
#[derive(Debug, Default)]
pub struct Sink {
    items: Vec<Diagnostic>,
}

impl Sink {
    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Records many diagnostics.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// True when an error (not just warnings) has been recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Sorted, de-duplicated diagnostics.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    /// `Err` with every diagnostic when any is an error, otherwise `Ok` with the warnings.
    pub fn finish(self) -> Result<Vec<Diagnostic>, Failure> {
        let failed = self.has_errors();
        let diagnostics = self.into_sorted();
        if failed {
            Err(Failure { diagnostics })
        } else {
            Ok(diagnostics)
        }
    }
}

/// Byte offsets of line starts, to turn an offset into `line:col` when reporting.
#[derive(Debug, Clone)]
pub struct LineIndex {
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
    /// and normalises CRLF line endings.
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
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        };
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

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidates closest to `name` (within a third of its length, at least 2 edits), best first.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= limit || c.contains(name) || name.contains(c))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Formats names as "`a`, `b` or `c`".
pub fn list_names<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
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
    fn suggestions_rank_by_distance() {
        assert_eq!(
            did_you_mean("titel", ["title", "date", "tags"]),
            vec!["title"]
        );
        assert!(did_you_mean("zzzzzz", ["title"]).is_empty());
    }

    #[test]
    fn decode_reports_bad_utf8_position_and_strips_bom() {
        let err = SourceFile::decode(Path::new("p.md"), b"ok\nx\xffy".to_vec()).unwrap_err();
        assert_eq!(err.position, Some((2, 2)));
        let f = SourceFile::decode(Path::new("p.md"), b"\xef\xbb\xbfa\r\nb".to_vec()).unwrap();
        assert_eq!(f.text, "a\nb");
    }
}
