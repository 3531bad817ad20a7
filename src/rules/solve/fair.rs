//! The fair objective's threshold: the highest score level whose pairs still reach the head
//! of the objective (mentees matched, minimum slots filled) that all pairs reach.

use super::{Model, Stage};
use crate::error::Result;
use crate::settings::SolverSettings;
use crate::solve;

impl Model {
    /// The lexicographic head of the objective: (matched, minimum slots filled).
    pub(super) fn head(&self, edge_of: &[Option<usize>]) -> (usize, usize) {
        let matched = edge_of.iter().flatten().count();
        let tiers = edge_of.iter().flatten().filter(|&&e| self.tier[e]).count();
        (matched, tiers)
    }

    /// The head of the objective over the pairs in `mask`, and whether it is proven: with
    /// unit shares and no minimums, by the relaxation's count (then the integer program when
    /// the relaxation does not prove it and the problem has at most `mip_pairs` pairs).
    ///
    /// With `target` (the head over all pairs, which no subset of them passes), whether the
    /// head reaches it is all that matters: the relaxation stops once a roster reaches it
    /// or its bound shows that none can, and either answer counts as proven.
    pub(super) fn head_only(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        mip: bool,
        target: Option<(usize, usize)>,
    ) -> Result<((usize, usize), bool)> {
        if mip && !self.has_tiers() {
            let pairs = mask.iter().filter(|&&k| k).count();
            let enough = target.map(|t| t.0);
            match self.relaxed_shares(solver, mask, false, enough)? {
                Some(r)
                    if r.count_proven
                        || enough.is_some_and(|t| {
                            r.edge_of.iter().flatten().count() >= t || r.count_limit < t
                        }) =>
                {
                    return Ok((self.head(&r.edge_of), true));
                }
                Some(r) if pairs > solver.mip_pairs => {
                    return Ok((self.head(&r.edge_of), false));
                }
                _ => {}
            }
        }
        let edge_of = if mip {
            self.mip(solver, mask, Stage::Tiers)?.0
        } else {
            let card: Vec<f64> = self.tier.iter().map(|&t| f64::from(u8::from(t))).collect();
            self.network(solver, &card, mask, false)?.edge_of
        };
        Ok((self.head(&edge_of), true))
    }

    /// The pairs scoring at least the highest threshold that keeps the head of the objective,
    /// the threshold, the number of bisection steps, and whether every head was proven.
    pub(super) fn fair_threshold(
        &self,
        solver: &SolverSettings,
        mip: bool,
    ) -> Result<(Vec<bool>, Option<f64>, usize, bool)> {
        if !mip && !self.has_tiers() {
            return Ok(self.fair_threshold_by_count());
        }
        let all = vec![true; self.problem.n_edges()];
        let (target, mut proven) = self.head_only(solver, &all, mip, None)?;
        // Scores equal on paper may differ in their last bits (0.6·(1/3) and 0.2·1): chained
        // within the tolerance they are one level, so that the total decides between them.
        let levels = solve::fair::levels(self.base.iter().copied());
        if levels.is_empty() || target.0 == 0 {
            return Ok((all, None, 0, proven));
        }
        let mask_at = |tau: f64| -> Vec<bool> { self.base.iter().map(|&s| s >= tau).collect() };
        // levels[lo] keeps the head (all pairs); find the highest such level.
        let (mut lo, mut hi) = (0usize, levels.len() - 1);
        let mut steps = 0;
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            steps += 1;
            let (head, head_proven) =
                self.head_only(solver, &mask_at(levels[mid]), mip, Some(target))?;
            proven &= head_proven;
            // No subset of the pairs passes the head of all of them; a roster that does shows
            // that the head of all pairs was not the most (it was not proven then).
            if head >= target {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Ok((mask_at(levels[lo]), Some(levels[lo]), steps, proven))
    }

    /// [`Model::fair_threshold`] without unit shares or minimums, where the head of the
    /// objective is the matched count alone: the most mentees the pairs at a level match comes
    /// from augmenting paths ([`solve::fair::max_count`]), each probe started from the larger
    /// of two matchings: that of the highest level known to keep the count (its pairs below
    /// the probed level dropped), or that of the lowest level known to lose it. Few paths are
    /// then left to find. Every count is exact.
    pub(super) fn fair_threshold_by_count(&self) -> (Vec<bool>, Option<f64>, usize, bool) {
        let p = &self.problem;
        let levels = solve::fair::levels(self.base.iter().copied());
        let none = vec![None; p.n_mentees()];
        let (target, mut keeps) = solve::fair::max_count(p, &self.base, f64::NEG_INFINITY, &none);
        let mask_at = |tau: f64| -> Vec<bool> { self.base.iter().map(|&s| s >= tau).collect() };
        if levels.is_empty() || target == 0 {
            return (vec![true; p.n_edges()], None, 0, true);
        }
        // The lowest level known to lose the count, with its largest matching: all of its
        // pairs stay at any lower level.
        let mut loses: Option<Vec<Option<usize>>> = None;
        let (mut lo, mut hi) = (0usize, levels.len() - 1);
        let mut steps = 0;
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            steps += 1;
            let tau = levels[mid];
            let start = solve::fair::warm_start(&self.base, tau, &keeps, loses.as_deref());
            let (count, matching) = solve::fair::max_count(p, &self.base, tau, start);
            if count >= target {
                lo = mid;
                keeps = matching;
            } else {
                hi = mid - 1;
                loses = Some(matching);
            }
        }
        (mask_at(levels[lo]), Some(levels[lo]), steps, true)
    }
}
