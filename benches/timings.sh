#!/usr/bin/env bash
# Whole-program timings for BENCHMARKS.md: each command runs 3 times after a warm-up; the
# median wall time and the peak memory (max RSS) are printed as a Markdown table row.
# Usage: benches/timings.sh   (from the repository root, after `cargo build --release`)
set -euo pipefail
bin=target/release/bimbing
data=target/bench-data
mkdir -p "$data" target/t
for size in 1500x450 5000x1500 10000x3000; do
  n=${size%x*}; m=${size#*x}
  [ -f "$data/$size/mentees.csv" ] || "$bin" generate --mentees "$n" --mentors "$m" --seed 7 --out "$data/$size" >/dev/null
done
for preset in city-dense national; do
  [ -f "$data/$preset/mentees.csv" ] || "$bin" generate --preset "$preset" --seed 7 --out "$data/$preset" >/dev/null
done

row() {  # label, then the command
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true
  local times=() rss=0
  for _ in 1 2 3; do
    local out
    /usr/bin/time -o target/t/.time -f "%e %M" "$@" >/dev/null 2>&1
    out=$(tail -n 1 target/t/.time)
    times+=("${out% *}")
    local r=${out#* }
    [ "$r" -gt "$rss" ] && rss=$r
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  printf '| %s | `%s` | %s s | %s MiB |\n' "$label" "$*" "$median" "$((rss / 1024))"
}

echo "| case | command | median wall time | peak memory |"
echo "|---|---|---|---|"
row "match, data/medan (1,500 x 450)" "$bin" match --mentors data/medan/mentors.csv --mentees data/medan/mentees.csv --out target/t/medan --force
for size in 1500x450 5000x1500 10000x3000; do
  row "match, generated $size" "$bin" match --mentors "$data/$size/mentors.csv" --mentees "$data/$size/mentees.csv" --out "target/t/$size" --force
done
row "match, preset city-dense (10,000 x 3,000, all eligible)" "$bin" match --mentors "$data/city-dense/mentors.csv" --mentees "$data/city-dense/mentees.csv" --out target/t/city-dense --force
row "match, preset national (300,000 x 100,000, 608 agencies)" "$bin" match --mentors "$data/national/mentors.csv" --mentees "$data/national/mentees.csv" --same-scope-only --out target/t/national --force
row "compare, 16 scenarios on data/medan, 1 thread" "$bin" compare benches/medan16.toml --out target/t/m16 --force -q --threads 1
row "compare, 16 scenarios on data/medan, 2 threads" "$bin" compare benches/medan16.toml --out target/t/m16 --force -q --threads 2
row "compare, data/medan/scenarios.toml (6), 2 threads" "$bin" compare data/medan/scenarios.toml --out target/t/m6 --force -q
