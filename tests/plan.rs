//! The plan of a match, checked against independent methods: its components against a
//! breadth-first search written here from the eligibility rules; the rule files read once
//! (a match, advice, explanation and audits still work after the files are gone); the
//! advice per (scope, unit) against a re-match with the typical mentor added to its scope;
//! and the reason given when no advice is computed, as typed and as the terminal prints it.

use std::collections::{BTreeMap, VecDeque};

use bimbing::advice::{advise_any, advise_plan, NoAdvice, Outcome};
use bimbing::model::{Cohort, Grade, Mentee, Mentor};
use bimbing::plan::Plan;
use bimbing::roster::match_cohort;
use bimbing::settings::{Objective, Settings, SolverChoice, UnitSelection, UnitShare};

use crate::util::{bimbing, write};

/// A small deterministic generator (xorshift), so that the cohorts are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A cohort of `n` mentees and `m` mentors over `units` units (and `scopes` scopes when
/// more than one), with grades spread so that some pairs are not eligible.
fn cohort(seed: u64, n: usize, m: usize, units: usize, scopes: usize) -> Cohort {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let unit = |k: u64| {
        format!(
            "Dinas {}",
            [
                "Kesehatan",
                "Pendidikan",
                "Perhubungan",
                "Sosial",
                "Pariwisata"
            ][k as usize % 5]
        )
    };
    let scope =
        |rng: &mut Rng| (scopes > 1).then(|| format!("Instansi {}", rng.below(scopes as u64)));
    let level = |rng: &mut Rng| Some(1.0 + rng.below(5) as f64);
    let mentors = (0..m)
        .map(|j| Mentor {
            id: format!("M{j:03}"),
            name: format!("Mentor {j}"),
            unit: unit(rng.below(units as u64)),
            scope: scope(&mut rng),
            grade: Grade::from_step(8 + rng.below(9) as u8).unwrap(),
            capacity: Some(1 + rng.below(3) as u32),
            workload: Some(rng.below(100) as f64 / 100.0),
            min_mentees: None,
            hours_used: None,
            max_hours: None,
            performance: None,
            levels: vec![level(&mut rng), level(&mut rng)],
            line: j as u64 + 2,
        })
        .collect();
    let mentees = (0..n)
        .map(|i| Mentee {
            id: format!("E{i:03}"),
            name: format!("Mentee {i}"),
            unit: unit(rng.below(units as u64)),
            scope: scope(&mut rng),
            grade: Grade::from_step(4 + rng.below(10) as u8).unwrap(),
            levels: vec![level(&mut rng), level(&mut rng)],
            targets: vec![None, Some(4.0)],
            line: i as u64 + 2,
        })
        .collect();
    Cohort {
        competencies: vec!["pelayanan_publik".into(), "manajemen".into()],
        mentors,
        mentees,
    }
}

/// The component sizes `(mentees, mentors)` of a cohort, largest first, and the mentors
/// no mentee can meet, by a breadth-first search over the eligibility rules as the
/// documentation states them (grade gap, not the same person, same scope under
/// `same_scope_only`, unit rules), with a unit's mentees joined under a share rule and
/// every mentee joined under the fair objective.
fn search(c: &Cohort, s: &Settings) -> (Vec<(usize, usize)>, usize) {
    let (n, m) = (c.mentees.len(), c.mentors.len());
    let key = |u: &str| u.trim().to_lowercase();
    let eligible = |i: usize, j: usize| {
        let (e, r) = (&c.mentees[i], &c.mentors[j]);
        let gap = r.grade.step() as i32 - e.grade.step() as i32;
        let same_unit = key(&e.unit) == key(&r.unit);
        gap >= s.eligibility.min_grade_gap
            && e.id != r.id
            && (!s.eligibility.same_scope_only || e.scope == r.scope)
            && (same_unit || !s.eligibility.same_unit_only.applies(&e.unit))
            && (!same_unit || !s.eligibility.cross_unit_only.applies(&e.unit))
    };
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n + m];
    for i in 0..n {
        for j in 0..m {
            if eligible(i, j) {
                next[i].push(n + j);
                next[n + j].push(i);
            }
        }
    }
    let mut join = |a: usize, b: usize| {
        next[a].push(b);
        next[b].push(a);
    };
    if let Some(share) = &s.rules.max_cross_unit_share {
        let mut first: BTreeMap<String, usize> = BTreeMap::new();
        for (i, e) in c.mentees.iter().enumerate() {
            if share.for_unit(&e.unit).is_some() {
                let f = *first.entry(key(&e.unit)).or_insert(i);
                join(f, i);
            }
        }
    }
    if s.rules.objective == Objective::Fair {
        for i in 1..n {
            join(0, i);
        }
    }
    let mut seen = vec![false; n + m];
    let mut sizes = Vec::new();
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut queue = VecDeque::from([start]);
        let (mut a, mut b) = (0, 0);
        while let Some(v) = queue.pop_front() {
            if v < n {
                a += 1;
            } else {
                b += 1;
            }
            for &w in &next[v] {
                if !seen[w] {
                    seen[w] = true;
                    queue.push_back(w);
                }
            }
        }
        sizes.push((a, b));
    }
    let idle = (n..n + m).filter(|&v| next[v].is_empty()).count();
    sizes.sort_by(|x, y| {
        (y.0 * y.1)
            .cmp(&(x.0 * x.1))
            .then(y.0.cmp(&x.0))
            .then(y.1.cmp(&x.1))
    });
    (sizes, idle)
}

