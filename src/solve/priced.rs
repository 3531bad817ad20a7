//! Pricing instead of materialising: solve on a sparse set of candidate pairs, then check
//! every omitted pair against the duals, add those that could improve the roster, and solve
//! again, until none remains.
//!
//! The network method ends with duals `a_i`, `b_j` such that `cost_ij + a_i + b_j >= 0` on
//! every pair of the problem without flow. When that also holds for every eligible pair that
//! was left out, the same duals certify the roster optimal for the full graph: a pair left
//! out could not lower the cost. Costs come from one [`Costing`] computed over *all* eligible
//! pairs, and the full degrees size the units to place, so the sparse and full problems
//! share the same objective.
//!
//! Each round scores every eligible pair once (in parallel), in `O(N·M·K)` time for `K`
//! competencies, but keeps only `O(N·candidates)` pairs in memory.

use rayon::prelude::*;

use super::network::{solve_with, Costing, FullDegrees, NetworkSolution};
use super::Problem;
use crate::error::Result;

/// Where the pairs come from when they are not all kept in memory.
pub trait PairSource: Sync {
    /// Number of mentees.
    fn n_mentees(&self) -> usize;
    /// Number of mentors.
    fn n_mentors(&self) -> usize;
    /// Calls `f(mentor, score)` for every eligible pair of a mentee, mentors in increasing
    /// index order.
    fn pairs(&self, mentee: usize, f: &mut dyn FnMut(u32, f64));
    /// Calls `f(mentee, score)` for every eligible pair of a mentor, mentees in increasing
    /// index order.
    fn mentor_pairs(&self, mentor: usize, f: &mut dyn FnMut(u32, f64));
}

impl PairSource for Problem {
    fn n_mentees(&self) -> usize {
        Problem::n_mentees(self)
    }
    fn n_mentors(&self) -> usize {
        Problem::n_mentors(self)
    }
    fn pairs(&self, mentee: usize, f: &mut dyn FnMut(u32, f64)) {
        for e in self.edges(mentee) {
            f(self.mentor[e], self.score[e]);
        }
    }
    /// `O(E)` per call: meant for small problems and tests.
    fn mentor_pairs(&self, mentor: usize, f: &mut dyn FnMut(u32, f64)) {
        for i in 0..Problem::n_mentees(self) {
            for e in self.edges(i) {
                if self.mentor[e] as usize == mentor {
                    f(i as u32, self.score[e]);
                }
            }
        }
    }
}

/// The result of a priced solve.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    /// The final candidate pairs per mentee, `(mentor, score)` in increasing mentor order.
    pub candidates: Vec<Vec<(u32, f64)>>,
    /// The problem built from the candidates (its edges are the candidates, mentee by mentee).
    pub problem: Problem,
    /// The solution on that problem.
    pub solution: NetworkSolution,
    /// Eligible mentors per mentee in the full graph.
    pub mentee_degree: Vec<usize>,
    /// All eligible pairs.
    pub eligible_pairs: usize,
    /// Solves done (1 when the first candidates were enough).
    pub rounds: usize,
    /// Pairs added by pricing over all rounds.
    pub added: usize,
    /// The costing of every eligible pair, in which the solution's duals certify it optimal
    /// over all of them.
    pub costing: Costing,
}

/// Best mentees per mentor that join the candidates: `2 × capacity + 8`.
pub fn default_mentor_candidates(capacity: u32) -> usize {
    2 * capacity as usize + 8
}

/// What one pass over all pairs of a mentee finds.
struct Scan {
    best: Vec<(u32, f64)>,
    degree: usize,
    s_min: f64,
    s_max: f64,
}

