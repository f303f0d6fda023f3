//! Unit tests of the scanner, the argument parser and masking.

use super::*;

/// A scanner error as the tests check it: the byte offset its line and column point at.
#[derive(Debug)]
struct ScanError {
    offset: usize,
    message: String,
    hint: Option<String>,
}

/// Scans `text[range]` as the file `t.md`, turning each error's line and column back into a byte
/// offset of `text` (so a wrong line or column shows as a wrong offset).
fn scan(text: &str, range: Range<usize>, code: &[Range<usize>]) -> (Vec<Call>, Vec<ScanError>) {
    let source = SourceFile::new("t.md", text.to_string());
    let mut diagnostics = Diagnostics::default();
    let calls = super::scan(&source, range, code, &mut diagnostics);
    let errors = diagnostics
        .iter()
        .map(|d| {
            let (line, col) = d.position.expect("scanner errors have a position");
            let line_start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let offset = line_start
                + text[line_start..]
                    .char_indices()
                    .nth(col - 1)
                    .map_or(text.len() - line_start, |(i, _)| i);
            assert_eq!(d.path.as_deref(), Some(std::path::Path::new("t.md")));
            ScanError {
                offset,
                message: d.message.clone(),
                hint: d.hint.clone(),
            }
        })
        .collect();
    (calls, errors)
}

/// Scans the whole of `text`, skipping its code, as `Body::prepare` does.
fn scan_all(text: &str) -> (Vec<Call>, Vec<ScanError>) {
    let code = code_ranges(text, 0..text.len());
    scan(text, 0..text.len(), &code)
}

/// Scans `text` expecting no errors.
fn calls(text: &str) -> Vec<Call> {
    let (calls, errors) = scan_all(text);
    assert!(
        errors.is_empty(),
        "unexpected errors in {text:?}: {errors:?}"
    );
    calls
}

/// Scans `text` expecting exactly one error; returns it.
fn one_error(text: &str) -> ScanError {
    let (_, errors) = scan_all(text);
    assert_eq!(
        errors.len(),
        1,
        "expected one error in {text:?}: {errors:?}"
    );
    errors.into_iter().next().unwrap()
}

fn arg<'a>(call: &'a Call, name: &str) -> &'a Arg {
    &call
        .args
        .get(name)
        .unwrap_or_else(|| panic!("no argument `{name}` in {call:?}"))
        .0
}

fn s(v: &str) -> Arg {
    Arg::Str(v.to_string())
}

#[test]
fn inline_call_with_its_span_and_argument_offsets() {
    let text = "Before {{ exercise(id=\"glute-bridge\") }} after";
    let cs = calls(text);
    assert_eq!(cs.len(), 1);
    let c = &cs[0];
    assert_eq!(c.name, "exercise");
    assert_eq!(&text[c.span.clone()], "{{ exercise(id=\"glute-bridge\") }}");
    assert_eq!(c.body, None);
    assert!(c.children.is_empty());
    assert_eq!(c.args["id"], (s("glute-bridge"), text.find("id=").unwrap()));
}

#[test]
fn body_call_records_body_and_whole_span() {
    let text = "{% exercise(id=\"a\", sets=3) %}**notes**{% end %} tail";
    let c = &calls(text)[0];
    assert_eq!(&text[c.body.clone().unwrap()], "**notes**");
    assert_eq!(
        &text[c.span.clone()],
        "{% exercise(id=\"a\", sets=3) %}**notes**{% end %}"
    );
}

#[test]
fn whitespace_inside_tags_is_optional_and_free() {
    let text = "{{exercise(id='a')}} {%  callout ( kind = 'tip' , )  %}x{%end%} {%\n end\n%}";
    let (cs, errors) = scan_all(text);
    assert_eq!(cs.len(), 2);
    assert_eq!(cs[0].args["id"].0, s("a"));
    assert_eq!(cs[1].name, "callout");
    assert_eq!(cs[1].args["kind"].0, s("tip"));
    assert_eq!(&text[cs[1].body.clone().unwrap()], "x");
    // The last `{% end %}` (written over three lines) has nothing to close.
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].offset, text.rfind("{%").unwrap());
}

