//! Unit tests of highlighting: every language highlights its own sample, unknown languages and
//! hostile input fall back, and every theme colour is readable on its background.

use super::languages::LANGUAGES;
use super::themes::{Theme, stylesheet};
use super::{block, find, has_code};

/// A short sample per language and a token the grammar must mark, with the class it gets.
const SAMPLES: &[(&str, &str, &str)] = &[
    (
        "rust",
        "fn main() { let x = 1; }\n",
        r#"<span class="hl-keyword">fn</span>"#,
    ),
    (
        "toml",
        "title = \"Core\"\n",
        r#"<span class="hl-property">title</span>"#,
    ),
    (
        "yaml",
        "title: Core\n",
        r#"<span class="hl-property">title</span>"#,
    ),
    (
        "bash",
        "echo \"hi\" # say\n",
        r#"<span class="hl-comment"># say</span>"#,
    ),
    (
        "html",
        "<p class=\"a\">x</p>\n",
        r#"<span class="hl-tag">p</span>"#,
    ),
    (
        "css",
        "a { color: red; }\n",
        r#"<span class="hl-property">color</span>"#,
    ),
    (
        "javascript",
        "const a = 'x';\n",
        r#"<span class="hl-keyword">const</span>"#,
    ),
    (
        "json",
        "{\"a\": 1}\n",
        r#"<span class="hl-number">1</span>"#,
    ),
    (
        "python",
        "def f(): return None\n",
        r#"<span class="hl-keyword">def</span>"#,
    ),
    (
        "markdown",
        "# Title\n",
        r#"<span class="hl-text-title">Title</span>"#,
    ),
];

#[test]
fn every_language_marks_its_tokens() {
    assert_eq!(SAMPLES.len(), LANGUAGES.len(), "a sample per language");
    for (lang, code, token) in SAMPLES {
        let html = block(lang, code).unwrap_or_else(|| panic!("{lang} not highlighted"));
        assert!(html.contains(token), "{lang}: {token} missing from {html}");
        assert!(has_code(&html), "{lang}: not recognised as highlighted");
    }
}

#[test]
fn the_text_of_a_block_is_kept_and_escaped() {
    let code = "<a href=\"x\">&amp;</a>\n";
    let html = block("html", code).unwrap();
    let text = strip_tags(&html);
    assert_eq!(text, "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;\n");
    assert!(html.starts_with("<pre class=\"hl\"><code class=\"language-html\">"));
}

#[test]
fn aliases_and_case_find_a_language_and_unknown_ones_do_not() {
    assert_eq!(find("RS").map(|l| l.name), Some("rust"));
    assert_eq!(find("yml").map(|l| l.name), Some("yaml"));
    assert_eq!(find("sh").map(|l| l.name), Some("bash"));
    assert!(find("cobol").is_none());
    assert!(block("cobol", "MOVE A TO B.\n").is_none());
}

#[test]
fn html_injects_its_script_and_style() {
    let html = block("html", "<script>const a = 1;</script>\n").unwrap();
    assert!(
        html.contains(r#"<span class="hl-keyword">const</span>"#),
        "{html}"
    );
}

#[test]
fn broken_and_binary_input_still_gives_all_the_text() {
    for code in ["fn (((( {{{ \"unterminated\n", "\u{0}\u{1}\u{fffd}ÿ\n", ""] {
        let html = block("rust", code).unwrap();
        let text = strip_tags(&html);
        assert_eq!(text.replace("&quot;", "\""), code);
    }
}

#[test]
fn every_theme_colour_reads_at_four_and_a_half_to_one() {
    for theme in Theme::ALL {
        let css = stylesheet(theme, theme);
        let light = css.split("@media").next().unwrap();
        let background = colour_after(light, "background: ");
        for rule in light.lines().filter(|l| l.contains("color: ")) {
            let colour = colour_after(rule, "color: ");
            let ratio = contrast(colour, background);
            assert!(ratio >= 4.5, "{}: {rule} is {ratio:.2}:1", theme.name());
        }
    }
}

#[test]
fn every_capture_has_a_colour_in_every_theme() {
    for theme in Theme::ALL {
        let css = stylesheet(theme, theme);
        for capture in super::CAPTURES {
            let class = format!(".{} {{", super::class_of(capture));
            assert!(
                css.contains(&class),
                "{}: no rule for {capture}",
                theme.name()
            );
        }
    }
}

#[test]
fn the_stylesheet_colours_each_scheme_with_its_theme() {
    let css = stylesheet(Theme::GithubLight, Theme::OneDark);
    let (light, dark) = css
        .split_once("@media (prefers-color-scheme: dark)")
        .unwrap();
    assert!(light.contains("pre.hl { background: #f6f8fa;"));
    assert!(dark.contains("pre.hl { background: #282c34;"));
    assert!(light.contains(".hl-keyword { color: #cf222e; }"));
}

/// The text of a block's HTML (without the line break after `</pre>`).
fn strip_tags(html: &str) -> String {
    let html = html.strip_suffix('\n').unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn colour_after<'a>(text: &'a str, key: &str) -> &'a str {
    let at = text.find(key).unwrap() + key.len();
    &text[at..at + 7]
}

/// WCAG contrast ratio of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}
