#!/usr/bin/env bash
# sitegen against Hugo and against the floor program, cold and warm, on the generated site.
#
#   SIZES="1000 10000" PAIRS=5 benches/compare.sh      (WORK=/tmp/cmp to keep the sites)
#   LAYOUT=minimal ...                                   (same-work minimal layouts on both sides)
#   SEARCH=off ...                                       (sitegen without its search index: Hugo has none)
#   PEER=hugo ...                                        (with SEARCH=on: Hugo alone, no search index)
#
# With search on (sitegen's default) the peer ("hugo" in the table) is Hugo followed by the Pagefind
# CLI (`pagefind --site OUT`, from the npm registry: `npm install -g pagefind`), one timed command,
# so both sides make the same kind of site: pages and a Pagefind index. With SEARCH=off it is Hugo.
#
# Per size: generate the sitegen and Hugo sites (benches/gen_site.py, rich theme on both sides),
# build each once untimed, then three scenarios, PAIRS alternating runs each (the order of the
# tools flips every pair):
#   cold  output (and sitegen's spare and state) deleted before every run; the floor program too;
#   same  output present, nothing changed;
#   one   output present, one post's body changed (a different post each run, on both sites).
# Each run goes through /usr/bin/time for user/system seconds and peak RSS. Prints per scenario the
# medians, the median of per-pair ratios sitegen/hugo (and sitegen/floor, cold), and max RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
summarise() { # summarise RESULTS: the table of a run
python3 - "$1" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def get(tool, n, sc):
    return {int(r[3]): (float(r[4]), float(r[5]), float(r[6]), int(r[7])) for r in rows
            if r[0] == tool and r[1] == n and r[2] == sc}
print(f"{'posts':>6} {'scenario':>8} {'sitegen s':>9} {'user+sys':>13} {'hugo s':>7} {'user+sys':>13} "
      f"{'sitegen/hugo':>12} {'CPU s/h':>7} {'floor s':>7} {'sitegen/floor':>13} {'RSS sitegen':>11} {'RSS hugo':>8} {'RSS/hugo':>8}")
for n in sorted({r[1] for r in rows}, key=int):
    for sc in ["cold", "same", "one"]:
        s, h, f = get("sitegen", n, sc), get("hugo", n, sc), get("floor", n, sc)
        if not s:
            continue
        med = lambda d, k: st.median(v[k] for v in d.values())
        rh = st.median(s[i][0] / h[i][0] for i in s if i in h)
        # CPU seconds (user+system) per pair: what each tool itself costs, whatever else runs.
        rc = st.median((s[i][1] + s[i][2]) / (h[i][1] + h[i][2]) for i in s if i in h)
        rf = f"{st.median(s[i][0] / f[i][0] for i in s if i in f):>13.2f}" if f else f"{'':>13}"
        fs = f"{med(f, 0):>7.2f}" if f else f"{'':>7}"
        rs, rhm = max(v[3] for v in s.values()) / 1024, max(v[3] for v in h.values()) / 1024
        print(f"{n:>6} {sc:>8} {med(s, 0):>9.2f} {med(s, 1):>6.2f}+{med(s, 2):<6.2f} {med(h, 0):>7.2f} "
              f"{med(h, 1):>6.2f}+{med(h, 2):<6.2f} {rh:>12.2f} {rc:>7.2f} {fs} {rf} {rs:>9.0f}MB {rhm:>6.0f}MB {rs / rhm:>8.2f}")
PY
}
# SUMMARY=results.txt benches/compare.sh: the table of a saved run, nothing run.
if [ -n "${SUMMARY:-}" ]; then summarise "$SUMMARY"; exit; fi

