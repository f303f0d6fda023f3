//! The values templates see: small serialisable views borrowed from the index. Documented in the manual (docs/pages/reference/templates.md).

use serde::Serialize;

use super::icons::HeadIcons;
use super::motion::{Shown, figure};
use super::video::{VideoView, exercise_poster, image_in_facade};
use crate::i18n::Translations;
use crate::images::{Picture, Show};
use crate::markdown::Heading;
use crate::site::{ArchiveYear, ExerciseEntry, FEED, Route, Site};

/// `site`: settings every template gets.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    author: &'a str,
    language: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    has_exercises: bool,
    has_tags: bool,
    /// Whether the site has a search page (`search` setting).
    search: bool,
    feed_url: Option<String>,
    /// The archive of posts by year, when the site has posts.
    archive_url: Option<String>,
    head: HeadIcons,
    /// Scheme and host of `base_url` (`https://example.org`), when it has them.
    origin: Option<&'a str>,
    menu: Vec<MenuItem<'a>>,
}

/// A page in the header navigation (`menu` in its front matter), in order.
#[derive(Serialize)]
pub struct MenuItem<'a> {
    title: &'a str,
    url: &'a str,
}

impl<'a> SiteView<'a> {
    /// The view of the site settings and of what the site has.
    pub fn new(site: &'a Site) -> Self {
        let config = &site.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            author: &config.author,
            language: &config.language,
            base_url: &config.base_url,
            base_path: &config.base_path,
            has_exercises: !site.exercises.is_empty(),
            has_tags: !site.tags.is_empty(),
            search: config.search,
            feed_url: site.has_posts().then(|| Route::file(FEED).url(config)),
            archive_url: site.has_posts().then(|| Route::archive().url(config)),
            head: HeadIcons::new(site),
            origin: config.origin(),
            menu: site
                .menu
                .iter()
                .map(|&i| MenuItem {
                    title: &site.posts[i].post.doc.meta.title,
                    url: &site.posts[i].url,
                })
                .collect(),
        }
    }
}

/// A tag as a post shows it: a chip linking to the tag's page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    name: &'a str,
    url: &'a str,
}

/// `tag` on a tag page, and each of `tags` on the tag index.
#[derive(Serialize)]
pub struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
    count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    posts: Option<Vec<PostRef<'a>>>,
}

impl<'a> TagView<'a> {
    /// Tag `t`, with `posts` (a page of its posts, newest first) when given.
    pub fn new(site: &'a Site, t: usize, posts: Option<&[usize]>) -> Self {
        let tag = &site.tags[t];
        TagView {
            name: &tag.name,
            slug: &tag.slug,
            url: &tag.url,
            count: tag.posts.len(),
            posts: posts.map(|shown| {
                let listed = shown.iter().enumerate();
                listed.map(|(n, &i)| PostRef::listed(site, i, n)).collect()
            }),
        }
    }
}

/// A year in `years` on the archive page.
#[derive(Serialize)]
pub struct ArchiveYearView {
    year: u16,
    url: String,
    count: usize,
}

impl ArchiveYearView {
    pub fn new(site: &Site, y: &ArchiveYear) -> Self {
        ArchiveYearView {
            year: y.year,
            url: Route::archive_year(y.year).url(&site.config),
            count: y.posts.len(),
        }
    }
}

/// A post as it appears in lists, neighbours and series boxes.
#[derive(Serialize)]
pub struct PostRef<'a> {
    title: &'a str,
    slug: &'a str,
    url: &'a str,
    permalink: &'a str,
    date: Option<&'a str>,
    date_display: Option<&'a str>,
    updated: Option<&'a str>,
    updated_display: Option<&'a str>,
    image: Option<&'a str>,
    summary: &'a str,
    summary_text: &'a str,
    tags: &'a [String],
    tag_links: Vec<TagLink<'a>>,
    position: Option<usize>,
    scheduled: bool,
    current: bool,
    /// Its picture as a list's thumbnail (on list pages only).
    #[serde(skip_serializing_if = "Option::is_none")]
    thumb: Option<ImageView<'a>>,
}

/// The widths a list's thumbnail takes in the theme (`.item-thumb`).
const THUMB_SIZES: &str = "(min-width: 40rem) 11rem, 6rem";

