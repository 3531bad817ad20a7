//! The advice under unit shares without mentor minimums: the relaxation searched again per
//! change, from the multipliers of the match's own optimum.

use super::*;

/// Whether [`advise_shares`] covers these settings: a unit share rule and no mentor minimum
/// (either objective; with `same_scope_only`, each scope on its own).
pub(super) fn shares_apply(cohort: &Cohort, settings: &Settings) -> bool {
    has_shares(settings)
        && settings.rules.min_mentees == 0
        && cohort
            .mentors
            .iter()
            .all(|m| m.min_mentees.unwrap_or(0) == 0)
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
    if !shares_apply(cohort, settings) {
        return Ok(None);
    }
    shares_outcome(cohort, settings, roster).map(Outcome::into_advice)
}

/// [`advise_shares`] on settings it covers, saying why when it gives no advice.
pub(super) fn shares_outcome(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Outcome> {
    if roster.status != crate::solve::Status::Optimal {
        return Ok(Outcome::NotComputed(NoAdvice::SharesRosterUnproven));
    }
    let work = resolve_work(cohort, settings, roster);
    if work > SEARCH_BUDGET_SHARES {
        return Ok(Outcome::NotComputed(NoAdvice::SharesOverBudget {
            work,
            budget: SEARCH_BUDGET_SHARES,
        }));
    }
    let unproven = Outcome::NotComputed(NoAdvice::SharesOptimumUnproven);
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
    let jobs = slot_jobs(&typical);
    let (mentors, grown) = if settings.eligibility.same_scope_only {
        let gains = gains_by_scope(cohort, &typical, |sub, (mentees, _, _), joiners| {
            let guess = lowest_score(mentees.iter().map(|&i| &roster.pairs[i]));
            share_gains(sub, settings, &joiners, guess)
        })?;
        match gains {
            Some(gains) => gains,
            None => return Ok(unproven),
        }
    } else {
        match share_gains(cohort, settings, &typical, lowest_score(&roster.pairs))? {
            Some((mentors, _, grown)) => (mentors, grown),
            None => return Ok(unproven),
        }
    };
    Ok(Outcome::Given(changed_advice(
        roster, mentors, typical, &jobs, &grown,
    )))
}

/// The gains of every scope's own problem, in the cohort's order: one more slot per mentor
/// (file order; a mentor of a scope without mentees gains nothing) and each typical mentor's
/// slots in turn (a typical mentor placed in a scope without mentees adds nothing).
/// `part_gains` gives a scope's gains on its own cohort, with the typical mentors placed in
/// it (as [`share_gains`] does); `None` when a scope's are not proven.
pub(super) fn gains_by_scope(
    cohort: &Cohort,
    typical: &[TypicalMentor],
    part_gains: impl Fn(&Cohort, &Members, Vec<TypicalMentor>) -> Result<Option<SharedGains>> + Sync,
) -> Result<Option<(Vec<Gain>, Vec<Gain>)>> {
    let results: Vec<Option<(Members, SharedGains)>> = scope_parts(cohort, typical)
        .into_par_iter()
        .map(|(_, members)| {
            let sub = cohort.subset(&members.0, &members.1);
            let joiners: Vec<TypicalMentor> =
                members.2.iter().map(|&u| typical[u].clone()).collect();
            Ok(part_gains(&sub, &members, joiners)?.map(|gains| (members, gains)))
        })
        .collect::<Result<_>>()?;
    let mut mentors = vec![Gain::default(); cohort.mentors.len()];
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
    Ok(Some((mentors, slots.into_iter().flatten().collect())))
}

/// The changes of [`advise_any`]'s re-solves and searches for these typical mentors: each
/// unit `u` with its typical mentor given `s` slots, for `s` from 1 to its capacity.
pub(super) fn slot_jobs(typical: &[TypicalMentor]) -> Vec<(usize, u32)> {
    typical
        .iter()
        .enumerate()
        .flat_map(|(u, t)| (1..=t.mentor.capacity.unwrap_or(0)).map(move |s| (u, s)))
        .collect()
}

/// The lowest score among these pairs (`None` without any).
pub(super) fn lowest_score<'a>(pairs: impl IntoIterator<Item = &'a Option<Pair>>) -> Option<f64> {
    pairs
        .into_iter()
        .flatten()
        .map(|p| p.score.score)
        .min_by(f64::total_cmp)
}

/// What [`share_gains`] gives: the gain of one more slot per mentor (file order), the jobs
/// of the typical mentors (as [`slot_jobs`]), and the gain of each job.
pub(super) type SharedGains = (Vec<Gain>, Vec<(usize, u32)>, Vec<Gain>);

/// The gains under unit shares of one problem (the whole cohort, or one scope's): one more
/// slot for each of the cohort's mentors, and each `typical` mentor joining it with 1, 2, …
/// slots, each the change between the proven optima of the problem and of the changed one
/// (see [`advise_shares`]). Under the fair objective the optima are the fair ones, whose
/// threshold search starts at `guess` (the roster's lowest score). `None` when one of those
/// optima is not proven.
pub(super) fn share_gains(
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
    let mip = (
        settings.solver.mip_pairs.min(RESOLVE_MIP_PAIRS),
        RESOLVE_SECONDS,
    );
    let optima = if settings.rules.objective == crate::settings::Objective::Fair {
        model.fair_share_optima(&settings.solver, &absent, &changes, mip, guess)?
    } else {
        model.share_optima(&settings.solver, &absent, &changes, mip)?
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
