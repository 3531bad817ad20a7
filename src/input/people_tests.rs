//! Tests of [`super`].

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
    let text =
        format!("id,name,unit,grade,capacity,workload,k:komunikasi\n1,M,U,IV/a,2,0.5,4\n{row}\n");
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
    assert!(
        warned[0].starts_with("mentees.csv:1: column 7 (workload): a column of the mentors file")
    );
    assert!(warned[1].starts_with("mentees.csv:1: column 8 (): the column has no name"));
    assert!(warned[2].starts_with("mentees.csv:1: column 9 (catatan): not a column bimbing reads"));
    assert!(warned[3]
        .starts_with("mentors.csv:1: column 7 (k:other): no mentee has the competency \"other\""));
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
