//! The GFM spec's extension examples (../shared/commonmark/gfm-spec-0.29.txt, the output of
//! cmark-gfm, GitHub's renderer) through `render`.

use super::{Hooks, Place, render};

struct Plain;
impl Hooks for Plain {
    fn link(&mut self, _: &str, _: usize) -> Option<String> {
        None
    }
    fn shortcode_in(&mut self, _: std::ops::Range<usize>) -> Option<(String, usize)> {
        None
    }
    fn image(&mut self, _: &str, _: &str, _: &str, _: usize) -> Option<(String, String)> {
        None
    }
    fn destination(&mut self, _: &str, _: usize) {}
    fn written_url(&mut self, _: &str, _: Place, _: usize) {}
    fn code_block(&mut self, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// The spec beside the repository, as in CI.
fn spec() -> Option<String> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = manifest
        .ancestors()
        .skip(1)
        .take(2)
        .map(|a| a.join("shared/commonmark/gfm-spec-0.29.txt"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/commonmark/"
        );
    }
    std::fs::read_to_string(found?).ok()
}

/// The examples of one extension: (Markdown, the HTML GitHub makes of it).
fn examples(spec: &str, extension: &str) -> Vec<(String, String)> {
    let fence = format!("{} example {extension}\n", "`".repeat(32));
    let mut out = Vec::new();
    for part in spec.split(&fence).skip(1) {
        let body = part
            .split(&format!("\n{}", "`".repeat(32)))
            .next()
            .unwrap_or("");
        let (md, html) = body.split_once("\n.\n").unwrap_or((body, ""));
        out.push((
            format!("{md}\n").replace('→', "\t"),
            format!("{html}\n").replace('→', "\t"),
        ));
    }
    out
}

/// What sitegen writes differently on purpose: smart punctuation (’ for ', — for ---).
fn normal(html: &str) -> String {
    html.replace('’', "'")
        .replace('—', "---")
        .replace("\n\n", "\n")
}

/// The same HTML written two ways: attributes of an `<input>` in any order, `/>` or `>`,
/// `disabled` or `disabled=""`, a column's alignment as `align` or a `text-align` style, an
/// empty `<tbody>` or none, and whitespace between tags.
fn squash(html: &str) -> String {
    let html = normal(html)
        .replace("/>", ">")
        .replace(" style=\"text-align: ", " align=\"");
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<input ") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let mut attrs: Vec<&str> = rest[i + 7..end].split_whitespace().collect();
        attrs.sort_unstable();
        out.push_str(&format!("<input {}>", attrs.join(" ")));
        rest = rest.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("> <", "><")
        .replace("> ", ">")
        .replace("<tbody></tbody>", "")
}

#[test]
fn every_autolink_example_renders_as_github_does() {
    let Some(spec) = spec() else { return };
    let examples = examples(&spec, "autolink");
    assert_eq!(examples.len(), 11, "the spec has 11 autolink examples");
    for (md, want) in examples {
        let got = render(&md, 0, &[], &mut Plain);
        assert_eq!(normal(&got).trim(), normal(&want).trim(), "for:\n{md}");
    }
}

#[test]
fn tables_strikethrough_and_task_lists_render_as_github_does() {
    let Some(spec) = spec() else { return };
    let mut differ = Vec::new();
    let mut count = 0;
    for ext in ["table", "strikethrough", "disabled"] {
        for (md, want) in examples(&spec, ext) {
            count += 1;
            let got = render(&md, 0, &[], &mut Plain);
            if squash(&got) != squash(&want) {
                differ.push(format!("{ext}:\n{md}--- got\n{got}--- GitHub\n{want}"));
            }
        }
    }
    assert_eq!(
        count, 12,
        "8 table, 2 strikethrough and 2 task list examples"
    );
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn raw_html_is_the_authors_unlike_githubs_tag_filter() {
    // GitHub escapes `<iframe>`, `<script>`, `<style>`… in comments from strangers; a post's
    // raw HTML is its author's, and an `<iframe>` or `<style>` there is meant (the manual,
    // "Writing posts"). The one tagfilter example is the one place sitegen differs on purpose.
    let Some(spec) = spec() else { return };
    let examples = examples(&spec, "tagfilter");
    assert_eq!(examples.len(), 1);
    let (md, want) = &examples[0];
    let got = render(md, 0, &[], &mut Plain);
    assert!(
        want.contains("&lt;title>") && got.contains("<title>"),
        "{got}"
    );
    let filtered = ["title", "style", "xmp", "XMP"]
        .iter()
        .fold(got, |html, tag| {
            html.replace(&format!("<{tag}>"), &format!("&lt;{tag}>"))
        });
    assert_eq!(squash(&filtered), squash(want));
}
