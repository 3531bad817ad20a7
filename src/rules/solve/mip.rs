//! The integer program under the unit shares, stated with good_lp and solved in
//! lexicographic stages.

use good_lp::{
    constraint, variable, Expression, ProblemVariables, ResolutionError, Solution as _,
    SolutionStatus, SolverModel, Variable, WithTimeLimit,
};

use super::{Model, ShareRow, Stage};
use crate::error::{Error, Result};
use crate::settings::SolverSettings;
use crate::solve::{self, Status};

impl Model {
    /// Share rows: per unit with a share rule, its edges (within `mask`) and the share.
    /// A unit with locked pairs has a row even when none of its pairs is in `mask`: its
    /// locked pairs alone may break its share.
    pub(in crate::rules) fn share_rows(&self, mask: &[bool]) -> Vec<ShareRow> {
        let mut rows: std::collections::BTreeMap<u32, Vec<(usize, bool)>> = Default::default();
        for (u, &(locked, _)) in self.locked_per_unit.iter().enumerate() {
            if locked > 0 {
                rows.entry(u as u32).or_default();
            }
        }
        for (e, g) in self.share_group.iter().enumerate() {
            if let (Some((u, cross)), true) = (g, mask[e]) {
                rows.entry(*u).or_default().push((e, *cross));
            }
        }
        rows.into_iter()
            .filter_map(|(u, edges)| self.max_cross_share[u as usize].map(|f| (u, f, edges)))
            .collect()
    }

    /// The integer program over the pairs in `mask`, solved in lexicographic stages up to
    /// `last`: the most mentees, then the most minimum slots, then the highest score.
    pub(in crate::rules) fn mip(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        last: Stage,
    ) -> Result<(Vec<Option<usize>>, Status)> {
        let mut bounds: Vec<(Stage, f64)> = Vec::new();
        let mut result = None;
        let mut status = Status::Optimal;
        for stage in [Stage::Count, Stage::Tiers, Stage::Score] {
            if stage == Stage::Tiers && !self.has_tiers() {
                if last == Stage::Tiers {
                    break;
                }
                continue;
            }
            let (values, s) = match self.mip_stage(solver, mask, stage, &bounds)? {
                StageEnd::Solved(values, s) => (values, s),
                StageEnd::Infeasible => {
                    return Ok((vec![None; self.problem.n_mentees()], Status::Infeasible))
                }
                StageEnd::NoSolutionInTime => {
                    // Keep the previous stage's answer, or a repaired network roster.
                    status = Status::TimeLimit;
                    if result.is_none() {
                        return Ok(match self.repaired(solver, mask)? {
                            Some(edge_of) => (edge_of, Status::TimeLimit),
                            None => (vec![None; self.problem.n_mentees()], Status::Infeasible),
                        });
                    }
                    break;
                }
            };
            if s != Status::Optimal {
                status = s;
            }
            let value = self.stage_value(stage, &values);
            bounds.push((stage, value.round()));
            result = Some(values);
            if stage == last {
                break;
            }
        }
        let values = result.unwrap_or_default();
        let mut edge_of = vec![None; self.problem.n_mentees()];
        for (i, slot) in edge_of.iter_mut().enumerate() {
            *slot = self
                .problem
                .edges(i)
                .find(|&e| values.get(e).is_some_and(|&v| v > 0.5));
        }
        Ok((edge_of, status))
    }

    pub(super) fn stage_value(&self, stage: Stage, values: &[f64]) -> f64 {
        values
            .iter()
            .enumerate()
            .map(|(e, &v)| match stage {
                Stage::Count => v,
                Stage::Tiers => v * f64::from(u8::from(self.tier[e])),
                Stage::Score => v * self.problem.score[e],
            })
            .sum()
    }

    /// One stage of the integer program.
    pub(super) fn mip_stage(
        &self,
        solver: &SolverSettings,
        mask: &[bool],
        stage: Stage,
        bounds: &[(Stage, f64)],
    ) -> Result<StageEnd> {
        let p = &self.problem;
        let mut vars = ProblemVariables::new();
        let x: Vec<Option<Variable>> = (0..p.n_edges())
            .map(|e| mask[e].then(|| vars.add(variable().binary())))
            .collect();
        let used = || x.iter().enumerate().filter_map(|(e, v)| v.map(|v| (e, v)));
        let count: Expression = used().map(|(_, v)| v).sum();
        let tiers: Expression = used().filter(|&(e, _)| self.tier[e]).map(|(_, v)| v).sum();
        let objective: Expression = match stage {
            Stage::Count => count.clone(),
            Stage::Tiers => tiers.clone(),
            Stage::Score => used().map(|(e, v)| p.score[e] * v).sum(),
        };
        let mut model = vars
            .maximise(objective)
            .using(good_lp::solvers::microlp::microlp)
            .with_time_limit(solver.time_limit);
        for i in 0..p.n_mentees() {
            let row: Expression = p.edges(i).filter_map(|e| x[e]).sum();
            model = model.with(constraint!(row <= 1));
        }
        let mut per_mentor: Vec<Expression> = vec![Expression::default(); p.n_mentors()];
        for (e, v) in used() {
            per_mentor[p.mentor[e] as usize] += v;
        }
        for (j, row) in per_mentor.into_iter().enumerate() {
            let cap = f64::from(p.capacity[j]);
            model = model.with(constraint!(row <= cap));
        }
        for (u, f, edges) in self.share_rows(mask) {
            let (locked, locked_cross) = self.locked_per_unit[u as usize];
            let row: Expression = edges
                .iter()
                .filter_map(|&(e, cross)| x[e].map(|v| if cross { (1.0 - f) * v } else { -f * v }))
                .sum();
            let rhs = f * f64::from(locked) - f64::from(locked_cross);
            if edges.is_empty() {
                // No variable: the locked pairs alone keep the share or break it.
                if rhs + 1e-9 < 0.0 {
                    return Ok(StageEnd::Infeasible);
                }
                continue;
            }
            model = model.with(constraint!(row <= rhs + 1e-9));
        }
        for &(s, value) in bounds {
            match s {
                Stage::Count => model = model.with(constraint!(count.clone() >= value - 1e-6)),
                Stage::Tiers => model = model.with(constraint!(tiers.clone() >= value - 1e-6)),
                Stage::Score => {}
            }
        }
        let solution = match model.solve() {
            Ok(s) => s,
            Err(ResolutionError::Infeasible) => return Ok(StageEnd::Infeasible),
            Err(ResolutionError::Other(m)) if m.contains("Time limit") => {
                return Ok(StageEnd::NoSolutionInTime)
            }
            Err(e) => return Err(Error::Solver(format!("{}: {e}", solve::lp::BACKEND))),
        };
        let status = match solution.status() {
            SolutionStatus::Optimal => Status::Optimal,
            _ => Status::TimeLimit,
        };
        let values = x
            .iter()
            .map(|v| v.map_or(0.0, |v| solution.value(v)))
            .collect();
        Ok(StageEnd::Solved(values, status))
    }
}

/// How one stage of the integer program ended.
pub(super) enum StageEnd {
    /// With values per edge and a status.
    Solved(Vec<f64>, Status),
    /// The rules cannot all hold.
    Infeasible,
    /// The time limit came before any feasible answer.
    NoSolutionInTime,
}
