//! The network solve of a restricted problem, with the minimum slots' bonus that makes its
//! optimum fill the most minimum slots before the scores decide.

use super::Model;
use crate::error::Result;
use crate::settings::SolverSettings;
use crate::solve::{self, Problem};

impl Model {
    /// The problem restricted to `mask` with these scores; minimum parts earn a bonus larger
    /// than any difference in total when `tier_bonus` is set. Solves it and maps the answer
    /// back to this model's edges.
    pub(in crate::rules) fn network(
        &self,
        solver: &SolverSettings,
        scores: &[f64],
        mask: &[bool],
        tier_bonus: bool,
    ) -> Result<solve::Solution> {
        let p = &self.problem;
        let bonus = if tier_bonus {
            self.tier_bonus(scores, mask)
        } else {
            0.0
        };
        let (sub, index) = p.restricted(
            |e| mask[e],
            |e| scores[e] + if self.tier[e] { bonus } else { 0.0 },
        );
        let s = solve::solve(&sub, solver.method)?;
        let edge_of = s.edge_of.iter().map(|e| e.map(|e| index[e])).collect();
        Ok(solve::Solution::from_edges(
            p, edge_of, s.status, s.method, s.detail,
        ))
    }

    /// The bonus of a minimum slot's pair over the pairs in `mask`: more than any difference
    /// in total score, so that a network optimum fills the most minimum slots it can before
    /// the scores decide (0 without minimums).
    pub fn tier_bonus(&self, scores: &[f64], mask: &[bool]) -> f64 {
        if self.has_tiers() {
            self.bonus_over(
                (0..self.problem.n_edges())
                    .filter(|&e| mask[e])
                    .map(|e| scores[e]),
            )
        } else {
            0.0
        }
    }

    /// A minimum slot's bonus over pairs of these scores: more than any difference in
    /// total score among rosters of the problem's mentees (0 without scores).
    pub fn bonus_over(&self, scores: impl Iterator<Item = f64>) -> f64 {
        let (lo, hi) = scores.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
        if hi >= lo {
            (self.problem.n_mentees() as f64 + 1.0) * (hi - lo) + 1.0
        } else {
            0.0
        }
    }

    /// The problem with the minimum slots' bonus in the scores of their pairs, and that
    /// bonus: without unit shares or the fair objective, its network optimum is the
    /// roster's objective (most mentees, then most minimum slots, then the total).
    pub fn tiered_problem(&self) -> (Problem, f64) {
        let p = &self.problem;
        let bonus = self.tier_bonus(&p.score, &vec![true; p.n_edges()]);
        (self.tiered_with(bonus), bonus)
    }

    /// The problem with this bonus in the scores of the minimum slots' pairs.
    pub fn tiered_with(&self, bonus: f64) -> Problem {
        let mut tiered = self.problem.clone();
        for (s, &t) in tiered.score.iter_mut().zip(&self.tier) {
            if t {
                *s += bonus;
            }
        }
        tiered
    }
}
