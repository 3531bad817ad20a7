//! Nothing lost, nothing left behind, nothing silent: exports never replace what is not a
//! regular file, an interrupted run leaves no temporary file, and a previous roster of
//! another cohort is not taken without a word.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{bimbing, shipped};

/// Every file below `dir` whose name ends in `.tmp`.
fn temporaries(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name().to_string_lossy().ends_with(".tmp") {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn exports_refuse_fifos_devices_folders_and_links() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("report.html");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let folder = tmp.path().join("a-folder.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let target = tmp.path().join("mine.txt");
    std::fs::write(&target, "the user's own file").unwrap();
    let link = tmp.path().join("link.html");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    for (flag, path, what) in [
        ("--html", fifo.as_path(), "not a regular file"),
        ("--xlsx", Path::new("/dev/null"), "not a regular file"),
        ("--xlsx", folder.as_path(), "a folder"),
        ("--html", link.as_path(), "a symbolic link"),
    ] {
        let out = bimbing()
            .args(["match", "--mentors"])
            .arg(shipped("example/mentors.csv"))
            .arg("--mentees")
            .arg(shipped("example/mentees.csv"))
            .arg("--out")
            .arg(tmp.path().join("out"))
            .arg(flag)
            .arg(path)
            .arg("--force")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{flag} {}: {stderr}",
            path.display()
        );
        assert!(stderr.contains(what), "{stderr}");
    }
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(meta.file_type().is_fifo(), "the FIFO is still a FIFO");
    assert!(std::fs::symlink_metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the user's own file"
    );
    assert!(temporaries(tmp.path()).is_empty());
}

/// A small deterministic sequence of delays in `0..limit` milliseconds.
fn delays(seed: u64, count: usize, limit: u64) -> Vec<u64> {
    let mut x = seed;
    (0..count)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % limit
        })
        .collect()
}

/// Starts `args`, sends `signal` after `delay`, and checks that the run either finished
/// (exit 0) or stopped with 130, leaving no temporary file in `dir`.
#[cfg(unix)]
fn interrupt(args: &[&str], dir: &Path, signal: &str, delay: Duration) -> Option<i32> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bimbing"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status();
    let started = Instant::now();
    let status = child.wait().unwrap();
    assert!(started.elapsed() < Duration::from_secs(60));
    let code = status.code();
    assert!(
        matches!(code, Some(0) | Some(130)),
        "{args:?} with {signal} after {delay:?}: {status:?}"
    );
    let left = temporaries(dir);
    assert!(left.is_empty(), "{signal} after {delay:?} left {left:?}");
    code
}

#[cfg(unix)]
#[test]
fn interrupted_runs_leave_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let mut stopped = 0;
    let mut runs = 0;
    // generate writes ~50 MB for the national preset: signals land while it writes
    for (n, delay) in delays(7, 8, 600).into_iter().enumerate() {
        let out = tmp.path().join(format!("gen{n}"));
        let out_s = out.to_str().unwrap();
        let signal = if n % 2 == 0 { "-INT" } else { "-TERM" };
        let code = interrupt(
            &[
                "generate", "--preset", "national", "--seed", "3", "--out", out_s,
            ],
            tmp.path(),
            signal,
            Duration::from_millis(delay),
        );
        runs += 1;
        stopped += usize::from(code == Some(130));
        if code == Some(130) {
            // nothing half-written under the final names either
            for name in ["mentors.csv", "mentees.csv"] {
                let path = out.join(name);
                if path.exists() {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert!(text.ends_with('\n'), "{name} is complete");
                }
            }
        }
    }
    // a match of data/medan with its exports: signals land while it solves or writes
    let mentors = shipped("medan/mentors.csv");
    let mentees = shipped("medan/mentees.csv");
    for (n, delay) in delays(11, 6, 1500).into_iter().enumerate() {
        let out = tmp.path().join(format!("match{n}"));
        let xlsx = tmp.path().join(format!("match{n}.xlsx"));
        let signal = if n % 2 == 0 { "-TERM" } else { "-INT" };
        let code = interrupt(
            &[
                "match",
                "--mentors",
                mentors.to_str().unwrap(),
                "--mentees",
                mentees.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--xlsx",
                xlsx.to_str().unwrap(),
            ],
            tmp.path(),
            signal,
            Duration::from_millis(delay),
        );
        runs += 1;
        stopped += usize::from(code == Some(130));
    }
    assert!(
        stopped > 0,
        "no run of {runs} was interrupted: the test saw no signal land"
    );
}

