//! The search of the relaxation: its multipliers from the origin or a given start, each
//! solve's relaxed optimum repaired into a roster, and the bounds reported.

use super::dual::{minimise, Cut};
use super::pricing::max_weight;
use super::rows::Rows;
use super::{Relaxed, Search, BOUND_SLACK, POOL, SOLVES};
use crate::error::Result;
use crate::rules::solve::Model;
use crate::settings::SolverSettings;
use crate::solve::Status;
use std::time::{Duration, Instant};

/// What one solve of the relaxation gives.
pub(super) struct Round {
    /// The relaxed optimum's weight plus the multipliers' part: a bound before the stage's
    /// own correction.
    value: f64,
    /// Per row, the relaxed optimum's activity.
    activity: Vec<f64>,
    /// The relaxed optimum.
    optimum: Vec<Option<usize>>,
}

impl Model {
    /// The roster under the unit shares by Lagrangian relaxation (see the module
    /// documentation); `None` when no relaxed optimum could be repaired into a roster that
    /// holds the shares.
    ///
    /// With `score_stage` false only the count is sought (and the roster is the best found
    /// for it); then with `enough`, the search also stops once a roster matches that many,
    /// or the bound shows that none can. With `score_stage`, a search that ends with its
    /// bound above every roster found (an integrality gap) goes on with the branch and bound
    /// on the relaxation, within what is left of the time limit.
    pub(in crate::rules) fn relaxed_shares(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        score_stage: bool,
        enough: Option<usize>,
    ) -> Result<Option<Relaxed>> {
        let started = Instant::now();
        let search = self.origin(solver, mask, None)?;
        let Some((mut relaxed, ended)) =
            self.relaxed_search(solver, mask, score_stage, enough, search)?
        else {
            return Ok(None);
        };
        if score_stage && relaxed.status != Status::Optimal {
            let deadline = started + Duration::from_secs_f64(solver.time_limit);
            let found = std::mem::take(&mut relaxed.edge_of);
            let (proven, best, nodes) =
                self.branch_and_bound(solver, mask, found, ended, deadline)?;
            // The best roster found all the same (the search's, or a better one).
            relaxed.edge_of = best;
            if proven {
                relaxed.status = Status::Optimal;
                relaxed.count_proven = true;
                relaxed.count_limit = relaxed.edge_of.iter().flatten().count();
                relaxed.detail.push_str(&format!(
                    "; branch and bound on the relaxation: proven optimal in {nodes} nodes"
                ));
            } else {
                relaxed.detail.push_str(&format!(
                    "; branch and bound on the relaxation: not proven in {nodes} nodes"
                ));
            }
        }
        Ok(Some(relaxed))
    }

    /// The search from the origin over `mask`: its rows, the optimum without the shares
    /// repaired (until a roster holds the shares, the best key is below every roster's),
    /// and the first core; the weights set for `span` (`None`: the scores in `mask`).
    pub(super) fn origin(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        span: Option<(f64, f64)>,
    ) -> Result<Search> {
        Ok(Search {
            rows: self.rows(solver, mask)?,
            start: None,
            best: self.repaired(solver, mask)?,
            core: self.first_core(mask),
            span,
            pool: Vec::new(),
            solves: SOLVES,
        })
    }

