//! The roster audits against brute force on small random cohorts: blocking pairs
//! (`bimbing::stability`) and the cost of forcing a pair (`bimbing::explain`).
//!
//! The scoring formula, eligibility, the blocking-pair definition and the lexicographic
//! optimum are written out again here, independently of the crate, and compared.

use bimbing::explain::forced_pair;
use bimbing::model::{Cohort, Grade, Mentee, Mentor};
use bimbing::roster::{match_cohort, Pair, Roster};
use bimbing::score::Scorer;
use bimbing::settings::{Settings, Weights};
use bimbing::stability::blocking_pairs;
use proptest::prelude::*;

use crate::util::proptest_cases;

const EPS: f64 = 1e-9;

/// A small random cohort: two competencies, few grades and units (so ties happen).
fn cohort_strategy() -> impl Strategy<Value = Cohort> {
    let level = prop_oneof![1 => Just(None), 5 => (1u8..=5).prop_map(|l| Some(f64::from(l)))];
    let mentor = (
        8u8..=13,
        0usize..2,
        prop_oneof![
            Just(None),
            Just(Some(0.0)),
            Just(Some(0.5)),
            Just(Some(1.2))
        ],
        0u32..=2,
        proptest::collection::vec(level.clone(), 2),
    );
    let mentee = (
        6u8..=12,
        0usize..2,
        proptest::collection::vec(level, 2),
        proptest::collection::vec(prop_oneof![Just(None), Just(Some(4.0))], 2),
    );
    (
        proptest::collection::vec(mentor, 1..=3),
        proptest::collection::vec(mentee, 1..=5),
        0usize..3,
    )
        .prop_map(|(mentors, mentees, shared)| {
            let units = ["Bappeda", "Dinas Sosial"];
            Cohort {
                competencies: vec!["a".into(), "b".into()],
                mentors: mentors
                    .into_iter()
                    .enumerate()
                    .map(|(j, (step, unit, workload, capacity, levels))| Mentor {
                        id: format!("M{j}"),
                        name: "m".into(),
                        unit: units[unit].into(),
                        scope: None,
                        grade: Grade::from_step(step).unwrap(),
                        capacity: Some(capacity),
                        workload,
                        min_mentees: None,
                        hours_used: None,
                        max_hours: None,
                        performance: None,
                        levels,
                        line: 2,
                    })
                    .collect(),
                mentees: mentees
                    .into_iter()
                    .enumerate()
                    .map(|(i, (step, unit, levels, targets))| Mentee {
                        // sometimes the same person as a mentor
                        id: if i == shared {
                            "M0".into()
                        } else {
                            format!("E{i}")
                        },
                        name: "e".into(),
                        unit: units[unit].into(),
                        scope: None,
                        grade: Grade::from_step(step).unwrap(),
                        levels,
                        targets,
                        line: 2,
                    })
                    .collect(),
            }
        })
}

fn settings_strategy() -> impl Strategy<Value = Settings> {
    (
        prop::sample::select(vec![0.6, 0.3, 1.0]),
        prop::sample::select(vec![0.2, 0.0, -0.2]),
        prop::sample::select(vec![0.2, 0.0]),
        0i32..=2,
    )
        .prop_map(|(c, u, w, gap)| {
            let mut custom = Settings::default();
            custom.scoring.weights = Weights {
                complementarity: c,
                unit: u,
                workload: w,
            };
            custom.eligibility.min_grade_gap = gap;
            custom
        })
}

/// Eligibility, written out: grade gap and two different people.
fn eligible(c: &Cohort, s: &Settings, i: usize, j: usize) -> bool {
    let (e, m) = (&c.mentees[i], &c.mentors[j]);
    i32::from(m.grade.step()) - i32::from(e.grade.step()) >= s.eligibility.min_grade_gap
        && e.id != m.id
}

