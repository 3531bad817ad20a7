#!/usr/bin/env bash
# Same answers: proves that the current working tree gives the same answers as the build of
# git revision BASE, case by case, under every rule family. A regression harness for
# rebuilding the core.
#
#   scripts/same-answers.sh [OPTIONS] BASE          (from the repository root, e.g. c8db2bf)
#
# Options:
#   --allow PATTERN    an output whose differences are expected: reported (with a diff summary)
#                      but not a failure. Repeatable, or comma-separated; also read from
#                      SAME_ANSWERS_ALLOW. PATTERN is a glob on a compared item (see below),
#                      matched against the item, its file part or its last path component, so
#                      `advice_units.csv` also covers `adil/advice_units.csv`. `CASEGLOB@PATTERN`
#                      limits it to some cases. The units per (scope, unit) of the rebuild
#                      (advice, the helps-most list, the findings' unit names):
#                        --allow 'scope-*@advice_units.csv' --allow 'scope-*@stdout:advice'
#                        --allow 'scope-*@stdout:rules'
#                        --allow 'scope-*@summary.json:rules.findings*'
#                      The advice under unit shares with a pairs file, which BASE could not
#                      prove and now is:
#                        --allow 'pairs-share05-g300-s1@advice*.csv'
#                        --allow 'pairs-share05-g300-s1@stdout*'
#                      Against a BASE before issue #25: a PPPK grade is shown as written (`X`,
#                      not its PNS step `III/b`) and `--lang id` keeps the CSV files' English
#                      headers: --allow '*-ex@*' for the cases of data/example (its mentor of
#                      grade X), after checking in diff.log that only grade cells and the
#                      Indonesian headers differ.
#   --only CASEGLOB    run only the cases whose name matches (repeatable)
#   --timeout SECONDS  per run of one binary (default 300, SAME_ANSWERS_TIMEOUT); a run that
#                      takes longer is killed and its case reported as a DIFF (timeout)
#   --float-tol X      relative tolerance for numbers in JSON files (default 0: exact;
#                      SAME_ANSWERS_FLOAT_TOL). CSV files are always compared byte for byte.
#   --recompare        build and run nothing: compare the output folders of the last run
#                      again (after editing the allowlist, or to test the comparison)
#   --slow             add the slow cases: the share advice on 2000x600, 300x90 (seed 2) and
#                      data/medan at 0.5 and 0.3 (1.5-4 minutes a run each; about 20 minutes more)
#   --list             print the case names and exit
#
# What it does:
#   1. Builds BASE: `git archive BASE | tar -x -m` into target/same-answers/base-src (no git
#      worktree is registered, so there is nothing to prune), then `cargo build --release
#      --locked` there with CARGO_TARGET_DIR=target/same-answers/base-target. The binary is
#      kept as target/same-answers/bin/bimbing-<full commit hash> and reused while that commit
#      is asked for. (`tar -m` gives the files the time of extraction, so cargo never takes an
#      older commit's sources for up to date.) Then `cargo build --release --locked` of the
#      working tree; its binary is copied to target/same-answers/bin/bimbing-current, so that
#      a concurrent build by somebody else cannot swap it mid-run. The log records HEAD and
#      the files modified against it.
#   2. Writes cohorts with BASE's `generate` into target/same-answers/run/cohorts: 20x6,
#      60x20 (seeds 1-3), 300x90 (seeds 1-2), 2000x600 (seeds 1-2) and the national preset at
#      3000x900 (seed 7, a `scope` column, 521 scopes); plus data/example and data/medan as
#      they are in BASE (`git archive BASE data/...`). From BASE runs it derives the inputs of
#      the rules: pairs files (locks from blocking pairs, which are eligible and not in the
#      roster, one per mentor; forbids of roster pairs), a pairs file that is bad input
#      (a mentee locked to two mentors), previous rosters for continuity (a run with
#      --weight-unit -0.2 --capacity 2), and settings files for per-unit lists (same_unit_only
#      for the three largest units, cross_unit_only for the next two) and per-unit share tables.
#   3. Runs every case with both binaries: `match ... --out CASE --reproducible` (or `compare
#      FILE --out CASE --reproducible`), from run/base and run/current, with the same absolute
#      input paths, so that even the terminal output must match. Rule families: plain and
#      scoring settings, pricing (--price-above, --candidates), --solver lp, pairs (lock and
#      forbid; bad input, exit code 2), same/cross-unit-only (all units by flag, listed units
#      by --settings), unit shares (0.3, 0.5, min_same_unit_share, per-unit tables), mentor
#      minimums, hour budgets, the fair objective, continuity, scopes (--same-scope-only with
#      most of the above), combinations, reports (--xlsx, --html, --lang id), and `compare`
#      of data/medan/scenarios.toml (with and without --perturb). `--list` prints them.
#      Left out for time (--slow adds the share advice cases): the share advice on 2000x600 (70-130 s
#      a run), on 300x90 seed 2 (about 130 s) and on data/medan (about 2 minutes at 0.5, 4 at
#      0.3; by default these run with --no-advice); data/medan with the fair objective and
#      shares (about 8 minutes); unit shares with minimums beyond 20x6 (microlp reaches its
#      60 s time limit already at 30x10, and a time-limited roster depends on the machine's
#      speed, so it could not be compared anyway).
#   4. Compares per case (items named as in the report):
#        exit             the exit code (a timeout is reported as `timeout`)
#        <file>           every file of the output folder, byte for byte (roster.csv,
#                         unmatched.csv, mentor_load.csv, blocking_pairs.csv, advice.csv,
#                         advice_units.csv, report.xlsx, report.html, comparison.csv/.md, ...);
#                         a file only one side wrote is a difference
#        <json>:<path>    JSON files (summary.json, comparison.json): equal bytes, or else equal
#                         after parsing with these fields left out, which legitimately differ:
#                           tool             the program's version string ("bimbing 0.1.0")
#                           timings          wall-clock times (absent with --reproducible)
#                           rows[].seconds   comparison.json's times (null with --reproducible)
#                         each differing field is its own item (summary.json:solver.detail)
#        answers          per summary.json: solver.status, counts.matched, totals.total_score,
#                         stability.blocking_pairs. Allowing `summary.json` does not allow this.
#        stdout           the terminal output, with the seconds of the `time` line and of
#                         compare's "N scenarios in X s" blanked; split into `stdout:solver`
#                         (the solver line), `stdout:advice` (the "where an extra mentor helps
#                         most" list), `stdout:rules` (the findings' `rule` lines) and
#                         `stdout` (the rest)
#        stderr           the error output
#      A `.bimbing-manifest.json` that only the current build writes (BASE predates the
#      manifests) is left out; where both write one it is compared like any file.
#      Equivalent, each checked, not a difference (`EQUIV`):
#        - summary.json fields that BASE does not write (ADDED_FIELDS: the inputs' paths from
#          the output folder, the outputs' and the rule files' hashes);
#        - the same findings in another order of ties (summary.json's list as a multiset;
#          the terminal's first findings each one of its own side's list);
#        - unmatched.csv's eligible mentors with ties in another order: the same rows,
#          reasons, counts and members, each run of increasing ids of the current list
#          holding the members of the same positions of BASE's (ties are ordered by id now,
#          by row before);
#        - the terminal's unmatched line naming also those the rules hold back, the reasons
#          adding up to the count;
#        - the helps-most list with the same gains rank by rank (units of equal gain swap);
#        - report.xlsx equal but for numbers within --float-tol (sums are exact now), and
#          report.html but for numbers one unit apart in their last shown digit;
#        - the same proven optimum reached in another number of network solves;
#        - another optimal roster: both `optimal`, as many matched, totals within
#          --float-tol, and then the files that follow from which roster is chosen
#          (ROSTER_FILES, stability, findings, the terminal's stability line) may differ;
#          advice*.csv never (advice values are optima of changed problems).
#   5. Prints `same   CASE`, `EQUIV  CASE: items (how)`, `DIFF   CASE: items` or `ALLOW  CASE:
#      items` (only allowed differences) per case, each differing item with how many lines differ; unified diff
#      excerpts of the first differing lines go to target/same-answers/diff.log, commands, exit
#      codes and times to target/same-answers/run.log. Last line: `N cases, N same, N
#      equivalent, N differ (N allowed)`. Exit code 0 when every case is the same, equivalent
#      or differs only where allowed,
#      1 otherwise, 2 when it could not run (usage, build).
#
# Time on this 2-core machine (92 cases, each run twice), measured: 7m17s from nothing
# (143 s to build BASE, 3 s for the cohorts and inputs, 290 s for the runs and comparisons);
# a rerun with the same BASE reuses its binary, about 5 minutes. The slowest case, 300x90 at
# a cross-unit share of 0.3 with advice, takes 34 s a side. When others load the machine the
# runs take up to twice as long. --slow adds about 15-20 minutes.
#
# Needs bash, git, cargo, python3 and coreutils' timeout. No network beyond what cargo needs.
set -euo pipefail

