//! Writing the imported site: every path checked to stay inside the target folder (no `..`, no
//! absolute part, no symlink leading out), every file compared with what is there first — equal
//! bytes are left alone, different ones are refused without `--force` before anything is written —
//! and each file written to a temporary name and renamed, so none is ever half-written. A failure
//! part way (a full disk) takes back what the run wrote, so a failed import leaves the folder as it
//! was, or names each file it could not take back.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Failure};
use crate::fsutil::io_error;

/// One file of the imported site.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path inside the target folder, `/`-separated.
    pub rel: String,
    /// What to write.
    pub content: Content,
}

/// A file's bytes, or a file to copy them from.
#[derive(Debug, Clone)]
pub enum Content {
    /// Bytes in memory (documents, downloaded media).
    Bytes(Vec<u8>),
    /// A file on disk (an upload from `--uploads`).
    File(PathBuf),
}

impl Content {
    fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Content::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Content::File(p) => fs::read(p).map(std::borrow::Cow::Owned),
        }
    }
}

/// What writing did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files created or replaced.
    pub written: Vec<String>,
    /// Files that already held the same bytes.
    pub unchanged: usize,
}

/// Checks that `rel` is a plain relative path (no `..`, root or prefix).
pub fn check_rel(rel: &str) -> Result<(), Diagnostic> {
    let path = Path::new(rel);
    let plain = !rel.is_empty()
        && !rel.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(())
    } else {
        Err(Diagnostic::new(format!(
            "refusing to write `{rel}`: it is not a plain path inside the target folder"
        )))
    }
}

/// Writes `outputs` into `root`: all or, when something is in the way, nothing.
pub fn write_all(root: &Path, outputs: &[Output], force: bool) -> Result<Written, Failure> {
    let mut problems = Vec::new();
    let mut todo = Vec::new();
    let mut done = Written::default();
    for out in outputs {
        if let Err(d) = check_rel(&out.rel) {
            problems.push(d);
            continue;
        }
        if let Err(d) = check_no_escape(root, &out.rel) {
            problems.push(d);
            continue;
        }
        let path = root.join(&out.rel);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {
                let existing = fs::read(&path).map_err(|e| io_error(&path, "cannot read", &e))?;
                let new = out
                    .content
                    .read()
                    .map_err(|e| source_error(&out.content, &e))?;
                if existing == *new {
                    done.unchanged += 1;
                } else if force {
                    todo.push(out);
                } else {
                    problems.push(
                        Diagnostic::file_error(&out.rel, "already exists with other content")
                            .with_hint(
                                "move it away, or pass --force to replace the imported files",
                            ),
                    );
                }
            }
            Ok(_) => problems.push(Diagnostic::file_error(
                &out.rel,
                "is in the way: it exists and is not a regular file",
            )),
            Err(_) => todo.push(out),
        }
    }
    if !problems.is_empty() {
        return Err(Failure {
            diagnostics: problems,
        });
    }
    // What each file held before (none: it is new), so a failure part way takes it all back.
    let mut undo: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for out in todo {
        let path = root.join(&out.rel);
        let before = fs::read(&path).ok();
        if let Err(d) = write_one(root, out) {
            let left = roll_back(root, &undo);
            return Err(Failure {
                diagnostics: std::iter::once(d).chain(left).collect(),
            });
        }
        undo.push((path, before));
        done.written.push(out.rel.clone());
    }
    Ok(done)
}

/// Takes back what this run wrote, newest first: a new file is removed (and the folders it
/// leaves empty), a replaced one gets its bytes back. Returns a warning for each file that could
/// not be taken back: it stays as this run wrote it.
fn roll_back(root: &Path, undo: &[(PathBuf, Option<Vec<u8>>)]) -> Vec<Diagnostic> {
    let mut left = Vec::new();
    for (path, before) in undo.iter().rev() {
        let result = match before {
            Some(bytes) => fs::write(path, bytes),
            None => fs::remove_file(path).map(|()| remove_empty_parents(root, path)),
        };
        if let Err(e) = result {
            left.push(
                io_error(
                    path,
                    "was written by this import and could not be taken back",
                    &e,
                )
                .warning(),
            );
        }
    }
    left
}

/// Removes the folders above `path` that are empty, up to `root`.
fn remove_empty_parents(root: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn source_error(content: &Content, e: &std::io::Error) -> Diagnostic {
    match content {
        Content::File(p) => io_error(p, "cannot read", e),
        Content::Bytes(_) => Diagnostic::new(format!("cannot read: {e}")),
    }
}

/// Refuses a path whose existing part leads outside `root` through a symlink.
fn check_no_escape(root: &Path, rel: &str) -> Result<(), Diagnostic> {
    let Ok(root_real) = root.canonicalize() else {
        return Ok(()); // The root does not exist yet: nothing inside it can be a symlink.
    };
    let mut at = root.to_path_buf();
    for part in Path::new(rel).components() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let real = at.canonicalize().unwrap_or_default();
                if !real.starts_with(&root_real) {
                    return Err(Diagnostic::file_error(
                        rel,
                        format!(
                            "refusing to write through `{}`: a symlink leading out of the target folder",
                            at.display()
                        ),
                    ));
                }
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

fn write_one(root: &Path, out: &Output) -> Result<(), Diagnostic> {
    let path = root.join(&out.rel);
    let dir = path.parent().unwrap_or(root);
    fs::create_dir_all(dir).map_err(|e| io_error(dir, "cannot create the folder", &e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.import-{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        crate::faults::check(&crate::faults::import_write(&out.rel))?;
        let mut file = fs::File::create(&temp)?;
        match &out.content {
            Content::Bytes(b) => file.write_all(b)?,
            Content::File(src) => {
                let mut from = fs::File::open(src)?;
                std::io::copy(&mut from, &mut file)?;
            }
        }
        file.sync_all()?;
        fs::rename(&temp, &path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        io_error(&path, "cannot write", &e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rel: &str, s: &str) -> Output {
        Output {
            rel: rel.into(),
            content: Content::Bytes(s.as_bytes().to_vec()),
        }
    }

    #[test]
    fn only_plain_relative_paths() {
        for bad in ["../x", "/etc/x", "a/../../x", "", "a\\..\\x", "./x"] {
            assert!(check_rel(bad).is_err(), "{bad}");
        }
        assert!(check_rel("posts/a/index.md").is_ok());
    }

    #[test]
    fn equal_files_are_left_and_different_ones_refused_until_forced() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_all(dir.path(), &[text("a/b.md", "one")], false).unwrap();
        assert_eq!(first.written, ["a/b.md"]);
        let again = write_all(dir.path(), &[text("a/b.md", "one")], false).unwrap();
        assert_eq!((again.written.len(), again.unchanged), (0, 1));
        let refused = write_all(
            dir.path(),
            &[text("new.md", "x"), text("a/b.md", "two")],
            false,
        )
        .unwrap_err();
        assert!(refused.diagnostics[0].message.contains("already exists"));
        assert!(!dir.path().join("new.md").exists(), "nothing half-written");
        write_all(dir.path(), &[text("a/b.md", "two")], true).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("a/b.md")).unwrap(),
            "two"
        );
    }

    #[test]
    fn a_symlink_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("posts")).unwrap();
        let e = write_all(dir.path(), &[text("posts/x/index.md", "x")], false).unwrap_err();
        assert!(e.diagnostics[0].message.contains("symlink"), "{e}");
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}
