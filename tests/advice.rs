//! What one more slot is worth, checked against re-solving.
//!
//! For every mentor, `extra_matched` and `extra_score` must be exactly the change of the
//! optimum (matched count, total score) when that mentor's capacity is raised by one; for a
//! new mentor, the gains slot by slot must add up to the change when the mentor joins with
//! that many slots. The reference is the crate's solver run on the changed problem, and an
//! exhaustive enumeration (sharing no code with either) on the smallest instances.

use bimbing::settings::SolverChoice;
use bimbing::solve::network::Costing;
use bimbing::solve::slots::{AddedMentor, Gain, SlotValues};
use bimbing::solve::{solve, Problem};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::util::proptest_cases;

/// Largest allowed difference between a gain and the change found by re-solving. Scores
/// are multiples of 0.05, so the integer costs have no rounding ties.
const TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone)]
struct Instance {
    capacity: Vec<u32>,
    lists: Vec<Vec<(u32, f64)>>,
    /// A mentor that could join: `(mentee, score)` and its capacity.
    added: (Vec<(u32, f64)>, u32),
}

/// Scores on a grid with many ties, some negative.
fn score() -> impl Strategy<Value = f64> {
    (-8i32..=20).prop_map(|k| f64::from(k) * 0.05)
}

fn instance(max_mentees: usize, max_mentors: usize) -> impl Strategy<Value = Instance> {
    (
        0..=max_mentees,
        prop::collection::vec(0u32..=3, 1..=max_mentors),
        prop_oneof![Just(1.0), 0.1f64..0.9],
    )
        .prop_flat_map(|(n, capacity, density)| {
            let m = capacity.len();
            let row = prop::collection::vec((prop::bool::weighted(density), score()), m).prop_map(
                |cells| {
                    cells
                        .into_iter()
                        .enumerate()
                        .filter(|(_, (on, _))| *on)
                        .map(|(j, (_, s))| (j as u32, s))
                        .collect::<Vec<_>>()
                },
            );
            let added = (
                prop::collection::vec((prop::bool::weighted(density), score()), n).prop_map(
                    |cells| {
                        cells
                            .into_iter()
                            .enumerate()
                            .filter(|(_, (on, _))| *on)
                            .map(|(i, (_, s))| (i as u32, s))
                            .collect::<Vec<_>>()
                    },
                ),
                0u32..=3,
            );
            (Just(capacity), prop::collection::vec(row, n), added)
        })
        .prop_map(|(capacity, lists, added)| Instance {
            capacity,
            lists,
            added,
        })
}

/// `(matched, total score)` of the optimum, by the crate's network method.
fn optimum(problem: &Problem) -> (usize, f64) {
    let s = solve(problem, SolverChoice::Network).unwrap();
    (s.matched, s.total_score)
}

/// `(matched, total score)` of the optimum by enumerating every assignment.
fn brute_force(problem: &Problem) -> (usize, f64) {
    fn go(p: &Problem, i: usize, loads: &mut [u32], cur: (usize, f64), best: &mut (usize, f64)) {
        if i == p.n_mentees() {
            if cur.0 > best.0 || (cur.0 == best.0 && cur.1 > best.1 + 1e-12) {
                *best = cur;
            }
            return;
        }
        go(p, i + 1, loads, cur, best);
        for e in p.edges(i) {
            let j = p.mentor[e] as usize;
            if loads[j] < p.capacity[j] {
                loads[j] += 1;
                go(p, i + 1, loads, (cur.0 + 1, cur.1 + p.score[e]), best);
                loads[j] -= 1;
            }
        }
    }
    let mut best = (0, 0.0);
    go(
        problem,
        0,
        &mut vec![0; problem.n_mentors()],
        (0, 0.0),
        &mut best,
    );
    best
}

/// The problem with one more mentor, of the given capacity.
fn with_added(inst: &Instance, capacity: u32) -> Problem {
    let m = inst.capacity.len() as u32;
    let mut lists = inst.lists.clone();
    for &(i, s) in &inst.added.0 {
        lists[i as usize].push((m, s));
    }
    let mut caps = inst.capacity.clone();
    caps.push(capacity);
    Problem::from_lists(caps, &lists)
}

/// A costing covering the problem's pairs and the added mentor's.
fn costing(inst: &Instance) -> Costing {
    let scores = inst
        .lists
        .iter()
        .flatten()
        .map(|&(_, s)| s)
        .chain(inst.added.0.iter().map(|&(_, s)| s));
    let (lo, hi) = scores.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
        (lo.min(s), hi.max(s))
    });
    let units = inst
        .lists
        .len()
        .max(inst.capacity.iter().map(|&c| c as usize).sum::<usize>() + inst.added.1 as usize);
    Costing::new(lo, hi, units as u64)
}

fn check_gain(
    what: &str,
    gain: Gain,
    before: (usize, f64),
    after: (usize, f64),
) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        gain.extra_matched as usize + before.0,
        after.0,
        "{}: {:?}, re-solving gives {:?} -> {:?}",
        what,
        gain,
        before,
        after
    );
    prop_assert!(
        (before.1 + gain.extra_score - after.1).abs() <= TOLERANCE,
        "{}: {:?}, re-solving gives {:?} -> {:?}",
        what,
        gain,
        before,
        after
    );
    Ok(())
}

/// Every mentor's gain against re-solving with its capacity raised by one, from the network
/// method's roster and from the LP's (which may be another optimal roster).
fn check_mentors(inst: &Instance, exhaustive: bool) -> Result<(), TestCaseError> {
    let p = Problem::from_lists(inst.capacity.clone(), &inst.lists);
    let reference = if exhaustive { brute_force } else { optimum };
    let before = reference(&p);
    for method in [SolverChoice::Network, SolverChoice::Lp] {
        let roster = solve(&p, method).unwrap();
        let values = SlotValues::new(&p, &roster.edge_of, costing(inst)).unwrap();
        let gains = values.mentor_gains();
        prop_assert_eq!(gains.len(), p.n_mentors());
        for (j, gain) in gains.iter().enumerate() {
            let mut raised = p.clone();
            raised.capacity[j] += 1;
            check_gain(
                &format!("mentor {j} ({method:?} roster)"),
                *gain,
                before,
                reference(&raised),
            )?;
        }
    }
    Ok(())
}

/// A new mentor's gains, slot by slot, against re-solving with it at each capacity.
fn check_added(inst: &Instance, exhaustive: bool) -> Result<(), TestCaseError> {
    let p = Problem::from_lists(inst.capacity.clone(), &inst.lists);
    let reference = if exhaustive { brute_force } else { optimum };
    let before = reference(&p);
    let roster = solve(&p, SolverChoice::Network).unwrap();
    let values = SlotValues::new(&p, &roster.edge_of, costing(inst)).unwrap();
    let gains = values.added_mentor(&AddedMentor {
        bonus: Vec::new(),
        pairs: inst.added.0.clone(),
        capacity: inst.added.1,
    });
    prop_assert!(gains.len() <= inst.added.1 as usize);
    prop_assert!(gains.iter().all(Gain::is_positive), "{:?}", gains);
    for slots in 0..=inst.added.1 {
        let upto = Gain::total(&gains[..gains.len().min(slots as usize)]);
        check_gain(
            &format!("new mentor with {slots} slots"),
            upto,
            before,
            reference(&with_added(inst, slots)),
        )?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(400), ..ProptestConfig::default() })]

    #[test]
    fn every_mentor_gain_equals_re_solving_with_one_more_slot(inst in instance(8, 4)) {
        check_mentors(&inst, false)?;
    }

    #[test]
    fn every_mentor_gain_equals_exhaustive_enumeration(inst in instance(6, 3)) {
        check_mentors(&inst, true)?;
    }

    #[test]
    fn new_mentor_gains_equal_re_solving_with_it_added(inst in instance(8, 4)) {
        check_added(&inst, false)?;
    }

    #[test]
    fn new_mentor_gains_equal_exhaustive_enumeration(inst in instance(6, 3)) {
        check_added(&inst, true)?;
    }
}

// ---- The fair objective: the highest lowest score among the most mentees, then the total ----

use bimbing::solve::fair::fair_gains;

/// The pairs of `p` scoring at least `tau`, with the map back to `p`'s edges.
fn at_least(p: &Problem, tau: f64) -> (Problem, Vec<usize>) {
    let mut index = Vec::new();
    let lists: Vec<Vec<(u32, f64)>> = (0..p.n_mentees())
        .map(|i| {
            p.edges(i)
                .filter(|&e| p.score[e] >= tau)
                .map(|e| {
                    index.push(e);
                    (p.mentor[e], p.score[e])
                })
                .collect()
        })
        .collect();
    (Problem::from_lists(p.capacity.clone(), &lists), index)
}