/// A rule that names a unit nobody of the cohort is in is refused (exit 2), naming the unit,
/// for every rule that takes unit names, in a settings file and in a scenario file.
#[test]
fn unit_names_in_rules_must_be_units_of_the_cohort() {
    let tmp = tempfile::tempdir().unwrap();
    let (m, e) = (
        shipped("example/mentors.csv"),
        shipped("example/mentees.csv"),
    );
    let cases = [
        (
            "same_unit_only = [\"Dinas Kesehatan\", \"No Such Unit\"]\n",
            "same_unit_only",
        ),
        (
            "cross_unit_only = [\"Dinas Kesehatn\"]\n",
            "cross_unit_only",
        ),
        (
            "[max_cross_unit_share]\n\"dinas kesehatan \" = 0.3\n\"No Such Unit\" = 0.2\n",
            "max_cross_unit_share",
        ),
        (
            "[min_same_unit_share]\n\"No Such Unit\" = 0.5\n",
            "min_same_unit_share",
        ),
    ];
    for (k, (toml, rule)) in cases.iter().enumerate() {
        let settings = crate::util::write(tmp.path(), &format!("s{k}.toml"), toml);
        let out = tmp.path().join(format!("out{k}"));
        let o = bimbing()
            .arg("match")
            .arg("--mentors")
            .arg(&m)
            .arg("--mentees")
            .arg(&e)
            .arg("--settings")
            .arg(&settings)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{toml}: {err}");
        assert!(
            err.contains(rule) && err.contains("no mentor or mentee"),
            "{err}"
        );
        assert!(
            err.contains("Dinas Kesehatn") || err.contains("No Such Unit"),
            "{err}"
        );
        assert!(!out.exists());
    }
    // A unit written in another case and with spaces is the same unit: accepted.
    let fine = crate::util::write(
        tmp.path(),
        "fine.toml",
        "same_unit_only = [\"  DINAS KESEHATAN \"]\n",
    );
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&m)
        .arg("--mentees")
        .arg(&e)
        .arg("--settings")
        .arg(&fine)
        .arg("--out")
        .arg(tmp.path().join("fine"))
        .assert()
        .success();
    // In a scenario file, the whole comparison is refused before any work.
    let scenarios = crate::util::write(
        tmp.path(),
        "c.toml",
        &format!(
            "mentors = {m:?}\nmentees = {e:?}\n[[scenario]]\nname = \"a\"\n[[scenario]]\nname = \"b\"\nsame_unit_only = [\"No Such Unit\"]\n"
        ),
    );
    let o = bimbing()
        .arg("compare")
        .arg(&scenarios)
        .arg("--out")
        .arg(tmp.path().join("cmp"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("scenario \"b\": same_unit_only"));
    assert!(!tmp.path().join("cmp").exists());
}

