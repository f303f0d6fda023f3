//! Output paths: where each page and asset is written, and the check that no two of them clash.

use std::collections::BTreeSet;

use super::Site;
use super::route::Route;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// What produces an output file (described only when two of them clash): each kind of page
/// declares its pages' origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// sitegen itself: the home page, the theme's files, the feed, the sitemap, ...
    Fixed,
    /// A post or page (its page, its routine).
    Post(usize),
    /// A series (its list's pages, its feed, its program).
    Series(usize),
    /// The exercise index and its script.
    ExerciseIndex,
    /// An exercise's page.
    Exercise(usize),
    /// A file of `static/` or of a post's bundle.
    Asset(usize),
    /// A tag's pages.
    Tag(usize),
    /// A path alias's redirect page.
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

/// Reports files that two sources would write, and files where a folder of pages is needed:
/// among `pages` (every page of the site with its origin, as the kinds of page declare them), the
/// assets and the search index's folder.
pub(crate) fn check_output_paths(
    site: &Site,
    pages: Vec<(Route, Origin)>,
    errors: &mut Diagnostics,
) {
    let paths = paths_that_may_clash(site, pages);
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

/// The output paths of everything but posts' pages, and of the posts' pages that may clash with
/// them, sorted.
///
/// Slugs are unique, so a post's `slug/index.html` can only clash with a path of something
/// else that starts with `slug`: list just those posts (formatting every path is the slow part).
fn paths_that_may_clash(site: &Site, pages: Vec<(Route, Origin)>) -> Vec<(String, Origin)> {
    let (posts, others): (Vec<_>, Vec<_>) = pages
        .into_iter()
        .partition(|(_, o)| matches!(o, Origin::Post(_)));
    let mut paths: Vec<(String, Origin)> = others
        .iter()
        .map(|(route, origin)| (route.output_path(), *origin))
        .collect();
    if site.config.search {
        // The search index's folder: its files are named only once the pages are rendered, so
        // every path in it is taken (`pagefind/pagefind.js` stands for the folder in clashes).
        paths.push((format!("{}/pagefind.js", crate::search::DIR), Origin::Fixed));
    }
    let assets = site.assets.iter().enumerate();
    paths.extend(assets.map(|(i, a)| (a.to.clone(), Origin::Asset(i))));
    let first_segment = |p: &str| p.split('/').next().unwrap_or(p).to_string();
    let first: BTreeSet<String> = paths.iter().map(|(p, _)| first_segment(p)).collect();
    for (route, origin) in posts {
        if let Origin::Post(i) = origin
            && first.contains(&first_segment(&site.posts[i].slug))
        {
            paths.push((route.output_path(), origin));
        }
    }
    paths.sort_unstable();
    paths
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
