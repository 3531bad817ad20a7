//! The next round: `--avoid-previous` (and `avoid_previous` in settings and scenario files)
//! keeps the pairs of earlier rosters out, exactly as `forbid` rows of a pairs file do;
//! people who have left are a warning with counts; `summary.json` records each file with
//! its SHA-256 and `explain` names the rule and refuses a changed file; `--previous` takes
//! a two-column file; continuity and avoiding combine (avoiding wins); a negative
//! continuity bonus is written as a plain negative number.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{bimbing, explain, read_csv, summary, write};

/// A generated cohort in `dir/cohort`: (mentors.csv, mentees.csv).
fn cohort(dir: &Path) -> (PathBuf, PathBuf) {
    let out = dir.join("cohort");
    bimbing()
        .args([
            "generate",
            "--mentees",
            "60",
            "--mentors",
            "20",
            "--seed",
            "5",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    (out.join("mentors.csv"), out.join("mentees.csv"))
}

/// `match` of the two files into `out` with `extra` arguments (quiet, reproducible, no
/// advice).
fn run(people: &(PathBuf, PathBuf), out: &Path, extra: &[&str]) -> Output {
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&people.0)
        .arg("--mentees")
        .arg(&people.1)
        .arg("--out")
        .arg(out)
        .args(["--quiet", "--reproducible", "--no-advice", "--force"])
        .args(extra)
        .output()
        .unwrap()
}

/// [`run`], which must succeed; its stderr.
fn ok(people: &(PathBuf, PathBuf), out: &Path, extra: &[&str]) -> String {
    let o = run(people, out, extra);
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(0), "{extra:?}: {stderr}");
    stderr
}

/// [`run`], which must be refused as bad input (exit code 2); its stderr.
fn refused(people: &(PathBuf, PathBuf), out: &Path, extra: &[&str]) -> String {
    let o = run(people, out, extra);
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{extra:?}: {stderr}");
    stderr
}

/// The pairs of the roster in `out`: mentee id to mentor id (matched mentees only).
fn pairs(out: &Path) -> BTreeMap<String, String> {
    let (header, rows) = read_csv(&out.join("roster.csv"));
    assert_eq!(
        (header[0].as_str(), header[3].as_str()),
        ("mentee_id", "mentor_id")
    );
    rows.into_iter()
        .filter(|r| !r[3].is_empty())
        .map(|r| (r[0].clone(), r[3].clone()))
        .collect()
}

fn total(out: &Path) -> f64 {
    summary(out)["totals"]["total_score"].as_f64().unwrap()
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A copy of the roster of `out` kept as last year's file, `dir/name`.
fn keep_roster(out: &Path, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(out.join("roster.csv"), &path).unwrap();
    path
}

/// The two-column form of a roster's pairs (`mentee_id, mentor_id`), unmatched rows kept
/// with an empty mentor.
fn two_column(roster: &Path, dir: &Path, name: &str) -> PathBuf {
    let (_, rows) = read_csv(roster);
    let mut text = String::from("mentee_id,mentor_id\n");
    for r in rows {
        text.push_str(&format!("{},{}\n", r[0], r[3]));
    }
    write(dir, name, &text)
}

fn none_of(roster: &BTreeMap<String, String>, avoided: &BTreeMap<String, String>) {
    for (mentee, mentor) in avoided {
        assert_ne!(roster.get(mentee), Some(mentor), "{mentee} keeps {mentor}");
    }
}

/// The roster under `--avoid-previous` is the roster of the same cohort with those pairs
/// forbidden by a pairs file, pair for pair, and its optimum agrees with the linear program
/// solving the pairs-file form on its own; none of last year's pairs is made again.
#[test]
fn avoiding_a_roster_is_forbidding_its_pairs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y1"), &[]);
    let last = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");
    let before = pairs(&dir.join("y1"));
    assert!(before.len() > 40, "most mentees matched: {}", before.len());

    ok(
        &people,
        &dir.join("avoided"),
        &["--avoid-previous", text(&last)],
    );
    let avoided = pairs(&dir.join("avoided"));
    none_of(&avoided, &before);
    assert!(avoided.len() > 40, "{}", avoided.len());

    let mut forbid = String::from("mentee_id,mentor_id,rule\n");
    for (mentee, mentor) in &before {
        forbid.push_str(&format!("{mentee},{mentor},forbid\n"));
    }
    let forbid = write(dir, "forbid.csv", &forbid);
    ok(&people, &dir.join("forbidden"), &["--pairs", text(&forbid)]);
    assert_eq!(avoided, pairs(&dir.join("forbidden")));
    assert_eq!(total(&dir.join("avoided")), total(&dir.join("forbidden")));

    let lp = dir.join("lp");
    ok(&people, &lp, &["--pairs", text(&forbid), "--solver", "lp"]);
    assert_eq!(pairs(&lp).len(), avoided.len());
    assert!((total(&lp) - total(&dir.join("avoided"))).abs() < 1e-6);

    // the summary records the file with the SHA-256 of its bytes
    let s = summary(&dir.join("avoided"));
    let recorded = &s["inputs"]["avoid_previous"];
    assert_eq!(recorded.as_array().unwrap().len(), 1, "{recorded}");
    assert_eq!(recorded[0]["path"], text(&last));
    let sha = bimbing::input::sha256_hex(&std::fs::read(&last).unwrap());
    assert_eq!(recorded[0]["sha256"], sha.as_str());
    assert_eq!(s["settings"]["avoid_previous"][0], text(&last));
    assert!(
        s.get("warnings").is_none(),
        "nobody left: {}",
        s["warnings"]
    );
    // a run without it writes neither key
    let plain = summary(&dir.join("forbidden"));
    assert!(plain["inputs"].get("avoid_previous").is_none());
    assert!(plain["settings"].get("avoid_previous").is_none());
}