die() {
    echo "same-answers: $*" >&2
    exit 2
}

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

allow=()
only=()
base_rev=""
recompare=0
list_only=0
slow=0
timeout_s=${SAME_ANSWERS_TIMEOUT:-300}
float_tol=${SAME_ANSWERS_FLOAT_TOL:-0}
add_allow() {
    local part
    local -a parts
    IFS=',' read -r -a parts <<<"$1"
    for part in "${parts[@]}"; do
        [ -n "$part" ] && allow+=("$part")
    done
    return 0
}
add_allow "${SAME_ANSWERS_ALLOW:-}"
while [ $# -gt 0 ]; do
    case $1 in
        --allow) [ $# -ge 2 ] || die "--allow needs a pattern"; add_allow "$2"; shift 2 ;;
        --allow=*) add_allow "${1#--allow=}"; shift ;;
        --only) [ $# -ge 2 ] || die "--only needs a case glob"; only+=("$2"); shift 2 ;;
        --only=*) only+=("${1#--only=}"); shift ;;
        --timeout) [ $# -ge 2 ] || die "--timeout needs seconds"; timeout_s=$2; shift 2 ;;
        --timeout=*) timeout_s=${1#--timeout=}; shift ;;
        --float-tol) [ $# -ge 2 ] || die "--float-tol needs a number"; float_tol=$2; shift 2 ;;
        --float-tol=*) float_tol=${1#--float-tol=}; shift ;;
        --recompare) recompare=1; shift ;;
        --list) list_only=1; shift ;;
        --slow) slow=1; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) [ -z "$base_rev" ] || die "one BASE revision only"; base_rev=$1; shift ;;
    esac
done
[ -n "$base_rev" ] || [ "$list_only" = 1 ] || { usage >&2; exit 2; }

sa=$root/target/same-answers
run=$sa/run
C=$run/cohorts
P=$run/prep
I=$run/inputs
bin_dir=$sa/bin
run_log=$sa/run.log
diff_log=$sa/diff.log
t_start=$(date +%s)

log() { printf '%s\n' "$*" >>"$run_log"; }
say() { printf '%s\n' "$*"; log "$*"; }
elapsed() { echo $(($(date +%s) - t_start)); }

# ---------------------------------------------------------------------------------------
# The comparison and the input helpers (python3), written next to the runs.
write_python() {
    mkdir -p "$run"
    cat >"$run/same_answers.py" <<'PY'
"""Helpers of scripts/same-answers.sh: derive rule inputs; compare one case's two runs."""
import csv, difflib, fnmatch, hashlib, json, math, os, re, sys
from collections import Counter

# ---- inputs -------------------------------------------------------------------------------

def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))

def pairs(prep, out, k, same_unit="0"):
    """Locks: blocking pairs (eligible, not in the roster), one per mentee and per mentor
    (with same_unit=1 only pairs within a unit, which no unit share can refuse).
    Forbids: roster pairs of other mentees, spread over the roster."""
    k = int(k)
    roster = read_csv(os.path.join(prep, "roster.csv"))
    blocking = read_csv(os.path.join(prep, "blocking_pairs.csv"))
    mentee_unit = {r["mentee_id"]: r["mentee_unit"].strip().casefold() for r in roster}
    mentor_unit = {r["mentor_id"]: r["unit"].strip().casefold()
                   for r in read_csv(os.path.join(prep, "mentor_load.csv"))}
    locks, used_mentees, used_mentors = [], set(), set()
    for row in blocking:
        if len(locks) >= k:
            break
        a, b = row["mentee_id"], row["mentor_id"]
        if a in used_mentees or b in used_mentors:
            continue
        if same_unit == "1" and mentee_unit.get(a) != mentor_unit.get(b):
            continue
        locks.append((a, b))
        used_mentees.add(a)
        used_mentors.add(b)
    matched = [r for r in roster if r["mentor_id"] and r["mentee_id"] not in used_mentees]
    step = max(1, len(matched) // max(1, k))
    forbids = [(r["mentee_id"], r["mentor_id"]) for r in matched[::step][:k]]
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["mentee_id", "mentor_id", "rule"])
        for a, b in locks:
            w.writerow([a, b, "lock"])
        for a, b in forbids:
            w.writerow([a, b, "forbid"])
    print(f"{out}: {len(locks)} locks, {len(forbids)} forbids")

