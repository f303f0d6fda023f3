#!/usr/bin/env bash
# The highlighters sitegen chose between, each in a scratch crate of its own (never part of
# sitegen's build): `base` (escaping only), `syn` (syntect 5 with fancy-regex + two-face for
# TOML), `gia` (giallo with its built-in grammars), `ts` (tree-sitter-highlight + ten grammars).
# For each: a clean release build (own target dir, timed) and the stripped binary's size; then
# ROUNDS rounds of highlighting the same 10,000 blocks (harness.rs: 1,000 of each sample in
# samples/), the tools alternating. HTML of each sample lands in CRATE/out/ for a look.
#
#   ROUNDS=3 benches/highlighters/run.sh
set -euo pipefail
cd "$(dirname "$0")"
for c in base syn gia ts; do
    rm -rf "$c/target"
    start=$(date +%s.%N)
    (cd "$c" && cargo build --release -q --locked)
    end=$(date +%s.%N)
    echo "$c: clean release build $(echo "$end - $start" | bc) s, binary $(stat -c %s "$c/target/release/$c") bytes"
done
for ((r = 0; r < ${ROUNDS:-3}; r++)); do
    for c in syn gia ts base; do (cd "$c" && "./target/release/$c"); done
done
