//! Reopening a written roster (`explain`) trusts nothing it has not checked: the pairs file
//! and the previous roster are hash-checked like the cohort's files.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::util::{bimbing, explain, fixture, run_match, summary, write};

/// The SHA-256 of a file, in hex.
fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The base cohort of the rules' fixtures, with its forbid pairs file and previous roster,
/// copied into `dir`: (mentors, mentees, pairs, previous).
fn rules_inputs(dir: &Path) -> [PathBuf; 4] {
    let base = fixture("rules").join("base");
    [
        "mentors.csv",
        "mentees.csv",
        "pairs_forbid.csv",
        "previous.csv",
    ]
    .map(|name| {
        let target = dir.join(name);
        std::fs::copy(base.join(name), &target).unwrap();
        target
    })
}

/// `match` on the base cohort with its pairs file and previous roster into `dir/roster`.
fn rules_roster(dir: &Path) -> ([PathBuf; 4], PathBuf) {
    let files = rules_inputs(dir);
    let out = dir.join("roster");
    let [m, e, pairs, previous] = &files;
    run_match(
        m,
        e,
        &out,
        &[
            "--reproducible".as_ref(),
            "--pairs".as_ref(),
            pairs.as_os_str(),
            "--previous".as_ref(),
            previous.as_os_str(),
        ],
    )
    .success();
    (files, out)
}

#[test]
fn the_pairs_file_and_the_previous_roster_are_recorded_and_hash_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let ([_, _, pairs, previous], out) = rules_roster(tmp.path());
    let s = summary(&out);
    for (key, path) in [("pairs", &pairs), ("previous", &previous)] {
        let recorded = &s["inputs"][key];
        assert_eq!(recorded["sha256"], sha256(path), "{key}: {recorded}");
        assert_eq!(
            Path::new(recorded["path"].as_str().unwrap()),
            path.as_path()
        );
    }
    // the fields that were there stay (a contract)
    for key in ["mentors", "mentees"] {
        for field in ["path", "sha256", "rows", "encoding", "delimiter"] {
            assert!(!s["inputs"][key][field].is_null(), "inputs.{key}.{field}");
        }
    }
    assert_eq!(explain(&out, "E1", &[]).0, 0, "unchanged: explained");

    for (path, name) in [(&pairs, "pairs_forbid.csv"), (&previous, "previous.csv")] {
        let text = std::fs::read_to_string(path).unwrap();
        // one more line: still a valid file of its kind, but not the one the roster used
        let edited = match name {
            "previous.csv" => text.replace("E8,Peserta E8", "E7,Peserta E7"),
            _ => format!("{text}E2,M3,forbid\n"),
        };
        assert_ne!(text, edited);
        std::fs::write(path, &edited).unwrap();
        let (code, stdout, stderr) = explain(&out, "E1", &[]);
        assert_eq!(code, 2, "{name} changed: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(&format!("{name}: changed since the roster was made")),
            "{stderr}"
        );
        std::fs::remove_file(path).unwrap();
        let (code, _, stderr) = explain(&out, "E1", &[]);
        assert_eq!(code, 2, "{name} missing: {stderr}");
        assert!(stderr.contains(&format!("{name}: missing")), "{stderr}");
        std::fs::write(path, &text).unwrap();
        assert_eq!(explain(&out, "E1", &[]).0, 0, "{name} restored: accepted");
    }

    // a summary that names a pairs file without its hash (an older bimbing) is refused
    let mut s = summary(&out);
    s["inputs"].as_object_mut().unwrap().remove("pairs");
    write(
        &out,
        "summary.json",
        &serde_json::to_string_pretty(&s).unwrap(),
    );
    let (code, _, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "summary.json: the settings name a pairs file but inputs.pairs records no SHA-256"
        ),
        "{stderr}"
    );
}

