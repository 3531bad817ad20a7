//! Why a mentee got the mentor they got: the score term by term and competency by
//! competency, and the best other mentors with the reason each was not chosen.
//!
//! The reasons are exact. An alternative mentor is either not eligible (by the rules of
//! [`crate::eligibility`]), or takes no mentees at all, or scores lower than the chosen one,
//! or is full with mentees for whom it matters more. For every eligible alternative the
//! roster is solved again with the pair forced (the mentee leaves the cohort, the mentor
//! loses one slot, and the pair's score is added back), and the result is compared with the
//! optimum: how much total score (and how many matched mentees) forcing the pair costs, and
//! which mentees would change mentor, as a chain ("E3 would take E5's place at B; E5 would be
//! left without a mentor").
//!
//! The explanation is a report for the planner: it names the ids of the people concerned
//! (and, in words, their names beside them: [`Names`]), in English or in Bahasa Indonesia
//! ([`Explanation::to_text_in`]). Nothing of it goes to logs.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::eligibility::{ineligible_rules, Ineligible};
use crate::error::{Error, Result};
use crate::model::Cohort;
use crate::roster::{match_cohort, Roster, Unmatched};
use crate::score::{CompetencyCover, PairScore, Scorer};
use crate::settings::{Settings, Weights};

mod forced;
#[cfg(test)]
mod tests;
mod text;

pub use forced::*;
pub use text::Names;

/// How many other mentors an explanation lists by default.
pub const DEFAULT_ALTERNATIVES: usize = 5;

/// Two pair scores closer than this are equal.
pub const SCORE_EPSILON: f64 = 1e-9;

/// The explanation of one mentee's place in a roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The mentee.
    pub mentee: MenteeInfo,
    /// The weights of the score.
    pub weights: Weights,
    /// The roster's objective: matched mentees, then total score.
    pub roster: Objective,
    /// The chosen mentor, when the mentee has one.
    pub assigned: Option<Choice>,
    /// Why the mentee has no mentor, when they have none.
    pub unmatched: Option<Unmatched>,
    /// The best other mentors by score (eligible or not), best first, each with why it was
    /// not chosen.
    pub alternatives: Vec<Alternative>,
}

/// The mentee explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MenteeInfo {
    /// Id (NIP).
    pub id: String,
    /// Unit.
    pub unit: String,
    /// Grade.
    pub grade: String,
    /// Total gap Σg over all competencies.
    pub gap_total: f64,
}

/// A mentor, as shown in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentorInfo {
    /// Id (NIP).
    pub id: String,
    /// Unit.
    pub unit: String,
    /// Grade.
    pub grade: String,
    /// Mentees the mentor takes.
    pub capacity: u32,
    /// Mentees the mentor has in the roster.
    pub load: u32,
}

/// Matched mentees and total score of a roster.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Objective {
    /// Matched mentees.
    pub matched: usize,
    /// Sum of the matched pairs' scores.
    pub total_score: f64,
}

/// A pair's score term by term and competency by competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The score and its three terms, unweighted.
    pub score: PairScore,
    /// Each term times its weight; they add up to the score.
    pub weighted: WeightedTerms,
    /// Gap and cover per competency (every competency of the cohort, in order).
    pub competencies: Vec<CompetencyCover>,
}

/// The three terms of a score, each times its weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeightedTerms {
    /// w_C · C.
    pub complementarity: f64,
    /// w_U · U.
    pub unit: f64,
    /// w_W · W.
    pub workload: f64,
}

/// The chosen mentor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// The mentor.
    pub mentor: MentorInfo,
    /// The pair's score in detail.
    pub breakdown: Breakdown,
}

/// Another mentor and why the mentee did not get them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// The mentor.
    pub mentor: MentorInfo,
    /// The pair's score in detail (computed even when the pair is not eligible).
    pub breakdown: Breakdown,
    /// Why the mentee did not get this mentor.
    pub why_not: WhyNot,
    /// The roster with this pair forced, compared with the optimum (eligible mentors with
    /// a slot only).
    pub forced: Option<Forced>,
}

