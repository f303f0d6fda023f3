//! Routines and programs: a post's exercises gathered once each with every prescription, the
//! estimated time from prescriptions, exercises' pace and `[routine]`, the `routine()` checklist,
//! the series program with new exercises marked, and their mistakes reported at file:line:col.

use crate::common::{TestSite, assert_reports, hrefs, html, post, texts};

const BRIDGE: &str = "---\nname: Glute Bridge\njoint: hips\ngoal: strength\ncues: [\"Heels under knees\", \"Ribs down\", \"Squeeze\"]\n---\nBridge.\n";
const PLANK: &str = "+++\nname = \"Plank\"\njoint = \"core\"\ngoal = \"stability\"\nduration = \"40 seconds\"\n+++\nHold.\n";
const BIRD_DOG: &str =
    "---\nname: Bird Dog\njoint: core\ngoal: stability\nseconds_per_rep: 6\n---\nReach.\n";

/// Settings that make the arithmetic easy to follow.
const SETTINGS: &str = "title = \"T\"\n[routine]\nsets = 1\nreps = 10\nseconds_per_rep = 3\nrest_between_sets = 20\nrest_between_exercises = 10\n";

/// Two posts of a series; part 1 embeds the bridge twice with two prescriptions.
fn series_site() -> TestSite {
    TestSite::with_files(&[
        ("sitegen.toml", SETTINGS),
        ("posts/exercises/glute-bridge.md", BRIDGE),
        ("posts/exercises/plank.md", PLANK),
        ("posts/exercises/bird-dog.md", BIRD_DOG),
        (
            "posts/one.md",
            &post(
                "One",
                "2024-01-01",
                "series = \"S\"\nweight = 1\n",
                "Warm up.\n\n{{ exercise(id=\"glute-bridge\", sets=2, reps=\"10\") }}\n\n\
                 {{ exercise(id=\"plank\") }}\n\nLater, again:\n\n\
                 {{ exercise(id=\"glute-bridge\", reps=\"8 each side\") }}\n\n{{ routine() }}\n",
            ),
        ),
        (
            "posts/two.md",
            &post(
                "Two",
                "2024-01-02",
                "series = \"S\"\nweight = 2\n",
                "{{ exercise(id=\"plank\", sets=3) }}\n\n{{ exercise(id=\"bird-dog\", sets=2, reps=\"6 each side\") }}\n",
            ),
        ),
        (
            "posts/three.md",
            &post(
                "Three",
                "2024-01-03",
                "series = \"S\"\nweight = 3\n",
                "No drills here.",
            ),
        ),
    ])
}

#[test]
fn a_routine_lists_each_exercise_once_with_every_prescription_and_its_time() {
    let site = series_site();
    site.build_ok(&[]);
    let doc = html(&site.read_output("one/routine/index.html"));
    assert_eq!(
        texts(&doc, ".routine-item-name"),
        ["Glute Bridge", "Plank"],
        "each exercise once, in order of first appearance"
    );
    assert_eq!(
        texts(&doc, ".routine-item .routine-prescription strong"),
        ["2 sets × 10", "8 each side"],
        "both prescriptions of the bridge; none given for the plank"
    );
    assert_eq!(
        texts(&doc, ".routine-item:first-child .routine-cues li"),
        ["Heels under knees", "Ribs down"],
        "the first cues"
    );
    assert_eq!(texts(&doc, "input[type=checkbox]").len(), 2);
    // Bridge: 2 × 10 × 3 s + 20 s rest = 80 s, then 8 × 2 sides × 3 s = 48 s: 128 s.
    // Plank: its duration, 40 s. Moving between them: 10 s. In all 178 s: about 3 minutes.
    assert_eq!(
        texts(&doc, ".routine-summary"),
        ["2 exercises · about 3 minutes"]
    );
    assert_eq!(texts(&doc, ".routine-time"), ["2 min", "1 min"]);
}

