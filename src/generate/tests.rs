//! Tests of the generated files: determinism, headers, ids, grades, capacities, levels and
//! the refusal to overwrite.

use super::people::{COMPETENCIES, LEVELS};
use super::*;
use std::collections::{HashMap, HashSet};

type Table = (Vec<String>, Vec<Vec<String>>);

fn read(path: &Path) -> Table {
    let mut r = csv::Reader::from_path(path).expect("open csv");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn run(preset: Preset, mentees: usize, mentors: usize, seed: u64) -> (Table, Table) {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = GenerateSpec {
        mentees,
        mentors,
        seed,
        preset,
    };
    let s = generate(&spec, dir.path()).expect("generate");
    (read(&s.mentors_path), read(&s.mentees_path))
}

/// Ladder step of a grade, from a spelling table typed apart from the generator's.
fn ladder(grade: &str) -> Option<u8> {
    const ROMAN: [&str; 17] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII",
    ];
    let roman = |r: &str| ROMAN.iter().position(|x| *x == r).map(|i| i as u8 + 1);
    match grade.split_once('/') {
        Some((r, l)) => {
            let r = roman(r).filter(|&r| r <= 4)?;
            let i = "abcde"
                .find(l)
                .filter(|&i| l.len() == 1 && (i < 4 || r == 4))?;
            Some((r - 1) * 4 + i as u8 + 1)
        }
        None => roman(grade),
    }
}

fn col(t: &Table, name: &str) -> usize {
    t.0.iter().position(|h| h == name).expect("column")
}

#[test]
fn presets_parse_and_list_valid_names() {
    for p in [
        Preset::Custom,
        Preset::Medan,
        Preset::CityDense,
        Preset::National,
    ] {
        assert_eq!(p.name().parse::<Preset>(), Ok(p));
    }
    let err = "dense".parse::<Preset>().unwrap_err();
    assert!(err.contains("custom, medan, city-dense, national"), "{err}");
    let n = GenerateSpec::preset_defaults(Preset::National, 1);
    assert_eq!((n.mentees, n.mentors, n.seed), (300_000, 100_000, 1));
}

#[test]
fn same_seed_same_bytes_other_seed_differs() {
    let dirs: Vec<_> = (0..3)
        .map(|_| tempfile::tempdir().expect("tempdir"))
        .collect();
    for (dir, seed) in dirs.iter().zip([7, 7, 8]) {
        generate(
            &GenerateSpec::preset_defaults(Preset::Medan, seed),
            dir.path(),
        )
        .expect("gen");
    }
    for f in ["mentors.csv", "mentees.csv"] {
        let b: Vec<_> = dirs
            .iter()
            .map(|d| fs::read(d.path().join(f)).expect("read"))
            .collect();
        assert_eq!(b[0], b[1], "{f} differs for the same seed");
        assert_ne!(b[0], b[2], "{f} equal for different seeds");
    }
}

#[test]
fn headers_rows_and_ids() {
    let ks = COMPETENCIES.map(|c| format!("k:{c}")).join(",");
    let ts = COMPETENCIES.map(|c| format!("target:{c}")).join(",");
    for (preset, scope) in [(Preset::Custom, ""), (Preset::National, "scope,")] {
        let (m, e) = run(preset, 1234, 377, 3);
        assert_eq!(
            m.0.join(","),
            format!("id,name,unit,{scope}grade,capacity,workload,{ks},performance")
        );
        assert_eq!(
            e.0.join(","),
            format!("id,name,unit,{scope}grade,{ks},{ts}")
        );
        assert_eq!((m.1.len(), e.1.len()), (377, 1234));
        let mut seen = HashSet::new();
        for row in m.1.iter().chain(&e.1) {
            let id = &row[0];
            assert!(
                id.len() == 18 && id.bytes().all(|b| b.is_ascii_digit()),
                "{id}"
            );
            assert!(seen.insert(id.clone()), "duplicate id {id}");
            let (birth, start_month, sex) = (&id[..8], &id[12..14], &id[14..15]);
            assert!(
                ("1966".."2007").contains(&&birth[..4]),
                "birth year in {id}"
            );
            assert!(("01".."13").contains(&&birth[4..6]) && ("01".."32").contains(&&birth[6..]));
            assert!(
                ("01".."13").contains(&start_month) || start_month == "21",
                "{id}"
            );
            assert!(sex == "1" || sex == "2", "{id}");
            assert!(
                id[8..12] > birth[..4] && &id[8..12] <= "2024",
                "start year in {id}"
            );
        }
    }
}

