//! Settings of a match: scoring weights, defaults for missing cells, eligibility and solver.
//!
//! Every field has a documented default. Settings come from a TOML file (`--settings`) and
//! command-line flags, the flags winning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

use crate::input::RuleFiles;
pub use crate::solve::SolverChoice;

/// The largest unit-share problem (in pairs) that gets the integer program when the
/// Lagrangian relaxation, which always runs first, does not prove its roster optimal:
/// microlp proved an 8,305-pair Medan share problem optimal in 1.3 s, and a 15,983-pair one
/// only after 90 s (and a 225-pair one not within 40 s, which the relaxation proves at once).
pub const MIP_PAIRS: usize = 10_000;

/// What the optimum maximises once the most mentees are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Objective {
    /// The highest total score (the default).
    #[default]
    Total,
    /// First the highest possible lowest score among the matched pairs, then the highest
    /// total.
    Fair,
}

/// The mentees a unit rule applies to: all (`true`), none (`false`, the default) or those of
/// the listed units (a list of unit names, compared trimmed and case-folded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UnitSelection {
    /// Every unit (`true`) or none (`false`).
    All(bool),
    /// The mentees of these units.
    Units(Vec<String>),
}

impl Default for UnitSelection {
    fn default() -> Self {
        UnitSelection::All(false)
    }
}

impl UnitSelection {
    /// Whether the rule applies to a mentee of this unit.
    pub fn applies(&self, unit: &str) -> bool {
        match self {
            UnitSelection::All(on) => *on,
            UnitSelection::Units(units) => {
                let key = crate::model::unit_key(unit);
                units.iter().any(|u| crate::model::unit_key(u) == key)
            }
        }
    }

    /// Whether the rule applies to any unit at all.
    pub fn is_active(&self) -> bool {
        match self {
            UnitSelection::All(on) => *on,
            UnitSelection::Units(units) => !units.is_empty(),
        }
    }
}

/// A share per unit: one number for every unit, or a table from unit name to share (units
/// not listed have no such rule).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UnitShare {
    /// The same share for every unit.
    All(f64),
    /// A share per listed unit (names compared trimmed and case-folded).
    PerUnit(BTreeMap<String, f64>),
}

impl UnitShare {
    /// The share for a unit, if the rule covers it.
    pub fn for_unit(&self, unit: &str) -> Option<f64> {
        match self {
            UnitShare::All(v) => Some(*v),
            UnitShare::PerUnit(map) => {
                let key = crate::model::unit_key(unit);
                map.iter()
                    .find(|(u, _)| crate::model::unit_key(u) == key)
                    .map(|(_, v)| *v)
            }
        }
    }

    fn values(&self) -> Vec<f64> {
        match self {
            UnitShare::All(v) => vec![*v],
            UnitShare::PerUnit(map) => map.values().copied().collect(),
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
    /// Pair mentees only with a mentor of their own unit: all units (`true`), none (`false`,
    /// the default) or the listed units.
    pub same_unit_only: UnitSelection,
    /// Pair mentees only with a mentor of another unit: all units, none (the default) or the
    /// listed units.
    pub cross_unit_only: UnitSelection,
    /// At most this share of a unit's matched mentees may have a mentor from another unit
    /// (one number for every unit, or a table by unit; default none). Makes the problem an
    /// integer program.
    pub max_cross_unit_share: Option<UnitShare>,
    /// At least this share of a unit's matched mentees must have a mentor from their own
    /// unit (one number or a table by unit; default none). Makes the problem an integer
    /// program.
    pub min_same_unit_share: Option<UnitShare>,
    /// Mentees every mentor should get when possible, where the `min_mentees` cell is empty
    /// or absent (default 0).
    pub min_mentees: u32,
    /// Hours a mentor spends per mentee (default 0: no hour budget).
    pub hours_per_mentee: f64,
    /// Hours a mentor already spends, where the `hours_used` cell is empty or absent
    /// (default 0).
    pub hours_used: f64,
    /// A mentor's hour budget, where the `max_hours` cell is empty or absent (default none:
    /// no budget). With a budget, `hours_used + hours_per_mentee × assigned <= max_hours`.
    pub max_hours: Option<f64>,
    /// What to maximise after the matched count (default `total`).
    pub objective: Objective,
    /// A pairs file (`mentee_id, mentor_id, rule` with rule `lock` or `forbid`; default none).
    pub pairs: Option<PathBuf>,
    /// An earlier `roster.csv`; keeping one of its pairs earns [`Settings::continuity_bonus`]
    /// (default none).
    pub previous: Option<PathBuf>,
    /// Score added to a pair that was in the previous roster (default 0.05).
    pub continuity_bonus: f64,
    /// Time limit in seconds for each integer program, and for the Lagrangian relaxation of
    /// unit shares with its branch and bound (default 60).
    pub time_limit: f64,
    /// Unit shares: when the Lagrangian relaxation does not prove its roster optimal, an
    /// integer program follows up to this many pairs (default 10,000; see
    /// [`MIP_PAIRS`]).
    pub mip_pairs: usize,
    /// The files named by [`Settings::pairs`] and [`Settings::previous`], each read once
    /// (see [`Settings::load_files`]); not a setting of its own.
    #[serde(skip)]
    pub files: RuleFiles,
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
            same_unit_only: UnitSelection::default(),
            cross_unit_only: UnitSelection::default(),
            max_cross_unit_share: None,
            min_same_unit_share: None,
            min_mentees: 0,
            hours_per_mentee: 0.0,
            hours_used: 0.0,
            max_hours: None,
            objective: Objective::Total,
            pairs: None,
            previous: None,
            continuity_bonus: 0.05,
            time_limit: 60.0,
            mip_pairs: MIP_PAIRS,
            files: RuleFiles::default(),
        }
    }
}

