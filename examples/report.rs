//! Builds the HTML report and the workbook of a scenario comparison through the library,
//! as `bimbing compare FILE --out DIR --html DIR/report.html --xlsx DIR/report.xlsx` does:
//!
//! ```sh
//! cargo run --release --example report -- data/medan/scenarios.toml OUT_DIR [en|id]
//! ```
//!
//! It writes `OUT_DIR/report.html` and `OUT_DIR/report.xlsx` (times left out, so reruns
//! give the same bytes).

use std::path::PathBuf;
use std::process::ExitCode;

use bimbing::compare::Comparison;
use bimbing::input::read_cohort;
use bimbing::report::labels::Lang;
use bimbing::report::{html, write::write_atomically, xlsx};
use bimbing::scenario::{run_scenarios, ScenarioFile};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: report SCENARIOS.toml OUT_DIR [en|id]");
        return ExitCode::from(2);
    };
    let lang: Lang = match args.get(2).map(|s| s.parse()).transpose() {
        Ok(lang) => lang.unwrap_or_default(),
        Err(e) => {
            eprintln!("report: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&PathBuf::from(file), &PathBuf::from(out), lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(file: &std::path::Path, out: &std::path::Path, lang: Lang) -> bimbing::error::Result<()> {
    let scenarios = ScenarioFile::from_path(file)?;
    let (cohort, files) = read_cohort(&scenarios.mentors, &scenarios.mentees)?;
    let outcomes = run_scenarios(&cohort, &scenarios.scenarios, &|_| {});
    let comparison = Comparison::new(&outcomes, cohort.mentees.len(), false);
    let page = html::comparison_html(&cohort, &files, &outcomes, &comparison, lang)?;
    let book = xlsx::comparison_workbook(&cohort, &files, &outcomes, &comparison, lang)?;
    write_atomically(out, &[("report.html", page), ("report.xlsx", book)])?;
    println!("{}", out.join("report.html").display());
    Ok(())
}
