//! The assignment: at most one mentor per mentee, at most `capacity` mentees per mentor,
//! lexicographic objective (first the most mentees matched, then the highest total score).
//!
//! Two exact methods solve the same linear program:
//! - [`network`]: min-cost flow by successive shortest paths with potentials. The LP's
//!   constraint matrix is a network matrix, so this solves it exactly and far faster than a
//!   general solver; it ends with an optimality certificate (non-negative reduced costs on
//!   every residual arc) that is checked before the answer is returned.
//! - [`lp`]: the LP stated once as a good_lp model (microlp by default, HiGHS with the
//!   `highs` feature), in two stages: maximise the matched count, then fix it and maximise
//!   the score.
//!
//! [`slots`] answers what one more slot is worth, exactly, from the residual graph of an
//! optimal assignment.

pub mod fair;
pub mod lp;
pub mod network;
pub mod priced;
pub mod slots;

use serde::Serialize;

use crate::error::Result;

/// Which exact method solves the assignment.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum SolverChoice {
    /// Min-cost flow by successive shortest paths with potentials (the default).
    #[default]
    Network,
    /// The linear program, solved through good_lp (microlp, or HiGHS with the `highs` feature).
    Lp,
}

/// An assignment instance in compact form: per mentee, its eligible mentors and their scores.
///
/// Edges are stored mentee by mentee (`offsets`), so edge `e` of mentee `i` lies in
/// `offsets[i]..offsets[i + 1]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problem {
    /// Capacity of each mentor.
    pub capacity: Vec<u32>,
    /// Start of each mentee's edges; `offsets.len()` is the number of mentees + 1.
    pub offsets: Vec<usize>,
    /// Mentor of each edge.
    pub mentor: Vec<u32>,
    /// Score of each edge.
    pub score: Vec<f64>,
}

impl Problem {
    /// Builds a problem from per-mentee lists of `(mentor, score)`.
    pub fn from_lists(capacity: Vec<u32>, lists: &[Vec<(u32, f64)>]) -> Problem {
        let mut p = Problem {
            capacity,
            offsets: Vec::with_capacity(lists.len() + 1),
            ..Problem::default()
        };
        p.offsets.push(0);
        for list in lists {
            for &(mentor, score) in list {
                p.mentor.push(mentor);
                p.score.push(score);
            }
            p.offsets.push(p.mentor.len());
        }
        p
    }

    /// The problem over the edges that `keep` holds, scored by `score`, with the same mentees,
    /// mentors and capacities; and for each of its edges, the edge of `self` it stands for.
    ///
    /// Complexity: `O(E)`.
    pub fn restricted(
        &self,
        keep: impl Fn(usize) -> bool,
        score: impl Fn(usize) -> f64,
    ) -> (Problem, Vec<usize>) {
        let mut sub = Problem {
            capacity: self.capacity.clone(),
            offsets: Vec::with_capacity(self.offsets.len()),
            ..Problem::default()
        };
        let mut index = Vec::new();
        sub.offsets.push(0);
        for i in 0..self.n_mentees() {
            for e in self.edges(i).filter(|&e| keep(e)) {
                index.push(e);
                sub.mentor.push(self.mentor[e]);
                sub.score.push(score(e));
            }
            sub.offsets.push(sub.mentor.len());
        }
        (sub, index)
    }

    /// Number of mentees.
    pub fn n_mentees(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of mentors.
    pub fn n_mentors(&self) -> usize {
        self.capacity.len()
    }

    /// Number of eligible pairs.
    pub fn n_edges(&self) -> usize {
        self.mentor.len()
    }

    /// The edge indices of a mentee.
    pub fn edges(&self, mentee: usize) -> std::ops::Range<usize> {
        self.offsets[mentee]..self.offsets[mentee + 1]
    }
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// Stopped by a time limit; the answer is feasible but not proven optimal.
    TimeLimit,
    /// Every rule holds but the answer is not proven optimal; the solver's detail gives the
    /// bounds it reached (the gap).
    Feasible,
    /// The rules cannot all hold; the roster holds only the locked pairs.
    Infeasible,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time limit",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
        })
    }
}

/// A solved assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Per mentee, the chosen edge (index into the problem's edges), or `None`.
    pub edge_of: Vec<Option<usize>>,
    /// Number of matched mentees.
    pub matched: usize,
    /// Sum of the chosen edges' scores.
    pub total_score: f64,
    /// How the solve ended.
    pub status: Status,
    /// The method used.
    pub method: SolverChoice,
    /// Which side the network method augmented from and how many augmentations it made
    /// (empty for the LP).
    pub detail: String,
}

impl Solution {
    /// A solution from the chosen edges; the count and total are computed from them.
    pub fn from_edges(
        problem: &Problem,
        edge_of: Vec<Option<usize>>,
        status: Status,
        method: SolverChoice,
        detail: String,
    ) -> Solution {
        let matched = edge_of.iter().flatten().count();
        let total_score = edge_of.iter().flatten().map(|&e| problem.score[e]).sum();
        Solution {
            edge_of,
            matched,
            total_score,
            status,
            method,
            detail,
        }
    }

    /// The mentor of each mentee, or `None`.
    pub fn mentor_of(&self, problem: &Problem) -> Vec<Option<u32>> {
        self.edge_of
            .iter()
            .map(|e| e.map(|e| problem.mentor[e]))
            .collect()
    }

    /// Number of mentees assigned to each mentor.
    pub fn loads(&self, problem: &Problem) -> Vec<u32> {
        let mut loads = vec![0; problem.n_mentors()];
        for e in self.edge_of.iter().flatten() {
            loads[problem.mentor[*e] as usize] += 1;
        }
        loads
    }
}

/// Solves a problem with the chosen method.
pub fn solve(problem: &Problem, method: SolverChoice) -> Result<Solution> {
    match method {
        SolverChoice::Network => {
            let (edge_of, detail) = network::solve(problem)?;
            Ok(Solution::from_edges(
                problem,
                edge_of,
                Status::Optimal,
                method,
                detail,
            ))
        }
        SolverChoice::Lp => {
            let (edge_of, status) = lp::solve(problem)?;
            Ok(Solution::from_edges(
                problem,
                edge_of,
                status,
                method,
                String::new(),
            ))
        }
    }
}

/// Checks that an assignment respects both sides' limits; returns a description of the first
/// violation found.
pub fn check_feasible(problem: &Problem, edge_of: &[Option<usize>]) -> Result<(), String> {
    if edge_of.len() != problem.n_mentees() {
        return Err("one entry per mentee expected".into());
    }
    let mut loads = vec![0u32; problem.n_mentors()];
    for (mentee, edge) in edge_of.iter().enumerate() {
        if let Some(e) = *edge {
            if !problem.edges(mentee).contains(&e) {
                return Err(format!(
                    "mentee {mentee} given edge {e} that is not its own"
                ));
            }
            let m = problem.mentor[e] as usize;
            loads[m] += 1;
            if loads[m] > problem.capacity[m] {
                return Err(format!("mentor {m} over capacity"));
            }
        }
    }
    Ok(())
}
