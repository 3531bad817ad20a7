//! Matching a cohort: score, build the graph, solve, and gather the roster's figures.

pub mod diagnose;

use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::graph::{MatchGraph, ScoredPairs};
use crate::model::Cohort;
use crate::rules::solve::Model;
use crate::rules::Rules;
use crate::score::{PairScore, Scorer};
use crate::settings::{Settings, SolverChoice};
use crate::solve::priced::{default_mentor_candidates, solve_priced};
use crate::solve::{self, Status};
use diagnose::Finding;

/// Why a mentee has no mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unmatched {
    /// No mentor is eligible for this mentee (grade gap, or only themselves).
    NoEligibleMentor,
    /// Every eligible mentor is full with mentees who count for more in the optimum.
    EligibleMentorsFull,
    /// An eligible mentor has a free slot, but the unit share rule of the mentee's unit
    /// allows no more pairs of that kind.
    UnitShareRule,
    /// The rules cannot all hold, so only the locked pairs were made.
    RulesCannotHold,
}

impl Unmatched {
    /// The reason in words, as shown in the roster.
    pub fn as_str(self) -> &'static str {
        match self {
            Unmatched::NoEligibleMentor => "no eligible mentor",
            Unmatched::EligibleMentorsFull => "every eligible mentor full",
            Unmatched::UnitShareRule => "held back by the unit share rule",
            Unmatched::RulesCannotHold => "the rules cannot all hold",
        }
    }
}

/// A mentee's mentor and the pair's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pair {
    /// The mentor's index in the mentors file.
    pub mentor: usize,
    /// The pair's score, term by term.
    pub score: PairScore,
}

/// Wall-clock time of a match.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Timings {
    /// Scoring the pairs, building the graph and solving (with pricing, these interleave),
    /// in seconds.
    pub solve_seconds: f64,
}

/// Continuity with a previous roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Continuity {
    /// Mentees of this cohort whose previous mentor is also in it.
    pub previous_pairs: usize,
    /// Of those, the pairs kept.
    pub kept: usize,
    /// Of those, the pairs changed (another mentor, or none).
    pub changed: usize,
}

/// A solved roster, in the order of the input files.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// Per mentee (file order), the pair or `None`.
    pub pairs: Vec<Option<Pair>>,
    /// Per unmatched mentee (file order), why; `None` for matched mentees.
    pub unmatched: Vec<Option<Unmatched>>,
    /// Capacity of each mentor (file order), defaults applied.
    pub capacity: Vec<u32>,
    /// Mentees assigned to each mentor (file order).
    pub load: Vec<u32>,
    /// Number of eligible pairs.
    pub eligible_pairs: usize,
    /// Pairs in the graph the solver worked on: all eligible pairs, or the candidates and
    /// the pairs pricing brought in.
    pub graph_pairs: usize,
    /// How the solve ended.
    pub status: Status,
    /// The method used.
    pub method: SolverChoice,
    /// A short account of the solver's work.
    pub solver_detail: String,
    /// Time taken by the stages.
    pub timings: Timings,
    /// Continuity with the previous roster, when one was given.
    pub continuity: Option<Continuity>,
    /// Where the planner's rules cost matches, and how to relax them.
    pub findings: Vec<Finding>,
    /// After the network method without the planner's rules: the duals that certify the
    /// roster optimal over every eligible pair, for the advice (above `price_above`, where
    /// the match priced its pairs in and never held them all).
    pub certificate: Option<crate::solve::slots::Duals>,
    /// With `same_scope_only`: the duals of each scope's match (by scope key, as
    /// [`crate::model::unit_key`] makes it), in the order of the keys.
    pub scope_certificates: Vec<(String, crate::solve::slots::Duals)>,
    /// Under the planner's rules solved by the network method on every pair: its duals
    /// over the rules' problem (with the minimum slots' bonus), or under the fair objective
    /// over the pairs at its threshold, for the advice (see
    /// [`crate::rules::solve::Outcome::duals`]).
    pub rules_certificate: Option<crate::solve::slots::Duals>,
    /// With `same_scope_only`, under the planner's rules: the [`Roster::rules_certificate`]
    /// of each scope's match that kept one (by scope key, in the order of the keys).
    pub scope_rules_certificates: Vec<(String, crate::solve::slots::Duals)>,
}

