//! Errors an author can cause: each exits 1, is reported as `PATH:LINE:COL: error: message` with LINE
//! counted in the whole file, and leaves the previous `public/` byte-for-byte as it was.

use crate::common::{TestSite, post};

/// A site whose first build succeeded, so `public/` holds output worth keeping.
fn good_site() -> TestSite {
    let site = TestSite::with_files(&[
        (
            "posts/good.md",
            &post("Good", "2024-01-01", "series = \"S\"\n", "Fine."),
        ),
        (
            "posts/other.md",
            &post("Other", "2024-01-02", "series = \"S\"\n", "Also fine."),
        ),
    ]);
    site.build_ok(&[]);
    site
}

/// Builds expecting exit code 1, an unchanged `public/` and no temporary folders left; returns stderr.
fn fails_keeping_output(site: &TestSite) -> String {
    let err = site.fails_keeping_output(&[]);
    let litter: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(
        litter.is_empty(),
        "temporary folders left behind: {litter:?}"
    );
    err
}

/// One diagnostic of a build's output.
#[derive(Debug)]
struct Reported {
    line: usize,
    col: usize,
    /// The message and its `= help:` lines.
    text: String,
}

/// The first diagnostic for `path`, checked to read exactly `PATH:LINE:COL: error: `.
fn reported(stderr: &str, path: &str) -> Reported {
    let mut lines = stderr.lines();
    let prefix = format!("{path}:");
    let head = lines
        .by_ref()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no diagnostic for {path} in:\n{stderr}"));
    let rest = &head[prefix.len()..];
    let parse = |s: &str| {
        s.parse::<usize>()
            .unwrap_or_else(|_| panic!("not `{path}:LINE:COL: error: …`: {head}"))
    };
    let (line, rest) = rest
        .split_once(':')
        .unwrap_or_else(|| panic!("no line in {head}"));
    let (col, message) = rest
        .split_once(": error: ")
        .unwrap_or_else(|| panic!("no `: error: ` in {head}"));
    let mut text = message.to_string();
    for help in lines.take_while(|l| l.starts_with("  = ")) {
        text.push('\n');
        text.push_str(help);
    }
    Reported {
        line: parse(line),
        col: parse(col),
        text,
    }
}

/// Writes `contents` to `path` in a good site, builds, and returns what was reported for `path`.
fn report_for(path: &str, contents: &str) -> (Reported, String) {
    let site = good_site();
    site.write(path, contents);
    let err = fails_keeping_output(&site);
    (reported(&err, path), err)
}

#[test]
fn missing_front_matter() {
    let (r, _) = report_for(
        "posts/bad.md",
        "# Just a heading\n\nNo front matter here.\n",
    );
    assert_eq!((r.line, r.col), (1, 1));
    assert!(r.text.starts_with("missing front matter"), "{}", r.text);
    assert!(
        r.text.contains("`+++`") && r.text.contains("`---`"),
        "the hint shows both fences: {}",
        r.text
    );
}

#[test]
fn unclosed_front_matter() {
    let (r, _) = report_for(
        "posts/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\n\nThe body.\n",
    );
    assert_eq!(r.line, 1);
    assert!(
        r.text.contains("never closed") && r.text.contains("`+++`"),
        "{}",
        r.text
    );
    let (r, _) = report_for("posts/bad.md", "---\ntitle: Bad\n");
    assert_eq!(r.line, 1);
    assert!(
        r.text.contains("never closed") && r.text.contains("`---`"),
        "{}",
        r.text
    );
}

#[test]
fn malformed_toml_is_reported_at_its_line_in_the_file() {
    let (r, _) = report_for(
        "posts/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\nweight = = 3\n+++\nBody.\n",
    );
    assert_eq!((r.line, r.col), (4, 10));
    let (r, _) = report_for(
        "posts/bad.md",
        "+++\ntitle = \"Bad\ndate = 2024-01-01\n+++\nBody.\n",
    );
    assert_eq!(r.line, 2, "{}", r.text);
}

#[test]
fn malformed_yaml_is_reported_at_its_line_in_the_file() {
    let (r, _) = report_for(
        "posts/bad.md",
        "---\ntitle: Bad\ndate: 2024-01-01\nsummary: one: two\n---\nBody.\n",
    );
    assert_eq!(r.line, 4, "{}", r.text);
    assert!(r.text.contains("mapping values"), "{}", r.text);
}

