//! Reopening a written roster (`explain`) trusts nothing it has not checked: the pairs file
//! and the previous roster are hash-checked like the cohort's files.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::util::{explain, fixture, run_match, summary, write};

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
