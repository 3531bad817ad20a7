//! Unit tests of the advice.

use super::*;

fn example() -> Cohort {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
    crate::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv"))
        .unwrap()
        .0
}

#[test]
fn typical_mentor_of_a_unit_is_its_median_mentor() {
    let cohort = example();
    let capacity = crate::roster::capacities(&cohort, &Settings::default());
    let typical = typical_mentors(&cohort, &capacity);
    // Dinas Kesehatan: Siregar (IV/b, capacity 2, workload 0.70, levels 5 3 4 5) and
    // Nurhayati (III/d, capacity 1, workload 1.20, levels 4 5 3 3).
    let t = typical
        .iter()
        .find(|t| t.unit == "Dinas Kesehatan")
        .unwrap();
    assert!(!t.cohort_profile);
    assert_eq!(t.mentors.len(), 2);
    assert_eq!(
        t.mentor.levels,
        [Some(4.5), Some(4.0), Some(3.5), Some(4.0)]
    );
    assert_eq!(t.mentor.grade.to_string(), "III/d"); // lower median of III/d, IV/b
    assert_eq!(t.mentor.capacity, Some(1)); // lower median of 1, 2
    assert!((t.mentor.workload.unwrap() - 0.95).abs() < 1e-12);
    assert_eq!(t.mentor.unit, "Dinas Kesehatan");
    // Diskominfo: one mentor, not assessed on the last competency.
    let t = typical.iter().find(|t| t.unit == "Diskominfo").unwrap();
    assert_eq!(t.mentor.levels[3], None);
    // Ordered by unit key, ids distinct from every person's.
    let keys: Vec<&str> = typical.iter().map(|t| t.key.as_str()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
    for t in &typical {
        assert!(cohort.mentees.iter().all(|m| m.id != t.mentor.id));
    }
}

#[test]
fn a_unit_without_mentors_gets_the_cohort_median_mentor() {
    let mut cohort = example();
    cohort.mentees[0].unit = "Unit Baru".into();
    let capacity = crate::roster::capacities(&cohort, &Settings::default());
    let typical = typical_mentors(&cohort, &capacity);
    let t = typical.iter().find(|t| t.unit == "Unit Baru").unwrap();
    assert!(t.cohort_profile);
    assert_eq!(t.mentees, [0]);
    // Grades PPPK X=10, III/c=11, III/d=12, IV/a=13, IV/b=14: median III/d.
    assert_eq!(t.mentor.grade.to_string(), "III/d");
    // Capacities 2, 1, 1, default 3, 1: median 1. Workloads: median 0.70.
    assert_eq!(t.mentor.capacity, Some(1));
    assert_eq!(t.mentor.workload, Some(0.70));
    assert_eq!(t.mentor.unit, "Unit Baru");
}

#[test]
fn helps_most_orders_by_count_then_score_then_name() {
    let cohort = example();
    let settings = Settings::default();
    let roster = crate::roster::match_cohort(&cohort, &settings).unwrap();
    let mut advice = advise(&cohort, &settings, &roster).unwrap();
    for (u, (m, s)) in advice
        .units
        .iter_mut()
        .zip([(1, 0.2), (2, 0.1), (1, 0.2), (0, 0.3)])
    {
        u.extra_matched = m;
        u.extra_score = s;
    }
    let names: Vec<&str> = advice.units.iter().map(|u| u.unit.as_str()).collect();
    let top: Vec<&str> = helps_most(&advice.units, 5)
        .iter()
        .map(|u| u.unit.as_str())
        .collect();
    assert_eq!(top, [names[1], names[0], names[2], names[3]]);
    assert_eq!(helps_most(&advice.units, 2).len(), 2);
    advice.units[3].extra_score = 0.0;
    assert_eq!(helps_most(&advice.units, 5).len(), 3);
    assert!(helps_most_text(&advice).starts_with("Where an extra mentor helps most"));
}

/// The reasons are printed to planners (`advice not written: ...`): each text is fixed here,
/// word for word, so that a change to one is a decision, never an accident.
#[test]
fn every_reason_without_advice_reads_as_written() {
    let cases: [(NoAdvice, &str); 9] = [
        (
            NoAdvice::SharesRosterUnproven,
            "under unit shares the advice starts from a roster proven optimal",
        ),
        (
            NoAdvice::SharesOverBudget {
                work: 2_500_000_000,
                budget: SEARCH_BUDGET_SHARES,
            },
            "under unit shares the advice searches the relaxation again for every mentor and \
             unit slot, up to 1000 million mentee x mentor pairs times searches; this cohort \
             needs 2500.0 million",
        ),
        (
            NoAdvice::SharesOptimumUnproven,
            "under unit shares the advice searches the relaxation again for every mentor and \
             unit slot, and it did not prove one of those optima (its bound stayed above every \
             roster found)",
        ),
        (
            NoAdvice::LargeShares {
                price_above: 1_000_000,
                work: 50_000,
            },
            "under unit shares the advice solves the match again once per mentor and per unit \
             slot, up to 0.1 million mentee x mentor pairs times re-solves, and only up to \
             1000000 pairs; raise --price-above for advice.csv",
        ),
        (
            NoAdvice::LargeShares {
                price_above: 1_000_000,
                work: 7_250_000,
            },
            "under unit shares the advice solves the match again once per mentor and per unit \
             slot, up to 0.1 million mentee x mentor pairs times re-solves, and only up to \
             1000000 pairs; this cohort needs 7.2 million",
        ),
        (
            NoAdvice::LargeRulesWithoutDuals { price_above: 500 },
            "above 500 mentee x mentor pairs the advice under the planner's rules needs the \
             duals of the match's network solve, which the lp solver does not give; it would \
             solve every pair again (raise --price-above for advice.csv)",
        ),
        (
            NoAdvice::LargeUncertified {
                price_above: 100,
                kept: false,
            },
            "above 100 mentee x mentor pairs the advice prices every pair with the duals of the \
             priced match, and this match kept none (it priced no pairs) (raise --price-above \
             for advice.csv)",
        ),
        (
            NoAdvice::RosterUnproven,
            "under these rules the advice re-solves the match, which needs a roster proven \
             optimal",
        ),
        (
            NoAdvice::ResolveOverBudget {
                work: 3_000_000,
                budget: RESOLVE_BUDGET,
            },
            "under these rules the advice re-solves the match once per mentor and per unit \
             slot, up to 2.0 million mentee x mentor pairs times re-solves; this cohort needs \
             3.0 million",
        ),
    ];
    for (reason, text) in cases {
        assert_eq!(reason.to_string(), text, "{reason:?}");
    }
    assert_eq!(
        NoAdvice::LargeUncertified {
            price_above: 100,
            kept: true
        }
        .to_string(),
        "above 100 mentee x mentor pairs the advice prices every pair with the duals of the \
         priced match, and they do not certify the roster, or cannot price a typical mentor's \
         pairs in a part too large to solve again (raise --price-above for advice.csv)"
    );
    assert_eq!(
        NoAdvice::ResolveUnproven.to_string(),
        "under these rules the advice re-solves the match, and a re-solve was not proven optimal"
    );
}
