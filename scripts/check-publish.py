#!/usr/bin/env python3
"""Check what a built site publishes for machines, with parsers nobody here wrote:

  feeds       atom.xml and every series/*/atom.xml, read with PyPI's feedparser (not bozo, has
              entries; entry links and ids, the feed's self and alternate links and every href/src/
              srcset inside each entry's content absolute and under BASE_URL or on another https
              host; links under BASE_URL point at files, and #fragments at ids, that exist in DIR)
  sitemap     sitemap.xml well-formed (xml.etree.ElementTree); every <loc> absolute under BASE_URL
              and an existing .html file in DIR; every HTML page but 404.html listed once; every
              <lastmod> a YYYY-MM-DD date
  robots      robots.txt has `Sitemap: BASE_URLsitemap.xml`
  JSON-LD     read from every page with PyPI's extruct: posts (og:type article) have a BlogPosting
              (headline, datePublished, author; in a series: isPartOf a CreativeWorkSeries with name
              and url, and a position) and a BreadcrumbList of >= 2 items; exercise pages with cues a
              HowTo with one HowToStep per cue; the home page a WebSite; no null, "" , [] or {} anywhere
  share tags  every page but 404.html: og:title, og:type and meta description non-empty, canonical
              link and og:url equal to the page's own absolute URL, a feed link to the site feed

Usage: check-publish.py DIR BASE_URL     e.g. check-publish.py target/site-blog https://example.org/blog/
BASE_URL must be absolute (scheme and host) and is the --base-url the site was built with.
Prints one line per problem, `FILE: message`, then a summary; exits 1 on any problem, 2 on bad usage.
Needs: pip install -r scripts/requirements-ci.txt (feedparser, extruct).
"""

import datetime
import html.parser
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A schema.org date or date-time (ISO 8601): 2024-04-01, 2024-04-01T10:00:00Z, ...+02:00
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")
URL_ATTRS = {"href", "src", "poster", "cite", "action", "data", "formaction"}


