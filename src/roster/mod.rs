//! Matching a cohort: each part of its [`Plan`] solved by its method, and the roster's
//! figures gathered.

pub mod diagnose;
mod methods;

use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::model::Cohort;
use crate::plan::{Method, Plan};
use crate::rules::Rules;
use crate::score::{PairScore, Scorer};
use crate::settings::{Settings, SolverChoice};
use crate::solve::Status;
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

    /// Sum of the matched pairs' scores, exact (rounded once), so that it does not depend
    /// on the order of the input rows ([`crate::model::exact_sum`]).
    pub fn total_score(&self) -> f64 {
        crate::model::exact_sum(self.pairs.iter().flatten().map(|p| p.score.score))
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

    /// Sum of the matched pairs' complementarity, exact as [`Roster::total_score`].
    pub fn complementarity_total(&self) -> f64 {
        crate::model::exact_sum(self.pairs.iter().flatten().map(|p| p.score.complementarity))
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
        .map(|m| m.capacity.unwrap_or(settings.rules.capacity))
        .collect()
}

pub use crate::plan::has_rules;

/// Scores, builds the graph and solves: the whole match of a cohort, part by part as its
/// [`Plan`] says, each part with its method.
///
/// With `same_scope_only`, no pair crosses a scope, so the cohort splits into independent
/// parts (one per scope), solved in parallel; the union of optimal rosters of the parts is
/// an optimal roster of the whole.
pub fn match_cohort(cohort: &Cohort, settings: &Settings) -> Result<Roster> {
    let plan = Plan::new(cohort, settings);
    match_plan(cohort, settings, &plan)
}

/// [`match_cohort`] on a plan made for this cohort and these settings.
///
/// The unit names the rules mention are the caller's to check against the cohort
/// ([`Settings::check_units`], as `match` and `compare` do): a part of one scope, solved
/// again on its own, rightly meets rules that name the units of other scopes.
pub fn match_plan(cohort: &Cohort, settings: &Settings, plan: &Plan) -> Result<Roster> {
    crate::resources::guard(plan, settings)?;
    if plan.by_scope && settings.rules.pairs.is_some() {
        // Check every row of the pairs file against the whole cohort once; each part
        // then takes the rows of its own people.
        Rules::new(cohort, settings, &Scorer::new(cohort, settings), true)?;
    }
    solve_plan(cohort, settings, plan, None, true)
}

/// The match of a part of a larger cohort on its own (one scope's people, say, changed by
/// the advice): as [`match_cohort`], but the rows of the pairs file that name people
/// outside it are left out rather than refused (the whole cohort's match checked every
/// row), and no memory guard runs (the part is smaller than the match that passed it).
pub fn match_part(cohort: &Cohort, settings: &Settings) -> Result<Roster> {
    let plan = Plan::new(cohort, settings);
    solve_plan(cohort, settings, &plan, None, false)
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
    let plan = Plan::new(cohort, settings);
    crate::resources::guard(&plan, settings)?;
    solve_plan(cohort, settings, &plan, Some((mentee, mentor)), true)
}

/// Solves every part of the plan with its method; `force`, a pair (file indices) locked on
/// top of the rules in its part, whose method becomes the rules' one.
fn solve_plan(
    cohort: &Cohort,
    settings: &Settings,
    plan: &Plan,
    force: Option<(usize, usize)>,
    strict: bool,
) -> Result<Roster> {
    if !plan.by_scope {
        let method = match force {
            Some(_) => Method::ruled(cohort, settings),
            None => plan.parts[0].method,
        };
        return methods::solve_part(cohort, settings, method, strict, force);
    }
    let started = Instant::now();
    let parts = &plan.parts;
    let rosters: Vec<Result<Roster>> = parts
        .par_iter()
        .map(|part| {
            let sub = part.cohort(cohort);
            let local = force.and_then(|(i, j)| {
                let k = part.mentees.iter().position(|&x| x == i)?;
                let c = part.mentors.iter().position(|&x| x == j)?;
                Some((k, c))
            });
            let method = match local {
                Some(_) => Method::ruled(&sub, settings),
                None => part.method,
            };
            methods::solve_part(&sub, settings, method, false, local)
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
        method: settings.solver.method,
        solver_detail: String::new(),
        timings: Timings::default(),
        continuity: settings
            .rules
            .previous
            .as_ref()
            .map(|_| Continuity::default()),
        findings: Vec::new(),
        certificate: None,
        scope_certificates: Vec::new(),
        rules_certificate: None,
        scope_rules_certificates: Vec::new(),
    };
    for (part, sub) in parts.iter().zip(rosters) {
        let key = &part.scope;
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

pub(crate) fn seconds(d: Duration) -> f64 {
    d.as_secs_f64()
}
