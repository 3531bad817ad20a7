//! Bad input: every problem names the file, line and column, exits with code 2, and no
//! output is written.

use crate::util::{bimbing, write};

const MENTORS: &str = "id,name,unit,grade,capacity,workload,k:komunikasi\n\
                       M1,Satu,Dinas Sosial,IV/a,2,0.5,4\n\
                       M2,Dua,Bappeda,IV/b,1,0.8,5\n";
const MENTEES: &str = "id,name,unit,grade,k:komunikasi\n\
                       E1,Tiga,Dinas Sosial,II/a,2\n\
                       E2,Empat,Bappeda,III/a,1\n";

/// Runs match with the given file texts; asserts exit code 2, no output folder, and that
/// stderr contains every expected fragment.
fn refused(mentors: &str, mentees: &str, expected: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let m = write(tmp.path(), "mentors.csv", mentors);
    let e = write(tmp.path(), "mentees.csv", mentees);
    let out = tmp.path().join("out");
    let assert = bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&m)
        .arg("--mentees")
        .arg(&e)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for fragment in expected {
        assert!(
            stderr.contains(fragment),
            "expected {fragment:?} in {stderr:?}"
        );
    }
    assert!(!out.exists(), "nothing may be written on bad input");
}

#[test]
fn missing_column() {
    refused(
        &MENTORS.replace("unit,", "bagian,"),
        MENTEES,
        &["mentors.csv:1", "missing column \"unit\""],
    );
}

#[test]
fn duplicate_id() {
    refused(
        MENTORS,
        &format!("{MENTEES}E1,Lima,Bappeda,II/b,2\n"),
        &[
            "mentees.csv:4: column 1 (id)",
            "value \"E1\"",
            "duplicate id (first seen on line 2)",
        ],
    );
}

#[test]
fn unknown_grade() {
    refused(
        &MENTORS.replace("IV/b", "IV/x"),
        MENTEES,
        &[
            "mentors.csv:3: column 4 (grade)",
            "value \"IV/x\"",
            "unknown grade",
        ],
    );
}

#[test]
fn level_outside_one_to_five() {
    refused(
        MENTORS,
        &MENTEES.replace("III/a,1", "III/a,7"),
        &[
            "mentees.csv:3: column 5 (k:komunikasi)",
            "value \"7\"",
            "between 1 and 5",
        ],
    );
}

#[test]
fn negative_capacity() {
    refused(
        &MENTORS.replace("IV/a,2", "IV/a,-2"),
        MENTEES,
        &[
            "mentors.csv:2: column 5 (capacity)",
            "value \"-2\"",
            "0 or more",
        ],
    );
}

#[test]
fn non_numeric_workload() {
    refused(
        &MENTORS.replace("0.8", "tinggi"),
        MENTEES,
        &[
            "mentors.csv:3: column 6 (workload)",
            "value \"tinggi\"",
            "not a number",
        ],
    );
}

#[test]
fn empty_file() {
    refused("", MENTEES, &["mentors.csv", "the file is empty"]);
    refused(
        MENTORS,
        "id,name,unit,grade\n",
        &["mentees.csv", "no data rows"],
    );
}

#[test]
fn ragged_row() {
    refused(
        &format!("{MENTORS}M3,Tiga,Bappeda\n"),
        MENTEES,
        &["mentors.csv:4", "3 fields but the header has 7"],
    );
}

#[test]
fn bad_settings_and_missing_files_are_distinct() {
    let tmp = tempfile::tempdir().unwrap();
    let m = write(tmp.path(), "mentors.csv", MENTORS);
    let e = write(tmp.path(), "mentees.csv", MENTEES);
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&m)
        .arg("--mentees")
        .arg(&e)
        .args([
            "--out",
            tmp.path().join("o").to_str().unwrap(),
            "--target",
            "9",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("target must be between 1 and 5"));
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(tmp.path().join("nope.csv"))
        .arg("--mentees")
        .arg(&e)
        .args(["--out", tmp.path().join("o").to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("nope.csv"));
}
