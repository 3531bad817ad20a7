//! The advice by solving the match again, once per change, where no other method gives
//! exact values.

use super::*;

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
pub(super) fn has_shares(settings: &Settings) -> bool {
    settings.rules.max_cross_unit_share.is_some() || settings.rules.min_same_unit_share.is_some()
}

/// The budget of [`advise_resolving`] under these settings.
pub(super) fn resolve_budget(settings: &Settings) -> u64 {
    if has_shares(settings) {
        RESOLVE_BUDGET_SHARES
    } else {
        RESOLVE_BUDGET
    }
}

/// Mentee x mentor pairs times the re-solves [`advise_resolving`] (or the searches of
/// [`advise_shares`]) need: one per mentor and one per slot of each unit's typical mentor,
/// over the whole cohort, or with `same_scope_only` added up over the scopes, each with its
/// own mentors and the typical mentors placed in it (a change is solved in its scope only).
pub(super) fn resolve_work(cohort: &Cohort, settings: &Settings, roster: &Roster) -> u64 {
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
    if !settings.eligibility.same_scope_only {
        return work(cohort.mentees.len(), cohort.mentors.len(), typical.iter());
    }
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

/// Mentee x mentor pairs of a problem times its changes: one per mentor and one per slot of
/// each of these typical mentors.
pub(super) fn work<'a>(
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
    resolving_outcome(cohort, settings, roster).map(Outcome::into_advice)
}

/// [`advise_resolving`], saying why when it gives no advice.
pub(super) fn resolving_outcome(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Outcome> {
    use crate::solve::Status;
    if roster.status != Status::Optimal {
        return Ok(Outcome::NotComputed(NoAdvice::RosterUnproven));
    }
    let (work, budget) = (
        resolve_work(cohort, settings, roster),
        resolve_budget(settings),
    );
    if work > budget {
        return Ok(Outcome::NotComputed(NoAdvice::ResolveOverBudget {
            work,
            budget,
        }));
    }
    // Under unit shares a re-solve that the relaxation does not prove gets the integer
    // program only when small, for at most RESOLVE_SECONDS; the first re-solve left unproven
    // ends the advice (the others are skipped).
    let resolve = {
        let mut custom = settings.clone();
        custom.solver.mip_pairs = settings.solver.mip_pairs.min(RESOLVE_MIP_PAIRS);
        custom.solver.time_limit = settings.solver.time_limit.min(RESOLVE_SECONDS);
        custom
    };
    let failed = std::sync::atomic::AtomicBool::new(false);
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
    let jobs = slot_jobs(&typical);
    let unproven = Outcome::NotComputed(NoAdvice::ResolveUnproven);
    let (mentors, grown) = if settings.eligibility.same_scope_only {
        // Each change is solved again in its own scope only: the scopes are independent.
        let gains = gains_by_scope(
            cohort,
            &typical,
            |sub, (mentees, part_mentors, _), joiners| {
                let capacity: Vec<u32> = part_mentors.iter().map(|&j| roster.capacity[j]).collect();
                let scores: Vec<f64> = mentees
                    .iter()
                    .filter_map(|&i| roster.pairs[i].as_ref())
                    .map(|p| p.score.score)
                    .collect();
                // Summed as a roster's total is: an unchanged optimum gains exactly 0.
                let before = (scores.len(), crate::model::exact_sum(scores));
                resolve_gains(sub, &resolve, &capacity, &joiners, before, &failed)
            },
        )?;
        match gains {
            Some(gains) => gains,
            None => return Ok(unproven),
        }
    } else {
        let before = (roster.matched(), roster.total_score());
        match resolve_gains(
            cohort,
            &resolve,
            &roster.capacity,
            &typical,
            before,
            &failed,
        )? {
            Some((mentors, _, grown)) => (mentors, grown),
            None => return Ok(unproven),
        }
    };
    Ok(Outcome::Given(changed_advice(
        roster, mentors, typical, &jobs, &grown,
    )))
}

/// The gains of one problem (the whole cohort, or one scope's) by solving it again: one
/// more slot for each of its mentors (whose capacities in the roster are `capacity`), and
/// each `typical` mentor joining it with 1, 2, … slots, each against `before` (the matched
/// count and total of its optimum). `None` when a re-solve is not proven optimal; `failed`
/// is then set, and the re-solves not yet started anywhere are skipped.
fn resolve_gains(
    cohort: &Cohort,
    settings: &Settings,
    capacity: &[u32],
    typical: &[TypicalMentor],
    before: (usize, f64),
    failed: &std::sync::atomic::AtomicBool,
) -> Result<Option<SharedGains>> {
    use crate::solve::Status;
    use std::sync::atomic::Ordering::Relaxed;
    let gain = |changed: &Cohort| -> Result<Option<Gain>> {
        if failed.load(Relaxed) {
            return Ok(None);
        }
        let r = crate::roster::match_part(changed, settings)?;
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
            mentor.capacity = Some(capacity[j] + 1);
            if settings.rules.hours_per_mentee > 0.0 {
                if let Some(max) = mentor.max_hours.or(settings.rules.max_hours) {
                    mentor.max_hours = Some(max + settings.rules.hours_per_mentee);
                }
            }
            gain(&raised)
        })
        .collect::<Result<_>>()?;
    let jobs = slot_jobs(typical);
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
    Ok(Some((mentors, jobs, grown)))
}

/// The advice from the gains of changed cohorts: one more slot per mentor (file order), and
/// the typical mentor of unit `u` with `s` slots for each job `(u, s)` (slots in order).
pub(super) fn changed_advice(
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
