//! The planner's guide (`docs/panduan.md`) runs as written: every `bimbing ...` command of
//! its code blocks is run, in order, with the real binary in a fresh folder holding a copy
//! of `data/`, and must end with the exit code the guide gives (`# kode keluar N` after the
//! command, else 0). Each line of a `text` block that follows a command block (but `…`) must
//! be a line of what the block's last command printed. A renamed flag, a changed message or
//! an example file that no longer gives the figures shown fails here.

use std::path::Path;

use crate::util::bimbing;

/// One command of the guide: its words, the exit code it expects, and the output lines the
/// guide shows after it.
struct Step {
    words: Vec<String>,
    code: i32,
    shown: Vec<String>,
}

/// Splits a command line into words: spaces separate, double quotes group.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    assert!(!quoted, "an unclosed quote in {line:?}");
    if any {
        words.push(word);
    }
    words
}

/// The guide's commands, in order.
fn steps(guide: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut lines = guide.lines();
    let mut last_was_commands = false;
    while let Some(line) = lines.next() {
        let Some(lang) = line.strip_prefix("```") else {
            if !line.trim().is_empty() {
                last_was_commands = false;
            }
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        match lang.trim() {
            "sh" | "bat" | "powershell" => {
                let mut found = false;
                for raw in &body {
                    let (command, code) = match raw.split_once("# kode keluar ") {
                        Some((command, code)) => (command, code.trim().parse().unwrap()),
                        None => (*raw, 0),
                    };
                    let mut words = split_words(command.trim());
                    let program = words.first().map(String::as_str);
                    if !matches!(program, Some("bimbing" | "bimbing.exe" | ".\\bimbing.exe")) {
                        continue;
                    }
                    if program != Some("bimbing") {
                        // The Windows form: the same command with `\` in its paths.
                        words = words.iter().map(|w| w.replace('\\', "/")).collect();
                    }
                    words.remove(0);
                    steps.push(Step {
                        words,
                        code,
                        shown: Vec::new(),
                    });
                    found = true;
                }
                last_was_commands = found;
            }
            "text" if last_was_commands => {
                let step = steps.last_mut().unwrap();
                step.shown = body
                    .iter()
                    .filter(|l| l.trim() != "…")
                    .map(|l| l.to_string())
                    .collect();
                last_was_commands = false;
            }
            _ => last_was_commands = false,
        }
    }
    steps
}

/// Copies a folder recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_command_of_the_guide_runs_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/panduan.md")).unwrap();
    let steps = steps(&guide);
    assert!(steps.len() >= 12, "only {} commands found", steps.len());
    for sub in ["match", "compare", "explain", "diff"] {
        assert!(
            steps.iter().any(|s| s.words[0] == sub),
            "the guide shows no `bimbing {sub}`"
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root.join("data/contoh"), &tmp.path().join("data/contoh"));
    for step in &steps {
        let output = bimbing()
            .args(&step.words)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let command = step.words.join(" ");
        assert_eq!(
            output.status.code(),
            Some(step.code),
            "bimbing {command}\n{stdout}\n{stderr}"
        );
        let printed: Vec<&str> = stdout
            .lines()
            .chain(stderr.lines())
            .map(str::trim_end)
            .collect();
        for line in &step.shown {
            assert!(
                printed.contains(&line.trim_end()),
                "bimbing {command}: the guide shows\n{line}\nbut it printed\n{stdout}\n{stderr}"
            );
        }
    }
    // The folders the guide describes are there.
    for path in [
        "putaran-2026/roster.csv",
        "putaran-2026/summary.json",
        "putaran-2026/report.xlsx",
        "putaran-2026/report.html",
        "putaran-2026/surat/index.html",
        "banding/dasar/roster.csv",
        "putaran-2027/roster.csv",
    ] {
        assert!(tmp.path().join(path).is_file(), "{path} not written");
    }
}

/// The extraction itself: a command with a renamed flag is refused by the CLI, so the test
/// above cannot pass over it; quotes group words; the exit code comes from the comment.
#[test]
fn the_extraction_finds_commands_codes_and_output() {
    let guide = "```sh\ncargo build --release\nbimbing diff \"a b/roster.csv\" c.csv  # kode keluar 2\n```\n\n```text\nline one\n…\n```\n\n```bat\nbimbing.exe match --staff data\\contoh\\x.xlsx --out o\n```\n";
    let found = steps(guide);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].words, ["diff", "a b/roster.csv", "c.csv"]);
    assert_eq!(found[0].code, 2);
    assert_eq!(found[0].shown, ["line one"]);
    assert_eq!(found[1].words[2], "data/contoh/x.xlsx");
    let renamed = bimbing()
        .args(["match", "--staf", "x.xlsx", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(
        renamed.status.code(),
        Some(2),
        "clap refuses an unknown flag"
    );
}
