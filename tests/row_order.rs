//! The order of the input rows changes nothing: the same cohort with its rows shuffled (the
//! header kept) gives the same outputs, to the last digit, under the plain match, the
//! planner's rules, scopes with pricing, and a comparison of scenarios with moved weights.
//!
//! Files whose rows follow the input files (`roster.csv` in mentee order, `mentor_load.csv`
//! and `advice.csv` in mentor order, `unmatched.csv`, `blocking_pairs.csv`,
//! `robustness.csv`, and the workbook's sheets) must hold the same rows, byte for byte, in
//! the shuffled order; every other file must be byte-identical, except the inputs' SHA-256 in
//! `summary.json` (and the manifests, which hash the files).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_from_rs, Reader, Xlsx};

use crate::util::{bimbing, shipped};

/// Files whose rows are in the order of an input file.
const INPUT_ORDERED: [&str; 6] = [
    "roster.csv",
    "mentor_load.csv",
    "advice.csv",
    "unmatched.csv",
    "blocking_pairs.csv",
    "robustness.csv",
];

/// A deterministic permutation of `0..n` (Fisher-Yates on a 64-bit LCG).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut x = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    for i in (1..n).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((x >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Copies the CSV file `from` to `to` with its data rows in a shuffled order (the header
/// first, every record whole: quoted fields with commas or newlines stay one field).
fn shuffle_csv(from: &Path, to: &Path, seed: u64) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(from)
        .unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let (header, rows) = records.split_first().unwrap();
    let order = permutation(rows.len(), seed);
    assert!(
        order.iter().enumerate().any(|(k, &i)| k != i),
        "the rows are moved"
    );
    let mut writer = csv::Writer::from_path(to).unwrap();
    writer.write_record(header).unwrap();
    for i in order {
        writer.write_record(&rows[i]).unwrap();
    }
    writer.flush().unwrap();
}

/// Every file below `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                found.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// The header line and the other lines sorted: the rows of a file whatever their order.
fn sorted_lines(bytes: &[u8]) -> (String, Vec<String>) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut lines = text.lines().map(str::to_string);
    let header = lines.next().unwrap_or_default();
    let mut rest: Vec<String> = lines.collect();
    rest.sort();
    (header, rest)
}

/// `summary.json` without the inputs' hashes (the shuffled files are other bytes).
fn summary_without_hashes(bytes: &[u8]) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    for file in ["mentors", "mentees"] {
        let input = value["inputs"][file].as_object_mut().unwrap();
        assert!(input.remove("sha256").is_some());
    }
    // The rule files, when there are any, are shuffled as well.
    for file in ["pairs", "previous"] {
        if let Some(input) = value["inputs"][file].as_object_mut() {
            assert!(input.remove("sha256").is_some());
        }
    }
    // roster.csv is in mentee input order: its hash differs as its line order does (its
    // lines are compared sorted).
    let roster = value["outputs"]["roster"].as_object_mut().unwrap();
    assert!(roster.remove("sha256").is_some());
    value
}

/// The rows of every sheet of a workbook, sorted, with SHA-256 cells blanked.
fn workbook_rows(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let mut rows: Vec<String> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| {
                        let text = cell.to_string();
                        let hash = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
                        if hash {
                            "<sha256>".to_string()
                        } else {
                            text
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\u{1f}")
            })
            .collect();
        rows.sort();
        sheets.push((name, rows));
    }
    sheets
}

/// Checks that the outputs of the run in `a` and in `b` are the same (see the module docs).
fn assert_same_outputs(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let mut compared = 0;
    for (rel, bytes_a) in &fa {
        let bytes_b = &fb[rel];
        let name = rel.file_name().unwrap().to_string_lossy().into_owned();
        let what = rel.display();
        if rel.starts_with("in") || name == ".bimbing-manifest.json" {
            continue; // the inputs themselves, and the manifests that hash the outputs
        }
        if INPUT_ORDERED.contains(&name.as_str()) {
            assert_eq!(sorted_lines(bytes_a), sorted_lines(bytes_b), "{what}");
        } else if name == "summary.json" {
            assert_eq!(
                summary_without_hashes(bytes_a),
                summary_without_hashes(bytes_b),
                "{what}"
            );
        } else if name.ends_with(".xlsx") {
            assert_eq!(workbook_rows(bytes_a), workbook_rows(bytes_b), "{what}");
        } else {
            assert!(bytes_a == bytes_b, "{what} differs");
        }
        compared += 1;
    }
    assert!(compared >= 7, "{compared} files compared");
}