/// The fair optimum `(matched, total)` and a roster of it, by trying every score from the
/// highest down until the pairs at least that high match as many mentees as all pairs do.
fn fair_scan(p: &Problem) -> ((usize, f64), Vec<Option<usize>>) {
    let most = optimum(p).0;
    let mut scores = p.score.clone();
    scores.sort_by(f64::total_cmp);
    scores.dedup();
    for &tau in scores.iter().rev() {
        let (sub, index) = at_least(p, tau);
        let s = solve(&sub, SolverChoice::Network).unwrap();
        if s.matched == most {
            let roster = s.edge_of.iter().map(|e| e.map(|e| index[e])).collect();
            return ((s.matched, s.total_score), roster);
        }
    }
    ((0, 0.0), vec![None; p.n_mentees()])
}

/// The fair optimum `(matched, total)` by enumerating every assignment: the most matched,
/// then the highest lowest score, then the highest total. The grid's scores are exact.
fn fair_brute_force(problem: &Problem) -> (usize, f64) {
    type Key = (usize, f64, f64);
    fn better(a: Key, b: Key) -> bool {
        a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && a.2 > b.2 + 1e-12)))
    }
    fn go(p: &Problem, i: usize, loads: &mut [u32], cur: Key, best: &mut Key) {
        if i == p.n_mentees() {
            if better(cur, *best) {
                *best = cur;
            }
            return;
        }
        go(p, i + 1, loads, cur, best);
        for e in p.edges(i) {
            let j = p.mentor[e] as usize;
            if loads[j] < p.capacity[j] {
                loads[j] += 1;
                let s = p.score[e];
                go(p, i + 1, loads, (cur.0 + 1, cur.1.min(s), cur.2 + s), best);
                loads[j] -= 1;
            }
        }
    }
    let mut best = (0, f64::INFINITY, 0.0);
    let start = best;
    go(
        problem,
        0,
        &mut vec![0; problem.n_mentors()],
        start,
        &mut best,
    );
    (best.0, best.2)
}

/// Under the fair objective, every mentor's gain against the fair optimum with its capacity
/// raised by one, and the new mentor's slot by slot against it joining with that many.
fn check_fair(inst: &Instance, exhaustive: bool) -> Result<(), TestCaseError> {
    let p = Problem::from_lists(inst.capacity.clone(), &inst.lists);
    let reference = |p: &Problem| {
        if exhaustive {
            fair_brute_force(p)
        } else {
            fair_scan(p).0
        }
    };
    let (before, roster) = fair_scan(&p);
    check_gain("the roster", Gain::default(), before, reference(&p))?;
    let added = AddedMentor {
        bonus: Vec::new(),
        pairs: inst.added.0.clone(),
        capacity: inst.added.1,
    };
    let gains = fair_gains(&p, &p.score, &roster, &[added], None).unwrap();
    prop_assert!(gains.from_given);
    for (j, gain) in gains.mentors.iter().enumerate() {
        let mut raised = p.clone();
        raised.capacity[j] += 1;
        check_gain(&format!("mentor {j}"), *gain, before, reference(&raised))?;
    }
    let slots = &gains.added[0];
    prop_assert!(slots.len() <= inst.added.1 as usize);
    for k in 0..=inst.added.1 {
        let upto = Gain::total(&slots[..slots.len().min(k as usize)]);
        check_gain(
            &format!("new mentor with {k} slots"),
            upto,
            before,
            reference(&with_added(inst, k)),
        )?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(400), ..ProptestConfig::default() })]

    #[test]
    fn fair_gains_equal_re_solving_the_fair_objective(inst in instance(9, 4)) {
        check_fair(&inst, false)?;
    }

    #[test]
    fn fair_gains_equal_exhaustive_enumeration(inst in instance(6, 3)) {
        check_fair(&inst, true)?;
    }
}

// ---- The fair objective with minimums: most matched, then most minimum slots filled ----

use bimbing::solve::fair::{fair_tiered_gains, Tiers};

/// A problem with minimums: mentor `j` with a minimum `k > 0` keeps `capacity - k` ordinary
/// slots (node `j`) and gets a second node, its minimum part (capacity `k`, the same pairs),
/// whose pairs fill minimum slots. Returns the problem (the pairs' own scores) and, per
/// edge, whether it fills a minimum slot.
fn with_minimums(
    capacity: &[u32],
    minimum: &[u32],
    lists: &[Vec<(u32, f64)>],
) -> (Problem, Vec<bool>) {
    let m = capacity.len();
    let mut caps: Vec<u32> = (0..m)
        .map(|j| capacity[j] - minimum[j].min(capacity[j]))
        .collect();
    let mut part = vec![None; m];
    for j in 0..m {
        if minimum[j].min(capacity[j]) > 0 {
            part[j] = Some(caps.len() as u32);
            caps.push(minimum[j].min(capacity[j]));
        }
    }
    let mut tier = Vec::new();
    let lists: Vec<Vec<(u32, f64)>> = lists
        .iter()
        .map(|list| {
            let mut out = Vec::new();
            for &(j, s) in list {
                out.push((j, s));
                tier.push(false);
                if let Some(t) = part[j as usize] {
                    out.push((t, s));
                    tier.push(true);
                }
            }
            out
        })
        .collect();
    (Problem::from_lists(caps, &lists), tier)
}

/// The problem with one more node of `capacity` (its pairs `(mentee, score)`), whose pairs
/// fill minimum slots when `fills`.
fn plus_node(
    p: &Problem,
    tier: &[bool],
    pairs: &[(u32, f64)],
    capacity: u32,
    fills: bool,
) -> (Problem, Vec<bool>) {
    let node = p.n_mentors() as u32;
    let mut new_tier = Vec::new();
    let lists: Vec<Vec<(u32, f64)>> = (0..p.n_mentees())
        .map(|i| {
            let mut out: Vec<(u32, f64)> = p.edges(i).map(|e| (p.mentor[e], p.score[e])).collect();
            new_tier.extend(p.edges(i).map(|e| tier[e]));
            for &(_, s) in pairs.iter().filter(|&&(k, _)| k as usize == i) {
                out.push((node, s));
                new_tier.push(fills);
            }
            out
        })
        .collect();
    let mut caps = p.capacity.clone();
    caps.push(capacity);
    (Problem::from_lists(caps, &lists), new_tier)
}

/// A bonus on the minimum slots' pairs larger than any difference in total score.
fn tier_bonus(p: &Problem) -> f64 {
    let (lo, hi) = p
        .score
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), &s| (lo.min(s), hi.max(s)));
    (p.n_mentees() as f64 + 1.0) * (hi - lo + 1.0) + 1.0
}

/// The fair optimum with minimums `(matched, total)` and a roster of it, by the network
/// method: the head (matched, minimum slots filled) of all pairs, then every score from the
/// highest down until the pairs at least that high keep that head, then the optimum there.
fn tiered_scan(p: &Problem, tier: &[bool]) -> ((usize, f64), Vec<Option<usize>>) {
    let head = |sub: &Problem, index: &[usize]| {
        let mut card = sub.clone();
        card.score = index
            .iter()
            .map(|&e| f64::from(u8::from(tier[e])))
            .collect();
        let s = solve(&card, SolverChoice::Network).unwrap();
        let filled = s
            .edge_of
            .iter()
            .flatten()
            .filter(|&&e| tier[index[e]])
            .count();
        (s.matched, filled)
    };
    let all: Vec<usize> = (0..p.n_edges()).collect();
    let most = head(p, &all);
    let bonus = tier_bonus(p);
    let mut scores = p.score.clone();
    scores.sort_by(f64::total_cmp);
    scores.dedup();
    for &tau in scores.iter().rev() {
        let (sub, index) = at_least(p, tau);
        if head(&sub, &index) == most {
            let mut tiered = sub.clone();
            for (s, &e) in tiered.score.iter_mut().zip(&index) {
                if tier[e] {
                    *s += bonus;
                }
            }
            let s = solve(&tiered, SolverChoice::Network).unwrap();
            let roster: Vec<Option<usize>> =
                s.edge_of.iter().map(|e| e.map(|e| index[e])).collect();
            let total = roster.iter().flatten().map(|&e| p.score[e]).sum();
            return ((s.matched, total), roster);
        }
    }
    ((0, 0.0), vec![None; p.n_mentees()])
}

/// The fair optimum with minimums `(matched, total)` by enumerating every assignment: the
/// most matched, then the most minimum slots filled, then the highest lowest score, then
/// the highest total.
fn tiered_brute_force(problem: &Problem, tier: &[bool]) -> (usize, f64) {
    type Key = (usize, usize, f64, f64);
    fn better(a: Key, b: Key) -> bool {
        (a.0, a.1) > (b.0, b.1)
            || ((a.0, a.1) == (b.0, b.1) && (a.2 > b.2 || (a.2 == b.2 && a.3 > b.3 + 1e-12)))
    }
    fn go(p: &Problem, tier: &[bool], i: usize, loads: &mut [u32], cur: Key, best: &mut Key) {
        if i == p.n_mentees() {
            if better(cur, *best) {
                *best = cur;
            }
            return;
        }
        go(p, tier, i + 1, loads, cur, best);
        for e in p.edges(i) {
            let j = p.mentor[e] as usize;
            if loads[j] < p.capacity[j] {
                loads[j] += 1;
                let s = p.score[e];
                let next = (
                    cur.0 + 1,
                    cur.1 + usize::from(tier[e]),
                    cur.2.min(s),
                    cur.3 + s,
                );
                go(p, tier, i + 1, loads, next, best);
                loads[j] -= 1;
            }
        }
    }
    let mut best = (0, 0, f64::INFINITY, 0.0);
    let start = best;
    go(
        problem,
        tier,
        0,
        &mut vec![0; problem.n_mentors()],
        start,
        &mut best,
    );
    (best.0, best.3)
}

