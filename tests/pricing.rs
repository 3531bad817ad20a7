//! Pricing against the full graph: solving on a few candidate pairs per mentee and pricing in
//! the rest must give the same optimum (count and total score) as solving on every pair, and
//! its duals must certify every pair left out.

use bimbing::settings::SolverChoice;
use bimbing::solve::network::Costing;
use bimbing::solve::priced::solve_priced;
use bimbing::solve::{check_feasible, solve, Problem};
use proptest::prelude::*;

use crate::util::proptest_cases;

/// Random instances with ties, negative scores and scarce capacity, plus candidate counts
/// per mentee and per mentor (kept small, so that pricing has work to do).
fn instance() -> impl Strategy<Value = (Problem, usize, usize)> {
    (1usize..30, 1usize..10, 1usize..6, 0usize..3).prop_flat_map(|(n, m, k, per_mentor)| {
        let caps = proptest::collection::vec(0u32..4, m);
        let lists = proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    3 => (0i32..20).prop_map(|x| x as f64 * 0.05),
                    1 => -1.0f64..1.0,
                ]
                .prop_map(Some)
                .boxed()
                .prop_union(Just(None).boxed()),
                m,
            ),
            n,
        );
        (caps, lists, Just(k), Just(per_mentor)).prop_map(|(caps, lists, k, per_mentor)| {
            let lists: Vec<Vec<(u32, f64)>> = lists
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .enumerate()
                        .filter_map(|(j, s)| s.map(|s| (j as u32, s)))
                        .collect()
                })
                .collect();
            (Problem::from_lists(caps, &lists), k, per_mentor)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: proptest_cases(400),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn priced_equals_full((full, k, per_mentor) in instance()) {
        let reference = solve(&full, SolverChoice::Network).unwrap();
        let priced = solve_priced(&full, &full.capacity, k, &|_| per_mentor).unwrap();
        check_feasible(&priced.problem, &priced.solution.edge_of).unwrap();
        let matched = priced.solution.edge_of.iter().flatten().count();
        let total: f64 = priced.solution.edge_of.iter().flatten().map(|&e| priced.problem.score[e]).sum();
        prop_assert_eq!(matched, reference.matched);
        prop_assert!((total - reference.total_score).abs() < 1e-6, "{} vs {}", total, reference.total_score);
        prop_assert_eq!(priced.eligible_pairs, full.n_edges());

        // the duals price every pair of the full graph at >= 0 unless it carries the flow
        let costing = Costing::for_problem(&full);
        let chosen: Vec<Option<u32>> = priced.solution.edge_of.iter().map(|e| e.map(|e| priced.problem.mentor[e])).collect();
        for (i, mine) in chosen.iter().enumerate() {
            for e in full.edges(i) {
                let j = full.mentor[e];
                if *mine == Some(j) {
                    continue;
                }
                let reduced = costing.cost(full.score[e]) + priced.solution.mentee_dual[i] + priced.solution.mentor_dual[j as usize];
                prop_assert!(reduced >= 0, "pair ({}, {}) prices at {}", i, j, reduced);
            }
        }
    }
}
