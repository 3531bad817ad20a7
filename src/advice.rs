//! What one more slot is worth: for each mentor, how much the optimum would rise with one
//! more slot; for each unit, how much one more mentor with the unit's typical profile would
//! add.
//!
//! The values are exact changes of the optimum (matched count, then total score), computed
//! from the residual graph of the optimal roster, as [`crate::solve::slots`] explains; they
//! are not estimates.
//!
//! # The typical mentor of a unit
//!
//! Over the unit's mentors: per competency the median of the assessed levels (not assessed
//! when none is), the lower median grade, the median workload (an empty cell counting as 0,
//! as in the scoring), the lower median capacity (defaults applied), the most common scope.
//! A unit without mentors gets the cohort's median mentor (the same medians over all
//! mentors) placed in the unit, in the most common scope of its mentees. A cohort without
//! mentors has no typical mentor, and no unit advice.
//!
//! Units are told apart as in the scoring (trimmed, case-folded); a unit is named as first
//! written in the mentors file, else in the mentees file.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::MatchGraph;
use crate::model::{unit_key, Cohort, Grade, Mentor};
use crate::roster::{Pair, Roster};
use crate::score::Scorer;
use crate::settings::Settings;
use crate::solve::slots::{covering, duals_cover, scores_within, AddedMentor, Gain, SlotValues};
use crate::solve::Problem;

/// What one more slot of a mentor is worth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentorAdvice {
    /// The mentor's index in the mentors file.
    pub mentor: usize,
    /// The mentor's capacity in the roster.
    pub capacity: u32,
    /// Mentees assigned to the mentor in the roster.
    pub assigned: u32,
    /// How many more mentees the optimum matches with one more slot (0 or 1).
    pub extra_matched: u32,
    /// The change of the optimum's total score with one more slot (may be negative when
    /// one more mentee is matched).
    pub extra_score: f64,
}

/// What one more mentor with a unit's typical profile is worth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitAdvice {
    /// The unit, as first written in the files.
    pub unit: String,
    /// Mentors of the unit.
    pub mentors: usize,
    /// Mentees of the unit.
    pub mentees: usize,
    /// Mentees of the unit left unmatched in the roster.
    pub unmatched: usize,
    /// The typical mentor added (see the module documentation).
    #[serde(skip)]
    pub typical: Mentor,
    /// Whether the profile is the cohort's median mentor (the unit has no mentor).
    pub cohort_profile: bool,
    /// The gain of each of the typical mentor's slots that adds something, in order (the
    /// slots after them add nothing).
    pub slots: Vec<Gain>,
    /// How many more mentees the optimum matches with the typical mentor added.
    pub extra_matched: u32,
    /// The change of the optimum's total score with the typical mentor added.
    pub extra_score: f64,
}

/// The advice on a roster: per mentor (file order) and per unit (ordered by unit key).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// One entry per mentor, in file order.
    pub mentors: Vec<MentorAdvice>,
    /// One entry per unit of the mentors or mentees, ordered by unit key.
    pub units: Vec<UnitAdvice>,
    /// Whether the roster itself was the base of the computation; when it is not optimal
    /// (say, an LP stopped by its time limit), an optimal roster of the same cohort is, and
    /// the gains are those of the optimum.
    pub from_roster: bool,
}

/// A unit with its typical mentor, before any gain is computed.
#[derive(Debug, Clone, PartialEq)]
pub struct TypicalMentor {
    /// The unit's key (trimmed, case-folded).
    pub key: String,
    /// The unit as first written.
    pub unit: String,
    /// Mentors of the unit (file indices).
    pub mentors: Vec<usize>,
    /// Mentees of the unit (file indices).
    pub mentees: Vec<usize>,
    /// The typical mentor; its capacity is always set.
    pub mentor: Mentor,
    /// Whether the profile is the cohort's median mentor (the unit has no mentor).
    pub cohort_profile: bool,
}

/// The typical mentor of every unit of the cohort, ordered by unit key; `capacity` is each
/// mentor's capacity (file order, defaults applied). Empty when the cohort has no mentor.
///
/// Complexity: `O(M·K log M)` for `M` mentors and `K` competencies, plus `O(N)`.
pub fn typical_mentors(cohort: &Cohort, capacity: &[u32]) -> Vec<TypicalMentor> {
    if cohort.mentors.is_empty() {
        return Vec::new();
    }
    let mut units: BTreeMap<String, TypicalMentor> = BTreeMap::new();
    let entry = |units: &mut BTreeMap<String, TypicalMentor>, unit: &str| {
        let key = unit_key(unit);
        units
            .entry(key.clone())
            .or_insert_with(|| TypicalMentor {
                key,
                unit: unit.trim().to_string(),
                mentors: Vec::new(),
                mentees: Vec::new(),
                mentor: cohort.mentors[0].clone(),
                cohort_profile: false,
            })
            .key
            .clone()
    };
    for (j, m) in cohort.mentors.iter().enumerate() {
        let key = entry(&mut units, &m.unit);
        units.get_mut(&key).expect("just added").mentors.push(j);
    }
    for (i, m) in cohort.mentees.iter().enumerate() {
        let key = entry(&mut units, &m.unit);
        units.get_mut(&key).expect("just added").mentees.push(i);
    }
    let all: Vec<usize> = (0..cohort.mentors.len()).collect();
    let mut taken: std::collections::HashSet<&str> =
        cohort.mentees.iter().map(|m| m.id.as_str()).collect();
    taken.extend(cohort.mentors.iter().map(|m| m.id.as_str()));
    let mut ids = Vec::new();
    for t in units.values() {
        let mut id = format!("typical:{}", t.key);
        while taken.contains(id.as_str()) || ids.contains(&id) {
            id.push('*');
        }
        ids.push(id);
    }
    units
        .into_values()
        .zip(ids)
        .map(|(mut t, id)| {
            t.cohort_profile = t.mentors.is_empty();
            let basis = if t.cohort_profile { &all } else { &t.mentors };
            let scopes: Vec<Option<&str>> = if t.cohort_profile {
                t.mentees
                    .iter()
                    .map(|&i| cohort.mentees[i].scope.as_deref())
                    .collect()
            } else {
                t.mentors
                    .iter()
                    .map(|&j| cohort.mentors[j].scope.as_deref())
                    .collect()
            };
            t.mentor = median_mentor(cohort, capacity, basis, &t.unit, most_common(&scopes), id);
            t
        })
        .collect()
}

/// The median mentor of some mentors (file indices, at least one), placed in `unit`.
fn median_mentor(
    cohort: &Cohort,
    capacity: &[u32],
    basis: &[usize],
    unit: &str,
    scope: Option<String>,
    id: String,
) -> Mentor {
    let k = cohort.competencies.len();
    let levels = (0..k)
        .map(|c| {
            let mut v: Vec<f64> = basis
                .iter()
                .filter_map(|&j| cohort.mentors[j].levels.get(c).copied().flatten())
                .collect();
            median(&mut v)
        })
        .collect();
    let mut steps: Vec<u8> = basis
        .iter()
        .map(|&j| cohort.mentors[j].grade.step())
        .collect();
    steps.sort_unstable();
    let grade = Grade::from_step(steps[(steps.len() - 1) / 2]).expect("a mentor's own step");
    let mut workloads: Vec<f64> = basis
        .iter()
        .map(|&j| cohort.mentors[j].workload.unwrap_or(0.0))
        .collect();
    let mut caps: Vec<u32> = basis.iter().map(|&j| capacity[j]).collect();
    caps.sort_unstable();
    Mentor {
        name: format!("typical mentor of {unit}"),
        id,
        unit: unit.to_string(),
        scope,
        grade,
        capacity: Some(caps[(caps.len() - 1) / 2]),
        workload: median(&mut workloads),
        // A recruit is promised no minimum: what it adds is what the roster gains.
        min_mentees: Some(0),
        hours_used: None,
        max_hours: None,
        levels,
        line: 0,
    }
}