/// Under the fair objective with minimums, every mentor's one more ordinary slot, a mentor's
/// next minimum slot (a minimum asked above its capacity grows with it), and a new mentor
/// slot by slot, against the fair optimum of the changed problem.
fn check_fair_tiered(
    inst: &Instance,
    minimum: &[u32],
    exhaustive: bool,
) -> Result<(), TestCaseError> {
    let m = inst.capacity.len();
    let (p, tier) = with_minimums(&inst.capacity, minimum, &inst.lists);
    let reference = |p: &Problem, tier: &[bool]| {
        if exhaustive {
            tiered_brute_force(p, tier)
        } else {
            tiered_scan(p, tier).0
        }
    };
    let (before, roster) = tiered_scan(&p, &tier);
    check_gain("the roster", Gain::default(), before, reference(&p, &tier))?;
    // The problem's scores carry the bonus; the grown minimum slot of mentor 0 is an added
    // node with its pairs (and the bonus), after the new mentor.
    let (with_new, _) = plus_node(&p, &tier, &inst.added.0, inst.added.1, false);
    let bonus = tier_bonus(&with_new);
    let mut scored = p.clone();
    for (s, &t) in scored.score.iter_mut().zip(&tier) {
        if t {
            *s += bonus;
        }
    }
    let mut grown: Vec<(u32, f64)> = Vec::new();
    for i in 0..p.n_mentees() {
        for e in p.edges(i).filter(|&e| p.mentor[e] == 0) {
            grown.push((i as u32, p.score[e]));
        }
    }
    let added = [
        AddedMentor {
            bonus: Vec::new(),
            pairs: inst.added.0.clone(),
            capacity: inst.added.1,
        },
        AddedMentor {
            bonus: vec![bonus; grown.len()],
            pairs: grown.clone(),
            capacity: 1,
        },
    ];
    let tiers = Tiers {
        edge: &tier,
        added: &[false, true],
        mentors: m,
    };
    let gains = fair_tiered_gains(&scored, &p.score, tiers, &roster, &added).unwrap();
    prop_assert_eq!(gains.mentors.len(), p.n_mentors());
    for (j, gain) in gains.mentors.iter().enumerate() {
        if j >= m {
            prop_assert_eq!(*gain, Gain::default());
            continue;
        }
        let mut raised = p.clone();
        raised.capacity[j] += 1;
        check_gain(
            &format!("mentor {j}"),
            *gain,
            before,
            reference(&raised, &tier),
        )?;
    }
    let slots = &gains.added[0];
    prop_assert!(slots.len() <= inst.added.1 as usize);
    for k in 0..=inst.added.1 {
        let upto = Gain::total(&slots[..slots.len().min(k as usize)]);
        let (q, t) = plus_node(&p, &tier, &inst.added.0, k, false);
        check_gain(
            &format!("new mentor with {k} slots"),
            upto,
            before,
            reference(&q, &t),
        )?;
    }
    let minimum_slot = Gain::total(&gains.added[1]);
    let (q, t) = plus_node(&p, &tier, &grown, 1, true);
    check_gain(
        "mentor 0's next minimum slot",
        minimum_slot,
        before,
        reference(&q, &t),
    )?;
    Ok(())
}

fn tiered_instance(n: usize, m: usize) -> impl Strategy<Value = (Instance, Vec<u32>)> {
    instance(n, m).prop_flat_map(|inst| {
        let m = inst.capacity.len();
        (Just(inst), prop::collection::vec(0u32..=2, m))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(300), ..ProptestConfig::default() })]

    #[test]
    fn fair_gains_with_minimums_equal_re_solving(case in tiered_instance(9, 4)) {
        check_fair_tiered(&case.0, &case.1, false)?;
    }

    #[test]
    fn fair_gains_with_minimums_equal_exhaustive_enumeration(case in tiered_instance(6, 3)) {
        check_fair_tiered(&case.0, &case.1, true)?;
    }
}

// ---- Cohorts: the advice written for planners, against re-matching the changed cohort ----

use bimbing::advice::{
    advise, advise_any, advise_certified, helps_most, typical_mentors_for, Advice,
};
use bimbing::generate::{generate, GenerateSpec, Preset};
use bimbing::input::read_cohort;
use bimbing::model::Cohort;
use bimbing::roster::{match_cohort, Roster};
use bimbing::settings::Settings;

fn figures(cohort: &Cohort, settings: &Settings) -> (usize, f64) {
    let r = match_cohort(cohort, settings).unwrap();
    (r.matched(), r.total_score())
}

fn assert_change(what: &str, matched: u32, score: f64, before: (usize, f64), after: (usize, f64)) {
    assert_eq!(
        before.0 + matched as usize,
        after.0,
        "{what}: +{matched} matched, re-matching gives {before:?} -> {after:?}"
    );
    assert!(
        (before.1 + score - after.1).abs() <= TOLERANCE,
        "{what}: score {score:+}, re-matching gives {before:?} -> {after:?}"
    );
}

/// Every mentor's and every unit's advice against matching the cohort again with that
/// mentor's capacity raised by one, or with the unit's typical mentor added.
fn check_cohort(cohort: &Cohort, settings: &Settings) -> Advice {
    let roster = match_cohort(cohort, settings).unwrap();
    let advice = advise(cohort, settings, &roster).unwrap();
    assert!(advice.from_roster);
    assert_eq!(advice.mentors.len(), cohort.mentors.len());
    for (j, a) in advice.mentors.iter().enumerate() {
        assert_eq!(a.mentor, j);
        assert_eq!(a.assigned, roster.load[j]);
    }
    check_mentor_slots(cohort, settings, &roster, &advice);
    check_units(cohort, settings, &roster, &advice);
    advice
}

/// Every mentor's advice against matching again with that mentor's capacity raised by one
/// (and, under an hour budget, its hours by one mentee's).
fn check_mentor_slots(cohort: &Cohort, settings: &Settings, roster: &Roster, advice: &Advice) {
    let before = (roster.matched(), roster.total_score());
    for (j, a) in advice.mentors.iter().enumerate() {
        assert_eq!(a.capacity, roster.capacity[j]);
        assert_change(
            &format!("mentor {j}"),
            a.extra_matched,
            a.extra_score,
            before,
            figures(&raised(cohort, settings, roster, j), settings),
        );
    }
}

/// The cohort with mentor `j`'s capacity one more than the roster's, and its hour budget
/// (when the settings count hours) one mentee's hours more.
fn raised(cohort: &Cohort, settings: &Settings, roster: &Roster, j: usize) -> Cohort {
    let mut raised = cohort.clone();
    let mentor = &mut raised.mentors[j];
    mentor.capacity = Some(roster.capacity[j] + 1);
    if settings.rules.hours_per_mentee > 0.0 {
        if let Some(max) = mentor.max_hours.or(settings.rules.max_hours) {
            mentor.max_hours = Some(max + settings.rules.hours_per_mentee);
        }
    }
    raised
}

/// Every unit's advice against matching again with the unit's typical mentor added.
fn check_units(cohort: &Cohort, settings: &Settings, roster: &Roster, advice: &Advice) {
    let before = (roster.matched(), roster.total_score());
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
    assert_eq!(typical.len(), advice.units.len());
    for (t, u) in typical.iter().zip(&advice.units) {
        assert_eq!(t.unit, u.unit);
        let mut grown = cohort.clone();
        grown.mentors.push(t.mentor.clone());
        assert_change(
            &format!("unit {}", u.unit),
            u.extra_matched,
            u.extra_score,
            before,
            figures(&grown, settings),
        );
    }
}

fn generated(preset: Preset, mentees: usize, mentors: usize, seed: u64) -> Cohort {
    let dir = tempfile::tempdir().unwrap();
    let spec = GenerateSpec {
        mentees,
        mentors,
        seed,
        preset,
    };
    let out = generate(&spec, dir.path()).unwrap();
    read_cohort(&out.mentors_path, &out.mentees_path).unwrap().0
}

#[test]
fn shipped_example_advice_equals_re_matching() {
    let dir = crate::util::shipped("example");
    let (cohort, _) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    check_cohort(&cohort, &Settings::default());
}

#[test]
fn small_fixture_advice_equals_re_matching() {
    let dir = crate::util::fixture("small");
    let (cohort, _) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    let advice = check_cohort(&cohort, &Settings::default());
    // "Dinas Sosial" and "dinas sosial " are one unit, named as first written.
    assert!(advice.units.iter().any(|u| u.unit == "Dinas Sosial"));
    assert!(!advice.units.iter().any(|u| u.unit == "dinas sosial"));
}

