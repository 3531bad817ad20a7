//! The two exact solvers of `bimbing::solve` against independent methods.
//!
//! The assignment's objective is lexicographic: first the most matched mentees (each mentee
//! at most one mentor, each mentor at most `capacity` mentees, only listed pairs), then the
//! highest total score among those. Both crate methods — the min-cost flow
//! ([`SolverChoice::Network`]) and the two-stage linear program ([`SolverChoice::Lp`]) — are
//! compared here with answers computed in this file by methods that share no code with them:
//!
//! - [`brute_force`] enumerates every feasible assignment recursively and keeps the
//!   lexicographic best. It is obviously correct and needs no rounding, but is exponential, so
//!   it is used on instances of at most 7 mentees and 4 mentors.
//! - [`kuhn_munkres_optimum`] reduces the problem to a square-ish assignment problem (one
//!   column per mentor *slot*, plus one "unmatched" column per mentee) with integer weights in
//!   which a large constant per matched pair makes cardinality dominate, and solves it with
//!   the Hungarian algorithm of the `pathfinding` crate. It handles instances of 40 mentees by
//!   12 mentors in well under a millisecond.
//!
//! Only the optimum *value* — matched count and total score — is compared: ties between
//! rosters are common (the generated scores repeat on purpose), so the rosters themselves may
//! legitimately differ. Counts must agree exactly; totals within [`TOLERANCE`], because the
//! network method (and the Hungarian oracle) round scores to 1e-9.
//!
//! Every solution is also checked on its own: feasible (by the crate's `check_feasible` and
//! by an independent check), with `matched` and `total_score` consistent with `edge_of`, and
//! the status `Optimal`. Hand-worked known answers close the file.

use bimbing::settings::SolverChoice;
use bimbing::solve::{check_feasible, solve, Problem, Solution, Status};
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::util::proptest_cases;

/// Largest allowed difference between two optimal total scores.
const TOLERANCE: f64 = 1e-6;

/// Resolution of the integer weights of the Hungarian oracle (the network method's too).
const SCALE: f64 = 1e9;

/// A generated instance in list form, so that a failing case prints readably: per mentee,
/// its eligible `(mentor, score)` pairs.
#[derive(Debug, Clone)]
struct Instance {
    capacity: Vec<u32>,
    lists: Vec<Vec<(u32, f64)>>,
}

impl Instance {
    /// The crate's compact form of the instance.
    fn problem(&self) -> Problem {
        Problem::from_lists(self.capacity.clone(), &self.lists)
    }
}

/// The value of an assignment under the lexicographic objective.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Optimum {
    matched: usize,
    score: f64,
}

/// Scores as the matcher produces them and worse: multiples of 0.05 in [-0.4, 1.0] (many
/// ties, some negative), a tiny set of values (ties everywhere), and arbitrary floats on a
/// small and a large range.
fn score_strategy() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => (-8i32..=20).prop_map(|k| f64::from(k) * 0.05),
        1 => prop::sample::select(vec![0.0, 0.5, 1.0]),
        1 => -1.0f64..1.0,
        1 => -1000.0f64..1000.0,
    ]
    .boxed()
}

/// Probability that a given (mentee, mentor) pair is eligible: none, all, or in between.
fn density_strategy() -> BoxedStrategy<f64> {
    prop_oneof![1 => Just(0.0), 2 => Just(1.0), 6 => 0.05f64..0.95].boxed()
}

/// Random instances with `0..=max_mentees` mentees, `0..=max_mentors` mentors of capacity
/// `0..=max_capacity`, and each mentee's list in random order (each mentor at most once).
fn instance_strategy(
    min_mentees: usize,
    max_mentees: usize,
    min_mentors: usize,
    max_mentors: usize,
    max_capacity: u32,
) -> impl Strategy<Value = Instance> {
    (
        min_mentees..=max_mentees,
        prop::collection::vec(0..=max_capacity, min_mentors..=max_mentors),
        density_strategy(),
    )
        .prop_flat_map(|(n, capacity, density)| {
            let m = capacity.len();
            let row = prop::collection::vec((prop::bool::weighted(density), score_strategy()), m)
                .prop_map(|cells| {
                    cells
                        .into_iter()
                        .enumerate()
                        .filter(|(_, (present, _))| *present)
                        .map(|(j, (_, score))| (j as u32, score))
                        .collect::<Vec<_>>()
                })
                .prop_shuffle();
            (Just(capacity), prop::collection::vec(row, n))
        })
        .prop_map(|(capacity, lists)| Instance { capacity, lists })
}

