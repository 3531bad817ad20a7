//! The fair objective's score levels, and what one more slot is worth under it, exactly.
//!
//! # The fair optimum
//!
//! The fair objective first matches the most mentees, then raises the lowest score among
//! the matched pairs as far as it goes, then maximises the total. Scores closer than
//! [`SCORE_TOLERANCE`] to each other (chained) are one *level*, which starts at its lowest
//! score ([`levels`]). The optimum is found at the highest level `t` such that the pairs
//! scoring at least `t` still match `c`, the most mentees any roster matches; it is then the
//! plain optimum (most mentees, then the highest total) over those pairs.
//!
//! # One more slot
//!
//! Call `count(τ)` the most mentees matched by the pairs scoring at least `τ`: it never rises
//! with `τ`. For a mentor `j` with one more slot (a copy of `j` with one slot, the same
//! pairs) or a new mentor `A` with `k` slots, the most mentees matched rises to `c + g`
//! (`g` at most `k`, found by augmenting paths in the residual graph of the roster), and the
//! new threshold is the highest level `τ` with `count(τ) + a(τ) >= c + g`, where `a(τ)` is
//! how many more mentees the added slots match over the pairs scoring at least `τ`.
//!
//! Between the breakpoints `b_v` (the highest level with `count >= v`), `count` is `v` on
//! `(b_{v+1}, b_v]`, and a matching `M_v` of `count` `v` over the pairs scoring at least `b_v`
//! is a largest one there. On that interval `a(τ)` is the largest flow from the mentees
//! `M_v` leaves unmatched into the added slots, along alternating paths whose pairs all score
//! at least `τ`. The highest `τ` with `a(τ) >= d` is found by taking, `d` times, the widest
//! augmenting path (the one whose lowest score is highest) and augmenting along it: the
//! lowest of the `d` widths is that `τ`. (Whenever a flow of `d` exists over the pairs
//! scoring at least `τ`, the residual graph of any smaller flow inside them holds an
//! augmenting path inside them, so every greedy path is at least as wide as `τ`; and the
//! greedy flow itself lies inside the pairs at least as wide as its narrowest path.) For a
//! mentor's copy (`d = 1`), one widest-path search from the unmatched mentees gives the
//! width of every mentee at once, and that of every mentor's copy from its pairs.
//!
//! The intervals are searched from the top; the first that reaches `c + g` holds the new
//! threshold. The new optimum is then the plain optimum over the pairs at that threshold
//! with the added slots, which [`SlotValues`] gives exactly (one network solve per distinct
//! threshold, shared by every mentor it applies to).
//!
//! The gains are changes of the fair optimum itself, the same as solving the fair objective
//! again with the slot added: the property tests check that they are.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use rayon::prelude::*;

use super::network::Costing;
use super::slots::{
    covering, duals_cover, holdings, mentor_node, AddedMentor, Duals, Gain, SlotValues, ADDED, NONE,
};
use super::Problem;
use crate::error::{Error, Result};

/// Scores closer than this (chained) are one level of the fair objective's lowest score.
pub const SCORE_TOLERANCE: f64 = 1e-9;

/// The distinct scores, sorted: what [`levels`] reads, without the repeats of every pair.
fn distinct_scores(scores: &[f64]) -> Vec<f64> {
    let mut v = scores.to_vec();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// The levels of these scores, ascending: sorted, a score closer than [`SCORE_TOLERANCE`]
/// to the one below it joins that one's level; each level is its lowest score.
///
/// Complexity: `O(S log S)`.
pub fn levels(scores: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut sorted: Vec<f64> = scores.into_iter().collect();
    sorted.sort_by(f64::total_cmp);
    let mut out = Vec::new();
    let mut prev = f64::NEG_INFINITY;
    for s in sorted {
        if out.is_empty() || s - prev > SCORE_TOLERANCE {
            out.push(s);
        }
        prev = s;
    }
    out
}

/// The level that holds `score`, one of the scores `levels` was made of: the highest level
/// at most `score`.
fn level_of(levels: &[f64], score: f64) -> f64 {
    let k = levels.partition_point(|&l| l <= score);
    levels[k.saturating_sub(1)]
}

/// The gains under the fair objective: per mentor of the problem, and per added mentor the
/// gain of each slot in turn (the total of the first `s` is the gain with `s` slots; the
/// slots after the last that changes anything are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct FairGains {
    /// One more slot, per mentor of the problem.
    pub mentors: Vec<Gain>,
    /// Per added mentor, its slots' gains.
    pub added: Vec<Vec<Gain>>,
    /// Whether the given assignment was the base at the roster's threshold (see
    /// [`SlotValues::from_given`]).
    pub from_given: bool,
}

/// An `f64` width ordered for the heap (widest first, then the lowest node).
#[derive(Clone, Copy, PartialEq)]
struct Width(f64, usize);

impl Eq for Width {}

