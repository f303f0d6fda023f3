//! Which uploaded files a post uses and what each is called in its bundle: WordPress's size
//! variants (`photo-300x225.jpg`, `?w=300`) map back to the original, so sitegen's image
//! pipeline makes its own sizes; two different files with one name get distinct names.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::links::is_upload;

/// The uploaded files one post uses.
#[derive(Debug, Default, Clone)]
pub struct MediaUses {
    /// File name in the bundle (or root-relative path under `static/`) → the upload's path
    /// under `wp-content/uploads/` (`2020/01/a.jpg`) and the URL of the original.
    pub files: BTreeMap<String, Upload>,
    /// Files go to `static/wp-content/uploads/` (pages) rather than a bundle (posts).
    pub to_static: bool,
    /// Upload paths of the export's attachments: originals, even when named like a size variant.
    pub known: Arc<BTreeSet<String>>,
}

/// One uploaded file of the old site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Path under the uploads folder, e.g. `2020/01/photo.jpg`.
    pub path: String,
    /// URL of the original file.
    pub url: String,
}

impl MediaUses {
    /// The name to link to for `url`: a bundle file name for an upload of the old site (recorded),
    /// else `url` as it is.
    pub fn use_url(&mut self, url: &str) -> String {
        let Some(upload) = original(url, &self.known) else {
            return url.trim().to_string();
        };
        if self.to_static {
            let path: Vec<String> = upload.path.split('/').map(safe_name).collect();
            let name = format!("/wp-content/uploads/{}", path.join("/"));
            self.files.entry(name.clone()).or_insert(upload);
            return name;
        }
        let base = upload.path.rsplit('/').next().unwrap_or("file").to_string();
        let mut name = safe_name(&base);
        if let Some(existing) = self.files.get(&name)
            && existing.path != upload.path
        {
            name = safe_name(&upload.path.replace('/', "-"));
        }
        self.files.entry(name.clone()).or_insert(upload);
        name
    }

    /// Records every upload of `other`.
    pub fn extend(&mut self, other: MediaUses) {
        for (name, upload) in other.files {
            self.files.entry(name).or_insert(upload);
        }
    }
}

/// The upload path of `url` as written (`2020/01/a-300x200.jpg`), if it is an upload.
pub fn upload_path(url: &str) -> Option<String> {
    if !is_upload(url) {
        return None;
    }
    let clean = url.trim().split(['?', '#']).next().unwrap_or("");
    let path = match clean.find("/wp-content/uploads/") {
        Some(at) => &clean[at + "/wp-content/uploads/".len()..],
        None => {
            // WordPress.com: https://site.files.wordpress.com/2020/01/a.jpg; Jetpack's image CDN
            // puts the origin's host first: https://i0.wp.com/site.files.wordpress.com/2020/01/a.jpg
            let after_scheme = clean.split("://").nth(1).unwrap_or(clean);
            let (host, path) = after_scheme.split_once('/').unwrap_or((after_scheme, ""));
            if host.ends_with(".wp.com") {
                path.split_once('/').map_or("", |(_, p)| p)
            } else {
                path
            }
        }
    };
    (!path.is_empty() && !path.ends_with('/')).then(|| percent_decode(path))
}

/// The original upload behind `url`: query (`?w=300`) and size suffix (`-300x225`) removed,
/// unless `known` (the export's attachments) says the file itself is an original.
pub fn original(url: &str, known: &BTreeSet<String>) -> Option<Upload> {
    let as_written = upload_path(url)?;
    let path = if known.contains(&as_written) {
        as_written
    } else {
        strip_size(&as_written)
    };
    let clean = url.trim().split(['?', '#']).next().unwrap_or("");
    let prefix_len = clean.len() - clean.rsplit('/').next().unwrap_or("").len();
    let file = path.rsplit('/').next().unwrap_or(&path);
    Some(Upload {
        url: format!("{}{file}", &clean[..prefix_len]),
        path,
    })
}