#[test]
fn generated_cohorts_advice_equals_re_matching() {
    for seed in 1..=3 {
        let cohort = generated(Preset::Custom, 60, 16, seed);
        let advice = check_cohort(&cohort, &Settings::default());
        let top = helps_most(&advice.units, 5);
        assert!(top.len() <= 5);
        for w in top.windows(2) {
            assert!(
                (w[0].extra_matched, w[0].extra_score) >= (w[1].extra_matched, w[1].extra_score)
            );
        }
    }
}

#[test]
fn scoped_cohorts_advice_equals_re_matching() {
    let cohort = generated(Preset::National, 80, 24, 7);
    let settings = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    check_cohort(&cohort, &settings);
    check_cohort(&cohort, &Settings::default());
}

/// Two advices with the same values: every mentor's and every unit's (same units, in the
/// same order) extra mentees and extra score.
fn assert_same_values(a: &Advice, b: &Advice) {
    assert_eq!(a.mentors.len(), b.mentors.len());
    for (x, y) in a.mentors.iter().zip(&b.mentors) {
        assert_eq!(x.extra_matched, y.extra_matched, "{x:?} {y:?}");
        assert!(
            (x.extra_score - y.extra_score).abs() <= TOLERANCE,
            "{x:?} {y:?}"
        );
    }
    assert_eq!(a.units.len(), b.units.len());
    for (x, y) in a.units.iter().zip(&b.units) {
        assert_eq!((&x.unit, x.extra_matched), (&y.unit, y.extra_matched));
        assert!(
            (x.extra_score - y.extra_score).abs() <= TOLERANCE,
            "{}",
            x.unit
        );
    }
}

#[test]
fn priced_rosters_get_the_same_advice() {
    // Pricing on (tiny threshold, few candidates): the roster comes from a sparse graph, the
    // advice from all eligible pairs: built and solved again by `advise`, priced with the
    // match's duals by `advise_certified` (which the match takes above `price_above`).
    for seed in [11, 12, 13] {
        let cohort = generated(Preset::Custom, 60, 16, seed);
        let priced = {
            let mut custom = Settings::default();
            custom.solver.price_above = 0;
            custom.solver.candidates = 2;
            custom
        };
        let full = Settings::default();
        let roster = match_cohort(&cohort, &priced).unwrap();
        assert!(roster.certificate.is_some());
        assert!(
            roster.solver_detail.contains("priced in"),
            "{}",
            roster.solver_detail
        );
        let a = advise(&cohort, &priced, &roster).unwrap();
        let b = advise(&cohort, &full, &match_cohort(&cohort, &full).unwrap()).unwrap();
        let c = advise_certified(&cohort, &priced, &roster)
            .unwrap()
            .unwrap();
        assert_eq!(c, advise_any(&cohort, &priced, &roster).unwrap().unwrap());
        for other in [&a, &c] {
            assert_same_values(other, &b);
        }
        // And against matching again (priced too) with each change made.
        check_mentor_slots(&cohort, &priced, &roster, &c);
        check_units(&cohort, &priced, &roster, &c);
        assert!(c
            .mentors
            .iter()
            .any(|m| m.extra_score > 0.0 || m.extra_matched > 0));
    }
}

/// The three largest scopes of a generated national cohort (3,000 x 900, seed 7): 79 x 23
/// (1,817 pairs), 46 x 16 and 47 x 15.
fn three_largest_scopes() -> Cohort {
    let mut cohort = generated(Preset::National, 3000, 900, 7);
    let scope_of = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut count: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for e in &cohort.mentees {
        count.entry(scope_of(&e.scope)).or_default().0 += 1;
    }
    for m in &cohort.mentors {
        count.entry(scope_of(&m.scope)).or_default().1 += 1;
    }
    let mut by_size: Vec<(usize, String)> =
        count.into_iter().map(|(k, (n, m))| (n * m, k)).collect();
    by_size.sort();
    let kept: Vec<String> = by_size
        .iter()
        .rev()
        .take(3)
        .map(|(_, k)| k.clone())
        .collect();
    cohort
        .mentees
        .retain(|e| kept.contains(&scope_of(&e.scope)));
    cohort
        .mentors
        .retain(|m| kept.contains(&scope_of(&m.scope)));
    cohort
}

#[test]
fn priced_scopes_get_the_same_advice() {
    // With same_scope_only each scope is matched on its own: above a price_above between
    // the scopes' sizes the largest is priced and the others are not. The advice takes the
    // duals of each scope's match; it equals the advice over the whole graph, and matching
    // again with each change made. The three largest scopes of a
    // generated national cohort: 79 x 23 (1,817 pairs), 46 x 16 and 47 x 15.
    let cohort = three_largest_scopes();
    let parts = bimbing::resources::parts(&cohort, true);
    let sizes: Vec<u64> = parts.iter().map(|&(n, m)| (n * m) as u64).collect();
    assert_eq!(sizes.iter().max(), Some(&1817), "{sizes:?}");
    let priced = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom.solver.price_above = 1000;
        custom.solver.candidates = 2;
        custom
    };
    let full = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    let roster = match_cohort(&cohort, &priced).unwrap();
    assert_eq!(roster.scope_certificates.len(), 3);
    assert!(roster.solver_detail.contains("3 independent parts"));
    let c = advise_any(&cohort, &priced, &roster).unwrap().unwrap();
    let b = advise(&cohort, &full, &match_cohort(&cohort, &full).unwrap()).unwrap();
    assert_same_values(&c, &b);
    check_mentor_slots(&cohort, &priced, &roster, &c);
    check_units(&cohort, &priced, &roster, &c);
    assert!(c
        .mentors
        .iter()
        .any(|m| m.extra_matched > 0 || m.extra_score > 0.0));
}

#[test]
fn priced_scopes_that_the_duals_cannot_price_are_solved_again() {
    // Tiny scopes (the largest has 4 pairs) have narrow score ranges: their units' typical
    // mentors score outside the range of the priced scope's duals, and that scope is solved
    // again; the advice is the same as over the whole graph and as matching again.
    let cohort = generated(Preset::National, 120, 36, 7);
    let mut sizes: Vec<u64> = bimbing::resources::parts(&cohort, true)
        .iter()
        .map(|&(n, m)| (n * m) as u64)
        .collect();
    sizes.sort_unstable();
    let priced = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom.solver.price_above = sizes[sizes.len() - 2];
        custom.solver.candidates = 2;
        custom
    };
    let full = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    let roster = match_cohort(&cohort, &priced).unwrap();
    assert!(!roster.scope_certificates.is_empty());
    let c = advise_any(&cohort, &priced, &roster).unwrap().unwrap();
    let b = advise(&cohort, &full, &match_cohort(&cohort, &full).unwrap()).unwrap();
    assert_same_values(&c, &b);
    check_mentor_slots(&cohort, &priced, &roster, &c);
    check_units(&cohort, &priced, &roster, &c);
}

#[test]
fn priced_duals_that_do_not_certify_give_no_advice() {
    let cohort = generated(Preset::Custom, 60, 16, 11);
    let priced = {
        let mut custom = Settings::default();
        custom.solver.price_above = 0;
        custom.solver.candidates = 2;
        custom
    };
    let mut roster = match_cohort(&cohort, &priced).unwrap();
    // A roster changed after its solve is not the one its duals prove optimal: one mentee
    // less leaves a slot that matches it again.
    let mut changed = roster.clone();
    let i = changed.pairs.iter().position(Option::is_some).unwrap();
    let mentor = changed.pairs[i].take().unwrap().mentor;
    changed.load[mentor] -= 1;
    assert!(advise_certified(&cohort, &priced, &changed)
        .unwrap()
        .is_none());
    let duals = roster.certificate.as_mut().unwrap();
    // Mentee duals lowered that far leave the pairs without flow negative in reduced cost.
    let big_m = duals.costing.big_m;
    for a in &mut duals.mentee {
        *a -= big_m;
    }
    assert!(advise_certified(&cohort, &priced, &roster)
        .unwrap()
        .is_none());
    roster.certificate = None;
    assert!(advise_certified(&cohort, &priced, &roster)
        .unwrap()
        .is_none());
}

use bimbing::advice::advise_ruled;
use bimbing::settings::UnitSelection;

/// Under the planner's rules that keep the problem a network, every mentor's and unit's
/// advice against matching again with that mentor's capacity (and hour budget) raised by
/// one, or with the unit's typical mentor added, the rules applying to it as to any mentor.
fn check_ruled(cohort: &Cohort, settings: &Settings) -> Advice {
    let roster = match_cohort(cohort, settings).unwrap();
    assert_eq!(roster.status, bimbing::solve::Status::Optimal);
    let advice = advise_ruled(cohort, settings, &roster)
        .unwrap()
        .expect("advice under these rules");
    assert!(advice.from_roster);
    check_mentor_slots(cohort, settings, &roster, &advice);
    check_units(cohort, settings, &roster, &advice);
    advice
}

