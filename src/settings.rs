//! Settings of a match: scoring weights, defaults for missing cells, eligibility and solver.
//!
//! Every field has a documented default. Settings come from a TOML file (`--settings`) and
//! command-line flags, the flags winning.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Weights of the three terms of a pair's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// Weight of complementarity C (default 0.6).
    pub complementarity: f64,
    /// Weight of the same-unit term U (default 0.2; negative favours cross-unit pairs).
    pub unit: f64,
    /// Weight of the workload term W (default 0.2).
    pub workload: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            complementarity: 0.6,
            unit: 0.2,
            workload: 0.2,
        }
    }
}

/// Which exact method solves the assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SolverChoice {
    /// Min-cost flow by successive shortest paths with potentials (the default).
    #[default]
    Network,
    /// The linear program, solved through good_lp (microlp, or HiGHS with the `highs` feature).
    Lp,
}

impl std::str::FromStr for SolverChoice {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "network" => Ok(SolverChoice::Network),
            "lp" => Ok(SolverChoice::Lp),
            other => Err(format!(
                "unknown solver {other:?} (expected \"network\" or \"lp\")"
            )),
        }
    }
}

/// All settings of a match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Score weights.
    pub weights: Weights,
    /// Required level where a mentee's `target:` cell is empty or absent (default 3).
    pub target: f64,
    /// Mentees per mentor where the `capacity` cell is empty or absent (default 3).
    pub capacity: u32,
    /// Steps a mentor's grade must be above the mentee's (default 1).
    pub min_grade_gap: i32,
    /// The exact method used (default `network`).
    pub solver: SolverChoice,
    /// Pairs per mentee the network method starts from (default 40); the other eligible
    /// pairs are priced against the duals and brought in when they could improve the roster,
    /// so the answer is optimal for all of them. 0 keeps every eligible pair in the graph.
    pub candidates: usize,
    /// Pricing is used only when mentees × mentors exceeds this (default 1,000,000); below,
    /// the graph holds every eligible pair, which is then faster.
    pub price_above: u64,
    /// Pair only people of the same scope (the `scope` column, e.g. the agency); the cohort
    /// then splits into independent parts, solved in parallel (default false).
    pub same_scope_only: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            weights: Weights::default(),
            target: 3.0,
            capacity: 3,
            min_grade_gap: 1,
            solver: SolverChoice::Network,
            candidates: 40,
            price_above: 1_000_000,
            same_scope_only: false,
        }
    }
}

impl Settings {
    /// Reads settings from a TOML file; unknown keys are errors naming their line.
    pub fn from_file(path: &Path) -> Result<Settings> {
        let text = crate::scenario::read_toml(path)?;
        Settings::from_toml(&text).map_err(|e| Error::Settings(format!("{}: {e}", path.display())))
    }

    /// Parses settings from TOML text (the keys of [`SettingsPatch`], applied to the
    /// defaults). The error text gives the line and column.
    pub fn from_toml(text: &str) -> std::result::Result<Settings, String> {
        let patch: SettingsPatch =
            toml::from_str(text).map_err(|e| describe_toml_error(text, &e))?;
        if let Some(name) = &patch.name {
            return Err(format!(
                "{}: `name` belongs to a [[scenario]] of a scenario file",
                describe_span(text, name.span())
            ));
        }
        Settings::default().patched(&patch)
    }

    /// These settings with the values a patch sets replaced; the result is validated.
    pub fn patched(&self, patch: &SettingsPatch) -> std::result::Result<Settings, String> {
        let mut s = self.clone();
        if let Some(w) = &patch.weights {
            if let Some(v) = w.complementarity {
                s.weights.complementarity = v;
            }
            if let Some(v) = w.unit {
                s.weights.unit = v;
            }
            if let Some(v) = w.workload {
                s.weights.workload = v;
            }
        }
        if let Some(v) = patch.target {
            s.target = v;
        }
        if let Some(v) = patch.capacity {
            s.capacity = v;
        }
        if let Some(v) = patch.min_grade_gap {
            s.min_grade_gap = v;
        }
        if let Some(v) = patch.solver {
            s.solver = v;
        }
        if let Some(v) = patch.candidates {
            s.candidates = v;
        }
        if let Some(v) = patch.price_above {
            s.price_above = v;
        }
        if let Some(v) = patch.same_scope_only {
            s.same_scope_only = v;
        }
        s.validate()?;
        Ok(s)
    }