/// The median (mean of the two middle values for an even count), `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// The most common value (by scope key; ties to the smallest key), as first written.
fn most_common(values: &[Option<&str>]) -> Option<String> {
    let mut count: BTreeMap<String, (usize, Option<&str>)> = BTreeMap::new();
    for v in values {
        let key = v.map(unit_key).unwrap_or_default();
        let e = count.entry(key).or_insert((0, *v));
        e.0 += 1;
    }
    let best = count.values().map(|(c, _)| *c).max()?;
    count
        .into_values()
        .find(|(c, _)| *c == best)
        .and_then(|(_, v)| v.map(str::to_string))
}

/// The gains of the problem-level computation: per mentor of the problem, and per added
/// mentor its slots that add something.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemAdvice {
    /// One more slot, per mentor of the problem.
    pub mentors: Vec<Gain>,
    /// Per added mentor, the gain of each slot that adds something.
    pub added: Vec<Vec<Gain>>,
    /// Whether the given assignment was the base (see [`SlotValues::from_given`]).
    pub from_given: bool,
}

/// The core, on any assignment problem: the gain of one more slot for every mentor of
/// `problem` given its optimal assignment `edge_of`, and of each mentor of `added` joining
/// alone. This is the one place the pairs, scores and capacities come from: a roster built
/// under other rules (locked or forbidden pairs, other capacities) gets its advice by
/// passing the problem it was solved on.
///
/// Complexity: one network solve for the duals, one Dijkstra search for all mentors, and
/// one search per useful slot of each added mentor (in parallel over the added mentors;
/// the result does not depend on the thread count).
pub fn advise_problem(
    problem: &Problem,
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
) -> Result<ProblemAdvice> {
    advise_problem_reporting(problem, edge_of, added, problem.score.clone())
}

/// [`advise_problem`] with the gains' scores summed from `report` (one per edge), for a
/// problem whose scores carry a bonus of the objective (see [`SlotValues::reporting`]).
pub fn advise_problem_reporting(
    problem: &Problem,
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
    report: Vec<f64>,
) -> Result<ProblemAdvice> {
    let values = SlotValues::reporting(problem, edge_of, covering(problem, added), report)?;
    let mentors = values.mentor_gains();
    let added = added.par_iter().map(|a| values.added_mentor(a)).collect();
    Ok(ProblemAdvice {
        mentors,
        added,
        from_given: values.from_given(),
    })
}

/// The advice on a roster of a cohort: per mentor and per unit.
///
/// The pairs and scores are those of [`MatchGraph::build`] under `settings` (with
/// `same_scope_only`, pairs across scopes are not eligible, as in the split solve), the
/// capacities those of the roster.
///
/// Complexity: building the graph and one network solve, then as [`advise_problem`] with
/// one typical mentor per unit.
pub fn advise(cohort: &Cohort, settings: &Settings, roster: &Roster) -> Result<Advice> {
    compute(cohort, settings, roster, true)
}

/// [`advise`] for a roster solved without the planner's rules; `None` when the settings hold
/// rules (locked or forbidden pairs, unit rules, minimums, hours, fairness, continuity), whose
/// problem is not the plain assignment these values are exact for. Above `price_above`
/// ([`too_large`]) the values come from the priced match's duals ([`advise_certified`]).
pub fn advise_plain(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    if crate::roster::has_rules(cohort, settings) {
        return Ok(None);
    }
    if too_large(cohort, settings) {
        return advise_certified(cohort, settings, roster);
    }
    advise(cohort, settings, roster).map(Some)
}

/// The advice on a roster under the settings, whatever they hold: [`advise_plain`] without
/// the planner's rules (above `price_above`, [`advise_certified`]), [`advise_ruled`] with
/// them, [`advise_shares`] under unit shares without mentor minimums (at any size),
/// and [`advise_resolving`] under the other rules whose problem is not a network. `None`
/// where none applies (see [`no_advice_reason`]).
pub fn advise_any(cohort: &Cohort, settings: &Settings, roster: &Roster) -> Result<Option<Advice>> {
    if shares_apply(cohort, settings) {
        // The match's own method, at any size: a search of the relaxation per change,
        // started where the match's ended. Where a changed optimum is left unproven, a
        // cohort within `price_above` and the re-solve budget is matched again per change
        // (each re-match may get the integer program on its own).
        let advice = advise_shares(cohort, settings, roster)?;
        if advice.is_some() || too_large(cohort, settings) {
            return Ok(advice);
        }
        return advise_resolving(cohort, settings, roster);
    }
    if too_large(cohort, settings) {
        if crate::roster::has_rules(cohort, settings) {
            // The match under the rules held every pair; with its duals the advice needs
            // no second solve of them (with `same_scope_only`, each scope's own). The fair
            // objective with minimums probes the pairs level by level as its match did.
            if roster.rules_certificate.is_some()
                || settings.same_scope_only
                || fair_with_minimums(cohort, settings)
            {
                advise_ruled(cohort, settings, roster)
            } else {
                Ok(None)
            }
        } else {
            advise_certified(cohort, settings, roster)
        }
    } else if crate::roster::has_rules(cohort, settings) {
        match advise_ruled(cohort, settings, roster)? {
            Some(advice) => Ok(Some(advice)),
            None => advise_resolving(cohort, settings, roster),
        }
    } else {
        // The match's duals, when it kept them, spare the network solve of [`advise`].
        if roster.certificate.is_some() || !roster.scope_certificates.is_empty() {
            if let Some(advice) = advise_certified(cohort, settings, roster)? {
                return Ok(Some(advice));
            }
        }
        advise(cohort, settings, roster).map(Some)
    }
}

/// Whether the settings ask for the fair objective with mentor minimums (the settings' own
/// or a mentor's).
fn fair_with_minimums(cohort: &Cohort, settings: &Settings) -> bool {
    settings.objective == crate::settings::Objective::Fair
        && (settings.min_mentees > 0
            || cohort
                .mentors
                .iter()
                .any(|m| m.min_mentees.unwrap_or(0) > 0))
}

/// Why [`advise_any`] gave no advice on this roster, in a planner's words.
pub fn no_advice_reason(cohort: &Cohort, settings: &Settings, roster: &Roster) -> String {
    if shares_apply(cohort, settings) {
        let work = share_work(cohort, settings, roster);
        return if roster.status != crate::solve::Status::Optimal {
            "under unit shares the advice starts from a roster proven optimal".into()
        } else if work > SEARCH_BUDGET_SHARES {
            format!(
                "under unit shares the advice searches the relaxation again for every mentor \
                 and unit slot, up to {:.0} million mentee x mentor pairs times searches; \
                 this cohort needs {:.1} million",
                SEARCH_BUDGET_SHARES as f64 / 1e6,
                work as f64 / 1e6
            )
        } else {
            "under unit shares the advice searches the relaxation again for every mentor and \
             unit slot, and it did not prove one of those optima (its bound stayed above \
             every roster found)"
                .into()
        };
    }
    if too_large(cohort, settings) {
        if crate::roster::has_rules(cohort, settings) {
            if has_shares(settings) {
                let work = resolve_work(cohort, roster);
                format!(
                    "under unit shares the advice solves the match again once per mentor and \
                     per unit slot, up to {:.1} million mentee x mentor pairs times \
                     re-solves, and only up to {} pairs; {}",
                    RESOLVE_BUDGET_SHARES as f64 / 1e6,
                    settings.price_above,
                    if work > RESOLVE_BUDGET_SHARES {
                        format!("this cohort needs {:.1} million", work as f64 / 1e6)
                    } else {
                        "raise --price-above for advice.csv".to_string()
                    }
                )
            } else {
                format!(
                    "above {} mentee x mentor pairs the advice under the planner's rules \
                     needs the duals of the match's network solve, which the lp solver does \
                     not give; it would solve every pair again (raise --price-above for \
                     advice.csv)",
                    settings.price_above
                )
            }
        } else {
            format!(
                "above {} mentee x mentor pairs the advice prices every pair with the duals \
                 of the priced match, and {} (raise --price-above for advice.csv)",
                settings.price_above,
                if roster.certificate.is_none() && roster.scope_certificates.is_empty() {
                    "this match kept none (it priced no pairs)"
                } else {
                    "they do not certify the roster, or cannot price a typical mentor's \
                     pairs in a part too large to solve again"
                }
            )
        }
    } else if roster.status != crate::solve::Status::Optimal {
        "under these rules the advice re-solves the match, which needs a roster proven \
         optimal"
            .into()
    } else {
        let (work, budget) = (resolve_work(cohort, roster), resolve_budget(settings));
        if work > budget {
            format!(
                "under these rules the advice re-solves the match once per mentor and per \
                 unit slot, up to {:.1} million mentee x mentor pairs times re-solves; this \
                 cohort needs {:.1} million",
                budget as f64 / 1e6,
                work as f64 / 1e6
            )
        } else {
            "under these rules the advice re-solves the match, and a re-solve was not proven \
             optimal"
                .into()
        }
    }
}

