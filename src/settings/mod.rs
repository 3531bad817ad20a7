//! Settings of a match: scoring weights, defaults for missing cells, eligibility and solver.
//!
//! Every field has a documented default. Settings come from a TOML file (`--settings`) and
//! command-line flags, the flags winning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Performance;

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

pub mod layers;
pub use crate::solve::SolverChoice;
pub use layers::Layer;

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

/// How a pair is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringSettings {
    /// Score weights.
    pub weights: Weights,
    /// Required level where a mentee's `target:` cell is empty or absent (default 3).
    pub target: f64,
    /// Score added to a pair that was in the previous roster (default 0.05).
    pub continuity_bonus: f64,
}

impl Default for ScoringSettings {
    fn default() -> Self {
        ScoringSettings {
            weights: Weights::default(),
            target: 3.0,
            continuity_bonus: 0.05,
        }
    }
}

/// Which pairs may be formed at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EligibilitySettings {
    /// Steps a mentor's grade must be above the mentee's (default 1).
    pub min_grade_gap: i32,
    /// Pair only people of the same scope (the `scope` column, e.g. the agency); the cohort
    /// then splits into independent parts, solved in parallel (default false).
    pub same_scope_only: bool,
    /// Pair mentees only with a mentor of their own unit: all units (`true`), none (`false`,
    /// the default) or the listed units.
    pub same_unit_only: UnitSelection,
    /// Pair mentees only with a mentor of another unit: all units, none (the default) or the
    /// listed units.
    pub cross_unit_only: UnitSelection,
    /// Only mentors whose SKP rating (the `performance` column) is at least this one may
    /// mentor (default none: every mentor, rated or not). A mentor without a rating may not
    /// mentor while it is set.
    #[serde(deserialize_with = "rating_setting")]
    pub min_mentor_performance: Option<Performance>,
}

/// `min_mentor_performance`: a rating as [`Performance::parse`] reads it; the error names
/// the key and the value.
fn rating_setting<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Performance>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    text.parse()
        .map(Some)
        .map_err(|e| serde::de::Error::custom(format!("min_mentor_performance: {e}")))
}

impl Default for EligibilitySettings {
    fn default() -> Self {
        EligibilitySettings {
            min_grade_gap: 1,
            same_scope_only: false,
            same_unit_only: UnitSelection::default(),
            cross_unit_only: UnitSelection::default(),
            min_mentor_performance: None,
        }
    }
}

/// The planner's rules on loads, shares, hours and pairs, and the objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuleSettings {
    /// Mentees per mentor where the `capacity` cell is empty or absent (default 3).
    pub capacity: u32,
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
    /// An earlier `roster.csv`; keeping one of its pairs earns
    /// [`ScoringSettings::continuity_bonus`] (default none). A two-column file of pairs
    /// (`mentee_id, mentor_id`) serves too.
    pub previous: Option<PathBuf>,
    /// Earlier rosters (each a `roster.csv` or a two-column file of pairs) none of whose
    /// pairs is made again: each is forbidden, as a `forbid` row of the pairs file is; a
    /// pair whose mentee or mentor has left is counted in a warning (default none). Wins
    /// over continuity: an avoided pair earns no bonus.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub avoid_previous: Vec<PathBuf>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            capacity: 3,
            max_cross_unit_share: None,
            min_same_unit_share: None,
            min_mentees: 0,
            hours_per_mentee: 0.0,
            hours_used: 0.0,
            max_hours: None,
            objective: Objective::Total,
            pairs: None,
            previous: None,
            avoid_previous: Vec::new(),
        }
    }
}

/// How the optimum is found: the method and its limits (none changes the answer's value,
/// only how it is reached or how long the search may take).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SolverSettings {
    /// The exact method used (default `network`; the TOML key is `solver`).
    #[serde(rename = "solver")]
    pub method: SolverChoice,
    /// Pairs per mentee the network method starts from (default 40); the other eligible
    /// pairs are priced against the duals and brought in when they could improve the roster,
    /// so the answer is optimal for all of them. 0 keeps every eligible pair in the graph.
    pub candidates: usize,
    /// Pricing is used only when mentees × mentors exceeds this (default 1,000,000); below,
    /// the graph holds every eligible pair, which is then faster.
    pub price_above: u64,
    /// Time limit in seconds for each integer program, and for the Lagrangian relaxation of
    /// unit shares with its branch and bound (default 60).
    pub time_limit: f64,
    /// Unit shares: when the Lagrangian relaxation does not prove its roster optimal, an
    /// integer program follows up to this many pairs (default 10,000; see [`MIP_PAIRS`]).
    pub mip_pairs: usize,
}

impl Default for SolverSettings {
    fn default() -> Self {
        SolverSettings {
            method: SolverChoice::Network,
            candidates: 40,
            price_above: 1_000_000,
            time_limit: 60.0,
            mip_pairs: MIP_PAIRS,
        }
    }
}

