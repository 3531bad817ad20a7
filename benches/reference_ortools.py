#!/usr/bin/env python3
"""Independent reference for `bimbing match`: numpy scoring + OR-Tools min-cost flow.

Run by hand, never in CI. It reads the same two CSV files as `bimbing match`, scores every
eligible pair with the model of docs/reference.md ("The scoring model") using numpy, and
solves the same lexicographic assignment (first the most mentees matched, then the highest
total score) with OR-Tools' C++ min-cost flow (`SimpleMinCostFlow`). It shares no code with
bimbing, so agreement of the matched count and the total score is a check of both.

Setup (any machine with Python 3.9+):

    python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install ortools numpy

Usage:

    python benches/reference_ortools.py --mentors M.csv --mentees E.csv \
        [--weights 0.6,0.2,0.2] [--target 3] [--capacity 3] [--min-grade-gap 1] \
        [--same-scope-only] [--compare DIR/summary.json]

It prints one JSON line: mentees, mentors, eligible pairs, matched count, total score (6
decimals) and the times (read+score, build, solve, total) in seconds. With `--compare` it also
reads a bimbing `summary.json`, adds to that line whether the matched counts are equal and
the totals agree within 1e-6, and exits 1 if they do not.

The flow network. Nodes: mentees 0..n-1 (supply 1 each: the "source -> mentee, capacity 1"
arcs folded into supplies), mentors n..n+m-1, one sink (demand n). Arcs:
- mentee -> mentor, capacity 1, cost round((s_max - s) * scale), one per eligible pair;
- mentor -> sink, capacity = the mentor's capacity;
- mentee -> sink ("unmatched"), capacity 1, cost BIG = n * (largest pair cost) + 1.
Every unmatched mentee costs more than any difference in pair costs over a whole roster, so
the minimum-cost flow matches the most mentees and, among those, has the highest rounded
score. `scale` is the largest power of ten up to 1e9 (bimbing's own resolution) that keeps
every cost, scaled by OR-Tools' (nodes + 1), and the total cost well inside int64. The total
score reported is the sum of the float scores of the chosen pairs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

HEADER_ALIASES = {
    "instansi": "scope",
    "nip": "id",
    "nama": "name",
    "unit_kerja": "unit",
    "opd": "unit",
    "golongan": "grade",
    "kapasitas": "capacity",
    "beban_kerja": "workload",
}

ROMAN = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]
RUANG_PER_GOLONGAN = [4, 4, 4, 5]
MAX_RANK = 99

# Mentee rows per scoring chunk are chosen so that one (rows x mentors) float64 array stays
# near this many elements (32 MB); a handful of such arrays are alive at once.
CHUNK_ELEMENTS = 4_000_000


class InputProblem(Exception):
    """A problem with an input file (reported and exit code 2)."""


# --------------------------------------------------------------------------- reading


def decode(data: bytes) -> str:
    """UTF-8 (a BOM dropped), else Windows-1252 with the five undefined bytes kept as C1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(
            b.to_bytes(1, "little").decode("cp1252") if 0x80 <= b <= 0x9F
            and b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
            for b in data
        )


