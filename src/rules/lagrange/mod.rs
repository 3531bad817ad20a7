//! Unit shares on cohorts too large for the integer program: Lagrangian relaxation of the
//! share rows, with the network method as the subproblem.
//!
//! A unit's share row is linear in the pairs of its mentees: `(1 - f) · cross - f · same <=
//! f · locked - locked_cross`. Moved into the objective with a multiplier `λ >= 0` per row,
//! every pair keeps its place in the network and only its weight changes (a cross-unit pair
//! of the unit loses `λ (1 - f)`, a same-unit pair gains `λ f`), so the network method solves
//! the relaxed problem exactly. Its optimum, plus `λ · rhs`, bounds the problem with the
//! shares from above, for any `λ >= 0` (weak duality). Each unit also has the facets of the
//! convex hull of the (same, cross) counts its share allows, relaxed the same way.
//!
//! The objective is lexicographic; one weight gives it: `W + score - λ a` per pair, with `W`
//! more than any difference in total score (`(n + 1) · (score range) + 1`), so that one
//! mentee more outweighs every score. The bound then proves the count (no roster with one
//! more mentee fits under it) and the total score at that count (the roster's weight meets
//! it). For the count alone (the fair objective's first step) the weight is `1 + ε · score
//! - λ a`, with `ε` small enough that the scores cannot add up to a thousandth of a mentee.
//!
//! The multipliers minimise the bound: Polyak subgradient steps first, then the box-step
//! cutting-plane method of [`super::bundle`], which converges to the dual's minimum, the
//! linear relaxation's optimum. Each relaxed optimum is made to hold the shares by
//! [`Model::repair_from`], which gives the rosters kept; where the best meets the bound,
//! it is proven optimal, otherwise it is reported feasible with the bounds (the gap).
//!
//! Every relaxed optimum is kept (the latest [`POOL`]): wherever it is still an assignment
//! (a changed problem, a node of the branch and bound) it is a cut of the dual function
//! from the start, so a search close to an earlier one starts with its model. Where the
//! bound stays above every roster at the dual's minimum (an integrality gap), the branch
//! and bound of [`branch`] proves the optimum.
//!
//! Each relaxed problem is solved over a core of pairs (each mentee's best few of each
//! kind), then every other pair is priced with the network duals and those that could raise
//! the weight join, until none can: the duals then certify the optimum over all pairs.
//!
//! [`Model::repair_from`]: crate::rules::solve::Model::repair_from

mod branch;
mod dual;
mod fair;
mod optima;
mod pricing;
mod rows;
mod search;
#[cfg(test)]
mod tests;

use crate::solve::Status;
use rows::Rows;
// What the branch and bound takes from the dual and the search.
use dual::Cut;
use search::scale;

/// Solves of the relaxation allowed (the search also stops at the time limit): on the
/// generated 100 x 30 cohort under a share of 0.3 the match needs 190.
const SOLVES: usize = 1000;

/// Solves of a search started at the minimum of a problem close by, before it starts
/// again from the origin: on `data/medan` under a share of 0.3, the changes that 20 did
/// not prove took 4 to 12 s each from the origin, and most are proven within 100 (the
/// multipliers of a unit whose count moves by one mentee have to move by about the weight
/// of a mentee, which the box grows to in tens of solves).
const WARM_SOLVES: usize = 100;

/// Relaxed optima a search keeps for the cuts of the next (the latest).
const POOL: usize = 200;

/// Pairs of each kind (same-unit, other) per mentee that the relaxation starts from.
const CORE_PER_KIND: usize = 4;

/// Pairs per mentee that may join the core after one solve.
const PRICED_PER_MENTEE: usize = 4;

/// Subgradient steps before the cutting-plane method takes over (they bring the
/// multipliers to their scale, which the box grows to only slowly).
const SUBGRADIENT_SOLVES: usize = 12;

/// The box's half-width when the subgradient steps did not move.
const FIRST_BOX: f64 = 0.5;

/// The most seconds each search of a changed problem in [`Model::share_optima`] may take
/// (the solver' time limit when lower): on `data/medan` a search from the origin took
/// about 6 s.
const CHANGE_SECONDS: f64 = 30.0;

/// The box's first half-width in a search started at the minimum of a problem close by,
/// when the subgradient steps did not move.
const WARM_BOX: f64 = 1.0;

/// Added to a bound before it is compared with a roster, for the floating-point sums (the
/// integer costs' rounding is added to each bound on its own, see [`max_weight`]).
const BOUND_SLACK: f64 = 1e-5;

/// A roster under the unit shares from the Lagrangian relaxation, with its bounds.
pub struct Relaxed {
    /// Per problem mentee, the chosen problem edge.
    pub edge_of: Vec<Option<usize>>,
    /// Optimal when both bounds are met, feasible otherwise.
    pub status: Status,
    /// The bounds and the work done, in words.
    pub detail: String,
    /// Whether the matched count is proven the most possible.
    pub count_proven: bool,
    /// The most mentees any roster could match: the bound, rounded down.
    pub count_limit: usize,
}

/// Where a search of the relaxation starts, or where it ended: its rows, the multipliers
/// (`None`: from the origin), the best roster holding the shares, the core of pairs, the
/// range of scores the weights are set for (`None`: those of the pairs solved), and the
/// relaxed optima of earlier solves (each a cut of the dual function wherever it is still
/// an assignment: see [`Model::pieces`]).
#[derive(Clone)]
pub(super) struct Search {
    rows: Rows,
    start: Option<Vec<f64>>,
    best: Option<Vec<Option<usize>>>,
    core: Vec<bool>,
    span: Option<(f64, f64)>,
    pool: Vec<Vec<Option<usize>>>,
    solves: usize,
}

/// The optima of [`Model::share_optima`]: each as (matched, total score without the
/// continuity bonus) over the free mentees.
///
/// [`Model::share_optima`]: crate::rules::solve::Model::share_optima
#[derive(Debug, Clone, PartialEq)]
pub struct ShareOptima {
    /// The problem's own optimum.
    pub base: (usize, f64),
    /// The optimum with each change, in the order given.
    pub changed: Vec<(usize, f64)>,
    /// How the base's optimum was proven.
    pub base_proof: Proof,
    /// How each change's optimum was proven, in the order given.
    pub proofs: Vec<Proof>,
}

/// What proved an optimum of [`Model::share_optima`].
///
/// [`Model::share_optima`]: crate::rules::solve::Model::share_optima
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// The relaxation's search from the multipliers of a problem close by (for the base:
    /// from the origin).
    Warm,
    /// The relaxation's search from the origin.
    Origin,
    /// The branch and bound on the relaxation.
    Branched,
    /// The integer program.
    Integer,
}
