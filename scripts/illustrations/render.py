#!/usr/bin/env python3
"""Writes the illustrations of the shipped site: per exercise a still SVG and an animated one
(`<id>.anim.svg`, at the exercise's `seconds_per_rep`), one SVG + PNG per post hero.

Usage: python3 scripts/illustrations/render.py [--check] [--root DIR]

Every pose is checked first (joint angles a body can take, feet and hands on the floor where the
exercise says so), and so is every pose an animation passes through (sampled finer than its
frames), and every animation is checked to hold still under reduced motion (each moving group
followed by its still copy, which shows the pose the animation starts from: see
animation.still_problems); a problem is printed and nothing is written. `--check` writes nothing and
fails when an SVG on disk differs from what would be written, or when an exercise's or a post's
`image`/`image_alt`/`animation` front matter does not name its drawings with the drawing's words (CI runs it;
it needs only Python). PNG heroes are rendered with rsvg-convert (Debian's librsvg2-bin) and are
not compared by --check (their bytes depend on the renderer's version).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import animation  # noqa: E402
from exercises import EXERCISES  # noqa: E402
from heroes import HEROES  # noqa: E402


def front_matter_value(text: str, key: str) -> str | None:
    """A quoted string value of the front matter (YAML `key: "v"` or TOML `key = "v"`)."""
    m = re.search(rf'^{key}\s*[:=]\s*"([^"]*)"\s*$', text, re.M)
    return m.group(1) if m else None


DEFAULT_SECONDS_PER_REP = 4  # sitegen's default, when neither the exercise nor sitegen.toml sets one


def seconds_per_rep(root: str, exercise_id: str) -> int:
    """The exercise's `seconds_per_rep`, else the site's (`[routine]` or top level), else 4."""
    pattern = r"^seconds_per_rep\s*[:=]\s*(\d+)\s*$"
    for rel in (f"posts/exercises/{exercise_id}.md", "sitegen.toml"):
        path = os.path.join(root, rel)
        m = re.search(pattern, open(path, encoding="utf-8").read(), re.M) if os.path.exists(path) else None
        if m:
            return int(m.group(1))
    return DEFAULT_SECONDS_PER_REP


def wiring_problems(root: str) -> list[str]:
    """Exercises and posts whose `image`/`image_alt` do not name their drawing or repeat its words.

    An exercise's alt text is its drawing's title without the exercise's name (the card shows the
    name beside it); a post's alt text is its hero's title."""
    out = []
    wanted = []
    for ex in EXERCISES:
        path = f"posts/exercises/{ex.id}.md"
        text = open(os.path.join(root, path), encoding="utf-8").read()
        name = front_matter_value(text, "name") or ""
        alt = ex.title[len(name):].lstrip(":, ") if ex.title.startswith(name) else ""
        wanted.append((path, text, f"/images/exercises/{ex.id}.svg", alt[:1].upper() + alt[1:]))
    for hero in HEROES:
        path = f"posts/{hero.id}.md"
        wanted.append((path, open(os.path.join(root, path), encoding="utf-8").read(),
                       f"/images/posts/{hero.id}.png", hero.title))
    for path, text, image, alt in wanted:
        if front_matter_value(text, "image") != image:
            out.append(f"{path}: `image` should be \"{image}\"")
        if not alt or front_matter_value(text, "image_alt") != alt:
            out.append(f"{path}: `image_alt` should be \"{alt}\" (the drawing's title)")
        moving = image.replace(".svg", ".anim.svg")
        if path.startswith("posts/exercises/") and front_matter_value(text, "animation") != moving:
            out.append(f"{path}: `animation` should be \"{moving}\"")
    return out


def main() -> int:
    """Check the poses, then write (or compare) every file."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap.add_argument("--only", help="just this id (exercise or post)")
    args = ap.parse_args()
    root = os.path.abspath(args.root)

    problems = [msg for ex in EXERCISES for msg in ex.problems() + animation.problems(ex)]
    for msg in problems:
        print(f"pose: {msg}", file=sys.stderr)
    if problems:
        return 1

    files = {f"static/images/exercises/{ex.id}.svg": ex.svg() for ex in EXERCISES}
    files.update({f"static/images/exercises/{ex.id}.anim.svg": animation.svg(ex, seconds_per_rep(root, ex.id))
                  for ex in EXERCISES})
    files.update({f"static/images/posts/{h.id}.svg": h.svg() for h in HEROES})
    if args.only:
        files = {k: v for k, v in files.items() if os.path.basename(k).split(".")[0] == args.only}
    still = [msg for rel, text in sorted(files.items()) if rel.endswith(".anim.svg")
             for msg in animation.still_problems(rel, text)]
    for msg in still:
        print(f"reduced motion: {msg}", file=sys.stderr)
    if still:
        return 1

    if args.check:
        stale = wiring_problems(root) if not args.only else []
        for rel, text in sorted(files.items()):
            path = os.path.join(root, rel)
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
                stale.append(rel)
        for msg in stale:
            if msg.startswith("static/"):
                msg = f"{msg}: differs from scripts/illustrations (run scripts/illustrations/render.py)"
            print(msg, file=sys.stderr)
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