/// The scoring formula of docs/reference.md ("The scoring model"), written out.
fn score(c: &Cohort, s: &Settings, i: usize, j: usize) -> f64 {
    let (e, m) = (&c.mentees[i], &c.mentors[j]);
    let (mut gaps, mut covers) = (0.0, 0.0);
    for k in 0..c.competencies.len() {
        let Some(a) = e.levels[k] else { continue };
        let g = (e.targets[k].unwrap_or(s.scoring.target) - a).max(0.0);
        gaps += g;
        if let Some(level) = m.levels[k] {
            covers += g.min((level - a).max(0.0));
        }
    }
    let complementarity = if gaps > 0.0 { covers / gaps } else { 0.0 };
    let unit = if e.unit.trim().to_lowercase() == m.unit.trim().to_lowercase() {
        1.0
    } else {
        0.0
    };
    let workload = (1.0 - m.workload.unwrap_or(0.0)).clamp(0.0, 1.0);
    s.scoring.weights.complementarity * complementarity
        + s.scoring.weights.unit * unit
        + s.scoring.weights.workload * workload
}

/// Every feasible assignment: the lexicographic best (matched, total), optionally with one
/// pair forced.
fn brute_optimum(c: &Cohort, s: &Settings, forced: Option<(usize, usize)>) -> (usize, f64) {
    fn go(
        c: &Cohort,
        s: &Settings,
        forced: Option<(usize, usize)>,
        i: usize,
        room: &mut Vec<u32>,
        now: (usize, f64),
        best: &mut (usize, f64),
    ) {
        if i == c.mentees.len() {
            if now.0 > best.0 || (now.0 == best.0 && now.1 > best.1) {
                *best = now;
            }
            return;
        }
        let choices: Vec<Option<usize>> = match forced {
            Some((fi, fj)) if fi == i => vec![Some(fj)],
            _ => std::iter::once(None)
                .chain(
                    (0..c.mentors.len())
                        .filter(|&j| eligible(c, s, i, j))
                        .map(Some),
                )
                .collect(),
        };
        for choice in choices {
            match choice {
                None => go(c, s, forced, i + 1, room, now, best),
                Some(j) if room[j] > 0 => {
                    room[j] -= 1;
                    go(
                        c,
                        s,
                        forced,
                        i + 1,
                        room,
                        (now.0 + 1, now.1 + score(c, s, i, j)),
                        best,
                    );
                    room[j] += 1;
                }
                Some(_) => {}
            }
        }
    }
    let mut room: Vec<u32> = c
        .mentors
        .iter()
        .map(|m| m.capacity.unwrap_or(s.rules.capacity))
        .collect();
    let mut best = (0, f64::NEG_INFINITY);
    go(c, s, forced, 0, &mut room, (0, 0.0), &mut best);
    best
}

/// A feasible roster: each mentee in turn takes the `pick`-th eligible mentor with room, or
/// stays unmatched (`pick` = 0).
fn some_roster(c: &Cohort, s: &Settings, picks: &[usize]) -> Roster {
    let scorer = Scorer::new(c, s);
    let mut roster = match_cohort(c, s).unwrap();
    roster.pairs = vec![None; c.mentees.len()];
    roster.load = vec![0; c.mentors.len()];
    for i in 0..c.mentees.len() {
        let open: Vec<usize> = (0..c.mentors.len())
            .filter(|&j| eligible(c, s, i, j) && roster.load[j] < roster.capacity[j])
            .collect();
        let pick = picks[i % picks.len()] % (open.len() + 1);
        if pick > 0 {
            let j = open[pick - 1];
            roster.load[j] += 1;
            roster.pairs[i] = Some(Pair {
                mentor: j,
                score: scorer.score(i, j),
            });
        }
    }
    roster
}