#[test]
fn components_agree_with_a_breadth_first_search() {
    let settings = [
        Settings::default(),
        {
            let mut custom = Settings::default();
            custom.eligibility.min_grade_gap = 4;
            custom
        },
        {
            let mut custom = Settings::default();
            custom.eligibility.same_unit_only = UnitSelection::All(true);
            custom
        },
        {
            let mut custom = Settings::default();
            custom.eligibility.same_unit_only =
                UnitSelection::Units(vec!["dinas kesehatan ".into()]);
            custom.eligibility.cross_unit_only = UnitSelection::Units(vec!["Dinas Sosial".into()]);
            custom.eligibility.min_grade_gap = 2;
            custom
        },
        {
            let mut custom = Settings::default();
            custom.eligibility.same_unit_only = UnitSelection::All(true);
            custom.rules.max_cross_unit_share = Some(UnitShare::All(0.5));
            custom
        },
        {
            let mut custom = Settings::default();
            custom.eligibility.min_grade_gap = 5;
            custom.rules.objective = Objective::Fair;
            custom
        },
    ];
    let mut split = 0;
    for seed in 1..=12 {
        let c = cohort(seed, 40, 14, 5, 1);
        for s in &settings {
            let plan = Plan::new(&c, s);
            let found = plan.components(&c, s).unwrap();
            assert_eq!(found.len(), 1, "one part without scopes");
            let (sizes, idle) = search(&c, s);
            assert_eq!(found[0].sizes, sizes, "seed {seed}, {s:?}");
            assert_eq!(found[0].idle_mentors, idle, "seed {seed}");
            // Every mentee's component holds it: the counts per component add up.
            let mut per = vec![0usize; found[0].count()];
            for &k in &found[0].mentee_component {
                per[k] += 1;
            }
            let mentees: Vec<usize> = sizes.iter().map(|s| s.0).collect();
            assert_eq!(per, mentees);
            split += usize::from(sizes.len() > 1);
        }
    }
    assert!(split >= 10, "the cohorts should often fall apart ({split})");
}

#[test]
fn every_unit_under_same_unit_only_is_a_component_of_its_own() {
    let c = cohort(3, 60, 30, 4, 1);
    let s = {
        let mut custom = Settings::default();
        custom.eligibility.same_unit_only = UnitSelection::All(true);
        custom.eligibility.min_grade_gap = 0;
        custom
    };
    let found = &Plan::new(&c, &s).components(&c, &s).unwrap()[0];
    let units: std::collections::BTreeSet<String> =
        c.mentees.iter().map(|e| e.unit.clone()).collect();
    assert_eq!(found.count(), units.len());
    for (i, e) in c.mentees.iter().enumerate() {
        for (k, f) in c.mentees.iter().enumerate() {
            let same = found.mentee_component[i] == found.mentee_component[k];
            assert_eq!(same, e.unit == f.unit, "{} and {}", e.id, f.id);
        }
    }
}

