//! The atomic swap: a complete new tree takes the output's place in one step, so the output is
//! the old or the new complete site at every instant. On Linux `renameat2(RENAME_EXCHANGE)`
//! exchanges the two folders; elsewhere (or where the filesystem refuses it) two renames do,
//! with the previous output moved back if the second one fails.

use std::fs;
use std::path::Path;

use super::{Lock, Scratch, Target};
use crate::diagnostic::Diagnostic;

impl Target {
    /// Puts the tree at `new` in the output's place. Afterwards `new` holds the previous output
    /// (or nothing, when there was none).
    pub(crate) fn swap(&self, new: &Path, lock: &Lock) -> Result<(), Diagnostic> {
        crate::faults::check(crate::faults::SWAP)
            .map_err(|e| self.io(&self.dir, "cannot move the previous output aside", &e))?;
        if !self.dir.exists() {
            return fs::rename(new, &self.dir)
                .map_err(|e| self.io(&self.dir, "cannot move the new output into place", &e));
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            if renameat_with(CWD, new, CWD, &self.dir, RenameFlags::EXCHANGE).is_ok() {
                return Ok(());
            }
        }
        // The fallback parks the previous output in a scratch folder for a moment.
        let scratch = Scratch::create(self, lock)?;
        self.swap_by_renames(new, &scratch.dir.join("previous"))
    }

    /// The swap where an atomic exchange is not available: the previous output is moved to
    /// `aside`, the new one into place, the previous one back if that fails, and finally to
    /// `new`'s old place.
    fn swap_by_renames(&self, new: &Path, aside: &Path) -> Result<(), Diagnostic> {
        fs::rename(&self.dir, aside)
            .map_err(|e| self.io(&self.dir, "cannot move the previous output aside", &e))?;
        if let Err(e) = fs::rename(new, &self.dir) {
            let _ = fs::rename(aside, &self.dir);
            return Err(self.io(&self.dir, "cannot move the new output into place", &e));
        }
        let _ = fs::rename(aside, new);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::target_for;
    use super::*;

    #[test]
    fn the_fallback_swap_exchanges_the_two_trees() {
        let site = tempfile::tempdir().unwrap();
        let target = target_for(site.path(), &site.path().join("public")).unwrap();
        fs::create_dir_all(target.dir.join("old-post")).unwrap();
        let new = site.path().join(".public.new");
        fs::create_dir_all(&new).unwrap();
        fs::write(new.join("index.html"), "new").unwrap();
        target
            .swap_by_renames(&new, &site.path().join(".aside"))
            .unwrap();
        assert_eq!(
            fs::read_to_string(target.dir.join("index.html")).unwrap(),
            "new"
        );
        assert!(!target.dir.join("old-post").exists());
        assert!(new.join("old-post").is_dir(), "the old tree is handed back");
        assert!(!site.path().join(".aside").exists());
    }

    #[test]
    fn a_failed_fallback_swap_puts_the_previous_output_back() {
        let site = tempfile::tempdir().unwrap();
        let target = target_for(site.path(), &site.path().join("public")).unwrap();
        fs::create_dir_all(&target.dir).unwrap();
        fs::write(target.dir.join("index.html"), "old").unwrap();
        // The new tree is missing, so moving it into place fails after the old one moved aside.
        let err = target
            .swap_by_renames(
                &site.path().join(".public.new"),
                &site.path().join(".aside"),
            )
            .unwrap_err();
        assert!(
            err.message
                .contains("cannot move the new output into place"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(target.dir.join("index.html")).unwrap(),
            "old"
        );
    }
}
