//! The comparison of scenarios: one row of figures per scenario, computed once and reused by
//! every export format.

use serde::Serialize;

use crate::model::Cohort;
use crate::roster::Roster;
use crate::scenario::ScenarioOutcome;

/// The figures of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioRow {
    /// Scenario name.
    pub scenario: String,
    /// Mentees with a mentor (absent when the scenario failed, as for every figure below).
    pub matched: Option<usize>,
    /// All mentees.
    pub mentees: usize,
    /// Matched mentees in percent of all mentees.
    pub coverage_pct: Option<f64>,
    /// Sum of the matched pairs' scores.
    pub total_score: Option<f64>,
    /// Mean score over matched mentees.
    pub mean_score: Option<f64>,
    /// Lowest score among matched mentees.
    pub min_score: Option<f64>,
    /// Mean complementarity over matched mentees.
    pub mean_complementarity: Option<f64>,
    /// Share (0-1) of matched pairs within one unit.
    pub same_unit_share: Option<f64>,
    /// Mentors with at least one mentee.
    pub mentors_used: Option<usize>,
    /// Largest number of mentees of one mentor.
    pub max_load: Option<u32>,
    /// Mean mentees per mentor, over all mentors.
    pub mean_load: Option<f64>,
    /// Standard deviation of the mentors' loads (population, over all mentors).
    pub load_std: Option<f64>,
    /// Gini coefficient of the mentors' loads (0 = all equal).
    pub load_gini: Option<f64>,
    /// Mentees whose mentor differs from the baseline's (the first scenario), counting a
    /// change between matched and unmatched.
    pub changed_vs_baseline: Option<usize>,
    /// Pairs of the previous roster (`previous`) that this scenario changed (absent without
    /// a previous roster).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_vs_previous: Option<usize>,
    /// Blocking pairs of the stability audit (absent when the audit does not run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocking_pairs: Option<usize>,
    /// Share (0-1) of mentees whose pair survives every moved weight (with `--perturb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robust_share: Option<f64>,
    /// `optimal`, `time limit`, `infeasible`, or `error: ...`.
    pub status: String,
    /// Wall-clock seconds (absent when outputs must be reproducible).
    pub seconds: Option<f64>,
}

/// The comparison of all scenarios of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The baseline scenario (the first).
    pub baseline: String,
    /// One row per scenario, in file order.
    pub rows: Vec<ScenarioRow>,
}

impl Comparison {
    /// Computes the comparison; `with_time` keeps the wall-clock seconds.
    pub fn new(outcomes: &[ScenarioOutcome], cohort: &Cohort, with_time: bool) -> Comparison {
        let mentees = cohort.mentees.len();
        let baseline = outcomes.first().and_then(|o| o.result.as_ref().ok());
        let rows = outcomes
            .iter()
            .map(|o| {
                let seconds = with_time.then_some(o.seconds);
                match &o.result {
                    Ok(roster) => {
                        let mut r = row(&o.scenario.name, roster, baseline, mentees, seconds);
                        r.blocking_pairs =
                            crate::stability::audit(cohort, &o.scenario.settings, roster)
                                .map(|b| b.len());
                        r.robust_share = match &o.robustness {
                            Some(Ok(rb)) => Some(rb.share),
                            _ => None,
                        };
                        r
                    }
                    Err(e) => failed_row(&o.scenario.name, e, mentees, seconds),
                }
            })
            .collect();
        Comparison {
            baseline: outcomes
                .first()
                .map(|o| o.scenario.name.clone())
                .unwrap_or_default(),
            rows,
        }
    }
}

