//! Rendering a post's or exercise's body: Markdown to HTML with `@/` links resolved and every
//! shortcode placeholder replaced by its template's output.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;
use tera::{Context, Value};

use super::context::{PostRef, SiteView};
use super::routine_pages::RoutineView;
use super::templates::Templates;
use super::video::VideoView;
use crate::calls::Invocation;
use crate::content::Document;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, did_you_mean, list_names};
use crate::document::masked_text;
use crate::images::Show;
use crate::markdown::{self, Heading, Hooks};
use crate::output::SourceLink;
use crate::schemes::Place;
use crate::shortcodes::{Arg, Call};
use crate::site::{Site, Unbuilt};
use crate::video_url::Video;

/// The page a body belongs to, as shortcode templates see it.
#[derive(Serialize, Clone, Copy)]
pub(crate) struct PageLink<'a> {
    /// Title of the post or exercise.
    pub title: &'a str,
    /// Its URL.
    pub url: &'a str,
}

/// What every page of a build shares, made once: each exercise's rendered body (exercise cards
/// and pages show them) and the template values that are the same on every page.
pub(crate) struct Shared {
    /// The HTML of each exercise's body, by exercise index.
    pub html: Vec<String>,
    /// Where each body's links came from.
    pub sources: Vec<Vec<SourceLink>>,
    /// `site` as every template sees it.
    pub site: Value,
    /// Each exercise's card as the exercise shortcode's template sees it (with its body).
    pub cards: Vec<Value>,
}

impl Shared {
    /// The values of `site` that need no exercise body (exercise cards come later).
    pub fn new(site: &Site) -> Shared {
        Shared {
            html: Vec::new(),
            sources: Vec::new(),
            site: Value::from_serializable(&SiteView::new(site)),
            cards: Vec::new(),
        }
    }
}

/// Renders one document's body, collecting errors.
pub(crate) struct BodyRenderer<'a> {
    /// The index.
    pub site: &'a Site,
    /// Templates for shortcodes.
    pub templates: &'a Templates,
    /// The file the body comes from.
    pub source: &'a SourceFile,
    /// Its checked calls.
    pub invocations: &'a BTreeMap<usize, Invocation>,
    /// The post being rendered (excluded from "also in"), if a post.
    pub post: Option<usize>,
    /// The page, for shortcode templates.
    pub page: PageLink<'a>,
    /// Rendered exercise bodies, by exercise index (empty while exercises themselves render).
    pub exercises: &'a Shared,
    /// Problems found.
    pub errors: Diagnostics,
    /// Targets of the `@/` links rendered (post keys, or `exercises/<id>.md`).
    pub links: Vec<String>,
    /// Every destination the body links to, with its place (embedded exercises' included).
    pub sources: Vec<SourceLink>,
    /// Pictures shown so far (the page's first one is not lazy).
    pub pictures: usize,
}

impl<'a> BodyRenderer<'a> {
    /// Renders masked `text` starting at byte `start` of the file, with `calls` at top level.
    pub fn fragment(
        &mut self,
        text: &str,
        start: usize,
        calls: &[Call],
        ids: &[Heading],
    ) -> String {
        let mut hooks = FragmentHooks { r: self, calls };
        markdown::render(text, start, ids, &mut hooks)
    }

    fn resolve(&mut self, dest: &str, offset: usize) -> Option<String> {
        let target = &dest[2..];
        let (path, anchor) = target
            .split_once('#')
            .map_or((target, None), |(p, a)| (p, Some(a)));
        self.links.push(path.to_string());
        let site = self.site;
        let found = site
            .lookup(path)
            .map(|doc| (site.url_of(doc), site.headings_of(doc)));
        // `@/pages/…` names a page of `pages/`; anything else a file under `posts/`.
        let file = if path.starts_with("pages/") {
            path.to_string()
        } else {
            format!("posts/{path}")
        };
        let Some((url, headings)) = found else {
            if !site.failed.contains(path) {
                let d = self.missing_target(path, &file, offset);
                self.errors.push(d);
            }
            return None;
        };
        match anchor {
            None => Some(url.to_string()),
            Some(a) if headings.iter().any(|h| h.id == a) => Some(format!("{url}#{a}")),
            Some(a) => {
                let d = self.missing_anchor(&file, a, headings, offset);
                self.errors.push(d);
                None
            }
        }
    }

