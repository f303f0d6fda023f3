//! The output's lock: one build or watch at a time writes a given output folder.
//!
//! The lock is an advisory file lock (`flock` on Unix, `LockFileEx` on Windows, through the
//! standard library) on `.<output>.lock` beside the output folder. The operating system releases
//! it when the process ends, however it ends, so a killed build never leaves it stuck (only the
//! unlocked file stays, and the next build reuses it). A finished build removes the file before
//! releasing the lock, and a process that locked a file checks that the file is still the one at
//! that path, so two processes can never both hold it. A second build of the same output does
//! not wait (a `watch` can hold the lock for hours): it stops at once and says who holds it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::Target;
use crate::diagnostic::Diagnostic;

/// Held while a process writes an output folder; released when dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    pub(super) fn take(target: &Target) -> Result<Lock, Diagnostic> {
        let parent = target.dir.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)
            .map_err(|e| target.io(parent, "cannot create the output's parent folder", &e))?;
        let path = parent.join(format!(".{}.lock", target.name()));
        // A holder that was finishing may remove the file we opened: then lock the new one.
        for _ in 0..100 {
            let file = Lock::try_take(target, &path)?;
            if same_file(&file, &path) {
                return Ok(Lock { file, path });
            }
        }
        Err(Diagnostic::file_error(
            &target.shown,
            "cannot lock the output: its lock file keeps being replaced",
        ))
    }

    fn try_take(target: &Target, path: &Path) -> Result<File, Diagnostic> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| target.io(path, "cannot open the output's lock file", &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let who = if holder.is_empty() {
                    "another sitegen process".to_string()
                } else {
                    format!("another sitegen process ({holder})")
                };
                return Err(Diagnostic::file_error(
                    &target.shown,
                    format!("{who} is writing this output folder"),
                )
                .with_hint(
                    "wait for that build to finish or stop that `sitegen watch` (Ctrl-C), \
                     or pass --output with another folder",
                ));
            }
            Err(TryLockError::Error(e)) => {
                return Err(target.io(path, "cannot lock the output", &e));
            }
        }
        // Say who holds it, for the message a second process shows.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "pid {}", std::process::id());
        Ok(file)
    }
}

impl Drop for Lock {
    /// Removes the lock file while still holding the lock; closing the file then releases it.
    fn drop(&mut self) {
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// True when `path` still names the file `file` has open.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere a locked file cannot be removed, so the path always names the locked file.
#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::super::target_for;

    #[test]
    fn a_second_lock_of_one_output_is_refused_until_the_first_is_released() {
        let site = tempfile::tempdir().unwrap();
        let target = target_for(site.path(), &site.path().join("public")).unwrap();
        let first = target.lock().unwrap();
        let second = target.lock().unwrap_err();
        assert!(
            second
                .to_string()
                .contains(&format!("pid {}", std::process::id())),
            "{second}"
        );
        let other = target_for(site.path(), &site.path().join("elsewhere")).unwrap();
        other.lock().expect("another output has its own lock");
        drop(first);
        let lock_file = site.path().join(".public.lock");
        assert!(!lock_file.exists(), "a released lock leaves no file");
        // A lock file left by a killed build is taken over.
        std::fs::write(&lock_file, "pid 4000000").unwrap();
        target.lock().expect("a stale lock file is not a lock");
    }
}
