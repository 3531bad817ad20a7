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

mod duals;
mod gain;
mod search;
#[cfg(test)]
mod tests;
mod values;

pub use duals::{covering, duals_cover, scores_within, Duals};
pub use gain::{AddedMentor, Gain};
pub use values::SlotValues;

use crate::solve::Problem;

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
