//! The residual searches: the multi-source Dijkstra search from the sink, the added
//! mentor's first slot taken from the base search, and augmenting along a path.

use super::values::SlotValues;
use super::{mentor_node, ADDED, NONE};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The part of the residual graph that augmenting changes.
#[derive(Debug, Clone)]
pub(super) struct State {
    /// Per mentee, its edge ([`NONE`] when unmatched, [`ADDED`] to the added mentor).
    pub(super) used: Vec<usize>,
    /// Per mentor (the added one last, when there is one), its mentees.
    pub(super) held: Vec<Vec<u32>>,
    /// Potentials: mentees `0..n`, then mentors (then the added mentor).
    pub(super) pot: Vec<i64>,
}

/// The pairs of the added mentor, by mentee.
pub(super) struct Added {
    pub(super) cost: Vec<i64>,
    pub(super) score: Vec<f64>,
}

/// What one search leaves behind.
#[derive(Debug, Clone, Default)]
pub(super) struct Search {
    /// Reduced distance `D(v) - pot(v)` of each node (`i64::MAX` when not reached).
    pub(super) key: Vec<i64>,
    pub(super) done: Vec<bool>,
    /// For a mentor node: the mentee it was reached from ([`NONE`] for a source).
    pub(super) pred_mentee: Vec<usize>,
    /// For a mentor node: the edge it was reached along.
    pub(super) pred_edge: Vec<usize>,
    /// Whether the path to the node starts at an unmatched mentee.
    pub(super) from_unmatched: Vec<bool>,
    /// Score added minus score removed along the path to the node.
    pub(super) delta: Vec<f64>,
    pub(super) settled: Vec<usize>,
}

impl<'a> SlotValues<'a> {
    /// The search of an added mentor's first slot, taken from the base search: the base
    /// state is the same for every added mentor, and until the added mentor is settled a
    /// search towards it settles the same nodes with the same keys in the same order (it has
    /// no arc out of the added mentor to follow). So the added mentor's key is the least
    /// `key(i) + reduced(i -> added)` over the mentees in settling order (the first strict
    /// minimum, as the search's own relaxation keeps it), and the nodes settled before it
    /// are those with a key up to that one.
    pub(super) fn first_slot(&self, extra: &Added, pot_new: i64) -> Search {
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
    pub(super) fn search(
        &self,
        state: &State,
        added: Option<&Added>,
        target: Option<usize>,
    ) -> Search {
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
    pub(super) fn augment(&self, state: &mut State, s: &Search, target: usize) {
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