#[test]
fn multi_line_body_keeps_every_line() {
    let text =
        "{% callout(kind=\"tip\") %}\nFirst line.\n\n- a list\n- of items\n\n> quoted\n{% end %}\n";
    let c = &calls(text)[0];
    assert_eq!(
        &text[c.body.clone().unwrap()],
        "\nFirst line.\n\n- a list\n- of items\n\n> quoted\n"
    );
    assert!(text[c.span.clone()].ends_with("{% end %}"));
}

#[test]
fn arguments_may_span_lines() {
    let text = "{{ exercise(\n    id=\"a\",\n    sets=3,\n) }}";
    let c = &calls(text)[0];
    assert_eq!(c.args["sets"].0, Arg::Int(3));
    assert_eq!(c.args["sets"].1, text.find("sets").unwrap());
}

#[test]
fn site_shortcodes_nested_in_a_body_are_children() {
    let text = "{% callout(kind=\"tip\") %}\nTry {{ exercise(id=\"a\") }} and\n{% note() %}inner {{ video(url=\"/v.mp4\") }}{% end %}\n{% end %}";
    let cs = calls(text);
    assert_eq!(cs.len(), 1, "nested calls are not top-level: {cs:?}");
    let outer = &cs[0];
    assert_eq!(outer.name, "callout");
    let names: Vec<&str> = outer.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["exercise", "note"]);
    let note = &outer.children[1];
    assert_eq!(
        &text[note.body.clone().unwrap()],
        "inner {{ video(url=\"/v.mp4\") }}"
    );
    assert_eq!(note.children.len(), 1);
    assert_eq!(note.children[0].name, "video");
    assert_eq!(note.children[0].span.start, text.find("{{ video").unwrap());
    // The outer body runs to the last `{% end %}`, not the inner one.
    assert_eq!(outer.span.end, text.len());
}

#[test]
fn fenced_code_blocks_are_left_alone() {
    for fence in ["```", "~~~", "```markdown"] {
        let close = &fence[..3];
        let text = format!(
            "Intro\n\n{fence}\n{{{{ exercise(id=\"a\") }}}}\n{{% end %}}\n{{% broken\n{close}\n\n{{{{ video(url=\"/v.mp4\") }}}}\n"
        );
        let cs = calls(&text);
        let names: Vec<&str> = cs.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["video"], "fence {fence}");
    }
}

#[test]
fn indented_code_blocks_are_left_alone() {
    let text = "Write it like this:\n\n    {{ exercise(id=\"a\") }}\n    {% end %}\n\nDone.\n";
    assert!(calls(text).is_empty());
}

#[test]
fn inline_code_is_left_alone() {
    let text = "Write `{{ exercise(id=\"a\") }}` or ``{% exercise(id=\"a\") %}…{% end %}``, then {{ video(url=\"/v.mp4\") }}.";
    let cs = calls(text);
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].name, "video");
}

#[test]
fn code_inside_a_body_is_left_alone() {
    let text =
        "{% callout() %}\nUse `{% end %}` to close, as in:\n\n```\n{% end %}\n```\n{% end %}";
    let c = &calls(text)[0];
    assert!(c.children.is_empty());
    assert_eq!(
        c.span.end,
        text.len(),
        "the body closes at the last, real `{{% end %}}`"
    );
}

#[test]
fn backslash_escapes_an_opening() {
    let text = "Literal \\{{ exercise(id=\"a\") }} and \\{% callout() %} and \\{% end %}.";
    assert!(calls(text).is_empty());
}

#[test]
fn braces_that_are_not_shortcodes_are_plain_text() {
    for text in [
        "{ \"json\": 1 }",
        "{{ }}",
        "{%%}",
        "a {{",
        "{{ 42 }}",
        "end with {",
        "{ {x() }",
    ] {
        assert!(calls(text).is_empty(), "{text:?}");
    }
}

