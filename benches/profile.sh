#!/usr/bin/env bash
# Where sitegen's time goes: a `perf` profile of one build, split into CPU (user) and system time.
#
#   N=10000 SCENARIO=one benches/profile.sh        (WORK=/tmp/prof to keep the site)
#
# SCENARIO is cold (no output, no spare), same (nothing changed) or one (one post's body changed),
# as in benches/compare.sh. Prints the build's wall, user and system seconds and peak RSS, then
# the functions that took the most samples (self time, all threads, kernel included: system time
# shows as kernel symbols such as ext4 or page-cache functions), grouped by binary.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
SCENARIO=${SCENARIO:-one}
TOP=${TOP:-30}
WORK=${WORK:-$(mktemp -d /tmp/sitegen-profile.XXXXXX)}
SITEGEN=${SITEGEN:-$(scripts/release-binary)}
command -v perf >/dev/null || apt-get install -y -q linux-perf >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
mkdir -p "$WORK"
site=$WORK/site-$N out=$WORK/out-$N
[ -d "$site" ] || python3 benches/gen_site.py "$N" "$site" >/dev/null
build() { "$SITEGEN" build --future --root "$site" --output "$out" >/dev/null 2>&1; }
case $SCENARIO in
  cold) rm -rf "$out" "$WORK/.out-$N.spare" "$WORK/.out-$N.sitegen" ;;
  same) build; build ;;
  one) build; build; echo "Changed for the profile." >>"$site/posts/post-00001.md" ;;
  *) echo "SCENARIO is cold, same or one" >&2; exit 2 ;;
esac
echo "# $(date -u +%FT%TZ) $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg); $N posts, $SCENARIO"
perf record -q -F 1999 -g -o "$WORK/perf.data" -- /usr/bin/time -o "$WORK/time.txt" \
  -f "%e s wall, %U s user (CPU), %S s system, %M KB peak RSS, %c involuntary context switches" \
  "$SITEGEN" build --future --root "$site" --output "$out" >/dev/null 2>&1
cat "$WORK/time.txt"
perf report -i "$WORK/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -8
echo
perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
  grep -E "^ +[0-9]" | cut -c1-150 | sed "s/ *$//" | head -"$TOP"
# Inclusive time per function, when the binary keeps frame pointers, e.g.
#   RUSTFLAGS="-C force-frame-pointers=yes" CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
#     cargo build --release --target-dir /tmp/prof-target && SITEGEN=/tmp/prof-target/release/sitegen ...
echo
perf script -i "$WORK/perf.data" -F comm,tid,ip,sym 2>/dev/null | python3 benches/inclusive.py "$TOP" || true
