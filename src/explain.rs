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
//! The explanation is a report for the planner: it names the ids of the people concerned.
//! Nothing of it goes to logs.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::eligibility::{ineligible_rules, Ineligible};
use crate::error::{Error, Result};
use crate::model::Cohort;
use crate::roster::{match_cohort, Roster, Unmatched};
use crate::score::{CompetencyCover, PairScore, Scorer};
use crate::settings::{Settings, Weights};

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
    let w = &scorer.settings().weights;
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
        weights: settings.weights,
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

/// Two roster totals closer than this are equal (the solver works on scores rounded to
/// 1e-9, so totals may differ by that much per pair).
pub fn total_tolerance(cohort: &Cohort) -> f64 {
    1e-9 * (1.0 + cohort.mentees.len() as f64)
}

/// The best roster that pairs mentee `mentee` with mentor `mentor` (file indices), compared
/// with `roster`; `None` when no roster holding the pair keeps every rule.
///
/// Without the planner's rules the mentee leaves the cohort, the mentor loses one slot, the
/// rest is solved again exactly, and the pair's score is added back. Under the rules the
/// pair is locked on top of them and the whole cohort is solved again
/// ([`crate::roster::match_cohort_forcing`]), so that every rule applies to the same people
/// as in `roster`.
///
/// The mentor must have a slot (capacity 1 or more); eligibility is not checked.
pub fn forced_pair(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
    mentee: usize,
    mentor: usize,
) -> Result<Option<Forced>> {
    let (i, j) = (mentee, mentor);
    assert!(roster.capacity[j] > 0, "the forced mentor has a slot");
    let (objective, forced_pairs) = if crate::roster::has_rules(cohort, settings) {
        let forced = crate::roster::match_cohort_forcing(cohort, settings, i, j)?;
        if forced.status == crate::solve::Status::Infeasible {
            return Ok(None);
        }
        let objective = Objective {
            matched: forced.matched(),
            total_score: forced.total_score(),
        };
        (objective, forced.pairs)
    } else {
        let mut sub = cohort.clone();
        sub.mentees.remove(i);
        sub.mentors[j].capacity = Some(roster.capacity[j] - 1);
        let rest = match_cohort(&sub, settings)?;
        let scorer = Scorer::new(cohort, settings);
        let pair_score = scorer.score(i, j);
        let objective = Objective {
            matched: rest.matched() + 1,
            total_score: rest.total_score() + pair_score.score,
        };
        let mut pairs = closest_rearrangement(&sub, settings, roster, i, &rest)?;
        pairs.insert(
            i,
            Some(crate::roster::Pair {
                mentor: j,
                score: pair_score,
            }),
        );
        (objective, pairs)
    };

    let place = |p: Option<crate::roster::Pair>| {
        p.map(|p| Placement {
            mentor_id: cohort.mentors[p.mentor].id.clone(),
            score: p.score.score,
        })
    };
    // moves of the other mentees, in file order, with their mentors as file indices
    let mut moves: Vec<(Option<usize>, Option<usize>, Move)> = Vec::new();
    for (k, new) in forced_pairs.iter().enumerate() {
        if k == i {
            continue;
        }
        let old = roster.pairs[k];
        if old.map(|p| p.mentor) != new.map(|p| p.mentor) {
            moves.push((
                old.map(|p| p.mentor),
                new.map(|p| p.mentor),
                Move {
                    mentee_id: cohort.mentees[k].id.clone(),
                    from: place(old),
                    to: place(*new),
                },
            ));
        }
    }
    let mut used = vec![false; moves.len()];
    let mut chain = Vec::new();
    let mut at = Some(j);
    while let Some(mentor) = at {
        let Some(m) = (0..moves.len()).find(|&m| !used[m] && moves[m].0 == Some(mentor)) else {
            break;
        };
        used[m] = true;
        chain.push(moves[m].2.clone());
        at = moves[m].1;
    }
    let mut backfill = Vec::new();
    let mut at = roster.pairs[i].map(|p| p.mentor);
    while let Some(mentor) = at {
        let Some(m) = (0..moves.len()).find(|&m| !used[m] && moves[m].1 == Some(mentor)) else {
            break;
        };
        used[m] = true;
        backfill.push(moves[m].2.clone());
        at = moves[m].0;
    }
    let other_changes = moves
        .into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(m, _)| m.2)
        .collect();
    Ok(Some(Forced {
        objective,
        matched_drop: roster.matched() as i64 - objective.matched as i64,
        score_drop: roster.total_score() - objective.total_score,
        chain,
        backfill,
        other_changes,
    }))
}

