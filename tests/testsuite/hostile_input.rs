//! No input panics the build: seeded random documents made of the tokens that matter to the
//! front matter splitter, the shortcode scanner and Markdown are built, and every outcome must be
//! a clean success or diagnostics that point inside the file.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::common::{self, TestSite};
use sitegen::{Config, Overrides};

const TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{% end %}",
    "exercise",
    "video",
    "callout",
    "(",
    ")",
    "id=",
    "url=",
    "\"",
    "'",
    "\\",
    ",",
    "=",
    "[",
    "]",
    "](",
    "@/",
    "@/a.md",
    "#",
    "`",
    "```",
    "    ",
    "\n",
    "\n\n",
    "\r\n",
    "+++",
    "---",
    "<!--",
    "-->",
    "<div>",
    "é",
    "日本",
    "\u{feff}",
    "> ",
    "- ",
    "1. ",
    "|",
    "~~",
    "[^1]",
    "title",
    "date",
    "2024-01-01",
    ":",
    " ",
    "x",
    "glute-bridge",
    "true",
    "3",
    "-1.5",
    "https://youtu.be/abc",
    "javascript:",
    "*",
    "_",
    "\t",
    "{",
    "}",
    "%",
    // Whole calls, so bodies, nesting and rendering are reached often.
    "{{ exercise(id=\"glute-bridge\") }}",
    "{% exercise(id=\"glute-bridge\", sets=3) %}",
    "{% callout(a=[1, 'x']) %}",
    "{{ callout() }}",
    "{{ video(url=\"https://youtu.be/abc\") }}",
    "[link](@/b.md)",
    "[x](@/a.md#t)",
    "\n# T\n",
    "\n## Heading\n",
];

/// Tokens that make valid documents, so rounds also get through rendering.
const TAME: &[&str] = &[
    "x",
    " ",
    "\n",
    "\n\n",
    "é",
    "日本",
    "*",
    "_",
    "`code {{ x }}`",
    "\n```\n{% end %}\n```\n",
    "> ",
    "- ",
    "\n## Heading\n",
    "[link](@/b.md)",
    "{{ exercise(id=\"glute-bridge\") }}",
    "{{ callout() }}",
    "\n{% exercise(id=\"glute-bridge\", sets=3, reps='5') %}\n*notes* {{ callout(a=[1, 'x']) }}\n{% end %}\n",
    "{{ video(url=\"https://youtu.be/abc\") }}",
    "<div>",
    "</div>",
    "\\{{ not(a=1) }}",
    "|",
    "[^1]",
    "\r\n",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn text(&mut self, len: usize) -> String {
        (0..len).map(|_| TOKENS[self.next(TOKENS.len())]).collect()
    }

    fn tame(&mut self, len: usize) -> String {
        (0..len).map(|_| TAME[self.next(TAME.len())]).collect()
    }
}

fn front(rng: &mut Rng) -> String {
    match rng.next(4) {
        0 => "+++\ntitle = \"T\"\ndate = 2024-01-01\n+++\n".into(),
        1 => "---\ntitle: T\ndate: 2024-01-01\n---\n".into(),
        2 => format!("+++\n{}\n+++\n", rng.text(6)),
        _ => rng.text(4),
    }
}

