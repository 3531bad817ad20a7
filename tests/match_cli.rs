//! `bimbing match` end to end: the real binary on fixtures, its CSV output read back.

use crate::util::{bimbing, fixture, read_csv, shipped, summary, write};

/// Runs `match` on a fixture folder into `out` with extra arguments.
fn run_match(
    dir: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
) -> assert_cmd::assert::Assert {
    match_command(dir, out, extra).assert()
}

/// The `match` command on a folder's `mentors.csv` and `mentees.csv` into `out`.
fn match_command(
    dir: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
) -> assert_cmd::Command {
    let mut command = bimbing();
    command
        .arg("match")
        .arg("--mentors")
        .arg(dir.join("mentors.csv"))
        .arg("--mentees")
        .arg(dir.join("mentees.csv"))
        .arg("--out")
        .arg(out)
        .args(extra);
    command
}

#[test]
fn small_fixture_gives_the_hand_computed_roster() {
    // Scores by hand (default weights 0.6/0.2/0.2, default target 3):
    //   E1: M1 0.7, M2 0.8, M3 0.4     E2: M1 0.7, M3 0.8     E3: M1 0.9, M2 0.8, M3 0.2
    //   E4 (IV/c) outranks every mentor: no eligible mentor.
    // Capacities M1 1, M2 2, M3 3 (default). All of E1..E3 can be matched; the best total is
    // E1-M2 0.8 + E2-M3 0.8 + E3-M1 0.9 = 2.5 (next best 2.3).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("roster");
    let assert = run_match(&fixture("small"), &out, &[]).success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("matched     3/4 mentees"), "{stdout}");
    assert!(
        stdout.contains("1 with no eligible mentor at all, 0 whose"),
        "{stdout}"
    );

    let (header, rows) = read_csv(&out.join("roster.csv"));
    assert_eq!(
        header[..10],
        [
            "mentee_id",
            "mentee_name",
            "mentee_unit",
            "mentor_id",
            "mentor_name",
            "mentor_unit",
            "score",
            "complementarity",
            "same_unit",
            "workload_term"
        ]
    );
    let pairs: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("E1", "M2", "0.800000"),
            ("E2", "M3", "0.800000"),
            ("E3", "M1", "0.900000"),
            ("E4", "", "")
        ]
    );
    // E1-M2: C = (1 + 2) / 3 = 1, same unit after trimming and case folding, W = 0 (1.2 > 1)
    assert_eq!(rows[0][7..10], ["1.000000", "1", "0.000000"]);
    // E2-M3: C = 2/3
    assert_eq!(rows[1][7], "0.666667");
    assert_eq!(rows[3][12], "no eligible mentor");
    // a formula-looking name is written as text
    assert_eq!(rows[2][1], "'=cmd|' /C calc'!A0");

    let (header, loads) = read_csv(&out.join("mentor_load.csv"));
    assert_eq!(
        header[..5],
        ["mentor_id", "mentor_name", "unit", "capacity", "assigned"]
    );
    let loads: Vec<(&str, &str, &str)> = loads
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        loads,
        [("M1", "1", "1"), ("M2", "2", "1"), ("M3", "3", "1")]
    );

    let s = summary(&out);
    assert_eq!(s["counts"]["matched"], 3);
    assert_eq!(s["counts"]["unmatched_no_eligible_mentor"], 1);
    assert_eq!(s["counts"]["slots"], 6);
    assert_eq!(s["counts"]["eligible_pairs"], 8);
    assert!((s["totals"]["total_score"].as_f64().unwrap() - 2.5).abs() < 1e-9);
    assert_eq!(s["totals"]["same_unit_pairs"], 3);
    assert_eq!(s["solver"]["status"], "optimal");
    assert_eq!(s["settings"]["capacity"], 3);
    assert_eq!(s["inputs"]["mentors"]["delimiter"], ";");
    assert_eq!(s["inputs"]["mentees"]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn lp_and_network_give_the_same_roster() {
    let tmp = tempfile::tempdir().unwrap();
    for solver in ["network", "lp"] {
        run_match(
            &shipped("example"),
            &tmp.path().join(solver),
            &["--solver", solver, "--reproducible"],
        )
        .success();
    }
    let (_, a) = read_csv(&tmp.path().join("network/roster.csv"));
    let (_, b) = read_csv(&tmp.path().join("lp/roster.csv"));
    let total = |rows: &[Vec<String>]| {
        rows.iter()
            .filter_map(|r| r[6].parse::<f64>().ok())
            .sum::<f64>()
    };
    assert_eq!(
        a.iter().filter(|r| !r[3].is_empty()).count(),
        b.iter().filter(|r| !r[3].is_empty()).count()
    );
    assert!((total(&a) - total(&b)).abs() < 1e-6);
}

#[test]
fn weights_from_flags_and_settings_file_change_the_roster() {
    // With the unit weight strongly negative, cross-unit pairs win: E1 can no longer prefer M2.
    let tmp = tempfile::tempdir().unwrap();
    let settings = write(tmp.path(), "s.toml", "weights = { unit = -1.0 }\n");
    run_match(
        &fixture("small"),
        &tmp.path().join("a"),
        &["--settings", settings.to_str().unwrap()],
    )
    .success();
    let (_, rows) = read_csv(&tmp.path().join("a/roster.csv"));
    assert_eq!(rows[0][3], "M3", "E1 goes across units");
    let s = summary(&tmp.path().join("a"));
    assert_eq!(s["settings"]["weights"]["unit"], -1.0);

    // a flag overrides the file
    run_match(
        &fixture("small"),
        &tmp.path().join("b"),
        &[
            "--settings",
            settings.to_str().unwrap(),
            "--weight-unit",
            "0.2",
        ],
    )
    .success();
    let (_, rows) = read_csv(&tmp.path().join("b/roster.csv"));
    assert_eq!(rows[0][3], "M2");
}

#[test]
fn reruns_are_byte_identical_and_row_order_does_not_matter() {
    let tmp = tempfile::tempdir().unwrap();
    run_match(
        &shipped("example"),
        &tmp.path().join("a"),
        &["--reproducible"],
    )
    .success();
    run_match(
        &shipped("example"),
        &tmp.path().join("b"),
        &["--reproducible"],
    )
    .success();
    for f in ["roster.csv", "mentor_load.csv", "summary.json"] {
        assert_eq!(
            std::fs::read(tmp.path().join("a").join(f)).unwrap(),
            std::fs::read(tmp.path().join("b").join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
    // reverse the data rows of both files: the same pairs come out
    let shuffled = tmp.path().join("shuffled");
    std::fs::create_dir(&shuffled).unwrap();
    for f in ["mentors.csv", "mentees.csv"] {
        let text = std::fs::read_to_string(shipped("example").join(f)).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        write(&shuffled, f, &(lines.join("\n") + "\n"));
    }
    run_match(&shuffled, &tmp.path().join("c"), &[]).success();
    let pairs = |dir: &str| {
        let (_, rows) = read_csv(&tmp.path().join(dir).join("roster.csv"));
        let mut p: Vec<(String, String)> = rows
            .into_iter()
            .map(|r| (r[0].clone(), r[3].clone()))
            .collect();
        p.sort();
        p
    };
    assert_eq!(pairs("a"), pairs("c"));
}

#[test]
fn refuses_to_overwrite_inputs_or_earlier_results() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mentors = std::fs::read_to_string(fixture("small/mentors.csv")).unwrap();
    let mentees = std::fs::read_to_string(fixture("small/mentees.csv")).unwrap();
    write(dir, "mentors.csv", &mentors);
    // the mentees file is named like an output file, in the output folder
    write(dir, "roster.csv", &mentees);
    bimbing()
        .args(["match", "--mentors"])
        .arg(dir.join("mentors.csv"))
        .arg("--mentees")
        .arg(dir.join("roster.csv"))
        .arg("--out")
        .arg(dir)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "refusing to write over an input file",
        ));
    assert_eq!(
        std::fs::read_to_string(dir.join("roster.csv")).unwrap(),
        mentees
    );
    assert!(!dir.join("summary.json").exists());

    let out = dir.join("out");
    run_match(&fixture("small"), &out, &[]).success();
    let before = std::fs::read(out.join("roster.csv")).unwrap();
    run_match(&fixture("small"), &out, &[])
        .code(2)
        .stderr(predicates::str::contains("use --force"));
    assert_eq!(std::fs::read(out.join("roster.csv")).unwrap(), before);
    run_match(&fixture("small"), &out, &["--force"]).success();
}

#[test]
fn reports_never_replace_earlier_files_or_this_runs_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let html = tmp.path().join("report.html");
    write(tmp.path(), "report.html", "an earlier report");
    // An existing report is kept without --force, and nothing else is written.
    run_match(&fixture("small"), &out, &["--html", html.to_str().unwrap()])
        .code(2)
        .stderr(predicates::str::contains("report.html: exists already"));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "an earlier report");
    assert!(!out.exists());
    // A report named like one of the roster files is refused, even with --force.
    let clash = out.join("roster.csv");
    run_match(
        &fixture("small"),
        &out,
        &["--force", "--xlsx", clash.to_str().unwrap()],
    )
    .code(2)
    .stderr(predicates::str::contains(
        "this run writes that file itself",
    ));
    assert!(!out.exists());
    // The earlier report is the user's own, not bimbing's: --force does not replace it.
    run_match(
        &fixture("small"),
        &out,
        &["--force", "--html", html.to_str().unwrap()],
    )
    .code(2)
    .stderr(predicates::str::contains("bimbing did not write it"));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "an earlier report");
    assert!(!out.exists());
    // A report bimbing wrote is replaced with --force.
    std::fs::remove_file(&html).unwrap();
    run_match(&fixture("small"), &out, &["--html", html.to_str().unwrap()]).success();
    run_match(
        &fixture("small"),
        &out,
        &["--force", "--html", html.to_str().unwrap()],
    )
    .success();
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_forced_rerun_leaves_no_file_of_the_earlier_run() {
    // The plain run writes the advice files; a rerun under a rule above --price-above does
    // not, so the earlier ones, which no longer describe the roster, must go (the audit is
    // written again).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_match(&fixture("small"), &out, &[]).success();
    for f in ["advice.csv", "advice_units.csv", "blocking_pairs.csv"] {
        assert!(out.join(f).exists(), "{f}");
    }
    write(&out, "notes.txt", "the planner's own file");
    run_match(
        &fixture("small"),
        &out,
        &[
            "--force",
            "--price-above",
            "1",
            "--max-cross-unit-share",
            "0.5",
            "--min-mentees",
            "1",
        ],
    )
    .success();
    assert!(out.join("blocking_pairs.csv").exists());
    for f in ["advice.csv", "advice_units.csv"] {
        assert!(!out.join(f).exists(), "{f} left from the earlier run");
    }
    for f in [
        "roster.csv",
        "mentor_load.csv",
        "summary.json",
        "unmatched.csv",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "the planner's own file"
    );
}

