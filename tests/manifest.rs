//! `--force` replaces only what bimbing wrote: the manifest of each folder lists the files
//! bimbing wrote with their SHA-256, and a file of the user's (or one they changed) is never
//! replaced or removed, whatever the sequence of runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{bimbing, fixture, shipped, write};

/// `bimbing match` on the small fixture into `out`, with `extra` flags.
fn run(out: &Path, extra: &[&str]) -> std::process::Output {
    let dir = fixture("small");
    bimbing()
        .arg("match")
        .arg("--mentors")
        .arg(dir.join("mentors.csv"))
        .arg("--mentees")
        .arg(dir.join("mentees.csv"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn force_refuses_a_users_file_with_a_results_name() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mine = write(&out, "summary.json", "{\"my\": \"notes\"}");
    let o = run(&out, &["--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("summary.json: exists, and bimbing did not write it"));
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "{\"my\": \"notes\"}"
    );
    assert!(!out.join("roster.csv").exists(), "nothing written");
}

#[test]
fn force_replaces_bimbings_own_files_but_not_changed_or_added_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(run(&out, &[]).status.success());
    assert!(out.join(".bimbing-manifest.json").is_file());
    // Its own files are replaced.
    assert!(run(&out, &["--force"]).status.success());
    // A robustness.csv of the user's (a name bimbing writes only with --perturb) is refused.
    let added = write(&out, "robustness.csv", "mine");
    let o = run(&out, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("robustness.csv"));
    assert_eq!(std::fs::read_to_string(&added).unwrap(), "mine");
    std::fs::remove_file(&added).unwrap();
    // A roster the planner edited is no longer bimbing's.
    let roster = out.join("roster.csv");
    let mut text = std::fs::read_to_string(&roster).unwrap();
    text.push('\n');
    std::fs::write(&roster, &text).unwrap();
    let o = run(&out, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("roster.csv: exists, and bimbing did not write it"));
    assert_eq!(std::fs::read_to_string(&roster).unwrap(), text);
}

#[test]
fn a_manifest_that_is_not_bimbings_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let fake = write(&out, ".bimbing-manifest.json", "my own notes");
    let o = run(&out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not bimbing's manifest"));
    assert_eq!(std::fs::read_to_string(&fake).unwrap(), "my own notes");
}

#[test]
fn two_exports_to_one_path_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("report");
    let o = run(
        &tmp.path().join("out"),
        &["--xlsx", p.to_str().unwrap(), "--html", p.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this run writes that file itself"),
        "{}",
        stderr(&o)
    );
    assert!(!p.exists());
    let o = bimbing()
        .arg("compare")
        .arg(fixture("small").join("scenarios.toml"))
        .arg("--out")
        .arg(tmp.path().join("cmp"))
        .args(["--export-csv", p.to_str().unwrap()])
        .args(["--export-json", p.to_str().unwrap()])
        .arg("-q")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!p.exists());
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Every regular file below `dir` with its content.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// Random sequences of runs (match and compare, with and without --force, with and without
/// exports into the folder) into one folder, with the user's own files dropped in at random
/// moments under the names bimbing writes and others: no file of the user's is ever changed
/// or removed, and no temporary file is left.
#[test]
fn random_runs_never_touch_a_users_file() {
    let names = [
        "roster.csv",
        "summary.json",
        "unmatched.csv",
        "mentor_load.csv",
        "advice.csv",
        "advice_units.csv",
        "blocking_pairs.csv",
        "robustness.csv",
        "report.xlsx",
        "report.html",
        "comparison.csv",
        "notes.txt",
        ".bimbing-manifest.json",
    ];
    let scenarios = fixture("small").join("scenarios.toml");
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut runs = 0;
    let mut refused = 0;
    for sequence in 0..12 {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let mut users: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
        for step in 0..5 {
            if rng.below(3) == 0 {
                // The user drops a file of their own in the folder (or in a scenario's).
                let name = names[rng.below(names.len() as u64) as usize];
                let dir = if rng.below(3) == 0 {
                    out.join("baseline")
                } else {
                    out.clone()
                };
                let path = dir.join(name);
                if !path.exists() {
                    std::fs::create_dir_all(&dir).unwrap();
                    let text = format!("user file {sequence}.{step}").into_bytes();
                    std::fs::write(&path, &text).unwrap();
                    users.insert(path, text);
                }
            }
            let force = rng.below(2) == 0;
            let mut args: Vec<String> = Vec::new();
            let compare = rng.below(3) == 0;
            if rng.below(2) == 0 {
                let export = out.join(["report.xlsx", "report.html"][rng.below(2) as usize]);
                let flag = if export.extension().unwrap() == "xlsx" {
                    "--xlsx"
                } else {
                    "--html"
                };
                args.push(flag.into());
                args.push(export.display().to_string());
            }
            if force {
                args.push("--force".into());
            }
            let o = if compare {
                bimbing()
                    .arg("compare")
                    .arg(&scenarios)
                    .arg("--out")
                    .arg(&out)
                    .arg("-q")
                    .args(&args)
                    .output()
                    .unwrap()
            } else {
                if rng.below(2) == 0 {
                    args.push("--no-advice".into());
                }
                let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                run(&out, &refs)
            };
            runs += 1;
            let code = o.status.code();
            assert!(
                matches!(code, Some(0) | Some(1) | Some(2)),
                "sequence {sequence} step {step}: {code:?} {}",
                stderr(&o)
            );
            refused += usize::from(code == Some(2));
            let now = files(tmp.path());
            for (path, text) in &users {
                assert_eq!(
                    now.get(path),
                    Some(text),
                    "sequence {sequence} step {step}: the user's {} changed or went ({})",
                    path.display(),
                    stderr(&o)
                );
            }
            assert!(
                now.keys().all(|p| !p.to_string_lossy().ends_with(".tmp")),
                "a temporary file is left"
            );
        }
    }
    assert!(
        runs == 60 && refused > 5 && refused < runs - 10,
        "{refused} of {runs} refused"
    );
}

#[test]
fn the_shipped_compare_writes_a_manifest_per_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let o = bimbing()
        .arg("compare")
        .arg(shipped("medan/scenarios.toml"))
        .arg("--out")
        .arg(&out)
        .args(["-q", "--reproducible"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let root: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".bimbing-manifest.json")).unwrap())
            .unwrap();
    let listed: Vec<&str> = root["files"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        listed,
        ["comparison.csv", "comparison.json", "comparison.md"]
    );
    for entry in std::fs::read_dir(&out).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            let m: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join(".bimbing-manifest.json")).unwrap())
                    .unwrap();
            for (name, hash) in m["files"].as_object().unwrap() {
                let bytes = std::fs::read(dir.join(name)).unwrap();
                use sha2::Digest;
                let real: String = sha2::Sha256::digest(&bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                assert_eq!(hash.as_str().unwrap(), real, "{}", dir.join(name).display());
            }
        }
    }
}