/// The exact optimum by exhaustive enumeration: every mentee in turn is left unmatched or
/// given each eligible mentor that still has room. Exponential; for ≤ 7 mentees only.
fn brute_force(problem: &Problem) -> Optimum {
    fn extend(
        problem: &Problem,
        mentee: usize,
        loads: &mut [u32],
        current: Optimum,
        best: &mut Optimum,
    ) {
        if mentee == problem.n_mentees() {
            if current.matched > best.matched
                || (current.matched == best.matched && current.score > best.score)
            {
                *best = current;
            }
            return;
        }
        extend(problem, mentee + 1, loads, current, best);
        for e in problem.edges(mentee) {
            let j = problem.mentor[e] as usize;
            if loads[j] < problem.capacity[j] {
                loads[j] += 1;
                let next = Optimum {
                    matched: current.matched + 1,
                    score: current.score + problem.score[e],
                };
                extend(problem, mentee + 1, loads, next, best);
                loads[j] -= 1;
            }
        }
    }
    assert!(
        problem.n_mentees() <= 7,
        "brute force is for tiny instances"
    );
    let empty = Optimum {
        matched: 0,
        score: 0.0,
    };
    let mut best = empty;
    extend(
        problem,
        0,
        &mut vec![0; problem.n_mentors()],
        empty,
        &mut best,
    );
    best
}

/// The exact optimum by the Hungarian algorithm on the slot-expanded weight matrix.
///
/// Rows are mentees; columns are one per mentor slot, then one "unmatched" column per mentee
/// (so rows ≤ columns, as `kuhn_munkres` requires). An eligible pair weighs
/// `big + round(score · 1e9)` in every slot of its mentor, an unmatched column 0, an
/// ineligible cell `forbidden`. With `w` the largest |rounded score| and `n` mentees, any
/// assignment's score part lies in `[-n·w, n·w]`, so `big = 2·n·w + 1` makes one more
/// matched mentee outweigh any score difference; and `forbidden = -(n + 1)·(big + w)` makes
/// any assignment using an ineligible cell weigh less than 0, the all-unmatched assignment.
/// The count and total are then read off the assignment with the float scores.
fn kuhn_munkres_optimum(problem: &Problem) -> Optimum {
    let n = problem.n_mentees();
    let mut optimum = Optimum {
        matched: 0,
        score: 0.0,
    };
    if n == 0 {
        return optimum;
    }
    let scaled: Vec<i64> = problem
        .score
        .iter()
        .map(|&s| (s * SCALE).round() as i64)
        .collect();
    let w = scaled.iter().map(|x| x.abs()).max().unwrap_or(0);
    let n64 = n as i64;
    let big = 2 * n64 * w + 1;
    let forbidden = -(n64 + 1) * (big + w);

    let slot_mentor: Vec<usize> = (0..problem.n_mentors())
        .flat_map(|j| std::iter::repeat(j).take(problem.capacity[j] as usize))
        .collect();
    let slots = slot_mentor.len();
    let mut weights = Matrix::new(n, slots + n, forbidden);
    for i in 0..n {
        for c in slots..slots + n {
            weights[(i, c)] = 0;
        }
        for e in problem.edges(i) {
            for (c, &j) in slot_mentor.iter().enumerate() {
                if j == problem.mentor[e] as usize {
                    weights[(i, c)] = big + scaled[e];
                }
            }
        }
    }

    let (_, columns) = kuhn_munkres(&weights);
    for (i, &c) in columns.iter().enumerate() {
        assert_ne!(
            weights[(i, c)],
            forbidden,
            "the oracle chose an ineligible cell"
        );
        if c < slots {
            let e = problem
                .edges(i)
                .find(|&e| problem.mentor[e] as usize == slot_mentor[c])
                .expect("an eligible cell has its edge");
            optimum.matched += 1;
            optimum.score += problem.score[e];
        }
    }
    optimum
}

