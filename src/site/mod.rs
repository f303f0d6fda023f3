//! The index built in phase 1: which posts are built, their slugs and URLs, series order and
//! neighbours, the exercise graph, and every output path. Rendering reads only this.

use std::collections::{BTreeMap, BTreeSet};

mod aliases;
mod animation;
mod entries;
mod index;
mod library;
mod order;
mod paging;
mod patch;
mod paths;
mod pictures;
pub(crate) mod public;
mod route;
pub(crate) mod routine;
mod tags;
mod validate;
pub(crate) use aliases::{AliasEntry, AliasForm, feed_id};
pub use animation::Animation;
pub(crate) use entries::Unbuilt;
pub use entries::{ExerciseEntry, PostEntry, SeriesEntry};
pub(crate) use paging::{ArchiveYear, HomeEntry, page_range};
pub use patch::Indexed;
pub(crate) use paths::{Origin, check_output_paths};
#[cfg(test)]
pub(crate) use route::REPLACEABLE;
pub(crate) use route::segment_problem;
pub(crate) use route::{
    FEED, FINDER_SCRIPT, HIGHLIGHT_STYLESHEET, MANIFEST, NOJEKYLL, REDIRECTS, ROBOTS, Route,
    SEARCH_WORDS, SITEMAP, STYLESHEET, THEME_ICONS, permalink,
};
pub(crate) use tags::TagEntry;

use crate::config::Config;
use crate::content::{DocKey, Kind};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::images::Picture;
use crate::markdown::Heading;
use crate::output::Asset;

/// Everything phase 2 needs.
#[derive(Debug, Clone)]
pub struct Site {
    /// Resolved settings.
    pub config: Config,
    /// Posts being built, sorted by key.
    pub posts: Vec<PostEntry>,
    /// Series, ordered by their first part's date, then name.
    pub series: Vec<SeriesEntry>,
    /// Posts outside any series, oldest first.
    pub loose: Vec<usize>,
    /// Each post's place in reading order (every series in order, then the other posts by date).
    pub reading_position: Vec<usize>,
    /// Exercises sorted by id.
    pub exercises: Vec<ExerciseEntry>,
    /// Post index by key (`core.md`), for `@/` links.
    pub by_key: BTreeMap<String, usize>,
    /// Exercise index by id.
    pub by_id: BTreeMap<String, usize>,
    /// Keys of posts that exist but are not built, and why, for clearer link errors.
    pub unbuilt: BTreeMap<String, Unbuilt>,
    /// Tags, sorted by slug.
    pub tags: Vec<TagEntry>,
    /// Keys that failed to load (links to them are not reported again).
    pub failed: BTreeSet<String>,
    /// Files copied as they are, with their output paths.
    pub assets: Vec<Asset>,
    /// Every image of the build, by its path in the output: its picture, or why it has none.
    pub pictures: BTreeMap<String, Result<Picture, Diagnostic>>,
    /// Photos encoded by this build (not taken from the cache).
    pub images_encoded: usize,
    /// The generated files that the site's own `static/` files replace (`style.css`,
    /// `robots.txt`, `manifest.webmanifest`, and all the theme's icons once the site has a
    /// `favicon.*` of its own): they are copied, or left out, instead of generated.
    pub replaced: Vec<&'static str>,
    /// Pages in the header navigation, in their `menu` order (indices into `posts`).
    pub menu: Vec<usize>,
    /// Every alias of every post and page, in the order of `posts`.
    pub aliases: Vec<AliasEntry>,
}

/// A document an `@/` link can name, found in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Doc {
    /// A post being built, by index.
    Post(usize),
    /// An exercise, by index.
    Exercise(usize),
}

/// How many other posts an exercise card names under "Also in" (the rest are counted).
pub const ALSO_IN_LIMIT: usize = 4;

impl Site {
    /// The post or exercise an `@/` key names, if it is part of the build.
    pub fn lookup(&self, key: &str) -> Option<Doc> {
        match DocKey::parse(key) {
            DocKey::Exercise(id) => self.by_id.get(id).map(|&i| Doc::Exercise(i)),
            DocKey::Post(key) => self.by_key.get(key).map(|&i| Doc::Post(i)),
        }
    }

