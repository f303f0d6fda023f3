#!/usr/bin/env bash
# What highlighting costs a build: the generated site (benches/gen_site.py: one fenced block per
# post, 3 of 4 in a language sitegen highlights) built cold with `highlight = true` (the default)
# and `highlight = false`, PAIRS alternating pairs (the order flips every pair), search off so
# the index's time does not hide the difference. Prints the medians and the median ratio.
#
#   N=10000 PAIRS=5 benches/highlight_cost.sh      (WORK=/tmp/hl to keep the site)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-10000} pairs=${PAIRS:-5} work=${WORK:-$(mktemp -d)}
bin=$(scripts/release-binary)
python3 benches/gen_site.py "${n}" "${work}/site" >/dev/null
base=$(cat "${work}/site/sitegen.toml")
run() { # run on|off: one cold build, prints wall seconds
    local flag=true
    [[ $1 == off ]] && flag=false
    printf '%s\nsearch = false\nhighlight = %s\n' "${base}" "${flag}" >"${work}/site/sitegen.toml"
    rm -rf "${work}/site/public" "${work}/site/.public."* "${work}/site/.sitegen-cache"
    /usr/bin/time -f '%e %U %S %M' -o "${work}/time" "${bin}" build -q --future --root "${work}/site" >/dev/null
    echo "$1 $(cat "${work}/time")"
}
run on >/dev/null # warm the file cache
for ((i = 0; i < pairs; i++)); do
    if ((i % 2)); then run off; run on; else run on; run off; fi
done | tee "${work}/runs"
python3 - "${work}/runs" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
on = [float(r[1]) for r in rows if r[0] == "on"]
off = [float(r[1]) for r in rows if r[0] == "off"]
cpu = lambda k: st.median(float(r[2]) + float(r[3]) for r in rows if r[0] == k)
rss = lambda k: max(int(r[4]) for r in rows if r[0] == k) // 1024
print(f"highlight on:  median {st.median(on):.2f} s wall, {cpu('on'):.2f} s CPU, peak {rss('on')} MiB")
print(f"highlight off: median {st.median(off):.2f} s wall, {cpu('off'):.2f} s CPU, peak {rss('off')} MiB")
print(f"on/off: {st.median(a / b for a, b in zip(on, off)):.3f} (median of per-pair ratios)")
PY
