//! Input files in the forms spreadsheets and HR systems write them: UTF-16 and UTF-32 with
//! or without a byte order mark are read; workbooks are named for what their content is;
//! an unterminated quote, a competency column without a name and a target without its
//! level are refused, naming the file, line and column; every other column that is not
//! used is a warning; numeric flags take negative values without `=`; and `generate`
//! refuses sizes out of its bounds.

use std::path::Path;

use crate::bad_input::{accepted, refused, refused_bytes, MENTEES, MENTORS};
use crate::util::{bimbing, shipped, write};

fn utf16(text: &str, little: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        })
        .collect()
}

fn utf32(text: &str, little: bool) -> Vec<u8> {
    text.chars()
        .flat_map(|c| {
            let u = c as u32;
            if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_and_utf32_with_and_without_byte_order_marks_are_read() {
    let mentees = MENTEES.replace("Tiga", "Tiga Ñ");
    for little in [true, false] {
        for bom in [false, true] {
            let text = if bom {
                format!("\u{feff}{mentees}")
            } else {
                mentees.clone()
            };
            for (bytes, name) in [
                (utf16(&text, little), "utf16"),
                (utf32(&text, little), "utf32"),
            ] {
                let (rows, s) = accepted(MENTORS.as_bytes(), &bytes);
                assert_eq!(rows[0][1], "Tiga Ñ", "{name} little {little} bom {bom}");
                assert_eq!(s["inputs"]["mentees"]["encoding"], name);
            }
        }
    }
}

/// A zip of stored entries, as an OpenDocument file begins (its `mimetype` entry first).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in entries {
        out.extend(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        out.extend((data.len() as u32).to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out.extend((name.len() as u16).to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(name.as_bytes());
        out.extend(*data);
    }
    out
}

#[test]
fn workbooks_are_named_by_their_content_whatever_their_name() {
    let tmp = tempfile::tempdir().unwrap();
    let ods = zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", b"<office:document-content/>"),
    ]);
    let misnamed = tmp.path().join("mentees.xlsx");
    std::fs::write(&misnamed, ods).unwrap();
    let mentors = write(tmp.path(), "mentors.csv", MENTORS);
    let out = tmp.path().join("out");
    let assert = bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&mentors)
        .arg("--mentees")
        .arg(&misnamed)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains(
            "mentees.xlsx: this is an opendocument spreadsheet (.ods), but it cannot be read"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("excel"), "{stderr}");
    assert!(!out.exists());
    // a zip that is no workbook is called a zip archive
    refused_bytes(
        MENTORS.as_bytes(),
        &zip(&[("notes.txt", b"id,name")]),
        &["mentees.csv", "zip archive"],
    );
}

#[test]
fn an_unterminated_quote_is_named_where_it_opens() {
    // the quote in line 2 is never closed: the reader would take the rest of the file as
    // one cell and report a field count
    refused(
        MENTORS,
        &MENTEES.replace("E1,Tiga,", "E1,\"Tiga,"),
        &["mentees.csv:2: column 2 (name)", "unterminated quote"],
    );
    // in the last cell of the file, where the field count would even come out right
    refused(
        &format!("{MENTORS}M3,Tiga,Bappeda,IV/c,1,0.2,\"4\n"),
        MENTEES,
        &[
            "mentors.csv:4: column 7 (k:komunikasi)",
            "unterminated quote",
        ],
    );
}

#[test]
fn competency_columns_without_a_name_or_a_level_are_refused() {
    refused(
        &MENTORS.replace("k:komunikasi", "k:"),
        MENTEES,
        &[
            "mentors.csv:1: column 7 (k:)",
            "no competency name after \"k:\"",
        ],
    );
    refused(
        MENTORS,
        &MENTEES
            .replace("k:komunikasi\n", "k:komunikasi,target:integritas\n")
            .replace(",2\n", ",2,4\n")
            .replace(",1\n", ",1,4\n"),
        &[
            "mentees.csv:1: column 6 (target:integritas)",
            "no column \"k:integritas\"",
        ],
    );
}

/// Runs match with `extra` arguments on the given files; returns stderr of a success.
fn warnings_of(mentors: &str, mentees: &str, files: &[(&str, &str)], extra: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(tmp.path(), name, text);
    }
    write(tmp.path(), "mentors.csv", mentors);
    write(tmp.path(), "mentees.csv", mentees);
    let assert = bimbing()
        .current_dir(tmp.path())
        .args([
            "match",
            "--mentors",
            "mentors.csv",
            "--mentees",
            "mentees.csv",
        ])
        .args(["--out", "out", "--quiet"])
        .args(extra)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stderr).to_string()
}

#[test]
fn columns_that_are_not_used_are_warned_about() {
    let mentors = MENTORS
        .replace("k:komunikasi\n", "k:komunikasi,k:integritas,email\n")
        .replace(",4\n", ",4,3,satu@x.id\n")
        .replace(",5\n", ",5,3,dua@x.id\n");
    let mentees = MENTEES
        .replace("k:komunikasi\n", "k:komunikasi,kapasitas,catatan\n")
        .replace(",2\n", ",2,1,\n")
        .replace(",1\n", ",1,,baru\n");
    let stderr = warnings_of(
        &mentors,
        &mentees,
        &[(
            "pairs.csv",
            "mentee_id,mentor_id,rule,reason\nE1,M1,forbid,keluarga\n",
        )],
        &["--pairs", "pairs.csv"],
    );
    for expected in [
        "mentees.csv:1: column 6 (kapasitas): a column of the mentors file",
        "mentees.csv:1: column 7 (catatan): not a column bimbing reads",
        "mentors.csv:1: column 8 (k:integritas): no mentee has the competency \"integritas\"",
        "mentors.csv:1: column 9 (email): not a column bimbing reads",
        "pairs.csv:1: column 4 (reason): not a column of a pairs file",
    ] {
        assert!(
            stderr.contains(&format!("bimbing: warning: {expected}")),
            "{expected:?} in {stderr}"
        );
    }
    // each once, and never a cell's text
    assert_eq!(stderr.matches("bimbing: warning:").count(), 5, "{stderr}");
    for personal in ["satu@x.id", "baru", "keluarga", "Tiga", "E1"] {
        assert!(!stderr.contains(personal), "{personal} in {stderr}");
    }
    // files with only the columns read give no warning
    assert_eq!(warnings_of(MENTORS, MENTEES, &[], &[]), "");
}

