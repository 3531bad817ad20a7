//! Competency results in long form (`--assessments`): one row per person and competency,
//! as assessment centres and competency mappings (pemetaan kompetensi) deliver them.
//!
//! Columns: `id` (alias `nip`), `competency` (alias `kompetensi`), `level` (alias `nilai`),
//! and optionally `target` (alias `standar`). A competency is named as headers name them
//! ([`super::headers::competency_key`]: "M.1 Integritas", "INTEGRITAS" and "Integritas" are
//! one). The rows are merged into the people's levels (and the mentees' targets): a
//! competency some mentee has becomes a competency of the cohort. A row whose person is in
//! neither file, or whose competency no mentee has, is counted and reported with its first
//! rows (a warning); a level that contradicts one already read for the same person and
//! competency is an error naming both places.

use std::collections::HashMap;

use super::table::{parse_number, Row, Table};
use super::warnings::Warning;
use crate::error::InputError;
use crate::model::{Cohort, Level};

/// The columns an assessments table must hold, by which its header row is found.
pub const ASSESSMENT_COLUMNS: [&str; 3] = ["id", "competency", "level"];

/// How many rows of a kind a warning names.
const FIRST_ROWS: usize = 3;

/// One row of the table, checked.
struct Result1 {
    line: u64,
    id: String,
    competency: String,
    level: Level,
    target: Level,
}

/// Merges the assessments of `table` into `cohort`; returns the warnings about the rows not
/// used.
pub fn merge_assessments(cohort: &mut Cohort, table: &Table) -> Result<Vec<Warning>, InputError> {
    let need = |name: &str, alias: &str| {
        table
            .column(name)
            .ok_or_else(|| table.header_error(format!("missing column {name:?} (or {alias})")))
    };
    let id_col = need("id", "nip")?;
    let competency_col = need("competency", "kompetensi")?;
    let level_col = need("level", "nilai")?;
    let target_col = table.column("target");
    let mut results = Vec::with_capacity(table.rows.len());
    let mut no_name = Vec::new();
    for row in &table.rows {
        let id = table.id_cell(row, id_col)?;
        if id.is_empty() {
            return Err(table.cell_error(row, id_col, "the id is empty"));
        }
        let competency = super::headers::competency_key(&row.cells[competency_col]);
        if competency.is_empty() {
            no_name.push(row.line);
            continue;
        }
        let level = level_cell(table, row, Some(level_col), "a competency level")?;
        let target = level_cell(table, row, target_col, "a target level")?;
        if level.is_none() && target.is_none() {
            return Err(table.cell_error(row, level_col, "the level is empty"));
        }
        results.push(Result1 {
            line: row.line,
            id,
            competency,
            level,
            target,
        });
    }

    let mentees: HashMap<&str, usize> = cohort
        .mentees
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mentors: HashMap<&str, usize> = cohort
        .mentors
        .iter()
        .enumerate()
        .map(|(j, m)| (m.id.as_str(), j))
        .collect();
    // the competencies of the mentees, in the order they first appear
    let mut added = Vec::new();
    for r in &results {
        if mentees.contains_key(r.id.as_str())
            && !cohort.competencies.contains(&r.competency)
            && !added.contains(&r.competency)
        {
            added.push(r.competency.clone());
        }
    }
    let (mentees, mentors): (HashMap<String, usize>, HashMap<String, usize>) = (
        mentees
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        mentors
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    );
    for name in added {
        cohort.competencies.push(name);
        for m in &mut cohort.mentees {
            m.levels.push(None);
            m.targets.push(None);
        }
        for m in &mut cohort.mentors {
            m.levels.push(None);
        }
    }

    let mut set: HashMap<(bool, usize, usize, bool), u64> = HashMap::new();
    let mut nobody = Vec::new();
    let mut no_competency = Vec::new();
    let mut mentor_targets = Vec::new();
    for r in &results {
        let (i, j) = (mentees.get(&r.id).copied(), mentors.get(&r.id).copied());
        if i.is_none() && j.is_none() {
            nobody.push(r.line);
            continue;
        }
        let Some(k) = cohort.competencies.iter().position(|c| *c == r.competency) else {
            no_competency.push(r.line);
            continue;
        };
        let mut put =
            |slot: &mut Level, value: Level, key: (bool, usize, usize, bool), what: &str| {
                let Some(v) = value else { return Ok(()) };
                match *slot {
                    Some(old) if old != v => {
                        let at = set.get(&key).map_or_else(
                            || "in the people's file".to_string(),
                            |line| format!("on line {line}"),
                        );
                        Err(InputError {
                            location: table.column_location(if key.3 {
                                target_col.unwrap_or(level_col)
                            } else {
                                level_col
                            }),
                            value: Some(v.to_string()),
                            problem: format!(
                                "line {}: a second {what} for this person and competency {:?}, \
                             other than the {old} read {at}",
                                r.line, r.competency
                            ),
                        })
                    }
                    _ => {
                        *slot = Some(v);
                        set.insert(key, r.line);
                        Ok(())
                    }
                }
            };
        if let Some(i) = i {
            let m = &mut cohort.mentees[i];
            put(&mut m.levels[k], r.level, (false, i, k, false), "level")?;
            put(&mut m.targets[k], r.target, (false, i, k, true), "target")?;
        }
        if let Some(j) = j {
            let m = &mut cohort.mentors[j];
            put(&mut m.levels[k], r.level, (true, j, k, false), "level")?;
            if i.is_none() && r.target.is_some() {
                mentor_targets.push(r.line);
            }
        }
    }

    let mut out = Vec::new();
    let mut report = |lines: &[u64], what: &str| {
        if lines.is_empty() {
            return;
        }
        let first: Vec<String> = lines.iter().take(FIRST_ROWS).map(u64::to_string).collect();
        out.push(Warning {
            location: table.header_location(),
            problem: format!(
                "{} rows {what}, so they are not used (the first on lines {})",
                lines.len(),
                first.join(", ")
            ),
        });
    };
    report(&no_name, "have no competency name");
    report(
        &nobody,
        "name a person in neither the mentors nor the mentees",
    );
    report(
        &no_competency,
        "name a competency no mentee has (the mentees' competencies are the ones scored)",
    );
    report(
        &mentor_targets,
        "give a target for a mentor (targets are the mentees')",
    );
    Ok(out)
}

