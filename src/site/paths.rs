//! Output paths: where each page and asset is written, and the check that no two of them clash.

use std::collections::BTreeSet;

use super::AliasForm;
use super::Site;
use super::route::{
    FEED, FINDER_SCRIPT, HIGHLIGHT_STYLESHEET, MANIFEST, REDIRECTS, ROBOTS, Route, SITEMAP,
    STYLESHEET, THEME_ICONS,
};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Files every site has besides its content, relative to the output folder: the home page, the
/// 404 page, and the theme's stylesheet, manifest and icons unless the site brings its own.
fn fixed_paths(site: &Site) -> Vec<String> {
    let mut fixed: Vec<String> = (0..site.home_pages())
        .map(|page| Route::home().paged(page).output_path())
        .collect();
    fixed.push(Route::file("404.html").output_path());
    if site.has_posts() {
        fixed.push(Route::archive().output_path());
        let years = site.archive_years();
        fixed.extend(
            years
                .iter()
                .map(|y| Route::archive_year(y.year).output_path()),
        );
    }
    if site.config.search {
        fixed.push(Route::search().output_path());
        fixed.push(Route::file(super::route::SEARCH_WORDS).output_path());
        // The search index's folder: its files are named only once the pages are rendered, so
        // every path in it is taken (`pagefind/pagefind.js` stands for the folder in clashes).
        fixed.push(format!("{}/pagefind.js", crate::search::DIR));
    }
    for &name in [
        STYLESHEET,
        HIGHLIGHT_STYLESHEET,
        ROBOTS,
        MANIFEST,
        REDIRECTS,
    ]
    .iter()
    .chain(THEME_ICONS)
    {
        if name == REDIRECTS && site.aliases.is_empty() {
            continue;
        }
        if name == HIGHLIGHT_STYLESHEET && !site.config.highlight.enabled {
            continue;
        }
        if !site.replaces(name) {
            fixed.push(Route::file(name).output_path());
        }
    }
    if site.has_posts() {
        fixed.push(Route::file(FEED).output_path());
    }
    fixed.push(Route::file(SITEMAP).output_path());
    if !site.tags.is_empty() {
        fixed.push(Route::tag_index().output_path());
    }
    fixed
}

/// What produces an output file (described only when two of them clash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Fixed,
    Post(usize),
    Series(usize),
    ExerciseIndex,
    Exercise(usize),
    Asset(usize),
    Tag(usize),
    Alias(usize),
}

impl Origin {
    /// Which origin an author can most easily change, lowest first: a post's slug, then a file.
    fn fixability(&self) -> u8 {
        match self {
            Origin::Post(_) | Origin::Alias(_) => 0,
            Origin::Asset(_) => 1,
            Origin::Exercise(_) => 2,
            Origin::Series(_) | Origin::Tag(_) => 3,
            Origin::ExerciseIndex | Origin::Fixed => 4,
        }
    }

    /// A diagnostic at the place in the sources that produced this output.
    fn locate(self, site: &Site, message: String) -> Diagnostic {
        match self {
            Origin::Post(i) => {
                let doc = &site.posts[i].post.doc;
                doc.source.error_at(doc.key_offset("slug"), message)
            }
            Origin::Series(i) => {
                let doc = &site.posts[site.series[i].parts[0]].post.doc;
                doc.source.error_at(doc.key_offset("series"), message)
            }
            Origin::Exercise(i) => site.exercises[i].exercise.doc.source.error_at(0, message),
            Origin::Tag(i) => {
                let doc = &site.posts[site.tags[i].posts[0]].post.doc;
                doc.source.error_at(doc.key_offset("tags"), message)
            }
            Origin::Asset(i) => {
                Diagnostic::file_error(site.config.relative(&site.assets[i].from), message)
            }
            Origin::Alias(i) => {
                let a = &site.aliases[i];
                site.posts[a.post]
                    .post
                    .doc
                    .source
                    .error_at(a.offset, message)
            }
            Origin::Fixed | Origin::ExerciseIndex => Diagnostic::file_error("posts", message),
        }
    }

    fn describe(self, site: &Site) -> String {
        match self {
            Origin::Fixed => "sitegen".into(),
            Origin::Post(i) => format!("`{}`", site.posts[i].post.file()),
            Origin::Series(i) => format!("series `{}`", site.series[i].name),
            Origin::Tag(i) => format!("tag `{}`", site.tags[i].name),
            Origin::ExerciseIndex => "the exercise index".into(),
            Origin::Exercise(i) => {
                format!("`{}`", site.exercises[i].exercise.doc.source.path.display())
            }
            Origin::Asset(i) => {
                format!("`{}`", site.config.relative(&site.assets[i].from).display())
            }
            Origin::Alias(i) => {
                let a = &site.aliases[i];
                format!(
                    "alias `{}` of `{}`",
                    a.written,
                    site.posts[a.post].post.file()
                )
            }
        }
    }
}

