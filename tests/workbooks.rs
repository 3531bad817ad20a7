//! The HR workbook in: a staff sheet and a long-form assessment sheet as the staff system
//! exports them (title rows above the header, headers as HR writes them, golongan written
//! five ways, decimal commas in text cells, NIPs as text) give the same roster as the same
//! cohort written as documented CSV; and each input that used to be read silently wrong is
//! now an error or a warning.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use crate::util::{bimbing, read_csv, shipped, summary};

/// The golongan of a CSV cell written as staff systems write it, one of five ways by `k`.
fn spelled(grade: &str, k: usize) -> String {
    let Some((gol, ruang)) = grade.split_once('/') else {
        return grade.to_string(); // a PPPK grade stays as it is
    };
    match k % 5 {
        0 => {
            let pangkat = match grade {
                "III/a" => "Penata Muda",
                "III/c" => "Penata",
                "III/d" => "Penata Tk. I",
                "IV/a" => "Pembina",
                "IV/b" => "Pembina Tk. I",
                _ => "",
            };
            if pangkat.is_empty() {
                format!("{gol}-{ruang}")
            } else {
                format!("{pangkat} ({grade})")
            }
        }
        1 => format!("{gol}-{ruang}"),
        2 => format!("{gol}.{ruang}"),
        3 => format!("{gol}{ruang}"),
        _ => format!("{gol} / {}", ruang.to_uppercase()),
    }
}

/// A number cell of the CSV as text with a decimal comma.
fn comma(text: &str) -> String {
    text.replace('.', ",")
}

