//! `bimbing explain` end to end: `match` (or `compare`) into a temporary folder, then
//! `explain` on it.

use std::path::{Path, PathBuf};

use crate::util::{bimbing, explain, fixture, run_match, shipped, write};

/// Copies a fixture folder's two CSV files into `dir` and returns their paths.
fn copy_inputs(from: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let copy = |name: &str| {
        let target = dir.join(name);
        std::fs::copy(from.join(name), &target).unwrap();
        target
    };
    (copy("mentors.csv"), copy("mentees.csv"))
}

/// A roster of tests/data/small in a temporary folder: (tempdir, output folder).
fn small_roster() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = copy_inputs(&fixture("small"), tmp.path());
    let out = tmp.path().join("roster");
    run_match(&m, &e, &out, &[]).success();
    (tmp, out)
}

#[test]
fn explains_a_matched_mentee_term_by_term() {
    // E1 (gaps: komunikasi 3 - 2 = 1, integritas 5 - 3 = 2) has M2: C = (1 + 2) / 3 = 1,
    // same unit, W = 0 (workload 1.2): 0.6 + 0.2 + 0 = 0.8.
    // M1: komunikasi covered 1, integritas min(2, 4 - 3) = 1: C = 2/3; same unit, W = 0.5:
    //   0.4 + 0.2 + 0.1 = 0.7, 0.1 below. Forced: E3 leaves M1 for M2 (0.9 -> 0.8), so the
    //   total falls from 2.5 to 0.7 + 0.8 + 0.8 = 2.3.
    // M3: C = 1/3 (integritas not assessed), other unit, W = 1: 0.2 + 0 + 0.2 = 0.4, with a
    //   free slot: 2.5 -> 0.4 + 0.8 + 0.9 = 2.1.
    let (_tmp, out) = small_roster();
    let (code, stdout, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "mentee      E1 Peserta Satu (unit Dinas Sosial, grade II/a): total gap 3.00",
        "roster      3 matched, total score 2.500000",
        "mentor      M2 Mentor; Dua (unit dinas sosial, grade III/c; 1/2 mentees)",
        "score       0.800000 = 0.6 x complementarity 1.000 (0.600000) + 0.2 x same unit yes (0.200000) + 0.2 x workload term 0.000 (0.000000)",
        "  komunikasi  gap 1.00, covered 1.00: closed",
        "  integritas  gap 2.00, covered 2.00: closed",
        "  1. M1 Mentor Satu (unit Dinas Sosial, grade IV/a; 1/1 mentees)  score 0.700000",
        "     lower score (0.100000 below the chosen mentor)",
        "       E1 Peserta Satu would take E3 =cmd|' /C calc'!A0's place at M1 Mentor Satu\n       E3 =cmd|' /C calc'!A0 would move to M2 Mentor; Dua (0.900000 -> 0.800000)\n       total score 0.200000 lower, matched unchanged",
        "  2. M3 Mentor Tiga (unit Bappeda, grade IV/b; 1/3 mentees)  score 0.400000",
        "       E1 Peserta Satu would take a free slot at M3 Mentor Tiga\n       total score 0.400000 lower",
    ] {
        assert!(stdout.contains(expected), "{expected:?} not in\n{stdout}");
    }
    assert!(stderr.is_empty(), "nothing goes to the log: {stderr}");
}

#[test]
fn json_output_and_a_mentee_without_eligible_mentor() {
    let (_tmp, out) = small_roster();
    let (code, stdout, _) = explain(&out, "E4", &["--json"]);
    assert_eq!(code, 0);
    let x: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(x["mentee"]["id"], "E4");
    assert!(x["assigned"].is_null());
    assert_eq!(x["unmatched"], "no-eligible-mentor");
    let alternatives = x["alternatives"].as_array().unwrap();
    assert_eq!(alternatives.len(), 3);
    for a in alternatives {
        assert_eq!(a["why_not"]["reason"], "ineligible");
        assert_eq!(a["why_not"]["rules"][0]["rule"], "grade-gap");
        assert!(a["forced"].is_null());
    }

    let (code, stdout, _) = explain(&out, "E1", &["--json", "--alternatives", "1"]);
    assert_eq!(code, 0);
    let x: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(x["assigned"]["mentor"]["id"], "M2");
    assert_eq!(x["alternatives"].as_array().unwrap().len(), 1);
    assert_eq!(x["alternatives"][0]["why_not"]["reason"], "lower-score");
    let drop = x["alternatives"][0]["forced"]["score_drop"]
        .as_f64()
        .unwrap();
    assert!((drop - 0.2).abs() < 1e-9, "{drop}");
}

#[test]
fn unmatched_mentee_of_the_example_gets_the_chain() {
    // Lestari Panjaitan (III/c) is unmatched, every eligible mentor full (the walk through
    // data/example in docs/reference.md).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    run_match(
        &shipped("example/mentors.csv"),
        &shipped("example/mentees.csv"),
        &out,
        &[],
    )
    .success();
    let (code, stdout, stderr) = explain(&out, "199304152016032009", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("mentor      none: every eligible mentor full"),
        "{stdout}"
    );
    assert!(
        stdout.contains("full with mentees for whom it matters more"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "199304152016032009 Lestari Panjaitan would take 199512052019032003 Siti Batubara's place at 197911082005011003 Andi Nasution"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("not eligible: grade gap"), "{stdout}");
}

