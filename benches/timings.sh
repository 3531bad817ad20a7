#!/usr/bin/env bash
# Whole-program timings for BENCHMARKS.md, printed as one Markdown table.
#
#   benches/timings.sh [--quick] [BASE]        (from anywhere in the repository)
#
# Builds the working tree (`cargo build --release --locked --bin bimbing`) and times its
# `bimbing` on each case: once to warm the file cache, then 3 runs; the table gives the
# median wall time of the 3 runs and the largest peak memory (max RSS, from /usr/bin/time).
#
# With BASE (a git revision, e.g. c8db2bf), BASE is built too, as scripts/same-answers.sh
# does: `git archive BASE | tar -x -m` into target/timings-base/src, then `cargo build
# --release --locked` there with CARGO_TARGET_DIR=target/timings-base/target. Its binary is
# kept as target/timings-base/bin/bimbing-<full commit hash> and reused while that commit is
# asked for (scripts/same-answers.sh's binary of the same commit is taken when present).
# Each case then runs the two builds alternately, a warm-up of each and then old, new, old,
# new, old, new, so that a drift of the machine's speed falls on both alike; the table has
# both builds' median wall time and peak memory, and the new time over the old.
#
# --quick (or TIMINGS_QUICK=1): only the small cases (data/medan, 1,500 x 450, and compare
# of data/medan/scenarios.toml), seconds a run, to check the script. The full set takes the
# national preset (300,000 x 100,000, minutes a run) and the share advice on 300 x 100.
#
# Cohorts are generated with seed 7 under target/bench-data/ when missing (by the new
# build); every run writes its output folder under target/t/old/ or target/t/new/ (the
# command shows target/t/), each build its own, since --force replaces only the files the
# same build's manifest lists.
# The working tree's binary is copied to target/timings-base/bin/bimbing-current, so that a
# concurrent build cannot swap it mid-run. A command printed as `bimbing ARGS` ran as
# `BINARY ARGS` from the repository root with each build's binary. Build logs:
# target/timings-base/build.log. Progress goes to stderr, the table to stdout.
set -euo pipefail

die() {
    echo "timings: $*" >&2
    exit 2
}
say() { echo "timings: $*" >&2; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

case ${TIMINGS_QUICK:-0} in
    0 | "") quick=0 ;;
    *) quick=1 ;;
esac
base_rev=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) [ -z "$base_rev" ] || die "one BASE only (see --help)"; base_rev=$1; shift ;;
    esac
done

tb=$root/target/timings-base
bin_dir=$tb/bin
build_log=$tb/build.log
data=target/bench-data
runs=3
rm -rf target/t/old target/t/new
mkdir -p "$bin_dir" "$data" target/t
: >"$build_log"

build_base() { # HASH: sets old_bin
    local hash=$1 cached=$root/target/same-answers/bin/bimbing-$1
    old_bin=$bin_dir/bimbing-$hash
    if [ -x "$old_bin" ]; then
        say "old  $hash: reusing target/timings-base/bin/bimbing-$hash"
        return 0
    fi
    if [ -x "$cached" ]; then
        cp "$cached" "$old_bin.tmp"
        mv "$old_bin.tmp" "$old_bin"
        say "old  $hash: taken from target/same-answers/bin"
        return 0
    fi
    say "old  $hash: building in target/timings-base/src (CARGO_TARGET_DIR=target/timings-base/target)"
    local t0=$SECONDS
    rm -rf "$tb/src"
    mkdir -p "$tb/src"
    git archive --format=tar "$hash" | tar -x -m -C "$tb/src"
    if ! (cd "$tb/src" && CARGO_TARGET_DIR=$tb/target cargo build --release --locked --bin bimbing) \
        >>"$build_log" 2>&1; then
        tail -n 30 "$build_log" >&2
        die "the build of $hash failed (see target/timings-base/build.log)"
    fi
    cp "$tb/target/release/bimbing" "$old_bin.tmp"
    mv "$old_bin.tmp" "$old_bin"
    say "old  built in $((SECONDS - t0)) s"
}

