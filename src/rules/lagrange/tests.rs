//! Tests of the priced core and of the hull of the share's counts.

use super::pricing::max_weight;
use super::rows::upper_hull;
use crate::solve::Problem;
use proptest::prelude::*;

/// The largest total weight of any assignment within `mask` (a mentee may stay
/// unmatched), by trying every choice of every mentee.
fn brute_force(p: &Problem, weights: &[f64], mask: &[bool]) -> f64 {
    fn go(p: &Problem, w: &[f64], mask: &[bool], i: usize, load: &mut [u32]) -> f64 {
        if i == p.n_mentees() {
            return 0.0;
        }
        let mut best = go(p, w, mask, i + 1, load);
        for e in p.edges(i).filter(|&e| mask[e]) {
            let j = p.mentor[e] as usize;
            if load[j] < p.capacity[j] {
                load[j] += 1;
                best = best.max(w[e] + go(p, w, mask, i + 1, load));
                load[j] -= 1;
            }
        }
        best
    }
    go(p, weights, mask, 0, &mut vec![0; p.n_mentors()])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: crate::test_fixture::proptest_cases(600),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Solved over a random core (even an empty one) and priced against the rest, the
    /// assignment is feasible, within the mask, and as heavy as the exhaustive optimum,
    /// with weights of both signs; every pair of the core stays in the mask.
    #[test]
    fn the_priced_core_gives_the_largest_weight(
        capacity in prop::collection::vec(1u32..3, 1..4),
        cells in prop::collection::vec(
            prop::collection::vec((any::<bool>(), -4i32..9, any::<bool>(), any::<bool>()), 4),
            1..7,
        ),
    ) {
        let m = capacity.len();
        let mut weights = Vec::new();
        let mut mask = Vec::new();
        let mut core = Vec::new();
        let lists: Vec<Vec<(u32, f64)>> = cells
            .iter()
            .map(|row| {
                row.iter()
                    .take(m)
                    .enumerate()
                    .filter(|(_, c)| c.0)
                    .map(|(j, &(_, w, in_mask, in_core))| {
                        weights.push(f64::from(w) / 4.0);
                        mask.push(in_mask || in_core);
                        core.push(in_core);
                        (j as u32, 0.5)
                    })
                    .collect()
            })
            .collect();
        let p = Problem::from_lists(capacity, &lists);
        let (x, rounding) = max_weight(&p, &weights, &mask, &mut core).unwrap();
        prop_assert!(rounding < 1e-6);
        let mut load = vec![0u32; p.n_mentors()];
        for (i, e) in x.iter().enumerate() {
            if let Some(e) = *e {
                prop_assert!(p.edges(i).contains(&e) && mask[e], "pair {} of mentee {}", e, i);
                load[p.mentor[e] as usize] += 1;
            }
        }
        for (j, &l) in load.iter().enumerate() {
            prop_assert!(l <= p.capacity[j], "mentor {} holds {}", j, l);
        }
        prop_assert!(core.iter().zip(&mask).all(|(&c, &k)| !c || k));
        let total: f64 = x.iter().flatten().map(|&e| weights[e]).sum();
        let best = brute_force(&p, &weights, &mask);
        prop_assert!((total - best).abs() < 1e-6, "{} against the optimum {}", total, best);
    }
}

/// The counts a share of 0.3 allows: at most floor(3 s / 7) cross-unit pairs with s
/// same-unit ones.
fn staircase(most_same: usize) -> Vec<(f64, f64)> {
    (0..=most_same)
        .map(|s| (s as f64, ((0.3 * s as f64) / 0.7 + 1e-9).floor()))
        .collect()
}

#[test]
fn hull_of_the_share_staircase() {
    // (0,0) (1,0) (2,0) (3,1) (4,1) (5,2) (6,2) (7,3): the line through (0,0) and (7,3)
    // passes above every other point, so the hull is that one segment.
    assert_eq!(upper_hull(&staircase(7)), [(0.0, 0.0), (7.0, 3.0)]);
    // With at most 5 same-unit pairs the last point is (5,2): c <= 2s/5, which cuts the
    // share row's 15/7 at s = 5 down to 2.
    assert_eq!(upper_hull(&staircase(5)), [(0.0, 0.0), (5.0, 2.0)]);
    // At 9: (7,3) is a vertex, then the flat step to (9,3).
    assert_eq!(
        upper_hull(&staircase(9)),
        [(0.0, 0.0), (7.0, 3.0), (9.0, 3.0)]
    );
    assert_eq!(upper_hull(&[(2.0, 1.0)]), [(2.0, 1.0)]);
}
