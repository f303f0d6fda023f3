#!/usr/bin/env python3
"""Inclusive time per function of a `perf record -g` profile: the share of samples whose stack holds
each of sitegen's, Tera's and pulldown-cmark's functions (a function counted once per sample).

    perf script -i perf.data -F comm,tid,ip,sym | benches/inclusive.py [TOP]

Self time (what `perf report --no-children` shows) names the leaves, such as memmove or page
clearing; this names the work that called them: rendering bodies, templates, loading. Frames are
walked only where the binary keeps frame pointers: build the profiled binary with
RUSTFLAGS="-C force-frame-pointers=yes" (benches/profile.sh says how).
"""
import collections
import re
import sys

OURS = ("sitegen::", "tera::", "pulldown_cmark")


def stacks(lines):
    """Each sample's frames, innermost first."""
    frames = []
    for line in lines:
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line[0] in " \t":
            parts = line.strip().split(" ", 1)
            frames.append(parts[1] if len(parts) > 1 else "?")
    if frames:
        yield frames


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    counts, total = collections.Counter(), 0
    for frames in stacks(sys.stdin):
        total += 1
        names = {re.sub(r"<.*?>", "", f)[:100] for f in frames if any(o in f for o in OURS)}
        counts.update(names)
    if not total:
        sys.exit("inclusive.py: no samples with call stacks on stdin")
    print(f"{total} samples; share of samples whose stack holds the function:")
    for name, n in counts.most_common(top):
        print(f"{100 * n / total:6.1f}%  {name}")


if __name__ == "__main__":
    main()
