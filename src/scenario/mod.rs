//! Scenarios: several roster designs for one cohort, read from a TOML file and run in
//! parallel.
//!
//! ```toml
//! mentors = "mentors.csv"      # paths relative to this file
//! mentees = "mentees.csv"
//!
//! [defaults]                   # any setting of `bimbing match`, for every scenario
//! capacity = 3
//!
//! [[scenario]]
//! name = "kompetensi"
//! weights = { complementarity = 0.8, unit = 0.1, workload = 0.1 }
//! ```

pub mod run;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::settings::{describe_span, describe_toml_error, Layer, Settings};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub use run::{run_scenarios, run_scenarios_perturbed, ScenarioOutcome};

/// One roster design: a name and the settings it runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The name, also the name of its output folder.
    pub name: String,
    /// What the scenario is for, if the file says.
    pub description: Option<String>,
    /// The settings: the defaults, then the file's `[defaults]`, then the scenario's own.
    pub settings: Settings,
}

/// A scenario file: the cohort's two files and the scenarios to run on it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    /// The scenario file itself.
    pub path: PathBuf,
    /// The mentors file, resolved against the scenario file's folder.
    pub mentors: PathBuf,
    /// The mentees file, resolved against the scenario file's folder.
    pub mentees: PathBuf,
    /// The scenarios, in file order; the first is the baseline of comparisons.
    pub scenarios: Vec<Scenario>,
}

/// The two files of a scenario file; `[defaults]` and `[[scenario]]` are layers of
/// settings, taken out before this is read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    mentors: toml::Spanned<String>,
    mentees: toml::Spanned<String>,
}

/// One `[[scenario]]` entry: its name and description, and the settings it sets.
struct RawScenario<'t> {
    name: Option<Spanned<String>>,
    description: Option<String>,
    settings: Spanned<DeTable<'t>>,
}

impl ScenarioFile {
    /// Reads a scenario file.
    pub fn from_path(path: &Path) -> Result<ScenarioFile> {
        let text = read_toml(path)?;
        ScenarioFile::parse(path, &text)
    }

    /// Parses the text of a scenario file found at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<ScenarioFile> {
        let fail = |message: String| Error::Settings(format!("{}: {message}", path.display()));
        let root = DeTable::parse(text).map_err(|e| fail(describe_toml_error(text, &e)))?;
        let root_span = root.span();
        let mut files = DeTable::new();
        let mut defaults = Spanned::new(0..0, DeTable::new());
        let mut entries = Vec::new();
        for (key, value) in root.into_inner() {
            let at = describe_span(text, key.span());
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("defaults", DeValue::Table(_)) => {
                    let span = value.span();
                    let DeValue::Table(table) = value.into_inner() else {
                        unreachable!("matched a table")
                    };
                    defaults = Spanned::new(span, table);
                }
                ("defaults", _) => return Err(fail(format!("{at}: [defaults] must be a table"))),
                ("scenario", DeValue::Array(items)) => {
                    for item in items.iter() {
                        let DeValue::Table(table) = item.get_ref() else {
                            return Err(fail(format!(
                                "{}: each [[scenario]] must be a table",
                                describe_span(text, item.span())
                            )));
                        };
                        entries
                            .push(scenario_entry(text, item.span(), table.clone()).map_err(fail)?);
                    }
                }
                ("scenario", _) => {
                    return Err(fail(format!(
                        "{at}: `scenario` must be a list of [[scenario]] tables"
                    )))
                }
                _ => {
                    files.insert(key, value);
                }
            }
        }
        let raw =
            RawFile::deserialize(toml::de::Deserializer::from(Spanned::new(root_span, files)))
                .map_err(|e| fail(describe_toml_error(text, &e)))?;
        let defaults =
            Layer::from_table(text, defaults).map_err(|e| fail(format!("[defaults]: {e}")))?;
        Settings::from_layers(std::slice::from_ref(&defaults))
            .map_err(|e| fail(format!("[defaults]: {e}")))?;
        if entries.is_empty() {
            return Err(fail("the file has no [[scenario]]".into()));
        }
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut scenarios = Vec::with_capacity(entries.len());
        for (index, entry) in entries.into_iter().enumerate() {
            let Some(name) = &entry.name else {
                return Err(fail(format!(
                    "[[scenario]] number {} has no name",
                    index + 1
                )));
            };
            let at = describe_span(text, name.span());
            let name_text = name.get_ref().trim().to_string();
            check_name(&name_text).map_err(|e| fail(format!("{at}: {e}")))?;
            if let Some(first) = seen.insert(name_text.to_lowercase(), at.clone()) {
                return Err(fail(format!(
                    "{at}: two scenarios are named {name_text:?} (the first at {first})"
                )));
            }
            let own = Layer::from_table(text, entry.settings)
                .map_err(|e| fail(format!("scenario {name_text:?} ({at}): {e}")))?;
            let mut settings = Settings::from_layers(&[defaults.clone(), own])
                .map_err(|e| fail(format!("scenario {name_text:?} ({at}): {e}")))?;
            settings.resolve_paths(path.parent().unwrap_or(Path::new("")));
            scenarios.push(Scenario {
                name: name_text,
                description: entry.description,
                settings,
            });
        }
        let base = path.parent().unwrap_or(Path::new(""));
        Ok(ScenarioFile {
            path: path.to_path_buf(),
            mentors: base.join(raw.mentors.get_ref()),
            mentees: base.join(raw.mentees.get_ref()),
            scenarios,
        })
    }

    /// The scenario of that name.
    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.name == name)
    }
}