impl PartialOrd for Width {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Width {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

/// A matching of the problem, with an added mentor's slots (node `m`, capacity 0 when
/// none).
#[derive(Debug, Clone)]
struct Flow {
    /// Per mentee: its edge, [`NONE`] or [`ADDED`].
    used: Vec<usize>,
    /// Per mentor node (the added one last): its mentees.
    held: Vec<Vec<u32>>,
    /// Per mentor node: its capacity.
    capacity: Vec<u32>,
}

impl Flow {
    fn new(problem: &Problem, edge_of: &[Option<usize>], added_capacity: u32) -> Flow {
        let (used, held) = holdings(problem, edge_of, problem.n_mentors() + 1);
        let mut capacity = problem.capacity.clone();
        capacity.push(added_capacity);
        Flow {
            used,
            held,
            capacity,
        }
    }
}

/// The widest alternating paths from the unmatched mentees.
struct Widest {
    /// Per node (mentees, mentors, the added mentor): the width of its widest path
    /// (`-inf` when not reached above the floor).
    width: Vec<f64>,
    /// Per node: the node and edge it was reached along.
    pred: Vec<(usize, usize)>,
    /// The first mentor node with a free slot reached (the widest augmenting path's end),
    /// when the search stops at one.
    sink: Option<usize>,
}

/// The arcs of the scoring side: the pairs' scores (the threshold's measure) and the added
/// mentor's pairs, by mentee.
struct Arcs<'a> {
    problem: &'a Problem,
    base: &'a [f64],
    added: Option<&'a [Option<f64>]>,
}

impl Arcs<'_> {
    fn score(&self, mentee: usize, edge: usize) -> f64 {
        if edge == ADDED {
            self.added.and_then(|a| a[mentee]).expect("an added pair")
        } else {
            self.base[edge]
        }
    }

    /// Widest-path search (a path's width is its lowest score) from the unmatched mentees,
    /// keeping only paths wider than `floor`; with `to_sink`, stops at the first mentor node
    /// with a free slot.
    ///
    /// Complexity: `O(E log V)`.
    fn widest(&self, flow: &Flow, floor: f64, to_sink: bool) -> Widest {
        let p = self.problem;
        let n = p.n_mentees();
        let nodes = n + p.n_mentors() + 1;
        let mut w = Widest {
            width: vec![f64::NEG_INFINITY; nodes],
            pred: vec![(NONE, NONE); nodes],
            sink: None,
        };
        let mut done = vec![false; nodes];
        let mut heap = BinaryHeap::new();
        for (i, &e) in flow.used.iter().enumerate() {
            if e == NONE {
                w.width[i] = f64::INFINITY;
                heap.push(Width(f64::INFINITY, i));
            }
        }
        while let Some(Width(width, u)) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            let mut relax = |v: usize, from: (usize, usize), score: f64, w: &mut Widest| {
                let nw = width.min(score);
                if nw > floor && nw > w.width[v] && !done[v] {
                    w.width[v] = nw;
                    w.pred[v] = from;
                    heap.push(Width(nw, v));
                }
            };
            if u < n {
                let own = flow.used[u];
                for e in p.edges(u) {
                    if e != own {
                        relax(n + p.mentor[e] as usize, (u, e), self.base[e], &mut w);
                    }
                }
                if let Some(s) = self.added.and_then(|a| a[u]) {
                    if own != ADDED {
                        relax(n + p.n_mentors(), (u, ADDED), s, &mut w);
                    }
                }
            } else {
                let j = u - n;
                if to_sink && (flow.held[j].len() as u32) < flow.capacity[j] {
                    w.sink = Some(u);
                    return w;
                }
                for &i in &flow.held[j] {
                    let i = i as usize;
                    let e = flow.used[i];
                    relax(i, (u, e), self.score(i, e), &mut w);
                }
            }
        }
        w
    }

    /// Augments `flow` along the path the search found to `sink`.
    fn augment(&self, flow: &mut Flow, w: &Widest, sink: usize) {
        let n = self.problem.n_mentees();
        let mut t = sink;
        loop {
            let (i, e) = w.pred[t];
            let old = flow.used[i];
            flow.used[i] = e;
            flow.held[t - n].push(i as u32);
            if old == NONE {
                return;
            }
            let o = mentor_node(self.problem, old);
            let held = &mut flow.held[o - n];
            let at = held
                .iter()
                .position(|&k| k as usize == i)
                .expect("a held mentee");
            held.remove(at);
            t = o;
        }
    }

    /// The widths of the greedy widest augmenting paths, in turn, at most `k` of them, each
    /// wider than `floor`.
    fn greedy(&self, mut flow: Flow, floor: f64, k: u32) -> Vec<f64> {
        let mut widths = Vec::new();
        for _ in 0..k {
            let w = self.widest(&flow, floor, true);
            let Some(sink) = w.sink else { break };
            widths.push(w.width[sink]);
            self.augment(&mut flow, &w, sink);
        }
        widths
    }
}