/// All settings of a match, in four sections. In a TOML file (and in `summary.json`) the
/// keys are flat (`capacity = 2`, `solver = "lp"`); each belongs to one section by its
/// name (see [`layers`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// How a pair is scored.
    #[serde(flatten)]
    pub scoring: ScoringSettings,
    /// Which pairs may be formed.
    #[serde(flatten)]
    pub eligibility: EligibilitySettings,
    /// The planner's rules and the objective.
    #[serde(flatten)]
    pub rules: RuleSettings,
    /// The method and its limits.
    #[serde(flatten)]
    pub solver: SolverSettings,
    /// The files named by [`RuleSettings::pairs`], [`RuleSettings::previous`] and
    /// [`RuleSettings::avoid_previous`], each read once (see [`Settings::load_files`]); not
    /// a setting of its own.
    #[serde(skip)]
    pub files: RuleFiles,
}

impl Settings {
    /// Reads the pairs file, the previous roster and the earlier rosters to avoid these
    /// settings name, once: every match, re-solve, explanation and audit under these
    /// settings (and their clones) then works from what was read. Bad input in any of them
    /// is reported here, before any work.
    pub fn load_files(&self) -> Result<()> {
        self.files.load(
            self.rules.pairs.as_deref(),
            self.rules.previous.as_deref(),
            &self.rules.avoid_previous,
        )
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
        let unknown = listed(
            "same_unit_only",
            selection(&self.eligibility.same_unit_only),
        )
        .or_else(|| {
            listed(
                "cross_unit_only",
                selection(&self.eligibility.cross_unit_only),
            )
        })
        .or_else(|| {
            listed(
                "max_cross_unit_share",
                table(&self.rules.max_cross_unit_share),
            )
        })
        .or_else(|| {
            listed(
                "min_same_unit_share",
                table(&self.rules.min_same_unit_share),
            )
        });
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

    /// Reads settings from a TOML file; unknown keys and bad values are errors naming their
    /// line. Relative paths in it are taken from the file's folder.
    pub fn from_file(path: &Path) -> Result<Settings> {
        let text = crate::input::read_toml(path)?;
        let fail = |e: String| Error::Settings(format!("{}: {e}", path.display()));
        let mut settings =
            Settings::from_layers(&[Layer::parse(&text).map_err(fail)?]).map_err(fail)?;
        settings.resolve_paths(path.parent().unwrap_or(Path::new("")));
        Ok(settings)
    }

    /// Parses settings from TOML text: the defaults with what the text sets. The error text
    /// gives the line and column.
    pub fn from_toml(text: &str) -> std::result::Result<Settings, String> {
        Settings::from_layers(&[Layer::parse(text)?])
    }

    /// These settings with the values a layer sets replaced (the flags over a file, say);
    /// the result is validated. The rule files already read are kept.
    pub fn with(&self, layer: &Layer) -> std::result::Result<Settings, String> {
        let mut s = Settings::from_layers(&[Layer::of(self)?, layer.clone()])?;
        s.files = self.files.clone();
        if !layer.sets("pairs") {
            s.rules.pairs = self.rules.pairs.clone();
        }
        if !layer.sets("previous") {
            s.rules.previous = self.rules.previous.clone();
        }
        if !layer.sets("avoid_previous") {
            s.rules.avoid_previous = self.rules.avoid_previous.clone();
        }
        Ok(s)
    }

    /// Checks that every value is in its range.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let w = &self.scoring.weights;
        for (name, v) in [
            ("weights.complementarity", w.complementarity),
            ("weights.unit", w.unit),
            ("weights.workload", w.workload),
            ("continuity_bonus", self.scoring.continuity_bonus),
        ] {
            if !v.is_finite() || v.abs() > 1000.0 {
                return Err(format!(
                    "{name} must be a number between -1000 and 1000, not {v}"
                ));
            }
        }
        if !(1.0..=5.0).contains(&self.scoring.target) {
            return Err(format!(
                "target must be between 1 and 5, not {}",
                self.scoring.target
            ));
        }
        if self.rules.capacity > 100_000 {
            return Err(format!(
                "capacity must be at most 100000, not {}",
                self.rules.capacity
            ));
        }
        if !(-98..=98).contains(&self.eligibility.min_grade_gap) {
            return Err(format!(
                "min_grade_gap must be between -98 and 98, not {}",
                self.eligibility.min_grade_gap
            ));
        }
        for (name, share) in [
            ("max_cross_unit_share", &self.rules.max_cross_unit_share),
            ("min_same_unit_share", &self.rules.min_same_unit_share),
        ] {
            for v in share.iter().flat_map(UnitShare::values) {
                if !(0.0..=1.0).contains(&v) {
                    return Err(format!("{name} must be between 0 and 1, not {v}"));
                }
            }
        }
        for (name, v) in [
            ("hours_per_mentee", self.rules.hours_per_mentee),
            ("hours_used", self.rules.hours_used),
            ("max_hours", self.rules.max_hours.unwrap_or(0.0)),
        ] {
            if !v.is_finite() || !(0.0..=1e6).contains(&v) {
                return Err(format!("{name} must be between 0 and 1000000, not {v}"));
            }
        }
        if self.rules.min_mentees > 100_000 {
            return Err(format!(
                "min_mentees must be at most 100000, not {}",
                self.rules.min_mentees
            ));
        }
        if !self.solver.time_limit.is_finite() || self.solver.time_limit <= 0.0 {
            return Err(format!(
                "time_limit must be a positive number of seconds, not {}",
                self.solver.time_limit
            ));
        }
        if self.eligibility.same_unit_only == UnitSelection::All(true)
            && self.eligibility.cross_unit_only.is_active()
        {
            return Err("same_unit_only = true leaves no room for cross_unit_only".into());
        }
        if let UnitSelection::Units(same) = &self.eligibility.same_unit_only {
            if let Some(u) = same
                .iter()
                .find(|u| self.eligibility.cross_unit_only.applies(u))
            {
                return Err(format!(
                    "unit {u:?} is under both same_unit_only and cross_unit_only"
                ));
            }
        }
        if self.eligibility.cross_unit_only == UnitSelection::All(true)
            && self.eligibility.same_unit_only.is_active()
        {
            return Err("cross_unit_only = true leaves no room for same_unit_only".into());
        }
        Ok(())
    }