def detect_delimiter(text: str) -> str:
    """`,`, `;` or tab: whichever occurs most outside quotes on the header line (`,` on a tie)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c in "\r\n" and not quoted:
            break
        elif c in counts and not quoted:
            counts[c] += 1
    best = ","
    for d in (";", "\t"):
        if counts[d] > counts[best]:
            best = d
    return best


def canonical_header(raw: str) -> str:
    lower = raw.strip().lower()
    if ":" in lower:
        prefix, rest = lower.split(":", 1)
        return f"{prefix.strip()}:{rest.strip()}"
    return HEADER_ALIASES.get(lower, lower)


_NUMBER_CHARS = set("0123456789.-+eE")


def parse_number(text: str, decimal_comma: bool) -> float | None:
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    if not text or not set(text) <= _NUMBER_CHARS:
        return None
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_grade(text: str) -> int | None:
    """Step on the ladder: I/a = 1 .. IV/e = 17; PPPK I..XVII; a whole number 1..99."""
    compact = "".join(text.split()).upper()
    if not compact:
        return None
    if "/" in compact:
        gol, ruang = compact.split("/", 1)
        if gol not in ROMAN[:4] or len(ruang) != 1 or not ("A" <= ruang <= "Z"):
            return None
        g = ROMAN.index(gol) + 1
        r = ord(ruang) - ord("A")
        if r >= RUANG_PER_GOLONGAN[g - 1]:
            return None
        return sum(RUANG_PER_GOLONGAN[: g - 1]) + r + 1
    if compact.isascii() and compact.isdigit():
        v = int(compact)
        return v if 1 <= v <= MAX_RANK and v < 256 else None
    roman = compact[4:] if compact.startswith("PPPK") else compact
    return ROMAN.index(roman) + 1 if roman in ROMAN else None


class Table:
    def __init__(self, path: str):
        self.path = path
        with open(path, "rb") as f:
            text = decode(f.read())
        if not text.strip():
            raise InputProblem(f"{path}: the file is empty")
        self.delimiter = detect_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        header = next(reader)
        self.headers = [canonical_header(h) for h in header]
        self.rows: list[list[str]] = []
        for rec in reader:
            if len(rec) == 0 or (len(rec) == 1 and not rec[0].strip()):
                continue
            if len(rec) != len(self.headers):
                raise InputProblem(
                    f"{path}:{reader.line_num}: the row has {len(rec)} fields "
                    f"but the header has {len(self.headers)}"
                )
            self.rows.append([c.strip() for c in rec])
        if not self.rows:
            raise InputProblem(f"{path}: the file has a header but no data rows")

    def column(self, name: str) -> int | None:
        try:
            return self.headers.index(name)
        except ValueError:
            return None

    def need(self, name: str) -> int:
        c = self.column(name)
        if c is None:
            raise InputProblem(f"{self.path}: missing column {name!r}")
        return c

    def numbers(self, col: int | None, lo: float | None, what: str) -> np.ndarray:
        """One float per row, NaN where the column is absent or the cell empty."""
        out = np.full(len(self.rows), np.nan)
        if col is None:
            return out
        dc = self.delimiter != ","
        for r, row in enumerate(self.rows):
            cell = row[col]
            if not cell:
                continue
            v = parse_number(cell, dc)
            if v is None or (lo is not None and v < lo):
                raise InputProblem(f"{self.path}: row {r + 2}: bad {what}: {cell!r}")
            out[r] = v
        return out

    def levels(self, col: int | None, what: str) -> np.ndarray:
        v = self.numbers(col, None, what)
        bad = ~np.isnan(v) & ((v < 1.0) | (v > 5.0))
        if bad.any():
            r = int(np.argmax(bad))
            raise InputProblem(f"{self.path}: row {r + 2}: {what} must be between 1 and 5")
        return v


def people(table: Table):
    """ids, unit keys, scope keys, grade steps of one file."""
    cid, cunit, cgrade = table.need("id"), table.need("unit"), table.need("grade")
    table.need("name")
    cscope = table.column("scope")
    ids = [row[cid] for row in table.rows]
    if len(set(ids)) != len(ids):
        raise InputProblem(f"{table.path}: duplicate ids")
    if any(not i for i in ids):
        raise InputProblem(f"{table.path}: an id is empty")
    units = [row[cunit].strip().lower() for row in table.rows]
    scopes = [
        (row[cscope].strip().lower() or None) if cscope is not None else None
        for row in table.rows
    ]
    steps = []
    for r, row in enumerate(table.rows):
        s = parse_grade(row[cgrade])
        if s is None:
            raise InputProblem(f"{table.path}: row {r + 2}: unknown grade {row[cgrade]!r}")
        steps.append(s)
    return ids, units, scopes, np.array(steps, dtype=np.int32)


# --------------------------------------------------------------------------- scoring


def score_pairs(mentors: Table, mentees: Table, args):
    """All eligible pairs: (mentee index int32, mentor index int32, score float64) + capacities."""
    wc, wu, ww = args.weights
    competencies = [h[2:] for h in mentees.headers if h.startswith("k:") and len(h) > 2]

    e_ids, e_units, e_scopes, e_step = people(mentees)
    m_ids, m_units, m_scopes, m_step = people(mentors)
    n, m = len(e_ids), len(m_ids)

    # Mentee current level a, gap g (0 and 0 where not assessed), Σg in competency order.
    a = np.zeros((n, len(competencies)))
    g = np.zeros((n, len(competencies)))
    for k, c in enumerate(competencies):
        level = mentees.levels(mentees.column(f"k:{c}"), f"k:{c}")
        target = mentees.levels(mentees.column(f"target:{c}"), f"target:{c}")
        target = np.where(np.isnan(target), args.target, target)
        assessed = ~np.isnan(level)
        a[:, k] = np.where(assessed, level, 0.0)
        g[:, k] = np.where(assessed, np.maximum(target - level, 0.0), 0.0)
    gap_total = np.zeros(n)
    for k in range(len(competencies)):  # sequential, as bimbing sums
        gap_total = gap_total + g[:, k]

    # Mentor level, -inf where not assessed or the column is absent: covers nothing.
    ml = np.full((m, len(competencies)), -np.inf)
    for k, c in enumerate(competencies):
        lv = mentors.levels(mentors.column(f"k:{c}"), f"k:{c}")
        ml[:, k] = np.where(np.isnan(lv), -np.inf, lv)
    workload = mentors.numbers(mentors.column("workload"), 0.0, "workload")
    workload = np.where(np.isnan(workload), 0.0, workload)
    wterm = np.clip(1.0 - workload, 0.0, 1.0)
    cap = mentors.numbers(mentors.column("capacity"), 0.0, "capacity")
    if np.any(~np.isnan(cap) & ((cap != np.floor(cap)) | (cap > 100_000))):
        raise InputProblem(f"{mentors.path}: a capacity is not a whole number up to 100000")
    capacity = np.where(np.isnan(cap), args.capacity, cap).astype(np.int64)

    unit_codes: dict[str, int] = {}
    e_unit = np.array([unit_codes.setdefault(u, len(unit_codes)) for u in e_units], np.int64)
    m_unit = np.array([unit_codes.setdefault(u, len(unit_codes)) for u in m_units], np.int64)
    scope_codes: dict[str | None, int] = {}
    e_scope = np.array([scope_codes.setdefault(s, len(scope_codes)) for s in e_scopes], np.int64)
    m_scope = np.array([scope_codes.setdefault(s, len(scope_codes)) for s in m_scopes], np.int64)
    mentor_of_id = {i: j for j, i in enumerate(m_ids)}
    self_mentor = np.array([mentor_of_id.get(i, -1) for i in e_ids], np.int64)

    w_term_row = ww * wterm  # (m,)
    rows_per_chunk = max(1, CHUNK_ELEMENTS // max(1, m))
    out_e, out_m, out_s = [], [], []
    for lo in range(0, n, rows_per_chunk):
        hi = min(n, lo + rows_per_chunk)
        eligible = (m_step[None, :] - e_step[lo:hi, None]) >= args.min_grade_gap
        if args.same_scope_only:
            eligible &= m_scope[None, :] == e_scope[lo:hi, None]
        selfs = np.nonzero(self_mentor[lo:hi] >= 0)[0]
        eligible[selfs, self_mentor[lo:hi][selfs]] = False
        ei, mj = np.nonzero(eligible)
        if ei.size == 0:
            continue
        # Cover per competency on the dense (rows x mentors) block, summed in competency
        # order as bimbing does, then kept for the eligible pairs only.
        covered = np.zeros((hi - lo, m))
        diff = np.empty((hi - lo, m))
        for k in range(len(competencies)):
            np.subtract(ml[None, :, k], a[lo:hi, k, None], out=diff)
            np.maximum(diff, 0.0, out=diff)
            np.minimum(diff, g[lo:hi, k, None], out=diff)
            covered += diff
        del diff
        covered = covered[eligible]
        total = gap_total[lo:hi][ei]
        comp = np.where(total > 0.0, covered / np.where(total > 0.0, total, 1.0), 0.0)
        same = (e_unit[lo:hi][ei] == m_unit[mj]).astype(np.float64)
        score = wc * comp + wu * same + w_term_row[mj]
        out_e.append((ei + lo).astype(np.int32))
        out_m.append(mj.astype(np.int32))
        out_s.append(score)
    if out_e:
        pe, pm, ps = np.concatenate(out_e), np.concatenate(out_m), np.concatenate(out_s)
    else:
        pe = pm = np.zeros(0, np.int32)
        ps = np.zeros(0)
    return n, m, capacity, pe, pm, ps


# --------------------------------------------------------------------------- solving


def choose_scale(n_mentees: int, n_nodes: int, score_range: float) -> float:
    """Largest power of ten <= 1e9 keeping BIG * (nodes + 1) and n * BIG well inside int64."""
    limit = 2.0**61
    scale = 1e9
    while scale > 1.0:
        d = math.ceil(score_range * scale) + 1
        big = n_mentees * d + 1
        if big * (n_nodes + 1) < limit and n_mentees * big < limit:
            return scale
        scale /= 10.0
    return scale


def solve(n, m, capacity, pe, pm, ps, scale_override=None):
    t0 = time.perf_counter()
    sink = n + m
    n_nodes = n + m + 1
    s_max = float(ps.max()) if ps.size else 0.0
    s_min = float(ps.min()) if ps.size else 0.0
    scale = scale_override or choose_scale(n, n_nodes, s_max - s_min)
    pair_cost = np.rint((s_max - ps) * scale).astype(np.int64)
    d = int(pair_cost.max()) if pair_cost.size else 0
    big = n * d + 1

    tails = np.concatenate([pe, np.arange(n, n + m, dtype=np.int32), np.arange(n, dtype=np.int32)])
    heads = np.concatenate([
        (pm.astype(np.int64) + n).astype(np.int32),
        np.full(m, sink, np.int32),
        np.full(n, sink, np.int32),
    ])
    caps = np.concatenate([np.ones(pe.size, np.int64), capacity, np.ones(n, np.int64)])
    costs = np.concatenate([pair_cost, np.zeros(m, np.int64), np.full(n, big, np.int64)])
    del pair_cost

    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    del tails, heads, caps, costs
    supplies = np.concatenate([np.ones(n, np.int64), np.zeros(m, np.int64), [-n]]).astype(np.int64)
    smcf.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supplies)
    t1 = time.perf_counter()

    status = smcf.solve()
    t2 = time.perf_counter()
    if status != smcf.OPTIMAL:
        if status == smcf.BAD_COST_RANGE and scale > 1.0:
            return solve(n, m, capacity, pe, pm, ps, scale_override=scale / 10.0)
        raise SystemExit(f"reference: OR-Tools min-cost flow failed with status {status}")

    flows = np.asarray(smcf.flows(np.asarray(arcs)[: pe.size]))
    chosen = np.nonzero(flows > 0)[0]
    # Sanity: each mentee at most once, each mentor within capacity.
    assert np.bincount(pe[chosen], minlength=n).max(initial=0) <= 1
    assert np.all(np.bincount(pm[chosen], minlength=m) <= capacity)
    matched = int(chosen.size)
    total = math.fsum(ps[chosen].tolist())
    return {
        "matched": matched,
        "total": total,
        "scale": scale,
        "big": big,
        "optimal_cost": int(smcf.optimal_cost()),
        "build_s": t1 - t0,
        "solve_s": t2 - t1,
    }


# --------------------------------------------------------------------------- main


def parse_weights(text: str):
    parts = [float(p) for p in text.split(",")]
    if len(parts) != 3:
        raise argparse.ArgumentTypeError("three weights: complementarity,unit,workload")
    return parts


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mentors", required=True)
    p.add_argument("--mentees", required=True)
    p.add_argument("--weights", type=parse_weights, default=[0.6, 0.2, 0.2],
                   help="complementarity,unit,workload (default 0.6,0.2,0.2)")
    p.add_argument("--target", type=float, default=3.0)
    p.add_argument("--capacity", type=int, default=3)
    p.add_argument("--min-grade-gap", type=int, default=1)
    p.add_argument("--same-scope-only", action="store_true",
                   help="pair only people of the same `scope` column value")
    p.add_argument("--compare", metavar="SUMMARY_JSON",
                   help="a bimbing summary.json to check matched count and total against")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    try:
        mentors = Table(args.mentors)
        mentees = Table(args.mentees)
        n, m, capacity, pe, pm, ps = score_pairs(mentors, mentees, args)
    except (InputProblem, OSError) as e:
        print(f"reference: error: {e}", file=sys.stderr)
        return 2
    t1 = time.perf_counter()
    r = solve(n, m, capacity, pe, pm, ps)
    t2 = time.perf_counter()

    out = {
        "mentees": n,
        "mentors": m,
        "eligible_pairs": int(pe.size),
        "matched": r["matched"],
        "total_score": round(r["total"], 6),
        "cost_scale": r["scale"],
        "read_score_seconds": round(t1 - t0, 3),
        "build_seconds": round(r["build_s"], 3),
        "solve_seconds": round(r["solve_s"], 3),
        "total_seconds": round(t2 - t0, 3),
    }
    code = 0
    if args.compare:
        with open(args.compare, encoding="utf-8") as f:
            summary = json.load(f)
        b_matched = summary["counts"]["matched"]
        b_total = summary["totals"]["total_score"]
        b_eligible = summary["counts"].get("eligible_pairs")
        matched_equal = b_matched == r["matched"]
        totals_agree = abs(b_total - r["total"]) <= 1e-6
        out["compare"] = {
            "bimbing_matched": b_matched,
            "bimbing_total_score": round(b_total, 6),
            "total_difference": b_total - r["total"],
            "matched_equal": matched_equal,
            "totals_agree": totals_agree,
            "eligible_pairs_equal": None if b_eligible is None else b_eligible == int(pe.size),
        }
        if not (matched_equal and totals_agree):
            code = 1
    print(json.dumps(out))
    return code


if __name__ == "__main__":
    sys.exit(main())
