//! Branch and bound on the Lagrangian relaxation, for the problems whose relaxation stays
//! above every roster at its minimum (an integrality gap: the hull rows describe each
//! unit's counts alone, not how the units share the mentors).
//!
//! The relaxation's minimum is that of the Dantzig–Wolfe master over the relaxed optima
//! solved: the best mixture of those assignments whose mixed counts hold the rows. That
//! mixture says where to branch: on a unit whose mixed same-unit or cross-unit count is
//! fractional (its count at most the value rounded down, or at least rounded up: rows of
//! the node, with the hull of the counts they leave), else on a pair the mixture takes in
//! part (out of the problem, or the mentee's only pair). Every roster is in one node or
//! both, so a node whose bound does not pass the best roster found, or that holds no
//! counts at all, holds nothing better; when every node is closed so, the best roster is
//! optimal. Each node's search starts at its parent's multipliers, with the cuts of its
//! parent's relaxed optima that are still assignments in it.

use std::rc::Rc;
use std::time::Instant;

use good_lp::{constraint, variable, Expression, ProblemVariables, Solution as _, SolverModel};

use super::{scale, Cut, Search};
use crate::error::Result;
use crate::rules::solve::Model;
use crate::settings::SolverSettings;
use crate::solve::Status;

/// Nodes one branch and bound may solve.
const NODES: usize = 400;

/// A mixed count or pair closer than this to a whole number counts as whole.
const WHOLE: f64 = 1e-6;

/// How far the mixture's rows may fall short of holding (in pairs): the master only says
/// where to branch, and held exactly its linear program can find no mixture at all where
/// the search has converged to the dual's minimum (seen on `data/medan` under a same-unit
/// share of 0.8).
const MIXTURE_SLACK: f64 = 1e-6;

/// Per unit, the free same-unit and cross-unit pair counts a node allows (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::rules) struct Limit {
    /// Least and most same-unit pairs.
    pub same: (usize, usize),
    /// Least and most cross-unit pairs.
    pub cross: (usize, usize),
}

impl Limit {
    /// No limit.
    pub const ANY: Limit = Limit {
        same: (0, usize::MAX),
        cross: (0, usize::MAX),
    };
}

/// A node still to solve: its pairs and limits, and where its parent's search ended.
struct Node {
    mask: Vec<bool>,
    limits: Vec<Limit>,
    parent: Rc<Search>,
}

impl Model {
    /// The optimum of the score stage within `mask` by branch and bound (see the module
    /// documentation), from the relaxation's search over it (`best`, where it `ended`):
    /// whether it was proven by `deadline` and within [`NODES`] nodes, the best roster found
    /// (the optimum when proven; never worse than `best`), and the nodes solved.
    pub(in crate::rules) fn branch_and_bound(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        best: Vec<Option<usize>>,
        ended: Search,
        deadline: Instant,
    ) -> Result<(bool, Vec<Option<usize>>, usize)> {
        let mut best = best;
        let mut stack = Vec::new();
        let root = Node {
            mask: mask.to_vec(),
            limits: vec![Limit::ANY; self.locked_per_unit.len()],
            parent: Rc::new(ended),
        };
        match self.children(&root.parent, &root.mask, &root.limits)? {
            Some(children) => stack.extend(children),
            None => return Ok((false, best, 0)),
        }
        let mut nodes = 0;
        while let Some(node) = stack.pop() {
            if nodes >= NODES || Instant::now() > deadline {
                return Ok((false, best, nodes));
            }
            nodes += 1;
            let Some(rows) = self.rows_within(solver, &node.mask, &node.limits)? else {
                // No counts within the limits: no roster in this node.
                continue;
            };
            let parent = &node.parent;
            let start = parent
                .rows
                .carried(parent.start.as_deref().unwrap_or_default(), &rows);
            let core = parent
                .core
                .iter()
                .zip(&node.mask)
                .map(|(&c, &m)| c && m)
                .collect();
            let search = Search {
                rows,
                start: Some(start),
                best: Some(best.clone()),
                core,
                span: parent.span,
                pool: parent.pool.clone(),
                solves: super::SOLVES,
            };
            let limited = {
                let mut custom = solver.clone();
                custom.time_limit = (deadline - Instant::now().min(deadline)).as_secs_f64();
                custom
            };
            let Some((relaxed, end)) =
                self.relaxed_search(&limited, &node.mask, true, None, search)?
            else {
                return Ok((false, best, nodes));
            };
            best = relaxed.edge_of;
            if relaxed.status == Status::Optimal {
                // Its bound does not pass the best roster.
                continue;
            }
            match self.children(&Rc::new(end), &node.mask, &node.limits)? {
                Some(children) => stack.extend(children),
                None => return Ok((false, best, nodes)),
            }
        }
        Ok((true, best, nodes))
    }