#[test]
fn random_documents_never_panic_and_errors_point_inside_their_file() {
    let mut rng = Rng(0x5171_6e9e);
    // SITEGEN_HOSTILE_ROUNDS raises the count for a longer hunt; CI runs the default.
    let rounds = std::env::var("SITEGEN_HOSTILE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(150);
    let (mut built, mut refused) = (0, 0);
    for round in 0..rounds {
        let a = if round % 2 == 0 {
            format!("{}{}", front(&mut rng), rng.text(40))
        } else {
            format!(
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n{}",
                rng.tame(30)
            )
        };
        let b = format!("---\ntitle: B\ndate: 2024-01-02\n---\n{}", rng.tame(30));
        let x = format!("+++\nname = \"Glute Bridge\"\n+++\n{}", rng.tame(10));
        let site = TestSite::with_files(&[
            ("posts/a.md", a.as_str()),
            ("posts/b.md", b.as_str()),
            ("posts/exercises/glute-bridge.md", x.as_str()),
            (
                "templates/shortcodes/callout.html",
                "<aside>{{ body | safe }}</aside>",
            ),
        ]);
        let config = Config::load(site.root(), Overrides::default()).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| sitegen::compile(&config)));
        let result = outcome.unwrap_or_else(|_| {
            panic!(
                "round {round} panicked on:\n--- a.md\n{a:?}\n--- b.md\n{b:?}\n--- exercise\n{x:?}"
            )
        });
        if result.is_ok() {
            built += 1;
        }
        if let Err(failure) = result {
            refused += 1;
            for d in &failure.diagnostics {
                let Some((line, col)) = d.position else {
                    continue;
                };
                // A position must point into a file that exists: never skip one that cannot be read.
                let path = site.root().join(common::diag_path(d));
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    panic!(
                        "round {round}: {} is positioned in {}, which cannot be read: {e}",
                        common::describe(d),
                        path.display()
                    )
                });
                let lines: Vec<&str> = text.split('\n').collect();
                assert!(
                    line >= 1 && line <= lines.len(),
                    "round {round}: {} is past the end of the file",
                    common::describe(d)
                );
                assert!(
                    col >= 1 && col <= lines[line - 1].chars().count() + 1,
                    "round {round}: {} is past the end of its line",
                    common::describe(d)
                );
            }
        }
    }
    // The generator must reach both outcomes, or it is not testing rendering.
    assert!(
        built > rounds / 20 && refused > rounds / 20,
        "built {built}, refused {refused} of {rounds}"
    );
}

#[test]
fn raw_bytes_never_panic() {
    let mut rng = Rng(0xb17e5);
    for round in 0..60 {
        let bytes: Vec<u8> = (0..200).map(|_| rng.next(256) as u8).collect();
        let site = TestSite::empty();
        std::fs::create_dir_all(site.path("posts")).unwrap();
        std::fs::write(site.path("posts/raw.md"), &bytes).unwrap();
        let config = Config::load(site.root(), Overrides::default()).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| sitegen::compile(&config)));
        assert!(outcome.is_ok(), "round {round} panicked on {bytes:?}");
    }
}

/// A post whose body holds `{{ video(x=[[[…` with `depth` `[`.
fn deeply_nested_post(depth: usize) -> String {
    common::post(
        "Deep",
        "2024-01-01",
        "",
        &format!("Intro.\n\n{{{{ video(x={}) }}}}\n", "[".repeat(depth)),
    )
}

#[test]
fn absurdly_nested_arguments_are_an_error_at_their_position_not_a_crash() {
    // 30,000 `[` overflowed the stack (exit 134); sixteen posts with 10,000 each did too.
    let mut files = vec![("posts/deep.md".to_string(), deeply_nested_post(30_000))];
    for i in 0..16 {
        files.push((format!("posts/deep{i:02}.md"), deeply_nested_post(10_000)));
    }
    let nested_bodies = common::post(
        "Bodies",
        "2024-01-01",
        "",
        &"{% callout() %}\n".repeat(30_000),
    );
    files.push(("posts/bodies.md".into(), nested_bodies));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = TestSite::with_files(&refs);
    let err = site.build_err(&[]);
    let depth = sitegen::MAX_NESTING;
    // The `[` past the limit: line 7 (after 4 lines of front matter and the intro), column 10 + depth.
    common::assert_reports(
        &err,
        &format!(
            "posts/deep.md:7:{}: error: arrays nested more than {depth} deep",
            12 + depth
        ),
    );
    for i in 0..16 {
        common::assert_reports(&err, &format!("posts/deep{i:02}.md:7:"));
    }
    common::assert_reports(
        &err,
        &format!(
            "posts/bodies.md:{}:1: error: body shortcodes nested more than {depth} deep",
            5 + depth
        ),
    );
    assert!(err.contains("build failed: 18 errors"), "{err}");
}

#[test]
fn absurd_nesting_saved_in_watch_is_reported_and_watch_keeps_running() {
    let site = crate::common::watch::shipped_copy();
    let mut w = crate::common::watch::Watch::start(&site);
    site.write("posts/deep.md", &deeply_nested_post(30_000));
    let seen = w.expect_line(|l| l.starts_with("posts/deep.md:7:"));
    assert!(seen.contains("arrays nested more than"), "{seen}");
    site.write(
        "posts/deep.md",
        &common::post("Deep", "2024-01-01", "", "Fixed."),
    );
    w.fence();
    let (status, page) = w.get("/deep/");
    assert_eq!(status, 200, "watch rebuilt the fixed post: {page}");
    w.stop();
}
