//! The reader's language: the theme's words from the table of `language` (built in for en, de,
//! fr, es, it, pt, nl), a site's `i18n/<lang>.toml` over it, English with one warning for what is
//! missing, mistakes located at file:line, and warm builds that follow an edit of the table.

use std::fs;
use std::path::Path;

use crate::common::session::{Editor, assert_same_files, replace};
use crate::common::watch::Watch;
use crate::common::{TestSite, assert_reports, html, post, texts};

const BRIDGE: &str = "---\nname: Glute Bridge\njoint: hips\ngoal: strength\ncues: [\"Heels under knees\"]\nequipment: [mat]\n---\nBridge.\n";
const PLANK: &str = "---\nname: Plank\njoint: core\ngoal: stability\n---\nHold.\n";
const COMMENTS: &str = "[[comments]]\nid = 1\nauthor = \"Ann\"\ndate = \"2024-01-03\"\ntext = \"Thanks!\"\n\n[[comments]]\nid = 2\nparent = 1\nauthor = \"Bob\"\ndate = \"2024-01-04\"\ntext = \"Same here.\"\n";

/// A small site in `language`: a series of three posts with a tag, exercises, a routine, and
/// comments, and a loose post.
fn site(language: &str) -> TestSite {
    let settings = format!(
        "title = \"Site\"\nauthor = \"Kim\"\nbase_url = \"https://example.org/\"\nlanguage = \"{language}\"\n"
    );
    let part = |title: &str, date: &str, weight: u32, body: &str| {
        post(
            title,
            date,
            &format!("series = \"Core\"\nweight = {weight}\ntags = [\"Rücken\"]\n"),
            body,
        )
    };
    TestSite::with_files(&[
        ("sitegen.toml", &settings),
        ("posts/exercises/glute-bridge.md", BRIDGE),
        ("posts/exercises/plank.md", PLANK),
        (
            "posts/one/index.md",
            &part(
                "One",
                "2024-01-01",
                1,
                "## Warm up\n\nText.\n\n## Work\n\n{{ exercise(id=\"glute-bridge\", sets=2, reps=\"10\") }}\n\n{{ exercise(id=\"plank\", sets=1) }}\n",
            ),
        ),
        ("posts/one/comments.toml", COMMENTS),
        (
            "posts/two.md",
            &part(
                "Two",
                "2024-01-02",
                2,
                "{{ exercise(id=\"plank\", sets=3) }}\n\n{{ routine() }}\n",
            ),
        ),
        (
            "posts/three.md",
            &part("Three", "2024-01-03", 3, "The end.\n"),
        ),
        (
            "posts/loose.md",
            &post("Loose", "2024-01-04", "", "Alone.\n"),
        ),
    ])
}