def bad_pairs(cohort, out):
    """A mentee locked to two mentors: bad input (exit code 2)."""
    mentee = read_csv(os.path.join(cohort, "mentees.csv"))[0]["id"]
    mentors = [r["id"] for r in read_csv(os.path.join(cohort, "mentors.csv"))][:2]
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["mentee_id", "mentor_id", "rule"])
        for m in mentors:
            w.writerow([mentee, m, "lock"])

def units_by_size(cohort):
    units = Counter(r["unit"].strip() for r in read_csv(os.path.join(cohort, "mentees.csv")))
    return [u for u, _ in sorted(units.items(), key=lambda x: (-x[1], x[0]))]

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)

def unit_lists(cohort, out):
    u = units_by_size(cohort)
    with open(out, "w", encoding="utf-8") as f:
        f.write("same_unit_only = [%s]\n" % ", ".join(toml_str(x) for x in u[0:3]))
        f.write("cross_unit_only = [%s]\n" % ", ".join(toml_str(x) for x in u[3:5]))

def share_table(cohort, out):
    u = units_by_size(cohort)
    with open(out, "w", encoding="utf-8") as f:
        f.write("max_cross_unit_share = { %s = 0.2, %s = 0.4 }\n" % (toml_str(u[0]), toml_str(u[1])))
        f.write("min_same_unit_share = { %s = 0.6 }\n" % toml_str(u[2]))

# ---- comparison ---------------------------------------------------------------------------

# Fields left out of JSON files before comparing (they legitimately differ between builds).
def strip_json(name, obj):
    if isinstance(obj, dict):
        obj.pop("tool", None)      # the version string
        obj.pop("timings", None)   # wall-clock times (absent with --reproducible)
        if os.path.basename(name) == "comparison.json":
            for row in obj.get("rows", []) or []:
                if isinstance(row, dict):
                    row.pop("seconds", None)   # times (null with --reproducible)
    return obj

def flatten(obj, prefix=""):
    out = {}
    if isinstance(obj, dict):
        if not obj:
            out[prefix] = {}
        for k, v in obj.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(obj, list):
        if not obj:
            out[prefix] = []
        for i, v in enumerate(obj):
            out.update(flatten(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = obj
    return out

def same_value(a, b, tol):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and tol > 0:
        return a == b or abs(a - b) <= tol * max(1.0, abs(a), abs(b))
    return a == b and type(a) == type(b)

def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")

TIME_LINE = re.compile(r"\d+(?:\.\d+)? s\b")

def terminal_sections(text):
    """The terminal output without its times, split into solver line, advice list, the
    findings' `rule` lines, rest."""
    sections = {"stdout": [], "stdout:solver": [], "stdout:advice": [], "stdout:rules": []}
    in_advice = False
    for line in text.splitlines(keepends=True):
        if line.startswith("time ") or re.match(r"^\d+ scenarios? in ", line):
            line = TIME_LINE.sub("<secs> s", line)
        if line.startswith("Where an extra mentor helps most"):
            in_advice = True
            sections["stdout:advice"].append(line)
            continue
        if in_advice and line.startswith("  "):
            sections["stdout:advice"].append(line)
            continue
        in_advice = False
        if line.startswith("solver "):
            sections["stdout:solver"].append(line)
        elif line.startswith("rule "):
            sections["stdout:rules"].append(line)
        else:
            sections["stdout"].append(line)
    return sections

# ---- equivalences: differences that are the same answer, each checked --------------------

# summary.json fields that newer builds add (absent in an older BASE): the paths of the
# inputs from the output folder, the hashes of the outputs and of the rule files, the
# language of the run.
ADDED_FIELDS = ["inputs.*.path_from_output", "outputs.*", "inputs.pairs*", "inputs.previous*", "lang"]

UNMATCHED_LINE = re.compile(r"^(unmatched +)(\d+): (.*?)(\r?\n?)$")
RULE_PARTS = re.compile(r"^\d+ (held back by the unit share rule|left out because the rules cannot all hold)$")

def unmatched_line_equiv(a, b):
    """Whether two terminal unmatched lines are the same but for the reasons of the rules
    that only `b` names (newer builds count those held back by a unit share and those the
    rules cannot hold): same total, the common reasons equal, all reasons adding up."""
    ma, mb = UNMATCHED_LINE.match(a), UNMATCHED_LINE.match(b)
    if not ma or not mb or ma.group(1, 2, 4) != mb.group(1, 2, 4):
        return False
    pa, pb = ma.group(3).split(", "), mb.group(3).split(", ")
    extra = [x for x in pb if RULE_PARTS.match(x)]
    if [x for x in pb if not RULE_PARTS.match(x)] != pa or any(RULE_PARTS.match(x) for x in pa):
        return False
    counts = [int(x.split(" ", 1)[0]) for x in pb]
    return sum(counts) == int(mb.group(2))

def tie_order_equiv(a, b):
    """Whether list `b` can be list `a` with ties reordered by id: the same members, and
    every maximal run of increasing ids in `b` (where a tie broken by id must lie) holds the
    same members as the same positions of `a`."""
    if len(a) != len(b) or sorted(a) != sorted(b):
        return False
    start = 0
    for k in range(1, len(b) + 1):
        if k == len(b) or not b[k - 1] < b[k]:
            if sorted(a[start:k]) != sorted(b[start:k]):
                return False
            start = k
    return True

def unmatched_csv_equiv(a, b):
    """unmatched.csv: the same rows, reasons and counts, each list of eligible mentors the
    same up to the order of ties (newer builds order ties by mentor id, older by row)."""
    ra = list(csv.reader(a.splitlines()))
    rb = list(csv.reader(b.splitlines()))
    if len(ra) != len(rb) or not ra or ra[0] != rb[0]:
        return False
    col = ra[0].index("eligible_mentors") if "eligible_mentors" in ra[0] else None
    if col is None:
        return False
    for x, y in zip(ra[1:], rb[1:]):
        if len(x) != len(y) or x[:col] + x[col + 1:] != y[:col] + y[col + 1:]:
            return False
        if not tie_order_equiv(x[col].split(";") if x[col] else [], y[col].split(";") if y[col] else []):
            return False
    return True

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")

def numbers_equiv(a, b, close):
    """Whether texts `a` and `b` are the same but for numbers, each pair `close`."""
    pa, pb = NUMBER.split(a), NUMBER.split(b)
    if pa != pb:
        return False
    return all(close(x, y) for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)))

