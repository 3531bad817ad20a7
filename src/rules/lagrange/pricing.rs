//! Each relaxed problem solved by the network method over a core of pairs, the others
//! priced with its duals.

use super::{CORE_PER_KIND, PRICED_PER_MENTEE};
use crate::error::Result;
use crate::rules::solve::Model;
use crate::solve::network::{Costing, FullDegrees};
use crate::solve::{network, Problem};

impl Model {
    /// The first pairs the relaxation solves over: per mentee, the [`CORE_PER_KIND`] best
    /// scores among its same-unit pairs and as many among the others (the weights of the
    /// relaxation rank a mentee's pairs of one kind by score, or all alike).
    pub(super) fn first_core(&self, mask: &[bool]) -> Vec<bool> {
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
pub(super) fn max_weight(
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
