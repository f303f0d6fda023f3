//! Filesystem helpers: reading a site's files with the path attached to every error, so no I/O
//! failure reaches the author unnamed, and the editor-litter rule in one place (the walks that
//! use it are in `walk.rs`).

use std::fs;
use std::path::Path;

use crate::diagnostic::{Diagnostic, SourceFile};

/// Reads a text file of the site into a `SourceFile` named relative to `root`.
pub(crate) fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = relative(root, path);
    let bytes = fs::read(path).map_err(|e| io_error(rel, "cannot read file", &e))?;
    SourceFile::decode(rel, bytes)
}

/// A diagnostic for an I/O error on `path`.
pub(crate) fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file_error(path, format!("{what}: {e}"))
}

/// `path` relative to `root`, for messages (as given when it is outside `root`).
pub(crate) fn relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// Percent-decodes a URL path; `None` for a malformed escape or bytes that are not UTF-8.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// True for names an editor leaves behind (swap, backup and lock files) and hidden files.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || is_litter(name)
}

/// Folders of version-control systems, never part of a site.
pub(crate) const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", ".jj"];

/// True for files an editor or a desktop leaves behind: swap, backup and lock files (`.x.swp`,
/// `x~`, `.#x`, Vim's `4913`), `.DS_Store`, `Thumbs.db`.
pub(crate) fn is_litter(name: &str) -> bool {
    name.starts_with(".#")
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// True for a name under `static/` that is not copied: editor litter or a version-control
/// folder (dotfiles otherwise are part of the site: `.htaccess`, `.well-known/`).
pub(crate) fn is_skipped_static(name: &str) -> bool {
    VCS_DIRS.contains(&name) || is_litter(name)
}
