#!/usr/bin/env python3
"""Report shortcode text left in built HTML pages.

Usage: find-shortcodes.py DIR

Scans every *.html file under DIR with html.parser. Text outside <pre> and <code>
(and outside <script>/<style>), and attribute values, must not contain leftover
shortcode syntax: `{{ name(...) }}` or `{% ...`. Prints one line per finding as
`FILE:LINE: ...` and exits 1 if there is any.
"""

import html.parser
import os
import re
import sys

# `{{ ` ... `(` ... `}}`, not crossing other braces, and a `{%` block tag.
INLINE = re.compile(r"\{\{\s[^{}]{0,500}?\([^{}]{0,500}?\}\}", re.S)
BLOCK = re.compile(r"\{%-?\s")
SKIP = {"pre", "code", "script", "style", "textarea"}


class Scanner(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip_depth = {t: 0 for t in SKIP}
        self.chunks = []  # (line, text) of text outside pre/code/script/style
        self.attr_hits = []

    def skipping(self):
        return any(self.skip_depth.values())

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip_depth[tag] += 1
        line = self.getpos()[0]
        for name, value in attrs:
            if value and (INLINE.search(value) or BLOCK.search(value)):
                self.attr_hits.append((line, f"<{tag} {name}=\"{shorten(value)}\">"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP:
            self.skip_depth[tag] -= 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip_depth[tag] > 0:
            self.skip_depth[tag] -= 1

    def handle_data(self, data):
        if not self.skipping():
            self.chunks.append((self.getpos()[0], data))


def shorten(text, limit=120):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scan(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        source = f.read()
    p = Scanner()
    p.feed(source)
    p.close()
    findings = list(p.attr_hits)
    # Join the text pieces so a shortcode split by inline markup (<em>, <a>, ...) is
    # still found; remember where each piece starts to report a line number.
    text, starts = "", []
    for line, data in p.chunks:
        starts.append((len(text), line))
        text += data

    def line_of(offset):
        found = 1
        for start, line in starts:
            if start > offset:
                break
            found = line
        return found

    for rx in (INLINE, BLOCK):
        for m in rx.finditer(text):
            if rx is INLINE:
                snippet = m.group(0)
            else:
                end = text.find("%}", m.start())
                stop = end + 2 if 0 <= end < m.start() + 200 else m.start() + 80
                snippet = text[m.start():stop]
            findings.append((line_of(m.start()), shorten(snippet)))
    return sorted(set(findings))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: find-shortcodes.py DIR")
    root = sys.argv[1]
    total = pages = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith((".html", ".htm")):
                continue
            pages += 1
            path = os.path.join(dirpath, name)
            for line, what in scan(path):
                total += 1
                print(f"{path}:{line}: leftover shortcode text: {what}")
    if total:
        print(f"find-shortcodes: {total} leftover shortcode(s) in {pages} page(s)")
        sys.exit(1)
    print(f"find-shortcodes: no leftover shortcode text in {pages} page(s)")


if __name__ == "__main__":
    main()