#[test]
fn scenario_folder_of_compare() {
    // lintas (unit weight -1): E3 has M3 (0.2); M1 -0.3 and M2 -0.4 score lower.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    bimbing()
        .arg("compare")
        .arg(fixture("small/scenarios.toml"))
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success();
    let (code, stdout, stderr) = explain(&out.join("lintas"), "E3", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("scenario    lintas\n"), "{stdout}");
    assert!(stdout.contains("mentor      M3 "), "{stdout}");
    assert!(
        stdout.contains("0.500000 below the chosen mentor"),
        "{stdout}"
    );
}

#[test]
fn changed_or_missing_inputs_are_refused() {
    let (tmp, out) = small_roster();
    // a changed mentees file
    let mentees = tmp.path().join("mentees.csv");
    let text = std::fs::read_to_string(&mentees).unwrap();
    write(
        tmp.path(),
        "mentees.csv",
        &text.replace("Peserta Dua", "Peserta 2"),
    );
    let (code, stdout, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("mentees.csv: changed since the roster was made"),
        "{stderr}"
    );
    write(tmp.path(), "mentees.csv", &text);
    assert_eq!(explain(&out, "E1", &[]).0, 0, "restored: accepted again");

    // a missing mentors file, then given from elsewhere with --mentors
    let moved = tmp.path().join("moved.csv");
    std::fs::rename(tmp.path().join("mentors.csv"), &moved).unwrap();
    let (code, _, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("mentors.csv: missing"), "{stderr}");
    let (code, _, stderr) = explain(&out, "E1", &["--mentors", moved.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // ... but it must be the same file
    let (code, _, stderr) = explain(&out, "E1", &["--mentors", mentees.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn bad_folder_unknown_mentee_and_edited_roster_are_refused() {
    let (tmp, out) = small_roster();
    let (code, _, stderr) = explain(tmp.path(), "E1", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("summary.json: missing"), "{stderr}");

    let (code, _, stderr) = explain(&out, "E9", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no mentee with this id"), "{stderr}");

    // swap E1 to M3: feasible, but not the optimum any more
    let roster = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    let edited = roster.replacen(
        "E1,Peserta Satu,Dinas Sosial,M2,",
        "E1,Peserta Satu,Dinas Sosial,M3,",
        1,
    );
    assert_ne!(roster, edited);
    write(&out, "roster.csv", &edited);
    let (code, _, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("roster.csv: not optimal"), "{stderr}");
}

#[test]
fn under_the_planners_rules_an_alternative_names_the_rule_that_keeps_it_out() {
    // tests/data/small: E1 (Dinas Sosial) has M1 (0.7, Dinas Sosial), M2 (0.8, dinas
    // sosial) and M3 (0.4, Bappeda). Under same_unit_only M3 is out by that rule; with M1
    // forbidden by the pairs file, M1 is out by its line.
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = copy_inputs(&fixture("small"), tmp.path());
    let pairs = write(
        tmp.path(),
        "pairs.csv",
        "mentee_id,mentor_id,rule\nE1,M1,forbid\n",
    );
    let out = tmp.path().join("roster");
    run_match(
        &m,
        &e,
        &out,
        &[
            "--same-unit-only".as_ref(),
            "--pairs".as_ref(),
            pairs.as_os_str(),
        ],
    )
    .success();
    let (code, stdout, _) = explain(&out, "E1", &["--json"]);
    assert_eq!(code, 0, "{stdout}");
    let x: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(x["assigned"]["mentor"]["id"], "M2");
    let why = |id: &str| {
        x["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["mentor"]["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))["why_not"]
            .clone()
    };
    let m1 = why("M1");
    assert_eq!(m1["reason"], "ineligible", "{m1}");
    assert_eq!(m1["rules"][0]["rule"], "planners-rule");
    assert_eq!(m1["rules"][0]["which"]["rule"], "forbidden");
    assert_eq!(m1["rules"][0]["which"]["line"], 2);
    let m3 = why("M3");
    assert_eq!(m3["reason"], "ineligible", "{m3}");
    assert_eq!(m3["rules"][0]["which"]["rule"], "same-unit-only");
    let (_, text, _) = explain(&out, "E1", &[]);
    assert!(
        text.contains("not eligible: planner's rule: forbidden by the pairs file (line 2)"),
        "{text}"
    );
    assert!(
        text.contains("not eligible: planner's rule: the mentee's unit is under same_unit_only"),
        "{text}"
    );
}

/// A column the match keeps by default (Jabatan) is used: `explain` reading the files again
/// does not warn about it, while a column nobody reads is still warned about.
#[test]
fn kept_columns_are_no_warning_when_explain_reads_again() {
    let tmp = tempfile::tempdir().unwrap();
    let mentors = write(
        tmp.path(),
        "mentors.csv",
        "NIP,Nama,Unit Kerja,Golongan,Jabatan,k:komunikasi\nM1,Ani,U,IV/a,Kepala Seksi,4\n",
    );
    let mentees = write(
        tmp.path(),
        "mentees.csv",
        "NIP,Nama,Unit Kerja,Golongan,Jabatan,Catatan,k:komunikasi\nE1,Budi,U,III/a,Analis,x,2\n",
    );
    let out = tmp.path().join("out");
    let matched = run_match(&mentors, &mentees, &out, &[]).success();
    let warned = String::from_utf8_lossy(&matched.get_output().stderr).to_string();
    assert!(
        warned.contains("(Catatan)") && !warned.contains("(Jabatan)"),
        "{warned}"
    );
    let (code, _, stderr) = explain(&out, "E1", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("(Jabatan)"), "{stderr}");
    assert!(stderr.contains("(Catatan)"), "{stderr}");
}