fn row(
    name: &str,
    roster: &Roster,
    baseline: Option<&Roster>,
    mentees: usize,
    seconds: Option<f64>,
) -> ScenarioRow {
    let matched = roster.matched();
    let scores: Vec<f64> = roster
        .pairs
        .iter()
        .flatten()
        .map(|p| p.score.score)
        .collect();
    let per_matched = |x: f64| if matched > 0 { x / matched as f64 } else { 0.0 };
    let total = roster.total_score();
    let complementarity = roster.complementarity_total();
    let same_unit = roster.same_unit_pairs();
    let (mean_load, load_std, load_gini) = load_spread(&roster.load);
    ScenarioRow {
        scenario: name.to_string(),
        matched: Some(matched),
        mentees,
        coverage_pct: Some(if mentees > 0 {
            100.0 * matched as f64 / mentees as f64
        } else {
            0.0
        }),
        total_score: Some(total),
        mean_score: Some(per_matched(total)),
        min_score: scores.iter().copied().reduce(f64::min),
        mean_complementarity: Some(per_matched(complementarity)),
        same_unit_share: Some(per_matched(same_unit as f64)),
        mentors_used: Some(roster.mentors_used()),
        max_load: Some(roster.load.iter().copied().max().unwrap_or(0)),
        mean_load: Some(mean_load),
        load_std: Some(load_std),
        load_gini: Some(load_gini),
        changed_vs_baseline: baseline.map(|b| changed(b, roster)),
        changed_vs_previous: roster.continuity.map(|c| c.changed),
        blocking_pairs: None,
        robust_share: None,
        status: roster.status.to_string(),
        seconds,
    }
}

fn failed_row(name: &str, error: &str, mentees: usize, seconds: Option<f64>) -> ScenarioRow {
    ScenarioRow {
        scenario: name.to_string(),
        matched: None,
        mentees,
        coverage_pct: None,
        total_score: None,
        mean_score: None,
        min_score: None,
        mean_complementarity: None,
        same_unit_share: None,
        mentors_used: None,
        max_load: None,
        mean_load: None,
        load_std: None,
        load_gini: None,
        changed_vs_baseline: None,
        changed_vs_previous: None,
        blocking_pairs: None,
        robust_share: None,
        status: format!("error: {error}"),
        seconds,
    }
}

/// Mentees whose mentor (or lack of one) differs between two rosters of the same cohort.
pub fn changed(a: &Roster, b: &Roster) -> usize {
    a.pairs
        .iter()
        .zip(&b.pairs)
        .filter(|(x, y)| x.map(|p| p.mentor) != y.map(|p| p.mentor))
        .count()
}

/// Mean, population standard deviation and Gini coefficient of the loads, the same for
/// every order of the loads.
///
/// Gini = Σ_i Σ_j |x_i − x_j| / (2 n² mean); 0 when every load is equal (or all are 0).
pub fn load_spread(loads: &[u32]) -> (f64, f64, f64) {
    if loads.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let n = loads.len() as f64;
    let mean = loads.iter().map(|&l| l as f64).sum::<f64>() / n;
    // exact, so that the spread does not depend on the order of the mentors' rows
    let var = crate::model::exact_sum(loads.iter().map(|&l| (l as f64 - mean).powi(2))) / n;
    if mean == 0.0 {
        return (0.0, var.sqrt(), 0.0);
    }
    // Σ_i Σ_j |x_i - x_j| = 2 Σ_k (2k - n + 1) x_(k) over the sorted loads (k from 0).
    let mut sorted: Vec<f64> = loads.iter().map(|&l| l as f64).collect();
    sorted.sort_by(f64::total_cmp);
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(k, x)| (2.0 * k as f64 - n + 1.0) * x)
        .sum();
    let gini = 2.0 * weighted / (2.0 * n * n * mean);
    (mean, var.sqrt(), gini)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_by_hand() {
        // [1, 0, 2]: mean 1; variance (0 + 1 + 1) / 3; pairwise |diffs| over ordered pairs
        // 2 * (1 + 1 + 2) = 8; Gini = 8 / (2 * 9 * 1) = 4/9
        let (mean, std, gini) = load_spread(&[1, 0, 2]);
        assert_eq!(mean, 1.0);
        assert!((std - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((gini - 4.0 / 9.0).abs() < 1e-12);
        assert_eq!(load_spread(&[3, 3, 3]), (3.0, 0.0, 0.0));
        assert_eq!(load_spread(&[0, 0]), (0.0, 0.0, 0.0));
        // all load on one of four: Gini = (n - 1) / n = 0.75
        assert!((load_spread(&[0, 0, 0, 8]).2 - 0.75).abs() < 1e-12);
    }
}
