#!/usr/bin/env python3
"""Tests for scripts/check-publish.py: on tiny hand-written output folders it passes a good one
and catches a relative link in feed content, a sitemap <loc> to a missing page, a page missing
from the sitemap, a BlogPosting with an empty headline, a null in JSON-LD, and more.

Run: python3 scripts/test_check_publish.py   (needs feedparser and extruct:
     pip install -r scripts/requirements-ci.txt; exits non-zero on any failure)
"""

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check-publish.py")

_spec = importlib.util.spec_from_file_location("check_publish", CHECKER)
cp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cp)

BASE = "https://example.org/blog/"


def page(title, url, description="A page.", og_type="website", ld=(), body="", series_feed=False):
    head = [
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f'<meta name="description" content="{description}">',
        f'<link rel="canonical" href="{url}">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:url" content="{url}">',
        '<link rel="alternate" type="application/atom+xml" title="Site" href="/blog/atom.xml">',
    ]
    if series_feed:
        head.append('<link rel="alternate" type="application/atom+xml" href="/blog/series/s/atom.xml">')
    for item in ld:
        text = item if isinstance(item, str) else json.dumps(item)
        head.append(f'<script type="application/ld+json">{text}</script>')
    return "<!DOCTYPE html>\n<html lang=en>\n<head>\n" + "\n".join(head) + f"\n</head>\n<body>\n{body}\n</body>\n</html>\n"


def blog_posting(**override):
    bp = {
        "@type": "BlogPosting",
        "headline": "Part one",
        "datePublished": "2024-01-01",
        "author": {"@type": "Person", "name": "A. Author"},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": "S", "url": BASE + "series/s/"},
        "position": 1,
        "url": BASE + "one/",
    }
    bp.update(override)
    return {k: v for k, v in bp.items() if v is not KeyError}


def breadcrumbs(n=3):
    items = [("Home", BASE), ("S", BASE + "series/s/"), ("Part one", BASE + "one/")][:n]
    if n < 3:
        items[-1] = ("Part one", BASE + "one/")
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(items, 1)
        ],
    }


def graph(*nodes):
    return {"@context": "https://schema.org", "@graph": list(nodes)}


def entry(title, url, content):
    esc = content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return f"""<entry>
<title>{title}</title>
<link rel="alternate" type="text/html" href="{url}"/>
<id>{url}</id>
<published>2024-01-01T00:00:00Z</published>
<updated>2024-01-01T00:00:00Z</updated>
<content type="html">{esc}</content>
</entry>"""