/// Blocking pairs by the definition: both would do strictly better together.
fn brute_blocking(c: &Cohort, s: &Settings, roster: &Roster) -> Vec<(usize, usize)> {
    brute_blocking_under(c, s, roster, &[], &[])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases(200)))]

    #[test]
    fn blocking_pairs_match_the_definition(
        c in cohort_strategy(),
        s in settings_strategy(),
        picks in proptest::collection::vec(0usize..4, 1..6),
        optimal in any::<bool>(),
    ) {
        let roster = if optimal { match_cohort(&c, &s).unwrap() } else { some_roster(&c, &s, &picks) };
        let found: Vec<(usize, usize)> = blocking_pairs(&c, &s, &roster)
            .iter()
            .map(|p| (p.mentee, p.mentor))
            .collect();
        prop_assert_eq!(found, brute_blocking(&c, &s, &roster));
    }

    #[test]
    fn forcing_a_pair_costs_what_brute_force_says(
        c in cohort_strategy(),
        s in settings_strategy(),
    ) {
        let roster = match_cohort(&c, &s).unwrap();
        let best = brute_optimum(&c, &s, None);
        prop_assert_eq!(roster.matched(), best.0);
        prop_assert!((roster.total_score() - best.1).abs() < 1e-6);
        for i in 0..c.mentees.len() {
            for j in 0..c.mentors.len() {
                if !eligible(&c, &s, i, j) || roster.capacity[j] == 0 {
                    continue;
                }
                let forced = forced_pair(&c, &s, &roster, i, j)
                    .unwrap()
                    .expect("without rules every pair can be forced");
                let brute = brute_optimum(&c, &s, Some((i, j)));
                prop_assert_eq!(forced.objective.matched, brute.0, "pair ({}, {})", i, j);
                prop_assert!(
                    (forced.objective.total_score - brute.1).abs() < 1e-6,
                    "pair ({}, {}): {} vs {}", i, j, forced.objective.total_score, brute.1
                );
                prop_assert_eq!(forced.matched_drop, (best.0 - brute.0) as i64);
                prop_assert!((forced.score_drop - (best.1 - brute.1)).abs() < 1e-6);
            }
        }
    }
}

/// Blocking pairs under a pairs file, by the definition: a forbidden pair never blocks, a
/// locked mentee never moves, and a mentor never gives up a locked mentee.
fn brute_blocking_under(
    c: &Cohort,
    s: &Settings,
    roster: &Roster,
    forbidden: &[(usize, usize)],
    locked: &[usize],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..c.mentees.len() {
        if locked.contains(&i) {
            continue;
        }
        for j in 0..c.mentors.len() {
            if !eligible(c, s, i, j)
                || forbidden.contains(&(i, j))
                || roster.pairs[i].is_some_and(|p| p.mentor == j)
            {
                continue;
            }
            let together = score(c, s, i, j);
            let mentee_better = match roster.pairs[i] {
                None => true,
                Some(p) => together > score(c, s, i, p.mentor) + EPS,
            };
            let held: Vec<usize> = (0..c.mentees.len())
                .filter(|&k| roster.pairs[k].is_some_and(|p| p.mentor == j))
                .collect();
            let capacity = c.mentors[j].capacity.unwrap_or(s.rules.capacity) as usize;
            let mentor_better = held.len() < capacity
                || held
                    .iter()
                    .any(|&k| !locked.contains(&k) && together > score(c, s, k, j) + EPS);
            if mentee_better && mentor_better {
                out.push((i, j));
            }
        }
    }
    out
}