/// The most mentees matched by the pairs scoring at least `tau`, and such a matching, from
/// `start`: its pairs at least that high are kept, free mentees take a free slot where one is
/// at hand, then phases of shortest augmenting paths match as many more as can be. Started
/// from the matching of a nearby threshold, few phases are left.
///
/// Complexity: `O(E)` per phase, at most `O(sqrt(V))` phases.
pub(crate) fn max_count(
    problem: &Problem,
    base: &[f64],
    tau: f64,
    start: &[Option<usize>],
) -> (usize, Vec<Option<usize>>) {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    let ok = |e: usize| base[e] >= tau;
    let mut edge_of: Vec<Option<usize>> = start.iter().map(|e| e.filter(|&e| ok(e))).collect();
    let (_, mut held) = holdings(problem, &edge_of, m);
    for (i, own) in edge_of.iter_mut().enumerate() {
        if own.is_none() {
            let free = problem.edges(i).find(|&e| {
                let j = problem.mentor[e] as usize;
                ok(e) && (held[j].len() as u32) < problem.capacity[j]
            });
            if let Some(e) = free {
                *own = Some(e);
                held[problem.mentor[e] as usize].push(i as u32);
            }
        }
    }
    // Phases in the manner of Hopcroft and Karp: a breadth-first search from every free
    // mentee lays the mentees out by their distance along alternating paths, up to the
    // first layer that reaches a mentor with a free slot; depth-first searches along the
    // layers then find paths that share no mentee, and augment along each. No layer
    // reaching a free slot means no augmenting path is left: the matching is largest.
    const FAR: u32 = u32::MAX;
    let room = |held: &[Vec<u32>], j: usize| (held[j].len() as u32) < problem.capacity[j];
    let mut dist = vec![FAR; n];
    let mut next_edge = vec![0usize; n];
    let mut queue = std::collections::VecDeque::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    loop {
        dist.fill(FAR);
        queue.clear();
        for i in 0..n {
            if edge_of[i].is_none() && problem.edges(i).any(ok) {
                dist[i] = 0;
                queue.push_back(i);
            }
        }
        let mut limit = FAR;
        while let Some(i) = queue.pop_front() {
            if dist[i] >= limit {
                break;
            }
            for e in problem.edges(i) {
                if !ok(e) || edge_of[i] == Some(e) {
                    continue;
                }
                let j = problem.mentor[e] as usize;
                if room(&held, j) {
                    limit = dist[i] + 1;
                } else {
                    for &k in &held[j] {
                        if dist[k as usize] == FAR {
                            dist[k as usize] = dist[i] + 1;
                            queue.push_back(k as usize);
                        }
                    }
                }
            }
        }
        if limit == FAR {
            break;
        }
        next_edge.copy_from_slice(&problem.offsets[..n]);
        for root in 0..n {
            if dist[root] != 0 || edge_of[root].is_some() {
                continue;
            }
            // The path so far: each mentee with the edge it takes (the next mentee on the
            // stack is one that edge's mentor holds).
            stack.clear();
            stack.push((root, NONE));
            let mut end = false;
            while let Some(&(i, _)) = stack.last() {
                let mut step = None;
                while next_edge[i] < problem.offsets[i + 1] {
                    let e = next_edge[i];
                    if ok(e) && edge_of[i] != Some(e) {
                        let j = problem.mentor[e] as usize;
                        if room(&held, j) {
                            end = true;
                            step = Some((e, NONE));
                            break;
                        }
                        let d = dist[i] + 1;
                        if d < limit {
                            if let Some(&k) = held[j].iter().find(|&&k| dist[k as usize] == d) {
                                step = Some((e, k as usize));
                                break;
                            }
                        }
                    }
                    next_edge[i] += 1;
                }
                match step {
                    Some((e, k)) => {
                        stack.last_mut().expect("the path's last mentee").1 = e;
                        if end {
                            break;
                        }
                        stack.push((k, NONE));
                    }
                    None => {
                        dist[i] = FAR;
                        stack.pop();
                    }
                }
            }
            if !end {
                continue;
            }
            // Augment from the free slot back to the root; the path's mentees leave the
            // phase.
            for &(i, e) in stack.iter().rev() {
                let j = problem.mentor[e] as usize;
                held[j].push(i as u32);
                if let Some(old) = edge_of[i].replace(e) {
                    let o = problem.mentor[old] as usize;
                    let at = held[o]
                        .iter()
                        .position(|&k| k as usize == i)
                        .expect("a held mentee");
                    held[o].swap_remove(at);
                }
                dist[i] = FAR;
            }
        }
    }
    (edge_of.iter().flatten().count(), edge_of)
}

/// Where [`max_count`] at `tau` should start: of a matching at a lower threshold (`below`,
/// whose pairs under `tau` it drops) and one at a higher threshold (`above`, whose pairs all
/// stay), the one that keeps more pairs.
pub(crate) fn warm_start<'a>(
    base: &[f64],
    tau: f64,
    below: &'a [Option<usize>],
    above: Option<&'a [Option<usize>]>,
) -> &'a [Option<usize>] {
    let kept = below.iter().flatten().filter(|&&e| base[e] >= tau).count();
    match above {
        Some(a) if a.iter().flatten().count() > kept => a,
        _ => below,
    }
}

/// The mentee of each edge of `problem`.
fn mentee_of(problem: &Problem) -> Vec<u32> {
    (0..problem.n_mentees())
        .flat_map(|i| problem.edges(i).map(move |_| i as u32))
        .collect()
}

/// One interval of the count: `count` is `v` on `(floor, top]`, where `matching` is a
/// largest one.
struct Interval {
    top: f64,
    floor: f64,
    matching: Vec<Option<usize>>,
}

/// What a job is: one more slot of a mentor node, or an added mentor with some slots.
#[derive(Debug, Clone, Copy)]
enum Job {
    Mentor(usize),
    Added(usize, u32),
}