#[test]
fn the_settings_change_the_estimate() {
    let site = series_site();
    site.write(
        "sitegen.toml",
        &SETTINGS.replace("seconds_per_rep = 3", "seconds_per_rep = 12"),
    );
    site.build_ok(&[]);
    // Bridge: 2 × 10 × 12 + 20 = 260, 8 × 2 × 12 = 192; plank 40; move 10: 502 s.
    let doc = html(&site.read_output("one/routine/index.html"));
    assert_eq!(
        texts(&doc, ".routine-summary"),
        ["2 exercises · about 8 minutes"]
    );
}

#[test]
fn the_routine_shortcode_is_a_checklist_linking_to_the_printable_page() {
    let site = series_site();
    site.build_ok(&[]);
    let doc = html(&site.read_output("one/index.html"));
    assert_eq!(
        texts(&doc, ".post-content .routine-checklist label"),
        ["Glute Bridge", "Plank"]
    );
    assert_eq!(
        texts(
            &doc,
            ".post-content .routine-checklist input[type=checkbox]"
        )
        .len(),
        2
    );
    assert_eq!(
        hrefs(&doc, ".post-content .routine-box-link a"),
        ["/one/routine/"]
    );
    // Every post with exercises links its routine page, with or without the shortcode.
    let two = html(&site.read_output("two/index.html"));
    assert_eq!(hrefs(&two, ".post-routine-link a"), ["/two/routine/"]);
    // A post without exercises has no routine page.
    assert!(!site.path("public/three/routine").exists());
}

#[test]
fn the_program_lists_every_part_in_order_marks_new_exercises_and_totals_the_time() {
    let site = series_site();
    site.build_ok(&["--base-url", "/blog/"]);
    let doc = html(&site.read_output("series/s/program/index.html"));
    assert_eq!(
        texts(&doc, ".program-part h2 a"),
        ["One", "Two"],
        "parts with exercises, in reading order"
    );
    assert_eq!(
        texts(&doc, ".program-part:nth-of-type(2) .routine-item-name"),
        ["Plank", "Bird Dog New"],
        "the plank came in part one"
    );
    assert_eq!(
        texts(&doc, ".program-part:nth-of-type(1) .badge-new").len(),
        2
    );
    // Part two: plank 3 × 40 + 2 × 20 = 160; bird dog 2 × (6 × 2 × 6) + 20 = 164; move 10: 334 s.
    // With part one's 178 s: 512 s, about 9 minutes.
    assert!(
        texts(&doc, ".lede")[0].ends_with("about 9 minutes in all"),
        "{:?}",
        texts(&doc, ".lede")
    );
    assert_eq!(
        hrefs(&doc, ".program-without a"),
        ["/blog/three/"],
        "parts without exercises are named"
    );
    // Linked from the series page and from every part's series box.
    let series = html(&site.read_output("series/s/index.html"));
    assert_eq!(
        hrefs(&series, ".series-program a"),
        ["/blog/series/s/program/"]
    );
    let three = html(&site.read_output("three/index.html"));
    assert_eq!(
        hrefs(&three, ".series-box .series-program a"),
        ["/blog/series/s/program/"]
    );
}

#[test]
fn a_series_without_exercises_has_no_program() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &post("A", "2024-01-01", "series = \"S\"\n", "Text."),
        ),
        (
            "posts/b.md",
            &post("B", "2024-01-02", "series = \"S\"\n", "Text."),
        ),
    ]);
    site.build_ok(&[]);
    assert!(!site.path("public/series/s/program").exists());
    let doc = html(&site.read_output("a/index.html"));
    assert!(hrefs(&doc, ".series-program a").is_empty());
}

