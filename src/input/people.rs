//! Turning the mentors and mentees tables into a [`Cohort`], checking every cell.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::kept::{Keep, KeptColumns};
use super::table::{parse_number, Encoding, Row, Table};
pub use super::table::{read_table, split_sheet};
use super::warnings::Warning;
use crate::error::{InputError, Result};
use crate::model::{Cohort, Grade, Level, Mentee, Mentor};

/// What was read from one input file, for the summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InputInfo {
    /// The file as named by the planner.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, in hex.
    pub sha256: String,
    /// Number of data rows.
    pub rows: usize,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// The detected delimiter, as text (`","`, `";"` or `"\t"`); absent for a workbook.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub delimiter: String,
    /// The workbook's format (`xlsx`, `xls`, `ods`), for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workbook: Option<super::workbook::WorkbookFormat>,
    /// The sheet read, for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row of the header, when title rows stand above it (absent when it is row 1).
    #[serde(skip_serializing_if = "is_first_row")]
    pub header_row: u64,
    /// The file's path from the output folder the run wrote (relative, so that the folder
    /// and its inputs can move together; absolute only where no relative path leads there),
    /// so that `explain` finds the file from any working folder. Absent until a run
    /// records it (see `bimbing::reload::recorded_inputs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_from_output: Option<PathBuf>,
}

/// The input files of a run: the two files of the cohort, and the files the planner's
/// rules name (absent when the settings name none; see [`CohortFiles::with_rule_files`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CohortFiles {
    /// The mentors file.
    pub mentors: InputInfo,
    /// The mentees file.
    pub mentees: InputInfo,
    /// The pairs file (`lock` and `forbid` rows), when the settings name one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs: Option<InputInfo>,
    /// The previous roster (continuity), when the settings name one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<InputInfo>,
    /// The staff table the mentors and the mentees were split from (`--staff`); `mentors`
    /// and `mentees` then describe the same file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffInfo>,
    /// The long-form competency results merged into the people (`--assessments`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessments: Option<InputInfo>,
    /// The columns file the headers were mapped with (`--columns`), set by the command that
    /// read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<RecordedFile>,
}

/// A file a run read that is no table (the columns file): its path and SHA-256.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecordedFile {
    /// The file as named by the planner.
    pub path: PathBuf,
    /// SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// Its path from the output folder (see [`InputInfo::path_from_output`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_from_output: Option<PathBuf>,
}

impl RecordedFile {
    /// Reads the file at `path` to record it.
    pub fn of(path: &Path) -> Result<RecordedFile> {
        let bytes = super::table::read_input(path)?;
        Ok(RecordedFile {
            path: path.to_path_buf(),
            sha256: sha256_hex(&bytes),
            path_from_output: None,
        })
    }
}

/// The staff table of a run, and how its rows were split.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StaffInfo {
    /// The file read.
    #[serde(flatten)]
    pub file: InputInfo,
    /// The grade from which a row without a role is a mentor (`--mentor-min-grade`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentor_min_grade: Option<String>,
}

/// Where the people of a run come from: the mentors and mentees files, or one staff table;
/// and optionally long-form competency results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeopleSources {
    /// The mentors file (`--mentors`).
    pub mentors: Option<PathBuf>,
    /// The mentees file (`--mentees`).
    pub mentees: Option<PathBuf>,
    /// One table of everybody (`--staff`), instead of the two files.
    pub staff: Option<PathBuf>,
    /// With `staff`: the grade from which a row without a role is a mentor.
    pub mentor_min_grade: Option<Grade>,
    /// Long-form competency results (`--assessments`).
    pub assessments: Option<PathBuf>,
}

/// Reads the people of a run from their sources (see [`PeopleSources`]) and checks them.
pub fn read_people(sources: &PeopleSources) -> Result<(Cohort, CohortFiles)> {
    read_people_keeping(sources, &Keep::none()).map(|(cohort, files, _)| (cohort, files))
}

