//! The image stage, between loading and output: reads every image file of the site once per
//! change (its size, for SVG drawings), and tells rendering each image's `src`, `width`,
//! `height` and `srcset`. Renderers never open image files.

pub(crate) mod svg;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::fsutil;
use crate::html::escape_html;
use crate::output::Asset;

/// What the stage found out about one image file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Measured {
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// One image file's result: measured, or why it cannot be used (the caller places the
/// diagnostic at the reference that names the file).
pub(crate) type Outcome = Result<Measured, Diagnostic>;

/// Every image file of the site, by the path it is read from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Media {
    files: BTreeMap<PathBuf, Arc<Outcome>>,
}

/// True for the file names the stage handles.
pub(crate) fn is_image(name: &str) -> bool {
    kind(name).is_some()
}

fn kind(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "svg" => Some("svg"),
        _ => None,
    }
}

impl Media {
    /// Reads every image among `assets`; an image whose source is `unchanged` keeps its result
    /// from `previous` instead of being read again.
    pub(crate) fn process<'a>(
        root: &Path,
        assets: impl Iterator<Item = &'a Asset>,
        previous: Option<&Media>,
        unchanged: &(dyn Fn(&Path) -> bool + Sync),
    ) -> Media {
        let sources: Vec<&Path> = assets
            .filter(|a| is_image(&a.to))
            .map(|a| a.from.as_path())
            .collect();
        let files = sources
            .par_iter()
            .map(|&from| {
                let kept = previous
                    .filter(|_| unchanged(from))
                    .and_then(|m| m.files.get(from));
                let outcome = match kept {
                    Some(o) => Arc::clone(o),
                    None => Arc::new(measure(root, from)),
                };
                (from.to_path_buf(), outcome)
            })
            .collect();
        Media { files }
    }

    /// The picture for `asset` (a file of the build), served at `url`; `None` for a file the
    /// stage does not read (its size is unknown).
    pub(crate) fn picture(
        &self,
        asset: &Asset,
        url: String,
    ) -> Result<Option<Picture>, Diagnostic> {
        match self.files.get(&asset.from).map(|o| o.as_ref()) {
            Some(Ok(m)) => Ok(Some(Picture {
                src: url,
                width: m.width,
                height: m.height,
            })),
            Some(Err(d)) => Err(d.clone()),
            None => Ok(None),
        }
    }
}

fn measure(root: &Path, from: &Path) -> Outcome {
    let rel = fsutil::relative(root, from);
    let bytes = std::fs::read(from).map_err(|e| fsutil::io_error(rel, "cannot read image", &e))?;
    let text = String::from_utf8_lossy(&bytes);
    let (width, height) = svg::size(&text).map_err(|why| {
        Diagnostic::new(format!(
            "cannot read the size of `{}`: {why}",
            rel.display()
        ))
        .with_hint("give the drawing's `<svg>` a `viewBox` (or `width` and `height` in pixels)")
    })?;
    Ok(Measured { width, height })
}

/// An image as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Picture {
    /// URL of the image.
    pub src: String,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// How one `<img>` of a page is written.
pub(crate) struct Show<'a> {
    /// Alternative text (`""` for a decorative image).
    pub alt: &'a str,
    /// `class` of the element, if any.
    pub class: &'a str,
    /// Below the first screen: loaded when the reader gets near it.
    pub lazy: bool,
}

impl Picture {
    /// The HTML of the image, with its size so the page keeps its layout while it loads.
    pub(crate) fn html(&self, show: &Show<'_>) -> String {
        let mut out = format!(
            r#"<img src="{}" alt="{}" width="{}" height="{}""#,
            escape_html(&self.src),
            escape_html(show.alt),
            self.width,
            self.height
        );
        if !show.class.is_empty() {
            out.push_str(&format!(r#" class="{}""#, escape_html(show.class)));
        }
        if show.lazy {
            out.push_str(r#" loading="lazy""#);
        }
        out.push_str(r#" decoding="async">"#);
        out
    }
}
