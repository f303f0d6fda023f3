//! The entries of the index: a post or page being built, a series, an exercise, and why a post
//! that exists is not built.

use std::sync::{Arc, OnceLock};

use crate::calls::Invocations;
use crate::content::{Exercise, Post};
use crate::date::Date;
use crate::diagnostic::Diagnostics;
use crate::html::escape_html;
use crate::images::Picture;
use crate::video_url::Video;

use super::routine::{Pace, Routine};

/// A post that is part of the build.
#[derive(Debug, Clone)]
pub struct PostEntry {
    /// The loaded post.
    pub post: Arc<Post>,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL (`/base/slug/`).
    pub url: String,
    /// Absolute URL when `base_url` is absolute, else the same as `url`.
    pub permalink: String,
    /// Checked shortcode calls, by start offset.
    pub invocations: Invocations,
    /// `(series index, 1-based position)`.
    pub series: Option<(usize, usize)>,
    /// Previous post (in the series, or by date for posts outside a series).
    pub prev: Option<usize>,
    /// Next post.
    pub next: Option<usize>,
    /// Exercises embedded, in order of first appearance (indices into `Site::exercises`).
    pub exercises: Vec<usize>,
    /// Its tags (indices into `Site::tags`), in the order written.
    pub tags: Vec<usize>,
    /// Dated after today, and built because future posts were asked for (watch, `--future`).
    pub scheduled: bool,
    /// URL of its picture (root-relative, or absolute for an `https://` image).
    pub image: Option<String>,
    /// Its picture as the hero under the title (a file of the site, whose size is known).
    pub hero: Option<Picture>,
    /// Its routine: the exercises it embeds with their prescriptions and estimated time.
    pub routine: Routine,
    /// What checking its body's shortcode calls and routine found (the index reports them).
    pub(crate) notes: Diagnostics,
    /// How it shows in lists, made once per build on first use (a post is listed on many pages).
    pub listing: OnceLock<Listing>,
}

/// The text of a post as lists, series boxes and neighbours show it.
#[derive(Debug, Clone)]
pub struct Listing {
    /// `YYYY-MM-DD` (or the date and time as written).
    pub date: Option<String>,
    /// The date for readers, in the site's language.
    pub date_display: Option<String>,
    /// The date of its last update, as `date`.
    pub updated: Option<String>,
    /// That date for readers.
    pub updated_display: Option<String>,
    /// Its summary, HTML-escaped.
    pub summary: String,
}

impl PostEntry {
    /// How it shows in lists, for a site in `language` (made on first use).
    pub fn listing(&self, language: &str) -> &Listing {
        self.listing.get_or_init(|| Listing::of(self, language))
    }
}

impl Listing {
    /// The listing text of `p` for a site in `language`.
    fn of(p: &PostEntry, language: &str) -> Listing {
        let meta = &p.post.doc.meta;
        Listing {
            date: meta.date.map(|d| d.to_string()),
            date_display: meta.date.map(|d| d.readable(language)),
            updated: meta.updated.map(|d| d.to_string()),
            updated_display: meta.updated.map(|d| d.readable(language)),
            summary: escape_html(&p.post.summary_text),
        }
    }
}

/// Why a post that exists is not part of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unbuilt {
    /// A draft, and drafts are not built.
    Draft,
    /// Dated after today, and future posts are not built.
    Scheduled(Date),
}

/// A series: its name and its parts in reading order.
#[derive(Debug, Clone)]
pub struct SeriesEntry {
    /// Name as written in front matter.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL of the series page.
    pub url: String,
    /// Post indices in reading order.
    pub parts: Vec<usize>,
}

/// An exercise of the library.
#[derive(Debug, Clone)]
pub struct ExerciseEntry {
    /// The loaded exercise.
    pub exercise: Arc<Exercise>,
    /// Root-relative URL of its page.
    pub url: String,
    /// Absolute URL when `base_url` is absolute.
    pub permalink: String,
    /// Checked shortcode calls in the body.
    pub invocations: Invocations,
    /// The embed for its `video`.
    pub video: Option<Video>,
    /// Its `image`, shown on its card and page.
    pub image: Option<Picture>,
    /// Its `poster`, shown on its video before it plays.
    pub poster: Option<Picture>,
    /// Its `animation`, shown inline on its card and page (and as its video's poster).
    pub animation: Option<super::Animation>,
    /// Posts that embed it, in reading order.
    pub used_in: Vec<usize>,
    /// Its own pace for routines' estimated time.
    pub pace: Pace,
}
