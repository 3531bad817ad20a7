//! Matching a cohort: score, build the graph, solve, and gather the roster's figures.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::Result;
use crate::graph::MatchGraph;
use crate::model::Cohort;
use crate::score::{PairScore, Scorer};
use crate::settings::{Settings, SolverChoice};
use crate::solve::{self, Status};

/// Why a mentee has no mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unmatched {
    /// No mentor is eligible for this mentee (grade gap, or only themselves).
    NoEligibleMentor,
    /// Every eligible mentor is full with mentees who count for more in the optimum.
    EligibleMentorsFull,
}

impl Unmatched {
    /// The reason in words, as shown in the roster.
    pub fn as_str(self) -> &'static str {
        match self {
            Unmatched::NoEligibleMentor => "no eligible mentor",
            Unmatched::EligibleMentorsFull => "every eligible mentor full",
        }
    }
}

/// A mentee's mentor and the pair's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pair {
    /// The mentor's index in the mentors file.
    pub mentor: usize,
    /// The pair's score, term by term.
    pub score: PairScore,
}

/// Wall-clock time of the stages of a match.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Timings {
    /// Scoring the pairs and building the graph, in seconds.
    pub graph_seconds: f64,
    /// Solving the assignment, in seconds.
    pub solve_seconds: f64,
}

/// A solved roster, in the order of the input files.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// Per mentee (file order), the pair or `None`.
    pub pairs: Vec<Option<Pair>>,
    /// Per unmatched mentee (file order), why; `None` for matched mentees.
    pub unmatched: Vec<Option<Unmatched>>,
    /// Capacity of each mentor (file order), defaults applied.
    pub capacity: Vec<u32>,
    /// Mentees assigned to each mentor (file order).
    pub load: Vec<u32>,
    /// Number of eligible pairs.
    pub eligible_pairs: usize,
    /// How the solve ended.
    pub status: Status,
    /// The method used.
    pub method: SolverChoice,
    /// A short account of the solver's work.
    pub solver_detail: String,
    /// Time taken by the stages.
    pub timings: Timings,
}

impl Roster {
    /// Number of matched mentees.
    pub fn matched(&self) -> usize {
        self.pairs.iter().flatten().count()
    }

    /// Sum of the matched pairs' scores.
    pub fn total_score(&self) -> f64 {
        self.pairs.iter().flatten().map(|p| p.score.score).sum()
    }

    /// Number of unmatched mentees with a given reason.
    pub fn unmatched_count(&self, reason: Unmatched) -> usize {
        self.unmatched
            .iter()
            .filter(|r| **r == Some(reason))
            .count()
    }

    /// Number of mentors with at least one mentee.
    pub fn mentors_used(&self) -> usize {
        self.load.iter().filter(|&&l| l > 0).count()
    }
}

/// The capacity of each mentor (file order), with the default for empty cells.
pub fn capacities(cohort: &Cohort, settings: &Settings) -> Vec<u32> {
    cohort
        .mentors
        .iter()
        .map(|m| m.capacity.unwrap_or(settings.capacity))
        .collect()
}

/// Scores, builds the graph and solves: the whole match of a cohort.
pub fn match_cohort(cohort: &Cohort, settings: &Settings) -> Result<Roster> {
    let started = Instant::now();
    let scorer = Scorer::new(cohort, settings);
    let graph = MatchGraph::build(cohort, &scorer);
    let capacity = capacities(cohort, settings);
    let problem = graph.problem(&capacity);
    let graph_time = started.elapsed();

    let started = Instant::now();
    let solution = solve::solve(&problem, settings.solver)?;
    let solve_time = started.elapsed();

    let mut pairs = vec![None; cohort.mentees.len()];
    let mut unmatched = vec![None; cohort.mentees.len()];
    let mut load = vec![0u32; cohort.mentors.len()];
    for (k, &i) in graph.mentee_order.iter().enumerate() {
        match solution.edge_of[k] {
            Some(e) => {
                let (mentor, score) = graph.pair(e);
                load[mentor] += 1;
                pairs[i] = Some(Pair { mentor, score });
            }
            None if problem.edges(k).is_empty() => unmatched[i] = Some(Unmatched::NoEligibleMentor),
            None => unmatched[i] = Some(Unmatched::EligibleMentorsFull),
        }
    }
    Ok(Roster {
        pairs,
        unmatched,
        capacity,
        load,
        eligible_pairs: graph.pair_count(),
        status: solution.status,
        method: solution.method,
        solver_detail: solution.detail,
        timings: Timings {
            graph_seconds: seconds(graph_time),
            solve_seconds: seconds(solve_time),
        },
    })
}

fn seconds(d: Duration) -> f64 {
    d.as_secs_f64()
}
