#!/usr/bin/env bash
# Before and after: two sitegen binaries on the same generated site, alternating, for one change of
# the profile-flattening work (issue 11 part 4).
#
#   benches/ab.sh OLD_BINARY NEW_BINARY [N=1000] [SCENARIO=same] [RUNS=9]
#
# SCENARIO is cold, same or one (as in benches/compare.sh). Each binary builds into its own output
# (so each recycles its own spare). Prints the median wall and CPU (user+system) seconds of each and
# the median of per-pair CPU ratios new/old: CPU time, not wall, is what a change to the code moves,
# and it is far less disturbed than wall time by other work on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1 NEW=$2 N=${3:-1000} SCENARIO=${4:-same} RUNS=${5:-9}
WORK=${WORK:-/tmp/sitegen-ab}
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
site=$WORK/site-$N
[ -d "$site" ] || python3 benches/gen_site.py "$N" "$site" >/dev/null
run() { # run WHICH BINARY PAIR
  local out=$WORK/out-$1
  case $SCENARIO in
    cold) rm -rf "$out" "$WORK/.out-$1.spare" "$WORK/.out-$1.sitegen" ;;
    one) echo "Changed for pair $3." >>"$site/posts/post-00001.md" ;;
  esac
  /usr/bin/time -f "$1 $3 %e %U %S" -a -o "$WORK/ab.txt" "$2" build --future --root "$site" --output "$out" >/dev/null 2>&1
}
: >"$WORK/ab.txt"
run old "$OLD" 0; run new "$NEW" 0; run old "$OLD" 0; run new "$NEW" 0
: >"$WORK/ab.txt"
for ((i = 1; i <= RUNS; i++)); do
  if ((i % 2)); then run old "$OLD" "$i"; run new "$NEW" "$i"; else run new "$NEW" "$i"; run old "$OLD" "$i"; fi
done
python3 - "$WORK/ab.txt" "$N" "$SCENARIO" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
d = {w: {int(r[1]): (float(r[2]), float(r[3]) + float(r[4])) for r in rows if r[0] == w} for w in ("old", "new")}
m = lambda w, k: st.median(v[k] for v in d[w].values())
ratio = st.median(d["new"][i][1] / d["old"][i][1] for i in d["old"] if i in d["new"] and d["old"][i][1] > 0)
print(f"{sys.argv[2]} posts, {sys.argv[3]}, {len(d['old'])} pairs: old {m('old', 0):.2f} s wall {m('old', 1):.2f} s CPU | "
      f"new {m('new', 0):.2f} s wall {m('new', 1):.2f} s CPU | CPU new/old (median of pairs) {ratio:.2f}")
PY