/// Runs `bimbing` with `args` in `dir` (paths relative to it), which must succeed.
fn run_in(dir: &Path, args: &[&str]) {
    bimbing().current_dir(dir).args(args).assert().success();
}

/// Makes `a/` and `b/` under `root`: the same `mentors.csv` and `mentees.csv`, in `b` with
/// their rows shuffled.
fn two_orders(root: &Path, mentors: &Path, mentees: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (root.join("a"), root.join("b"));
    for dir in [&a, &b] {
        std::fs::create_dir_all(dir.join("in")).unwrap();
    }
    std::fs::copy(mentors, a.join("in/mentors.csv")).unwrap();
    std::fs::copy(mentees, a.join("in/mentees.csv")).unwrap();
    shuffle_csv(mentors, &b.join("in/mentors.csv"), 1);
    shuffle_csv(mentees, &b.join("in/mentees.csv"), 2);
    (a, b)
}

/// `bimbing match` on the files of [`two_orders`].
const MATCH: [&str; 7] = [
    "match",
    "--mentors",
    "in/mentors.csv",
    "--mentees",
    "in/mentees.csv",
    "--reproducible",
    "--quiet",
];

#[test]
fn shuffled_rows_give_the_same_match() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_orders(
        tmp.path(),
        &shipped("medan/mentors.csv"),
        &shipped("medan/mentees.csv"),
    );
    for dir in [&a, &b] {
        let mut args = MATCH.to_vec();
        args.extend(["--out", "out", "--xlsx", "out.xlsx", "--html", "out.html"]);
        run_in(dir, &args);
    }
    assert_same_outputs(&a, &b);
}

#[test]
fn shuffled_rows_give_the_same_comparison() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_orders(
        tmp.path(),
        &shipped("medan/mentors.csv"),
        &shipped("medan/mentees.csv"),
    );
    // a sample of data/medan/scenarios.toml: weights, a negative weight, the grade gap,
    // the fair objective, minimums with an hour budget
    let scenarios = r#"
mentors = "in/mentors.csv"
mentees = "in/mentees.csv"

[[scenario]]
name = "baseline"

[[scenario]]
name = "lintas-bidang"
weights = { complementarity = 0.6, unit = -0.2, workload = 0.2 }

[[scenario]]
name = "merit"
min_grade_gap = 2

[[scenario]]
name = "adil"
objective = "fair"

[[scenario]]
name = "semua-mentor"
min_mentees = 1
hours_per_mentee = 2
max_hours = 6
"#;
    for dir in [&a, &b] {
        std::fs::write(dir.join("scenarios.toml"), scenarios).unwrap();
        run_in(
            dir,
            &[
                "compare",
                "scenarios.toml",
                "--out",
                "cmp",
                "--reproducible",
                "--quiet",
                "--export-json",
                "cmp.json",
                "--xlsx",
                "cmp.xlsx",
                "--html",
                "cmp.html",
            ],
        );
    }
    assert_same_outputs(&a, &b);
}