    /// The two nodes a node is split into where its search `ended`; `None` when the
    /// mixture of its relaxed optima is not found or is whole (nothing to branch on).
    fn children(
        &self,
        ended: &Rc<Search>,
        mask: &[bool],
        limits: &[Limit],
    ) -> Result<Option<Vec<Node>>> {
        let p = &self.problem;
        let Some(span) = ended.span else {
            return Ok(None);
        };
        let (big, score_weight) = scale(p.n_mentees() as f64, span, true);
        let rows = &ended.rows;
        let (kept, pieces): (Vec<&[Option<usize>]>, Vec<Cut>) = self
            .pieces(mask, rows, &ended.pool, |e| big + score_weight * p.score[e])
            .into_iter()
            .unzip();
        let Some(mix) = mixture(&pieces, rows.rows.len()) else {
            return Ok(None);
        };
        let node = |mask: Vec<bool>, limits: Vec<Limit>| Node {
            mask,
            limits,
            parent: Rc::clone(ended),
        };
        // The mixed counts of each unit with rows: the most fractional one.
        let mut counts = vec![(0.0f64, 0.0f64); rows.units];
        for (x, &w) in kept.iter().zip(&mix) {
            for (sum, (cross, same)) in counts.iter_mut().zip(rows.unit_counts(self, x, w)) {
                sum.0 += cross;
                sum.1 += same;
            }
        }
        let mut units: Vec<usize> = rows.rows.iter().map(|r| r.0).collect();
        units.dedup();
        let fraction = |v: f64| (v - v.floor()).min(v.ceil() - v);
        let unit = units
            .iter()
            .flat_map(|&u| [(u, true, counts[u].0), (u, false, counts[u].1)])
            .filter(|&(_, _, v)| fraction(v) > WHOLE)
            .max_by(|a, b| fraction(a.2).total_cmp(&fraction(b.2)));
        if let Some((u, cross, v)) = unit {
            let at = v.floor() as usize;
            let (mut below, mut above) = (limits.to_vec(), limits.to_vec());
            let (b, a) = if cross {
                (&mut below[u].cross, &mut above[u].cross)
            } else {
                (&mut below[u].same, &mut above[u].same)
            };
            b.1 = b.1.min(at);
            a.0 = a.0.max(at + 1);
            return Ok(Some(vec![
                node(mask.to_vec(), below),
                node(mask.to_vec(), above),
            ]));
        }
        // Every count whole: the pair the mixture takes most nearly in half, of a mentee
        // with another pair (else its node "the mentee's only pair" would be this one).
        let mut taken = vec![0.0f64; p.n_edges()];
        for (x, &w) in kept.iter().zip(&mix) {
            for &e in x.iter().flatten() {
                taken[e] += w;
            }
        }
        let pair = (0..p.n_mentees())
            .filter(|&i| p.edges(i).filter(|&e| mask[e]).count() > 1)
            .flat_map(|i| p.edges(i).map(move |e| (i, e)))
            .filter(|&(_, e)| mask[e] && fraction(taken[e]) > WHOLE)
            .max_by(|&(_, a), &(_, b)| {
                fraction(taken[a])
                    .total_cmp(&fraction(taken[b]))
                    .then(b.cmp(&a))
            });
        let Some((i, e)) = pair else {
            return Ok(None);
        };
        let mut without = mask.to_vec();
        without[e] = false;
        let mut only = mask.to_vec();
        for f in p.edges(i) {
            only[f] = f == e && mask[f];
        }
        Ok(Some(vec![
            node(without, limits.to_vec()),
            node(only, limits.to_vec()),
        ]))
    }
}