/// A pairs file for a generated cohort: every seventh mentee forbidden with its first
/// mentors, and one lock of the first mentee to an eligible mentor of its own choosing.
fn pairs_file(cohort: &Cohort, dir: &std::path::Path) -> std::path::PathBuf {
    let settings = Settings::default();
    let roster = match_cohort(cohort, &settings).unwrap();
    let mut text = String::from("mentee_id,mentor_id,rule\n");
    for (i, e) in cohort.mentees.iter().enumerate().step_by(7) {
        for m in cohort.mentors.iter().take(3) {
            if roster.pairs[i].map_or(true, |p| cohort.mentors[p.mentor].id != m.id) {
                text.push_str(&format!("{},{},forbid\n", e.id, m.id));
            }
        }
    }
    if let Some((i, p)) = roster
        .pairs
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.map(|p| (i, p)))
    {
        if i % 7 != 0 {
            text.push_str(&format!(
                "{},{},lock\n",
                cohort.mentees[i].id, cohort.mentors[p.mentor].id
            ));
        }
    }
    let path = dir.join("pairs.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn advice_under_the_planners_network_rules_equals_re_matching() {
    for seed in 1..=2 {
        let cohort = generated(Preset::Custom, 50, 14, seed);
        let dir = tempfile::tempdir().unwrap();
        let unit = cohort.mentees[0].unit.clone();
        let cases = [
            {
                let mut custom = Settings::default();
                custom.eligibility.same_unit_only = UnitSelection::Units(vec![unit.clone()]);
                custom
            },
            {
                let mut custom = Settings::default();
                custom.eligibility.cross_unit_only = UnitSelection::Units(vec![unit]);
                custom
            },
            {
                let mut custom = Settings::default();
                custom.rules.hours_per_mentee = 2.0;
                custom.rules.max_hours = Some(5.0);
                custom
            },
            {
                let mut custom = Settings::default();
                custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
                custom
            },
            // Minimums: every mentor one, or two with an hour budget that leaves some
            // mentors fewer slots than their minimum (so that one more slot is a minimum
            // slot), and with locked pairs.
            {
                let mut custom = Settings::default();
                custom.rules.min_mentees = 1;
                custom
            },
            {
                let mut custom = Settings::default();
                custom.rules.min_mentees = 2;
                custom.rules.hours_per_mentee = 2.0;
                custom.rules.max_hours = Some(3.0);
                custom
            },
            {
                let mut custom = Settings::default();
                custom.rules.min_mentees = 2;
                custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
                custom
            },
        ];
        for settings in &cases {
            check_ruled(&cohort, settings);
        }
    }
}

/// Above `price_above` under the network rules (the fair objective among them) the advice
/// comes from the duals of the match's network solve (no second solve of every pair at the
/// roster's threshold): the same as solving the rules' problem again, and as matching again
/// with each change made.
#[test]
fn ruled_advice_above_price_above_comes_from_the_match_duals() {
    let cohort = generated(Preset::Custom, 50, 14, 5);
    let dir = tempfile::tempdir().unwrap();
    let unit = cohort.mentees[0].unit.clone();
    let cases = [
        {
            let mut custom = Settings::default();
            custom.eligibility.same_unit_only = UnitSelection::Units(vec![unit]);
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.hours_per_mentee = 2.0;
            custom.rules.max_hours = Some(5.0);
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.min_mentees = 1;
            custom
        },
        // The fair objective keeps the duals of its threshold's solve.
        {
            let mut custom = Settings::default();
            custom.rules.objective = bimbing::settings::Objective::Fair;
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.objective = bimbing::settings::Objective::Fair;
            custom.rules.capacity = 1;
            custom.rules.hours_per_mentee = 2.0;
            custom.rules.max_hours = Some(5.0);
            custom
        },
    ];
    for case in &cases {
        let above = {
            let mut custom = case.clone();
            custom.solver.price_above = 0;
            custom
        };
        let roster = match_cohort(&cohort, &above).unwrap();
        assert!(roster.rules_certificate.is_some());
        let a = advise_any(&cohort, &above, &roster)
            .unwrap()
            .expect("advice from the match's duals");
        // Solving the rules' problem again (no duals kept, below price_above).
        let mut plain = roster.clone();
        plain.rules_certificate = None;
        let b = advise_ruled(&cohort, case, &plain).unwrap().unwrap();
        assert_same_values(&a, &b);
        check_mentor_slots(&cohort, &above, &roster, &a);
        check_units(&cohort, &above, &roster, &a);
        // Without the duals, above price_above, nothing is solved again: no advice.
        assert!(advise_any(&cohort, &above, &plain).unwrap().is_none());
    }
}

/// Under the fair objective (the highest lowest score, then the total), alone and with the
/// network rules: every mentor's and unit's advice against matching again, which runs the
/// fair objective's own bisection on the changed cohort.
#[test]
fn advice_under_the_fair_objective_equals_re_matching() {
    use bimbing::settings::Objective;
    for (seed, mentees, mentors) in [(1, 50, 14), (2, 50, 14), (3, 40, 9), (4, 60, 12)] {
        let cohort = generated(Preset::Custom, mentees, mentors, seed);
        let dir = tempfile::tempdir().unwrap();
        let unit = cohort.mentees[0].unit.clone();
        let fair = {
            let mut custom = Settings::default();
            custom.rules.objective = Objective::Fair;
            custom
        };
        let cases = [
            fair.clone(),
            {
                let mut custom = fair.clone();
                custom.rules.capacity = 1;
                custom
            },
            {
                let mut custom = fair.clone();
                custom.eligibility.same_unit_only = UnitSelection::Units(vec![unit]);
                custom
            },
            {
                let mut custom = fair.clone();
                custom.rules.hours_per_mentee = 2.0;
                custom.rules.max_hours = Some(5.0);
                custom
            },
            {
                let mut custom = fair.clone();
                custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
                custom
            },
        ];
        for settings in &cases {
            check_ruled(&cohort, settings);
        }
    }
}

/// The advice by solving again (for the rules outside the network) against the network's
/// residual-graph values, on rules both apply to: two methods that share no step but the
/// solver.
#[test]
fn advice_by_re_solving_equals_the_residual_graph_values() {
    use bimbing::advice::advise_resolving;
    let cohort = generated(Preset::Custom, 40, 12, 5);
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        {
            let mut custom = Settings::default();
            custom.rules.min_mentees = 1;
            custom.rules.hours_per_mentee = 2.0;
            custom.rules.max_hours = Some(5.0);
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.objective = bimbing::settings::Objective::Fair;
            custom.rules.capacity = 2;
            custom
        },
    ];
    for settings in &cases {
        let roster = match_cohort(&cohort, settings).unwrap();
        let a = advise_ruled(&cohort, settings, &roster).unwrap().unwrap();
        let b = advise_resolving(&cohort, settings, &roster)
            .unwrap()
            .unwrap();
        assert_eq!(a.mentors.len(), b.mentors.len());
        for (x, y) in a.mentors.iter().zip(&b.mentors) {
            assert_eq!(x.extra_matched, y.extra_matched, "{x:?} {y:?}");
            assert!(
                (x.extra_score - y.extra_score).abs() <= TOLERANCE,
                "{x:?} {y:?}"
            );
        }
        assert_eq!(a.units.len(), b.units.len());
        for (x, y) in a.units.iter().zip(&b.units) {
            assert_eq!(x.slots.len(), y.slots.len(), "{}", x.unit);
            for (g, h) in x.slots.iter().zip(&y.slots) {
                assert_eq!(g.extra_matched, h.extra_matched, "{}", x.unit);
                assert!(
                    (g.extra_score - h.extra_score).abs() <= TOLERANCE,
                    "{}",
                    x.unit
                );
            }
        }
    }
}

/// The advice equals solving the match again per change: with unit shares (where it is
/// how the advice is made, as long as the work is in budget), and with minimums under the
/// fair objective (where it comes from the probes of the head).
#[test]
fn advice_outside_the_network_comes_from_re_solving() {
    use bimbing::advice::{advise_any, advise_resolving};
    let cohort = generated(Preset::Custom, 30, 8, 3);
    for settings in [
        {
            let mut custom = Settings::default();
            custom.rules.objective = bimbing::settings::Objective::Fair;
            custom.rules.min_mentees = 1;
            custom
        },
        {
            let mut custom = Settings::default();
            custom.rules.max_cross_unit_share = Some(bimbing::settings::UnitShare::All(0.3));
            custom
        },
    ] {
        let roster = match_cohort(&cohort, &settings).unwrap();
        let advice = advise_any(&cohort, &settings, &roster).unwrap().unwrap();
        let again = advise_resolving(&cohort, &settings, &roster)
            .unwrap()
            .expect("advice by solving again");
        assert_same_values(&advice, &again);
        check_mentor_slots(&cohort, &settings, &roster, &advice);
        check_units(&cohort, &settings, &roster, &advice);
    }
}

