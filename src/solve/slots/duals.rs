//! The duals that certify an assignment, and the costing that covers the mentors that may
//! join.

use super::gain::AddedMentor;
use crate::error::Result;
use crate::solve::network::{solve_with, Costing};
use crate::solve::Problem;

/// Whether the duals certify the assignment on every pair: `cost + a_i + b_j` at most 0 on
/// its pairs, at least 0 on the others (no residual arc between mentees and mentors is
/// negative in reduced cost).
pub(super) fn pairs_certified(
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

/// The costing of [`SlotValues`] for a problem and the mentors that may join it: over every
/// score (bonuses included), with `M` dominating for every mentee and slot there is.
///
/// [`SlotValues`]: super::SlotValues
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