#[test]
fn compare_force_removes_the_folders_of_scenarios_that_are_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let small = fixture("small");
    let file = |name: &str, body: &str| {
        write(
            tmp.path(),
            name,
            &format!(
                "mentors = {:?}\nmentees = {:?}\n{body}",
                small.join("mentors.csv"),
                small.join("mentees.csv")
            ),
        )
    };
    let three = file(
        "three.toml",
        "[[scenario]]\nname = \"baseline\"\n[[scenario]]\nname = \"lintas\"\nweights = { unit = -1.0 }\n[[scenario]]\nname = \"kapasitas\"\ncapacity = 1\n",
    );
    let one = file("one.toml", "[[scenario]]\nname = \"baseline\"\n");
    let out = tmp.path().join("cmp");
    let compare = |f: &Path| {
        bimbing()
            .arg("compare")
            .arg(f)
            .arg("--out")
            .arg(&out)
            .args(["-q", "--force"])
            .output()
            .unwrap()
    };
    assert!(compare(&three).status.success());
    let mine = write(&out.join("kapasitas"), "catatan.txt", "my notes");
    let o = compare(&one);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("baseline/roster.csv").is_file());
    assert!(
        !out.join("lintas").exists(),
        "a gone scenario's folder is removed"
    );
    // The folder holding a file of the user's stays, with only that file.
    let left: Vec<String> = std::fs::read_dir(out.join("kapasitas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["catatan.txt"]);
    assert_eq!(std::fs::read_to_string(mine).unwrap(), "my notes");
}