/// Solves with `method` and checks the solution on its own: the crate's and an independent
/// feasibility check, `matched` and `total_score` consistent with `edge_of`, the method
/// recorded and the status `Optimal`. Returns the solution's value.
fn solve_checked(problem: &Problem, method: SolverChoice) -> Result<Optimum, TestCaseError> {
    let solution: Solution = solve(problem, method)
        .map_err(|e| TestCaseError::fail(format!("{method:?} failed: {e}")))?;
    check_feasible(problem, &solution.edge_of).map_err(TestCaseError::fail)?;

    prop_assert_eq!(solution.edge_of.len(), problem.n_mentees());
    let mut loads = vec![0u32; problem.n_mentors()];
    let mut matched = 0;
    let mut score = 0.0;
    for (i, edge) in solution.edge_of.iter().enumerate() {
        if let Some(e) = *edge {
            prop_assert!(
                problem.edges(i).contains(&e),
                "mentee {} given edge {} outside its list",
                i,
                e
            );
            let j = problem.mentor[e] as usize;
            loads[j] += 1;
            matched += 1;
            score += problem.score[e];
        }
    }
    for (j, (&load, &cap)) in loads.iter().zip(&problem.capacity).enumerate() {
        prop_assert!(
            load <= cap,
            "mentor {} has {} mentees, capacity {}",
            j,
            load,
            cap
        );
    }
    prop_assert_eq!(solution.matched, matched, "matched vs edge_of");
    prop_assert!(
        (solution.total_score - score).abs() <= 1e-9 * (1.0 + score.abs()),
        "total_score {} but edge_of sums to {}",
        solution.total_score,
        score
    );
    prop_assert_eq!(solution.status, Status::Optimal);
    prop_assert_eq!(solution.method, method);
    Ok(Optimum {
        matched: solution.matched,
        score: solution.total_score,
    })
}

/// Fails unless two optima agree: counts exactly, totals within [`TOLERANCE`].
fn assert_same(what: &str, got: Optimum, want: Optimum) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.matched, want.matched, "{}: matched count", what);
    prop_assert!(
        (got.score - want.score).abs() <= TOLERANCE,
        "{}: total score {} but the optimum is {}",
        what,
        got.score,
        want.score
    );
    Ok(())
}

