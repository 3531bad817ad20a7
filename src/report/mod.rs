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
//! - [`labels::Lang`]: English (default) or Bahasa Indonesia for every header and label,
//!   through [`roster_files_in`] and [`comparison::ComparisonFormat::render_in`] for the CSV
//!   and Markdown files too.
//!
//! The figures by unit and competency that the workbook and the HTML show are computed once,
//! by [`figures::RosterFigures`].

mod charts;
pub mod comparison;
pub mod figures;
pub mod html;
pub mod labels;
pub mod roster_csv;
pub mod summary;
pub mod write;
pub mod xlsx;

use crate::input::CohortFiles;
use crate::model::Cohort;
use crate::roster::Roster;
use crate::settings::Settings;
use labels::Lang;
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

/// [`roster_files`] with the CSV headers and unmatched reasons in `lang` (`summary.json`
/// keeps its field names in every language).
pub fn roster_files_in(
    cohort: &Cohort,
    inputs: &CohortFiles,
    settings: &Settings,
    roster: &Roster,
    scenario: Option<&str>,
    timings: Option<RunTimings>,
    lang: Lang,
) -> Vec<(&'static str, Vec<u8>)> {
    let mut summary = Summary::new(cohort, inputs, settings, roster, timings);
    summary.scenario = scenario.map(str::to_string);
    vec![
        (
            ROSTER_FILES[0],
            roster_csv::roster_csv_in(cohort, roster, lang),
        ),
        (
            ROSTER_FILES[1],
            roster_csv::mentor_load_csv_in(cohort, roster, lang),
        ),
        (ROSTER_FILES[2], summary.to_json()),
    ]
}
