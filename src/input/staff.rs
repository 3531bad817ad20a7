//! One table of everybody (`--staff`), split into the mentors and the mentees tables.
//!
//! The role of a row comes from its `role` column (alias `peran`: `mentor`, `mentee`,
//! `both`/`keduanya`, and the Indonesian `pembimbing`, `peserta`), or, where that column is
//! absent or the cell empty, from its grade and `--mentor-min-grade G` (at G or above: a
//! mentor; below: a mentee). A row of `both` is a mentor and a mentee (never paired with
//! themselves). The mentors' columns (capacity, workload, ...) are read for the mentors only
//! and the targets for the mentees only, so neither is a warning here.

use super::table::{Row, Table};
use crate::error::InputError;
use crate::model::Grade;

/// The role of a person in the staff table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A mentor only.
    Mentor,
    /// A mentee only.
    Mentee,
    /// Both a mentor and a mentee.
    Both,
}

impl Role {
    /// Parses a role cell (case and spacing ignored).
    pub fn parse(text: &str) -> Option<Role> {
        match super::headers::words(text).as_str() {
            "mentor" | "pembimbing" | "pembina" | "coach" => Some(Role::Mentor),
            "mentee" | "peserta" | "dibimbing" | "binaan" => Some(Role::Mentee),
            "both" | "keduanya" | "mentor dan mentee" | "mentor mentee" => Some(Role::Both),
            _ => None,
        }
    }
}

/// Columns only the mentors table reads.
const MENTOR_ONLY: [&str; 6] = [
    "capacity",
    "workload",
    "min_mentees",
    "hours_used",
    "max_hours",
    "performance",
];

/// Splits a staff table into (mentors, mentees), each with the columns that side reads
/// (the other side's own columns and the role column left out) and the rows of that role,
/// each keeping its line in the staff file.
pub fn split_staff(
    staff: &Table,
    mentor_min_grade: Option<Grade>,
) -> Result<(Table, Table), InputError> {
    let role_col = staff.column("role");
    let grade_col = staff.column("grade");
    if role_col.is_none() && mentor_min_grade.is_none() {
        return Err(staff.header_error(
            "a staff table needs a role column (role or peran: mentor, mentee, both) or \
             --mentor-min-grade G (at G or above: mentor)",
        ));
    }
    let mut mentor_rows = Vec::new();
    let mut mentee_rows = Vec::new();
    for row in &staff.rows {
        let role = role_of(staff, row, role_col, grade_col, mentor_min_grade)?;
        if matches!(role, Role::Mentor | Role::Both) {
            mentor_rows.push(row);
        }
        if matches!(role, Role::Mentee | Role::Both) {
            mentee_rows.push(row);
        }
    }
    let keep_mentors = |h: &str| h != "role" && !h.starts_with("target:");
    let keep_mentees = |h: &str| h != "role" && !MENTOR_ONLY.contains(&h);
    let mentors = part(staff, &mentor_rows, keep_mentors, "mentors")?;
    let mentees = part(staff, &mentee_rows, keep_mentees, "mentees")?;
    Ok((mentors, mentees))
}

/// The role of one row.
fn role_of(
    staff: &Table,
    row: &Row,
    role_col: Option<usize>,
    grade_col: Option<usize>,
    mentor_min_grade: Option<Grade>,
) -> Result<Role, InputError> {
    if let Some(c) = role_col {
        let text = &row.cells[c];
        if !text.is_empty() {
            return Role::parse(text).ok_or_else(|| {
                staff.cell_error(
                    row,
                    c,
                    "unknown role (expected mentor, mentee or both; peran: pembimbing, peserta \
                     or keduanya)",
                )
            });
        }
    }
    let Some(min) = mentor_min_grade else {
        let c = role_col.expect("a role column or a grade threshold");
        return Err(staff.cell_error(
            row,
            c,
            "the role is empty (write mentor, mentee or both, or give --mentor-min-grade)",
        ));
    };
    let Some(g) = grade_col else {
        return Err(staff.header_error("missing column \"grade\" (or golongan)"));
    };
    let grade = Grade::parse(&row.cells[g]).ok_or_else(|| {
        staff.cell_error(
            row,
            g,
            "unknown grade (expected a golongan I/a..IV/e, a PPPK grade I..XVII or a rank 1..99)",
        )
    })?;
    Ok(if grade.step() >= min.step() {
        Role::Mentor
    } else {
        Role::Mentee
    })
}