/// Names and units holding terminal escape sequences never reach the terminal raw: every
/// line bimbing prints (the summary, the advice list, explain, compare's table, errors) is
/// escaped, while the files keep the text as written.
#[test]
fn terminal_lines_escape_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let esc = "\u{1b}[2J\u{1b}]0;owned\u{7}";
    let mentors = crate::util::write(
        tmp.path(),
        "mentors.csv",
        &format!(
            "id,name,unit,grade,capacity,k:komunikasi\nM1,Mentor{esc},Dinas{esc} Sosial,IV/a,1,5\nM2,Mentor Dua,Bappeda,IV/b,1,4\n"
        ),
    );
    let mentees = crate::util::write(
        tmp.path(),
        "mentees.csv",
        &format!(
            "id,name,unit,grade,k:komunikasi,target:komunikasi\nE1,Peserta{esc},Dinas{esc} Sosial,II/a,1,5\nE2,Peserta Dua,Bappeda,II/b,2,5\nE3,Peserta Tiga,Bappeda,II/b,2,5\n"
        ),
    );
    let out = tmp.path().join("out");
    let o = bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&mentors)
        .arg("--mentees")
        .arg(&mentees)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("Dinas\\u{1b}[2J"), "{stdout}");
    // The files keep the names as HR wrote them.
    let roster = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    assert!(roster.contains(esc));
    let (code, text, err) = crate::util::explain(&out, "E1", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("\\u{1b}"), "{text}");
    // An error naming a unit with control characters escapes them too.
    let settings = crate::util::write(
        tmp.path(),
        "s.toml",
        "same_unit_only = [\"Dinas\\u001b[31m Merah\"]\n",
    );
    let o = bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(&mentors)
        .arg("--mentees")
        .arg(&mentees)
        .arg("--settings")
        .arg(&settings)
        .arg("--out")
        .arg(tmp.path().join("o2"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !o.stderr.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A previous roster in the columns `read_roster` needs, one `(mentee, mentor)` per row.
fn previous_roster(dir: &Path, name: &str, rows: &[(&str, &str)]) -> std::path::PathBuf {
    let mut text = String::from("mentee_id,mentee_name,mentor_id,mentor_name,score\n");
    for (mentee, mentor) in rows {
        let score = if mentor.is_empty() { "" } else { "0.500000" };
        text.push_str(&format!(
            "{mentee},Nama {mentee},{mentor},Nama {mentor},{score}\n"
        ));
    }
    crate::util::write(dir, name, &text)
}

/// `match` on the rules' base cohort (E1-E4, M1-M3) with `--previous`: (code, stderr).
fn match_with_previous(previous: &Path, out: &Path) -> (i32, String) {
    let base = crate::util::fixture("rules").join("base");
    let o = crate::util::run_match(
        &base.join("mentors.csv"),
        &base.join("mentees.csv"),
        out,
        &["--previous".as_ref(), previous.as_os_str()],
    )
    .get_output()
    .clone();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

/// A previous roster whose pairs all name people of another cohort is refused (exit 2,
/// naming the file, nothing written), and so is one without a pair; one whose ids are mostly
/// not in the cohort is used with a warning on stderr naming the counts (never an id or a
/// name), even with --quiet; a year's turnover (a third of the mentees gone) passes quietly.
#[test]
fn a_previous_roster_of_another_cohort_is_not_taken_silently() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    // the fixture: E1-M2, E2-M1, E3-M3, E4-M2, and E8, E9 of no cohort here
    let (code, stderr) = match_with_previous(
        &crate::util::fixture("rules")
            .join("base")
            .join("previous.csv"),
        &dir.join("own"),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "no warning: {stderr}");

    // one pair of this cohort (E1-M2), four mentees and a mentor of another
    let mostly = previous_roster(
        dir,
        "mostly.csv",
        &[
            ("E1", "M2"),
            ("X1", "Y1"),
            ("X2", "Y1"),
            ("X3", "M2"),
            ("X4", ""),
        ],
    );
    let out = dir.join("mostly");
    let (code, stderr) = match_with_previous(&mostly, &out);
    assert_eq!(code, 0, "{stderr}");
    let want = format!(
        "bimbing: warning: {}: 4 of its 5 mentee ids and 1 of its 2 mentor ids are not in this \
         cohort (a roster of another cohort?): only 1 of its 4 pairs can earn the continuity \
         bonus",
        mostly.display()
    );
    assert!(stderr.contains(&want), "{stderr}");
    for id in ["X1", "Y1", "Nama"] {
        assert!(
            !stderr.contains(id),
            "no id or name on the terminal: {stderr}"
        );
    }
    let c = &crate::util::summary(&out)["rules"]["continuity"];
    assert_eq!(c["previous_pairs"], 1, "{c}");

    // another cohort's roster: refused before anything is written
    let other = previous_roster(
        dir,
        "other.csv",
        &[("X1", "Y1"), ("X2", "Y2"), ("E1", "Y1"), ("X3", "")],
    );
    let out = dir.join("other");
    let (code, stderr) = match_with_previous(&other, &out);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: none of the previous roster's 3 pairs has both its mentee and its mentor in \
             this cohort (3 of its 4 mentee ids and 2 of its 2 mentor ids are not in this \
             cohort)",
            other.display()
        )),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");

    // a roster without a pair
    let empty = previous_roster(dir, "empty.csv", &[("E1", ""), ("E2", "")]);
    let (code, stderr) = match_with_previous(&empty, &dir.join("empty"));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("empty.csv: the previous roster holds no pair"),
        "{stderr}"
    );

    // compare refuses it before any work, naming the scenario
    let base = crate::util::fixture("rules").join("base");
    let scenarios = crate::util::write(
        dir,
        "scenarios.toml",
        &format!(
            "mentors = {:?}\nmentees = {:?}\n\n[[scenario]]\nname = \"plain\"\n\n\
             [[scenario]]\nname = \"kept\"\nprevious = \"other.csv\"\n",
            base.join("mentors.csv").to_str().unwrap(),
            base.join("mentees.csv").to_str().unwrap()
        ),
    );
    let out = dir.join("cmp");
    let o = bimbing()
        .args(["compare", "--quiet", "--out"])
        .arg(&out)
        .arg(&scenarios)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("other.csv: scenario \"kept\": none of the previous roster's 3 pairs"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

/// The `unmatched` line of `match`'s terminal summary: (count, [(count, reason)]).
fn unmatched_line(stdout: &str) -> (usize, Vec<(usize, String)>) {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("unmatched   "))
        .unwrap_or_else(|| panic!("no unmatched line: {stdout}"));
    let (total, parts) = line.split_once(": ").unwrap();
    let parts = parts
        .split(", ")
        .map(|p| {
            let (n, reason) = p.split_once(' ').unwrap();
            (n.parse().unwrap(), reason.to_string())
        })
        .collect();
    (total.parse().unwrap(), parts)
}

