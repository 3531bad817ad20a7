//! Unit shares on cohorts too large for the integer program: Lagrangian relaxation of the
//! share rows, with the network method as the subproblem.
//!
//! A unit's share row is linear in the pairs of its mentees: `(1 - f) · cross - f · same <=
//! f · locked - locked_cross`. Moved into the objective with a multiplier `λ >= 0` per row,
//! every pair keeps its place in the network and only its weight changes (a cross-unit pair
//! of the unit loses `λ (1 - f)`, a same-unit pair gains `λ f`), so the network method solves
//! the relaxed problem exactly. Its optimum, plus `λ · rhs`, bounds the problem with the
//! shares from above, for any `λ >= 0` (weak duality). The relaxed problem must be free to
//! leave a mentee unmatched when its pairs weigh less than nothing, so every mentee also has
//! a pair of weight 0 to a stand-in mentor with room for all.
//!
//! The objective is lexicographic, and so are the two stages:
//! 1. the count: weight `1 - λ a` per pair (and `ε · score`, with `ε` small enough that the
//!    scores cannot add up to a thousandth of a mentee, counted into the bound);
//! 2. the total score at that count, once the count is proven: weight `score - λ a + η`,
//!    where `η` (of any sign) is the multiplier of "exactly that many mentees matched",
//!    which every roster of the lexicographic optimum meets.
//!
//! The multipliers follow the subgradient (the rows' slack) with Polyak steps. Each relaxed
//! optimum is made to hold the shares by [`Model::repair_from`], which gives the rosters
//! kept. A stage is proven when its best roster meets its bound: the count when it reaches
//! the bound rounded down; the score when it is within the cost resolution of the bound.
//! Otherwise the roster is reported as feasible, with both bounds (the gap).

use super::solve::Model;
use crate::error::Result;
use crate::settings::{Settings, SolverChoice};
use crate::solve::{self, Problem, Status};

/// Network solves allowed to each stage (each also stops at the time limit).
const STAGE_SOLVES: usize = 25;

/// Added to a bound before it is compared with a roster: the integer costs round each
/// weight by at most half of 1e-9, over at most a few thousand pairs.
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
}

/// What one solve of the relaxation gives.
struct Round {
    /// The relaxed optimum's weight plus the multipliers' part: a bound before the stage's
    /// own correction.
    value: f64,
    /// Per row, the relaxed optimum's activity.
    activity: Vec<f64>,
    /// Mentees the relaxed optimum matches.
    matched: usize,
}

/// The rows of the relaxation: each is linear in one unit's same-unit and cross-unit free
/// pair counts, `cross_coef · cross + same_coef · same <= rhs`.
struct Rows {
    /// Per row: its unit (rules' index), the coefficients and the right-hand side.
    rows: Vec<(usize, f64, f64, f64)>,
    /// Number of units (rules' indices).
    units: usize,
}

