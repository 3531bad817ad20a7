//! Nothing lost, nothing left behind: exports never replace what is not a regular file, and
//! an interrupted run leaves no temporary file.

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
