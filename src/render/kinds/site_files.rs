//! The pages and files of the site as a whole: the 404 and search pages, the search page's words,
//! the theme's files (stylesheet, icons, the finder's script, code colours), the web app manifest,
//! and what aliases need (redirect pages, `_redirects`, `.nojekyll`).

use std::hash::Hash;

use super::digests::aliases_digest;
use super::{Digests, Env, Job, Made, Out, PageKind};
use crate::hash::StableHasher;
use crate::i18n::Arg;
use crate::render::icons::manifest;
use crate::render::redirects::{self, AliasTarget};
use crate::render::seo::Seo;
use crate::render::vocabulary;
use crate::site::{
    AliasForm, Doc, FINDER_SCRIPT as FINDER_SCRIPT_PATH, HIGHLIGHT_STYLESHEET, MANIFEST, NOJEKYLL,
    Origin, REDIRECTS, Route, SEARCH_WORDS, STYLESHEET as STYLESHEET_PATH, Site, THEME_ICONS,
};
use crate::theme::{FINDER_SCRIPT, ICONS as THEME_ICON_FILES, STYLESHEET};

/// `404.html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct NotFound;

/// `/search/`: the search page (Pagefind's UI over the index of `pagefind/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Search;

/// `search/words.json`: the site's words, for the search page's corrections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct SearchWords;

/// `highlight.css`: the colours of highlighted code (when highlighting is on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct HighlightStyle;

/// A file of the theme written as it is (the stylesheet, then the icons), by index into
/// [`theme_file`]'s list, when the site has no file of its own in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ThemeFile(pub usize);

/// The exercise finder's script (when the site has exercises).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FinderScript;

/// `manifest.webmanifest` (unless the site has its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Manifest;

/// The redirect page of a path alias, by index into the site's aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Alias(pub usize);

/// `_redirects` (when the site has aliases and no `static/_redirects`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Redirects;

/// `.nojekyll` (when an output path starts with `_`, which GitHub Pages' Jekyll would drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct NoJekyll;

/// A page of the theme about the site as a whole: its title and description for search engines.
fn describe(env: &Env, out: &mut Out, name_key: &str, description_key: &str) {
    let site = env.site;
    let (title, words) = (site.config.title.as_str(), &site.config.i18n);
    let description = words.get(description_key, &[("site", Arg::Text(title))]);
    let seo = Seo::page(site, &words.get(name_key, &[]), &description, env.route);
    out.ctx.insert("seo", &seo);
}

impl PageKind for NotFound {
    const TEMPLATE: Option<&'static str> = Some("404.html");

    fn pages(_: &Site, _: &[Job]) -> Vec<Self> {
        vec![NotFound]
    }

    fn route(self, _: &Site) -> Route {
        Route::file("404.html")
    }

    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, env: &Env, out: &mut Out) -> Made {
        describe(env, out, "page_not_found", "not_found_description");
        Made::Filled("the 404 page".to_string())
    }
}

impl PageKind for Search {
    const TEMPLATE: Option<&'static str> = Some("search.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.config.search {
            vec![Search]
        } else {
            Vec::new()
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::search()
    }

    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, env: &Env, out: &mut Out) -> Made {
        describe(env, out, "search", "search_description");
        Made::Filled("the search page".to_string())
    }
}

impl PageKind for SearchWords {
    const TEMPLATE: Option<&'static str> = None;

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.config.search {
            vec![SearchWords]
        } else {
            Vec::new()
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(SEARCH_WORDS)
    }

    /// Every document's text.
    fn inputs(self, site: &Site, _: &Digests, h: &mut StableHasher) {
        let docs = site.posts.iter().map(|p| p.post.doc.hash);
        docs.chain(site.exercises.iter().map(|x| x.exercise.doc.hash))
            .for_each(|d| d.hash(h));
    }

    fn make(self, env: &Env, _: &mut Out) -> Made {
        Made::File(vocabulary::words_json(env.site).into_bytes())
    }

    fn showing(site: &Site, _: Doc) -> Vec<Self> {
        Self::pages(site, &[])
    }
}

impl PageKind for HighlightStyle {
    const TEMPLATE: Option<&'static str> = None;

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let wanted = site.config.highlight.enabled && !site.replaces(HIGHLIGHT_STYLESHEET);
        if wanted {
            vec![HighlightStyle]
        } else {
            Vec::new()
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(HIGHLIGHT_STYLESHEET)
    }