#[test]
fn parts_are_the_scopes_and_each_knows_its_method() {
    let c = cohort(5, 80, 30, 3, 4);
    let s = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    let plan = Plan::new(&c, &s);
    let scopes: std::collections::BTreeSet<&str> = c
        .mentees
        .iter()
        .filter_map(|e| e.scope.as_deref())
        .collect();
    assert_eq!(plan.parts.len(), scopes.len());
    for part in &plan.parts {
        assert!(part
            .mentees
            .iter()
            .all(|&i| c.mentees[i].scope.as_deref().map(str::to_lowercase)
                == Some(part.scope.clone())));
        assert!(part
            .mentors
            .iter()
            .all(|&j| c.mentors[j].scope.as_deref().map(str::to_lowercase)
                == Some(part.scope.clone())));
        assert_eq!(part.method, bimbing::plan::Method::Network);
    }
    let priced = {
        let mut custom = s.clone();
        custom.solver.price_above = 10;
        custom
    };
    assert!(Plan::new(&c, &priced)
        .parts
        .iter()
        .all(|p| p.method == bimbing::plan::Method::Priced));
    let lp = {
        let mut custom = s;
        custom.solver.method = SolverChoice::Lp;
        custom.rules.min_mentees = 1;
        custom
    };
    assert!(Plan::new(&c, &lp).parts.iter().all(|p| p.method.is_ruled()));
}

/// The rule files are read once: after `load_files` the files can go, and the match, the
/// advice, explain, the stability audit and the robustness check give what they gave with
/// the files there; settings that never read them fail once the files are gone.
#[test]
fn rule_files_are_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let c = cohort(7, 30, 12, 3, 1);
    let plain = match_cohort(&c, &Settings::default()).unwrap();
    let matched: Vec<(usize, usize)> = plain
        .pairs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p.mentor)))
        .collect();
    assert!(matched.len() >= 4);
    let mut pairs = String::from("mentee_id,mentor_id,rule\n");
    for &(i, j) in matched.iter().take(2) {
        pairs += &format!("{},{},forbid\n", c.mentees[i].id, c.mentors[j].id);
    }
    let mut previous = String::from("mentee_id,mentee_name,mentor_id,mentor_name,score\n");
    for &(i, j) in matched.iter().skip(2).take(3) {
        previous += &format!("{},x,{},y,0.5\n", c.mentees[i].id, c.mentors[j].id);
    }
    let pairs = write(tmp.path(), "pairs.csv", &pairs);
    let previous = write(tmp.path(), "previous.csv", &previous);
    let settings = {
        let mut custom = Settings::default();
        custom.rules.pairs = Some(pairs.clone());
        custom.rules.previous = Some(previous.clone());
        custom.scoring.continuity_bonus = 0.2;
        custom
    };
    settings.load_files().unwrap();
    let roster = match_cohort(&c, &settings).unwrap();
    let advice = advise_any(&c, &settings, &roster).unwrap();
    let explained = bimbing::explain::explain(&c, &settings, &roster, matched[0].0, 3).unwrap();
    let audit = bimbing::stability::audit(&c, &settings, &roster);
    let robust = bimbing::robust::perturbation_survival(&c, &settings, &roster, 0.1).unwrap();
    std::fs::remove_file(&pairs).unwrap();
    std::fs::remove_file(&previous).unwrap();

    let again = match_cohort(&c, &settings).unwrap();
    assert_eq!(again.pairs, roster.pairs);
    assert_eq!(again.continuity, roster.continuity);
    assert!(roster.continuity.unwrap().previous_pairs == 3);
    assert_eq!(advise_any(&c, &settings, &again).unwrap(), advice);
    let clone = settings.clone();
    assert_eq!(
        bimbing::explain::explain(&c, &clone, &again, matched[0].0, 3).unwrap(),
        explained
    );
    assert_eq!(bimbing::stability::audit(&c, &clone, &again), audit);
    assert_eq!(
        bimbing::robust::perturbation_survival(&c, &clone, &again, 0.1).unwrap(),
        robust
    );
    // A forbidden pair stays out, as the file said.
    for &(i, j) in matched.iter().take(2) {
        assert_ne!(again.pairs[i].map(|p| p.mentor), Some(j));
    }
    // Settings that never read the files cannot match any more: the files are gone.
    let fresh = {
        let mut custom = Settings::default();
        custom.rules.pairs = Some(pairs);
        custom.rules.previous = Some(previous);
        custom
    };
    assert!(match_cohort(&c, &fresh).is_err());
}