    /// The error of an `@/` link at `offset` to `path` (`file` for messages), which names no
    /// built post: a draft, a scheduled post, or no file at all.
    fn missing_target(&self, path: &str, file: &str, offset: usize) -> Diagnostic {
        match self.site.unbuilt.get(path) {
            Some(Unbuilt::Draft) => self
                .source
                .error_at(
                    offset,
                    format!("link to `{file}`, a draft that is not being built"),
                )
                .with_hint("build with --drafts, publish the draft, or remove the link"),
            Some(Unbuilt::Scheduled(date)) => self
                .source
                .error_at(
                    offset,
                    format!(
                        "link to `{file}`, a post scheduled for {date} that is not being built"
                    ),
                )
                .with_hint(
                    "build with --future, give this post a date on or after that one, or remove the link",
                ),
            None => {
                let d = self
                    .source
                    .error_at(offset, format!("link to `{file}`, which does not exist"));
                let near = did_you_mean(path, self.site.by_key.keys().map(String::as_str));
                if near.is_empty() {
                    d.with_hint("`@/` links name a file under `posts/`, e.g. `@/core.md` or `@/core.md#breathing`, or a page as `@/pages/about.md`")
                } else {
                    d.with_hint(format!(
                        "did you mean {}?",
                        list_names(&near.iter().map(|k| format!("@/{k}")).collect::<Vec<_>>())
                    ))
                }
            }
        }
    }

    /// The error of a link at `offset` to `#anchor` of `file`, which has no such heading.
    fn missing_anchor(
        &self,
        file: &str,
        a: &str,
        headings: &[Heading],
        offset: usize,
    ) -> Diagnostic {
        let near = did_you_mean(a, headings.iter().map(|h| h.id.as_str()));
        let d = self
            .source
            .error_at(offset, format!("`{file}` has no heading with id `{a}`"));
        if headings.is_empty() {
            d.with_hint("it has no headings: link to the page without `#…`, or add the heading")
        } else if near.is_empty() {
            d.with_hint(format!(
                "its heading ids are {}",
                list_names(&headings.iter().map(|h| h.id.as_str()).collect::<Vec<_>>())
            ))
        } else {
            d.with_hint(format!("did you mean {}?", list_names(&near)))
        }
    }