def within(tol):
    return lambda x, y: x == y or abs(float(x) - float(y)) <= max(tol, 1e-15) * max(1.0, abs(float(x)), abs(float(y)))

def last_digit(x, y):
    """Two displayed numbers one unit apart in their last decimal (a value on a rounding
    boundary, summed in another order), or equal."""
    if x == y:
        return True
    dx = len(x.split(".")[1]) if "." in x else 0
    dy = len(y.split(".")[1]) if "." in y else 0
    return dx == dy and abs(float(x) - float(y)) <= 1.5 * 10 ** -dx

def xlsx_equiv(a, b, tol):
    """Two workbooks whose parts are the same but for numbers within `tol`."""
    import io, zipfile
    try:
        za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    except zipfile.BadZipFile:
        return False
    if sorted(za.namelist()) != sorted(zb.namelist()):
        return False
    for n in za.namelist():
        x, y = za.read(n), zb.read(n)
        if x != y and not numbers_equiv(x.decode("utf-8", "replace"), y.decode("utf-8", "replace"), within(tol)):
            return False
    return True

# Files and fields that follow from which of the optimal rosters is chosen; the advice values
# do not (they are optima of changed problems), so advice*.csv are never among them.
ROSTER_FILES = ("roster.csv", "mentor_load.csv", "blocking_pairs.csv", "unmatched.csv",
                "robustness.csv", "report.xlsx", "report.html")