#[test]
fn quotes_inside_strings() {
    let text = r#"{{ x(a="it's", b='say "hi"', c="a \"quoted\" word", d='it\'s', e="back\\slash", f="tab\tnew\nline", g="}} and %}") }}"#;
    let c = &calls(text)[0];
    assert_eq!(arg(c, "a"), &s("it's"));
    assert_eq!(arg(c, "b"), &s("say \"hi\""));
    assert_eq!(arg(c, "c"), &s("a \"quoted\" word"));
    assert_eq!(arg(c, "d"), &s("it's"));
    assert_eq!(arg(c, "e"), &s("back\\slash"));
    assert_eq!(arg(c, "f"), &s("tab\tnew\nline"));
    assert_eq!(arg(c, "g"), &s("}} and %}"));
    assert_eq!(c.span.end, text.len());
}

#[test]
fn strings_keep_unicode() {
    let text = "{{ x(a=\"Hüftbeuger – 90/90 ✓\") }} ü";
    let c = &calls(text)[0];
    assert_eq!(arg(c, "a"), &s("Hüftbeuger – 90/90 ✓"));
    assert_eq!(&text[c.span.clone()], "{{ x(a=\"Hüftbeuger – 90/90 ✓\") }}");
}

#[test]
fn every_argument_type() {
    let text = "{{ x(s=\"str\", i=3, n=-12, p=+4, f=1.5, g=-0.25, e=2e3, t=true, no=false, empty=[], list=[1, \"two\", 3.0, false], nested=[[1, 2], ['a'], []], trailing=[1, 2,]) }}";
    let c = &calls(text)[0];
    assert_eq!(arg(c, "s"), &s("str"));
    assert_eq!(arg(c, "i"), &Arg::Int(3));
    assert_eq!(arg(c, "n"), &Arg::Int(-12));
    assert_eq!(arg(c, "p"), &Arg::Int(4));
    assert_eq!(arg(c, "f"), &Arg::Float(1.5));
    assert_eq!(arg(c, "g"), &Arg::Float(-0.25));
    assert_eq!(arg(c, "e"), &Arg::Float(2000.0));
    assert_eq!(arg(c, "t"), &Arg::Bool(true));
    assert_eq!(arg(c, "no"), &Arg::Bool(false));
    assert_eq!(arg(c, "empty"), &Arg::Array(vec![]));
    assert_eq!(
        arg(c, "list"),
        &Arg::Array(vec![
            Arg::Int(1),
            s("two"),
            Arg::Float(3.0),
            Arg::Bool(false)
        ])
    );
    assert_eq!(
        arg(c, "nested"),
        &Arg::Array(vec![
            Arg::Array(vec![Arg::Int(1), Arg::Int(2)]),
            Arg::Array(vec![s("a")]),
            Arg::Array(vec![])
        ])
    );
    assert_eq!(
        arg(c, "trailing"),
        &Arg::Array(vec![Arg::Int(1), Arg::Int(2)])
    );
    assert_eq!(c.args.len(), 13);
}

#[test]
fn type_names_for_messages() {
    assert_eq!(s("a").type_name(), "string");
    assert_eq!(Arg::Int(1).type_name(), "integer");
    assert_eq!(Arg::Float(1.0).type_name(), "float");
    assert_eq!(Arg::Bool(true).type_name(), "boolean");
    assert_eq!(Arg::Array(vec![]).type_name(), "array");
}

#[test]
fn no_arguments_and_trailing_comma() {
    let cs = calls("{{ divider() }} {{ x(a=1,) }}");
    assert!(cs[0].args.is_empty());
    assert_eq!(cs[1].args["a"].0, Arg::Int(1));
}

#[test]
fn offsets_are_offsets_of_the_whole_text() {
    // A body that starts after front matter: offsets stay offsets of the file.
    let text = "+++\ntitle = \"{{ not scanned }}\"\n+++\nText {{ x(a=1) }} and {% y() %}b{% end %}";
    let start = text.find("Text").unwrap();
    let code = code_ranges(text, start..text.len());
    let (cs, errors) = scan(text, start..text.len(), &code);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(cs[0].span.start, text.find("{{ x").unwrap());
    assert_eq!(cs[0].args["a"].1, text.find("a=1").unwrap());
    assert_eq!(&text[cs[1].body.clone().unwrap()], "b");
}