/// The files the build will write, with what produces them, sorted by path: every page and
/// asset except posts, and of posts only those in `posts`.
fn output_paths(site: &Site, posts: impl Iterator<Item = usize>) -> Vec<(String, Origin)> {
    let mut paths: Vec<(String, Origin)> = fixed_paths(site)
        .into_iter()
        .map(|f| (f, Origin::Fixed))
        .collect();
    for i in posts {
        let slug = &site.posts[i].slug;
        paths.push((Route::post(slug).output_path(), Origin::Post(i)));
        if site.has_routine(i) {
            paths.push((Route::routine(slug).output_path(), Origin::Post(i)));
        }
    }
    for (i, s) in site.series.iter().enumerate() {
        for page in 0..site.series_pages(i) {
            let route = Route::series(&s.slug).paged(page);
            paths.push((route.output_path(), Origin::Series(i)));
        }
        paths.push((Route::series_feed(&s.slug).output_path(), Origin::Series(i)));
        if site.has_program(s) {
            paths.push((Route::program(&s.slug).output_path(), Origin::Series(i)));
        }
    }
    for (i, t) in site.tags.iter().enumerate() {
        for page in 0..site.tag_pages(i) {
            let route = Route::tag(&t.slug).paged(page);
            paths.push((route.output_path(), Origin::Tag(i)));
        }
    }
    if !site.exercises.is_empty() {
        paths.push((Route::exercise_index().output_path(), Origin::ExerciseIndex));
        paths.push((
            Route::file(FINDER_SCRIPT).output_path(),
            Origin::ExerciseIndex,
        ));
    }
    paths.extend(site.exercises.iter().enumerate().map(|(i, x)| {
        (
            Route::exercise(&x.exercise.id).output_path(),
            Origin::Exercise(i),
        )
    }));
    paths.extend(
        site.assets
            .iter()
            .enumerate()
            .map(|(i, a)| (a.to.clone(), Origin::Asset(i))),
    );
    paths.extend(
        site.aliases
            .iter()
            .enumerate()
            .filter_map(|(i, a)| match &a.form {
                AliasForm::Path { output, .. } => Some((output.clone(), Origin::Alias(i))),
                AliasForm::Query { .. } => None,
            }),
    );
    paths.sort_unstable();
    paths
}

/// Reports files that two sources would write, and files where a folder of pages is needed.
pub(super) fn check_output_paths(site: &Site, errors: &mut Diagnostics) {
    let paths = paths_that_may_clash(site);
    let dirs: BTreeSet<&str> = paths
        .iter()
        .flat_map(|(p, _)| p.match_indices('/').map(|(i, _)| &p[..i]))
        .collect();
    for group in paths.chunk_by(|a, b| a.0 == b.0) {
        let path = &group[0].0;
        if group.len() > 1 {
            report_shared_path(site, path, group, errors);
        } else if dirs.contains(path.as_str()) {
            report_file_over_folder(site, path, group[0].1, &paths, errors);
        }
    }
    report_search_folder_paths(site, &paths, errors);
}

/// The output paths of everything but posts, and of the posts whose path may clash with them.
///
/// Slugs are unique, so a post's `slug/index.html` can only clash with a path of something
/// else that starts with `slug`: list just those posts (formatting every path is the slow part).
fn paths_that_may_clash(site: &Site) -> Vec<(String, Origin)> {
    let others = output_paths(site, std::iter::empty());
    let first: BTreeSet<&str> = others
        .iter()
        .map(|(p, _)| p.split('/').next().unwrap_or(p))
        .collect();
    let clashing = (0..site.posts.len()).filter(|&i| {
        let slug = site.posts[i].slug.as_str();
        first.contains(slug.split('/').next().unwrap_or(slug))
    });
    output_paths(site, clashing)
}

/// Reports `path`, which every origin of `group` would write.
fn report_shared_path(
    site: &Site,
    path: &str,
    group: &[(String, Origin)],
    errors: &mut Diagnostics,
) {
    let origins: Vec<String> = group.iter().map(|(_, o)| o.describe(site)).collect();
    // An alias that clashes is reported at the line of each alias (and of each post or
    // page) involved, so every place to fix is named.
    if group.iter().any(|(_, o)| matches!(o, Origin::Alias(_))) {
        for (_, o) in group {
            errors.push(
                o.locate(
                    site,
                    format!("{} would all be written to `{path}`", origins.join(" and ")),
                )
                .with_hint("an old address must not be the address of a page or file of the site: remove the alias or change the other"),
            );
        }
        return;
    }
    let at = group
        .iter()
        .map(|(_, o)| *o)
        .min_by_key(Origin::fixability)
        .unwrap_or(group[0].1);
    errors.push(
        at.locate(
            site,
            format!("{} would all be written to `{path}`", origins.join(" and ")),
        )
        .with_hint("change a slug or rename the file so each output path is used once"),
    );
}

/// Reports the file `path` that `origin` would write where others need a folder.
fn report_file_over_folder(
    site: &Site,
    path: &str,
    origin: Origin,
    paths: &[(String, Origin)],
    errors: &mut Diagnostics,
) {
    let prefix = format!("{path}/");
    let needs: Vec<String> = paths
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix))
        .map(|(_, o)| o.describe(site))
        .take(2)
        .collect();
    errors.push(
        origin
            .locate(
                site,
                format!(
                    "{} would be written to the file `{path}`, but {} needs `{path}/` as a folder",
                    origin.describe(site),
                    needs.join(" and ")
                ),
            )
            .with_hint("rename one of them"),
    );
}

/// Reports the paths of content inside the search index's folder, which sitegen writes whole.
fn report_search_folder_paths(site: &Site, paths: &[(String, Origin)], errors: &mut Diagnostics) {
    let reserved = format!("{}/", crate::search::DIR);
    for (path, origin) in paths {
        if site.config.search && path.starts_with(&reserved) && *origin != Origin::Fixed {
            errors.push(
                origin
                    .locate(
                        site,
                        format!(
                            "{} would be written to `{path}`, inside `{reserved}`, the search index's folder",
                            origin.describe(site)
                        ),
                    )
                    .with_hint("change the slug or move the file: sitegen writes the whole of `pagefind/`"),
            );
        }
    }
}