#[test]
fn no_advice_under_the_rules_that_are_not_a_network() {
    let cohort = generated(Preset::Custom, 30, 8, 3);
    let settings = {
        let mut custom = Settings::default();
        custom.rules.max_cross_unit_share = Some(bimbing::settings::UnitShare::All(0.3));
        custom.solver.mip_pairs = 0;
        custom
    };
    let roster = match_cohort(&cohort, &settings).unwrap();
    assert!(advise_ruled(&cohort, &settings, &roster).unwrap().is_none());
}

/// Under the fair objective with minimums (alone, with minimums above what hour budgets
/// leave, with one slot each, with unit-only rules), every mentor's and unit's advice from
/// the probes of the head against matching again with each change, and against solving the
/// whole match again per change ([`advise_resolving`]).
#[test]
fn advice_under_the_fair_objective_with_minimums_equals_re_matching() {
    use bimbing::advice::advise_resolving;
    use bimbing::settings::Objective;
    for (seed, mentees, mentors) in [(1, 50, 14), (2, 40, 12), (5, 60, 12)] {
        let cohort = generated(Preset::Custom, mentees, mentors, seed);
        let unit = cohort.mentees[0].unit.clone();
        let fair = {
            let mut custom = Settings::default();
            custom.rules.objective = Objective::Fair;
            custom.rules.min_mentees = 1;
            custom
        };
        let cases = [
            fair.clone(),
            {
                let mut custom = fair.clone();
                custom.rules.min_mentees = 2;
                custom.rules.hours_per_mentee = 2.0;
                custom.rules.max_hours = Some(3.0);
                custom
            },
            {
                let mut custom = fair.clone();
                custom.rules.min_mentees = 2;
                custom.rules.capacity = 1;
                custom
            },
            {
                let mut custom = fair.clone();
                custom.eligibility.same_unit_only = UnitSelection::Units(vec![unit]);
                custom
            },
        ];
        for settings in &cases {
            let a = check_ruled(&cohort, settings);
            let roster = match_cohort(&cohort, settings).unwrap();
            let b = advise_resolving(&cohort, settings, &roster)
                .unwrap()
                .expect("advice by solving again");
            assert_same_values(&a, &b);
        }
    }
    // With `same_scope_only`, each scope on its own.
    let cohort = three_largest_scopes();
    let settings = {
        let mut custom = Settings::default();
        custom.rules.objective = Objective::Fair;
        custom.rules.min_mentees = 1;
        custom.eligibility.same_scope_only = true;
        custom
    };
    let a = check_ruled(&cohort, &settings);
    let roster = match_cohort(&cohort, &settings).unwrap();
    let b = advise_resolving(&cohort, &settings, &roster)
        .unwrap()
        .expect("advice by solving again");
    assert_same_values(&a, &b);
}

/// Minimums on the rules fixture `base` (M1 in unit A with 3 slots; M2, M3 in unit B with
/// 2 and 1; four mentees), with hour budgets that leave mentors fewer slots than the
/// minimum asked: one more slot is then a minimum slot, which the optimum fills first, even
/// at a lower total. Every mentor's and unit's advice equals matching again.
#[test]
fn advice_with_minimums_equals_re_matching_on_the_rules_fixture() {
    let dir = crate::util::fixture("rules/base");
    let (cohort, _) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    for min_mentees in 1..=3 {
        for max_hours in [None, Some(1.0), Some(2.0)] {
            let settings = {
                let mut custom = Settings::default();
                custom.rules.min_mentees = min_mentees;
                custom.rules.hours_per_mentee = 1.0;
                custom.rules.max_hours = max_hours;
                custom
            };
            check_ruled(&cohort, &settings);
        }
    }
}

/// With `same_scope_only` under the network rules, each scope's advice comes from the duals
/// of its own ruled match (the largest scope is above `price_above`, which needs them) the
/// same as solving each change again with the whole match ([`advise_resolving`]), and as
/// matching again with each change made.
#[test]
fn scoped_ruled_advice_comes_from_each_scope_s_duals() {
    use bimbing::advice::advise_resolving;
    use bimbing::settings::Objective;
    let cohort = three_largest_scopes();
    let dir = tempfile::tempdir().unwrap();
    let unit = cohort.mentees[0].unit.clone();
    let scoped = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = true;
        custom
    };
    let cases = [
        {
            let mut custom = scoped.clone();
            custom.rules.min_mentees = 1;
            custom
        },
        {
            let mut custom = scoped.clone();
            custom.rules.hours_per_mentee = 2.0;
            custom.rules.max_hours = Some(5.0);
            custom
        },
        {
            let mut custom = scoped.clone();
            custom.eligibility.same_unit_only = UnitSelection::Units(vec![unit]);
            custom
        },
        {
            let mut custom = scoped.clone();
            custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
            custom
        },
        {
            let mut custom = scoped.clone();
            custom.rules.objective = Objective::Fair;
            custom.rules.capacity = 1;
            custom
        },
    ];
    for case in &cases {
        let above = {
            let mut custom = case.clone();
            custom.solver.price_above = 1000;
            custom
        };
        let roster = match_cohort(&cohort, &above).unwrap();
        assert_eq!(roster.scope_rules_certificates.len(), 3);
        let a = advise_any(&cohort, &above, &roster)
            .unwrap()
            .expect("advice from each scope's duals");
        let b = advise_resolving(&cohort, case, &roster).unwrap().unwrap();
        assert_same_values(&a, &b);
        check_mentor_slots(&cohort, &above, &roster, &a);
        check_units(&cohort, &above, &roster, &a);
        // Below price_above the scopes without duals are solved again: the same advice.
        let mut plain = roster.clone();
        plain.scope_rules_certificates.clear();
        plain.scope_certificates.clear();
        let c = advise_any(&cohort, case, &plain).unwrap().unwrap();
        assert_same_values(&a, &c);
        // Above it, without them, nothing is solved again: no advice from the scopes.
        assert!(
            bimbing::advice::advise_ruled(&cohort, &above, &plain)
                .unwrap()
                .is_none(),
            "{case:?}"
        );
    }
}

/// A mentor with no slot but a minimum asked, where no other mentor has a minimum: its one
/// more slot is a minimum slot, which the optimum fills (matched count first, then minimum
/// slots, then the total), here at a cost in score: the mentee it takes leaves a better pair.
#[test]
fn a_minimum_slot_that_only_grows_is_filled() {
    use bimbing::settings::Objective;
    let dir = crate::util::fixture("grown-minimum");
    let (cohort, _) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    for objective in [Objective::Total, Objective::Fair] {
        let settings = {
            let mut custom = Settings::default();
            custom.rules.objective = objective;
            custom
        };
        let roster = match_cohort(&cohort, &settings).unwrap();
        assert_eq!(roster.matched(), 4, "{objective:?}");
        let advice = advise_any(&cohort, &settings, &roster).unwrap().unwrap();
        let m2 = &advice.mentors[1];
        assert_eq!(m2.extra_matched, 0, "{objective:?}");
        assert!(m2.extra_score < -1e-6, "{objective:?}: {}", m2.extra_score);
        check_mentor_slots(&cohort, &settings, &roster, &advice);
        check_units(&cohort, &settings, &roster, &advice);
    }
}

/// A typical mentor whose pairs score above every pair of the cohort (a heavy unit weight,
/// and the cohort's one pair is cross-unit): the minimum slot's bonus must outweigh them
/// too, or the added mentor would take the mentee off the minimum slot.
#[test]
fn a_typical_mentor_above_the_cohort_s_scores_does_not_empty_a_minimum_slot() {
    use bimbing::settings::Objective;
    let dir = crate::util::fixture("typical-above-range");
    let (cohort, _) = read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
    for objective in [Objective::Total, Objective::Fair] {
        let mut settings = {
            let mut custom = Settings::default();
            custom.rules.objective = objective;
            custom
        };
        settings.scoring.weights.unit = 5.0;
        let roster = match_cohort(&cohort, &settings).unwrap();
        assert_eq!(roster.matched(), 1);
        let advice = advise_any(&cohort, &settings, &roster).unwrap().unwrap();
        // Unit A's typical mentor would score higher with E1, but M1's minimum comes first.
        let a = advice.units.iter().find(|u| u.unit == "A").unwrap();
        assert_eq!((a.extra_matched, a.extra_score), (0, 0.0), "{objective:?}");
        check_mentor_slots(&cohort, &settings, &roster, &advice);
        check_units(&cohort, &settings, &roster, &advice);
    }
}