/// Writes data/example as one workbook: sheet "Pegawai" (everybody, two title rows, a
/// running number, HR's headers, a role column) and sheet "Asesmen" (the competency
/// levels and targets in long form, "M.n" codes and upper case), and a first sheet that is
/// no staff table at all. Returns the path.
fn example_workbook(dir: &Path) -> PathBuf {
    let (mh, mentors) = read_csv(&shipped("example/mentors.csv"));
    let (eh, mentees) = read_csv(&shipped("example/mentees.csv"));
    let col = |h: &[String], name: &str| h.iter().position(|x| x == name).unwrap();
    let codes = [
        ("integritas", "M.1 Integritas"),
        ("komunikasi", "KOMUNIKASI"),
        ("pelayanan_publik", "M.5 Pelayanan Publik"),
        ("pengambilan_keputusan", "Pengambilan Keputusan"),
    ];
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Catatan").unwrap();
    notes
        .write_string(0, 0, "Data pegawai untuk program bimbingan")
        .unwrap();

    let staff = book.add_worksheet();
    staff.set_name("Pegawai").unwrap();
    staff
        .write_string(0, 0, "DAFTAR PEGAWAI PEMERINTAH KOTA MEDAN")
        .unwrap();
    staff
        .write_string(1, 0, "Keadaan per 1 Desember 2026")
        .unwrap();
    let header = [
        "No",
        "NIP",
        "Nama Pegawai",
        "Unit Kerja / OPD",
        "Pangkat/Gol. Ruang",
        "Peran",
        "Kapasitas Bimbingan",
        "Beban Kerja (ABK)",
    ];
    for (c, h) in header.iter().enumerate() {
        staff.write_string(3, c as u16, *h).unwrap();
    }
    let people = mentors
        .iter()
        .map(|m| (m, &mh, "mentor"))
        .chain(mentees.iter().map(|e| (e, &eh, "mentee")));
    for (r, (k, (p, h, role))) in (4u32..).zip(people.enumerate()) {
        staff.write_number(r, 0, (k + 1) as f64).unwrap();
        staff.write_string(r, 1, &p[col(h, "id")]).unwrap();
        staff.write_string(r, 2, &p[col(h, "name")]).unwrap();
        staff.write_string(r, 3, &p[col(h, "unit")]).unwrap();
        staff
            .write_string(r, 4, spelled(&p[col(h, "grade")], k))
            .unwrap();
        let written = if k % 2 == 0 {
            role.to_string()
        } else {
            role.to_uppercase()
        };
        staff.write_string(r, 5, written).unwrap();
        if role == "mentor" {
            let capacity = &p[col(h, "capacity")];
            if !capacity.is_empty() {
                staff
                    .write_number(r, 6, capacity.parse::<f64>().unwrap())
                    .unwrap();
            }
            let workload = &p[col(h, "workload")];
            if k % 2 == 0 {
                staff.write_string(r, 7, comma(workload)).unwrap();
            } else {
                staff
                    .write_number(r, 7, workload.parse::<f64>().unwrap())
                    .unwrap();
            }
        }
    }

    let assessed = book.add_worksheet();
    assessed.set_name("Asesmen").unwrap();
    assessed
        .write_string(0, 0, "HASIL PEMETAAN KOMPETENSI")
        .unwrap();
    for (c, h) in ["NIP", "Kompetensi", "Nilai", "Standar"].iter().enumerate() {
        assessed.write_string(2, c as u16, *h).unwrap();
    }
    let mut r = 3u32;
    for (p, h) in mentors
        .iter()
        .map(|m| (m, &mh))
        .chain(mentees.iter().map(|e| (e, &eh)))
    {
        for (key, written) in codes {
            let level = &p[col(h, &format!("k:{key}"))];
            let target = h
                .iter()
                .position(|x| *x == format!("target:{key}"))
                .map(|c| p[c].clone())
                .unwrap_or_default();
            if level.is_empty() && target.is_empty() {
                continue;
            }
            assessed.write_string(r, 0, &p[col(h, "id")]).unwrap();
            assessed.write_string(r, 1, written).unwrap();
            if !level.is_empty() {
                assessed.write_string(r, 2, comma(level)).unwrap();
            }
            if !target.is_empty() {
                assessed
                    .write_number(r, 3, target.parse::<f64>().unwrap())
                    .unwrap();
            }
            r += 1;
        }
    }
    let path = dir.join("pegawai.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn a_staff_workbook_gives_the_same_roster_as_the_documented_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let book = example_workbook(tmp.path());
    let csv_out = tmp.path().join("csv");
    bimbing()
        .args(["match", "--quiet", "--reproducible", "--mentors"])
        .arg(shipped("example/mentors.csv"))
        .arg("--mentees")
        .arg(shipped("example/mentees.csv"))
        .arg("--out")
        .arg(&csv_out)
        .assert()
        .success();
    let book_out = tmp.path().join("book");
    let staff = format!("{}#Pegawai", book.display());
    let assessed = format!("{}#Asesmen", book.display());
    let run = bimbing()
        .args(["match", "--quiet", "--reproducible", "--staff", &staff])
        .args(["--assessments", &assessed, "--out"])
        .arg(&book_out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let a = std::fs::read(csv_out.join("roster.csv")).unwrap();
    let b = std::fs::read(book_out.join("roster.csv")).unwrap();
    assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
    let s = summary(&book_out);
    assert_eq!(s["inputs"]["staff"]["sheet"], "Pegawai");
    assert_eq!(s["inputs"]["staff"]["header_row"], 4);
    assert_eq!(s["inputs"]["staff"]["workbook"], "xlsx");
    assert_eq!(s["inputs"]["assessments"]["sheet"], "Asesmen");
    assert_eq!(s["totals"], summary(&csv_out)["totals"]);
    // explain reopens the workbook run (staff sheet, assessments sheet) as it reopens the
    // CSV run, and explains every mentee the same way
    let (_, mentees) = read_csv(&shipped("example/mentees.csv"));
    for m in &mentees {
        let explained = |dir: &Path| {
            let out = bimbing()
                .arg("explain")
                .arg(dir)
                .args(["--mentee", &m[0], "--json"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        assert_eq!(explained(&book_out), explained(&csv_out), "{}", m[0]);
    }

    // without a sheet named, the first sheet whose header fits is read
    let plain = tmp.path().join("plain");
    bimbing()
        .args(["match", "--quiet", "--reproducible", "--staff"])
        .arg(&book)
        .args(["--assessments", &assessed, "--out"])
        .arg(&plain)
        .assert()
        .success();
    assert_eq!(std::fs::read(plain.join("roster.csv")).unwrap(), a);
}

/// Writes a one-sheet workbook of `rows` (each cell text, or a number when it parses as
/// one and `numbers` holds its column).
fn sheet(dir: &Path, name: &str, rows: &[&[&str]], numbers: &[usize]) -> PathBuf {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(v) if numbers.contains(&c) => ws.write_number(r as u32, c as u16, v).unwrap(),
                _ => ws.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

#[test]
fn an_nip_stored_as_a_number_is_refused_naming_the_row() {
    let tmp = tempfile::tempdir().unwrap();
    let mentors = sheet(
        tmp.path(),
        "mentors.xlsx",
        &[
            &["Daftar Mentor"],
            &[
                "NIP",
                "Nama",
                "Unit Kerja",
                "Golongan",
                "Beban Kerja",
                "Integritas",
            ],
            &["196805121993031002", "A", "U", "IV/a", "0,5", "4"],
            &["197203151998032004", "B", "U", "IV/b", "0,5", "4"],
        ],
        &[0],
    );
    let mentees = shipped("example/mentees.csv");
    let out = bimbing()
        .args(["match", "--quiet", "--out"])
        .arg(tmp.path().join("o"))
        .arg("--mentors")
        .arg(&mentors)
        .arg("--mentees")
        .arg(&mentees)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mentors.xlsx#Sheet1:3: column 1 (NIP)"),
        "{err}"
    );
    assert!(err.contains("stored as a number"), "{err}");
    assert!(!tmp.path().join("o").exists(), "nothing written");
}

/// A mentors and a mentees CSV under `dir` with these headers and rows.
fn pair_of_files(dir: &Path, mentors: &str, mentees: &str) -> (PathBuf, PathBuf) {
    let (m, e) = (dir.join("mentors.csv"), dir.join("mentees.csv"));
    std::fs::write(&m, mentors).unwrap();
    std::fs::write(&e, mentees).unwrap();
    (m, e)
}

fn run(m: &Path, e: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    bimbing()
        .args([
            "match",
            "--quiet",
            "--reproducible",
            "--no-advice",
            "--mentors",
        ])
        .arg(m)
        .arg("--mentees")
        .arg(e)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn competencies_without_the_prefix_are_scored_and_none_at_all_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    // HR's headers, title rows, competencies named as the standard names them
    let (m, e) = pair_of_files(
        tmp.path(),
        "DAFTAR MENTOR;;;;;;\n;;;;;;\nNIP;Nama Lengkap;OPD;Golongan Ruang;Beban Kerja (ABK);\
         M.1 Integritas;Kerja Sama\n1;A;U;Pembina (IV/a);0,5;5;4\n",
        "NIP;Nama Pegawai;Unit Kerja / OPD;Pangkat/Gol. Ruang;INTEGRITAS;Kerja Sama;\
         Standar Integritas;Standar Kerja Sama\n10;B;U;III-a;2;2;4;4\n",
    );
    let out = tmp.path().join("o");
    let r = run(&m, &e, &out, &["--strict"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let (_, rows) = read_csv(&out.join("roster.csv"));
    // gaps 2 + 2, covered 2 + 2: complementarity 1, not the silent 0 of before
    assert_eq!(rows[0][7], "1.000000");
    assert_eq!(rows[0][10], "III/a");

    // no competency recognised: exit 2, naming the headers seen
    let (m, e) = pair_of_files(
        tmp.path(),
        "id,name,unit,grade,workload,Kepemimpinan\n1,A,U,IV/a,0.5,4\n",
        "id,name,unit,grade,Kepemimpinan\n10,B,U,II/a,2\n",
    );
    let r = run(&m, &e, &tmp.path().join("none"), &[]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("no competency column"), "{err}");
    assert!(err.contains("\"Kepemimpinan\""), "{err}");
}

#[test]
fn silent_inputs_are_warnings_in_the_terminal_and_the_summary_and_strict_stops() {
    let tmp = tempfile::tempdir().unwrap();
    // a workload header that is none of its names, a competency the mentors lack, a
    // golongan column under another name
    let (m, e) = pair_of_files(
        tmp.path(),
        "id,name,unit,grade,Beban Kerja 2024,k:integritas\n1,A,U,IV/a,0.5,4\n",
        "id,name,unit,grade,k:integritas,k:komunikasi\n10,B,U,II/a,2,2\n",
    );
    let out = tmp.path().join("o");
    let r = run(&m, &e, &out, &[]);
    assert!(r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    for expected in [
        "looks like the workload column",
        "\"Beban Kerja 2024\" = \"workload\"",
        "no mentor has a level in the competency \"komunikasi\"",
        "no workload column",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    let warnings = summary(&out)["warnings"].as_array().unwrap().clone();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    // the same under --strict: exit 2, nothing written
    let strict = tmp.path().join("strict");
    let r = run(&m, &e, &strict, &["--strict"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--strict: the input gave 3 warnings"));
    assert!(!strict.exists());
    // a columns file maps the header: the workload is read, its warnings are gone
    let columns = tmp.path().join("kolom.toml");
    std::fs::write(&columns, "[columns]\n\"Beban Kerja 2024\" = \"workload\"\n").unwrap();
    let mapped = tmp.path().join("mapped");
    let r = run(&m, &e, &mapped, &["--columns", columns.to_str().unwrap()]);
    assert!(r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(!err.contains("workload"), "{err}");
    let (_, rows) = read_csv(&mapped.join("roster.csv"));
    assert_eq!(rows[0][9], "0.500000", "the workload term is read: 1 - 0.5");
    // explain reads the headers with the same columns file, and refuses a changed one
    let explain = |dir: &Path| {
        bimbing()
            .arg("explain")
            .arg(dir)
            .args(["--mentee", "10"])
            .output()
            .unwrap()
    };
    assert!(explain(&mapped).status.success());
    std::fs::write(&columns, "[columns]\n\"Beban Kerja 2024\" = \"capacity\"\n").unwrap();
    let r = explain(&mapped);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("kolom.toml"));
}

/// A damaged workbook on which the spreadsheet reader itself fails (this one, found by the
/// workbook fuzz target, has a cell naming a shared string the workbook does not hold) is
/// refused with exit code 2 and a message naming the file: no crash, no panic message,
/// nothing written.
#[test]
fn a_damaged_workbook_is_refused_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let damaged = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/damaged/mentors.xlsx");
    let out = tmp.path().join("out");
    let o = run(&damaged, &shipped("example/mentees.csv"), &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("mentors.xlsx") && stderr.contains("it is damaged"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}
