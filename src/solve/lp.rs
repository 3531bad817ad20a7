//! The assignment as a linear program, stated once with good_lp.
//!
//! Variables `x_e ∈ [0, 1]` per eligible pair; `Σ_e∋i x_e ≤ 1` per mentee and
//! `Σ_e∋j x_e ≤ capacity_j` per mentor. Stage one maximises `Σ x_e` (matched mentees); stage
//! two adds `Σ x_e ≥ k*` and maximises `Σ s_e x_e`. Both constraint matrices are network
//! matrices with integer right-hand sides, so the simplex optimum is a vertex with 0/1
//! values; that is checked, not assumed.
//!
//! The backend is microlp (pure Rust, builds anywhere) unless the crate is built with the
//! `highs` feature, which uses HiGHS (needs cmake and a C++ compiler) and is much faster.

use good_lp::{
    constraint, variable, Expression, ProblemVariables, ResolutionError, Solution as _,
    SolutionStatus, SolverModel, Variable,
};

use super::{Problem, Status};
use crate::error::{Error, Result};

/// Name of the LP backend compiled in.
#[cfg(feature = "highs")]
pub const BACKEND: &str = "highs";
/// Name of the LP backend compiled in.
#[cfg(not(feature = "highs"))]
pub const BACKEND: &str = "microlp";

/// Values closer than this to 0 or 1 count as integral.
const INTEGRAL_TOLERANCE: f64 = 1e-6;

/// Solves the problem as two LPs; returns per mentee its chosen edge and the status.
pub fn solve(problem: &Problem) -> Result<(Vec<Option<usize>>, Status)> {
    if problem.n_edges() == 0 {
        return Ok((vec![None; problem.n_mentees()], Status::Optimal));
    }
    let (values, status1) = stage(problem, None)?;
    let matched: f64 = values.iter().sum();
    let k = matched.round();
    let (values, status2) = stage(problem, Some(k))?;
    let status = if status1 == Status::Optimal && status2 == Status::Optimal {
        Status::Optimal
    } else {
        Status::TimeLimit
    };
    let mut edge_of = vec![None; problem.n_mentees()];
    for (i, slot) in edge_of.iter_mut().enumerate() {
        for e in problem.edges(i) {
            let v = values[e];
            if v > INTEGRAL_TOLERANCE && v < 1.0 - INTEGRAL_TOLERANCE {
                return Err(Error::Solver(format!(
                    "the LP answer is fractional ({v}) on pair {e}"
                )));
            }
            if v > 0.5 {
                *slot = Some(e);
            }
        }
    }
    Ok((edge_of, status))
}

/// One LP: maximise the count (`min_count` is `None`) or the score with `Σx ≥ min_count`.
fn stage(problem: &Problem, min_count: Option<f64>) -> Result<(Vec<f64>, Status)> {
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = (0..problem.n_edges())
        .map(|_| vars.add(variable().min(0).max(1)))
        .collect();
    let count: Expression = x.iter().sum();
    let objective: Expression = match min_count {
        None => count.clone(),
        Some(_) => x.iter().zip(&problem.score).map(|(&v, &s)| s * v).sum(),
    };
    let mut model = vars.maximise(objective).using(backend());
    for i in 0..problem.n_mentees() {
        let range = problem.edges(i);
        if range.len() > 1 {
            let row: Expression = x[range].iter().sum();
            model = model.with(constraint!(row <= 1));
        } else if let Some(e) = range.clone().next() {
            model = model.with(constraint!(x[e] <= 1));
        }
    }
    let mut per_mentor: Vec<Expression> = vec![Expression::default(); problem.n_mentors()];
    for (e, &j) in problem.mentor.iter().enumerate() {
        per_mentor[j as usize] += x[e];
    }
    for (j, row) in per_mentor.into_iter().enumerate() {
        let cap = problem.capacity[j] as f64;
        model = model.with(constraint!(row <= cap));
    }
    if let Some(k) = min_count {
        model = model.with(constraint!(count >= k));
    }
    let solution = model.solve().map_err(describe)?;
    let status = match solution.status() {
        SolutionStatus::Optimal => Status::Optimal,
        _ => Status::TimeLimit,
    };
    Ok((x.iter().map(|&v| solution.value(v)).collect(), status))
}

#[cfg(not(feature = "highs"))]
fn backend(
) -> impl Fn(good_lp::variable::UnsolvedProblem) -> good_lp::solvers::microlp::MicroLpProblem {
    good_lp::solvers::microlp::microlp
}

#[cfg(feature = "highs")]
fn backend() -> impl Fn(good_lp::variable::UnsolvedProblem) -> good_lp::solvers::highs::HighsProblem
{
    good_lp::solvers::highs::highs
}

fn describe(error: ResolutionError) -> Error {
    Error::Solver(format!("{BACKEND}: {error}"))
}