/// A roster.csv, its two-column form, the Indonesian headers of an earlier build and a
/// semicolon file all avoid the same pairs; unmatched rows are skipped.
#[test]
fn every_form_of_last_years_file_avoids_the_same_pairs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y1"), &[]);
    let last = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");
    ok(&people, &dir.join("a"), &["--avoid-previous", text(&last)]);
    let expected = pairs(&dir.join("a"));
    none_of(&expected, &pairs(&dir.join("y1")));

    let roster_text = std::fs::read_to_string(&last).unwrap();
    let (first, rest) = roster_text.split_once('\n').unwrap();
    let indonesian: Vec<&str> = first
        .split(',')
        .map(|h| {
            bimbing::input::rule_files::EARLIER_INDONESIAN_COLUMNS
                .iter()
                .find(|(_, en)| *en == h)
                .map_or(h, |(id, _)| *id)
        })
        .collect();
    let earlier = write(
        dir,
        "earlier-id.csv",
        &format!("{}\n{rest}", indonesian.join(",")),
    );
    let columns = two_column(&last, dir, "pairs-2025.csv");
    assert!(std::fs::read_to_string(&columns)
        .unwrap()
        .lines()
        .any(|l| l.ends_with(',')));
    let semicolons = write(
        dir,
        "pairs-2025-semicolons.csv",
        &std::fs::read_to_string(&columns).unwrap().replace(',', ";"),
    );
    for (i, file) in [earlier, columns, semicolons].iter().enumerate() {
        let out = dir.join(format!("form{i}"));
        ok(&people, &out, &["--avoid-previous", text(file)]);
        assert_eq!(pairs(&out), expected, "{}", file.display());
    }
}

/// A person who has left (an id in neither file of this year's cohort) is counted in a
/// warning, on stderr and in summary.json, never an error; `--strict` stops on it.
#[test]
fn people_who_left_are_a_warning_with_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y1"), &[]);
    let last = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");
    let before = pairs(&dir.join("y1"));

    // this year: three matched mentees and two mentors of last year's pairs are gone
    let gone_mentees: BTreeSet<&str> = before.keys().take(3).map(String::as_str).collect();
    let mentors: BTreeSet<&str> = before.values().map(String::as_str).collect();
    let gone_mentors: BTreeSet<&str> = mentors.iter().take(2).copied().collect();
    let without = |path: &Path, gone: &BTreeSet<&str>, name: &str| {
        let kept: String = std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !gone.iter().any(|id| l.starts_with(&format!("{id},"))))
            .map(|l| format!("{l}\n"))
            .collect();
        write(dir, name, &kept)
    };
    let this_year = (
        without(&people.0, &gone_mentors, "mentors-2026.csv"),
        without(&people.1, &gone_mentees, "mentees-2026.csv"),
    );
    let gone_pairs = before
        .iter()
        .filter(|(e, m)| gone_mentees.contains(e.as_str()) || gone_mentors.contains(m.as_str()))
        .count();
    let out = dir.join("y2");
    let stderr = ok(&this_year, &out, &["--avoid-previous", text(&last)]);
    let expected = format!(
        "5 people of its pairs have left (ids in neither file of this cohort); {gone_pairs} of \
         its {} pairs cannot be made in this cohort (someone left or changed role); the other \
         {} are kept out of the roster",
        before.len(),
        before.len() - gone_pairs
    );
    assert!(stderr.contains("bimbing: warning: "), "{stderr}");
    assert!(stderr.contains(&expected), "{stderr}");
    let warnings = summary(&out)["warnings"].clone();
    assert!(
        warnings
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains(&expected)
                && w.as_str().unwrap().starts_with(text(&last))),
        "{warnings}"
    );
    none_of(&pairs(&out), &before);
    // no id or name in the warning
    for id in gone_mentees.iter().chain(&gone_mentors) {
        assert!(!stderr.contains(id), "{stderr}");
    }
    let stderr = refused(
        &this_year,
        &dir.join("strict"),
        &["--avoid-previous", text(&last), "--strict"],
    );
    assert!(stderr.contains("--strict"), "{stderr}");
}