/// [`read_people`], with the cells of the columns `keep` names ([`super::kept`]).
pub fn read_people_keeping(
    sources: &PeopleSources,
    keep: &Keep,
) -> Result<(Cohort, CohortFiles, KeptColumns)> {
    let (mentors, mentees, mut files) = match (&sources.staff, &sources.mentors, &sources.mentees) {
        (Some(staff), None, None) => {
            let (table, info) = read_table(staff, &PEOPLE_COLUMNS)?;
            let (mentors, mentees) = super::staff::split_staff(&table, sources.mentor_min_grade)?;
            let files = CohortFiles {
                mentors: info.clone(),
                mentees: info.clone(),
                pairs: None,
                previous: None,
                staff: Some(StaffInfo {
                    file: info,
                    mentor_min_grade: sources.mentor_min_grade.map(|g| g.to_string()),
                }),
                assessments: None,
                columns: None,
            };
            (mentors, mentees, files)
        }
        (Some(_), _, _) => {
            return Err(crate::error::Error::Settings(
                "--staff is one table of everybody: give it instead of --mentors and --mentees, \
                 not with them"
                    .into(),
            ))
        }
        (None, Some(mentors), Some(mentees)) => {
            if sources.mentor_min_grade.is_some() {
                return Err(crate::error::Error::Settings(
                    "--mentor-min-grade splits a --staff table; with --mentors and --mentees \
                     every row's role is its file"
                        .into(),
                ));
            }
            let (mentees_table, mentees_info) = read_table(mentees, &PEOPLE_COLUMNS)?;
            let (mentors_table, mentors_info) = read_table(mentors, &PEOPLE_COLUMNS)?;
            let files = CohortFiles {
                mentors: mentors_info,
                mentees: mentees_info,
                pairs: None,
                previous: None,
                staff: None,
                assessments: None,
                columns: None,
            };
            (mentors_table, mentees_table, files)
        }
        _ => {
            return Err(crate::error::Error::Settings(
                "the people: give --mentors and --mentees (or the scenario file's mentors and \
                 mentees), or one --staff table"
                    .into(),
            ))
        }
    };
    let mut cohort = cohort_from_tables(&mentors, &mentees)?;
    if let Some(path) = &sources.assessments {
        let (table, info) = read_table(path, &super::assessments::ASSESSMENT_COLUMNS)?;
        super::warnings::warn(super::assessments::merge_assessments(&mut cohort, &table)?);
        files.assessments = Some(info);
    }
    check_cohort_tables(&cohort, &mentors, &mentees)?;
    let kept = keep.cells(&cohort, &mentors, &mentees);
    Ok((cohort, files, kept))
}

impl CohortFiles {
    /// These files with the pairs file and the previous roster at `pairs` and `previous`
    /// (the paths the settings name) as `files` read them, so that a summary records the
    /// SHA-256 of the bytes the match used. A rule file already recorded under that path
    /// is kept; one the settings do not name is dropped; one not read through `files` is
    /// left out. Reads nothing.
    pub fn with_rule_files(
        &self,
        files: &super::RuleFiles,
        pairs: Option<&Path>,
        previous: Option<&Path>,
    ) -> CohortFiles {
        let pick = |kept: &Option<InputInfo>,
                    path: Option<&Path>,
                    read: &dyn Fn(&Path) -> Option<InputInfo>| {
            let path = path?;
            kept.clone()
                .filter(|info| info.path == path)
                .or_else(|| read(path))
        };
        CohortFiles {
            mentors: self.mentors.clone(),
            mentees: self.mentees.clone(),
            pairs: pick(&self.pairs, pairs, &|p| files.pairs_info(p)),
            previous: pick(&self.previous, previous, &|p| files.previous_info(p)),
            staff: self.staff.clone(),
            assessments: self.assessments.clone(),
            columns: self.columns.clone(),
        }
    }
}

