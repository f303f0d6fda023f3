//! Filesystem helpers that attach the path to every error, so no I/O failure reaches the author unnamed.

use std::fs;
use std::path::Path;

use crate::diagnostic::{Diagnostic, SourceFile};

/// Reads a text file of the site into a `SourceFile` named relative to `root`.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let bytes = fs::read(path).map_err(|e| io_error(rel, "cannot read file", &e))?;
    SourceFile::decode(rel, bytes)
}

/// A diagnostic for an I/O error on `path`.
pub fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file_error(path, format!("{what}: {e}"))
}
