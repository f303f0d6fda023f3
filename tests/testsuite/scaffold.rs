//! `sitegen init` and `sitegen new post|exercise`: the starter site builds cleanly, new files take
//! their slug, date, weight and front matter format from the site, and nothing is overwritten.

use std::fs;

use crate::common::{TestSite, hrefs, html, post, texts};

/// 2024-03-18 00:00:00 UTC.
const EPOCH: &str = "1710720000";

/// Runs `sitegen ARGS` in the site with `SOURCE_DATE_EPOCH` set: (exit code, stdout, stderr).
fn run(site: &TestSite, args: &[&str]) -> (Option<i32>, String, String) {
    let out = site
        .cmd()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(args)
        .output()
        .expect("run sitegen");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `sitegen ARGS` expecting success; returns (stdout, stderr).
fn run_ok(site: &TestSite, args: &[&str]) -> (String, String) {
    let (code, out, err) = run(site, args);
    assert_eq!(code, Some(0), "sitegen {args:?} failed:\n{err}");
    (out, err)
}

/// Runs `sitegen ARGS` expecting exit code 1; returns stderr.
fn run_err(site: &TestSite, args: &[&str]) -> String {
    let (code, _, err) = run(site, args);
    assert_eq!(code, Some(1), "sitegen {args:?}: expected exit 1:\n{err}");
    err
}

fn read(site: &TestSite, rel: &str) -> String {
    fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml_post(title: &str, series: &str, weight: i64) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-01-01\nseries: \"{series}\"\nweight: {weight}\n---\nText.\n"
    )
}

fn toml_part(title: &str, series: &str, weight: i64) -> String {
    post(
        title,
        "2024-01-01",
        &format!("series = \"{series}\"\nweight = {weight}\n"),
        "Text.",
    )
}

#[test]
fn init_makes_a_site_that_builds_at_once_with_no_warnings() {
    let site = TestSite::empty();
    let (out, _) = run_ok(&site, &["init", "."]);
    assert!(out.contains("sitegen.toml"), "{out}");
    // As Hugo's `new site` does, the settings name a placeholder address (with a comment to
    // replace it), so the first build prints no warning.
    let err = site.build_ok(&[]);
    assert!(!err.contains("warning"), "{err}");
    let settings = std::fs::read_to_string(site.path("sitegen.toml")).unwrap();
    assert!(
        settings.contains("base_url = \"https://example.org/\""),
        "{settings}"
    );
    assert_eq!(site.broken_links("public", "/"), Vec::<String>::new());

    // Two parts of one series, dated today, and the exercise one of them embeds.
    let series = html(&site.read_output("series/getting-started/index.html"));
    let parts = hrefs(&series, "main a[href$='/']");
    assert!(
        parts.contains(&"/writing-posts/".to_string())
            && parts.contains(&"/shortcodes-and-exercises/".to_string()),
        "{parts:?}"
    );
    let part2 = html(&site.read_output("shortcodes-and-exercises/index.html"));
    assert_eq!(
        hrefs(&part2, ".exercise-card .exercise-card-title a"),
        ["/exercises/cat-cow/"]
    );
    assert!(read(&site, "posts/writing-posts.md").contains("\ndate = 2024-03-18\n"));
    let cat_cow = html(&site.read_output("exercises/cat-cow/index.html"));
    assert_eq!(
        hrefs(&cat_cow, ".used-in a"),
        ["/shortcodes-and-exercises/"]
    );
}

