//! Bad input: every problem names the file, line and column, exits with code 2, and no
//! output is written.

use std::path::{Path, PathBuf};

use crate::util::{bimbing, read_csv, summary, write};

pub(crate) const MENTORS: &str = "id,name,unit,grade,capacity,workload,k:komunikasi\n\
                       M1,Satu,Dinas Sosial,IV/a,2,0.5,4\n\
                       M2,Dua,Bappeda,IV/b,1,0.8,5\n";
pub(crate) const MENTEES: &str = "id,name,unit,grade,k:komunikasi\n\
                       E1,Tiga,Dinas Sosial,II/a,2\n\
                       E2,Empat,Bappeda,III/a,1\n";

/// Runs match on files with the given bytes (and environment) in a fresh folder; returns
/// the folder, the output folder and the finished command.
pub(crate) fn run_on(
    mentors: &[u8],
    mentees: &[u8],
    env: &[(&str, &str)],
) -> (tempfile::TempDir, PathBuf, assert_cmd::assert::Assert) {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("mentors.csv");
    let e = tmp.path().join("mentees.csv");
    std::fs::write(&m, mentors).unwrap();
    std::fs::write(&e, mentees).unwrap();
    let out = tmp.path().join("out");
    let mut cmd = bimbing();
    for (key, value) in env {
        cmd.env(key, value);
    }
    let assert = cmd
        .arg("match")
        .arg("--mentors")
        .arg(&m)
        .arg("--mentees")
        .arg(&e)
        .arg("--out")
        .arg(&out)
        .assert();
    (tmp, out, assert)
}

/// Asserts exit code 2, no output folder, and that stderr contains every expected fragment;
/// returns stderr.
pub(crate) fn check_refused(
    out: &Path,
    assert: assert_cmd::assert::Assert,
    expected: &[&str],
) -> String {
    let assert = assert.code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for fragment in expected {
        assert!(
            stderr.contains(fragment),
            "expected {fragment:?} in {stderr:?}"
        );
    }
    assert!(
        assert.get_output().stdout.is_empty(),
        "nothing on stdout on bad input"
    );
    assert!(!out.exists(), "nothing may be written on bad input");
    // The temporary folder's random name may hold any short id ("E2"): callers look for
    // personal data in the message, not in the path.
    let dir = out.parent().expect("the output folder has a parent");
    stderr.replace(&*dir.to_string_lossy(), "<dir>")
}

/// Runs match with the given file texts; asserts exit code 2, no output folder, and that
/// stderr contains every expected fragment. Returns stderr, the temporary folder shown as
/// `<dir>`.
pub(crate) fn refused(mentors: &str, mentees: &str, expected: &[&str]) -> String {
    refused_bytes(mentors.as_bytes(), mentees.as_bytes(), expected)
}

/// [`refused`] on raw bytes.
pub(crate) fn refused_bytes(mentors: &[u8], mentees: &[u8], expected: &[&str]) -> String {
    let (_tmp, out, assert) = run_on(mentors, mentees, &[]);
    check_refused(&out, assert, expected)
}