/// The flag repeats (two earlier rounds), and `avoid_previous` in a settings file, a
/// scenario file's `[defaults]` and a scenario gives the same rosters as the flags; a
/// scenario's list replaces the defaults' one.
#[test]
fn several_rounds_by_flag_settings_file_and_scenario_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y0"), &["--weight-unit", "-0.5"]);
    ok(&people, &dir.join("y1"), &[]);
    let (y0, y1) = (pairs(&dir.join("y0")), pairs(&dir.join("y1")));
    assert_ne!(y0, y1, "two different rounds");
    std::fs::create_dir(dir.join("rounds")).unwrap();
    let r0 = keep_roster(&dir.join("y0"), &dir.join("rounds"), "roster-2024.csv");
    let r1 = keep_roster(&dir.join("y1"), &dir.join("rounds"), "roster-2025.csv");

    let one = dir.join("one");
    ok(&people, &one, &["--avoid-previous", text(&r1)]);
    let both = dir.join("both");
    ok(
        &people,
        &both,
        &["--avoid-previous", text(&r1), "--avoid-previous", text(&r0)],
    );
    none_of(&pairs(&both), &y0);
    none_of(&pairs(&both), &y1);
    let recorded = summary(&both)["inputs"]["avoid_previous"].clone();
    let paths: Vec<&str> = recorded
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [text(&r1), text(&r0)]);

    // a settings file, in a section table, with a path relative to its folder
    let settings = write(
        &dir.join("rounds"),
        "next.toml",
        "[rules]\navoid_previous = [\"roster-2025.csv\", \"roster-2024.csv\"]\n",
    );
    let by_file = dir.join("by-file");
    ok(&people, &by_file, &["--settings", text(&settings)]);
    assert_eq!(pairs(&by_file), pairs(&both));
    // the flag replaces the file's list
    let replaced = dir.join("replaced");
    ok(
        &people,
        &replaced,
        &["--settings", text(&settings), "--avoid-previous", text(&r1)],
    );
    assert_eq!(pairs(&replaced), pairs(&one));

    let scenarios = write(
        dir,
        "scenarios.toml",
        r#"mentors = "cohort/mentors.csv"
mentees = "cohort/mentees.csv"

[defaults]
avoid_previous = ["rounds/roster-2025.csv"]

[[scenario]]
name = "tanpa-pasangan-lama"

[[scenario]]
name = "dua-tahun"
avoid_previous = ["rounds/roster-2025.csv", "rounds/roster-2024.csv"]

[[scenario]]
name = "bebas"
avoid_previous = []
"#,
    );
    let cmp = dir.join("cmp");
    bimbing()
        .arg("compare")
        .arg(&scenarios)
        .arg("--out")
        .arg(&cmp)
        .args(["--quiet", "--reproducible"])
        .assert()
        .success();
    assert_eq!(pairs(&cmp.join("tanpa-pasangan-lama")), pairs(&one));
    assert_eq!(pairs(&cmp.join("dua-tahun")), pairs(&both));
    assert_eq!(pairs(&cmp.join("bebas")), y1);
    let named = dir.join("named");
    bimbing()
        .args(["match", "--scenario"])
        .arg(&scenarios)
        .args(["--name", "dua-tahun", "--quiet", "--no-advice", "--out"])
        .arg(&named)
        .assert()
        .success();
    assert_eq!(pairs(&named), pairs(&both));
    // explain reopens a scenario folder, re-checking both files
    let mentee = pairs(&both).into_keys().next().unwrap();
    let (code, _, stderr) = explain(&cmp.join("dua-tahun"), &mentee, &[]);
    assert_eq!(code, 0, "{stderr}");
}