/// The gains of one more slot for every mentor of `problem`, and of each mentor of `added`
/// joining with 1, 2, … of its slots, under the fair objective; `edge_of` is the fair
/// optimum, `base` the score of each edge that the lowest score is measured on and the gains
/// report (the problem's scores may carry a bonus of the objective, such as continuity).
/// The added mentors' pairs carry their scores (no bonus).
///
/// `duals`, when given, are those the match kept for the pairs at the roster's threshold
/// (see [`crate::rules::solve::Outcome::duals`]): where they certify `edge_of` there and
/// their costing prices the added mentors' pairs, the threshold's values come from them
/// with no network solve; otherwise it is solved as every other threshold is.
///
/// Complexity: a few count solves per breakpoint found (by galloping from the roster's
/// threshold), one widest-path search per interval for all mentors, up to `k` per interval
/// for an added mentor with `k` slots, then one network solve per distinct new threshold.
pub fn fair_gains(
    problem: &Problem,
    base: &[f64],
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
    duals: Option<&Duals>,
) -> Result<FairGains> {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    let raw = distinct_scores(base);
    let lv = levels(raw.iter().copied());
    let deepest = added.iter().map(|a| a.capacity).max().unwrap_or(0).max(1) as usize;

    // The breakpoints b_v, v = c, c-1, ..., c - deepest, galloping up from the roster's.
    let mentee_of = mentee_of(problem);
    let mut memo: BTreeMap<usize, (usize, Vec<Option<usize>>)> = BTreeMap::new();
    // Each probe starts from the larger of two matchings: that of the nearest lower level
    // probed (the roster's own for the first), its pairs below this level dropped, and that
    // of the nearest higher level probed, whose pairs all stay.
    let probe =
        |memo: &mut BTreeMap<usize, (usize, Vec<Option<usize>>)>, k: usize| -> Result<usize> {
            if let Some((c, _)) = memo.get(&k) {
                return Ok(*c);
            }
            let below = memo
                .range(..k)
                .next_back()
                .map_or(edge_of, |(_, r)| &r.1[..]);
            let above = memo.range(k + 1..).next().map(|(_, r)| &r.1[..]);
            let r = max_count(problem, base, lv[k], warm_start(base, lv[k], below, above));
            let c = r.0;
            memo.insert(k, r);
            Ok(c)
        };
    let c = if lv.is_empty() {
        0
    } else {
        probe(&mut memo, 0)?
    };
    let mut intervals: Vec<Interval> = Vec::new(); // v = c, c-1, ... (index c - v)

    // The searches gallop up from the level of the roster's lowest score, where its own
    // pairs keep its count (the roster's threshold when it is the fair optimum); from the
    // lowest level otherwise.
    let lowest = edge_of
        .iter()
        .flatten()
        .map(|&e| base[e])
        .fold(f64::INFINITY, f64::min);
    let mut start = 0usize;
    if c > 0 && lowest.is_finite() {
        let at = lv.partition_point(|&l| l <= lowest).saturating_sub(1);
        if probe(&mut memo, at)? >= c {
            start = at;
        }
    }
    for v in (c.saturating_sub(deepest)..=c).rev() {
        let (top, matching) = if v == 0 {
            (f64::INFINITY, vec![None; n])
        } else {
            let last = lv.len() - 1;
            let mut reaches = |k: usize| -> Result<bool> { Ok(probe(&mut memo, k)? >= v) };
            let (mut lo, mut hi, mut step) = (start, last + 1, 1usize);
            while lo + step <= last {
                if reaches(lo + step)? {
                    lo += step;
                    step *= 2;
                } else {
                    hi = lo + step;
                    break;
                }
            }
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if reaches(mid)? {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            start = lo;
            (lv[lo], memo[&lo].1.clone())
        };
        let floor = intervals.last().map_or(f64::NEG_INFINITY, |i| i.top);
        intervals.push(Interval {
            top,
            floor,
            matching,
        });
    }
    let t = if c == 0 {
        f64::NEG_INFINITY
    } else {
        intervals[0].top
    };
    let interval = |v: usize| -> Option<&Interval> { intervals.get(c.checked_sub(v)?) };

    // Jobs: each with its new threshold and the count it must reach.
    let mut jobs: Vec<(Job, f64, usize)> = Vec::new();
    let plain = Arcs {
        problem,
        base,
        added: None,
    };
    {
        let mut by_mentor: Vec<Vec<usize>> = vec![Vec::new(); m];
        for (e, &j) in problem.mentor.iter().enumerate() {
            by_mentor[j as usize].push(e);
        }
        let copy_width = |w: &Widest, j: usize, floor: f64| {
            by_mentor[j]
                .iter()
                .map(|&e| w.width[mentee_of[e] as usize].min(base[e]))
                .filter(|&x| x > floor)
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let at_c = interval(c).expect("the roster's interval");
        let wc = plain.widest(&Flow::new(problem, &at_c.matching, 0), at_c.floor, false);
        let below = interval(c.wrapping_sub(1)).filter(|_| c >= 1);
        let wb = below.map(|b| plain.widest(&Flow::new(problem, &b.matching, 0), b.floor, false));
        for j in 0..m {
            let gc = copy_width(&wc, j, f64::NEG_INFINITY);
            let theta = if gc > f64::NEG_INFINITY {
                Some((gc.min(at_c.top), c + 1))
            } else if c == 0 {
                None
            } else {
                let b = below.expect("an interval below");
                let x = copy_width(wb.as_ref().expect("its widths"), j, b.floor).min(b.top);
                Some((if x > b.floor { x } else { t }, c))
            };
            if let Some((theta, target)) = theta {
                jobs.push((Job::Mentor(j), level_of(&lv, theta), target));
            }
        }
    }
    let added_jobs: Vec<Vec<(Job, f64, usize)>> = added
        .par_iter()
        .enumerate()
        .map(|(q, a)| {
            debug_assert!(a.bonus.is_empty(), "an added mentor's pairs carry no bonus");
            let mut pair = vec![None; n];
            for &(i, s) in &a.pairs {
                pair[i as usize] = Some(s);
            }
            let arcs = Arcs {
                problem,
                base,
                added: Some(&pair),
            };
            let la = levels(raw.iter().copied().chain(a.pairs.iter().map(|p| p.1)));
            let k = a.capacity;
            let mut widths: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
            let mut widths_at = |v: usize| -> Vec<f64> {
                widths
                    .entry(v)
                    .or_insert_with(|| {
                        let i = interval(v).expect("a searched interval");
                        arcs.greedy(Flow::new(problem, &i.matching, k), i.floor, k)
                    })
                    .clone()
            };
            let paths = widths_at(c).len() as u32;
            let mut out = Vec::new();
            for s in 1..=k {
                let g = s.min(paths) as usize;
                if g == 0 && c == 0 {
                    continue;
                }
                let target = c + g;
                let mut theta = None;
                for v in target.saturating_sub(s as usize)..=c {
                    let need = target - v;
                    let i = interval(v).expect("a searched interval");
                    if need == 0 {
                        theta = Some(i.top);
                        break;
                    }
                    let w = widths_at(v);
                    if w.len() >= need {
                        let x = w[..need].iter().copied().fold(i.top, f64::min);
                        if x > i.floor {
                            theta = Some(x);
                            break;
                        }
                    }
                }
                let theta = theta.expect("the roster's interval reaches the count");
                out.push((Job::Added(q, s), level_of(&la, theta), target));
            }
            out
        })
        .collect();
    jobs.extend(added_jobs.into_iter().flatten());

    fair_values(problem, base, edge_of, added, duals, (t, c), jobs)
}

/// Which pairs fill minimum slots, for [`fair_tiered_gains`].
#[derive(Debug, Clone, Copy)]
pub struct Tiers<'a> {
    /// Per problem edge, whether it goes to a minimum part (a mentor's minimum slots).
    pub edge: &'a [bool],
    /// Per added mentor, whether it is a minimum part (a mentor's next minimum slot, whose
    /// pairs all fill it).
    pub added: &'a [bool],
    /// The mentor nodes `0..mentors` whose one more slot is asked; the gains of the other
    /// nodes (the minimum parts) are left at zero.
    pub mentors: usize,
}

/// The head of the objective with minimums: mentees matched, minimum slots filled.
type Head = (usize, i64);

/// What one probe of [`fair_tiered_gains`] gives at a threshold: the head of the pairs
/// scoring at least it, the gain of one more slot of each mentor node (when asked), and the
/// gains of an added mentor's slots in turn (for those asked).
struct HeadProbe {
    head: Head,
    mentors: Vec<Gain>,
    added: BTreeMap<usize, Vec<Gain>>,
}

/// Where the threshold search of one group of jobs stands: `lo` is the highest candidate
/// known to keep their heads, `hi` the lowest known to lose them (or past the end), and the
/// next probe gallops up from `lo`, down from `hi`, or halves the interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Up(usize),
    Down(usize),
    Halve,
}

