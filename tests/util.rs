//! Helpers shared by the integration tests.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use assert_cmd::Command;

/// Path of a fixture under `tests/data/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Path of a file under the shipped `data/`.
pub fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

/// The `bimbing` binary.
pub fn bimbing() -> Command {
    Command::cargo_bin("bimbing").expect("the binary is built")
}

/// The number of cases of a property: `PROPTEST_CASES` when it is set (the deep profile, the
/// same count for every property), else `default`. Panics when `PROPTEST_CASES` is not a
/// whole number.
pub fn proptest_cases(default: u32) -> u32 {
    match std::env::var("PROPTEST_CASES") {
        Ok(text) => text.trim().parse().unwrap_or_else(|_| {
            panic!("PROPTEST_CASES must be a whole number of cases (such as 2048), not {text:?}")
        }),
        Err(std::env::VarError::NotPresent) => default,
        Err(e) => panic!("PROPTEST_CASES: {e}"),
    }
}

/// Runs `bimbing match --mentors M --mentees E --out OUT --quiet` with `extra` arguments
/// after these; the caller asserts on the result (`.success()`, `.code(2)`, `.get_output()`).
pub fn run_match(mentors: &Path, mentees: &Path, out: &Path, extra: &[&OsStr]) -> Assert {
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(mentors)
        .arg("--mentees")
        .arg(mentees)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .assert()
}

/// Runs `bimbing explain DIR --mentee ID` with `extra` arguments: (exit code, stdout, stderr).
pub fn explain(dir: &Path, mentee: &str, extra: &[&str]) -> (i32, String, String) {
    let output = bimbing()
        .arg("explain")
        .arg(dir)
        .arg("--mentee")
        .arg(mentee)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

/// Reads a CSV file into a header and rows of strings.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Reads `summary.json` of an output folder.
pub fn summary(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("summary.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}
