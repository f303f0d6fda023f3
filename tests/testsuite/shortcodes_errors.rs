//! Every shortcode error: exit code 1, `PATH:LINE:COL: error:` at the shortcode, a hint, the
//! previous output left as it was, and all errors of a build reported together.

use crate::common::{TestSite, assert_reports, post};

const GLUTE_BRIDGE: &str =
    "---\nname: \"Glute Bridge\"\njoint: \"hips\"\ngoal: \"strength\"\n---\nBridge.\n";
const OPEN_BOOK: &str =
    "+++\nname = \"Open Book\"\njoint = \"t-spine\"\ngoal = \"mobility\"\n+++\nOpen.\n";

/// A site that builds: two exercises, a `callout` site shortcode, one post using them.
fn good_site() -> TestSite {
    let site = TestSite::with_files(&[
        ("posts/exercises/glute-bridge.md", GLUTE_BRIDGE),
        ("posts/exercises/open-book.md", OPEN_BOOK),
        (
            "templates/shortcodes/callout.html",
            "<div class=\"callout\">{{ body | safe }}</div>",
        ),
        (
            "posts/good.md",
            &post(
                "Good",
                "2024-01-01",
                "",
                "{{ exercise(id=\"glute-bridge\") }}\n\n{% callout() %}{{ exercise(id=\"open-book\") }}{% end %}",
            ),
        ),
    ]);
    site.build_ok(&[]);
    site
}

/// `posts/x.md` with `body` starting on line 5.
fn x_md(body: &str) -> String {
    format!("+++\ntitle = \"X\"\ndate = 2024-01-02\n+++\n{body}\n")
}

/// Builds the good site, then adds `files` and expects the build to fail with exit code 1 and
/// leave `public/` exactly as the good build wrote it. Returns stderr.
fn fails_with(files: &[(&str, &str)]) -> String {
    let stderr = good_site().fails_keeping_output(files);
    assert!(
        stderr.trim_end().ends_with("error") || stderr.contains("build failed:"),
        "{stderr}"
    );
    stderr
}

/// `posts/x.md` holding `body` fails; returns stderr.
fn post_fails(body: &str) -> String {
    fails_with(&[("posts/x.md", &x_md(body))])
}

/// Asserts stderr has a line starting with `prefix` (a full `path:line:col: error: message` head).
#[track_caller]
#[test]
fn unknown_shortcode_lists_the_available_ones() {
    let err = post_fails("Some text {{ exercize(id=\"glute-bridge\") }}");
    assert_reports(&err, "posts/x.md:5:11: error: unknown shortcode `exercize`");
    assert!(err.contains("did you mean `exercise`?"), "{err}");
    assert!(
        err.contains("available shortcodes: `callout`, `exercise`, `routine` or `video`"),
        "{err}"
    );
    assert!(err.contains("build failed: 1 error"), "{err}");
}

#[test]
fn unknown_shortcode_without_a_near_name_still_lists_them() {
    let err = post_fails("Intro.\n\n{% gallery(n=3) %}\nPhotos.\n{% end %}");
    assert_reports(&err, "posts/x.md:7:1: error: unknown shortcode `gallery`");
    assert!(!err.contains("did you mean"), "{err}");
    assert!(
        err.contains("`callout`, `exercise`, `routine` or `video`"),
        "{err}"
    );
    assert!(
        err.contains("templates/shortcodes/gallery.html"),
        "says where a site shortcode lives:\n{err}"
    );
}

#[test]
fn unknown_exercise_id_suggests_the_nearest() {
    let err = post_fails("Intro.\n\n{{ exercise(id=\"glute-bridg\") }}");
    assert_reports(
        &err,
        "posts/x.md:7:13: error: unknown exercise `glute-bridg`",
    );
    assert!(err.contains("did you mean `glute-bridge`?"), "{err}");
}

#[test]
fn columns_count_characters_not_bytes() {
    let err = post_fails("Übung: {{ exercise(id=\"nope\") }}");
    assert_reports(&err, "posts/x.md:5:20: error: unknown exercise `nope`");
    assert!(
        err.contains("posts/exercises/nope.md"),
        "says how to add it:\n{err}"
    );
}

#[test]
fn errors_in_a_nested_shortcode_point_into_the_body() {
    let err = post_fails("{% callout() %}\nTry {{ exercise(id=\"nope\") }}.\n{% end %}");
    assert_reports(&err, "posts/x.md:6:17: error: unknown exercise `nope`");
}