/// `photo-300x225.jpg` → `photo.jpg`; `photo-scaled.jpg` → `photo.jpg` (WordPress 5.3's big-image copy).
fn strip_size(path: &str) -> String {
    let (dir, file) = match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    };
    let (stem, ext) = match file.rfind('.') {
        Some(i) if i > 0 => (&file[..i], &file[i..]),
        _ => (file, ""),
    };
    let stem = match stem.rsplit_once('-') {
        Some((base, size))
            if !base.is_empty()
                && size.split_once('x').is_some_and(|(w, h)| {
                    !w.is_empty()
                        && !h.is_empty()
                        && w.bytes().all(|b| b.is_ascii_digit())
                        && h.bytes().all(|b| b.is_ascii_digit())
                }) =>
        {
            base
        }
        Some((base, "scaled")) if !base.is_empty() => base,
        _ => stem,
    };
    format!("{dir}{stem}{ext}")
}

/// A file name that is one safe path segment.
pub fn safe_name(name: &str) -> String {
    let decoded = percent_decode(name);
    let cleaned: String = decoded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches(['.', '-']).to_string();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        "file".into()
    } else if cleaned == "index.md" {
        "index-file.md".into()
    } else {
        cleaned
    }
}

/// `%e6%97%a5` → `日`; invalid sequences are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_variants_map_to_the_original() {
        let none = BTreeSet::new();
        let u = original(
            "https://old.example/wp-content/uploads/2013/03/photo-300x225.jpg?w=3",
            &none,
        )
        .unwrap();
        assert_eq!(u.path, "2013/03/photo.jpg");
        assert_eq!(
            u.url,
            "https://old.example/wp-content/uploads/2013/03/photo.jpg"
        );
        let u = original(
            "https://t.files.wordpress.com/2013/03/a-b-scaled.png",
            &none,
        )
        .unwrap();
        assert_eq!(u.path, "2013/03/a-b.png");
        assert_eq!(original("https://old.example/about/", &none), None);
        let known = BTreeSet::from(["2013/03/align-150x150.jpg".to_string()]);
        let u = original(
            "https://t.files.wordpress.com/2013/03/align-150x150.jpg",
            &known,
        )
        .unwrap();
        assert_eq!(
            u.path, "2013/03/align-150x150.jpg",
            "an original named like a variant"
        );
        assert_eq!(strip_size("2020/01/img-1200x4002.jpg"), "2020/01/img.jpg");
        assert_eq!(strip_size("x-large.jpg"), "x-large.jpg");
    }

    #[test]
    fn cdn_and_multisite_addresses_name_the_upload() {
        let none = BTreeSet::new();
        for (url, path) in [
            (
                "https://blog.files.wordpress.com/2011/07/a-300x200.jpg?w=300",
                "2011/07/a.jpg",
            ),
            (
                "https://i0.wp.com/blog.files.wordpress.com/2011/07/a.jpg?resize=300%2C200",
                "2011/07/a.jpg",
            ),
            (
                "https://i2.wp.com/o.example/wp-content/uploads/2011/07/a-scaled.jpg?ssl=1",
                "2011/07/a.jpg",
            ),
            (
                "https://o.example/wp-content/uploads/sites/2/2011/07/a-1024x768.jpg",
                "sites/2/2011/07/a.jpg",
            ),
        ] {
            assert_eq!(
                original(url, &none).map(|u| u.path).as_deref(),
                Some(path),
                "{url}"
            );
        }
    }

    #[test]
    fn names_are_safe_and_distinct() {
        let mut uses = MediaUses::default();
        let a = uses.use_url("https://o.example/wp-content/uploads/2020/01/a.jpg");
        let b = uses.use_url("https://o.example/wp-content/uploads/2021/05/a-150x150.jpg");
        let c = uses.use_url("https://o.example/wp-content/uploads/2020/01/a-640x480.jpg");
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str()),
            ("a.jpg", "2021-05-a.jpg", "a.jpg")
        );
        assert_eq!(uses.files.len(), 2);
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("%2e%2e"), "file");
        assert_eq!(
            uses.use_url("https://elsewhere.example/x.jpg"),
            "https://elsewhere.example/x.jpg"
        );
    }
}
