//! `bimbing explain` on rosters made under the planner's rules: a pairs file (forbid and
//! lock), unit-only rules, unit shares and continuity. Every mentee is explained (none may
//! fail), and every forced alternative's objective is checked against an independent
//! route: `match` again with the pair added as a lock line of the pairs file.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{bimbing, explain, read_csv, run_match, summary, write};

/// A generated cohort of `mentees` x `mentors` in `dir`: (mentors.csv, mentees.csv).
fn generated(dir: &Path, mentees: usize, mentors: usize, seed: u64) -> (PathBuf, PathBuf) {
    let out = dir.join("cohort");
    bimbing()
        .args(["generate", "--mentees", &mentees.to_string()])
        .args(["--mentors", &mentors.to_string()])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(&out)
        .assert()
        .success();
    (out.join("mentors.csv"), out.join("mentees.csv"))
}

/// `match` under `extra` and the pairs file, if any (no advice, reproducible): its exit code.
fn match_code(
    mentors: &Path,
    mentees: &Path,
    out: &Path,
    pairs: Option<&Path>,
    extra: &[String],
) -> i32 {
    let mut args: Vec<&OsStr> = ["--no-advice", "--force", "--reproducible"]
        .into_iter()
        .map(OsStr::new)
        .collect();
    args.extend(extra.iter().map(OsStr::new));
    if let Some(p) = pairs {
        args.extend([OsStr::new("--pairs"), p.as_os_str()]);
    }
    run_match(mentors, mentees, out, &args)
        .get_output()
        .status
        .code()
        .unwrap_or(-1)
}

fn explain_json(dir: &Path, mentee: &str) -> Value {
    let (code, stdout, stderr) = explain(dir, mentee, &["--json", "--alternatives", "6"]);
    assert_eq!(code, 0, "explain {mentee}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// How many alternatives were checked against a re-match, and how many mentors were seen
/// full with locked pairs.
#[derive(Default, Debug)]
struct Checked {
    forced: usize,
    full_with_locked: usize,
    ineligible_by_rule: usize,
}

/// Explains every mentee of the roster in `roster_dir` (made from these inputs with
/// `pairs_text` as the pairs file and `extra` flags) and checks each forced alternative
/// against `match` with the pair locked.
fn check_every_mentee(
    tmp: &Path,
    mentors: &Path,
    mentees: &Path,
    pairs_text: &str,
    extra: &[String],
) -> Checked {
    let pairs = write(tmp, "pairs.csv", pairs_text);
    let roster_dir = tmp.join("roster");
    assert_eq!(
        match_code(mentors, mentees, &roster_dir, Some(&pairs), extra),
        0
    );
    let status = summary(&roster_dir)["solver"]["status"].clone();
    assert_eq!(status, "optimal");
    let (_, rows) = read_csv(&roster_dir.join("roster.csv"));
    let locked: Vec<(String, String)> = pairs_text
        .lines()
        .skip(1)
        .filter(|l| l.ends_with(",lock"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string())
        })
        .collect();
    let mut checked = Checked::default();
    let mut n = 0;
    for row in &rows {
        let mentee = &row[0];
        let x = explain_json(&roster_dir, mentee);
        for alt in x["alternatives"].as_array().unwrap() {
            let mentor = alt["mentor"]["id"].as_str().unwrap();
            match alt["why_not"]["reason"].as_str().unwrap() {
                "full-with-locked" => {
                    let locks = locked.iter().filter(|(_, m)| m == mentor).count() as u64;
                    assert_eq!(
                        Some(locks),
                        alt["mentor"]["capacity"].as_u64(),
                        "{mentor} is full with locked pairs"
                    );
                    checked.full_with_locked += 1;
                }
                "ineligible" => {
                    let rules = alt["why_not"]["rules"].to_string();
                    if rules.contains("planners-rule") {
                        checked.ineligible_by_rule += 1;
                    }
                }
                _ => {}
            }
            let Some(forced) = alt["forced"].as_object() else {
                continue;
            };
            // the same roster with the pair added as a lock of the pairs file
            n += 1;
            let with_lock = format!("{pairs_text}{mentee},{mentor},lock\n");
            let p = write(tmp, &format!("pairs-{n}.csv"), &with_lock);
            let out = tmp.join(format!("forced-{n}"));
            assert_eq!(match_code(mentors, mentees, &out, Some(&p), extra), 0);
            let s = summary(&out);
            assert_eq!(s["solver"]["status"], "optimal");
            assert_eq!(
                forced["objective"]["matched"], s["counts"]["matched"],
                "{mentee} forced to {mentor}: matched"
            );
            let (a, b) = (
                forced["objective"]["total_score"].as_f64().unwrap(),
                s["totals"]["total_score"].as_f64().unwrap(),
            );
            assert!(
                (a - b).abs() < 1e-6,
                "{mentee} forced to {mentor}: total {a} against re-match {b}"
            );
            checked.forced += 1;
        }
    }
    checked
}

/// Ids of a CSV's first column and its `unit` column.
fn ids_and_units(path: &Path) -> Vec<(String, String)> {
    let (header, rows) = read_csv(path);
    let unit = header.iter().position(|h| h == "unit").unwrap();
    rows.iter()
        .map(|r| (r[0].clone(), r[unit].clone()))
        .collect()
}

/// A pairs file over a generated cohort: a few forbids (one of them on a mentee whose pair
/// the roster would make) and two locks on the mentors the roster gave later mentees.
fn pairs_text(mentors: &Path, mentees: &Path, tmp: &Path) -> String {
    let plain = tmp.join("plain");
    assert_eq!(match_code(mentors, mentees, &plain, None, &[]), 0);
    let (_, roster) = read_csv(&plain.join("roster.csv"));
    let mut text = String::from("mentee_id,mentor_id,rule\n");
    // forbid the roster's own pairs of three mentees
    for r in roster.iter().filter(|r| !r[3].is_empty()).take(3) {
        text.push_str(&format!("{},{},forbid\n", r[0], r[3]));
    }
    // lock two mentees to the mentor the roster gave a later mentee
    let matched: Vec<&Vec<String>> = roster.iter().filter(|r| !r[3].is_empty()).collect();
    for r in matched.iter().skip(5).take(2) {
        text.push_str(&format!("{},{},lock\n", r[0], r[3]));
    }
    text
}

#[test]
fn explain_under_a_pairs_file_with_forbids_and_locks() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = generated(tmp.path(), 24, 8, 5);
    let pairs = pairs_text(&m, &e, tmp.path());
    let c = check_every_mentee(tmp.path(), &m, &e, &pairs, &[]);
    assert!(c.forced > 20, "{c:?}");
    assert!(c.ineligible_by_rule > 0, "{c:?}");
}