    /// Checks that every value is in its range.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let w = &self.weights;
        for (name, v) in [
            ("weights.complementarity", w.complementarity),
            ("weights.unit", w.unit),
            ("weights.workload", w.workload),
        ] {
            if !v.is_finite() || v.abs() > 1000.0 {
                return Err(format!(
                    "{name} must be a number between -1000 and 1000, not {v}"
                ));
            }
        }
        if !(1.0..=5.0).contains(&self.target) {
            return Err(format!(
                "target must be between 1 and 5, not {}",
                self.target
            ));
        }
        if self.capacity > 100_000 {
            return Err(format!(
                "capacity must be at most 100000, not {}",
                self.capacity
            ));
        }
        if !(-98..=98).contains(&self.min_grade_gap) {
            return Err(format!(
                "min_grade_gap must be between -98 and 98, not {}",
                self.min_grade_gap
            ));
        }
        Ok(())
    }
}

/// Weights a patch sets; the others keep their value.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightsPatch {
    /// Weight of complementarity.
    pub complementarity: Option<f64>,
    /// Weight of the same-unit term.
    pub unit: Option<f64>,
    /// Weight of the workload term.
    pub workload: Option<f64>,
}

/// Settings as written in a settings file, in a scenario file's `[defaults]` or in one of
/// its `[[scenario]]` entries: every key optional, unknown keys refused.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    /// The scenario's name (only in a `[[scenario]]` entry), with its place in the file.
    pub name: Option<toml::Spanned<String>>,
    /// A sentence saying what the scenario is for (only in a `[[scenario]]` entry).
    pub description: Option<String>,
    /// Score weights.
    pub weights: Option<WeightsPatch>,
    /// Default target level.
    pub target: Option<f64>,
    /// Default capacity.
    pub capacity: Option<u32>,
    /// Minimum grade gap.
    pub min_grade_gap: Option<i32>,
    /// Solver method.
    pub solver: Option<SolverChoice>,
    /// Candidate pairs per mentee for the network method (0 = all).
    pub candidates: Option<usize>,
    /// Size (mentees × mentors) above which pricing is used.
    pub price_above: Option<u64>,
    /// Pair only people of the same scope.
    pub same_scope_only: Option<bool>,
}

/// "line L, column C" of a byte offset range in `text`.
pub fn describe_span(text: &str, span: std::ops::Range<usize>) -> String {
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

/// Turns a TOML error into "line L, column C: message".
pub fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().to_string();
    match error.span() {
        Some(span) => format!("{}: {message}", describe_span(text, span)),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_model() {
        let s = Settings::default();
        assert_eq!(
            (
                s.weights.complementarity,
                s.weights.unit,
                s.weights.workload
            ),
            (0.6, 0.2, 0.2)
        );
        assert_eq!((s.target, s.capacity, s.min_grade_gap), (3.0, 3, 1));
    }

    #[test]
    fn partial_file_keeps_other_defaults() {
        let s = Settings::from_toml("capacity = 2\nweights = { unit = -0.2 }\n").unwrap();
        assert_eq!(s.capacity, 2);
        assert_eq!(s.weights.unit, -0.2);
        assert_eq!(s.weights.complementarity, 0.6);
    }

    #[test]
    fn unknown_key_names_its_line() {
        let e = Settings::from_toml("capacity = 2\ncapasity = 3\n").unwrap_err();
        assert!(e.starts_with("line 2, column 1"), "{e}");
        assert!(e.contains("capasity"), "{e}");
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert!(Settings::from_toml("target = 6").is_err());
        assert!(Settings::from_toml("solver = \"greedy\"").is_err());
    }
}
