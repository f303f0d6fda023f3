//! Author-facing diagnostics: the one error type, carrying `path:line:col` where it has a place,
//! and the one collector that phases report into.
//!
//! The convention, everywhere in the crate: a stage that can find many problems takes
//! `&mut Diagnostics` and keeps going; an operation that fails once returns
//! `Result<T, Diagnostic>`; the public entry points return `Result<T, Failure>`. A diagnostic that
//! belongs to no file has no path (`Diagnostic::new`); a caller that knows where the problem is
//! gives it one with [`SourceFile::locate`].

use std::fmt;
use std::path::PathBuf;

mod source;
mod suggest;
mod syntax;
mod toml_yaml;

pub(crate) use source::{SourceFile, escaped_control};
pub(crate) use suggest::{did_you_mean, list_names};
pub(crate) use toml_yaml::{NOT_A_DATE, key_offset_in, toml_error, yaml_error};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; the author should look.
    Warning,
}

/// One problem an author can act on, located in a file of the site when it has a place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root (or as given, for files outside it); `None` for problems
    /// that belong to no file (a port that cannot be bound).
    pub path: Option<PathBuf>,
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
    /// An error that belongs to no file (yet): the caller may locate it.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            path: None,
            position: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// An error about a whole file (no line inside it).
    pub fn file_error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: Some(path.into()),
            ..Diagnostic::new(message)
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
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some((line, col)) = self.position {
                write!(f, ":{line}:{col}")?;
            }
            f.write_str(": ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
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
    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![d],
        }
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

/// The collector every phase reports into, so every problem is reported, not just the first.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Records everything another collector holds.
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// True when an error (not just warnings) has been recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// What was recorded, in order.
    #[cfg(test)]
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// `Err` with every diagnostic (errors first, then warnings, each sorted by place;
    /// de-duplicated) when any is an error, otherwise `Ok` with the warnings.
    pub fn finish(mut self) -> Result<Vec<Diagnostic>, Failure> {
        let failed = self.has_errors();
        self.items
            .sort_by(|a, b| a.severity.cmp(&b.severity).then_with(|| a.cmp(b)));
        self.items.dedup();
        if failed {
            Err(Failure {
                diagnostics: self.items,
            })
        } else {
            Ok(self.items)
        }
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