/// List entries from this one on are below a phone's first screen: their thumbnails load lazily.
const EAGER_THUMBS: usize = 2;

/// How many of the posts an exercise's page lists under "Used in" show their picture.
const USED_IN_PICTURES: usize = 12;

impl<'a> PostRef<'a> {
    /// The reference to post `i`.
    pub fn new(site: &'a Site, i: usize) -> Self {
        let p = &site.posts[i];
        let text = p.listing(&site.config.language);
        PostRef {
            title: &p.post.doc.meta.title,
            slug: &p.slug,
            url: &p.url,
            permalink: &p.permalink,
            date: text.date.as_deref(),
            date_display: text.date_display.as_deref(),
            updated: text.updated.as_deref(),
            updated_display: text.updated_display.as_deref(),
            image: p.image.as_deref(),
            summary: &text.summary,
            summary_text: &p.post.summary_text,
            tags: &p.post.doc.meta.tags,
            tag_links: p
                .tags
                .iter()
                .map(|&t| TagLink {
                    name: &site.tags[t].name,
                    url: &site.tags[t].url,
                })
                .collect(),
            position: p.series.map(|(_, n)| n),
            scheduled: p.scheduled,
            current: false,
            thumb: None,
        }
    }

    /// The reference to post `i` as entry `place` (0-based) of a list: with its picture as a
    /// thumbnail, when the post has a picture of the site's.
    pub fn listed(site: &'a Site, i: usize, place: usize) -> Self {
        let mut post = PostRef::new(site, i);
        post.thumb = site.posts[i].hero.as_ref().map(|h| {
            let show = Show {
                alt: "",
                class: "item-thumb-image",
                lazy: place >= EAGER_THUMBS,
                title: "",
            };
            ImageView::of(h, "", h.html_sized(&show, THUMB_SIZES))
        });
        post
    }

    pub(super) fn current(mut self, yes: bool) -> Self {
        self.current = yes;
        self
    }
}

/// An exercise as it appears in a post's list of exercises.
#[derive(Serialize)]
pub struct ExerciseRef<'a> {
    id: &'a str,
    name: &'a str,
    joint: &'a str,
    goal: Option<crate::content::Goal>,
    /// The goal as readers see it, in the site's language.
    goal_name: Option<String>,
    url: &'a str,
    used_in_count: usize,
}

impl<'a> ExerciseRef<'a> {
    /// The reference to an exercise.
    pub fn new(x: &'a ExerciseEntry, words: &Translations) -> Self {
        let m = &x.exercise.doc.meta;
        ExerciseRef {
            id: &x.exercise.id,
            name: &m.name,
            joint: &m.joint,
            goal: m.goal,
            goal_name: m.goal.map(|g| goal_name(g.name(), words)),
            url: &x.url,
            used_in_count: x.used_in.len(),
        }
    }
}

/// A goal (`soft-tissue`) as readers see it: "soft-tissue", "Weichteile".
pub(crate) fn goal_name(goal: &str, words: &Translations) -> String {
    let key = format!("goal_{}", goal.replace('-', "_"));
    words.format(&key, &[]).unwrap_or_else(|_| goal.to_string())
}

/// `exercise`: everything about an exercise (its page and its cards).
#[derive(Serialize)]
pub struct ExerciseView<'a> {
    id: &'a str,
    name: &'a str,
    joint: &'a str,
    goal: Option<crate::content::Goal>,
    /// The goal as readers see it, in the site's language.
    goal_name: Option<String>,
    video: Option<VideoView<'a>>,
    /// The image is its video's poster (the facade shows it; no figure of its own).
    image_in_video: bool,
    image: Option<ImageView<'a>>,
    /// Its animation, which the card and page show in place of `image`.
    animation: Option<AnimationView<'a>>,
    cues: &'a [String],
    equipment: &'a [String],
    content: &'a str,
    url: &'a str,
    permalink: &'a str,
    used_in_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    used_in: Option<Vec<PostRef<'a>>>,
}

impl<'a> ExerciseView<'a> {
    /// The view of exercise `x` with its rendered body and every post that uses it.
    pub fn new(site: &'a Site, x: &'a ExerciseEntry, content: &'a str) -> Self {
        ExerciseView {
            used_in: Some(ExerciseView::used_in(site, x)),
            // The first picture of the page: not lazy (the still drawing is, where the animation
            // shows in its place).
            image: ExerciseView::picture(x, x.animation.is_some()),
            ..ExerciseView::shown(site, x, content, false)
        }
    }

