#!/usr/bin/env python3
"""Tests for scripts/find-shortcodes.py: it finds every form the shortcode scanner accepts
(spaced and unspaced, inline, body open, `{%end%}`, in attributes, split by markup) and
nothing inside <pre>/<code>/<script>/<style>/<textarea>, and it agrees with every example in
scripts/shortcode-syntax.txt.

Run: python3 scripts/test_find_shortcodes.py   (exits non-zero on any failure)
"""

import html
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "find-shortcodes.py")

_spec = importlib.util.spec_from_file_location("find_shortcodes", CHECKER)
fs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fs)

# Every form the scanner takes for a shortcode, as it would be left in a page.
FORMS = {
    "inline, spaced": ('{{ exercise(id="a") }}', "inline"),
    "inline, unspaced": ('{{exercise(id="a")}}', "inline"),
    "inline, space only before the name": ('{{ exercise(id="a")}}', "inline"),
    "inline, across lines": ('{{\nexercise(id="a")\n}}', "inline"),
    "inline, malformed (no arguments)": ("{{ exercise }}", "inline"),
    "inline, after a third brace": ('{{{ exercise(id="a") }}}', "inline"),
    "block open, spaced": ('{% callout(kind="tip") %}', "block"),
    "block open, unspaced": ('{%callout(kind="tip")%}', "block"),
    "end, spaced": ("{% end %}", "end"),
    "end, unspaced": ("{%end%}", "end"),
}

# Braces the scanner leaves alone as text; the checker must too.
NOT_SHORTCODES = [
    '\\{{ exercise(id="a") }}', "\\{%end%}", "{{ }}", "{%%}", "{{ 42 }}", '{ "json": 1 }',
    '{{- exercise(id="a") -}}', "{%- callout() -%}", "{%- end -%}",
]


def page(body):
    return f"<!doctype html>\n<html lang=en>\n<head><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n"


def esc(text):
    return html.escape(text, quote=False)


class SpecFile(unittest.TestCase):
    def test_has_every_lexical_key_and_examples_of_each_verdict(self):
        lexical, examples = fs.load_spec()
        for key in fs.LEXICAL_KEYS:
            self.assertIn(key, lexical)
        self.assertEqual({v for _, v, _ in examples}, {"inline", "block", "end", "text"})

    def test_every_example_gets_its_verdict(self):
        """Each [examples] line, planted in a paragraph, is found (with its kind) or not, as it says."""
        _, examples = fs.load_spec()
        for number, verdict, text in examples:
            with self.subTest(line=number, text=text):
                found = fs.SYNTAX.find(text)
                if verdict == "text":
                    self.assertEqual(found, [], "plain text reported as a shortcode")
                    self.assertEqual(fs.scan_source(page(f"<p>{esc(text)}</p>")), [])
                else:
                    self.assertTrue(found, "shortcode not found")
                    first = found[0]
                    self.assertEqual(first[1], verdict)
                    self.assertTrue(fs.scan_source(page(f"<p>{esc(text)}</p>")), "not found in a page")

    def test_decode_escapes(self):
        self.assertEqual(fs.decode_example(r"a\nb\tc\\d\u00a0e"), "a\nb\tc\\d\u00a0e")


