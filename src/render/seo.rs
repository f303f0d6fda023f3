//! What a page tells search engines and link previews: description, canonical link, Open Graph and
//! Twitter card values, feed links, and JSON-LD built as real JSON (a field with no value is left
//! out, never filled in).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::video::{exercise_poster, poster, video_object};
use crate::calls::Invocation;
use crate::i18n::Arg;
use crate::site::{ExerciseEntry, FEED, Route, Site, permalink};

/// A feed a page links to in its head.
#[derive(Serialize)]
pub(crate) struct FeedLink {
    title: String,
    url: String,
}

/// `seo`: the share and search values of the page being rendered.
#[derive(Serialize, Default)]
pub(crate) struct Seo {
    /// `og:title`.
    title: String,
    /// `<meta name="description">` and `og:description` (empty: left out).
    description: String,
    /// Canonical URL, only when it is absolute (a relative canonical is invalid).
    canonical: Option<String>,
    /// `article` for posts, `website` otherwise.
    og_type: &'static str,
    /// Absolute URL of the page's picture.
    image: Option<String>,
    /// `article:published_time` and `article:modified_time`.
    published: Option<String>,
    modified: Option<String>,
    /// Feeds to announce with `<link rel="alternate">`.
    feeds: Vec<FeedLink>,
    /// JSON-LD, ready for a `<script type="application/ld+json">`.
    jsonld: Option<String>,
}

/// The permalink of post or page `i`'s picture.
fn image_of(site: &Site, i: usize) -> Option<String> {
    site.posts[i]
        .image
        .as_deref()
        .map(|u| permalink(&site.config, u))
}

/// Only absolute URLs are worth giving to crawlers and previews.
fn absolute(url: &str) -> Option<String> {
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
}

impl Seo {
    /// A page that is not a post: a title, a description, a URL.
    pub fn page(site: &Site, title: &str, description: &str, route: &Route) -> Seo {
        let url = permalink(&site.config, &route.url(&site.config));
        Seo {
            title: title.to_string(),
            description: description.to_string(),
            canonical: absolute(&url),
            og_type: "website",
            feeds: site_feed(site),
            ..Seo::default()
        }
    }

    /// A post, with its `BlogPosting` and breadcrumbs.
    pub fn post(site: &Site, i: usize) -> Seo {
        let p = &site.posts[i];
        let m = &p.post.doc.meta;
        let image = image_of(site, i);
        let mut graph = vec![blog_posting(site, i, image.as_deref())];
        graph.push(breadcrumbs(site, i));
        graph.extend(post_videos(site, i));
        let mut seo = Seo::document(
            site,
            i,
            "article",
            json!({"@context": "https://schema.org", "@graph": graph}),
        );
        if let Some((s, _)) = p.series {
            seo.feeds.push(series_feed(site, s));
        }
        seo.published = m.date.map(|d| d.w3c());
        seo.modified = m.updated.map(|d| d.w3c());
        seo
    }

    /// What a post and a page of `pages/` share: title, summary, canonical link, picture, the
    /// site's feed, and their JSON-LD.
    fn document(site: &Site, i: usize, og_type: &'static str, jsonld: Value) -> Seo {
        let p = &site.posts[i];
        Seo {
            title: p.post.doc.meta.title.clone(),
            description: p.post.summary_text.clone(),
            canonical: absolute(&p.permalink),
            og_type,
            image: image_of(site, i).as_deref().and_then(absolute),
            feeds: site_feed(site),
            jsonld: Some(script_json(&jsonld)),
            ..Seo::default()
        }
    }

    /// A page of `pages/`: a `WebPage`, no article times but its own dates.
    pub fn standalone(site: &Site, i: usize) -> Seo {
        let image = image_of(site, i);
        let mut item = object(&[
            ("@context", json!("https://schema.org")),
            ("@type", json!("WebPage")),
        ]);
        put(&mut item, "name", &site.posts[i].post.doc.meta.title);
        document_facts(site, i, image.as_deref(), &mut item);
        Seo::document(site, i, "website", Value::Object(item))
    }

    /// A page of a series' list, announcing the series' feed.
    pub fn series(site: &Site, s: usize, description: &str, route: &Route) -> Seo {
        let series = &site.series[s];
        let mut seo = Seo::page(site, &series.name, description, route);
        seo.feeds.push(series_feed(site, s));
        seo
    }