class Case:
    def __init__(self, name, base, cur, log, allow, tol):
        self.name, self.base, self.cur, self.log, self.tol = name, base, cur, log, tol
        self.allow = allow
        self.items = []   # (item, summary, allowed)
        self.equiv = []   # (item, how): differing bytes, the same answer (checked)
        self.other_optimum = None   # set when both rosters are optimal with equal values
        self.same_optimum = False   # both optimal, as many matched, equal totals
        self.log_lines = []

    def equivalent(self, item, how):
        self.equiv.append((item, how))
        self.log_lines.append(f"--- {self.name}: {item}: equivalent ({how})")

    def allowed(self, item):
        cands = {item, item.split(":", 1)[0]}
        for pat in self.allow:
            if "@" in pat:
                case_glob, pat = pat.split("@", 1)
                if not fnmatch.fnmatchcase(self.name, case_glob):
                    continue
            for c in cands:
                if (fnmatch.fnmatchcase(c, pat) or fnmatch.fnmatchcase(c, "*/" + pat)
                        or fnmatch.fnmatchcase(c.rsplit("/", 1)[-1], pat)):
                    return True
        return False

    def differ(self, item, summary, excerpt=None):
        allowed = self.allowed(item)
        self.items.append((item, summary, allowed))
        self.log_lines.append(f"--- {self.name}: {item}: {summary}{' (allowed)' if allowed else ''}")
        if excerpt:
            self.log_lines.extend(excerpt)

    def text_diff(self, item, a, b):
        la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
        if len(la) + len(lb) > 60000:
            changed = sum(1 for x, y in zip(la, lb) if x != y) + abs(len(la) - len(lb))
            first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
            lo = max(0, first - 1)
            excerpt = [f"first difference at line {first + 1}"]
            excerpt += ["-" + x.rstrip("\n") for x in la[lo:first + 5]]
            excerpt += ["+" + x.rstrip("\n") for x in lb[lo:first + 5]]
        else:
            sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
            changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
            excerpt = [x.rstrip("\n") for x in difflib.unified_diff(
                la, lb, f"base/{self.name}/{item}", f"current/{self.name}/{item}", n=1)][:40]
        self.differ(item, f"{changed} of {max(len(la), len(lb))} lines", excerpt)

    def compare_file(self, rel):
        pa, pb = os.path.join(self.base, self.name, rel), os.path.join(self.cur, self.name, rel)
        with open(pa, "rb") as f:
            a = f.read()
        with open(pb, "rb") as f:
            b = f.read()
        if rel.endswith(".json"):
            self.compare_json(rel, a, b)
        if a == b:
            return
        if rel.endswith(".json"):
            return
        if os.path.basename(rel) == "report.xlsx" and xlsx_equiv(a, b, self.tol):
            self.equivalent(rel, "the same workbook but for numbers within the tolerance")
            return
        if os.path.basename(rel) == "report.html" and numbers_equiv(
                a.decode("utf-8", "replace"), b.decode("utf-8", "replace"), last_digit):
            self.equivalent(rel, "the same page but for numbers one unit apart in their last shown digit")
            return
        if self.other_optimum is not None and os.path.basename(rel) in ROSTER_FILES:
            self.equivalent(rel, f"another optimal roster ({self.other_optimum})")
            return
        if os.path.basename(rel) == "unmatched.csv" and unmatched_csv_equiv(
                a.decode("utf-8", "replace"), b.decode("utf-8", "replace")):
            self.equivalent(rel, "eligible mentors of equal score in another order")
            return
        if rel.endswith((".csv", ".md", ".html", ".txt", ".toml")):
            self.text_diff(rel, a.decode("utf-8", "replace"), b.decode("utf-8", "replace"))
        else:
            self.differ(rel, f"bytes differ ({len(a)} vs {len(b)} bytes, sha256 "
                        f"{hashlib.sha256(a).hexdigest()[:12]} vs {hashlib.sha256(b).hexdigest()[:12]})")

    def compare_json(self, rel, a, b):
        try:
            ja, jb = json.loads(a), json.loads(b)
        except ValueError:
            if a != b:
                self.text_diff(rel, a.decode("utf-8", "replace"), b.decode("utf-8", "replace"))
            return
        if os.path.basename(rel) == "summary.json":
            self.compare_answers(rel, ja, jb)
        if a == b:
            return
        ja, jb = strip_json(rel, ja), strip_json(rel, jb)
        fa_rules = ja.get("rules") if isinstance(ja, dict) else None
        fb_rules = jb.get("rules") if isinstance(jb, dict) else None
        if (isinstance(fa_rules, dict) and isinstance(fb_rules, dict)
                and isinstance(fa_rules.get("findings"), list)
                and isinstance(fb_rules.get("findings"), list)
                and fa_rules["findings"] != fb_rules["findings"]):
            key = lambda f: json.dumps(f, sort_keys=True)
            sa_, sb_ = sorted(fa_rules["findings"], key=key), sorted(fb_rules["findings"], key=key)
            if [key(f) for f in sa_] == [key(f) for f in sb_]:
                fa_rules["findings"], fb_rules["findings"] = sa_, sb_
                self.equivalent(f"{rel}:rules.findings", "the same findings, ties in another order")
        fa, fb = flatten(ja), flatten(jb)
        added = [k for k in fb if k not in fa and any(fnmatch.fnmatchcase(k, p) for p in ADDED_FIELDS)]
        if added:
            for k in added:
                del fb[k]
            self.equivalent(f"{rel}:added", f"{len(added)} fields that BASE does not write: "
                            + ", ".join(added[:4]) + (", ..." if len(added) > 4 else ""))
        keys = sorted(set(fa) | set(fb))
        bad = [k for k in keys if k not in fa or k not in fb or not same_value(fa[k], fb[k], self.tol)]
        if self.same_optimum and bad:
            follows = [k for k in bad if (self.other_optimum is not None
                                          and k.startswith(("stability.", "rules.findings", "units")))
                       or (k == "solver.detail" and k in fa and k in fb
                           and self.solver_equiv([str(fa[k])], [str(fb[k])]))]
            if follows:
                bad = [k for k in bad if k not in follows]
                self.equivalent(f"{rel}:{len(follows)} fields", f"the same optimum ({self.other_optimum or 'the same roster'}): "
                                + ", ".join(follows[:3]) + (", ..." if len(follows) > 3 else ""))
        for k in bad[:20]:
            va = json.dumps(fa[k]) if k in fa else "(absent)"
            vb = json.dumps(fb[k]) if k in fb else "(absent)"
            self.differ(f"{rel}:{k}", "value differs", [f"-{k} = {va}", f"+{k} = {vb}"])
        if len(bad) > 20:
            # The fields not listed one by one: allowed only when every one of them is.
            rest = bad[20:]
            unallowed = [k for k in rest if not self.allowed(f"{rel}:{k}")]
            item = f"{rel}:..." if unallowed else f"{rel}:{rest[0]}"
            self.differ(item, f"{len(rest)} more fields differ"
                        + (f", {len(unallowed)} not allowed (first {unallowed[0]})" if unallowed else ", all allowed"))

    def compare_answers(self, rel, ja, jb):
        def get(d, *path):
            for key in path:
                d = d.get(key) if isinstance(d, dict) else None
            return d
        def answers(j):
            return {"status": get(j, "solver", "status"), "matched": get(j, "counts", "matched"),
                    "total_score": get(j, "totals", "total_score"),
                    "blocking_pairs": get(j, "stability", "blocking_pairs")}
        aa, ab = answers(ja), answers(jb)
        where = os.path.dirname(rel)
        item = f"{where}/answers" if where else "answers"
        line = lambda d: " ".join(f"{k}={d[k]}" for k in d)
        self.log_lines.append(f"    {self.name}: {item}: base {line(aa)}")
        odd = [k for k in aa if not same_value(aa[k], ab[k], self.tol)]
        if odd == ["blocking_pairs"] and self.other_optimum is not None:
            self.equivalent(item, f"blocking pairs {aa['blocking_pairs']} vs {ab['blocking_pairs']}: another optimal roster ({self.other_optimum})")
        elif odd:
            self.differ(item, f"base {line(aa)}; current {line(ab)}")

    def summary(self, side):
        try:
            with open(os.path.join(side, self.name, "summary.json"), encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def findings_shown(self, la, lb):
        """The terminal's first findings: as many on both sides, each a finding of its own
        summary.json, the two summaries holding the same findings (checked there)."""
        if len(la) != len(lb):
            return False
        for side, lines in ((self.base, la), (self.cur, lb)):
            s = self.summary(side)
            msgs = [f.get("message", "") for f in (s or {}).get("rules", {}).get("findings", [])]
            for line in lines:
                text = line[len("rule"):].strip()
                if not text.startswith("...") and not any(text.startswith(m) for m in msgs):
                    return False
        return True

    def advice_shown(self, la, lb):
        """The helps-most list: the same gains rank by rank, the units named differing only
        where gains are equal (one rank's unit is another's of the same gain)."""
        if len(la) != len(lb):
            return False
        rx = re.compile(r"^(\s+\d+\. )(.*): (\+.*)$")
        for x, y in zip(la, lb):
            mx, my = rx.match(x), rx.match(y)
            if (mx is None) != (my is None):
                return False
            if mx is None:
                if x != y:
                    return False
            elif mx.group(1) != my.group(1) or mx.group(3) != my.group(3):
                return False
        return True

    def solver_equiv(self, la, lb):
        strip = lambda ls: [re.sub(r"\d+ network solves", "N network solves", l) for l in ls]
        return strip(la) == strip(lb)

    def find_other_optimum(self):
        """Both rosters optimal, as many matched, totals within the tolerance, the rosters
        not byte-identical: another of the optimal rosters."""
        sa, sb = self.summary(self.base), self.summary(self.cur)
        if not sa or not sb:
            return
        get = lambda d, *p: (d.get(p[0]) if len(p) == 1 else get(d.get(p[0]) or {}, *p[1:])) if isinstance(d, dict) else None
        ok = (get(sa, "solver", "status") == "optimal" == get(sb, "solver", "status")
              and get(sa, "counts", "matched") == get(sb, "counts", "matched")
              and isinstance(get(sa, "totals", "total_score"), (int, float))
              and same_value(get(sa, "totals", "total_score"), get(sb, "totals", "total_score"), max(self.tol, 1e-15)))
        self.same_optimum = ok
        ra, rb = (os.path.join(d, self.name, "roster.csv") for d in (self.base, self.cur))
        if ok and os.path.exists(ra) and os.path.exists(rb):
            with open(ra, "rb") as f, open(rb, "rb") as g:
                if f.read() != g.read():
                    self.other_optimum = (f"total {get(sa, 'totals', 'total_score')!r} vs "
                                          f"{get(sb, 'totals', 'total_score')!r}, both proven optimal")

    def run(self):
        self.find_other_optimum()
        rc = {}
        for side, d in (("base", self.base), ("current", self.cur)):
            try:
                rc[side] = read_text(os.path.join(d, self.name + ".rc")).strip()
            except OSError:
                rc[side] = "(not run)"
        if rc["base"] != rc["current"] or "124" in rc.values() or "137" in rc.values():
            timeouts = [s for s in rc if rc[s] in ("124", "137")]
            if timeouts:
                self.differ("timeout", f"{'/'.join(timeouts)} killed after the time limit (exit {rc['base']} vs {rc['current']})")
            else:
                self.differ("exit", f"{rc['base']} vs {rc['current']}")
        sa = terminal_sections(read_text(os.path.join(self.base, self.name + ".stdout")))
        sb = terminal_sections(read_text(os.path.join(self.cur, self.name + ".stdout")))
        for k in sa:
            if sa[k] == sb[k]:
                continue
            if k == "stdout" and len(sa[k]) == len(sb[k]):
                odd = [(x, y) for x, y in zip(sa[k], sb[k]) if x != y]
                if all(unmatched_line_equiv(x, y) for x, y in odd):
                    self.equivalent(k, "the unmatched line also counts the mentees the rules hold back")
                    continue
            if k == "stdout:rules" and sorted(sa[k]) == sorted(sb[k]):
                self.equivalent(k, "the same findings, ties in another order")
                continue
            if k == "stdout:rules" and self.findings_shown(sa[k], sb[k]):
                self.equivalent(k, "the first findings of the same list, ties in another order")
                continue
            if k == "stdout:advice" and self.advice_shown(sa[k], sb[k]):
                self.equivalent(k, "the same gains, units of equal gain in another order")
                continue
            if k == "stdout:solver" and self.same_optimum and self.solver_equiv(sa[k], sb[k]):
                self.equivalent(k, "the same proven optimum, reached in another number of solves")
                continue
            if k == "stdout" and self.other_optimum is not None and all(
                    x == y or unmatched_line_equiv(x, y) or x.startswith("stability ")
                    for x, y in zip(sa[k], sb[k])) and len(sa[k]) == len(sb[k]):
                self.equivalent(k, f"another optimal roster ({self.other_optimum})")
                continue
            self.text_diff(k, "".join(sa[k]), "".join(sb[k]))
        ea = read_text(os.path.join(self.base, self.name + ".stderr"))
        eb = read_text(os.path.join(self.cur, self.name + ".stderr"))
        if ea != eb:
            self.text_diff("stderr", ea, eb)
        def files(top):
            out = set()
            top = os.path.join(top, self.name)
            for dp, _, fs in os.walk(top):
                for f in fs:
                    out.add(os.path.relpath(os.path.join(dp, f), top))
            return out
        fa, fb = files(self.base), files(self.cur)
        for rel in sorted(fa | fb):
            if rel not in fb:
                self.differ(rel, "only in base")
            elif rel not in fa:
                if os.path.basename(rel) == ".bimbing-manifest.json":
                    # A BASE older than the manifests writes none; its hashes are of the
                    # files compared here anyway.
                    continue
                self.differ(rel, "only in current")
            else:
                self.compare_file(rel)
        # report
        bad = [i for i in self.items if not i[2]]
        ok = [i for i in self.items if i[2]]
        fmt = lambda items: ", ".join(f"{i} ({s})" for i, s, _ in items)
        eq = "; ".join(f"{i} ({h})" for i, h in self.equiv)
        if not self.items and not self.equiv:
            print(f"same   {self.name}")
        elif not self.items:
            print(f"EQUIV  {self.name}: {eq}")
        elif bad:
            print(f"DIFF   {self.name}: {fmt(bad)}" + (f"; allowed: {fmt(ok)}" if ok else ""))
        else:
            print(f"ALLOW  {self.name}: {fmt(ok)}")
        with open(self.log, "a", encoding="utf-8") as f:
            for l in self.log_lines:
                f.write(l + "\n")
        if not self.items:
            return 4 if self.equiv else 0
        return 1 if bad else 3

def compare(name, base, cur, log, tol, *allow):
    sys.exit(Case(name, base, cur, log, list(allow), float(tol)).run())

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"pairs": pairs, "bad-pairs": bad_pairs, "unit-lists": unit_lists,
     "share-table": share_table, "compare": compare}[cmd](*args)
