//! The pages of the author's documents: a post's, a page's (of `pages/`) and an exercise's.

use std::hash::Hash;

use tera::Context;

use super::digests::post_body;
use super::{Digests, Env, Job, Made, Out, PageKind};
use crate::content::Kind;
use crate::hash::StableHasher;
use crate::i18n::Translations;
use crate::render::context::{ExerciseView, PageView, PostRef};
use crate::render::motion;
use crate::render::seo::{Seo, exercise_description};
use crate::render::series::SeriesView;
use crate::render::video;
use crate::site::{Doc, Origin, Route, Site};

/// A post's page, by index into the site's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Post(pub usize);

/// A page of `pages/`, by index into the site's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Page(pub usize);

/// An exercise's page, by index into the site's exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Exercise(pub usize);

/// The page of document `i` of the site's posts: a post's, or a page's.
pub(super) fn of_post(site: &Site, i: usize) -> Job {
    match site.posts[i].post.kind {
        Kind::Post => Job::Post(Post(i)),
        Kind::Page => Job::Page(Page(i)),
    }
}

/// The documents of the site's posts of kind `kind`.
fn of_kind(site: &Site, kind: Kind) -> impl Iterator<Item = usize> + '_ {
    (0..site.posts.len()).filter(move |&i| site.posts[i].post.kind == kind)
}

/// `doc`, if it is one of the site's posts of kind `kind`.
fn doc_of_kind(site: &Site, doc: Doc, kind: Kind) -> Option<usize> {
    match doc {
        Doc::Post(i) if site.posts[i].post.kind == kind => Some(i),
        _ => None,
    }
}

impl PageKind for Post {
    const TEMPLATE: Option<&'static str> = Some("post.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        of_kind(site, Kind::Post).map(Post).collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::post(&site.posts[self.0].slug)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        let p = &site.posts[self.0];
        post_body(site, d, self.0, h);
        for n in [p.prev, p.next] {
            n.map(|n| d.post_ref[n]).hash(h);
        }
        p.series.map(|(s, _)| d.series[s]).hash(h);
        for &t in &p.tags {
            d.tags[t].hash(h);
        }
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let (site, i) = (env.site, self.0);
        let p = &site.posts[i];
        let content = body(env, i, out);
        let ctx = &mut out.ctx;
        body_scripts(&content, &site.config.i18n, ctx);
        ctx.insert("page", &PageView::new(site, i, &content));
        let series = p.series.map(|(s, _)| &site.series[s]);
        ctx.insert("series", &series.map(|s| SeriesView::new(site, s, Some(i))));
        ctx.insert("prev", &p.prev.map(|j| PostRef::new(site, j)));
        ctx.insert("next", &p.next.map(|j| PostRef::new(site, j)));
        ctx.insert("seo", &Seo::post(site, i));
        Made::Filled(p.post.doc.source.path.display().to_string())
    }

    fn showing(site: &Site, doc: Doc) -> Vec<Self> {
        doc_of_kind(site, doc, Kind::Post)
            .map(Post)
            .into_iter()
            .collect()
    }

    fn bodies(self, _: &Site) -> Vec<usize> {
        vec![self.0]
    }

    fn origin(self) -> Origin {
        Origin::Post(self.0)
    }
}

impl PageKind for Page {
    const TEMPLATE: Option<&'static str> = Some("page.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        of_kind(site, Kind::Page).map(Page).collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::post(&site.posts[self.0].slug)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        post_body(site, d, self.0, h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let (site, i) = (env.site, self.0);
        let content = body(env, i, out);
        body_scripts(&content, &site.config.i18n, &mut out.ctx);
        out.ctx.insert("page", &PageView::new(site, i, &content));
        out.ctx.insert("seo", &Seo::standalone(site, i));
        Made::Filled(site.posts[i].post.doc.source.path.display().to_string())
    }

    fn showing(site: &Site, doc: Doc) -> Vec<Self> {
        doc_of_kind(site, doc, Kind::Page)
            .map(Page)
            .into_iter()
            .collect()
    }

    fn bodies(self, _: &Site) -> Vec<usize> {
        vec![self.0]
    }

    fn origin(self) -> Origin {
        Origin::Post(self.0)
    }
}

impl PageKind for Exercise {
    const TEMPLATE: Option<&'static str> = Some("exercise.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        (0..site.exercises.len()).map(Exercise).collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::exercise(&site.exercises[self.0].exercise.id)
    }

    fn inputs(self, _: &Site, d: &Digests, h: &mut StableHasher) {
        d.exercise_page[self.0].hash(h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let (site, exercises, i) = (env.site, env.exercises, self.0);
        let x = &site.exercises[i];
        let content = exercises.html.get(i).map_or("", String::as_str);
        let ctx = &mut out.ctx;
        body_scripts(content, &site.config.i18n, ctx);
        if x.video.as_ref().is_some_and(|v| v.kind != "file") {
            ctx.insert("video_script", &Some(video::SCRIPT));
        }
        if x.animation.is_some() {
            ctx.insert("motion_script", &Some(motion::script(&site.config.i18n)));
        }
        out.sources = exercises.sources.get(i).cloned().unwrap_or_default();
        let description = exercise_description(site, i);
        ctx.insert("seo", &Seo::exercise(site, x, &description));
        ctx.insert("exercise", &ExerciseView::new(site, x, content));
        Made::Filled(x.exercise.doc.source.path.display().to_string())
    }

    fn showing(_: &Site, doc: Doc) -> Vec<Self> {
        match doc {
            Doc::Exercise(i) => vec![Exercise(i)],
            Doc::Post(_) => Vec::new(),
        }
    }

    fn origin(self) -> Origin {
        Origin::Exercise(self.0)
    }
}

/// The HTML of post or page `i`'s body, taking its links and errors.
fn body(env: &Env, i: usize, out: &mut Out) -> String {
    let r = env.bodies.post(env.site, env.templates, i, env.exercises);
    out.errors.append(r.errors.clone());
    out.deps = r.links.clone();
    out.sources = r.sources.clone();
    r.html.clone()
}

/// What a page's body asks of its `<head>` and end: the video facades' script where it has a
/// facade, the animations' pause control where it has an animation, `highlight.css` where it has
/// highlighted code.
fn body_scripts(content: &str, words: &Translations, ctx: &mut Context) {
    ctx.insert("video_script", &video::script_for(content));
    ctx.insert("motion_script", &motion::script_for(content, words));
    ctx.insert("code_highlighted", &crate::highlight::has_code(content));
}