    /// Whether these settings hold a rule beyond the score (unit rules, shares, minimums,
    /// hours, fairness, or a pairs, previous-roster or avoid-previous file).
    pub fn has_rules(&self) -> bool {
        self.eligibility.same_unit_only.is_active()
            || self.eligibility.cross_unit_only.is_active()
            || self.rules.max_cross_unit_share.is_some()
            || self.rules.min_same_unit_share.is_some()
            || self.rules.min_mentees > 0
            || self.rules.hours_per_mentee > 0.0
            || self.rules.objective != Objective::Total
            || self.rules.pairs.is_some()
            || self.rules.previous.is_some()
            || !self.rules.avoid_previous.is_empty()
    }

    /// Resolves the relative paths of the pairs, previous-roster and avoid-previous files
    /// against `base` (the folder of the scenario or settings file that named them).
    pub fn resolve_paths(&mut self, base: &Path) {
        for p in [&mut self.rules.pairs, &mut self.rules.previous]
            .into_iter()
            .flatten()
            .chain(self.rules.avoid_previous.iter_mut())
        {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
    }
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
                s.scoring.weights.complementarity,
                s.scoring.weights.unit,
                s.scoring.weights.workload
            ),
            (0.6, 0.2, 0.2)
        );
        assert_eq!(
            (
                s.scoring.target,
                s.rules.capacity,
                s.eligibility.min_grade_gap
            ),
            (3.0, 3, 1)
        );
    }

    #[test]
    fn partial_file_keeps_other_defaults() {
        let s = Settings::from_toml("capacity = 2\nweights = { unit = -0.2 }\n").unwrap();
        assert_eq!(s.rules.capacity, 2);
        assert_eq!(s.scoring.weights.unit, -0.2);
        assert_eq!(s.scoring.weights.complementarity, 0.6);
    }

    #[test]
    fn unknown_key_names_its_line() {
        let e = Settings::from_toml("capacity = 2\ncapasity = 3\n").unwrap_err();
        assert!(e.starts_with("line 2, column 1"), "{e}");
        assert!(e.contains("capasity"), "{e}");
    }

    #[test]
    fn avoid_previous_is_a_list_of_paths_of_the_rules_section() {
        let mut s =
            Settings::from_toml("[rules]\navoid_previous = [\"a.csv\", \"/x/b.csv\"]\n").unwrap();
        assert!(s.has_rules());
        s.resolve_paths(Path::new("plans"));
        assert_eq!(
            s.rules.avoid_previous,
            [PathBuf::from("plans/a.csv"), PathBuf::from("/x/b.csv")]
        );
        let kept = s.with(&Layer::parse("capacity = 2\n").unwrap()).unwrap();
        assert_eq!(kept.rules.avoid_previous, s.rules.avoid_previous);
        let none = s
            .with(&Layer::parse("avoid_previous = []\n").unwrap())
            .unwrap();
        assert!(none.rules.avoid_previous.is_empty() && !none.has_rules());
        assert!(Settings::from_toml("avoid_previous = \"a.csv\"\n").is_err());
    }

    #[test]
    fn the_rating_setting_reads_as_written_and_names_a_bad_one() {
        let s = Settings::from_toml("min_mentor_performance = \"SANGAT BAIK\"\n").unwrap();
        assert_eq!(
            s.eligibility.min_mentor_performance,
            Some(Performance::SangatBaik)
        );
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["min_mentor_performance"], "Sangat Baik");
        let back: Settings = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
        let e = Settings::from_toml("min_mentor_performance = \"Bagus\"\n").unwrap_err();
        assert!(e.starts_with("line 1"), "{e}");
        assert!(
            e.contains("min_mentor_performance") && e.contains("\"Bagus\""),
            "{e}"
        );
        assert_eq!(Settings::default().eligibility.min_mentor_performance, None);
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert!(Settings::from_toml("target = 6").is_err());
        assert!(Settings::from_toml("solver = \"greedy\"").is_err());
    }
}
