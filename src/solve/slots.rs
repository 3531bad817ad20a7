//! What one more slot is worth, exactly: the rise of the optimum when a mentor takes one more
//! mentee, or when a new mentor joins.
//!
//! # The method
//!
//! The assignment is the min-cost flow of [`super::network`] seen from the mentees: each
//! mentee ships one unit to a mentor (integer cost `c = round((s_max - s) · scale)`) or to
//! "unmatched" (cost `M`, more than any difference in total pair cost, so the objective is
//! lexicographic); each mentor passes at most `capacity` units on to the sink.
//!
//! The optimal cost as a function of one mentor's capacity is convex and piecewise linear
//! with integer breakpoints. Raising the capacity by one adds one arc `j → sink`; an optimal
//! flow of the new network differs from an optimal flow of the old one by at most one cycle,
//! through the new arc (every other cycle of the residual graph costs `>= 0`, since the old
//! flow is optimal). So the gain of one more slot is minus the cost of the cheapest residual
//! path from the sink to `j`, when that is negative, and nothing otherwise.
//!
//! Such a path leaves the sink backwards along a used slot of some mentor (cost 0) or
//! backwards along the "unmatched" arc of an unmatched mentee (cost `-M`), then alternates:
//! from a mentor back to one of its mentees (minus that pair's cost), from a mentee forward to
//! another eligible mentor (plus that pair's cost). It never needs to pass the sink again (that
//! would close a cycle of cost `>= 0`). With `M` dominating, a path from an unmatched mentee
//! is cheaper than any other, which is the lexicographic rule: the new slot matches one more
//! mentee whenever it can, and then moves mentees for the best total score.
//!
//! Pair duals `a_i`, `b_j` with `c_ij + a_i + b_j >= 0` on every unused pair and `<= 0` on
//! every used pair make all residual arcs of the bipartite part non-negative in reduced cost
//! (potential `a_i` on mentee `i`, `-b_j` on mentor `j`). One Dijkstra search, started from all
//! those sources at once with their own initial labels, therefore gives the gain of one more
//! slot for every mentor at the same time.
//!
//! The path decides the change in the roster: `extra_matched` is 1 when it starts at an
//! unmatched mentee, and `extra_score` is the sum of the scores of the pairs it adds minus
//! those it removes, computed from the scores themselves (in `f64`), not from the rounded
//! integer costs. The optimum's value is unique, so these are the changes of *the* optimum,
//! whichever optimal roster is reached; only pairs of paths whose scores differ by less than
//! the cost resolution (1e-9 per pair) could be told apart differently, as in the solver.
//!
//! A new mentor with capacity `c` is the same question asked `c` times: its slots are added
//! one by one (successive shortest paths); after each, the flow is augmented along the path
//! and the potentials are updated so that all reduced costs stay `>= 0`. The gains of
//! successive slots never increase (convexity), so the search stops at the first slot that
//! adds nothing.
//!
//! The duals come from the network method run once on the problem; when its duals also
//! certify the given assignment (the usual case, since the method is deterministic), the
//! given assignment is the base, otherwise the method's own optimal assignment is (both have
//! the same optimal value, so the gains are the same). When the solve that made the
//! assignment kept its duals (as a match without the planner's rules does, priced or not),
//! [`SlotValues::certified`] takes them instead, checked on every pair, and no network
//! solve runs again.
//!
//! A search towards one target (an added mentor's next slot) settles the target as soon as
//! the heap holds nothing with a smaller key: the nodes it would have waited for have the
//! same key, cannot lower it, and leave its path and the potentials as they are.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;

use super::network::{solve_with, Costing};
use super::{check_feasible, Problem};
use crate::error::{Error, Result};

/// No edge (an unmatched mentee), or no predecessor (a source of the search).
pub(super) const NONE: usize = usize::MAX;
/// The edge of a mentee to the added mentor.
pub(super) const ADDED: usize = usize::MAX - 1;

/// The node of the mentor of a mentee's edge, mentees being nodes `0..n` and mentors the
/// next (the added mentor, last, for [`ADDED`]).
pub(super) fn mentor_node(problem: &Problem, edge: usize) -> usize {
    let n = problem.n_mentees();
    if edge == ADDED {
        n + problem.n_mentors()
    } else {
        n + problem.mentor[edge] as usize
    }
}