    /// An exercise page, with a `HowTo` when it has cues to follow.
    pub fn exercise(site: &Site, x: &ExerciseEntry, description: &str) -> Seo {
        let mut seo = Seo::page(
            site,
            &x.exercise.doc.meta.name,
            description,
            &Route::exercise(&x.exercise.id),
        );
        let video = x.video.as_ref().and_then(|v| {
            let date = x.exercise.doc.meta.video_date.as_ref();
            video_object(site, v, None, exercise_poster(x), description, date)
        });
        seo.jsonld = match (how_to(x, description), video) {
            (Some(how), Some(video)) => Some(json!({
                "@context": "https://schema.org",
                "@graph": [without_context(how), video],
            })),
            (Some(one), None) => Some(one),
            (None, Some(mut video)) => {
                video["@context"] = json!("https://schema.org");
                Some(video)
            }
            (None, None) => None,
        }
        .map(|v| script_json(&v));
        seo
    }

    /// A page of the home page, with a `WebSite` item.
    pub fn home(site: &Site, route: &Route) -> Seo {
        let c = &site.config;
        let mut seo = Seo::page(site, &c.title, &c.description, route);
        let mut item = object(&[
            ("@context", json!("https://schema.org")),
            ("@type", json!("WebSite")),
        ]);
        put(&mut item, "name", &c.title);
        put(&mut item, "description", &c.description);
        put(&mut item, "url", &permalink(c, &c.base_path));
        put(&mut item, "inLanguage", &c.language);
        seo.jsonld = Some(script_json(&Value::Object(item)));
        seo
    }
}

fn site_feed(site: &Site) -> Vec<FeedLink> {
    if !site.has_posts() {
        return Vec::new();
    }
    vec![FeedLink {
        title: site.config.title.clone(),
        url: format!("{}{FEED}", site.config.base_path),
    }]
}

/// The title of series `s`'s feed: "Movement Imbalances – Site".
pub(super) fn series_feed_title(site: &Site, s: usize) -> String {
    site.config.i18n.get(
        "series_feed_title",
        &[
            ("series", Arg::Text(&site.series[s].name)),
            ("site", Arg::Text(&site.config.title)),
        ],
    )
}

fn series_feed(site: &Site, s: usize) -> FeedLink {
    let series = &site.series[s];
    FeedLink {
        title: series_feed_title(site, s),
        url: Route::series_feed(&series.slug).url(&site.config),
    }
}