/// Every HTML page and feed of the output, with its path.
fn pages(site: &TestSite) -> Vec<(String, String)> {
    site.snapshot("public")
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".xml"))
        .map(|(p, bytes)| (p, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The theme's English words that a German build must not show anywhere.
const ENGLISH: &[&str] = &[
    "Skip to content",
    ">Menu<",
    ">Home<",
    ">Exercises<",
    ">Tags<",
    "Written by",
    "Subscribe (Atom feed)",
    "min read",
    "Part 2 of 3",
    "Read first",
    "All 3 parts",
    "The program: every part",
    "Exercises in this post",
    ">Previous<",
    ">Next<",
    "Series navigation",
    "A series in",
    "Other posts",
    "Start with part 1",
    "newest first",
    "Joint: ",
    "Goal: ",
    ">Cues<",
    ">Equipment<",
    "Used in",
    "How to do it",
    "Also in",
    "by joint, by goal and by equipment",
    "Any joint",
    "Show all",
    " of 2 exercises",
    "The routine",
    "Open the printable routine",
    "Done: ",
    "about ",
    "2 sets",
    "Printable routine",
    "in all",
    "Comments",
    "kept as an archive",
    "in reply to",
    "Page not found",
    "Go to the home page",
    "Search posts and exercises",
    ">Search<",
    "Searching needs JavaScript",
    "Program: ",
    "There is no page at this address",
    "grouped by the joint",
    "with its posts",
    "Search the posts and exercises",
    "type:Post",
    "kind:Exercise",
    ">strength<",
    ">stability<",
    ">no equipment<",
];

/// Their German counterparts, each of which the build must show.
const GERMAN: &[&str] = &[
    "Zum Inhalt springen",
    ">Menü<",
    ">Startseite<",
    ">Übungen<",
    ">Schlagwörter<",
    "Geschrieben von Kim",
    "Abonnieren (Atom-Feed)",
    "Min. Lesezeit",
    "Teil 2 von 3 der Serie",
    "Zuerst lesen:",
    "Alle 3 Teile",
    "Übungen in diesem Beitrag",
    ">Zurück<",
    ">Weiter<",
    "Eine Serie in 3 Teilen",
    "Weitere Beiträge",
    "Mit Teil 1 beginnen",
    "3 Beiträge, die neuesten zuerst",
    "Gelenk: ",
    "Ziel: ",
    "Hinweise zur Ausführung",
    "Verwendet in",
    "So geht’s",
    "Auch in:",
    "2 Übungen, nach Gelenk, Ziel und Ausrüstung.",
    "Alle Gelenke",
    "{shown} von 2 Übungen",
    "Die Routine",
    "Erledigt: Plank",
    "Min. Lesezeit",
    "etwa ",
    "2 Sätze × 10",
    "1 Satz",
    "Routine zum Ausdrucken",
    "Kommentare",
    "2 Kommentare von der früheren Website",
    "als Antwort auf",
    "Seite nicht gefunden",
    "Zur Startseite",
    "Beiträge und Übungen durchsuchen",
    "Die Suche braucht JavaScript",
    "Routine: Two",
    "Programm: Core",
    "Art:Beitrag",
    "kind:Übung",
    ">Kraft<",
    ">Stabilität<",
    ">ohne Ausrüstung<",
];

#[test]
fn a_german_site_shows_the_theme_in_german_and_none_of_its_english() {
    let site = site("de-DE");
    let err = site.build_ok(&[]);
    assert!(!err.contains("warning"), "{err}");
    let pages = pages(&site);
    assert!(pages.iter().any(|(p, _)| p == "two/routine/index.html"));
    assert!(
        pages
            .iter()
            .any(|(p, _)| p == "series/core/program/index.html")
    );
    for word in ENGLISH {
        let found: Vec<&String> = pages
            .iter()
            .filter(|(_, t)| t.contains(word))
            .map(|(p, _)| p)
            .collect();
        assert!(
            found.is_empty(),
            "English `{word}` in a German build: {found:?}"
        );
    }
    let all: String = pages.iter().map(|(_, t)| t.as_str()).collect();
    for word in GERMAN {
        assert!(all.contains(word), "German `{word}` is in no page");
    }
    let search = site.read_output("search/index.html");
    assert!(
        search.starts_with("<!DOCTYPE html>\n<html lang=\"de-DE\">"),
        "Pagefind reads <html lang>"
    );
    let entry = site.read_output("pagefind/pagefind-entry.json");
    assert!(
        entry.contains("\"de-de\"") || entry.contains("\"de\""),
        "the index is German: {entry}"
    );
}

#[test]
fn every_built_in_language_is_used_by_its_primary_subtag() {
    for (language, previous) in [
        ("en-GB", "Previous"),
        ("fr-CA", "Précédent"),
        ("es", "Anterior"),
        ("it", "Precedente"),
        ("pt-BR", "Anterior"),
        ("nl-BE", "Vorige"),
    ] {
        let site = site(language);
        let err = site.build_ok(&[]);
        assert!(!err.contains("warning"), "{language}: {err}");
        let doc = html(&site.read_output("two/index.html"));
        assert_eq!(
            texts(&doc, ".post-nav-prev .post-nav-label"),
            [format!("← {previous}")],
            "{language}"
        );
    }
}

#[test]
fn a_site_file_overrides_any_word_and_its_mistakes_are_warnings_at_their_line() {
    let site = site("de");
    site.write(
        "i18n/de.toml",
        "previous = \"Vorheriger Teil\"\nparts = { one = \"{count} Folge\", other = \"{count} Folgen\" }\nprevious_post = \"x\"\nnext = \"Weiter {nope}\"\n",
    );
    let err = site.build_ok(&[]);
    assert_reports(
        &err,
        "i18n/de.toml:3:1: warning: `previous_post` is not a word of the theme",
    );
    assert!(err.contains("did you mean `previous`"), "{err}");
    assert_reports(
        &err,
        "i18n/de.toml:4:8: warning: `next`: `{nope}` is not filled in here",
    );
    let doc = html(&site.read_output("two/index.html"));
    assert_eq!(
        texts(&doc, ".post-nav-prev .post-nav-label"),
        ["← Vorheriger Teil"]
    );
    assert_eq!(
        texts(&doc, ".post-nav-next .post-nav-label"),
        ["Weiter →"],
        "the built-in word stays"
    );
    let series = site.read_output("series/core/index.html");
    assert!(series.contains("3 Folgen"), "{series}");
}

#[test]
fn a_language_without_a_table_is_english_with_one_warning_and_a_file_fills_it() {
    let site = site("sv");
    let err = site.build_ok(&[]);
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert_reports(
        &err,
        "sitegen.toml: warning: `language = \"sv\"`: sitegen has no table",
    );
    assert!(site.read_output("two/index.html").contains(">Previous<"));

    site.write(
        "i18n/sv.toml",
        "# Svenska\nprevious = \"Föregående\"\nnext = \"Nästa\"\n",
    );
    let err = site.build_ok(&[]);
    assert_eq!(
        err.matches("warning").count(),
        1,
        "one warning for every missing key: {err}"
    );
    assert_reports(&err, "i18n/sv.toml: warning: ");
    assert!(
        err.contains("`skip_to_content`") && err.contains("in English"),
        "{err}"
    );
    assert!(!err.contains("`previous`"), "{err}");
    let two = site.read_output("two/index.html");
    assert!(
        two.contains(">Föregående<") && two.contains("Skip to content"),
        "{two}"
    );
}

#[test]
fn a_malformed_site_file_is_an_error_at_its_line_and_column() {
    let site = site("de");
    site.write("i18n/de.toml", "previous = \"Zurück\"\nnext = \"Weiter\n");
    let err = site.build_err(&[]);
    assert_reports(&err, "i18n/de.toml:2:");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_unknown_key_in_a_template_is_an_error_at_the_template() {
    let site = site("en");
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t(key=\"tag_postz\", count=2) }}</h1>\n{% endblock content %}\n",
    );
    let err = site.build_err(&[]);
    assert_reports(&err, "templates/tag.html:3:");
    assert!(
        err.contains("`tag_postz` is not a key") && err.contains("did you mean `tag_posts`"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_site_template_may_use_the_words_with_placeholders() {
    let site = site("fr");
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t(key=\"page_n_of\", n=2, total=5) }}</h1><p>{{ t(key=\"archive_year_count\", count=0, year=2024) }}</p>\n{% endblock content %}\n",
    );
    site.build_ok(&[]);
    let doc = html(&site.read_output("tags/rücken/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Page 2 sur 5"]);
    assert_eq!(
        texts(&doc, "main p"),
        ["0 article en 2024"],
        "French takes `one` for 0"
    );
}

/// Builds the site from nothing into `clean/` and compares `public/` with it.
fn same_as_clean_build(site: &TestSite, step: &str) {
    let _ = fs::remove_dir_all(site.path("clean"));
    site.build_ok(&["--output", "clean"]);
    assert_same_files(site, "public", "warm build", step);
}

#[test]
fn editing_the_site_table_between_warm_builds_equals_a_clean_build() {
    let site = site("de");
    site.write("i18n/de.toml", "previous = \"Vorher\"\n");
    site.build_ok(&[]);
    site.write(
        "i18n/de.toml",
        "previous = \"Davor\"\nexercises = \"Training\"\n",
    );
    site.build_ok(&[]);
    assert!(site.read_output("two/index.html").contains(">Davor<"));
    assert!(
        site.read_output("exercises/index.html")
            .contains("<h1>Training</h1>")
    );
    same_as_clean_build(&site, "editing i18n/de.toml");
    fs::remove_file(site.path("i18n/de.toml")).unwrap();
    site.build_ok(&[]);
    assert!(
        site.read_output("two/index.html").contains(">Zurück<"),
        "the built-in word again"
    );
    same_as_clean_build(&site, "removing i18n/de.toml");
}

#[test]
fn watch_renders_again_after_an_edit_of_the_site_table() {
    let site = site("de");
    site.write("i18n/de.toml", "previous = \"Vorher\"\n");
    let mut editor = Editor::start(&site);
    editor.apply("editing i18n/de.toml", &["i18n/de.toml"], |s| {
        s.write("i18n/de.toml", "previous = \"Davor\"\n");
    });
    assert!(site.read_output("two/index.html").contains(">Davor<"));
    // Its warnings are the rebuild's too (the editor compares them with a clean build's).
    let out = editor.apply("a misspelt key", &["i18n/de.toml"], |s| {
        s.write("i18n/de.toml", "previous = \"Davor\"\nnxet = \"Danach\"\n");
    });
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    editor.apply(
        "a new i18n/nl.toml and language = nl",
        &["sitegen.toml", "i18n/nl.toml"],
        |s| {
            s.write("i18n/nl.toml", "previous = \"Eerder\"\n");
            replace(s, "sitegen.toml", "language = \"de\"", "language = \"nl\"");
        },
    );
    let two = site.read_output("two/index.html");
    assert!(
        two.contains(">Eerder<") && two.contains(">Volgende<"),
        "{two}"
    );
}

#[test]
fn the_manual_lists_every_key_as_the_english_table_has_it() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = fs::read_to_string(repo.join("docs/pages/reference/languages.md")).unwrap();
    let english = fs::read_to_string(repo.join("templates/i18n/en.toml")).unwrap();
    assert!(
        page.contains(&format!("```toml\n{english}```")),
        "docs/pages/reference/languages.md: its last block is no longer templates/i18n/en.toml; copy the file in"
    );
}

#[test]
fn the_watch_command_sees_a_save_of_the_site_table() {
    let site = site("de");
    site.write("i18n/de.toml", "previous = \"Vorher\"\n");
    let w = Watch::start(&site);
    site.save_atomically("i18n/de.toml", "previous = \"Davor\"\n");
    let line = w.next_rebuild();
    assert!(line.contains("i18n/de.toml"), "{line}");
    assert!(site.read_output("two/index.html").contains(">Davor<"));
    w.stop();
}
