//! Tests of the network method on small problems.

use super::*;

fn run(capacity: Vec<u32>, lists: &[Vec<(u32, f64)>]) -> Vec<Option<u32>> {
    let p = Problem::from_lists(capacity, lists);
    let (edge_of, _) = solve(&p).unwrap();
    super::super::check_feasible(&p, &edge_of).unwrap();
    edge_of.iter().map(|e| e.map(|e| p.mentor[e])).collect()
}

#[test]
fn the_better_scoring_mentee_wins_a_contested_slot() {
    // one slot, two mentees: 0.1 vs 0.9 -> the second gets it
    assert_eq!(
        run(vec![1], &[vec![(0, 0.1)], vec![(0, 0.9)]]),
        [None, Some(0)]
    );
}

#[test]
fn cardinality_comes_before_score() {
    // mentee 0 loves mentor 0 (0.9) but mentee 1 can only take mentor 0:
    // matching both (0.2 + 0.1) beats matching one with 0.9.
    assert_eq!(
        run(vec![1, 1], &[vec![(0, 0.9), (1, 0.2)], vec![(0, 0.1)]]),
        [Some(1), Some(0)]
    );
}

#[test]
fn capacity_is_shared_by_score() {
    // mentor 0 takes 2; three mentees want it; the weakest goes to mentor 1.
    let got = run(
        vec![2, 1],
        &[
            vec![(0, 0.8), (1, 0.7)],
            vec![(0, 0.9), (1, 0.2)],
            vec![(0, 0.5), (1, 0.45)],
        ],
    );
    // options: {0,1}->0, 2->1: 0.8+0.9+0.45 = 2.15; {1,2}->0, 0->1: 0.9+0.5+0.7 = 2.1
    assert_eq!(got, [Some(0), Some(0), Some(1)]);
}

#[test]
fn both_orientations_agree() {
    // few mentees, many slots: mentees place; many mentees, one slot: the slot places
    assert_eq!(run(vec![5], &[vec![(0, 0.3)], vec![]]), [Some(0), None]);
    assert_eq!(
        run(vec![1], &[vec![(0, 0.3)], vec![(0, 0.5)], vec![(0, 0.4)]]),
        [None, Some(0), None]
    );
}

#[test]
fn negative_scores_still_match_everyone_possible() {
    assert_eq!(run(vec![1], &[vec![(0, -0.5)]]), [Some(0)]);
}

#[test]
fn empty_problem() {
    assert_eq!(run(vec![], &[]), Vec::<Option<u32>>::new());
    assert_eq!(run(vec![0], &[vec![(0, 1.0)]]), [None]);
}