SIZES=${SIZES:-"1000 10000"}
PAIRS=${PAIRS:-5}
LAYOUT=${LAYOUT:-rich}
SEARCH=${SEARCH:-on}
case $SEARCH in on|off) ;; *) echo "SEARCH is on or off" >&2; exit 2 ;; esac
PEER=${PEER:-$([ "$SEARCH" = on ] && echo hugo-pagefind || echo hugo)}
case $PEER in hugo|hugo-pagefind) ;; *) echo "PEER is hugo or hugo-pagefind" >&2; exit 2 ;; esac
case $LAYOUT in rich) GEN_FLAGS=() ;; minimal) GEN_FLAGS=(--minimal) ;; *) echo "LAYOUT is rich or minimal" >&2; exit 2 ;; esac
WORK=${WORK:-$(mktemp -d /tmp/sitegen-compare.XXXXXX)}
mkdir -p "$WORK"
# SITEGEN and FLOOR may name prebuilt binaries; FLOOR=skip leaves the floor program out.
SITEGEN=${SITEGEN:-$(scripts/release-binary)}
FLOOR=${FLOOR:-$(cargo bench --bench floor --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -1)}
command -v hugo >/dev/null || apt-get install -y -q hugo >/dev/null
if [ "$PEER" = hugo-pagefind ]; then
  command -v pagefind >/dev/null || npm install -g --silent pagefind@1.6.0 >/dev/null
fi
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
PF=""; [ "$PEER" = hugo-pagefind ] && PF=" + pagefind $(pagefind --version | cut -d' ' -f2)"
echo "# $("$SITEGEN" --version) | $(hugo version | cut -d' ' -f1-2)$PF | floor: $FLOOR | layouts: $LAYOUT | search: $SEARCH | peer: $PEER | work: $WORK"
RES=$WORK/results.txt
: >"$RES"

# run TOOL N SCENARIO PAIR: one timed run, appended to $RES as
# "tool n scenario pair wall user sys rss_kb".
run() {
  local tool=$1 n=$2 sc=$3 pair=$4 cmd
  case $tool in
    sitegen) cmd=("$SITEGEN" build --future --root "$WORK/site-$n" --output "$WORK/out-sitegen-$n") ;;
    hugo)
      cmd=(hugo --quiet --source "$WORK/hugo-$n" --destination "$WORK/out-hugo-$n")
      if [ "$PEER" = hugo-pagefind ]; then
        cmd=(sh -c '"$@" && pagefind --site "$0" >/dev/null' "$WORK/out-hugo-$n" "${cmd[@]}")
      fi ;;
    floor) cmd=("$FLOOR" "$WORK/site-$n" "$WORK/out-floor-$n") ;;
  esac
  if [ "$sc" = cold ]; then
    rm -rf "$WORK/out-$tool-$n" "$WORK/.out-$tool-$n.spare" "$WORK/.out-$tool-$n.sitegen"
  fi
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "${cmd[@]}" >/dev/null 2>"$WORK/log.txt" \
    || { cat "$WORK/log.txt"; exit 1; }
  echo "$tool $n $sc $pair $(cat "$WORK/time.txt")" >>"$RES"
}

# edit N K: appends a sentence to post K's body on both sites.
edit() {
  local f
  f=$(printf "post-%05d.md" "$2")
  echo "Edited for run $2 of the warm benchmark." >>"$WORK/site-$1/posts/$f"
  echo "Edited for run $2 of the warm benchmark." >>"$WORK/hugo-$1/content/posts/$f"
}

for n in $SIZES; do
  python3 benches/gen_site.py "$n" "$WORK/site-$n" --hugo "$WORK/hugo-$n" "${GEN_FLAGS[@]}" >/dev/null
  [ "$SEARCH" = on ] || echo "search = false" >>"$WORK/site-$n/sitegen.toml"
  run sitegen "$n" cold 0; run hugo "$n" cold 0; [ "$FLOOR" = skip ] || run floor "$n" cold 0
  run sitegen "$n" same 0   # the first output becomes the spare: later warm runs recycle
  sed -i "/ $n [a-z]* 0 /d" "$RES"
  for sc in cold same one; do
    for ((i = 1; i <= PAIRS; i++)); do
      [ "$sc" = one ] && edit "$n" "$i"
      tools=(sitegen hugo); [ "$sc" = cold ] && [ "$FLOOR" != skip ] && tools+=(floor)
      if ((i % 2 == 0)); then tools=($(printf '%s\n' "${tools[@]}" | tac)); fi
      for t in "${tools[@]}"; do run "$t" "$n" "$sc" "$i"; done
      echo "   $n $sc pair $i: $(grep " $n $sc $i " "$RES" | awk '{printf "%s %.2fs  ", $1, $5}') load $(cut -d' ' -f1 /proc/loadavg)" >&2
    done
  done
done
echo "# loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)"

summarise "$RES"