proptest! {
    // About 3 drawn cases in 10 give no row for a pairs file and are rejected: the limit of
    // rejects grows with the cases (`PROPTEST_CASES`), never below proptest's default.
    #![proptest_config(ProptestConfig {
        cases: proptest_cases(200),
        max_global_rejects: proptest_cases(200).max(ProptestConfig::default().max_global_rejects),
        ..ProptestConfig::default()
    })]

    /// With forbidden pairs (among those the optimum leaves unused) and locked pairs (among
    /// those it uses), the audit of the roster under those rules is the definition's.
    #[test]
    fn blocking_pairs_under_a_pairs_file_match_the_definition(
        c in cohort_strategy(),
        s in settings_strategy(),
        forbid_picks in proptest::collection::vec(any::<bool>(), 15),
        lock_picks in proptest::collection::vec(any::<bool>(), 5),
    ) {
        let first = match_cohort(&c, &s).unwrap();
        let mut forbidden = Vec::new();
        let mut text = String::from("mentee_id,mentor_id,rule\n");
        for i in 0..c.mentees.len() {
            for j in 0..c.mentors.len() {
                let used = first.pairs[i].is_some_and(|p| p.mentor == j);
                if eligible(&c, &s, i, j) && !used && forbid_picks[(i * 3 + j) % 15] {
                    forbidden.push((i, j));
                    text.push_str(&format!("{},{},forbid\n", c.mentees[i].id, c.mentors[j].id));
                }
            }
        }
        let mut locked = Vec::new();
        for (i, p) in first.pairs.iter().enumerate() {
            if let Some(p) = p {
                if lock_picks[i % 5] {
                    locked.push(i);
                    text.push_str(&format!("{},{},lock\n", c.mentees[i].id, c.mentors[p.mentor].id));
                }
            }
        }
        // A pairs file needs a row.
        prop_assume!(!forbidden.is_empty() || !locked.is_empty());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pairs.csv");
        std::fs::write(&path, text).unwrap();
        let ruled = {
            let mut custom = s.clone();
            custom.rules.pairs = Some(path);
            custom
        };
        let roster = match_cohort(&c, &ruled).unwrap();
        for &i in &locked {
            prop_assert_eq!(roster.pairs[i].map(|p| p.mentor), first.pairs[i].map(|p| p.mentor));
        }
        let found: Vec<(usize, usize)> = bimbing::report::summary::audit(&c, &ruled, &roster)
            .expect("the audit runs under the rules")
            .iter()
            .map(|p| (p.mentee, p.mentor))
            .collect();
        prop_assert_eq!(found, brute_blocking_under(&c, &s, &roster, &forbidden, &locked));
    }
}

/// With `same_scope_only` each mentee meets only the mentors of its own scope: the audit,
/// which looks at those alone, finds exactly the blocking pairs of the definition over
/// every mentee x mentor pair of the cohort (the scorer telling which are eligible).
#[test]
fn scoped_audit_equals_the_definition_over_every_pair() {
    let dir = tempfile::tempdir().unwrap();
    let spec = bimbing::generate::GenerateSpec {
        mentees: 400,
        mentors: 120,
        seed: 5,
        preset: bimbing::generate::Preset::National,
    };
    let out = bimbing::generate::generate(&spec, dir.path()).unwrap();
    let (c, _) = bimbing::input::read_cohort(&out.mentors_path, &out.mentees_path).unwrap();
    let s = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    let roster = match_cohort(&c, &s).unwrap();
    let scorer = Scorer::new(&c, &s);
    let eps = bimbing::stability::EPSILON;
    let mut load = vec![0u32; c.mentors.len()];
    let mut lowest: Vec<Option<f64>> = vec![None; c.mentors.len()];
    for p in roster.pairs.iter().flatten() {
        load[p.mentor] += 1;
        let s = p.score.score;
        lowest[p.mentor] = Some(lowest[p.mentor].map_or(s, |l: f64| l.min(s)));
    }
    let mut expected = Vec::new();
    for i in 0..c.mentees.len() {
        let own = roster.pairs[i];
        for j in 0..c.mentors.len() {
            if own.is_some_and(|p| p.mentor == j) || !scorer.eligible(i, j) {
                continue;
            }
            let together = scorer.score(i, j).score;
            let mentee = own.map_or(true, |p| together > p.score.score + eps);
            let mentor =
                load[j] < roster.capacity[j] || lowest[j].is_some_and(|l| together > l + eps);
            if mentee && mentor {
                expected.push((i, j));
            }
        }
    }
    let found: Vec<(usize, usize)> = blocking_pairs(&c, &s, &roster)
        .iter()
        .map(|b| (b.mentee, b.mentor))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(found, expected);
    // The scopes differ: some pairs across them would block without the rule.
    let across = blocking_pairs(&c, &Settings::default(), &roster).len();
    assert_ne!(across, found.len());
}