impl Roster {
    /// Number of matched mentees.
    pub fn matched(&self) -> usize {
        self.pairs.iter().flatten().count()
    }

    /// Sum of the matched pairs' scores.
    pub fn total_score(&self) -> f64 {
        self.pairs.iter().flatten().map(|p| p.score.score).sum()
    }

    /// Number of unmatched mentees with a given reason.
    pub fn unmatched_count(&self, reason: Unmatched) -> usize {
        self.unmatched
            .iter()
            .filter(|r| **r == Some(reason))
            .count()
    }

    /// Number of matched pairs within one unit.
    pub fn same_unit_pairs(&self) -> usize {
        self.pairs
            .iter()
            .flatten()
            .filter(|p| p.score.same_unit)
            .count()
    }

    /// Sum of the matched pairs' complementarity.
    pub fn complementarity_total(&self) -> f64 {
        self.pairs
            .iter()
            .flatten()
            .map(|p| p.score.complementarity)
            .sum()
    }

    /// Number of mentors with at least one mentee.
    pub fn mentors_used(&self) -> usize {
        self.load.iter().filter(|&&l| l > 0).count()
    }
}

/// The capacity of each mentor (file order), with the default for empty cells.
pub fn capacities(cohort: &Cohort, settings: &Settings) -> Vec<u32> {
    cohort
        .mentors
        .iter()
        .map(|m| m.capacity.unwrap_or(settings.capacity))
        .collect()
}

/// Scores, builds the graph and solves: the whole match of a cohort.
///
/// With `same_scope_only`, no pair crosses a scope, so the cohort splits into independent
/// parts (one per scope), solved in parallel; the union of optimal rosters of the parts is
/// an optimal roster of the whole.
pub fn match_cohort(cohort: &Cohort, settings: &Settings) -> Result<Roster> {
    crate::resources::guard(cohort, settings)?;
    if settings.same_scope_only {
        if settings.pairs.is_some() {
            // Check every row of the pairs file against the whole cohort once; each part
            // then takes the rows of its own people.
            Rules::new(cohort, settings, &Scorer::new(cohort, settings), true)?;
        }
        match_by_scope(cohort, settings, None)
    } else if has_rules(cohort, settings) {
        match_ruled(cohort, settings, true, None)
    } else {
        match_part(cohort, settings)
    }
}

/// The best roster of the cohort under the settings that holds the pair of mentee `mentee`
/// and mentor `mentor` (file indices): the pair is locked on top of the planner's rules,
/// and every other rule holds as in [`match_cohort`]. Nothing is removed from the cohort,
/// so every rule (pairs file, unit shares, minimums, continuity) applies to the same
/// people as in the roster being explained.
///
/// The pair must be eligible and allowed by the rules, and the mentor must have a slot that
/// no locked pair takes ([`Rules::locks_of`]); a status of
/// [`Status::Infeasible`] says that no roster holding the pair keeps every rule.
pub fn match_cohort_forcing(
    cohort: &Cohort,
    settings: &Settings,
    mentee: usize,
    mentor: usize,
) -> Result<Roster> {
    crate::resources::guard(cohort, settings)?;
    let force = Some((mentee, mentor));
    if settings.same_scope_only {
        match_by_scope(cohort, settings, force)
    } else {
        match_ruled(cohort, settings, true, force)
    }
}

