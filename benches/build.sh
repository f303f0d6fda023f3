#!/usr/bin/env bash
# Full-build benchmark: sitegen vs Hugo on the same generated content, run alternately.
#
#   benches/build.sh                    # sizes 100 1000 10000; 10 pairs (5 at 10000)
#   SIZES="100 1000" RUNS=20 benches/build.sh
#   WORK=/tmp/sitegen-bench benches/build.sh   # where sites and outputs go (default: a temp dir)
#
# Per size: generate the sitegen site and the Hugo site (benches/gen_site.py), one untimed warm-up
# build of each, then RUNS pairs, alternating which tool goes first in each pair; the output folder
# is deleted before every run.  Each run is wrapped in /usr/bin/time -v for its peak RSS; wall time
# is taken around it.  Prints medians, the median of per-pair ratios hugo/sitegen, and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SIZES=${SIZES:-"100 1000 10000"}
RUNS=${RUNS:-10}
RUNS_LARGE=${RUNS_LARGE:-5}   # for sizes >= 10000
WORK=${WORK:-$(mktemp -d /tmp/sitegen-bench.XXXXXX)}
mkdir -p "$WORK"

# Builds the release binary if needed and asks cargo where it is (CARGO_TARGET_DIR moves it).
SITEGEN=$(scripts/release-binary)

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)   # handy for ad-hoc reruns; not used below
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y -q "${need[@]}" >/dev/null
fi

echo "# $(date -u +%FT%TZ)  $(nproc) cores  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# $("$SITEGEN" --version)  |  $(hugo version | cut -d' ' -f1-2)  |  work dir $WORK"

# run_one TOOL SIZE -> appends "TOOL SIZE wall_seconds rss_kb" to $WORK/results.txt
run_one() {
  local tool=$1 n=$2 out t0 t1 rss
  if [ "$tool" = sitegen ]; then
    out=$WORK/out-sitegen-$n
    rm -rf "$out"
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$WORK/time.txt" "$SITEGEN" build --root "$WORK/site-$n" --output "$out" 2>"$WORK/log.txt" \
      || { cat "$WORK/log.txt"; exit 1; }
    t1=$(date +%s.%N)
  else
    out=$WORK/out-hugo-$n
    rm -rf "$out"
    t0=$(date +%s.%N)
    (cd "$WORK/hugo-$n" && /usr/bin/time -v -o "$WORK/time.txt" hugo --quiet --destination "$out" 2>"$WORK/log.txt") \
      || { cat "$WORK/log.txt"; exit 1; }
    t1=$(date +%s.%N)
  fi
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  echo "$tool $n $(echo "$t1 - $t0" | bc) $rss" >>"$WORK/results.txt"
}

: >"$WORK/results.txt"
for n in $SIZES; do
  runs=$RUNS; [ "$n" -ge 10000 ] && runs=$RUNS_LARGE
  python3 benches/gen_site.py "$n" "$WORK/site-$n" --hugo "$WORK/hugo-$n"
  echo "## $n posts: warm-up, then $runs alternating pairs" >&2
  run_one sitegen "$n"; run_one hugo "$n"; : >"$WORK/results-warm.txt"
  sed -i "/ $n /d" "$WORK/results.txt"   # drop the warm-up rows
  for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then run_one sitegen "$n"; run_one hugo "$n"
    else run_one hugo "$n"; run_one sitegen "$n"; fi
    echo "   pair $((i + 1))/$runs: $(tail -2 "$WORK/results.txt" | awk '{printf "%s %.2fs  ", $1, $3}')" >&2
  done
  echo "   outputs: sitegen $(find "$WORK/out-sitegen-$n" -type f | wc -l) files $(du -sh "$WORK/out-sitegen-$n" | cut -f1);" \
       "hugo $(find "$WORK/out-hugo-$n" -type f | wc -l) files $(du -sh "$WORK/out-hugo-$n" | cut -f1)" >&2
done

python3 - "$WORK/results.txt" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
print(f"{'posts':>6} {'sitegen med s':>14} {'hugo med s':>11} {'med ratio hugo/sitegen':>23} {'sitegen RSS MB':>15} {'hugo RSS MB':>12} {'pairs':>6}")
for n in sorted({int(r[1]) for r in rows}):
    s = [(float(r[2]), int(r[3])) for r in rows if r[0] == "sitegen" and int(r[1]) == n]
    h = [(float(r[2]), int(r[3])) for r in rows if r[0] == "hugo" and int(r[1]) == n]
    ratios = [hw / sw for (sw, _), (hw, _) in zip(s, h)]
    print(f"{n:>6} {statistics.median(x for x, _ in s):>14.3f} {statistics.median(x for x, _ in h):>11.3f}"
          f" {statistics.median(ratios):>23.2f} {max(m for _, m in s) / 1024:>15.0f} {max(m for _, m in h) / 1024:>12.0f} {len(ratios):>6}")
EOF
