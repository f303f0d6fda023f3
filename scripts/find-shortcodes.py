#!/usr/bin/env python3
"""Report shortcode text left in built HTML pages.

Usage: find-shortcodes.py DIR

Scans every *.html file under DIR with html.parser. Text outside <pre> and <code>
(and outside <script>, <style> and <textarea>), and attribute values, must not contain
anything the shortcode scanner would take for a shortcode: `{{ name(...) }}`,
`{% name(...) %}` or `{% end %}`, with or without whitespace inside the braces, and
malformed ones such as `{{ name }}` (the scanner reports those as errors). The syntax
comes from shortcode-syntax.txt next to this script, the one description of it.
Prints one line per finding as `FILE:LINE: ...` and exits 1 if there is any.
"""

import html.parser
import os
import re
import sys

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shortcode-syntax.txt")
SKIP = {"pre", "code", "script", "style", "textarea"}
LEXICAL_KEYS = ("escape", "inline_open", "inline_close", "block_open", "block_close", "space", "name", "end")


def decode_example(text):
    r"""The text of an [examples] line: \n, \t, \uXXXX and \\ are escapes."""
    return re.sub(r"\\(u[0-9a-fA-F]{4}|[nt\\])",
                  lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1)) or chr(int(m.group(1)[1:], 16)),
                  text)


def load_spec(path=SPEC):
    """Reads shortcode-syntax.txt: returns ({key: regex}, [(line, verdict, text)])."""
    lexical, examples, section = {}, [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
            elif section == "lexical":
                key, sep, value = line.partition(" = ")
                if not sep:
                    raise ValueError(f"{path}:{number}: expected `key = regex`")
                lexical[key.strip()] = value
            elif section == "examples":
                verdict, sep, text = line.partition(" ")
                if not sep or verdict not in ("inline", "block", "end", "text"):
                    raise ValueError(f"{path}:{number}: expected `inline|block|end|text TEXT`")
                examples.append((number, verdict, decode_example(text)))
            else:
                raise ValueError(f"{path}:{number}: line outside [lexical] or [examples]")
    missing = [k for k in LEXICAL_KEYS if k not in lexical]
    if missing:
        raise ValueError(f"{path}: [lexical] lacks {', '.join(missing)}")
    return lexical, examples


class Syntax:
    """The patterns built from [lexical]."""

    def __init__(self, lexical):
        lx = lexical
        # Where the scanner starts a shortcode: an opening not escaped, optional space, a name.
        self.opening = re.compile(
            f"(?<!{lx['escape']})(?:(?P<inline>{lx['inline_open']})|(?P<block>{lx['block_open']}))"
            f"{lx['space']}(?P<name>{lx['name']})")
        self.end = re.compile(lx["end"])
        self.inline_close = re.compile(lx["inline_close"])
        self.block_close = re.compile(lx["block_close"])

    def find(self, text):
        """Every shortcode start in `text`: [(offset, kind, snippet)], kind inline, block or end."""
        out = []
        for m in self.opening.finditer(text):
            if m.group("inline"):
                kind, close = "inline", self.inline_close
            else:
                kind = "end" if self.end.fullmatch(m.group("name")) else "block"
                close = self.block_close
            c = close.search(text, m.end(), m.start() + 500)
            snippet = text[m.start():c.end()] if c else text[m.start():m.start() + 80]
            out.append((m.start(), kind, snippet))
        return out


SYNTAX = Syntax(load_spec()[0])


class Scanner(html.parser.HTMLParser):
    def __init__(self, syntax):
        super().__init__(convert_charrefs=True)
        self.syntax = syntax
        self.skip_depth = {t: 0 for t in SKIP}
        self.chunks = []  # (line, text) of text outside pre/code/script/style/textarea
        self.attr_hits = []

    def skipping(self):
        return any(self.skip_depth.values())

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip_depth[tag] += 1
        line = self.getpos()[0]
        for name, value in attrs:
            for _, kind, snippet in self.syntax.find(value or ""):
                self.attr_hits.append((line, f"{kind} in <{tag} {name}=\"{shorten(value)}\">: {shorten(snippet)}"))

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


def scan_source(source, syntax=SYNTAX):
    """Findings in one HTML document: sorted [(line, description)]."""
    p = Scanner(syntax)
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

    for offset, kind, snippet in syntax.find(text):
        findings.append((line_of(offset), f"{kind}: {shorten(snippet)}"))
    return sorted(set(findings))


def scan(path, syntax=SYNTAX):
    with open(path, encoding="utf-8", errors="replace") as f:
        return scan_source(f.read(), syntax)


def main():
    if len(sys.argv) != 2:
        print("usage: find-shortcodes.py DIR", file=sys.stderr)
        sys.exit(2)
    root = sys.argv[1]
    if not os.path.isdir(root):
        print(f"find-shortcodes: no such folder: {root}", file=sys.stderr)
        sys.exit(2)
    total = pages = bad = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith((".html", ".htm")):
                continue
            pages += 1
            path = os.path.join(dirpath, name)
            findings = scan(path)
            bad += bool(findings)
            for line, what in findings:
                total += 1
                print(f"{path}:{line}: leftover shortcode text: {what}")
    if total:
        print(f"find-shortcodes: {total} leftover shortcode(s) in {bad} of {pages} page(s)")
        sys.exit(1)
    print(f"find-shortcodes: no leftover shortcode text in {pages} page(s)")


if __name__ == "__main__":
    main()
