//! Files written for planners (roster, mentor loads, summary) and the safe way to write them.
//!
//! Each format is a function that returns bytes and does no IO; [`mod@write`] puts bytes on disk
//! atomically.
//!
//! Beside the CSV and JSON files:
//! - [`xlsx::roster_workbook`] and [`xlsx::comparison_workbook`]: an Excel workbook (sheets
//!   Roster, Mentors, Units, Summary, and Comparison for a comparison);
//! - [`html::roster_html`] and [`html::comparison_html`]: one self-contained HTML file with
//!   the summary, the comparison and charts (inline SVG), readable in black and white;
//! - [`labels::Lang`]: English (default) or Bahasa Indonesia for what people read: the
//!   workbook, the HTML and the Markdown comparison. The CSV and JSON files are the same in
//!   every language (`summary.json` records the language, see [`summary::Summary::lang`]).
//!
//! - [`letters::letters`]: the pages a planner sends out (`--letters DIR`): a letter per
//!   mentor with mentees and a list per unit for its head, printable on A4.
//!
//! The figures by unit and competency that the workbook and the HTML show are computed once,
//! by [`figures::RosterFigures`]. Beside the contract's columns, `roster.csv`, the workbook
//! and the letters show each pair's origin and the people's kept columns
//! ([`origin::Extras`]).

pub mod advice_csv;
pub mod audit_csv;
mod charts;
pub mod comparison;
pub mod figures;
pub mod html;
pub mod labels;
pub mod letters;
pub mod origin;
pub mod roster_csv;
pub mod rules_text;
pub mod summary;
pub mod unit_groups;
pub mod write;
pub mod xlsx;

use crate::input::CohortFiles;
use crate::model::Cohort;
use crate::roster::Roster;
use crate::settings::Settings;
use labels::Lang;
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

/// Every file bimbing may write into one roster folder (a match's, or one scenario's):
/// [`ROSTER_FILES`], the advice files, [`AUDIT_FILES`] and the robustness file of
/// `compare --perturb`.
pub fn folder_files() -> Vec<&'static str> {
    ROSTER_FILES
        .iter()
        .chain(advice_csv::ADVICE_FILES.iter())
        .chain(AUDIT_FILES.iter())
        .chain([crate::robust::ROBUSTNESS_FILE].iter())
        .copied()
        .collect()
}

/// A file of a roster folder: its name and its bytes.
pub type NamedBytes = (&'static str, Vec<u8>);

/// The bytes of a roster's files, named as in [`ROSTER_FILES`].
pub fn roster_files(
    cohort: &Cohort,
    inputs: &CohortFiles,
    settings: &Settings,
    roster: &Roster,
    scenario: Option<&str>,
    timings: Option<RunTimings>,
) -> crate::error::Result<Vec<NamedBytes>> {
    roster_files_in(
        cohort,
        inputs,
        settings,
        roster,
        scenario,
        timings,
        Lang::En,
    )
}

/// [`roster_files`] of a run in `lang`: the CSV files are the same in every language, and
/// `summary.json` records the language (for `explain` and `diff` to speak it).
pub fn roster_files_in(
    cohort: &Cohort,
    inputs: &CohortFiles,
    settings: &Settings,
    roster: &Roster,
    scenario: Option<&str>,
    timings: Option<RunTimings>,
    lang: Lang,
) -> crate::error::Result<Vec<NamedBytes>> {
    let run = RunInfo {
        scenario,
        timings,
        lang,
        ..RunInfo::default()
    };
    Ok(roster_files_with(cohort, inputs, settings, roster, &run)?.0)
}

/// What a run adds to a roster's files beyond the cohort, settings and roster.
#[derive(Debug, Clone, Default)]
pub struct RunInfo<'a> {
    /// The scenario's name, when the roster is one of a scenario file's.
    pub scenario: Option<&'a str>,
    /// Wall-clock times (none with `--reproducible`).
    pub timings: Option<RunTimings>,
    /// Robustness figures, when `compare --perturb` measured them.
    pub robustness: Option<summary::RobustnessReport>,
    /// Language of what people read (the workbook, the HTML), recorded in `summary.json`.
    pub lang: Lang,
    /// The warnings about the input files, as the terminal showed them.
    pub warnings: Vec<String>,
    /// The pairs' origins and the kept columns `roster.csv` shows after the contract's
    /// columns; when `None`, the origins under the settings and no kept column.
    pub extras: Option<&'a origin::Extras<'a>>,
}

/// The bytes of a roster's files ([`ROSTER_FILES`], and [`AUDIT_FILES`] when the stability
/// audit runs), and the summary, for the terminal and the reports.
pub fn roster_files_with(
    cohort: &Cohort,
    inputs: impl Into<crate::input::RecordedInputs>,
    settings: &Settings,
    roster: &Roster,
    run: &RunInfo<'_>,
) -> crate::error::Result<(Vec<NamedBytes>, Summary)> {
    let mut summary = Summary::new(cohort, inputs, settings, roster, run.timings);
    summary.scenario = run.scenario.map(str::to_string);
    summary.robustness = run.robustness;
    summary.warnings = run.warnings.clone();
    summary.lang = Some(run.lang);
    let blocking = summary::audit(cohort, settings, roster);
    summary.stability = blocking.as_ref().map(|b| summary::StabilityReport {
        blocking_pairs: b.len(),
    });
    let unmatched = crate::unmatched::unmatched_report(cohort, settings, roster);
    let own_extras;
    let extras = match run.extras {
        Some(extras) => extras,
        None => {
            own_extras = origin::Extras::new(cohort, settings, roster, None)?;
            &own_extras
        }
    };
    let roster_bytes = roster_csv::roster_csv_with(cohort, roster, extras);
    summary.outputs = Some(summary::OutputFiles {
        roster: summary::OutputFile {
            path: ROSTER_FILES[0].to_string(),
            sha256: crate::input::sha256_hex(&roster_bytes),
        },
    });
    let mut files = vec![
        (ROSTER_FILES[0], roster_bytes),
        (ROSTER_FILES[1], roster_csv::mentor_load_csv(cohort, roster)),
        (ROSTER_FILES[2], summary.to_json()),
        (
            ROSTER_FILES[3],
            audit_csv::unmatched_csv(cohort, &unmatched),
        ),
    ];
    if let Some(b) = &blocking {
        files.push((AUDIT_FILES[0], audit_csv::blocking_pairs_csv(cohort, b)));
    }
    Ok((files, summary))
}