    /// The colours are settings.
    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, env: &Env, _: &mut Out) -> Made {
        let h = env.site.config.highlight;
        Made::File(crate::highlight::themes::stylesheet(h.light, h.dark).into_bytes())
    }
}

/// The theme's files written as they are, by output name: the stylesheet, then the icons.
fn theme_file(i: usize) -> (&'static str, &'static [u8]) {
    if i == 0 {
        (STYLESHEET_PATH, STYLESHEET.as_bytes())
    } else {
        (THEME_ICONS[i - 1], THEME_ICON_FILES[i - 1].1)
    }
}

impl PageKind for ThemeFile {
    const TEMPLATE: Option<&'static str> = None;

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let files = 0..1 + THEME_ICONS.len();
        files
            .filter(|&i| !site.replaces(theme_file(i).0))
            .map(ThemeFile)
            .collect()
    }

    fn route(self, _: &Site) -> Route {
        Route::file(theme_file(self.0).0)
    }

    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, _: &Env, _: &mut Out) -> Made {
        Made::File(theme_file(self.0).1.to_vec())
    }
}

impl PageKind for FinderScript {
    const TEMPLATE: Option<&'static str> = None;

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.exercises.is_empty() {
            Vec::new()
        } else {
            vec![FinderScript]
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(FINDER_SCRIPT_PATH)
    }

    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, _: &Env, _: &mut Out) -> Made {
        Made::File(FINDER_SCRIPT.as_bytes().to_vec())
    }

    fn origin(self) -> Origin {
        Origin::ExerciseIndex
    }
}

impl PageKind for Manifest {
    const TEMPLATE: Option<&'static str> = None;

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.replaces(MANIFEST) {
            Vec::new()
        } else {
            vec![Manifest]
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(MANIFEST)
    }

    /// It names the icons, the theme's or the site's own.
    fn inputs(self, site: &Site, _: &Digests, h: &mut StableHasher) {
        site.replaced.hash(h);
    }

    fn make(self, env: &Env, _: &mut Out) -> Made {
        Made::File(manifest(env.site).into_bytes())
    }
}

impl PageKind for Alias {
    const TEMPLATE: Option<&'static str> = Some("alias.html");

    /// A path alias has a page; a query alias is answered by the home page's script.
    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let aliases = site.aliases.iter().enumerate();
        aliases
            .filter(|(_, a)| matches!(a.form, AliasForm::Path { .. }))
            .map(|(i, _)| Alias(i))
            .collect()
    }

    fn route(self, site: &Site) -> Route {
        match &site.aliases[self.0].form {
            AliasForm::Path { path, .. } => Route::file(path),
            AliasForm::Query { .. } => Route::home(),
        }
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        let a = &site.aliases[self.0];
        (&a.written, d.post_ref[a.post], &site.posts[a.post].url).hash(h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let site = env.site;
        out.ctx.insert("target", &AliasTarget::new(site, self.0));
        let a = &site.aliases[self.0];
        Made::Filled(format!(
            "the redirect page of alias `{}` of `{}`",
            a.written,
            site.posts[a.post].post.file()
        ))
    }

    fn origin(self) -> Origin {
        Origin::Alias(self.0)
    }
}

impl PageKind for Redirects {
    const TEMPLATE: Option<&'static str> = None;

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let wanted = !site.aliases.is_empty() && !site.replaces(REDIRECTS);
        if wanted { vec![Redirects] } else { Vec::new() }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(REDIRECTS)
    }

    fn inputs(self, site: &Site, _: &Digests, h: &mut StableHasher) {
        aliases_digest(site, h);
    }

    fn make(self, env: &Env, _: &mut Out) -> Made {
        Made::File(redirects::netlify(env.site).into_bytes())
    }
}

impl PageKind for NoJekyll {
    const TEMPLATE: Option<&'static str> = None;

    /// Wanted when any other page or asset has a path segment starting with `_`, which GitHub
    /// Pages (Jekyll) drops.
    fn pages(site: &Site, earlier: &[Job]) -> Vec<Self> {
        let hidden_by_jekyll = |path: &str| path.split('/').any(|s| s.starts_with('_'));
        let wanted = !site.replaces(NOJEKYLL)
            && (earlier.iter().any(|j| hidden_by_jekyll(&j.path(site)))
                || site.assets.iter().any(|a| hidden_by_jekyll(&a.to)));
        if wanted { vec![NoJekyll] } else { Vec::new() }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(NOJEKYLL)
    }

    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, _: &Env, _: &mut Out) -> Made {
        Made::File(Vec::new())
    }
}
