//! Choosing the output folder: the refusal rules that keep a build from replacing anything that is
//! not its own output (the site, its sources, the home folder, a symlink, a stranger's folder).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// A checked output folder.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// Absolute output folder.
    pub dir: PathBuf,
    /// How it is named in messages.
    pub shown: PathBuf,
    /// The site root (absolute), to name copied files relative to it.
    pub root: PathBuf,
}

/// `p` made absolute, with `.` and `..` resolved lexically (no link followed).
fn lexical(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `p` made absolute, then the longest prefix that exists canonicalised (links followed).
fn absolute(p: &Path) -> PathBuf {
    let out = lexical(p);
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Checks that `output` is safe to replace for the site at `root`.
pub(crate) fn target_for(root: &Path, output: &Path) -> Result<Target, Diagnostic> {
    let shown = output.to_path_buf();
    let dir = absolute(output);
    let root = absolute(root);
    let refuse = |why: String| {
        Diagnostic::file_error(
            &shown,
            format!(
                "refusing to use `{}` as the output folder: {why}",
                shown.display()
            ),
        )
        .with_hint("pass --output with a folder of its own, such as `public`")
    };
    if dir.parent().is_none() {
        return Err(refuse("it is the filesystem root".into()));
    }
    if dir == root {
        return Err(refuse("it is the site root".into()));
    }
    if root.starts_with(&dir) {
        return Err(refuse(
            "it holds the site (posts/ and templates/ are inside it)".into(),
        ));
    }
    for sub in ["posts", "pages", "templates", "static"] {
        if dir.starts_with(root.join(sub)) {
            return Err(refuse(format!(
                "it is inside `{sub}/`, which holds the site's sources"
            )));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && dir == absolute(&home)
    {
        return Err(refuse("it is your home folder".into()));
    }
    // The folder as named, before any link is followed: a link would be replaced, not its target.
    if fs::symlink_metadata(lexical(output)).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse("it is a symbolic link".into()));
    }
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => return Err(refuse("it is a symbolic link".into())),
        Ok(m) if !m.is_dir() => return Err(refuse("it is a file".into())),
        Ok(_) => {
            let mut entries =
                fs::read_dir(&dir).map_err(|e| refuse(format!("cannot read it: {e}")))?;
            let empty = entries.next().is_none();
            let target = Target {
                dir,
                shown: shown.clone(),
                root,
            };
            if !empty && !target.is_marked() {
                let state = target.state_path();
                let state = state.file_name().unwrap_or_default().to_string_lossy();
                return Err(refuse(format!(
                    "it is not empty and sitegen did not create it (no `{state}` file beside it)"
                )));
            }
            return Ok(target);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(refuse(format!("cannot inspect it: {e}"))),
    }
    Ok(Target { dir, shown, root })
}
