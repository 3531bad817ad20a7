//! `--lang id` changes what people read, never what programs read back: the CSV files are
//! the documented contract in every language, every reader of the tool's own outputs takes
//! them in either language (and the Indonesian folders that earlier builds wrote, kept in
//! `tests/data/earlier-id/`), and `explain` and `diff` speak plain Bahasa Indonesia with
//! names beside the NIPs.

use std::path::{Path, PathBuf};

use crate::util::{bimbing, explain, fixture, read_csv, run_match, summary, write};

/// Every CSV file `match` writes into a folder of the small fixture.
const CSV_FILES: [&str; 6] = [
    "roster.csv",
    "mentor_load.csv",
    "unmatched.csv",
    "advice.csv",
    "advice_units.csv",
    "blocking_pairs.csv",
];

/// `match` on tests/data/small into `out`, reproducible, with `extra` arguments.
fn match_small(out: &Path, extra: &[&str]) {
    let small = fixture("small");
    let mut args: Vec<&std::ffi::OsStr> = vec!["--reproducible".as_ref()];
    args.extend(extra.iter().map(|a| a.as_ref() as &std::ffi::OsStr));
    run_match(
        &small.join("mentors.csv"),
        &small.join("mentees.csv"),
        out,
        &args,
    )
    .success();
}