/// `explain` names the rule that keeps last year's mentor out, with the file and its line,
/// in English and in Bahasa Indonesia; a changed or missing file is refused (SHA-256).
#[test]
fn explain_names_the_avoided_pair_and_refuses_a_changed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y1"), &[]);
    let last = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");
    let (_, rows) = read_csv(&last);
    let out = dir.join("y2");
    ok(&people, &out, &["--avoid-previous", text(&last)]);

    let mut named = 0;
    for (k, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r[3].is_empty())
        .take(5)
    {
        let (code, stdout, stderr) = explain(&out, &row[0], &["--json", "--alternatives", "20"]);
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let alternative = json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["mentor"]["id"] == row[3].as_str())
            .unwrap_or_else(|| panic!("last year's mentor of {} is listed", row[0]));
        let rule = &alternative["why_not"]["rules"][0]["which"];
        assert_eq!(rule["rule"], "avoided-previous", "{alternative}");
        assert_eq!(rule["file"], text(&last));
        assert_eq!(
            rule["line"].as_u64(),
            Some(k as u64 + 2),
            "the header is line 1"
        );
        named += 1;
    }
    assert_eq!(named, 5);
    let mentee = &rows.iter().find(|r| !r[3].is_empty()).unwrap()[0];
    let (_, en, _) = explain(&out, mentee, &["--alternatives", "20", "--lang", "en"]);
    assert!(
        en.contains(&format!("a pair of the earlier roster {}", text(&last)))
            && en.contains("not made again (avoid_previous)"),
        "{en}"
    );
    let (_, id, _) = explain(&out, mentee, &["--alternatives", "20", "--lang", "id"]);
    assert!(
        id.contains(&format!("pasangan dari daftar sebelumnya {}", text(&last)))
            && id.contains("tidak dibentuk lagi (avoid_previous)"),
        "{id}"
    );

    // one byte changed: refused, naming the file
    let original = std::fs::read(&last).unwrap();
    let mut edited = original.clone();
    edited.extend(b"199001012020011001,Orang Baru,,,,,,,,,III/a,,no eligible mentor\n");
    std::fs::write(&last, &edited).unwrap();
    let (code, _, stderr) = explain(&out, mentee, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(text(&last)) && stderr.contains("changed since the roster was made"),
        "{stderr}"
    );
    std::fs::remove_file(&last).unwrap();
    let (code, _, stderr) = explain(&out, mentee, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing"), "{stderr}");
    std::fs::write(&last, &original).unwrap();
    let (code, _, stderr) = explain(&out, mentee, &[]);
    assert_eq!(code, 0, "the same bytes again: {stderr}");
}

/// Continuity and avoiding on the same file: avoiding wins, so continuity would keep
/// nothing, and the run is refused; on different files, a pair of both is avoided and earns
/// no bonus, the others are kept or counted as changed. A lock of an avoided pair is
/// refused naming its row.
#[test]
fn avoiding_wins_over_continuity_and_a_lock_of_an_avoided_pair_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y0"), &["--weight-unit", "-0.5"]);
    ok(&people, &dir.join("y1"), &[]);
    let (y0, y1) = (pairs(&dir.join("y0")), pairs(&dir.join("y1")));
    let r0 = keep_roster(&dir.join("y0"), dir, "roster-2024.csv");
    let r1 = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");

    let stderr = refused(
        &people,
        &dir.join("same"),
        &["--previous", text(&r1), "--avoid-previous", text(&r1)],
    );
    assert!(
        stderr.contains(text(&r1)) && stderr.contains("continuity would keep nothing"),
        "{stderr}"
    );
    assert!(!dir.join("same").join("roster.csv").exists());

    let out = dir.join("both");
    ok(
        &people,
        &out,
        &["--previous", text(&r1), "--avoid-previous", text(&r0)],
    );
    let made = pairs(&out);
    none_of(&made, &y0);
    let keepable = y1.iter().filter(|(e, m)| y0.get(*e) != Some(*m)).count();
    assert!(keepable < y1.len(), "the two rounds share some pairs");
    let c = &summary(&out)["rules"]["continuity"];
    assert_eq!(c["previous_pairs"].as_u64(), Some(keepable as u64), "{c}");
    let kept = y1.iter().filter(|(e, m)| made.get(*e) == Some(*m)).count();
    assert_eq!(c["kept"].as_u64(), Some(kept as u64));
    assert!(kept > 0);

    let (mentee, mentor) = y1.iter().next().unwrap();
    let lock = write(
        dir,
        "lock.csv",
        &format!("mentee_id,mentor_id,rule\n{mentee},{mentor},lock\n"),
    );
    let stderr = refused(
        &people,
        &dir.join("lock"),
        &["--pairs", text(&lock), "--avoid-previous", text(&r1)],
    );
    assert!(
        stderr.contains(&format!("{}:2", text(&lock))) && stderr.contains("not made again"),
        "{stderr}"
    );
}