impl Settings {
    /// Reads the pairs file and the previous roster these settings name, once: every match,
    /// re-solve, explanation and audit under these settings (and their clones) then works
    /// from what was read. Bad input in either file is reported here, before any work.
    pub fn load_files(&self) -> Result<()> {
        self.files
            .load(self.pairs.as_deref(), self.previous.as_deref())
    }

    /// Refuses rules that name a unit no mentor or mentee of `cohort` belongs to (units
    /// compare trimmed and case-folded): `same_unit_only` and `cross_unit_only` lists, and
    /// the tables of `max_cross_unit_share` and `min_same_unit_share`. Such a name is a typo
    /// or a unit of another cohort, and its rule would hold for nobody.
    pub fn check_units(&self, cohort: &crate::model::Cohort) -> Result<()> {
        use crate::model::unit_key;
        let known: std::collections::BTreeSet<String> = cohort
            .mentees
            .iter()
            .map(|m| unit_key(&m.unit))
            .chain(cohort.mentors.iter().map(|m| unit_key(&m.unit)))
            .collect();
        let listed = |rule: &'static str, names: Vec<&String>| {
            names
                .into_iter()
                .find(|n| !known.contains(&unit_key(n)))
                .map(|n| (rule, n.clone()))
        };
        fn selection(s: &UnitSelection) -> Vec<&String> {
            match s {
                UnitSelection::Units(units) => units.iter().collect(),
                UnitSelection::All(_) => Vec::new(),
            }
        }
        fn table(s: &Option<UnitShare>) -> Vec<&String> {
            match s {
                Some(UnitShare::PerUnit(map)) => map.keys().collect(),
                _ => Vec::new(),
            }
        }
        let unknown = listed("same_unit_only", selection(&self.same_unit_only))
            .or_else(|| listed("cross_unit_only", selection(&self.cross_unit_only)))
            .or_else(|| listed("max_cross_unit_share", table(&self.max_cross_unit_share)))
            .or_else(|| listed("min_same_unit_share", table(&self.min_same_unit_share)));
        match unknown {
            Some((rule, name)) => Err(Error::Settings(format!(
                "{rule}: unit {:?}: no mentor or mentee of this cohort is in that unit \
                 (units compare trimmed and case-folded; check the spelling in the unit \
                 column)",
                crate::model::terminal_safe(&name)
            ))),
            None => Ok(()),
        }
    }

    /// Reads settings from a TOML file; unknown keys are errors naming their line.
    pub fn from_file(path: &Path) -> Result<Settings> {
        let text = crate::input::read_toml(path)?;
        let mut settings = Settings::from_toml(&text)
            .map_err(|e| Error::Settings(format!("{}: {e}", path.display())))?;
        settings.resolve_paths(path.parent().unwrap_or(Path::new("")));
        Ok(settings)
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
        if let Some(v) = &patch.same_unit_only {
            s.same_unit_only = v.clone();
        }
        if let Some(v) = &patch.cross_unit_only {
            s.cross_unit_only = v.clone();
        }
        if let Some(v) = &patch.max_cross_unit_share {
            s.max_cross_unit_share = Some(v.clone());
        }
        if let Some(v) = &patch.min_same_unit_share {
            s.min_same_unit_share = Some(v.clone());
        }
        if let Some(v) = patch.min_mentees {
            s.min_mentees = v;
        }
        if let Some(v) = patch.hours_per_mentee {
            s.hours_per_mentee = v;
        }
        if let Some(v) = patch.hours_used {
            s.hours_used = v;
        }
        if let Some(v) = patch.max_hours {
            s.max_hours = Some(v);
        }
        if let Some(v) = patch.objective {
            s.objective = v;
        }
        if let Some(v) = &patch.pairs {
            s.pairs = Some(v.clone());
        }
        if let Some(v) = &patch.previous {
            s.previous = Some(v.clone());
        }
        if let Some(v) = patch.continuity_bonus {
            s.continuity_bonus = v;
        }
        if let Some(v) = patch.time_limit {
            s.time_limit = v;
        }
        if let Some(v) = patch.mip_pairs {
            s.mip_pairs = v;
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
            ("continuity_bonus", self.continuity_bonus),
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
        for (name, share) in [
            ("max_cross_unit_share", &self.max_cross_unit_share),
            ("min_same_unit_share", &self.min_same_unit_share),
        ] {
            for v in share.iter().flat_map(UnitShare::values) {
                if !(0.0..=1.0).contains(&v) {
                    return Err(format!("{name} must be between 0 and 1, not {v}"));
                }
            }
        }
        for (name, v) in [
            ("hours_per_mentee", self.hours_per_mentee),
            ("hours_used", self.hours_used),
            ("max_hours", self.max_hours.unwrap_or(0.0)),
        ] {
            if !v.is_finite() || !(0.0..=1e6).contains(&v) {
                return Err(format!("{name} must be between 0 and 1000000, not {v}"));
            }
        }
        if self.min_mentees > 100_000 {
            return Err(format!(
                "min_mentees must be at most 100000, not {}",
                self.min_mentees
            ));
        }
        if !self.time_limit.is_finite() || self.time_limit <= 0.0 {
            return Err(format!(
                "time_limit must be a positive number of seconds, not {}",
                self.time_limit
            ));
        }
        if self.same_unit_only == UnitSelection::All(true) && self.cross_unit_only.is_active() {
            return Err("same_unit_only = true leaves no room for cross_unit_only".into());
        }
        if let UnitSelection::Units(same) = &self.same_unit_only {
            if let Some(u) = same.iter().find(|u| self.cross_unit_only.applies(u)) {
                return Err(format!(
                    "unit {u:?} is under both same_unit_only and cross_unit_only"
                ));
            }
        }
        if self.cross_unit_only == UnitSelection::All(true) && self.same_unit_only.is_active() {
            return Err("cross_unit_only = true leaves no room for same_unit_only".into());
        }
        Ok(())
    }

    /// Whether these settings hold a rule beyond the score (unit rules, shares, minimums,
    /// hours, fairness, or a pairs or previous-roster file).
    pub fn has_rules(&self) -> bool {
        self.same_unit_only.is_active()
            || self.cross_unit_only.is_active()
            || self.max_cross_unit_share.is_some()
            || self.min_same_unit_share.is_some()
            || self.min_mentees > 0
            || self.hours_per_mentee > 0.0
            || self.objective != Objective::Total
            || self.pairs.is_some()
            || self.previous.is_some()
    }

    /// Resolves the relative paths of the pairs and previous-roster files against `base`
    /// (the folder of the scenario or settings file that named them).
    pub fn resolve_paths(&mut self, base: &Path) {
        for p in [&mut self.pairs, &mut self.previous].into_iter().flatten() {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
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
    /// Same-unit-only rule.
    pub same_unit_only: Option<UnitSelection>,
    /// Cross-unit-only rule.
    pub cross_unit_only: Option<UnitSelection>,
    /// Largest cross-unit share per unit.
    pub max_cross_unit_share: Option<UnitShare>,
    /// Smallest same-unit share per unit.
    pub min_same_unit_share: Option<UnitShare>,
    /// Default mentor minimum.
    pub min_mentees: Option<u32>,
    /// Hours per mentee.
    pub hours_per_mentee: Option<f64>,
    /// Default hours already used.
    pub hours_used: Option<f64>,
    /// Default hour budget.
    pub max_hours: Option<f64>,
    /// Objective.
    pub objective: Option<Objective>,
    /// Pairs file.
    pub pairs: Option<PathBuf>,
    /// Previous roster.
    pub previous: Option<PathBuf>,
    /// Continuity bonus.
    pub continuity_bonus: Option<f64>,
    /// Time limit for integer programs, in seconds.
    pub time_limit: Option<f64>,
    /// Largest unit-share problem solved as an integer program, in pairs.
    pub mip_pairs: Option<usize>,
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
