//! The residual graph of an optimal assignment, from the network method's duals or from
//! duals kept, and the gains of one more slot read from it.

use super::duals::{pairs_certified, Duals};
use super::gain::{AddedMentor, Gain};
use super::search::{Added, Search, State};
use super::{holdings, NONE};
use crate::error::{Error, Result};
use crate::solve::network::{solve_with, Costing};
use crate::solve::{check_feasible, Problem};

/// An optimal assignment with its residual graph and potentials, ready to answer "what is
/// one more slot worth".
#[derive(Debug, Clone)]
pub struct SlotValues<'a> {
    pub(super) problem: &'a Problem,
    pub(super) costing: Costing,
    pub(super) cost: Vec<i64>,
    /// The score of each edge as reported in the gains (the problem's own, or another
    /// measure when the problem's scores carry bonuses of the objective).
    pub(super) report: Vec<f64>,
    pub(super) state: State,
    pub(super) from_given: bool,
    /// The search from the sink on the base assignment, with no target: it answers every
    /// mentor's next slot and the first slot of any added mentor.
    pub(super) base: Search,
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
}