/// The most work (mentee x mentor pairs times re-solves) [`advise_resolving`] takes on
/// without unit shares, where each re-solve is a network solve or a few: the Medan cohort
/// would need 612 solves (413 million).
pub const RESOLVE_BUDGET: u64 = 2_000_000;

/// [`RESOLVE_BUDGET`] under unit shares, whose re-solves each run a Lagrangian relaxation of
/// a few hundred network solves: a generated 100 x 30 cohort would need 117 re-solves of
/// 0.4 s (0.35 million), and some of them did not prove their optimum.
pub const RESOLVE_BUDGET_SHARES: u64 = 100_000;

/// The most work (mentee x mentor pairs times changes, as for [`RESOLVE_BUDGET`]) that
/// [`advise_shares`] takes on: the Medan cohort under a share needs 413 million, and its
/// searches took about 2 minutes on two cores (about 7 under the fair objective, whose
/// threshold probes search again at a few levels).
pub const SEARCH_BUDGET_SHARES: u64 = 1_000_000_000;

/// The largest unit-share problem (in pairs) whose re-solve in [`advise_resolving`] gets the
/// integer program when the relaxation does not prove it.
pub const RESOLVE_MIP_PAIRS: usize = 1_000;

/// The time limit of each re-solve in [`advise_resolving`] (seconds; the settings' own when
/// lower).
pub const RESOLVE_SECONDS: f64 = 2.0;

/// Whether the settings hold a unit share rule.
fn has_shares(settings: &Settings) -> bool {
    settings.max_cross_unit_share.is_some() || settings.min_same_unit_share.is_some()
}

/// The budget of [`advise_resolving`] under these settings.
fn resolve_budget(settings: &Settings) -> u64 {
    if has_shares(settings) {
        RESOLVE_BUDGET_SHARES
    } else {
        RESOLVE_BUDGET
    }
}

/// Mentee x mentor pairs times the re-solves [`advise_resolving`] needs: one per mentor and
/// one per slot of each unit's typical mentor.
fn resolve_work(cohort: &Cohort, roster: &Roster) -> u64 {
    let typical = typical_mentors(cohort, &roster.capacity);
    work(cohort.mentees.len(), cohort.mentors.len(), typical.iter())
}

/// Mentee x mentor pairs of a problem times its changes: one per mentor and one per slot of
/// each of these typical mentors.
fn work<'a>(
    mentees: usize,
    mentors: usize,
    typical: impl Iterator<Item = &'a TypicalMentor>,
) -> u64 {
    let changes = mentors as u64
        + typical
            .map(|t| u64::from(t.mentor.capacity.unwrap_or(0)))
            .sum::<u64>();
    (mentees as u64)
        .saturating_mul(mentors as u64)
        .saturating_mul(changes)
}

/// The advice by solving the match again, for the rules whose problem is not a network
/// (unit shares beyond [`advise_shares`]: with mentor minimums), and wherever
/// [`advise_ruled`] gives none: for each mentor, the cohort matched again with that
/// mentor's capacity raised by one (and its hour budget by one mentee's hours); for each
/// unit, matched again with its typical mentor added with 1, 2, … slots. The values are the
/// changes of proven optima, exact as the others; the cost is one full solve per mentor and
/// per unit slot (in parallel), so this runs only up to [`RESOLVE_BUDGET`] ([`RESOLVE_BUDGET_SHARES`] under unit shares). `None` above it, when
/// the roster is not proven optimal, or when a re-solve is not: under unit shares, by the
/// Lagrangian relaxation, or by the integer program within [`RESOLVE_MIP_PAIRS`] pairs and
/// [`RESOLVE_SECONDS`].
pub fn advise_resolving(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    use crate::roster::match_cohort;
    use crate::solve::Status;
    if roster.status != Status::Optimal || resolve_work(cohort, roster) > resolve_budget(settings) {
        return Ok(None);
    }
    let before = (roster.matched(), roster.total_score());
    // Under unit shares a re-solve that the relaxation does not prove gets the integer
    // program only when small, for at most RESOLVE_SECONDS; the first re-solve left unproven
    // ends the advice (the others are skipped).
    let resolve = Settings {
        mip_pairs: settings.mip_pairs.min(RESOLVE_MIP_PAIRS),
        time_limit: settings.time_limit.min(RESOLVE_SECONDS),
        ..settings.clone()
    };
    let failed = std::sync::atomic::AtomicBool::new(false);
    let gain = |changed: &Cohort| -> Result<Option<Gain>> {
        use std::sync::atomic::Ordering::Relaxed;
        if failed.load(Relaxed) {
            return Ok(None);
        }
        let r = match_cohort(changed, &resolve)?;
        if r.status != Status::Optimal {
            failed.store(true, Relaxed);
        }
        Ok((r.status == Status::Optimal).then(|| Gain {
            extra_matched: r.matched().saturating_sub(before.0) as u32,
            extra_score: r.total_score() - before.1,
        }))
    };
    let mentors: Vec<Option<Gain>> = (0..cohort.mentors.len())
        .into_par_iter()
        .map(|j| {
            let mut raised = cohort.clone();
            let mentor = &mut raised.mentors[j];
            mentor.capacity = Some(roster.capacity[j] + 1);
            if settings.hours_per_mentee > 0.0 {
                if let Some(max) = mentor.max_hours.or(settings.max_hours) {
                    mentor.max_hours = Some(max + settings.hours_per_mentee);
                }
            }
            gain(&raised)
        })
        .collect::<Result<_>>()?;
    let typical = typical_mentors(cohort, &roster.capacity);
    let jobs = slot_jobs(&typical);
    let grown: Vec<Option<Gain>> = jobs
        .par_iter()
        .map(|&(u, s)| {
            let mut grown = cohort.clone();
            let mut mentor = typical[u].mentor.clone();
            mentor.capacity = Some(s);
            grown.mentors.push(mentor);
            gain(&grown)
        })
        .collect::<Result<_>>()?;
    let Some(mentors) = mentors.into_iter().collect::<Option<Vec<Gain>>>() else {
        return Ok(None);
    };
    let Some(grown) = grown.into_iter().collect::<Option<Vec<Gain>>>() else {
        return Ok(None);
    };
    Ok(Some(changed_advice(
        roster, mentors, typical, &jobs, &grown,
    )))
}

/// The advice from the gains of changed cohorts: one more slot per mentor (file order), and
/// the typical mentor of unit `u` with `s` slots for each job `(u, s)` (slots in order).
fn changed_advice(
    roster: &Roster,
    mentors: Vec<Gain>,
    typical: Vec<TypicalMentor>,
    jobs: &[(usize, u32)],
    grown: &[Gain],
) -> Advice {
    let mut cumulative: Vec<Vec<Gain>> = vec![Vec::new(); typical.len()];
    for (&(u, _), &g) in jobs.iter().zip(grown) {
        cumulative[u].push(g);
    }
    let mentors = mentors
        .into_iter()
        .enumerate()
        .map(|(j, g)| MentorAdvice {
            mentor: j,
            capacity: roster.capacity[j],
            assigned: roster.load[j],
            extra_matched: g.extra_matched,
            extra_score: g.extra_score,
        })
        .collect();
    let units = typical
        .into_iter()
        .zip(cumulative)
        .map(|(t, cumulative)| unit_entry(roster, t, Gain::marginals(&cumulative)))
        .collect();
    Advice {
        mentors,
        units,
        from_roster: true,
    }
}

/// Whether [`advise_shares`] covers these settings: a unit share rule and no mentor minimum
/// (either objective; with `same_scope_only`, each scope on its own).
fn shares_apply(cohort: &Cohort, settings: &Settings) -> bool {
    has_shares(settings)
        && settings.min_mentees == 0
        && cohort
            .mentors
            .iter()
            .all(|m| m.min_mentees.unwrap_or(0) == 0)
}

