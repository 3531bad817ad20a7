//! Exact min-cost flow for the assignment, by successive shortest paths with potentials.
//!
//! The network: every unit of the *placing side* ships to the *receiving side* along an
//! eligible pair (cost from the score) or to its own "unmatched" arc (cost `M`). Placing the
//! side with fewer units keeps the work small: mentees (1 unit each) into mentors (capacity),
//! or mentor slots into mentees (capacity 1).
//!
//! Costs are integers: `round((s_max - s) · 10⁹)` for a pair with score `s`, so all are ≥ 0,
//! and `M = units · R + 1` with `R` the largest pair cost. Any roster that matches one more
//! mentee is therefore cheaper than any that matches fewer, and among rosters with the same
//! count the cheapest has the highest total score: the lexicographic objective.
//!
//! The method is primal-dual: a greedy start places every unit that can go along its
//! cheapest pair (potential of the placing node = minus that cost, so all reduced costs stay
//! `>= 0`); then each *phase* runs one Dijkstra search on reduced costs from all unplaced
//! units at once, stopping when the sink is settled, moves the potentials of the settled
//! nodes by `d - d_sink` (the Jonker-Volgenant form), and places as many units as paths of
//! zero reduced cost allow, by depth-first search. Scores tie often (same unit, same
//! workload, gaps fully covered), and one phase then places many units. Throughout, every
//! residual arc keeps a reduced cost `>= 0`; once all units are placed, that is the LP
//! duality certificate of optimality, and it is verified in `O(E)` before the answer is
//! returned.
//!
//! Complexity: `O(U · E log V)` in the worst case for `U` units (one unit per phase), far
//! less in practice.
//! Ties are broken by node index, so a problem gives one answer whatever the thread count.

mod augment;
mod certify;
mod flow;
mod side;
#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::solve::Problem;
use flow::Flow;
use side::{mentee_side, mentor_side};

/// Resolution of the integer costs: scores that differ by less than 1e-9 count as equal
/// (coarser only when `units × score spread` would not fit 64-bit arithmetic, see
/// [`cost_scale`]).
pub const COST_SCALE: f64 = 1e9;

/// The largest "unmatched" cost allowed, leaving room for path lengths and potentials in i64.
const MAX_BIG_M: f64 = (1u64 << 60) as f64;

/// The scale turning scores into integer costs: [`COST_SCALE`], or less when
/// `units × spread × scale` would pass 2^60.
pub fn cost_scale(units: u64, spread: f64) -> f64 {
    let need = (units as f64 + 1.0) * spread.max(0.0) * 4.0;
    if need * COST_SCALE <= MAX_BIG_M {
        COST_SCALE
    } else {
        MAX_BIG_M / need
    }
}

/// How scores become integer costs: `cost = round((s_max - s) · scale)`, so every cost is
/// `>= 0` and the best score costs 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Costing {
    /// The highest score of any pair considered.
    pub s_max: f64,
    /// Cost units per unit of score (see [`cost_scale`]).
    pub scale: f64,
    /// Cost of a unit left unmatched: `units · cost(s_min) + 1`, more than any difference in
    /// total pair cost, which makes the objective lexicographic.
    pub big_m: i64,
}

impl Costing {
    /// The costing for scores in `[s_min, s_max]` with at most `units` units to place.
    pub fn new(s_min: f64, s_max: f64, units: u64) -> Costing {
        if s_max < s_min {
            return Costing {
                s_max: 0.0,
                scale: COST_SCALE,
                big_m: 1,
            };
        }
        let scale = cost_scale(units, s_max - s_min);
        let range = ((s_max - s_min) * scale).round() as i64;
        Costing {
            s_max,
            scale,
            big_m: (units as i64).saturating_mul(range).saturating_add(1),
        }
    }

    /// The costing of a problem's own pairs.
    pub fn for_problem(problem: &Problem) -> Costing {
        let s_max = problem
            .score
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let s_min = problem.score.iter().copied().fold(f64::INFINITY, f64::min);
        let units = problem
            .n_mentees()
            .max(problem.capacity.iter().map(|&c| c as usize).sum());
        Costing::new(s_min, s_max, units as u64)
    }

    /// The integer cost of a pair with this score.
    pub fn cost(&self, score: f64) -> i64 {
        ((self.s_max - score) * self.scale).round() as i64
    }
}