    /// The posts using exercise `x`, the first [`USED_IN_PICTURES`] with their pictures (lazy:
    /// the list is below the drawing), so a page listing a thousand posts stays light.
    fn used_in(site: &'a Site, x: &ExerciseEntry) -> Vec<PostRef<'a>> {
        x.used_in
            .iter()
            .enumerate()
            .map(|(n, &i)| match n < USED_IN_PICTURES {
                true => PostRef::listed(site, i, EAGER_THUMBS + n),
                false => PostRef::new(site, i),
            })
            .collect()
    }

    /// The view for a card: no `used_in` list (a card shows `also_in`), so a card costs the same
    /// however many posts use the exercise.
    pub fn card(site: &'a Site, x: &'a ExerciseEntry, content: &'a str) -> Self {
        ExerciseView::shown(site, x, content, true)
    }

    /// The view without `used_in`; its animation `lazy` or not (on a card, or on its own page).
    fn shown(site: &'a Site, x: &'a ExerciseEntry, content: &'a str, lazy: bool) -> Self {
        let m = &x.exercise.doc.meta;
        let animation = AnimationView::new(x, lazy, &site.config.i18n);
        ExerciseView {
            id: &x.exercise.id,
            name: &m.name,
            joint: &m.joint,
            goal: m.goal,
            goal_name: m.goal.map(|g| goal_name(g.name(), &site.config.i18n)),
            video: x.video.as_ref().map(|v| {
                let alt = if image_in_facade(x) {
                    m.image_alt.as_deref().unwrap_or("")
                } else {
                    ""
                };
                let view = VideoView::new(site, v, None, exercise_poster(x), alt);
                // The animation is the poster where the drawing would be.
                match &animation {
                    Some(a) if image_in_facade(x) => view.with_poster(a.html.clone()),
                    _ => view,
                }
            }),
            image_in_video: image_in_facade(x),
            image: ExerciseView::picture(x, true),
            animation,
            cues: &m.cues,
            equipment: &m.equipment,
            content,
            url: &x.url,
            permalink: &x.permalink,
            used_in_count: x.used_in.len(),
            used_in: None,
        }
    }

    /// The exercise's `image`, if it has one (`lazy` below the first screen).
    pub fn picture(x: &'a ExerciseEntry, lazy: bool) -> Option<ImageView<'a>> {
        let alt = x.exercise.doc.meta.image_alt.as_deref().unwrap_or("");
        let class = "exercise-image";
        x.image
            .as_ref()
            .map(|p| ImageView::new(p, alt, class, lazy))
    }
}

/// `exercise.animation`: its URL, size and `<svg>` element, and ready-made HTML (its `<img>`,
/// the still drawing for print and reduced motion, the pause button).
#[derive(Serialize)]
pub struct AnimationView<'a> {
    src: &'a str,
    width: u32,
    height: u32,
    svg: &'a str,
    html: String,
}

impl<'a> AnimationView<'a> {
    /// The view of `x`'s animation, if it has one (`lazy` below the first screen).
    fn new(x: &'a ExerciseEntry, lazy: bool, words: &Translations) -> Option<Self> {
        let a = x.animation.as_ref()?;
        let m = &x.exercise.doc.meta;
        let alt = m.image_alt.as_deref().unwrap_or("");
        let still = x.image.as_ref().map(|p| {
            p.html(&Show {
                alt,
                class: "exercise-image exercise-still",
                lazy: true,
                title: "",
            })
        });
        let shown = Shown {
            src: &a.src,
            width: a.width,
            height: a.height,
            alt,
            name: &m.name,
            lazy,
        };
        Some(AnimationView {
            src: &a.src,
            width: a.width,
            height: a.height,
            svg: &a.svg,
            html: figure(&shown, still.as_deref(), words),
        })
    }
}

/// An image of front matter as templates get it: its URL and size, and ready-made HTML.
#[derive(Serialize)]
pub struct ImageView<'a> {
    src: &'a str,
    width: u32,
    height: u32,
    alt: &'a str,
    html: String,
}