#[test]
fn same_scope_only_keeps_every_pair_inside_its_agency() {
    // Two agencies. Without the rule, both mentees of agency A would take the stronger
    // mentor of agency B; with it, nobody crosses, and each agency's roster is what that
    // agency alone gives (A1 takes both of A, B1 takes b1).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        "mentors.csv",
        "id,name,unit,instansi,grade,capacity,workload,k:komunikasi\n\
         A1,Satu,Sekretariat,Kota A,IV/a,2,0.9,3\n\
         B1,Dua,Sekretariat,Kota B,IV/a,2,0.0,5\n",
    );
    write(
        dir,
        "mentees.csv",
        "id,name,unit,instansi,grade,k:komunikasi\n\
         a1,Tiga,Sekretariat,Kota A,II/a,1\n\
         a2,Empat,Sekretariat,Kota A,II/a,2\n\
         b1,Lima,Sekretariat,Kota B,II/a,1\n",
    );
    run_match(dir, &dir.join("free"), &["--reproducible"]).success();
    let (_, rows) = read_csv(&dir.join("free/roster.csv"));
    assert!(
        rows.iter().filter(|r| r[3] == "B1").count() == 2,
        "B1 is the better mentor"
    );

    run_match(
        dir,
        &dir.join("scoped"),
        &["--reproducible", "--same-scope-only"],
    )
    .success();
    let (_, rows) = read_csv(&dir.join("scoped/roster.csv"));
    let mentors: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(mentors, ["A1", "A1", "B1"]);
    let s = summary(&dir.join("scoped"));
    assert_eq!(
        s["counts"]["eligible_pairs"], 3,
        "only pairs within an agency"
    );
    assert_eq!(s["settings"]["same_scope_only"], true);
    assert!(s["solver"]["detail"]
        .as_str()
        .unwrap()
        .starts_with("2 independent parts"));
}

