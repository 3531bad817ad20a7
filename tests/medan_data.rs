//! The shipped `data/medan` cohort: made by the documented `generate` command, and a cohort
//! where the competency term matters. The figures are recomputed here from the CSV files
//! with the documented scoring formula, apart from the scorer of `bimbing`.

use crate::util::{bimbing, read_csv, run_match, shipped, summary};

/// One mentee: ladder step, id, unit, the competencies with a gap as (index, level, gap),
/// and the total gap.
struct Mentee {
    step: u8,
    id: String,
    unit: String,
    gaps: Vec<(usize, f64, f64)>,
    total: f64,
}

/// One mentor: ladder step, id, unit, capacity, workload term and levels (None: not assessed).
struct Mentor {
    step: u8,
    id: String,
    unit: String,
    capacity: usize,
    workload_term: f64,
    levels: Vec<Option<f64>>,
}

/// Ladder step of a PNS golongan (`III/a`) or a PPPK grade (`IX`).
fn ladder(grade: &str) -> u8 {
    const ROMAN: [&str; 17] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII",
    ];
    let roman = |r: &str| ROMAN.iter().position(|x| *x == r).expect("grade") as u8 + 1;
    match grade.split_once('/') {
        Some((r, l)) => (roman(r) - 1) * 4 + "abcde".find(l).expect("grade") as u8 + 1,
        None => roman(grade),
    }
}

fn cell(text: &str) -> Option<f64> {
    (!text.is_empty()).then(|| text.parse().expect("a number"))
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).expect("column")
}

/// Reads data/medan with the README's defaults: capacity 3, target 3, workload 0.
fn medan() -> (Vec<Mentee>, Vec<Mentor>) {
    let (mh, mrows) = read_csv(&shipped("medan/mentors.csv"));
    let (eh, erows) = read_csv(&shipped("medan/mentees.csv"));
    let names: Vec<String> = mh
        .iter()
        .filter_map(|h| h.strip_prefix("k:"))
        .map(str::to_string)
        .collect();
    assert_eq!(names.len(), 9);
    let mentors = mrows
        .iter()
        .map(|r| Mentor {
            step: ladder(&r[column(&mh, "grade")]),
            id: r[0].clone(),
            unit: r[column(&mh, "unit")].clone(),
            capacity: cell(&r[column(&mh, "capacity")]).map_or(3, |c| c as usize),
            workload_term: (1.0 - cell(&r[column(&mh, "workload")]).unwrap_or(0.0)).clamp(0.0, 1.0),
            levels: names
                .iter()
                .map(|n| cell(&r[column(&mh, &format!("k:{n}"))]))
                .collect(),
        })
        .collect();
    let mentees = erows
        .iter()
        .map(|r| {
            let mut gaps = Vec::new();
            for (k, n) in names.iter().enumerate() {
                if let Some(a) = cell(&r[column(&eh, &format!("k:{n}"))]) {
                    let t = cell(&r[column(&eh, &format!("target:{n}"))]).unwrap_or(3.0);
                    if t > a {
                        gaps.push((k, a, t - a));
                    }
                }
            }
            let total = gaps.iter().map(|g| g.2).sum();
            Mentee {
                step: ladder(&r[column(&eh, "grade")]),
                id: r[0].clone(),
                unit: r[column(&eh, "unit")].clone(),
                gaps,
                total,
            }
        })
        .collect();
    (mentees, mentors)
}

/// Complementarity: the share of the mentee's gaps the mentor covers (0 without a gap).
fn complementarity(e: &Mentee, m: &Mentor) -> f64 {
    if e.total <= 0.0 {
        return 0.0;
    }
    let covered: f64 = e
        .gaps
        .iter()
        .map(|&(k, a, g)| m.levels[k].map_or(0.0, |l| g.min((l - a).max(0.0))))
        .sum();
    covered / e.total
}

/// The default score 0.6 C + 0.2 U + 0.2 W.
fn score(e: &Mentee, m: &Mentor) -> f64 {
    let same = e.unit.trim().to_lowercase() == m.unit.trim().to_lowercase();
    0.6 * complementarity(e, m) + 0.2 * f64::from(u8::from(same)) + 0.2 * m.workload_term
}

fn eligible(e: &Mentee, m: &Mentor) -> bool {
    m.step > e.step && m.id != e.id
}

#[test]
fn medan_is_what_the_documented_command_writes() {
    // docs/reference.md: `generate --mentees 1500 --mentors 450 --seed 7 --out data/medan`
    let tmp = tempfile::tempdir().unwrap();
    bimbing()
        .args([
            "generate",
            "--mentees",
            "1500",
            "--mentors",
            "450",
            "--seed",
            "7",
        ])
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .success();
    for f in ["mentors.csv", "mentees.csv"] {
        let made = std::fs::read(tmp.path().join(f)).unwrap();
        let shipped = std::fs::read(shipped(&format!("medan/{f}"))).unwrap();
        assert!(
            made == shipped,
            "data/medan/{f} is not what generate writes"
        );
    }
}