PY
}

# ---------------------------------------------------------------------------------------
# Builds.
build_base() {
    local hash=$1
    base_bin=$bin_dir/bimbing-$hash
    if [ -x "$base_bin" ]; then
        say "base     $hash: reusing $base_bin"
        return
    fi
    say "base     $hash: building in target/same-answers/base-src (CARGO_TARGET_DIR=target/same-answers/base-target)"
    local t0 src=$sa/base-src
    t0=$(date +%s)
    rm -rf "$src"
    mkdir -p "$src" "$bin_dir"
    git archive --format=tar "$hash" | tar -x -m -C "$src"
    if ! (cd "$src" && CARGO_TARGET_DIR=$sa/base-target cargo build --release --locked --bin bimbing) \
        >>"$sa/build.log" 2>&1; then
        tail -n 30 "$sa/build.log" >&2
        die "the build of $hash failed (see target/same-answers/build.log)"
    fi
    cp "$sa/base-target/release/bimbing" "$base_bin.tmp"
    mv "$base_bin.tmp" "$base_bin"
    say "base     built in $(($(date +%s) - t0)) s"
}

build_current() {
    local t0 target_dir
    t0=$(date +%s)
    say "current  HEAD $(git rev-parse --short HEAD), building the working tree"
    local changed
    changed=$(git status --porcelain --untracked-files=no | wc -l)
    log "current  files modified against HEAD: $changed"
    git status --porcelain --untracked-files=no >>"$run_log"
    if ! cargo build --release --locked --bin bimbing >>"$sa/build.log" 2>&1; then
        tail -n 30 "$sa/build.log" >&2
        die "the build of the working tree failed (see target/same-answers/build.log)"
    fi
    target_dir=$(cargo metadata --format-version 1 --no-deps --offline 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])') ||
        target_dir=$root/target
    cur_bin=$bin_dir/bimbing-current
    cp "$target_dir/release/bimbing" "$cur_bin.tmp"
    mv "$cur_bin.tmp" "$cur_bin"
    say "current  built in $(($(date +%s) - t0)) s ($changed files modified against HEAD)"
}