/// Runs `explain DIR --mentee ID` from the working folder `cwd`: (exit code, stderr).
fn explain_from(cwd: &Path, dir: &Path, mentee: &str) -> (i32, String) {
    let output = bimbing()
        .current_dir(cwd)
        .arg("explain")
        .arg(dir)
        .args(["--mentee", mentee])
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn explain_finds_relative_inputs_from_another_working_folder() {
    // match runs in folder A with relative paths; explain runs in folder B, given A's
    // output folder: the inputs are found through their paths from the output folder.
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("A");
    let b = tmp.path().join("B");
    std::fs::create_dir_all(a.join("in")).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    rules_inputs(&a.join("in"));
    bimbing()
        .current_dir(&a)
        .args(["match", "--quiet", "--reproducible"])
        .args(["--mentors", "in/mentors.csv", "--mentees", "in/mentees.csv"])
        .args([
            "--pairs",
            "in/pairs_forbid.csv",
            "--previous",
            "in/previous.csv",
        ])
        .args(["--out", "out"])
        .assert()
        .success();
    let s = summary(&a.join("out"));
    assert_eq!(s["inputs"]["mentors"]["path"], "in/mentors.csv");
    for key in ["mentors", "mentees", "pairs", "previous"] {
        let from = s["inputs"][key]["path_from_output"].as_str().unwrap();
        assert!(from.starts_with("../in/"), "{key}: {from}");
    }
    assert_eq!(explain_from(&a, Path::new("out"), "E1").0, 0, "from A");
    let (code, stderr) = explain_from(&b, &a.join("out"), "E1");
    assert_eq!(code, 0, "from B: {stderr}");
    let (code, stderr) = explain_from(&b, Path::new("../A/out"), "E1");
    assert_eq!(code, 0, "from B, relative: {stderr}");

    // B has files of its own under the same relative names: they are not the roster's
    // (another hash), so the files beside the output folder are taken
    std::fs::create_dir_all(b.join("in")).unwrap();
    write(
        &b.join("in"),
        "mentors.csv",
        "id,name,unit,grade\nX1,Someone,A,IV/a\n",
    );
    write(
        &b.join("in"),
        "pairs_forbid.csv",
        "mentee_id,mentor_id,rule\n",
    );
    let (code, stderr) = explain_from(&b, &a.join("out"), "E1");
    assert_eq!(code, 0, "decoys in B: {stderr}");

    // the folder moves as a whole: its inputs are still found beside the output
    let moved = tmp.path().join("A2");
    std::fs::rename(&a, &moved).unwrap();
    let (code, stderr) = explain_from(&b, &moved.join("out"), "E1");
    assert_eq!(code, 0, "moved tree: {stderr}");

    // ... and still hash-checked
    for name in ["mentees.csv", "pairs_forbid.csv", "previous.csv"] {
        let path = moved.join("in").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\n")).unwrap();
        let (code, stderr) = explain_from(&b, &moved.join("out"), "E1");
        assert_eq!(code, 2, "{name} changed: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains("changed since the roster was made"),
            "{stderr}"
        );
        std::fs::write(&path, text).unwrap();
    }
    std::fs::remove_file(moved.join("in").join("mentors.csv")).unwrap();
    let (code, stderr) = explain_from(&b, &moved.join("out"), "E1");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("mentors.csv: changed"),
        "B's own mentors.csv: {stderr}"
    );
    std::fs::remove_file(b.join("in").join("mentors.csv")).unwrap();
    let (code, stderr) = explain_from(&b, &moved.join("out"), "E1");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("in/mentors.csv: missing"), "{stderr}");
}

#[test]
fn scenario_folders_of_compare_record_their_rule_files_and_paths() {
    // rules/scenario names pairs.csv and previous.csv beside the scenario file; compare
    // runs in a folder of its own, explain from another one.
    let tmp = tempfile::tempdir().unwrap();
    let scenarios = fixture("rules").join("scenario").join("scenarios.toml");
    let out = tmp.path().join("cmp");
    bimbing()
        .current_dir(tmp.path())
        .args(["compare", "--quiet", "--reproducible", "--out", "cmp"])
        .arg(&scenarios)
        .assert()
        .success();
    for (name, key) in [("lock-forbid", "pairs"), ("units", "previous")] {
        let s = summary(&out.join(name));
        let recorded = &s["inputs"][key];
        let path = PathBuf::from(recorded["path"].as_str().unwrap());
        assert_eq!(recorded["sha256"], sha256(&path), "{name}: {recorded}");
        assert!(recorded["path_from_output"].is_string(), "{recorded}");
        let (code, stderr) = explain_from(&out, Path::new(name), "E1");
        assert_eq!(code, 0, "{name}: {stderr}");
    }
}