/// A group's search: `(lo, hi, next step)`, see [`Step`].
type Standing = (usize, usize, Step);

/// [`fair_gains`] under minimums: the head of the objective is then the matched count and,
/// after it, the minimum slots filled (`tiers` tells which pairs fill them), so the widest
/// paths of the count alone do not give the new thresholds. `problem`'s scores carry the
/// minimum slots' bonus (as [`crate::rules::solve::Model::tiered_problem`] gives them);
/// `base` is the score of each edge that the lowest score is measured on and the gains
/// report. An added mentor's bonus, where it has one, is that of its minimum slot.
///
/// For a mentor's one more slot, or an added mentor with `s` slots, `H(τ)`, the head of the
/// pairs scoring at least `τ` with the slots added, never rises with `τ`; the new threshold
/// is the highest level with `H` equal to its value over all pairs. One probe at `τ` (a
/// network solve of the pairs at least `τ` scored by whether they fill a minimum slot, then
/// [`SlotValues`] on it) gives `H(τ)` for every job at once, so the jobs search together:
/// in groups that share where they stand, galloping from the roster's lowest score, then
/// halving. A probe at any candidate (every job's levels together) narrows a job's search
/// over its own levels: keeping its head at `τ` keeps it at every level below. The new
/// optima are then those of [`fair_gains`]: one network solve per distinct threshold.
///
/// Complexity: one network solve per distinct probe, which is about the number of distinct
/// new thresholds times the logarithm of the number of levels, then one per new threshold.
pub fn fair_tiered_gains(
    problem: &Problem,
    base: &[f64],
    tiers: Tiers<'_>,
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
) -> Result<FairGains> {
    let n = problem.n_mentees();
    let raw = distinct_scores(base);
    // Each job's own levels (the mentors' are those of the problem, an added mentor's take
    // its scores too), and every level of them all: the candidates probed.
    let lv = levels(raw.iter().copied());
    let own: Vec<Vec<f64>> = added
        .iter()
        .map(|a| levels(raw.iter().copied().chain(a.pairs.iter().map(|p| p.1))))
        .collect();
    let mut candidates: Vec<f64> = lv.iter().chain(own.iter().flatten()).copied().collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup_by(|a, b| key(*a) == key(*b));
    if candidates.is_empty() {
        return fair_values(
            problem,
            base,
            edge_of,
            added,
            None,
            (f64::NEG_INFINITY, 0),
            vec![],
        );
    }
    let units = n.max(
        problem.capacity.iter().map(|&c| c as usize).sum::<usize>()
            + added.iter().map(|a| a.capacity as usize).sum::<usize>(),
    );
    // Pairs that fill a minimum slot score 1, the others 0: the network's optimum is the
    // head (most mentees, then most minimum slots).
    let costing = Costing::new(0.0, 1.0, units as u64);
    let filling = |yes: bool| f64::from(u8::from(yes));

    // The jobs: the roster itself (`None`, no slot added), each mentor's one more slot, each
    // added mentor with 1, 2, … slots.
    let mut jobs: Vec<Option<Job>> = vec![None];
    jobs.extend((0..tiers.mentors.min(problem.n_mentors())).map(|j| Some(Job::Mentor(j))));
    for (q, a) in added.iter().enumerate() {
        jobs.extend((1..=a.capacity).map(|s| Some(Job::Added(q, s))));
    }
    let probe = |tau: f64, mentors: bool, asked: &BTreeMap<usize, u32>| -> Result<HeadProbe> {
        let (sub, _) = problem.restricted(|e| base[e] >= tau, |e| filling(tiers.edge[e]));
        let values = SlotValues::new(&sub, &vec![None; n], costing)?;
        let (count, filled) = values.base_value();
        let added = asked
            .iter()
            .map(|(&q, &s)| {
                let a = &added[q];
                let at = AddedMentor {
                    pairs: a
                        .pairs
                        .iter()
                        .filter(|p| p.1 >= tau)
                        .map(|&(i, _)| (i, filling(tiers.added[q])))
                        .collect(),
                    capacity: s,
                    bonus: Vec::new(),
                };
                (q, values.added_mentor(&at))
            })
            .collect();
        Ok(HeadProbe {
            head: (count, filled.round() as i64),
            mentors: if mentors {
                values.mentor_gains()
            } else {
                Vec::new()
            },
            added,
        })
    };
    let head_of = |p: &HeadProbe, job: Option<Job>| -> Head {
        let g = match job {
            None => Gain::default(),
            Some(Job::Mentor(j)) => p.mentors[j],
            Some(Job::Added(q, s)) => {
                let slots = &p.added[&q];
                Gain::total(&slots[..slots.len().min(s as usize)])
            }
        };
        (
            p.head.0 + g.extra_matched as usize,
            p.head.1 + g.extra_score.round() as i64,
        )
    };
    // What a probe for these jobs must compute.
    let asks = |members: &[usize]| -> (bool, BTreeMap<usize, u32>) {
        let mut mentors = false;
        let mut asked: BTreeMap<usize, u32> = BTreeMap::new();
        for &k in members {
            match jobs[k] {
                Some(Job::Mentor(_)) => mentors = true,
                Some(Job::Added(q, s)) => {
                    let e = asked.entry(q).or_insert(0);
                    *e = (*e).max(s);
                }
                None => {}
            }
        }
        (mentors, asked)
    };

    // Every job's head over all pairs (the lowest candidate keeps them all).
    let all: Vec<usize> = (0..jobs.len()).collect();
    let (mentors, asked) = asks(&all);
    let first = probe(candidates[0], mentors, &asked)?;
    let target: Vec<Head> = jobs.iter().map(|&job| head_of(&first, job)).collect();

    // The searches start at the level of the roster's lowest score (the roster's threshold
    // when it is the fair optimum).
    let lowest = edge_of
        .iter()
        .flatten()
        .map(|&e| base[e])
        .fold(f64::INFINITY, f64::min);
    let start = if lowest.is_finite() {
        candidates
            .partition_point(|&l| l <= lowest)
            .saturating_sub(1)
    } else {
        0
    };
    let last = candidates.len();
    let mut groups: BTreeMap<Standing, Vec<usize>> = BTreeMap::new();
    if start == 0 {
        groups.insert((0, last, Step::Up(1)), all);
    } else {
        let (mentors, asked) = asks(&all);
        let at = probe(candidates[start], mentors, &asked)?;
        for k in all {
            let state = if head_of(&at, jobs[k]) == target[k] {
                (start, last, Step::Up(1))
            } else {
                (0, start, Step::Down(1))
            };
            groups.entry(state).or_default().push(k);
        }
    }
    let mut settled: Vec<usize> = vec![0; jobs.len()]; // per job, its highest candidate
    loop {
        // Each open group's next probe.
        let mut next: Vec<(Standing, usize, Vec<usize>)> = Vec::new();
        for ((lo, hi, step), members) in std::mem::take(&mut groups) {
            let step = match step {
                Step::Up(s) if lo + s < hi => Some((Step::Up(s), lo + s)),
                Step::Down(s) if hi > lo + s => Some((Step::Down(s), hi - s)),
                _ if hi - lo > 1 => Some((Step::Halve, lo + (hi - lo) / 2)),
                _ => None,
            };
            match step {
                Some((step, at)) => next.push(((lo, hi, step), at, members)),
                None => {
                    for k in members {
                        settled[k] = lo;
                    }
                }
            }
        }
        if next.is_empty() {
            break;
        }
        // One probe per candidate asked for, in parallel.
        let mut wanted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (_, at, members) in &next {
            wanted
                .entry(*at)
                .or_default()
                .extend(members.iter().copied());
        }
        let probes: BTreeMap<usize, HeadProbe> = wanted
            .into_par_iter()
            .map(|(at, members)| {
                let (mentors, asked) = asks(&members);
                Ok((at, probe(candidates[at], mentors, &asked)?))
            })
            .collect::<Result<_>>()?;
        for ((lo, hi, step), at, members) in next {
            let p = &probes[&at];
            for k in members {
                let state = if head_of(p, jobs[k]) == target[k] {
                    match step {
                        Step::Up(s) => (at, hi, Step::Up(2 * s)),
                        _ => (at, hi, Step::Halve),
                    }
                } else {
                    match step {
                        Step::Down(s) => (lo, at, Step::Down(2 * s)),
                        _ => (lo, at, Step::Halve),
                    }
                };
                groups.entry(state).or_default().push(k);
            }
        }
    }

    // Each job's threshold: its own highest level at most the highest candidate that keeps
    // its head.
    let level = |list: &[f64], at: usize| {
        if list.is_empty() {
            f64::NEG_INFINITY
        } else {
            level_of(list, candidates[at])
        }
    };
    let t = level(&lv, settled[0]);
    let c = target[0].0;
    let jobs = jobs
        .iter()
        .zip(&settled)
        .zip(&target)
        .filter_map(|((&job, &at), head)| {
            let job = job?;
            let list = match job {
                Job::Mentor(_) => &lv,
                Job::Added(q, _) => &own[q],
            };
            Some((job, level(list, at), head.0))
        })
        .collect();
    fair_values(problem, base, edge_of, added, None, (t, c), jobs)
}

