#!/usr/bin/env python3
"""Save-to-written latency of `sitegen watch` for one post's body edit.

    watch_latency.py N EDITS [--site DIR] [--keep] [--pause 0.15] [--timeout 5] [--bin PATH]
                     [--photos K [--photo-size 2000x1500]] [--no-search]

Generates a site of N posts (benches/gen_site.py, fixed seed) in a temp folder, starts
`sitegen watch --root SITE --no-serve`, waits for its "watching" line, then EDITS
times appends a unique token to one post's body (rotating through the posts) and measures the time
from the write (file closed) until SITE/public/<slug>/index.html contains the token (polled with
1 ms sleeps, at most 5 s: --timeout).  It pauses ~150 ms between edits.  It also collects the time sitegen
prints for each rebuild ("... in N ms"), so the debounce and notify's share is visible.

Prints one line per edit: its latency (or that it timed out) and the pages rendered by each rebuild
sitegen reported between that edit and the next ("N pages rendered"), then a summary. Exits 1 if
any edit timed out, naming them.

With --photos K, the site is also full of photos: K photo-like JPEGs (ImageMagick's `convert`, plasma
fractal with a fixed seed per photo, 2000x1500 = 3 MP at quality 90 unless --photo-size) in static/photos/,
each shown by one post (`![Photo i](/photos/photo-i.jpg)` added to posts 0..K-1 in turn, the edited ones
among them). The initial build encodes them all (into the cache); the summary counts the photos each
rebuild encoded, which must be 0 for body edits.

The binary is --bin, else $SITEGEN_BIN, else $CARGO_TARGET_DIR/release/sitegen, else
target/release/sitegen (scripts/release-binary prints where cargo put it).
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_site  # noqa: E402


def pct(xs, p):
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def default_bin():
    if os.environ.get("SITEGEN_BIN"):
        return os.environ["SITEGEN_BIN"]
    target = os.path.join(REPO, os.environ.get("CARGO_TARGET_DIR") or "target")
    return os.path.join(target, "release", "sitegen")


# watch's line after each rebuild: "posts/x.md: 1 page rendered, 1 file written, 0 removed in 4 ms".
REBUILD = re.compile(
    r"(\d+) pages? rendered, (\d+) files? written, \d+ removed(?:, (\d+) images? encoded)? in (\d+) ms$")


def add_photos(site, posts, k, size):
    """K photos in static/photos/, photo i shown by post i % len(posts)."""
    folder = os.path.join(site, "static", "photos")
    os.makedirs(folder, exist_ok=True)
    for i in range(k):
        name = f"photo-{i}.jpg"
        subprocess.run(["convert", "-seed", str(1000 + i), "-size", size, "plasma:fractal",
                        "-quality", "90", os.path.join(folder, name)], check=True)
        with open(os.path.join(site, "posts", posts[i % len(posts)] + ".md"), "a", encoding="utf-8") as f:
            f.write(f"\n\n![Photo {i}](/photos/{name})\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("edits", type=int)
    ap.add_argument("--site", help="generate into this folder instead of a temp one")
    ap.add_argument("--keep", action="store_true", help="keep the generated site")
    ap.add_argument("--pause", type=float, default=0.15)
    ap.add_argument("--timeout", type=float, default=5.0, help="give up on one edit after this many seconds")
    ap.add_argument("--bin", default=default_bin(), help="the sitegen binary (default: %(default)s)")
    ap.add_argument("--photos", type=int, default=0, help="add this many photos, one per post")
    ap.add_argument("--no-search", action="store_true",
                    help="search = false: no search index refreshed in the background after each save")
    ap.add_argument("--photo-size", default="2000x1500", help="size of each photo (default: %(default)s)")
    ap.add_argument("--shard-pages", type=int, help="search_shard_pages for the site (default: sitegen's)")
    ap.add_argument("--findable", action="store_true",
                    help="also time save -> the search index refreshed with the edit (watch's "
                         "'search index:' line, printed once its files are written); use a --pause "
                         "longer than a refresh")
    a = ap.parse_args()
    if not os.path.isfile(a.bin):
        sys.exit(f"no sitegen binary at {a.bin}: build it (cargo build --release) or pass --bin")

    tmp = None
    if a.site:
        site = os.path.abspath(a.site)
    else:
        tmp = tempfile.mkdtemp(prefix="sitegen-watch-")
        site = os.path.join(tmp, "site")
    gen_site.generate(a.n, site)
    if a.no_search:
        with open(os.path.join(site, "sitegen.toml"), "a") as f:
            f.write("search = false\n")
    if a.shard_pages:
        with open(os.path.join(site, "sitegen.toml"), "a") as f:
            f.write(f"search_shard_pages = {a.shard_pages}\n")
    out = os.path.join(site, "public")
    posts = sorted(f[:-3] for f in os.listdir(os.path.join(site, "posts")) if f.endswith(".md"))
    if a.photos:
        add_photos(site, posts, a.photos, a.photo_size)

    lines, watching = [], threading.Event()
    t0 = time.monotonic()
    proc = subprocess.Popen([a.bin, "watch", "--root", site, "--no-serve"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, bufsize=1)

    def reader():
        for line in proc.stderr:
            lines.append((time.monotonic(), line.rstrip("\n")))
            if "watching" in line:
                watching.set()

    threading.Thread(target=reader, daemon=True).start()
    if not watching.wait(600):
        proc.kill()
        sys.exit("sitegen watch never printed its 'watching' line")
    startup = time.monotonic() - t0
    initial = next((l for _, l in lines if l.startswith("initial build")), "?")
    print(f"N={a.n}: watch ready after {startup:.1f} s ({initial})", flush=True)
    time.sleep(0.5)
    first_rebuild = len(lines)

    lat = []
    findable = []  # save -> search index refreshed, ms
    edits = []  # (edit, slug, write time, latency ms or None if it timed out)
    try:
        for e in range(a.edits):
            slug = posts[e % len(posts)]
            src = os.path.join(site, "posts", slug + ".md")
            page = os.path.join(out, slug, "index.html")
            token = f"benchtoken{e:05d}x{os.getpid()}"
            with open(src, "a", encoding="utf-8") as f:
                f.write(f"\n\nEdited {token}.\n")
            t = time.monotonic()
            deadline = t + a.timeout
            seen = False
            while time.monotonic() < deadline:
                try:
                    with open(page, "rb") as f:
                        if token.encode() in f.read():
                            seen = True
                            break
                except OSError:
                    pass
                time.sleep(0.001)
            ms = (time.monotonic() - t) * 1000 if seen else None
            if seen:
                lat.append(ms)
            edits.append((e, slug, t, ms))
            if a.findable and seen:
                while time.monotonic() < deadline:
                    done = [w for w, l in list(lines) if w > t and l.startswith("search index:")]
                    if done:
                        findable.append((done[0] - t) * 1000)
                        break
                    time.sleep(0.001)
            time.sleep(a.pause)
        time.sleep(0.5)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    rebuild_ms = []
    encoded = 0
    pages_rendered = []
    rebuilds = []  # (time, pages rendered)
    for t, l in lines[first_rebuild:]:
        m = REBUILD.search(l)
        if m:
            pages_rendered.append(int(m.group(1)))
            encoded += int(m.group(3) or 0)
            rebuild_ms.append(int(m.group(4)))
            rebuilds.append((t, int(m.group(1))))

    # Each rebuild belongs to the last edit written before it was reported.
    per_edit = collections.defaultdict(list)
    for t, pages in rebuilds:
        owner = None
        for e, _, written, _ in edits:
            if written <= t:
                owner = e
            else:
                break
        if owner is not None:
            per_edit[owner].append(pages)
    timed_out = [(e, slug) for e, slug, _, ms in edits if ms is None]
    not_one = []
    print("per edit: save->on-disk latency; pages rendered by each rebuild reported after it")
    for e, slug, _, ms in edits:
        got = per_edit.get(e, [])
        if got != [1]:
            not_one.append(e)
        when = f"{ms:.1f} ms" if ms is not None else f"TIMED OUT after {a.timeout:g} s"
        pages = ", ".join(f"{p} page{'s' if p != 1 else ''}" for p in got) or "no rebuild reported"
        print(f"  edit {e:4d} posts/{slug}.md: {when}; rebuilds: {pages}")

    print(f"N={a.n} photos={a.photos} edits={a.edits} measured={len(lat)} timeouts={len(timed_out)} "
          f"rebuilds={len(rebuild_ms)} images encoded by the rebuilds={encoded}")
    print(f"  save->on-disk latency ms: p50={pct(lat, 50):.1f} p95={pct(lat, 95):.1f} max={max(lat, default=float('nan')):.1f}")
    if a.findable:
        print(f"  save->search index refreshed ms ({len(findable)} of {len(lat)}): p50={pct(findable, 50):.0f} "
              f"p95={pct(findable, 95):.0f} max={max(findable, default=float('nan')):.0f}")
    if rebuild_ms:
        counts = collections.Counter(pages_rendered)
        spread = ", ".join(f"{p} page{'s' if p != 1 else ''} x{c}" for p, c in sorted(counts.items()))
        print(f"  sitegen's own rebuild time ms: p50={pct(rebuild_ms, 50):.0f} p95={pct(rebuild_ms, 95):.0f} max={max(rebuild_ms)}")
        print(f"  => outside the rebuild (notify + debounce + poll): ~{pct(lat, 50) - pct(rebuild_ms, 50):.1f} ms at p50")
        print(f"  pages rendered per rebuild: {spread}")
    if not_one:
        shown = ", ".join(str(e) for e in not_one[:20]) + (" ..." if len(not_one) > 20 else "")
        print(f"  edits not rebuilt as exactly one rebuild of exactly one page: {len(not_one)} (edit {shown})")
    else:
        print("  every edit: exactly one rebuild, of exactly one page")
    if tmp and not a.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    if timed_out:
        names = ", ".join(f"{e} (posts/{slug}.md)" for e, slug in timed_out[:20])
        more = f" and {len(timed_out) - 20} more" if len(timed_out) > 20 else ""
        print(f"FAILED: {len(timed_out)} of {a.edits} edit(s) never reached the page within {a.timeout:g} s: "
              f"edit {names}{more}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