impl Model {
    /// The roster under the unit shares by Lagrangian relaxation (see the module
    /// documentation); `None` when no relaxed optimum could be repaired into a roster that
    /// holds the shares.
    ///
    /// With `score_stage` false only the count is sought (and the roster is the best found
    /// for it).
    pub(super) fn relaxed_shares(
        &self,
        settings: &Settings,
        mask: &[bool],
        score_stage: bool,
    ) -> Result<Option<Relaxed>> {
        let p = &self.problem;
        let rows = self.rows(settings, mask)?;
        let n = p.n_mentees() as f64;
        let (lo, hi) = (0..p.n_edges())
            .filter(|&e| mask[e])
            .fold((0.0f64, 0.0f64), |(lo, hi), e| {
                (lo.min(p.score[e]), hi.max(p.score[e]))
            });
        let mut solves = 0;
        let started = std::time::Instant::now();
        let out_of_time = || started.elapsed().as_secs_f64() > settings.time_limit;
        // The start: the optimum without the shares, repaired. Until a roster holds the
        // shares, the best key is below every roster's.
        let mut best: Option<Vec<Option<usize>>> = self.repaired(settings, mask)?;
        let mut best_key = self.best_key(&best);

        // Stage 1: the count.
        let epsilon = 1e-3 / ((n + 1.0) * (hi - lo).max(1e-12));
        let mut lambda = vec![0.0; rows.rows.len()];
        let mut count_bound = f64::INFINITY;
        let mut steps = Steps::new();
        for _ in 0..STAGE_SOLVES {
            let pen = rows.penalties(&lambda);
            let weights: Vec<f64> = (0..p.n_edges())
                .map(|e| 1.0 - Rows::penalty(self, &pen, e) + epsilon * p.score[e])
                .collect();
            // Every roster's count is at most x's weight less its own epsilon-scores, which
            // are at least n · min(lo, 0).
            let round = self.round(settings, mask, &weights, &rows, &lambda, &mut best)?;
            solves += 1;
            let bound = round.value - epsilon * n * lo.min(0.0);
            count_bound = count_bound.min(bound);
            steps.record(bound);
            let activity = round.activity;
            best_key = self.best_key(&best);
            if best_key.0 as f64 >= count_bound.floor() || out_of_time() {
                break;
            }
            let g = rows.slack(&lambda, &activity);
            if !steps.step(
                &mut lambda,
                &g,
                None,
                (count_bound - best_key.0 as f64).max(1e-3),
            ) {
                break;
            }
        }
        if best.is_none() {
            // No roster held the shares: the integer program has to decide.
            return Ok(None);
        }
        let count_proven = best_key.0 as f64 >= count_bound.floor();
        let count_limit = count_bound.floor().max(best_key.0 as f64) as usize;

        // Stage 2: the score at the proven count.
        let mut score_bound = f64::INFINITY;
        if count_proven && score_stage {
            let z = best_key.0 as f64;
            let mut lambda = vec![0.0; rows.rows.len()];
            let mut eta = 0.0;
            let mut steps = Steps::new();
            for _ in 0..STAGE_SOLVES {
                let pen = rows.penalties(&lambda);
                let weights: Vec<f64> = (0..p.n_edges())
                    .map(|e| p.score[e] - Rows::penalty(self, &pen, e) + eta)
                    .collect();
                let round = self.round(settings, mask, &weights, &rows, &lambda, &mut best)?;
                solves += 1;
                let matched = round.matched as f64;
                let bound = round.value - eta * z;
                score_bound = score_bound.min(bound);
                steps.record(bound);
                let activity = round.activity;
                best_key = self.best_key(&best);
                if best_key.1 >= score_bound - 2.0 * BOUND_SLACK || out_of_time() {
                    break;
                }
                let g = rows.slack(&lambda, &activity);
                // The subgradient of η (free in sign) is the matched count less z.
                let mut free = [(eta, matched - z)];
                if !steps.step(
                    &mut lambda,
                    &g,
                    Some(&mut free),
                    (score_bound - best_key.1).max(1e-6),
                ) {
                    break;
                }
                eta = free[0].0;
            }
        }
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
        Ok(best.map(|roster| Relaxed {
            edge_of: roster,
            status,
            detail,
            count_proven,
        }))
    }

    /// One solve of the relaxation with these edge weights: its value plus the multipliers'
    /// part (`λ · rhs`, and the rounding slack), the rows' activity and the matched count of
    /// the relaxed optimum; that optimum, repaired, replaces `best` when it is better.
    fn round(
        &self,
        settings: &Settings,
        mask: &[bool],
        weights: &[f64],
        rows: &Rows,
        lambda: &[f64],
        best: &mut Option<Vec<Option<usize>>>,
    ) -> Result<Round> {
        let x = self.max_weight(weights, mask)?;
        let value: f64 =
            x.iter().flatten().map(|&e| weights[e]).sum::<f64>() + rows.dot(lambda) + BOUND_SLACK;
        let activity = rows.activity(self, &x);
        let matched = x.iter().flatten().count();
        if let Some(y) = self.repair_from(settings, mask, x)? {
            if best.is_none() || self.key(&y) > self.best_key(best) {
                *best = Some(y);
            }
        }
        Ok(Round {
            value,
            activity,
            matched,
        })
    }

    /// The key of the best roster so far, below every roster's when there is none.
    fn best_key(&self, best: &Option<Vec<Option<usize>>>) -> (usize, f64) {
        best.as_ref()
            .map_or((0, f64::NEG_INFINITY), |b| self.key(b))
    }

    /// (matched, total score) of an assignment, for comparing rosters lexicographically.
    pub(super) fn key(&self, edge_of: &[Option<usize>]) -> (usize, f64) {
        let matched = edge_of.iter().flatten().count();
        let total = edge_of
            .iter()
            .flatten()
            .map(|&e| self.problem.score[e])
            .sum();
        (matched, total)
    }