/// Solves with `candidates` best pairs per mentee to start with (ties spread over the
/// mentors by a per-mentee rotation), and each mentor's `mentor_candidates(capacity)` best mentees,
/// pricing in the rest. Proven optimal for all eligible pairs.
///
/// `mentor_candidates(capacity)` is how many best mentees of a mentor join the candidates
/// ([`default_mentor_candidates`] in the roster).
pub fn solve_priced(
    source: &dyn PairSource,
    capacity: &[u32],
    candidates: usize,
    mentor_candidates: &(dyn Fn(u32) -> usize + Sync),
) -> Result<Priced> {
    let n = source.n_mentees();
    let m = source.n_mentors();
    let k = candidates.max(1);
    let scans: Vec<Scan> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut all = Vec::new();
            let (mut s_min, mut s_max) = (f64::INFINITY, f64::NEG_INFINITY);
            source.pairs(i, &mut |j, s| {
                all.push((j, s));
                s_min = s_min.min(s);
                s_max = s_max.max(s);
            });
            let degree = all.len();
            if all.len() > k {
                // Equal scores are common (same unit, same workload, gaps fully covered): break
                // such ties by a rotation of the mentor index that differs per mentee, so that
                // the mentees of one unit do not all start from the same few mentors.
                let shift = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) % (m.max(1) as u64);
                let rotated = |j: u32| (j as u64 + shift) % (m.max(1) as u64);
                all.select_nth_unstable_by(k - 1, |a, b| {
                    b.1.total_cmp(&a.1).then(rotated(a.0).cmp(&rotated(b.0)))
                });
                all.truncate(k);
                // Give back the room of the other pairs: kept for every mentee, it would
                // hold all pairs in memory after all.
                all.shrink_to_fit();
            }
            all.sort_by_key(|&(j, _)| j);
            Scan {
                best: all,
                degree,
                s_min,
                s_max,
            }
        })
        .collect();
    // Each mentor's best mentees join the candidates too, so that every mentor's slots are
    // within reach from the first round (mentors nobody ranks first would stay idle).
    let per_mentor: Vec<(usize, Vec<u32>)> = (0..m)
        .into_par_iter()
        .map(|j| {
            let mut all: Vec<(u32, f64)> = Vec::new();
            source.mentor_pairs(j, &mut |i, s| all.push((i, s)));
            let degree = all.len();
            let keep = mentor_candidates(capacity[j]).min(all.len());
            if keep > 0 && all.len() > keep {
                all.select_nth_unstable_by(keep - 1, |a, b| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                });
            }
            all.truncate(keep);
            (degree, all.into_iter().map(|(i, _)| i).collect())
        })
        .collect();
    let mentor_degree: Vec<usize> = per_mentor.iter().map(|(d, _)| *d).collect();
    let mut from_mentors: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (j, (_, mentees)) in per_mentor.iter().enumerate() {
        for &i in mentees {
            from_mentors[i as usize].push(j as u32);
        }
    }
    let s_min = scans.iter().map(|s| s.s_min).fold(f64::INFINITY, f64::min);
    let s_max = scans
        .iter()
        .map(|s| s.s_max)
        .fold(f64::NEG_INFINITY, f64::max);
    let units = n.max(capacity.iter().map(|&c| c as usize).sum());
    let costing = Costing::new(s_min, s_max, units as u64);
    let mentee_degree: Vec<usize> = scans.iter().map(|s| s.degree).collect();
    let eligible_pairs = mentee_degree.iter().sum();
    let mut lists: Vec<Vec<(u32, f64)>> = scans
        .into_par_iter()
        .zip(from_mentors)
        .enumerate()
        .map(|(i, (scan, extra))| {
            let mut list = scan.best;
            if !extra.is_empty() {
                let mut scores = Vec::new();
                source.pairs(i, &mut |j, s| {
                    if extra.binary_search(&j).is_ok() {
                        scores.push((j, s));
                    }
                });
                list.extend(scores);
                list.sort_by_key(|&(j, _)| j);
                list.dedup_by_key(|&mut (j, _)| j);
            }
            list
        })
        .collect();

    let mut rounds = 0;
    let mut added = 0;
    loop {
        rounds += 1;
        let problem = Problem::from_lists(capacity.to_vec(), &lists);
        let degrees = FullDegrees {
            mentee: &mentee_degree,
            mentor: &mentor_degree,
        };
        let solution = solve_with(&problem, costing, Some(degrees))?;
        let violators: Vec<Vec<(u32, f64)>> = (0..n)
            .into_par_iter()
            .map(|i| {
                let have = &lists[i];
                let a = solution.mentee_dual[i];
                let mut found: Vec<(i64, u32, f64)> = Vec::new();
                source.pairs(i, &mut |j, s| {
                    let reduced = costing.cost(s) + a + solution.mentor_dual[j as usize];
                    if reduced < 0 && have.binary_search_by_key(&j, |&(x, _)| x).is_err() {
                        found.push((reduced, j, s));
                    }
                });
                found.sort_by_key(|&(r, j, _)| (r, j));
                found.truncate(10 * k);
                found.into_iter().map(|(_, j, s)| (j, s)).collect()
            })
            .collect();
        let new: usize = violators.iter().map(Vec::len).sum();
        if new == 0 {
            return Ok(Priced {
                candidates: lists,
                problem,
                solution,
                mentee_degree,
                eligible_pairs,
                rounds,
                added,
                costing,
            });
        }
        added += new;
        for (list, more) in lists.iter_mut().zip(violators) {
            if !more.is_empty() {
                list.extend(more);
                list.sort_by_key(|&(j, _)| j);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pricing_brings_in_the_pair_that_matters() {
        // Two mentees, two mentors of capacity 1, one candidate each. Both prefer mentor 0;
        // mentee 1 has nowhere else, so mentee 0 must move to mentor 1, a pair that is not
        // among its first candidates: pricing must add it.
        let full = Problem::from_lists(vec![1, 1], &[vec![(0, 0.9), (1, 0.5)], vec![(0, 0.8)]]);
        let priced = solve_priced(&full, &[1, 1], 1, &|_| 0).unwrap();
        let mentors: Vec<Option<u32>> = priced
            .solution
            .edge_of
            .iter()
            .map(|e| e.map(|e| priced.problem.mentor[e]))
            .collect();
        assert_eq!(mentors, [Some(1), Some(0)]);
        assert_eq!(priced.rounds, 2);
        assert_eq!(priced.added, 1);
        assert_eq!(priced.eligible_pairs, 3);
    }
}