#[test]
fn grades_are_valid_and_fit_the_role() {
    let (m, e) = run(Preset::Medan, 1500, 450, 11);
    let g = col(&m, "grade");
    let steps = |t: &Table| -> Vec<u8> {
        t.1.iter()
            .map(|r| ladder(&r[g]).unwrap_or_else(|| panic!("bad grade {}", r[g])))
            .collect()
    };
    let (ms, es) = (steps(&m), steps(&e));
    assert!(ms.iter().all(|s| (10..=15).contains(s)));
    assert!(es.iter().all(|s| (5..=15).contains(s)));
    let junior = es.iter().filter(|&&s| s <= 10).count() as f64 / es.len() as f64;
    assert!(junior > 0.85, "juniors {junior}");
    let all: Vec<&String> = m.1.iter().chain(&e.1).map(|r| &r[g]).collect();
    let pppk = all.iter().filter(|g| !g.contains('/')).count() as f64 / all.len() as f64;
    assert!((0.2..0.3).contains(&pppk), "pppk share {pppk}");
    // A few percent of mentees outrank (or equal) every mentor, so have no eligible mentor.
    let top = ms.iter().copied().max().unwrap_or(0);
    let stranded = es.iter().filter(|&&s| s >= top).count() as f64 / es.len() as f64;
    assert!((0.01..0.06).contains(&stranded), "stranded {stranded}");
}