/// An assignment as the residual searches read it: per mentee its edge ([`NONE`] when
/// unmatched), and per mentor node (`nodes` of them, the problem's mentors first) its
/// mentees.
pub(super) fn holdings(
    problem: &Problem,
    edge_of: &[Option<usize>],
    nodes: usize,
) -> (Vec<usize>, Vec<Vec<u32>>) {
    let mut held = vec![Vec::new(); nodes];
    let used = edge_of
        .iter()
        .enumerate()
        .map(|(i, e)| match *e {
            Some(e) => {
                held[problem.mentor[e] as usize].push(i as u32);
                e
            }
            None => NONE,
        })
        .collect();
    (used, held)
}

/// Whether the duals certify the assignment on every pair: `cost + a_i + b_j` at most 0 on
/// its pairs, at least 0 on the others (no residual arc between mentees and mentors is
/// negative in reduced cost).
fn pairs_certified(
    problem: &Problem,
    cost: &[i64],
    mentee_dual: &[i64],
    mentor_dual: &[i64],
    edge_of: &[Option<usize>],
) -> bool {
    (0..problem.n_mentees()).all(|i| {
        problem.edges(i).all(|e| {
            let reduced = cost[e] + mentee_dual[i] + mentor_dual[problem.mentor[e] as usize];
            if edge_of[i] == Some(e) {
                reduced <= 0
            } else {
                reduced >= 0
            }
        })
    })
}

/// The rise of the optimum: one more matched mentee or not, and the change of the total
/// score of the new optimal roster.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Gain {
    /// How many more mentees the new optimum matches (0 or 1 per slot).
    pub extra_matched: u32,
    /// The change of the total score of the optimum. It may be negative when one more
    /// mentee is matched: the count comes first.
    pub extra_score: f64,
}

impl Gain {
    /// Whether the optimum rises at all.
    pub fn is_positive(&self) -> bool {
        self.extra_matched > 0 || self.extra_score > 0.0
    }

    /// The sum of gains (of successive slots).
    pub fn total(gains: &[Gain]) -> Gain {
        Gain {
            extra_matched: gains.iter().map(|g| g.extra_matched).sum(),
            extra_score: gains.iter().map(|g| g.extra_score).sum(),
        }
    }

    /// The gain of each successive slot, from the gains with 1, 2, … slots (each against
    /// none): the change from one number of slots to the next, the slots after the last that
    /// changes anything (by more than 1e-9 in score) left out.
    pub fn marginals(cumulative: &[Gain]) -> Vec<Gain> {
        let mut before = Gain::default();
        let mut gains: Vec<Gain> = cumulative
            .iter()
            .map(|&g| {
                let step = Gain {
                    extra_matched: g.extra_matched.saturating_sub(before.extra_matched),
                    extra_score: g.extra_score - before.extra_score,
                };
                before = g;
                step
            })
            .collect();
        while gains
            .last()
            .is_some_and(|g| g.extra_matched == 0 && g.extra_score.abs() <= 1e-9)
        {
            gains.pop();
        }
        gains
    }
}

/// A mentor that is not in the problem: its eligible mentees (with scores) and its capacity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AddedMentor {
    /// `(mentee, score)` for each eligible mentee, mentees as numbered in the problem.
    pub pairs: Vec<(u32, f64)>,
    /// Number of mentees it may take.
    pub capacity: u32,
    /// Per pair (in the order of `pairs`), added to its score for its cost only, the gains
    /// reporting the pairs' own scores: a bonus of the objective, such as that of a minimum
    /// slot. Empty for none.
    pub bonus: Vec<f64>,
}

/// The costing of [`SlotValues`] for a problem and the mentors that may join it: over every
/// score (bonuses included), with `M` dominating for every mentee and slot there is.
pub fn covering(problem: &Problem, added: &[AddedMentor]) -> Costing {
    let scores = problem
        .score
        .iter()
        .copied()
        .chain(added.iter().flat_map(|a| {
            a.pairs
                .iter()
                .enumerate()
                .map(move |(k, (_, s))| s + a.bonus.get(k).copied().unwrap_or(0.0))
        }));
    let (lo, hi) = scores.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
        (lo.min(s), hi.max(s))
    });
    let slots: u64 = problem.capacity.iter().map(|&c| u64::from(c)).sum::<u64>()
        + added.iter().map(|a| u64::from(a.capacity)).sum::<u64>();
    Costing::new(lo, hi, (problem.n_mentees() as u64).max(slots))
}

