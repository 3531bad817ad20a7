//! The fair optima at the new thresholds, one network solve per distinct threshold, and the
//! gains as changes of the optimum at the roster's threshold.

use super::{key, FairGains, Job};
use crate::error::{Error, Result};
use crate::solve::slots::{covering, duals_cover, AddedMentor, Duals, Gain, SlotValues};
use crate::solve::Problem;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The fair optimum at each job's new threshold with its slots added, one network solve per
/// distinct threshold (shared by the jobs there), and the gains as changes of the optimum at
/// the roster's threshold `t`, where it matches `c`: each job comes with the count its
/// threshold must reach, which is checked. `duals`, where they certify `edge_of` at `t`,
/// spare that threshold's solve.
pub(super) fn fair_values(
    problem: &Problem,
    base: &[f64],
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
    duals: Option<&Duals>,
    (t, c): (f64, usize),
    jobs: Vec<(Job, f64, usize)>,
) -> Result<FairGains> {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    // The new optima, one network solve per distinct threshold.
    let mut groups: BTreeMap<u64, (f64, Vec<usize>)> = BTreeMap::new();
    groups.entry(key(t)).or_insert((t, Vec::new()));
    for (k, &(_, tau, _)) in jobs.iter().enumerate() {
        groups
            .entry(key(tau))
            .or_insert((tau, Vec::new()))
            .1
            .push(k);
    }
    let costing = covering(problem, added);
    let groups: Vec<(f64, Vec<usize>)> = groups.into_values().collect();
    type Solved = (f64, (usize, f64), bool, Vec<(usize, (usize, f64))>);
    let solved: Vec<Solved> = groups
        .par_iter()
        .map(|(tau, members)| -> Result<Solved> {
            let tau = *tau;
            let (sub, index) = problem.restricted(|e| base[e] >= tau, |e| problem.score[e]);
            let mut sub_edge = vec![None; problem.n_edges()];
            for (k, &e) in index.iter().enumerate() {
                sub_edge[e] = Some(k);
            }
            let given: Vec<Option<usize>> = if key(tau) == key(t) {
                edge_of
                    .iter()
                    .map(|e| e.and_then(|e| sub_edge[e]))
                    .collect()
            } else {
                vec![None; n]
            };
            let report: Vec<f64> = index.iter().map(|&e| base[e]).collect();
            // An added mentor's pairs at this threshold (with their bonus).
            let at_tau = |a: &AddedMentor| at_level(a, tau);
            let certified = match duals {
                Some(d)
                    if key(tau) == key(t)
                        && duals_cover(&sub, d, &added.iter().map(at_tau).collect::<Vec<_>>()) =>
                {
                    SlotValues::certified_reporting(&sub, &given, d, report.clone())?
                }
                _ => None,
            };
            let values = match certified {
                Some(v) => v,
                None => SlotValues::reporting(&sub, &given, costing, report)?,
            };
            let at = values.base_value();
            let gains = if members.iter().any(|&k| matches!(jobs[k].0, Job::Mentor(_))) {
                values.mentor_gains()
            } else {
                Vec::new()
            };
            // An added mentor's slots at this threshold, searched once for all its jobs here:
            // the first s of its slots are what it adds with s slots.
            let mut slots: BTreeMap<usize, Vec<Gain>> = BTreeMap::new();
            let results = members
                .iter()
                .map(|&k| {
                    let g = match jobs[k].0 {
                        Job::Mentor(j) => gains[j],
                        Job::Added(q, s) => {
                            let found = slots
                                .entry(q)
                                .or_insert_with(|| values.added_mentor(&at_tau(&added[q])));
                            Gain::total(&found[..found.len().min(s as usize)])
                        }
                    };
                    (k, (at.0 + g.extra_matched as usize, at.1 + g.extra_score))
                })
                .collect();
            Ok((tau, at, values.from_given(), results))
        })
        .collect::<Result<_>>()?;
    let mut value = vec![(0usize, 0.0f64); jobs.len()];
    let mut before = (0usize, 0.0f64);
    let mut from_given = true;
    for (tau, at, given, results) in solved {
        if key(tau) == key(t) {
            before = at;
            from_given = given;
        }
        for (k, v) in results {
            value[k] = v;
        }
    }
    if before.0 != c {
        return Err(Error::Solver(format!(
            "the fair optimum matches {} at its threshold, not {c}",
            before.0
        )));
    }
    let change = |v: (usize, f64)| Gain {
        extra_matched: (v.0 - c) as u32,
        extra_score: v.1 - before.1,
    };
    let mut mentors = vec![Gain::default(); m];
    // Per added mentor, its gain with 1, 2, … slots (none where no slot matches anybody).
    let mut cumulative: Vec<Vec<Gain>> = added
        .iter()
        .map(|a| vec![Gain::default(); a.capacity as usize])
        .collect();
    for (k, &(job, _, target)) in jobs.iter().enumerate() {
        if value[k].0 != target {
            return Err(Error::Solver(format!(
                "a new fair threshold matches {} instead of {target}",
                value[k].0
            )));
        }
        match job {
            Job::Mentor(j) => mentors[j] = change(value[k]),
            Job::Added(q, s) => cumulative[q][s as usize - 1] = change(value[k]),
        }
    }
    let added = cumulative.iter().map(|g| Gain::marginals(g)).collect();
    Ok(FairGains {
        mentors,
        added,
        from_given,
    })
}

/// An added mentor's pairs scoring at least `tau`, with the bonus of those kept.
pub(super) fn at_level(a: &AddedMentor, tau: f64) -> AddedMentor {
    let kept: Vec<usize> = (0..a.pairs.len())
        .filter(|&k| a.pairs[k].1 >= tau)
        .collect();
    AddedMentor {
        pairs: kept.iter().map(|&k| a.pairs[k]).collect(),
        capacity: a.capacity,
        bonus: if a.bonus.is_empty() {
            Vec::new()
        } else {
            kept.iter().map(|&k| a.bonus[k]).collect()
        },
    }
}