/// The work of [`advise_shares`] (mentee x mentor pairs times changes, as for
/// [`RESOLVE_BUDGET`]): over the whole cohort, or with `same_scope_only` added up over the
/// scopes, each with its own mentors and the typical mentors placed in it.
fn share_work(cohort: &Cohort, settings: &Settings, roster: &Roster) -> u64 {
    if !settings.same_scope_only {
        return resolve_work(cohort, roster);
    }
    let typical = typical_mentors(cohort, &roster.capacity);
    scope_parts(cohort, &typical)
        .iter()
        .map(|(_, (mentees, mentors, joining))| {
            work(
                mentees.len(),
                mentors.len(),
                joining.iter().map(|&u| &typical[u]),
            )
        })
        .fold(0u64, u64::saturating_add)
}

/// The advice under unit shares, without mentor minimums: for each mentor, the optimum
/// with one more slot (and its hour budget raised by one mentee's hours); for each unit,
/// with its typical mentor added with 1, 2, … slots. Each value is the change between
/// proven optima, as in [`advise_resolving`], at any size, with one more slot counted in
/// the model's free capacity (a mentor already over its hour budget gets one too, as in
/// [`advise_ruled`]). Under a continuity bonus the optimum holds
/// the bonus; the score reported is without it, from the optimal roster found (another,
/// equally good, may differ by whole bonuses). The changed problems are searched by
/// [`crate::rules::solve::Model::share_optima`], each from the multipliers and the roster
/// of the problem's own optimum, so that a change that cannot raise the optimum costs one
/// network solve. The base is the model's own optimum (the roster's, as proven), and the
/// typical mentors are in its problem from the start, with no slot. With
/// `same_scope_only` each scope is its own problem (its units' shares are its own, as in
/// the match), solved in parallel, and each unit's typical mentor joins the scope it is
/// placed in; a typical mentor whose scope has no mentee adds nothing. Under the fair
/// objective the optima are the fair ones, from
/// [`crate::rules::solve::Model::fair_share_optima`].
///
/// `None` when the settings are not covered, the roster is not proven optimal, the work is
/// above [`SEARCH_BUDGET_SHARES`], or an optimum (the problem's, or a changed one's) is not
/// proven: by the relaxation within the time limit, or by the integer program within
/// [`RESOLVE_MIP_PAIRS`] pairs and [`RESOLVE_SECONDS`].
pub fn advise_shares(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    if !shares_apply(cohort, settings)
        || roster.status != crate::solve::Status::Optimal
        || share_work(cohort, settings, roster) > SEARCH_BUDGET_SHARES
    {
        return Ok(None);
    }
    let typical = typical_mentors(cohort, &roster.capacity);
    let jobs = slot_jobs(&typical);
    let (mentors, grown) = if settings.same_scope_only {
        let m = cohort.mentors.len();
        let parts = scope_parts(cohort, &typical);
        let results: Vec<Option<(Members, SharedGains)>> = parts
            .into_par_iter()
            .map(|(_, members)| {
                let (mentees, part_mentors, joining) = &members;
                let sub = cohort.subset(mentees, part_mentors);
                let joiners: Vec<TypicalMentor> =
                    joining.iter().map(|&u| typical[u].clone()).collect();
                let guess = lowest_score(mentees.iter().map(|&i| &roster.pairs[i]));
                Ok(share_gains(&sub, settings, &joiners, guess)?.map(|gains| (members, gains)))
            })
            .collect::<Result<_>>()?;
        let mut mentors = vec![Gain::default(); m];
        // Each typical mentor's slots in order; a scope with no mentee leaves them at 0.
        let mut slots: Vec<Vec<Gain>> = typical
            .iter()
            .map(|t| vec![Gain::default(); t.mentor.capacity.unwrap_or(0) as usize])
            .collect();
        for result in results {
            let Some(((_, part_mentors, joining), (gains, part_jobs, grown))) = result else {
                return Ok(None);
            };
            for (&j, g) in part_mentors.iter().zip(gains) {
                mentors[j] = g;
            }
            for (&(local, s), g) in part_jobs.iter().zip(grown) {
                slots[joining[local]][s as usize - 1] = g;
            }
        }
        (mentors, slots.into_iter().flatten().collect())
    } else {
        match share_gains(cohort, settings, &typical, lowest_score(&roster.pairs))? {
            Some((mentors, _, grown)) => (mentors, grown),
            None => return Ok(None),
        }
    };
    Ok(Some(changed_advice(
        roster, mentors, typical, &jobs, &grown,
    )))
}

/// The changes of [`advise_any`]'s re-solves and searches for these typical mentors: each
/// unit `u` with its typical mentor given `s` slots, for `s` from 1 to its capacity.
fn slot_jobs(typical: &[TypicalMentor]) -> Vec<(usize, u32)> {
    typical
        .iter()
        .enumerate()
        .flat_map(|(u, t)| (1..=t.mentor.capacity.unwrap_or(0)).map(move |s| (u, s)))
        .collect()
}

/// The lowest score among these pairs (`None` without any).
fn lowest_score<'a>(pairs: impl IntoIterator<Item = &'a Option<Pair>>) -> Option<f64> {
    pairs
        .into_iter()
        .flatten()
        .map(|p| p.score.score)
        .min_by(f64::total_cmp)
}

/// What [`share_gains`] gives: the gain of one more slot per mentor (file order), the jobs
/// of the typical mentors (as [`slot_jobs`]), and the gain of each job.
type SharedGains = (Vec<Gain>, Vec<(usize, u32)>, Vec<Gain>);

/// The gains under unit shares of one problem (the whole cohort, or one scope's): one more
/// slot for each of the cohort's mentors, and each `typical` mentor joining it with 1, 2, …
/// slots, each the change between the proven optima of the problem and of the changed one
/// (see [`advise_shares`]). Under the fair objective the optima are the fair ones, whose
/// threshold search starts at `guess` (the roster's lowest score). `None` when one of those
/// optima is not proven.
fn share_gains(
    cohort: &Cohort,
    settings: &Settings,
    typical: &[TypicalMentor],
    guess: Option<f64>,
) -> Result<Option<SharedGains>> {
    let extended = with_typical(cohort, typical);
    let scorer = Scorer::new(&extended, settings);
    let rules = crate::rules::Rules::new(&extended, settings, &scorer, false)?;
    let graph =
        MatchGraph::build_filtered(&extended, &scorer, |i, j| rules.blocked(i, j).is_none());
    let mut model = crate::rules::solve::Model::new(&graph, &rules);
    if model.has_tiers() {
        return Ok(None);
    }
    let m = cohort.mentors.len();
    let mut node_of = vec![0usize; extended.mentors.len()];
    for (c, &j) in graph.mentor_order.iter().enumerate() {
        node_of[j] = c;
    }
    let mut absent = vec![false; model.problem.n_mentors()];
    for u in 0..typical.len() {
        model.problem.capacity[node_of[m + u]] = 0;
        absent[node_of[m + u]] = true;
    }
    let mut changes: Vec<(usize, u32)> = (0..m)
        .map(|j| (node_of[j], model.problem.capacity[node_of[j]] + 1))
        .collect();
    let jobs = slot_jobs(typical);
    changes.extend(
        jobs.iter()
            .map(|&(u, s)| (node_of[m + u], s.min(rules.capacity[m + u]))),
    );
    let mip = (settings.mip_pairs.min(RESOLVE_MIP_PAIRS), RESOLVE_SECONDS);
    let optima = if settings.objective == crate::settings::Objective::Fair {
        model.fair_share_optima(settings, &absent, &changes, mip, guess)?
    } else {
        model.share_optima(settings, &absent, &changes, mip)?
    };
    let Some(optima) = optima else {
        return Ok(None);
    };
    let gain = |&(matched, score): &(usize, f64)| Gain {
        extra_matched: matched.saturating_sub(optima.base.0) as u32,
        extra_score: score - optima.base.1,
    };
    let mut gains: Vec<Gain> = optima.changed.iter().map(gain).collect();
    let grown = gains.split_off(m);
    Ok(Some((gains, jobs, grown)))
}