#[test]
fn pricing_from_one_candidate_reaches_the_full_graph_optimum() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("full", vec!["--candidates", "0"]),
        ("priced", vec!["--price-above", "0", "--candidates", "1"]),
    ] {
        let mut args = vec!["--reproducible"];
        args.extend(extra);
        run_match(&shipped("example"), &tmp.path().join(name), &args).success();
    }
    let (full, priced) = (
        summary(&tmp.path().join("full")),
        summary(&tmp.path().join("priced")),
    );
    assert_eq!(full["counts"]["matched"], priced["counts"]["matched"]);
    let total = |s: &serde_json::Value| s["totals"]["total_score"].as_f64().unwrap();
    assert!((total(&full) - total(&priced)).abs() < 1e-9);
    // (on a cohort this small each mentor's best mentees already cover every pair; pricing
    // with few candidates on both sides is exercised by the pricing property test)
    assert!(priced["counts"]["graph_pairs"].as_u64() <= full["counts"]["graph_pairs"].as_u64());
    assert!(priced["solver"]["detail"]
        .as_str()
        .unwrap()
        .contains("priced in"));
}

/// Both folders hold the same advice files, byte for byte.
fn assert_same_advice(a: &std::path::Path, b: &std::path::Path) {
    for file in ["advice.csv", "advice_units.csv"] {
        let (x, y) = (
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
        );
        assert_eq!(x, y, "{file}");
    }
}

