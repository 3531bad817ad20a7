//! Tests of the count and of the levels.

use super::{level_of, levels, max_count};
use crate::solve::Problem;

#[test]
fn the_count_moves_a_greedy_pair_along_an_augmenting_path() {
    // Mentee 0 takes mentor 0 first; mentee 1 has only mentor 0; the path moves 0 to 1.
    let p = Problem::from_lists(vec![1, 1], &[vec![(0, 0.5), (1, 0.4)], vec![(0, 0.9)]]);
    let (count, edge_of) = max_count(&p, &p.score, 0.0, &[None, None]);
    assert_eq!(count, 2);
    assert_eq!(edge_of, vec![Some(1), Some(2)]);
    // Above 0.45 the pair of mentee 0 with mentor 1 is gone, and one is matched.
    let (count, _) = max_count(&p, &p.score, 0.45, &edge_of);
    assert_eq!(count, 1);
}

#[test]
fn the_count_equals_the_network_method_on_random_problems() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |k: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % k
    };
    for _ in 0..300 {
        let (n, m) = (1 + next(12) as usize, 1 + next(5) as usize);
        let capacity: Vec<u32> = (0..m).map(|_| next(3) as u32).collect();
        let mut lists: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        for list in &mut lists {
            for j in 0..m as u32 {
                if next(3) > 0 {
                    list.push((j, next(10) as f64 / 10.0));
                }
            }
        }
        let p = Problem::from_lists(capacity, &lists);
        let tau = next(10) as f64 / 10.0;
        let (sub, index) = p.restricted(|e| p.score[e] >= tau, |_| 0.0);
        let want = if index.is_empty() {
            0
        } else {
            crate::solve::network::solve(&sub)
                .unwrap()
                .0
                .iter()
                .flatten()
                .count()
        };
        // From nothing, and from a largest matching of all the pairs.
        let (all, from) = max_count(&p, &p.score, f64::MIN, &vec![None; n]);
        let full = crate::solve::network::solve(&p).unwrap().0;
        assert_eq!(all, full.iter().flatten().count());
        for start in [vec![None; n], from] {
            let (count, edge_of) = max_count(&p, &p.score, tau, &start);
            assert_eq!(count, want);
            assert!(crate::solve::check_feasible(&p, &edge_of).is_ok());
            assert!(edge_of.iter().flatten().all(|&e| p.score[e] >= tau));
        }
    }
}

#[test]
fn levels_chain_close_scores_and_start_at_the_lowest() {
    let l = levels([0.5, 0.2, 0.2 + 4e-10, 0.2 + 8e-10, 0.7, 0.5]);
    assert_eq!(l, vec![0.2, 0.5, 0.7]);
    assert_eq!(level_of(&l, 0.2 + 8e-10), 0.2);
    assert_eq!(level_of(&l, 0.7), 0.7);
}
