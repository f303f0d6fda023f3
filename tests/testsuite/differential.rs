//! The one engine, tested differentially: seeded random sequences of edits to a small site (post
//! bodies, headings and `@/` links, titles, dates, tags, series, drafts, exercises and their
//! embeds, pages and menus, aliases, static files, bundle files, a template override, settings,
//! broken files), each followed by a `watch` rebuild (an in-process `Session`) and a warm `build`
//! over the last output, each compared with a clean build byte for byte, warnings and errors
//! included. `SITEGEN_DIFF_STEPS` (default 300) and `SITEGEN_DIFF_SEED` choose the run; a failure
//! names the seed and the step.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use sitegen::{Config, Session};

use crate::common::session::{assert_same_files, refresh_search};
use crate::common::{TestSite, describe_all, session_overrides};

/// A small pseudo-random generator (PCG-style), so a seed replays the same run everywhere.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const TAGS: &[&str] = &["hips", "core", "Core", "breathing", "ankles"];
const EXERCISES: &[&str] = &["bridge", "plank", "rock"];

/// One post of the model.
#[derive(Clone)]
struct Post {
    title: String,
    day: usize,
    tags: Vec<&'static str>,
    series: Option<usize>,
    draft: bool,
    aliases: Vec<String>,
    /// Paragraphs, headings (`## …`), links (`@/…`), exercise embeds, callouts.
    body: Vec<String>,
    /// A bundle (`posts/<slug>/index.md`) with a text file beside it.
    bundle: Option<String>,
    /// Front matter that does not parse (a broken save).
    broken: bool,
}

/// The whole site as data: written to files after every edit.
struct Model {
    title: String,
    search: bool,
    /// `search_shard_pages`: small, so that edits move pages between shards and change their
    /// count.
    shard_pages: usize,
    pretty_urls: bool,
    feed_full: bool,
    /// `paginate`: small, so that edits move posts between the pages of the lists.
    paginate: usize,
    posts: BTreeMap<String, Post>,
    pages: BTreeMap<String, (String, Option<i64>)>,
    exercises: BTreeMap<&'static str, (String, &'static str)>,
    statics: BTreeMap<&'static str, String>,
    callout: Option<String>,
}

impl Model {
    fn start() -> Model {
        let mut posts = BTreeMap::new();
        for (i, slug) in ["alpha", "bravo", "charlie", "delta"].iter().enumerate() {
            posts.insert(
                slug.to_string(),
                Post {
                    title: format!("Post {slug}"),
                    day: i + 1,
                    tags: vec![TAGS[i % TAGS.len()]],
                    series: (i < 2).then_some(i + 1),
                    draft: false,
                    aliases: Vec::new(),
                    body: vec![format!("The first words of {slug}.")],
                    bundle: (i == 3).then(|| "notes".to_string()),
                    broken: false,
                },
            );
        }
        Model {
            title: "Diff".into(),
            search: true,
            shard_pages: 3,
            pretty_urls: true,
            feed_full: false,
            paginate: 2,
            posts,
            pages: BTreeMap::from([("about".into(), ("About".into(), Some(1)))]),
            exercises: EXERCISES
                .iter()
                .map(|id| (*id, (format!("Move {id}"), "stability")))
                .collect(),
            statics: BTreeMap::new(),
            callout: Some("<aside class=\"callout\">{{ body | safe }}</aside>".into()),
        }
    }

    /// Every source file of the site and its text (`None`: the file must not exist).
    fn files(&self) -> BTreeMap<String, Option<String>> {
        let mut files = BTreeMap::new();
        let mut settings = format!(
            "title = \"{}\"\nsearch_shard_pages = {}\npaginate = {}\n",
            self.title, self.shard_pages, self.paginate
        );
        if !self.search {
            settings.push_str("search = false\n");
        }
        if !self.pretty_urls {
            settings.push_str("urls = \"index\"\n");
        }
        if self.feed_full {
            settings.push_str("feed_content = \"full\"\n");
        }
        files.insert("sitegen.toml".into(), Some(settings));
        for (slug, p) in &self.posts {
            let (md, other) = match &p.bundle {
                Some(_) => (format!("posts/{slug}/index.md"), format!("posts/{slug}.md")),
                None => (format!("posts/{slug}.md"), format!("posts/{slug}/index.md")),
            };
            files.insert(other, None);
            files.insert(md, Some(post_text(p)));
            if let Some(text) = &p.bundle {
                files.insert(format!("posts/{slug}/notes.txt"), Some(format!("{text}\n")));
            }
        }
        for (slug, (title, menu)) in &self.pages {
            let menu = menu.map_or(String::new(), |m| format!("menu = {m}\n"));
            files.insert(
                format!("pages/{slug}.md"),
                Some(format!(
                    "+++\ntitle = \"{title}\"\n{menu}+++\nA page called {title}.\n"
                )),
            );
        }
        for (id, (name, goal)) in &self.exercises {
            files.insert(
                format!("posts/exercises/{id}.md"),
                Some(format!(
                    "+++\nname = \"{name}\"\njoint = \"hips\"\ngoal = \"{goal}\"\ncues = [\"Slowly\"]\nequipment = []\n+++\n\nHow to do {name}.\n"
                )),
            );
        }
        for (rel, text) in &self.statics {
            files.insert(format!("static/{rel}"), Some(text.clone()));
        }
        files.insert(
            "templates/shortcodes/callout.html".into(),
            self.callout.clone(),
        );
        files
    }
}