#[test]
fn advice_above_price_above_comes_from_the_priced_match() {
    // 3 x 4 = 12 mentee x mentor pairs: above a price_above of 11 the match prices pairs in,
    // and the advice, from the duals it ends with, is the advice on the full graph.
    let tmp = tempfile::tempdir().unwrap();
    let priced = tmp.path().join("priced");
    let assert = run_match(&fixture("small"), &priced, &["--price-above", "11"]).success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(!stdout.contains("advice      not written"), "{stdout}");
    let full = tmp.path().join("full");
    run_match(&fixture("small"), &full, &["--price-above", "12"]).success();
    assert_same_advice(&priced, &full);
    let summary_of = |dir: &std::path::Path| summary(dir)["solver"]["detail"].to_string();
    assert!(
        summary_of(&priced).contains("priced in"),
        "{}",
        summary_of(&priced)
    );
    assert!(
        !summary_of(&full).contains("priced in"),
        "{}",
        summary_of(&full)
    );

    // The fair objective keeps the duals of its threshold's solve: above price_above its
    // advice is written too, the same as below it.
    let fair = tmp.path().join("fair");
    let assert = run_match(
        &fixture("small"),
        &fair,
        &["--price-above", "11", "--objective", "fair"],
    )
    .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(!stdout.contains("advice      not written"), "{stdout}");
    let fair_full = tmp.path().join("fair-full");
    run_match(
        &fixture("small"),
        &fair_full,
        &["--price-above", "12", "--objective", "fair"],
    )
    .success();
    assert_same_advice(&fair, &fair_full);

    // The fair objective with minimums probes the pairs level by level as its match does:
    // above price_above its advice is written too, the same as below it.
    let args = ["--objective", "fair", "--min-mentees", "1"];
    let (tiered, tiered_full) = (tmp.path().join("tiered"), tmp.path().join("tiered-full"));
    let assert = run_match(
        &fixture("small"),
        &tiered,
        &[&args[..], &["--price-above", "11"]].concat(),
    )
    .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(!stdout.contains("advice      not written"), "{stdout}");
    run_match(
        &fixture("small"),
        &tiered_full,
        &[&args[..], &["--price-above", "12"]].concat(),
    )
    .success();
    assert_same_advice(&tiered, &tiered_full);

    // Under unit shares the advice searches the relaxation again per change, as the match
    // did, at any size: above price_above it is written, and the same. So it is under the
    // fair objective, whose threshold searches probe the same way.
    for objective in ["total", "fair"] {
        let shares = tmp.path().join(format!("shares-{objective}"));
        let shares_full = tmp.path().join(format!("shares-{objective}-full"));
        let args = ["--max-cross-unit-share", "0.5", "--objective", objective];
        run_match(
            &fixture("small"),
            &shares,
            &[&args[..], &["--price-above", "11"]].concat(),
        )
        .success();
        run_match(&fixture("small"), &shares_full, &args).success();
        assert!(shares.join("advice.csv").exists(), "{objective}");
        assert_same_advice(&shares, &shares_full);
    }

    // Under unit shares with mentor minimums the advice re-solves the whole problem again
    // for every change: above price_above it is left out, and the terminal says so.
    let ruled = tmp.path().join("ruled");
    let min_shares = ["--max-cross-unit-share", "0.5", "--min-mentees", "1"];
    let assert = run_match(
        &fixture("small"),
        &ruled,
        &[&min_shares[..], &["--price-above", "11"]].concat(),
    )
    .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("advice      not written"), "{stdout}");
    assert!(stdout.contains("raise --price-above"), "{stdout}");
    assert!(!ruled.join("advice.csv").exists());
    assert!(!ruled.join("advice_units.csv").exists());
    // This cohort is within the re-solve budget: at the default price_above, as the
    // terminal said, the advice is written.
    let raised = tmp.path().join("ruled_raised");
    run_match(&fixture("small"), &raised, &min_shares).success();
    assert!(raised.join("advice.csv").exists());
    assert!(raised.join("advice_units.csv").exists());
}