#[test]
fn missing_required_arguments() {
    let err = post_fails("{{ exercise(sets=3) }}\n\nText {{ video(title=\"Demo\") }}");
    assert_reports(
        &err,
        "posts/x.md:5:1: error: `exercise` needs the argument `id`",
    );
    assert_reports(
        &err,
        "posts/x.md:7:6: error: `video` needs the argument `url`",
    );
    assert!(err.contains("add id=\"…\""), "{err}");
}

#[test]
fn arguments_of_the_wrong_type() {
    let err = post_fails(
        "{{ exercise(id=3) }}\n{{ exercise(id=\"glute-bridge\", sets=true) }}\n{{ exercise(id=\"glute-bridge\", reps=[1]) }}\n{{ video(url=[\"a\"]) }}",
    );
    assert_reports(
        &err,
        "posts/x.md:5:13: error: argument `id` of `exercise` must be a string, not integer",
    );
    assert_reports(
        &err,
        "posts/x.md:6:32: error: argument `sets` of `exercise` must be an integer or a string, not boolean",
    );
    assert_reports(
        &err,
        "posts/x.md:7:32: error: argument `reps` of `exercise` must be an integer or a string, not array",
    );
    assert_reports(
        &err,
        "posts/x.md:8:10: error: argument `url` of `video` must be a string, not array",
    );
    assert!(err.contains("build failed: 4 errors"), "{err}");
}

#[test]
fn unknown_argument_names() {
    let err = post_fails("{{ exercise(id=\"glute-bridge\", set=3) }}");
    assert_reports(
        &err,
        "posts/x.md:5:32: error: `exercise` has no argument `set`",
    );
    assert!(err.contains("`id`, `sets` or `reps`"), "{err}");
}

#[test]
fn a_body_shortcode_without_end() {
    let err = post_fails("Text.\n\n{% exercise(id=\"glute-bridge\") %}\nNotes that never end.\n");
    assert_reports(
        &err,
        "posts/x.md:7:1: error: `{% exercise(…) %}` is never closed",
    );
    assert!(err.contains("add `{% end %}`"), "{err}");
}

#[test]
fn a_stray_end() {
    let err = post_fails("Text.\n\nMore {% end %}\n");
    assert_reports(
        &err,
        "posts/x.md:7:6: error: `{% end %}` without an opening `{% name(…) %}`",
    );
}

#[test]
fn malformed_arguments() {
    let err = post_fails("{{ exercise(id \"glute-bridge\") }}");
    assert_reports(
        &err,
        "posts/x.md:5:16: error: malformed arguments to `exercise`: expected `=` after `id`",
    );
}

#[test]
fn missing_parenthesis() {
    let err = post_fails("Text\n{{ exercise id=\"glute-bridge\" }}");
    assert_reports(
        &err,
        "posts/x.md:6:13: error: malformed shortcode `exercise`: expected `(` after the name",
    );
    assert!(
        err.contains("\\{{"),
        "the hint says how to write braces literally:\n{err}"
    );
}

#[test]
fn unterminated_string() {
    let err = post_fails("{{ exercise(id=\"glute-bridge) }}\n\nMore text.");
    assert_reports(&err, "posts/x.md:5:16: error: string is never closed");
}

#[test]
fn an_error_inside_a_site_shortcode_template_names_the_template_and_the_post() {
    let err = fails_with(&[
        (
            "templates/shortcodes/broken.html",
            "<b>{{ missing_var }}</b>",
        ),
        ("posts/x.md", &x_md("Text.\n\n  {{ broken(a=1) }}")),
    ]);
    assert_reports(
        &err,
        "posts/x.md:7:3: error: shortcode `broken` failed in `templates/shortcodes/broken.html:1:7`",
    );
    let line = err
        .lines()
        .find(|l| l.starts_with("posts/x.md:7:3"))
        .unwrap();
    assert!(line.contains("missing_var"), "{line}");
    assert!(line.contains("posts/x.md"), "{line}");
    assert!(
        err.contains("fix the template `templates/shortcodes/broken.html`"),
        "{err}"
    );
}

#[test]
fn errors_in_an_exercise_body_point_into_the_exercise_file() {
    let bad = "+++\nname = \"Bad\"\njoint = \"core\"\ngoal = \"stability\"\n+++\n\nSee {{ exercise(id=\"open-boo\") }}.\n";
    let err = fails_with(&[("posts/exercises/bad.md", bad)]);
    assert_reports(
        &err,
        "posts/exercises/bad.md:7:17: error: unknown exercise `open-boo`",
    );
}