/// The advice on a roster solved under the planner's rules that keep the problem a plain
/// network: locked and forbidden pairs, `same_unit_only` and `cross_unit_only`, the hour
/// budget, continuity and mentor minimums. The values are the exact changes of that optimum
/// (the most mentees, then the most minimum slots filled, then the highest total with the
/// continuity bonus), reported as the change of the matched count and of the total score
/// without the bonus. One more slot of a mentor is one more than the capacity the rules
/// leave it (hours included), and a minimum slot where the minimum asked for is more than
/// that capacity (the minimum grows with it). One more slot never changes how many minimum
/// slots are filled: the path that fills it leaves every other mentor's load as it was. The
/// typical mentor of a unit is held to the same rules (its unit's unit-only rules, the hour
/// budget of the settings) and is promised no minimum.
///
/// Under the fair objective, the values are the changes of the fair optimum (the threshold
/// moves with the slot), by [`crate::solve::fair::fair_gains`], with minimums by
/// [`crate::solve::fair::fair_tiered_gains`] (the head is then the matched count and the
/// minimum slots filled), whose probes solve the pairs at each level probed, as the match's
/// own bisection did (above `price_above` too).
///
/// With `same_scope_only`, each scope is its own problem under the rules, with the duals its
/// match kept (a scope without them is solved again when it has at most `price_above`
/// pairs), and each unit's typical mentor joins the scope it is placed in.
///
/// `None` under unit shares, whose problem is not a network: [`advise_shares`] and
/// [`advise_resolving`] cover those.
pub fn advise_ruled(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    if settings.same_scope_only {
        return advise_ruled_by_scope(cohort, settings, roster);
    }
    let typical = typical_mentors(cohort, &roster.capacity);
    let duals = roster.rules_certificate.as_ref();
    Ok(
        ruled_gains(cohort, settings, &roster.pairs, &typical, duals)?
            .map(|(order, gains)| assemble(roster, &order, typical, gains)),
    )
}

/// [`advise_ruled`] with `same_scope_only`: each scope is its own problem under the rules,
/// with the duals its match kept (a scope without them is solved again, when it has at most
/// `price_above` pairs), and each unit's typical mentor joins the scope it is placed in.
/// `None` when a scope gets none.
fn advise_ruled_by_scope(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    let typical = typical_mentors(cohort, &roster.capacity);
    let m = cohort.mentors.len();
    let parts = scope_parts(cohort, &typical);
    // Per scope: its mentors (file indices, in the order of its gains), its gains, and the
    // typical mentors it took.
    type ScopeGains = (Vec<usize>, ProblemAdvice, Vec<usize>);
    let results: Vec<Option<ScopeGains>> = parts
        .into_par_iter()
        .map(|(key, (mentees, part_mentors, joining))| {
            let sub = cohort.subset(&mentees, &part_mentors);
            let mut local = vec![usize::MAX; m];
            for (l, &j) in part_mentors.iter().enumerate() {
                local[j] = l;
            }
            let pairs: Vec<Option<Pair>> = mentees
                .iter()
                .map(|&i| {
                    roster.pairs[i].map(|p| Pair {
                        mentor: local[p.mentor],
                        score: p.score,
                    })
                })
                .collect();
            if pairs.iter().flatten().any(|p| p.mentor == usize::MAX) {
                return Err(Error::Solver(
                    "a roster pair crosses scopes under same_scope_only".into(),
                ));
            }
            let joiners: Vec<TypicalMentor> = joining.iter().map(|&u| typical[u].clone()).collect();
            // A scope without rules of its own was matched without them: its duals are
            // those of that match (checked on every pair all the same).
            let duals = [&roster.scope_rules_certificates, &roster.scope_certificates]
                .into_iter()
                .find_map(|list| list.iter().find(|(k, _)| *k == key).map(|(_, d)| d));
            Ok(
                ruled_gains(&sub, settings, &pairs, &joiners, duals)?.map(|(order, gains)| {
                    let order = order.iter().map(|&l| part_mentors[l]).collect();
                    (order, gains, joining)
                }),
            )
        })
        .collect::<Result<_>>()?;
    let mut mentors = vec![Gain::default(); m];
    let mut added = vec![Vec::new(); typical.len()];
    let mut from_given = true;
    for result in results {
        let Some((order, gains, joining)) = result else {
            return Ok(None);
        };
        for (&j, g) in order.iter().zip(gains.mentors) {
            mentors[j] = g;
        }
        for (u, slots) in joining.into_iter().zip(gains.added) {
            added[u] = slots;
        }
        from_given &= gains.from_given;
    }
    let mentor_order: Vec<usize> = (0..m).collect();
    let gains = ProblemAdvice {
        mentors,
        added,
        from_given,
    };
    Ok(Some(assemble(roster, &mentor_order, typical, gains)))
}

/// The parts of a cohort under `same_scope_only`, by scope key: the file indices of each
/// scope's mentees and mentors, and the typical mentors (their index) placed in it.
fn scope_parts(cohort: &Cohort, typical: &[TypicalMentor]) -> Vec<(String, Members)> {
    let scope = |s: &Option<String>| s.as_deref().map(unit_key).unwrap_or_default();
    let mut parts: BTreeMap<String, Members> = BTreeMap::new();
    for (i, e) in cohort.mentees.iter().enumerate() {
        parts.entry(scope(&e.scope)).or_default().0.push(i);
    }
    for (j, mentor) in cohort.mentors.iter().enumerate() {
        if let Some(part) = parts.get_mut(&scope(&mentor.scope)) {
            part.1.push(j);
        }
    }
    for (u, t) in typical.iter().enumerate() {
        if let Some(part) = parts.get_mut(&scope(&t.mentor.scope)) {
            part.2.push(u);
        }
    }
    parts.into_iter().collect()
}

/// A part's members: its mentees, its mentors, the typical mentors it takes.
type Members = (Vec<usize>, Vec<usize>, Vec<usize>);

