//! Front matter images (a post's share card and hero, an exercise's picture) and every image of
//! the build, resolved to files of the site and their processed variants.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Diagnostics;
use crate::images::{Media, Picture};
use crate::output::Asset;
use crate::schemes::Place;

use super::{Animation, ExerciseEntry, PostEntry};

/// Gives posts and exercises their pictures, and returns the files of the build (photos replaced
/// by their variants) and every image by its output path; problems go to `errors`.
pub(super) fn attach(
    config: &Config,
    media: &Media,
    posts: &mut [PostEntry],
    exercises: &mut [ExerciseEntry],
    assets: Vec<Asset>,
    errors: &mut Diagnostics,
) -> (Vec<Asset>, BTreeMap<String, Result<Picture, Diagnostic>>) {
    for p in posts.iter_mut() {
        let doc = &p.post.doc;
        if let Some(image) = &doc.meta.image {
            let at = |d| doc.source.locate(doc.key_offset("image"), d);
            match resolve_image(config, Some(&p.slug), "image", image, &assets) {
                Ok(ImageRef::External(url)) => p.image = Some(url),
                Ok(ImageRef::Local(asset, url)) => {
                    p.hero = media
                        .picture(asset, &url)
                        .map_err(|d| errors.push(at(d)))
                        .ok()
                        .flatten();
                    p.image = Some(url);
                }
                Err(d) => errors.push(at(d)),
            }
        }
    }
    for x in exercises.iter_mut() {
        let doc = &x.exercise.doc;
        let mut picture = |key: &str, path: &Option<String>| {
            let at = |d| doc.source.locate(doc.key_offset(key), d);
            path.as_ref().and_then(|path| {
                resolve_image(config, None, key, path, &assets)
                    .and_then(|r| match r {
                        ImageRef::Local(asset, url) => media.picture(asset, &url),
                        ImageRef::External(_) => unreachable!("exercises take no URLs"),
                    })
                    .map_err(|d| errors.push(at(d)))
                    .ok()
                    .flatten()
            })
        };
        x.image = picture("image", &doc.meta.image);
        x.poster = picture("poster", &doc.meta.poster);
        x.animation = doc.meta.animation.as_ref().and_then(|path| {
            animation(config, path, &assets)
                .map_err(|d| errors.push(doc.source.locate(doc.key_offset("animation"), d)))
                .ok()
        });
    }
    // Every image of the build by output path, for the Markdown that shows them; a photo is
    // replaced in the output by its variants.
    let pictures: BTreeMap<String, Result<Picture, Diagnostic>> = assets
        .iter()
        .filter_map(|a| {
            let url = format!("{}{}", config.base_path, a.to);
            media
                .picture(a, &url)
                .transpose()
                .map(|p| (a.to.clone(), p))
        })
        .collect();
    let mut assets: Vec<Asset> = assets.iter().flat_map(|a| media.outputs(a)).collect();
    assets.sort();
    (assets, pictures)
}

/// An exercise's `animation`: an `.svg` file of `static/`, read to be shown inline.
fn animation(config: &Config, path: &str, assets: &[Asset]) -> Result<Animation, Diagnostic> {
    let ImageRef::Local(asset, src) = resolve_image(config, None, "animation", path, assets)?
    else {
        unreachable!("exercises take no URLs")
    };
    if !asset.to.to_ascii_lowercase().ends_with(".svg") {
        return Err(
            Diagnostic::new(format!("animation `{path}` is not an SVG file")).with_hint(
                "an animation is an `.svg` file that plays by itself; for a film, use `video:`",
            ),
        );
    }
    let text = std::fs::read_to_string(&asset.from)
        .map_err(|e| Diagnostic::new(format!("cannot read `{}`: {e}", asset.from.display())))?;
    let svg = super::animation::parse(path, &text)?;
    let (width, height) = super::animation::size(path, &svg)?;
    Ok(Animation {
        svg,
        src,
        width,
        height,
    })
}

/// Where an `image` of front matter leads.
enum ImageRef<'a> {
    /// An `https://` URL, used as it is.
    External(String),
    /// A file of the build, and its URL.
    Local(&'a Asset, String),
}

/// Resolves an `image` of front matter: an `https://` URL as it is (where `bundle` is given:
/// posts); `/path` a file of `static/`; anything else a file of the post's bundle (`bundle` is
/// the post's slug). A file that the build does not copy is an error.
fn resolve_image<'a>(
    config: &Config,
    bundle: Option<&str>,
    key: &str,
    image: &str,
    assets: &'a [Asset],
) -> Result<ImageRef<'a>, Diagnostic> {
    config.url_schemes.check(image, Place::Image)?;
    let image = image.trim();
    let external = image.starts_with("https://") || image.starts_with("http://");
    if external && bundle.is_some() {
        return Ok(ImageRef::External(image.to_string()));
    }
    let output_path = match (image.strip_prefix('/'), bundle) {
        (Some(rooted), _) => rooted.to_string(),
        (None, Some(slug)) => format!("{slug}/{image}"),
        (None, None) => String::new(),
    };
    let found = (!output_path.split('/').any(|s| s == ".."))
        .then(|| assets.iter().find(|a| a.to == output_path))
        .flatten();
    let Some(asset) = found else {
        let hint = match (image.strip_prefix('/'), bundle) {
            (Some(rooted), _) => format!("put the file at `static/{rooted}`, or fix the path"),
            (None, Some(slug)) => format!(
                "write the post as a bundle (`posts/{slug}/index.md`) with `{image}` beside it, \
                 or start the path with `/` for a file of `static/`"
            ),
            (None, None) => format!(
                "an exercise's {key} is a file of `static/`, written from the site root: put it at \
                 `static/images/{name}` and write `/images/{name}`",
                name = image.rsplit('/').next().unwrap_or(image)
            ),
        };
        return Err(
            Diagnostic::new(format!("{key} `{image}` is not a file of the site")).with_hint(hint),
        );
    };
    Ok(ImageRef::Local(
        asset,
        format!("{}{output_path}", config.base_path),
    ))
}
