//! The exercise library: cards, exercise pages, the used-in graph, the exercise index, the post's
//! list of exercises, replacing the built-in card, snapshots of rendered cards, and the shipped series.

use std::path::Path;

use crate::common::{self, TestSite, attrs, copy_dir, hrefs, html, texts};

/// The fixture site, built once per test.
fn built_fixture() -> TestSite {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    site
}

/// The raw HTML of every `<aside class="exercise-card">` of a page, exactly as written.
fn raw_cards(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<aside class=\"exercise-card\"") {
        let len = rest[start..].find("</aside>").expect("card is closed") + "</aside>".len();
        out.push(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    out
}

#[test]
fn cards_link_to_their_exercise_pages() {
    let site = built_fixture();
    let doc = html(&site.read_output("mobility/index.html"));
    let expected = [
        "/exercises/clamshell/",
        "/exercises/glute-bridge/",
        "/exercises/open-book/",
        "/exercises/clamshell/",
    ];
    assert_eq!(
        hrefs(&doc, ".exercise-card .exercise-card-title a"),
        expected
    );
    assert_eq!(
        hrefs(&doc, ".exercise-card .exercise-card-more a"),
        expected
    );
    for url in expected {
        assert!(
            site.path("public")
                .join(&url[1..])
                .join("index.html")
                .is_file(),
            "{url} exists"
        );
    }
}

#[test]
fn exercise_pages_list_the_posts_that_use_them_in_series_order() {
    let site = built_fixture();
    // Files sort basics, core, mobility; the series reads mobility, basics, core.
    let glute = html(&site.read_output("exercises/glute-bridge/index.html"));
    assert_eq!(
        hrefs(&glute, ".used-in a"),
        ["/mobility/", "/basics/", "/core/"]
    );
    assert_eq!(
        texts(&glute, ".used-in a"),
        ["Mobility First", "The Basics", "Core Work"]
    );
    assert_eq!(
        texts(&glute, ".used-in time"),
        ["1 January 2024", "1 February 2024", "1 March 2024"]
    );
    assert_eq!(
        attrs(&glute, ".used-in time", "datetime"),
        ["2024-01-01", "2024-02-01", "2024-03-01"]
    );
    // Embedded only inside a site shortcode's body in The Basics.
    let dead_bug = html(&site.read_output("exercises/dead-bug/index.html"));
    assert_eq!(hrefs(&dead_bug, ".used-in a"), ["/basics/", "/core/"]);
    // Embedded twice in one post: listed once.
    let clamshell = html(&site.read_output("exercises/clamshell/index.html"));
    assert_eq!(hrefs(&clamshell, ".used-in a"), ["/mobility/"]);
}

#[test]
fn every_card_and_its_exercise_page_link_both_ways() {
    let site = built_fixture();
    for post in ["mobility", "basics", "core"] {
        let doc = html(&site.read_output(&format!("{post}/index.html")));
        let cards = hrefs(&doc, ".exercise-card .exercise-card-title a");
        assert!(!cards.is_empty(), "{post} has cards");
        for url in cards {
            let page = html(&site.read_output(&format!("{}index.html", &url[1..])));
            assert!(
                hrefs(&page, ".used-in a").contains(&format!("/{post}/")),
                "{url} links back to {post}"
            );
        }
    }
}

#[test]
fn exercise_index_groups_by_joint_and_shows_goals() {
    let site = built_fixture();
    let doc = html(&site.read_output("exercises/index.html"));
    assert_eq!(
        texts(&doc, ".exercise-group h2"),
        ["core", "hips", "t-spine"]
    );
    assert_eq!(
        hrefs(&doc, ".joint-nav a"),
        ["#joint-core", "#joint-hips", "#joint-t-spine"]
    );
    let group = scraper::Selector::parse(".exercise-group").unwrap();
    let item = scraper::Selector::parse("li").unwrap();
    let link = scraper::Selector::parse("a").unwrap();
    let goal = scraper::Selector::parse(".badge-goal").unwrap();
    let groups: Vec<Vec<(String, String, String)>> = doc
        .select(&group)
        .map(|g| {
            g.select(&item)
                .map(|li| {
                    let a = li.select(&link).next().unwrap();
                    let goal: String = li.select(&goal).next().unwrap().text().collect();
                    (
                        a.text().collect(),
                        a.value().attr("href").unwrap().to_string(),
                        goal,
                    )
                })
                .collect()
        })
        .collect();
    let row = |name: &str, id: &str, goal: &str| {
        (
            name.to_string(),
            format!("/exercises/{id}/"),
            format!("Goal: {goal}"),
        )
    };
    assert_eq!(
        groups,
        [
            vec![row("Dead Bug", "dead-bug", "stability")],
            vec![
                row("Clamshell", "clamshell", "stability"),
                row("Glute Bridge", "glute-bridge", "strength"),
                row("Wall Sit", "wall-sit", "strength"),
            ],
            vec![row("Open Book", "open-book", "mobility")],
        ]
    );
    let counts = texts(&doc, ".exercise-list .item-meta");
    assert_eq!(
        counts,
        ["in 2 posts", "in 1 post", "in 3 posts", "in 1 post"],
        "wall sit has no count"
    );
}

#[test]
fn also_in_names_the_other_posts_that_use_the_exercise() {
    let site = built_fixture();
    let basics = html(&site.read_output("basics/index.html"));
    // First card is the glute bridge: used in all three posts.
    assert_eq!(
        texts(&basics, ".exercise-card .also-in"),
        ["Also in: Mobility First, Core Work", "Also in: Core Work"]
    );
    assert_eq!(
        hrefs(&basics, ".exercise-card .also-in a"),
        ["/mobility/", "/core/", "/core/"]
    );
    let mobility = html(&site.read_output("mobility/index.html"));
    // Only the glute bridge is used elsewhere; clamshell and open book appear in this post alone.
    assert_eq!(
        texts(&mobility, ".exercise-card .also-in"),
        ["Also in: The Basics, Core Work"]
    );
}

#[test]
fn an_unused_exercise_gets_a_page_and_a_warning() {
    let site = TestSite::fixture("exercises");
    // With a host in the base URL, so that the build has no other reason to warn.
    let (ok, stderr) = site.build(&["--base-url", "https://example.org/"]);
    assert!(ok, "an unused exercise is not an error:\n{stderr}");
    assert!(
        stderr.contains(
            "posts/exercises/wall-sit.md: warning: exercise `wall-sit` is not used in any post"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("{{ exercise(id=\"wall-sit\") }}"),
        "the hint shows how to embed it:\n{stderr}"
    );
    assert_eq!(
        stderr.matches("warning:").count(),
        1,
        "only the unused exercise is warned about:\n{stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
    let page = html(&site.read_output("exercises/wall-sit/index.html"));
    assert_eq!(texts(&page, "h1"), ["Wall Sit"]);
    assert!(texts(&page, ".exercise-section p").contains(&"Not used in any post yet.".to_string()));
}

#[test]
fn exercises_are_not_called_unused_while_a_post_fails_to_load() {
    // The shipped site with one post broken: the exercises only it embeds are not "unused", and
    // the author sees the one real error, not a list of warnings about other files.
    let site = TestSite::shipped();
    let core = std::fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.write("posts/core.md", &core.replacen("\ntags = ", "\ntagz = ", 1));
    let err = site.build_err(&[]);
    assert!(
        err.contains("posts/core.md:7:1: error: unknown key `tagz`"),
        "{err}"
    );
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn body_form_renders_the_prescription_and_the_markdown_body() {
    let site = built_fixture();
    let doc = html(&site.read_output("mobility/index.html"));
    assert_eq!(
        texts(&doc, ".exercise-card .prescription"),
        ["3 sets × 10 each side"]
    );
    assert_eq!(
        texts(&doc, ".exercise-card .exercise-card-body strong"),
        ["Pause"]
    );
    assert_eq!(
        texts(&doc, ".exercise-card .exercise-card-body em"),
        ["breathe"]
    );
    // The body belongs to the card that was given it.
    let sel = scraper::Selector::parse(".exercise-card").unwrap();
    let with_body: Vec<String> = doc
        .select(&sel)
        .filter(|c| {
            c.select(&scraper::Selector::parse(".exercise-card-body").unwrap())
                .next()
                .is_some()
        })
        .map(|c| c.value().attr("aria-label").unwrap().to_string())
        .collect();
    assert_eq!(with_body, ["Exercise: Glute Bridge"]);
}

#[test]
fn prescriptions_read_naturally() {
    let x = "+++\nname = \"Plank\"\njoint = \"core\"\ngoal = \"stability\"\n+++\nHold.\n";
    let body = "{{ exercise(id=\"plank\", sets=1, reps=\"30 seconds\") }}\n\n\
                {{ exercise(id=\"plank\", sets=\"2\") }}\n\n\
                {{ exercise(id=\"plank\", reps=\"as long as you can\") }}\n\n\
                {% exercise(id=\"plank\", sets=4, reps=5) %}\n- one\n- two\n{% end %}\n";
    let site = TestSite::with_files(&[
        ("posts/exercises/plank.md", x),
        ("posts/p.md", &common::post("P", "2024-01-01", "", body)),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        texts(&doc, ".prescription"),
        [
            "1 set × 30 seconds",
            "2 sets",
            "as long as you can",
            "4 sets × 5"
        ]
    );
    assert_eq!(texts(&doc, ".exercise-card-body li"), ["one", "two"]);
}

#[test]
fn a_post_lists_its_exercises_in_order_of_first_appearance() {
    let site = built_fixture();
    let list = |post: &str| {
        texts(
            &html(&site.read_output(&format!("{post}/index.html"))),
            ".post-exercises li a",
        )
    };
    assert_eq!(list("mobility"), ["Clamshell", "Glute Bridge", "Open Book"]);
    // The dead bug is nested in a site shortcode's body, after the glute bridge.
    assert_eq!(list("basics"), ["Glute Bridge", "Dead Bug"]);
    assert_eq!(list("core"), ["Dead Bug", "Glute Bridge"]);
    let doc = html(&site.read_output("core/index.html"));
    assert_eq!(
        hrefs(&doc, ".post-exercises li a"),
        ["/exercises/dead-bug/", "/exercises/glute-bridge/"]
    );
}

#[test]
fn exercise_page_shows_video_cues_equipment_and_body() {
    let site = built_fixture();
    let doc = html(&site.read_output("exercises/glute-bridge/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Glute Bridge"]);
    assert_eq!(
        texts(&doc, ".badges .badge"),
        ["Joint: hips", "Goal: strength"]
    );
    let facade = scraper::Selector::parse(".video-facade").unwrap();
    let players: Vec<_> = doc
        .select(&facade)
        .map(|f| f.value().attr("data-player").unwrap().to_string())
        .collect();
    assert_eq!(
        players,
        ["https://www.youtube-nocookie.com/embed/gluteBridge1?autoplay=1"]
    );
    assert_eq!(
        texts(&doc, ".cues li"),
        ["Heels under your knees", "Ribs down at the top"]
    );
    assert_eq!(
        texts(&doc, ".exercise-content strong"),
        ["press through your heels"]
    );
    assert_eq!(hrefs(&doc, ".eyebrow a"), ["/exercises/"]);
    let clamshell = html(&site.read_output("exercises/clamshell/index.html"));
    assert_eq!(
        texts(&clamshell, "#exercise-equipment + ul li"),
        ["mini band"]
    );
    assert!(
        clamshell.select(&facade).next().is_none(),
        "no video, no embed"
    );
}

#[test]
fn a_site_exercise_template_replaces_the_built_in_card() {
    let site = TestSite::fixture("exercises");
    site.write(
        "templates/shortcodes/exercise.html",
        "<div class=\"my-card\" data-id=\"{{ exercise.id }}\">{{ exercise.name }}{% if sets %} {{ sets }}x{{ reps }}{% endif %}\
         {% for p in also_in %} also:{{ p.title }}{% endfor %}{{ body | safe }}</div>",
    );
    site.build_ok(&[]);
    let doc = html(&site.read_output("mobility/index.html"));
    assert!(
        texts(&doc, ".exercise-card").is_empty(),
        "the built-in card is not used"
    );
    let sel = scraper::Selector::parse(".my-card").unwrap();
    let ids: Vec<&str> = doc
        .select(&sel)
        .map(|c| c.value().attr("data-id").unwrap())
        .collect();
    assert_eq!(ids, ["clamshell", "glute-bridge", "open-book", "clamshell"]);
    assert_eq!(
        texts(&doc, ".my-card")[1],
        "Glute Bridge 3x10 each side also:The Basics also:Core WorkPause at the top and breathe."
    );
    assert_eq!(texts(&doc, ".my-card strong"), ["Pause"]);
    // Exercise pages keep the theme's layout.
    let page = html(&site.read_output("exercises/glute-bridge/index.html"));
    assert_eq!(
        hrefs(&page, ".used-in a"),
        ["/mobility/", "/basics/", "/core/"]
    );
}

#[test]
fn snapshot_of_a_card_with_prescription_body_video_and_also_in() {
    let site = built_fixture();
    let page = site.read_output("mobility/index.html");
    let cards = raw_cards(&page);
    assert_eq!(cards.len(), 4);
    insta::assert_snapshot!("card_full", cards[1]);
}

#[test]
fn snapshot_of_a_plain_card() {
    let site = built_fixture();
    let page = site.read_output("mobility/index.html");
    insta::assert_snapshot!("card_plain", raw_cards(&page)[0]);
}

#[test]
fn snapshot_of_a_card_with_a_video_file() {
    let site = built_fixture();
    let page = site.read_output("core/index.html");
    insta::assert_snapshot!("card_video_file", raw_cards(&page)[0]);
}

/// A copy of the shipped site (`posts/` and `sitegen.toml` of this repository), built.
fn built_shipped_site() -> TestSite {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = TestSite::empty();
    copy_dir(&repo.join("posts"), &site.path("posts"));
    for extra in ["sitegen.toml", "templates", "static"] {
        let from = repo.join(extra);
        if from.is_file() {
            std::fs::copy(&from, site.path(extra)).unwrap();
        } else if from.is_dir() {
            copy_dir(&from, &site.path(extra));
        }
    }
    site.build_ok(&[]);
    site
}

/// Every HTML page of the output, as (path, text).
fn pages(site: &TestSite) -> Vec<(String, String)> {
    site.snapshot("public")
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, bytes)| (p, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn shipped_site_cards_and_exercise_pages_link_both_ways() {
    let site = built_shipped_site();
    let mut embedded = std::collections::BTreeMap::<String, Vec<String>>::new();
    let post_pages: Vec<(String, String)> = pages(&site)
        .into_iter()
        .filter(|(p, _)| {
            !p.starts_with("exercises/")
                && !p.starts_with("series/")
                && !p.starts_with("tags/")
                && !p.contains("/routine/")
                && !p.starts_with("search/")
                && !p.starts_with("archive/")
                && p.contains('/')
        })
        .collect();
    assert_eq!(
        post_pages.len(),
        4,
        "{:?}",
        post_pages.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, text) in &post_pages {
        let doc = html(text);
        let post_url = format!("/{}", path.trim_end_matches("index.html"));
        let titles = hrefs(&doc, ".exercise-card .exercise-card-title a");
        assert_eq!(
            titles.len(),
            raw_cards(text).len(),
            "every card in {path} links to its page"
        );
        assert!(!titles.is_empty(), "{path} has cards");
        for url in titles {
            assert!(url.starts_with("/exercises/"), "{url}");
            embedded.entry(url).or_default().push(post_url.clone());
        }
    }
    // The README promises "an exercise library of 24 exercises", each with its page.
    let library = std::fs::read_dir(site.path("posts/exercises"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert_eq!(library, 24, "the README promises 24 exercises");
    let pages = std::fs::read_dir(site.path("public/exercises"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert_eq!(pages, 24, "one page per exercise");
    for (url, posts) in &embedded {
        let page = html(&site.read_output(&format!("{}index.html", &url[1..])));
        let used_in = hrefs(&page, ".used-in a");
        for post in posts {
            assert!(
                used_in.contains(post),
                "{url} links back to {post}: {used_in:?}"
            );
        }
    }
    assert!(
        embedded.values().any(|posts| {
            let mut distinct = posts.clone();
            distinct.dedup();
            distinct.len() > 1
        }),
        "some exercise appears in more than one post"
    );
}

#[test]
fn shipped_low_back_pain_mobilization_sections_hold_cards() {
    let site = built_shipped_site();
    let page = site.read_output("low-back-pain/index.html");
    for id in ["hip-mobilizations", "thoracic-mobilizations"] {
        let start = page
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("heading {id}"));
        let section = &page[start..];
        let section = &section[..section[1..].find("<h2").map_or(section.len(), |i| i + 1)];
        assert!(raw_cards(section).len() >= 2, "{id} holds exercise cards");
    }
}

#[test]
fn shipped_site_has_no_shortcode_text_outside_code() {
    let site = built_shipped_site();
    let all = pages(&site);
    assert!(all.len() > 20, "{} pages", all.len());
    for (path, text) in &all {
        let doc = html(text);
        for node in doc.root_element().descendants() {
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "code" | "pre"))
            });
            if let Some(t) = node.value().as_text() {
                assert!(
                    in_code || !(t.contains("{{") || t.contains("{%")),
                    "{path}: shortcode text {:?}",
                    &**t
                );
            }
            if let Some(e) = node.value().as_element() {
                for (name, value) in e.attrs() {
                    assert!(
                        !value.contains("{{") && !value.contains("{%"),
                        "{path}: attribute {name}={value:?}"
                    );
                }
            }
            if let Some(c) = node.value().as_comment() {
                panic!(
                    "{path}: a comment survived (an unreplaced placeholder?): {:?}",
                    &**c
                );
            }
        }
    }
}

#[test]
fn also_in_names_at_most_four_posts_same_series_first_and_counts_the_rest() {
    let mut files: Vec<(String, String)> = vec![(
        "posts/exercises/plank.md".into(),
        "+++\nname = \"Plank\"\njoint = \"core\"\ngoal = \"stability\"\n+++\nHold it.\n".into(),
    )];
    for i in 1..=8 {
        // Parts 1-3 form a series; 4-8 stand alone, dated earlier so they come later in reading order.
        let front = if i <= 3 {
            format!("series = \"Trunk\"\nweight = {i}\n")
        } else {
            String::new()
        };
        let date = format!("2024-0{}-01", if i <= 3 { 9 } else { 1 });
        files.push((
            format!("posts/p{i}.md"),
            common::post(
                &format!("Post {i}"),
                &date,
                &front,
                "{{ exercise(id=\"plank\") }}",
            ),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = TestSite::with_files(&refs);
    site.build_ok(&[]);
    let page = site.read_output("p2/index.html");
    let doc = html(&page);
    let also = hrefs(&doc, ".also-in a");
    assert_eq!(
        also,
        ["/p1/", "/p3/", "/p4/", "/p5/", "/exercises/plank/"],
        "{page}"
    );
    assert!(texts(&doc, ".also-in")[0].contains("and 3 more"), "{page}");
    // The exercise page still lists every post.
    let ex = html(&site.read_output("exercises/plank/index.html"));
    assert_eq!(hrefs(&ex, ".used-in a").len(), 8);
}
