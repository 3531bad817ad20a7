#!/usr/bin/env bash
# Builds bimbing.exe for 64-bit Windows (10 or later) on Linux, cross-compiled with
# mingw-w64, for planners without Rust; with --smoke it is then run under wine and checked
# against the Linux build.
#
#   scripts/build-windows.sh [--smoke] [--no-install]        (from anywhere in the repository)
#
# Options:
#   --smoke        after the build, run bimbing.exe under wine and the Linux release build on
#                  data/example (`match --mentors data/example/mentors.csv --mentees
#                  data/example/mentees.csv --out DIR --reproducible`); fails unless both exit
#                  with the same code and write the same roster.csv, byte for byte (line
#                  endings included). Every other file of the two output folders is compared
#                  as well, and each one that differs is named.
#   --no-install   install nothing: name what is missing, and how to install it, and stop.
#   -h, --help     print this and exit.
#
# Needs rustup's target x86_64-pc-windows-gnu and the mingw-w64 linker (Debian's
# gcc-mingw-w64-x86-64), and for --smoke Debian's wine. What is missing is installed when
# it can be: the rustup target always, the Debian packages when run as root with apt-get;
# otherwise the script says what to run. The linker is given to cargo for this target only
# (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER, unless already set); no config is edited.
#
# Writes, under the cargo target folder (target/, or CARGO_TARGET_DIR) only:
#   windows/bimbing/                   what a planner gets: bimbing.exe (debug info
#                                      stripped), README.md, WINDOWS.md (docs/windows.md),
#                                      data/example/ and data/medan/
#   windows/bimbing-windows-x86_64.zip that folder as a zip (when zip or python3 is there)
#   windows/smoke/                     with --smoke: a throwaway wine prefix, made anew on
#                                      every run and used headless, and the two output
#                                      folders windows/ and linux/ with their terminal output
#
# Exit codes: 0 built (and the smoke test passed); 1 the build or the smoke test failed, or
# something needed is missing; 2 usage error.
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

smoke=0
install=1
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) smoke=1 ;;
        --no-install) install=0 ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "build-windows: unknown argument: $1" >&2
            usage >&2
            exit 2
            ;;
    esac
    shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
out="$target_dir/windows"
triple=x86_64-pc-windows-gnu
linker="${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc}"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER="$linker"

say() { echo "build-windows: $*"; }
die() {
    echo "build-windows: $*" >&2
    exit 1
}

# ---- the toolchain -------------------------------------------------------------------------

apt_updated=0
# apt_install PACKAGE...: installs Debian packages when root with apt-get, else says how.
apt_install() {
    if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        if [ "$apt_updated" = 0 ]; then
            say "apt-get update"
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
            apt_updated=1
        fi
        say "installing $* (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        die "missing: $*; install it with: sudo apt-get install $* (Debian or Ubuntu; on other systems the package of the same purpose)"
    fi
}

command -v cargo >/dev/null || die "cargo not found: install Rust from https://rustup.rs"
if command -v rustup >/dev/null; then
    installed_targets="$(rustup target list --installed)"
    if ! grep -qx "$triple" <<<"$installed_targets"; then
        if [ "$install" = 1 ]; then
            say "rustup target add $triple"
            rustup target add "$triple"
        else
            die "missing the Rust target $triple; install it with: rustup target add $triple"
        fi
    fi
elif [ ! -d "$(rustc --print sysroot)/lib/rustlib/$triple" ]; then
    die "the Rust toolchain has no target $triple and there is no rustup to add it"
fi
if ! command -v "$linker" >/dev/null; then
    [ "$linker" = x86_64-w64-mingw32-gcc ] ||
        die "linker $linker (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER) not found"
    apt_install gcc-mingw-w64-x86-64
    command -v "$linker" >/dev/null || die "linker $linker still not found"
fi
if [ "$smoke" = 1 ]; then
    command -v wine >/dev/null || apt_install wine
    command -v wine >/dev/null || die "wine still not found"
fi

# ---- the build -----------------------------------------------------------------------------

say "cargo build --release --locked --target $triple --bin bimbing (linker $linker)"
started=$SECONDS
# No debug info for the .exe (the release profile keeps some for profiling on Linux; the
# copy for planners is stripped anyway): a shorter build, and no 70 MB binary to strip.
CARGO_PROFILE_RELEASE_DEBUG=0 cargo build --release --locked --target "$triple" --bin bimbing
say "built in $((SECONDS - started)) s"

built="$target_dir/$triple/release/bimbing.exe"
[ -f "$built" ] || die "cargo reported success but $built is not there"
pack="$out/bimbing"
rm -rf "$pack"
mkdir -p "$pack/data/example" "$pack/data/medan"
strip="${linker%gcc}strip"
if command -v "$strip" >/dev/null; then
    "$strip" --strip-debug -o "$pack/bimbing.exe" "$built"
else
    cp "$built" "$pack/bimbing.exe"
fi
cp README.md "$pack/README.md"
cp docs/windows.md "$pack/WINDOWS.md"
cp data/example/mentors.csv data/example/mentees.csv "$pack/data/example/"
cp data/medan/mentors.csv data/medan/mentees.csv data/medan/scenarios.toml "$pack/data/medan/"
zip_file="$out/bimbing-windows-x86_64.zip"
rm -f "$zip_file"
if command -v zip >/dev/null; then
    (cd "$out" && zip -qr -X "$zip_file" bimbing)