#[test]
fn every_error_of_a_build_is_reported_in_one_run() {
    let x = "Intro {{ nope() }}\n\n{% end %}\n\n{{ exercise(id=\"glute\") }}\n\n[link](@/missing.md)\n\n{{ video(url=\"javascript:alert(1)\") }}";
    let y = "{% exercise(id=\"open-book\") %}\nnever closed";
    let err = fails_with(&[("posts/x.md", &x_md(x)), ("posts/y.md", &x_md(y))]);
    let heads: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "posts/x.md:5:7",
            "posts/x.md:7:1",
            "posts/x.md:9:13",
            "posts/x.md:11:1",
            "posts/x.md:13:10",
            "posts/y.md:5:1"
        ],
        "{err}"
    );
    assert!(err.contains("build failed: 6 errors"), "{err}");
}

#[test]
fn a_jinja_end_tag_is_one_error_that_gives_the_right_form() {
    for (body, name) in [
        (
            "{% exercise(id=\"glute-bridge\") %}\nSlowly.\n{% endexercise %}",
            "endexercise",
        ),
        ("{% callout() %}\nNote.\n{% endfor %}", "endfor"),
    ] {
        let err = post_fails(body);
        assert_reports(
            &err,
            &format!(
                "posts/x.md:7:1: error: `{{% {name} %}}`: a shortcode's body ends with `{{% end %}}`"
            ),
        );
        assert!(
            err.contains(&format!(
                "help: replace `{{% {name} %}}` with `{{% end %}}`"
            )),
            "{err}"
        );
        assert!(
            err.contains("build failed: 1 error"),
            "one error, not two: {err}"
        );
    }
    let err = post_fails("Text.\n\n{% endexercise %}");
    assert_reports(
        &err,
        "posts/x.md:7:1: error: `{% endexercise %}` closes nothing: shortcode bodies end with `{% end %}`",
    );
    assert!(err.contains("build failed: 1 error"), "{err}");
}

#[test]
fn a_template_loop_in_a_post_is_one_error_for_the_loop() {
    let err = post_fails(
        "Intro.\n\n{% for post in posts %}\n- A post.\n{% endfor %}\n{% if x %}a{% else %}b{% endif %}",
    );
    assert_reports(
        &err,
        "posts/x.md:7:1: error: `{% for post in posts %}` is template syntax (`for`), which posts do not run",
    );
    assert_reports(
        &err,
        "posts/x.md:10:1: error: `{% if x %}` is template syntax (`if`)",
    );
    assert!(
        err.contains("put loops and conditions in a template under `templates/`"),
        "{err}"
    );
    assert!(
        err.contains("build failed: 2 errors"),
        "no error for endfor, else or endif: {err}"
    );
}

#[test]
fn hugo_shortcodes_are_errors_that_say_how_sitegen_writes_them() {
    let err = post_fails(
        "Watch it:\n\n{{< youtube dQw4w9WgXcQ >}}\n\nA note: {{% notice tip %}}Breathe.{{% /notice %}}\n\n`{{< kept in code >}}`",
    );
    assert_reports(
        &err,
        "posts/x.md:7:1: error: `{{< youtube …` is Hugo's shortcode syntax, which sitegen does not run",
    );
    assert!(err.contains("{{ video(url=\"https://…\") }}"), "{err}");
    assert_reports(
        &err,
        "posts/x.md:9:9: error: `{{% notice …` is Hugo's shortcode syntax",
    );
    assert_reports(
        &err,
        "posts/x.md:9:35: error: `{{% /notice …` is Hugo's shortcode syntax",
    );
    assert!(err.contains("{{ name(arg=\"value\") }}"), "{err}");
    assert!(
        err.contains("build failed: 3 errors"),
        "code is left alone:\n{err}"
    );
}

#[test]
fn a_jekyll_include_is_an_error_that_says_how_sitegen_writes_it() {
    let err = post_fails("Before.\n\n{% include figure.html src=\"a.jpg\" %}\n");
    assert_reports(
        &err,
        "posts/x.md:7:1: error: `{% include figure.html src=\"a.jpg\" %}` is an include of Jekyll or Liquid",
    );
    assert!(err.contains("templates/shortcodes/NAME.html"), "{err}");
}
