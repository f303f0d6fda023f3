//! The link-scheme policy: `javascript:`, `vbscript:`, `data:` (but raster images) and `file:`
//! URLs in Markdown links and images, shortcode arguments and front matter are errors at the
//! URL, unless `allow_url_schemes` in sitegen.toml lists the scheme.

use crate::common::{TestSite, assert_reports, attrs, hrefs, html};

/// The exercises fixture with a good build, then `posts/x.md` (front matter lines 1-3, then
/// `front` lines, then `body`) failing the build: returns stderr.
fn fails_with(front: &str, body: &str) -> String {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let text = format!("+++\ntitle = \"X\"\ndate = 2024-06-01\n{front}+++\n{body}\n");
    site.fails_keeping_output(&[("posts/x.md", &text)])
}

const HOW_TO_ALLOW: &str = "to sitegen.toml";

#[test]
fn script_data_and_file_urls_in_markdown_are_errors_at_the_url() {
    let err = fails_with(
        "",
        "A [click](javascript:alert(1)) and <vbscript:msgbox(1)>.\n\
         \n\
         ![svg](data:image/svg+xml;base64,PHN2Zz4=) and [page](DATA:text/html,hi)\n\
         \n\
         [disk](file:///etc/passwd) and [ref][r] and [tab](java&#9;script:x)\n\
         \n\
         [r]: JavaScript:alert(3)",
    );
    let js = "is a javascript: URL, which runs code in the reader's browser";
    assert_reports(
        &err,
        &format!("posts/x.md:5:11: error: `javascript:alert(1)` {js}"),
    );
    assert_reports(
        &err,
        "posts/x.md:5:37: error: `vbscript:msgbox(1)` is a vbscript: URL",
    );
    assert_reports(
        &err,
        "posts/x.md:7:8: error: `data:image/svg+xml;base64,PHN2Zz4=` is a data: URL but not a PNG",
    );
    assert_reports(
        &err,
        "posts/x.md:7:55: error: `DATA:text/html,hi` is a data: URL",
    );
    assert_reports(
        &err,
        "posts/x.md:9:8: error: `file:///etc/passwd` is a file: URL",
    );
    // A reference link is reported where it is used; an entity-written tab is still a script.
    assert_reports(
        &err,
        &format!("posts/x.md:9:32: error: `JavaScript:alert(3)` {js}"),
    );
    assert_reports(
        &err,
        &format!("posts/x.md:9:45: error: `java\\tscript:x` {js}"),
    );
    assert!(err.contains("build failed: 7 errors"), "{err}");
    for scheme in ["javascript", "vbscript", "data", "file"] {
        assert!(
            err.contains(&format!(
                "add `allow_url_schemes = [\"{scheme}\"]` {HOW_TO_ALLOW}"
            )),
            "no way to allow {scheme}: in\n{err}"
        );
    }
}

#[test]
fn raster_data_images_and_other_schemes_are_published() {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let site = TestSite::fixture("exercises");
    site.write(
        "posts/x.md",
        &format!(
            "+++\ntitle = \"X\"\ndate = 2024-06-01\n[extra]\nsubtitle = \"JavaScript: The Good Parts\"\n+++\n\
             ![A dot]({png}) [mail](mailto:a@example.org) [call](tel:+100) [site](https://example.org/)\n\n\
             [scripts folder](/javascripts/) and `javascript:alert(1)` in code\n"
        ),
    );
    site.build_ok(&[]);
    let page = html(&site.read_output("x/index.html"));
    assert_eq!(attrs(&page, ".post-content img", "src"), [png]);
    assert_eq!(
        hrefs(&page, ".post-content a"),
        [
            "mailto:a@example.org",
            "tel:+100",
            "https://example.org/",
            "/javascripts/"
        ]
    );
}

