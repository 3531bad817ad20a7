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

use good_lp::{
    constraint, variable, Expression, ProblemVariables, ResolutionError, Solution as _,
    SolutionStatus, SolverModel, Variable, WithTimeLimit,
};

use super::Rules;
use crate::error::{Error, Result};
use crate::graph::MatchGraph;
use crate::settings::{Objective, Settings, SolverChoice};
use crate::solve::{self, Problem, Status};

pub use crate::settings::MIP_PAIRS;

/// The assignment under the rules, in the solver's terms.
#[derive(Clone)]
pub struct Model {
    /// The problem: free (not locked) mentees; mentors in node order, then one minimum part
    /// per mentor with a minimum.
    pub problem: Problem,
    /// Graph edge of each problem edge.
    pub graph_edge: Vec<usize>,
    /// Whether a problem edge goes to a minimum part.
    pub tier: Vec<bool>,
    /// Score of each problem edge without the continuity bonus.
    pub base: Vec<f64>,
    /// Mentee (node order) of each problem mentee.
    pub mentee_node: Vec<usize>,
    /// Locked mentees (node order) and their graph edge.
    pub locked: Vec<(usize, usize)>,
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
    /// The method: the settings' choice, or `lp` for an integer program through good_lp.
    pub method: SolverChoice,
    /// With the network method on every pair and no unit share: under the objective of the
    /// total, its duals over [`Model::tiered_problem`]; under the fair objective without
    /// minimums, its duals over the problem restricted to the pairs scoring (without the
    /// continuity bonus) at least the threshold. Either certifies the assignment.
    pub duals: Option<crate::solve::slots::Duals>,
}

