//! Shortcodes in posts: code left as written, backslash escapes, site shortcodes with arguments and
//! bodies, and HTML escaping of everything an author types into a card.

use crate::common::{TestSite, hrefs, html, post, texts};

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// Asserts `page` has no `<script>`, no `<img>`, and no event-handler attribute anywhere.
fn assert_no_injection(page: &str, what: &str) {
    let doc = html(page);
    assert!(
        doc.select(&sel(
            // The theme's own scripts: JSON-LD data, the exercise finder's, the video facades'.
            "script:not([type='application/ld+json']):not([src='/exercises/finder.js']), img, iframe"
        ))
        .all(|e| e.value().name() == "script"
            && e.value().attrs().next().is_none()
            && e.inner_html() == include_str!("../../templates/video.js")),
        "{what}: injected element:\n{page}"
    );
    for e in doc
        .root_element()
        .descendants()
        .filter_map(|n| n.value().as_element().map(|e| e.to_owned()))
    {
        for (name, value) in e.attrs() {
            assert!(
                !name.starts_with("on"),
                "{what}: injected attribute {name}={value:?} on <{}>",
                e.name()
            );
        }
    }
}

#[test]
fn shortcodes_in_code_are_shown_verbatim() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let page = site.read_output("mobility/index.html");
    let doc = html(&page);
    assert_eq!(
        texts(&doc, "p code"),
        ["{{ exercise(id=\"glute-bridge\") }}"]
    );
    assert_eq!(
        texts(&doc, "pre code"),
        [
            "{% exercise(id=\"open-book\", sets=2) %}\nNotes for the post.\n{% end %}",
            "{{ video(url=\"javascript:alert(1)\") }}"
        ]
    );
    // Exactly as written in the source (quotes are not curled as in prose), byte for byte, in
    // inline code, a fenced block and an indented block.
    for written in [
        "<code>{{ exercise(id=\"glute-bridge\") }}</code>",
        "<pre><code>{% exercise(id=\"open-book\", sets=2) %}\nNotes for the post.\n{% end %}\n</code></pre>",
        "<pre><code>{{ video(url=\"javascript:alert(1)\") }}\n</code></pre>",
    ] {
        assert!(page.contains(written), "no {written:?} in:\n{page}");
    }
    // None of them became a card or an embed: four cards come from the four real calls.
    assert_eq!(doc.select(&sel(".exercise-card")).count(), 4);
    assert!(
        doc.select(&sel("pre .video, code .exercise-card"))
            .next()
            .is_none()
    );
}

#[test]
fn markup_in_code_stays_text() {
    let body = "`{{ note(a=\"<b>bold</b>\") }}`\n\n```html\n{% note() %}<script>x()</script>{% end %}\n```\n";
    let site = TestSite::with_files(&[("posts/p.md", &post("P", "2024-01-01", "", body))]);
    site.build_ok(&[]);
    let page = site.read_output("p/index.html");
    let doc = html(&page);
    assert_eq!(texts(&doc, "p code"), ["{{ note(a=\"<b>bold</b>\") }}"]);
    assert_eq!(
        texts(&doc, "pre code"),
        ["{% note() %}<script>x()</script>{% end %}"]
    );
    assert!(
        doc.select(&sel("script:not([type='application/ld+json']), code b"))
            .next()
            .is_none()
    );
    // The fenced block is highlighted as HTML: its tags are coloured text, the shortcode's
    // delimiters are left as written.
    let fenced = texts(&doc, "pre.hl code.language-html .hl-tag");
    assert_eq!(fenced, ["script", "script"], "{page}");
    assert!(
        page.contains("{% note() %}&lt;") && page.contains("{% end %}"),
        "{page}"
    );
}

#[test]
fn a_backslash_writes_braces_literally() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let doc = html(&site.read_output("mobility/index.html"));
    let para = texts(&doc, ".post-content p")
        .into_iter()
        .find(|p| p.starts_with("Escaped"))
        .unwrap();
    // The backslash is gone and no card was made; smart punctuation curls the quotes of prose.
    assert!(
        para.starts_with("Escaped with a backslash: {{ exercise(id="),
        "{para}"
    );
    assert!(para.ends_with(") }}"), "{para}");
    assert!(!para.contains('\\'), "{para}");
}