def feed(self_url, alternate, entries):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Site</title>
<link rel="self" type="application/atom+xml" href="{self_url}"/>
<link rel="alternate" type="text/html" href="{alternate}"/>
<id>{alternate}</id>
<updated>2024-01-01T00:00:00Z</updated>
<author><name>A. Author</name></author>
{entries}
</feed>
"""


GOOD_CONTENT = (
    f'<p>See <a href="{BASE}exercises/x/#how">the exercise</a>, <a href="https://other.example/">elsewhere</a>'
    f' and <img src="{BASE}pic.png" alt="" srcset="{BASE}pic.png 1x, {BASE}pic.png 2x">.</p>'
)


def sitemap(urls):
    body = "".join(f"<url><loc>{u}</loc><lastmod>2024-01-01</lastmod></url>\n" for u in urls)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n'


SITEMAP_URLS = [BASE, BASE + "one/", BASE + "series/s/", BASE + "exercises/x/"]


def good_site():
    """rel path -> text of a small site that passes every check."""
    return {
        "index.html": page(
            "Site", BASE, ld=[{"@context": "https://schema.org", "@type": "WebSite", "name": "Site", "url": BASE}]
        ),
        "one/index.html": page(
            "Part one", BASE + "one/", og_type="article", series_feed=True,
            ld=[graph(blog_posting(), breadcrumbs())],
        ),
        "series/s/index.html": page("S", BASE + "series/s/", series_feed=True),
        "exercises/x/index.html": page(
            "X", BASE + "exercises/x/",
            ld=[{
                "@context": "https://schema.org", "@type": "HowTo", "name": "X",
                "step": [{"@type": "HowToStep", "position": 1, "text": "Breathe"},
                         {"@type": "HowToStep", "position": 2, "text": "Brace"}],
            }],
            body='<h2 id="how">How</h2><ul class="cues"><li>Breathe</li><li>Brace</li></ul>',
        ),
        "404.html": page("Not found", BASE + "404.html", description=""),
        "pic.png": "not really a png",
        "atom.xml": feed(BASE + "atom.xml", BASE, entry("Part one", BASE + "one/", GOOD_CONTENT)),
        "series/s/atom.xml": feed(
            BASE + "series/s/atom.xml", BASE + "series/s/", entry("Part one", BASE + "one/", GOOD_CONTENT)
        ),
        "sitemap.xml": sitemap(SITEMAP_URLS),
        "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n",
    }


class CheckPublishTest(unittest.TestCase):
    def run_checker(self, **changes):
        """Write the good site with CHANGES (rel path with '/' written as '__' -> text, or None to
        delete) into a temp folder and return the problem messages."""
        files = good_site()
        for key, text in changes.items():
            rel = key.replace("__", "/").replace("_dot_", ".")
            if text is None:
                files.pop(rel, None)
            else:
                files[rel] = text
        with tempfile.TemporaryDirectory() as tmp:
            for rel, text in files.items():
                path = os.path.join(tmp, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            return [f"{os.path.relpath(file, tmp)}: {msg}" for file, msg in cp.check(tmp, BASE)]

    def assertCaught(self, problems, *needles):
        for needle in needles:
            self.assertTrue(any(needle in p for p in problems), f"no problem mentions {needle!r}: {problems}")

    def test_good_site_passes(self):
        self.assertEqual(self.run_checker(), [])

    def test_relative_link_in_feed_content(self):
        bad = GOOD_CONTENT + '<p><a href="/blog/one/">root-relative</a> <img src="pic.png" alt=""></p>'
        problems = self.run_checker(atom_dot_xml=feed(BASE + "atom.xml", BASE, entry("Part one", BASE + "one/", bad)))
        self.assertCaught(problems, "atom.xml: entry 1 (Part one): content <a href>: relative URL '/blog/one/'",
                          "content <img src>: relative URL 'pic.png'")

    def test_relative_link_in_series_feed_content(self):
        bad = '<p><a href="../one/#x">up</a></p>'
        problems = self.run_checker(series__s__atom_dot_xml=feed(
            BASE + "series/s/atom.xml", BASE + "series/s/", entry("Part one", BASE + "one/", bad)))
        self.assertCaught(problems, "series/s/atom.xml: entry 1 (Part one): content <a href>: relative URL '../one/#x'")

    def test_feed_content_link_outside_base_and_missing_anchor(self):
        bad = '<a href="https://example.org/elsewhere/">x</a> <a href="http://insecure.example/">y</a>' \
              f' <a href="{BASE}exercises/x/#nope">z</a>'
        problems = self.run_checker(atom_dot_xml=feed(BASE + "atom.xml", BASE, entry("Part one", BASE + "one/", bad)))
        self.assertCaught(problems, "on the site's host but outside", "neither under", "no id 'nope'")

    def test_malformed_feed_is_bozo(self):
        text = feed(BASE + "atom.xml", BASE, entry("Part one", BASE + "one/", "<p>x</p>")).replace("</feed>", "")
        self.assertCaught(self.run_checker(atom_dot_xml=text), "atom.xml: feedparser: not a well-formed feed (bozo)")

    def test_feed_without_entries_and_entry_link_to_missing_page(self):
        self.assertCaught(self.run_checker(atom_dot_xml=feed(BASE + "atom.xml", BASE, "")), "atom.xml: feed has no entries")
        problems = self.run_checker(atom_dot_xml=feed(BASE + "atom.xml", BASE, entry("Gone", BASE + "gone/", "<p>x</p>")))
        self.assertCaught(problems, "atom.xml: entry 1 (Gone): link: 'https://example.org/blog/gone/' points to gone/index.html")

    def test_feed_self_link_and_relative_entry_link(self):
        text = feed("atom.xml", BASE, entry("Part one", "one/", "<p>x</p>"))
        problems = self.run_checker(atom_dot_xml=text)
        self.assertCaught(problems, "rel=self link(s) ['atom.xml']", "entry 1 (Part one): link: relative URL 'one/'",
                          "entry 1 (Part one): id: relative URL 'one/'")

    def test_sitemap_loc_to_missing_page(self):
        problems = self.run_checker(sitemap_dot_xml=sitemap(SITEMAP_URLS + [BASE + "missing/"]))
        self.assertCaught(problems, "sitemap.xml: <loc>: 'https://example.org/blog/missing/' points to missing/index.html, "
                                    "which is not in the output")

    def test_page_missing_from_sitemap(self):
        problems = self.run_checker(sitemap_dot_xml=sitemap([u for u in SITEMAP_URLS if not u.endswith("exercises/x/")]))
        self.assertCaught(problems, "sitemap.xml: page exercises/x/index.html (https://example.org/blog/exercises/x/) is not listed")

    def test_sitemap_malformed_relative_and_bad_lastmod(self):
        self.assertCaught(self.run_checker(sitemap_dot_xml="<urlset><url>"), "sitemap.xml: not well-formed XML")
        problems = self.run_checker(sitemap_dot_xml=sitemap(SITEMAP_URLS + ["/blog/x/"]).replace(
            "<lastmod>2024-01-01</lastmod>", "<lastmod>2024-01-01T00:00:00Z</lastmod>", 1))
        self.assertCaught(problems, "<loc>: relative URL '/blog/x/'", "<lastmod> '2024-01-01T00:00:00Z'")

    def test_robots_sitemap_line(self):
        problems = self.run_checker(robots_dot_txt="User-agent: *\nSitemap: https://example.org/sitemap.xml\n")
        self.assertCaught(problems, "robots.txt: no line `Sitemap: https://example.org/blog/sitemap.xml`")

    def test_blog_posting_with_empty_headline(self):
        text = page("Part one", BASE + "one/", og_type="article", series_feed=True,
                    ld=[graph(blog_posting(headline=""), breadcrumbs())])
        problems = self.run_checker(one__index_dot_html=text)
        self.assertCaught(problems, "one/index.html: BlogPosting: headline missing or empty ('')",
                          "one/index.html: JSON-LD 1.@graph[0].headline is empty or null")

    def test_json_ld_with_null(self):
        text = page("Part one", BASE + "one/", og_type="article", series_feed=True,
                    ld=[graph(blog_posting(dateModified=None, image=[]), breadcrumbs())])
        problems = self.run_checker(one__index_dot_html=text)
        self.assertCaught(problems, "one/index.html: JSON-LD 1.@graph[0].dateModified is empty or null",
                          "one/index.html: JSON-LD 1.@graph[0].image is empty or null")
        # A null on a page that is not a post is caught as well.
        text = page("Site", BASE, ld=['{"@context": "https://schema.org", "@type": "WebSite", "name": "Site", '
                                      f'"url": "{BASE}", "description": null}}'])
        self.assertCaught(self.run_checker(index_dot_html=text), "index.html: JSON-LD 1.description is empty or null")

    def test_blog_posting_missing_properties(self):
        text = page("Part one", BASE + "one/", og_type="article", series_feed=True,
                    ld=[graph(blog_posting(datePublished=KeyError, author=KeyError, isPartOf=KeyError, position=KeyError),
                              breadcrumbs(n=1))])
        problems = self.run_checker(one__index_dot_html=text)
        self.assertCaught(problems, "BlogPosting: datePublished missing", "BlogPosting: author missing",
                          "without isPartOf of @type CreativeWorkSeries", "without a position",
                          "BreadcrumbList: fewer than 2 items")
        # A post with no JSON-LD at all.
        text = page("Part one", BASE + "one/", og_type="article")
        self.assertCaught(self.run_checker(one__index_dot_html=text), "has 0 BlogPosting items",
                          "has 0 BreadcrumbList items")

    def test_invalid_json_ld(self):
        text = page("Site", BASE, ld=['{"@context": "https://schema.org", "@type": "WebSite",}}'])
        self.assertCaught(self.run_checker(index_dot_html=text), "index.html: extruct could not read the JSON-LD")

    def test_exercise_without_howto_steps(self):
        text = page("X", BASE + "exercises/x/",
                    ld=[{"@context": "https://schema.org", "@type": "HowTo", "name": "X", "step": []}],
                    body='<h2 id="how">How</h2><ul class="cues"><li>Breathe</li></ul>')
        self.assertCaught(self.run_checker(exercises__x__index_dot_html=text), "exercises/x/index.html: HowTo: no step list")

    def test_share_tags(self):
        text = page("", BASE + "series/s/", description="").replace(
            f'<meta property="og:url" content="{BASE}series/s/">', '<meta property="og:url" content="/blog/series/s/">')
        problems = self.run_checker(series__s__index_dot_html=text)
        self.assertCaught(problems, "series/s/index.html: no non-empty <meta property=og:title>",
                          "series/s/index.html: no non-empty <meta name=description>",
                          "og:url '/blog/series/s/' differs from the canonical link")

    def test_command_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            for rel, text in good_site().items():
                os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
                with open(os.path.join(tmp, rel), "w", encoding="utf-8") as f:
                    f.write(text)
            ok = subprocess.run([sys.executable, CHECKER, tmp, BASE], capture_output=True, text=True)
            self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
            self.assertIn("check-publish: OK", ok.stdout)
            os.remove(os.path.join(tmp, "robots.txt"))
            bad = subprocess.run([sys.executable, CHECKER, tmp, BASE], capture_output=True, text=True)
            self.assertEqual(bad.returncode, 1, bad.stdout + bad.stderr)
            self.assertIn(f"{os.path.join(tmp, 'robots.txt')}: missing\n", bad.stdout)
            self.assertIn("check-publish: FAILED: 1 problem(s) in 1 file(s)", bad.stdout)
            usage = subprocess.run([sys.executable, CHECKER, tmp, "/blog/"], capture_output=True, text=True)
            self.assertEqual(usage.returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