#[test]
fn code_ranges_are_offsets_of_the_whole_text() {
    let text = "front\nBody `code` and\n\n```\nblock\n```\n";
    let start = text.find("Body").unwrap();
    let ranges = code_ranges(text, start..text.len());
    let got: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(got, ["`code`", "```\nblock\n```"]);
}

#[test]
fn scanning_stops_at_the_end_of_the_range() {
    let text = "{{ x() }} {{ y() }}";
    let (cs, errors) = scan(text, 0..10, &[]);
    assert!(errors.is_empty());
    assert_eq!(cs.len(), 1);
}

#[test]
fn unclosed_body_shortcode_is_an_error_at_its_opening() {
    let text = "Intro\n\n{% exercise(id=\"a\") %}\nnotes without an end\n";
    let e = one_error(text);
    assert_eq!(e.offset, text.find("{%").unwrap());
    assert!(e.message.contains("never closed"), "{}", e.message);
    assert!(e.message.contains("exercise"), "{}", e.message);
    assert!(e.hint.unwrap().contains("{% end %}"));
}

#[test]
fn unclosed_outer_shortcode_around_a_closed_inner_one() {
    let text = "{% a() %} {% b() %}x{% end %}";
    let e = one_error(text);
    assert_eq!(e.offset, 0);
    assert!(e.message.contains("`{% a(…) %}`"), "{}", e.message);
}

#[test]
fn stray_end_is_an_error_at_the_end_tag() {
    let text = "Some text.\n\nMore {% end %} text.\n";
    let e = one_error(text);
    assert_eq!(e.offset, text.find("{% end").unwrap());
    assert!(e.message.contains("without an opening"), "{}", e.message);
}

#[test]
fn a_second_end_after_a_closed_body_is_stray() {
    let text = "{% a() %}x{% end %}\n{% end %}";
    let (cs, errors) = scan_all(text);
    assert_eq!(cs.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].offset, text.rfind("{% end").unwrap());
}

#[test]
fn end_tag_must_be_closed() {
    let text = "{% a() %}x{% end }}";
    let (_, errors) = scan_all(text);
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("expected `%}`") && e.offset == text.find("}}").unwrap()),
        "{errors:?}"
    );
}

#[test]
fn missing_parenthesis_is_an_error_where_it_was_expected() {
    let text = "Try {{ exercise id=\"a\" }}.";
    let e = one_error(text);
    assert_eq!(e.offset, text.find("id=").unwrap());
    assert!(
        e.message.contains("expected `(` after the name"),
        "{}",
        e.message
    );
    assert!(
        e.hint.unwrap().contains("\\{{"),
        "the hint says how to write braces literally"
    );
    let text = "{{ exercise }}";
    assert_eq!(one_error(text).offset, text.find("}}").unwrap());
}

#[test]
fn malformed_arguments() {
    // (text, where the error is, what it says)
    let cases = [
        ("{{ x(id) }}", ") }}", "expected `=` after `id`"),
        ("{{ x(id=) }}", ") }}", "expected a value"),
        ("{{ x(=1) }}", "=1", "expected an argument name"),
        ("{{ x(a=1 b=2) }}", "b=2", "expected `,` or `)`"),
        ("{{ x(a=glute) }}", "glute", "`glute` is not a valid value"),
        ("{{ x(a=[1 2]) }}", "2]", "expected `,` or `]` in array"),
        ("{{ x(a=1, a=2) }}", "a=2", "given twice"),
        ("{{ x(a=1) %}", "%}", "expected `}}`"),
        ("{% x(a=1) }}x{% end %}", "}}", "expected `%}`"),
        ("{{ x(a=\"\\q\") }}", "\\q", "unknown escape `\\q`"),
        ("{{ x(a=1.2.3) }}", "1.2.3", "not a valid value"),
    ];
    for (text, at, message) in cases {
        let (_, errors) = scan_all(text);
        let e = errors
            .first()
            .unwrap_or_else(|| panic!("no error for {text:?}"));
        assert_eq!(
            e.offset,
            text.find(at).unwrap(),
            "offset for {text:?}: {e:?}"
        );
        assert!(e.message.contains(message), "{text:?}: {}", e.message);
    }
}

