//! Walking a site's source folders with one rule for what is not a plain file or folder: a
//! symlink is followed when it leads inside the site, and is an error when it leads outside it
//! (sitegen publishes none of the builder's own files, unless `allow_outside_symlinks` says so) or
//! to nothing; a FIFO, a socket or a device
//! is an error (reading one could block the build forever); a name that is not UTF-8 is an error
//! naming its bytes. Nothing is skipped without a message.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fsutil::{is_ignored_name, is_skipped_static, relative};

/// Where the symlinks of a walk may lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Only inside the site's folder (the default): a link out of it is an error.
    Site,
    /// Anywhere (`allow_outside_symlinks = true`).
    Anywhere,
}

/// Which entries a walk leaves out: given a name, whether it is a folder and its path relative to
/// the root, `Some` with the warning to give (or `None` for silence), or `None` to keep it.
pub(crate) type Skip = dyn Fn(&str, bool, &Path) -> Option<Option<Diagnostic>>;

/// Every file under `dir` down to `depth` levels, sorted by name, as `(path, path relative to
/// dir with `/` separators)`. `skip` (given a name, whether it is a folder, and its path relative
/// to the root) names the entries below `dir` to leave out, with the warning it gives (or silently,
/// with `None`); folders left out are not entered.
pub(crate) fn files(
    root: &Path,
    dir: &Path,
    depth: usize,
    reach: Reach,
    skip: &Skip,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut walker = WalkDir::new(dir)
        .max_depth(depth)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                if let Some(d) = walk_error(root, dir, &e) {
                    diagnostics.push(d);
                }
                continue;
            }
        };
        if e.depth() > 0
            && let Some(name) = e.file_name().to_str()
            && let Some(warning) = skip(name, e.file_type().is_dir(), relative(root, e.path()))
        {
            if e.file_type().is_dir() {
                walker.skip_current_dir();
            }
            diagnostics.extend(warning);
            continue;
        }
        match usable(&site, root, reach, &e) {
            Ok(true) => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let to = rel
                    .iter()
                    .map(|p| p.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((e.into_path(), to));
            }
            Ok(false) => {}
            Err(d) => {
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                diagnostics.push(d);
            }
        }
    }
    files
}

/// Whether an entry is a file to use (`false`: a folder, walked into); an error for what cannot
/// be used.
fn usable(site: &Path, root: &Path, reach: Reach, e: &DirEntry) -> Result<bool, Diagnostic> {
    let rel = relative(root, e.path());
    if e.file_name().to_str().is_none() {
        return Err(Diagnostic::file_error(
            rel,
            format!(
                "the name is not UTF-8 (its bytes: {})",
                name_bytes(e.file_name())
            ),
        )
        .with_hint("rename it: every published name must be text a browser can ask for"));
    }
    if e.path_is_symlink()
        && reach == Reach::Site
        && let Ok(target) = e.path().canonicalize()
        && !target.starts_with(site)
    {
        return Err(Diagnostic::file_error(
            rel,
            format!(
                "is a symlink to `{}`, outside the site: not read",
                target.display()
            ),
        )
        .with_hint(
            "copy what it points to into the site: sitegen publishes no file from outside the site's folder \
             unless `allow_outside_symlinks = true` is in sitegen.toml",
        ));
    }
    let kind = e.file_type();
    if kind.is_dir() {
        return Ok(false);
    }
    if kind.is_file() {
        return Ok(true);
    }
    Err(Diagnostic::file_error(
        rel,
        format!("is {}, not a regular file: not read", special_kind(&kind)),
    )
    .with_hint("replace it with a regular file, or remove it"))
}

/// The walk's error as a diagnostic: a symlink to nothing is named; an entry that vanished while
/// being walked (an editor's save, a folder moved) is not an error: its change triggers its own
/// rebuild.
fn walk_error(root: &Path, dir: &Path, e: &walkdir::Error) -> Option<Diagnostic> {
    let path = e.path().unwrap_or(dir);
    if path.is_symlink() && !path.exists() {
        let target = std::fs::read_link(path).unwrap_or_default();
        return Some(
            Diagnostic::file_error(
                relative(root, path),
                format!(
                    "is a symlink to `{}`, which does not exist",
                    target.display()
                ),
            )
            .with_hint("remove the link, or point it at a file of the site"),
        );
    }
    if e.io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
    {
        return None;
    }
    Some(Diagnostic::file_error(
        relative(root, path),
        format!("cannot read: {e}"),
    ))
}

/// What a special file is, for its message.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

/// A name's bytes, printable ones as they are and the others as `\xNN`.
fn name_bytes(name: &std::ffi::OsStr) -> String {
    name.as_encoded_bytes()
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                (b as char).to_string()
            } else {
                format!("\\x{b:02X}")
            }
        })
        .collect()
}

/// Every file under `static/` (`dir`), dotfiles and `.well-known/` included, as `(path, path
/// relative to dir)`, and what was left out: editor litter and version-control folders, each named
/// (relative to `root`) in a warning.
pub(crate) fn static_files(
    root: &Path,
    dir: &Path,
    reach: Reach,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let skip = |name: &str, is_dir: bool, rel: &Path| -> Option<Option<Diagnostic>> {
        if !is_skipped_static(name) {
            return None;
        }
        let what = if is_dir {
            "a version-control folder"
        } else {
            "editor litter"
        };
        Some(Some(
            Diagnostic::file_error(rel, format!("not copied: {what}"))
                .warning()
                .with_hint("static files are copied as they are, dotfiles included; delete this one or move it out of `static/`"),
        ))
    };
    files(root, dir, usize::MAX, reach, &skip, diagnostics)
}

/// Files under `dir` down to `depth` levels, sorted by name, skipping editor litter and hidden
/// files; what cannot be read, or is not a regular file, is reported.
pub(crate) fn walk(
    root: &Path,
    dir: &Path,
    depth: usize,
    reach: Reach,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    files_within(root, dir, depth, reach, diagnostics)
        .into_iter()
        .map(|(from, _)| from)
        .collect()
}

/// Every file under `dir` (recursively, skipping editor litter) as `(path, path relative to dir
/// with `/` separators)`.
pub(crate) fn files_under(
    root: &Path,
    dir: &Path,
    reach: Reach,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    files_within(root, dir, usize::MAX, reach, diagnostics)
}

fn files_within(
    root: &Path,
    dir: &Path,
    depth: usize,
    reach: Reach,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let skip = |name: &str, _: bool, _: &Path| is_ignored_name(name).then_some(None);
    files(root, dir, depth, reach, &skip, diagnostics)
}