#[test]
fn explain_with_a_mentor_full_of_locked_pairs() {
    // data/example: Andi Nasution (capacity 1) takes the locked Budi Harahap, so nobody
    // else can be forced to him
    let tmp = tempfile::tempdir().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
    let pairs = "mentee_id,mentor_id,rule\n\
                 199601012020122001,198104202006042001,forbid\n\
                 199703112021011002,197911082005011003,lock\n";
    let c = check_every_mentee(
        tmp.path(),
        &dir.join("mentors.csv"),
        &dir.join("mentees.csv"),
        pairs,
        &[],
    );
    assert!(c.full_with_locked > 0, "{c:?}");
    assert!(c.forced > 5, "{c:?}");
}

#[test]
fn explain_under_unit_only_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = generated(tmp.path(), 24, 8, 9);
    let mut units: Vec<String> = ids_and_units(&e).into_iter().map(|(_, u)| u).collect();
    units.sort();
    units.dedup();
    let settings = write(
        tmp.path(),
        "settings.toml",
        &format!(
            "same_unit_only = [{:?}]\ncross_unit_only = [{:?}]\n",
            units[0], units[1]
        ),
    );
    let extra = vec!["--settings".to_string(), settings.display().to_string()];
    let pairs = pairs_text(&m, &e, tmp.path());
    let c = check_every_mentee(tmp.path(), &m, &e, &pairs, &extra);
    assert!(c.forced > 10, "{c:?}");
}

#[test]
fn explain_under_unit_shares() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = generated(tmp.path(), 30, 10, 24);
    let extra = vec!["--max-cross-unit-share".to_string(), "0.5".to_string()];
    let pairs = pairs_text(&m, &e, tmp.path());
    let c = check_every_mentee(tmp.path(), &m, &e, &pairs, &extra);
    assert!(c.forced > 10, "{c:?}");
}

#[test]
fn explain_under_continuity() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = generated(tmp.path(), 24, 8, 17);
    // last round's roster under other weights, kept with a bonus
    let last = tmp.path().join("last");
    assert_eq!(
        match_code(&m, &e, &last, None, &["--weight-unit=-0.2".to_string()]),
        0
    );
    let extra = vec![
        "--previous".to_string(),
        last.join("roster.csv").display().to_string(),
        "--continuity-bonus".to_string(),
        "0.1".to_string(),
    ];
    let pairs = pairs_text(&m, &e, tmp.path());
    let c = check_every_mentee(tmp.path(), &m, &e, &pairs, &extra);
    assert!(c.forced > 20, "{c:?}");
}