/// Under `same_scope_only` a unit lives in its scope: one advice row per (scope, unit),
/// each typical mentor placed in its scope, and its value is the change of the optimum
/// when the cohort is matched again with that mentor added (with the slots that help).
#[test]
fn advice_is_per_scope_and_unit() {
    let c = cohort(11, 60, 20, 2, 3);
    let s = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    let roster = match_cohort(&c, &s).unwrap();
    let advice = advise_any(&c, &s, &roster).unwrap().unwrap();
    let mut pairs: std::collections::BTreeSet<(String, String)> = Default::default();
    for e in &c.mentees {
        pairs.insert((e.scope.clone().unwrap(), e.unit.clone()));
    }
    for m in &c.mentors {
        pairs.insert((m.scope.clone().unwrap(), m.unit.clone()));
    }
    let rows: std::collections::BTreeSet<(String, String)> = advice
        .units
        .iter()
        .map(|u| (u.scope.clone().unwrap(), u.unit.clone()))
        .collect();
    assert_eq!(rows, pairs);
    assert_eq!(advice.units.len(), pairs.len());
    let before = (roster.matched(), roster.total_score());
    let mut helped = 0;
    for u in &advice.units {
        assert_eq!(u.typical.scope, u.scope);
        let mentees = c
            .mentees
            .iter()
            .filter(|e| e.scope == u.scope && e.unit == u.unit)
            .count();
        assert_eq!(u.mentees, mentees);
        check_unit_by_re_match(&c, &s, before, u, 1e-6);
        helped += usize::from(u.extra_matched > 0);
    }
    assert!(helped > 0, "some unit should gain from one more mentor");
    assert!(advice.units.iter().all(|u| u.label().ends_with(')')));
}

/// A unit's advice against the whole cohort matched again with its typical mentor added:
/// the gain over `before` (matched, total) is the advice's, the score within `tolerance`.
fn check_unit_by_re_match(
    c: &Cohort,
    s: &Settings,
    before: (usize, f64),
    u: &bimbing::advice::UnitAdvice,
    tolerance: f64,
) {
    let mut grown = c.clone();
    grown.mentors.push(u.typical.clone());
    let after = match_cohort(&grown, s).unwrap();
    assert_eq!(
        u.extra_matched as usize,
        after.matched() - before.0,
        "{}",
        u.label()
    );
    assert!((u.extra_score - (after.total_score() - before.1)).abs() < tolerance);
}

/// Under `same_scope_only` the re-solves of the advice solve each change in its own scope;
/// every value is checked against the whole cohort matched again with that change.
#[test]
fn resolving_advice_by_scope_agrees_with_whole_cohort_re_matches() {
    let c = cohort(17, 36, 12, 2, 3);
    let s = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom.rules.min_mentees = 1;
        custom.rules.capacity = 2;
        custom
    };
    let roster = match_cohort(&c, &s).unwrap();
    let advice = bimbing::advice::advise_resolving(&c, &s, &roster)
        .unwrap()
        .expect("a small cohort is within the re-solves' budget");
    let before = (roster.matched(), roster.total_score());
    let mut gained = 0;
    for m in &advice.mentors {
        let mut raised = c.clone();
        raised.mentors[m.mentor].capacity = Some(roster.capacity[m.mentor] + 1);
        let after = match_cohort(&raised, &s).unwrap();
        assert_eq!(m.extra_matched as usize, after.matched() - before.0);
        assert!((m.extra_score - (after.total_score() - before.1)).abs() < 1e-9);
        gained += usize::from(m.extra_matched > 0 || m.extra_score > 1e-9);
    }
    for u in &advice.units {
        check_unit_by_re_match(&c, &s, before, u, 1e-9);
    }
    assert!(gained > 0, "some mentor's slot should be worth something");
}