#[test]
fn medan_capacity_workload_and_levels() {
    let (m, e) = run(Preset::Medan, 1500, 450, 5);
    let (cap, wl) = (col(&m, "capacity"), col(&m, "workload"));
    let total: usize = m.1.iter().map(|r| r[cap].parse().unwrap_or(3)).sum();
    let ratio = total as f64 / 1500.0;
    assert!((0.9..=1.0).contains(&ratio), "capacity ratio {ratio}");
    let share = |t: &Table, c: usize| {
        t.1.iter().filter(|r| r[c].is_empty()).count() as f64 / t.1.len() as f64
    };
    assert!((0.06..0.14).contains(&share(&m, cap)) && (0.02..0.08).contains(&share(&m, wl)));
    for r in &m.1 {
        assert!(r[cap].is_empty() || ["1", "2", "3", "4"].contains(&r[cap].as_str()));
        let w = &r[wl];
        assert!(
            w.is_empty() || (w.len() == 4 && (0.5..=1.4).contains(&w.parse::<f64>().expect("wl"))),
            "{w}"
        );
    }
    for (t, prefix) in [(&m, "k:"), (&e, "k:"), (&e, "target:")] {
        let cols: Vec<usize> = (0..t.0.len())
            .filter(|&i| t.0[i].starts_with(prefix))
            .collect();
        let cells: Vec<&String> =
            t.1.iter()
                .flat_map(|r| cols.iter().map(move |&i| &r[i]))
                .collect();
        let count = |f: &dyn Fn(&str) -> bool| cells.iter().filter(|c| f(c)).count() as f64;
        let empty = count(&|c| c.is_empty()) / cells.len() as f64;
        if prefix == "k:" {
            assert!(
                (0.015..0.05).contains(&empty),
                "{prefix} empty share {empty}"
            );
            for c in cells.iter().filter(|c| !c.is_empty()) {
                assert!(LEVELS[2..].contains(&c.as_str()), "level {c}");
            }
        } else {
            // Whole levels 2-5; a 3 (the matcher's default) is left empty with probability
            // 0.4, and no other target is.
            for c in cells.iter().filter(|c| !c.is_empty()) {
                assert!(["2", "3", "4", "5"].contains(&c.as_str()), "target {c}");
            }
            let blank_of_threes = empty / (empty + count(&|c| c == "3") / cells.len() as f64);
            assert!(
                (0.35..0.45).contains(&blank_of_threes),
                "empty among the targets of 3: {blank_of_threes}"
            );
            assert!(
                (0.04..0.14).contains(&empty),
                "{prefix} empty share {empty}"
            );
        }
    }
    let mean = |t: &Table| {
        let cols: Vec<usize> = (0..t.0.len())
            .filter(|&i| t.0[i].starts_with("k:"))
            .collect();
        let v: Vec<f64> =
            t.1.iter()
                .flat_map(|r| cols.iter().filter_map(|&i| r[i].parse::<f64>().ok()))
                .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    // Seniors hold higher rungs, but are assessed under their standard: about 1.9 and 1.4.
    let (mentor_mean, mentee_mean) = (mean(&m), mean(&e));
    assert!(
        (1.7..2.1).contains(&mentor_mean) && (1.25..1.6).contains(&mentee_mean),
        "mean levels {mentor_mean} and {mentee_mean}"
    );
    let names: Vec<&String> = m.1.iter().chain(&e.1).map(|r| &r[1]).collect();
    assert!(
        names.iter().filter(|n| n.contains(',')).count() > 50,
        "names with commas"
    );
}

#[test]
fn mentors_ratings_follow_the_documented_shares() {
    let (m, _) = run(Preset::Custom, 10, 4000, 11);
    let c = col(&m, "performance");
    let share =
        |rating: &str| m.1.iter().filter(|r| r[c] == rating).count() as f64 / m.1.len() as f64;
    for (rating, expected) in [
        ("Sangat Baik", 0.20),
        ("Baik", 0.70),
        ("Butuh Perbaikan", 0.07),
        ("Kurang", 0.02),
        ("Sangat Kurang", 0.01),
    ] {
        let got = share(rating);
        assert!((got - expected).abs() < 0.025, "{rating}: {got}");
    }
}

#[test]
fn city_dense_every_mentor_outranks_every_mentee() {
    let (m, e) = run(Preset::CityDense, 10_000, 3_000, 2);
    let g = col(&m, "grade");
    let low =
        m.1.iter()
            .filter_map(|r| ladder(&r[g]))
            .min()
            .expect("mentors");
    let high =
        e.1.iter()
            .filter_map(|r| ladder(&r[g]))
            .max()
            .expect("mentees");
    assert!(low > high, "mentor {low} vs mentee {high}");
    assert_eq!(m.1.iter().filter_map(|r| ladder(&r[g])).count(), 3_000);
    let slots: usize =
        m.1.iter()
            .map(|r| r[col(&m, "capacity")].parse().unwrap_or(3))
            .sum();
    assert!((8_700..9_300).contains(&slots), "slots {slots}");
}

#[test]
fn national_agencies_are_many_and_skewed() {
    let (m, e) = run(Preset::National, 30_000, 10_000, 9);
    let s = col(&m, "scope");
    let mut size: HashMap<&str, usize> = HashMap::new();
    for r in m.1.iter().chain(&e.1) {
        *size.entry(r[s].as_str()).or_default() += 1;
    }
    let mut v: Vec<usize> = size.values().copied().collect();
    v.sort_unstable();
    assert!(v.len() > 550, "agencies {}", v.len());
    assert!(
        v[v.len() - 1] > 10 * v[v.len() / 2],
        "max {} median {}",
        v[v.len() - 1],
        v[v.len() / 2]
    );
}

#[test]
fn refuses_to_overwrite_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("new/sub");
    let spec = GenerateSpec {
        mentees: 50,
        mentors: 20,
        seed: 1,
        preset: Preset::Custom,
    };
    let first = generate(&spec, &out).expect("first run");
    let before = fs::read(&first.mentees_path).expect("read");
    let err = generate(&GenerateSpec { seed: 2, ..spec }, &out).expect_err("must refuse");
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    assert!(err.to_string().contains("mentors.csv"), "{err}");
    assert_eq!(fs::read(&first.mentees_path).expect("read"), before);
    fs::remove_file(&first.mentors_path).expect("rm");
    let err = generate(&spec, &out).expect_err("mentees.csv still there");
    assert!(err.to_string().contains("mentees.csv"), "{err}");
    assert!(
        !first.mentors_path.exists(),
        "nothing written when refusing"
    );
    let names: Vec<_> = fs::read_dir(&out)
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("mentees.csv")]);
}