build_new() { # sets new_bin
    local t0=$SECONDS target_dir
    say "new  the working tree at HEAD $(git rev-parse --short HEAD) ($changed modified): cargo build --release --locked"
    if ! cargo build --release --locked --bin bimbing >>"$build_log" 2>&1; then
        tail -n 30 "$build_log" >&2
        die "the build of the working tree failed (see target/timings-base/build.log)"
    fi
    target_dir=$(cargo metadata --format-version 1 --no-deps --offline 2>/dev/null |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p') || true
    [ -n "$target_dir" ] || target_dir=$root/target
    new_bin=$bin_dir/bimbing-current
    cp "$target_dir/release/bimbing" "$new_bin.tmp"
    mv "$new_bin.tmp" "$new_bin"
    say "new  ready in $((SECONDS - t0)) s"
}

changed=$(git status --porcelain --untracked-files=no | wc -l | tr -d ' ')
if [ "$changed" = 1 ]; then changed="1 file"; else changed="$changed files"; fi
old_bin=""
if [ -n "$base_rev" ]; then
    hash=$(git rev-parse --verify --quiet "${base_rev}^{commit}") || die "$base_rev is not a commit"
    build_base "$hash"
fi
build_new

# One timed run of BINARY ARGS...: sets run_t (seconds), run_m (KiB) and run_rc.
tfile=target/t/.time
time_once() {
    run_rc=0
    /usr/bin/time -o "$tfile" -f "%e %M" "$@" >/dev/null 2>&1 || run_rc=$?
    local out
    out=$(tail -n 1 "$tfile")
    run_t=${out% *}
    run_m=${out#* }
    [[ $run_m =~ ^[0-9]+$ ]] || run_m=0
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(((runs + 1) / 2))p"; }

# The time cell of a build: the median, or the exit code of a failed run.
time_cell() { # RC TIMES...
    local rc=$1
    shift
    if [ "$rc" != 0 ]; then echo "exit $rc"; else echo "$(median "$@") s"; fi
}

row() { # LABEL ARGS... (the arguments of bimbing)
    local label=$1
    shift
    say "$label"
    local -a t_old=() t_new=() a_old=() a_new=()
    local m_old=0 m_new=0 rc_old=0 rc_new=0 i a
    # Each build writes its own output folders (target/t/old/..., target/t/new/...): --force
    # replaces only the files the same build's manifest lists.
    for a in "$@"; do
        a_old+=("${a//target\/t\//target/t/old/}")
        a_new+=("${a//target\/t\//target/t/new/}")
    done
    if [ -n "$old_bin" ]; then
        "$old_bin" "${a_old[@]}" >/dev/null 2>&1 || true
    fi
    "$new_bin" "${a_new[@]}" >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
        if [ -n "$old_bin" ]; then
            time_once "$old_bin" "${a_old[@]}"
            t_old+=("$run_t")
            if [ "$run_m" -gt "$m_old" ]; then m_old=$run_m; fi
            if [ "$run_rc" != 0 ]; then rc_old=$run_rc; fi
        fi
        time_once "$new_bin" "${a_new[@]}"
        t_new+=("$run_t")
        if [ "$run_m" -gt "$m_new" ]; then m_new=$run_m; fi
        if [ "$run_rc" != 0 ]; then rc_new=$run_rc; fi
    done
    local new_t
    new_t=$(time_cell "$rc_new" "${t_new[@]}")
    if [ -n "$old_bin" ]; then
        local old_t ratio="–"
        old_t=$(time_cell "$rc_old" "${t_old[@]}")
        if [ "$rc_old" = 0 ] && [ "$rc_new" = 0 ]; then
            ratio=$(awk -v a="$(median "${t_old[@]}")" -v b="$(median "${t_new[@]}")" \
                'BEGIN { if (a > 0) printf "%.2f", b / a; else printf "–" }')
        fi
        printf '| %s | `bimbing %s` | %s | %s | %s | %s MiB | %s MiB |\n' "$label" "$*" \
            "$old_t" "$new_t" "$ratio" "$((m_old / 1024))" "$((m_new / 1024))"
    else
        printf '| %s | `bimbing %s` | %s | %s MiB |\n' "$label" "$*" "$new_t" "$((m_new / 1024))"
    fi
}

gen() { # NAME ARGS... : a generated cohort under target/bench-data/NAME
    local name=$1
    shift
    if [ ! -f "$data/$name/mentees.csv" ]; then
        say "generating $data/$name"
        "$new_bin" generate "$@" --seed 7 --out "$data/$name" >/dev/null
    fi
}

sized() { # SIZE (mentees x mentors, e.g. 1500x450)
    gen "$1" --mentees "${1%x*}" --mentors "${1#*x}"
}

count_scenarios() { grep -c '^\[\[scenario\]\]' "$1"; }

medan=(--mentors data/medan/mentors.csv --mentees data/medan/mentees.csv)
cohort() { # NAME: the arguments of a generated cohort
    printf '%s\n' --mentors "$data/$1/mentors.csv" --mentees "$data/$1/mentees.csv"
}
mapfile -t g1500 < <(cohort 1500x450)

# ---------------------------------------------------------------------------------------
echo "Machine: $(nproc) cores; each case once to warm the file cache, then $runs runs; medians."
if [ -n "$old_bin" ]; then
    echo "Old: \`$(git rev-parse --short "$hash")\` ($hash). New: the working tree at HEAD" \
        "\`$(git rev-parse --short HEAD)\` ($changed modified); the two run alternately."
    echo
    echo "| case | command | wall time, \`$(git rev-parse --short "$hash")\` | wall time, new | new / old | peak memory, \`$(git rev-parse --short "$hash")\` | peak memory, new |"
    echo "|---|---|---|---|---|---|---|"
else
    echo "The working tree at HEAD \`$(git rev-parse --short HEAD)\` ($changed modified)."
    echo
    echo "| case | command | median wall time | peak memory |"
    echo "|---|---|---|---|"
fi

sized 1500x450
n_medan=$(count_scenarios data/medan/scenarios.toml)
row "match, data/medan (1,500 x 450)" match "${medan[@]}" --out target/t/medan --force
row "match, data/medan, without the advice" match "${medan[@]}" --no-advice --out target/t/medan-noadvice --force
row "match, data/medan, fair objective (with its advice)" match "${medan[@]}" --objective fair --out target/t/medan-fair --force
if [ "$quick" = 0 ]; then
    row "match, data/medan, cross-unit share 0.3, without the advice" match "${medan[@]}" --max-cross-unit-share 0.3 --no-advice --out target/t/medan-share03 --force
fi
row "match, generated 1500x450" match "${g1500[@]}" --out target/t/1500x450 --force
if [ "$quick" = 0 ]; then
    for size in 5000x1500 10000x3000; do
        sized "$size"
        mapfile -t g < <(cohort "$size")
        row "match, generated $size" match "${g[@]}" --out "target/t/$size" --force
    done
    sized 300x100
    mapfile -t g < <(cohort 300x100)
    row "match, generated 300x100, cross-unit share 0.3 (with its advice)" match "${g[@]}" --max-cross-unit-share 0.3 --out target/t/300x100-share03 --force
    gen city-dense --preset city-dense
    mapfile -t g < <(cohort city-dense)
    row "match, preset city-dense (10,000 x 3,000, all eligible)" match "${g[@]}" --out target/t/city-dense --force
    gen national --preset national
    mapfile -t g < <(cohort national)
    row "match, preset national (300,000 x 100,000, 608 agencies)" match "${g[@]}" --same-scope-only --out target/t/national --force
    n16=$(count_scenarios benches/medan16.toml)
    row "compare, $n16 scenarios on data/medan, 1 thread" compare benches/medan16.toml --out target/t/m16 --force -q --threads 1
    row "compare, $n16 scenarios on data/medan, 2 threads" compare benches/medan16.toml --out target/t/m16 --force -q --threads 2
fi
row "compare, data/medan/scenarios.toml ($n_medan scenarios), 2 threads" compare data/medan/scenarios.toml --out target/t/medan-scenarios --force -q --threads 2