/// Runs match on messy but valid files; asserts success and returns the roster rows.
pub(crate) fn accepted(mentors: &[u8], mentees: &[u8]) -> (Vec<Vec<String>>, serde_json::Value) {
    let (_tmp, out, assert) = run_on(mentors, mentees, &[]);
    assert.success();
    let (_, rows) = read_csv(&out.join("roster.csv"));
    (rows, summary(&out))
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

#[test]
fn nan_and_infinite_levels() {
    for bad in ["NaN", "nan", "inf", "-inf", "Infinity", "1e400"] {
        refused(
            MENTORS,
            &MENTEES.replace("III/a,1", &format!("III/a,{bad}")),
            &[
                "mentees.csv:3: column 5 (k:komunikasi)",
                &format!("value {bad:?}"),
                "a competency level is not a number",
            ],
        );
    }
    refused(
        &MENTORS.replace("0.8", "NaN"),
        MENTEES,
        &[
            "mentors.csv:3: column 6 (workload)",
            "value \"NaN\"",
            "not a number",
        ],
    );
}

#[test]
fn fractional_or_huge_capacity() {
    for bad in ["2.5", "1e9", "inf"] {
        refused(
            &MENTORS.replace("IV/b,1", &format!("IV/b,{bad}")),
            MENTEES,
            &[
                "mentors.csv:3: column 5 (capacity)",
                &format!("value {bad:?}"),
            ],
        );
    }
    // a decimal comma in a `;` file is still a fraction
    refused(
        &MENTORS.replace(',', ";").replace("IV/b;1", "IV/b;1,5"),
        MENTEES,
        &[
            "mentors.csv:3: column 5 (capacity)",
            "value \"1,5\"",
            "whole number",
        ],
    );
}

#[test]
fn quoted_newlines_are_accepted_and_lines_stay_right() {
    let mentors = MENTORS.replace("M1,Satu,", "M1,\"Satu,\nBaris Dua\",");
    let (rows, _) = accepted(mentors.as_bytes(), MENTEES.as_bytes());
    assert!(rows.iter().any(|r| r[4] == "Satu,\nBaris Dua"), "{rows:?}");
    // the row after the quoted newline starts on line 4 of the file
    refused(
        &mentors.replace("IV/b", "IV/x"),
        MENTEES,
        &["mentors.csv:4: column 4 (grade)", "value \"IV/x\""],
    );
}

#[test]
fn ids_with_spaces_around_them_are_trimmed() {
    let mentees = MENTEES
        .replace("E1,", "  E1 ,")
        .replace(",Bappeda", ", Bappeda ");
    let (rows, _) = accepted(MENTORS.as_bytes(), mentees.as_bytes());
    assert_eq!(rows[0][0], "E1");
    assert_eq!(rows[1][2], "Bappeda");
    // so " E1" and "E1" are the same id
    refused(
        MENTORS,
        &format!("{MENTEES} E1 ,Lima,Bappeda,II/b,2\n"),
        &[
            "mentees.csv:4: column 1 (id)",
            "value \"E1\"",
            "duplicate id",
        ],
    );
}

#[test]
fn decimal_commas_in_semicolon_files() {
    let mentors = "nip;nama;opd;golongan;kapasitas;beban_kerja;K: Komunikasi\n\
                   M1;Satu;Dinas Sosial;IV/a;2;0,5;4,5\n\
                   M2;Dua;Bappeda;IV/b;1;0,85;5\n";
    let (rows, s) = accepted(mentors.as_bytes(), MENTEES.as_bytes());
    assert_eq!(rows.iter().filter(|r| !r[3].is_empty()).count(), 2);
    assert_eq!(s["inputs"]["mentors"]["delimiter"], ";");
    // in a `,` file a decimal comma must be quoted, and is then refused clearly
    refused(
        &MENTORS.replace("0.8", "\"0,8\""),
        MENTEES,
        &[
            "mentors.csv:3: column 6 (workload)",
            "value \"0,8\"",
            "not a number",
        ],
    );
}

#[test]
fn windows_1252_and_utf16_files_are_decoded() {
    // Excel's "CSV" on Windows: é is 0xE9, the curly quotes 0x93 and 0x94
    let mentors = MENTORS
        .replace("Satu", "Andr\u{e9} \u{201c}S\u{201d}")
        .chars()
        .map(|c| match c {
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            c => c as u32 as u8,
        })
        .collect::<Vec<u8>>();
    let (rows, s) = accepted(&mentors, MENTEES.as_bytes());
    assert!(rows.iter().any(|r| r[4] == "André “S”"), "{rows:?}");
    assert_eq!(s["inputs"]["mentors"]["encoding"], "windows1252");

    // Excel's "Unicode Text": UTF-16 little-endian with a byte order mark, tab-delimited
    let mut mentees = vec![0xFF, 0xFE];
    for unit in MENTEES
        .replace(',', "\t")
        .replace("Tiga", "Tiga Ñ")
        .encode_utf16()
    {
        mentees.extend(unit.to_le_bytes());
    }
    let (rows, s) = accepted(MENTORS.as_bytes(), &mentees);
    assert_eq!(rows[0][1], "Tiga Ñ");
    assert_eq!(s["inputs"]["mentees"]["encoding"], "utf16");
}

#[test]
fn workbooks_are_read_and_broken_or_binary_files_refused() {
    // a workbook is read, whatever its name: this one has a header and no data
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().write(0, 0, "id").unwrap();
    refused_bytes(
        &workbook.save_to_buffer().unwrap(),
        MENTEES.as_bytes(),
        &[
            "mentors.csv#Sheet1",
            "the sheet has a header but no data rows",
        ],
    );
    // a broken workbook is named by its content
    refused_bytes(
        MENTORS.as_bytes(),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1W\0o\0r\0k\0b\0o\0o\0k\0",
        &[
            "mentees.csv",
            "excel 97-2003 workbook (.xls)",
            "cannot be read",
        ],
    );
    refused_bytes(
        MENTORS.as_bytes(),
        b"id,name,unit,grade\nE1,a\x00b,U,II/a\n",
        &["mentees.csv:2", "zero byte at byte 24", "not a text file"],
    );
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    // a sparse 3 MiB file: the limit is checked on the size, before any byte is read
    let tmp = tempfile::tempdir().unwrap();
    let m = write(tmp.path(), "mentors.csv", MENTORS);
    let e = tmp.path().join("mentees.csv");
    std::fs::File::create(&e).unwrap().set_len(3 << 20).unwrap();
    let out = tmp.path().join("out");
    let run = |limit: &str| {
        bimbing()
            .env("BIMBING_MAX_INPUT_BYTES", limit)
            .arg("match")
            .arg("--mentors")
            .arg(&m)
            .arg("--mentees")
            .arg(&e)
            .arg("--out")
            .arg(&out)
            .assert()
    };
    check_refused(
        &out,
        run("1m"),
        &[
            "mentees.csv: the file is 3145728 bytes, more than the limit of 1048576 bytes",
            "BIMBING_MAX_INPUT_BYTES",
        ],
    );
    check_refused(
        &out,
        run("lots"),
        &["BIMBING_MAX_INPUT_BYTES", "value \"lots\""],
    );
    // under the limit the same file is read (and refused for its zero bytes)
    check_refused(&out, run("4M"), &["mentees.csv:1", "zero byte at byte 1"]);
}

#[test]
fn formula_like_cells_are_written_as_text() {
    let mentees = MENTEES
        .replace("Tiga", "=HYPERLINK(\"http://x\";\"klik\")")
        .replace("Empat", "\t+62 811")
        .replace("Dinas Sosial", "@SUM(A1)");
    let mentors = MENTORS.replace("Dua", "-2+3");
    let (rows, _) = accepted(mentors.as_bytes(), mentees.as_bytes());
    assert_eq!(rows[0][1], "'=HYPERLINK(\"http://x\";\"klik\")");
    assert_eq!(rows[0][2], "'@SUM(A1)");
    // the tab is trimmed on reading; what remains still starts a formula
    assert_eq!(rows[1][1], "'+62 811");
    assert!(rows.iter().any(|r| r[4] == "'-2+3"), "{rows:?}");
    use bimbing::report::roster_csv::spreadsheet_text;
    assert_eq!(spreadsheet_text("\r=1"), "'\r=1");
    assert_eq!(spreadsheet_text("\t=1"), "'\t=1");
}

#[test]
fn messages_quote_only_the_row_at_fault() {
    let stderr = refused(
        MENTORS,
        &format!("{MENTEES}E1,Lima,Bappeda,II/b,2\n"),
        &["mentees.csv:4"],
    );
    for other in ["Satu", "Dua", "Tiga", "Empat", "Lima", "M1", "M2", "E2"] {
        assert!(!stderr.contains(other), "{other:?} in {stderr:?}");
    }
    let stderr = refused(
        &MENTORS.replace("IV/b", "IV/x"),
        MENTEES,
        &["value \"IV/x\""],
    );
    for other in ["Satu", "Dua", "M1", "M2", "E1", "Bappeda"] {
        assert!(!stderr.contains(other), "{other:?} in {stderr:?}");
    }
}

#[test]
fn blank_lines_and_whitespace_only_files() {
    let (rows, _) = accepted(
        format!("{MENTORS}\n\n").replace("M1,", "\nM1,").as_bytes(),
        MENTEES.as_bytes(),
    );
    assert_eq!(rows.len(), 2);
    refused(" \n\n", MENTEES, &["mentors.csv", "the file is empty"]);
    refused("\u{feff}", MENTEES, &["mentors.csv", "the file is empty"]);
}

#[test]
fn scenario_files_that_are_not_utf8_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "mentors.csv", MENTORS);
    write(tmp.path(), "mentees.csv", MENTEES);
    let scenarios = tmp.path().join("s.toml");
    std::fs::write(
        &scenarios,
        b"mentors = \"mentors.csv\"\nmentees = \"mentees.csv\"\n# catatan: t\xe9st\n[[scenario]]\nname = \"a\"\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let assert = bimbing()
        .arg("compare")
        .arg(&scenarios)
        .arg("--out")
        .arg(&out)
        .assert();
    check_refused(
        &out,
        assert,
        &["s.toml: line 3, column 13: byte 0xe9", "not utf-8"],
    );
}