#[test]
fn sizes_are_bounded_and_the_presets_are_within_the_bounds() {
    for preset in [
        Preset::Custom,
        Preset::Medan,
        Preset::CityDense,
        Preset::National,
    ] {
        assert_eq!(GenerateSpec::preset_defaults(preset, 1).check(), Ok(()));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("never");
    for (mentees, mentors, flag) in [
        (MAX_MENTEES + 1, 10, "--mentees"),
        (0, 10, "--mentees"),
        (10, MAX_MENTORS + 1, "--mentors"),
        (10, 0, "--mentors"),
    ] {
        let spec = GenerateSpec {
            mentees,
            mentors,
            seed: 1,
            preset: Preset::Custom,
        };
        let err = generate(&spec, &out).expect_err("out of bounds");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().starts_with(flag), "{err}");
        assert!(!out.exists(), "nothing is created");
    }
    let top = GenerateSpec {
        mentees: MAX_MENTEES,
        mentors: MAX_MENTORS,
        seed: 1,
        preset: Preset::National,
    };
    assert_eq!(top.check(), Ok(()));
}

#[test]
fn positions_follow_the_documented_shares() {
    use super::profile::{position, Jabatan as J};
    use super::units::Sector;
    let n = 20_000;
    let mut rng = super::rng::Rng::new(3, 9);
    // (sector, PPPK, step) and the shares per 1,000 of the module docs' tables:
    // Pengawas, Administrator, JPT, fungsional, pelaksana.
    let cases = [
        (Sector::Technical, false, 15, [0, 250, 250, 225, 275]),
        (Sector::Education, false, 13, [22, 30, 0, 872, 76]),
        (Sector::Health, true, 12, [0, 0, 0, 850, 150]),
        (Sector::Service, false, 7, [0, 0, 0, 200, 800]),
        (Sector::Area, false, 11, [150, 0, 0, 382, 468]),
    ];
    for (sector, pppk, step, want) in cases {
        let mut seen: HashMap<J, usize> = HashMap::new();
        for _ in 0..n {
            let p = position(&mut rng, sector, pppk, step);
            *seen.entry(p.jabatan).or_default() += 1;
            // Standards: JPT 4, Administrator 3, Pengawas 2, pelaksana 1, fungsional by rung.
            let rung = match step {
                0..=10 => 1,
                11..=12 => 2,
                13..=15 => 3,
                _ => 4,
            };
            let standard = match p.jabatan {
                J::Jpt => 4,
                J::Administrator => 3,
                J::Pengawas => 2,
                J::Pelaksana => 1,
                J::Fungsional => rung,
            };
            assert_eq!(p.standard, standard, "{p:?} at step {step}");
            assert!(p.entry <= step, "{p:?} at step {step}");
        }
        let kinds = [
            J::Pengawas,
            J::Administrator,
            J::Jpt,
            J::Fungsional,
            J::Pelaksana,
        ];
        for (kind, per_mille) in kinds.into_iter().zip(want) {
            let share = *seen.get(&kind).unwrap_or(&0) as f64 / n as f64;
            let want = f64::from(per_mille) / 1000.0;
            assert!(
                (share - want).abs() < 0.015,
                "{sector:?} step {step} {kind:?}: {share} vs {want}"
            );
        }
    }
}

