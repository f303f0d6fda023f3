//! Where an uploaded file's bytes come from: a local copy of `wp-content/uploads` (`--uploads
//! DIR`), looked up by the upload's path, never leaving that folder.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Failure};

use super::ImportOptions;
use super::fetch::DownloadLimits;
use super::media::Upload;
use super::write::Content;

/// The places files are taken from.
pub struct Sources {
    uploads: Option<PathBuf>,
    download: bool,
    cache: PathBuf,
    limits: DownloadLimits,
    progress: Option<fn(usize, usize)>,
    downloaded: BTreeMap<String, Result<PathBuf, Diagnostic>>,
}

/// Where `--download` keeps what it fetched, inside the site folder (sitegen reads only
/// `posts/`, `pages/`, `static/` and `templates/`).
pub const CACHE_DIR: &str = ".import-cache/wordpress";

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
            download: options.download,
            cache: options.into.join(CACHE_DIR),
            limits: options.limits.clone(),
            progress: options.progress,
            downloaded: BTreeMap::new(),
        })
    }

    /// Downloads (with `--download`) every upload of `wanted` that the uploads folder lacks.
    pub fn prepare<'a>(&mut self, wanted: impl Iterator<Item = &'a Upload>) {
        if !self.download {
            return;
        }
        let mut urls: Vec<String> = wanted
            .filter(|u| self.local(u).is_none())
            .map(|u| u.url.clone())
            .collect();
        urls.sort();
        urls.dedup();
        let progress = self.progress;
        let report = move |done: usize, total: usize| {
            if let Some(p) = progress {
                p(done, total);
            }
        };
        let results = super::fetch::download_all(&urls, &self.cache, &self.limits, &report);
        self.downloaded = urls.into_iter().zip(results).collect();
    }

    /// The file in the uploads folder: at its path, or, for a multisite network's file
    /// (`sites/2/2011/07/a.jpg`), at the path within its site when the folder given is that
    /// site's own (`…/uploads/sites/2`).
    fn local(&self, upload: &Upload) -> Option<PathBuf> {
        let dir = self.uploads.as_ref()?;
        let within_site = upload
            .path
            .strip_prefix("sites/")
            .and_then(|rest| rest.split_once('/'))
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map(|(_, rest)| rest);
        std::iter::once(upload.path.as_str())
            .chain(within_site)
            .find_map(|rel| inside(dir, rel).filter(|p| p.is_file()))
    }

    /// The bytes of `upload`, or why they cannot be had.
    pub fn get(&self, upload: &Upload) -> Result<Content, Missing> {
        if let Some(path) = self.local(upload) {
            return Ok(Content::File(path));
        }
        if self.download {
            return match self.downloaded.get(&upload.url) {
                Some(Ok(path)) => Ok(Content::File(path.clone())),
                Some(Err(why)) => Err(Missing::Because(why.message.clone())),
                None => Err(Missing::Because("was not downloaded".into())),
            };
        }
        match &self.uploads {
            Some(dir) => Err(Missing::Because(format!("is not in {}", dir.display()))),
            None => Err(Missing::NotAsked),
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
        let sources = Sources::new(&ImportOptions {
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
        // A multisite file, with the folder of its site given.
        assert!(sources.get(&up("sites/2/2020/01/a.jpg")).is_ok());
        assert!(sources.get(&up("sites/x/2020/01/a.jpg")).is_err());
    }

    #[test]
    fn a_multisite_network_folder_serves_its_sites_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sites/2/2011/07")).unwrap();
        std::fs::write(dir.path().join("sites/2/2011/07/a.jpg"), "x").unwrap();
        let sources = Sources::new(&ImportOptions {
            uploads: Some(dir.path().to_path_buf()),
            ..ImportOptions::default()
        })
        .unwrap();
        let upload = Upload {
            path: "sites/2/2011/07/a.jpg".into(),
            url: "https://o/wp-content/uploads/sites/2/2011/07/a.jpg".into(),
        };
        assert!(sources.get(&upload).is_ok());
    }
}