elif command -v python3 >/dev/null; then
    (cd "$out" && python3 -m zipfile -c "$zip_file" bimbing)
else
    say "no zip nor python3 here: the folder only, no zip"
fi
say "bimbing.exe: $pack/bimbing.exe ($(wc -c <"$pack/bimbing.exe") bytes)"
[ -f "$zip_file" ] && say "for planners: $zip_file"

[ "$smoke" = 1 ] || exit 0

# ---- the smoke test under wine -------------------------------------------------------------

say "cargo build --release --locked --bin bimbing (the Linux build to compare with)"
cargo build --release --locked --bin bimbing
linux_exe="$target_dir/release/bimbing"

started=$SECONDS
smoke_dir="$out/smoke"
rm -rf "$smoke_dir"
mkdir -p "$smoke_dir"
export WINEPREFIX="$smoke_dir/wine-prefix"
export WINEDEBUG=-all
# no Mono or Gecko: a console program needs neither, and wineboot would offer to fetch them
export WINEDLLOVERRIDES="mscoree,mshtml="
stop_wine() { wineserver -k >/dev/null 2>&1 || true; }
trap stop_wine EXIT

say "wine prefix $WINEPREFIX ($(wine --version 2>/dev/null || echo 'wine, version unknown'))"
timeout 300 wine wineboot --init >"$smoke_dir/wineboot.log" 2>&1 ||
    die "wineboot --init failed (log: $smoke_dir/wineboot.log)"
timeout 120 wineserver -w || true
system32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$system32" ] || die "wineboot made no $system32 (log: $smoke_dir/wineboot.log)"
if [ ! -e "$system32/bcryptprimitives.dll" ]; then
    say "this wine has no bcryptprimitives.dll (wine gained it in 8.13), which every Rust"
    say "program for Windows needs: the prefix gets the stand-in of scripts/wine-bcryptprimitives.c"
    "$linker" -O2 -shared -s -o "$system32/bcryptprimitives.dll" \
        scripts/wine-bcryptprimitives.c -ladvapi32
fi

# run NAME COMMAND...: runs bimbing on data/example into $smoke_dir/NAME; sets rc_NAME.
run() {
    local name="$1"
    shift
    local rc=0
    timeout 300 "$@" match --mentors data/example/mentors.csv \
        --mentees data/example/mentees.csv --out "$smoke_dir/$name" --reproducible \
        >"$smoke_dir/$name.stdout" 2>"$smoke_dir/$name.stderr" || rc=$?
    [ "$rc" = 124 ] && say "$name: timed out after 300 s"
    printf -v "rc_$name" %s "$rc"
}
run windows wine "$pack/bimbing.exe"
run linux "$linux_exe"
say "smoke test ran in $((SECONDS - started)) s"

failed=0
echo "exit code: windows $rc_windows, linux $rc_linux"
if [ "$rc_windows" != "$rc_linux" ]; then
    echo "FAIL: the exit codes differ; windows stderr:"
    sed 's/^/  /' "$smoke_dir/windows.stderr"
    failed=1
fi
if [ ! -f "$smoke_dir/linux/roster.csv" ]; then
    echo "FAIL: the Linux build wrote no roster.csv"
    failed=1
fi
names="$(
    for side in windows linux; do
        [ -d "$smoke_dir/$side" ] && (cd "$smoke_dir/$side" && find . -type f | sed 's|^\./||')
    done | sort -u
)"
differing=""
for name in $names; do
    a="$smoke_dir/windows/$name"
    b="$smoke_dir/linux/$name"
    if [ ! -f "$a" ] || [ ! -f "$b" ]; then
        printf '  %-24s only in %s\n' "$name" "$([ -f "$a" ] && echo windows || echo linux)"
    elif cmp -s "$a" "$b"; then
        printf '  %-24s identical\n' "$name"
        continue
    else
        printf '  %-24s DIFFERS: %s\n' "$name" "$(cmp "$a" "$b" 2>&1 | sed 's|.*: ||' || true)"
        diff "$a" "$b" | head -n 8 | sed 's/^/      /' || true
    fi
    differing="$differing $name"
    [ "$name" = roster.csv ] && failed=1
done
line_ends() { if grep -q $'\r' "$1"; then echo CRLF; else echo LF; fi; }
if [ -f "$smoke_dir/windows/roster.csv" ] && [ -f "$smoke_dir/linux/roster.csv" ]; then
    echo "  line ends of roster.csv  windows $(line_ends "$smoke_dir/windows/roster.csv"), linux $(line_ends "$smoke_dir/linux/roster.csv")"
fi
if cmp -s <(sed '/^time /d' "$smoke_dir/windows.stdout") <(sed '/^time /d' "$smoke_dir/linux.stdout"); then
    echo "  terminal output          identical (but for its time line)"
else
    echo "  terminal output          differs (see $smoke_dir/*.stdout)"
fi
if [ "$failed" = 1 ]; then
    echo "FAIL: bimbing.exe under wine does not do what the Linux build does (folders in $smoke_dir)"
    exit 1
fi
if [ -n "$differing" ]; then
    echo "PASS, with differences in:$differing"
else
    echo "PASS: same exit code, and every file of the output folder byte for byte the same"
fi