#[test]
fn missing_title_and_missing_date() {
    let (r, _) = report_for("posts/bad.md", "+++\ndate = 2024-01-01\n+++\nBody.\n");
    assert_eq!(r.line, 1);
    assert!(
        r.text.contains("missing required field `title`"),
        "{}",
        r.text
    );
    let (r, _) = report_for("posts/bad.md", "---\ntitle: Bad\n---\nBody.\n");
    assert_eq!(r.line, 1);
    assert!(
        r.text.contains("missing required field `date`"),
        "{}",
        r.text
    );
    let (r, _) = report_for("posts/bad.md", "---\n---\nBody.\n");
    assert!(r.text.contains("`title`"), "{}", r.text);
}

#[test]
fn a_field_of_the_wrong_type_names_the_field() {
    let (r, _) = report_for(
        "posts/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\nweight = \"x\"\n+++\n",
    );
    assert_eq!((r.line, r.col), (4, 10));
    assert!(r.text.starts_with("weight: invalid type"), "{}", r.text);
    let (r, _) = report_for(
        "posts/bad.md",
        "---\ntitle: Bad\ndate: 2024-01-01\ntags: []\ndraft: maybe\n---\n",
    );
    assert_eq!(r.line, 5);
    assert!(r.text.starts_with("draft: invalid type"), "{}", r.text);
}

#[test]
fn a_date_that_does_not_exist() {
    let (r, _) = report_for(
        "posts/bad.md",
        "+++\ntitle = \"Bad\"\n\ndate = 2024-02-30\n+++\n",
    );
    assert_eq!(r.line, 4);
    assert!(r.text.starts_with("date: invalid date"), "{}", r.text);
    let (r, _) = report_for("posts/bad.md", "---\ntitle: Bad\ndate: 2023-02-29\n---\n");
    assert_eq!(r.line, 3);
    assert!(
        r.text.contains("2023-02-29") && r.text.contains("YYYY-MM-DD"),
        "{}",
        r.text
    );
    let (r, _) = report_for("posts/bad.md", "---\ntitle: Bad\ndate: 2024-3-1\n---\n");
    assert_eq!(r.line, 3);
}

#[test]
fn an_unknown_key_is_named_with_the_valid_keys_and_a_suggestion() {
    for (file, line) in [
        ("+++\ntitel = \"Bad\"\ndate = 2024-01-01\n+++\n", 2),
        ("---\ndate: 2024-01-01\n\ntitel: Bad\n---\n", 4),
    ] {
        let (r, _) = report_for("posts/bad.md", file);
        assert_eq!((r.line, r.col), (line, 1), "{file:?}");
        assert!(r.text.starts_with("unknown key `titel`"), "{}", r.text);
        assert!(r.text.contains("did you mean `title`?"), "{}", r.text);
        for key in [
            "`title`",
            "`date`",
            "`slug`",
            "`series`",
            "`weight`",
            "`summary`",
            "`tags`",
            "`draft`",
            "`extra`",
        ] {
            assert!(
                r.text.contains(key),
                "valid keys should list {key}: {}",
                r.text
            );
        }
    }
}

