//! What `roster.csv` and the workbook show beside the contract's columns: the people's kept
//! columns (`--keep-columns`, by default Jabatan and the columns file's headers) and each
//! pair's origin (`pair_origin`: a lock of the pairs file, a pair kept from the previous
//! roster); the workbook's sheet per unit and the rules its summary lists.

use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use crate::util::{bimbing, explain, fixture, read_csv, write};

/// The contract's 13 columns, then `pair_origin`.
const CONTRACT_AND_ORIGIN: usize = 14;

/// `bimbing match` on the letters fixture into `out`, with `extra` flags.
fn run(out: &Path, extra: &[&str]) -> std::process::Output {
    run_on(&fixture("letters"), out, extra)
}

/// `bimbing match` on the two files of `dir` into `out`, with `extra` flags.
fn run_on(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(dir.join("mentors.csv"))
        .arg("--mentees")
        .arg(dir.join("mentees.csv"))
        .arg("--out")
        .arg(out)
        .args(["--reproducible", "--no-advice", "--quiet"])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn workbook(path: &Path) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(std::fs::read(path).unwrap())).unwrap()
}

/// A row of `roster.csv` by mentee id, as column name to cell.
fn row_of(header: &[String], rows: &[Vec<String>], mentee: &str) -> Vec<(String, String)> {
    let row = rows.iter().find(|r| r[0] == mentee).unwrap();
    header.iter().cloned().zip(row.iter().cloned()).collect()
}

fn cell<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    row.iter()
        .find(|(c, _)| c == column)
        .map_or_else(|| panic!("no column {column}"), |(_, v)| v.as_str())
}