/// A proptest configuration with `cases` cases (`PROPTEST_CASES` when set) and no regression
/// files (this module owns only its source file; minimal failing cases found so far are kept
/// as explicit tests).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: proptest_cases(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// The network method is feasible and reaches the brute-force optimum.
    #[test]
    fn network_matches_brute_force(instance in instance_strategy(0, 7, 0, 4, 3)) {
        let problem = instance.problem();
        let got = solve_checked(&problem, SolverChoice::Network)?;
        assert_same("network vs brute force", got, brute_force(&problem))?;
    }

    /// The two oracles agree with each other, so neither is trusted blindly.
    #[test]
    fn kuhn_munkres_matches_brute_force(instance in instance_strategy(0, 7, 0, 4, 3)) {
        let problem = instance.problem();
        assert_same(
            "kuhn_munkres vs brute force",
            kuhn_munkres_optimum(&problem),
            brute_force(&problem),
        )?;
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// The LP method is feasible, proven optimal, and reaches the brute-force optimum.
    #[test]
    fn lp_matches_brute_force(instance in instance_strategy(0, 7, 0, 4, 3)) {
        let problem = instance.problem();
        let got = solve_checked(&problem, SolverChoice::Lp)?;
        assert_same("lp vs brute force", got, brute_force(&problem))?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// On instances too large to enumerate, the network method reaches the Hungarian optimum.
    #[test]
    fn network_matches_kuhn_munkres(instance in instance_strategy(1, 40, 1, 12, 4)) {
        let problem = instance.problem();
        let got = solve_checked(&problem, SolverChoice::Network)?;
        assert_same("network vs kuhn_munkres", got, kuhn_munkres_optimum(&problem))?;
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// On medium instances the two crate methods agree with each other and the oracle.
    #[test]
    fn network_matches_lp_on_medium_instances(instance in instance_strategy(8, 20, 2, 6, 3)) {
        let problem = instance.problem();
        let network = solve_checked(&problem, SolverChoice::Network)?;
        let lp = solve_checked(&problem, SolverChoice::Lp)?;
        assert_same("network vs lp", network, lp)?;
        assert_same("lp vs kuhn_munkres", lp, kuhn_munkres_optimum(&problem))?;
    }
}

/// Runs every method (both crate solvers and both oracles) on a hand-worked instance and
/// checks the expected count and total; when `mentors` is given, the crate solvers' rosters
/// must be exactly that (only for instances whose optimum is unique).
fn known_answer(
    capacity: Vec<u32>,
    lists: &[Vec<(u32, f64)>],
    matched: usize,
    total: f64,
    mentors: Option<&[Option<u32>]>,
) {
    let problem = Problem::from_lists(capacity, lists);
    let want = Optimum {
        matched,
        score: total,
    };
    assert_same("brute force", brute_force(&problem), want).unwrap();
    assert_same("kuhn_munkres", kuhn_munkres_optimum(&problem), want).unwrap();
    for method in [SolverChoice::Network, SolverChoice::Lp] {
        let got = solve_checked(&problem, method).unwrap();
        assert_same(&format!("{method:?}"), got, want).unwrap();
        if let Some(mentors) = mentors {
            let solution = solve(&problem, method).unwrap();
            assert_eq!(solution.mentor_of(&problem), mentors, "{method:?} roster");
        }
    }
}

#[test]
fn one_slot_contested_by_two_mentees_goes_to_the_higher_score() {
    // Mentor 0 has one slot; mentee 0 scores 0.3 with it, mentee 1 scores 0.7. Either
    // way one mentee is matched, so the score decides: mentee 1, total 0.7.
    known_answer(
        vec![1],
        &[vec![(0, 0.3)], vec![(0, 0.7)]],
        1,
        0.7,
        Some(&[None, Some(0)]),
    );
}

#[test]
fn cardinality_beats_a_single_high_score() {
    // Mentee 0: mentor 0 at 1.0 or mentor 1 at -0.4; mentee 1: only mentor 0, at 0.0.
    // Giving mentor 0 to mentee 0 matches one mentee (total 1.0); giving it to mentee 1 and
    // mentor 1 to mentee 0 matches two (total -0.4 + 0.0 = -0.4). Two beats one, even at a
    // negative total.
    known_answer(
        vec![1, 1],
        &[vec![(0, 1.0), (1, -0.4)], vec![(0, 0.0)]],
        2,
        -0.4,
        Some(&[Some(1), Some(0)]),
    );
}

#[test]
fn a_capacity_two_mentor_shared_by_three_mentees() {
    // Mentor 0 takes 2, mentor 1 takes 1; each mentee lists both (mentor 0 / mentor 1):
    // mentee 0: 0.9 / 0.1, mentee 1: 0.6 / 0.5, mentee 2: 0.7 / 0.2. Three slots for three
    // mentees, so all are matched and exactly one goes to mentor 1, losing 0.8, 0.1 or 0.5
    // against mentor 0. Sending mentee 1 loses least: 0.9 + 0.5 + 0.7 = 2.1.
    known_answer(
        vec![2, 1],
        &[
            vec![(0, 0.9), (1, 0.1)],
            vec![(1, 0.5), (0, 0.6)],
            vec![(0, 0.7), (1, 0.2)],
        ],
        3,
        2.1,
        Some(&[Some(0), Some(1), Some(0)]),
    );
}

#[test]
fn greedy_by_score_is_not_optimal() {
    // Mentee 0: mentor 0 at 1.0, mentor 1 at 0.9; mentee 1: mentor 0 at 0.95, mentor 1 at
    // 0.1. Greedy (best pair first) gives mentee 0 mentor 0 and mentee 1 mentor 1:
    // 1.0 + 0.1 = 1.1. Swapping gives 0.9 + 0.95 = 1.85, the optimum.
    known_answer(
        vec![1, 1],
        &[vec![(0, 1.0), (1, 0.9)], vec![(0, 0.95), (1, 0.1)]],
        2,
        1.85,
        Some(&[Some(1), Some(0)]),
    );
}

#[test]
fn many_mentees_on_one_slot_take_the_best() {
    // More mentees than slots (the network places mentor slots): one slot, four mentees
    // at 0.3, -0.2, 0.8, 0.5; the 0.8 one wins.
    known_answer(
        vec![1],
        &[
            vec![(0, 0.3)],
            vec![(0, -0.2)],
            vec![(0, 0.8)],
            vec![(0, 0.5)],
        ],
        1,
        0.8,
        Some(&[None, None, Some(0), None]),
    );
}

#[test]
fn ties_give_the_same_value_whichever_roster() {
    // Two mentees both at 0.5 for one slot: one is matched, total 0.5 (either roster).
    known_answer(vec![1], &[vec![(0, 0.5)], vec![(0, 0.5)]], 1, 0.5, None);
}

#[test]
fn negative_scores_are_still_matched() {
    // The only possible pair scores -0.4; matching it is one more mentee, so it is taken.
    known_answer(vec![1], &[vec![(0, -0.4)]], 1, -0.4, Some(&[Some(0)]));
}

#[test]
fn nothing_to_match() {
    // No mentees; no mentors; a mentee without a list; a mentor of capacity 0: nobody can be
    // matched, total 0.
    known_answer(vec![], &[], 0, 0.0, Some(&[]));
    known_answer(vec![], &[vec![]], 0, 0.0, Some(&[None]));
    known_answer(vec![2], &[vec![], vec![]], 0, 0.0, Some(&[None, None]));
    known_answer(vec![0], &[vec![(0, 1.0)]], 0, 0.0, Some(&[None]));
}