/// A post's date: days spread over three years, so that the archive's years change with edits.
fn date_of(day: usize) -> String {
    format!("{}-01-{day:02}", 2022 + day % 3)
}

fn post_text(p: &Post) -> String {
    let mut front = format!("+++\ntitle = \"{}\"\ndate = {}\n", p.title, date_of(p.day));
    if p.broken {
        front = format!("+++\ntitle = \ndate = {}\n", date_of(p.day));
    }
    if !p.tags.is_empty() {
        let tags: Vec<String> = p.tags.iter().map(|t| format!("\"{t}\"")).collect();
        front.push_str(&format!("tags = [{}]\n", tags.join(", ")));
    }
    if let Some(weight) = p.series {
        front.push_str(&format!("series = \"Basics\"\nweight = {weight}\n"));
    }
    if p.draft {
        front.push_str("draft = true\n");
    }
    if !p.aliases.is_empty() {
        let aliases: Vec<String> = p.aliases.iter().map(|a| format!("\"{a}\"")).collect();
        front.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
    }
    format!("{front}+++\n\n{}\n", p.body.join("\n\n"))
}

/// One random edit of the model; returns what it did (for the failure message).
fn edit(m: &mut Model, rng: &mut Rng, step: usize) -> String {
    let slugs: Vec<String> = m.posts.keys().cloned().collect();
    let slug = slugs[rng.below(slugs.len())].clone();
    let other = slugs[rng.below(slugs.len())].clone();
    let kind = rng.below(26);
    let p = m.posts.get_mut(&slug).unwrap();
    let what = match kind {
        0 => {
            p.body.push(format!("Another paragraph, step {step}."));
            "appended a paragraph"
        }
        1 if p.body.len() > 1 => {
            p.body.pop();
            "removed the last block"
        }
        1 | 2 => {
            p.body.push(format!("## Section {}", step % 3));
            "added a heading"
        }
        3 => {
            let anchor = if rng.chance(50) { "#section-1" } else { "" };
            p.body
                .push(format!("See [the other post](@/{other}.md{anchor})."));
            "linked another post"
        }
        4 => {
            p.title = format!("Title {step}");
            "retitled"
        }
        5 => {
            p.day = 1 + rng.below(27);
            "redated"
        }
        6 => {
            let tag = TAGS[rng.below(TAGS.len())];
            if let Some(at) = p.tags.iter().position(|t| *t == tag) {
                p.tags.remove(at);
            } else {
                p.tags.push(tag);
            }
            "toggled a tag"
        }
        7 => {
            p.series = match p.series {
                Some(_) if rng.chance(40) => None,
                _ => Some(1 + rng.below(4)),
            };
            "changed its series place"
        }
        8 => {
            p.draft = !p.draft;
            "toggled draft"
        }
        9 => {
            let id = EXERCISES[rng.below(EXERCISES.len())];
            p.body.push(format!("{{{{ exercise(id=\"{id}\") }}}}"));
            "embedded an exercise"
        }
        10 => {
            p.aliases = if p.aliases.is_empty() {
                vec![format!("/old/{slug}-{}/", step % 4)]
            } else {
                Vec::new()
            };
            "changed its aliases"
        }
        11 => {
            p.body.push("{% callout() %}Breathe out.{% end %}".into());
            "used the callout shortcode"
        }
        12 => {
            p.bundle = match p.bundle {
                Some(_) if rng.chance(50) => None,
                _ => Some(format!("notes {step}")),
            };
            "changed its bundle"
        }
        13 => {
            p.broken = !p.broken;
            "broke or fixed its front matter"
        }
        14 => {
            let id = EXERCISES[rng.below(EXERCISES.len())];
            let e = m.exercises.get_mut(id).unwrap();
            e.0 = format!("Move {id} {step}");
            e.1 = if e.1 == "stability" {
                "mobility"
            } else {
                "stability"
            };
            "changed an exercise"
        }
        15 => {
            let name = format!("post{}", step % 7);
            if m.posts.len() > 2 && m.posts.contains_key(&name) {
                m.posts.remove(&name);
                "deleted a post"
            } else {
                let mut copy = m.posts[&slug].clone();
                copy.title = format!("New {name}");
                copy.broken = false;
                m.posts.insert(name, copy);
                "added a post"
            }
        }
        16 => {
            let slug = ["about", "contact", "faq"][rng.below(3)].to_string();
            match m.pages.get_mut(&slug) {
                Some(page) if rng.chance(30) => page.1 = page.1.map_or(Some(2), |_| None),
                Some(_) => {
                    m.pages.remove(&slug);
                }
                None => {
                    m.pages
                        .insert(slug.clone(), (format!("Page {slug}"), Some(3)));
                }
            }
            "changed a page or the menu"
        }
        17 => {
            let (rel, text) = [
                ("robots.txt", "User-agent: *\nDisallow: /private/\n"),
                ("notes/plan.txt", "The plan.\n"),
                ("style.css", "body { color: #123; }\n"),
            ][rng.below(3)];
            if m.statics.remove(rel).is_none() {
                m.statics.insert(rel, format!("{text}/* {step} */\n"));
            }
            "changed a static file"
        }
        18 => {
            m.callout = match m.callout {
                Some(_) if rng.chance(30) => None,
                _ => Some(format!(
                    "<aside class=\"callout-{step}\">{{{{ body | safe }}}}</aside>"
                )),
            };
            "changed the callout template"
        }
        19 => {
            m.title = format!("Diff {step}");
            "retitled the site"
        }
        20 => {
            m.search = !m.search;
            "toggled search"
        }
        21 => {
            m.pretty_urls = !m.pretty_urls;
            "toggled the URL mode"
        }
        22 => {
            m.feed_full = !m.feed_full;
            "toggled full feeds"
        }
        23 => {
            m.shard_pages = [1, 2, 3, 5, 1000][rng.below(5)];
            "changed the search index's shard size"
        }
        24 => {
            m.paginate = [0, 1, 2, 3, 10][rng.below(5)];
            "changed how many entries a list page holds"
        }
        _ => {
            p.body.insert(0, format!("An opening line, step {step}."));
            "changed the opening"
        }
    };
    format!("step {step}: {what} ({slug})")
}