/// A table of some of the staff table's rows and columns.
fn part(
    staff: &Table,
    rows: &[&Row],
    keep: impl Fn(&str) -> bool,
    side: &str,
) -> Result<Table, InputError> {
    if rows.is_empty() {
        return Err(InputError::file(
            &staff.path,
            format!("the staff table has no {side} (check the role column or --mentor-min-grade)"),
        ));
    }
    let columns: Vec<usize> = (0..staff.headers.len())
        .filter(|&c| keep(&staff.headers[c]))
        .collect();
    let pick = |cells: &[String]| columns.iter().map(|&c| cells[c].clone()).collect();
    Ok(Table {
        path: staff.path.clone(),
        delimiter: staff.delimiter,
        encoding: staff.encoding,
        workbook: staff.workbook.clone(),
        header_line: staff.header_line,
        headers: pick(&staff.headers),
        raw_headers: pick(&staff.raw_headers),
        rows: rows
            .iter()
            .map(|r| Row {
                line: r.line,
                cells: pick(&r.cells),
                numeric: r
                    .numeric
                    .iter()
                    .filter_map(|&n| columns.iter().position(|&c| c == n as usize))
                    .map(|k| k as u32)
                    .collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn staff(text: &str) -> Table {
        Table::parse(Path::new("staff.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn roles_from_the_column_or_the_grade() {
        let t = staff(
            "NIP,Nama,Unit Kerja,Golongan,Peran,Kapasitas,k:komunikasi,target:komunikasi\n\
             1,A,U,IV/a,mentor,2,4,\n2,B,U,II/a,Peserta,,2,4\n3,C,U,III/d,keduanya,1,3,4\n\
             4,D,U,III/c,,,3,4\n",
        );
        let (m, e) = split_staff(&t, Grade::parse("III/d")).unwrap();
        let ids = |t: &Table| {
            t.rows
                .iter()
                .map(|r| r.cells[0].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&m), ["1", "3"]);
        assert_eq!(ids(&e), ["2", "3", "4"]);
        assert!(m.column("capacity").is_some() && m.column("target:komunikasi").is_none());
        assert!(e.column("capacity").is_none() && e.column("target:komunikasi").is_some());
        assert!(m.column("role").is_none() && e.column("role").is_none());
        assert_eq!(e.rows[2].line, 5, "rows keep their line in the staff file");
        // without a threshold an empty role is an error naming the row
        let err = split_staff(&t, None).unwrap_err();
        assert_eq!(err.location.line, 5);
        // by grade alone
        let t = staff("id,name,unit,grade\n1,A,U,IV/a\n2,B,U,III/a\n");
        let (m, e) = split_staff(&t, Grade::parse("III/b")).unwrap();
        assert_eq!(
            (ids(&m), ids(&e)),
            (vec!["1".to_string()], vec!["2".to_string()])
        );
        assert!(split_staff(&t, None).is_err());
        let err = split_staff(&t, Grade::parse("IV/e")).unwrap_err();
        assert!(err.problem.contains("no mentors"), "{err}");
    }

    #[test]
    fn unknown_roles_are_refused() {
        let t = staff("id,name,unit,grade,role\n1,A,U,IV/a,boss\n");
        let err = split_staff(&t, None).unwrap_err();
        assert_eq!(err.value.as_deref(), Some("boss"));
    }
}