/// The fair optimum at each job's new threshold with its slots added, one network solve per
/// distinct threshold (shared by the jobs there), and the gains as changes of the optimum at
/// the roster's threshold `t`, where it matches `c`: each job comes with the count its
/// threshold must reach, which is checked. `duals`, where they certify `edge_of` at `t`,
/// spare that threshold's solve.
fn fair_values(
    problem: &Problem,
    base: &[f64],
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
    duals: Option<&Duals>,
    (t, c): (f64, usize),
    jobs: Vec<(Job, f64, usize)>,
) -> Result<FairGains> {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    // The new optima, one network solve per distinct threshold.
    let mut groups: BTreeMap<u64, (f64, Vec<usize>)> = BTreeMap::new();
    groups.entry(key(t)).or_insert((t, Vec::new()));
    for (k, &(_, tau, _)) in jobs.iter().enumerate() {
        groups
            .entry(key(tau))
            .or_insert((tau, Vec::new()))
            .1
            .push(k);
    }
    let costing = covering(problem, added);
    let groups: Vec<(f64, Vec<usize>)> = groups.into_values().collect();
    type Solved = (f64, (usize, f64), bool, Vec<(usize, (usize, f64))>);
    let solved: Vec<Solved> = groups
        .par_iter()
        .map(|(tau, members)| -> Result<Solved> {
            let tau = *tau;
            let (sub, index) = problem.restricted(|e| base[e] >= tau, |e| problem.score[e]);
            let mut sub_edge = vec![None; problem.n_edges()];
            for (k, &e) in index.iter().enumerate() {
                sub_edge[e] = Some(k);
            }
            let given: Vec<Option<usize>> = if key(tau) == key(t) {
                edge_of
                    .iter()
                    .map(|e| e.and_then(|e| sub_edge[e]))
                    .collect()
            } else {
                vec![None; n]
            };
            let report: Vec<f64> = index.iter().map(|&e| base[e]).collect();
            // An added mentor's pairs at this threshold (with their bonus).
            let at_tau = |a: &AddedMentor| at_level(a, tau);
            let certified = match duals {
                Some(d)
                    if key(tau) == key(t)
                        && duals_cover(&sub, d, &added.iter().map(at_tau).collect::<Vec<_>>()) =>
                {
                    SlotValues::certified_reporting(&sub, &given, d, report.clone())?
                }
                _ => None,
            };
            let values = match certified {
                Some(v) => v,
                None => SlotValues::reporting(&sub, &given, costing, report)?,
            };
            let at = values.base_value();
            let gains = if members.iter().any(|&k| matches!(jobs[k].0, Job::Mentor(_))) {
                values.mentor_gains()
            } else {
                Vec::new()
            };
            // An added mentor's slots at this threshold, searched once for all its jobs here:
            // the first s of its slots are what it adds with s slots.
            let mut slots: BTreeMap<usize, Vec<Gain>> = BTreeMap::new();
            let results = members
                .iter()
                .map(|&k| {
                    let g = match jobs[k].0 {
                        Job::Mentor(j) => gains[j],
                        Job::Added(q, s) => {
                            let found = slots
                                .entry(q)
                                .or_insert_with(|| values.added_mentor(&at_tau(&added[q])));
                            Gain::total(&found[..found.len().min(s as usize)])
                        }
                    };
                    (k, (at.0 + g.extra_matched as usize, at.1 + g.extra_score))
                })
                .collect();
            Ok((tau, at, values.from_given(), results))
        })
        .collect::<Result<_>>()?;
    let mut value = vec![(0usize, 0.0f64); jobs.len()];
    let mut before = (0usize, 0.0f64);
    let mut from_given = true;
    for (tau, at, given, results) in solved {
        if key(tau) == key(t) {
            before = at;
            from_given = given;
        }
        for (k, v) in results {
            value[k] = v;
        }
    }
    if before.0 != c {
        return Err(Error::Solver(format!(
            "the fair optimum matches {} at its threshold, not {c}",
            before.0
        )));
    }
    let change = |v: (usize, f64)| Gain {
        extra_matched: (v.0 - c) as u32,
        extra_score: v.1 - before.1,
    };
    let mut mentors = vec![Gain::default(); m];
    // Per added mentor, its gain with 1, 2, … slots (none where no slot matches anybody).
    let mut cumulative: Vec<Vec<Gain>> = added
        .iter()
        .map(|a| vec![Gain::default(); a.capacity as usize])
        .collect();
    for (k, &(job, _, target)) in jobs.iter().enumerate() {
        if value[k].0 != target {
            return Err(Error::Solver(format!(
                "a new fair threshold matches {} instead of {target}",
                value[k].0
            )));
        }
        match job {
            Job::Mentor(j) => mentors[j] = change(value[k]),
            Job::Added(q, s) => cumulative[q][s as usize - 1] = change(value[k]),
        }
    }
    let added = cumulative.iter().map(|g| Gain::marginals(g)).collect();
    Ok(FairGains {
        mentors,
        added,
        from_given,
    })
}

