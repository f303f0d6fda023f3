//! The front matter of posts, pages and exercises as written, and the keys each may hold.

use serde::Deserialize;

use super::frontmatter::DateTime;

/// A post's front matter, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostMeta {
    /// Title (required).
    pub title: String,
    /// Publication date (required for posts, optional for pages), optionally with a time and
    /// offset. A date after today schedules the post.
    pub date: Option<DateTime>,
    /// Date of the last significant change, if any.
    pub updated: Option<DateTime>,
    /// The post's picture (share card and hero): a file of its bundle, a path from the site root
    /// (`/images/x.jpg`, a file of `static/`), or an `https://` URL.
    pub image: Option<String>,
    /// Alternative text of `image` where it is shown as the hero (default: none, decorative).
    pub image_alt: Option<String>,
    /// URL segment; defaults to the file stem or bundle folder name.
    pub slug: Option<String>,
    /// Name of the series the post belongs to.
    pub series: Option<String>,
    /// Order within the series (lower first).
    #[serde(default)]
    pub weight: i64,
    /// Plain-text summary; defaults to the first paragraph.
    pub summary: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Drafts are only built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free-form data for templates.
    pub extra: Option<serde_yaml_ng::Value>,
    /// Old addresses that redirect here: paths under the base URL (`/2019/05/old-url/`) and
    /// queries on the site root (`/?p=123`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The feed entry id, kept across renames; posts only (see `site::feed_id`).
    pub feed_id: Option<String>,
    /// A page's place in the site's header navigation (lower first); pages only.
    pub menu: Option<i64>,
}

/// The keys the front matter of a post and of a page may both hold.
const DOCUMENT_KEYS: [&str; 10] = [
    "title",
    "date",
    "updated",
    "image",
    "image_alt",
    "slug",
    "summary",
    "draft",
    "extra",
    "aliases",
];

/// `shared` followed by `own`, as one array (for key lists built at compile time).
const fn joined<const A: usize, const B: usize, const N: usize>(
    shared: [&'static str; A],
    own: [&'static str; B],
) -> [&'static str; N] {
    assert!(A + B == N, "the joined list has the length of both");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A { shared[i] } else { own[i - A] };
        i += 1;
    }
    out
}

/// The keys a post's front matter may hold.
pub const POST_KEYS: &[&str] =
    &joined::<10, 4, 14>(DOCUMENT_KEYS, ["series", "weight", "tags", "feed_id"]);

/// The keys a page's front matter may hold (`pages/`).
pub const PAGE_KEYS: &[&str] = &joined::<10, 1, 11>(DOCUMENT_KEYS, ["menu"]);

/// Folder of the site root that holds pages: undated documents outside feeds, lists and series.
pub const PAGES_DIR: &str = "pages";

/// Whether a document of `posts/` or of `pages/` is a post or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A dated post of `posts/`.
    Post,
    /// An undated page of `pages/`.
    Page,
}

/// What an exercise trains.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Goal {
    /// Range of motion.
    Mobility,
    /// Control.
    Stability,
    /// Force.
    Strength,
    /// Foam rolling and the like.
    SoftTissue,
}

impl Goal {
    /// The name as written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Goal::Mobility => "mobility",
            Goal::Stability => "stability",
            Goal::Strength => "strength",
            Goal::SoftTissue => "soft-tissue",
        }
    }
}

/// An exercise's front matter, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseMeta {
    /// Display name (required).
    pub name: String,
    /// Joint or area, free text (hips, t-spine, core, ...).
    #[serde(default)]
    pub joint: String,
    /// What it trains.
    pub goal: Option<Goal>,
    /// A video URL (YouTube, Vimeo, or an .mp4/.webm file).
    pub video: Option<String>,
    /// The picture its video shows before it plays (default: its `image`).
    pub poster: Option<String>,
    /// Captions on from the start (in the site's language).
    #[serde(default)]
    pub video_captions: bool,
    /// When its video was published (the `uploadDate` of its `VideoObject`).
    pub video_date: Option<DateTime>,
    /// Short coaching cues.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Equipment needed.
    #[serde(default)]
    pub equipment: Vec<String>,
    /// Its picture on its card and page: a file of `static/`, as `/images/x.svg`.
    pub image: Option<String>,
    /// Alternative text of `image` (default: none, decorative: the name is beside it).
    pub image_alt: Option<String>,
    /// Its movement as an animated SVG of `static/`, shown inline on its card and page in place
    /// of `image` (which stays for printing and for readers who ask for reduced motion).
    pub animation: Option<String>,
    /// Seconds one rep takes (routines' estimated time).
    pub seconds_per_rep: Option<u32>,
    /// How long one set lasts when an embed gives no reps: a hold or a pass of the roller
    /// (seconds, or text such as "45 seconds" or "1 minute").
    pub duration: Option<Duration>,
}

/// An exercise's `duration`: seconds, or text with a unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Duration {
    /// Seconds.
    Seconds(u32),
    /// Text such as "45 seconds" or "1 minute".
    Text(String),
}

/// The keys an exercise's front matter may hold.
pub const EXERCISE_KEYS: &[&str] = &[
    "name",
    "joint",
    "goal",
    "video",
    "poster",
    "video_captions",
    "video_date",
    "cues",
    "equipment",
    "image",
    "image_alt",
    "animation",
    "seconds_per_rep",
    "duration",
];