/// The gains under the network rules for the cohort's mentors (in node order, which is
/// returned with them) and for the `typical` mentors joining it, from the roster's `pairs`
/// (file indices) and, where they certify it, the `duals` its match kept over the rules'
/// problem. `None` where [`advise_ruled`] gives none.
fn ruled_gains(
    cohort: &Cohort,
    settings: &Settings,
    pairs: &[Option<Pair>],
    typical: &[TypicalMentor],
    duals: Option<&crate::solve::slots::Duals>,
) -> Result<Option<(Vec<usize>, ProblemAdvice)>> {
    let fair = settings.objective == crate::settings::Objective::Fair;
    let extended = with_typical(cohort, typical);
    let scorer = Scorer::new(&extended, settings);
    let rules = crate::rules::Rules::new(&extended, settings, &scorer, false)?;
    if rules.has_shares() {
        return Ok(None);
    }
    let graph = MatchGraph::build_filtered(cohort, &scorer, |i, j| rules.blocked(i, j).is_none());
    let model = crate::rules::solve::Model::new(&graph, &rules);
    let m = cohort.mentors.len();
    let mut node_of = vec![0u32; m];
    for (c, &j) in graph.mentor_order.iter().enumerate() {
        node_of[j] = c as u32;
    }
    let file_mentee = |pi: usize| graph.mentee_order[model.mentee_node[pi]];
    // The rules' problem as it is, before the minimum slots' bonus (below).
    let q = &model.problem;
    // A mentor's mentees fill its minimum slots first (any such split is optimal alike).
    let mut room = q.capacity.clone();
    let edge_of: Vec<Option<usize>> = (0..q.n_mentees())
        .map(|pi| {
            let pair = pairs[file_mentee(pi)]?;
            let c = node_of[pair.mentor];
            let own = q.edges(pi).find(|&e| q.mentor[e] == c)?;
            let minimum = q
                .edges(pi)
                .find(|&e| model.tier[e] && model.graph_edge[e] == model.graph_edge[own]);
            let e = match minimum {
                Some(t) if room[q.mentor[t] as usize] > 0 => t,
                _ => own,
            };
            room[q.mentor[e] as usize] -= 1;
            Some(e)
        })
        .collect();
    // One more slot is one more minimum slot where the minimum asked for was more than the
    // capacity (it grows with it), and an ordinary one otherwise.
    let mut locks_on = vec![0u32; m];
    for lock in rules.lock.iter().flatten() {
        locks_on[lock.mentor] += 1;
    }
    let grown: Vec<usize> = (0..m)
        .filter(|&j| {
            let asked = cohort.mentors[j]
                .min_mentees
                .unwrap_or(settings.min_mentees);
            let now = rules.min_mentees[j].saturating_sub(locks_on[j]);
            asked.min(rules.capacity[j] + 1).saturating_sub(locks_on[j]) > now
        })
        .collect();
    let mut added: Vec<AddedMentor> = (0..typical.len())
        .into_par_iter()
        .map(|u| {
            let jt = m + u;
            AddedMentor {
                pairs: (0..q.n_mentees())
                    .filter_map(|pi| {
                        let i = file_mentee(pi);
                        (scorer.eligible(i, jt) && rules.blocked(i, jt).is_none())
                            .then(|| (pi as u32, scorer.score(i, jt).score))
                    })
                    .collect(),
                capacity: rules.capacity[jt],
                bonus: Vec::new(),
            }
        })
        .collect();
    // With minimums, each mentor with one has a second node (its minimum slots), whose
    // pairs carry the bonus that fills them first: a network all the same. The bonus
    // outweighs every difference in total score, the typical mentors' pairs included, and
    // is there wherever a minimum slot may be filled, also one that only grows with the
    // slot (the match's own bonus knows neither). Where it has to be raised, the match's
    // duals (priced with the match's bonus) no longer apply.
    let (mut tiered, mut bonus) = model.tiered_problem();
    let mut duals = duals;
    if model.has_tiers() || !grown.is_empty() {
        let needed = model.bonus_over(
            q.score
                .iter()
                .copied()
                .chain(added.iter().flat_map(|a| a.pairs.iter().map(|pair| pair.1))),
        );
        if needed > bonus {
            bonus = needed;
            if model.has_tiers() {
                tiered = model.tiered_with(bonus);
                duals = None;
            }
        }
    }
    let p = &tiered;
    // The minimum slot of such a mentor is a new node with its pairs and the bonus.
    for &j in &grown {
        let c = node_of[j];
        let (mut pairs, mut extra) = (Vec::new(), Vec::new());
        for pi in 0..p.n_mentees() {
            if let Some(e) = p.edges(pi).find(|&e| p.mentor[e] == c) {
                pairs.push((pi as u32, model.base[e]));
                extra.push(model.problem.score[e] - model.base[e] + bonus);
            }
        }
        added.push(AddedMentor {
            pairs,
            capacity: 1,
            bonus: extra,
        });
    }
    let mut gains = if fair {
        let tiered = model.has_tiers() || !grown.is_empty();
        let f = if tiered {
            // Minimums: the head is (matched, minimum slots filled). The typical mentors
            // come first in `added`, with no minimum; the grown minimum slots after them.
            // Each probe solves the pairs at one level, as each step of the match's own
            // bisection did: at any size this costs about what the match did.
            let added_tier: Vec<bool> = (0..added.len()).map(|q| q >= typical.len()).collect();
            let tiers = crate::solve::fair::Tiers {
                edge: &model.tier,
                added: &added_tier,
                mentors: m,
            };
            crate::solve::fair::fair_tiered_gains(p, &model.base, tiers, &edge_of, &added)?
        } else {
            // Above `price_above` the roster's threshold is priced from the match's duals;
            // no solve of every pair runs there without them.
            if duals.is_none() && too_large(cohort, settings) {
                return Ok(None);
            }
            crate::solve::fair::fair_gains(p, &model.base, &edge_of, &added, duals)?
        };
        ProblemAdvice {
            mentors: f.mentors,
            added: f.added,
            from_given: f.from_given,
        }
    } else {
        // The match's duals over this very problem spare a network solve (and above
        // `price_above` are the only way: no full solve runs there).
        let covered = duals.filter(|d| duals_cover(p, d, &added));
        let certified = match covered {
            Some(duals) => SlotValues::certified_reporting(p, &edge_of, duals, model.base.clone())?,
            None => None,
        };
        // Duals whose costing cannot price a typical mentor's pairs: solved again, as
        // [`advise_certified`] does, up to [`SOLVE_AGAIN_UP_TO`] times `price_above` pairs.
        let size = (cohort.mentees.len() as u64).saturating_mul(cohort.mentors.len() as u64);
        let solve_again = duals.is_some()
            && covered.is_none()
            && size <= SOLVE_AGAIN_UP_TO.saturating_mul(settings.price_above);
        match certified {
            Some(values) => ProblemAdvice {
                mentors: values.mentor_gains(),
                added: added.par_iter().map(|a| values.added_mentor(a)).collect(),
                from_given: true,
            },
            None if too_large(cohort, settings) && !solve_again => return Ok(None),
            None => advise_problem_reporting(p, &edge_of, &added, model.base.clone())?,
        }
    };
    let first_grown = typical.len();
    gains.mentors.truncate(m);
    for (k, &j) in grown.iter().enumerate() {
        let slot = gains.added[first_grown + k]
            .first()
            .copied()
            .unwrap_or_default();
        gains.mentors[node_of[j] as usize] = slot;
    }
    gains.added.truncate(first_grown);
    Ok(Some((graph.mentor_order.clone(), gains)))
}

/// The cohort with the units' typical mentors added after its own mentors (mentor
/// `m + u` is unit `u`'s), so that one scorer scores them all.
fn with_typical(cohort: &Cohort, typical: &[TypicalMentor]) -> Cohort {
    let mut extended = cohort.clone();
    extended
        .mentors
        .extend(typical.iter().map(|t| t.mentor.clone()));
    extended
}

/// Whether the cohort is above `price_above` mentee x mentor pairs (per scope with
/// `same_scope_only`), where the match prices pairs in and never holds them all: the advice
/// then needs the priced match's duals ([`advise_certified`]) instead of solving the full
/// graph again (city-dense, 30 million pairs: that took about 3.3 GB and 40 s).
pub fn too_large(cohort: &Cohort, settings: &Settings) -> bool {
    crate::resources::parts(cohort, settings.same_scope_only)
        .iter()
        .any(|&(n, m)| (n as u64).saturating_mul(m as u64) > settings.price_above)
}