/// The answer of the network method with its dual values.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkSolution {
    /// Per mentee, the chosen edge of the problem, or `None`.
    pub edge_of: Vec<Option<usize>>,
    /// A short account of the work.
    pub detail: String,
    /// Dual value `a_i` per mentee.
    pub mentee_dual: Vec<i64>,
    /// Dual value `b_j` per mentor. Together with [`NetworkSolution::mentee_dual`]: every
    /// pair without flow has `cost_ij + a_i + b_j >= 0` (checked), and every pair not in the
    /// problem with that property could not improve the roster either.
    pub mentor_dual: Vec<i64>,
}

/// Full degrees of a problem whose pairs are a subset of all eligible pairs: how many
/// eligible mentors each mentee has, and how many eligible mentees each mentor has.
#[derive(Debug, Clone, Copy)]
pub struct FullDegrees<'a> {
    /// Eligible mentors per mentee.
    pub mentee: &'a [usize],
    /// Eligible mentees per mentor.
    pub mentor: &'a [usize],
}

/// Solves the problem; returns per mentee its chosen edge, and a short account of the work.
pub fn solve(problem: &Problem) -> Result<(Vec<Option<usize>>, String)> {
    let s = solve_with(problem, Costing::for_problem(problem), None)?;
    Ok((s.edge_of, s.detail))
}

/// Solves the problem with a given costing. When the problem holds only some of the
/// eligible pairs, `full` gives the degrees in the full graph, so that every unit that could
/// be placed there is placed here (on its "unmatched" arc if need be) and the duals can
/// price the pairs left out.
pub fn solve_with(
    problem: &Problem,
    costing: Costing,
    full: Option<FullDegrees<'_>>,
) -> Result<NetworkSolution> {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    let cost: Vec<i64> = problem.score.iter().map(|&s| costing.cost(s)).collect();

    let mut mentor_degree = vec![0usize; m];
    for &j in &problem.mentor {
        mentor_degree[j as usize] += 1;
    }
    let mentee_degree: Vec<usize> = (0..n).map(|i| problem.edges(i).len()).collect();
    let (mentee_full, mentor_full) = match full {
        Some(f) => (f.mentee, f.mentor),
        None => (&mentee_degree[..], &mentor_degree[..]),
    };
    let mentee_units: u64 = mentee_full.iter().filter(|&&d| d > 0).count() as u64;
    let slot_units: u64 = (0..m)
        .map(|j| (problem.capacity[j] as usize).min(mentor_full[j]) as u64)
        .sum();

    let (side, mentees_place) = if mentee_units <= slot_units {
        (mentee_side(problem, &cost, mentee_full), true)
    } else {
        (
            mentor_side(problem, &cost, &mentor_degree, mentor_full),
            false,
        )
    };
    let mut flow = Flow::new(&side, costing.big_m);
    let mut placed = flow.greedy_start(&side);
    let greedy = placed.iter().map(|&p| p as u64).sum::<u64>();
    let mut augmentations = 0u64;
    let mut phases = 0u64;
    loop {
        let sources: Vec<u32> = (0..side.supply.len() as u32)
            .filter(|&u| placed[u as usize] < side.supply[u as usize])
            .collect();
        if sources.is_empty() {
            break;
        }
        flow.search(&side, &sources);
        let done = flow.phase(&side, &mut placed, &sources);
        if done == 0 {
            return Err(Error::Solver(
                "a phase found no path of zero reduced cost".into(),
            ));
        }
        augmentations += done;
        phases += 1;
    }
    flow.certify(&side).map_err(Error::Solver)?;

    let mut edge_of = vec![None; n];
    for (arc, &on) in flow.on.iter().enumerate() {
        if on {
            let e = side.edge[arc];
            let mentee = if mentees_place {
                side.tail[arc] as usize
            } else {
                side.head[arc] as usize
            };
            edge_of[mentee] = Some(e);
        }
    }
    let (mentee_dual, mentor_dual) = if mentees_place {
        (
            flow.pot_place.clone(),
            flow.pot_receive.iter().map(|p| -p).collect(),
        )
    } else {
        (
            flow.pot_receive.iter().map(|p| -p).collect(),
            flow.pot_place.clone(),
        )
    };
    let detail =
        format!(
        "placed {} {}: {greedy} on their best pair, {augmentations} along shortest paths in {phases} phases",
        if mentees_place { mentee_units } else { slot_units },
        if mentees_place { "mentees" } else { "mentor slots" },
    );
    Ok(NetworkSolution {
        edge_of,
        detail,
        mentee_dual,
        mentor_dual,
    })
}