    /// The URL of a document's page.
    pub fn url_of(&self, doc: Doc) -> &str {
        match doc {
            Doc::Post(i) => &self.posts[i].url,
            Doc::Exercise(i) => &self.exercises[i].url,
        }
    }

    /// The headings of a document (what `#anchor` links to it may name).
    pub fn headings_of(&self, doc: Doc) -> &[Heading] {
        match doc {
            Doc::Post(i) => &self.posts[i].post.doc.body.outline.headings,
            Doc::Exercise(i) => &self.exercises[i].exercise.doc.body.outline.headings,
        }
    }

    /// The other posts an exercise card in `post` names: parts of the same series first, then
    /// the rest in reading order, at most [`ALSO_IN_LIMIT`]; and how many more use it.
    pub fn also_in(&self, exercise: usize, post: Option<usize>) -> (Vec<usize>, usize) {
        let users = &self.exercises[exercise].used_in;
        let uses = |j: usize| self.posts[j].exercises.contains(&exercise);
        let mut chosen: Vec<usize> = Vec::with_capacity(ALSO_IN_LIMIT);
        if let Some((s, _)) = post.and_then(|p| self.posts[p].series) {
            chosen.extend(
                self.series[s]
                    .parts
                    .iter()
                    .copied()
                    .filter(|&j| Some(j) != post && uses(j))
                    .take(ALSO_IN_LIMIT),
            );
        }
        for &j in users {
            if chosen.len() == ALSO_IN_LIMIT {
                break;
            }
            if Some(j) != post && !chosen.contains(&j) {
                chosen.push(j);
            }
        }
        let others = users.len() - usize::from(post.is_some_and(uses));
        chosen.sort_by_key(|&j| self.reading_position[j]);
        let more = others - chosen.len();
        (chosen, more)
    }
}

impl Site {
    /// Whether post `i` has a routine page: it embeds exercises.
    pub fn has_routine(&self, i: usize) -> bool {
        !self.posts[i].routine.items.is_empty()
    }

    /// Whether a series has a program page: some part embeds exercises.
    pub fn has_program(&self, s: &SeriesEntry) -> bool {
        s.parts.iter().any(|&i| self.has_routine(i))
    }

    /// True when the site has posts (pages alone have no feed).
    pub fn has_posts(&self) -> bool {
        self.posts.iter().any(|p| p.post.kind == Kind::Post)
    }

    /// True when the site's `static/` holds its own version of the generated file `name`.
    pub fn replaces(&self, name: &str) -> bool {
        self.replaced.contains(&name)
    }

    /// The posts of a feed (the site's, or a series'), newest first, at most `feed_limit`.
    pub fn feed_entries(&self, series: Option<usize>) -> Vec<usize> {
        let mut posts: Vec<usize> = match series {
            Some(s) => self.series[s].parts.clone(),
            None => (0..self.posts.len()).collect(),
        };
        posts.retain(|&i| self.posts[i].post.kind == Kind::Post);
        let key = |i: usize| (self.posts[i].post.doc.meta.date, &self.posts[i].slug);
        posts.sort_by(|&a, &b| key(b).cmp(&key(a)));
        if self.config.feed_limit > 0 {
            posts.truncate(self.config.feed_limit);
        }
        posts
    }

    /// How many draft posts this build leaves out (`--drafts` builds them).
    pub fn drafts_left_out(&self) -> usize {
        self.unbuilt
            .values()
            .filter(|u| matches!(u, Unbuilt::Draft))
            .count()
    }

    /// Posts held back because they are dated after today: how many, and the earliest date.
    pub fn held_back(&self) -> Option<(usize, Date)> {
        let dates = self.unbuilt.values().filter_map(|u| match u {
            Unbuilt::Scheduled(d) => Some(*d),
            Unbuilt::Draft => None,
        });
        let (count, first) = dates.fold((0, None::<Date>), |(n, min), d| {
            (n + 1, Some(min.map_or(d, |m| m.min(d))))
        });
        first.map(|d| (count, d))
    }
}