/// Under unit shares (alone, per unit, as a same-unit minimum, with hour budgets, with
/// locked and forbidden pairs), every mentor's and unit's advice from the searches started
/// at the match's multipliers, against matching the whole cohort again with each change
/// (each re-match proven optimal, else the check would mean nothing).
#[test]
fn advice_under_unit_shares_equals_re_matching() {
    use bimbing::advice::{advise_any, advise_shares};
    use bimbing::settings::UnitShare;
    let dir = tempfile::tempdir().unwrap();
    let mut locked_cases = 0;
    for (seed, mentees, mentors) in [(3, 30, 8), (5, 50, 14), (2, 40, 12)] {
        let cohort = generated(Preset::Custom, mentees, mentors, seed);
        let unit = cohort.mentees[0].unit.clone();
        let cross = |f: f64| {
            let mut custom = Settings::default();
            custom.rules.max_cross_unit_share = Some(UnitShare::All(f));
            custom
        };
        let cases = [
            cross(0.3),
            cross(0.5),
            {
                let mut custom = Settings::default();
                custom.rules.max_cross_unit_share = Some(UnitShare::PerUnit([(unit, 0.2)].into()));
                custom
            },
            {
                let mut custom = Settings::default();
                custom.rules.min_same_unit_share = Some(UnitShare::All(0.6));
                custom
            },
            {
                let mut custom = cross(0.3);
                custom.rules.hours_per_mentee = 2.0;
                custom.rules.max_hours = Some(5.0);
                custom
            },
            {
                let mut custom = cross(0.6);
                custom.rules.pairs = Some(pairs_file(&cohort, dir.path()));
                custom
            },
        ];
        for (k, settings) in cases.iter().enumerate() {
            let roster = match_cohort(&cohort, settings).unwrap();
            if settings.rules.pairs.is_some() {
                if roster.status == bimbing::solve::Status::Infeasible {
                    // The locked pair alone breaks its unit's share here.
                    continue;
                }
                locked_cases += 1;
            }
            assert_eq!(
                roster.status,
                bimbing::solve::Status::Optimal,
                "seed {seed}, case {k}"
            );
            let advice = advise_shares(&cohort, settings, &roster)
                .unwrap()
                .expect("advice under unit shares");
            assert_eq!(
                advise_any(&cohort, settings, &roster).unwrap().as_ref(),
                Some(&advice)
            );
            check_shares_changes(&cohort, settings, &roster, &advice);
        }
    }
    assert!(locked_cases >= 1, "no case with locked pairs was checked");
}

/// Under unit shares with `same_scope_only` (the three largest scopes of a national cohort,
/// each scope's units with their own shares), every mentor's and unit's advice from the
/// searches of each scope against matching the whole cohort again with each change, and
/// the work added up over the scopes rather than taken over the whole cohort.
#[test]
fn scoped_advice_under_unit_shares_equals_re_matching() {
    use bimbing::advice::{advise_any, advise_shares};
    use bimbing::settings::UnitShare;
    let cohort = three_largest_scopes();
    for settings in [
        {
            let mut custom = Settings::default();
            custom.eligibility.same_scope_only = true;
            custom.rules.max_cross_unit_share = Some(UnitShare::All(0.3));
            custom
        },
        {
            let mut custom = Settings::default();
            custom.eligibility.same_scope_only = true;
            custom.rules.min_same_unit_share = Some(UnitShare::All(0.8));
            custom.rules.hours_per_mentee = 2.0;
            custom.rules.max_hours = Some(5.0);
            custom
        },
    ] {
        let roster = match_cohort(&cohort, &settings).unwrap();
        assert_eq!(roster.status, bimbing::solve::Status::Optimal);
        let advice = advise_shares(&cohort, &settings, &roster)
            .unwrap()
            .expect("advice under unit shares per scope");
        assert_eq!(
            advise_any(&cohort, &settings, &roster).unwrap().as_ref(),
            Some(&advice)
        );
        assert!(
            advice.mentors.iter().any(|a| a.extra_score != 0.0),
            "no mentor's slot changes the optimum: the check would be weak"
        );
        check_shares_changes(&cohort, &settings, &roster, &advice);
    }
}

/// Under unit shares with the fair objective (alone, per scope, with hour budgets, as a
/// same-unit minimum), every mentor's and unit's advice from the threshold searches against
/// matching the whole cohort again with each change (the fair match's own bisection, each
/// re-match proven optimal).
#[test]
fn fair_advice_under_unit_shares_equals_re_matching() {
    use bimbing::advice::{advise_any, advise_shares};
    use bimbing::settings::{Objective, UnitShare};
    let fair = |share: f64| {
        let mut custom = Settings::default();
        custom.rules.objective = Objective::Fair;
        custom.rules.max_cross_unit_share = Some(UnitShare::All(share));
        custom
    };
    let mut cases: Vec<(Cohort, Settings)> = Vec::new();
    for (seed, mentees, mentors) in [(3, 30, 8), (5, 50, 14), (2, 40, 12)] {
        let cohort = generated(Preset::Custom, mentees, mentors, seed);
        cases.push((cohort.clone(), fair(0.3)));
        cases.push((cohort.clone(), {
            let mut custom = fair(0.5);
            custom.rules.capacity = 1;
            custom.rules.hours_per_mentee = 2.0;
            custom.rules.max_hours = Some(5.0);
            custom
        }));
        cases.push((cohort, {
            let mut custom = Settings::default();
            custom.rules.objective = Objective::Fair;
            custom.rules.min_same_unit_share = Some(UnitShare::All(0.6));
            custom
        }));
    }
    cases.push((three_largest_scopes(), {
        let mut custom = fair(0.3);
        custom.eligibility.same_scope_only = true;
        custom
    }));
    let mut thresholds_moved = 0;
    for (k, (cohort, settings)) in cases.iter().enumerate() {
        let roster = match_cohort(cohort, settings).unwrap();
        assert_eq!(roster.status, bimbing::solve::Status::Optimal, "case {k}");
        let advice = advise_shares(cohort, settings, &roster)
            .unwrap()
            .expect("fair advice under unit shares");
        assert_eq!(
            advise_any(cohort, settings, &roster).unwrap().as_ref(),
            Some(&advice)
        );
        check_shares_changes(cohort, settings, &roster, &advice);
        // A change that lifts the lowest score, or matches one more at a lower one: the
        // threshold searches must have moved away from the roster's threshold.
        let lowest = |r: &Roster| {
            r.pairs
                .iter()
                .flatten()
                .map(|p| p.score.score)
                .fold(f64::INFINITY, f64::min)
        };
        thresholds_moved += (0..cohort.mentors.len())
            .filter(|&j| {
                advice.mentors[j].extra_matched > 0 || advice.mentors[j].extra_score != 0.0
            })
            .filter(|&j| {
                let r = match_cohort(&raised(cohort, settings, &roster, j), settings).unwrap();
                (lowest(&r) - lowest(&roster)).abs() > 1e-9
            })
            .count();
    }
    assert!(
        thresholds_moved > 0,
        "no change moved the lowest score: the threshold searches were not tested"
    );
}

/// [`check_mentor_slots`] and [`check_units`] (every slot of each typical mentor), with
/// every re-match proven optimal.
fn check_shares_changes(cohort: &Cohort, settings: &Settings, roster: &Roster, advice: &Advice) {
    let before = (roster.matched(), roster.total_score());
    let proven = |changed: &Cohort| {
        let r = match_cohort(changed, settings).unwrap();
        assert_eq!(r.status, bimbing::solve::Status::Optimal, "re-match proven");
        (r.matched(), r.total_score())
    };
    for (j, a) in advice.mentors.iter().enumerate() {
        assert_change(
            &format!("mentor {j}"),
            a.extra_matched,
            a.extra_score,
            before,
            proven(&raised(cohort, settings, roster, j)),
        );
    }
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
    assert_eq!(typical.len(), advice.units.len());
    for (t, u) in typical.iter().zip(&advice.units) {
        let mut sum = Gain::default();
        for s in 1..=t.mentor.capacity.unwrap() {
            if let Some(g) = u.slots.get(s as usize - 1) {
                sum = Gain::total(&[sum, *g]);
            }
            let mut grown = cohort.clone();
            let mut mentor = t.mentor.clone();
            mentor.capacity = Some(s);
            grown.mentors.push(mentor);
            assert_change(
                &format!("unit {} with {s} slots", u.unit),
                sum.extra_matched,
                sum.extra_score,
                before,
                proven(&grown),
            );
        }
    }
}

/// A small problem under a unit share: per mentee its unit and pairs `(mentor, score)`,
/// per mentor its unit and capacity, per unit its largest cross-unit share (or none).
#[derive(Debug, Clone)]
struct SharesInstance {
    mentee_unit: Vec<u32>,
    lists: Vec<Vec<(u32, f64)>>,
    mentor_unit: Vec<u32>,
    capacity: Vec<u32>,
    share: Vec<Option<f64>>,
}

fn shares_instance() -> impl Strategy<Value = SharesInstance> {
    (1usize..=6, 1usize..=3).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(0u32..2, n),
            prop::collection::vec(
                prop::collection::vec((prop::bool::weighted(0.7), score()), m),
                n,
            ),
            prop::collection::vec(0u32..2, m),
            prop::collection::vec(0u32..=2, m),
            prop::collection::vec(
                prop_oneof![
                    Just(None),
                    Just(Some(0.0)),
                    Just(Some(0.3)),
                    Just(Some(0.5))
                ],
                2,
            ),
        )
            .prop_map(|(mentee_unit, cells, mentor_unit, capacity, share)| {
                let lists = cells
                    .iter()
                    .map(|row| {
                        row.iter()
                            .enumerate()
                            .filter(|(_, (keep, _))| *keep)
                            .map(|(j, (_, s))| (j as u32, *s))
                            .collect()
                    })
                    .collect();
                SharesInstance {
                    mentee_unit,
                    lists,
                    mentor_unit,
                    capacity,
                    share,
                }
            })
    })
}