fn is_first_row(row: &u64) -> bool {
    *row <= 1
}

/// The columns a table of people must hold, by which its header row is found.
pub const PEOPLE_COLUMNS: [&str; 4] = ["id", "name", "unit", "grade"];

/// Reads and checks both files. Nothing is written; the first problem found is returned.
pub fn read_cohort(mentors_path: &Path, mentees_path: &Path) -> Result<(Cohort, CohortFiles)> {
    read_people(&PeopleSources {
        mentors: Some(mentors_path.to_path_buf()),
        mentees: Some(mentees_path.to_path_buf()),
        ..PeopleSources::default()
    })
}

/// The checks and warnings of a cohort read from its two tables: no competency at all is an
/// error naming the headers seen (every complementarity would be 0); every column read but
/// not used, a competency of the mentees that the mentors file lacks, and an absent workload
/// column are warnings ([`crate::input::warnings`]).
pub fn check_cohort_tables(
    cohort: &Cohort,
    mentors: &Table,
    mentees: &Table,
) -> Result<(), InputError> {
    if cohort.competencies.is_empty() {
        let seen: Vec<String> = mentees
            .raw_headers
            .iter()
            .filter(|h| !h.is_empty())
            .map(|h| format!("{h:?}"))
            .collect();
        return Err(mentees.header_error(format!(
            "no competency column: no header is k:<competency>, or names a competency of the \
             standard (such as \"M.1 Integritas\" or \"Kerja Sama\"), so every pair would \
             score 0 on competencies (headers seen: {}); name the competency columns, map them \
             with --columns, or give the results with --assessments",
            seen.join(", ")
        )));
    }
    let mut warnings = unused_columns(mentors, mentees, &cohort.competencies);
    warnings.extend(coverage_warnings(cohort, mentors, mentees));
    super::warnings::warn(warnings);
    Ok(())
}

/// Warnings about what the mentors file lacks: a competency of the mentees (no mentor can
/// cover its gaps), or the workload column (every workload is taken as 0; an empty cell is
/// the documented 0 of one mentor, not a warning).
pub fn coverage_warnings(cohort: &Cohort, mentors: &Table, mentees: &Table) -> Vec<Warning> {
    let mut out = Vec::new();
    for (k, name) in cohort.competencies.iter().enumerate() {
        if cohort.mentors.iter().all(|m| m.levels[k].is_none()) {
            let location = match mentees.column(&format!("k:{name}")) {
                Some(c) => mentees.column_location(c),
                None => mentors.header_location(),
            };
            out.push(Warning {
                location,
                problem: format!(
                    "no mentor has a level in the competency {name:?} (the mentors file has no \
                     column for it, or it is empty), so no mentor covers the mentees' gaps in it"
                ),
            });
        }
    }
    if mentors.column("workload").is_none() {
        out.push(Warning {
            location: mentors.header_location(),
            problem: "no workload column (workload, Beban Kerja, ABK, EJ or Efisiensi Jabatan): \
                      every mentor's workload is taken as 0, so the workload term is the same \
                      for all"
                .into(),
        });
    }
    out
}