/// Takes a `[[scenario]]` entry's `name` and `description` out of its table.
fn scenario_entry<'t>(
    text: &str,
    span: std::ops::Range<usize>,
    table: DeTable<'t>,
) -> std::result::Result<RawScenario<'t>, String> {
    let mut entry = RawScenario {
        name: None,
        description: None,
        settings: Spanned::new(span, DeTable::new()),
    };
    for (key, value) in table {
        let at = || describe_span(text, value.span());
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("name", DeValue::String(name)) => {
                entry.name = Some(Spanned::new(value.span(), name.to_string()))
            }
            ("description", DeValue::String(d)) => entry.description = Some(d.to_string()),
            (k @ ("name" | "description"), _) => {
                return Err(format!("{}: `{k}` must be text", at()))
            }
            _ => {
                entry.settings.get_mut().insert(key, value);
            }
        }
    }
    Ok(entry)
}

pub use crate::input::read_toml;

/// A scenario name becomes a folder name: letters, digits, `-`, `_` and `.`, not starting
/// with a dot, at most 64 characters.
fn check_name(name: &str) -> std::result::Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok && name.to_lowercase().starts_with("comparison.") {
        return Err(format!(
            "scenario name {name:?} would clash with the comparison files of `compare`"
        ));
    }
    if ok {
        Ok(())
    } else {
        Err(format!(
            "scenario name {name:?} must be 1-64 letters, digits, '-', '_' or '.', not starting with '.'"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ScenarioFile> {
        ScenarioFile::parse(Path::new("plans/s.toml"), text)
    }

    const GOOD: &str = r#"
mentors = "m.csv"
mentees = "e.csv"

[defaults]
capacity = 2
weights = { workload = 0.3 }

[[scenario]]
name = "baseline"

[[scenario]]
name = "lintas-bidang"
description = "across units"
weights = { complementarity = 0.6, unit = -0.2 }
min_grade_gap = 2
"#;

    #[test]
    fn defaults_then_scenario_overrides() {
        let f = parse(GOOD).unwrap();
        assert_eq!(f.mentors, Path::new("plans/m.csv"));
        let [a, b] = &f.scenarios[..] else {
            panic!("two scenarios")
        };
        assert_eq!(a.settings.rules.capacity, 2);
        assert_eq!(a.settings.scoring.weights.workload, 0.3);
        assert_eq!(a.settings.scoring.weights.unit, 0.2);
        assert_eq!(b.settings.scoring.weights.unit, -0.2);
        assert_eq!(
            b.settings.scoring.weights.workload, 0.3,
            "defaults carry into scenarios"
        );
        assert_eq!(b.settings.eligibility.min_grade_gap, 2);
        assert_eq!(b.description.as_deref(), Some("across units"));
        assert_eq!(f.scenario("lintas-bidang"), Some(b));
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn unknown_keys_name_their_line() {
        let e = error(&GOOD.replace("min_grade_gap = 2", "min_grade_gaps = 2"));
        assert!(e.contains("line 16"), "{e}");
        assert!(e.contains("min_grade_gaps"), "{e}");
        let e = error(&GOOD.replace("weights = { workload", "weights = { workloads"));
        assert!(e.contains("line 7"), "{e}");
    }

    #[test]
    fn duplicate_names_are_refused() {
        let e = error(&GOOD.replace("\"lintas-bidang\"", "\"Baseline\""));
        assert!(e.contains("line 13"), "{e}");
        assert!(e.contains("the first at line 10"), "{e}");
    }

    #[test]
    fn bad_names_and_values_are_refused() {
        assert!(error(&GOOD.replace("\"baseline\"", "\"../x\"")).contains("must be 1-64"));
        assert!(error(&GOOD.replace("\"baseline\"", "\"Comparison.csv\"")).contains("clash"));
        assert!(error(&GOOD.replace("min_grade_gap = 2", "target = 9")).contains("lintas-bidang"));
        assert!(error("mentors = \"a\"\nmentees = \"b\"\n").contains("no [[scenario]]"));
        assert!(error(&GOOD.replace("capacity = 2", "name = \"x\"")).contains("[defaults]"));
    }
}