impl SharesInstance {
    /// The rules' model of the instance, with these capacities.
    fn model(&self, capacity: &[u32]) -> bimbing::rules::solve::Model {
        let problem = Problem::from_lists(capacity.to_vec(), &self.lists);
        let e = problem.n_edges();
        let share_group = (0..problem.n_mentees())
            .flat_map(|i| {
                let u = self.mentee_unit[i];
                self.lists[i].iter().map(move |&(j, _)| (u, j))
            })
            .map(|(u, j)| self.share[u as usize].map(|_| (u, self.mentor_unit[j as usize] != u)))
            .collect();
        bimbing::rules::solve::Model {
            base: problem.score.clone(),
            problem,
            graph_edge: (0..e).map(bimbing::model::index::GraphEdge).collect(),
            tier: vec![false; e],
            mentee_node: (0..self.lists.len())
                .map(bimbing::model::index::NodeOrder)
                .collect(),
            locked: Vec::new(),
            locked_value: 0.0,
            continuity: false,
            share_group,
            locked_per_unit: vec![(0, 0); self.share.len()],
            max_cross_share: self.share.clone(),
        }
    }

    /// The base and each changed optimum of `optima` against `enumerate` (the instance's
    /// capacities, and each change `(mentor, capacity)` of `changes` made alone).
    fn check_optima(
        &self,
        optima: &bimbing::rules::ShareOptima,
        changes: &[(usize, u32)],
        enumerate: impl Fn(&[u32]) -> (usize, f64),
    ) -> Result<(), TestCaseError> {
        let close = |a: (usize, f64), b: (usize, f64)| a.0 == b.0 && (a.1 - b.1).abs() <= TOLERANCE;
        let base = enumerate(&self.capacity);
        prop_assert!(close(optima.base, base), "{:?} vs {base:?}", optima.base);
        prop_assert_eq!(optima.changed.len(), changes.len());
        for (&(j, c), &got) in changes.iter().zip(&optima.changed) {
            let mut capacity = self.capacity.clone();
            capacity[j] = c;
            let want = enumerate(&capacity);
            prop_assert!(close(got, want), "mentor {j}: {got:?} vs {want:?}");
        }
        Ok(())
    }

    /// `(matched, total)` of the best assignment holding the shares, by enumeration.
    fn brute_force(&self, capacity: &[u32]) -> (usize, f64) {
        self.enumerate(capacity).0
    }

    /// `(matched, total)` of the fair optimum holding the shares, by enumeration: the most
    /// matched, then the highest lowest score, then the highest total.
    fn brute_force_fair(&self, capacity: &[u32]) -> (usize, f64) {
        self.enumerate(capacity).1
    }

    /// The best assignment holding the shares for the total, and for the fair objective.
    fn enumerate(&self, capacity: &[u32]) -> ((usize, f64), (usize, f64)) {
        struct Walk<'a> {
            t: &'a SharesInstance,
            capacity: &'a [u32],
            load: Vec<u32>,
            /// Per unit: matched, and matched across units.
            counts: Vec<(u32, u32)>,
            /// The scores of the pairs taken so far.
            taken: Vec<f64>,
            best: (usize, f64),
            /// Matched, lowest score, total.
            fair: (usize, f64, f64),
        }
        fn go(w: &mut Walk, i: usize, cur: (usize, f64)) {
            let t = w.t;
            if i == t.lists.len() {
                let holds = w.counts.iter().enumerate().all(|(u, &(total, cross))| {
                    t.share[u].map_or(true, |f| f64::from(cross) <= f * f64::from(total) + 1e-9)
                });
                let better = cur.0 > w.best.0 || (cur.0 == w.best.0 && cur.1 > w.best.1 + 1e-12);
                if holds && better {
                    w.best = cur;
                }
                let lowest = w.taken.iter().copied().fold(f64::INFINITY, f64::min);
                let (count, low, total) = w.fair;
                let fairer = cur.0 > count
                    || (cur.0 == count
                        && (lowest > low + 1e-9
                            || ((lowest - low).abs() <= 1e-9 && cur.1 > total + 1e-12)));
                if holds && fairer {
                    w.fair = (cur.0, lowest, cur.1);
                }
                return;
            }
            go(w, i + 1, cur);
            let u = t.mentee_unit[i] as usize;
            for &(j, s) in &t.lists[i] {
                let j = j as usize;
                if w.load[j] < w.capacity[j] {
                    let cross = u32::from(t.mentor_unit[j] as usize != u);
                    w.load[j] += 1;
                    w.counts[u].0 += 1;
                    w.counts[u].1 += cross;
                    w.taken.push(s);
                    go(w, i + 1, (cur.0 + 1, cur.1 + s));
                    w.taken.pop();
                    w.load[j] -= 1;
                    w.counts[u].0 -= 1;
                    w.counts[u].1 -= cross;
                }
            }
        }
        let mut w = Walk {
            t: self,
            capacity,
            load: vec![0; capacity.len()],
            counts: vec![(0, 0); self.share.len()],
            taken: Vec::new(),
            best: (0, 0.0),
            fair: (0, f64::INFINITY, 0.0),
        };
        go(&mut w, 0, (0, 0.0));
        (w.best, (w.fair.0, w.fair.2))
    }
}

/// Checks [`Model::share_optima`]'s optima against enumeration: the problem's own, and
/// with each mentor's capacity raised by one (`None` from the relaxation alone is allowed,
/// never a wrong value). Gives how many optima the branch and bound proved, when given.
fn check_share_optima(
    inst: &SharesInstance,
    mip: (usize, f64),
) -> Result<Option<usize>, TestCaseError> {
    let settings = Settings::default();
    let m = inst.capacity.len();
    let changes: Vec<(usize, u32)> = (0..m).map(|j| (j, inst.capacity[j] + 1)).collect();
    let model = inst.model(&inst.capacity);
    let Some(optima) = model
        .share_optima(&settings.solver, &vec![false; m], &changes, mip)
        .unwrap()
    else {
        return Ok(None);
    };
    inst.check_optima(&optima, &changes, |c| inst.brute_force(c))?;
    let proofs = std::iter::once(&optima.base_proof).chain(&optima.proofs);
    Ok(Some(
        proofs
            .filter(|&&p| p == bimbing::rules::Proof::Branched)
            .count(),
    ))
}

/// Checks [`Model::fair_share_optima`]'s fair optima against enumeration, as
/// [`check_share_optima`] checks those of the total, with the threshold searches started at
/// `guess` (an index into the instance's scores, or none).
fn check_fair_share_optima(
    inst: &SharesInstance,
    guess: Option<usize>,
) -> Result<(), TestCaseError> {
    let settings = Settings::default();
    let m = inst.capacity.len();
    let changes: Vec<(usize, u32)> = (0..m).map(|j| (j, inst.capacity[j] + 1)).collect();
    let model = inst.model(&inst.capacity);
    let guess = guess.and_then(|k| model.base.get(k % model.base.len().max(1)).copied());
    let optima = model
        .fair_share_optima(
            &settings.solver,
            &vec![false; m],
            &changes,
            (usize::MAX, 10.0),
            guess,
        )
        .unwrap();
    prop_assert!(optima.is_some(), "no fair optima");
    inst.check_optima(&optima.unwrap(), &changes, |c| inst.brute_force_fair(c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases(300)))]

    /// With the integer program for what the relaxation leaves, every optimum is given.
    #[test]
    fn share_optima_equal_exhaustive_enumeration(inst in shares_instance()) {
        prop_assert!(check_share_optima(&inst, (usize::MAX, 10.0))?.is_some(), "no optima");
    }

    /// The fair optima under the shares, from any guess of the threshold, equal enumeration.
    #[test]
    fn fair_share_optima_equal_exhaustive_enumeration(
        inst in shares_instance(),
        guess in prop::option::of(0usize..20),
    ) {
        check_fair_share_optima(&inst, guess)?;
    }

}

/// From the relaxation and its branch and bound alone (no integer program), every optimum
/// is proven and equals enumeration; some of them only the branch and bound proved (where
/// the relaxation's bound stays above every roster), so it is tested, not just present.
#[test]
fn share_optima_from_the_relaxation_alone_are_exact() {
    let mut runner =
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(proptest_cases(300)));
    let (tried, given, branched) = (
        std::cell::Cell::new(0),
        std::cell::Cell::new(0),
        std::cell::Cell::new(0),
    );
    runner
        .run(&shares_instance(), |inst| {
            tried.set(tried.get() + 1);
            if let Some(b) = check_share_optima(&inst, (0, 0.0))? {
                given.set(given.get() + 1);
                branched.set(branched.get() + b);
            }
            Ok(())
        })
        .unwrap();
    let (tried, given, branched) = (tried.get(), given.get(), branched.get());
    assert_eq!(given, tried, "given {given} of {tried}");
    assert!(
        branched > 0,
        "the branch and bound proved none of the optima"
    );
}