class FindsEveryForm(unittest.TestCase):
    def test_each_form_in_text_on_its_own_line(self):
        lines = [f"<p>{esc(text)}</p>" for text, _ in FORMS.values()]
        body = "\n".join(lines)
        findings = fs.scan_source(page(body))
        first_body_line = 5  # page(): doctype, html, head, body, then the body
        for i, (label, (text, kind)) in enumerate(FORMS.items()):
            with self.subTest(form=label):
                line = first_body_line + sum(l.count("\n") + 1 for l in lines[:i])
                hits = [w for n, w in findings if n == line]
                self.assertTrue(hits, f"{text!r} at line {line} not reported; got {findings}")
                self.assertTrue(hits[0].startswith(kind + ":"), hits)

    def test_each_form_in_an_attribute(self):
        for label, (text, kind) in FORMS.items():
            for attr in (f'title="{html.escape(text)}"', f"data-x='{html.escape(text)}'"):
                with self.subTest(form=label, attr=attr):
                    findings = fs.scan_source(page(f'<a href="/" {attr}>link</a>'))
                    self.assertEqual(len(findings), 1, findings)
                    self.assertEqual(findings[0][0], 5)
                    self.assertTrue(findings[0][1].startswith(f"{kind} in <a "), findings)

    def test_attribute_of_an_element_inside_code_is_still_checked(self):
        findings = fs.scan_source(page('<pre><code><span title="{{x()}}">a</span></code></pre>'))
        self.assertEqual(len(findings), 1, findings)

    def test_entity_encoded_text_is_decoded_first(self):
        findings = fs.scan_source(page("<p>&#123;&#123;exercise(id=&quot;a&quot;)&#125;&#125; and {%&#10;end&#10;%}</p>"))
        self.assertEqual(sorted(w.split(":")[0] for _, w in findings), ["end", "inline"], findings)

    def test_a_shortcode_split_by_inline_markup(self):
        findings = fs.scan_source(page('<p>{{ <em>exercise</em>(id="a") }}</p>\n<p>{%<a href="/">end</a>%}</p>'))
        self.assertEqual([(n, w.split(":")[0]) for n, w in findings], [(5, "inline"), (6, "end")], findings)

    def test_nbsp_counts_as_space(self):
        findings = fs.scan_source(page('<p>{{&nbsp;exercise(id="a")&nbsp;}}</p>'))
        self.assertEqual(len(findings), 1, findings)

    def test_whole_block_reports_open_and_end(self):
        findings = fs.scan_source(page("<div>{%callout()%}<p>Body</p>{%end%}</div>"))
        self.assertEqual(sorted(w.split(":")[0] for _, w in findings), ["block", "end"], findings)


class IgnoresCodeAndText(unittest.TestCase):
    def test_forms_inside_pre_code_script_style_textarea_are_not_reported(self):
        for label, (text, _) in FORMS.items():
            for wrap in ("<pre>{}</pre>", "<code>{}</code>", "<pre><code>{}</code></pre>",
                         "<p>see <code>{}</code> here</p>", "<pre><span>{}</span></pre>",
                         "<pre><code><span class=k>{}</span></code></pre>",
                         "<script>var s = '{}';</script>", "<style>/* {} */</style>",
                         "<textarea>{}</textarea>"):
                with self.subTest(form=label, wrap=wrap):
                    inner = text if wrap.startswith(("<script", "<style")) else esc(text)
                    self.assertEqual(fs.scan_source(page(wrap.format(inner))), [])

    def test_text_after_code_is_checked_again(self):
        findings = fs.scan_source(page("<p><code>{{ a() }}</code> then {{b()}}</p>\n<pre>{%end%}</pre>\n<p>{%end%}</p>"))
        self.assertEqual([(n, w) for n, w in findings], [(5, "inline: {{b()}}"), (7, "end: {%end%}")], findings)

    def test_braces_that_are_not_shortcodes(self):
        for text in NOT_SHORTCODES:
            with self.subTest(text=text):
                self.assertEqual(fs.scan_source(page(f"<p>{esc(text)}</p>")), [])


class CommandLine(unittest.TestCase):
    def run_checker(self, *args):
        return subprocess.run([sys.executable, CHECKER, *args], capture_output=True, text=True, timeout=60)

    def test_reports_file_and_line_and_fails(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "core"))
            with open(os.path.join(d, "index.html"), "w", encoding="utf-8") as f:
                f.write(page("<p>clean <code>{{x()}}</code></p>"))
            bad = os.path.join(d, "core", "index.html")
            with open(bad, "w", encoding="utf-8") as f:
                f.write(page('<p>{{exercise(id="a")}}</p>\n<p>{%end%}</p>'))
            r = self.run_checker(d)
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertIn(f"{bad}:5: leftover shortcode text: inline: {{{{exercise(id=\"a\")}}}}", r.stdout)
            self.assertIn(f"{bad}:6: leftover shortcode text: end: {{%end%}}", r.stdout)
            self.assertIn("2 leftover shortcode(s) in 1 of 2 page(s)", r.stdout)

    def test_clean_site_passes(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "index.html"), "w", encoding="utf-8") as f:
                f.write(page("<p>{ not a shortcode } <pre>{%end%}</pre></p>"))
            r = self.run_checker(d)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn("no leftover shortcode text in 1 page(s)", r.stdout)

    def test_usage_and_missing_folder(self):
        self.assertEqual(self.run_checker().returncode, 2)
        self.assertEqual(self.run_checker("/nonexistent/folder").returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=1)