/// Whether a match of this cohort has rules beyond the score: those of the settings, or a
/// mentor's `min_mentees` cell (which holds even when the setting is 0).
pub fn has_rules(cohort: &Cohort, settings: &Settings) -> bool {
    settings.has_rules()
        || cohort
            .mentors
            .iter()
            .any(|m| m.min_mentees.unwrap_or(0) > 0)
}

/// One part of a cohort: file indices of its mentees and mentors.
struct Part {
    mentees: Vec<usize>,
    mentors: Vec<usize>,
}

/// The match split by scope; `force`, a pair (file indices) locked in its scope's part.
fn match_by_scope(
    cohort: &Cohort,
    settings: &Settings,
    force: Option<(usize, usize)>,
) -> Result<Roster> {
    let started = Instant::now();
    let key = |s: &Option<String>| s.as_deref().map(crate::model::unit_key).unwrap_or_default();
    let mut parts: std::collections::BTreeMap<String, Part> = std::collections::BTreeMap::new();
    for (i, m) in cohort.mentees.iter().enumerate() {
        parts
            .entry(key(&m.scope))
            .or_insert_with(|| Part {
                mentees: Vec::new(),
                mentors: Vec::new(),
            })
            .mentees
            .push(i);
    }
    for (j, m) in cohort.mentors.iter().enumerate() {
        if let Some(part) = parts.get_mut(&key(&m.scope)) {
            part.mentors.push(j);
        }
    }
    let (keys, parts): (Vec<String>, Vec<Part>) = parts.into_iter().unzip();
    let rosters: Vec<Result<Roster>> = parts
        .par_iter()
        .map(|part| {
            let sub = cohort.subset(&part.mentees, &part.mentors);
            let local = force.and_then(|(i, j)| {
                let k = part.mentees.iter().position(|&x| x == i)?;
                let c = part.mentors.iter().position(|&x| x == j)?;
                Some((k, c))
            });
            if has_rules(&sub, settings) || local.is_some() {
                match_ruled(&sub, settings, false, local)
            } else {
                match_part(&sub, settings)
            }
        })
        .collect();

    let capacity = capacities(cohort, settings);
    let mut roster = Roster {
        pairs: vec![None; cohort.mentees.len()],
        unmatched: vec![None; cohort.mentees.len()],
        load: vec![0; cohort.mentors.len()],
        capacity,
        eligible_pairs: 0,
        graph_pairs: 0,
        status: Status::Optimal,
        method: settings.solver,
        solver_detail: String::new(),
        timings: Timings::default(),
        continuity: settings.previous.as_ref().map(|_| Continuity::default()),
        findings: Vec::new(),
        certificate: None,
        scope_certificates: Vec::new(),
        rules_certificate: None,
        scope_rules_certificates: Vec::new(),
    };
    for ((key, part), sub) in keys.iter().zip(&parts).zip(rosters) {
        let mut sub = sub?;
        if let Some(duals) = sub.certificate.take() {
            roster.scope_certificates.push((key.clone(), duals));
        }
        if let Some(duals) = sub.rules_certificate.take() {
            roster.scope_rules_certificates.push((key.clone(), duals));
        }
        for (local, &i) in part.mentees.iter().enumerate() {
            roster.pairs[i] = sub.pairs[local].map(|p| Pair {
                mentor: part.mentors[p.mentor],
                score: p.score,
            });
            roster.unmatched[i] = sub.unmatched[local];
        }
        for (local, &j) in part.mentors.iter().enumerate() {
            roster.load[j] = sub.load[local];
        }
        for (local, &j) in part.mentors.iter().enumerate() {
            roster.capacity[j] = sub.capacity[local];
        }
        roster.eligible_pairs += sub.eligible_pairs;
        roster.graph_pairs += sub.graph_pairs;
        if sub.status != Status::Optimal && roster.status != Status::Infeasible {
            roster.status = sub.status;
        }
        if let (Some(total), Some(c)) = (roster.continuity.as_mut(), sub.continuity) {
            total.previous_pairs += c.previous_pairs;
            total.kept += c.kept;
            total.changed += c.changed;
        }
        roster.findings.extend(sub.findings);
    }
    let largest = parts
        .iter()
        .max_by_key(|p| p.mentees.len() * p.mentors.len().max(1));
    roster.solver_detail = format!(
        "{} independent parts by scope, solved in parallel{}",
        parts.len(),
        largest.map_or(String::new(), |p| format!(
            " (largest: {} mentees x {} mentors)",
            p.mentees.len(),
            p.mentors.len()
        ))
    );
    roster.timings.solve_seconds = seconds(started.elapsed());
    Ok(roster)
}

