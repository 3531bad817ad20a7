//! A roster made to hold the unit shares without proof of optimality: refilled, the
//! cross-unit pairs over a share dropped, then added back where a share has room.

use super::Model;
use crate::error::Result;
use crate::settings::SolverSettings;
use crate::solve::{self, Problem};

impl Model {
    /// Per unit (rules' index): matched mentees under a share rule and how many of them
    /// cross units, locked pairs included.
    pub(super) fn share_counts(&self, edge_of: &[Option<usize>]) -> (Vec<f64>, Vec<f64>) {
        let mut total: Vec<f64> = self
            .locked_per_unit
            .iter()
            .map(|&(t, _)| f64::from(t))
            .collect();
        let mut cross: Vec<f64> = self
            .locked_per_unit
            .iter()
            .map(|&(_, c)| f64::from(c))
            .collect();
        for e in edge_of.iter().flatten() {
            if let Some((u, is_cross)) = self.share_group[*e] {
                total[u as usize] += 1.0;
                if is_cross {
                    cross[u as usize] += 1.0;
                }
            }
        }
        (total, cross)
    }

    /// A roster that keeps the unit shares without proof of optimality: the optimum
    /// without them, repaired by [`Model::repair_from`]. `None` when the repair fails.
    pub(in crate::rules) fn repaired(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
    ) -> Result<Option<Vec<Option<usize>>>> {
        let edge_of = self
            .network(solver, &self.problem.score, mask, true)?
            .edge_of;
        self.repair_from(solver, mask, edge_of)
    }

    /// Makes an assignment (within `mask`, capacities kept) hold the unit shares, without
    /// proof of optimality: gives the mentees without a mentor a free slot of their own unit
    /// where one is eligible (an optimal refill, which only raises same-unit shares), drops
    /// the lowest-scoring cross-unit pairs of each unit still over its share, refills again,
    /// then adds back cross-unit pairs, best score first, wherever a share has room. `None`
    /// when a share still fails (say, locked cross-unit pairs with too few same-unit pairs
    /// to balance them).
    pub(in crate::rules) fn repair_from(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        mut edge_of: Vec<Option<usize>>,
    ) -> Result<Option<Vec<Option<usize>>>> {
        let units = self.locked_per_unit.len();
        self.refill(solver, mask, &mut edge_of)?;
        let (mut total, mut cross) = self.share_counts(&edge_of);
        let mut by_unit: Vec<Vec<(f64, usize)>> = vec![Vec::new(); units];
        for (i, e) in edge_of.iter().enumerate() {
            if let Some(e) = *e {
                if let Some((u, true)) = self.share_group[e] {
                    by_unit[u as usize].push((self.problem.score[e], i));
                }
            }
        }
        for u in 0..units {
            let Some(f) = self.max_cross_share[u] else {
                continue;
            };
            let list = &mut by_unit[u];
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut next = list.iter();
            while cross[u] > f * total[u] + 1e-9 {
                let Some(&(_, i)) = next.next() else {
                    break;
                };
                edge_of[i] = None;
                cross[u] -= 1.0;
                total[u] -= 1.0;
            }
        }
        self.refill(solver, mask, &mut edge_of)?;
        // Add back cross-unit pairs where a share has room.
        let mut room = self.problem.capacity.clone();
        for e in edge_of.iter().flatten() {
            room[self.problem.mentor[*e] as usize] -= 1;
        }
        let (mut total, mut cross) = self.share_counts(&edge_of);
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (i, own) in edge_of.iter().enumerate() {
            if own.is_some() {
                continue;
            }
            for e in self.problem.edges(i) {
                if mask[e] && matches!(self.share_group[e], Some((_, true))) {
                    candidates.push((self.problem.score[e], i, e));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        for (_, i, e) in candidates {
            let j = self.problem.mentor[e] as usize;
            let Some((u, _)) = self.share_group[e] else {
                continue;
            };
            let u = u as usize;
            let Some(f) = self.max_cross_share[u] else {
                continue;
            };
            if edge_of[i].is_none() && room[j] > 0 && cross[u] + 1.0 <= f * (total[u] + 1.0) + 1e-9
            {
                edge_of[i] = Some(e);
                room[j] -= 1;
                cross[u] += 1.0;
                total[u] += 1.0;
            }
        }
        let holds = (0..units)
            .all(|u| self.max_cross_share[u].map_or(true, |f| cross[u] <= f * total[u] + 1e-9));
        Ok(holds.then_some(edge_of))
    }

    /// Gives the mentees without a mentor the best free slots they may take without
    /// crossing a unit under a share rule (an optimal assignment of the free slots).
    pub(super) fn refill(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        edge_of: &mut [Option<usize>],
    ) -> Result<()> {
        let mut room = self.problem.capacity.clone();
        for e in edge_of.iter().flatten() {
            room[self.problem.mentor[*e] as usize] -= 1;
        }
        let mut index = Vec::new();
        let mut owner = Vec::new();
        let lists: Vec<Vec<(u32, f64)>> = (0..self.problem.n_mentees())
            .filter(|&i| edge_of[i].is_none())
            .map(|i| {
                owner.push(i);
                self.problem
                    .edges(i)
                    .filter(|&e| mask[e] && !matches!(self.share_group[e], Some((_, true))))
                    .map(|e| {
                        index.push(e);
                        (self.problem.mentor[e], self.problem.score[e])
                    })
                    .collect()
            })
            .collect();
        let sub = Problem::from_lists(room, &lists);
        let s = solve::solve(&sub, solver.method)?;
        for (k, e) in s.edge_of.iter().enumerate() {
            if let Some(e) = e {
                edge_of[owner[k]] = Some(index[*e]);
            }
        }
        Ok(())
    }
}
