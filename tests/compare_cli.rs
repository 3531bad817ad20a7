//! `bimbing compare` and `bimbing diff` end to end.

use std::path::Path;

use crate::util::{bimbing, fixture, read_csv, shipped, write};

fn compare(file: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    bimbing()
        .arg("compare")
        .arg(file)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
}

/// Every figure of the comparison of tests/data/small, worked out by hand.
///
/// baseline (default weights): E1-M2 0.8 (C 1), E2-M3 0.8 (C 2/3), E3-M1 0.9 (C 1); E4 has no
/// eligible mentor. matched 3 of 4 = 75 %, total 2.5, mean 0.833333, min 0.8, mean C
/// (1 + 2/3 + 1) / 3 = 0.888889, all three pairs within one unit, loads [1, 1, 1]:
/// mean 1, sd 0, Gini 0.
///
/// lintas (unit weight -1): scores E1: M1 -0.5, M2 -0.4, M3 0.4; E2: M1 0.7, M3 -0.4;
/// E3: M1 -0.3, M2 -0.4, M3 0.2. Everyone takes their best (M3 has room for 3):
/// E1-M3 0.4 (C 1/3), E2-M1 0.7 (C 1), E3-M3 0.2 (C 0): total 1.3, mean 0.433333, min 0.2,
/// mean C (1/3 + 1 + 0) / 3 = 0.444444, no pair within one unit, mentors used 2,
/// loads [1, 0, 2]: max 2, mean 1, sd sqrt(2/3) = 0.816497, Gini 8 / 18 = 0.444444; all 3
/// matched mentees have another mentor than in the baseline.
#[test]
fn comparison_figures_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    compare(&fixture("small/scenarios.toml"), &out, &["--reproducible"]).success();
    let (header, rows) = read_csv(&out.join("comparison.csv"));
    assert_eq!(
        header,
        [
            "scenario",
            "matched",
            "coverage_pct",
            "total_score",
            "mean_score",
            "min_score",
            "mean_complementarity",
            "same_unit_share",
            "mentors_used",
            "max_load",
            "mean_load",
            "load_std",
            "load_gini",
            "changed_vs_baseline",
            "blocking_pairs",
            "status"
        ]
    );
    assert_eq!(
        rows[0],
        [
            "baseline",
            "3",
            "75.000000",
            "2.500000",
            "0.833333",
            "0.800000",
            "0.888889",
            "1.000000",
            "3",
            "1",
            "1.000000",
            "0.000000",
            "0.000000",
            "0",
            // no blocking pair: E4 has no eligible mentor, and E1, E2, E3 each have their
            // best-scoring mentor already
            "0",
            "optimal"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "lintas",
            "3",
            "75.000000",
            "1.300000",
            "0.433333",
            "0.200000",
            "0.444444",
            "0.000000",
            "2",
            "2",
            "1.000000",
            "0.816497",
            "0.444444",
            "3",
            // no blocking pair: with unit = -1 every mentee already has its best cross-unit
            // mentor, and no same-unit pair scores higher
            "0",
            "optimal"
        ]
    );
    // each scenario has the files of `match`
    for s in ["baseline", "lintas"] {
        for f in ["roster.csv", "mentor_load.csv", "summary.json"] {
            assert!(out.join(s).join(f).exists(), "{s}/{f}");
        }
    }
    let (_, roster) = read_csv(&out.join("lintas/roster.csv"));
    assert_eq!(roster[0][3], "M3");
}

#[test]
fn exports_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let md = tmp.path().join("c.md");
    let assert = compare(
        &fixture("small/scenarios.toml"),
        &out,
        &[
            "--reproducible",
            "--export-markdown",
            md.to_str().unwrap(),
            "--export-csv",
            "-",
        ],
    )
    .success();
    let csv = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    insta::assert_snapshot!("comparison_csv", csv);
    insta::assert_snapshot!("comparison_markdown", std::fs::read_to_string(&md).unwrap());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["baseline"], "baseline");
    assert_eq!(json["rows"][1]["changed_vs_baseline"], 3);
}

