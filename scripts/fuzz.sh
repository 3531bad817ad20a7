#!/usr/bin/env bash
# Fuzzes the CSV readers (cohort, pairs file, previous roster), the workbook reader and the
# scenario/settings parser, each target for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 600 seconds, every target)
#
# Needs cargo-fuzz (installed when missing). cargo-fuzz wants a nightly compiler; on a
# stable toolchain RUSTC_BOOTSTRAP=1 unlocks the flags it needs. Targets run one after the
# other in one process each, so a shared machine keeps a core free. Crashes land in
# fuzz/artifacts/<target>/; each should become a regression test (see fuzz/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(cohort_csv scenario_toml pairs_csv roster_csv workbook)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

status=0
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    cp -n fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
    # a workbook is a zip archive of several parts: its inputs need more room
    max_len=8192
    [ "$target" = workbook ] && max_len=65536
    echo "== $target for ${seconds}s"
    if ! cargo fuzz run "$target" "$corpus" -- \
        -max_total_time="$seconds" -print_final_stats=1 -max_len="$max_len" \
        -timeout=20 -rss_limit_mb=2048; then
        echo "!! $target found a problem: see fuzz/artifacts/$target/"
        status=1
    fi
done
exit "$status"