impl Model {
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
                let e = graph.mentee_edges[k];
                debug_assert_eq!(
                    graph.mentee_edges[k + 1] - e,
                    1,
                    "a locked mentee has one pair"
                );
                locked.push((k, e));
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
            mentee_node.push(k);
            let unit = rules.mentee_unit[i];
            let covered = rules.max_cross_share[unit as usize].is_some();
            let mut list = Vec::new();
            for e in graph.mentee_edges[k]..graph.mentee_edges[k + 1] {
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

    /// Solves under the settings' objective.
    pub fn solve(&self, settings: &Settings) -> Result<Outcome> {
        if self.share_broken_by_locks().is_some() {
            return Ok(Outcome {
                edge_of: vec![None; self.problem.n_mentees()],
                status: Status::Infeasible,
                detail: "the locked pairs alone break a unit share".into(),
                method: settings.solver,
                duals: None,
            });
        }
        let mip = self.has_shares();
        let all = vec![true; self.problem.n_edges()];
        let mut detail = String::new();
        let mut status = Status::Optimal;
        let mut heads_proven = true;
        let mask = match settings.objective {
            Objective::Total => all,
            Objective::Fair => {
                let (mask, tau, steps, proven) = self.fair_threshold(settings, mip)?;
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
            let relaxed = self.relaxed_shares(settings, &mask, true, None)?;
            match relaxed {
                Some(r) if r.status == Status::Optimal || pairs > settings.mip_pairs => {
                    status = r.status;
                    detail.push_str(&r.detail);
                    r.edge_of
                }
                relaxed => {
                    used_mip = true;
                    let (edge_of, s) = self.mip(settings, &mask, Stage::Score)?;
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
            let (edge_of, s) = self.mip(settings, &mask, Stage::Score)?;
            status = s;
            detail.push_str(&format!(
                "integer program through good_lp ({}), {} pairs, {} unit share rows",
                solve::lp::BACKEND,
                pairs,
                self.share_rows(&mask).len()
            ));
            edge_of
        } else if settings.objective == Objective::Total && settings.solver == SolverChoice::Network
        {
            // Every pair, with the minimum slots' bonus: the tiered problem, solved by the
            // network method with its duals kept for the advice.
            let (tiered, _) = self.tiered_problem();
            let (edge_of, solved, kept) = crate::solve::slots::Duals::solve(&tiered)?;
            detail.push_str(&solved);
            duals = Some(kept);
            edge_of
        } else if settings.objective == Objective::Fair
            && settings.solver == SolverChoice::Network
            && !self.has_tiers()
        {
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
            let s = self.network(settings, &scores, &mask, true)?;
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
                settings.solver
            },
            duals,
        })
    }

    /// The problem restricted to `mask` with these scores; minimum parts earn a bonus larger
    /// than any difference in total when `tier_bonus` is set. Solves it and maps the answer
    /// back to this model's edges.
    pub(super) fn network(
        &self,
        settings: &Settings,
        scores: &[f64],
        mask: &[bool],
        tier_bonus: bool,
    ) -> Result<solve::Solution> {
        let p = &self.problem;
        let bonus = if tier_bonus {
            self.tier_bonus(scores, mask)
        } else {
            0.0
        };
        let (sub, index) = p.restricted(
            |e| mask[e],
            |e| scores[e] + if self.tier[e] { bonus } else { 0.0 },
        );
        let s = solve::solve(&sub, settings.solver)?;
        let edge_of = s.edge_of.iter().map(|e| e.map(|e| index[e])).collect();
        Ok(solve::Solution::from_edges(
            p, edge_of, s.status, s.method, s.detail,
        ))
    }

    /// The bonus of a minimum slot's pair over the pairs in `mask`: more than any difference
    /// in total score, so that a network optimum fills the most minimum slots it can before
    /// the scores decide (0 without minimums).
    pub fn tier_bonus(&self, scores: &[f64], mask: &[bool]) -> f64 {
        if self.has_tiers() {
            self.bonus_over(
                (0..self.problem.n_edges())
                    .filter(|&e| mask[e])
                    .map(|e| scores[e]),
            )
        } else {
            0.0
        }
    }

    /// A minimum slot's bonus over pairs of these scores: more than any difference in
    /// total score among rosters of the problem's mentees (0 without scores).
    pub fn bonus_over(&self, scores: impl Iterator<Item = f64>) -> f64 {
        let (lo, hi) = scores.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
        if hi >= lo {
            (self.problem.n_mentees() as f64 + 1.0) * (hi - lo) + 1.0
        } else {
            0.0
        }
    }

    /// The problem with the minimum slots' bonus in the scores of their pairs, and that
    /// bonus: without unit shares or the fair objective, its network optimum is the
    /// roster's objective (most mentees, then most minimum slots, then the total).
    pub fn tiered_problem(&self) -> (Problem, f64) {
        let p = &self.problem;
        let bonus = self.tier_bonus(&p.score, &vec![true; p.n_edges()]);
        (self.tiered_with(bonus), bonus)
    }

    /// The problem with this bonus in the scores of the minimum slots' pairs.
    pub fn tiered_with(&self, bonus: f64) -> Problem {
        let mut tiered = self.problem.clone();
        for (s, &t) in tiered.score.iter_mut().zip(&self.tier) {
            if t {
                *s += bonus;
            }
        }
        tiered
    }

    /// The lexicographic head of the objective: (matched, minimum slots filled).
    fn head(&self, edge_of: &[Option<usize>]) -> (usize, usize) {
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
    fn head_only(
        &self,
        settings: &Settings,
        mask: &[bool],
        mip: bool,
        target: Option<(usize, usize)>,
    ) -> Result<((usize, usize), bool)> {
        if mip && !self.has_tiers() {
            let pairs = mask.iter().filter(|&&k| k).count();
            let enough = target.map(|t| t.0);
            match self.relaxed_shares(settings, mask, false, enough)? {
                Some(r)
                    if r.count_proven
                        || enough.is_some_and(|t| {
                            r.edge_of.iter().flatten().count() >= t || r.count_limit < t
                        }) =>
                {
                    return Ok((self.head(&r.edge_of), true));
                }
                Some(r) if pairs > settings.mip_pairs => {
                    return Ok((self.head(&r.edge_of), false));
                }
                _ => {}
            }
        }
        let edge_of = if mip {
            self.mip(settings, mask, Stage::Tiers)?.0
        } else {
            let card: Vec<f64> = self.tier.iter().map(|&t| f64::from(u8::from(t))).collect();
            self.network(settings, &card, mask, false)?.edge_of
        };
        Ok((self.head(&edge_of), true))
    }

    /// The pairs scoring at least the highest threshold that keeps the head of the objective,
    /// the threshold, the number of bisection steps, and whether every head was proven.
    fn fair_threshold(
        &self,
        settings: &Settings,
        mip: bool,
    ) -> Result<(Vec<bool>, Option<f64>, usize, bool)> {
        if !mip && !self.has_tiers() {
            return Ok(self.fair_threshold_by_count());
        }
        let all = vec![true; self.problem.n_edges()];
        let (target, mut proven) = self.head_only(settings, &all, mip, None)?;
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
                self.head_only(settings, &mask_at(levels[mid]), mip, Some(target))?;
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
    fn fair_threshold_by_count(&self) -> (Vec<bool>, Option<f64>, usize, bool) {
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

    /// Share rows: per unit with a share rule, its edges (within `mask`) and the share.
    /// A unit with locked pairs has a row even when none of its pairs is in `mask`: its
    /// locked pairs alone may break its share.
    pub(super) fn share_rows(&self, mask: &[bool]) -> Vec<ShareRow> {
        let mut rows: std::collections::BTreeMap<u32, Vec<(usize, bool)>> = Default::default();
        for (u, &(locked, _)) in self.locked_per_unit.iter().enumerate() {
            if locked > 0 {
                rows.entry(u as u32).or_default();
            }
        }
        for (e, g) in self.share_group.iter().enumerate() {
            if let (Some((u, cross)), true) = (g, mask[e]) {
                rows.entry(*u).or_default().push((e, *cross));
            }
        }
        rows.into_iter()
            .filter_map(|(u, edges)| self.max_cross_share[u as usize].map(|f| (u, f, edges)))
            .collect()
    }

    /// The integer program over the pairs in `mask`, solved in lexicographic stages up to
    /// `last`: the most mentees, then the most minimum slots, then the highest score.
    pub(super) fn mip(
        &self,
        settings: &Settings,
        mask: &[bool],
        last: Stage,
    ) -> Result<(Vec<Option<usize>>, Status)> {
        let mut bounds: Vec<(Stage, f64)> = Vec::new();
        let mut result = None;
        let mut status = Status::Optimal;
        for stage in [Stage::Count, Stage::Tiers, Stage::Score] {
            if stage == Stage::Tiers && !self.has_tiers() {
                if last == Stage::Tiers {
                    break;
                }
                continue;
            }
            let (values, s) = match self.mip_stage(settings, mask, stage, &bounds)? {
                StageEnd::Solved(values, s) => (values, s),
                StageEnd::Infeasible => {
                    return Ok((vec![None; self.problem.n_mentees()], Status::Infeasible))
                }
                StageEnd::NoSolutionInTime => {
                    // Keep the previous stage's answer, or a repaired network roster.
                    status = Status::TimeLimit;
                    if result.is_none() {
                        return Ok(match self.repaired(settings, mask)? {
                            Some(edge_of) => (edge_of, Status::TimeLimit),
                            None => (vec![None; self.problem.n_mentees()], Status::Infeasible),
                        });
                    }
                    break;
                }
            };
            if s != Status::Optimal {
                status = s;
            }
            let value = self.stage_value(stage, &values);
            bounds.push((stage, value.round()));
            result = Some(values);
            if stage == last {
                break;
            }
        }
        let values = result.unwrap_or_default();
        let mut edge_of = vec![None; self.problem.n_mentees()];
        for (i, slot) in edge_of.iter_mut().enumerate() {
            *slot = self
                .problem
                .edges(i)
                .find(|&e| values.get(e).is_some_and(|&v| v > 0.5));
        }
        Ok((edge_of, status))
    }

    fn stage_value(&self, stage: Stage, values: &[f64]) -> f64 {
        values
            .iter()
            .enumerate()
            .map(|(e, &v)| match stage {
                Stage::Count => v,
                Stage::Tiers => v * f64::from(u8::from(self.tier[e])),
                Stage::Score => v * self.problem.score[e],
            })
            .sum()
    }

    /// Per unit (rules' index): matched mentees under a share rule and how many of them
    /// cross units, locked pairs included.
    fn share_counts(&self, edge_of: &[Option<usize>]) -> (Vec<f64>, Vec<f64>) {
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
    pub(super) fn repaired(
        &self,
        settings: &Settings,
        mask: &[bool],
    ) -> Result<Option<Vec<Option<usize>>>> {
        let edge_of = self
            .network(settings, &self.problem.score, mask, true)?
            .edge_of;
        self.repair_from(settings, mask, edge_of)
    }

    /// Makes an assignment (within `mask`, capacities kept) hold the unit shares, without
    /// proof of optimality: gives the mentees without a mentor a free slot of their own unit
    /// where one is eligible (an optimal refill, which only raises same-unit shares), drops
    /// the lowest-scoring cross-unit pairs of each unit still over its share, refills again,
    /// then adds back cross-unit pairs, best score first, wherever a share has room. `None`
    /// when a share still fails (say, locked cross-unit pairs with too few same-unit pairs
    /// to balance them).
    pub(super) fn repair_from(
        &self,
        settings: &Settings,
        mask: &[bool],
        mut edge_of: Vec<Option<usize>>,
    ) -> Result<Option<Vec<Option<usize>>>> {
        let units = self.locked_per_unit.len();
        self.refill(settings, mask, &mut edge_of)?;
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
        self.refill(settings, mask, &mut edge_of)?;
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
    fn refill(
        &self,
        settings: &Settings,
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
        let s = solve::solve(&sub, settings.solver)?;
        for (k, e) in s.edge_of.iter().enumerate() {
            if let Some(e) = e {
                edge_of[owner[k]] = Some(index[*e]);
            }
        }
        Ok(())
    }

    /// One stage of the integer program.
    fn mip_stage(
        &self,
        settings: &Settings,
        mask: &[bool],
        stage: Stage,
        bounds: &[(Stage, f64)],
    ) -> Result<StageEnd> {
        let p = &self.problem;
        let mut vars = ProblemVariables::new();
        let x: Vec<Option<Variable>> = (0..p.n_edges())
            .map(|e| mask[e].then(|| vars.add(variable().binary())))
            .collect();
        let used = || x.iter().enumerate().filter_map(|(e, v)| v.map(|v| (e, v)));
        let count: Expression = used().map(|(_, v)| v).sum();
        let tiers: Expression = used().filter(|&(e, _)| self.tier[e]).map(|(_, v)| v).sum();
        let objective: Expression = match stage {
            Stage::Count => count.clone(),
            Stage::Tiers => tiers.clone(),
            Stage::Score => used().map(|(e, v)| p.score[e] * v).sum(),
        };
        let mut model = vars
            .maximise(objective)
            .using(good_lp::solvers::microlp::microlp)
            .with_time_limit(settings.time_limit);
        for i in 0..p.n_mentees() {
            let row: Expression = p.edges(i).filter_map(|e| x[e]).sum();
            model = model.with(constraint!(row <= 1));
        }
        let mut per_mentor: Vec<Expression> = vec![Expression::default(); p.n_mentors()];
        for (e, v) in used() {
            per_mentor[p.mentor[e] as usize] += v;
        }
        for (j, row) in per_mentor.into_iter().enumerate() {
            let cap = f64::from(p.capacity[j]);
            model = model.with(constraint!(row <= cap));
        }
        for (u, f, edges) in self.share_rows(mask) {
            let (locked, locked_cross) = self.locked_per_unit[u as usize];
            let row: Expression = edges
                .iter()
                .filter_map(|&(e, cross)| x[e].map(|v| if cross { (1.0 - f) * v } else { -f * v }))
                .sum();
            let rhs = f * f64::from(locked) - f64::from(locked_cross);
            if edges.is_empty() {
                // No variable: the locked pairs alone keep the share or break it.
                if rhs + 1e-9 < 0.0 {
                    return Ok(StageEnd::Infeasible);
                }
                continue;
            }
            model = model.with(constraint!(row <= rhs + 1e-9));
        }
        for &(s, value) in bounds {
            match s {
                Stage::Count => model = model.with(constraint!(count.clone() >= value - 1e-6)),
                Stage::Tiers => model = model.with(constraint!(tiers.clone() >= value - 1e-6)),
                Stage::Score => {}
            }
        }
        let solution = match model.solve() {
            Ok(s) => s,
            Err(ResolutionError::Infeasible) => return Ok(StageEnd::Infeasible),
            Err(ResolutionError::Other(m)) if m.contains("Time limit") => {
                return Ok(StageEnd::NoSolutionInTime)
            }
            Err(e) => return Err(Error::Solver(format!("{}: {e}", solve::lp::BACKEND))),
        };
        let status = match solution.status() {
            SolutionStatus::Optimal => Status::Optimal,
            _ => Status::TimeLimit,
        };
        let values = x
            .iter()
            .map(|v| v.map_or(0.0, |v| solution.value(v)))
            .collect();
        Ok(StageEnd::Solved(values, status))
    }
}

/// How one stage of the integer program ended.
enum StageEnd {
    /// With values per edge and a status.
    Solved(Vec<f64>, Status),
    /// The rules cannot all hold.
    Infeasible,
    /// The time limit came before any feasible answer.
    NoSolutionInTime,
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