# ---------------------------------------------------------------------------------------
# Cohorts and the rules' inputs (all made by BASE, read by both binaries).
prepare() {
    local hash=$1 b=$base_bin py=$run/same_answers.py
    mkdir -p "$C" "$P" "$I"
    git archive --format=tar "$hash" data/example data/medan | tar -x -C "$C"
    mv "$C/data/example" "$C/ex"
    mv "$C/data/medan" "$C/medan"
    rmdir "$C/data"
    gen() { "$b" generate --mentees "$2" --mentors "$3" --seed "$4" ${5:+--preset "$5"} --out "$C/$1" >>"$run_log" 2>&1; }
    gen g20-s1 20 6 1
    gen g60-s1 60 20 1
    gen g60-s2 60 20 2
    gen g60-s3 60 20 3
    gen g300-s1 300 90 1
    gen g300-s2 300 90 2
    gen g2000-s1 2000 600 1
    gen g2000-s2 2000 600 2
    gen nat-s7 3000 900 7 national
    prep() { # NAME COHORT ARGS... : a BASE run whose output feeds a rule
        local name=$1 c=$2
        shift 2
        "$b" match --mentors "$C/$c/mentors.csv" --mentees "$C/$c/mentees.csv" --out "$P/$name" \
            --reproducible --no-advice -q "$@" >>"$run_log" 2>&1
    }
    local c
    for c in ex g60-s1 g300-s1 medan g2000-s1; do
        prep "$c" "$c"
        python3 "$py" pairs "$P/$c" "$I/pairs-$c.csv" 8 >>"$run_log"
    done
    python3 "$py" pairs "$P/g60-s1" "$I/pairs-sameunit-g60-s1.csv" 8 1 >>"$run_log"
    python3 "$py" pairs "$P/g300-s1" "$I/pairs-sameunit-g300-s1.csv" 8 1 >>"$run_log"
    prep nat-s7 nat-s7 --same-scope-only
    python3 "$py" pairs "$P/nat-s7" "$I/pairs-nat-s7.csv" 12 >>"$run_log"
    python3 "$py" bad-pairs "$C/ex" "$I/badpairs-ex.csv"
    for c in medan g300-s1 g2000-s1; do
        prep "prev-$c" "$c" --weight-unit -0.2 --capacity 2
        cp "$P/prev-$c/roster.csv" "$I/previous-$c.csv"
    done
    for c in medan g300-s1 g2000-s1 nat-s7; do
        python3 "$py" unit-lists "$C/$c" "$I/unit-lists-$c.toml"
    done
    for c in g60-s1 g300-s1; do
        python3 "$py" share-table "$C/$c" "$I/share-table-$c.toml"
    done
}

# ---------------------------------------------------------------------------------------
# Cases.
n_cases=0
n_same=0
n_equiv=0
n_diff=0
n_allowed=0
case_names=()

selected() {
    [ ${#only[@]} -eq 0 ] && return 0
    local g
    for g in "${only[@]}"; do
        # shellcheck disable=SC2053
        [[ $1 == $g ]] && return 0
    done
    return 1
}

run_side() { # SIDE BIN CASE ARGS... (ARGS may hold @OUT@ for the output folder)
    local side=$1 bin=$2 name=$3
    shift 3
    local args=() a t0 t1 rc=0
    for a in "$@"; do args+=("${a//@OUT@/$name}"); done
    mkdir -p "$run/$side"
    log "$side $name: bimbing ${args[*]} --out $name --reproducible"
    t0=$(date +%s.%N)
    (cd "$run/$side" && timeout -k 10 "$timeout_s" "$bin" "${args[@]}" --out "$name" --reproducible \
        >"$name.stdout" 2>"$name.stderr") || rc=$?
    t1=$(date +%s.%N)
    echo "$rc" >"$run/$side/$name.rc"
    log "$side $name: exit $rc in $(python3 -c "print(f'{$t1 - $t0:.2f}')") s"
}

one_case() { # NAME ARGS...
    local name=$1
    shift
    case_names+=("$name")
    [ "$list_only" = 1 ] && { echo "$name"; return 0; }
    selected "$name" || return 0
    if [ "$recompare" = 0 ]; then
        rm -rf "$run/base/$name" "$run/current/$name"
        run_side base "$base_bin" "$name" "$@"
        run_side current "$cur_bin" "$name" "$@"
    elif [ ! -e "$run/base/$name.rc" ]; then
        return 0
    fi
    local rc=0
    python3 "$run/same_answers.py" compare "$name" "$run/base" "$run/current" "$diff_log" \
        "$float_tol" ${allow[@]+"${allow[@]}"} || rc=$?
    n_cases=$((n_cases + 1))
    case $rc in
        0) n_same=$((n_same + 1)) ;;
        4) n_equiv=$((n_equiv + 1)) ;;
        3) n_diff=$((n_diff + 1)); n_allowed=$((n_allowed + 1)) ;;
        *) n_diff=$((n_diff + 1)) ;;
    esac
}

m() { # NAME COHORT ARGS... : bimbing match on a cohort
    local name=$1 c=$2
    shift 2
    one_case "$name" match --mentors "$C/$c/mentors.csv" --mentees "$C/$c/mentees.csv" "$@"
}