/// Every file under `dir`, relative path and bytes, sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                files.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn one_thread_and_two_threads_write_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let file = shipped("medan/scenarios.toml");
    compare(
        &file,
        &tmp.path().join("t1"),
        &["--reproducible", "--threads", "1", "-q"],
    )
    .success();
    compare(
        &file,
        &tmp.path().join("t2"),
        &["--reproducible", "--threads", "2", "-q"],
    )
    .success();
    let (a, b) = (tree(&tmp.path().join("t1")), tree(&tmp.path().join("t2")));
    assert_eq!(
        a.len(),
        3 + 8 * 7 + 9,
        "comparison files and 8 scenario folders, each with its advice and audit files, and \
         the manifests of the 9 folders"
    );
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(
            bytes_a == bytes_b,
            "{name_a} differs between 1 and 2 threads"
        );
    }
}

#[test]
fn match_runs_one_scenario_of_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    bimbing()
        .args(["match", "--scenario"])
        .arg(fixture("small/scenarios.toml"))
        .args(["--name", "lintas", "--out"])
        .arg(tmp.path().join("one"))
        .assert()
        .success();
    let (_, rows) = read_csv(&tmp.path().join("one/roster.csv"));
    assert_eq!(rows[0][3], "M3", "the scenario's unit weight applies");
    bimbing()
        .args(["match", "--scenario"])
        .arg(fixture("small/scenarios.toml"))
        .args(["--name", "nope", "--out"])
        .arg(tmp.path().join("two"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no scenario named \"nope\" (the file has: baseline, lintas)",
        ));
}

#[test]
fn bad_scenario_file_names_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("small/scenarios.toml"))
        .unwrap()
        .replace("weights = { unit = -1.0 }", "wieghts = { unit = -1.0 }");
    let file = write(tmp.path(), "s.toml", &text);
    compare(&file, &tmp.path().join("o"), &[])
        .code(2)
        .stderr(predicates::str::contains("line 9"))
        .stderr(predicates::str::contains("wieghts"));
    assert!(!tmp.path().join("o").exists());
}

#[test]
fn diff_lists_changed_mentees() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    compare(&fixture("small/scenarios.toml"), &out, &["-q"]).success();
    let assert = bimbing()
        .arg("diff")
        .arg(out.join("baseline/roster.csv"))
        .arg(out.join("lintas/roster.csv"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(
        lines[1].starts_with("E1 Peserta Satu")
            && lines[1].contains("M2 Mentor; Dua")
            && lines[1].contains("M3 Mentor Tiga"),
        "{text}"
    );
    assert!(
        lines[1].contains("0.800000") && lines[1].contains("0.400000"),
        "{text}"
    );
    assert!(
        lines[4].starts_with("3 of 4 mentees have another mentor in"),
        "{text}"
    );
    // a roster against itself: nothing changed
    bimbing()
        .arg("diff")
        .arg(out.join("lintas/roster.csv"))
        .arg(out.join("lintas/roster.csv"))
        .assert()
        .success()
        .stdout(predicates::str::starts_with("0 of 4 mentees"));
}

#[test]
fn perturb_reports_robust_pairs_and_the_audit_its_blocking_pairs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("p");
    compare(
        &fixture("small/scenarios.toml"),
        &out,
        &["--reproducible", "--perturb", "10%", "-q"],
    )
    .success();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    for row in json["rows"].as_array().unwrap() {
        let share = row["robust_share"]
            .as_f64()
            .expect("a robust share per scenario");
        assert!((0.0..=1.0).contains(&share), "{row}");
        assert!(row["blocking_pairs"].is_u64(), "{row}");
        let name = row["scenario"].as_str().unwrap();
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join(name).join("summary.json")).unwrap())
                .unwrap();
        assert_eq!(summary["robustness"]["robust_share"].as_f64(), Some(share));
        // Per mentee, in roster order: the roster's mentor and whether the pair survives.
        let (header, rows) = read_csv(&out.join(name).join("robustness.csv"));
        assert_eq!(header, ["mentee_id", "mentor_id", "robust"]);
        let (_, roster) = read_csv(&out.join(name).join("roster.csv"));
        assert_eq!(rows.len(), roster.len());
        for (r, p) in rows.iter().zip(&roster) {
            assert_eq!((&r[0], &r[1]), (&p[0], &p[3]));
            assert!(r[2] == "1" || r[2] == "0", "{r:?}");
        }
        let robust = rows.iter().filter(|r| r[2] == "1").count() as u64;
        assert_eq!(
            summary["robustness"]["robust_mentees"].as_u64(),
            Some(robust)
        );
        assert!((share - robust as f64 / rows.len() as f64).abs() < 1e-12);
        let (_, blocking) = read_csv(&out.join(name).join("blocking_pairs.csv"));
        assert_eq!(
            blocking.len() as u64,
            summary["stability"]["blocking_pairs"].as_u64().unwrap()
        );
    }
    compare(
        &fixture("small/scenarios.toml"),
        &tmp.path().join("q"),
        &["--perturb", "150%"],
    )
    .code(2);
}