    /// The share rows, and for each unit the facets of the convex hull of its integer
    /// (same, cross) counts that its share allows, given the most same-unit pairs it can
    /// have at all (valid inequalities that the linear relaxation lacks: its count bound
    /// is then loose by less than a mentee per unit).
    fn rows(&self, settings: &Settings, mask: &[bool]) -> Result<Rows> {
        let units = self.locked_per_unit.len();
        let most_same = self.most_same_unit_pairs(settings, mask)?;
        let mut rows = Vec::new();
        for (u, f, _) in self.share_rows(mask) {
            let u = u as usize;
            let (locked, locked_cross) = self.locked_per_unit[u];
            let rhs = f * f64::from(locked) - f64::from(locked_cross);
            rows.push((u, 1.0 - f, -f, rhs));
            if f >= 1.0 {
                continue;
            }
            // The most cross-unit pairs with `s` same-unit ones.
            let cap = |s: usize| ((f * s as f64 + rhs) / (1.0 - f) + 1e-9).floor();
            let points: Vec<(f64, f64)> = (0..=most_same[u])
                .map(|s| (s as f64, cap(s)))
                .filter(|&(_, c)| c >= 0.0)
                .collect();
            for w in upper_hull(&points).windows(2) {
                let ((s1, c1), (s2, c2)) = (w[0], w[1]);
                let slope = (c2 - c1) / (s2 - s1);
                rows.push((u, 1.0, -slope, c1 - slope * s1));
            }
        }
        Ok(Rows { rows, units })
    }

    /// Per unit (rules' index), the most same-unit free pairs its mentees can have: one
    /// solve over the same-unit pairs of the units under a share rule (no mentor has
    /// same-unit pairs in two units, so the largest total is the largest of each).
    fn most_same_unit_pairs(&self, settings: &Settings, mask: &[bool]) -> Result<Vec<usize>> {
        let p = &self.problem;
        let same: Vec<bool> = (0..p.n_edges())
            .map(|e| mask[e] && matches!(self.share_group[e], Some((_, false))))
            .collect();
        let ones = vec![1.0; p.n_edges()];
        let mut most = vec![0usize; self.locked_per_unit.len()];
        for e in self
            .network(settings, &ones, &same, false)?
            .edge_of
            .iter()
            .flatten()
        {
            if let Some((u, _)) = self.share_group[*e] {
                most[u as usize] += 1;
            }
        }
        Ok(most)
    }

    /// The assignment of the largest total weight within `mask` (a mentee stays unmatched
    /// rather than take a pair of negative weight), solved exactly by the network method.
    fn max_weight(&self, weights: &[f64], mask: &[bool]) -> Result<Vec<Option<usize>>> {
        let p = &self.problem;
        let stand_in = p.n_mentors() as u32;
        let mut capacity = p.capacity.clone();
        capacity.push(p.n_mentees() as u32);
        let mut index = Vec::new();
        let lists: Vec<Vec<(u32, f64)>> = (0..p.n_mentees())
            .map(|i| {
                let mut list: Vec<(u32, f64)> = p
                    .edges(i)
                    .filter(|&e| mask[e])
                    .map(|e| {
                        index.push(e);
                        (p.mentor[e], weights[e])
                    })
                    .collect();
                index.push(usize::MAX);
                list.push((stand_in, 0.0));
                list
            })
            .collect();
        let sub = Problem::from_lists(capacity, &lists);
        let s = solve::solve(&sub, SolverChoice::Network)?;
        Ok(s.edge_of
            .iter()
            .map(|e| e.map(|e| index[e]).filter(|&e| e != usize::MAX))
            .collect())
    }
}