#[test]
fn the_setting_allows_the_schemes_it_names_and_only_those() {
    let site = TestSite::fixture("exercises");
    site.write(
        "sitegen.toml",
        "title = \"T\"\nallow_url_schemes = [\"javascript\", \"data\"]\n",
    );
    site.write(
        "posts/x.md",
        "+++\ntitle = \"X\"\ndate = 2024-06-01\n+++\n[print](javascript:window.print()) [raw](data:text/plain,hi)\n",
    );
    site.build_ok(&[]);
    let page = html(&site.read_output("x/index.html"));
    assert_eq!(
        hrefs(&page, ".post-content a"),
        ["javascript:window.print()", "data:text/plain,hi"]
    );
    // vbscript: is still refused.
    let err = site.fails_keeping_output(&[(
        "posts/x.md",
        "+++\ntitle = \"X\"\ndate = 2024-06-01\n+++\n[old](vbscript:msgbox(1))\n",
    )]);
    assert_reports(
        &err,
        "posts/x.md:5:7: error: `vbscript:msgbox(1)` is a vbscript: URL",
    );
    // A name that is not a refused scheme is a mistake in sitegen.toml.
    site.write(
        "posts/x.md",
        "+++\ntitle = \"X\"\ndate = 2024-06-01\n+++\nText.\n",
    );
    site.write(
        "sitegen.toml",
        "title = \"T\"\nallow_url_schemes = [\"javscript\"]\n",
    );
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "sitegen.toml: error: `allow_url_schemes` lists `javscript`, which is not a scheme sitegen refuses",
    );
    assert!(err.contains("it may list `javascript`"), "{err}");
}

#[test]
fn shortcode_arguments_are_checked_by_what_they_name() {
    let site = TestSite::fixture("exercises");
    site.write(
        "templates/shortcodes/button.html",
        "<a class=\"button\" href=\"{{ url }}\">{{ label }}</a>",
    );
    site.build_ok(&[]);
    let err = site.fails_keeping_output(&[(
        "posts/x.md",
        "+++\ntitle = \"X\"\ndate = 2024-06-01\n+++\n\
         {{ button(url=\" javascript:alert(1)\", label=\"JavaScript: the basics\") }}\n\n\
         {{ button(label=\"x\", url=\"https://example.org/\", more=[\"a\", \"data:text/html,x\"]) }}\n\n\
         {{ video(url=\"javascript:alert(1)//a.mp4\") }}\n",
    )]);
    assert_reports(
        &err,
        "posts/x.md:5:11: error: `javascript:alert(1)` is a javascript: URL",
    );
    // An argument of another name is a URL only when it is nothing but one (reported at the
    // argument's name, as every argument error is).
    assert_reports(
        &err,
        "posts/x.md:7:50: error: `data:text/html,x` is a data: URL",
    );
    // The video's URL is reported once, by the policy.
    assert_reports(
        &err,
        "posts/x.md:9:10: error: `javascript:alert(1)//a.mp4` is a javascript: URL",
    );
    assert!(err.contains("build failed: 3 errors"), "{err}");
}

#[test]
fn front_matter_urls_are_errors_at_their_line() {
    let err = fails_with(
        "image = \"javascript:alert(1)\"\n[extra]\nsubtitle = \"JavaScript: The Good Parts\"\n\
         more_url = \"javascript:alert(2)\"\n[extra.links]\nhome = [\"https://example.org/\", \"vbscript:x\"]\n",
        "Text.",
    );
    assert_reports(
        &err,
        "posts/x.md:4:1: error: `javascript:alert(1)` is a javascript: URL",
    );
    assert_reports(
        &err,
        "posts/x.md:7:13: error: `javascript:alert(2)` is a javascript: URL",
    );
    assert_reports(
        &err,
        "posts/x.md:9:34: error: `vbscript:x` is a vbscript: URL",
    );
    assert!(err.contains("build failed: 3 errors"), "{err}");

    // YAML too.
    let site = TestSite::fixture("exercises");
    site.write(
        "posts/y.md",
        "---\ntitle: Y\ndate: 2024-06-01\nextra:\n  cta_link: 'javascript:void(0)'\n---\nText.\n",
    );
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/y.md:5:14: error: `javascript:void(0)` is a javascript: URL",
    );
}