#[test]
fn a_literal_block_opening_needs_no_end() {
    let body = "Write \\{% callout() %} to open a body and \\{% end %} to close it.\n";
    let site = TestSite::with_files(&[("posts/p.md", &post("P", "2024-01-01", "", body))]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        texts(&doc, ".post-content p"),
        ["Write {% callout() %} to open a body and {% end %} to close it."]
    );
}

#[test]
fn a_site_shortcode_gets_its_arguments_and_markdown_body() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let doc = html(&site.read_output("basics/index.html"));
    assert_eq!(doc.select(&sel(".callout.callout-tip")).count(), 1);
    assert_eq!(texts(&doc, ".callout-title"), ["Breathe out"]);
    assert_eq!(texts(&doc, ".callout-steps li"), ["in", "out"]);
    assert_eq!(texts(&doc, ".callout em"), ["fully"]);
    // The nested exercise shortcode is rendered inside the body.
    let inner: Vec<String> = doc
        .select(&sel(".post-content *"))
        .filter(|e| {
            e.value()
                .has_class("exercise-card", scraper::CaseSensitivity::CaseSensitive)
        })
        .filter_map(|e| e.value().attr("aria-label").map(str::to_string))
        .collect();
    assert_eq!(inner, ["Exercise: Glute Bridge", "Exercise: Dead Bug"]);
    let raw = site.read_output("basics/index.html");
    let callout = &raw[raw.find("<div class=\"callout").unwrap()..];
    assert!(callout.find("Exhale").unwrap() < callout.find("/exercises/dead-bug/").unwrap());
}

