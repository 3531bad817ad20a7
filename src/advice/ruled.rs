//! The advice under the planner's rules whose problem stays a network (locks, forbids,
//! unit-only rules, hours, continuity, minimums, the fair objective).

use super::*;
use crate::model::index::ProblemMentee;

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
    if settings.eligibility.same_scope_only {
        return advise_ruled_by_scope(cohort, settings, roster);
    }
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
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
pub(super) fn advise_ruled_by_scope(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
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
pub(super) fn scope_parts(cohort: &Cohort, typical: &[TypicalMentor]) -> Vec<(String, Members)> {
    let mut parts: BTreeMap<String, Members> = crate::plan::scope_members(cohort)
        .into_iter()
        .map(|(key, (mentees, mentors))| (key, (mentees, mentors, Vec::new())))
        .collect();
    for (u, t) in typical.iter().enumerate() {
        let key = t.mentor.scope.as_deref().map(unit_key).unwrap_or_default();
        if let Some(part) = parts.get_mut(&key) {
            part.2.push(u);
        }
    }
    parts.into_iter().collect()
}

/// A part's members: its mentees, its mentors, the typical mentors it takes.
pub(super) type Members = (Vec<usize>, Vec<usize>, Vec<usize>);

/// The gains under the network rules for the cohort's mentors (in node order, which is
/// returned with them) and for the `typical` mentors joining it, from the roster's `pairs`
/// (file indices) and, where they certify it, the `duals` its match kept over the rules'
/// problem. `None` where [`advise_ruled`] gives none.
pub(super) fn ruled_gains(
    cohort: &Cohort,
    settings: &Settings,
    pairs: &[Option<Pair>],
    typical: &[TypicalMentor],
    duals: Option<&crate::solve::slots::Duals>,
) -> Result<Option<(Vec<usize>, ProblemAdvice)>> {
    let fair = settings.rules.objective == crate::settings::Objective::Fair;
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
    let file_mentee = |pi: usize| graph.mentee_file(model.mentee_of(ProblemMentee(pi)));
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
                .unwrap_or(settings.rules.min_mentees);
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
            && size <= SOLVE_AGAIN_UP_TO.saturating_mul(settings.solver.price_above);
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
