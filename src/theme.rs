//! The default theme, embedded in the binary at compile time from the repository's top-level
//! `templates/` (the shipped site uses that folder as it is, so there is one copy): its
//! templates, stylesheet, scripts, icons and translation tables, and [`builtin`] to tell a site's
//! copy of one of them from an override.

/// The theme's Tera templates: `(template name, source)`.
pub(crate) const THEME: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("post.html", include_str!("../templates/post.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("alias.html", include_str!("../templates/alias.html")),
    ("series.html", include_str!("../templates/series.html")),
    ("exercise.html", include_str!("../templates/exercise.html")),
    (
        "exercises.html",
        include_str!("../templates/exercises.html"),
    ),
    ("404.html", include_str!("../templates/404.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    ("robots.txt", include_str!("../templates/robots.txt")),
    ("routine.html", include_str!("../templates/routine.html")),
    ("program.html", include_str!("../templates/program.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("archive.html", include_str!("../templates/archive.html")),
    (
        "archive-year.html",
        include_str!("../templates/archive-year.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../templates/partials/pager.html"),
    ),
    (
        "partials/video.html",
        include_str!("../templates/partials/video.html"),
    ),
    (
        "partials/post-item.html",
        include_str!("../templates/partials/post-item.html"),
    ),
    (
        "partials/comments.html",
        include_str!("../templates/partials/comments.html"),
    ),
    (
        "partials/toc.html",
        include_str!("../templates/partials/toc.html"),
    ),
    (
        "partials/seo.html",
        include_str!("../templates/partials/seo.html"),
    ),
    (
        "partials/head-links.html",
        include_str!("../templates/partials/head-links.html"),
    ),
    (
        "partials/page-exercises.html",
        include_str!("../templates/partials/page-exercises.html"),
    ),
    (
        "shortcodes/exercise.html",
        include_str!("../templates/shortcodes/exercise.html"),
    ),
    (
        "shortcodes/video.html",
        include_str!("../templates/shortcodes/video.html"),
    ),
    (
        "shortcodes/routine.html",
        include_str!("../templates/shortcodes/routine.html"),
    ),
    (
        "partials/routine-items.html",
        include_str!("../templates/partials/routine-items.html"),
    ),
    (
        "partials/exercise-figure.html",
        include_str!("../templates/partials/exercise-figure.html"),
    ),
];

/// The default stylesheet, written to `style.css` unless the site has `static/style.css`.
pub(crate) const STYLESHEET: &str = include_str!("../templates/style.css");

/// The exercise finder's progressive-enhancement script, written beside `/exercises/`.
pub(crate) const FINDER_SCRIPT: &str = include_str!("../templates/finder.js");

/// The facade script, given to `base.html` as `video_script` on pages that show a facade
/// (inlined: a few hundred bytes, no request of its own).
pub(crate) const VIDEO_SCRIPT: &str = include_str!("../templates/video.js");

/// The animations' script, given to `base.html` as `motion_script` on pages that show one
/// (inlined: about 2 KB, no request of its own).
pub(crate) const MOTION_SCRIPT: &str = include_str!("../templates/motion.js");

/// The icon files, by output name (the names of `site::THEME_ICONS`, in that order).
pub(crate) const ICONS: &[(&str, &[u8])] = &[
    (
        "favicon.svg",
        include_bytes!("../templates/icons/favicon.svg"),
    ),
    (
        "favicon.ico",
        include_bytes!("../templates/icons/favicon.ico"),
    ),
    (
        "apple-touch-icon.png",
        include_bytes!("../templates/icons/apple-touch-icon.png"),
    ),
    (
        "icon-192.png",
        include_bytes!("../templates/icons/icon-192.png"),
    ),
    (
        "icon-512.png",
        include_bytes!("../templates/icons/icon-512.png"),
    ),
];

/// The translation tables: `(language, TOML)`. English is the reference: every other table has
/// its keys and placeholders (a unit test of `i18n` holds them to it).
pub(crate) const I18N: &[(&str, &str)] = &[
    ("en", include_str!("../templates/i18n/en.toml")),
    ("de", include_str!("../templates/i18n/de.toml")),
    ("fr", include_str!("../templates/i18n/fr.toml")),
    ("es", include_str!("../templates/i18n/es.toml")),
    ("it", include_str!("../templates/i18n/it.toml")),
    ("pt", include_str!("../templates/i18n/pt.toml")),
    ("nl", include_str!("../templates/i18n/nl.toml")),
];

/// The bytes of the theme's file at `name` (a path inside `templates/`, `/`-separated), if the
/// theme has one: a template, the stylesheet, a script, an icon or a translation table.
pub(crate) fn builtin(name: &str) -> Option<&'static [u8]> {
    let text = |list: &'static [(&str, &'static str)], name: &str| {
        list.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s.as_bytes())
    };
    match name {
        "style.css" => Some(STYLESHEET.as_bytes()),
        "finder.js" => Some(FINDER_SCRIPT.as_bytes()),
        "video.js" => Some(VIDEO_SCRIPT.as_bytes()),
        "motion.js" => Some(MOTION_SCRIPT.as_bytes()),
        _ => {
            if let Some(icon) = name.strip_prefix("icons/") {
                ICONS.iter().find(|(n, _)| *n == icon).map(|(_, b)| *b)
            } else if let Some(table) = name.strip_prefix("i18n/") {
                text(I18N, table.strip_suffix(".toml")?)
            } else {
                text(THEME, name)
            }
        }
    }
}

/// Whether the theme reads `name` as a Tera template (the others are copied or inlined as they
/// are).
pub(crate) fn is_template(name: &str) -> bool {
    THEME.iter().any(|(n, _)| *n == name)
        || [".html", ".htm", ".xml", ".txt"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of the repository's `templates/` is embedded with the same bytes, so the
    /// binary's theme and the folder an author reads are one copy.
    #[test]
    fn every_file_of_the_templates_folder_is_embedded_as_it_is() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.path().strip_prefix(&dir).unwrap();
            let name = name.to_str().unwrap().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                builtin(&name) == Some(&bytes[..]),
                "templates/{name} is not embedded as it is"
            );
            seen += 1;
        }
        let embedded = THEME.len() + ICONS.len() + I18N.len() + 4;
        assert_eq!(seen, embedded, "a file embedded is missing from templates/");
    }
}