impl<'a> ImageView<'a> {
    fn new(p: &'a Picture, alt: &'a str, class: &'a str, lazy: bool) -> Self {
        let show = Show {
            alt,
            class,
            lazy,
            title: "",
        };
        ImageView::of(p, alt, p.html(&show))
    }

    /// The view of `p` written as `html`.
    fn of(p: &'a Picture, alt: &'a str, html: String) -> Self {
        ImageView {
            src: &p.src,
            width: p.width,
            height: p.height,
            alt,
            html,
        }
    }
}

/// `page`: the post being rendered.
#[derive(Serialize)]
pub struct PageView<'a> {
    /// Every field of a post reference (title, url, date, summary, tags, position, …).
    #[serde(flatten)]
    post: PostRef<'a>,
    content: &'a str,
    hero: Option<ImageView<'a>>,
    toc: &'a [Heading],
    draft: bool,
    extra: Option<&'a serde_yaml_ng::Value>,
    word_count: usize,
    reading_minutes: usize,
    exercises: Vec<ExerciseRef<'a>>,
    /// URL of its routine page, when it embeds exercises.
    routine_url: Option<String>,
    /// Whether its body shows the routine (`routine()`): a checklist of the same exercises, so
    /// the theme leaves out its list of them.
    routine_in_body: bool,
    /// Comments kept beside the post (`comments.toml`), shown read-only.
    comments: Vec<CommentView<'a>>,
}

/// A comment as the theme shows it: its date in the site's style, its text in blocks.
#[derive(Serialize)]
struct CommentView<'a> {
    #[serde(flatten)]
    comment: &'a crate::content::comments::Comment,
    /// Its date for readers ("3 September 2012"), else as written.
    date_display: String,
    /// Its paragraphs, a quoted one (every line starting with `>`) as a quote.
    blocks: Vec<CommentBlock>,
}

/// A paragraph of a comment.
#[derive(Serialize)]
struct CommentBlock {
    text: String,
    quote: bool,
}

impl<'a> CommentView<'a> {
    fn new(comment: &'a crate::content::comments::Comment, language: &str) -> Self {
        let date_display = crate::date::DateTime::parse(&comment.date)
            .map_or_else(|| comment.date.clone(), |d| d.readable(language));
        let blocks = comment
            .paragraphs
            .iter()
            .map(|p| CommentBlock::of(p))
            .collect();
        CommentView {
            comment,
            date_display,
            blocks,
        }
    }
}

impl CommentBlock {
    /// A paragraph, unquoted when every line of it starts with `>` (an e-mail-style quote).
    fn of(paragraph: &str) -> CommentBlock {
        let quoted: Option<Vec<&str>> = paragraph
            .lines()
            .map(|l| l.trim_start().strip_prefix('>').map(str::trim_start))
            .collect();
        match quoted {
            Some(lines) => CommentBlock {
                text: lines.join("\n"),
                quote: true,
            },
            None => CommentBlock {
                text: paragraph.to_string(),
                quote: false,
            },
        }
    }
}

impl<'a> PageView<'a> {
    /// The view of post `i` with its rendered content.
    pub fn new(site: &'a Site, i: usize, content: &'a str) -> Self {
        let p = &site.posts[i];
        let m = &p.post.doc.meta;
        let words = p.post.doc.body.outline.word_count;
        PageView {
            post: PostRef::new(site, i).current(true),
            content,
            hero: p.hero.as_ref().map(|h| {
                let alt = m.image_alt.as_deref().unwrap_or("");
                ImageView::new(h, alt, "post-hero-image", false)
            }),
            toc: &p.post.doc.body.outline.headings,
            draft: m.draft,
            extra: m.extra.as_ref(),
            word_count: words,
            reading_minutes: words.div_ceil(220).max(1),
            exercises: p
                .exercises
                .iter()
                .map(|&i| ExerciseRef::new(&site.exercises[i], &site.config.i18n))
                .collect(),
            comments: p
                .post
                .comments
                .iter()
                .map(|c| CommentView::new(c, &site.config.language))
                .collect(),
            routine_in_body: p
                .invocations
                .values()
                .any(|call| matches!(call, crate::calls::Invocation::Routine)),
            routine_url: site
                .has_routine(i)
                .then(|| Route::routine(&p.slug).url(&site.config)),
        }
    }
}