/// An added mentor's pairs scoring at least `tau`, with the bonus of those kept.
fn at_level(a: &AddedMentor, tau: f64) -> AddedMentor {
    let kept: Vec<usize> = (0..a.pairs.len())
        .filter(|&k| a.pairs[k].1 >= tau)
        .collect();
    AddedMentor {
        pairs: kept.iter().map(|&k| a.pairs[k]).collect(),
        capacity: a.capacity,
        bonus: if a.bonus.is_empty() {
            Vec::new()
        } else {
            kept.iter().map(|&k| a.bonus[k]).collect()
        },
    }
}

/// A map key for a threshold.
fn key(tau: f64) -> u64 {
    tau.to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_moves_a_greedy_pair_along_an_augmenting_path() {
        // Mentee 0 takes mentor 0 first; mentee 1 has only mentor 0; the path moves 0 to 1.
        let p = Problem::from_lists(vec![1, 1], &[vec![(0, 0.5), (1, 0.4)], vec![(0, 0.9)]]);
        let (count, edge_of) = max_count(&p, &p.score, 0.0, &[None, None]);
        assert_eq!(count, 2);
        assert_eq!(edge_of, vec![Some(1), Some(2)]);
        // Above 0.45 the pair of mentee 0 with mentor 1 is gone, and one is matched.
        let (count, _) = max_count(&p, &p.score, 0.45, &edge_of);
        assert_eq!(count, 1);
    }

    #[test]
    fn the_count_equals_the_network_method_on_random_problems() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |k: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % k
        };
        for _ in 0..300 {
            let (n, m) = (1 + next(12) as usize, 1 + next(5) as usize);
            let capacity: Vec<u32> = (0..m).map(|_| next(3) as u32).collect();
            let mut lists: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
            for list in &mut lists {
                for j in 0..m as u32 {
                    if next(3) > 0 {
                        list.push((j, next(10) as f64 / 10.0));
                    }
                }
            }
            let p = Problem::from_lists(capacity, &lists);
            let tau = next(10) as f64 / 10.0;
            let (sub, index) = p.restricted(|e| p.score[e] >= tau, |_| 0.0);
            let want = if index.is_empty() {
                0
            } else {
                crate::solve::network::solve(&sub)
                    .unwrap()
                    .0
                    .iter()
                    .flatten()
                    .count()
            };
            // From nothing, and from a largest matching of all the pairs.
            let (all, from) = max_count(&p, &p.score, f64::MIN, &vec![None; n]);
            let full = crate::solve::network::solve(&p).unwrap().0;
            assert_eq!(all, full.iter().flatten().count());
            for start in [vec![None; n], from] {
                let (count, edge_of) = max_count(&p, &p.score, tau, &start);
                assert_eq!(count, want);
                assert!(crate::solve::check_feasible(&p, &edge_of).is_ok());
                assert!(edge_of.iter().flatten().all(|&e| p.score[e] >= tau));
            }
        }
    }

    #[test]
    fn levels_chain_close_scores_and_start_at_the_lowest() {
        let l = levels([0.5, 0.2, 0.2 + 4e-10, 0.2 + 8e-10, 0.7, 0.5]);
        assert_eq!(l, vec![0.2, 0.5, 0.7]);
        assert_eq!(level_of(&l, 0.2 + 8e-10), 0.2);
        assert_eq!(level_of(&l, 0.7), 0.7);
    }
}
