//! Files written for planners (roster, mentor loads, summary) and the safe way to write them.
//!
//! Each format is a function that returns bytes and does no IO; [`mod@write`] puts bytes on disk
//! atomically.

pub mod comparison;
pub mod figures;
pub mod labels;
pub mod roster_csv;
pub mod summary;
pub mod write;

use crate::input::CohortFiles;
use crate::model::Cohort;
use crate::roster::Roster;
use crate::settings::Settings;
use summary::{RunTimings, Summary};

/// The files of one roster, as `match` writes them: `roster.csv`, `mentor_load.csv` and
/// `summary.json`, in that order.
pub const ROSTER_FILES: [&str; 3] = ["roster.csv", "mentor_load.csv", "summary.json"];

/// The bytes of a roster's files, named as in [`ROSTER_FILES`].
pub fn roster_files(
    cohort: &Cohort,
    inputs: &CohortFiles,
    settings: &Settings,
    roster: &Roster,
    scenario: Option<&str>,
    timings: Option<RunTimings>,
) -> Vec<(&'static str, Vec<u8>)> {
    let mut summary = Summary::new(cohort, inputs, settings, roster, timings);
    summary.scenario = scenario.map(str::to_string);
    vec![
        (ROSTER_FILES[0], roster_csv::roster_csv(cohort, roster)),
        (ROSTER_FILES[1], roster_csv::mentor_load_csv(cohort, roster)),
        (ROSTER_FILES[2], summary.to_json()),
    ]
}