/// `--previous` takes a two-column file: the same roster and continuity as the roster.csv
/// it was made from. A mentee on two rows of it is refused (continuity keeps one mentor per
/// mentee), as in a roster.csv, but not in a file to avoid; a roster.csv missing one of its
/// columns is still refused naming it.
#[test]
fn previous_takes_a_two_column_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y1"), &["--weight-unit", "-0.5"]);
    let last = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");
    let columns = two_column(&last, dir, "pairs-2025.csv");
    let (a, b) = (dir.join("roster-form"), dir.join("two-column"));
    ok(
        &people,
        &a,
        &["--previous", text(&last), "--continuity-bonus", "0.3"],
    );
    ok(
        &people,
        &b,
        &["--previous", text(&columns), "--continuity-bonus", "0.3"],
    );
    assert_eq!(pairs(&a), pairs(&b));
    let (ca, cb) = (
        summary(&a)["rules"]["continuity"].clone(),
        summary(&b)["rules"]["continuity"].clone(),
    );
    assert_eq!(ca, cb);
    assert!(ca["kept"].as_u64().unwrap() > 0, "{ca}");
    assert_eq!(summary(&b)["inputs"]["previous"]["path"], text(&columns));
    let (code, _, stderr) = explain(&b, &pairs(&b).into_keys().next().unwrap(), &[]);
    assert_eq!(code, 0, "{stderr}");

    let twice = std::fs::read_to_string(&columns).unwrap();
    let first_pair = twice.lines().nth(1).unwrap().to_string();
    let other_mentor = pairs(&a)
        .values()
        .find(|m| !first_pair.ends_with(*m))
        .unwrap()
        .clone();
    let mentee = first_pair.split(',').next().unwrap();
    let twice = write(
        dir,
        "twice.csv",
        &format!("{twice}{mentee},{other_mentor}\n"),
    );
    let stderr = refused(&people, &dir.join("twice"), &["--previous", text(&twice)]);
    assert!(
        stderr.contains("duplicate mentee (first seen on line 2)"),
        "{stderr}"
    );
    let out = dir.join("twice-avoided");
    ok(&people, &out, &["--avoid-previous", text(&twice)]);
    assert_ne!(pairs(&out).get(mentee), Some(&other_mentor));

    let (_, rows) = read_csv(&last);
    let mut partial = String::from("mentee_id,mentee_name,mentor_id\n");
    for r in rows {
        partial.push_str(&format!("{},Nama,{}\n", r[0], r[3]));
    }
    let partial = write(dir, "partial.csv", &partial);
    let stderr = refused(
        &people,
        &dir.join("partial"),
        &["--previous", text(&partial)],
    );
    assert!(
        stderr.contains("missing column \"mentor_name\""),
        "{stderr}"
    );
}

/// `--continuity-bonus -0.05` (a negative value without `=`) is the setting as written: the
/// same roster as `--continuity-bonus=-0.05`, and a lower bonus keeps no more pairs.
#[test]
fn a_negative_continuity_bonus_is_written_without_an_equals_sign() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let people = cohort(dir);
    ok(&people, &dir.join("y1"), &["--weight-unit", "-0.5"]);
    let last = keep_roster(&dir.join("y1"), dir, "roster-2025.csv");
    let kept = |bonus: &str, equals: bool| {
        let out = dir.join(format!("bonus{bonus}{equals}"));
        let flag = format!("--continuity-bonus={bonus}");
        let args: Vec<&str> = if equals {
            vec!["--previous", text(&last), &flag]
        } else {
            vec!["--previous", text(&last), "--continuity-bonus", bonus]
        };
        ok(&people, &out, &args);
        let s = summary(&out);
        assert_eq!(
            s["settings"]["continuity_bonus"].as_f64(),
            Some(bonus.parse::<f64>().unwrap())
        );
        (
            pairs(&out),
            s["rules"]["continuity"]["kept"].as_u64().unwrap(),
        )
    };
    let (plain, k_plain) = kept("-0.05", false);
    let (equals, k_equals) = kept("-0.05", true);
    assert_eq!((plain, k_plain), (equals, k_equals));
    let (_, k_up) = kept("0.05", false);
    let (_, k_down) = kept("-1", false);
    assert!(
        k_down <= k_plain && k_plain <= k_up,
        "{k_down} {k_plain} {k_up}"
    );
    assert!(
        k_down < k_up,
        "a bonus of -1 keeps fewer pairs than one of 0.05"
    );
}
