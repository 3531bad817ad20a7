//! The flags that say where the people come from and how their files are read, shared by
//! `match` and `compare`: one staff table instead of the two files, long-form competency
//! results, the planner's own header names, and whether a warning stops the run.

use std::path::PathBuf;

use clap::Args;

use bimbing::error::{Error, Result};
use bimbing::input::headers::{set_columns, ColumnMap};
use bimbing::input::people::PeopleSources;
use bimbing::model::Grade;

/// How the people are read.
#[derive(Debug, Args, Clone, Default)]
pub struct PeopleArgs {
    /// One table of everybody (CSV or workbook), instead of --mentors and --mentees: the
    /// role comes from its role column (peran: mentor, mentee, both/keduanya) or from
    /// --mentor-min-grade.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["mentors", "mentees"])]
    pub staff: Option<PathBuf>,
    /// With --staff: a row without a role is a mentor at this grade or above (such as
    /// III/d), a mentee below it.
    #[arg(long, value_name = "GRADE", requires = "staff", value_parser = parse_grade)]
    pub mentor_min_grade: Option<Grade>,
    /// Competency results in long form (CSV or workbook: id/nip, competency/kompetensi,
    /// level/nilai, and optionally target/standar), merged into the people's levels.
    #[arg(long, value_name = "FILE")]
    pub assessments: Option<PathBuf>,
    /// A columns file (TOML, `[columns] "Header as written" = "unit"`) mapping the
    /// planner's own header names to the columns bimbing reads.
    #[arg(long, value_name = "TOML")]
    pub columns: Option<PathBuf>,
    /// Stop with exit code 2 when the input gives any warning (a column not used, a
    /// competency the mentors lack, a missing workload, rows of the assessments not used).
    #[arg(long)]
    pub strict: bool,
}

fn parse_grade(text: &str) -> std::result::Result<Grade, String> {
    Grade::parse(text).ok_or_else(|| {
        format!("{text:?} is no grade (a golongan I/a..IV/e, a PPPK grade I..XVII or a rank 1..99)")
    })
}

impl PeopleArgs {
    /// Reads the columns file (when given) and sets it for every table read from now on.
    pub fn apply_columns(&self) -> Result<()> {
        if let Some(path) = &self.columns {
            set_columns(ColumnMap::read(path)?);
        }
        Ok(())
    }

    /// The sources of the people, with the two files (`mentors`, `mentees`) where no staff
    /// table is given.
    pub fn sources(&self, mentors: Option<PathBuf>, mentees: Option<PathBuf>) -> PeopleSources {
        PeopleSources {
            mentors: if self.staff.is_some() { None } else { mentors },
            mentees: if self.staff.is_some() { None } else { mentees },
            staff: self.staff.clone(),
            mentor_min_grade: self.mentor_min_grade,
            assessments: self.assessments.clone(),
        }
    }

    /// The input files these flags name (for the output checks: none is ever overwritten).
    pub fn files(&self) -> Vec<PathBuf> {
        [&self.staff, &self.assessments, &self.columns]
            .into_iter()
            .flatten()
            .map(|p| bimbing::input::people::split_sheet(p).0)
            .collect()
    }
}

/// Prints the warnings given so far, and under `--strict` stops when there is any; returns
/// them (as printed) for summary.json.
pub fn warnings_checked(strict: bool) -> Result<Vec<String>> {
    let warnings = crate::cli::print_warnings();
    if strict && !warnings.is_empty() {
        return Err(Error::Settings(format!(
            "--strict: the input gave {} warning{} (above); mend the files, map the headers \
             with --columns, or run without --strict",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(warnings)
}
