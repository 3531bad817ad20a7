//! The optimum under the planner's rules.
//!
//! Rules that keep the problem a network are applied to it directly:
//! - forbidden pairs and `same_unit_only` / `cross_unit_only` remove pairs;
//! - a locked pair is placed first and takes one of its mentor's slots;
//! - the hour budget lowers capacities;
//! - continuity adds its bonus to the score of a pair of the previous roster;
//! - `min_mentees` splits a mentor into a *minimum part* (its first `min_mentees` slots) and
//!   the rest; every pair to a minimum part earns a bonus larger than any difference in total
//!   score, so the objective becomes: most mentees matched, then most minimum slots filled,
//!   then highest total;
//! - `objective = "fair"` searches (by bisection over the score levels of
//!   [`crate::solve::fair::levels`]) the highest threshold τ such that the pairs scoring at
//!   least τ still match as many mentees (and fill as many minimum slots) as all pairs do,
//!   then maximises the total over those pairs.
//!
//! Unit shares (`max_cross_unit_share`, `min_same_unit_share`) are side constraints that
//! break the network structure: the problem is then a mixed-integer program, stated with
//! good_lp and solved in lexicographic stages (count, minimum slots, score) within the time
//! limit.

mod fair;
mod mip;
mod repair;
mod tiers;

use super::Rules;
use crate::error::Result;
use crate::graph::MatchGraph;
use crate::model::index::{GraphEdge, NodeOrder, ProblemEdge, ProblemMentee};
use crate::settings::{SolverChoice, SolverSettings};
use crate::solve::{self, Problem, Status};

/// How the rules' problem of a part is solved: a network with locks, forbids, unit-only
/// rules, hours and continuity applied to its pairs and capacities; tiers for mentor
/// minimums; a threshold search for the fair objective; a Lagrangian relaxation with branch
/// and bound (and an integer program where it does not prove its optimum) for unit shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RuledMethod {
    /// A unit share rule makes it an integer program.
    pub shares: bool,
    /// Mentor minimums add a tier of minimum slots.
    pub minimums: bool,
    /// The fair objective searches its threshold.
    pub fair: bool,
    /// The solver asked for the rules' network parts.
    pub solver: SolverChoice,
}

pub use crate::settings::MIP_PAIRS;

/// The assignment under the rules, in the solver's terms.
#[derive(Clone)]
pub struct Model {
    /// The problem: free (not locked) mentees; mentors in node order, then one minimum part
    /// per mentor with a minimum.
    pub problem: Problem,
    /// Graph edge of each problem edge (indexed by [`ProblemEdge`]; see
    /// [`Model::graph_edge_of`]).
    pub graph_edge: Vec<GraphEdge>,
    /// Whether a problem edge goes to a minimum part.
    pub tier: Vec<bool>,
    /// Score of each problem edge without the continuity bonus.
    pub base: Vec<f64>,
    /// Mentee (node order) of each problem mentee (indexed by [`ProblemMentee`]).
    pub mentee_node: Vec<NodeOrder>,
    /// Locked mentees and their graph edge.
    pub locked: Vec<(NodeOrder, GraphEdge)>,
    /// The sum of the locked pairs' scores, continuity bonus included (the objective's
    /// part that no solve changes).
    pub locked_value: f64,
    /// Whether a previous roster's pairs earn the continuity bonus.
    pub continuity: bool,
    /// Per problem edge, the unit (rules' unit index) of its mentee when a share rule covers
    /// it, and whether the pair crosses units.
    pub share_group: Vec<Option<(u32, bool)>>,
    /// Per unit: locked pairs of its mentees and how many of them cross units.
    pub locked_per_unit: Vec<(u32, u32)>,
    /// Per unit, its largest cross-unit share.
    pub max_cross_share: Vec<Option<f64>>,
}

/// How the solve under rules ended.
pub struct Outcome {
    /// Per problem mentee, the chosen problem edge.
    pub edge_of: Vec<Option<usize>>,
    /// Status.
    pub status: Status,
    /// What was done.
    pub detail: String,
    /// The method: the solver's choice, or `lp` for an integer program through good_lp.
    pub method: SolverChoice,
    /// With the network method on every pair and no unit share: under the objective of the
    /// total, its duals over [`Model::tiered_problem`]; under the fair objective without
    /// minimums, its duals over the problem restricted to the pairs scoring (without the
    /// continuity bonus) at least the threshold. Either certifies the assignment.
    pub duals: Option<crate::solve::slots::Duals>,
}

impl Model {
    /// The graph edge of a problem edge.
    pub fn graph_edge_of(&self, e: ProblemEdge) -> GraphEdge {
        self.graph_edge[e.get()]
    }

    /// The mentee (node order) of a problem mentee.
    pub fn mentee_of(&self, i: ProblemMentee) -> NodeOrder {
        self.mentee_node[i.get()]
    }