#[test]
fn a_previous_roster_with_other_columns_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = (
        shipped("example/mentors.csv"),
        shipped("example/mentees.csv"),
    );
    let first = tmp.path().join("first");
    crate::util::run_match(&m, &e, &first, &[]).success();
    let roster = std::fs::read_to_string(first.join("roster.csv")).unwrap();
    let mut lines = roster.lines();
    let mut previous = format!("{},note\n", lines.next().unwrap());
    for line in lines {
        previous.push_str(line);
        previous.push_str(",\n");
    }
    let path = write(tmp.path(), "previous.csv", &previous);
    let out = tmp.path().join("second");
    let assert =
        crate::util::run_match(&m, &e, &out, &["--previous".as_ref(), path.as_os_str()]).success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("previous.csv:1: column 15 (note): not a column of a roster.csv"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
}

/// The stderr of a run of `args` that must exit with 2.
fn exit_2(args: &[&str], dir: &Path) -> String {
    let assert = bimbing().current_dir(dir).args(args).assert().code(2);
    String::from_utf8_lossy(&assert.get_output().stderr).to_string()
}

#[test]
fn numeric_flags_take_negative_values_without_an_equals_sign() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = (
        shipped("example/mentors.csv"),
        shipped("example/mentees.csv"),
    );
    let (m, e) = (m.to_str().unwrap(), e.to_str().unwrap());
    // a negative weight and a negative grade gap are settings like any other
    for (flag, value) in [("--weight-unit", "-0.2"), ("--min-grade-gap", "-1")] {
        let out = tmp.path().join(flag.trim_start_matches('-'));
        bimbing()
            .args(["match", "--mentors", m, "--mentees", e, "--quiet", "--out"])
            .arg(&out)
            .args([flag, value])
            .assert()
            .success();
        let s = crate::util::summary(&out);
        let set = if flag == "--weight-unit" {
            s["settings"]["weights"]["unit"].as_f64() == Some(-0.2)
        } else {
            s["settings"]["min_grade_gap"].as_i64() == Some(-1)
        };
        assert!(set, "{flag} {value}: {}", s["settings"]);
    }
    // every other numeric flag reads the negative value and refuses it by name
    for flag in [
        "--weight-complementarity",
        "--weight-workload",
        "--target",
        "--capacity",
        "--candidates",
        "--price-above",
        "--max-cross-unit-share",
        "--min-same-unit-share",
        "--min-mentees",
        "--hours-per-mentee",
        "--hours-used",
        "--max-hours",
        "--time-limit",
        "--mip-pairs",
    ] {
        let out = tmp.path().join("refused");
        let args = ["match", "--mentors", m, "--mentees", e, "--quiet"];
        let mut args = args.to_vec();
        args.extend(["--out", out.to_str().unwrap(), flag, "-3"]);
        let assert = bimbing().args(&args).assert();
        let output = assert.get_output();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert!(!stderr.contains("unexpected argument"), "{flag}: {stderr}");
        if output.status.success() {
            // a weight may be negative: taken as given
            assert!(flag.starts_with("--weight"), "{flag} -3 accepted");
            std::fs::remove_dir_all(&out).unwrap();
            continue;
        }
        assert_eq!(output.status.code(), Some(2), "{flag}: {stderr}");
        let name = flag.trim_start_matches("--").replace('-', "_");
        assert!(
            stderr.contains(flag) || stderr.contains(&name),
            "{flag}: {stderr}"
        );
        assert!(!out.exists());
    }
    let scenarios = shipped("medan/scenarios.toml");
    let scenarios = scenarios.to_str().unwrap();
    for (flag, args) in [
        (
            "--perturb",
            vec!["compare", scenarios, "--out", "c", "--perturb", "-10%"],
        ),
        (
            "--threads",
            vec!["compare", scenarios, "--out", "c", "--threads", "-1"],
        ),
        (
            "--alternatives",
            vec![
                "explain",
                "nowhere",
                "--mentee",
                "E1",
                "--alternatives",
                "-1",
            ],
        ),
        (
            "--mentees",
            vec!["generate", "--mentees", "-5", "--out", "g"],
        ),
        ("--seed", vec!["generate", "--seed", "-1", "--out", "g"]),
    ] {
        let stderr = exit_2(&args, tmp.path());
        assert!(
            !stderr.contains("unexpected argument"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(flag), "{args:?}: {stderr}");
    }
}

#[test]
fn generate_refuses_sizes_out_of_bounds() {
    let tmp = tempfile::tempdir().unwrap();
    for (flag, value) in [
        ("--mentees", "2000001"),
        ("--mentors", "1000001"),
        ("--mentees", "0"),
        ("--mentors", "0"),
        ("--mentees", "18446744073709551615"),
    ] {
        let stderr = exit_2(&["generate", flag, value, "--out", "g"], tmp.path());
        assert!(
            stderr.contains(&format!("{flag}: value {value}: must be between 1 and")),
            "{flag} {value}: {stderr}"
        );
        assert!(!tmp.path().join("g").exists(), "nothing is created");
    }
}