/// Whether duals of a network solve of `problem` can price it and the `added` mentors:
/// their costing is the one of its own pairs, and every added pair's score (bonus
/// included) is within that costing's range.
pub fn duals_cover(problem: &Problem, duals: &Duals, added: &[AddedMentor]) -> bool {
    Costing::for_problem(problem) == duals.costing && scores_within(problem, added)
}

/// Whether every pair of the `added` mentors scores (bonus included) within the range of
/// the problem's own scores, which its costing covers.
pub fn scores_within(problem: &Problem, added: &[AddedMentor]) -> bool {
    let (lo, hi) = problem
        .score
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &s| {
            (lo.min(s), hi.max(s))
        });
    added.iter().all(|a| {
        a.pairs.iter().enumerate().all(|(k, &(_, s))| {
            let s = s + a.bonus.get(k).copied().unwrap_or(0.0);
            s >= lo && s <= hi
        })
    })
}

/// Dual values that certify an assignment optimal over every eligible pair of a cohort,
/// mentees and mentors in node order, in the costing they are integers of: what a priced
/// solve ends with, which never held all pairs at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Duals {
    /// The costing of every eligible pair.
    pub costing: Costing,
    /// `a_i` per mentee.
    pub mentee: Vec<i64>,
    /// `b_j` per mentor.
    pub mentor: Vec<i64>,
}

impl Duals {
    /// Solves `problem` by the network method in the costing of its own pairs, keeping the
    /// duals it ends with: the assignment (problem edges), the method's account of its work,
    /// and the duals that certify the assignment for the advice.
    pub fn solve(problem: &Problem) -> Result<(Vec<Option<usize>>, String, Duals)> {
        let costing = Costing::for_problem(problem);
        let s = solve_with(problem, costing, None)?;
        let duals = Duals {
            costing,
            mentee: s.mentee_dual,
            mentor: s.mentor_dual,
        };
        Ok((s.edge_of, s.detail, duals))
    }
}

/// An optimal assignment with its residual graph and potentials, ready to answer "what is
/// one more slot worth".
#[derive(Debug, Clone)]
pub struct SlotValues<'a> {
    problem: &'a Problem,
    costing: Costing,
    cost: Vec<i64>,
    /// The score of each edge as reported in the gains (the problem's own, or another
    /// measure when the problem's scores carry bonuses of the objective).
    report: Vec<f64>,
    state: State,
    from_given: bool,
    /// The search from the sink on the base assignment, with no target: it answers every
    /// mentor's next slot and the first slot of any added mentor.
    base: Search,
}

/// The part of the residual graph that augmenting changes.
#[derive(Debug, Clone)]
struct State {
    /// Per mentee, its edge ([`NONE`] when unmatched, [`ADDED`] to the added mentor).
    used: Vec<usize>,
    /// Per mentor (the added one last, when there is one), its mentees.
    held: Vec<Vec<u32>>,
    /// Potentials: mentees `0..n`, then mentors (then the added mentor).
    pot: Vec<i64>,
}

/// The pairs of the added mentor, by mentee.
struct Added {
    cost: Vec<i64>,
    score: Vec<f64>,
}

/// What one search leaves behind.
#[derive(Debug, Clone, Default)]
struct Search {
    /// Reduced distance `D(v) - pot(v)` of each node (`i64::MAX` when not reached).
    key: Vec<i64>,
    done: Vec<bool>,
    /// For a mentor node: the mentee it was reached from ([`NONE`] for a source).
    pred_mentee: Vec<usize>,
    /// For a mentor node: the edge it was reached along.
    pred_edge: Vec<usize>,
    /// Whether the path to the node starts at an unmatched mentee.
    from_unmatched: Vec<bool>,
    /// Score added minus score removed along the path to the node.
    delta: Vec<f64>,
    settled: Vec<usize>,
}

