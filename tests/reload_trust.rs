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
    ["mentors.csv", "mentees.csv", "pairs_forbid.csv", "previous.csv"].map(|name| {
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
        assert_eq!(Path::new(recorded["path"].as_str().unwrap()), path.as_path());
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
    write(&out, "summary.json", &serde_json::to_string_pretty(&s).unwrap());
    let (code, _, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("summary.json: the settings name a pairs file but inputs.pairs records no SHA-256"),
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
        .args(["--pairs", "in/pairs_forbid.csv", "--previous", "in/previous.csv"])
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
    write(&b.join("in"), "mentors.csv", "id,name,unit,grade\nX1,Someone,A,IV/a\n");
    write(&b.join("in"), "pairs_forbid.csv", "mentee_id,mentor_id,rule\n");
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
    assert!(stderr.contains("mentors.csv: changed"), "B's own mentors.csv: {stderr}");
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