/// A plan whose parts have different methods (one scope under a mentor's minimum, one
/// priced, one on every pair) gives, scope by scope, the optimum of an independent method:
/// the Hungarian method on each scope's mentor slots, where a matched mentee weighs most,
/// a filled minimum slot next, then the pair's score.
#[test]
fn a_plan_of_mixed_methods_is_optimal_scope_by_scope() {
    use bimbing::plan::Method;
    use bimbing::score::Scorer;
    use pathfinding::kuhn_munkres::kuhn_munkres;
    use pathfinding::matrix::Matrix;
    let mut c = cohort(23, 45, 15, 3, 3);
    let scope_of = |s: &Option<String>| s.clone().unwrap();
    let mut scopes: Vec<String> = c.mentees.iter().map(|e| scope_of(&e.scope)).collect();
    scopes.sort();
    scopes.dedup();
    let size = |c: &Cohort, k: &str| {
        let n = c.mentees.iter().filter(|e| scope_of(&e.scope) == k).count();
        let m = c.mentors.iter().filter(|e| scope_of(&e.scope) == k).count();
        (n * m) as u64
    };
    scopes.sort_by_key(|k| size(&c, k));
    // The smallest scope gets a minimum, the largest is priced, the middle one is not.
    let ruled = &scopes[0];
    let j = c
        .mentors
        .iter()
        .position(|m| &scope_of(&m.scope) == ruled)
        .unwrap();
    c.mentors[j].min_mentees = Some(1);
    let s = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom.solver.candidates = 2;
        custom.solver.price_above = size(&c, &scopes[1]);
        custom
    };
    let plan = Plan::new(&c, &s);
    let methods: Vec<Method> = scopes
        .iter()
        .map(|k| {
            let part = plan
                .parts
                .iter()
                .find(|p| p.scope == k.to_lowercase())
                .unwrap();
            part.method
        })
        .collect();
    assert!(methods[0].is_ruled(), "{methods:?}");
    assert_eq!(&methods[1..], &[Method::Network, Method::Priced]);
    let roster = match_cohort(&c, &s).unwrap();
    for k in &scopes {
        let mentees: Vec<usize> = (0..c.mentees.len())
            .filter(|&i| &scope_of(&c.mentees[i].scope) == k)
            .collect();
        let mentors: Vec<usize> = (0..c.mentors.len())
            .filter(|&j| &scope_of(&c.mentors[j].scope) == k)
            .collect();
        let scorer = Scorer::new(&c, &s);
        // Columns: each mentor's slots (its minimum first), then one "unmatched" per mentee.
        let mut slots: Vec<(usize, bool)> = Vec::new();
        for &j in &mentors {
            let cap = c.mentors[j].capacity.unwrap();
            let min = c.mentors[j].min_mentees.unwrap_or(0);
            slots.extend((0..cap).map(|q| (j, q < min)));
        }
        let columns = slots.len() + mentees.len();
        let weights: Vec<i64> = mentees
            .iter()
            .flat_map(|&i| {
                let pairs: Vec<i64> = slots
                    .iter()
                    .map(|&(j, tier)| {
                        if !scorer.eligible(i, j) {
                            return 0; // as good as unmatched: never chosen over a pair
                        }
                        let score = (scorer.score(i, j).score * 1e6).round() as i64;
                        1_000_000_000_000 + if tier { 1_000_000_000 } else { 0 } + score
                    })
                    .collect();
                pairs
                    .into_iter()
                    .chain(std::iter::repeat_n(0, mentees.len()))
            })
            .collect();
        let matrix = Matrix::from_vec(mentees.len(), columns, weights).unwrap();
        let (best, _) = kuhn_munkres(&matrix);
        let got: (usize, usize, f64) = {
            let matched = mentees
                .iter()
                .filter(|&&i| roster.pairs[i].is_some())
                .count();
            let filled = mentors
                .iter()
                .map(|&j| roster.load[j].min(c.mentors[j].min_mentees.unwrap_or(0)) as usize)
                .sum();
            let total = mentees
                .iter()
                .filter_map(|&i| roster.pairs[i].as_ref())
                .map(|p| p.score.score)
                .sum();
            (matched, filled, total)
        };
        let want = (
            (best / 1_000_000_000_000) as usize,
            ((best % 1_000_000_000_000) / 1_000_000_000) as usize,
            (best % 1_000_000_000) as f64 / 1e6,
        );
        assert_eq!((got.0, got.1), (want.0, want.1), "scope {k}");
        assert!(
            (got.2 - want.2).abs() < 1e-4,
            "scope {k}: {} vs {}",
            got.2,
            want.2
        );
    }
}

/// A reason decided once: the typed reason of the advice and the terminal's line agree.
#[test]
fn the_reason_without_advice_is_typed_and_printed() {
    let s = {
        let mut custom = Settings::default();
        custom.solver.method = SolverChoice::Lp;
        custom.solver.price_above = 100;
        custom
    };
    let c = cohort(13, 30, 10, 3, 1);
    let roster = match_cohort(&c, &s).unwrap();
    let plan = Plan::new(&c, &s);
    let outcome = advise_plan(&c, &s, &plan, &roster).unwrap();
    let why = outcome
        .reason()
        .expect("no advice above price_above without duals");
    assert_eq!(
        why,
        NoAdvice::LargeUncertified {
            price_above: 100,
            kept: false
        }
    );
    assert!(matches!(outcome, Outcome::NotComputed(_)));

    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("mentors.csv");
    let e = tmp.path().join("mentees.csv");
    let (mentors, mentees) = people_csv(&c);
    std::fs::write(&m, mentors).unwrap();
    std::fs::write(&e, mentees).unwrap();
    let out = bimbing()
        .args([
            "match",
            "--solver",
            "lp",
            "--price-above",
            "100",
            "--mentors",
        ])
        .arg(&m)
        .arg("--mentees")
        .arg(&e)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!("advice      not written: {why}")),
        "{stdout}"
    );
}

