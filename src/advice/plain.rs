//! The advice without the planner's rules: the exact slot values of the assignment problem,
//! from the residual graph of its optimum.

use super::*;

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

pub(super) fn compute(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
    units: bool,
) -> Result<Advice> {
    let typical = if units {
        typical_mentors_for(cohort, settings, &roster.capacity)
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
            capacity: t.mentor.capacity.unwrap_or(settings.rules.capacity),
            bonus: Vec::new(),
        })
        .collect();
    let gains = advise_problem(&problem, &edge_of, &added)?;
    Ok(assemble(roster, &graph.mentor_order, typical, gains))
}

/// The advice of a roster from the gains of its problem (mentors in the graph's node order,
/// one added mentor per typical mentor).
pub(super) fn assemble(
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
pub(super) fn unit_entry(roster: &Roster, t: TypicalMentor, slots: Vec<Gain>) -> UnitAdvice {
    let total = Gain::total(&slots);
    UnitAdvice {
        unit: t.unit,
        scope: t.scope,
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
pub(super) fn roster_edges(
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