    /// The search of [`Model::relaxed_shares`] from a given start; with the roster, where
    /// it ended (to start the search of a changed problem from).
    pub(super) fn relaxed_search(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        score_stage: bool,
        enough: Option<usize>,
        search: Search,
    ) -> Result<Option<(Relaxed, Search)>> {
        let p = &self.problem;
        let Search {
            rows,
            start,
            mut best,
            mut core,
            span,
            mut pool,
            solves: limit,
        } = search;
        let started = std::time::Instant::now();
        let out_of_time = || started.elapsed().as_secs_f64() > solver.time_limit;
        let dims = rows.rows.len();
        let n = p.n_mentees() as f64;
        let (lo, hi) = span.unwrap_or_else(|| self.span(mask));
        let (big, score_weight) = scale(n, (lo, hi), score_stage);
        // A roster with c mentees weighs at least c · per_mentee.
        let per_mentee = big + score_weight * lo.min(0.0);
        // The earlier relaxed optima that are assignments here: cuts from the start.
        let pieces: Vec<_> = self
            .pieces(mask, &rows, &pool, |e| big + score_weight * p.score[e])
            .into_iter()
            .map(|(_, cut)| cut)
            .collect();
        let mut solve = |lambda: &[f64]| {
            let pen = rows.penalties(lambda);
            let weights: Vec<f64> = (0..p.n_edges())
                .map(|e| big + score_weight * p.score[e] - Rows::penalty(self, &pen, e))
                .collect();
            let round = self.round(solver, mask, &weights, &rows, lambda, &mut best, &mut core)?;
            if pool.len() == POOL {
                pool.remove(0);
            }
            pool.push(round.optimum);
            // The best roster's weight, or for the count alone its count.
            let (count, score) = self.best_key(&best);
            let kept = if score_stage {
                big * count as f64 + score
            } else {
                count as f64
            };
            Ok((round.value, rows.gradient(&round.activity), kept))
        };
        let done = |bound: f64, kept: f64| {
            // Every roster weighs at least 0: below that, no roster holds the rows.
            if bound < -BOUND_SLACK {
                return true;
            }
            if score_stage {
                kept >= bound - 2.0 * BOUND_SLACK
            } else {
                // Proven once no roster with one more mentee fits under the bound; decided
                // once a roster has `enough` or none can.
                bound < (kept + 1.0) * per_mentee
                    || enough.is_some_and(|t| kept >= t as f64 || bound < t as f64 * per_mentee)
            }
        };
        let (bound, at, solves) =
            minimise(dims, start, pieces, limit, &mut solve, done, &out_of_time)?;
        let Some(best) = best else {
            // No roster held the shares: the integer program has to decide.
            return Ok(None);
        };
        // Where it ended (its roster is the report's).
        let end = Search {
            rows,
            start: Some(at),
            best: None,
            core,
            span: Some((lo, hi)),
            pool,
            solves: limit,
        };
        let z = self.key(&best).0 as f64;
        let count_bound = (bound / per_mentee).max(z);
        let count_proven = bound < (z + 1.0) * per_mentee;
        let score_bound = if count_proven && score_stage {
            bound - big * z
        } else {
            f64::INFINITY
        };
        let relaxed = self.relaxed_report(
            &end.rows,
            mask,
            best,
            solves,
            count_bound,
            count_proven,
            score_bound,
            score_stage,
        );
        Ok(Some((relaxed, end)))
    }

