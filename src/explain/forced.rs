//! The best roster holding a pair other than the chosen one: the pair forced on top of the
//! rules, and the closest rearrangement of the optimum that makes room for it.

use super::*;

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
    // moves of the other mentees, in the order of their ids (so that the chain takes, of two
    // mentees leaving one mentor, the same one whatever the row order), with their mentors
    // as file indices
    let (_, mentee_order) = crate::graph::canonical_orders(cohort);
    let mut moves: Vec<(Option<usize>, Option<usize>, Move)> = Vec::new();
    for &k in &mentee_order {
        let new = &forced_pairs[k];
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
pub(super) const KEEP_BONUS: f64 = 1e-7;

/// Among the optimal rosters of `sub` (the cohort without mentee `removed`), one that keeps
/// as many pairs of `roster` as it can, so that the chain shows the changes the forced pair
/// needs and not a rearrangement between equally good choices. Every pair of `roster` gets a
/// tiny bonus and the problem is solved again; the answer is kept only when its true
/// objective equals the exact optimum `rest`, else `rest` is used. Skipped (using `rest`)
/// above `price_above`, where the full list of pairs would be too large to hold.
pub(super) fn closest_rearrangement(
    sub: &Cohort,
    settings: &Settings,
    roster: &Roster,
    removed: usize,
    rest: &Roster,
) -> Result<Vec<Option<crate::roster::Pair>>> {
    let size = sub.mentees.len() as u64 * sub.mentors.len() as u64;
    if settings.eligibility.same_scope_only || size > settings.solver.price_above {
        return Ok(rest.pairs.clone());
    }
    let scorer = Scorer::new(sub, settings);
    // Solved in node order (people sorted by id), as the match is, so that which of several
    // equally close rosters comes out never depends on the order of the input rows.
    let (mentor_order, mentee_order) = crate::graph::canonical_orders(sub);
    let lists: Vec<Vec<(u32, f64)>> = mentee_order
        .par_iter()
        .map(|&k| {
            let original = if k < removed { k } else { k + 1 };
            let kept = roster.pairs[original].map(|p| p.mentor);
            mentor_order
                .iter()
                .enumerate()
                .filter(|&(_, &j)| scorer.eligible(k, j))
                .map(|(c, &j)| {
                    let bonus = if kept == Some(j) { KEEP_BONUS } else { 0.0 };
                    (c as u32, scorer.score(k, j).score + bonus)
                })
                .collect()
        })
        .collect();
    let all = crate::roster::capacities(sub, settings);
    let capacity = mentor_order.iter().map(|&j| all[j]).collect();
    let problem = crate::solve::Problem::from_lists(capacity, &lists);
    let solution = crate::solve::solve(&problem, crate::settings::SolverChoice::Network)?;
    let mut pairs: Vec<Option<crate::roster::Pair>> = vec![None; sub.mentees.len()];
    for (&k, e) in mentee_order.iter().zip(&solution.edge_of) {
        if let Some(e) = e {
            let j = mentor_order[problem.mentor[*e] as usize];
            pairs[k] = Some(crate::roster::Pair {
                mentor: j,
                score: scorer.score(k, j),
            });
        }
    }
    let matched = pairs.iter().flatten().count();
    let total: f64 = pairs.iter().flatten().map(|p| p.score.score).sum();
    if matched == rest.matched() && (total - rest.total_score()).abs() <= total_tolerance(sub) {
        Ok(pairs)
    } else {
        Ok(rest.pairs.clone())
    }
}
