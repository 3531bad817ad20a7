#!/usr/bin/env bash
# Renders the HTML report of the shipped Medan scenarios and takes a screenshot of it with
# headless Chromium (Debian: apt-get install -y chromium), into docs/report.png.
#
#   scripts/screenshot.sh [OUT_PNG] [WIDTHxHEIGHT]
#
# The report is built by `bimbing compare ... --html`.
set -euo pipefail
cd "$(dirname "$0")/.."

png=${1:-docs/report.png}
case "$png" in /*) ;; *) png="$PWD/$png" ;; esac
size=${2:-1400x4900}
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT

cargo build --release --quiet --bin bimbing
target/release/bimbing compare data/medan/scenarios.toml --out "$work" \
  --html "$work/report.html" --reproducible --quiet

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "screenshot.sh: no Chromium found (apt-get install -y chromium)" >&2
  exit 3
fi
# no network: every flag that would make Chromium reach out is off, and the page has no
# reference to fetch anyway
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --screenshot="$png" "file://$work/report.html" 2>/dev/null
echo "$png"