/// The match of one cohort (or one independent part of one).
fn match_part(cohort: &Cohort, settings: &Settings) -> Result<Roster> {
    let started = Instant::now();
    let scorer = Scorer::new(cohort, settings);
    let capacity = capacities(cohort, settings);
    let size = cohort.mentees.len() as u64 * cohort.mentors.len() as u64;
    let priced = settings.solver == SolverChoice::Network
        && settings.candidates > 0
        && size > settings.price_above;
    let mut certificate = None;
    let (graph, problem, solution, mentee_degree, eligible_pairs) = if priced {
        let pairs = ScoredPairs::new(cohort, &scorer);
        let (mentor_order, _) = crate::graph::canonical_orders(cohort);
        let node_capacity: Vec<u32> = mentor_order.iter().map(|&j| capacity[j]).collect();
        let p = solve_priced(
            &pairs,
            &node_capacity,
            settings.candidates,
            &default_mentor_candidates,
        )?;
        let graph = MatchGraph::from_lists(cohort, &scorer, &p.candidates);
        certificate = Some(crate::solve::slots::Duals {
            costing: p.costing,
            mentee: p.solution.mentee_dual.clone(),
            mentor: p.solution.mentor_dual.clone(),
        });
        let detail = format!(
            "{}; {} candidate pairs per mentee, {} priced in over {} round{}",
            p.solution.detail,
            settings.candidates,
            p.added,
            p.rounds,
            if p.rounds == 1 { "" } else { "s" }
        );
        let solution = solve::Solution::from_edges(
            &p.problem,
            p.solution.edge_of,
            Status::Optimal,
            SolverChoice::Network,
            detail,
        );
        (
            graph,
            p.problem,
            solution,
            p.mentee_degree,
            p.eligible_pairs,
        )
    } else {
        let graph = MatchGraph::build(cohort, &scorer);
        let problem = graph.problem(&capacity);
        let solution = if settings.solver == SolverChoice::Network {
            // The network method's own solve, with its duals kept for the advice.
            let (edge_of, detail, duals) = crate::solve::slots::Duals::solve(&problem)?;
            certificate = Some(duals);
            solve::Solution::from_edges(
                &problem,
                edge_of,
                Status::Optimal,
                SolverChoice::Network,
                detail,
            )
        } else {
            solve::solve(&problem, settings.solver)?
        };
        let degree = (0..problem.n_mentees())
            .map(|k| problem.edges(k).len())
            .collect();
        let eligible = graph.pair_count();
        (graph, problem, solution, degree, eligible)
    };
    debug_assert_eq!(problem.n_edges(), graph.pair_count());
    let solve_time = started.elapsed();

    let mut pairs = vec![None; cohort.mentees.len()];
    let mut unmatched = vec![None; cohort.mentees.len()];
    let mut load = vec![0u32; cohort.mentors.len()];
    for (k, &i) in graph.mentee_order.iter().enumerate() {
        match solution.edge_of[k] {
            Some(e) => {
                let (mentor, score) = graph.pair(e);
                load[mentor] += 1;
                pairs[i] = Some(Pair { mentor, score });
            }
            None if mentee_degree[k] == 0 => unmatched[i] = Some(Unmatched::NoEligibleMentor),
            None => unmatched[i] = Some(Unmatched::EligibleMentorsFull),
        }
    }
    Ok(Roster {
        pairs,
        unmatched,
        capacity,
        load,
        eligible_pairs,
        graph_pairs: graph.pair_count(),
        status: solution.status,
        method: solution.method,
        solver_detail: solution.detail,
        timings: Timings {
            solve_seconds: seconds(solve_time),
        },
        continuity: None,
        findings: Vec::new(),
        certificate,
        scope_certificates: Vec::new(),
        rules_certificate: None,
        scope_rules_certificates: Vec::new(),
    })
}