#[test]
fn shuffled_rows_give_the_same_rules_scopes_and_robustness() {
    let tmp = tempfile::tempdir().unwrap();
    // a small cohort for the rules (unit shares, locks, forbidden pairs, continuity) and
    // the moved weights, a national one for scopes and pricing
    let gen = tmp.path().join("gen");
    for (preset, mentees, mentors, dir, seed) in [
        ("custom", "300", "100", "small", "12"),
        ("national", "3000", "1000", "national", "11"),
    ] {
        let out = gen.join(dir);
        bimbing()
            .args(["generate", "--preset", preset, "--seed", seed])
            .args(["--mentees", mentees, "--mentors", mentors, "--out"])
            .arg(&out)
            .assert()
            .success();
    }

    // scopes, each priced: pairs are priced in above 100 per part
    let (a, b) = two_orders(
        &tmp.path().join("national"),
        &gen.join("national/mentors.csv"),
        &gen.join("national/mentees.csv"),
    );
    for dir in [&a, &b] {
        let mut args = MATCH.to_vec();
        args.extend(["--out", "out", "--same-scope-only"]);
        args.extend(["--price-above", "100", "--candidates", "5"]);
        run_in(dir, &args);
    }
    assert_same_outputs(&a, &b);

    // the rules: a pairs file and a previous roster drawn from the plain optimum, both
    // shuffled too
    let (a, b) = two_orders(
        &tmp.path().join("small"),
        &gen.join("small/mentors.csv"),
        &gen.join("small/mentees.csv"),
    );
    let mut args = MATCH.to_vec();
    args.extend(["--out", "plain", "--no-advice"]);
    run_in(&a, &args);
    let (_, rows) = crate::util::read_csv(&a.join("plain/roster.csv"));
    let matched: Vec<&Vec<String>> = rows.iter().filter(|r| !r[3].is_empty()).collect();
    let mut pairs = String::from("mentee_id,mentor_id,rule\n");
    pairs.push_str(&format!("{},{},lock\n", matched[0][0], matched[0][3]));
    for r in &matched[1..6] {
        pairs.push_str(&format!("{},{},forbid\n", r[0], r[3]));
    }
    std::fs::write(a.join("in/pairs.csv"), &pairs).unwrap();
    std::fs::copy(a.join("plain/roster.csv"), a.join("in/previous.csv")).unwrap();
    shuffle_csv(&a.join("in/pairs.csv"), &b.join("in/pairs.csv"), 3);
    shuffle_csv(&a.join("in/previous.csv"), &b.join("in/previous.csv"), 4);
    std::fs::remove_dir_all(a.join("plain")).unwrap();
    for dir in [&a, &b] {
        let mut args = MATCH.to_vec();
        args.extend(["--out", "rules", "--no-advice"]);
        args.extend(["--pairs", "in/pairs.csv", "--previous", "in/previous.csv"]);
        args.extend(["--max-cross-unit-share", "0.3"]);
        run_in(dir, &args);
    }
    // moved weights, in a comparison of one scenario
    let scenarios = "mentors = \"in/mentors.csv\"\nmentees = \"in/mentees.csv\"\n\n\
                     [[scenario]]\nname = \"baseline\"\n";
    for dir in [&a, &b] {
        std::fs::write(dir.join("scenarios.toml"), scenarios).unwrap();
        run_in(
            dir,
            &[
                "compare",
                "scenarios.toml",
                "--out",
                "perturbed",
                "--perturb",
                "10%",
                "--reproducible",
                "--quiet",
            ],
        );
    }
    assert_same_outputs(&a, &b);
}

/// A cohort of many ties: mentors in two kinds (identical within a kind, two slots each) and
/// mentees in two kinds, so that many rosters are equally good and an explanation has equally
/// good alternatives and chains to choose between.
fn tied_cohort(dir: &Path) -> (PathBuf, PathBuf) {
    let mut mentors = String::from("id,name,unit,grade,capacity,workload,k:a,k:b\n");
    for j in 0..8 {
        let (unit, a, b) = if j % 2 == 0 {
            ("U1", 4, 3)
        } else {
            ("U2", 3, 4)
        };
        mentors.push_str(&format!("M{j:02},Mentor {j},{unit},IV/a,2,0.5,{a},{b}\n"));
    }
    let mut mentees = String::from("id,name,unit,grade,k:a,k:b,target:a,target:b\n");
    for i in 0..14 {
        let unit = if i % 3 == 0 { "U1" } else { "U2" };
        mentees.push_str(&format!("E{i:02},Mentee {i},{unit},II/a,2,2,4,4\n"));
    }
    let (m, e) = (dir.join("tied-mentors.csv"), dir.join("tied-mentees.csv"));
    std::fs::write(&m, mentors).unwrap();
    std::fs::write(&e, mentees).unwrap();
    (m, e)
}

#[test]
fn shuffled_rows_give_the_same_explanations() {
    let tmp = tempfile::tempdir().unwrap();
    let (mentors, mentees) = tied_cohort(tmp.path());
    let (a, b) = two_orders(&tmp.path().join("orders"), &mentors, &mentees);
    let (_, rows) = crate::util::read_csv(&mentees);
    for dir in [&a, &b] {
        let mut args = MATCH.to_vec();
        args.extend(["--out", "out"]);
        run_in(dir, &args);
    }
    assert_same_outputs(&a, &b);
    let mut explained = 0;
    for row in &rows {
        let text = |dir: &Path| {
            let out = bimbing()
                .current_dir(dir)
                .args(["explain", "out", "--mentee", &row[0], "--json"])
                .args(["--alternatives", "7"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        let (x, y) = (text(&a), text(&b));
        assert_eq!(
            x, y,
            "the explanation of {} depends on the row order",
            row[0]
        );
        explained += x.contains("\"chain\"") as usize;
    }
    assert_eq!(explained, rows.len());
}
