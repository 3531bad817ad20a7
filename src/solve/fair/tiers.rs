//! What one more slot is worth under the fair objective with minimums: the jobs' thresholds
//! found together by probes that gallop, then halve.

use super::values::fair_values;
use super::{distinct_scores, key, level_of, levels, FairGains, Job};
use crate::error::Result;
use crate::solve::network::Costing;
use crate::solve::slots::{AddedMentor, Gain, SlotValues};
use crate::solve::Problem;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Which pairs fill minimum slots, for [`fair_tiered_gains`].
#[derive(Debug, Clone, Copy)]
pub struct Tiers<'a> {
    /// Per problem edge, whether it goes to a minimum part (a mentor's minimum slots).
    pub edge: &'a [bool],
    /// Per added mentor, whether it is a minimum part (a mentor's next minimum slot, whose
    /// pairs all fill it).
    pub added: &'a [bool],
    /// The mentor nodes `0..mentors` whose one more slot is asked; the gains of the other
    /// nodes (the minimum parts) are left at zero.
    pub mentors: usize,
}

/// The head of the objective with minimums: mentees matched, minimum slots filled.
pub(super) type Head = (usize, i64);

/// What one probe of [`fair_tiered_gains`] gives at a threshold: the head of the pairs
/// scoring at least it, the gain of one more slot of each mentor node (when asked), and the
/// gains of an added mentor's slots in turn (for those asked).
pub(super) struct HeadProbe {
    head: Head,
    mentors: Vec<Gain>,
    added: BTreeMap<usize, Vec<Gain>>,
}

/// Where the threshold search of one group of jobs stands: `lo` is the highest candidate
/// known to keep their heads, `hi` the lowest known to lose them (or past the end), and the
/// next probe gallops up from `lo`, down from `hi`, or halves the interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Step {
    Up(usize),
    Down(usize),
    Halve,
}

/// A group's search: `(lo, hi, next step)`, see [`Step`].
pub(super) type Standing = (usize, usize, Step);