    /// The roster with its status and the account of the bounds.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn relaxed_report(
        &self,
        rows: &Rows,
        mask: &[bool],
        best: Vec<Option<usize>>,
        solves: usize,
        count_bound: f64,
        count_proven: bool,
        score_bound: f64,
        score_stage: bool,
    ) -> Relaxed {
        let best_key = self.key(&best);
        let count_limit = count_bound.floor().max(best_key.0 as f64) as usize;
        let score_proven =
            count_proven && score_stage && best_key.1 >= score_bound - 2.0 * BOUND_SLACK;
        let status = if score_proven {
            Status::Optimal
        } else {
            Status::Feasible
        };
        // Reported with the locked pairs, which no solve changes.
        let (locked, locked_value) = (self.locked.len(), self.locked_value);
        let detail = format!(
            "Lagrangian relaxation of {} unit share rows and hull rows over {} pairs, {solves} \
             network solves: matched {} ({}), {} {:.6} ({})",
            rows.rows.len(),
            mask.iter().filter(|&&k| k).count(),
            best_key.0 + locked,
            if count_proven {
                "proven the most possible".to_string()
            } else {
                format!("at most {} possible", count_limit + locked)
            },
            if self.continuity {
                "total score with the continuity bonus"
            } else {
                "total score"
            },
            best_key.1 + locked_value,
            if score_proven {
                "proven optimal".to_string()
            } else if count_proven && !score_stage {
                "not sought".to_string()
            } else if count_proven {
                format!(
                    "at most {:.6} at that count, a gap of {:.6}",
                    score_bound + locked_value,
                    (score_bound - best_key.1).max(0.0)
                )
            } else {
                "not bounded until the count is proven".to_string()
            },
        );
        Relaxed {
            edge_of: best,
            status,
            detail,
            count_proven,
            count_limit,
        }
    }

    /// One solve of the relaxation with these edge weights: its value plus the multipliers'
    /// part (`λ · rhs`, and the rounding slack), the rows' activity and the matched count of
    /// the relaxed optimum; that optimum, repaired, replaces `best` when it is better.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn round(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        weights: &[f64],
        rows: &Rows,
        lambda: &[f64],
        best: &mut Option<Vec<Option<usize>>>,
        core: &mut [bool],
    ) -> Result<Round> {
        let (x, rounding) = max_weight(&self.problem, weights, mask, core)?;
        let value: f64 = x.iter().flatten().map(|&e| weights[e]).sum::<f64>()
            + rows.dot(lambda)
            + rounding
            + BOUND_SLACK;
        let activity = rows.activity(self, &x);
        if let Some(y) = self.repair_from(solver, mask, x.clone())? {
            if best.is_none() || self.key(&y) > self.best_key(best) {
                *best = Some(y);
            }
        }
        Ok(Round {
            value,
            activity,
            optimum: x,
        })
    }

    /// The cuts `(c, g)` of the dual function, `f(λ) >= c + g · λ`, that the assignments of
    /// `pool` still give: each one within `mask` and the mentors' capacities is a roster of
    /// the relaxed problem whatever the multipliers, of weight `c` (by `weight` per pair)
    /// plus `λ` times its rows' slack `g`. Valid cuts however the pool was found (a problem
    /// with fewer pairs, less capacity or other rows).
    /// Each with the assignment it comes from.
    pub(super) fn pieces<'a>(
        &self,
        mask: &[bool],
        rows: &Rows,
        pool: &'a [Vec<Option<usize>>],
        weight: impl Fn(usize) -> f64,
    ) -> Vec<(&'a [Option<usize>], Cut)> {
        pool.iter()
            .filter(|x| self.assignment_within(mask, x))
            .map(|x| {
                let c = x.iter().flatten().map(|&e| weight(e)).sum();
                (x.as_slice(), (c, rows.gradient(&rows.activity(self, x))))
            })
            .collect()
    }

    /// Whether `x` is an assignment within `mask` and the mentors' capacities.
    pub(super) fn assignment_within(&self, mask: &[bool], x: &[Option<usize>]) -> bool {
        let p = &self.problem;
        let mut load = vec![0u32; p.n_mentors()];
        x.iter().flatten().all(|&e| {
            let j = p.mentor[e] as usize;
            load[j] += 1;
            mask[e] && load[j] <= p.capacity[j]
        })
    }

    /// The key of the best roster so far, below every roster's when there is none.
    pub(super) fn best_key(&self, best: &Option<Vec<Option<usize>>>) -> (usize, f64) {
        best.as_ref()
            .map_or((0, f64::NEG_INFINITY), |b| self.key(b))
    }

    /// The lowest and highest score of the pairs in `mask`, with 0 in the range.
    pub(super) fn span(&self, mask: &[bool]) -> (f64, f64) {
        let p = &self.problem;
        (0..p.n_edges())
            .filter(|&e| mask[e])
            .fold((0.0f64, 0.0f64), |(lo, hi), e| {
                (lo.min(p.score[e]), hi.max(p.score[e]))
            })
    }

    /// (matched, total score) of an assignment, for comparing rosters lexicographically.
    pub(in crate::rules) fn key(&self, edge_of: &[Option<usize>]) -> (usize, f64) {
        let matched = edge_of.iter().flatten().count();
        let total = edge_of
            .iter()
            .flatten()
            .map(|&e| self.problem.score[e])
            .sum();
        (matched, total)
    }
}

/// Per mentee `W`, and the score's weight, for `n` mentees and scores in `span`: the score
/// stage weighs a score as itself, the count alone by `ε`, small enough that the scores
/// cannot add up to a thousandth of a mentee (and only there to break ties by score).
pub(super) fn scale(n: f64, (lo, hi): (f64, f64), score_stage: bool) -> (f64, f64) {
    if score_stage {
        ((n + 1.0) * (hi - lo) + 1.0, 1.0)
    } else {
        (1.0, 1e-3 / ((n + 1.0) * (hi - lo)).max(1e-12))
    }
}