#[test]
fn two_posts_with_the_same_slug_name_both_files() {
    let site = good_site();
    site.write(
        "posts/copy.md",
        &post("Copy", "2024-02-01", "slug = \"good\"\n", "Copied."),
    );
    let err = fails_keeping_output(&site);
    // Reported at the `slug = "good"` line that made the clash, naming the other file.
    let line = err
        .lines()
        .find(|l| l.starts_with("posts/copy.md:4:1: error:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("posts/good.md") && line.contains("posts/copy.md"),
        "{line}"
    );
    assert!(line.contains("`good`"), "{line}");
    assert!(
        err.trim_end().ends_with("build failed: 1 error"),
        "one error per clash:\n{err}"
    );
}

#[test]
fn a_slug_that_is_not_one_plain_path_segment() {
    for slug in ["..", "a/b", "", "."] {
        let (r, _) = report_for(
            "posts/bad.md",
            &post("Bad", "2024-01-01", &format!("slug = \"{slug}\"\n"), "x"),
        );
        assert_eq!(r.line, 4, "slug {slug:?}");
        assert!(r.text.contains(&format!("slug `{slug}`")), "{}", r.text);
    }
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = good_site();
    let path = site.path("posts/latin1.md");
    std::fs::write(
        &path,
        b"+++\ntitle = \"Caf\xe9\"\ndate = 2024-01-01\n+++\n\nBody.\n",
    )
    .unwrap();
    let err = fails_keeping_output(&site);
    let r = reported(&err, "posts/latin1.md");
    assert_eq!((r.line, r.col), (2, 13));
    assert!(r.text.contains("UTF-8"), "{}", r.text);
}

#[test]
fn lines_are_right_in_crlf_files_and_after_a_bom() {
    let (r, _) = report_for(
        "posts/bad.md",
        "+++\r\ntitle = \"Bad\"\r\ndate = 2024-01-01\r\nweight = \"x\"\r\n+++\r\n",
    );
    assert_eq!((r.line, r.col), (4, 10));
    let (r, _) = report_for(
        "posts/bad.md",
        "\u{feff}---\ntitle: Bad\ndate: 2024-01-01\ntitel: x\n---\n",
    );
    assert_eq!((r.line, r.col), (4, 1));
}

#[test]
fn a_template_syntax_error_names_the_template_and_line_once() {
    let site = good_site();
    site.write(
        "templates/post.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "templates/post.html");
    assert_eq!(r.line, 3, "{}", r.text);
    assert!(r.text.contains("syntax"), "{}", r.text);
    assert!(
        err.trim_end().ends_with("build failed: 1 error"),
        "only the syntax error is reported:\n{err}"
    );
}

#[test]
fn a_template_runtime_error_names_the_template_and_the_post() {
    let site = good_site();
    site.write(
        "templates/post.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_field | upper }}</p>\n{% endblock content %}\n",
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "templates/post.html");
    assert_eq!(r.line, 4, "{}", r.text);
    assert!(
        r.text.contains("posts/good.md"),
        "names the post being rendered: {}",
        r.text
    );
}

#[test]
fn an_at_link_to_a_missing_post() {
    let (r, _) = report_for(
        "posts/bad.md",
        &post(
            "Bad",
            "2024-01-01",
            "",
            "Intro.\n\nRead [the other](@/othr.md) first.",
        ),
    );
    assert_eq!((r.line, r.col), (7, 6));
    assert!(r.text.contains("posts/othr.md"), "{}", r.text);
    assert!(r.text.contains("did you mean `@/other.md`?"), "{}", r.text);
}

#[test]
fn an_at_link_to_a_missing_heading() {
    let (r, _) = report_for(
        "posts/bad.md",
        &post("Bad", "2024-01-01", "", "See [it](@/good.md#nowhere)."),
    );
    assert_eq!(r.line, 5);
    assert!(r.text.contains("`nowhere`"), "{}", r.text);
}

#[test]
fn errors_in_several_files_are_all_reported_in_one_run() {
    let site = good_site();
    site.write("posts/a.md", "no front matter\n");
    site.write("posts/b.md", "+++\ntitle = \"B\"\ndate = 2024-13-01\n+++\n");
    site.write(
        "posts/c.md",
        "---\ntitle: C\ndate: 2024-01-01\nwieght: 2\n---\n",
    );
    site.write("templates/series.html", "{% for x in %}\n");
    let err = fails_keeping_output(&site);
    assert_eq!(reported(&err, "posts/a.md").line, 1);
    assert_eq!(reported(&err, "posts/b.md").line, 3);
    assert_eq!(reported(&err, "posts/c.md").line, 4);
    assert_eq!(reported(&err, "templates/series.html").line, 1);
    assert!(err.trim_end().ends_with("build failed: 4 errors"), "{err}");
}

#[test]
fn errors_in_sitegen_toml_are_located_too() {
    let site = good_site();
    site.write("sitegen.toml", "title = \"Blog\"\nbase_urll = \"/blog/\"\n");
    let err = fails_keeping_output(&site);
    let r = reported(&err, "sitegen.toml");
    assert_eq!(r.line, 2);
    assert!(
        r.text.contains("`base_urll`") && r.text.contains("did you mean `base_url`?"),
        "{}",
        r.text
    );
}

#[test]
fn odd_inputs_fail_cleanly_without_a_panic() {
    let odd = [
        "",
        "+++",
        "---",
        "+++\n+++\n",
        "---\n- a\n- b\n---\n",
        "---\njust text\n---\n",
        "+++\ntitle = \"T\"\ndate = 2024-01-01T10:00:00\n+++\n",
        "+++\ntitle = \"T\"\ndate = 99999-01-01\n+++\n",
        "---\ntitle: [1, 2]\ndate: 2024-01-01\n---\n",
        "---\ntitle: T\ndate: 2024-01-01\nweight: 99999999999999999999999\n---\n",
    ];
    for contents in odd {
        let site = good_site();
        site.write("posts/odd.md", contents);
        let err = fails_keeping_output(&site);
        assert!(!err.contains("panicked"), "{contents:?}: {err}");
        assert!(
            err.lines().any(|l| l.starts_with("posts/odd.md:")),
            "{contents:?}: {err}"
        );
    }
}

#[test]
fn a_block_the_parent_does_not_define_is_located() {
    let site = good_site();
    site.write(
        "templates/post.html",
        "{% extends \"base.html\" %}\n{% block content %}x{% endblock content %}\n{% block sidebar %}y{% endblock sidebar %}\n",
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "templates/post.html");
    assert_eq!(r.line, 3, "{}", r.text);
    assert!(r.text.contains("`sidebar`"), "{}", r.text);
}

#[test]
fn front_matter_that_is_not_key_value_lines_says_so_without_rust_type_names() {
    let site = good_site();
    site.write("posts/odd.md", "---\n- a\n- b\n---\nx\n");
    let err = fails_keeping_output(&site);
    let r = reported(&err, "posts/odd.md");
    assert_eq!(r.line, 2, "{}", r.text);
    assert!(r.text.contains("`key: value`"), "{}", r.text);
    assert!(!err.contains("PostMeta"), "{err}");
}

#[test]
fn extra_must_be_a_table() {
    let site = good_site();
    site.write(
        "posts/odd.md",
        &post("Odd", "2024-01-03", "extra = 5\n", "x"),
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "posts/odd.md");
    assert_eq!((r.line, r.col), (4, 1), "{}", r.text);
    assert!(r.text.contains("`extra` must be a table"), "{}", r.text);
}

#[test]
fn a_site_base_html_without_the_theme_blocks_is_blamed_once_where_the_fix_belongs() {
    let site = good_site();
    site.write(
        "templates/base.html",
        "<!doctype html><html><body>{% block main %}{% endblock main %}</body></html>\n",
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "templates/base.html");
    assert_eq!((r.line, r.col), (1, 1), "{}", r.text);
    for block in ["`content`", "`head`", "`title`"] {
        assert!(r.text.contains(block), "{}", r.text);
    }
    assert!(!err.contains("(default theme)"), "{err}");
    assert!(err.trim_end().ends_with("build failed: 1 error"), "{err}");
}

#[test]
fn a_slug_that_takes_a_page_sitegen_writes_is_reported_at_the_slug() {
    let site = good_site();
    site.write(
        "posts/exercises/plank.md",
        "+++\nname = \"Plank\"\n+++\nHold.\n",
    );
    site.write(
        "posts/odd.md",
        &post("Odd", "2024-01-03", "slug = \"exercises\"\n", "x"),
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "posts/odd.md");
    assert_eq!((r.line, r.col), (4, 1), "{}", r.text);
    assert!(r.text.contains("the exercise index"), "{}", r.text);
    assert!(r.text.contains("`exercises/index.html`"), "{}", r.text);
}

#[test]
fn a_static_file_where_a_post_needs_a_folder_names_both() {
    let site = good_site();
    site.write("static/good", "not a folder");
    let err = fails_keeping_output(&site);
    let line = err
        .lines()
        .find(|l| l.starts_with("static/good: error:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("`posts/good.md` needs `good/` as a folder"),
        "{line}"
    );
}

#[test]
fn a_template_extending_a_missing_parent_is_located_at_its_extends_tag() {
    let site = good_site();
    site.write(
        "templates/post.html",
        "{# a comment #}\n\n{% extends \"layout.html\" %}\n{% block content %}x{% endblock content %}\n",
    );
    let err = fails_keeping_output(&site);
    let r = reported(&err, "templates/post.html");
    assert_eq!((r.line, r.col), (3, 1), "{}", r.text);
    assert!(r.text.contains("`layout.html`"), "{}", r.text);
}