#[test]
fn jabatan_passes_through_by_default_and_other_columns_when_named() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = run(&out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("(Jabatan)"), "a kept column is used: {err}");
    assert!(err.contains("(Email): not a column bimbing reads"), "{err}");
    let (header, rows) = read_csv(&out.join("roster.csv"));
    assert_eq!(
        header[12..],
        [
            "unmatched_reason",
            "pair_origin",
            "mentee_jabatan",
            "mentor_jabatan"
        ]
    );
    let e2 = row_of(&header, &rows, "E2");
    assert_eq!(cell(&e2, "mentee_jabatan"), "Pengadministrasi");
    let e7 = row_of(&header, &rows, "E7");
    assert_eq!(
        (cell(&e7, "mentor_id"), cell(&e7, "mentor_jabatan")),
        ("", "")
    );

    // named columns: both sides, in the order given; one of neither file is a warning
    let named = tmp.path().join("named");
    let xlsx = tmp.path().join("named.xlsx");
    let letters = tmp.path().join("letters");
    let o = run(
        &named,
        &[
            "--keep-columns",
            "Jabatan, email,No. HP,Telepon",
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--letters",
            letters.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("--keep-columns names \"Telepon\", a column of neither"),
        "{err}"
    );
    assert!(
        !err.contains("(Email)") && !err.contains("(No HP)"),
        "kept: {err}"
    );
    let (header, rows) = read_csv(&named.join("roster.csv"));
    assert_eq!(
        header[CONTRACT_AND_ORIGIN..],
        [
            "mentee_jabatan",
            "mentee_email",
            "mentee_no_hp",
            "mentor_jabatan",
            "mentor_email",
            "mentor_no_hp"
        ]
    );
    let e1 = row_of(&header, &rows, "E1");
    assert_eq!(cell(&e1, "mentee_no_hp"), "0812-1");
    let mut with_mentees = Vec::new();
    for r in &rows {
        let row = row_of(&header, &rows, &r[0]);
        let want = match cell(&row, "mentor_id") {
            "M1" => "m1@example.org",
            "M2" => "m2@example.org",
            _ => "",
        };
        assert_eq!(cell(&row, "mentor_email"), want, "{row:?}");
        assert_eq!(
            cell(&row, "mentee_email"),
            "",
            "the mentees file has no email"
        );
        with_mentees.push(cell(&row, "mentor_id").to_lowercase());
    }
    // a formula-like kept cell is quoted, as every text cell
    let quoted = rows.iter().any(|r| r.iter().any(|c| c == "'=Kasubbag"));
    assert!(quoted);
    // the workbook and the letters show them too
    let mut wb = workbook(&xlsx);
    let roster = wb.worksheet_range("Roster").unwrap();
    let heads: Vec<String> = roster
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(heads.contains(&"email (mentor)".to_string()), "{heads:?}");
    assert!(heads.contains(&"No. HP (mentee)".to_string()), "{heads:?}");
    let (id, email, post) = if with_mentees.contains(&"m1".to_string()) {
        ("m1", "m1@example.org", "Kepala Bidang")
    } else {
        ("m2", "m2@example.org", "Analis Kebijakan")
    };
    let letter = std::fs::read_to_string(letters.join(format!("mentor-{id}.html"))).unwrap();
    assert!(
        letter.contains(&format!("<th>email</th><td>{email}</td>")),
        "{letter}"
    );
    assert!(letter.contains(&format!("<th>Jabatan</th><td>{post}</td>")));

    // under --strict the warning stops the run
    let o = run(
        &tmp.path().join("strict"),
        &["--keep-columns", "Jabatan,Email,No HP,Telepon", "--strict"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn the_columns_file_maps_a_kept_column_and_its_headers_are_kept_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixture("letters");
    // the mentees file heads the post "Posisi"
    let mentees = std::fs::read_to_string(data.join("mentees.csv")).unwrap();
    write(
        tmp.path(),
        "mentees.csv",
        &mentees.replacen("Jabatan", "Posisi", 1),
    );
    std::fs::copy(data.join("mentors.csv"), tmp.path().join("mentors.csv")).unwrap();
    let columns = write(
        tmp.path(),
        "columns.toml",
        "[columns]\n\"Posisi\" = \"jabatan\"\n\"Unit Kerja\" = \"unit\"\n\"Kapasitas\" = \"capacity\"\n",
    );
    let out = tmp.path().join("out");
    let o = run_on(tmp.path(), &out, &["--columns", columns.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (header, rows) = read_csv(&out.join("roster.csv"));
    // Jabatan (the default) finds Posisi, mapped to jabatan; the unit is shown already, so
    // it is not kept again; Kapasitas is
    assert_eq!(
        header[CONTRACT_AND_ORIGIN..],
        [
            "mentee_jabatan",
            "mentee_kapasitas",
            "mentor_jabatan",
            "mentor_kapasitas"
        ]
    );
    let e2 = row_of(&header, &rows, "E2");
    assert_eq!(cell(&e2, "mentee_jabatan"), "Pengadministrasi");
    assert_eq!(cell(&e2, "mentee_kapasitas"), "");
    assert!(!cell(&e2, "mentor_kapasitas").is_empty());
}

#[test]
fn pair_origin_marks_a_lock_and_a_kept_pair() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let xlsx = tmp.path().join("report.xlsx");
    let letters = tmp.path().join("letters");
    let dir = fixture("letters");
    let o = run(
        &out,
        &[
            "--pairs",
            dir.join("pairs.csv").to_str().unwrap(),
            "--previous",
            dir.join("previous.csv").to_str().unwrap(),
            "--continuity-bonus",
            "1",
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--letters",
            letters.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (header, rows) = read_csv(&out.join("roster.csv"));
    let origins: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            let row = row_of(&header, &rows, &r[0]);
            (r[0].clone(), cell(&row, "pair_origin").to_string())
        })
        .collect();
    let of = |id: &str| origins.iter().find(|(m, _)| m == id).unwrap().1.as_str();
    assert_eq!(of("E2"), "lock", "{origins:?}");
    assert_eq!(of("E1"), "kept", "{origins:?}");
    let e1 = row_of(&header, &rows, "E1");
    assert_eq!(cell(&e1, "mentor_id"), "M2");
    assert_eq!(origins.iter().filter(|(_, o)| !o.is_empty()).count(), 2);

    // the workbook says it in words, and its summary lists the rules used
    let mut wb = workbook(&xlsx);
    let roster = wb.worksheet_range("Roster").unwrap();
    let column = roster
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|c| *c == Data::String("Pair origin".into()))
        .unwrap();
    let words: Vec<String> = roster
        .rows()
        .skip(1)
        .map(|r| r[column].to_string())
        .collect();
    assert!(
        words.contains(&"locked by the planner".to_string()),
        "{words:?}"
    );
    assert!(words.contains(&"kept from the previous roster".to_string()));
    let summary = wb.worksheet_range("Summary").unwrap();
    let labels: Vec<String> = summary.rows().map(|r| r[0].to_string()).collect();
    for rule in [
        "rule: capacity",
        "rule: pairs file",
        "rule: previous roster",
    ] {
        assert!(labels.contains(&rule.to_string()), "{labels:?}");
    }
    let row = summary
        .rows()
        .find(|r| r[0] == Data::String("rule: previous roster".into()))
        .unwrap();
    assert!(row[1].to_string().contains("previous.csv"), "{row:?}");
    // the letters name the origin
    let letter = std::fs::read_to_string(letters.join("mentor-m1.html")).unwrap();
    assert!(letter.contains("locked by the planner"));

    // the roster with its new columns reads back: as a previous roster (no warning) and
    // for explain
    let again = tmp.path().join("again");
    let o = run(
        &again,
        &["--previous", out.join("roster.csv").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("not a column of a roster.csv"),
        "{}",
        stderr(&o)
    );
    let (code, _, err) = explain(&out, "E1", &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_sheet_per_unit_with_its_mentees_and_the_mentees_its_mentors_guide() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let xlsx = tmp.path().join("report.xlsx");
    let o = run(&out, &["--xlsx", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (header, rows) = read_csv(&out.join("roster.csv"));
    let (unit, mentor_unit) = (2, 5);
    assert_eq!(
        (header[unit].as_str(), header[mentor_unit].as_str()),
        ("mentee_unit", "mentor_unit")
    );
    let mut wb = workbook(&xlsx);
    let names = wb.sheet_names();
    assert_eq!(names[..4], ["Roster", "Mentors", "Units", "Summary"]);
    let unit_sheets = &names[4..];
    let units: std::collections::BTreeSet<String> =
        rows.iter().map(|r| r[unit].to_lowercase()).collect();
    assert_eq!(unit_sheets.len(), units.len(), "{unit_sheets:?}");
    for name in unit_sheets {
        assert!(name.chars().count() <= 31 && !name.contains(['/', '\\', '[', ']', ':', '*', '?']));
    }
    // the sheet of Dinas Sosial: its mentees (E1, E7) and the mentee its mentor M1 guides
    let sheet = wb.worksheet_range("Dinas Sosial").unwrap();
    let expected = rows
        .iter()
        .filter(|r| r[unit] == "Dinas Sosial" || r[mentor_unit] == "Dinas Sosial")
        .count();
    assert_eq!(sheet.height(), 1 + expected);
    let ids: Vec<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(
        ids.contains(&"E1".to_string()) && ids.contains(&"E7".to_string()),
        "{ids:?}"
    );
    // the long unit's name is cut to Excel's 31 characters
    assert!(unit_sheets
        .iter()
        .any(|n| n.starts_with("Dinas Sangat Panjang") && n.chars().count() == 31));
}
