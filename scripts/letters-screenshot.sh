#!/usr/bin/env bash
# Writes the letters of the shipped Medan cohort (`bimbing match ... --letters DIR --lang id`)
# and takes a screenshot of one mentor's letter and one unit's list with headless Chromium
# (Debian: apt-get install -y chromium), each one A4 page at 150 dpi (1240x1754), into
# docs/letter-mentor.png and docs/letter-unit.png.
#
#   scripts/letters-screenshot.sh [MENTOR_NIP] [UNIT_PAGE]
#
# By default the first mentor of the mentors file with two mentees, and the list of Bappeda.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT

cargo build --release --quiet --bin bimbing
target/release/bimbing match --mentors data/medan/mentors.csv --mentees data/medan/mentees.csv \
  --out "$work/roster" --letters "$work/letters" --lang id --reproducible --no-advice --quiet

nip=${1:-$(awk -F, 'NR > 1 && $5 == 2 { print $1; exit }' "$work/roster/mentor_load.csv")}
mentor=$(ls "$work/letters" | grep -m1 "^mentor-$nip")
unit=${2:-$(ls "$work/letters" | grep -m1 -- '-bappeda\.html$')}

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "letters-screenshot.sh: no Chromium found (apt-get install -y chromium)" >&2
  exit 3
fi
shot() { # PAGE PNG
  # no network: every flag that would make Chromium reach out is off, and the pages have
  # no reference to fetch anyway
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --force-device-scale-factor=1.5 \
    --window-size=827,1169 --screenshot="$PWD/$2" "file://$work/letters/$1" 2>/dev/null
  echo "$2 ($1)"
}
shot "$mentor" docs/letter-mentor.png
shot "$unit" docs/letter-unit.png
