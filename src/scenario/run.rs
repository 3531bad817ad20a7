//! Running scenarios in parallel (rayon), one result per scenario, in file order.

use std::time::Instant;

use rayon::prelude::*;

use super::Scenario;
use crate::advice::{advise_plan, Advice, Outcome};
use crate::model::Cohort;
use crate::plan::Plan;
use crate::robust::{perturbation_survival, Robustness};
use crate::roster::{match_plan, Roster};

/// What one scenario gave: its roster, or the reason it failed. A failed scenario never stops
/// the others.
#[derive(Debug, Clone)]
pub struct ScenarioOutcome {
    /// The scenario.
    pub scenario: Scenario,
    /// The roster, or why there is none.
    pub result: Result<Roster, String>,
    /// Wall-clock seconds the scenario took.
    pub seconds: f64,
    /// What one more slot or mentor is worth (absent when the scenario has rules or failed).
    pub advice: Option<Advice>,
    /// Survival of each pair when the weights move (with `--perturb`), or why it failed.
    pub robustness: Option<Result<Robustness, String>>,
}

/// Runs every scenario on the cohort in parallel and returns the outcomes in the scenarios'
/// order. `on_done` is called (from worker threads) with each scenario's name as it finishes.
///
/// The rosters do not depend on the number of threads: each scenario is solved on its own,
/// deterministically, and the results are collected in order.
pub fn run_scenarios(
    cohort: &Cohort,
    scenarios: &[Scenario],
    on_done: &(dyn Fn(&str) + Sync),
) -> Vec<ScenarioOutcome> {
    run_scenarios_perturbed(cohort, scenarios, None, on_done)
}

/// [`run_scenarios`], and with `perturb = Some(fraction)` each successful scenario is also
/// re-solved with each weight moved up and down by that fraction (see
/// [`crate::robust::perturbation_survival`]).
pub fn run_scenarios_perturbed(
    cohort: &Cohort,
    scenarios: &[Scenario],
    perturb: Option<f64>,
    on_done: &(dyn Fn(&str) + Sync),
) -> Vec<ScenarioOutcome> {
    scenarios
        .par_iter()
        .map(|scenario| {
            let started = Instant::now();
            let plan = Plan::new(cohort, &scenario.settings);
            let result = match_plan(cohort, &scenario.settings, &plan).map_err(|e| e.to_string());
            let seconds = started.elapsed().as_secs_f64();
            let advice = match &result {
                Ok(roster) => advise_plan(cohort, &scenario.settings, &plan, roster)
                    .ok()
                    .and_then(Outcome::into_advice),
                Err(_) => None,
            };
            let robustness = match (&result, perturb) {
                (Ok(roster), Some(f)) => Some(
                    perturbation_survival(cohort, &scenario.settings, roster, f)
                        .map_err(|e| e.to_string()),
                ),
                _ => None,
            };
            on_done(&scenario.name);
            ScenarioOutcome {
                scenario: scenario.clone(),
                result,
                seconds,
                advice,
                robustness,
            }
        })
        .collect()
}
