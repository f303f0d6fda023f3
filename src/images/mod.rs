//! The image stage, between loading and output: reads every image file of the site once per
//! change, makes the variants of each photo (through the cache in `.sitegen-cache/images/`), and
//! tells rendering each image's `src`, `srcset`, `width` and `height` and output which files to
//! write. Renderers never open image files.

pub(crate) mod cache;
pub(crate) mod encode;
pub(crate) mod svg;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::ImageSettings;
use crate::diagnostic::Diagnostic;
use crate::fsutil;
use crate::html::escape_html;
use crate::output::Asset;
use encode::Format;

/// What the stage found out about one image file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Measured {
    /// A drawing or an animation, copied as it is: its size.
    AsIs {
        /// Width in CSS pixels.
        width: u32,
        /// Height in CSS pixels.
        height: u32,
    },
    /// A photo, replaced by its variants.
    Photo {
        /// Its format.
        format: Format,
        /// The variants (the largest is the photo's own URL).
        entry: cache::Entry,
    },
}

/// One image file's result: measured, or why it cannot be used (the caller places the
/// diagnostic at the reference that names the file).
pub(crate) type Outcome = Result<Measured, Diagnostic>;

/// Every image file of the site, by the path it is read from, and how many were encoded.
#[derive(Debug, Default)]
pub(crate) struct Media {
    files: BTreeMap<PathBuf, Arc<Outcome>>,
    /// Photos encoded by this run (the others came from the cache or the previous run).
    pub encoded: usize,
}

/// How the stage treats a file, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Svg,
    Gif,
    Photo(Format),
}

fn kind(name: &str) -> Option<Kind> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "svg" => Some(Kind::Svg),
        "gif" => Some(Kind::Gif),
        "jpg" | "jpeg" => Some(Kind::Photo(Format::Jpeg)),
        "png" => Some(Kind::Photo(Format::Png)),
        "webp" => Some(Kind::Photo(Format::Webp)),
        _ => None,
    }
}

impl Media {
    /// Reads every image among `assets`; an image whose source is `unchanged` keeps its result
    /// from `previous` instead of being read again.
    pub(crate) fn process<'a>(
        root: &Path,
        settings: &ImageSettings,
        assets: impl Iterator<Item = &'a Asset>,
        previous: Option<&Media>,
        unchanged: &(dyn Fn(&Path) -> bool + Sync),
    ) -> Media {
        let sources: Vec<(&Path, Kind)> = assets
            .filter_map(|a| kind(&a.to).map(|k| (a.from.as_path(), k)))
            .collect();
        let encoded = AtomicUsize::new(0);
        let cache_dir = cache::dir(root);
        let files = sources
            .par_iter()
            .map(|&(from, kind)| {
                let kept = previous
                    .filter(|_| unchanged(from))
                    .and_then(|m| m.files.get(from));
                let outcome = match kept {
                    Some(o) => Arc::clone(o),
                    None => Arc::new(measure(root, &cache_dir, settings, from, kind, &encoded)),
                };
                (from.to_path_buf(), outcome)
            })
            .collect();
        Media {
            files,
            encoded: encoded.into_inner(),
        }
    }

    /// Whether `other` holds the very same measurements of the same files (taken over, not
    /// measured again): what the index drew from media is then unchanged.
    pub(crate) fn same_files(&self, other: &Media) -> bool {
        self.files.len() == other.files.len()
            && self
                .files
                .iter()
                .zip(&other.files)
                .all(|((a, x), (b, y))| a == b && Arc::ptr_eq(x, y))
    }

    /// The files the output holds for `asset`: the asset itself, or a photo's variants (the
    /// largest in its own format at its own path).
    pub(crate) fn outputs(&self, asset: &Asset) -> Vec<Asset> {
        match self.files.get(&asset.from).map(|o| o.as_ref()) {
            Some(Ok(Measured::Photo { format, entry })) => entry
                .variants
                .iter()
                .map(|v| Asset {
                    from: v.file.clone(),
                    to: variant_path(&asset.to, *format, entry.width, v),
                })
                .collect(),
            _ => vec![asset.clone()],
        }
    }

    /// The picture for `asset` (a file of the build) whose output is at `url`; `None` for a
    /// file that is not an image.
    pub(crate) fn picture(&self, asset: &Asset, url: &str) -> Result<Option<Picture>, Diagnostic> {
        let dir = url.rsplit_once('/').map_or("", |(d, _)| d);
        match self.files.get(&asset.from).map(|o| o.as_ref()) {
            Some(Ok(Measured::AsIs { width, height })) => Ok(Some(Picture {
                src: url.to_string(),
                width: *width,
                height: *height,
                srcset: String::new(),
                sources: Vec::new(),
            })),
            Some(Ok(Measured::Photo { format, entry })) => {
                let srcset = |f: Format| {
                    entry
                        .variants
                        .iter()
                        .filter(|v| v.format == f)
                        .map(|v| {
                            let path = variant_path(&asset.to, *format, entry.width, v);
                            let name = path.rsplit('/').next().unwrap_or(&path);
                            format!("{dir}/{name} {}w", v.width)
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let sources = if *format == Format::Webp {
                    Vec::new()
                } else {
                    vec![Source {
                        mime: Format::Webp.mime(),
                        srcset: srcset(Format::Webp),
                    }]
                };
                Ok(Some(Picture {
                    src: url.to_string(),
                    width: entry.width,
                    height: entry.height,
                    srcset: srcset(*format),
                    sources,
                }))
            }
            Some(Err(d)) => Err(d.clone()),
            None => Ok(None),
        }
    }
}

/// Where a variant goes: the largest in the photo's own format at the photo's path, the
/// largest WebP beside it (`photo.webp`), smaller ones `photo-480w.jpg`.
fn variant_path(to: &str, format: Format, top: u32, v: &cache::Variant) -> String {
    if v.width == top && v.format == format {
        return to.to_string();
    }
    let stem = to.rsplit_once('.').map_or(to, |(s, _)| s);
    if v.width == top {
        format!("{stem}.{}", v.format.ext())
    } else {
        format!("{stem}-{}w.{}", v.width, v.format.ext())
    }
}

fn measure(
    root: &Path,
    cache_dir: &Path,
    settings: &ImageSettings,
    from: &Path,
    kind: Kind,
    encoded: &AtomicUsize,
) -> Outcome {
    let rel = fsutil::relative(root, from);
    let bytes = std::fs::read(from).map_err(|e| fsutil::io_error(rel, "cannot read image", &e))?;
    let unreadable =
        |why: String| Diagnostic::new(format!("cannot read image `{}`: {why}", rel.display()));
    match kind {
        Kind::Svg => {
            let text = String::from_utf8_lossy(&bytes);
            let (width, height) = svg::size(&text).map_err(|why| {
                Diagnostic::new(format!(
                    "cannot read the size of `{}`: {}",
                    rel.display(),
                    why.message
                ))
                .with_hint(
                    "give the drawing's `<svg>` a `viewBox` (or `width` and `height` in pixels)",
                )
            })?;
            Ok(Measured::AsIs { width, height })
        }
        Kind::Gif => {
            let (width, height) = image::ImageReader::with_format(
                std::io::Cursor::new(&bytes),
                image::ImageFormat::Gif,
            )
            .into_dimensions()
            .map_err(|e| {
                unreadable(e.to_string()).with_hint("save it again as a GIF, or replace it")
            })?;
            Ok(Measured::AsIs { width, height })
        }
        Kind::Photo(format) => {
            let key = cache::key(&bytes, settings);
            if let Some(entry) = cache::read(cache_dir, &key) {
                return Ok(Measured::Photo { format, entry });
            }
            let hint = "the file is damaged or not the format its name says: export it again";
            let img =
                encode::decode(&bytes).map_err(|why| unreadable(why.message).with_hint(hint))?;
            let variants = encode::variants(&img, format, settings)
                .map_err(|why| unreadable(why.message).with_hint(hint))?;
            let entry = cache::write(cache_dir, &key, &variants).map_err(|e| {
                fsutil::io_error(&cache_dir.join(&key), "cannot write the image cache", &e)
            })?;
            encoded.fetch_add(1, Ordering::Relaxed);
            Ok(Measured::Photo { format, entry })
        }
    }
}

/// An image as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Picture {
    /// URL of the image (of a photo: its largest variant in its own format).
    pub src: String,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
    /// `srcset` of a photo in its own format (`""` for a drawing).
    pub srcset: String,
    /// Other formats (WebP), offered first through `<picture>`.
    pub sources: Vec<Source>,
}

/// A `<source>` of a `<picture>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Source {
    /// MIME type.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// Its `srcset`.
    pub srcset: String,
}

