//! Files written for planners (roster, mentor loads, summary) and the safe way to write them.
//!
//! Each format is a function that returns bytes and does no IO; [`mod@write`] puts bytes on disk
//! atomically.

pub mod advice_csv;
pub mod comparison;
pub mod roster_csv;
pub mod summary;
pub mod write;

use crate::input::CohortFiles;
use crate::model::Cohort;
use crate::roster::Roster;
use crate::settings::Settings;
use summary::{RunTimings, Summary};

/// The files of one roster, as `match` writes them: `roster.csv`, `mentor_load.csv`,
/// `summary.json` and `unmatched.csv`, in that order.
pub const ROSTER_FILES: [&str; 4] = [
    "roster.csv",
    "mentor_load.csv",
    "summary.json",
    "unmatched.csv",
];

/// The stability audit's file, written when the audit runs (see [`summary::audit`]).
pub const AUDIT_FILES: [&str; 1] = ["blocking_pairs.csv"];

/// The bytes of a roster's files, named as in [`ROSTER_FILES`].
pub fn roster_files(
    cohort: &Cohort,
    inputs: &CohortFiles,
    settings: &Settings,
    roster: &Roster,
    scenario: Option<&str>,
    timings: Option<RunTimings>,
) -> Vec<(&'static str, Vec<u8>)> {
    roster_files_with(cohort, inputs, settings, roster, scenario, timings, None).0
}

/// The bytes of a roster's files ([`ROSTER_FILES`], and [`AUDIT_FILES`] when the stability
/// audit runs), with the robustness figures when `compare --perturb` measured them; also
/// the summary, for the terminal.
pub fn roster_files_with(
    cohort: &Cohort,
    inputs: &CohortFiles,
    settings: &Settings,
    roster: &Roster,
    scenario: Option<&str>,
    timings: Option<RunTimings>,
    robustness: Option<summary::RobustnessReport>,
) -> (Vec<(&'static str, Vec<u8>)>, Summary) {
    let mut summary = Summary::new(cohort, inputs, settings, roster, timings);
    summary.scenario = scenario.map(str::to_string);
    summary.robustness = robustness;
    let blocking = summary::audit(cohort, settings, roster);
    summary.stability = blocking.as_ref().map(|b| summary::StabilityReport {
        blocking_pairs: b.len(),
    });
    let unmatched = crate::unmatched::unmatched_report(cohort, settings, roster);
    let mut files = vec![
        (ROSTER_FILES[0], roster_csv::roster_csv(cohort, roster)),
        (ROSTER_FILES[1], roster_csv::mentor_load_csv(cohort, roster)),
        (ROSTER_FILES[2], summary.to_json()),
        (
            ROSTER_FILES[3],
            crate::unmatched::unmatched_csv(cohort, &unmatched),
        ),
    ];
    if let Some(b) = &blocking {
        files.push((
            AUDIT_FILES[0],
            crate::stability::blocking_pairs_csv(cohort, b),
        ));
    }
    (files, summary)
}
