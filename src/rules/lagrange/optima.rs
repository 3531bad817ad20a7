//! The optima under the unit shares with each change of a mentor's capacity, each searched
//! from where the problem's own search ended.

use super::{Proof, Relaxed, Search, ShareOptima, CHANGE_SECONDS, WARM_SOLVES};
use crate::error::Result;
use crate::rules::solve::{Model, Stage};
use crate::settings::SolverSettings;
use crate::solve::Status;
use std::time::{Duration, Instant};

impl Model {
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
    /// a changed problem stops at 30 s (or the solver' time limit when lower).
    pub fn share_optima(
        &self,
        solver: &SolverSettings,
        absent: &[bool],
        changes: &[(usize, u32)],
        mip: (usize, f64),
    ) -> Result<Option<ShareOptima>> {
        let all = vec![true; self.problem.n_edges()];
        self.share_optima_within(solver, absent, &all, changes, mip)
    }

    /// [`Model::share_optima`] over the pairs in `within` alone (the absent mentors' too,
    /// for their own change).
    pub fn share_optima_within(
        &self,
        solver: &SolverSettings,
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
        let search = self.origin(solver, &mask, Some(span))?;
        let Some((relaxed, end)) = self.relaxed_search(solver, &mask, true, None, search)? else {
            return Ok(None);
        };
        // The integer program for a problem small enough whose optimum the relaxation did
        // not prove, as for the changes below (the multipliers are a start all the same).
        let mip_optimum = |model: &Model, within: &[bool]| -> Result<Option<Vec<Option<usize>>>> {
            if within.iter().filter(|&&k| k).count() > mip.0 {
                return Ok(None);
            }
            let limited = {
                let mut custom = solver.clone();
                custom.time_limit = solver.time_limit.min(mip.1);
                custom
            };
            let (edge_of, status) = model.mip(&limited, within, Stage::Score)?;
            Ok((status == Status::Optimal).then_some(edge_of))
        };
        // The branch and bound from where a search ended with its bound above the roster.
        let branched = |model: &Model, within: &[bool], r: Relaxed, ended: Search| {
            let limit = solver.time_limit.min(CHANGE_SECONDS);
            let deadline = Instant::now() + Duration::from_secs_f64(limit);
            model
                .branch_and_bound(solver, within, r.edge_of, ended, deadline)
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
        let solver = &{
            let mut custom = solver.clone();
            custom.time_limit = solver.time_limit.min(CHANGE_SECONDS);
            custom
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
                    model.rows(solver, &within)?
                } else {
                    end.rows.clone()
                };
                let start = end.rows.carried(lambda, &rows);
                // The roster found, with the new slots filled where that keeps the shares
                // (and the room for pairs across units that this may give).
                let best = match model.repair_from(solver, &within, found.clone())? {
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
                let warm = model.relaxed_search(solver, &within, true, None, search)?;
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
                let origin = model.origin(solver, &within, end.span)?;
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
                    model.relaxed_search(solver, &within, true, None, origin)?
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
}