/// The Dantzig–Wolfe master over the cuts `(c, g)` of `dims` rows: the weights `w >= 0`
/// summing to 1 with `Σ w g >= 0` row by row (to [`MIXTURE_SLACK`]) of the largest
/// `Σ w c`; `None` when no mixture holds the rows.
fn mixture(pieces: &[Cut], dims: usize) -> Option<Vec<f64>> {
    if pieces.is_empty() {
        return None;
    }
    let top = pieces.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let mut vars = ProblemVariables::new();
    let w: Vec<_> = pieces
        .iter()
        .map(|_| vars.add(variable().min(0.0).max(1.0)))
        .collect();
    let objective: Expression = w.iter().zip(pieces).map(|(&v, p)| (p.0 - top) * v).sum();
    let mut model = vars
        .maximise(objective)
        .using(good_lp::solvers::microlp::microlp);
    let total: Expression = w.iter().copied().sum();
    model = model.with(constraint!(total == 1.0));
    for r in 0..dims {
        let row: Expression = w
            .iter()
            .zip(pieces)
            .filter(|(_, p)| p.1[r] != 0.0)
            .map(|(&v, p)| p.1[r] * v)
            .sum();
        model = model.with(constraint!(row >= -MIXTURE_SLACK));
    }
    let solution = model.solve().ok()?;
    Some(w.iter().map(|&v| solution.value(v).max(0.0)).collect())
}

#[cfg(test)]
mod tests {
    use super::Limit;
    use crate::rules::solve::Model;
    use crate::settings::SolverSettings;
    use crate::solve::Problem;
    use proptest::prelude::*;

    /// `n` mentees of unit 0 (share `f`), each eligible to `same` mentors of unit 0 and two
    /// of unit 1, all of capacity 1.
    fn one_unit(n: usize, same: usize, f: f64) -> Model {
        let mentors = same + 2;
        let lists: Vec<Vec<(u32, f64)>> = (0..n)
            .map(|_| (0..mentors as u32).map(|j| (j, 0.5)).collect())
            .collect();
        let problem = Problem::from_lists(vec![1; mentors], &lists);
        let e = problem.n_edges();
        let share_group = (0..e).map(|k| Some((0, (k % mentors) >= same))).collect();
        Model {
            base: problem.score.clone(),
            problem,
            graph_edge: (0..e).map(crate::model::index::GraphEdge).collect(),
            tier: vec![false; e],
            mentee_node: (0..n).map(crate::model::index::NodeOrder).collect(),
            locked: Vec::new(),
            locked_value: 0.0,
            continuity: false,
            share_group,
            locked_per_unit: vec![(0, 0); 2],
            max_cross_share: vec![Some(f), None],
        }
    }

    proptest! {
        /// Within a node's limits, the rows hold at an integer (same, cross) count exactly
        /// when the share and the limits allow it (the rows are the hull of those counts,
        /// and a node whose limits allow none has no rows).
        #[test]
        fn rows_within_limits_are_the_hull_of_the_counts_allowed(
            n in 1usize..7,
            same in 0usize..5,
            f in prop_oneof![Just(0.0), Just(0.25), Just(0.3), Just(0.5), Just(2.0 / 3.0), Just(1.0)],
            same_limit in (0usize..6, 0usize..8),
            cross_limit in (0usize..6, 0usize..8),
        ) {
            let model = one_unit(n, same, f);
            let mask = vec![true; model.problem.n_edges()];
            let open = |(lo, hi): (usize, usize)| (lo, if hi >= 7 { usize::MAX } else { hi });
            let mut limits = vec![Limit::ANY; 2];
            limits[0] = Limit { same: open(same_limit), cross: open(cross_limit) };
            let most_same = n.min(same);
            let allowed = |s: usize, c: usize| {
                let l = limits[0];
                s <= most_same
                    && (l.same.0..=l.same.1).contains(&s)
                    && (l.cross.0..=l.cross.1).contains(&c)
                    && (c as f64) <= f * (s + c) as f64 + 1e-9
            };
            let any = (0..=8).any(|s| (0..=8).any(|c| allowed(s, c)));
            let rows = model
                .rows_within(&SolverSettings::default(), &mask, &limits)
                .unwrap();
            prop_assert_eq!(rows.is_some(), any);
            let Some(rows) = rows else { return Ok(()) };
            for s in 0..=8usize {
                for c in 0..=8usize {
                    let holds = rows
                        .rows
                        .iter()
                        .all(|&(_, cc, cs, rhs)| cc * c as f64 + cs * s as f64 <= rhs + 1e-9);
                    // Counts past what the network allows at all are cut off by it, not
                    // (always) by the rows.
                    if s <= most_same {
                        prop_assert_eq!(holds, allowed(s, c), "same {} cross {}", s, c);
                    }
                }
            }
        }
    }
}