impl InputInfo {
    /// What was read of the file at `path`: its `bytes`, parsed into `table`.
    pub fn of(path: &Path, bytes: &[u8], table: &Table) -> InputInfo {
        InputInfo {
            path: path.to_path_buf(),
            sha256: sha256_hex(bytes),
            rows: table.rows.len(),
            encoding: table.encoding,
            delimiter: if table.workbook.is_some() {
                String::new()
            } else {
                (table.delimiter as char).to_string()
            },
            workbook: table.workbook.as_ref().map(|(format, _)| *format),
            sheet: table.workbook.as_ref().map(|(_, sheet)| sheet.clone()),
            header_row: table.header_line,
            path_from_output: None,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes` in lowercase hex, as [`InputInfo::sha256`] records it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Builds a cohort from parsed tables (the competencies come from the mentees' `k:` columns).
///
/// A `k:` or `target:` column without a competency name, and a mentees' `target:X` column
/// without its `k:X` column, are errors naming the column: they would otherwise be dropped.
pub fn cohort_from_tables(mentors: &Table, mentees: &Table) -> Result<Cohort, InputError> {
    for table in [mentees, mentors] {
        check_competency_names(table)?;
    }
    let competencies: Vec<String> = mentees
        .headers
        .iter()
        .filter_map(|h| h.strip_prefix("k:"))
        .map(str::to_string)
        .collect();
    for (c, header) in mentees.headers.iter().enumerate() {
        if let Some(name) = header.strip_prefix("target:") {
            if !competencies.iter().any(|k| k == name) {
                return Err(mentees.column_error(
                    c,
                    format!(
                        "a target without its competency: the file has no column \"k:{name}\" \
                         (the mentee's current level), so the target would not be used; add \
                         the column, or remove this one"
                    ),
                ));
            }
        }
    }
    let mentees = read_mentees(mentees, &competencies)?;
    let mentors = read_mentors(mentors, &competencies)?;
    Ok(Cohort {
        competencies,
        mentors,
        mentees,
    })
}

/// Columns read from both files (canonical names, aliases applied).
const IDENTITY_COLUMNS: [&str; 5] = ["id", "name", "unit", "grade", "scope"];

/// Columns read from the mentors file only.
const MENTOR_COLUMNS: [&str; 6] = [
    "capacity",
    "workload",
    "min_mentees",
    "hours_used",
    "max_hours",
    "performance",
];

/// Refuses a `k:` or `target:` column without a competency name.
fn check_competency_names(table: &Table) -> Result<(), InputError> {
    for (c, header) in table.headers.iter().enumerate() {
        for prefix in ["k", "target"] {
            if header.strip_prefix(prefix) == Some(":") {
                return Err(table.column_error(
                    c,
                    format!(
                        "the column has no competency name after \"{prefix}:\" (such as \
                         {prefix}:komunikasi), so it cannot be used; name it, or remove it"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The columns of the two files that are read but not used, each a warning naming the file
/// and the column: a column no reader knows, a mentors' column in the mentees file, a
/// mentors' competency no mentee has, a target in the mentors file, and a column without a
/// name that holds data (an empty one, as a trailing delimiter makes, is no column).
pub fn unused_columns(mentors: &Table, mentees: &Table, competencies: &[String]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (table, is_mentors) in [(mentees, false), (mentors, true)] {
        for (c, header) in table.headers.iter().enumerate() {
            if header == super::headers::ROW_NUMBER_COLUMN {
                continue;
            }
            let problem = if header.is_empty() {
                if !table.column_has_data(c) {
                    continue;
                }
                "the column has no name in the header, so its cells are not read (name it, or \
                 remove it)"
                    .to_string()
            } else if IDENTITY_COLUMNS.contains(&header.as_str()) {
                continue;
            } else if MENTOR_COLUMNS.contains(&header.as_str()) {
                if is_mentors {
                    continue;
                }
                "a column of the mentors file: not read from the mentees file".to_string()
            } else if let Some(name) = header.strip_prefix("k:") {
                if !is_mentors || competencies.iter().any(|k| k == name) {
                    continue;
                }
                format!(
                    "no mentee has the competency {name:?} (the mentees' k: columns name the \
                     competencies), so this column is not used"
                )
            } else if header.starts_with("target:") {
                if !is_mentors {
                    continue;
                }
                "targets are read from the mentees file: not read from the mentors file".into()
            } else {
                let read = if is_mentors {
                    "id, name, unit, grade, scope, capacity, workload, min_mentees, hours_used, \
                     max_hours, performance and k:<competency>"
                } else {
                    "id, name, unit, grade, scope, k:<competency> and target:<competency>"
                };
                match super::headers::looks_like(&table.raw_headers[c]) {
                    Some(field) => format!(
                        "looks like {} but is not one of its names, so it is not used (name it as \
                         the README's input columns do, or map it with --columns: \"{}\" = \"{}\")",
                        if field.starts_with('a') { field.to_string() } else { format!("the {field} column") },
                        table.raw_headers[c],
                        if field.starts_with('a') { "k:<competency>" } else { field }
                    ),
                    None => format!("not a column bimbing reads, so it is not used (this file's columns are {read}, or their aliases)"),
                }
            };
            out.push(Warning {
                location: table.column_location(c),
                problem,
            });
        }
    }
    out
}

struct Identity {
    id: usize,
    name: usize,
    unit: usize,
    grade: usize,
    scope: Option<usize>,
}

impl Identity {
    fn find(table: &Table) -> Result<Identity, InputError> {
        let need = |name: &str, aliases: &str| {
            table.column(name).ok_or_else(|| {
                table.header_error(format!("missing column {name:?} (or {aliases})"))
            })
        };
        Ok(Identity {
            id: need("id", "nip")?,
            name: need("name", "nama")?,
            unit: need("unit", "unit_kerja, opd")?,
            grade: need("grade", "golongan")?,
            scope: table.column("scope"),
        })
    }
}

/// Checks ids, names, units and grades of one row; returns (id, name, unit, grade).
fn identity(
    table: &Table,
    row: &Row,
    cols: &Identity,
    seen: &mut HashMap<String, u64>,
) -> Result<(String, String, String, Grade), InputError> {
    let id = table.id_cell(row, cols.id)?;
    if id.is_empty() {
        return Err(table.cell_error(row, cols.id, "the id is empty"));
    }
    if let Some(first) = seen.insert(id.clone(), row.line) {
        return Err(table.cell_error(
            row,
            cols.id,
            format!("duplicate id (first seen on line {first})"),
        ));
    }
    let grade_text = &row.cells[cols.grade];
    let grade = Grade::parse(grade_text).ok_or_else(|| {
        table.cell_error(
            row,
            cols.grade,
            "unknown grade (expected a golongan I/a..IV/e, a PPPK grade I..XVII or a rank 1..99)",
        )
    })?;
    Ok((
        id,
        row.cells[cols.name].clone(),
        row.cells[cols.unit].clone(),
        grade,
    ))
}

/// The scope cell of a row, `None` when the column is absent or the cell empty.
fn scope_of(row: &Row, cols: &Identity) -> Option<String> {
    cols.scope
        .map(|c| row.cells[c].clone())
        .filter(|s| !s.is_empty())
}

/// Column index per competency for a prefix (`k:` or `target:`), `None` when absent.
fn competency_columns(table: &Table, prefix: &str, competencies: &[String]) -> Vec<Option<usize>> {
    competencies
        .iter()
        .map(|c| table.column(&format!("{prefix}{c}")))
        .collect()
}

fn level(table: &Table, row: &Row, column: Option<usize>, what: &str) -> Result<Level, InputError> {
    let Some(column) = column else {
        return Ok(None);
    };
    let text = &row.cells[column];
    if text.is_empty() {
        return Ok(None);
    }
    match parse_number(text, table.decimal_comma()) {
        Some(v) if (1.0..=5.0).contains(&v) => Ok(Some(v)),
        Some(_) => Err(table.cell_error(row, column, format!("{what} must be between 1 and 5"))),
        None => Err(table.cell_error(row, column, format!("{what} is not a number"))),
    }
}

fn read_mentees(table: &Table, competencies: &[String]) -> Result<Vec<Mentee>, InputError> {
    let cols = Identity::find(table)?;
    let level_cols = competency_columns(table, "k:", competencies);
    let target_cols = competency_columns(table, "target:", competencies);
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let (id, name, unit, grade) = identity(table, row, &cols, &mut seen)?;
        let scope = scope_of(row, &cols);
        let levels = level_cols
            .iter()
            .map(|&c| level(table, row, c, "a competency level"))
            .collect::<Result<Vec<_>, _>>()?;
        let targets = target_cols
            .iter()
            .map(|&c| level(table, row, c, "a target level"))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Mentee {
            id,
            name,
            unit,
            scope,
            grade,
            levels,
            targets,
            line: row.line,
        });
    }
    Ok(out)
}

fn read_mentors(table: &Table, competencies: &[String]) -> Result<Vec<Mentor>, InputError> {
    let cols = Identity::find(table)?;
    let level_cols = competency_columns(table, "k:", competencies);
    let capacity_col = table.column("capacity");
    let workload_col = table.column("workload");
    let min_col = table.column("min_mentees");
    let used_col = table.column("hours_used");
    let max_hours_col = table.column("max_hours");
    let performance_col = table.column("performance");
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let (id, name, unit, grade) = identity(table, row, &cols, &mut seen)?;
        let scope = scope_of(row, &cols);
        let min_mentees = match min_col {
            Some(c) if !row.cells[c].is_empty() => Some(parse_count(table, row, c, "min_mentees")?),
            _ => None,
        };
        let hours_used = hours(table, row, used_col, "hours_used")?;
        let max_hours = hours(table, row, max_hours_col, "max_hours")?;
        let performance = super::rating::rating(table, row, performance_col)?;
        let levels = level_cols
            .iter()
            .map(|&c| level(table, row, c, "a competency level"))
            .collect::<Result<Vec<_>, _>>()?;
        let capacity = match capacity_col {
            Some(c) if !row.cells[c].is_empty() => Some(parse_count(table, row, c, "capacity")?),
            _ => None,
        };
        let workload = match workload_col {
            Some(c) if !row.cells[c].is_empty() => {
                match parse_number(&row.cells[c], table.decimal_comma()) {
                    Some(v) if v >= 0.0 => Some(v),
                    Some(_) => {
                        return Err(table.cell_error(row, c, "the workload must be 0 or more"))
                    }
                    None => return Err(table.cell_error(row, c, "the workload is not a number")),
                }
            }
            _ => None,
        };
        out.push(Mentor {
            id,
            name,
            unit,
            scope,
            grade,
            capacity,
            workload,
            min_mentees,
            hours_used,
            max_hours,
            performance,
            levels,
            line: row.line,
        });
    }
    Ok(out)
}

/// A whole number of mentees (`capacity`, `min_mentees`).
fn parse_count(table: &Table, row: &Row, column: usize, what: &str) -> Result<u32, InputError> {
    let text = &row.cells[column];
    let value = parse_number(text, table.decimal_comma())
        .ok_or_else(|| table.cell_error(row, column, format!("the {what} is not a number")))?;
    if value < 0.0 {
        return Err(table.cell_error(row, column, format!("the {what} must be 0 or more")));
    }
    if value.fract() != 0.0 || value > 100_000.0 {
        return Err(table.cell_error(
            row,
            column,
            format!("the {what} must be a whole number (at most 100000)"),
        ));
    }
    Ok(value as u32)
}

/// An optional number of hours (`hours_used`, `max_hours`): empty means the setting.
fn hours(
    table: &Table,
    row: &Row,
    column: Option<usize>,
    what: &str,
) -> Result<Option<f64>, InputError> {
    let Some(c) = column else { return Ok(None) };
    if row.cells[c].is_empty() {
        return Ok(None);
    }
    match parse_number(&row.cells[c], table.decimal_comma()) {
        Some(v) if (0.0..=1e6).contains(&v) => Ok(Some(v)),
        Some(_) => Err(table.cell_error(
            row,
            c,
            format!("the {what} must be between 0 and 1000000 hours"),
        )),
        None => Err(table.cell_error(row, c, format!("the {what} is not a number"))),
    }
}

#[cfg(test)]
#[path = "people_tests.rs"]
mod tests;