cases() {
    # plain, scoring settings, pricing
    local c
    for c in ex medan g60-s1 g60-s2 g60-s3 g300-s1 g300-s2 g2000-s1 g2000-s2; do
        m "plain-$c" "$c"
    done
    m weights-medan medan --weight-complementarity 0.5 --weight-unit -0.2 --weight-workload 0.3 --target 4 --capacity 2
    m merit-g300-s1 g300-s1 --min-grade-gap 2
    m allpairs-g2000-s1 g2000-s1 --candidates 0
    m pricing-g2000-s1 g2000-s1 --price-above 100000
    m pricing-cand5-g2000-s2 g2000-s2 --price-above 100000 --candidates 5
    m reports-lang-id-ex ex --lang id --xlsx @OUT@/report.xlsx --html @OUT@/report.html
    m reports-medan medan --xlsx @OUT@/report.xlsx --html @OUT@/report.html
    # the LP method
    m lp-ex ex --solver lp
    m lp-g60-s1 g60-s1 --solver lp
    m lp-g60-s2 g60-s2 --solver lp
    m lp-g300-s1 g300-s1 --solver lp
    # pairs: locks and forbids
    for c in ex g60-s1 g300-s1 medan g2000-s1; do
        m "pairs-$c" "$c" --pairs "$I/pairs-$c.csv"
    done
    m pairs-lp-g60-s1 g60-s1 --solver lp --pairs "$I/pairs-g60-s1.csv"
    m badpairs-ex ex --pairs "$I/badpairs-ex.csv"
    # unit-only rules
    m sameunit-medan medan --same-unit-only
    m sameunit-g300-s1 g300-s1 --same-unit-only
    m crossunit-g300-s1 g300-s1 --cross-unit-only
    for c in medan g300-s1 g2000-s1; do
        m "unitlists-$c" "$c" --settings "$I/unit-lists-$c.toml"
    done
    # unit shares
    m share03-g60-s1 g60-s1 --max-cross-unit-share 0.3
    m share05-g60-s1 g60-s1 --max-cross-unit-share 0.5
    m share03-g60-s2 g60-s2 --max-cross-unit-share 0.3
    m share05-g60-s3 g60-s3 --max-cross-unit-share 0.5
    m minsame07-g60-s1 g60-s1 --min-same-unit-share 0.7
    m minsame05-g60-s2 g60-s2 --min-same-unit-share 0.5
    m sharetable-g60-s1 g60-s1 --settings "$I/share-table-g60-s1.toml"
    m sharetable-g300-s1-noadvice g300-s1 --settings "$I/share-table-g300-s1.toml" --no-advice
    m share05-g300-s1 g300-s1 --max-cross-unit-share 0.5
    m share03-g300-s1 g300-s1 --max-cross-unit-share 0.3
    m minsame07-g300-s1-noadvice g300-s1 --min-same-unit-share 0.7 --no-advice
    m share05-medan-noadvice medan --max-cross-unit-share 0.5 --no-advice
    m share05-g2000-s1-noadvice g2000-s1 --max-cross-unit-share 0.5 --no-advice
    # mentor minimums
    m min1-ex ex --min-mentees 1
    m min3-g60-s1 g60-s1 --min-mentees 3
    m min1-medan medan --min-mentees 1
    m min2-g300-s1 g300-s1 --min-mentees 2
    m min1-g2000-s1 g2000-s1 --min-mentees 1
    # hour budgets
    m hours-medan medan --hours-per-mentee 2 --max-hours 6
    m hoursused-g300-s1 g300-s1 --hours-per-mentee 2 --hours-used 1 --max-hours 7
    m hours-g2000-s1 g2000-s1 --hours-per-mentee 3 --max-hours 8
    # the fair objective
    for c in ex medan g60-s1 g300-s1 g2000-s1; do
        m "fair-$c" "$c" --objective fair
    done
    # continuity
    m cont-medan medan --previous "$I/previous-medan.csv"
    m cont02-g300-s1 g300-s1 --previous "$I/previous-g300-s1.csv" --continuity-bonus 0.2
    m cont-g2000-s1 g2000-s1 --previous "$I/previous-g2000-s1.csv" --continuity-bonus 0.1
    # scopes
    local n=nat-s7
    m scope-nat "$n" --same-scope-only
    m scope-nat-fair "$n" --same-scope-only --objective fair
    m scope-nat-share03 "$n" --same-scope-only --max-cross-unit-share 0.3
    m scope-nat-share05 "$n" --same-scope-only --max-cross-unit-share 0.5
    m scope-nat-minsame06 "$n" --same-scope-only --min-same-unit-share 0.6
    m scope-nat-min1-hours "$n" --same-scope-only --min-mentees 1 --hours-per-mentee 2 --max-hours 6
    m scope-nat-pairs "$n" --same-scope-only --pairs "$I/pairs-nat-s7.csv"
    m scope-nat-sameunit "$n" --same-scope-only --same-unit-only
    m scope-nat-unitlists "$n" --same-scope-only --settings "$I/unit-lists-nat-s7.toml"
    m scope-nat-fair-share05 "$n" --same-scope-only --objective fair --max-cross-unit-share 0.5
    m scope-nat-fair-min1 "$n" --same-scope-only --objective fair --min-mentees 1
    # combinations
    m fair-share05-g60-s2 g60-s2 --objective fair --max-cross-unit-share 0.5
    m fair-share03-g60-s1 g60-s1 --objective fair --max-cross-unit-share 0.3
    m fair-share05-g300-s1 g300-s1 --objective fair --max-cross-unit-share 0.5
    m fair-share03-g300-s1-noadvice g300-s1 --objective fair --max-cross-unit-share 0.3 --no-advice
    m fair-min1-medan medan --objective fair --min-mentees 1
    m fair-min5-hours-g300-s1 g300-s1 --objective fair --min-mentees 5 --hours-per-mentee 2 --max-hours 8
    m fair-pairs-g300-s1 g300-s1 --objective fair --pairs "$I/pairs-g300-s1.csv"
    m fair-cont-medan medan --objective fair --previous "$I/previous-medan.csv"
    m min1-hours-medan medan --min-mentees 1 --hours-per-mentee 2 --max-hours 6
    m min2-hours-g2000-s1 g2000-s1 --min-mentees 2 --hours-per-mentee 2 --max-hours 6
    m share05-min1-ex ex --max-cross-unit-share 0.5 --min-mentees 1
    m share05-min1-g20-s1 g20-s1 --max-cross-unit-share 0.5 --min-mentees 1
    m pairs-hours-min1-g300-s1 g300-s1 --pairs "$I/pairs-g300-s1.csv" --hours-per-mentee 2 --max-hours 6 --min-mentees 1
    m cont-min1-medan medan --previous "$I/previous-medan.csv" --min-mentees 1
    m pairs-share05-infeasible-g60-s1 g60-s1 --pairs "$I/pairs-g60-s1.csv" --max-cross-unit-share 0.5
    m pairs-share05-g60-s1 g60-s1 --pairs "$I/pairs-sameunit-g60-s1.csv" --max-cross-unit-share 0.5
    m pairs-share05-g300-s1 g300-s1 --pairs "$I/pairs-sameunit-g300-s1.csv" --max-cross-unit-share 0.5
    # scenarios side by side
    one_case compare-medan compare "$C/medan/scenarios.toml"
    one_case compare-medan-perturb compare "$C/medan/scenarios.toml" --perturb 10%
    # --slow: the share advice on larger cohorts, minutes a run
    if [ "$slow" = 1 ]; then
        m slow-share05-g2000-s1 g2000-s1 --max-cross-unit-share 0.5
        m slow-share05-g300-s2 g300-s2 --max-cross-unit-share 0.5
        m slow-share05-medan medan --max-cross-unit-share 0.5
        m slow-share03-medan medan --max-cross-unit-share 0.3
    fi
}

# ---------------------------------------------------------------------------------------
if [ "$list_only" = 1 ]; then
    cases
    exit 0
fi

mkdir -p "$sa" "$bin_dir"
hash=$(git rev-parse --verify --quiet "${base_rev}^{commit}") || die "$base_rev is not a commit"
if [ "$recompare" = 0 ]; then
    : >"$run_log"
    : >"$diff_log"
    log "same-answers $base_rev ($hash) started $(date -u +%FT%TZ)"
    build_base "$hash"
    build_current
    rm -rf "$run"
    write_python
    prepare "$hash"
    log "prepared cohorts and inputs at $(elapsed) s"
else
    [ -d "$run" ] || die "no earlier run to compare again (target/same-answers/run)"
    : >"$diff_log"
    write_python
    log "recompare $(date -u +%FT%TZ)"
fi
say "BASE $hash against the working tree; ${#allow[@]} allow pattern(s)${allow[*]+: ${allow[*]}}"

cases

if [ "$n_diff" -gt 0 ]; then
    echo "diff excerpts: target/same-answers/diff.log; commands and times: target/same-answers/run.log"
fi
say "took $(elapsed) s"
say "$n_cases cases, $n_same same, $n_equiv equivalent, $n_diff differ ($n_allowed allowed)"
[ "$n_diff" -eq "$n_allowed" ]