    /// States the assignment under the rules for a graph built with them.
    pub fn new(graph: &MatchGraph, rules: &Rules) -> Model {
        let m = graph.mentor_order.len();
        let mut node_of_mentor = vec![0usize; m];
        for (c, &j) in graph.mentor_order.iter().enumerate() {
            node_of_mentor[j] = c;
        }
        let mut locked = Vec::new();
        let mut locked_value = 0.0;
        let mut locks_on = vec![0u32; m];
        let mut locked_per_unit = vec![(0u32, 0u32); rules.units.len()];
        for (k, &i) in graph.mentee_order.iter().enumerate() {
            if let Some(lock) = rules.lock[i] {
                let e = GraphEdge(graph.mentee_edges[k]);
                debug_assert_eq!(
                    graph.mentee_edges[k + 1] - e.get(),
                    1,
                    "a locked mentee has one pair"
                );
                locked.push((NodeOrder(k), e));
                locked_value += graph.pair(e).1.score + rules.bonus(i, lock.mentor);
                locks_on[node_of_mentor[lock.mentor]] += 1;
                let u = rules.mentee_unit[i] as usize;
                locked_per_unit[u].0 += 1;
                if rules.mentor_unit[lock.mentor] != rules.mentee_unit[i] {
                    locked_per_unit[u].1 += 1;
                }
            }
        }
        let free_cap: Vec<u32> = (0..m)
            .map(|c| rules.capacity[graph.mentor_order[c]] - locks_on[c])
            .collect();
        let free_min: Vec<u32> = (0..m)
            .map(|c| rules.min_mentees[graph.mentor_order[c]].saturating_sub(locks_on[c]))
            .collect();
        let mut tier_of = vec![None; m];
        let mut capacity: Vec<u32> = (0..m).map(|c| free_cap[c] - free_min[c]).collect();
        for c in 0..m {
            if free_min[c] > 0 {
                tier_of[c] = Some(capacity.len() as u32);
                capacity.push(free_min[c]);
            }
        }
        let mut lists = Vec::new();
        let (mut graph_edge, mut tier, mut base, mut mentee_node, mut share_group) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, &i) in graph.mentee_order.iter().enumerate() {
            if rules.lock[i].is_some() {
                continue;
            }
            mentee_node.push(NodeOrder(k));
            let unit = rules.mentee_unit[i];
            let covered = rules.max_cross_share[unit as usize].is_some();
            let mut list = Vec::new();
            for e in graph.edges_of(NodeOrder(k)) {
                let (j, score) = graph.pair(e);
                let c = node_of_mentor[j];
                let s = score.score + rules.bonus(i, j);
                let group = covered.then_some((unit, !score.same_unit));
                let mut push = |mentor: u32, is_tier: bool| {
                    list.push((mentor, s));
                    graph_edge.push(e);
                    tier.push(is_tier);
                    base.push(score.score);
                    share_group.push(group);
                };
                push(c as u32, false);
                if let Some(t) = tier_of[c] {
                    push(t, true);
                }
            }
            lists.push(list);
        }
        Model {
            problem: Problem::from_lists(capacity, &lists),
            graph_edge,
            tier,
            base,
            mentee_node,
            locked,
            locked_value,
            continuity: rules.previous_rows.is_some(),
            share_group,
            locked_per_unit,
            max_cross_share: rules.max_cross_share.clone(),
        }
    }

    fn has_shares(&self) -> bool {
        self.share_group.iter().any(Option::is_some)
    }

    /// A unit (rules' index) whose mentees are all locked or without a free pair, and whose
    /// locked pairs break its unit share: no integer program states its share row (it has no
    /// variable), so the rules cannot all hold whatever the other units do.
    fn share_broken_by_locks(&self) -> Option<usize> {
        (0..self.locked_per_unit.len()).find(|&u| {
            let (locked, cross) = self.locked_per_unit[u];
            let free = self
                .share_group
                .iter()
                .any(|g| g.is_some_and(|(v, _)| v as usize == u));
            self.max_cross_share[u]
                .is_some_and(|f| !free && f64::from(cross) > f * f64::from(locked) + 1e-9)
        })
    }

    /// Whether any mentor has minimum slots (pairs into a minimum part).
    pub fn has_tiers(&self) -> bool {
        self.tier.iter().any(|&t| t)
    }

    /// Solves by the method the plan chose for this part (its objective and the solver of
    /// its network parts), within the limits of `limits` (time, integer program size). Unit
    /// shares and minimum tiers are the model's own: the rows and tiers of its problem.
    pub fn solve(&self, method: &RuledMethod, limits: &SolverSettings) -> Result<Outcome> {
        let solver = &SolverSettings {
            method: method.solver,
            ..limits.clone()
        };
        if self.share_broken_by_locks().is_some() {
            return Ok(Outcome {
                edge_of: vec![None; self.problem.n_mentees()],
                status: Status::Infeasible,
                detail: "the locked pairs alone break a unit share".into(),
                method: solver.method,
                duals: None,
            });
        }
        let mip = self.has_shares();
        let all = vec![true; self.problem.n_edges()];
        let mut detail = String::new();
        let mut status = Status::Optimal;
        let mut heads_proven = true;
        let mask = match method.fair {
            false => all,
            true => {
                let (mask, tau, steps, proven) = self.fair_threshold(solver, mip)?;
                heads_proven = proven;
                detail = format!(
                    "fair: lowest score {} found in {steps} bisection steps{}; ",
                    tau.map_or("-".into(), |t| format!("{t:.6}")),
                    if proven {
                        ""
                    } else {
                        " (on matched counts the relaxation did not all prove)"
                    }
                );
                mask
            }
        };
        let pairs = mask.iter().filter(|&&k| k).count();
        let relax = mip && !self.has_tiers();
        let mut used_mip = mip && !relax;
        let mut duals = None;
        let edge_of = if relax {
            // The relaxation first: it often proves the optimum at once. When it does not,
            // an integer program small enough gets its turn, and the better roster is kept.
            let relaxed = self.relaxed_shares(solver, &mask, true, None)?;
            match relaxed {
                Some(r) if r.status == Status::Optimal || pairs > solver.mip_pairs => {
                    status = r.status;
                    detail.push_str(&r.detail);
                    r.edge_of
                }
                relaxed => {
                    used_mip = true;
                    let (edge_of, s) = self.mip(solver, &mask, Stage::Score)?;
                    match relaxed {
                        Some(r)
                            if s != Status::Optimal
                                && self.key(&r.edge_of) > self.key(&edge_of) =>
                        {
                            used_mip = false;
                            status = r.status;
                            detail.push_str(&format!(
                                "{}; the integer program through good_lp ({}) ended with {} \
                                 and a lesser roster",
                                r.detail,
                                solve::lp::BACKEND,
                                s
                            ));
                            r.edge_of
                        }
                        r => {
                            status = s;
                            detail.push_str(&format!(
                                "integer program through good_lp ({}), {pairs} pairs, {} unit \
                                 share rows{}",
                                solve::lp::BACKEND,
                                self.share_rows(&mask).len(),
                                match r {
                                    Some(_) =>
                                        ", after a Lagrangian relaxation that did not \
                                               prove the optimum",
                                    None =>
                                        ", after a Lagrangian relaxation that found no \
                                             roster holding the shares",
                                }
                            ));
                            edge_of
                        }
                    }
                }
            }
        } else if mip {
            let (edge_of, s) = self.mip(solver, &mask, Stage::Score)?;
            status = s;
            detail.push_str(&format!(
                "integer program through good_lp ({}), {} pairs, {} unit share rows",
                solve::lp::BACKEND,
                pairs,
                self.share_rows(&mask).len()
            ));
            edge_of
        } else if !method.fair && solver.method == SolverChoice::Network {
            // Every pair, with the minimum slots' bonus: the tiered problem, solved by the
            // network method with its duals kept for the advice.
            let (tiered, _) = self.tiered_problem();
            let (edge_of, solved, kept) = crate::solve::slots::Duals::solve(&tiered)?;
            detail.push_str(&solved);
            duals = Some(kept);
            edge_of
        } else if method.fair && solver.method == SolverChoice::Network && !self.has_tiers() {
            // The pairs at the threshold, solved by the network method with its duals kept:
            // the fair advice prices its slots with them (the threshold's own problem).
            let p = &self.problem;
            let (sub, index) = p.restricted(|e| mask[e], |e| p.score[e]);
            let (edge_of, solved, kept) = crate::solve::slots::Duals::solve(&sub)?;
            detail.push_str(&solved);
            duals = Some(kept);
            edge_of.iter().map(|e| e.map(|e| index[e])).collect()
        } else {
            let scores: Vec<f64> = self.problem.score.clone();
            let s = self.network(solver, &scores, &mask, true)?;
            detail.push_str(&s.detail);
            s.edge_of
        };
        if !heads_proven && status == Status::Optimal {
            // Optimal for a threshold that rests on unproven counts.
            status = Status::Feasible;
        }
        Ok(Outcome {
            edge_of,
            status,
            detail,
            method: if used_mip {
                SolverChoice::Lp
            } else {
                solver.method
            },
            duals,
        })
    }
}

/// A unit share row: the unit, its largest cross-unit share, and its mentees' pairs (edge,
/// whether it crosses units).
pub(super) type ShareRow = (u32, f64, Vec<(usize, bool)>);

/// A stage of the lexicographic integer program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    Count,
    Tiers,
    Score,
}