/// The upper convex hull of points sorted by their first coordinate (distinct), from left
/// to right.
fn upper_hull(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut hull: Vec<(f64, f64)> = Vec::new();
    for &q in points {
        while hull.len() >= 2 {
            let (a, b) = (hull[hull.len() - 2], hull[hull.len() - 1]);
            // b is not above the segment a-q: drop it.
            if (b.0 - a.0) * (q.1 - a.1) - (b.1 - a.1) * (q.0 - a.0) >= 0.0 {
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(q);
    }
    hull
}

impl Rows {
    /// Per unit, the weight taken off a cross-unit and a same-unit pair by the multipliers.
    fn penalties(&self, lambda: &[f64]) -> Vec<(f64, f64)> {
        let mut pen = vec![(0.0, 0.0); self.units];
        for (&(u, cc, cs, _), l) in self.rows.iter().zip(lambda) {
            pen[u].0 += l * cc;
            pen[u].1 += l * cs;
        }
        pen
    }

    /// The penalty of one edge.
    fn penalty(model: &Model, pen: &[(f64, f64)], e: usize) -> f64 {
        match model.share_group[e] {
            Some((u, true)) => pen[u as usize].0,
            Some((u, false)) => pen[u as usize].1,
            None => 0.0,
        }
    }

    /// Per row the activity of `x`.
    fn activity(&self, model: &Model, x: &[Option<usize>]) -> Vec<f64> {
        let mut counts = vec![(0.0, 0.0); self.units];
        for &e in x.iter().flatten() {
            match model.share_group[e] {
                Some((u, true)) => counts[u as usize].0 += 1.0,
                Some((u, false)) => counts[u as usize].1 += 1.0,
                None => {}
            }
        }
        self.rows
            .iter()
            .map(|&(u, cc, cs, _)| cc * counts[u].0 + cs * counts[u].1)
            .collect()
    }

    fn dot(&self, lambda: &[f64]) -> f64 {
        self.rows.iter().zip(lambda).map(|(r, l)| r.3 * l).sum()
    }

    /// The subgradient (the rows' slack), zero where a multiplier at 0 would go negative.
    fn slack(&self, lambda: &[f64], activity: &[f64]) -> Vec<f64> {
        self.rows
            .iter()
            .zip(activity)
            .zip(lambda)
            .map(|((r, a), &l)| {
                let g = r.3 - a;
                if l <= 0.0 && g > 0.0 {
                    0.0
                } else {
                    g
                }
            })
            .collect()
    }
}

/// Polyak steps for the subgradient method: length `theta · gap / |g|²`, with `theta`
/// halved after three solves that did not lower the bound.
struct Steps {
    theta: f64,
    best: f64,
    stall: usize,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            theta: 1.0,
            best: f64::INFINITY,
            stall: 0,
        }
    }

    fn record(&mut self, bound: f64) {
        if bound < self.best - 1e-12 {
            self.best = bound;
            self.stall = 0;
        } else {
            self.stall += 1;
            if self.stall >= 3 {
                self.theta /= 2.0;
                self.stall = 0;
            }
        }
    }

    /// Moves the multipliers `lambda` (kept `>= 0`) along minus `g`, and each free
    /// multiplier `(value, subgradient)` of `free`; false when there is nothing to move.
    fn step(
        &self,
        lambda: &mut [f64],
        g: &[f64],
        free: Option<&mut [(f64, f64)]>,
        gap: f64,
    ) -> bool {
        let mut norm: f64 = g.iter().map(|v| v * v).sum();
        if let Some(f) = &free {
            norm += f.iter().map(|(_, g)| g * g).sum::<f64>();
        }
        if norm <= 0.0 {
            return false;
        }
        let t = self.theta * gap / norm;
        for (l, gr) in lambda.iter_mut().zip(g) {
            *l = (*l - t * gr).max(0.0);
        }
        if let Some(f) = free {
            for (v, gr) in f.iter_mut() {
                *v -= t * *gr;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::upper_hull;

    /// The counts a share of 0.3 allows: at most floor(3 s / 7) cross-unit pairs with s
    /// same-unit ones.
    fn staircase(most_same: usize) -> Vec<(f64, f64)> {
        (0..=most_same)
            .map(|s| (s as f64, ((0.3 * s as f64) / 0.7 + 1e-9).floor()))
            .collect()
    }

    #[test]
    fn hull_of_the_share_staircase() {
        // (0,0) (1,0) (2,0) (3,1) (4,1) (5,2) (6,2) (7,3): the line through (0,0) and (7,3)
        // passes above every other point, so the hull is that one segment.
        assert_eq!(upper_hull(&staircase(7)), [(0.0, 0.0), (7.0, 3.0)]);
        // With at most 5 same-unit pairs the last point is (5,2): c <= 2s/5, which cuts the
        // share row's 15/7 at s = 5 down to 2.
        assert_eq!(upper_hull(&staircase(5)), [(0.0, 0.0), (5.0, 2.0)]);
        // At 9: (7,3) is a vertex, then the flat step to (9,3).
        assert_eq!(
            upper_hull(&staircase(9)),
            [(0.0, 0.0), (7.0, 3.0), (9.0, 3.0)]
        );
        assert_eq!(upper_hull(&[(2.0, 1.0)]), [(2.0, 1.0)]);
    }
}
