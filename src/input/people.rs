//! Turning the mentors and mentees tables into a [`Cohort`], checking every cell.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::table::{parse_number, Encoding, Row, Table};
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
    /// The detected delimiter, as text (`","`, `";"` or `"\t"`).
    pub delimiter: String,
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
        }
    }
}

/// Reads and checks both files. Nothing is written; the first problem found is returned.
pub fn read_cohort(mentors_path: &Path, mentees_path: &Path) -> Result<(Cohort, CohortFiles)> {
    let (mentees_table, mentees_info) = read_table(mentees_path)?;
    let (mentors_table, mentors_info) = read_table(mentors_path)?;
    let cohort = cohort_from_tables(&mentors_table, &mentees_table)?;
    super::warnings::warn(unused_columns(
        &mentors_table,
        &mentees_table,
        &cohort.competencies,
    ));
    Ok((
        cohort,
        CohortFiles {
            mentors: mentors_info,
            mentees: mentees_info,
            pairs: None,
            previous: None,
        },
    ))
}

/// Reads one file into a table and describes it.
pub fn read_table(path: &Path) -> Result<(Table, InputInfo)> {
    let bytes = super::table::read_input(path)?;
    let table = Table::parse(path, &bytes)?;
    let info = InputInfo::of(path, &bytes, &table);
    Ok((table, info))
}