/// The per-mentor part of [`advise`] alone (no unit is computed).
pub fn mentor_advice(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Vec<MentorAdvice>> {
    Ok(compute(cohort, settings, roster, false)?.mentors)
}

/// The per-unit part of [`advise`].
pub fn unit_advice(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Vec<UnitAdvice>> {
    Ok(advise(cohort, settings, roster)?.units)
}

fn compute(cohort: &Cohort, settings: &Settings, roster: &Roster, units: bool) -> Result<Advice> {
    let typical = if units {
        typical_mentors(cohort, &roster.capacity)
    } else {
        Vec::new()
    };
    let extended = with_typical(cohort, &typical);
    let scorer = Scorer::new(&extended, settings);
    let graph = MatchGraph::build(cohort, &scorer);
    let problem = graph.problem(&roster.capacity);
    let edge_of = roster_edges(&graph, &problem, roster)?;
    let m = cohort.mentors.len();
    let added: Vec<AddedMentor> = typical
        .par_iter()
        .enumerate()
        .map(|(u, t)| AddedMentor {
            pairs: graph
                .mentee_order
                .iter()
                .enumerate()
                .filter(|&(_, &i)| scorer.eligible(i, m + u))
                .map(|(k, &i)| (k as u32, scorer.score(i, m + u).score))
                .collect(),
            capacity: t.mentor.capacity.unwrap_or(settings.capacity),
            bonus: Vec::new(),
        })
        .collect();
    let gains = advise_problem(&problem, &edge_of, &added)?;
    Ok(assemble(roster, &graph.mentor_order, typical, gains))
}

/// Mentees scored at once while the problem of [`advise_certified`] is built: the pairs of
/// a block are held twice (in their lists and in the problem) only until it is copied.
const MENTEES_PER_BLOCK: usize = 256;

/// Where a typical mentor scores outside the range of a priced match's duals, the part is
/// solved again (a full network solve) when it has at most this many times `price_above`
/// pairs; above that its advice is left out.
pub const SOLVE_AGAIN_UP_TO: u64 = 4;

/// [`advise`] for a roster that a priced match proved optimal (above `price_above`, where
/// no match holds every pair), from the duals it ended with: the problem over every
/// eligible pair is built once (12 bytes a pair, block by block) and checked against the
/// duals, and no network solve runs again. With `same_scope_only` each scope is its own
/// problem (the pairs across scopes are not eligible), with the duals its match kept
/// (priced or not; a scope without them, solved by `lp`, is solved again if it was not
/// priced), and each unit's typical mentor joins the scope it is placed in. Where a typical mentor scores outside the
/// range of the costing the duals are in (they cannot price its pairs), the part is solved
/// again up to [`SOLVE_AGAIN_UP_TO`] times `price_above` pairs. `None` when a priced part
/// has no such duals, when they do not certify its roster on every pair, or when it is too
/// large to solve again.
///
/// Complexity: scoring every pair once, `O(E)` to check, then as [`advise_problem`]
/// without its network solve (with it, on the scopes not priced).
pub fn advise_certified(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    let typical = typical_mentors(cohort, &roster.capacity);
    let extended = with_typical(cohort, &typical);
    let scorer = Scorer::new(&extended, settings);
    let m = cohort.mentors.len();
    // The parts: the whole cohort, or each scope, each with the duals its match kept; in
    // parallel (each part's own steps run in parallel too), merged in key order.
    let parts: Vec<(String, Members)> = if settings.same_scope_only {
        scope_parts(cohort, &typical)
    } else {
        vec![(
            String::new(),
            (
                (0..cohort.mentees.len()).collect(),
                (0..m).collect(),
                (0..typical.len()).collect(),
            ),
        )]
    };
    let solve_up_to = SOLVE_AGAIN_UP_TO.saturating_mul(settings.price_above);
    let results: Vec<Option<PartGains>> = parts
        .into_par_iter()
        .map(|(key, (mentees, part_mentors, joining))| {
            let duals = if settings.same_scope_only {
                roster
                    .scope_certificates
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, d)| d)
            } else {
                roster.certificate.as_ref()
            };
            // A part the match priced must have its duals; another is solved again without.
            let priced = (mentees.len() as u64).saturating_mul(part_mentors.len() as u64)
                > settings.price_above;
            if priced && duals.is_none() {
                return Ok(None);
            }
            let part = Part {
                cohort,
                scorer: &scorer,
                roster,
                mentees,
                mentors: part_mentors,
            };
            let capacity = |u: usize| typical[u].mentor.capacity.unwrap_or(settings.capacity);
            let joiners: Vec<(usize, u32)> =
                joining.iter().map(|&u| (m + u, capacity(u))).collect();
            Ok(part
                .gains(duals, &joiners, solve_up_to)?
                .map(|(gains, slots)| (part.mentor_order(), gains, joining, slots)))
        })
        .collect::<Result<_>>()?;
    let mut mentors = vec![Gain::default(); m];
    let mut added = vec![Vec::new(); typical.len()];
    for result in results {
        let Some((order, gains, joining, slots)) = result else {
            return Ok(None);
        };
        for (&j, g) in order.iter().zip(gains) {
            mentors[j] = g;
        }
        for (u, s) in joining.into_iter().zip(slots) {
            added[u] = s;
        }
    }
    let mentor_order: Vec<usize> = (0..m).collect();
    let gains = ProblemAdvice {
        mentors,
        added,
        from_given: true,
    };
    Ok(Some(assemble(roster, &mentor_order, typical, gains)))
}

/// What one part gives [`advise_certified`]: its mentors (file indices, node order) with the
/// gain of one more slot each, and the typical mentors it took with the gains of their slots.
type PartGains = (Vec<usize>, Vec<Gain>, Vec<usize>, Vec<Vec<Gain>>);

/// One independent part of a cohort for [`advise_certified`]: its mentees and mentors (file
/// indices, in file order), scored by a scorer that knows the typical mentors too.
struct Part<'a> {
    cohort: &'a Cohort,
    scorer: &'a Scorer,
    roster: &'a Roster,
    mentees: Vec<usize>,
    mentors: Vec<usize>,
}

impl Part<'_> {
    /// The part's mentors (file indices) in node order: by id, as
    /// [`crate::graph::canonical_orders`] orders a cohort made of the part.
    fn mentor_order(&self) -> Vec<usize> {
        let mut order = self.mentors.clone();
        order.sort_by(|&a, &b| self.cohort.mentors[a].id.cmp(&self.cohort.mentors[b].id));
        order
    }

    /// The part's mentees (file indices) in node order.
    fn mentee_order(&self) -> Vec<usize> {
        let mut order = self.mentees.clone();
        order.sort_by(|&a, &b| self.cohort.mentees[a].id.cmp(&self.cohort.mentees[b].id));
        order
    }

    /// The gain of one more slot of each mentor of the part (node order) and of each slot of
    /// the `joining` mentors (scorer index, capacity): from `duals` when given (checked on
    /// every pair), otherwise from a network solve of the part. When a joining mentor
    /// scores outside the range of the duals' costing, the part is solved again if it has
    /// at most `solve_up_to` pairs (`None` otherwise).
    #[allow(clippy::type_complexity)]
    fn gains(
        &self,
        duals: Option<&crate::solve::slots::Duals>,
        joining: &[(usize, u32)],
        solve_up_to: u64,
    ) -> Result<Option<(Vec<Gain>, Vec<Vec<Gain>>)>> {
        let (mentor_order, mentee_order) = (self.mentor_order(), self.mentee_order());
        let scorer = self.scorer;
        let mut problem = Problem {
            capacity: mentor_order
                .iter()
                .map(|&j| self.roster.capacity[j])
                .collect(),
            offsets: vec![0],
            mentor: Vec::new(),
            score: Vec::new(),
        };
        for block in mentee_order.chunks(MENTEES_PER_BLOCK) {
            let lists: Vec<Vec<(u32, f64)>> = block
                .par_iter()
                .map(|&i| {
                    mentor_order
                        .iter()
                        .enumerate()
                        .filter(|&(_, &j)| scorer.eligible(i, j))
                        .map(|(c, &j)| (c as u32, scorer.score(i, j).score))
                        .collect()
                })
                .collect();
            for list in lists {
                for (c, score) in list {
                    problem.mentor.push(c);
                    problem.score.push(score);
                }
                problem.offsets.push(problem.mentor.len());
            }
        }
        let mut node_of = BTreeMap::new();
        for (c, &j) in mentor_order.iter().enumerate() {
            node_of.insert(j, c as u32);
        }
        let mut edge_of = Vec::with_capacity(problem.n_mentees());
        for (k, &i) in mentee_order.iter().enumerate() {
            edge_of.push(match self.roster.pairs[i] {
                None => None,
                Some(pair) => {
                    let edges = problem.edges(k);
                    let at = node_of
                        .get(&pair.mentor)
                        .and_then(|c| problem.mentor[edges.clone()].binary_search(c).ok())
                        .ok_or_else(|| {
                            Error::Solver(format!(
                                "the roster pairs mentee {} with a mentor who is not eligible",
                                i + 1
                            ))
                        })?;
                    Some(edges.start + at)
                }
            });
        }
        let added: Vec<AddedMentor> = joining
            .par_iter()
            .map(|&(jt, capacity)| AddedMentor {
                pairs: mentee_order
                    .iter()
                    .enumerate()
                    .filter(|&(_, &i)| scorer.eligible(i, jt))
                    .map(|(k, &i)| (k as u32, scorer.score(i, jt).score))
                    .collect(),
                capacity,
                bonus: Vec::new(),
            })
            .collect();
        let Some(duals) = duals else {
            let gains = advise_problem(&problem, &edge_of, &added)?;
            return Ok(Some((gains.mentors, gains.added)));
        };
        // The duals are integers of the costing of every eligible pair: the same pairs here.
        if crate::solve::network::Costing::for_problem(&problem) != duals.costing {
            return Ok(None);
        }
        if !scores_within(&problem, &added) {
            // A typical mentor scores outside the range the duals' costing covers: they
            // cannot price its pairs, and the part is solved again when it is small enough.
            if problem.n_edges() as u64 > solve_up_to {
                return Ok(None);
            }
            let gains = advise_problem(&problem, &edge_of, &added)?;
            return Ok(Some((gains.mentors, gains.added)));
        }
        let Some(values) = SlotValues::certified(&problem, &edge_of, duals)? else {
            return Ok(None);
        };
        let slots = added.par_iter().map(|a| values.added_mentor(a)).collect();
        Ok(Some((values.mentor_gains(), slots)))
    }
}