/// Writes the model's files, returning the paths that changed (absolute, as a watcher reports).
fn write(site: &TestSite, files: &BTreeMap<String, Option<String>>) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    for (rel, text) in files {
        let path = site.path(rel);
        let now = fs::read_to_string(&path).ok();
        if now.as_ref() == text.as_ref() {
            continue;
        }
        match text {
            Some(t) => site.write(rel, t),
            None => {
                let _ = fs::remove_file(&path);
                // A bundle folder left empty goes too, as an author's file manager leaves it.
                if let Some(dir) = path.parent()
                    && fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
                {
                    let _ = fs::remove_dir(dir);
                }
            }
        }
        changed.push(path);
    }
    changed
}

/// A build of the site into `out` with the watch session's settings: its warnings, or its errors.
fn build_into(site: &TestSite, out: &str) -> Result<String, String> {
    let config = Config::load(site.root(), session_overrides(site, out))
        .map_err(|f| describe_all(&f.diagnostics))?;
    sitegen::build(&config)
        .map(|r| describe_all(&without_settings_warning(r.warnings)))
        .map_err(|f| describe_all(&f.diagnostics))
}

/// The content's warnings (the preview's base URL warning is said once, when watch starts).
fn without_settings_warning(mut warnings: Vec<sitegen::Diagnostic>) -> Vec<sitegen::Diagnostic> {
    warnings.retain(|w| w.path.as_deref() != Some(std::path::Path::new("sitegen.toml")));
    warnings
}

fn assert_same(site: &TestSite, dir: &str, what: &str, step: &str) {
    assert_same_files(site, dir, what, step);
    assert_eq!(
        site.path(&format!("{dir}/pagefind")).is_dir(),
        site.path("clean/pagefind").is_dir(),
        "{what}: the search index is there in one and not the other after {step}"
    );
}

fn run(seed: u64, steps: usize) {
    let site = TestSite::empty();
    let mut model = Model::start();
    write(&site, &model.files());
    let root = site.root().canonicalize().unwrap();
    let (mut session, _) = Session::start(&root, session_overrides(&site, "public")).unwrap();
    refresh_search(&mut session, "the first build");
    build_into(&site, "warm").unwrap();
    let mut rng = Rng(seed);
    for step in 0..steps {
        let what = edit(&mut model, &mut rng, step);
        let step = format!("{what} [seed {seed:#x}; SITEGEN_DIFF_SEED={seed} replays it]");
        let changed = write(&site, &model.files());
        let _ = fs::remove_dir_all(site.path("clean"));
        let clean = build_into(&site, "clean");
        let watched = session
            .rebuild(&changed)
            .map(|o| describe_all(&o.warnings))
            .map_err(|f| describe_all(&f.diagnostics));
        let warm = build_into(&site, "warm");
        assert_eq!(
            watched, clean,
            "watch: messages differ from a clean build's after {step}"
        );
        assert_eq!(
            warm, clean,
            "warm build: messages differ from a clean build's after {step}"
        );
        if clean.is_ok() {
            refresh_search(&mut session, &step);
            assert_same(&site, "public", "watch", &step);
            assert_same(&site, "warm", "warm build", &step);
        }
    }
}

#[test]
fn seeded_edit_sequences_give_a_clean_builds_bytes_and_messages() {
    let steps = std::env::var("SITEGEN_DIFF_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let seed = std::env::var("SITEGEN_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x51_7e_6e_11);
    run(seed, steps);
}