#[test]
fn site_shortcodes_receive_every_argument_type() {
    let template = "<p class=\"out\">{{ s }}|{{ n + 1 }}|{{ f * 2 }}|{{ yes }}|{{ list | length }}|{{ nested[1][0] }}|{{ args.s }}|{{ page.title }}|{{ body | length }}</p>";
    let body = "{{ show(s='it\\'s \"quoted\"', n=41, f=1.25, yes=true, list=[1, 2, 3], nested=[[1], [\"deep\"]]) }}\n";
    let site = TestSite::with_files(&[
        ("templates/shortcodes/show.html", template),
        ("posts/p.md", &post("Page Title", "2024-01-01", "", body)),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        texts(&doc, ".out"),
        ["it's \"quoted\"|42|2.5|true|3|deep|it's \"quoted\"|Page Title|0"]
    );
}

#[test]
fn site_shortcodes_nest_in_each_others_bodies() {
    let body = "{% box(n=1) %}\nOuter *text*.\n\n{% box(n=2) %}\nInner **text**.\n{% end %}\n{% end %}\n\nAfter.\n";
    let doc = html(&page_with_box(
        "<div class=\"box box-{{ n }}\">{{ body | safe }}</div>",
        body,
    ));
    assert_eq!(texts(&doc, ".box-1 > p em"), ["text"]);
    assert_eq!(texts(&doc, ".box-1 .box-2 strong"), ["text"]);
    assert_eq!(texts(&doc, ".post-content > p"), ["After."]);
}

#[test]
fn a_shortcode_in_running_text_keeps_the_text_around_it() {
    let body = "Before {{ tag(t=\"one\") }} middle {{ tag(t=\"two\") }} after.\n";
    let site = TestSite::with_files(&[
        (
            "templates/shortcodes/tag.html",
            "<span class=\"tag\">{{ t }}</span>",
        ),
        ("posts/p.md", &post("P", "2024-01-01", "", body)),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        texts(&doc, ".post-content p"),
        ["Before one middle two after."]
    );
    assert_eq!(texts(&doc, ".post-content p .tag"), ["one", "two"]);
}

#[test]
fn shortcodes_work_in_exercise_bodies() {
    let x = "+++\nname = \"Bridge\"\njoint = \"hips\"\ngoal = \"strength\"\n+++\nSee {{ video(url=\"https://youtu.be/abc123\", title=\"Demo\") }} and [the post](@/p.md).\n";
    let site = TestSite::with_files(&[
        ("posts/exercises/bridge.md", x),
        (
            "posts/p.md",
            &post("P", "2024-01-01", "", "{{ exercise(id=\"bridge\") }}"),
        ),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("exercises/bridge/index.html"));
    let frames: Vec<&str> = doc
        .select(&sel(".exercise-content .video-facade"))
        .map(|f| f.value().attr("data-title").unwrap())
        .collect();
    assert_eq!(frames, ["Demo"]);
    assert_eq!(hrefs(&doc, ".exercise-content a"), ["/p/"]);
}

#[test]
fn arguments_cannot_inject_markup_into_a_card() {
    let x = "+++\nname = \"Bridge\"\njoint = \"hips\"\ngoal = \"strength\"\n+++\nBody.\n";
    let body = r#"{% exercise(id="bridge", sets="3\" onmouseover=\"alert(1)", reps='<script>alert(2)</script>') %}
Notes.
{% end %}

{{ video(url="https://youtu.be/abc123", title="\"><script>alert(3)</script><img src=x onerror=alert(4)>") }}

{{ callout(kind="x\" onclick=\"alert(5)", title='</p><script>alert(6)</script>', steps=["<img src=x onerror=alert(7)>", "it's"]) }}

{{ video(url="/media/a'b.mp4", title="it's \"ok\"") }}
"#;
    let site = TestSite::with_files(&[
        ("posts/exercises/bridge.md", x),
        (
            "templates/shortcodes/callout.html",
            "<div class=\"callout callout-{{ kind }}\"><p class=\"callout-title\">{{ title }}</p><ul>{% for s in steps %}<li>{{ s }}</li>{% endfor %}</ul></div>",
        ),
        ("posts/p.md", &post("P", "2024-01-01", "", body)),
    ]);
    site.build_ok(&[]);
    let page = site.read_output("p/index.html");
    assert_no_injection(&page, "post");
    let doc = html(&page);
    assert_eq!(
        texts(&doc, ".exercise-card .prescription"),
        ["3\" onmouseover=\"alert(1) sets × <script>alert(2)</script>"]
    );
    let titles: Vec<&str> = doc
        .select(&sel(".video-facade, .video video"))
        .map(|f| {
            let v = f.value();
            v.attr("data-title").or(v.attr("title")).unwrap()
        })
        .collect();
    assert_eq!(
        titles,
        [
            "\"><script>alert(3)</script><img src=x onerror=alert(4)>",
            "it's \"ok\""
        ]
    );
    let callout = doc.select(&sel(".callout")).next().expect("callout");
    assert_eq!(
        callout.value().attr("class"),
        Some("callout callout-x\" onclick=\"alert(5)")
    );
    assert_eq!(
        texts(&doc, ".callout-title"),
        ["</p><script>alert(6)</script>"]
    );
    assert_eq!(
        texts(&doc, ".callout li"),
        ["<img src=x onerror=alert(7)>", "it's"]
    );
    let sources: Vec<&str> = doc
        .select(&sel("video source"))
        .map(|s| s.value().attr("src").unwrap())
        .collect();
    assert_eq!(sources, ["/media/a'b.mp4"]);
}

#[test]
fn front_matter_cannot_inject_markup_into_cards_and_pages() {
    let x = r#"---
name: "<script>alert(1)</script> Bridge \"quoted\" it's"
joint: "\"><img src=x onerror=alert(2)>"
goal: "strength"
video: "https://youtu.be/abc123"
cues: ["<b onclick='alert(3)'>cue</b>", "it's \"fine\""]
equipment: ["</li><script>alert(4)</script>"]
---
Body.
"#;
    let evil_post = |title: &str, date: &str| {
        format!(
            "---\ntitle: '{}'\ndate: {date}\nseries: \"S\"\n---\n{{{{ exercise(id=\"bridge\") }}}}\n",
            title.replace('\'', "''")
        )
    };
    let site = TestSite::with_files(&[
        ("posts/exercises/bridge.md", x),
        (
            "posts/a.md",
            &evil_post("<script>alert(5)</script> \"A\"", "2024-01-01"),
        ),
        (
            "posts/b.md",
            &evil_post("B'\"><img src=x onerror=alert(6)>", "2024-01-02"),
        ),
    ]);
    site.build_ok(&[]);
    let name = "<script>alert(1)</script> Bridge \"quoted\" it's";
    for page in [
        "a/index.html",
        "b/index.html",
        "exercises/bridge/index.html",
        "exercises/index.html",
        "index.html",
        "series/s/index.html",
    ] {
        assert_no_injection(&site.read_output(page), page);
    }
    let a = html(&site.read_output("a/index.html"));
    let card = a.select(&sel(".exercise-card")).next().expect("card");
    assert_eq!(
        card.value().attr("aria-label"),
        Some(format!("Exercise: {name}").as_str())
    );
    assert_eq!(texts(&a, ".exercise-card-title"), [name]);
    assert_eq!(
        texts(&a, ".exercise-card .badge-joint"),
        ["Joint: \"><img src=x onerror=alert(2)>"]
    );
    assert_eq!(
        texts(&a, ".exercise-card .cues li"),
        ["<b onclick='alert(3)'>cue</b>", "it's \"fine\""]
    );
    assert_eq!(
        texts(&a, ".exercise-card .also-in a"),
        ["B'\"><img src=x onerror=alert(6)>"]
    );
    let titles: Vec<&str> = a
        .select(&sel(".exercise-card .video-facade"))
        .map(|f| f.value().attr("data-title").unwrap())
        .collect();
    assert_eq!(titles, [format!("{name} demonstration")]);
    let page = html(&site.read_output("exercises/bridge/index.html"));
    assert_eq!(texts(&page, "h1"), [name]);
    assert_eq!(
        texts(&page, "#exercise-equipment + ul li"),
        ["</li><script>alert(4)</script>"]
    );
    assert_eq!(
        texts(&page, ".used-in a"),
        [
            "<script>alert(5)</script> \"A\"",
            "B'\"><img src=x onerror=alert(6)>"
        ]
    );
}

/// Regression: a body shortcode opened in running text, with blank lines in its body, used to leak
/// its placeholder (`<!–` … `-->`) into the page and drop its output.
#[test]
fn a_body_shortcode_opened_in_running_text_may_hold_paragraphs() {
    let body = "Text before {% box() %}\n\nPara *inside*.\n\nSecond para.\n\n{% end %} text after.\n\nNext paragraph.\n";
    let page = page_with_box("<div class=\"box\">{{ body | safe }}</div>", body);
    let doc = html(&page);
    assert_eq!(texts(&doc, ".box p"), ["Para inside.", "Second para."]);
    assert_eq!(texts(&doc, ".box em"), ["inside"]);
    let content = texts(&doc, ".post-content").concat();
    assert!(content.starts_with("Text before"), "{content}");
    assert!(content.contains("text after."), "{content}");
    assert!(content.ends_with("Next paragraph."), "{content}");
    assert!(
        !page.contains("<!--") && !page.contains("--&gt;") && !page.contains("&lt;!"),
        "placeholder leaked:\n{page}"
    );
    assert!(
        doc.select(&sel(".post-content pre")).next().is_none(),
        "no stray code block:\n{page}"
    );
}

/// Regression: a body shortcode inside a blockquote or a list item used to leave `-->` behind in
/// an indented code block.
#[test]
fn body_shortcodes_inside_blockquotes_and_lists() {
    let body = "> Quoted.\n>\n> {% box() %}\n> quoted body\n> {% end %}\n\n1. Step one\n   {% box() %}\n   in the list\n   {% end %}\n2. Step two\n";
    let page = page_with_box("<div class=\"box\">{{ body | safe }}</div>", body);
    let doc = html(&page);
    assert_eq!(doc.select(&sel("blockquote .box")).count(), 1, "{page}");
    assert!(
        texts(&doc, "blockquote .box")
            .concat()
            .contains("quoted body"),
        "{page}"
    );
    assert_eq!(texts(&doc, "ol > li .box"), ["in the list"]);
    assert_eq!(doc.select(&sel("ol > li")).count(), 2);
    assert!(
        doc.select(&sel(".post-content pre")).next().is_none(),
        "no stray code block:\n{page}"
    );
    assert!(
        !page.contains("--&gt;") && !page.contains("<!--"),
        "placeholder leaked:\n{page}"
    );
}

/// Builds a post with `body` and a site shortcode `box` made of `template`; returns the page.
fn page_with_box(template: &str, body: &str) -> String {
    let site = TestSite::with_files(&[
        ("templates/shortcodes/box.html", template),
        ("posts/p.md", &post("P", "2024-01-01", "", body)),
    ]);
    site.build_ok(&[]);
    site.read_output("p/index.html")
}
