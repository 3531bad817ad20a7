//! Tests of the gains of one more slot, worked out by hand.

use crate::solve::network::Costing;

use super::*;
use crate::solve::solve;
use crate::solve::SolverChoice;

fn gains(capacity: Vec<u32>, lists: &[Vec<(u32, f64)>]) -> Vec<Gain> {
    let p = Problem::from_lists(capacity, lists);
    let sol = solve(&p, SolverChoice::Network).unwrap();
    let v = SlotValues::new(&p, &sol.edge_of, Costing::for_problem(&p)).unwrap();
    assert!(v.from_given());
    v.mentor_gains()
}

fn close(g: Gain, matched: u32, score: f64) {
    assert_eq!(g.extra_matched, matched, "{g:?}");
    assert!((g.extra_score - score).abs() < 1e-12, "{g:?} vs {score}");
}

/// Three mentors, five mentees:
///
/// | mentee | A (cap 1) | B (cap 1) | C (cap 2) |
/// |--------|-----------|-----------|-----------|
/// | m0     | 0.9       |           |           |
/// | m1     | 0.8       |           | 0.3       |
/// | m2     |           | 0.6       |           |
/// | m3     |           | 0.5       |           |
/// | m4     |           |           | 0.4       |
///
/// At most 4 can be matched: B takes only one of m2, m3. With 4 matched, A must take m0
/// (else m0 is unmatched and m1 cannot make up for it: A-m1, C-m4, B-m2 is 3), so m1 goes
/// to C with m4, and B takes m2 (0.6 > 0.5). Optimum: 4 matched, 0.9 + 0.3 + 0.4 + 0.6 =
/// 2.2, m3 unmatched.
///
/// - One more slot for A: m1 moves from C (0.3) to A (0.8); nobody new can be matched
///   (m3 is eligible only for B). Gain: 0 matched, +0.5.
/// - One more slot for B: B takes m3 too. Gain: 1 matched, +0.5.
/// - One more slot for C: C already has both its eligible mentees. Gain: nothing.
fn fixture() -> (Vec<u32>, Vec<Vec<(u32, f64)>>) {
    (
        vec![1, 1, 2],
        vec![
            vec![(0, 0.9)],
            vec![(0, 0.8), (2, 0.3)],
            vec![(1, 0.6)],
            vec![(1, 0.5)],
            vec![(2, 0.4)],
        ],
    )
}

#[test]
fn hand_worked_three_mentors_five_mentees() {
    let (capacity, lists) = fixture();
    let g = gains(capacity, &lists);
    close(g[0], 0, 0.5);
    close(g[1], 1, 0.5);
    close(g[2], 0, 0.0);
}

#[test]
fn matching_one_more_may_lower_the_score() {
    // A (cap 0): m0 0.1. B (cap 1): m0 0.9, m1 0.2. Optimum: B-m0 (0.9), m1 unmatched.
    // One more slot for A: A-m0 and B-m1 match both, 0.1 + 0.2 = 0.3: +1 matched, -0.6.
    // One more slot for B: B takes m1 too: +1, +0.2.
    let g = gains(vec![0, 1], &[vec![(0, 0.1), (1, 0.9)], vec![(1, 0.2)]]);
    close(g[0], 1, 0.3 - 0.9);
    close(g[1], 1, 0.2);
}

#[test]
fn a_mentor_with_room_gains_nothing() {
    let g = gains(vec![3, 1], &[vec![(0, 0.5), (1, 0.9)], vec![(1, 0.8)]]);
    // A (cap 3): m0 0.5. B (cap 1): m0 0.9, m1 0.8. Matching both needs A-m0 and B-m1:
    // optimum 2 matched, 1.3. A has room: one more slot adds nothing. One more slot for
    // B: B-m0 0.9 + B-m1 0.8 = 1.7: 0 matched, +0.4.
    close(g[0], 0, 0.0);
    close(g[1], 0, 0.4);
}

#[test]
fn a_new_mentor_slot_by_slot() {
    let (capacity, lists) = fixture();
    let p = Problem::from_lists(capacity, &lists);
    let sol = solve(&p, SolverChoice::Network).unwrap();
    let v = SlotValues::new(&p, &sol.edge_of, Costing::new(0.0, 1.0, 10)).unwrap();
    // A new mentor eligible for m3 (0.5) and m1 (1.0), capacity 3:
    // slot 1: m3 is matched (+1, +0.5) -- matching one more comes first;
    // slot 2: m1 moves from C (0.3) to it (1.0): +0.7;
    // slot 3: nothing left to gain.
    let got = v.added_mentor(&AddedMentor {
        bonus: Vec::new(),
        pairs: vec![(1, 1.0), (3, 0.5)],
        capacity: 3,
    });
    assert_eq!(got.len(), 2);
    close(got[0], 1, 0.5);
    close(got[1], 0, 0.7);
    close(Gain::total(&got), 1, 1.2);
    // The base is untouched: the mentor gains are still those of the roster.
    let g = v.mentor_gains();
    close(g[1], 1, 0.5);
}

#[test]
fn a_non_optimal_assignment_falls_back_to_the_optimum() {
    let (capacity, lists) = fixture();
    let p = Problem::from_lists(capacity, &lists);
    // Only m0 matched: feasible, far from optimal.
    let edge_of = vec![Some(0), None, None, None, None];
    let v = SlotValues::new(&p, &edge_of, Costing::for_problem(&p)).unwrap();
    assert!(!v.from_given());
    let g = v.mentor_gains();
    close(g[0], 0, 0.5);
    close(g[1], 1, 0.5);
}