/// Under `same_scope_only` every output names a unit with its scope: advice_units.csv (its
/// `scope` column), the findings of summary.json, the Units sheet of the workbook and the
/// HTML report.
#[test]
fn every_output_names_a_unit_with_its_scope() {
    use calamine::{open_workbook, Reader, Xlsx};
    let c = cohort(29, 40, 14, 3, 2);
    let tmp = tempfile::tempdir().unwrap();
    let (mentors, mentees) = people_csv(&c);
    let with_scope = |text: String, scopes: Vec<String>| {
        let mut lines = text.lines();
        let mut out = format!("{},scope\n", lines.next().unwrap());
        for (line, scope) in lines.zip(scopes) {
            out += &format!("{line},{scope}\n");
        }
        out
    };
    let m = write(
        tmp.path(),
        "mentors.csv",
        &with_scope(
            mentors,
            c.mentors.iter().map(|p| p.scope.clone().unwrap()).collect(),
        ),
    );
    let e = write(
        tmp.path(),
        "mentees.csv",
        &with_scope(
            mentees,
            c.mentees.iter().map(|p| p.scope.clone().unwrap()).collect(),
        ),
    );
    let out = tmp.path().join("out");
    let (xlsx, html) = (tmp.path().join("r.xlsx"), tmp.path().join("r.html"));
    bimbing()
        .args([
            "match",
            "--same-scope-only",
            "--same-unit-only",
            "--mentors",
        ])
        .arg(&m)
        .arg("--mentees")
        .arg(&e)
        .arg("--out")
        .arg(&out)
        .arg("--xlsx")
        .arg(&xlsx)
        .arg("--html")
        .arg(&html)
        .assert()
        .success();
    let (header, rows) = crate::util::read_csv(&out.join("advice_units.csv"));
    assert_eq!(header.last().map(String::as_str), Some("scope"));
    assert!(
        rows.iter()
            .all(|r| r.last().unwrap().starts_with("Instansi ")),
        "{rows:?}"
    );
    let summary = crate::util::summary(&out);
    let findings = summary["rules"]["findings"].as_array().unwrap();
    let about_units: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["unit"].is_string()).collect();
    assert!(
        !about_units.is_empty(),
        "same_unit_only leaves units short: {findings:?}"
    );
    for f in about_units {
        let scope = f["scope"]
            .as_str()
            .expect("a unit's finding names its scope");
        assert!(scope.starts_with("Instansi "), "{f}");
        let label = format!("{} ({scope})", f["unit"].as_str().unwrap());
        assert!(f["message"].as_str().unwrap().contains(&label), "{f}");
    }
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let units = wb.worksheet_range("Units").unwrap();
    let labels: Vec<String> = units.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(!labels.is_empty());
    assert!(
        labels.iter().all(|l| l.contains(" (Instansi ")),
        "{labels:?}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(&labels[0]), "the HTML names {}", labels[0]);
}

/// The cohort as the two CSV files HR exports.
fn people_csv(c: &Cohort) -> (String, String) {
    let mut mentors =
        String::from("id,name,unit,grade,capacity,workload,k:pelayanan_publik,k:manajemen\n");
    for r in &c.mentors {
        mentors += &format!(
            "{},{},{},{},{},{},{},{}\n",
            r.id,
            r.name,
            r.unit,
            r.grade,
            r.capacity.unwrap(),
            r.workload.unwrap(),
            r.levels[0].unwrap(),
            r.levels[1].unwrap()
        );
    }
    let mut mentees =
        String::from("id,name,unit,grade,k:pelayanan_publik,k:manajemen,target:manajemen\n");
    for e in &c.mentees {
        mentees += &format!(
            "{},{},{},{},{},{},4\n",
            e.id,
            e.name,
            e.unit,
            e.grade,
            e.levels[0].unwrap(),
            e.levels[1].unwrap()
        );
    }
    (mentors, mentees)
}