/// `bimbing diff A B` with `extra` arguments: (exit code, stdout, stderr).
fn diff(a: &Path, b: &Path, extra: &[&str]) -> (i32, String, String) {
    let output = bimbing()
        .arg("diff")
        .arg(a)
        .arg(b)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

/// An earlier build's folder of `tests/data/earlier-id/`, copied into `dir` (its inputs are
/// found by the paths its summary.json records from the package's folder).
fn earlier(name: &str, dir: &Path) -> PathBuf {
    let from = fixture("earlier-id").join(name);
    let to = dir.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to
}

/// The round trip: `match --lang id`, then `explain`, `diff` and `match --previous` on
/// that folder. The CSV files are those of an English run, byte for byte; summary.json
/// records the language, and `explain` and `diff` speak it.
#[test]
fn the_bahasa_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let (en, id) = (tmp.path().join("en"), tmp.path().join("id"));
    match_small(&en, &[]);
    match_small(&id, &["--lang", "id"]);
    for file in CSV_FILES {
        assert_eq!(
            std::fs::read_to_string(id.join(file)).unwrap(),
            std::fs::read_to_string(en.join(file)).unwrap(),
            "{file} is the same in both languages"
        );
    }
    let (header, rows) = read_csv(&id.join("roster.csv"));
    assert_eq!(
        header.join(","),
        "mentee_id,mentee_name,mentee_unit,mentor_id,mentor_name,mentor_unit,score,\
         complementarity,same_unit,workload_term,mentee_grade,mentor_grade,unmatched_reason,\
         pair_origin"
    );
    assert_eq!(rows[3][12], "no eligible mentor");
    let (mut s_en, mut s_id) = (summary(&en), summary(&id));
    assert_eq!(s_en["lang"], "en");
    assert_eq!(s_id["lang"], "id");
    s_en.as_object_mut().unwrap().remove("lang");
    s_id.as_object_mut().unwrap().remove("lang");
    assert_eq!(s_en, s_id, "summary.json differs only in the language");

    // explain speaks the folder's language, names beside NIPs; --json is the same
    let (code, text, stderr) = explain(&id, "E1", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "nothing goes to the log: {stderr}");
    for expected in [
        "mentee      E1 Peserta Satu (unit kerja Dinas Sosial, golongan II/a): total kesenjangan 3.00\n",
        "daftar      3 mentee terpasangkan, total skor 2.500000\n",
        "mentor      M2 Mentor; Dua (unit kerja dinas sosial, golongan III/c; 1/2 mentee)\n",
        "skor        0.800000 = 0.6 x komplementaritas 1.000 (0.600000) + 0.2 x unit sama ya (0.200000) + 0.2 x nilai beban kerja 0.000 (0.000000)\n",
        "alternatif  (2 mentor lain dengan skor terbaik, memenuhi syarat atau tidak):\n",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    let (_, text, _) = explain(&id, "E4", &[]);
    assert!(
        text.contains("mentor      tidak ada: tidak ada mentor yang memenuhi syarat\n"),
        "{text}"
    );
    assert!(
        text.contains("tidak memenuhi syarat: selisih golongan"),
        "{text}"
    );
    let (_, english, _) = explain(&en, "E1", &[]);
    assert!(
        english.starts_with("mentee      E1 Peserta Satu (unit Dinas Sosial, grade II/a)"),
        "{english}"
    );
    assert_eq!(explain(&id, "E1", &["--lang", "en"]).1, english);
    assert_eq!(explain(&en, "E1", &["--lang", "id"]).1, text_of(&id, "E1"));
    for mentee in ["E1", "E4"] {
        assert_eq!(
            explain(&id, mentee, &["--json"]).1,
            explain(&en, mentee, &["--json"]).1,
            "{mentee}: --json is the same in both languages"
        );
    }

    // diff reads both, in the language of A's folder
    let (code, text, stderr) = diff(&id.join("roster.csv"), &en.join("roster.csv"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.starts_with("0 dari 4 mentee berganti mentor di "),
        "{text}"
    );
    let (_, text, _) = diff(&en.join("roster.csv"), &id.join("roster.csv"), &[]);
    assert!(
        text.starts_with("0 of 4 mentees have another mentor in "),
        "{text}"
    );

    // the Indonesian folder as the previous roster; its folder is explained in turn
    let again = tmp.path().join("again");
    let previous = id.join("roster.csv");
    match_small(&again, &["--previous", previous.to_str().unwrap()]);
    let continuity = &summary(&again)["rules"]["continuity"];
    assert_eq!(continuity["previous_pairs"], 3, "{continuity}");
    assert_eq!(continuity["kept"], 3, "{continuity}");
    let (code, text, stderr) = explain(&again, "E2", &["--lang", "id"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("mentor      M3 Mentor Tiga"), "{text}");
}

/// The explanation's text of a folder in its own language.
fn text_of(dir: &Path, mentee: &str) -> String {
    let (code, text, stderr) = explain(dir, mentee, &[]);
    assert_eq!(code, 0, "{stderr}");
    text
}

/// `diff` in Bahasa Indonesia: both mentors with their names, a mentee absent from the
/// second roster, and mentees only in it; `--lang en` overrides the folder's language.
#[test]
fn diff_in_bahasa_indonesia_names_both_mentors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    bimbing()
        .args(["compare", "-q", "--lang", "id", "--out"])
        .arg(&out)
        .arg(fixture("small/scenarios.toml"))
        .assert()
        .success();
    let (a, b) = (
        out.join("baseline/roster.csv"),
        out.join("lintas/roster.csv"),
    );
    let (code, text, stderr) = diff(&a, &b, &[]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(
        lines[0].starts_with("mentee  ")
            && lines[0].contains("mentor di A")
            && lines[0].contains("skor A")
            && lines[0].ends_with("skor B"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("E1 Peserta Satu")
            && lines[1].contains("M2 Mentor; Dua")
            && lines[1].contains("0.800000")
            && lines[1].contains("M3 Mentor Tiga"),
        "{text}"
    );
    assert!(
        lines[4].starts_with("3 dari 4 mentee berganti mentor di "),
        "{text}"
    );
    let (_, english, _) = diff(&a, &b, &["--lang", "en"]);
    assert!(english.contains("mentor in A"), "{english}");
    assert!(
        english.contains("3 of 4 mentees have another mentor in"),
        "{english}"
    );

    // B without E4 and with a mentee A does not have
    let text_b = std::fs::read_to_string(&b).unwrap();
    let mut kept: Vec<&str> = text_b.lines().filter(|l| !l.starts_with("E4,")).collect();
    kept.push("E9,Peserta Sembilan,Bappeda,M3,Mentor Tiga,Bappeda,0.500000,,,,,,,");
    let other = write(tmp.path(), "other.csv", &(kept.join("\n") + "\n"));
    let (code, text, stderr) = diff(&a, &other, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("E4 Peserta Empat") && l.contains("(tidak ada)")),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("(1 mentee hanya ada di daftar kedua)"),
        "{text}"
    );
}

/// Folders that earlier builds wrote under `--lang id`, with Indonesian CSV headers and
/// reasons, are still read by `explain`, `diff` and `--previous`; explain speaks English
/// by default (their summary.json records no language) and Bahasa Indonesia when asked.
#[test]
fn earlier_indonesian_folders_are_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let small = fixture("earlier-id").join("small");
    assert_eq!(read_csv(&small.join("roster.csv")).0[0], "id_mentee");
    assert!(summary(&small).get("lang").is_none());
    let (code, text, stderr) = explain(&small, "E1", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.starts_with("mentee      E1 Peserta Satu (unit Dinas Sosial, grade II/a)"),
        "{text}"
    );
    let (_, text, _) = explain(&small, "E4", &["--lang", "id"]);
    assert!(
        text.contains("mentor      tidak ada: tidak ada mentor yang memenuhi syarat\n"),
        "{text}"
    );

    let en = tmp.path().join("en");
    match_small(&en, &[]);
    let (code, text, stderr) = diff(&small.join("roster.csv"), &en.join("roster.csv"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.starts_with("0 of 4 mentees have another mentor"),
        "{text}"
    );

    let again = tmp.path().join("again");
    let previous = small.join("roster.csv");
    match_small(&again, &["--previous", previous.to_str().unwrap()]);
    assert_eq!(summary(&again)["rules"]["continuity"]["kept"], 3);
    assert_eq!(explain(&again, "E1", &[]).0, 0);

    // under a unit share: the Indonesian reasons read back as theirs
    let shares = fixture("earlier-id").join("shares");
    let (code, json, stderr) = explain(&shares, "F2", &["--json"]);
    assert_eq!(code, 0, "{stderr}");
    let x: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(x["unmatched"], "unit-share-rule", "{x}");
    let (_, text, _) = explain(&shares, "F3", &[]);
    assert!(
        text.contains("mentor      none: held back by the unit share rule\n"),
        "{text}"
    );
    let (_, text, _) = explain(&shares, "F3", &["--lang", "id"]);
    assert!(
        text.contains("mentor      tidak ada: tertahan oleh aturan porsi unit kerja\n"),
        "{text}"
    );
}

/// An earlier Indonesian roster is checked cell by cell in its own language: an edited
/// reason is refused with the text that build wrote, and a header mixing the languages is
/// refused, naming the column.
#[test]
fn earlier_indonesian_rosters_are_checked_in_their_language() {
    let tmp = tempfile::tempdir().unwrap();
    let shares = earlier("shares", tmp.path());
    assert_eq!(explain(&shares, "F1", &[]).0, 0, "the copy reads as it is");
    let roster = shares.join("roster.csv");
    let original = std::fs::read_to_string(&roster).unwrap();
    let edited = original.replacen(
        "tertahan aturan porsi unit",
        "semua mentor yang memenuhi syarat sudah penuh",
        1,
    );
    assert_ne!(edited, original);
    std::fs::write(&roster, &edited).unwrap();
    let (code, _, stderr) = explain(&shares, "F1", &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("roster.csv:3: column 13 (alasan_tidak_terpasang): value \"semua mentor yang memenuhi syarat sudah penuh\": edited: the inputs give \"tertahan aturan porsi unit\" here"),
        "{stderr}"
    );
    // the English reason in an Indonesian file is no reason that build wrote
    let english = original.replacen(
        "tertahan aturan porsi unit",
        "held back by the unit share rule",
        1,
    );
    std::fs::write(&roster, &english).unwrap();
    assert_eq!(explain(&shares, "F1", &[]).0, 2);
    let mixed = original.replacen("nama_mentor", "mentor_name", 1);
    std::fs::write(&roster, &mixed).unwrap();
    let (code, _, stderr) = explain(&shares, "F1", &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("roster.csv:1: column 5 (mentor_name)"),
        "{stderr}"
    );
    std::fs::write(&roster, &original).unwrap();
    assert_eq!(explain(&shares, "F1", &[]).0, 0, "restored: accepted again");
}
