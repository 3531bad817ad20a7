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

mod branch;
mod fair;

use super::bundle::{Bundle, Next};
use super::solve::{Model, Stage};
use crate::error::Result;
use crate::settings::Settings;
use crate::solve::network::{self, Costing, FullDegrees};
use crate::solve::{Problem, Status};
use branch::Limit;
use std::time::{Duration, Instant};

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
/// (the settings' time limit when lower): on `data/medan` a search from the origin took
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

/// What one solve of the relaxation gives.
struct Round {
    /// The relaxed optimum's weight plus the multipliers' part: a bound before the stage's
    /// own correction.
    value: f64,
    /// Per row, the relaxed optimum's activity.
    activity: Vec<f64>,
    /// The relaxed optimum.
    optimum: Vec<Option<usize>>,
}

/// The rows of the relaxation: each is linear in one unit's same-unit and cross-unit free
/// pair counts, `cross_coef · cross + same_coef · same <= rhs`.
#[derive(Clone)]
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
    /// for it); then with `enough`, the search also stops once a roster matches that many,
    /// or the bound shows that none can. With `score_stage`, a search that ends with its
    /// bound above every roster found (an integrality gap) goes on with the branch and bound
    /// on the relaxation, within what is left of the time limit.
    pub(super) fn relaxed_shares(
        &self,
        settings: &Settings,
        mask: &[bool],
        score_stage: bool,
        enough: Option<usize>,
    ) -> Result<Option<Relaxed>> {
        let started = Instant::now();
        let search = self.origin(settings, mask, None)?;
        let Some((mut relaxed, ended)) =
            self.relaxed_search(settings, mask, score_stage, enough, search)?
        else {
            return Ok(None);
        };
        if score_stage && relaxed.status != Status::Optimal {
            let deadline = started + Duration::from_secs_f64(settings.time_limit);
            let found = std::mem::take(&mut relaxed.edge_of);
            let (proven, best, nodes) =
                self.branch_and_bound(settings, mask, found, ended, deadline)?;
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
    fn origin(
        &self,
        settings: &Settings,
        mask: &[bool],
        span: Option<(f64, f64)>,
    ) -> Result<Search> {
        Ok(Search {
            rows: self.rows(settings, mask)?,
            start: None,
            best: self.repaired(settings, mask)?,
            core: self.first_core(mask),
            span,
            pool: Vec::new(),
            solves: SOLVES,
        })
    }

    /// The optimum under the unit shares (the objective of the total, without minimum
    /// slots), and for each change (a problem mentor and its new capacity, at least its
    /// own) the optimum of the problem with that change alone; each as (matched, total
    /// score without the continuity bonus) over the free mentees. The pairs of the mentors
    /// marked `absent` are out of the problem, and in only for a change of that mentor (a
    /// mentor who joins). `None` when one of them is not proven optimal.
    ///
    /// The problem is solved once by the Lagrangian relaxation of the match (see the module
    /// documentation), with the weights set for the scores of every pair, the absent
    /// mentors' too, so that one set of multipliers serves all. A change only adds rosters,
    /// so the roster found stays feasible and is where each changed search starts from,
    /// with the multipliers the first search ended at: its first solve bounds the changed
    /// optimum by the same rows (a unit's hull rows are stated again where the change may
    /// give it more same-unit pairs, with multipliers of 0 for the rows that changed). A
    /// change that cannot raise the optimum is proven so by that solve alone; the others
    /// go on with the cutting-plane method (with the cuts of the first search's relaxed
    /// optima) for up to 100 solves. A changed problem not proven from there is
    /// searched again from the origin, as the match searches; where that search ends with
    /// its bound above every roster, the branch and bound goes on from there (the base
    /// problem's too). One still not proven gets the integer program when it has at most
    /// `mip.0` pairs, for at most `mip.1` seconds. Each search and each branch and bound of
    /// a changed problem stops at 30 s (or the settings' time limit when lower).
    pub fn share_optima(
        &self,
        settings: &Settings,
        absent: &[bool],
        changes: &[(usize, u32)],
        mip: (usize, f64),
    ) -> Result<Option<ShareOptima>> {
        let all = vec![true; self.problem.n_edges()];
        self.share_optima_within(settings, absent, &all, changes, mip)
    }

    /// [`Model::share_optima`] over the pairs in `within` alone (the absent mentors' too,
    /// for their own change).
    pub fn share_optima_within(
        &self,
        settings: &Settings,
        absent: &[bool],
        within: &[bool],
        changes: &[(usize, u32)],
        mip: (usize, f64),
    ) -> Result<Option<ShareOptima>> {
        use rayon::prelude::*;
        let p = &self.problem;
        let mask: Vec<bool> = (0..p.n_edges())
            .map(|e| within[e] && !absent[p.mentor[e] as usize])
            .collect();
        // One weight for every change: over the pairs of the absent mentors too.
        let span = self.span(&vec![true; p.n_edges()]);
        let search = self.origin(settings, &mask, Some(span))?;
        let Some((relaxed, end)) = self.relaxed_search(settings, &mask, true, None, search)? else {
            return Ok(None);
        };
        // The integer program for a problem small enough whose optimum the relaxation did
        // not prove, as for the changes below (the multipliers are a start all the same).
        let mip_optimum = |model: &Model, within: &[bool]| -> Result<Option<Vec<Option<usize>>>> {
            if within.iter().filter(|&&k| k).count() > mip.0 {
                return Ok(None);
            }
            let limited = Settings {
                time_limit: settings.time_limit.min(mip.1),
                ..settings.clone()
            };
            let (edge_of, status) = model.mip(&limited, within, Stage::Score)?;
            Ok((status == Status::Optimal).then_some(edge_of))
        };
        // The branch and bound from where a search ended with its bound above the roster.
        let branched = |model: &Model, within: &[bool], r: Relaxed, ended: Search| {
            let limit = settings.time_limit.min(CHANGE_SECONDS);
            let deadline = Instant::now() + Duration::from_secs_f64(limit);
            model
                .branch_and_bound(settings, within, r.edge_of, ended, deadline)
                .map(|(proven, best, _)| proven.then_some(best))
        };
        let (found, base_proof) = if relaxed.status == Status::Optimal {
            (relaxed.edge_of, Proof::Warm)
        } else if let Some(edge_of) = branched(self, &mask, relaxed, end.clone())? {
            (edge_of, Proof::Branched)
        } else {
            match mip_optimum(self, &mask)? {
                Some(edge_of) => (edge_of, Proof::Integer),
                None => return Ok(None),
            }
        };
        let lambda = end.start.as_deref().unwrap_or_default();
        let value = |edge_of: &[Option<usize>]| {
            let base: f64 = edge_of.iter().flatten().map(|&e| self.base[e]).sum();
            (edge_of.iter().flatten().count(), base)
        };
        // Whether a mentor has same-unit pairs under a share rule (its unit's hull rows
        // rest on how many of those the unit can have).
        let mut same_unit = vec![false; p.n_mentors()];
        for e in 0..p.n_edges() {
            if matches!(self.share_group[e], Some((_, false))) {
                same_unit[p.mentor[e] as usize] = true;
            }
        }
        let failed = std::sync::atomic::AtomicBool::new(false);
        // Each search of a changed problem within its own time limit.
        let settings = &Settings {
            time_limit: settings.time_limit.min(CHANGE_SECONDS),
            ..settings.clone()
        };
        let changed: Vec<Option<((usize, f64), Proof)>> = changes
            .par_iter()
            .map(|&(c, capacity)| -> Result<Option<((usize, f64), Proof)>> {
                use std::sync::atomic::Ordering::Relaxed;
                if failed.load(Relaxed) {
                    return Ok(None);
                }
                let mut model = self.clone();
                model.problem.capacity[c] = capacity;
                let given = within;
                let mut within = mask.clone();
                if absent[c] {
                    for (e, k) in within.iter_mut().enumerate() {
                        *k |= given[e] && p.mentor[e] as usize == c;
                    }
                }
                let rows = if same_unit[c] && (absent[c] || capacity > p.capacity[c]) {
                    model.rows(settings, &within)?
                } else {
                    end.rows.clone()
                };
                let start = end.rows.carried(lambda, &rows);
                // The roster found, with the new slots filled where that keeps the shares
                // (and the room for pairs across units that this may give).
                let best = match model.repair_from(settings, &within, found.clone())? {
                    Some(y) if model.key(&y) > model.key(&found) => y,
                    _ => found.clone(),
                };
                let search = Search {
                    rows,
                    start: Some(start),
                    best: Some(best),
                    core: end.core.clone(),
                    span: end.span,
                    pool: end.pool.clone(),
                    solves: WARM_SOLVES,
                };
                let warm = model.relaxed_search(settings, &within, true, None, search)?;
                let (pool, kept) = match warm {
                    Some((r, _)) if r.status == Status::Optimal => {
                        return Ok(Some((value(&r.edge_of), Proof::Warm)))
                    }
                    Some((r, ended)) => (ended.pool, Some(r.edge_of)),
                    None => (Vec::new(), None),
                };
                // Not proven from there: the search from the origin, as the match's own
                // (with the cuts of the relaxed optima so far, and the best roster found),
                // and the branch and bound from where it ends.
                let origin = model.origin(settings, &within, end.span)?;
                let best = match (origin.best, kept) {
                    (Some(a), Some(b)) => Some(if model.key(&b) > model.key(&a) { b } else { a }),
                    (a, b) => a.or(b),
                };
                let origin = Search {
                    pool,
                    best,
                    ..origin
                };
                if let Some((r, ended)) =
                    model.relaxed_search(settings, &within, true, None, origin)?
                {
                    if r.status == Status::Optimal {
                        return Ok(Some((value(&r.edge_of), Proof::Origin)));
                    }
                    if let Some(edge_of) = branched(&model, &within, r, ended)? {
                        return Ok(Some((value(&edge_of), Proof::Branched)));
                    }
                }
                // Not proven: a problem small enough gets the integer program.
                if let Some(edge_of) = mip_optimum(&model, &within)? {
                    return Ok(Some((value(&edge_of), Proof::Integer)));
                }
                failed.store(true, Relaxed);
                Ok(None)
            })
            .collect::<Result<_>>()?;
        let Some(changed) = changed.into_iter().collect::<Option<Vec<_>>>() else {
            return Ok(None);
        };
        Ok(Some(ShareOptima {
            base: value(&found),
            changed: changed.iter().map(|c| c.0).collect(),
            base_proof,
            proofs: changed.iter().map(|c| c.1).collect(),
        }))
    }

    /// The search of [`Model::relaxed_shares`] from a given start; with the roster, where
    /// it ended (to start the search of a changed problem from).
    fn relaxed_search(
        &self,
        settings: &Settings,
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
        let out_of_time = || started.elapsed().as_secs_f64() > settings.time_limit;
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
            let round = self.round(
                settings, mask, &weights, &rows, lambda, &mut best, &mut core,
            )?;
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
    fn relaxed_report(
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
    fn round(
        &self,
        settings: &Settings,
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
        if let Some(y) = self.repair_from(settings, mask, x.clone())? {
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
    fn pieces<'a>(
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
    fn assignment_within(&self, mask: &[bool], x: &[Option<usize>]) -> bool {
        let p = &self.problem;
        let mut load = vec![0u32; p.n_mentors()];
        x.iter().flatten().all(|&e| {
            let j = p.mentor[e] as usize;
            load[j] += 1;
            mask[e] && load[j] <= p.capacity[j]
        })
    }

    /// The key of the best roster so far, below every roster's when there is none.
    fn best_key(&self, best: &Option<Vec<Option<usize>>>) -> (usize, f64) {
        best.as_ref()
            .map_or((0, f64::NEG_INFINITY), |b| self.key(b))
    }

    /// The lowest and highest score of the pairs in `mask`, with 0 in the range.
    fn span(&self, mask: &[bool]) -> (f64, f64) {
        let p = &self.problem;
        (0..p.n_edges())
            .filter(|&e| mask[e])
            .fold((0.0f64, 0.0f64), |(lo, hi), e| {
                (lo.min(p.score[e]), hi.max(p.score[e]))
            })
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
        let any = vec![Limit::ANY; self.locked_per_unit.len()];
        Ok(self
            .rows_within(settings, mask, &any)?
            .expect("a unit without limits has rows"))
    }

    /// The rows of [`Model::rows`] where each unit's free pair counts are also within its
    /// `limits` (a node of the branch and bound): the hull is then that of the counts the
    /// share and the limits allow, with the limits as rows of their own. `None` when a
    /// unit's limits leave no counts at all.
    fn rows_within(
        &self,
        settings: &Settings,
        mask: &[bool],
        limits: &[Limit],
    ) -> Result<Option<Rows>> {
        let units = self.locked_per_unit.len();
        let most_same = self.most_same_unit_pairs(settings, mask)?;
        let mut rows = Vec::new();
        for (u, f, _) in self.share_rows(mask) {
            let u = u as usize;
            let (locked, locked_cross) = self.locked_per_unit[u];
            let rhs = f * f64::from(locked) - f64::from(locked_cross);
            rows.push((u, 1.0 - f, -f, rhs));
            let limit = limits[u];
            let (s_lo, s_hi) = (limit.same.0, limit.same.1.min(most_same[u]));
            if s_lo > s_hi || limit.cross.0 > limit.cross.1 {
                return Ok(None);
            }
            if limit != Limit::ANY {
                let bound = |lo: usize, hi: usize, cross: f64, same: f64, rows: &mut Vec<_>| {
                    if lo > 0 {
                        rows.push((u, -cross, -same, -(lo as f64)));
                    }
                    if hi != usize::MAX {
                        rows.push((u, cross, same, hi as f64));
                    }
                };
                bound(limit.same.0, limit.same.1, 0.0, 1.0, &mut rows);
                bound(limit.cross.0, limit.cross.1, 1.0, 0.0, &mut rows);
            }
            if f >= 1.0 {
                continue;
            }
            // The most cross-unit pairs with `s` same-unit ones, within the limit.
            let top = |s: usize| {
                ((f * s as f64 + rhs) / (1.0 - f) + 1e-9)
                    .floor()
                    .min(limit.cross.1 as f64)
            };
            let points: Vec<(f64, f64)> = (s_lo..=s_hi)
                .map(|s| (s as f64, top(s)))
                .filter(|&(_, c)| c >= limit.cross.0 as f64)
                .collect();
            if points.is_empty() && limit != Limit::ANY {
                return Ok(None);
            }
            if let [(_, c)] = points[..] {
                if limit != Limit::ANY {
                    rows.push((u, 1.0, 0.0, c));
                }
            }
            for w in upper_hull(&points).windows(2) {
                let ((s1, c1), (s2, c2)) = (w[0], w[1]);
                let slope = (c2 - c1) / (s2 - s1);
                rows.push((u, 1.0, -slope, c1 - slope * s1));
            }
        }
        Ok(Some(Rows { rows, units }))
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

    /// The first pairs the relaxation solves over: per mentee, the [`CORE_PER_KIND`] best
    /// scores among its same-unit pairs and as many among the others (the weights of the
    /// relaxation rank a mentee's pairs of one kind by score, or all alike).
    fn first_core(&self, mask: &[bool]) -> Vec<bool> {
        let p = &self.problem;
        let mut core = vec![false; p.n_edges()];
        for i in 0..p.n_mentees() {
            for same in [true, false] {
                let mut kind: Vec<usize> = p
                    .edges(i)
                    .filter(|&e| {
                        mask[e] && matches!(self.share_group[e], Some((_, c)) if c != same)
                    })
                    .collect();
                if !same {
                    kind.extend(
                        p.edges(i)
                            .filter(|&e| mask[e] && self.share_group[e].is_none()),
                    );
                }
                kind.sort_by(|&a, &b| p.score[b].total_cmp(&p.score[a]).then(a.cmp(&b)));
                for &e in kind.iter().take(CORE_PER_KIND) {
                    core[e] = true;
                }
            }
        }
        core
    }
}

/// The assignment of the largest total weight within `mask` (a mentee stays unmatched
/// rather than take a pair of negative weight), solved exactly by the network method.
///
/// The network's cost for leaving a unit unplaced is that of a pair of weight 0 (not the
/// count-first "unmatched" cost), so its minimum cost is the largest weight; pairs of
/// negative weight never are in that optimum and are left out. It is solved over the
/// pairs of `core` only, then every other pair of `mask` is priced with the duals: pairs
/// that could raise the weight join `core` and the solve is repeated, until none is
/// left; the duals then certify the answer for all of `mask`. Also returns how much the
/// integer costs' rounding may leave the weight below the true optimum.
fn max_weight(
    p: &Problem,
    weights: &[f64],
    mask: &[bool],
    core: &mut [bool],
) -> Result<(Vec<Option<usize>>, f64)> {
    // One costing for every pair of `mask`, so that the duals price the pairs left out
    // on the same scale.
    let hi = (0..p.n_edges())
        .filter(|&e| mask[e])
        .fold(0.0f64, |hi, e| hi.max(weights[e]));
    let units = p
        .n_mentees()
        .max(p.capacity.iter().map(|&c| c as usize).sum()) as u64;
    let mut costing = Costing::new(0.0, hi, units);
    costing.big_m = costing.cost(0.0);
    // The degrees over every pair that may join, so that each unit that could be placed
    // there is placed (on its unmatched arc if need be) and has a dual.
    let mut mentee_degree = vec![0usize; p.n_mentees()];
    let mut mentor_degree = vec![0usize; p.n_mentors()];
    for (i, degree) in mentee_degree.iter_mut().enumerate() {
        for e in p.edges(i).filter(|&e| mask[e] && weights[e] >= 0.0) {
            *degree += 1;
            mentor_degree[p.mentor[e] as usize] += 1;
        }
    }
    let full = FullDegrees {
        mentee: &mentee_degree,
        mentor: &mentor_degree,
    };
    loop {
        let (sub, index) = p.restricted(|e| core[e] && weights[e] >= 0.0, |e| weights[e]);
        let s = network::solve_with(&sub, costing, Some(full))?;
        // Per mentee, the pairs that most lower the cost join (a few at a time: the
        // next solve's duals may price the others out).
        let mut added = 0;
        let mut worst: Vec<(i64, usize)> = Vec::new();
        for i in 0..p.n_mentees() {
            let a = s.mentee_dual[i];
            worst.clear();
            for e in p.edges(i) {
                if mask[e] && !core[e] && weights[e] >= 0.0 {
                    let reduced =
                        costing.cost(weights[e]) + a + s.mentor_dual[p.mentor[e] as usize];
                    if reduced < 0 {
                        worst.push((reduced, e));
                    }
                }
            }
            worst.sort_unstable();
            for &(_, e) in worst.iter().take(PRICED_PER_MENTEE) {
                core[e] = true;
                added += 1;
            }
        }
        if added == 0 {
            // The integer costs round each unit's cost by at most half a cost unit, so the
            // best assignment's weight passes this one's by at most one unit per unit placed.
            let rounding = units as f64 / costing.scale;
            let x = s.edge_of.iter().map(|e| e.map(|e| index[e])).collect();
            return Ok((x, rounding));
        }
    }
}

/// A cut `(c, g)` of the dual function: `f(λ) >= c + g · λ`.
type Cut = (f64, Vec<f64>);

/// What a solve gives the search: the dual function's value and a subgradient at the point,
/// and the best roster's value so far.
type Evaluation = (f64, Vec<f64>, f64);

/// Minimises a Lagrangian dual function from the origin, or from a given `start` (the
/// minimum of a problem close to this one): Polyak subgradient steps first (quick far from
/// the minimum: a start close by can still be a mentee's weight away from it), then the
/// box-step cutting-plane method over the cuts of every solve and the `pieces` given (cuts
/// `(c, g)` known beforehand, exact near it), in a box as wide as the last step moved
/// ([`FIRST_BOX`] from the origin, [`WARM_BOX`] from a start, when no step was taken).
/// `solve` gives the function's value and a subgradient at a point, and the value of the
/// best roster so far; the search stops once `done(bound, best)` holds, at the minimum,
/// after `limit` solves or at the time limit.
/// Returns the lowest value seen (a bound), the point it was seen at and the solves made.
fn minimise(
    dims: usize,
    start: Option<Vec<f64>>,
    pieces: Vec<Cut>,
    limit: usize,
    solve: &mut dyn FnMut(&[f64]) -> Result<Evaluation>,
    done: impl Fn(f64, f64) -> bool,
    out_of_time: &dyn Fn() -> bool,
) -> Result<(f64, Vec<f64>, usize)> {
    let warm = start.is_some();
    let mut y = start.unwrap_or_else(|| vec![0.0; dims]);
    let (value, g, mut best) = solve(&y)?;
    let mut solves = 1;
    let mut cuts = vec![(y.clone(), value, g.clone())];
    let (mut bound, mut at) = (value, y.clone());
    let mut steps = Steps::new();
    steps.record(value);
    let mut g = g;
    let mut last_move = if warm { WARM_BOX } else { FIRST_BOX };
    while solves < SUBGRADIENT_SOLVES && !done(bound, best) && !out_of_time() {
        let projected: Vec<f64> = g
            .iter()
            .zip(&y)
            .map(|(&gd, &yd)| if yd <= 0.0 && gd > 0.0 { 0.0 } else { gd })
            .collect();
        let before = y.clone();
        if !steps.step(&mut y, &projected, (bound - best).max(1e-3)) {
            break;
        }
        last_move = before
            .iter()
            .zip(&y)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let (value, gn, b) = solve(&y)?;
        solves += 1;
        best = b;
        steps.record(value);
        cuts.push((y.clone(), value, gn.clone()));
        if value < bound {
            (bound, at) = (value, y.clone());
        }
        g = gn;
    }
    if done(bound, best) || out_of_time() {
        return Ok((bound, at, solves));
    }
    let mut bundle = Bundle::new(last_move.max(1e-3), at, bound);
    for (point, value, g) in &cuts {
        bundle.add_cut(point, *value, g);
    }
    for (c, g) in pieces {
        bundle.add_piece(c, g);
    }
    while solves < limit && !done(bundle.best(), best) && !out_of_time() {
        let Next::Point(y) = bundle.next() else {
            break;
        };
        let (value, g, b) = solve(&y)?;
        solves += 1;
        best = b;
        bundle.record(y, value, &g);
    }
    Ok((bundle.best(), bundle.center().to_vec(), solves))
}

/// Per mentee `W`, and the score's weight, for `n` mentees and scores in `span`: the score
/// stage weighs a score as itself, the count alone by `ε`, small enough that the scores
/// cannot add up to a thousandth of a mentee (and only there to break ties by score).
fn scale(n: f64, (lo, hi): (f64, f64), score_stage: bool) -> (f64, f64) {
    if score_stage {
        ((n + 1.0) * (hi - lo) + 1.0, 1.0)
    } else {
        (1.0, 1e-3 / ((n + 1.0) * (hi - lo)).max(1e-12))
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
    /// Multipliers for `to` from these rows' `lambda`: a row that stays keeps its own, and
    /// a new row of a unit takes that of the unit's row it replaces with the nearest
    /// slope (a hull facet moved by a change), or 0 where no row of the unit went.
    fn carried(&self, lambda: &[f64], to: &Rows) -> Vec<f64> {
        let gone: Vec<usize> = (0..self.rows.len())
            .filter(|&k| !to.rows.contains(&self.rows[k]))
            .collect();
        to.rows
            .iter()
            .map(|row| {
                if let Some(k) = self.rows.iter().position(|r| r == row) {
                    return lambda[k];
                }
                gone.iter()
                    .filter(|&&k| self.rows[k].0 == row.0 && self.rows[k].1 == row.1)
                    .min_by(|&&a, &&b| {
                        let d = |k: usize| (self.rows[k].2 - row.2).abs();
                        d(a).total_cmp(&d(b)).then(a.cmp(&b))
                    })
                    .map_or(0.0, |&k| lambda[k])
            })
            .collect()
    }

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
        let counts = self.unit_counts(model, x, 1.0);
        self.rows
            .iter()
            .map(|&(u, cc, cs, _)| cc * counts[u].0 + cs * counts[u].1)
            .collect()
    }

    /// Per unit, `weight` times the (cross-unit, same-unit) free pairs of `x`.
    fn unit_counts(&self, model: &Model, x: &[Option<usize>], weight: f64) -> Vec<(f64, f64)> {
        let mut counts = vec![(0.0, 0.0); self.units];
        for &e in x.iter().flatten() {
            match model.share_group[e] {
                Some((u, true)) => counts[u as usize].0 += weight,
                Some((u, false)) => counts[u as usize].1 += weight,
                None => {}
            }
        }
        counts
    }

    fn dot(&self, lambda: &[f64]) -> f64 {
        self.rows.iter().zip(lambda).map(|(r, l)| r.3 * l).sum()
    }

    /// A subgradient of the dual function: the rows' slack.
    fn gradient(&self, activity: &[f64]) -> Vec<f64> {
        self.rows
            .iter()
            .zip(activity)
            .map(|(r, a)| r.3 - a)
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

    /// Moves the multipliers `y` along minus `g`, keeping them `>= 0`; false when there is
    /// nothing to move.
    fn step(&self, y: &mut [f64], g: &[f64], gap: f64) -> bool {
        let norm: f64 = g.iter().map(|v| v * v).sum();
        if norm <= 0.0 {
            return false;
        }
        let t = self.theta * gap / norm;
        for (v, gr) in y.iter_mut().zip(g) {
            *v = (*v - t * gr).max(0.0);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{max_weight, upper_hull};
    use crate::solve::Problem;
    use proptest::prelude::*;

    /// The largest total weight of any assignment within `mask` (a mentee may stay
    /// unmatched), by trying every choice of every mentee.
    fn brute_force(p: &Problem, weights: &[f64], mask: &[bool]) -> f64 {
        fn go(p: &Problem, w: &[f64], mask: &[bool], i: usize, load: &mut [u32]) -> f64 {
            if i == p.n_mentees() {
                return 0.0;
            }
            let mut best = go(p, w, mask, i + 1, load);
            for e in p.edges(i).filter(|&e| mask[e]) {
                let j = p.mentor[e] as usize;
                if load[j] < p.capacity[j] {
                    load[j] += 1;
                    best = best.max(w[e] + go(p, w, mask, i + 1, load));
                    load[j] -= 1;
                }
            }
            best
        }
        go(p, weights, mask, 0, &mut vec![0; p.n_mentors()])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

        /// Solved over a random core (even an empty one) and priced against the rest, the
        /// assignment is feasible, within the mask, and as heavy as the exhaustive optimum,
        /// with weights of both signs; every pair of the core stays in the mask.
        #[test]
        fn the_priced_core_gives_the_largest_weight(
            capacity in prop::collection::vec(1u32..3, 1..4),
            cells in prop::collection::vec(
                prop::collection::vec((any::<bool>(), -4i32..9, any::<bool>(), any::<bool>()), 4),
                1..7,
            ),
        ) {
            let m = capacity.len();
            let mut weights = Vec::new();
            let mut mask = Vec::new();
            let mut core = Vec::new();
            let lists: Vec<Vec<(u32, f64)>> = cells
                .iter()
                .map(|row| {
                    row.iter()
                        .take(m)
                        .enumerate()
                        .filter(|(_, c)| c.0)
                        .map(|(j, &(_, w, in_mask, in_core))| {
                            weights.push(f64::from(w) / 4.0);
                            mask.push(in_mask || in_core);
                            core.push(in_core);
                            (j as u32, 0.5)
                        })
                        .collect()
                })
                .collect();
            let p = Problem::from_lists(capacity, &lists);
            let (x, rounding) = max_weight(&p, &weights, &mask, &mut core).unwrap();
            prop_assert!(rounding < 1e-6);
            let mut load = vec![0u32; p.n_mentors()];
            for (i, e) in x.iter().enumerate() {
                if let Some(e) = *e {
                    prop_assert!(p.edges(i).contains(&e) && mask[e], "pair {} of mentee {}", e, i);
                    load[p.mentor[e] as usize] += 1;
                }
            }
            for (j, &l) in load.iter().enumerate() {
                prop_assert!(l <= p.capacity[j], "mentor {} holds {}", j, l);
            }
            prop_assert!(core.iter().zip(&mask).all(|(&c, &k)| !c || k));
            let total: f64 = x.iter().flatten().map(|&e| weights[e]).sum();
            let best = brute_force(&p, &weights, &mask);
            prop_assert!((total - best).abs() < 1e-6, "{} against the optimum {}", total, best);
        }
    }

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
