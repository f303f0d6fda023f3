//! sitegen's bookkeeping for one output folder, kept BESIDE it (never inside, so nothing of it is
//! published): the state file `.<output>.sitegen`, which marks the output as sitegen's, names the
//! scratch folders beside it that belong to builds (so a build killed at any instant, even while
//! deleting a folder, leaves nothing the next build does not remove).
//!
//! The file is replaced atomically (written as `.<output>.sitegen.new`, then renamed), so a kill
//! at any instant leaves either the old or the new state. It is only written under the output's
//! lock.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Target;
use crate::diagnostic::Diagnostic;

/// The marker file that sitegen used to keep INSIDE the folders it made. Outputs and temporary
/// folders carrying it are still recognised as sitegen's; new ones never contain it.
pub(crate) const OLD_MARKER: &str = ".sitegen";

const HEADER: &str = "sitegen output state 1";
const NOTE: &str = "# sitegen's bookkeeping for the output folder beside this file: do not edit";

/// The state file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct State {
    /// Scratch folders beside the output (names) that builds made and have not yet removed.
    pub scratch: Vec<String>,
}

impl Target {
    /// Path of the state file beside the output.
    pub(crate) fn state_path(&self) -> PathBuf {
        self.sibling(&format!(".{}.sitegen", self.name()))
    }

    /// A path beside the output folder.
    pub(crate) fn sibling(&self, name: &str) -> PathBuf {
        self.dir.parent().unwrap_or(Path::new("/")).join(name)
    }

    /// True when sitegen has written this output before (its state file is beside it, or it
    /// carries the old marker inside).
    pub(crate) fn is_marked(&self) -> bool {
        self.state_path().is_file() || self.dir.join(OLD_MARKER).is_file()
    }
}

impl State {
    /// Reads the state beside `target`'s output; a missing or unreadable file is an empty state
    /// (nothing beside the output is then taken for sitegen's).
    pub(crate) fn load(target: &Target) -> State {
        let _ = fs::remove_file(new_path(&target.state_path()));
        fs::read_to_string(target.state_path())
            .ok()
            .and_then(|text| State::parse(&text))
            .unwrap_or_default()
    }

    /// Replaces the state file atomically.
    pub(crate) fn save(&self, target: &Target) -> Result<(), Diagnostic> {
        let path = target.state_path();
        let new = new_path(&path);
        fs::write(&new, self.render())
            .and_then(|()| fs::rename(&new, &path))
            .map_err(|e| target.io(&path, "cannot write sitegen's state file", &e))
    }

    fn render(&self) -> String {
        let mut out = format!("{HEADER}\n{NOTE}\n");
        for s in &self.scratch {
            out.push_str(&format!("scratch {s}\n"));
        }
        out
    }

    /// Parses the state file; `None` when it is not one (then nothing in it is trusted).
    fn parse(text: &str) -> Option<State> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut state = State::default();
        for line in lines {
            if line.starts_with('#') {
                continue;
            }
            let (kind, rest) = line.split_once(' ')?;
            match kind {
                "scratch" => state.scratch.push(rest.to_string()),
                _ => return None,
            }
        }
        Some(state)
    }
}

fn new_path(state: &Path) -> PathBuf {
    let mut name = state.file_name().unwrap_or_default().to_os_string();
    name.push(".new");
    state.with_file_name(name)
}

/// Removes a folder and everything in it; a folder already gone is fine.
pub(crate) fn remove_tree(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_file_reads_back_what_was_written() {
        let state = State {
            scratch: vec![".public.tmp-12-0".into(), ".public.tmp-a b".into()],
        };
        assert_eq!(State::parse(&state.render()), Some(state));
        assert_eq!(State::parse("something else\n"), None);
        assert_eq!(State::parse(&format!("{HEADER}\nwhat 1 2\n")), None);
    }
}
