//! The relaxed rows: each unit's share row and the facets of the hull of the counts its
//! share allows, and what the multipliers make of them.

use super::branch::Limit;
use crate::error::Result;
use crate::rules::solve::Model;
use crate::settings::SolverSettings;

/// The rows of the relaxation: each is linear in one unit's same-unit and cross-unit free
/// pair counts, `cross_coef · cross + same_coef · same <= rhs`.
#[derive(Clone)]
pub(super) struct Rows {
    /// Per row: its unit (rules' index), the coefficients and the right-hand side.
    pub(super) rows: Vec<(usize, f64, f64, f64)>,
    /// Number of units (rules' indices).
    pub(super) units: usize,
}

impl Model {
    /// The share rows, and for each unit the facets of the convex hull of its integer
    /// (same, cross) counts that its share allows, given the most same-unit pairs it can
    /// have at all (valid inequalities that the linear relaxation lacks: its count bound
    /// is then loose by less than a mentee per unit).
    pub(super) fn rows(&self, solver: &SolverSettings, mask: &[bool]) -> Result<Rows> {
        let any = vec![Limit::ANY; self.locked_per_unit.len()];
        Ok(self
            .rows_within(solver, mask, &any)?
            .expect("a unit without limits has rows"))
    }

    /// The rows of [`Model::rows`] where each unit's free pair counts are also within its
    /// `limits` (a node of the branch and bound): the hull is then that of the counts the
    /// share and the limits allow, with the limits as rows of their own. `None` when a
    /// unit's limits leave no counts at all.
    pub(super) fn rows_within(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        limits: &[Limit],
    ) -> Result<Option<Rows>> {
        let units = self.locked_per_unit.len();
        let most_same = self.most_same_unit_pairs(solver, mask)?;
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
    pub(super) fn most_same_unit_pairs(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
    ) -> Result<Vec<usize>> {
        let p = &self.problem;
        let same: Vec<bool> = (0..p.n_edges())
            .map(|e| mask[e] && matches!(self.share_group[e], Some((_, false))))
            .collect();
        let ones = vec![1.0; p.n_edges()];
        let mut most = vec![0usize; self.locked_per_unit.len()];
        for e in self
            .network(solver, &ones, &same, false)?
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
}

/// The upper convex hull of points sorted by their first coordinate (distinct), from left
/// to right.
pub(super) fn upper_hull(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
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
    pub(super) fn carried(&self, lambda: &[f64], to: &Rows) -> Vec<f64> {
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
    pub(super) fn penalties(&self, lambda: &[f64]) -> Vec<(f64, f64)> {
        let mut pen = vec![(0.0, 0.0); self.units];
        for (&(u, cc, cs, _), l) in self.rows.iter().zip(lambda) {
            pen[u].0 += l * cc;
            pen[u].1 += l * cs;
        }
        pen
    }

    /// The penalty of one edge.
    pub(super) fn penalty(model: &Model, pen: &[(f64, f64)], e: usize) -> f64 {
        match model.share_group[e] {
            Some((u, true)) => pen[u as usize].0,
            Some((u, false)) => pen[u as usize].1,
            None => 0.0,
        }
    }

    /// Per row the activity of `x`.
    pub(super) fn activity(&self, model: &Model, x: &[Option<usize>]) -> Vec<f64> {
        let counts = self.unit_counts(model, x, 1.0);
        self.rows
            .iter()
            .map(|&(u, cc, cs, _)| cc * counts[u].0 + cs * counts[u].1)
            .collect()
    }

    /// Per unit, `weight` times the (cross-unit, same-unit) free pairs of `x`.
    pub(super) fn unit_counts(
        &self,
        model: &Model,
        x: &[Option<usize>],
        weight: f64,
    ) -> Vec<(f64, f64)> {
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

    pub(super) fn dot(&self, lambda: &[f64]) -> f64 {
        self.rows.iter().zip(lambda).map(|(r, l)| r.3 * l).sum()
    }

    /// A subgradient of the dual function: the rows' slack.
    pub(super) fn gradient(&self, activity: &[f64]) -> Vec<f64> {
        self.rows
            .iter()
            .zip(activity)
            .map(|(r, a)| r.3 - a)
            .collect()
    }
}
