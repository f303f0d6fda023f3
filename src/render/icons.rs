//! The site's icons and its web app manifest: the theme's set (an SVG icon with PNG and ICO
//! fallbacks), or the site's own `static/favicon.*`, linked from every page's head and listed in
//! `manifest.webmanifest`.

use serde::Serialize;
use serde_json::json;

use crate::config::UrlMode;
use crate::site::{MANIFEST, Route, Site, THEME_ICONS};

/// The theme's colours, light and dark, as the stylesheet's `--bg` (browsers paint their own bars
/// with them).
const THEME_COLOUR_LIGHT: &str = "#fdfdfb";
const THEME_COLOUR_DARK: &str = "#121417";

/// One `<link>` of the head: `rel="icon"`, `rel="apple-touch-icon"`.
#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct IconLink {
    rel: &'static str,
    href: String,
    #[serde(rename = "type")]
    mime: &'static str,
    sizes: &'static str,
}

/// What every page's head links: icons, the manifest and the theme colours.
#[derive(Serialize)]
pub(crate) struct HeadIcons {
    icons: Vec<IconLink>,
    /// None in relative mode: a browser refuses a manifest from `file://` (CORS), and installing
    /// a web app needs http(s) anyway.
    manifest: Option<String>,
    theme_colour_light: &'static str,
    theme_colour_dark: &'static str,
}

/// An icon file the site may have at the root of its output, with how to link it.
struct Known {
    name: &'static str,
    rel: &'static str,
    mime: &'static str,
    sizes: &'static str,
    /// Listed in the manifest (which wants square, sized pictures).
    in_manifest: bool,
}

/// Icons in the order browsers should consider them: the ICO first for the ones that ask for
/// `/favicon.ico` anyway, then the SVG, which browsers that understand it prefer.
const KNOWN: &[Known] = &[
    Known {
        name: "favicon.ico",
        rel: "icon",
        mime: "image/x-icon",
        sizes: "32x32",
        in_manifest: false,
    },
    Known {
        name: "favicon.svg",
        rel: "icon",
        mime: "image/svg+xml",
        sizes: "any",
        in_manifest: true,
    },
    Known {
        name: "favicon.png",
        rel: "icon",
        mime: "image/png",
        sizes: "",
        in_manifest: false,
    },
    Known {
        name: "apple-touch-icon.png",
        rel: "apple-touch-icon",
        mime: "image/png",
        sizes: "180x180",
        in_manifest: false,
    },
    Known {
        name: "icon-192.png",
        rel: "",
        mime: "image/png",
        sizes: "192x192",
        in_manifest: true,
    },
    Known {
        name: "icon-512.png",
        rel: "",
        mime: "image/png",
        sizes: "512x512",
        in_manifest: true,
    },
];

/// True when the output has `name` at its root: the theme's copy, or the site's own.
fn present(site: &Site, name: &str) -> bool {
    (THEME_ICONS.contains(&name) && !site.replaces(name))
        || site.assets.iter().any(|a| a.to == name)
}

impl HeadIcons {
    /// The head's icon links and manifest for `site`.
    pub fn new(site: &Site) -> HeadIcons {
        let c = &site.config;
        let icons = KNOWN
            .iter()
            .filter(|k| !k.rel.is_empty() && present(site, k.name))
            .map(|k| IconLink {
                rel: k.rel,
                href: Route::file(k.name).url(c),
                mime: k.mime,
                sizes: k.sizes,
            })
            .collect();
        HeadIcons {
            icons,
            manifest: (c.urls != UrlMode::Relative).then(|| Route::file(MANIFEST).url(c)),
            theme_colour_light: THEME_COLOUR_LIGHT,
            theme_colour_dark: THEME_COLOUR_DARK,
        }
    }
}

/// `manifest.webmanifest`: the site's name and short name, its icons (relative to the manifest,
/// so the file works under any base path), its start and scope, and the theme's colours.
pub(crate) fn manifest(site: &Site) -> String {
    let c = &site.config;
    let icons: Vec<_> = KNOWN
        .iter()
        .filter(|k| k.in_manifest && present(site, k.name))
        .map(|k| json!({"src": k.name, "sizes": k.sizes, "type": k.mime}))
        .collect();
    let mut value = json!({
        "name": c.title,
        "short_name": c.short_name(),
        // A host without directory indexes (and `file://`) needs the file named.
        "start_url": if c.urls == UrlMode::Pretty { "./" } else { "./index.html" },
        "scope": "./",
        "display": "minimal-ui",
        "background_color": THEME_COLOUR_LIGHT,
        "theme_color": THEME_COLOUR_LIGHT,
        "icons": icons,
    });
    if !c.description.trim().is_empty() {
        value["description"] = json!(c.description);
    }
    if !c.language.trim().is_empty() {
        value["lang"] = json!(c.language);
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_icon_bytes_match_their_names() {
        let names: Vec<&str> = crate::theme::ICONS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, THEME_ICONS);
        for (name, bytes) in crate::theme::ICONS {
            let kind = if name.ends_with(".svg") {
                bytes.starts_with(b"<svg")
            } else if name.ends_with(".png") {
                bytes.starts_with(b"\x89PNG")
            } else {
                bytes.starts_with(&[0, 0, 1, 0])
            };
            assert!(kind, "{name} does not hold what its name says");
        }
    }

    #[test]
    fn every_theme_icon_is_known() {
        for name in THEME_ICONS {
            assert!(KNOWN.iter().any(|k| k.name == *name), "{name}");
        }
    }
}