/// A level or target cell, 1 to 5; empty is none.
fn level_cell(
    table: &Table,
    row: &Row,
    column: Option<usize>,
    what: &str,
) -> Result<Level, InputError> {
    let Some(c) = column else { return Ok(None) };
    let text = &row.cells[c];
    if text.is_empty() {
        return Ok(None);
    }
    match parse_number(text, table.decimal_comma()) {
        Some(v) if (1.0..=5.0).contains(&v) => Ok(Some(v)),
        Some(_) => Err(table.cell_error(row, c, format!("{what} must be between 1 and 5"))),
        None => Err(table.cell_error(row, c, format!("{what} is not a number"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn cohort() -> Cohort {
        let m = Table::parse(
            Path::new("mentors.csv"),
            b"id,name,unit,grade,workload,k:komunikasi\n1,M,U,IV/a,0.5,4\n",
        )
        .unwrap();
        let e = Table::parse(
            Path::new("mentees.csv"),
            b"id,name,unit,grade,k:komunikasi\n10,A,U,II/a,2\n11,B,U,II/a,\n",
        )
        .unwrap();
        super::super::people::cohort_from_tables(&m, &e).unwrap()
    }

    #[test]
    fn long_form_merges_into_levels_and_targets() {
        let mut c = cohort();
        let t = Table::parse(
            Path::new("asesmen.csv"),
            "NIP;Kompetensi;Nilai;Standar\n10;M.1 Integritas;2;4\n1;INTEGRITAS;4,5;\n\
             11;Komunikasi;3;4\n99;Integritas;3;\n1;Kepemimpinan Teknis;4;\n10;Komunikasi;2;\n"
                .as_bytes(),
        )
        .unwrap();
        let warnings = merge_assessments(&mut c, &t).unwrap();
        assert_eq!(c.competencies, ["komunikasi", "integritas"]);
        assert_eq!(c.mentees[0].levels, [Some(2.0), Some(2.0)]);
        assert_eq!(c.mentees[0].targets, [None, Some(4.0)]);
        assert_eq!(c.mentees[1].levels, [Some(3.0), None]);
        assert_eq!(c.mentees[1].targets, [Some(4.0), None]);
        assert_eq!(c.mentors[0].levels, [Some(4.0), Some(4.5)]);
        let text: Vec<String> = warnings.iter().map(|w| w.problem.clone()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("1 rows name a person in neither") && text[0].contains("lines 5")
        );
        assert!(
            text[1].starts_with("1 rows name a competency no mentee has")
                && text[1].contains("lines 6")
        );
    }

    #[test]
    fn contradictions_name_both_places() {
        let mut c = cohort();
        let t = Table::parse(
            Path::new("asesmen.csv"),
            b"id,competency,level\n10,komunikasi,3\n",
        )
        .unwrap();
        let e = merge_assessments(&mut c, &t).unwrap_err();
        assert!(
            e.problem
                .contains("other than the 2 read in the people's file"),
            "{e}"
        );
        let mut c = cohort();
        let t = Table::parse(
            Path::new("asesmen.csv"),
            b"id,competency,level\n10,integritas,3\n10,Integritas,4\n",
        )
        .unwrap();
        let e = merge_assessments(&mut c, &t).unwrap_err();
        assert!(e.problem.contains("read on line 2"), "{e}");
        let t = Table::parse(
            Path::new("a.csv"),
            b"id,competency,level\n10,komunikasi,7\n",
        )
        .unwrap();
        assert!(merge_assessments(&mut cohort(), &t).is_err());
    }
}
