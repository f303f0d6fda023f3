//! Filesystem helpers: reading a site's files and walking its folders, with the path attached to
//! every error so no I/O failure reaches the author unnamed, and the editor-litter rule in one place.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};

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

/// Every file under `static/` (`dir`), dotfiles and `.well-known/` included, as `(path, path
/// relative to dir)`, and what was left out: editor litter and version-control folders, each named
/// (relative to `root`) in a warning.
pub(crate) fn static_files(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let skip = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_string_lossy();
        e.depth() > 0 && is_skipped_static(&name)
    };
    let mut walker = WalkDir::new(dir).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) if skip(&e) => {
                let what = if e.file_type().is_dir() {
                    walker.skip_current_dir();
                    "a version-control folder"
                } else {
                    "editor litter"
                };
                diagnostics.push(
                    Diagnostic::file_error(relative(root, e.path()), format!("not copied: {what}"))
                        .warning()
                        .with_hint("static files are copied as they are, dotfiles included; delete this one or move it out of `static/`"),
                );
            }
            Ok(e) if e.file_type().is_file() || (e.path_is_symlink() && e.path().is_file()) => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let to = rel
                    .iter()
                    .map(|p| p.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((e.into_path(), to));
            }
            Ok(_) => {}
            Err(e)
                if e.io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {}
            Err(e) => diagnostics.push(Diagnostic::file_error(
                relative(root, e.path().unwrap_or(dir)),
                format!("cannot read: {e}"),
            )),
        }
    }
    files
}

/// Files under `dir` down to `depth` levels, sorted by name, skipping editor litter; a folder that
/// cannot be read is reported (named relative to `root`) and skipped.
pub(crate) fn walk(
    root: &Path,
    dir: &Path,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(e) if e.path_is_symlink() && e.path().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            // Removed or renamed while being walked (an editor's save, a folder moved): it is
            // simply not there; the change that removed it triggers its own rebuild.
            Err(e)
                if e.io_error()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                diagnostics.push(Diagnostic::file_error(
                    relative(root, path),
                    format!("cannot read: {e}"),
                ));
            }
        }
    }
    files
}

/// Every file under `dir` (recursively, skipping editor litter) as `(path, path relative to dir
/// with `/` separators)`.
pub(crate) fn files_under(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    walk(root, dir, usize::MAX, diagnostics)
        .into_iter()
        .filter_map(|from| {
            let rel = from.strip_prefix(dir).ok()?;
            let to = rel
                .iter()
                .map(|p| p.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((from, to))
        })
        .collect()
}