class PageParser(html.parser.HTMLParser):
    """What the checks need from one HTML page: head metadata, ids, cues, and every URL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}  # name or property -> list of content values
        self.links = []  # (rel tokens, type, href)
        self.ids = set()
        self.urls = []  # (tag, attribute, value) for every URL-bearing attribute
        self.cues = 0  # <li> inside <ul class="cues">
        self._cue_depth = 0
        self.ld_scripts = 0

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for k, v in attrs:
            if k in URL_ATTRS and v is not None:
                self.urls.append((tag, k, v))
            elif k in ("srcset", "imagesrcset") and v:
                for candidate in v.split(","):
                    parts = candidate.split()
                    if parts:
                        self.urls.append((tag, k, parts[0]))
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta.setdefault(key.lower(), []).append(a.get("content"))
        elif tag == "link":
            self.links.append((a.get("rel", "").lower().split(), a.get("type", "").lower(), a.get("href")))
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self.ld_scripts += 1
        elif tag == "ul":
            if self._cue_depth:
                self._cue_depth += 1
            elif "cues" in a.get("class", "").split():
                self._cue_depth = 1
        elif tag == "li" and self._cue_depth == 1:
            self.cues += 1

    def handle_endtag(self, tag):
        if tag == "ul" and self._cue_depth:
            self._cue_depth -= 1

    def first_meta(self, key):
        values = self.meta.get(key)
        return values[0] if values else None


def parse_html(text):
    p = PageParser()
    p.feed(text)
    p.close()
    return p


class Checker:
    def __init__(self, site, base_url):
        self.site = site
        self.base = base_url
        self.problems = []  # (file, message)
        self.counts = {"pages": 0, "feeds": 0, "feed entries": 0, "sitemap urls": 0, "JSON-LD blocks": 0}
        self._pages = {}  # rel path -> PageParser (cached)

    # -- helpers ---------------------------------------------------------------------------
    def problem(self, rel, message):
        self.problems.append((os.path.join(self.site, rel) if rel else self.site, message))

    def page(self, rel):
        if rel not in self._pages:
            with open(os.path.join(self.site, rel), encoding="utf-8") as f:
                self._pages[rel] = parse_html(f.read())
        return self._pages[rel]

    def html_pages(self):
        out = []
        for dirpath, dirnames, filenames in os.walk(self.site):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".html"):
                    out.append(os.path.relpath(os.path.join(dirpath, name), self.site).replace(os.sep, "/"))
        return sorted(out)

    def page_url(self, rel):
        """The URL a page in DIR is published at: x/index.html -> BASE/x/, index.html -> BASE."""
        if rel == "index.html":
            return self.base
        if rel.endswith("/index.html"):
            return self.base + urllib.parse.quote(rel[: -len("index.html")])
        return self.base + urllib.parse.quote(rel)

    def under_base(self, url):
        return isinstance(url, str) and url.startswith(self.base)

    def url_problem(self, url):
        """Why URL is not an acceptable absolute URL (None if it is): under BASE_URL, or https
        elsewhere (mailto:/tel: are fine too)."""
        if not isinstance(url, str) or not url.strip():
            return "empty URL"
        if url != url.strip():
            return f"URL with surrounding white space: {url!r}"
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("mailto", "tel"):
            return None
        if not parts.scheme or not parts.netloc:
            return f"relative URL {url!r} (must be absolute, under {self.base})"
        if self.under_base(url):
            return None
        base = urllib.parse.urlsplit(self.base)
        if parts.scheme == base.scheme and parts.netloc == base.netloc:
            return f"URL {url!r} is on the site's host but outside {self.base}"
        if parts.scheme != "https":
            return f"URL {url!r} is neither under {self.base} nor https"
        return None

    def target_file(self, url):
        """The file in DIR a URL under BASE_URL maps to, or (None, why not)."""
        parts = urllib.parse.urlsplit(url)
        base_path = urllib.parse.urlsplit(self.base).path
        rest = urllib.parse.unquote(parts.path[len(base_path) :]) if parts.path.startswith(base_path) else None
        if rest is None:
            return None, f"{url!r} is not under {self.base}"
        if rest.startswith("/") or any(seg == ".." for seg in rest.split("/")):
            return None, f"{url!r} has a path that leaves {self.base}"
        if rest == "" or rest.endswith("/"):
            rel = rest + "index.html"
        else:
            rel = rest
            if os.path.isdir(os.path.join(self.site, rel)):
                return None, f"{url!r} names a folder without the trailing slash"
        if not os.path.isfile(os.path.join(self.site, rel)):
            return None, f"{url!r} points to {rel}, which is not in the output"
        return rel, None

    def check_internal(self, where, url, what):
        """A URL under BASE_URL must name an existing file, and its #fragment an existing id."""
        rel, why = self.target_file(url)
        if rel is None:
            self.problem(where, f"{what}: {why}")
            return None
        frag = urllib.parse.unquote(urllib.parse.urlsplit(url).fragment)
        if frag and rel.endswith(".html") and frag not in self.page(rel).ids:
            self.problem(where, f"{what}: {url!r}: no id {frag!r} in {rel}")
        return rel

    # -- feeds -----------------------------------------------------------------------------
    def check_feeds(self):
        import feedparser

        feeds = []
        if os.path.isfile(os.path.join(self.site, "atom.xml")):
            feeds.append("atom.xml")
        else:
            self.problem("atom.xml", "missing: no site feed")
        series_dir = os.path.join(self.site, "series")
        if os.path.isdir(series_dir):
            for slug in sorted(os.listdir(series_dir)):
                if os.path.isdir(os.path.join(series_dir, slug)):
                    rel = f"series/{slug}/atom.xml"
                    if os.path.isfile(os.path.join(self.site, rel)):
                        feeds.append(rel)
                    else:
                        self.problem(rel, f"missing: series {slug!r} has a page but no feed")
        series_posts = {}  # rel of page -> series page URL
        for rel in feeds:
            self.counts["feeds"] += 1
            entries = self.check_feed(feedparser, rel)
            if rel.startswith("series/"):
                series_url = self.base + rel[: -len("atom.xml")]
                for page_rel in entries:
                    series_posts[page_rel] = series_url
        return series_posts

    def check_feed(self, feedparser, rel):
        # Keep the content as written: by default feedparser resolves relative URLs against the
        # feed's address and sanitizes the HTML, which would hide exactly what is checked here.
        d = feedparser.parse(os.path.join(self.site, rel), resolve_relative_uris=False, sanitize_html=False)
        if d.bozo:
            self.problem(rel, f"feedparser: not a well-formed feed (bozo): {d.get('bozo_exception')}")
        if d.get("version") != "atom10":
            self.problem(rel, f"feedparser: not read as Atom 1.0 (version {d.get('version')!r})")
        feed = d.feed
        if not (feed.get("title") or "").strip():
            self.problem(rel, "feed has no title")
        if not feed.get("updated_parsed"):
            self.problem(rel, "feed has no (parseable) updated time")
        own_url = self.base + rel
        selfs = [l.get("href") for l in feed.get("links", []) if l.get("rel") == "self"]
        alternates = [l.get("href") for l in feed.get("links", []) if l.get("rel") == "alternate"]
        if selfs != [own_url]:
            self.problem(rel, f"feed's rel=self link(s) {selfs!r}, expected [{own_url!r}]")
        if len(alternates) != 1:
            self.problem(rel, f"feed has {len(alternates)} rel=alternate links, expected 1")
        for href in alternates:
            why = self.url_problem(href)
            if why:
                self.problem(rel, f"feed alternate link: {why}")
            elif self.under_base(href):
                self.check_internal(rel, href, "feed alternate link")
        if rel.startswith("series/") and alternates and alternates[0] != self.base + rel[: -len("atom.xml")]:
            self.problem(rel, f"series feed's alternate link {alternates[0]!r} is not the series page")
        why = self.url_problem(feed.get("id"))
        if why:
            self.problem(rel, f"feed id: {why}")
        if not d.entries:
            self.problem(rel, "feed has no entries")
        pages = []
        for i, e in enumerate(d.entries, 1):
            self.counts["feed entries"] += 1
            label = f"entry {i} ({(e.get('title') or '').strip() or 'no title'!s})"
            if not (e.get("title") or "").strip():
                self.problem(rel, f"{label}: no title")
            if not e.get("updated_parsed"):
                self.problem(rel, f"{label}: no (parseable) updated time")
            why = self.url_problem(e.get("id"))
            if why:
                self.problem(rel, f"{label}: id: {why}")
            links = [l.get("href") for l in e.get("links", []) if l.get("rel") == "alternate"]
            if not links:
                self.problem(rel, f"{label}: no link")
            for href in links:
                why = self.url_problem(href)
                if why:
                    self.problem(rel, f"{label}: link: {why}")
                elif not self.under_base(href):
                    self.problem(rel, f"{label}: link {href!r} is not a page of this site")
                else:
                    page_rel = self.check_internal(rel, href, f"{label}: link")
                    if page_rel:
                        pages.append(page_rel)
            contents = [c for c in e.get("content", []) if (c.get("value") or "").strip()]
            if not contents and not (e.get("summary") or "").strip():
                self.problem(rel, f"{label}: neither content nor summary")
            for c in contents:
                if c.get("type") not in ("text/html", "application/xhtml+xml"):
                    continue
                for tag, attr, url in parse_html(c["value"]).urls:
                    what = f"{label}: content <{tag} {attr}>"
                    why = self.url_problem(url)
                    if why:
                        self.problem(rel, f"{what}: {why}")
                    elif self.under_base(url):
                        self.check_internal(rel, url, what)
        return pages

    # -- sitemap and robots ----------------------------------------------------------------
    def check_sitemap(self):
        rel = "sitemap.xml"
        path = os.path.join(self.site, rel)
        if not os.path.isfile(path):
            self.problem(rel, "missing")
            return
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            self.problem(rel, f"not well-formed XML: {e}")
            return
        if root.tag != SITEMAP_NS + "urlset":
            self.problem(rel, f"root element is {root.tag!r}, expected {SITEMAP_NS}urlset")
        listed = {}
        for i, url in enumerate(root.findall(SITEMAP_NS + "url"), 1):
            self.counts["sitemap urls"] += 1
            locs = url.findall(SITEMAP_NS + "loc")
            if len(locs) != 1:
                self.problem(rel, f"<url> {i} has {len(locs)} <loc> elements, expected 1")
                continue
            loc = (locs[0].text or "").strip()
            if loc != (locs[0].text or ""):
                self.problem(rel, f"<loc> {loc!r} has white space around it")
            why = self.url_problem(loc)
            if why:
                self.problem(rel, f"<loc>: {why}")
            elif not self.under_base(loc):
                self.problem(rel, f"<loc> {loc!r} is not under {self.base}")
            else:
                target, why = self.target_file(loc)
                if target is None:
                    self.problem(rel, f"<loc>: {why}")
                elif not target.endswith(".html"):
                    self.problem(rel, f"<loc> {loc!r} is not an HTML page ({target})")
                elif target in listed:
                    self.problem(rel, f"<loc> {loc!r} listed more than once")
                else:
                    listed[target] = loc
            for lm in url.findall(SITEMAP_NS + "lastmod"):
                value = lm.text or ""
                ok = bool(DATE_RE.match(value))
                if ok:
                    try:
                        datetime.date.fromisoformat(value)
                    except ValueError:
                        ok = False
                if not ok:
                    self.problem(rel, f"<lastmod> {value!r} for {loc!r} is not a YYYY-MM-DD date")
        for page in self.html_pages():
            if page != "404.html" and page not in listed:
                self.problem(rel, f"page {page} ({self.page_url(page)}) is not listed")
        if "404.html" in listed:
            self.problem(rel, "404.html is listed")

    def check_robots(self):
        rel = "robots.txt"
        path = os.path.join(self.site, rel)
        if not os.path.isfile(path):
            self.problem(rel, "missing")
            return
        want = self.base + "sitemap.xml"
        with open(path, encoding="utf-8") as f:
            values = [line.split(":", 1)[1].strip() for line in f if line.lower().startswith("sitemap:")]
        if want not in values:
            self.problem(rel, f"no line `Sitemap: {want}` (Sitemap lines: {values!r})")

    # -- pages: share tags and JSON-LD -----------------------------------------------------
    def check_pages(self, series_posts):
        import extruct

        pages = self.html_pages()
        if not pages:
            self.problem("", "no HTML pages")
        for rel in pages:
            self.counts["pages"] += 1
            with open(os.path.join(self.site, rel), encoding="utf-8") as f:
                text = f.read()
            p = self.page(rel)
            url = self.page_url(rel)
            if rel != "404.html":
                self.check_share_tags(rel, p, url)
            try:
                items = extruct.extract(text, base_url=url, syntaxes=["json-ld"], errors="strict").get("json-ld", [])
            except Exception as e:  # noqa: BLE001 - any parser failure is a problem to report
                self.problem(rel, f"extruct could not read the JSON-LD: {type(e).__name__}: {e}")
                continue
            self.counts["JSON-LD blocks"] += len(items)
            if len(items) != p.ld_scripts:
                self.problem(rel, f"{p.ld_scripts} ld+json scripts in the page, extruct read {len(items)}")
            for i, item in enumerate(items, 1):
                for path in empty_values(item, f"JSON-LD {i}"):
                    self.problem(rel, f"{path} is empty or null")
                if item.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
                    self.problem(rel, f"JSON-LD {i}: @context {item.get('@context')!r} is not schema.org")
            nodes = [n for item in items for n in (item.get("@graph") or [item]) if isinstance(n, dict)]
            by_type = {}
            for n in nodes:
                for t in n.get("@type") if isinstance(n.get("@type"), list) else [n.get("@type")]:
                    by_type.setdefault(t, []).append(n)
            if p.first_meta("og:type") == "article":
                self.check_post(rel, p, url, by_type, series_posts.get(rel))
            # Exercise pages are exercises/<id>/index.html; posts show cues too, in exercise cards.
            if re.fullmatch(r"exercises/[^/]+/index\.html", rel) and p.cues:
                self.check_howto(rel, p, url, by_type)
            if rel == "index.html":
                sites = by_type.get("WebSite", [])
                if len(sites) != 1:
                    self.problem(rel, f"home page: {len(sites)} WebSite items, expected 1")
                for s in sites:
                    if not nonempty_str(s.get("name")):
                        self.problem(rel, "WebSite: no name")
                    if s.get("url") != self.base:
                        self.problem(rel, f"WebSite: url {s.get('url')!r}, expected {self.base!r}")

    def check_share_tags(self, rel, p, url):
        for key in ("og:title", "og:type", "description"):
            if not nonempty_str(p.first_meta(key)):
                self.problem(rel, f"no non-empty <meta {'name' if key == 'description' else 'property'}={key}>")
        canonical = [href for rels, _, href in p.links if "canonical" in rels]
        og_url = p.meta.get("og:url", [])
        if len(canonical) != 1:
            self.problem(rel, f"{len(canonical)} canonical links, expected 1")
        if len(og_url) != 1:
            self.problem(rel, f"{len(og_url)} og:url tags, expected 1")
        if canonical and og_url and canonical[0] != og_url[0]:
            self.problem(rel, f"og:url {og_url[0]!r} differs from the canonical link {canonical[0]!r}")
        for what, values in (("canonical link", canonical), ("og:url", og_url)):
            for v in values:
                if v != url:
                    self.problem(rel, f"{what} {v!r} is not the page's absolute URL {url!r}")
        feeds = [urllib.parse.urljoin(url, href or "") for rels, t, href in p.links
                 if "alternate" in rels and t == "application/atom+xml"]
        if self.base + "atom.xml" not in feeds:
            self.problem(rel, f"no <link rel=alternate type=application/atom+xml> to {self.base}atom.xml")

    def check_post(self, rel, p, url, by_type, series_url):
        posts = by_type.get("BlogPosting", [])
        if len(posts) != 1:
            self.problem(rel, f"post page (og:type article) has {len(posts)} BlogPosting items, expected 1")
        for bp in posts:
            if not nonempty_str(bp.get("headline")):
                self.problem(rel, f"BlogPosting: headline missing or empty ({bp.get('headline')!r})")
            published = bp.get("datePublished")
            if not (isinstance(published, str) and DATETIME_RE.match(published)):
                self.problem(rel, f"BlogPosting: datePublished missing or not an ISO 8601 date ({published!r})")
            modified = bp.get("dateModified")
            if modified is not None:
                if not (isinstance(modified, str) and DATETIME_RE.match(modified)):
                    self.problem(rel, f"BlogPosting: dateModified not an ISO 8601 date ({modified!r})")
                elif isinstance(published, str) and modified[:10] < published[:10]:
                    self.problem(rel, f"BlogPosting: dateModified {modified} is before datePublished {published}")
            meta_published = p.first_meta("article:published_time")
            if meta_published and isinstance(published, str) and meta_published[:10] != published[:10]:
                self.problem(rel, f"article:published_time {meta_published!r} differs from datePublished {published!r}")
            authors = bp.get("author")
            authors = authors if isinstance(authors, list) else [authors]
            if not authors or not all(
                nonempty_str(a) or (isinstance(a, dict) and nonempty_str(a.get("name"))) for a in authors
            ):
                self.problem(rel, f"BlogPosting: author missing or without a name ({bp.get('author')!r})")
            for key in ("url", "mainEntityOfPage"):
                v = bp.get(key)
                v = v.get("@id") if isinstance(v, dict) else v
                if v is not None and v != url:
                    self.problem(rel, f"BlogPosting: {key} {v!r} is not the page's URL {url!r}")
            in_series = series_url is not None or any(
                "alternate" in rels and t == "application/atom+xml" and "/series/" in (href or "")
                for rels, t, href in p.links
            )
            part_of = bp.get("isPartOf")
            if in_series or part_of is not None:
                self.check_part_of(rel, bp, part_of, series_url)
        crumbs = by_type.get("BreadcrumbList", [])
        if len(crumbs) != 1:
            self.problem(rel, f"post page has {len(crumbs)} BreadcrumbList items, expected 1")
        for bl in crumbs:
            items = bl.get("itemListElement")
            if not isinstance(items, list) or len(items) < 2:
                self.problem(rel, f"BreadcrumbList: fewer than 2 items ({items!r})")
                continue
            for i, li in enumerate(items, 1):
                if not isinstance(li, dict) or li.get("@type") != "ListItem":
                    self.problem(rel, f"BreadcrumbList item {i} is not a ListItem")
                    continue
                if li.get("position") != i:
                    self.problem(rel, f"BreadcrumbList item {i}: position {li.get('position')!r}, expected {i}")
                if not nonempty_str(li.get("name")):
                    self.problem(rel, f"BreadcrumbList item {i}: no name")
                target = li.get("item")
                target = target.get("@id") if isinstance(target, dict) else target
                why = self.url_problem(target)
                if why:
                    self.problem(rel, f"BreadcrumbList item {i}: item: {why}")
                elif self.under_base(target):
                    self.check_internal(rel, target, f"BreadcrumbList item {i}")
            last = items[-1].get("item") if isinstance(items[-1], dict) else None
            if isinstance(items[-1], dict) and last != url:
                self.problem(rel, f"BreadcrumbList: the last item {last!r} is not this page {url!r}")

    def check_part_of(self, rel, bp, part_of, series_url):
        if not isinstance(part_of, dict) or part_of.get("@type") != "CreativeWorkSeries":
            self.problem(rel, f"BlogPosting: a series post without isPartOf of @type CreativeWorkSeries ({part_of!r})")
        else:
            if not nonempty_str(part_of.get("name")):
                self.problem(rel, "BlogPosting: isPartOf has no name")
            s_url = part_of.get("url")
            why = self.url_problem(s_url)
            if why:
                self.problem(rel, f"BlogPosting: isPartOf url: {why}")
            elif self.under_base(s_url):
                self.check_internal(rel, s_url, "BlogPosting isPartOf url")
            if series_url is not None and s_url != series_url:
                self.problem(rel, f"BlogPosting: isPartOf url {s_url!r}, but the post is in the feed of {series_url!r}")
        position = bp.get("position")
        if isinstance(position, str) and position.isdigit():
            position = int(position)
        if not isinstance(position, int) or isinstance(position, bool) or position < 1:
            self.problem(rel, f"BlogPosting: a series post without a position >= 1 ({bp.get('position')!r})")

    def check_howto(self, rel, p, url, by_type):
        howtos = by_type.get("HowTo", [])
        if len(howtos) != 1:
            self.problem(rel, f"exercise page with {p.cues} cues has {len(howtos)} HowTo items, expected 1")
        for h in howtos:
            if not nonempty_str(h.get("name")):
                self.problem(rel, "HowTo: no name")
            steps = h.get("step")
            if not isinstance(steps, list) or not steps:
                self.problem(rel, f"HowTo: no step list ({steps!r})")
                continue
            if len(steps) != p.cues:
                self.problem(rel, f"HowTo: {len(steps)} steps for {p.cues} cues on the page")
            for i, s in enumerate(steps, 1):
                if not isinstance(s, dict) or s.get("@type") != "HowToStep" or not nonempty_str(s.get("text")):
                    self.problem(rel, f"HowTo step {i} is not a HowToStep with text ({s!r})")
            if h.get("url") is not None and h.get("url") != url:
                self.problem(rel, f"HowTo: url {h.get('url')!r} is not the page's URL {url!r}")

    def run(self):
        series_posts = self.check_feeds()
        self.check_sitemap()
        self.check_robots()
        self.check_pages(series_posts)
        return self.problems


def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


def empty_values(value, path):
    """Paths of every null, empty or blank string, empty list or empty object in a JSON value."""
    if value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, (list, dict)) and not value):
        yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from empty_values(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from empty_values(v, f"{path}[{i}]")


def check(site, base_url):
    """Run every check; return the list of (file, message) problems."""
    return Checker(site, base_url).run()


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    site, base = argv[1], argv[2]
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or not base.endswith("/"):
        print(f"check-publish: BASE_URL must be absolute and end in '/': {base!r}", file=sys.stderr)
        return 2
    if not os.path.isdir(site):
        print(f"check-publish: no such folder: {site}", file=sys.stderr)
        return 2
    checker = Checker(site.rstrip("/") or "/", base)
    problems = checker.run()
    for file, message in problems:
        print(f"{file}: {message}")
    counts = ", ".join(f"{n} {what}" for what, n in checker.counts.items())
    if problems:
        files = len({f for f, _ in problems})
        print(f"check-publish: FAILED: {len(problems)} problem(s) in {files} file(s) ({counts}; base {base})")
        return 1
    print(f"check-publish: OK ({counts}; base {base})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
