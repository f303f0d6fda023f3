#!/usr/bin/env python3
"""Writes the illustrations of the shipped site: one SVG per exercise.

Usage: python3 scripts/illustrations/render.py [--check] [--root DIR]

Every pose is checked first (joint angles a body can take, feet and hands on the floor where the
exercise says so); a problem is printed and nothing is written. `--check` writes nothing and
fails when a file on disk differs from what would be written (CI can run it; it needs no tools).
PNG heroes are rendered with rsvg-convert (Debian's librsvg2-bin) and are not compared by --check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from exercises import EXERCISES  # noqa: E402


def main() -> int:
    """Check the poses, then write (or compare) every file."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap.add_argument("--only", help="just this id (exercise or post)")
    args = ap.parse_args()
    root = os.path.abspath(args.root)

    problems = [msg for ex in EXERCISES for msg in ex.problems()]
    for msg in problems:
        print(f"pose: {msg}", file=sys.stderr)
    if problems:
        return 1

    files = {f"static/images/exercises/{ex.id}.svg": ex.svg() for ex in EXERCISES}
    if args.only:
        files = {k: v for k, v in files.items() if os.path.splitext(os.path.basename(k))[0] == args.only}

    if args.check:
        stale = []
        for rel, text in sorted(files.items()):
            path = os.path.join(root, rel)
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
                stale.append(rel)
        for rel in stale:
            print(f"{rel}: differs from scripts/illustrations (run scripts/illustrations/render.py)",
                  file=sys.stderr)
        return 1 if stale else 0

    for rel, text in sorted(files.items()):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {rel} ({len(text.encode())} bytes)")
        if rel.startswith("static/images/posts/"):
            png = path[:-4] + ".png"
            rsvg = shutil.which("rsvg-convert")
            if not rsvg:
                print("render: rsvg-convert not found (apt-get install librsvg2-bin)", file=sys.stderr)
                return 1
            subprocess.run([rsvg, "--format=png", "-o", png, path], check=True)
            print(f"wrote {os.path.relpath(png, root)} ({os.path.getsize(png)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
