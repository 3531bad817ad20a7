//! Merit (pembinaan berbasis prestasi): the mentors' SKP rating (`performance`, "Predikat
//! Kinerja", "SKP") and `min_mentor_performance`. The rule is checked against an
//! independent route: the same match without the rule on a mentors file from which the
//! mentors it excludes were deleted by hand here.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use crate::util::{bimbing, explain, read_csv, run_match, shipped, summary, write};

/// The ratings, lowest first, as this test writes them (apart from the program's table).
const RATINGS: [&str; 5] = [
    "sangat kurang",
    "kurang",
    "butuh perbaikan",
    "baik",
    "sangat baik",
];

/// The rank of a rating cell (0 lowest), case and `_` ignored; `None` when empty.
fn rank(cell: &str) -> Option<usize> {
    let key = cell.trim().to_lowercase().replace('_', " ");
    (!key.is_empty()).then(|| RATINGS.iter().position(|r| *r == key).expect("a rating"))
}

/// `match` (no advice, reproducible) with `extra`: (exit code, stderr).
fn run(mentors: &Path, mentees: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args: Vec<&OsStr> = ["--no-advice", "--reproducible", "--force"]
        .into_iter()
        .map(OsStr::new)
        .collect();
    args.extend(extra.iter().map(OsStr::new));
    let output = run_match(mentors, mentees, out, &args).get_output().clone();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Per mentee (roster order): the mentor id; and the total score of summary.json.
fn roster_of(out: &Path) -> (Vec<(String, String)>, f64) {
    let (h, rows) = read_csv(&out.join("roster.csv"));
    let mi = h.iter().position(|c| c == "mentor_id").unwrap();
    let pairs = rows.iter().map(|r| (r[0].clone(), r[mi].clone())).collect();
    let total = summary(out)["totals"]["total_score"].as_f64().unwrap();
    (pairs, total)
}

/// The mentors file with only the rows whose rating is at least `min` (by [`rank`]).
fn keep_rated(mentors: &Path, min: usize, to: &Path) -> usize {
    let (h, rows) = read_csv(mentors);
    let c = h.iter().position(|x| x == "performance").unwrap();
    let mut w = csv::Writer::from_path(to).unwrap();
    w.write_record(&h).unwrap();
    let mut dropped = 0;
    for r in &rows {
        if rank(&r[c]).is_some_and(|k| k >= min) {
            w.write_record(r).unwrap();
        } else {
            dropped += 1;
        }
    }
    w.flush().unwrap();
    dropped
}

#[test]
fn the_rule_gives_the_roster_of_the_mentors_it_keeps() {
    let tmp = tempfile::tempdir().unwrap();
    let (mentors, mentees) = (shipped("medan/mentors.csv"), shipped("medan/mentees.csv"));
    let (h, rows) = read_csv(&mentors);
    let c = h.iter().position(|x| x == "performance").unwrap();
    let below: Vec<&String> = rows
        .iter()
        .filter(|r| rank(&r[c]).unwrap() < 3)
        .map(|r| &r[0])
        .collect();
    assert!(!below.is_empty());

    let plain = tmp.path().join("plain");
    assert_eq!(run(&mentors, &mentees, &plain, &[]).0, 0);
    let (plain_pairs, plain_total) = roster_of(&plain);
    assert!(
        plain_pairs.iter().any(|(_, m)| below.contains(&m)),
        "without the rule some mentor rated below Baik mentors"
    );

    let ruled = tmp.path().join("ruled");
    let (code, stderr) = run(
        &mentors,
        &mentees,
        &ruled,
        &["--min-mentor-performance", "BAIK", "--strict"],
    );
    assert_eq!(code, 0, "{stderr}");
    let (pairs, total) = roster_of(&ruled);
    assert!(pairs.iter().all(|(_, m)| !below.contains(&m)));
    assert!(total < plain_total, "{total} vs {plain_total}");
    let s = summary(&ruled);
    assert_eq!(s["settings"]["min_mentor_performance"], "Baik");

    let kept = tmp.path().join("kept.csv");
    assert_eq!(keep_rated(&mentors, 3, &kept), below.len());
    let deleted = tmp.path().join("deleted");
    assert_eq!(run(&kept, &mentees, &deleted, &[]).0, 0);
    let (by_hand, by_hand_total) = roster_of(&deleted);
    assert!(
        (total - by_hand_total).abs() < 1e-6,
        "{total} vs {by_hand_total}"
    );
    assert_eq!(pairs, by_hand, "the same roster");
    assert_eq!(
        s["counts"]["eligible_pairs"],
        summary(&deleted)["counts"]["eligible_pairs"]
    );
}

/// data/example's mentors with a "Predikat Kinerja" column of these cells.
fn rated_example(dir: &Path, cells: [&str; 5]) -> PathBuf {
    let text = std::fs::read_to_string(shipped("example/mentors.csv")).unwrap();
    let mut lines = text.lines();
    let mut out = format!("{},Predikat Kinerja\n", lines.next().unwrap());
    for (line, cell) in lines.zip(cells) {
        out.push_str(&format!("{line},{cell}\n"));
    }
    write(dir, "mentors.csv", &out)
}

const EXAMPLE_RATINGS: [&str; 5] = ["Sangat Baik", "BUTUH PERBAIKAN", "baik", "", "sangat_baik"];

#[test]
fn unrated_mentors_are_a_counted_warning_and_strict_stops() {
    let tmp = tempfile::tempdir().unwrap();
    let mentors = rated_example(tmp.path(), EXAMPLE_RATINGS);
    let mentees = shipped("example/mentees.csv");
    let out = tmp.path().join("o");
    let (code, stderr) = run(&mentors, &mentees, &out, &[]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("warning"), "no rule, no warning: {stderr}");
    let (code, stderr) = run(
        &mentors,
        &mentees,
        &out,
        &["--min-mentor-performance", "Baik"],
    );
    assert_eq!(code, 0, "{stderr}");
    let expected = "1 of 5 mentors has no SKP rating (row 5)";
    assert!(stderr.contains(expected), "{stderr}");
    let s = summary(&out);
    let warnings = s["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains(expected)),
        "{warnings:?}"
    );
    // the unrated mentor (row 5) and the one rated Butuh Perbaikan (row 3) mentor no one
    let (mh, mrows) = read_csv(&mentors);
    let (pairs, _) = roster_of(&out);
    for row in [1, 3] {
        let id = &mrows[row][mh.iter().position(|h| h == "id").unwrap()];
        assert!(pairs.iter().all(|(_, m)| m != id), "row {}", row + 2);
    }
    let (code, stderr) = run(
        &mentors,
        &mentees,
        &tmp.path().join("strict"),
        &["--min-mentor-performance", "Baik", "--strict"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(expected) && stderr.contains("--strict"),
        "{stderr}"
    );
    assert!(!tmp.path().join("strict").exists(), "nothing written");
}

#[test]
fn no_rated_mentor_bad_ratings_and_unknown_thresholds_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mentees = shipped("example/mentees.csv");
    let out = tmp.path().join("o");
    // no rating at all: no column, or an empty one
    let empty = rated_example(tmp.path(), [""; 5]);
    for mentors in [shipped("example/mentors.csv"), empty] {
        let (code, stderr) = run(
            &mentors,
            &mentees,
            &out,
            &["--min-mentor-performance", "Baik"],
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("no mentor has an SKP rating"), "{stderr}");
        assert!(!out.exists(), "nothing written");
    }
    // a cell that is no rating: file, row, column and value
    let bad = rated_example(tmp.path(), ["Baik", "Baik", "Bagus", "Baik", "Baik"]);
    let (code, stderr) = run(&bad, &mentees, &out, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("mentors.csv:4: column 11 (Predikat Kinerja): value \"Bagus\""),
        "{stderr}"
    );
    // an unknown threshold, as a flag and as a key
    let rated = rated_example(tmp.path(), EXAMPLE_RATINGS);
    let (code, stderr) = run(
        &rated,
        &mentees,
        &out,
        &["--min-mentor-performance", "Cukup"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("\"Cukup\"") && stderr.contains("Sangat Baik"),
        "{stderr}"
    );
    let settings = write(tmp.path(), "s.toml", "min_mentor_performance = \"Cukup\"\n");
    let (code, stderr) = run(
        &rated,
        &mentees,
        &out,
        &["--settings", settings.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("line 1")
            && stderr.contains("min_mentor_performance: unknown performance rating \"Cukup\""),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn explain_names_the_rule_in_english_and_in_bahasa() {
    let tmp = tempfile::tempdir().unwrap();
    let mentors = rated_example(tmp.path(), EXAMPLE_RATINGS);
    let out = tmp.path().join("o");
    let extra = ["--min-mentor-performance", "baik"];
    assert_eq!(
        run(&mentors, &shipped("example/mentees.csv"), &out, &extra).0,
        0
    );
    // Rina Tarigan's best mentor by score is rated Butuh Perbaikan; Dewi Ginting, third,
    // has no rating.
    let mentee = "199601012020122001";
    let (code, text, stderr) = explain(&out, mentee, &["--lang", "id"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.contains(
            "tidak memenuhi syarat: predikat kinerja: predikat SKP mentor (Butuh Perbaikan) di \
             bawah Baik (min_mentor_performance)"
        ),
        "{text}"
    );
    assert!(
        text.contains("mentor tidak memiliki predikat SKP, sedangkan min_mentor_performance"),
        "{text}"
    );
    let (code, text, _) = explain(&out, mentee, &["--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("performance: the mentor's SKP rating (Butuh Perbaikan) is below Baik"),
        "{text}"
    );
    let (_, json, _) = explain(&out, mentee, &["--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &json["alternatives"][0]["why_not"]["rules"][0];
    assert_eq!(first["rule"], "performance");
    assert_eq!(first["rating"], "Butuh Perbaikan");
    assert_eq!(first["required"], "Baik");
}

/// A one-sheet workbook of text cells, `titles` title rows above the header.
fn book(path: &Path, sheet: &str, titles: u32, rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for t in 0..titles {
        ws.write_string(t, 0, "DAFTAR PEGAWAI").unwrap();
    }
    for (r, row) in (titles..).zip(rows) {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn ratings_read_from_workbooks_and_from_one_staff_table() {
    let tmp = tempfile::tempdir().unwrap();
    let mentors_csv = rated_example(tmp.path(), EXAMPLE_RATINGS);
    let mentees_csv = shipped("example/mentees.csv");
    let csv_out = tmp.path().join("csv");
    let rule = ["--min-mentor-performance", "Baik"];
    assert_eq!(run(&mentors_csv, &mentees_csv, &csv_out, &rule).0, 0);
    let (expected, _) = roster_of(&csv_out);

    // the mentors as a workbook, the rating as "SKP" in upper case
    let (mh, mrows) = read_csv(&mentors_csv);
    let mut rows = vec![mh
        .iter()
        .map(|h| {
            if h == "Predikat Kinerja" {
                "SKP".into()
            } else {
                h.clone()
            }
        })
        .collect::<Vec<String>>()];
    rows.extend(mrows.iter().map(|r| {
        let mut r = r.clone();
        *r.last_mut().unwrap() = r.last().unwrap().to_uppercase();
        r
    }));
    let mentors_book = tmp.path().join("mentor.xlsx");
    book(&mentors_book, "Mentor", 2, &rows);
    let book_out = tmp.path().join("book");
    let (code, stderr) = run(&mentors_book, &mentees_csv, &book_out, &rule);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(roster_of(&book_out).0, expected);

    // everybody in one staff sheet with a role column; the mentees' rating cells empty
    let (eh, erows) = read_csv(&mentees_csv);
    let mut header: Vec<String> = vec!["Peran".into(), "Predikat".into()];
    let mut columns: Vec<String> = Vec::new();
    for h in mh.iter().chain(&eh) {
        if h != "Predikat Kinerja" && !columns.contains(h) {
            columns.push(h.clone());
        }
    }
    header.extend(columns.iter().cloned());
    let mut rows = vec![header];
    for (role, h, people) in [("mentor", &mh, &mrows), ("mentee", &eh, &erows)] {
        for p in people.iter() {
            let cell = |name: &str| {
                h.iter()
                    .position(|x| x == name)
                    .map(|c| p[c].clone())
                    .unwrap_or_default()
            };
            let mut row = vec![role.to_string(), cell("Predikat Kinerja")];
            row.extend(columns.iter().map(|c| cell(c)));
            rows.push(row);
        }
    }
    let staff = tmp.path().join("pegawai.xlsx");
    book(&staff, "Pegawai", 1, &rows);
    let staff_out = tmp.path().join("staff");
    let output = bimbing()
        .args([
            "match",
            "--quiet",
            "--no-advice",
            "--min-mentor-performance",
            "Baik",
        ])
        .arg("--staff")
        .arg(&staff)
        .arg("--out")
        .arg(&staff_out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("1 of 5 mentors has no SKP rating (row 6)"),
        "{stderr}"
    );
    assert_eq!(roster_of(&staff_out).0, expected);

    // a bad rating in a workbook names the row the spreadsheet shows
    rows[3][1] = "Bagus".into();
    book(&staff, "Pegawai", 1, &rows);
    let output = bimbing()
        .args(["match", "--quiet", "--staff"])
        .arg(&staff)
        .arg("--out")
        .arg(tmp.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("pegawai.xlsx#Pegawai:5: column ")
            && stderr.contains(" (Predikat): value \"Bagus\""),
        "{stderr}"
    );
}

#[test]
fn scenarios_set_the_rule_by_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    let mentors = rated_example(tmp.path(), EXAMPLE_RATINGS);
    std::fs::copy(
        shipped("example/mentees.csv"),
        tmp.path().join("mentees.csv"),
    )
    .unwrap();
    let file = write(
        tmp.path(),
        "scenarios.toml",
        "mentors = \"mentors.csv\"\nmentees = \"mentees.csv\"\n\n[[scenario]]\nname = \
         \"baseline\"\n\n[[scenario]]\nname = \"merit\"\nmin_mentor_performance = \"Baik\"\n",
    );
    let out = tmp.path().join("cmp");
    let output = bimbing()
        .arg("compare")
        .arg(&file)
        .args(["--quiet", "--reproducible", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("scenario \"merit\": 1 of 5 mentors has no SKP rating"),
        "{stderr}"
    );
    assert!(summary(&out.join("baseline"))["settings"]["min_mentor_performance"].is_null());
    assert_eq!(
        summary(&out.join("merit"))["settings"]["min_mentor_performance"],
        "Baik"
    );
    let (mh, mrows) = read_csv(&mentors);
    let excluded = [&mrows[1][0], &mrows[3][0]];
    let used = |dir: &str| {
        roster_of(&out.join(dir))
            .0
            .into_iter()
            .any(|(_, m)| excluded.contains(&&m))
    };
    assert_eq!(mh[0], "id");
    assert!(used("baseline") && !used("merit"));
    // the same scenario through match
    let one = tmp.path().join("one");
    bimbing()
        .args(["match", "--quiet", "--reproducible", "--scenario"])
        .arg(&file)
        .args(["--name", "merit", "--out"])
        .arg(&one)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(one.join("roster.csv")).unwrap(),
        std::fs::read(out.join("merit/roster.csv")).unwrap()
    );
}

#[test]
fn the_shipped_merit_scenario_keeps_to_baik_and_two_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("merit");
    bimbing()
        .args(["match", "--quiet", "--no-advice", "--strict", "--scenario"])
        .arg(shipped("medan/scenarios.toml"))
        .args(["--name", "merit", "--out"])
        .arg(&out)
        .assert()
        .success();
    let s = summary(&out);
    assert_eq!(s["settings"]["min_mentor_performance"], "Baik");
    assert_eq!(s["settings"]["min_grade_gap"], 2);
    let (mh, mrows) = read_csv(&shipped("medan/mentors.csv"));
    let c = mh.iter().position(|h| h == "performance").unwrap();
    let (pairs, _) = roster_of(&out);
    for (_, m) in pairs.iter().filter(|(_, m)| !m.is_empty()) {
        let row = mrows.iter().find(|r| &r[0] == m).unwrap();
        assert!(rank(&row[c]).unwrap() >= 3, "{}", row[c]);
    }
}
