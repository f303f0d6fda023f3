//! Where an uploaded file's bytes come from: a local copy of `wp-content/uploads` (`--uploads
//! DIR`), looked up by the upload's path, never leaving that folder.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Failure};

use super::ImportOptions;
use super::media::Upload;
use super::write::Content;

/// Limits of `--download`.
#[derive(Debug, Clone)]
pub struct DownloadLimits {
    /// Downloads in flight at once.
    pub concurrency: usize,
    /// Time to connect.
    pub connect_timeout: std::time::Duration,
    /// Time for the whole answer.
    pub read_timeout: std::time::Duration,
    /// Attempts after a failed one (timeouts, 5xx, 429).
    pub retries: u32,
    /// Redirects followed.
    pub max_redirects: u32,
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for DownloadLimits {
    fn default() -> Self {
        DownloadLimits {
            concurrency: 4,
            connect_timeout: std::time::Duration::from_secs(10),
            read_timeout: std::time::Duration::from_secs(60),
            retries: 2,
            max_redirects: 5,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The places files are taken from.
pub struct Sources {
    uploads: Option<PathBuf>,
    asked: bool,
}

impl Sources {
    /// Sources for `options` (the uploads folder must exist when given).
    pub fn new(options: &ImportOptions) -> Result<Sources, Failure> {
        if let Some(dir) = &options.uploads
            && !dir.is_dir()
        {
            return Err(
                Diagnostic::file_error(dir, "the uploads folder does not exist")
                    .with_hint("pass the folder that holds the year folders (wp-content/uploads)")
                    .into(),
            );
        }
        Ok(Sources {
            uploads: options.uploads.clone(),
            asked: options.uploads.is_some() || options.download,
        })
    }

    /// The bytes of `upload`, or why they cannot be had.
    pub fn get(&mut self, upload: &Upload) -> Result<Content, Missing> {
        if let Some(dir) = &self.uploads {
            if let Some(path) = inside(dir, &upload.path)
                && path.is_file()
            {
                return Ok(Content::File(path));
            }
            return Err(Missing::Because(format!("is not in {}", dir.display())));
        }
        if self.asked {
            Err(Missing::Because("could not be had".into()))
        } else {
            Err(Missing::NotAsked)
        }
    }
}

/// Why a file is not there.
#[derive(Debug, PartialEq, Eq)]
pub enum Missing {
    /// No source was given (`--uploads`, `--download`).
    NotAsked,
    /// The sources were asked and failed: why.
    Because(String),
}

/// `dir/rel` when `rel` is a plain relative path (no `..`, no root).
fn inside(dir: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_never_leave_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2020/01")).unwrap();
        std::fs::write(dir.path().join("2020/01/a.jpg"), "x").unwrap();
        let mut sources = Sources::new(&ImportOptions {
            uploads: Some(dir.path().to_path_buf()),
            ..ImportOptions::default()
        })
        .unwrap();
        let up = |path: &str| Upload {
            path: path.into(),
            url: format!("https://o/wp-content/uploads/{path}"),
        };
        assert!(sources.get(&up("2020/01/a.jpg")).is_ok());
        assert!(sources.get(&up("../a.jpg")).is_err());
        assert!(sources.get(&up("/etc/passwd")).is_err());
        assert!(sources.get(&up("2020/01/b.jpg")).is_err());
    }
}