/// Rewrites `roster.csv` of `dir` with the cell at data row `row` (0-based) and column
/// `column` set to `value` (the header is row -1 as `None`).
fn edit_roster(dir: &Path, row: Option<usize>, column: usize, value: &str) {
    let path = dir.join("roster.csv");
    let (mut header, mut rows) = crate::util::read_csv(&path);
    match row {
        Some(r) => rows[r][column] = value.to_string(),
        None => header[column] = value.to_string(),
    }
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// A roster of tests/data/small in `dir/roster` (with `extra` arguments); its roster.csv.
fn small_roster(dir: &Path, extra: &[&str]) -> (PathBuf, String) {
    let small = fixture("small");
    let out = dir.join("roster");
    let extra: Vec<&std::ffi::OsStr> = extra.iter().map(|a| a.as_ref()).collect();
    run_match(
        &small.join("mentors.csv"),
        &small.join("mentees.csv"),
        &out,
        &extra,
    )
    .success();
    let text = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    (out, text)
}

#[test]
fn an_edited_cell_of_the_roster_is_refused_naming_row_column_and_both_values() {
    // tests/data/small: E1-M2 0.8 (complementarity 1, same unit, workload term 0), E2-M3,
    // E3 (a formula-like name, written with an apostrophe)-M1, E4 unmatched (IV/c: no
    // eligible mentor).
    let tmp = tempfile::tempdir().unwrap();
    let (out, text) = small_roster(tmp.path(), &[]);
    // rewriting the file as it is changes nothing (the edits below are one cell each)
    edit_roster(&out, Some(0), 0, "E1");
    assert_eq!(
        std::fs::read_to_string(out.join("roster.csv")).unwrap(),
        text
    );
    assert_eq!(explain(&out, "E1", &[]).0, 0);

    let cases: [(usize, usize, &str, &str, &str); 10] = [
        (0, 1, "mentee_name", "Peserta Sijum", "Peserta Satu"),
        (0, 2, "mentee_unit", "Bappeda", "Dinas Sosial"),
        (0, 4, "mentor_name", "Mentor Tiga", "Mentor; Dua"),
        (0, 5, "mentor_unit", "Dinas Sosial", "dinas sosial"),
        (0, 6, "score", "0.950000", "0.800000"),
        (1, 7, "complementarity", "0.666", "0.666667"),
        (0, 8, "same_unit", "0", "1"),
        (0, 9, "workload_term", "x", "0.000000"),
        (
            2,
            1,
            "mentee_name",
            "=cmd|' /C calc'!A0",
            "'=cmd|' /C calc'!A0",
        ),
        (
            3,
            12,
            "unmatched_reason",
            "every eligible mentor full",
            "no eligible mentor",
        ),
    ];
    for (row, column, name, found, expected) in cases {
        edit_roster(&out, Some(row), column, found);
        let (code, stdout, stderr) = explain(&out, "E2", &[]);
        assert_eq!(code, 2, "{name} edited: {stderr}");
        assert!(stdout.is_empty());
        let want = format!(
            "roster.csv:{}: column {} ({name}): value {found:?}: edited: the inputs give {expected:?} here",
            row + 2,
            column + 1
        );
        assert!(stderr.contains(&want), "{stderr}\nwanted: {want}");
        std::fs::write(out.join("roster.csv"), &text).unwrap();
    }
    assert_eq!(explain(&out, "E2", &[]).0, 0, "restored: accepted");

    // rows in another order: named at the first row out of place
    let lines: Vec<&str> = text.lines().collect();
    let swapped = [lines[0], lines[2], lines[1], lines[3], lines[4]].join("\n") + "\n";
    write(&out, "roster.csv", &swapped);
    let (code, _, stderr) = explain(&out, "E2", &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "roster.csv:2: column 1 (mentee_id): value \"E2\": edited: the mentee here is \"E1\""
        ),
        "{stderr}"
    );

    // a header edited
    write(&out, "roster.csv", &text);
    edit_roster(&out, None, 6, "skor");
    let (code, _, stderr) = explain(&out, "E2", &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("roster.csv:1: column 7 (skor): value \"skor\": not the header of a roster.csv written by bimbing: the column here is \"score\""),
        "{stderr}"
    );

    // a score written with fewer decimals is the same number: every cell agrees, but the
    // file is not the one the run wrote (its SHA-256, recorded in summary.json)
    write(&out, "roster.csv", &text);
    assert_eq!(summary(&out)["outputs"]["roster"]["path"], "roster.csv");
    assert_eq!(
        summary(&out)["outputs"]["roster"]["sha256"],
        sha256(&out.join("roster.csv"))
    );
    edit_roster(&out, Some(0), 6, "0.8");
    let (code, _, stderr) = explain(&out, "E2", &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("roster.csv: changed since the run wrote it (its SHA-256 differs"),
        "{stderr}"
    );
    // ... which a summary of an older bimbing does not record: the cells decide
    let mut s = summary(&out);
    s.as_object_mut().unwrap().remove("outputs");
    write(
        &out,
        "summary.json",
        &serde_json::to_string_pretty(&s).unwrap(),
    );
    assert_eq!(explain(&out, "E2", &[]).0, 0);
    edit_roster(&out, Some(0), 6, "0.81");
    assert_eq!(explain(&out, "E2", &[]).0, 2);
}