/// Why a mentee did not get a mentor.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum WhyNot {
    /// The pair breaks eligibility rules.
    Ineligible {
        /// The rules broken.
        rules: Vec<Ineligible>,
    },
    /// The mentor takes no mentees (capacity 0).
    NoCapacity,
    /// Every slot of the mentor is taken by a pair the pairs file locks.
    FullWithLocked,
    /// No roster that holds the pair keeps every rule of the whole roster (a unit share
    /// that the locked pairs with this one break).
    RulesCannotHold,
    /// The pair scores lower than the chosen one.
    LowerScore {
        /// By how much.
        below_by: f64,
    },
    /// The mentor is full with mentees for whom it matters more: forcing the pair lowers
    /// the roster's objective (see [`Alternative::forced`] for the chain).
    FullWithOthers,
    /// Forcing the pair gives an equally good roster: another optimum, the tie broken by id
    /// order.
    EquallyGood,
    /// Forcing the pair lowers the objective, though the mentor has a free slot and the
    /// pair scores at least as high (cannot happen in an optimal roster; kept for safety).
    WorseOverall,
}

impl WhyNot {
    /// The reason in words (without the chain).
    pub fn describe(&self) -> String {
        match self {
            WhyNot::Ineligible { rules } => format!(
                "not eligible: {}",
                rules
                    .iter()
                    .map(Ineligible::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            WhyNot::NoCapacity => "takes no mentees (capacity 0)".into(),
            WhyNot::FullWithLocked => "every slot is taken by a pair the pairs file locks".into(),
            WhyNot::RulesCannotHold => {
                "no roster with this pair keeps every rule (a unit share)".into()
            }
            WhyNot::LowerScore { below_by } => {
                format!("lower score ({below_by:.6} below the chosen mentor)")
            }
            WhyNot::FullWithOthers => "full with mentees for whom it matters more".into(),
            WhyNot::EquallyGood => {
                "equally good: another optimal roster has this pair (a tie, broken by id order)"
                    .into()
            }
            WhyNot::WorseOverall => "the roster would be worse overall".into(),
        }
    }
}

/// A mentee's place in a roster: a mentor and the pair's score, or none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    /// The mentor's id.
    pub mentor_id: String,
    /// The pair's score.
    pub score: f64,
}

/// A mentee whose mentor would change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// The mentee's id.
    pub mentee_id: String,
    /// Mentor in the roster (none: unmatched).
    pub from: Option<Placement>,
    /// Mentor with the pair forced (none: left without a mentor).
    pub to: Option<Placement>,
}

/// The roster with one pair forced, compared with the optimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forced {
    /// Objective of the best roster that contains the pair.
    pub objective: Objective,
    /// Matched mentees lost against the roster (0 or more).
    pub matched_drop: i64,
    /// Total score lost against the roster (0 or more, up to rounding).
    pub score_drop: f64,
    /// The displacement chain: the mentee who would lose their place at the forced mentor,
    /// where they would go, whom they would displace there, and so on.
    pub chain: Vec<Move>,
    /// Who would take the slot the explained mentee leaves, and so on.
    pub backfill: Vec<Move>,
    /// Other changes (rearrangements between equally good choices).
    pub other_changes: Vec<Move>,
}

/// The breakdown of a pair's score (file indices).
pub fn breakdown(scorer: &Scorer, mentee: usize, mentor: usize) -> Breakdown {
    let score = scorer.score(mentee, mentor);
    let w = &scorer.settings().scoring.weights;
    Breakdown {
        score,
        weighted: WeightedTerms {
            complementarity: w.complementarity * score.complementarity,
            unit: w.unit * if score.same_unit { 1.0 } else { 0.0 },
            workload: w.workload * score.workload_term,
        },
        competencies: scorer.covers(mentee, mentor),
    }
}

fn mentor_info(cohort: &Cohort, roster: &Roster, j: usize) -> MentorInfo {
    let m = &cohort.mentors[j];
    MentorInfo {
        id: m.id.clone(),
        unit: m.unit.clone(),
        grade: m.grade.to_string(),
        capacity: roster.capacity[j],
        load: roster.load[j],
    }
}