impl<'a> SlotValues<'a> {
    /// Prepares the residual graph of an optimal assignment (`edge_of`, per mentee its edge).
    ///
    /// `costing` turns scores into integer costs; it must cover the scores of every pair of
    /// the problem and of every mentor later passed to [`SlotValues::added_mentor`] (its
    /// `s_max` at least their highest score, and its `M` dominating for the problem's number
    /// of mentees). The network method is run once with it for the duals.
    ///
    /// Complexity: one network solve, `O(U · E log V)` at worst, plus `O(E)`.
    pub fn new(
        problem: &'a Problem,
        edge_of: &[Option<usize>],
        costing: Costing,
    ) -> Result<SlotValues<'a>> {
        SlotValues::reporting(problem, edge_of, costing, problem.score.clone())
    }

    /// [`SlotValues::new`] with the gains' `extra_score` summed from `report` (one score
    /// per edge) instead of the problem's scores, which decide the paths: for a problem whose
    /// scores carry a bonus of the objective, such as the continuity bonus.
    pub fn reporting(
        problem: &'a Problem,
        edge_of: &[Option<usize>],
        costing: Costing,
        report: Vec<f64>,
    ) -> Result<SlotValues<'a>> {
        check_feasible(problem, edge_of).map_err(Error::Solver)?;
        let cost: Vec<i64> = problem.score.iter().map(|&s| costing.cost(s)).collect();
        let solved = solve_with(problem, costing, None)?;
        let objective = |edges: &[Option<usize>]| -> i128 {
            edges
                .iter()
                .map(|e| match e {
                    Some(e) => cost[*e] as i128,
                    None => costing.big_m as i128,
                })
                .sum()
        };
        let certifies = |edges: &[Option<usize>]| {
            pairs_certified(
                problem,
                &cost,
                &solved.mentee_dual,
                &solved.mentor_dual,
                edges,
            )
        };
        let from_given = objective(edge_of) == objective(&solved.edge_of) && certifies(edge_of);
        let base: &[Option<usize>] = if from_given {
            edge_of
        } else if certifies(&solved.edge_of) {
            &solved.edge_of
        } else {
            return Err(Error::Solver(
                "the duals of the network method do not certify its own assignment".into(),
            ));
        };
        let mut values = SlotValues::from_duals(
            problem,
            base,
            (costing, cost),
            report,
            (&solved.mentee_dual, &solved.mentor_dual),
        );
        values.from_given = from_given;
        Ok(values)
    }

    /// The residual graph of `base` with potentials from the duals (`a_i` on mentee `i`,
    /// `-b_j` on mentor `j`), and the search from the sink on it.
    fn from_duals(
        problem: &'a Problem,
        base: &[Option<usize>],
        (costing, cost): (Costing, Vec<i64>),
        report: Vec<f64>,
        (mentee_dual, mentor_dual): (&[i64], &[i64]),
    ) -> SlotValues<'a> {
        let (used, held) = holdings(problem, base, problem.n_mentors());
        let mut pot = mentee_dual.to_vec();
        pot.extend(mentor_dual.iter().map(|b| -b));
        let mut values = SlotValues {
            problem,
            costing,
            cost,
            report,
            state: State { used, held, pot },
            from_given: true,
            base: Search::default(),
        };
        values.base = values.search(&values.state, None, None);
        values
    }

    /// [`SlotValues::new`] for an assignment whose duals are known already, from the network
    /// solve that made this very assignment (priced or not), without solving again: `None`
    /// unless they certify it on every pair of the problem (`cost + a_i + b_j` at most 0 on
    /// its pairs, at least 0 on the others). The duals' costing must cover the pairs of
    /// every mentor later passed to [`SlotValues::added_mentor`]. The cycles through the sink
    /// are checked too, by the search, so a roster changed after its solve is not taken.
    ///
    /// Complexity: `O(E)` to check, plus one search.
    pub fn certified(
        problem: &'a Problem,
        edge_of: &[Option<usize>],
        duals: &Duals,
    ) -> Result<Option<SlotValues<'a>>> {
        SlotValues::certified_reporting(problem, edge_of, duals, problem.score.clone())
    }

    /// [`SlotValues::certified`] with the gains' scores summed from `report` (one per
    /// edge), as [`SlotValues::reporting`] does.
    pub fn certified_reporting(
        problem: &'a Problem,
        edge_of: &[Option<usize>],
        duals: &Duals,
        report: Vec<f64>,
    ) -> Result<Option<SlotValues<'a>>> {
        check_feasible(problem, edge_of).map_err(Error::Solver)?;
        let n = problem.n_mentees();
        let m = problem.n_mentors();
        if duals.mentee.len() != n || duals.mentor.len() != m {
            return Ok(None);
        }
        let costing = duals.costing;
        let cost: Vec<i64> = problem.score.iter().map(|&s| costing.cost(s)).collect();
        if !pairs_certified(problem, &cost, &duals.mentee, &duals.mentor, edge_of) {
            return Ok(None);
        }
        let values = SlotValues::from_duals(
            problem,
            edge_of,
            (costing, cost),
            report,
            (&duals.mentee, &duals.mentor),
        );
        // With the pairs certified, a cycle of negative cost can only pass the sink: from it
        // (along a used slot, or an unmatched mentee's arc) to a mentor with room, or to a
        // matched mentee that would rather be unmatched. The search's distances rule both
        // out, so the duals prove this very assignment optimal.
        let (s, pot) = (&values.base, &values.state.pot);
        let mut load = vec![0u32; m];
        for e in edge_of.iter().flatten() {
            load[problem.mentor[*e] as usize] += 1;
        }
        let distance = |v: usize| s.key[v] + pot[v];
        let optimal = (0..m)
            .all(|j| load[j] >= problem.capacity[j] || !s.done[n + j] || distance(n + j) >= 0)
            && (0..n)
                .all(|i| edge_of[i].is_none() || !s.done[i] || distance(i) + costing.big_m >= 0);
        Ok(optimal.then_some(values))
    }

    /// Whether the given assignment is the base of the computation (otherwise it was not
    /// optimal, or not certified by the duals, and the network method's optimal assignment
    /// is used: the gains are the same when both are optimal).
    pub fn from_given(&self) -> bool {
        self.from_given
    }

    /// The base assignment's matched count and total score (summed from the reported
    /// scores): the optimum the gains are changes of.
    pub fn base_value(&self) -> (usize, f64) {
        self.state
            .used
            .iter()
            .filter(|&&e| e != NONE)
            .fold((0, 0.0), |(k, t), &e| (k + 1, t + self.report[e]))
    }

    /// The gain of one more slot for every mentor (indexed as in the problem).
    ///
    /// Complexity: one Dijkstra search over the residual graph, `O(E log V)`.
    pub fn mentor_gains(&self) -> Vec<Gain> {
        let n = self.problem.n_mentees();
        let s = &self.base;
        (0..self.problem.n_mentors())
            .map(|j| {
                let v = n + j;
                if !s.done[v] || s.key[v] + self.state.pot[v] >= 0 {
                    Gain::default()
                } else {
                    Gain {
                        extra_matched: u32::from(s.from_unmatched[v]),
                        extra_score: s.delta[v],
                    }
                }
            })
            .collect()
    }

    /// The gains of the slots of a new mentor, slot by slot, up to the first slot that adds
    /// nothing (the gains of later slots are zero too, so they are left out).
    ///
    /// Complexity: one Dijkstra search per slot (each stops when it reaches the new
    /// mentor), `O(capacity · E log V)` at worst.
    pub fn added_mentor(&self, added: &AddedMentor) -> Vec<Gain> {
        let n = self.problem.n_mentees();
        let m = self.problem.n_mentors();
        let mut extra = Added {
            cost: vec![i64::MAX; n],
            score: vec![0.0; n],
        };
        for (k, &(i, s)) in added.pairs.iter().enumerate() {
            let c = self
                .costing
                .cost(s + added.bonus.get(k).copied().unwrap_or(0.0));
            debug_assert!(c >= 0, "the costing must cover the added mentor's scores");
            extra.cost[i as usize] = c;
            extra.score[i as usize] = s;
        }
        let mut state = self.state.clone();
        state.held.push(Vec::new());
        // The new mentor's potential keeps every arc into it non-negative in reduced cost.
        let pot_new = added
            .pairs
            .iter()
            .map(|&(i, _)| extra.cost[i as usize] + state.pot[i as usize])
            .min()
            .unwrap_or(0);
        state.pot.push(pot_new);
        let target = n + m;
        let mut gains = Vec::new();
        for slot in 0..added.capacity {
            let s = if slot == 0 {
                self.first_slot(&extra, pot_new)
            } else {
                self.search(&state, Some(&extra), Some(target))
            };
            if !s.done[target] || s.key[target] + state.pot[target] >= 0 {
                break;
            }
            gains.push(Gain {
                extra_matched: u32::from(s.from_unmatched[target]),
                extra_score: s.delta[target],
            });
            self.augment(&mut state, &s, target);
            let top = s.key[target];
            for &v in &s.settled {
                state.pot[v] += s.key[v] - top;
            }
        }
        gains
    }

    /// The search of an added mentor's first slot, taken from the base search: the base
    /// state is the same for every added mentor, and until the added mentor is settled a
    /// search towards it settles the same nodes with the same keys in the same order (it has
    /// no arc out of the added mentor to follow). So the added mentor's key is the least
    /// `key(i) + reduced(i -> added)` over the mentees in settling order (the first strict
    /// minimum, as the search's own relaxation keeps it), and the nodes settled before it
    /// are those with a key up to that one.
    fn first_slot(&self, extra: &Added, pot_new: i64) -> Search {
        let b = &self.base;
        let n = self.problem.n_mentees();
        let mut best: Option<(i64, usize)> = None;
        for &v in &b.settled {
            if v < n && extra.cost[v] != i64::MAX {
                let reduced = extra.cost[v] + self.state.pot[v] - pot_new;
                debug_assert!(
                    reduced >= 0,
                    "negative reduced cost on an arc to the added mentor"
                );
                let key = b.key[v] + reduced;
                if best.map_or(true, |(k, _)| key < k) {
                    best = Some((key, v));
                }
            }
        }
        let mut s = b.clone();
        s.done.push(best.is_some());
        s.key.push(best.map_or(i64::MAX, |(k, _)| k));
        s.pred_mentee.push(best.map_or(NONE, |(_, i)| i));
        s.pred_edge.push(ADDED);
        let (from_unmatched, delta) = best.map_or((false, 0.0), |(_, i)| {
            (b.from_unmatched[i], b.delta[i] + extra.score[i])
        });
        s.from_unmatched.push(from_unmatched);
        s.delta.push(delta);
        if let Some((top, _)) = best {
            s.settled.retain(|&v| b.key[v] <= top);
            s.settled.push(n + self.problem.n_mentors());
        }
        s
    }

    /// Multi-source Dijkstra search from the sink's residual arcs: mentors with a used slot
    /// (distance 0) and unmatched mentees (distance `-M`); stops once `target` is settled.
    fn search(&self, state: &State, added: Option<&Added>, target: Option<usize>) -> Search {
        let p = self.problem;
        let n = p.n_mentees();
        let nodes = state.pot.len();
        let big_m = self.costing.big_m;
        let mut s = Search {
            key: vec![i64::MAX; nodes],
            done: vec![false; nodes],
            pred_mentee: vec![NONE; nodes],
            pred_edge: vec![NONE; nodes],
            from_unmatched: vec![false; nodes],
            delta: vec![0.0; nodes],
            settled: Vec::new(),
        };
        let mut heap: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();
        for (i, &e) in state.used.iter().enumerate() {
            if e == NONE {
                s.key[i] = -big_m - state.pot[i];
                heap.push(Reverse((s.key[i], i)));
            }
        }
        for (j, held) in state.held.iter().enumerate() {
            if !held.is_empty() {
                let v = n + j;
                s.key[v] = -state.pot[v];
                heap.push(Reverse((s.key[v], v)));
            }
        }
        let edge_cost = |i: usize, e: usize| match (e, added) {
            (ADDED, Some(a)) => a.cost[i],
            _ => self.cost[e],
        };
        let edge_score = |i: usize, e: usize| match (e, added) {
            (ADDED, Some(a)) => a.score[i],
            _ => self.report[e],
        };
        while let Some(Reverse((k, mut u))) = heap.pop() {
            if s.done[u] || k > s.key[u] {
                continue;
            }
            // Once nothing left can come before the target, its key is final: settle it
            // now. The nodes it would have waited for (with its key) could not lower that
            // key nor change its path (a label changes only when it strictly drops), and
            // they would leave the potentials as they are.
            if let Some(t) = target {
                if u != t && !s.done[t] && k >= s.key[t] {
                    u = t;
                }
            }
            s.done[u] = true;
            s.settled.push(u);
            let pu = state.pot[u];
            if u < n {
                // A mentee: its path comes from its mentor, or it is an unmatched source.
                let own = state.used[u];
                if own == NONE {
                    s.from_unmatched[u] = true;
                    s.delta[u] = 0.0;
                } else {
                    let j = mentor_node(self.problem, own);
                    s.from_unmatched[u] = s.from_unmatched[j];
                    s.delta[u] = s.delta[j] - edge_score(u, own);
                }
                let mut relax = |v: usize, e: usize, c: i64, s: &mut Search| {
                    if s.done[v] {
                        return;
                    }
                    let reduced = c + pu - state.pot[v];
                    debug_assert!(reduced >= 0, "negative reduced cost on a forward arc");
                    let nk = k + reduced;
                    if nk < s.key[v] {
                        s.key[v] = nk;
                        s.pred_mentee[v] = u;
                        s.pred_edge[v] = e;
                        heap.push(Reverse((nk, v)));
                    }
                };
                for e in p.edges(u) {
                    if e != own {
                        relax(n + p.mentor[e] as usize, e, self.cost[e], &mut s);
                    }
                }
                if let Some(a) = added {
                    if a.cost[u] != i64::MAX && own != ADDED {
                        relax(n + p.n_mentors(), ADDED, a.cost[u], &mut s);
                    }
                }
            } else {
                // A mentor: its path comes from a mentee along a new pair, or it is a source.
                let i = s.pred_mentee[u];
                if i != NONE {
                    let e = s.pred_edge[u];
                    s.from_unmatched[u] = s.from_unmatched[i];
                    s.delta[u] = s.delta[i] + edge_score(i, e);
                }
                if target == Some(u) {
                    break;
                }
                for &i in &state.held[u - n] {
                    let i = i as usize;
                    if s.done[i] {
                        continue;
                    }
                    let reduced = -edge_cost(i, state.used[i]) + pu - state.pot[i];
                    debug_assert!(reduced >= 0, "negative reduced cost on a backward arc");
                    let nk = k + reduced;
                    if nk < s.key[i] {
                        s.key[i] = nk;
                        heap.push(Reverse((nk, i)));
                    }
                }
            }
        }
        s
    }

    /// Moves one unit around the cycle closed by the shortest path to `target`: every mentee
    /// on the path moves to the next mentor, and the path's first mentor (if it starts at a
    /// mentor) gives one mentee up.
    fn augment(&self, state: &mut State, s: &Search, target: usize) {
        let mut v = target;
        loop {
            let i = s.pred_mentee[v];
            debug_assert_ne!(i, NONE);
            let old = state.used[i];
            state.used[i] = s.pred_edge[v];
            state.held[v - self.problem.n_mentees()].push(i as u32);
            if old == NONE {
                break;
            }
            let j = mentor_node(self.problem, old);
            let held = &mut state.held[j - self.problem.n_mentees()];
            let at = held
                .iter()
                .position(|&x| x as usize == i)
                .expect("a matched mentee is held by its mentor");
            held.swap_remove(at);
            if s.pred_mentee[j] == NONE {
                break;
            }
            v = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::solve;
    use crate::solve::SolverChoice;

    fn gains(capacity: Vec<u32>, lists: &[Vec<(u32, f64)>]) -> Vec<Gain> {
        let p = Problem::from_lists(capacity, lists);
        let sol = solve(&p, SolverChoice::Network).unwrap();
        let v = SlotValues::new(&p, &sol.edge_of, Costing::for_problem(&p)).unwrap();
        assert!(v.from_given());
        v.mentor_gains()
    }

    fn close(g: Gain, matched: u32, score: f64) {
        assert_eq!(g.extra_matched, matched, "{g:?}");
        assert!((g.extra_score - score).abs() < 1e-12, "{g:?} vs {score}");
    }

    /// Three mentors, five mentees:
    ///
    /// | mentee | A (cap 1) | B (cap 1) | C (cap 2) |
    /// |--------|-----------|-----------|-----------|
    /// | m0     | 0.9       |           |           |
    /// | m1     | 0.8       |           | 0.3       |
    /// | m2     |           | 0.6       |           |
    /// | m3     |           | 0.5       |           |
    /// | m4     |           |           | 0.4       |
    ///
    /// At most 4 can be matched: B takes only one of m2, m3. With 4 matched, A must take m0
    /// (else m0 is unmatched and m1 cannot make up for it: A-m1, C-m4, B-m2 is 3), so m1 goes
    /// to C with m4, and B takes m2 (0.6 > 0.5). Optimum: 4 matched, 0.9 + 0.3 + 0.4 + 0.6 =
    /// 2.2, m3 unmatched.
    ///
    /// - One more slot for A: m1 moves from C (0.3) to A (0.8); nobody new can be matched
    ///   (m3 is eligible only for B). Gain: 0 matched, +0.5.
    /// - One more slot for B: B takes m3 too. Gain: 1 matched, +0.5.
    /// - One more slot for C: C already has both its eligible mentees. Gain: nothing.
    fn fixture() -> (Vec<u32>, Vec<Vec<(u32, f64)>>) {
        (
            vec![1, 1, 2],
            vec![
                vec![(0, 0.9)],
                vec![(0, 0.8), (2, 0.3)],
                vec![(1, 0.6)],
                vec![(1, 0.5)],
                vec![(2, 0.4)],
            ],
        )
    }

    #[test]
    fn hand_worked_three_mentors_five_mentees() {
        let (capacity, lists) = fixture();
        let g = gains(capacity, &lists);
        close(g[0], 0, 0.5);
        close(g[1], 1, 0.5);
        close(g[2], 0, 0.0);
    }

    #[test]
    fn matching_one_more_may_lower_the_score() {
        // A (cap 0): m0 0.1. B (cap 1): m0 0.9, m1 0.2. Optimum: B-m0 (0.9), m1 unmatched.
        // One more slot for A: A-m0 and B-m1 match both, 0.1 + 0.2 = 0.3: +1 matched, -0.6.
        // One more slot for B: B takes m1 too: +1, +0.2.
        let g = gains(vec![0, 1], &[vec![(0, 0.1), (1, 0.9)], vec![(1, 0.2)]]);
        close(g[0], 1, 0.3 - 0.9);
        close(g[1], 1, 0.2);
    }

    #[test]
    fn a_mentor_with_room_gains_nothing() {
        let g = gains(vec![3, 1], &[vec![(0, 0.5), (1, 0.9)], vec![(1, 0.8)]]);
        // A (cap 3): m0 0.5. B (cap 1): m0 0.9, m1 0.8. Matching both needs A-m0 and B-m1:
        // optimum 2 matched, 1.3. A has room: one more slot adds nothing. One more slot for
        // B: B-m0 0.9 + B-m1 0.8 = 1.7: 0 matched, +0.4.
        close(g[0], 0, 0.0);
        close(g[1], 0, 0.4);
    }

    #[test]
    fn a_new_mentor_slot_by_slot() {
        let (capacity, lists) = fixture();
        let p = Problem::from_lists(capacity, &lists);
        let sol = solve(&p, SolverChoice::Network).unwrap();
        let v = SlotValues::new(&p, &sol.edge_of, Costing::new(0.0, 1.0, 10)).unwrap();
        // A new mentor eligible for m3 (0.5) and m1 (1.0), capacity 3:
        // slot 1: m3 is matched (+1, +0.5) -- matching one more comes first;
        // slot 2: m1 moves from C (0.3) to it (1.0): +0.7;
        // slot 3: nothing left to gain.
        let got = v.added_mentor(&AddedMentor {
            bonus: Vec::new(),
            pairs: vec![(1, 1.0), (3, 0.5)],
            capacity: 3,
        });
        assert_eq!(got.len(), 2);
        close(got[0], 1, 0.5);
        close(got[1], 0, 0.7);
        close(Gain::total(&got), 1, 1.2);
        // The base is untouched: the mentor gains are still those of the roster.
        let g = v.mentor_gains();
        close(g[1], 1, 0.5);
    }

    #[test]
    fn a_non_optimal_assignment_falls_back_to_the_optimum() {
        let (capacity, lists) = fixture();
        let p = Problem::from_lists(capacity, &lists);
        // Only m0 matched: feasible, far from optimal.
        let edge_of = vec![Some(0), None, None, None, None];
        let v = SlotValues::new(&p, &edge_of, Costing::for_problem(&p)).unwrap();
        assert!(!v.from_given());
        let g = v.mentor_gains();
        close(g[0], 0, 0.5);
        close(g[1], 1, 0.5);
    }
}