#[test]
fn a_roster_of_either_language_is_read_and_checked_under_unit_shares() {
    // rules/shares under at most 0.3 crossing: F1-S2, and F2, F3 held back by the unit
    // share rule (S1, another unit, has room). Explain reads the roster of either
    // language (the same file: the reasons are the contract's) and gives the reason the
    // match wrote. (Earlier builds' Indonesian rosters: tests/lang.rs.)
    let tmp = tempfile::tempdir().unwrap();
    let shares = fixture("rules").join("shares");
    for lang in ["en", "id"] {
        let out = tmp.path().join(lang);
        run_match(
            &shares.join("mentors.csv"),
            &shares.join("mentees.csv"),
            &out,
            &[
                "--max-cross-unit-share".as_ref(),
                "0.3".as_ref(),
                "--lang".as_ref(),
                lang.as_ref(),
            ],
        )
        .success();
        let (code, stdout, stderr) = explain(&out, "F2", &["--json"]);
        assert_eq!(code, 0, "{lang}: {stderr}");
        let x: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(x["unmatched"], "unit-share-rule", "{lang}: {x}");
        let (_, text, _) = explain(&out, "F3", &["--lang", "en"]);
        assert!(
            text.contains("mentor      none: held back by the unit share rule"),
            "{lang}: {text}"
        );
    }
    let out = tmp.path().join("id");
    let (header, rows) = crate::util::read_csv(&out.join("roster.csv"));
    assert_eq!(header[4], "mentor_name");
    assert_eq!(rows[1][12], "held back by the unit share rule");
    edit_roster(&out, Some(1), 12, "every eligible mentor full");
    let (code, _, stderr) = explain(&out, "F1", &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("roster.csv:3: column 13 (unmatched_reason): value \"every eligible mentor full\": edited: the inputs give \"held back by the unit share rule\" here"),
        "{stderr}"
    );
}

/// A summary.json whose settings hold a key that is no setting is refused: the key would
/// otherwise be read as nothing, and a renamed one as its default.
#[test]
fn explain_refuses_a_settings_key_that_is_no_setting() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, out) = rules_roster(tmp.path());
    let mentee = crate::util::read_csv(&out.join("roster.csv")).1[0][0].clone();
    assert_eq!(explain(&out, &mentee, &[]).0, 0);
    let path = out.join("summary.json");
    let mut s = summary(&out);
    s["settings"]["capasity"] = serde_json::json!(2);
    std::fs::write(&path, serde_json::to_vec_pretty(&s).unwrap()).unwrap();
    let (code, _, stderr) = explain(&out, &mentee, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`capasity` is no setting"), "{stderr}");
}
