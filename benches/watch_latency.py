#!/usr/bin/env python3
"""Save-to-written latency of `sitegen watch` for one post's body edit.

    watch_latency.py N EDITS [--site DIR] [--keep] [--pause 0.15]

Generates a site of N posts (benches/gen_site.py, fixed seed) in a temp folder, starts
`target/release/sitegen watch --root SITE --no-serve`, waits for its "watching" line, then EDITS
times appends a unique token to one post's body (rotating through the posts) and measures the time
from the write (file closed) until SITE/public/<slug>/index.html contains the token (polled with
1 ms sleeps, at most 5 s: --timeout).  It pauses ~150 ms between edits.  It also collects the time sitegen
prints for each rebuild ("... in N ms"), so the debounce and notify's share is visible.
"""
import argparse
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("edits", type=int)
    ap.add_argument("--site", help="generate into this folder instead of a temp one")
    ap.add_argument("--keep", action="store_true", help="keep the generated site")
    ap.add_argument("--pause", type=float, default=0.15)
    ap.add_argument("--timeout", type=float, default=5.0, help="give up on one edit after this many seconds")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "sitegen"))
    a = ap.parse_args()

    tmp = None
    if a.site:
        site = os.path.abspath(a.site)
    else:
        tmp = tempfile.mkdtemp(prefix="sitegen-watch-")
        site = os.path.join(tmp, "site")
    gen_site.generate(a.n, site)
    out = os.path.join(site, "public")
    posts = sorted(f[:-3] for f in os.listdir(os.path.join(site, "posts")) if f.endswith(".md"))

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

    lat, timeouts = [], 0
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
            if seen:
                lat.append((time.monotonic() - t) * 1000)
            else:
                timeouts += 1
            time.sleep(a.pause)
        time.sleep(0.5)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    rebuild_ms = []
    pages_rendered = []
    for _, l in lines[first_rebuild:]:
        m = re.search(r": (\d+) pages? rendered, (\d+) files? written, \d+ removed in (\d+) ms$", l)
        if m:
            pages_rendered.append(int(m.group(1)))
            rebuild_ms.append(int(m.group(3)))
    print(f"N={a.n} edits={a.edits} measured={len(lat)} timeouts={timeouts} rebuilds={len(rebuild_ms)}")
    print(f"  save->on-disk latency ms: p50={pct(lat, 50):.1f} p95={pct(lat, 95):.1f} max={max(lat, default=float('nan')):.1f}")
    if rebuild_ms:
        print(f"  sitegen's own rebuild time ms: p50={pct(rebuild_ms, 50):.0f} p95={pct(rebuild_ms, 95):.0f} max={max(rebuild_ms)}"
              f"  (pages rendered per rebuild: median {pct(pages_rendered, 50):.0f})")
        print(f"  => outside the rebuild (notify + debounce + poll): ~{pct(lat, 50) - pct(rebuild_ms, 50):.1f} ms at p50")
    if tmp and not a.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
