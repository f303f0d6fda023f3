//! Writing the output: refuse dangerous folders, build into a sibling temporary folder, then swap it
//! in atomically so a failed build never damages the previous output.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Asset;
use crate::diagnostic::Diagnostic;
use crate::render::Page;

/// The marker file that says sitegen created a folder (and may replace it).
pub const MARKER: &str = ".sitegen";
const MARKER_TEXT: &str = "This folder is written by sitegen; it is replaced on every build.\n";

/// A checked output folder.
#[derive(Debug, Clone)]
pub struct Target {
    /// Absolute output folder.
    pub dir: PathBuf,
    /// How it is named in messages.
    pub shown: PathBuf,
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Resolve `.` and `..` lexically, then canonicalise the longest existing prefix.
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

/// Checks that `config.output` is safe to replace.
pub fn target(config: &Config) -> Result<Target, Diagnostic> {
    target_for(&config.root, &config.output)
}

/// Checks that `output` is safe to replace for the site at `root`.
pub fn target_for(root: &Path, output: &Path) -> Result<Target, Diagnostic> {
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
    for sub in ["posts", "templates", "static"] {
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
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => return Err(refuse("it is a symbolic link".into())),
        Ok(m) if !m.is_dir() => return Err(refuse("it is a file".into())),
        Ok(_) => {
            let mut entries =
                fs::read_dir(&dir).map_err(|e| refuse(format!("cannot read it: {e}")))?;
            let empty = entries.next().is_none();
            if !empty && !dir.join(MARKER).is_file() {
                return Err(refuse(format!(
                    "it is not empty and sitegen did not create it (no `{MARKER}` file in it)"
                )));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(refuse(format!("cannot inspect it: {e}"))),
    }
    Ok(Target { dir, shown })
}

impl Target {
    fn temp_prefix(&self) -> String {
        let name = self
            .dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        format!(".{name}.tmp-")
    }

    /// Removes temporary folders left by builds that died (their process is gone).
    pub fn clean_stale(&self) {
        let (Some(parent), prefix) = (self.dir.parent(), self.temp_prefix()) else {
            return;
        };
        let Ok(entries) = fs::read_dir(parent) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name
                .strip_prefix(&prefix)
                .and_then(|p| p.parse::<u32>().ok())
                && pid != std::process::id()
                && !Path::new("/proc").join(pid.to_string()).exists()
                && e.path().join(MARKER).is_file()
            {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }

    /// Writes `pages` and `assets` into a fresh temporary folder and swaps it into place.
    /// Returns the number of files written.
    pub fn write_all(
        &self,
        config: &Config,
        pages: &[Page],
        assets: &[Asset],
    ) -> Result<usize, Diagnostic> {
        self.clean_stale();
        let parent = self.dir.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)
            .map_err(|e| self.io(parent, "cannot create the output's parent folder", &e))?;
        let temp = parent.join(format!("{}{}", self.temp_prefix(), std::process::id()));
        if temp.exists() {
            fs::remove_dir_all(&temp)
                .map_err(|e| self.io(&temp, "cannot remove an old temporary folder", &e))?;
        }
        let result = self
            .fill(config, &temp, pages, assets)
            .and_then(|n| self.swap(&temp).map(|()| n));
        if result.is_err() {
            let _ = fs::remove_dir_all(&temp);
        }
        result
    }

    fn fill(
        &self,
        config: &Config,
        temp: &Path,
        pages: &[Page],
        assets: &[Asset],
    ) -> Result<usize, Diagnostic> {
        fs::create_dir_all(temp)
            .map_err(|e| self.io(temp, "cannot create the temporary output folder", &e))?;
        fs::write(temp.join(MARKER), MARKER_TEXT).map_err(|e| self.io(temp, "cannot write", &e))?;
        pages.par_iter().try_for_each(|p| {
            let to = temp.join(&p.path);
            ensure_parent(&to)
                .and_then(|()| fs::write(&to, &p.bytes))
                .map_err(|e| self.io(&to, "cannot write", &e))
        })?;
        assets.par_iter().try_for_each(|a| {
            let to = temp.join(&a.to);
            ensure_parent(&to)
                .and_then(|()| fs::copy(&a.from, &to).map(drop))
                .map_err(|e| {
                    Diagnostic::file_error(
                        config.relative(&a.from),
                        format!("cannot copy into the output: {e}"),
                    )
                })
        })?;
        Ok(pages.len() + assets.len())
    }

    fn swap(&self, temp: &Path) -> Result<(), Diagnostic> {
        if !self.dir.exists() {
            return fs::rename(temp, &self.dir)
                .map_err(|e| self.io(&self.dir, "cannot move the new output into place", &e));
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            if renameat_with(CWD, temp, CWD, &self.dir, RenameFlags::EXCHANGE).is_ok() {
                // `temp` now holds the previous output.
                let _ = fs::remove_dir_all(temp);
                return Ok(());
            }
        }
        let old = temp.with_extension("old");
        fs::rename(&self.dir, &old)
            .map_err(|e| self.io(&self.dir, "cannot move the previous output aside", &e))?;
        if let Err(e) = fs::rename(temp, &self.dir) {
            let _ = fs::rename(&old, &self.dir);
            return Err(self.io(&self.dir, "cannot move the new output into place", &e));
        }
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }

    fn io(&self, path: &Path, what: &str, e: &io::Error) -> Diagnostic {
        Diagnostic::file_error(&self.shown, format!("{what} ({}): {e}", path.display()))
    }
}

/// Creates the parent folder of `path`.
pub fn ensure_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(p) => fs::create_dir_all(p),
        None => Ok(()),
    }
}