impl InputInfo {
    /// What was read of the file at `path`: its `bytes`, parsed into `table`.
    pub fn of(path: &Path, bytes: &[u8], table: &Table) -> InputInfo {
        InputInfo {
            path: path.to_path_buf(),
            sha256: sha256_hex(bytes),
            rows: table.rows.len(),
            encoding: table.encoding,
            delimiter: (table.delimiter as char).to_string(),
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
const MENTOR_COLUMNS: [&str; 5] = [
    "capacity",
    "workload",
    "min_mentees",
    "hours_used",
    "max_hours",
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
                     max_hours and k:<competency>"
                } else {
                    "id, name, unit, grade, scope, k:<competency> and target:<competency>"
                };
                format!("not a column bimbing reads, so it is not used (this file's columns are {read}, or their aliases)")
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
    let id = row.cells[cols.id].clone();
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
mod tests {
    use super::*;

    fn tables(mentors: &str, mentees: &str) -> Result<Cohort, InputError> {
        let m = Table::parse(Path::new("mentors.csv"), mentors.as_bytes())?;
        let e = Table::parse(Path::new("mentees.csv"), mentees.as_bytes())?;
        cohort_from_tables(&m, &e)
    }

    const MENTEES: &str = "id,name,unit,grade,k:komunikasi,target:komunikasi,k:integritas\n\
                           10,A,Dinas X,II/a,2,4,\n";

    #[test]
    fn reads_levels_targets_and_defaults() {
        let c = tables(
            "nip,nama,opd,golongan,kapasitas,beban_kerja,k:komunikasi\n1,M,Dinas X,IV/a,,0.5,4.5\n",
            MENTEES,
        )
        .unwrap();
        assert_eq!(c.competencies, ["komunikasi", "integritas"]);
        assert_eq!(c.mentees[0].levels, [Some(2.0), None]);
        assert_eq!(c.mentees[0].targets, [Some(4.0), None]);
        assert_eq!(c.mentors[0].levels, [Some(4.5), None]);
        assert_eq!(c.mentors[0].capacity, None);
        assert_eq!(c.mentors[0].workload, Some(0.5));
        assert_eq!(c.mentors[0].grade.step(), 13);
    }

    #[test]
    fn semicolon_files_take_decimal_commas() {
        let c = tables(
            "id;name;unit;grade;workload;k:komunikasi\n1;M;U;IV/a;0,85;3,5\n",
            MENTEES,
        )
        .unwrap();
        assert_eq!(c.mentors[0].workload, Some(0.85));
        assert_eq!(c.mentors[0].levels[0], Some(3.5));
    }

    fn mentor_error(row: &str) -> InputError {
        let text = format!(
            "id,name,unit,grade,capacity,workload,k:komunikasi\n1,M,U,IV/a,2,0.5,4\n{row}\n"
        );
        tables(&text, MENTEES).unwrap_err()
    }

    #[test]
    fn bad_cells_name_line_column_and_value() {
        let e = mentor_error("2,N,U,IV/z,2,0.5,4");
        assert_eq!(e.location.line, 3);
        assert_eq!(e.location.column, Some((4, "grade".into())));
        assert_eq!(e.value.as_deref(), Some("IV/z"));

        let e = mentor_error("1,N,U,IV/a,2,0.5,4");
        assert!(
            e.problem.contains("duplicate id (first seen on line 2)"),
            "{e}"
        );

        let e = mentor_error("2,N,U,IV/a,-1,0.5,4");
        assert_eq!(e.location.column, Some((5, "capacity".into())));
        let e = mentor_error("2,N,U,IV/a,1.5,0.5,4");
        assert!(e.problem.contains("whole number"));
        let e = mentor_error("2,N,U,IV/a,2,high,4");
        assert_eq!(e.location.column, Some((6, "workload".into())));
        let e = mentor_error("2,N,U,IV/a,2,0.5,6");
        assert!(e.problem.contains("between 1 and 5"));
        let e = mentor_error("2,N,U,IV/a,2,0.5,NaN");
        assert!(e.problem.contains("not a number"));
    }

    #[test]
    fn competency_columns_without_a_name_or_a_level_are_refused() {
        let e = tables("id,name,unit,grade,k:\n1,M,U,IV/a,4\n", MENTEES).unwrap_err();
        assert_eq!(e.location.file, Path::new("mentors.csv"));
        assert_eq!(e.location.column, Some((5, "k:".into())));
        assert!(e.problem.contains("no competency name"), "{e}");
        let e = tables(
            "id,name,unit,grade\n1,M,U,IV/a\n",
            "id,name,unit,grade,K : \n10,A,U,II/a,2\n",
        )
        .unwrap_err();
        assert_eq!(e.location.column, Some((5, "K :".into())));
        let e = tables(
            "id,name,unit,grade\n1,M,U,IV/a\n",
            "id,name,unit,grade,k:a,target:b\n10,A,U,II/a,2,4\n",
        )
        .unwrap_err();
        assert_eq!(e.location.file, Path::new("mentees.csv"));
        assert_eq!(e.location.column, Some((6, "target:b".into())));
        assert!(e.problem.contains("no column \"k:b\""), "{e}");
    }

    #[test]
    fn unused_columns_are_warned_about() {
        let m = Table::parse(
            Path::new("mentors.csv"),
            b"id,name,unit,grade,kapasitas,k:komunikasi,k:other,target:komunikasi,email,\n\
              1,M,U,IV/a,2,4,4,4,m@x,\n",
        )
        .unwrap();
        let e = Table::parse(
            Path::new("mentees.csv"),
            b"id,name,unit,grade,k:komunikasi,target:komunikasi,workload,,catatan\n\
              10,A,U,II/a,2,4,0.5,x,\n",
        )
        .unwrap();
        let cohort = cohort_from_tables(&m, &e).unwrap();
        let warned: Vec<String> = unused_columns(&m, &e, &cohort.competencies)
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(warned.len(), 6, "{warned:#?}");
        assert!(warned[0]
            .starts_with("mentees.csv:1: column 7 (workload): a column of the mentors file"));
        assert!(warned[1].starts_with("mentees.csv:1: column 8 (): the column has no name"));
        assert!(
            warned[2].starts_with("mentees.csv:1: column 9 (catatan): not a column bimbing reads")
        );
        assert!(warned[3].starts_with(
            "mentors.csv:1: column 7 (k:other): no mentee has the competency \"other\""
        ));
        assert!(warned[4].starts_with(
            "mentors.csv:1: column 8 (target:komunikasi): targets are read from the mentees file"
        ));
        assert!(warned[5].starts_with("mentors.csv:1: column 9 (email): not a column"));
        // the empty last column of the mentors file holds nothing: no warning
    }

    #[test]
    fn missing_column_is_named() {
        let e = tables("id,name,grade\n1,M,IV/a\n", MENTEES).unwrap_err();
        assert!(e.problem.contains("missing column \"unit\""), "{e}");
        assert_eq!(e.location.line, 1);
    }
}