#[test]
fn routine_mistakes_are_reported_where_they_are_written() {
    let site = series_site();
    site.build_ok(&[]);
    site.write(
        "posts/exercises/plank.md",
        "+++\nname = \"Plank\"\njoint = \"core\"\nduration = \"ten reps\"\n+++\n{{ routine() }}\n",
    );
    site.write(
        "posts/exercises/bird-dog.md",
        "---\nname: Bird Dog\nseconds_per_rep: 0\n---\nReach.\n",
    );
    site.write(
        "posts/three.md",
        &post(
            "Three",
            "2024-01-03",
            "series = \"S\"\n",
            "{{ routine() }}\n\n{{ routine(all=true) }}\n\n{% routine() %}x{% end %}\n",
        ),
    );
    let err = site.fails_keeping_output(&[]);
    assert_reports(
        &err,
        "posts/exercises/plank.md:4:1: error: `duration` \"ten reps\" is not a length of time",
    );
    assert_reports(
        &err,
        "posts/exercises/plank.md:6:1: error: `routine()` gathers the exercises of a post",
    );
    assert_reports(
        &err,
        "posts/exercises/bird-dog.md:3:1: error: `seconds_per_rep` must be at least 1",
    );
    assert_reports(
        &err,
        "posts/three.md:6:1: error: `routine()` has nothing to show: this post embeds no exercises",
    );
    assert_reports(
        &err,
        "posts/three.md:8:12: error: `routine` has no argument `all`",
    );
    assert_reports(&err, "posts/three.md:10:1: error: `routine` takes no body");
}

#[test]
fn an_unreadable_prescription_is_a_warning_and_the_defaults_stand_in() {
    let site = series_site();
    site.write(
        "posts/two.md",
        &post(
            "Two",
            "2024-01-02",
            "series = \"S\"\nweight = 2\n",
            "{{ exercise(id=\"plank\", reps=\"until tired\") }}\n",
        ),
    );
    let err = site.build_ok(&[]);
    assert!(
        err.lines().any(|l| l.starts_with(
            "posts/two.md:7:1: warning: cannot tell how long reps=\"until tired\" takes"
        )),
        "{err}"
    );
    let doc = html(&site.read_output("two/routine/index.html"));
    // The plank's own duration, 40 s.
    assert_eq!(
        texts(&doc, ".routine-summary"),
        ["1 exercise · about 1 minute"]
    );
}

#[test]
fn an_unknown_routine_setting_names_the_valid_ones() {
    let site = series_site();
    site.write("sitegen.toml", "[routine]\nrest_between_set = 10\n");
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "sitegen.toml:2:1: error: unknown setting `rest_between_set`",
    );
    assert!(err.contains("did you mean `rest_between_sets`?"), "{err}");
}

#[test]
fn every_shipped_post_with_exercises_has_a_routine_and_the_series_a_program() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    for slug in ["foam-rolling", "joint-by-joint", "core", "low-back-pain"] {
        let doc = html(&site.read_output(&format!("{slug}/routine/index.html")));
        let names = texts(&doc, ".routine-item-name");
        let post = html(&site.read_output(&format!("{slug}/index.html")));
        let mut embedded: Vec<String> = texts(&post, ".exercise-card-title");
        let mut seen = std::collections::BTreeSet::new();
        embedded.retain(|n| seen.insert(n.clone()));
        assert_eq!(names, embedded, "{slug}: every exercise once, in order");
    }
    let program = html(&site.read_output("series/movement-imbalances/program/index.html"));
    assert_eq!(
        texts(&program, ".program-part h2 a"),
        [
            "Foam Rolling",
            "Joint-by-Joint",
            "Core",
            "Joint-by-Joint: Low Back Pain"
        ]
    );
}

#[test]
fn a_post_showing_its_routine_does_not_list_its_exercises_a_second_time() {
    let site = series_site();
    site.build_ok(&[]);
    // Part one has the `routine()` checklist: the checklist is its one list of exercises.
    let one = html(&site.read_output("one/index.html"));
    assert_eq!(texts(&one, ".routine-checklist label").len(), 2);
    assert!(texts(&one, ".post-exercises").is_empty(), "no second list");
    // Part two has none: its exercises are listed under the post, with the routine page's link.
    let two = html(&site.read_output("two/index.html"));
    assert_eq!(texts(&two, ".post-exercises li a"), ["Plank", "Bird Dog"]);
    assert_eq!(hrefs(&two, ".post-routine-link a"), ["/two/routine/"]);
}