/// How one `<img>` of a page is written.
pub(crate) struct Show<'a> {
    /// Alternative text (`""` for a decorative image).
    pub alt: &'a str,
    /// `class` of the element, if any.
    pub class: &'a str,
    /// Below the first screen: loaded when the reader gets near it.
    pub lazy: bool,
    /// The image's title (`![alt](src "title")`), shown as a tooltip; `""` for none.
    pub title: &'a str,
}

/// The width a picture takes in the theme: the column (at most 45rem), else the screen.
const SIZES: &str = "(min-width: 50rem) 45rem, 100vw";

impl Picture {
    /// The HTML of the image, with its size so the page keeps its layout while it loads.
    pub(crate) fn html(&self, show: &Show<'_>) -> String {
        self.html_sized(show, SIZES)
    }

    /// [`Picture::html`] for an image shown at the widths `sizes` says (a list's thumbnail), so
    /// the browser picks a variant of that size.
    pub(crate) fn html_sized(&self, show: &Show<'_>, sizes: &str) -> String {
        let mut out = String::new();
        if !self.sources.is_empty() {
            out.push_str("<picture>");
            for s in &self.sources {
                out.push_str(&format!(
                    r#"<source type="{}" srcset="{}" sizes="{sizes}">"#,
                    s.mime,
                    escape_html(&s.srcset)
                ));
            }
        }
        out.push_str(&format!(r#"<img src="{}""#, escape_html(&self.src)));
        if !self.srcset.is_empty() {
            out.push_str(&format!(
                r#" srcset="{}" sizes="{sizes}""#,
                escape_html(&self.srcset)
            ));
        }
        out.push_str(&format!(
            r#" alt="{}" width="{}" height="{}""#,
            escape_html(show.alt),
            self.width,
            self.height
        ));
        if !show.title.is_empty() {
            out.push_str(&format!(r#" title="{}""#, escape_html(show.title)));
        }
        if !show.class.is_empty() {
            out.push_str(&format!(r#" class="{}""#, escape_html(show.class)));
        }
        if show.lazy {
            out.push_str(r#" loading="lazy""#);
        }
        out.push_str(r#" decoding="async">"#);
        if !self.sources.is_empty() {
            out.push_str("</picture>");
        }
        out
    }
}
