//! Scratch folders beside the output (`.<output>.tmp-<pid>-<n>`): where a build keeps what must
//! not be seen in the output — a tree being deleted, a page being written before it is renamed
//! into place. Each is named in the state file BEFORE it is created and unnamed only AFTER it is
//! gone, so a build killed at any instant (even half way through deleting one) leaves nothing
//! that the next build does not remove.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::state::{OLD_MARKER, State, remove_tree};
use super::{Lock, Target};
use crate::diagnostic::Diagnostic;

/// A scratch folder of this process; removed (and unregistered) when dropped.
#[derive(Debug)]
pub(crate) struct Scratch {
    /// The folder.
    pub dir: PathBuf,
    name: String,
    target: Target,
    next: AtomicUsize,
}

impl Scratch {
    /// Registers and creates a new scratch folder beside the output.
    pub(crate) fn create(target: &Target, _lock: &Lock) -> Result<Scratch, Diagnostic> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "{}{}-{}",
            target.temp_prefix(),
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let mut state = State::load(target);
        state.scratch.push(name.clone());
        state.save(target)?;
        let dir = target.sibling(&name);
        let scratch = Scratch {
            dir,
            name,
            target: target.clone(),
            next: AtomicUsize::new(0),
        };
        remove_tree(&scratch.dir)
            .and_then(|()| fs::create_dir(&scratch.dir))
            .map_err(|e| target.io(&scratch.dir, "cannot create a temporary folder", &e))?;
        Ok(scratch)
    }

    /// A fresh path inside the folder, for one temporary file.
    pub(crate) fn temp_file(&self) -> PathBuf {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        self.dir.join(format!("file-{n}"))
    }
}

impl Drop for Scratch {
    /// Removes the folder, then its name from the state (only once it is really gone).
    fn drop(&mut self) {
        if remove_tree(&self.dir).is_ok() {
            let mut state = State::load(&self.target);
            state.scratch.retain(|n| *n != self.name);
            let _ = state.save(&self.target);
        }
    }
}

impl Target {
    /// The prefix of scratch folders' names (`.public.tmp-`).
    pub(crate) fn temp_prefix(&self) -> String {
        format!(".{}.tmp-", self.name())
    }

    /// Removes what builds that died left beside the output: the scratch folders named in the
    /// state, and temporary folders of older sitegen versions (marked inside). Only called under
    /// the output's lock, so no other build of this output is running and all of them are left
    /// over (but this process's own, in use by a watch session, are kept). A folder with a scratch name that sitegen never registered is not sitegen's: kept.
    pub(crate) fn clean_leftovers(&self, _lock: &Lock) -> Result<(), Diagnostic> {
        let prefix = self.temp_prefix();
        let mut state = State::load(self);
        let before = state.scratch.len();
        // Only names of the scratch form are ever removed, whatever the file says; this process's
        // own (a watch session's) are in use.
        let own = format!("{prefix}{}-", std::process::id());
        state.scratch.retain(|name| {
            let ours = name.starts_with(&prefix) && !name.contains(['/', '\\']);
            !ours || name.starts_with(&own) || remove_tree(&self.sibling(name)).is_err()
        });
        if state.scratch.len() != before {
            state.save(self)?;
        }
        let parent = self.sibling("");
        for e in fs::read_dir(&parent).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && e.path().join(OLD_MARKER).is_file() {
                let _ = remove_tree(&e.path());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::target_for;
    use super::*;

    #[test]
    fn a_registered_scratch_folder_is_removed_even_when_half_deleted() {
        let site = tempfile::tempdir().unwrap();
        let target = target_for(site.path(), &site.path().join("public")).unwrap();
        let lock = target.lock().unwrap();
        // A build (pid 4000000) killed while deleting its scratch folder: whatever is left of
        // it, with no marker in it, is still named in the state.
        let left_dir = site.path().join(".public.tmp-4000000-0");
        State {
            scratch: vec![".public.tmp-4000000-0".into()],
            ..State::default()
        }
        .save(&target)
        .unwrap();
        fs::create_dir_all(left_dir.join("old/half-deleted")).unwrap();
        fs::write(left_dir.join("old/half-deleted/index.html"), "x").unwrap();
        // This process's own scratch folder (a watch session's) is in use: kept.
        let own = Scratch::create(&target, &lock).unwrap();
        // A folder with a scratch name that sitegen did not register is someone else's.
        let foreign = site.path().join(".public.tmp-4000001");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("mine.txt"), "not sitegen's").unwrap();
        target.clean_leftovers(&lock).unwrap();
        assert!(!left_dir.exists(), "the killed build's folder is left");
        assert!(foreign.join("mine.txt").is_file());
        assert!(own.dir.is_dir());
        let own_dir = own.dir.clone();
        drop(own);
        assert!(!own_dir.exists());
        assert!(State::load(&target).scratch.is_empty());
    }
}