#[test]
fn init_creates_a_missing_folder_titled_after_it() {
    let site = TestSite::empty();
    let (out, _) = run_ok(&site, &["init", "my-notes"]);
    assert!(out.contains("my-notes/posts/writing-posts.md"), "{out}");
    assert!(read(&site, "my-notes/sitegen.toml").contains("title = \"my-notes\""));
    let (code, _, err) = run(&site, &["build", "--root", "my-notes"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(site.path("my-notes/public/index.html").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = TestSite::with_files(&[("blog/notes.txt", "mine")]);
    let err = run_err(&site, &["init", "blog"]);
    assert!(
        err.contains("blog: error: exists and is not empty"),
        "{err}"
    );
    assert_eq!(site.snapshot("blog").len(), 1, "nothing was written");
    assert_eq!(read(&site, "blog/notes.txt"), "mine");
}

#[test]
fn new_post_in_a_toml_series_takes_slug_date_next_weight_and_toml() {
    let site = TestSite::with_files(&[
        ("posts/one.md", &toml_part("One", "Basics", 1)),
        ("posts/two.md", &toml_part("Two", "Basics", 4)),
        // Another series in YAML, with a higher weight: neither its format nor its weight counts.
        ("posts/other.md", &yaml_post("Other", "Elsewhere", 9)),
    ]);
    let (out, _) = run_ok(
        &site,
        &["new", "post", "Hello, World: Part 3!", "--series", "Basics"],
    );
    assert_eq!(out.trim(), "posts/hello-world-part-3.md");
    assert_eq!(
        read(&site, "posts/hello-world-part-3.md"),
        "+++\ntitle = \"Hello, World: Part 3!\"\ndate = 2024-03-18\nseries = \"Basics\"\nweight = 5\n+++\n\n"
    );
    site.build_ok(&[]);
    let series = html(&site.read_output("series/basics/index.html"));
    assert_eq!(
        texts(&series, "main li a"),
        ["One", "Two", "Hello, World: Part 3!"]
    );
}

#[test]
fn new_post_in_a_yaml_series_writes_yaml() {
    let site = TestSite::with_files(&[
        ("posts/a.md", &yaml_post("A", "Hips", 5)),
        ("posts/b.md", &yaml_post("B", "Hips", 2)),
        ("posts/c.md", &toml_part("C", "Knees", 7)),
    ]);
    let (out, _) = run_ok(
        &site,
        &["new", "post", "Say \"hi\"", "--series", "Hips", "--draft"],
    );
    assert_eq!(out.trim(), "posts/say-hi.md");
    assert_eq!(
        read(&site, "posts/say-hi.md"),
        "---\ntitle: \"Say \\\"hi\\\"\"\ndate: 2024-03-18\nseries: \"Hips\"\nweight: 6\ndraft: true\n---\n\n"
    );
    site.build_ok(&["--drafts"]);
    let page = html(&site.read_output("say-hi/index.html"));
    assert_eq!(texts(&page, "h1"), ["Say \"hi\""]);
}

#[test]
fn new_post_outside_a_series_is_toml_with_no_weight_and_the_clock_date() {
    let site = TestSite::with_files(&[("posts/a.md", &yaml_post("A", "Hips", 1))]);
    let out = site
        .cmd()
        .args(["new", "post", "Loose Notes"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = read(&site, "posts/loose-notes.md");
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date = "))
        .expect("a date line");
    // The clock's date: no earlier than the day this test was written.
    assert!(date.len() == 10 && date >= "2025-01-01", "{text}");
    assert!(text.starts_with("+++\ntitle = \"Loose Notes\"\n") && !text.contains("weight"));
}

#[test]
fn new_post_refuses_to_overwrite_and_to_reuse_a_slug() {
    let original = post("Hello", "2024-01-01", "", "Mine.");
    let site = TestSite::with_files(&[
        ("posts/hello.md", &original),
        ("posts/trip/index.md", &post("Trip", "2024-01-01", "", "x")),
    ]);
    let err = run_err(&site, &["new", "post", "Hello"]);
    assert!(
        err.contains("posts/hello.md: error: already exists"),
        "{err}"
    );
    assert_eq!(read(&site, "posts/hello.md"), original);
    let err = run_err(&site, &["new", "post", "Trip"]);
    assert!(
        err.contains("posts/trip/index.md: error: this post already has the slug `trip`"),
        "{err}"
    );
    assert!(!site.path("posts/trip.md").exists());
}

#[test]
fn new_post_suggests_a_close_series_name_and_works_on_a_broken_site() {
    let site = TestSite::with_files(&[
        ("posts/a.md", &toml_part("A", "Movement Basics", 2)),
        ("posts/broken.md", "+++\ntitle = \"B\"\n"),
    ]);
    let (out, err) = run_ok(
        &site,
        &["new", "post", "Next", "--series", "Movement Basic"],
    );
    assert_eq!(out.trim(), "posts/next.md");
    assert!(err.contains("did you mean `Movement Basics`?"), "{err}");
    assert!(
        err.contains("posts/broken.md: warning: could not be read"),
        "{err}"
    );
    let (_, err) = run_ok(
        &site,
        &["new", "post", "After", "--series", "Movement Basics"],
    );
    assert!(!err.contains("did you mean"), "{err}");
    assert!(read(&site, "posts/after.md").contains("\nweight = 3\n"));
    let err = run_err(
        &site,
        &["new", "post", "Clash", "--series", "movement basics"],
    );
    assert!(
        err.contains("spell the series exactly as `Movement Basics`"),
        "{err}"
    );
}

#[test]
fn new_post_reports_a_malformed_source_date_epoch() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let out = site
        .cmd()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["new", "post", "B"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH is `yesterday`"));
    assert!(!site.path("posts/b.md").exists());
}

#[test]
fn new_exercise_writes_a_file_that_builds_and_is_listed() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let args = [
        "new",
        "exercise",
        "wall-slide",
        "--name",
        "Wall Slide",
        "--joint",
        "shoulders",
        "--goal",
        "mobility",
    ];
    let (out, _) = run_ok(&site, &args);
    assert_eq!(out.trim(), "posts/exercises/wall-slide.md");
    assert_eq!(
        read(&site, "posts/exercises/wall-slide.md"),
        "---\nname: \"Wall Slide\"\njoint: \"shoulders\"\ngoal: \"mobility\"\n---\n\n"
    );
    let err = site.build_ok(&[]);
    assert!(err.contains("exercise `wall-slide` is not used"), "{err}");
    let index = html(&site.read_output("exercises/index.html"));
    assert!(
        hrefs(&index, "main a").contains(&"/exercises/wall-slide/".to_string()),
        "{:?}",
        hrefs(&index, "main a")
    );
    assert!(
        site.path("public/exercises/wall-slide/index.html")
            .is_file()
    );

    let err = run_err(&site, &args);
    assert!(
        err.contains("posts/exercises/wall-slide.md: error: already exists"),
        "{err}"
    );
}

#[test]
fn new_exercise_follows_the_library_format() {
    let site = TestSite::with_files(&[
        ("posts/a.md", &post("A", "2024-01-01", "", "x")),
        ("posts/exercises/plank.md", "+++\nname = \"Plank\"\n+++\n"),
    ]);
    run_ok(
        &site,
        &["new", "exercise", "side-plank", "--name", "Side Plank"],
    );
    assert_eq!(
        read(&site, "posts/exercises/side-plank.md"),
        "+++\nname = \"Side Plank\"\n+++\n\n"
    );
}

#[test]
fn new_exercise_rejects_a_bad_id_or_goal_and_writes_nothing() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    for (id, why) in [
        (".hidden", "starts with `.`"),
        ("a/b", "is not a plain path segment"),
        ("two words", "is not a plain path segment"),
    ] {
        let err = run_err(&site, &["new", "exercise", id, "--name", "X"]);
        assert!(err.contains(&format!("exercise id `{id}` {why}")), "{err}");
    }
    let err = run_err(
        &site,
        &[
            "new", "exercise", "row", "--name", "Row", "--goal", "strenght",
        ],
    );
    assert!(err.contains("unknown goal `strenght`"), "{err}");
    assert!(err.contains("`strength`"), "{err}");
    assert!(
        !site.path("posts/exercises").exists(),
        "nothing was written"
    );
}

#[test]
fn new_page_writes_a_page_that_builds_into_the_menu() {
    let site = TestSite::with_files(&[("posts/hello.md", &post("Hello", "2024-01-01", "", "Hi."))]);
    let (out, _) = run_ok(&site, &["new", "page", "Contact Us", "--menu", "2"]);
    assert_eq!(out.trim(), "pages/contact-us.md");
    let text = read(&site, "pages/contact-us.md");
    assert!(
        text.contains("title = \"Contact Us\"") && text.contains("menu = 2"),
        "{text}"
    );
    assert!(!text.contains("date"), "a page has no date:\n{text}");
    site.build_ok(&[]);
    let home = html(&site.read_output("index.html"));
    assert!(
        hrefs(&home, "header nav a").contains(&"/contact-us/".to_string()),
        "in the menu"
    );
    // A page or post with the slug already is refused, as for posts.
    let err = run_err(&site, &["new", "page", "Hello"]);
    assert!(
        err.contains("posts/hello.md: error: this post already has the slug `hello`"),
        "{err}"
    );
    let err = run_err(&site, &["new", "post", "Contact us"]);
    assert!(
        err.contains("this page already has the slug `contact-us`"),
        "{err}"
    );
}