/// The match of one cohort (or one part of one) under the planner's rules. With `strict`,
/// every id of the pairs file must be in this cohort; `force` locks one more pair (file
/// indices) on top of the rules.
fn match_ruled(
    cohort: &Cohort,
    settings: &Settings,
    strict: bool,
    force: Option<(usize, usize)>,
) -> Result<Roster> {
    let started = Instant::now();
    let scorer = Scorer::new(cohort, settings);
    let mut rules = Rules::new(cohort, settings, &scorer, strict)?;
    if let Some((i, j)) = force {
        rules.force(i, j);
    }
    let graph = MatchGraph::build_filtered(cohort, &scorer, |i, j| rules.blocked(i, j).is_none());
    let model = Model::new(&graph, &rules);
    let outcome = model.solve(settings)?;
    let solve_time = started.elapsed();

    let n = cohort.mentees.len();
    let mut pairs = vec![None; n];
    let mut load = vec![0u32; cohort.mentors.len()];
    let mut place = |k: usize, e: usize| {
        let (mentor, score) = graph.pair(e);
        load[mentor] += 1;
        pairs[graph.mentee_order[k]] = Some(Pair { mentor, score });
    };
    for &(k, e) in &model.locked {
        place(k, e);
    }
    for (pi, &k) in model.mentee_node.iter().enumerate() {
        if let Some(pe) = outcome.edge_of[pi] {
            place(k, model.graph_edge[pe]);
        }
    }
    let mut unmatched = vec![None; n];
    for (k, &i) in graph.mentee_order.iter().enumerate() {
        if pairs[i].is_some() {
            continue;
        }
        let edges = graph.mentee_edges[k]..graph.mentee_edges[k + 1];
        let room = edges.clone().any(|e| {
            let j = graph.pair(e).0;
            load[j] < rules.capacity[j]
        });
        unmatched[i] = Some(if edges.is_empty() {
            Unmatched::NoEligibleMentor
        } else if outcome.status == Status::Infeasible {
            Unmatched::RulesCannotHold
        } else if room {
            Unmatched::UnitShareRule
        } else {
            Unmatched::EligibleMentorsFull
        });
    }
    let continuity = rules.previous_rows.map(|_| {
        let mut c = Continuity::default();
        for (i, prev) in rules.previous.iter().enumerate() {
            if let Some(j) = prev {
                c.previous_pairs += 1;
                if pairs[i].map(|p| p.mentor) == Some(*j) {
                    c.kept += 1;
                } else {
                    c.changed += 1;
                }
            }
        }
        c
    });
    let mut roster = Roster {
        pairs,
        unmatched,
        capacity: rules.capacity.clone(),
        load,
        eligible_pairs: graph.pair_count(),
        graph_pairs: graph.pair_count(),
        status: outcome.status,
        method: outcome.method,
        solver_detail: outcome.detail,
        timings: Timings {
            solve_seconds: seconds(solve_time),
        },
        continuity,
        findings: Vec::new(),
        certificate: None,
        scope_certificates: Vec::new(),
        rules_certificate: outcome.duals,
        scope_rules_certificates: Vec::new(),
    };
    roster.findings = diagnose::findings(cohort, &rules, &graph, &roster);
    Ok(roster)
}

fn seconds(d: Duration) -> f64 {
    d.as_secs_f64()
}