#[test]
fn an_instance_beyond_the_memory_fails_early_pointing_to_the_scale_options() {
    // 1 MiB: enough to read data/example (under 2 KB a file), not for a match (the program
    // alone takes 32 MiB in the estimate).
    match_in_one_mebibyte("example/mentees.csv")
        .stderr(predicates::str::contains("--same-scope-only"));
}

/// `match` of data/example's mentors with a shipped mentees file, with the memory limited to
/// 1 MiB: it must fail with exit code 2 and write nothing.
fn match_in_one_mebibyte(mentees: &str) -> assert_cmd::assert::Assert {
    let tmp = tempfile::tempdir().unwrap();
    let assert = bimbing()
        .env("BIMBING_MEMORY_LIMIT", "1m")
        .args(["match", "--mentors"])
        .arg(shipped("example/mentors.csv"))
        .arg("--mentees")
        .arg(shipped(mentees))
        .arg("--out")
        .arg(tmp.path().join("o"))
        .assert()
        .code(2);
    assert!(!tmp.path().join("o").exists());
    assert
}

#[test]
fn an_input_file_too_large_for_the_memory_is_refused_before_reading() {
    // data/medan/mentees.csv is about 150 KB: some 3.6 MB to read, more than 1 MiB.
    match_in_one_mebibyte("medan/mentees.csv")
        .stderr(predicates::str::contains("mentees.csv: the file is "))
        .stderr(predicates::str::contains("MiB are available"));
}

#[test]
fn compare_lists_where_an_extra_mentor_helps_most_per_scenario() {
    // data/example under the default weights: one more typical mentor helps Bappeda
    // (+1, +0.78), Dinas Kesehatan (+1, +0.61) and Kecamatan Medan Belawan (+1, +0.30) most,
    // as `match` lists them; a scenario without any gain says so.
    let tmp = tempfile::tempdir().unwrap();
    let file = write(
        tmp.path(),
        "s.toml",
        &format!(
            "mentors = {:?}\nmentees = {:?}\n[[scenario]]\nname = \"base\"\n\
             [[scenario]]\nname = \"nobody-more\"\nmin_grade_gap = 20\n",
            shipped("example/mentors.csv").display().to_string(),
            shipped("example/mentees.csv").display().to_string(),
        ),
    );
    let assert = compare(&file, &tmp.path().join("out"), &["--reproducible"]).success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("Where an extra mentor helps most"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  base         Bappeda (+1 matched, score +0.780); Dinas Kesehatan (+1 matched, \
             score +0.610); Kecamatan Medan Belawan (+1 matched, score +0.300)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  nobody-more  nowhere: one more mentor would not improve the roster"),
        "{stdout}"
    );
}