    /// The slug of the post being rendered when it is a bundle (its relative paths are its files).
    fn bundle(&self) -> Option<&'a str> {
        self.post
            .map(|i| &self.site.posts[i])
            .filter(|p| p.post.key.ends_with("/index.md"))
            .map(|p| p.slug.as_str())
    }

    /// The `<img>` (or `<picture>`) of a Markdown image and its URL; errors for a missing file,
    /// an unreadable image, or missing alt text.
    fn image(
        &mut self,
        dest: &str,
        alt: &str,
        title: &str,
        offset: usize,
    ) -> Option<(String, String)> {
        let site = self.site;
        if alt.trim().is_empty() && !explicitly_decorative(&self.source.text[offset..]) {
            self.errors.push(
                self.source
                    .error_at(offset, format!("image `{dest}` has no alt text"))
                    .with_hint(format!(
                        "describe what it shows, e.g. `![Knees tracking over the toes]({dest})`; \
                         for a purely decorative image write an empty title: `![]({dest} \"\")`"
                    )),
            );
        }
        let external = dest.contains(':') || dest.starts_with("//");
        if external || dest.starts_with('#') {
            return None;
        }
        let path = dest.split(['?', '#']).next().unwrap_or(dest);
        let bundle = self.bundle();
        let output_path = match (path.strip_prefix('/'), bundle) {
            (Some(rooted), _) => Some(rooted.to_string()),
            (None, Some(slug)) => Some(format!("{slug}/{}", path.trim_start_matches("./"))),
            (None, None) => None,
        };
        let found = output_path
            .as_ref()
            .filter(|p| !p.split('/').any(|s| s == ".."))
            .and_then(|p| site.pictures.get(p).map(|r| (p, r)));
        let picture = match found {
            Some((_, Ok(picture))) => picture,
            Some((_, Err(d))) => {
                self.errors.push(self.source.locate(offset, d.clone()));
                return None;
            }
            None => {
                let is_file = output_path
                    .as_ref()
                    .is_some_and(|p| site.assets.iter().any(|a| &a.to == p));
                if !is_file {
                    let hint = match (path.strip_prefix('/'), bundle) {
                        (Some(rooted), _) => {
                            format!("put the file at `static/{rooted}`, or fix the path")
                        }
                        (None, Some(_)) => {
                            format!("put `{path}` in the post's folder, or fix the path")
                        }
                        (None, None) => format!(
                            "write the post as a bundle (`posts/<name>/index.md`) with `{path}` beside it, \
                             or start the path with `/` for a file of `static/`"
                        ),
                    };
                    self.errors.push(
                        self.source
                            .error_at(offset, format!("image `{dest}` is not a file of the site"))
                            .with_hint(hint),
                    );
                }
                return None;
            }
        };
        // The first picture of a page is not lazy, unless the page opens with a hero.
        let hero = self.post.is_some_and(|i| site.posts[i].hero.is_some());
        let lazy = hero || self.post.is_none() || self.pictures > 0;
        self.pictures += 1;
        let show = Show {
            alt: alt.trim(),
            class: "",
            lazy,
            title,
        };
        Some((picture.html(&show), picture.src.clone()))
    }

    fn call(&mut self, call: &Call) -> String {
        let Some(inv) = self.invocations.get(&call.span.start) else {
            return String::new(); // already reported in phase 1
        };
        let body = call.body.clone().map_or(String::new(), |b: Range<usize>| {
            let masked = masked_text(&self.source.text, b.clone(), &call.children);
            self.fragment(&masked, b.start, &call.children, &[])
        });
        let site = self.site;
        let mut ctx = Context::new();
        ctx.insert_value("site", self.exercises.site.clone());
        ctx.insert("page", &self.page);
        ctx.insert("body", &body);
        let template = match inv {
            Invocation::Exercise { id, sets, reps } => {
                self.exercise_card(&mut ctx, id, sets.as_ref(), reps.as_ref())
            }
            Invocation::Video(v) => Some(self.video_shortcode(&mut ctx, call, v)),
            Invocation::Routine => self.post.filter(|&i| site.has_routine(i)).map(|i| {
                ctx.insert("routine", &RoutineView::new(site, i, None));
                "shortcodes/routine.html".to_string()
            }),
            Invocation::Site { name, args } => {
                for (k, v) in args {
                    if !matches!(k.as_str(), "site" | "page" | "body" | "args") {
                        ctx.insert(k.clone(), v);
                    }
                }
                ctx.insert("args", args);
                Some(format!("shortcodes/{name}.html"))
            }
        };
        let Some(template) = template else {
            return String::new();
        };
        let page = self.source.path.display().to_string();
        match self.templates.render(&template, &ctx, &page) {
            Ok(html) => html,
            Err(t) => {
                self.shortcode_failed(call, &template, t);
                String::new()
            }
        }
    }

    /// Puts the card of exercise `id` in `ctx` and names its template; `None` when there is no
    /// card to show (an unknown id is reported in phase 1; exercise bodies embed no exercise).
    fn exercise_card(
        &mut self,
        ctx: &mut Context,
        id: &str,
        sets: Option<&Arg>,
        reps: Option<&Arg>,
    ) -> Option<String> {
        let site = self.site;
        let &xi = site.by_id.get(id)?;
        let card = self.exercises.cards.get(xi)?;
        if let Some(sources) = self.exercises.sources.get(xi) {
            self.sources.extend(sources.iter().cloned());
        }
        ctx.insert_value("exercise", card.clone());
        ctx.insert("sets", &sets);
        ctx.insert("reps", &reps);
        let (also, more) = site.also_in(xi, self.post);
        let also: Vec<PostRef> = also.into_iter().map(|i| PostRef::new(site, i)).collect();
        ctx.insert("also_in", &also);
        ctx.insert("also_in_more", &more);
        Some("shortcodes/exercise.html".to_string())
    }

    /// Puts video `v` of `call`, with its poster, in `ctx` and names its template; a poster that
    /// cannot be used is reported.
    fn video_shortcode(&mut self, ctx: &mut Context, call: &Call, v: &Video) -> String {
        let site = self.site;
        let bundle = self.bundle();
        let poster = match &v.poster {
            Some(path) => match super::video::poster(site, path, bundle) {
                Ok(p) => Some(p),
                Err(d) => {
                    let at = call.args.get("poster").map_or(call.span.start, |a| a.1);
                    self.errors.push(self.source.locate(at, d));
                    None
                }
            },
            None => None,
        };
        ctx.insert("video", &VideoView::new(site, v, bundle, poster, ""));
        "shortcodes/video.html".to_string()
    }

    /// Reports `template`'s failure `t` while rendering `call`.
    fn shortcode_failed(&mut self, call: &Call, template: &str, t: Diagnostic) {
        let at = t
            .position
            .map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
        let template = t
            .path
            .as_deref()
            .map_or_else(|| template.to_string(), |p| p.display().to_string());
        let d = self.source.error_at(
            call.span.start,
            format!(
                "shortcode `{}` failed in `{template}{at}`: {}",
                call.name, t.message
            ),
        );
        self.errors.push(d.with_hint(format!(
            "fix the template `{template}` or the arguments given here"
        )));
    }
}