/// The fair objective with minimums on the shipped Medan cohort (1,500 x 450): the advice
/// is written (from the probes of the head, with no re-solve per change), the same whatever
/// the thread count.
#[test]
fn fair_advice_with_minimums_is_written_on_the_medan_cohort() {
    let tmp = tempfile::tempdir().unwrap();
    let medan = shipped("medan");
    let run = |out: &std::path::Path, threads: &str| {
        match_with_threads(
            &medan,
            out,
            threads,
            &["--objective", "fair", "--min-mentees", "1"],
        )
    };
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let stdout = run(&one, "1");
    assert!(!stdout.contains("advice      not written"), "{stdout}");
    assert!(
        stdout.contains("Where an extra mentor helps most"),
        "{stdout}"
    );
    run(&two, "2");
    for file in ["roster.csv", "advice.csv", "advice_units.csv"] {
        let (a, b) = (
            std::fs::read(one.join(file)).unwrap(),
            std::fs::read(two.join(file)).unwrap(),
        );
        assert_eq!(a, b, "{file}");
    }
    let (header, rows) = read_csv(&one.join("advice.csv"));
    assert_eq!(header[..3], ["mentor_id", "extra_matched", "extra_score"]);
    assert_eq!(rows.len(), 450);
    // Mentors that one more slot gives a mentee are there (the cohort leaves mentees
    // unmatched whose eligible mentors are all full).
    assert!(rows.iter().any(|r| r[1] == "1"), "no mentor adds a mentee");
}

