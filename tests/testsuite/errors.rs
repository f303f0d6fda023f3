//! Errors an author can cause: each exits 1, is reported as `PATH:LINE:COL: error: message` with LINE
//! counted in the whole file, and leaves the previous `public/` byte-for-byte as it was. The
//! reports are insta snapshots of the whole stderr (`snapshots/testsuite__errors__*.snap`), so a
//! reader sees exactly what the author sees.

use crate::common::{TestSite, post};

/// A site whose first build succeeded, so `public/` holds output worth keeping.
pub(crate) fn good_site() -> TestSite {
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

/// Writes `contents` to `path` in a good site, builds, and returns what the build printed.
fn report_for(path: &str, contents: &str) -> String {
    let site = good_site();
    site.write(path, contents);
    fails_keeping_output(&site)
}

/// Writes `posts/bad.md` into a good site and snapshots, as `NAME`, the file and what the build
/// printed for it.
fn bad_post(name: &str, contents: &str) {
    insta::assert_snapshot!(
        name,
        shown(
            "posts/bad.md",
            contents,
            &report_for("posts/bad.md", contents)
        )
    );
}

/// A file and the build's report, as one snapshot reads them.
fn shown(path: &str, contents: &str, err: &str) -> String {
    format!("--- {path}\n{contents:?}\n--- stderr\n{err}")
}

#[test]
fn missing_front_matter() {
    bad_post(
        "missing_front_matter",
        "# Just a heading\n\nNo front matter here.\n",
    );
}

#[test]
fn unclosed_front_matter() {
    bad_post(
        "unclosed_toml",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\n\nThe body.\n",
    );
    bad_post("unclosed_yaml", "---\ntitle: Bad\n");
}

#[test]
fn malformed_toml_is_reported_at_its_line_in_the_file() {
    bad_post(
        "toml_double_equals",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\nweight = = 3\n+++\nBody.\n",
    );
    bad_post(
        "toml_unclosed_string",
        "+++\ntitle = \"Bad\ndate = 2024-01-01\n+++\nBody.\n",
    );
}

#[test]
fn malformed_yaml_is_reported_at_its_line_in_the_file() {
    bad_post(
        "yaml_mapping_values",
        "---\ntitle: Bad\ndate: 2024-01-01\nsummary: one: two\n---\nBody.\n",
    );
}

#[test]
fn missing_title_and_missing_date() {
    bad_post("missing_title", "+++\ndate = 2024-01-01\n+++\nBody.\n");
    bad_post("missing_date", "---\ntitle: Bad\n---\nBody.\n");
    bad_post("empty_front_matter", "---\n---\nBody.\n");
}

#[test]
fn a_field_of_the_wrong_type_names_the_field() {
    bad_post(
        "weight_is_a_string",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\nweight = \"x\"\n+++\n",
    );
    bad_post(
        "draft_is_maybe",
        "---\ntitle: Bad\ndate: 2024-01-01\ntags: []\ndraft: maybe\n---\n",
    );
}

#[test]
fn a_date_that_does_not_exist() {
    bad_post(
        "february_30",
        "+++\ntitle = \"Bad\"\n\ndate = 2024-02-30\n+++\n",
    );
    bad_post("no_leap_day", "---\ntitle: Bad\ndate: 2023-02-29\n---\n");
    bad_post("not_zero_padded", "---\ntitle: Bad\ndate: 2024-3-1\n---\n");
}

#[test]
fn an_unknown_key_is_named_with_the_valid_keys_and_a_suggestion() {
    bad_post(
        "unknown_key_toml",
        "+++\ntitel = \"Bad\"\ndate = 2024-01-01\n+++\n",
    );
    bad_post(
        "unknown_key_yaml",
        "---\ndate: 2024-01-01\n\ntitel: Bad\n---\n",
    );
}

#[test]
fn two_posts_with_the_same_slug_name_both_files() {
    let site = good_site();
    let copy = post("Copy", "2024-02-01", "slug = \"good\"\n", "Copied.");
    site.write("posts/copy.md", &copy);
    // Reported once, at the `slug = "good"` line that made the clash, naming the other file.
    insta::assert_snapshot!(shown("posts/copy.md", &copy, &fails_keeping_output(&site)));
}

#[test]
fn a_slug_that_is_not_one_plain_path_segment() {
    for (name, slug) in [
        ("dot_dot", ".."),
        ("slash", "a/b"),
        ("empty", ""),
        ("dot", "."),
    ] {
        bad_post(
            &format!("slug_{name}"),
            &post("Bad", "2024-01-01", &format!("slug = \"{slug}\"\n"), "x"),
        );
    }
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = good_site();
    let bytes = b"+++\ntitle = \"Caf\xe9\"\ndate = 2024-01-01\n+++\n\nBody.\n";
    std::fs::write(site.path("posts/latin1.md"), bytes).unwrap();
    insta::assert_snapshot!(shown(
        "posts/latin1.md",
        &String::from_utf8_lossy(bytes),
        &fails_keeping_output(&site)
    ));
}

#[test]
fn lines_are_right_in_crlf_files_and_after_a_bom() {
    bad_post(
        "crlf",
        "+++\r\ntitle = \"Bad\"\r\ndate = 2024-01-01\r\nweight = \"x\"\r\n+++\r\n",
    );
    bad_post(
        "bom",
        "\u{feff}---\ntitle: Bad\ndate: 2024-01-01\ntitel: x\n---\n",
    );
}

/// Writes `files` into a good site and snapshots, as `NAME`, them with what the build printed.
fn snapshot_site(name: &str, files: &[(&str, &str)]) {
    let site = good_site();
    for (path, contents) in files {
        site.write(path, contents);
    }
    let err = fails_keeping_output(&site);
    let mut out = String::new();
    for (path, contents) in files {
        out.push_str(&format!("--- {path}\n{contents:?}\n"));
    }
    out.push_str(&format!("--- stderr\n{err}"));
    insta::assert_snapshot!(name, out);
}

#[test]
fn a_template_syntax_error_names_the_template_and_line_once() {
    snapshot_site(
        "a_template_syntax_error_names_the_template_and_line_once",
        &[(
            "templates/post.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
        )],
    );
}

#[test]
fn a_template_runtime_error_names_the_template_and_the_post() {
    snapshot_site(
        "a_template_runtime_error_names_the_template_and_the_post",
        &[(
            "templates/post.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_field | upper }}</p>\n{% endblock content %}\n",
        )],
    );
}

#[test]
fn an_at_link_to_a_missing_post() {
    bad_post(
        "at_link_to_a_missing_post",
        &post(
            "Bad",
            "2024-01-01",
            "",
            "Intro.\n\nRead [the other](@/othr.md) first.",
        ),
    );
}

#[test]
fn an_at_link_to_a_missing_heading() {
    bad_post(
        "at_link_to_a_missing_heading",
        &post("Bad", "2024-01-01", "", "See [it](@/good.md#nowhere)."),
    );
}

#[test]
fn errors_in_several_files_are_all_reported_in_one_run() {
    snapshot_site(
        "errors_in_several_files_are_all_reported_in_one_run",
        &[
            ("posts/a.md", "no front matter\n"),
            ("posts/b.md", "+++\ntitle = \"B\"\ndate = 2024-13-01\n+++\n"),
            (
                "posts/c.md",
                "---\ntitle: C\ndate: 2024-01-01\nwieght: 2\n---\n",
            ),
            ("templates/series.html", "{% for x in %}\n"),
        ],
    );
}

#[test]
fn errors_in_sitegen_toml_are_located_too() {
    snapshot_site(
        "errors_in_sitegen_toml_are_located_too",
        &[("sitegen.toml", "title = \"Blog\"\nbase_urll = \"/blog/\"\n")],
    );
}

/// A mistake in the settings does not hide the mistakes in the posts: the build reads the posts
/// with the settings' defaults standing in, reports every error, and writes nothing.
#[test]
fn broken_settings_and_broken_posts_in_one_build() {
    snapshot_site(
        "broken_settings_and_broken_posts_in_one_build",
        &[
            ("sitegen.toml", "title = \"Blog\"\nbase_urll = \"/blog/\"\n"),
            ("posts/a.md", "no front matter\n"),
            ("posts/b.md", "+++\ntitle = \"B\"\ndate = 2024-13-01\n+++\n"),
        ],
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
        "+++\ntitle = \"T\"\ndate = 10:00:00\n+++\n",
        "+++\ntitle = \"T\"\ndate = 99999-01-01\n+++\n",
        "---\ntitle: [1, 2]\ndate: 2024-01-01\n---\n",
        "---\ntitle: T\ndate: 2024-01-01\nweight: 99999999999999999999999\n---\n",
    ];
    let mut out = String::new();
    for contents in odd {
        let err = report_for("posts/odd.md", contents);
        assert!(!err.contains("panicked"), "{contents:?}: {err}");
        out.push_str(&shown("posts/odd.md", contents, &err));
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_block_the_parent_does_not_define_is_located() {
    snapshot_site(
        "a_block_the_parent_does_not_define_is_located",
        &[(
            "templates/post.html",
            "{% extends \"base.html\" %}\n{% block content %}x{% endblock content %}\n{% block sidebar %}y{% endblock sidebar %}\n",
        )],
    );
}

#[test]
fn front_matter_that_is_not_key_value_lines_says_so_without_rust_type_names() {
    bad_post("a_yaml_list", "---\n- a\n- b\n---\nx\n");
}

#[test]
fn extra_must_be_a_table() {
    bad_post(
        "extra_is_a_number",
        &post("Odd", "2024-01-03", "extra = 5\n", "x"),
    );
}

#[test]
fn a_site_base_html_without_the_theme_blocks_is_blamed_once_where_the_fix_belongs() {
    snapshot_site(
        "a_site_base_html_without_the_theme_blocks_is_blamed_once_where_the_fix_belongs",
        &[(
            "templates/base.html",
            "<!doctype html><html><body>{% block main %}{% endblock main %}</body></html>\n",
        )],
    );
}

#[test]
fn a_slug_that_takes_a_page_sitegen_writes_is_reported_at_the_slug() {
    snapshot_site(
        "a_slug_that_takes_a_page_sitegen_writes_is_reported_at_the_slug",
        &[
            (
                "posts/exercises/plank.md",
                "+++\nname = \"Plank\"\n+++\nHold.\n",
            ),
            (
                "posts/odd.md",
                &post("Odd", "2024-01-03", "slug = \"exercises\"\n", "x"),
            ),
        ],
    );
}

#[test]
fn a_static_file_where_a_post_needs_a_folder_names_both() {
    snapshot_site(
        "a_static_file_where_a_post_needs_a_folder_names_both",
        &[("static/good", "not a folder")],
    );
}

#[test]
fn a_template_extending_a_missing_parent_is_located_at_its_extends_tag() {
    snapshot_site(
        "a_template_extending_a_missing_parent_is_located_at_its_extends_tag",
        &[(
            "templates/post.html",
            "{# a comment #}\n\n{% extends \"layout.html\" %}\n{% block content %}x{% endblock content %}\n",
        )],
    );
}

#[test]
fn a_duplicate_key_is_named_with_the_line_that_set_it_first() {
    let site = TestSite::with_files(&[
        (
            "sitegen.toml",
            "title = \"A\"\nsearch = true\ntitle = \"B\"\n",
        ),
        (
            "posts/x.md",
            "+++\ntitle = \"X\"\ndate = 2024-01-01\ntitle = \"Y\"\n+++\nBody.\n",
        ),
    ]);
    let err = site.build_err(&[]);
    crate::common::assert_reports(
        &err,
        "sitegen.toml:3:1: error: duplicate key `title`: it is already set on line 1",
    );
    crate::common::assert_reports(
        &err,
        "posts/x.md:4:1: error: duplicate key `title`: it is already set on line 2",
    );
    assert!(err.contains("keep one of the two lines"), "{err}");
}
