//! Highlighted code: fenced blocks in a known language become coloured tokens at build time, the
//! page links `highlight.css` (both colour schemes), settings turn it off or choose the colours,
//! and shortcodes inside code stay as written.

use crate::common::session::Editor;
use crate::common::{TestSite, attrs, html, post, texts};

const BODY: &str = "Before.\n\n```rust,ignore\nfn main() { let s = \"{{ exercise(id=\\\"x\\\") }}\"; }\n```\n\n\
                    ```cobol\nMOVE A TO B.\n```\n";

fn site_with(settings: &str) -> TestSite {
    TestSite::with_files(&[
        ("sitegen.toml", settings),
        ("posts/code.md", &post("Code", "2024-01-01", "", BODY)),
        (
            "posts/prose.md",
            &post("Prose", "2024-01-02", "", "No code here.\n"),
        ),
    ])
}

#[test]
fn a_fenced_block_in_a_known_language_is_highlighted_and_its_page_links_the_colours() {
    let site = site_with("title = \"T\"\n");
    site.build_ok(&[]);
    let page = html(&site.read_output("code/index.html"));
    assert_eq!(
        texts(&page, "pre.hl code.language-rust span.hl-keyword")[..2],
        ["fn", "let"]
    );
    assert_eq!(
        texts(&page, "pre.hl code.language-rust").concat(),
        "fn main() { let s = \"{{ exercise(id=\\\"x\\\") }}\"; }",
        "every character of the code is kept, the shortcode inside it not expanded"
    );
    assert!(
        page.select(&scraper::Selector::parse(".exercise-card, .exercise").unwrap())
            .next()
            .is_none()
    );
    assert_eq!(
        texts(&page, "pre:not(.hl) code.language-cobol"),
        ["MOVE A TO B."],
        "a language without a grammar stays plain"
    );
    let sheets = attrs(&page, "link[rel=stylesheet]", "href");
    assert_eq!(sheets, ["/style.css", "/highlight.css"]);
    let prose = html(&site.read_output("prose/index.html"));
    assert_eq!(
        attrs(&prose, "link[rel=stylesheet]", "href"),
        ["/style.css"]
    );
    let css = site.read_output("highlight.css");
    let (light, dark) = css
        .split_once("@media (prefers-color-scheme: dark)")
        .unwrap();
    assert!(light.contains("pre.hl { background: #f6f8fa;"), "{css}");
    assert!(dark.contains("pre.hl { background: #161b22;"), "{css}");
}

#[test]
fn highlight_false_writes_code_plain_and_no_stylesheet() {
    let site = site_with("title = \"T\"\nhighlight = false\n");
    site.build_ok(&[]);
    let page = html(&site.read_output("code/index.html"));
    assert!(texts(&page, "pre.hl").is_empty());
    // As pulldown-cmark writes it: the info string's first word, `rust,ignore`.
    assert_eq!(
        texts(&page, "pre code[class='language-rust,ignore']").len(),
        1
    );
    assert_eq!(attrs(&page, "link[rel=stylesheet]", "href"), ["/style.css"]);
    assert!(!site.path("public/highlight.css").exists());
}

#[test]
fn the_themes_are_chosen_per_colour_scheme_and_a_wrong_name_is_located() {
    let site = site_with(
        "title = \"T\"\nhighlight_theme = \"one-light\"\nhighlight_theme_dark = \"one-dark\"\n",
    );
    site.build_ok(&[]);
    let css = site.read_output("highlight.css");
    let (light, dark) = css
        .split_once("@media (prefers-color-scheme: dark)")
        .unwrap();
    assert!(light.contains("pre.hl { background: #fafafa;"), "{css}");
    assert!(dark.contains("pre.hl { background: #282c34;"), "{css}");

    site.write(
        "sitegen.toml",
        "title = \"T\"\n\nhighlight_theme = \"solarized\"\n",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("sitegen.toml:3:"), "{err}");
    for name in ["github-light", "github-dark", "one-light", "one-dark"] {
        assert!(err.contains(name), "the message lists {name}: {err}");
    }
}

#[test]
fn a_sites_own_highlight_css_replaces_the_generated_one() {
    let site = site_with("title = \"T\"\n");
    site.write("static/highlight.css", ".hl-keyword { color: red; }\n");
    site.build_ok(&[]);
    assert_eq!(
        site.read_output("highlight.css"),
        ".hl-keyword { color: red; }\n"
    );
}

#[test]
fn watch_follows_the_highlight_settings_and_a_new_code_block_like_a_clean_build() {
    let site = site_with("title = \"T\"\n");
    let mut ed = Editor::start(&site);
    for (step, settings) in [
        ("highlight = false", "title = \"T\"\nhighlight = false\n"),
        ("highlight on again", "title = \"T\"\n"),
        (
            "dark theme changed",
            "title = \"T\"\nhighlight_theme_dark = \"one-dark\"\n",
        ),
    ] {
        ed.apply(step, &["sitegen.toml"], |s| {
            s.write("sitegen.toml", settings)
        });
    }
    ed.apply("code added to a post", &["posts/prose.md"], |s| {
        s.write(
            "posts/prose.md",
            &post("Prose", "2024-01-02", "", "```toml\nsearch = true\n```\n"),
        )
    });
    let prose = html(&site.read_output("prose/index.html"));
    assert_eq!(
        attrs(&prose, "link[rel=stylesheet]", "href"),
        ["/style.css", "/highlight.css"]
    );
}