/// Bonus per pair of the roster when looking for the forced roster closest to it.
const KEEP_BONUS: f64 = 1e-7;

/// Among the optimal rosters of `sub` (the cohort without mentee `removed`), one that keeps
/// as many pairs of `roster` as it can, so that the chain shows the changes the forced pair
/// needs and not a rearrangement between equally good choices. Every pair of `roster` gets a
/// tiny bonus and the problem is solved again; the answer is kept only when its true
/// objective equals the exact optimum `rest`, else `rest` is used. Skipped (using `rest`)
/// above `price_above`, where the full list of pairs would be too large to hold.
fn closest_rearrangement(
    sub: &Cohort,
    settings: &Settings,
    roster: &Roster,
    removed: usize,
    rest: &Roster,
) -> Result<Vec<Option<crate::roster::Pair>>> {
    let size = sub.mentees.len() as u64 * sub.mentors.len() as u64;
    if settings.same_scope_only || size > settings.price_above {
        return Ok(rest.pairs.clone());
    }
    let scorer = Scorer::new(sub, settings);
    let lists: Vec<Vec<(u32, f64)>> = (0..sub.mentees.len())
        .into_par_iter()
        .map(|k| {
            let original = if k < removed { k } else { k + 1 };
            let kept = roster.pairs[original].map(|p| p.mentor);
            (0..sub.mentors.len())
                .filter(|&j| scorer.eligible(k, j))
                .map(|j| {
                    let bonus = if kept == Some(j) { KEEP_BONUS } else { 0.0 };
                    (j as u32, scorer.score(k, j).score + bonus)
                })
                .collect()
        })
        .collect();
    let capacity = crate::roster::capacities(sub, settings);
    let problem = crate::solve::Problem::from_lists(capacity, &lists);
    let solution = crate::solve::solve(&problem, crate::settings::SolverChoice::Network)?;
    let pairs: Vec<Option<crate::roster::Pair>> = solution
        .edge_of
        .iter()
        .enumerate()
        .map(|(k, e)| {
            e.map(|e| {
                let j = problem.mentor[e] as usize;
                crate::roster::Pair {
                    mentor: j,
                    score: scorer.score(k, j),
                }
            })
        })
        .collect();
    let matched = pairs.iter().flatten().count();
    let total: f64 = pairs.iter().flatten().map(|p| p.score.score).sum();
    if matched == rest.matched() && (total - rest.total_score()).abs() <= total_tolerance(sub) {
        Ok(pairs)
    } else {
        Ok(rest.pairs.clone())
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn mentor_line(m: &MentorInfo) -> String {
    format!(
        "{} (unit {}, grade {}; {}/{} mentees)",
        m.id, m.unit, m.grade, m.load, m.capacity
    )
}

fn opt_score(p: &Option<Placement>) -> String {
    p.as_ref()
        .map_or("unmatched".to_string(), |p| format!("{:.6}", p.score))
}

impl Forced {
    /// The chain in words, one step a line: "X would take Y's place at M", "Y would move to
    /// N (0.700000 -> 0.600000)", ..., and last the cost ("total score 0.120000 lower,
    /// matched unchanged").
    pub fn describe_lines(&self, mentee_id: &str, mentor_id: &str) -> Vec<String> {
        let mut lines = Vec::new();
        let mut taker = mentee_id.to_string();
        let mut at = mentor_id.to_string();
        for m in &self.chain {
            lines.push(format!(
                "{taker} would take {}'s place at {at}",
                m.mentee_id
            ));
            match &m.to {
                Some(to) => {
                    lines.push(format!(
                        "{} would move to {} ({} -> {:.6})",
                        m.mentee_id,
                        to.mentor_id,
                        opt_score(&m.from),
                        to.score
                    ));
                    at = to.mentor_id.clone();
                }
                None => lines.push(format!("{} would be left without a mentor", m.mentee_id)),
            }
            taker = m.mentee_id.clone();
        }
        if self.chain.is_empty() {
            lines.push(format!("{mentee_id} would take a free slot at {mentor_id}"));
        }
        for m in &self.backfill {
            lines.push(format!(
                "{} would move {}to {}, into a freed slot ({} -> {})",
                m.mentee_id,
                m.from
                    .as_ref()
                    .map_or(String::new(), |f| format!("from {} ", f.mentor_id)),
                m.to.as_ref().map_or("-", |t| t.mentor_id.as_str()),
                opt_score(&m.from),
                opt_score(&m.to)
            ));
        }
        if !self.other_changes.is_empty() {
            lines.push(format!(
                "{} other mentee{} would change mentor (equally good rearrangements)",
                self.other_changes.len(),
                if self.other_changes.len() == 1 {
                    ""
                } else {
                    "s"
                }
            ));
        }
        let matched = match self.matched_drop {
            0 => "matched unchanged".to_string(),
            d if d > 0 => format!("{d} fewer matched"),
            d => format!("{} more matched", -d),
        };
        lines.push(format!(
            "total score {:.6} lower, {matched}",
            self.score_drop.max(0.0)
        ));
        lines
    }

    /// [`Forced::describe_lines`] as one sentence, steps separated by `; `.
    pub fn describe(&self, mentee_id: &str, mentor_id: &str) -> String {
        format!("{}.", self.describe_lines(mentee_id, mentor_id).join("; "))
    }
}

impl Explanation {
    /// The explanation as text for the terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let e = &self.mentee;
        let _ = writeln!(
            out,
            "mentee      {} (unit {}, grade {}): total gap {:.2}",
            e.id, e.unit, e.grade, e.gap_total
        );
        let _ = writeln!(
            out,
            "roster      {} matched, total score {:.6}",
            self.roster.matched, self.roster.total_score
        );
        let w = &self.weights;
        match &self.assigned {
            Some(c) => {
                let b = &c.breakdown;
                let _ = writeln!(out, "mentor      {}", mentor_line(&c.mentor));
                let _ = writeln!(
                    out,
                    "score       {:.6} = {} x complementarity {:.3} ({:.6}) + {} x same unit {} ({:.6}) + {} x workload term {:.3} ({:.6})",
                    b.score.score,
                    w.complementarity,
                    b.score.complementarity,
                    b.weighted.complementarity,
                    w.unit,
                    yes_no(b.score.same_unit),
                    b.weighted.unit,
                    w.workload,
                    b.score.workload_term,
                    b.weighted.workload
                );
                let gaps: Vec<&CompetencyCover> =
                    b.competencies.iter().filter(|c| c.gap > 0.0).collect();
                if gaps.is_empty() {
                    let _ = writeln!(out, "gaps        none: complementarity is 0");
                } else {
                    let width = gaps.iter().map(|c| c.competency.len()).max().unwrap_or(0);
                    let _ = writeln!(out, "gaps        competency by competency (level steps):");
                    for c in gaps {
                        let open = c.gap - c.cover;
                        let status = if open <= SCORE_EPSILON {
                            "closed".to_string()
                        } else {
                            format!("{open:.2} stays open")
                        };
                        let _ = writeln!(
                            out,
                            "  {:<width$}  gap {:.2}, covered {:.2}: {status}",
                            c.competency, c.gap, c.cover
                        );
                    }
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "mentor      none: {}",
                    self.unmatched.map_or("unmatched", |u| u.as_str())
                );
            }
        }
        if self.alternatives.is_empty() {
            let _ = writeln!(out, "alternatives none: no other mentor");
            return out;
        }
        let _ = writeln!(
            out,
            "alternatives ({} best other mentors by score, eligible or not):",
            self.alternatives.len()
        );
        for (rank, a) in self.alternatives.iter().enumerate() {
            let b = &a.breakdown;
            let covered: f64 = b.competencies.iter().map(|c| c.cover).sum();
            let _ = writeln!(
                out,
                "  {}. {}  score {:.6} (complementarity {:.3}: covers {:.2} of {:.2}, same unit {}, workload term {:.3})",
                rank + 1,
                mentor_line(&a.mentor),
                b.score.score,
                b.score.complementarity,
                covered,
                e.gap_total,
                yes_no(b.score.same_unit),
                b.score.workload_term
            );
            let _ = writeln!(out, "     {}", a.why_not.describe());
            if let Some(f) = &a.forced {
                let _ = writeln!(out, "     if forced:");
                for line in f.describe_lines(&e.id, &a.mentor.id) {
                    let _ = writeln!(out, "       {line}");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::{cohort, A, B, C};

    fn solved() -> (Cohort, Settings, Roster) {
        let cohort = cohort();
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        (cohort, settings, roster)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn fixture_optimum_is_the_hand_computed_one() {
        let (_, _, roster) = solved();
        let mentors: Vec<Option<usize>> =
            roster.pairs.iter().map(|p| p.map(|p| p.mentor)).collect();
        assert_eq!(mentors, [Some(B), None, Some(C), Some(A), Some(B), None]);
        assert!(close(roster.total_score(), 2.42));
        assert_eq!(roster.unmatched[1], Some(Unmatched::EligibleMentorsFull));
        assert_eq!(roster.unmatched[5], Some(Unmatched::NoEligibleMentor));
    }

    #[test]
    fn matched_mentee_with_a_full_better_mentor() {
        // E4 has A (0.50). B scores 0.56 for E4 but is full with E1 (0.76) and E5 (0.66).
        // Forcing E4-B: without E4 and with one slot each at A, B, C, the best rest is
        // E1-A 0.30 + E5-B 0.66 + E3-C 0.50 = 1.46 (E1-B 0.76 + E5-A 0.10 + E3-C 0.50 is
        // 1.36); total 1.46 + 0.56 = 2.02, a drop of 0.40 with 4 matched: E1 moves to A.
        // C is not eligible for E4 (III/a is 2 steps below III/c): score 0.20.
        let (cohort, settings, roster) = solved();
        let x = explain(&cohort, &settings, &roster, 3, 5).unwrap();
        let chosen = x.assigned.as_ref().unwrap();
        assert_eq!(chosen.mentor.id, "A");
        assert!(close(chosen.breakdown.score.score, 0.5));
        assert!(close(chosen.breakdown.weighted.complementarity, 0.2));
        assert!(close(chosen.breakdown.weighted.unit, 0.2));
        assert!(close(chosen.breakdown.weighted.workload, 0.1));
        assert!(close(chosen.breakdown.competencies[0].gap, 3.0));
        assert!(close(chosen.breakdown.competencies[0].cover, 1.0));
        assert!(close(x.mentee.gap_total, 3.0));

        assert_eq!(x.alternatives.len(), 2);
        let b = &x.alternatives[0];
        assert_eq!(b.mentor.id, "B");
        assert!(close(b.breakdown.score.score, 0.56));
        assert_eq!(b.why_not, WhyNot::FullWithOthers);
        let f = b.forced.as_ref().unwrap();
        assert_eq!(f.matched_drop, 0);
        assert!(close(f.score_drop, 0.40), "{f:?}");
        assert_eq!(f.chain.len(), 1);
        assert_eq!(f.chain[0].mentee_id, "E1");
        assert_eq!(f.chain[0].to.as_ref().unwrap().mentor_id, "A");
        assert!(f.backfill.is_empty() && f.other_changes.is_empty());
        let text = f.describe("E4", "B");
        assert!(
            text.starts_with(
                "E4 would take E1's place at B; E1 would move to A (0.760000 -> 0.300000)"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("; total score 0.400000 lower, matched unchanged."),
            "{text}"
        );

        let c = &x.alternatives[1];
        assert_eq!(c.mentor.id, "C");
        assert!(close(c.breakdown.score.score, 0.2));
        let WhyNot::Ineligible { rules } = &c.why_not else {
            panic!("{c:?}")
        };
        assert!(matches!(
            rules[..],
            [Ineligible::GradeGap {
                steps_above: -2,
                ..
            }]
        ));
        assert!(c.forced.is_none());
    }

    #[test]
    fn matched_mentee_with_a_lower_alternative_and_a_chain_through_a_free_slot() {
        // E3 has C (0.50). B scores 0.76 but is full (E1 0.76, E5 0.66): forcing E3-B gives
        // E1-B 0.76, E2-C 0.20, E4-A 0.50 + 0.76 = 2.22 (drop 0.20): E5 loses their place
        // at B, and E2 takes the slot E3 leaves at C.
        // A scores 0.40 < 0.50: simply lower (forced: E3-A 0.40, E1-B, E5-B, E2-C = 2.02).
        let (cohort, settings, roster) = solved();
        let x = explain(&cohort, &settings, &roster, 2, 5).unwrap();
        let ids: Vec<&str> = x
            .alternatives
            .iter()
            .map(|a| a.mentor.id.as_str())
            .collect();
        assert_eq!(ids, ["B", "A"]);
        assert_eq!(x.alternatives[0].why_not, WhyNot::FullWithOthers);
        let f = x.alternatives[0].forced.as_ref().unwrap();
        assert!(close(f.score_drop, 0.20));
        assert_eq!(f.chain[0].mentee_id, "E5");
        assert!(f.chain[0].to.is_none());
        assert_eq!(f.backfill.len(), 1);
        assert_eq!(f.backfill[0].mentee_id, "E2");
        assert!(f.backfill[0].from.is_none());
        let text = f.describe("E3", "B");
        assert!(
            text.contains("E3 would take E5's place at B; E5 would be left without a mentor; E2 would move to C, into a freed slot (unmatched -> 0.200000)"),
            "{text}"
        );
        let WhyNot::LowerScore { below_by } = x.alternatives[1].why_not else {
            panic!("{:?}", x.alternatives[1])
        };
        assert!(close(below_by, 0.10));
        assert!(close(
            x.alternatives[1].forced.as_ref().unwrap().score_drop,
            0.40
        ));
    }

    #[test]
    fn unmatched_mentee_with_every_eligible_mentor_full() {
        // E2: B 0.46, C 0.20, A 0.10, all full.
        // Forcing E2-B: E5 loses B; E1-B, E3-C, E4-A + 0.46 = 2.22, drop 0.20.
        // Forcing E2-C: E3 moves from C to B and E5 loses B: E1-B .76 + E3-B .76 +
        //   E4-A .50 + .20 = 2.22, drop 0.20 (a chain of two).
        // Forcing E2-A: E4 loses A: .76 + .66 + .50 + .10 = 2.02, drop 0.40.
        let (cohort, settings, roster) = solved();
        let x = explain(&cohort, &settings, &roster, 1, 5).unwrap();
        assert!(x.assigned.is_none());
        assert_eq!(x.unmatched, Some(Unmatched::EligibleMentorsFull));
        let ids: Vec<&str> = x
            .alternatives
            .iter()
            .map(|a| a.mentor.id.as_str())
            .collect();
        assert_eq!(ids, ["B", "C", "A"]);
        assert!(x
            .alternatives
            .iter()
            .all(|a| a.why_not == WhyNot::FullWithOthers));
        let drops: Vec<f64> = x
            .alternatives
            .iter()
            .map(|a| a.forced.as_ref().unwrap().score_drop)
            .collect();
        assert!(close(drops[0], 0.2) && close(drops[1], 0.2) && close(drops[2], 0.4));
        let via_c = x.alternatives[1].forced.as_ref().unwrap();
        let chain: Vec<(&str, Option<&str>)> = via_c
            .chain
            .iter()
            .map(|m| {
                (
                    m.mentee_id.as_str(),
                    m.to.as_ref().map(|t| t.mentor_id.as_str()),
                )
            })
            .collect();
        assert_eq!(chain, [("E3", Some("B")), ("E5", None)]);
        let text = x.to_text();
        assert!(
            text.contains("mentor      none: every eligible mentor full"),
            "{text}"
        );
        assert!(
            text.contains(
                "       E2 would take E3's place at C\n       E3 would move to B (0.500000 -> 0.760000)\n       E3 would take E5's place at B\n       E5 would be left without a mentor\n       total score 0.200000 lower, matched unchanged\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn no_eligible_mentor_lists_the_rules() {
        let (cohort, settings, roster) = solved();
        let x = explain(&cohort, &settings, &roster, 5, 2).unwrap();
        assert_eq!(x.unmatched, Some(Unmatched::NoEligibleMentor));
        assert_eq!(x.alternatives.len(), 2, "limited to the number asked");
        assert!(x
            .alternatives
            .iter()
            .all(|a| matches!(a.why_not, WhyNot::Ineligible { .. })));
        let text = x.to_text();
        assert!(
            text.contains(
                "not eligible: grade gap: the mentor (IV/a) is 1 step below the mentee (IV/b)"
            ),
            "{text}"
        );
    }

    #[test]
    fn lower_score_and_unknown_id() {
        // E1 has B (0.76); A scores 0.30 (C is not eligible).
        let (cohort, settings, roster) = solved();
        let x = explain(
            &cohort,
            &settings,
            &roster,
            mentee_index(&cohort, " E1 ").unwrap(),
            5,
        )
        .unwrap();
        let WhyNot::LowerScore { below_by } = x.alternatives[0].why_not else {
            panic!()
        };
        assert!(close(below_by, 0.46));
        assert!(mentee_index(&cohort, "E9").is_err());
    }
}