fn object(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Sets `key` to `value` unless the value is empty.
fn put(map: &mut Map<String, Value>, key: &str, value: &str) {
    if !value.trim().is_empty() {
        map.insert(key.to_string(), Value::String(value.to_string()));
    }
}

fn blog_posting(site: &Site, i: usize, image: Option<&str>) -> Value {
    let p = &site.posts[i];
    let m = &p.post.doc.meta;
    let c = &site.config;
    let mut item = object(&[("@type", json!("BlogPosting"))]);
    put(&mut item, "headline", &m.title);
    put(&mut item, "mainEntityOfPage", &p.permalink);
    document_facts(site, i, image, &mut item);
    if !c.author.trim().is_empty() {
        item.insert(
            "author".into(),
            json!({"@type": "Person", "name": c.author}),
        );
    }
    if !m.tags.is_empty() {
        item.insert("keywords".into(), json!(m.tags));
    }
    item.insert(
        "wordCount".into(),
        json!(p.post.doc.body.outline.word_count),
    );
    if let Some((s, position)) = p.series {
        let series = &site.series[s];
        item.insert(
            "isPartOf".into(),
            json!({
                "@type": "CreativeWorkSeries",
                "name": series.name,
                "url": permalink(c, &series.url),
            }),
        );
        item.insert("position".into(), json!(position));
    }
    Value::Object(item)
}

/// What a post's `BlogPosting` and a page's `WebPage` both say: description, URL, dates, language,
/// picture.
fn document_facts(site: &Site, i: usize, image: Option<&str>, item: &mut Map<String, Value>) {
    let p = &site.posts[i];
    let m = &p.post.doc.meta;
    put(item, "description", &p.post.summary_text);
    put(item, "url", &p.permalink);
    if let Some(date) = m.date {
        put(item, "datePublished", &date.w3c());
    }
    if let Some(updated) = m.updated {
        put(item, "dateModified", &updated.w3c());
    }
    put(item, "inLanguage", &site.config.language);
    if let Some(image) = image {
        put(item, "image", image);
    }
}

fn breadcrumbs(site: &Site, i: usize) -> Value {
    let p = &site.posts[i];
    let c = &site.config;
    let mut crumbs = vec![(c.title.clone(), permalink(c, &c.base_path))];
    if let Some((s, _)) = p.series {
        let series = &site.series[s];
        crumbs.push((series.name.clone(), permalink(c, &series.url)));
    }
    crumbs.push((p.post.doc.meta.title.clone(), p.permalink.clone()));
    let items: Vec<Value> = crumbs
        .into_iter()
        .enumerate()
        .map(|(n, (name, url))| {
            json!({"@type": "ListItem", "position": n + 1, "name": name, "item": url})
        })
        .collect();
    json!({"@type": "BreadcrumbList", "itemListElement": items})
}

/// A `HowTo` for an exercise: its cues are the steps, its equipment the tools. Without cues
/// there are no steps, and a `HowTo` without steps is not one: then there is none.
fn how_to(x: &ExerciseEntry, description: &str) -> Option<Value> {
    let m = &x.exercise.doc.meta;
    if m.cues.is_empty() {
        return None;
    }
    let mut item = object(&[
        ("@context", json!("https://schema.org")),
        ("@type", json!("HowTo")),
    ]);
    put(&mut item, "name", &m.name);
    put(&mut item, "description", description);
    put(&mut item, "url", &x.permalink);
    let steps: Vec<Value> = m
        .cues
        .iter()
        .enumerate()
        .map(|(n, cue)| json!({"@type": "HowToStep", "position": n + 1, "text": cue}))
        .collect();
    item.insert("step".into(), Value::Array(steps));
    if !m.equipment.is_empty() {
        let tools: Vec<Value> = m
            .equipment
            .iter()
            .map(|e| json!({"@type": "HowToTool", "name": e}))
            .collect();
        item.insert("tool".into(), Value::Array(tools));
    }
    Some(Value::Object(item))
}

/// `VideoObject`s of the videos post `i` shows: its `video` shortcodes (uploaded on the post's
/// date, described by its summary) and the videos of the exercises it embeds (with their own
/// `video_date`), each once, where every required value is known.
fn post_videos(site: &Site, i: usize) -> Vec<Value> {
    let p = &site.posts[i];
    let bundle = p.post.key.ends_with("/index.md").then_some(p.slug.as_str());
    let date = p.post.doc.meta.date.as_ref();
    let mut items = Vec::new();
    for inv in p.invocations.values() {
        if let Invocation::Video(v) = inv {
            let picture = v
                .poster
                .as_deref()
                .and_then(|path| poster(site, path, bundle).ok());
            items.extend(video_object(
                site,
                v,
                bundle,
                picture,
                &p.post.summary_text,
                date,
            ));
        }
    }
    for &xi in &p.exercises {
        let x = &site.exercises[xi];
        if let Some(v) = &x.video {
            let date = x.exercise.doc.meta.video_date.as_ref();
            let description = exercise_description(site, xi);
            items.extend(video_object(
                site,
                v,
                None,
                exercise_poster(x),
                &description,
                date,
            ));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    items.retain(|v| seen.insert(v.to_string()));
    items
}

/// An item of a `@graph`: the graph carries the `@context`.
fn without_context(mut v: Value) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.remove("@context");
    }
    v
}

/// "Dead Bug: a stability exercise for the core.", leaving out what the exercise does not say.
pub(crate) fn exercise_description(site: &Site, i: usize) -> String {
    let m = &site.exercises[i].exercise.doc.meta;
    let goal = m
        .goal
        .map(|g| super::context::goal_name(g.name(), &site.config.i18n));
    let joint = Some(m.joint.trim()).filter(|j| !j.is_empty());
    let key = match (&goal, joint) {
        (Some(_), Some(_)) => "exercise_description",
        (Some(_), None) => "exercise_description_goal",
        (None, Some(_)) => "exercise_description_joint",
        (None, None) => "exercise_description_plain",
    };
    site.config.i18n.get(
        key,
        &[
            ("name", Arg::Text(&m.name)),
            ("goal", Arg::Text(goal.as_deref().unwrap_or(""))),
            ("joint", Arg::Text(joint.unwrap_or(""))),
        ],
    )
}

/// JSON that is safe inside `<script>`: `<` is escaped so no text can close the element.
pub(super) fn script_json(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}
