#!/usr/bin/env python3
"""Self-test of scripts/check-import-fidelity's comparison (no sitegen needed): a page that dropped
a <sub>, a word, a link or an embed is caught; a faithful page (with the changes sitegen may make:
<i> as <em>, <pre> as <pre><code>, <img> in <picture>, smart quotes, block comments and shortcodes
gone) passes; only the page's body counts; form controls' text is apart, never a loss.

Usage: python3 scripts/test_check_import_fidelity.py
"""

import importlib.machinery
import importlib.util
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
_loader = importlib.machinery.SourceFileLoader("check_import_fidelity", os.path.join(HERE, "check-import-fidelity"))
_spec = importlib.util.spec_from_loader(_loader.name, _loader)
fidelity = importlib.util.module_from_spec(_spec)
_loader.exec_module(fidelity)

SOURCE = """<!-- wp:paragraph -->
<p>Breathe out as the <em>hip hinge</em> ends: CO<sub>2</sub> leaves, <a href="https://old.example/x/">see why</a>.</p>
<!-- /wp:paragraph -->

Classic text, no paragraph tags, don't rush the <i>foam roller</i>.

[caption id="attachment_5" align="alignleft" width="300"]<img src="https://old.example/roller.jpg" alt="Roller"> Slow passes only[/caption]

[gallery ids="5,6" columns="3"]

https://www.youtube.com/watch?v=Ab3dEf6hIj0

<pre>roll(calves)</pre>
<form><label>Name</label><input name="n"><button>Send it</button></form>"""

FAITHFUL = """<html><body><h1>Title</h1><p>Site chrome words</p>
<div class="post-content">
<p>Breathe out as the <em>hip hinge</em> ends: CO<sub>2</sub> leaves, <a href="/x/">see why</a>.</p>
<p>Classic text, no paragraph tags, don’t rush the <em>foam roller</em>.</p>
<figure><picture><source srcset="r.avif"><img src="https://old.example/roller.jpg" alt="Roller"></picture>
<figcaption>Slow passes only</figcaption></figure>
<div class="gallery"><img src="a.jpg" alt=""><img src="b.jpg" alt=""></div>
<div class="video" data-id="Ab3dEf6hIj0"><button>Play</button></div>
<pre><code>roll(calves)</code></pre>
<p>Name</p>
</div>
<footer>more chrome</footer></body></html>"""


def check(page_html):
    """compare() of SOURCE against a page."""
    return fidelity.compare(fidelity.read_source(SOURCE), fidelity.read_page(page_html))


class Fidelity(unittest.TestCase):
    def test_faithful_page_passes(self):
        self.assertEqual(check(FAITHFUL), ([], {}, []))

    def test_dropped_sub_and_word_are_reported(self):
        page = FAITHFUL.replace("CO<sub>2</sub> leaves", "CO2")
        lost, short, embeds = check(page)
        self.assertEqual(short, {"sub": (1, 0)})
        self.assertEqual(lost, ["leaves"])
        self.assertEqual(embeds, [])

    def test_word_split_by_markup_is_lost(self):
        lost, short, _ = check(FAITHFUL.replace("CO<sub>2</sub>", "CO <sub>2</sub>"))
        self.assertEqual(lost, ["CO2"])
        self.assertEqual(short, {})

    def test_lost_link_emphasis_and_embed(self):
        page = FAITHFUL.replace('<a href="/x/">see why</a>', "see why").replace("<em>foam roller</em>", "*foam roller*")
        page = page.replace('data-id="Ab3dEf6hIj0"', "")
        lost, short, embeds = check(page)
        self.assertEqual(lost, [])
        self.assertEqual(short, {"a": (1, 0), "em+i": (2, 1)})
        self.assertEqual(embeds, ["https://www.youtube.com/watch?v=Ab3dEf6hIj0"])

    def test_noscript_link_does_not_stand_in_for_a_lost_link(self):
        page = FAITHFUL.replace('<a href="/x/">see why</a>', "see why").replace(
            "<button>Play</button>", '<noscript><a href="https://www.youtube.com/watch?v=Ab3dEf6hIj0">Watch</a></noscript>')
        page = page.replace('data-id="Ab3dEf6hIj0"', "")
        lost, short, embeds = check(page)
        self.assertEqual((lost, short, embeds), ([], {"a": (1, 0)}, []))

    def test_only_the_body_counts(self):
        page = FAITHFUL.replace('<div class="post-content">', '<div class="post-content"></div><div>')
        lost, short, _ = check(page)
        self.assertIn("Breathe", lost)
        self.assertEqual(short["img"], (1, 0))
        self.assertNotIn("chrome", fidelity.read_page(FAITHFUL).words())

    def test_no_page_loses_everything(self):
        lost, short, embeds = check("")
        self.assertEqual(len(lost), len(fidelity.read_source(SOURCE).words()))
        self.assertEqual(set(short), {"sub", "a", "em+i", "img", "pre"})
        self.assertEqual(len(embeds), 1)

    def test_entities_decoded_once(self):
        src = fidelity.read_source("<p>Use &lt;kbd&gt; for keys</p>")
        self.assertEqual(src.words(), ["Use", "<kbd>", "for", "keys"])
        lost, _, _ = fidelity.compare(src, fidelity.read_page(
            '<div class="post-content"><p>Use &amp;lt;kbd&amp;gt; for keys</p></div>'))
        self.assertEqual(lost, ["<kbd>"])

    def test_source_side_rules(self):
        src = fidelity.read_source(SOURCE)
        words = src.words()
        for gone in ("wp", "caption", "gallery", "youtube", "https://www.youtube.com/watch?v=Ab3dEf6hIj0", "Send"):
            self.assertNotIn(gone, words)
        self.assertIn("Slow", words)
        self.assertEqual((src.controls, fidelity.words("".join(src.control_text))), (2, ["Send", "it"]))
        self.assertEqual(src.counts["code"], 0)
        escaped = fidelity.read_source("Type [[gallery]] to show one; [simple boat]")
        self.assertEqual(escaped.words(), ["Type", "gallery", "to", "show", "one", "simple", "boat"])

    def test_dynamic_blocks_expand(self):
        content = ('<p>Rest<sup data-fn="f1" class="fn"><a href="#f1" id="f1-link">1</a></sup></p>'
                   '<!-- wp:footnotes /--><!-- wp:social-links --><ul class="wp-block-social-links">'
                   '<!-- wp:social-link {"url":"https://m.example/@a","service":"mastodon"} /--></ul>'
                   '<!-- /wp:social-links -->')
        src = fidelity.read_source(content, '[{"content":"Two minutes between sets.","id":"f1"}]')
        self.assertEqual(src.words(), ["Rest1", "Two", "minutes", "between", "sets"])
        # The footnote is a paragraph (sitegen writes Markdown footnotes), the social link an item.
        self.assertEqual((src.counts["li"], src.counts["a"]), (1, 2))

    def test_lost_words_are_shown_where_they_went_missing(self):
        src = fidelity.read_source("<p>in for four, out for four</p><ol><li>Longer for heavy sets</li></ol>")
        page = fidelity.read_page('<div class="post-content"><p>in for four, out for four</p></div>')
        self.assertEqual(fidelity.compare(src, page)[0], ["Longer", "for", "heavy", "sets"])

    def test_words(self):
        self.assertEqual(fidelity.words("“Hip” hinge—slowly… & (don’t) x--y \xa0"),
                         ["Hip", "hinge---slowly", "don't", "x--y"])


if __name__ == "__main__":
    unittest.main()