/// Under unit shares the terminal's unmatched line counts every unmatched mentee under its
/// reason: the mentees held back by the share rule (and those the rules cannot all match)
/// are in it, and each reason's count is the number of roster.csv rows giving it.
#[test]
fn the_unmatched_line_accounts_for_every_unmatched_mentee() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let run = |mentors: &Path, mentees: &Path, name: &str, extra: &[&str]| {
        let out = dir.join(name);
        let o = bimbing()
            .arg("match")
            .arg("--mentors")
            .arg(mentors)
            .arg("--mentees")
            .arg(mentees)
            .arg("--out")
            .arg(&out)
            .args(["--no-advice", "--reproducible"])
            .args(extra)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let (_, rows) = crate::util::read_csv(&out.join("roster.csv"));
        let reasons: Vec<String> = rows
            .iter()
            .filter(|r| r[3].is_empty())
            .map(|r| r[12].clone())
            .collect();
        (stdout, reasons)
    };
    // the words of the line for each reason of roster.csv
    let words = |reason: &str| match reason {
        "no eligible mentor" => "with no eligible mentor at all",
        "every eligible mentor full" => "whose eligible mentors are all full",
        "held back by the unit share rule" => "held back by the unit share rule",
        "the rules cannot all hold" => "left out because the rules cannot all hold",
        other => panic!("unknown reason {other:?}"),
    };
    let check = |name: &str, stdout: &str, reasons: &[String]| {
        let (total, parts) = unmatched_line(stdout);
        assert_eq!(total, reasons.len(), "{name}: {stdout}");
        assert_eq!(
            parts.iter().map(|(n, _)| n).sum::<usize>(),
            total,
            "{name}: the reasons add up: {stdout}"
        );
        for (n, said) in &parts {
            let rows = reasons.iter().filter(|r| words(r) == said).count();
            assert_eq!(*n, rows, "{name}: {said}: {stdout}");
        }
        parts
    };

    // rules/shares under at most 0.3 crossing: F1-S2; F2 and F3 held back (S1 has room)
    let shares = crate::util::fixture("rules").join("shares");
    let (m, e) = (shares.join("mentors.csv"), shares.join("mentees.csv"));
    let (stdout, reasons) = run(&m, &e, "shares", &["--max-cross-unit-share", "0.3"]);
    assert!(
        stdout.contains(
            "unmatched   2: 0 with no eligible mentor at all, 0 whose eligible mentors are all full, 2 held back by the unit share rule\n"
        ),
        "{stdout}"
    );
    check("shares", &stdout, &reasons);
    // locks that break the share: the rules cannot all hold, F3 is left out
    let pairs = shares.join("pairs_infeasible.csv");
    let (stdout, reasons) = run(
        &m,
        &e,
        "infeasible",
        &[
            "--max-cross-unit-share",
            "0.5",
            "--pairs",
            pairs.to_str().unwrap(),
        ],
    );
    assert!(
        stdout.contains("unmatched   1: 0 with no eligible mentor at all, 0 whose eligible mentors are all full, 1 left out because the rules cannot all hold\n"),
        "{stdout}"
    );
    check("infeasible", &stdout, &reasons);

    // a generated cohort under one share and under a share table
    bimbing()
        .args([
            "generate",
            "--mentees",
            "60",
            "--mentors",
            "15",
            "--seed",
            "3",
            "--out",
        ])
        .arg(dir.join("cohort"))
        .assert()
        .success();
    let (m, e) = (
        dir.join("cohort/mentors.csv"),
        dir.join("cohort/mentees.csv"),
    );
    let table = crate::util::write(
        dir,
        "table.toml",
        "capacity = 2\n[max_cross_unit_share]\n\"Dinas Kesehatan\" = 0.1\n\"Dinas Pendidikan dan Kebudayaan\" = 0.2\n",
    );
    let (stdout, reasons) = run(
        &m,
        &e,
        "one",
        &["--max-cross-unit-share", "0.3", "--capacity", "2"],
    );
    let parts = check("one share", &stdout, &reasons);
    assert!(
        parts
            .iter()
            .any(|(n, r)| *n > 0 && r == "held back by the unit share rule"),
        "the share holds mentees back here: {stdout}"
    );
    let (stdout, reasons) = run(&m, &e, "table", &["--settings", table.to_str().unwrap()]);
    check("share table", &stdout, &reasons);
    // without rules the line is as it was
    let (stdout, reasons) = run(&m, &e, "plain", &["--capacity", "2"]);
    assert_eq!(check("plain", &stdout, &reasons).len(), 2, "{stdout}");
}