#[test]
fn the_audit_under_the_rules_counts_only_pairs_they_allow() {
    // data/example has one blocking pair: mentee ...001 (with Dewi Ginting at 0.62) and
    // Nurhayati Lubis (0.80 together), who holds ...010 at 0.60 and has no free slot.
    let tmp = tempfile::tempdir().unwrap();
    let dir = shipped("example");
    let (blocker, mentor, held) = (
        "199601012020122001",
        "197203151998032004",
        "199107072015031010",
    );
    let out = tmp.path().join("plain");
    run_match(&dir, &out, &["--reproducible"]).success();
    let (_, rows) = read_csv(&out.join("blocking_pairs.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][1].as_str()),
        (blocker, mentor)
    );
    assert_eq!(summary(&out)["stability"]["blocking_pairs"], 1);

    // Forbidden, that pair cannot block (the roster does not use it either way).
    let pairs = write(
        tmp.path(),
        "forbid.csv",
        &format!("mentee_id,mentor_id,rule\n{blocker},{mentor},forbid\n"),
    );
    let out = tmp.path().join("forbid");
    run_match(
        &dir,
        &out,
        &["--reproducible", "--pairs", pairs.to_str().unwrap()],
    )
    .success();
    let (_, rows) = read_csv(&out.join("roster.csv"));
    assert!(rows.iter().all(|r| r[0] != blocker || r[3] != mentor));
    let (_, rows) = read_csv(&out.join("blocking_pairs.csv"));
    assert!(rows.is_empty(), "{rows:?}");
    assert_eq!(summary(&out)["stability"]["blocking_pairs"], 0);

    // With ...010 locked to Nurhayati, she cannot give it up: no pair blocks either.
    let pairs = write(
        tmp.path(),
        "lock.csv",
        &format!("mentee_id,mentor_id,rule\n{held},{mentor},lock\n"),
    );
    let out = tmp.path().join("lock");
    run_match(
        &dir,
        &out,
        &["--reproducible", "--pairs", pairs.to_str().unwrap()],
    )
    .success();
    let (_, rows) = read_csv(&out.join("blocking_pairs.csv"));
    assert!(rows.is_empty(), "{rows:?}");
}

/// `--no-advice` leaves the advice files out and says so; the other files are written.
#[test]
fn no_advice_leaves_the_advice_files_out() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let assert = run_match(&fixture("small"), &out, &["--no-advice"]).success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("advice      not written (--no-advice)"),
        "{stdout}"
    );
    for f in ["advice.csv", "advice_units.csv"] {
        assert!(!out.join(f).exists(), "{f}");
    }
    for f in ["roster.csv", "summary.json", "blocking_pairs.csv"] {
        assert!(out.join(f).exists(), "{f}");
    }
}

/// Under a unit share the advice of a generated 40 x 12 cohort is written, byte-identical
/// with one thread and with two, under either objective.
#[test]
fn advice_under_unit_shares_is_the_same_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let cohort = tmp.path().join("cohort");
    bimbing()
        .args([
            "generate",
            "--mentees",
            "40",
            "--mentors",
            "12",
            "--seed",
            "7",
            "--out",
        ])
        .arg(&cohort)
        .assert()
        .success();
    // The objective of the total, and the fair objective (its threshold probes).
    for (k, objective) in ["total", "fair"].into_iter().enumerate() {
        let args = ["--max-cross-unit-share", "0.3", "--objective", objective];
        let run =
            |out: &std::path::Path, threads: &str| match_with_threads(&cohort, out, threads, &args);
        let (one, two) = (
            tmp.path().join(format!("one{k}")),
            tmp.path().join(format!("two{k}")),
        );
        let stdout = run(&one, "1");
        assert!(!stdout.contains("advice      not written"), "{stdout}");
        run(&two, "2");
        assert_same_advice(&one, &two);
    }
}

/// `bimbing match` on the cohort in `dir` (its `mentors.csv` and `mentees.csv`) with that
/// many threads and these arguments; its terminal output.
fn match_with_threads(
    dir: &std::path::Path,
    out: &std::path::Path,
    threads: &str,
    args: &[&str],
) -> String {
    let assert = match_command(dir, out, args)
        .env("RAYON_NUM_THREADS", threads)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stdout).to_string()
}