/// [`fair_gains`] under minimums: the head of the objective is then the matched count and,
/// after it, the minimum slots filled (`tiers` tells which pairs fill them), so the widest
/// paths of the count alone do not give the new thresholds. `problem`'s scores carry the
/// minimum slots' bonus (as [`crate::rules::solve::Model::tiered_problem`] gives them);
/// `base` is the score of each edge that the lowest score is measured on and the gains
/// report. An added mentor's bonus, where it has one, is that of its minimum slot.
///
/// For a mentor's one more slot, or an added mentor with `s` slots, `H(τ)`, the head of the
/// pairs scoring at least `τ` with the slots added, never rises with `τ`; the new threshold
/// is the highest level with `H` equal to its value over all pairs. One probe at `τ` (a
/// network solve of the pairs at least `τ` scored by whether they fill a minimum slot, then
/// [`SlotValues`] on it) gives `H(τ)` for every job at once, so the jobs search together:
/// in groups that share where they stand, galloping from the roster's lowest score, then
/// halving. A probe at any candidate (every job's levels together) narrows a job's search
/// over its own levels: keeping its head at `τ` keeps it at every level below. The new
/// optima are then those of [`fair_gains`]: one network solve per distinct threshold.
///
/// Complexity: one network solve per distinct probe, which is about the number of distinct
/// new thresholds times the logarithm of the number of levels, then one per new threshold.
///
/// [`fair_gains`]: super::fair_gains
pub fn fair_tiered_gains(
    problem: &Problem,
    base: &[f64],
    tiers: Tiers<'_>,
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
) -> Result<FairGains> {
    let n = problem.n_mentees();
    let raw = distinct_scores(base);
    // Each job's own levels (the mentors' are those of the problem, an added mentor's take
    // its scores too), and every level of them all: the candidates probed.
    let lv = levels(raw.iter().copied());
    let own: Vec<Vec<f64>> = added
        .iter()
        .map(|a| levels(raw.iter().copied().chain(a.pairs.iter().map(|p| p.1))))
        .collect();
    let mut candidates: Vec<f64> = lv.iter().chain(own.iter().flatten()).copied().collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup_by(|a, b| key(*a) == key(*b));
    if candidates.is_empty() {
        return fair_values(
            problem,
            base,
            edge_of,
            added,
            None,
            (f64::NEG_INFINITY, 0),
            vec![],
        );
    }
    let units = n.max(
        problem.capacity.iter().map(|&c| c as usize).sum::<usize>()
            + added.iter().map(|a| a.capacity as usize).sum::<usize>(),
    );
    // Pairs that fill a minimum slot score 1, the others 0: the network's optimum is the
    // head (most mentees, then most minimum slots).
    let costing = Costing::new(0.0, 1.0, units as u64);
    let filling = |yes: bool| f64::from(u8::from(yes));

    // The jobs: the roster itself (`None`, no slot added), each mentor's one more slot, each
    // added mentor with 1, 2, … slots.
    let mut jobs: Vec<Option<Job>> = vec![None];
    jobs.extend((0..tiers.mentors.min(problem.n_mentors())).map(|j| Some(Job::Mentor(j))));
    for (q, a) in added.iter().enumerate() {
        jobs.extend((1..=a.capacity).map(|s| Some(Job::Added(q, s))));
    }
    let probe = |tau: f64, mentors: bool, asked: &BTreeMap<usize, u32>| -> Result<HeadProbe> {
        let (sub, _) = problem.restricted(|e| base[e] >= tau, |e| filling(tiers.edge[e]));
        let values = SlotValues::new(&sub, &vec![None; n], costing)?;
        let (count, filled) = values.base_value();
        let added = asked
            .iter()
            .map(|(&q, &s)| {
                let a = &added[q];
                let at = AddedMentor {
                    pairs: a
                        .pairs
                        .iter()
                        .filter(|p| p.1 >= tau)
                        .map(|&(i, _)| (i, filling(tiers.added[q])))
                        .collect(),
                    capacity: s,
                    bonus: Vec::new(),
                };
                (q, values.added_mentor(&at))
            })
            .collect();
        Ok(HeadProbe {
            head: (count, filled.round() as i64),
            mentors: if mentors {
                values.mentor_gains()
            } else {
                Vec::new()
            },
            added,
        })
    };
    let head_of = |p: &HeadProbe, job: Option<Job>| -> Head {
        let g = match job {
            None => Gain::default(),
            Some(Job::Mentor(j)) => p.mentors[j],
            Some(Job::Added(q, s)) => {
                let slots = &p.added[&q];
                Gain::total(&slots[..slots.len().min(s as usize)])
            }
        };
        (
            p.head.0 + g.extra_matched as usize,
            p.head.1 + g.extra_score.round() as i64,
        )
    };
    // What a probe for these jobs must compute.
    let asks = |members: &[usize]| -> (bool, BTreeMap<usize, u32>) {
        let mut mentors = false;
        let mut asked: BTreeMap<usize, u32> = BTreeMap::new();
        for &k in members {
            match jobs[k] {
                Some(Job::Mentor(_)) => mentors = true,
                Some(Job::Added(q, s)) => {
                    let e = asked.entry(q).or_insert(0);
                    *e = (*e).max(s);
                }
                None => {}
            }
        }
        (mentors, asked)
    };

    // Every job's head over all pairs (the lowest candidate keeps them all).
    let all: Vec<usize> = (0..jobs.len()).collect();
    let (mentors, asked) = asks(&all);
    let first = probe(candidates[0], mentors, &asked)?;
    let target: Vec<Head> = jobs.iter().map(|&job| head_of(&first, job)).collect();

    // The searches start at the level of the roster's lowest score (the roster's threshold
    // when it is the fair optimum).
    let lowest = edge_of
        .iter()
        .flatten()
        .map(|&e| base[e])
        .fold(f64::INFINITY, f64::min);
    let start = if lowest.is_finite() {
        candidates
            .partition_point(|&l| l <= lowest)
            .saturating_sub(1)
    } else {
        0
    };
    let last = candidates.len();
    let mut groups: BTreeMap<Standing, Vec<usize>> = BTreeMap::new();
    if start == 0 {
        groups.insert((0, last, Step::Up(1)), all);
    } else {
        let (mentors, asked) = asks(&all);
        let at = probe(candidates[start], mentors, &asked)?;
        for k in all {
            let state = if head_of(&at, jobs[k]) == target[k] {
                (start, last, Step::Up(1))
            } else {
                (0, start, Step::Down(1))
            };
            groups.entry(state).or_default().push(k);
        }
    }
    let mut settled: Vec<usize> = vec![0; jobs.len()]; // per job, its highest candidate
    loop {
        // Each open group's next probe.
        let mut next: Vec<(Standing, usize, Vec<usize>)> = Vec::new();
        for ((lo, hi, step), members) in std::mem::take(&mut groups) {
            let step = match step {
                Step::Up(s) if lo + s < hi => Some((Step::Up(s), lo + s)),
                Step::Down(s) if hi > lo + s => Some((Step::Down(s), hi - s)),
                _ if hi - lo > 1 => Some((Step::Halve, lo + (hi - lo) / 2)),
                _ => None,
            };
            match step {
                Some((step, at)) => next.push(((lo, hi, step), at, members)),
                None => {
                    for k in members {
                        settled[k] = lo;
                    }
                }
            }
        }
        if next.is_empty() {
            break;
        }
        // One probe per candidate asked for, in parallel.
        let mut wanted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (_, at, members) in &next {
            wanted
                .entry(*at)
                .or_default()
                .extend(members.iter().copied());
        }
        let probes: BTreeMap<usize, HeadProbe> = wanted
            .into_par_iter()
            .map(|(at, members)| {
                let (mentors, asked) = asks(&members);
                Ok((at, probe(candidates[at], mentors, &asked)?))
            })
            .collect::<Result<_>>()?;
        for ((lo, hi, step), at, members) in next {
            let p = &probes[&at];
            for k in members {
                let state = if head_of(p, jobs[k]) == target[k] {
                    match step {
                        Step::Up(s) => (at, hi, Step::Up(2 * s)),
                        _ => (at, hi, Step::Halve),
                    }
                } else {
                    match step {
                        Step::Down(s) => (lo, at, Step::Down(2 * s)),
                        _ => (lo, at, Step::Halve),
                    }
                };
                groups.entry(state).or_default().push(k);
            }
        }
    }

    // Each job's threshold: its own highest level at most the highest candidate that keeps
    // its head.
    let level = |list: &[f64], at: usize| {
        if list.is_empty() {
            f64::NEG_INFINITY
        } else {
            level_of(list, candidates[at])
        }
    };
    let t = level(&lv, settled[0]);
    let c = target[0].0;
    let jobs = jobs
        .iter()
        .zip(&settled)
        .zip(&target)
        .filter_map(|((&job, &at), head)| {
            let job = job?;
            let list = match job {
                Job::Mentor(_) => &lv,
                Job::Added(q, _) => &own[q],
            };
            Some((job, level(list, at), head.0))
        })
        .collect();
    fair_values(problem, base, edge_of, added, None, (t, c), jobs)
}