/// The advice of a roster from the gains of its problem (mentors in the graph's node order,
/// one added mentor per typical mentor).
fn assemble(
    roster: &Roster,
    mentor_order: &[usize],
    typical: Vec<TypicalMentor>,
    gains: ProblemAdvice,
) -> Advice {
    let m = roster.capacity.len();

    let mut mentors: Vec<MentorAdvice> = (0..m)
        .map(|j| MentorAdvice {
            mentor: j,
            capacity: roster.capacity[j],
            assigned: roster.load[j],
            extra_matched: 0,
            extra_score: 0.0,
        })
        .collect();
    for (node, gain) in gains.mentors.iter().enumerate() {
        let a = &mut mentors[mentor_order[node]];
        a.extra_matched = gain.extra_matched;
        a.extra_score = gain.extra_score;
    }
    let units = typical
        .into_iter()
        .zip(gains.added)
        .map(|(t, slots)| unit_entry(roster, t, slots))
        .collect();
    Advice {
        mentors,
        units,
        from_roster: gains.from_given,
    }
}

/// A unit's advice from its typical mentor and the gains of its slots.
fn unit_entry(roster: &Roster, t: TypicalMentor, slots: Vec<Gain>) -> UnitAdvice {
    let total = Gain::total(&slots);
    UnitAdvice {
        unit: t.unit,
        mentors: t.mentors.len(),
        mentees: t.mentees.len(),
        unmatched: t
            .mentees
            .iter()
            .filter(|&&i| roster.pairs[i].is_none())
            .count(),
        typical: t.mentor,
        cohort_profile: t.cohort_profile,
        slots,
        extra_matched: total.extra_matched,
        extra_score: total.extra_score,
    }
}

/// The roster's pairs as edges of the graph's problem (mentees in node order).
fn roster_edges(
    graph: &MatchGraph,
    problem: &Problem,
    roster: &Roster,
) -> Result<Vec<Option<usize>>> {
    let mut node_of = vec![0u32; graph.mentor_order.len()];
    for (node, &j) in graph.mentor_order.iter().enumerate() {
        node_of[j] = node as u32;
    }
    graph
        .mentee_order
        .iter()
        .enumerate()
        .map(|(k, &i)| match roster.pairs.get(i).copied().flatten() {
            None => Ok(None),
            Some(pair) => {
                let node = node_of[pair.mentor];
                problem
                    .edges(k)
                    .find(|&e| problem.mentor[e] == node)
                    .map(Some)
                    .ok_or_else(|| {
                        Error::Solver(format!(
                            "the roster pairs mentee {} with a mentor who is not eligible",
                            i + 1
                        ))
                    })
            }
        })
        .collect()
}

/// The units where one more typical mentor helps most: those where the optimum rises, by
/// more mentees matched, then more total score, then unit name; at most `k` of them.
pub fn helps_most(units: &[UnitAdvice], k: usize) -> Vec<&UnitAdvice> {
    let mut useful: Vec<&UnitAdvice> = units
        .iter()
        .filter(|u| u.extra_matched > 0 || u.extra_score > 0.0)
        .collect();
    useful.sort_by(|a, b| {
        b.extra_matched
            .cmp(&a.extra_matched)
            .then(b.extra_score.total_cmp(&a.extra_score))
            .then(unit_key(&a.unit).cmp(&unit_key(&b.unit)))
    });
    useful.truncate(k);
    useful
}

/// The terminal list "where an extra mentor helps most": the top 5 of [`helps_most`], one
/// line each, after a heading; or one line saying no extra mentor would help.
pub fn helps_most_text(advice: &Advice) -> String {
    let top = helps_most(&advice.units, 5);
    if top.is_empty() {
        return "Where an extra mentor helps most: nowhere, one more mentor would not improve the roster\n".into();
    }
    let mut out = String::from(
        "Where an extra mentor helps most (one more mentor with the unit's typical profile):\n",
    );
    for (rank, u) in top.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}: {:+} matched, score {:+.6} ({} of {} slot{})\n",
            rank + 1,
            u.unit,
            u.extra_matched,
            u.extra_score,
            u.slots.len(),
            u.typical.capacity.unwrap_or(0),
            if u.typical.capacity == Some(1) {
                ""
            } else {
                "s"
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Cohort {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
        crate::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv"))
            .unwrap()
            .0
    }

    #[test]
    fn typical_mentor_of_a_unit_is_its_median_mentor() {
        let cohort = example();
        let capacity = crate::roster::capacities(&cohort, &Settings::default());
        let typical = typical_mentors(&cohort, &capacity);
        // Dinas Kesehatan: Siregar (IV/b, capacity 2, workload 0.70, levels 5 3 4 5) and
        // Nurhayati (III/d, capacity 1, workload 1.20, levels 4 5 3 3).
        let t = typical
            .iter()
            .find(|t| t.unit == "Dinas Kesehatan")
            .unwrap();
        assert!(!t.cohort_profile);
        assert_eq!(t.mentors.len(), 2);
        assert_eq!(
            t.mentor.levels,
            [Some(4.5), Some(4.0), Some(3.5), Some(4.0)]
        );
        assert_eq!(t.mentor.grade.to_string(), "III/d"); // lower median of III/d, IV/b
        assert_eq!(t.mentor.capacity, Some(1)); // lower median of 1, 2
        assert!((t.mentor.workload.unwrap() - 0.95).abs() < 1e-12);
        assert_eq!(t.mentor.unit, "Dinas Kesehatan");
        // Diskominfo: one mentor, not assessed on the last competency.
        let t = typical.iter().find(|t| t.unit == "Diskominfo").unwrap();
        assert_eq!(t.mentor.levels[3], None);
        // Ordered by unit key, ids distinct from every person's.
        let keys: Vec<&str> = typical.iter().map(|t| t.key.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        for t in &typical {
            assert!(cohort.mentees.iter().all(|m| m.id != t.mentor.id));
        }
    }

    #[test]
    fn a_unit_without_mentors_gets_the_cohort_median_mentor() {
        let mut cohort = example();
        cohort.mentees[0].unit = "Unit Baru".into();
        let capacity = crate::roster::capacities(&cohort, &Settings::default());
        let typical = typical_mentors(&cohort, &capacity);
        let t = typical.iter().find(|t| t.unit == "Unit Baru").unwrap();
        assert!(t.cohort_profile);
        assert_eq!(t.mentees, [0]);
        // Grades PPPK X=10, III/c=11, III/d=12, IV/a=13, IV/b=14: median III/d.
        assert_eq!(t.mentor.grade.to_string(), "III/d");
        // Capacities 2, 1, 1, default 3, 1: median 1. Workloads: median 0.70.
        assert_eq!(t.mentor.capacity, Some(1));
        assert_eq!(t.mentor.workload, Some(0.70));
        assert_eq!(t.mentor.unit, "Unit Baru");
    }

    #[test]
    fn helps_most_orders_by_count_then_score_then_name() {
        let cohort = example();
        let settings = Settings::default();
        let roster = crate::roster::match_cohort(&cohort, &settings).unwrap();
        let mut advice = advise(&cohort, &settings, &roster).unwrap();
        for (u, (m, s)) in advice
            .units
            .iter_mut()
            .zip([(1, 0.2), (2, 0.1), (1, 0.2), (0, 0.3)])
        {
            u.extra_matched = m;
            u.extra_score = s;
        }
        let names: Vec<&str> = advice.units.iter().map(|u| u.unit.as_str()).collect();
        let top: Vec<&str> = helps_most(&advice.units, 5)
            .iter()
            .map(|u| u.unit.as_str())
            .collect();
        assert_eq!(top, [names[1], names[0], names[2], names[3]]);
        assert_eq!(helps_most(&advice.units, 2).len(), 2);
        advice.units[3].extra_score = 0.0;
        assert_eq!(helps_most(&advice.units, 5).len(), 3);
        assert!(helps_most_text(&advice).starts_with("Where an extra mentor helps most"));
    }
}