/// The index of the mentee with this id.
pub fn mentee_index(cohort: &Cohort, id: &str) -> Result<usize> {
    let id = id.trim();
    cohort
        .mentees
        .iter()
        .position(|m| m.id == id)
        .ok_or_else(|| {
            Error::Settings("--mentee: no mentee with this id in the mentees file".into())
        })
}

/// Explains mentee `mentee` (file index) of an optimal `roster` of `cohort` under
/// `settings`, listing the `alternatives` best other mentors.
///
/// Solves the roster again once per eligible alternative with a slot (in parallel).
pub fn explain(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
    mentee: usize,
    alternatives: usize,
) -> Result<Explanation> {
    let scorer = Scorer::new(cohort, settings);
    let i = mentee;
    let assigned = roster.pairs[i];
    let mut others: Vec<(usize, f64)> = (0..cohort.mentors.len())
        .filter(|&j| assigned.map_or(true, |p| p.mentor != j))
        .map(|j| (j, scorer.score(i, j).score))
        .collect();
    others.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| cohort.mentors[a.0].id.cmp(&cohort.mentors[b.0].id))
    });
    others.truncate(alternatives);

    // The planner's pair rules (pairs file, unit-only rules) make eligible pairs ineligible.
    let rules = if crate::roster::has_rules(cohort, settings) {
        Some(crate::rules::Rules::new(cohort, settings, &scorer, false)?)
    } else {
        None
    };
    let listed: Vec<Result<Alternative>> = others
        .par_iter()
        .map(|&(j, _)| alternative(cohort, settings, &scorer, rules.as_ref(), roster, i, j))
        .collect();
    let e = &cohort.mentees[i];
    Ok(Explanation {
        mentee: MenteeInfo {
            id: e.id.clone(),
            unit: e.unit.clone(),
            grade: e.grade.to_string(),
            gap_total: scorer.gap_total(i),
        },
        weights: settings.scoring.weights,
        roster: Objective {
            matched: roster.matched(),
            total_score: roster.total_score(),
        },
        assigned: assigned.map(|p| Choice {
            mentor: mentor_info(cohort, roster, p.mentor),
            breakdown: breakdown(&scorer, i, p.mentor),
        }),
        unmatched: if assigned.is_none() {
            roster.unmatched[i]
        } else {
            None
        },
        alternatives: listed.into_iter().collect::<Result<_>>()?,
    })
}

fn alternative(
    cohort: &Cohort,
    settings: &Settings,
    scorer: &Scorer,
    planners: Option<&crate::rules::Rules>,
    roster: &Roster,
    i: usize,
    j: usize,
) -> Result<Alternative> {
    let info = mentor_info(cohort, roster, j);
    let detail = breakdown(scorer, i, j);
    let mut rules = ineligible_rules(cohort, settings, i, j);
    if let Some(which) = planners.and_then(|r| r.blocked(i, j)) {
        rules.push(Ineligible::PlannersRule { which });
    }
    let (why_not, forced) = if !rules.is_empty() {
        (WhyNot::Ineligible { rules }, None)
    } else if roster.capacity[j] == 0 {
        (WhyNot::NoCapacity, None)
    } else if planners.is_some_and(|r| r.locks_of(j) >= roster.capacity[j]) {
        (WhyNot::FullWithLocked, None)
    } else if let Some(forced) = forced_pair(cohort, settings, roster, i, j)? {
        let tolerance = total_tolerance(cohort);
        let current = roster.pairs[i].map(|p| p.score.score);
        let s = detail.score.score;
        let why = if forced.matched_drop == 0 && forced.score_drop.abs() <= tolerance {
            WhyNot::EquallyGood
        } else if let Some(c) = current.filter(|&c| s < c - SCORE_EPSILON) {
            WhyNot::LowerScore { below_by: c - s }
        } else if roster.load[j] >= roster.capacity[j] {
            WhyNot::FullWithOthers
        } else {
            WhyNot::WorseOverall
        };
        (why, Some(forced))
    } else {
        (WhyNot::RulesCannotHold, None)
    };
    Ok(Alternative {
        mentor: info,
        breakdown: detail,
        why_not,
        forced,
    })
}