#[test]
fn medan_mentors_cover_some_gaps_and_not_others() {
    // Seniors are strong in some competencies and average in others: over all eligible
    // pairs, a mentor covers about half of a mentee's gaps and rarely all of them.
    let (mentees, mentors) = medan();
    let (mut pairs, mut full, mut sum) = (0usize, 0usize, 0.0);
    for e in &mentees {
        for m in mentors.iter().filter(|m| eligible(e, m)) {
            let c = complementarity(e, m);
            pairs += 1;
            sum += c;
            full += usize::from(c >= 1.0);
        }
    }
    let mean = sum / pairs as f64;
    let full = full as f64 / pairs as f64;
    assert!((0.45..0.65).contains(&mean), "mean complementarity {mean}");
    assert!(full < 0.15, "share of pairs covering every gap {full}");
}

#[test]
fn medan_optimum_is_well_above_a_greedy_roster() {
    // The proven optimum of data/medan: mean complementarity well below 1 with a spread, and
    // a greedy best-pair-first roster (scored here) clearly below its total.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_match(
        &shipped("medan/mentors.csv"),
        &shipped("medan/mentees.csv"),
        &out,
        &["--no-advice".as_ref()],
    )
    .success();
    let s = summary(&out);
    let mean = s["totals"]["mean_complementarity"].as_f64().unwrap();
    assert!((0.6..0.8).contains(&mean), "mean complementarity {mean}");
    let optimum = s["totals"]["total_score"].as_f64().unwrap();

    let (mentees, mentors) = medan();
    let (rh, rows) = read_csv(&out.join("roster.csv"));
    let (ci, mi) = (column(&rh, "complementarity"), column(&rh, "mentor_id"));
    let mut cs: Vec<f64> = rows
        .iter()
        .filter(|r| !r[mi].is_empty())
        .map(|r| r[ci].parse().unwrap())
        .collect();
    cs.sort_by(f64::total_cmp);
    let (q1, q3) = (cs[cs.len() / 4], cs[3 * cs.len() / 4]);
    assert!(q3 - q1 > 0.2, "quartiles of complementarity {q1} and {q3}");

    // The roster's pairs scored here add up to the solver's total.
    let by_id = |id: &str| mentors.iter().position(|m| m.id == id).unwrap();
    let rescored: f64 = rows
        .iter()
        .zip(&mentees)
        .filter(|(r, _)| !r[mi].is_empty())
        .map(|(r, e)| {
            assert_eq!(r[0], e.id, "roster rows in input order");
            score(e, &mentors[by_id(&r[mi])])
        })
        .sum();
    assert!((rescored - optimum).abs() < 1e-6, "{rescored} vs {optimum}");

    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, e) in mentees.iter().enumerate() {
        for (j, m) in mentors.iter().enumerate().filter(|(_, m)| eligible(e, m)) {
            pairs.push((score(e, m), i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut left: Vec<usize> = mentors.iter().map(|m| m.capacity).collect();
    let mut done = vec![false; mentees.len()];
    let mut greedy = 0.0;
    for (s, i, j) in pairs {
        if !done[i] && left[j] > 0 {
            done[i] = true;
            left[j] -= 1;
            greedy += s;
        }
    }
    assert!(
        greedy < 0.97 * optimum,
        "greedy {greedy} vs optimum {optimum}"
    );
}

#[test]
fn medan_mentors_are_rated_in_realistic_shares() {
    // The SKP ratings of the generator: about 20% Sangat Baik, 70% Baik, 7% Butuh Perbaikan,
    // 2% Kurang and 1% Sangat Kurang; every mentor rated.
    let (h, rows) = read_csv(&shipped("medan/mentors.csv"));
    let c = column(&h, "performance");
    let share =
        |rating: &str| rows.iter().filter(|r| r[c] == rating).count() as f64 / rows.len() as f64;
    let shares = [
        ("Sangat Baik", share("Sangat Baik"), 0.12..0.28),
        ("Baik", share("Baik"), 0.60..0.80),
        ("Butuh Perbaikan", share("Butuh Perbaikan"), 0.03..0.13),
        ("Kurang", share("Kurang"), 0.0..0.05),
        ("Sangat Kurang", share("Sangat Kurang"), 0.0..0.03),
    ];
    for (rating, got, range) in &shares {
        assert!(range.contains(got), "{rating}: {got}");
    }
    let total: f64 = shares.iter().map(|s| s.1).sum();
    assert!((total - 1.0).abs() < 1e-9, "every mentor is rated: {total}");
}