#[test]
fn strengths_follow_the_weights_and_levels_the_standard() {
    use super::profile::{levels, position, strengths, Jabatan, Strength};
    use super::units::Sector;
    let mut rng = super::rng::Rng::new(4, 9);
    // An Administrator at III/d of a technical unit: decisions and change weigh 6 (unit and
    // post), results 4 (unit), developing others 3 (post), the other five 1.
    let admin = loop {
        let p = position(&mut rng, Sector::Technical, false, 12);
        if p.jabatan == Jabatan::Administrator {
            break p;
        }
    };
    let n = 20_000;
    let (mut strong, mut weak) = ([0usize; 9], [0usize; 9]);
    for _ in 0..n {
        let s = strengths(&mut rng, Sector::Technical, admin);
        let (a, b) = (
            s.iter().filter(|x| **x == Strength::Strong).count(),
            s.iter().filter(|x| **x == Strength::Weak).count(),
        );
        assert!((2..=4).contains(&a) && (1..=3).contains(&b), "{s:?}");
        for k in 0..9 {
            strong[k] += usize::from(s[k] == Strength::Strong);
            weak[k] += usize::from(s[k] == Strength::Weak);
        }
    }
    let per = |c: usize| c as f64 / n as f64;
    // 2.75 strong and 1.9 weak competencies a person on average.
    assert!((per(strong.iter().sum()) - 2.75).abs() < 0.03);
    assert!((per(weak.iter().sum()) - 1.9).abs() < 0.03);
    // Shares by an independent simulation of the draws (200,000 people): decisions strong
    // 0.61 and weak 0.031, integrity strong 0.139 and weak 0.335.
    let (decide, integrity) = (7, 0);
    for (got, want) in [
        (per(strong[decide]), 0.61),
        (per(weak[decide]), 0.031),
        (per(strong[integrity]), 0.139),
        (per(weak[integrity]), 0.335),
    ] {
        assert!((got - want).abs() < 0.015, "{got} vs {want}");
    }
    // Levels: base 0.7 x 3 + 0.1 x 0 years, then + 1 strong, - 0.75 weak: a mean of
    // 2.1 + (2.75 - 0.75 x 1.9) / 9 = 2.247 (rounding is even on average; clamping at 1
    // adds about 0.006).
    let mut cells = Vec::new();
    for _ in 0..5_000 {
        let l = levels(&mut rng, Sector::Technical, admin, 12);
        cells.extend(l.iter().filter(|&&h| h > 0).map(|&h| f64::from(h) / 2.0));
    }
    let mean = cells.iter().sum::<f64>() / cells.len() as f64;
    assert!((2.22..2.28).contains(&mean), "mean level {mean}");
    let empty = 1.0 - cells.len() as f64 / 45_000.0;
    assert!((0.02..0.04).contains(&empty), "not assessed {empty}");
}

#[test]
fn targets_are_the_next_rung() {
    use super::profile::{position, targets, Jabatan};
    use super::units::Sector;
    let mut rng = super::rng::Rng::new(5, 9);
    let mut post = |sector, step, jabatan| loop {
        let p = position(&mut rng, sector, false, step);
        if p.jabatan == jabatan {
            break p;
        }
    };
    let pelaksana = post(Sector::Service, 6, Jabatan::Pelaksana);
    let administrator = post(Sector::Finance, 13, Jabatan::Administrator);
    // Standard 1 -> 2: 2 (80%, the 10% below clamped to 2), 3 (20%), 40% of the 3s empty.
    // Standard 3 -> 4: 3 (10%, 40% of them empty), 4 (70%), 5 (20%).
    for (p, want) in [
        (pelaksana, &[(0, 0.08), (2, 0.8), (3, 0.12)][..]),
        (administrator, &[(0, 0.04), (3, 0.06), (4, 0.7), (5, 0.2)]),
    ] {
        let mut seen: HashMap<u8, usize> = HashMap::new();
        for _ in 0..5_000 {
            for t in targets(&mut rng, p) {
                *seen.entry(t).or_default() += 1;
            }
        }
        assert_eq!(
            seen.values().sum::<usize>(),
            want.iter()
                .map(|(t, _)| seen.get(t).copied().unwrap_or(0))
                .sum::<usize>(),
            "{seen:?}"
        );
        for &(t, share) in want {
            let got = *seen.get(&t).unwrap_or(&0) as f64 / 45_000.0;
            assert!(
                (got - share).abs() < 0.012,
                "{p:?} target {t}: {got} vs {share}"
            );
        }
    }
}