#[test]
fn unterminated_strings_are_errors_at_the_opening_quote() {
    for text in [
        "{{ x(a=\"open) }}",
        "{{ x(a='open) }}\n\nlater text",
        "{{ x(a=\"ends with backslash\\",
        "{{ x(b=1, a=\"two\nlines) }}",
    ] {
        let e = one_error(text);
        let quote = text.find(['"', '\'']).unwrap();
        assert_eq!(e.offset, quote, "{text:?}");
        assert!(e.message.contains("never closed"), "{}", e.message);
    }
}

#[test]
fn an_unterminated_string_does_not_swallow_later_paragraphs() {
    let text = "{{ x(a=\"open) }}\n\n{{ y() }}";
    let (cs, errors) = scan_all(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].name, "y");
}

#[test]
fn every_error_is_reported_and_scanning_goes_on() {
    let text = "{{ a(x) }}\n{{ ok() }}\n{% end %}\n{{ b(y=) }}\n{% c() %}never closed";
    let (cs, errors) = scan_all(text);
    let offsets: Vec<usize> = errors.iter().map(|e| e.offset).collect();
    assert_eq!(
        offsets,
        [
            text.find(") }}").unwrap(),
            text.find("{% end").unwrap(),
            text.find("y=)").unwrap() + 2,
            text.find("{% c").unwrap()
        ]
    );
    assert_eq!(
        cs.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["ok"]
    );
}

#[test]
fn mask_keeps_offsets_and_makes_one_line_placeholders() {
    let text = "a {{ x(a=1) }} b\n{% y() %}\nline\n\nline{% end %}\nc";
    let cs = calls(text);
    let mut masked = text.to_string();
    mask(&mut masked, 0, &cs);
    assert_eq!(masked.len(), text.len());
    for c in &cs {
        let m = &masked[c.span.clone()];
        assert!(m.starts_with("<!--") && m.ends_with("-->"), "{m:?}");
        assert!(!m.contains(['{', '}', '%', '\n']), "{m:?}");
    }
    // Text outside the calls, line breaks included, is untouched.
    assert_eq!(&masked[..2], "a ");
    assert_eq!(&masked[cs[0].span.end..cs[1].span.start], " b\n");
    assert_eq!(&masked[cs[1].span.end..], "\nc");
}

#[test]
fn mask_with_a_base_offset_and_the_shortest_call() {
    let text = "xx{{a()}}yy";
    let cs = calls(text);
    let mut masked = text[2..].to_string();
    mask(&mut masked, 2, &cs);
    assert_eq!(masked, "<!---->yy");
}

/// Decodes an example of `scripts/shortcode-syntax.txt` (`\n`, `\t`, `\\`, `\uXXXX`).
fn decode_example(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("unknown escape \\{other:?} in {text:?}"),
        }
    }
    out
}

#[test]
fn the_scanner_agrees_with_the_shared_syntax_description() {
    // The same file drives the CI checker for leftover shortcode text (scripts/find-shortcodes.py):
    // a form the scanner takes and the checker misses, or the other way round, fails here or there.
    let spec = include_str!("../../scripts/shortcode-syntax.txt");
    let examples = spec
        .split("\n[examples]\n")
        .nth(1)
        .expect("an [examples] section");
    let mut checked = 0;
    for line in examples.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (verdict, text) = line.split_once(' ').expect("`verdict text`");
        let text = decode_example(text);
        let (calls, errors) = scan_all(&text);
        let seen = !calls.is_empty() || !errors.is_empty();
        match verdict {
            "text" => assert!(
                !seen,
                "{text:?} is plain text, but the scanner saw {calls:?} {errors:?}"
            ),
            "inline" | "block" | "end" => {
                assert!(
                    seen,
                    "{text:?} is a shortcode ({verdict}), but the scanner saw nothing"
                )
            }
            other => panic!("unknown verdict {other:?}"),
        }
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} examples");
}