/// A rendered body: its HTML, the problems found, the targets of its `@/` links, and where its
/// links came from.
#[derive(Clone)]
pub(crate) struct Rendered {
    /// The HTML.
    pub html: String,
    /// Problems found.
    pub errors: Diagnostics,
    /// Targets of its `@/` links.
    pub links: Vec<String>,
    /// Every destination it links to, with its place.
    pub sources: Vec<SourceLink>,
}

impl Rendered {
    /// Renders the body of post `i` (for its page and for the feeds that carry it).
    pub fn post(site: &Site, templates: &Templates, i: usize, exercises: &Shared) -> Rendered {
        let p = &site.posts[i];
        let doc = &p.post.doc;
        let page = PageLink {
            title: &doc.meta.title,
            url: &p.url,
        };
        Rendered::body(
            site,
            templates,
            doc,
            &p.invocations,
            Some(i),
            page,
            exercises,
        )
    }

    /// Renders a document's prepared body (the page is `post` when it is a post).
    #[allow(clippy::too_many_arguments)]
    pub fn body<M>(
        site: &Site,
        templates: &Templates,
        doc: &Document<M>,
        invocations: &BTreeMap<usize, Invocation>,
        post: Option<usize>,
        page: PageLink<'_>,
        exercises: &Shared,
    ) -> Rendered {
        let body = &doc.body;
        let mut r = BodyRenderer {
            site,
            templates,
            source: &doc.source,
            invocations,
            post,
            page,
            exercises,
            errors: Diagnostics::default(),
            links: Vec::new(),
            sources: Vec::new(),
            pictures: 0,
        };
        let html = r.fragment(
            &body.masked(&doc.source),
            body.start,
            &body.calls,
            &body.outline.headings,
        );
        Rendered {
            html,
            errors: r.errors,
            links: r.links,
            sources: r.sources,
        }
    }
}

struct FragmentHooks<'r, 'a, 'c> {
    r: &'r mut BodyRenderer<'a>,
    calls: &'c [Call],
}

impl Hooks for FragmentHooks<'_, '_, '_> {
    fn link(&mut self, dest: &str, offset: usize) -> Option<String> {
        self.r.resolve(dest, offset)
    }

    fn shortcode_in(&mut self, range: Range<usize>) -> Option<(String, usize)> {
        let i = self.calls.partition_point(|c| c.span.start < range.start);
        let call = self.calls.get(i).filter(|c| c.span.start < range.end)?;
        Some((self.r.call(call), call.span.end))
    }

    fn image(
        &mut self,
        dest: &str,
        alt: &str,
        title: &str,
        offset: usize,
    ) -> Option<(String, String)> {
        self.r.image(dest, alt, title, offset)
    }

    fn code_block(&mut self, lang: &str, code: &str) -> Option<String> {
        let enabled = self.r.site.config.highlight.enabled;
        enabled
            .then(|| crate::highlight::block(lang, code))
            .flatten()
    }

    fn written_url(&mut self, url: &str, place: Place, offset: usize) {
        if let Err(d) = self.r.site.config.url_schemes.check(url, place) {
            self.r.errors.push(self.r.source.locate(offset, d));
        }
    }

    fn destination(&mut self, url: &str, offset: usize) {
        let source = self.r.source;
        self.r.sources.push(SourceLink {
            url: url.to_string(),
            path: source.path.clone(),
            position: source.position(offset),
        });
    }
}

/// True when the image Markdown at the start of `text` (`![](x.jpg "")`) has an explicitly empty
/// title: the author's way to say an image is decorative and needs no alt text.
fn explicitly_decorative(text: &str) -> bool {
    let Some(open) = text.find("](") else {
        return false;
    };
    let rest = &text[open + 2..];
    let Some(close) = rest.find(')') else {
        return false;
    };
    let inside = rest[..close].trim_end();
    inside.ends_with("\"\"") || inside.ends_with("''")
}
