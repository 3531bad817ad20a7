//! A small cohort worked out by hand, shared by the unit tests of the audit modules
//! (explain, stability, robustness, unmatched); and the number of cases the property tests
//! run ([`proptest_cases`]).
//!
//! One competency `k`. Default weights 0.6 / 0.2 / 0.2, min_grade_gap 1.
//!
//! | mentor | grade | unit | workload (W) | level k | capacity |
//! | --- | --- | --- | --- | --- | --- |
//! | A | IV/a (13) | Y | 0.5 (0.5) | 2 | 1 |
//! | B | III/d (12) | X | 0.2 (0.8) | 3 | 2 |
//! | C | III/a (9) | Z | 1.0 (0) | 2 | 1 |
//!
//! | mentee | grade | unit | level k | target | gap |
//! | --- | --- | --- | --- | --- | --- |
//! | E1 | III/b (10) | X | 1 | 4 | 3 |
//! | E2 | II/a (5) | Z | 2 | 4 | 2 |
//! | E3 | II/a (5) | Z | 1 | 3 (default) | 2 |
//! | E4 | III/c (11) | Y | 1 | 4 | 3 |
//! | E5 | III/c (11) | X | 2 | 4 | 2 |
//! | E6 | IV/b (14) | X | 1 | 3 | 2 |
//!
//! Scores s = 0.6 C + 0.2 U + 0.2 W (C = cover / gap, cover = min(gap, max(0, m - a))):
//!
//! | | A | B | C |
//! | --- | --- | --- | --- |
//! | E1 | 1/3: .2+0+.1 = 0.30 | 2/3: .4+.2+.16 = 0.76 | ineligible (9 < 10) |
//! | E2 | 0: 0+0+.1 = 0.10 | 1/2: .3+0+.16 = 0.46 | 0: 0+.2+0 = 0.20 |
//! | E3 | 1/2: .3+0+.1 = 0.40 | 1: .6+0+.16 = 0.76 | 1/2: .3+.2+0 = 0.50 |
//! | E4 | 1/3: .2+.2+.1 = 0.50 | 2/3: .4+0+.16 = 0.56 | ineligible (9 < 11); 1/3: 0.20 |
//! | E5 | 0: 0+0+.1 = 0.10 | 1/2: .3+.2+.16 = 0.66 | ineligible |
//! | E6 | ineligible (13 < 14) | ineligible | ineligible |
//!
//! Four slots (A 1, B 2, C 1) and five mentees with an eligible mentor, so at most 4 are
//! matched. C can only take E2 or E3; E1, E4, E5 only A or B. Enumerating (checked by brute
//! force) the unique optimum is E1-B 0.76, E3-C 0.50, E4-A 0.50, E5-B 0.66: total 2.42,
//! E2 unmatched (every eligible mentor full), E6 no eligible mentor. The next best roster
//! totals 2.22.

use crate::model::{Cohort, Grade, Mentee, Mentor};

/// A mentor with one competency level.
pub fn mentor(
    id: &str,
    grade: &str,
    unit: &str,
    workload: f64,
    level: f64,
    capacity: u32,
) -> Mentor {
    Mentor {
        id: id.into(),
        name: format!("Mentor {id}"),
        unit: unit.into(),
        scope: None,
        grade: Grade::parse(grade).unwrap(),
        capacity: Some(capacity),
        workload: Some(workload),
        min_mentees: None,
        hours_used: None,
        max_hours: None,
        performance: None,
        levels: vec![Some(level)],
        line: 2,
    }
}

/// A mentee with one competency level and target.
pub fn mentee(id: &str, grade: &str, unit: &str, level: f64, target: Option<f64>) -> Mentee {
    Mentee {
        id: id.into(),
        name: format!("Mentee {id}"),
        unit: unit.into(),
        scope: None,
        grade: Grade::parse(grade).unwrap(),
        levels: vec![Some(level)],
        targets: vec![target],
        line: 2,
    }
}

/// The cohort of the module documentation.
pub fn cohort() -> Cohort {
    Cohort {
        competencies: vec!["k".into()],
        mentors: vec![
            mentor("A", "IV/a", "Y", 0.5, 2.0, 1),
            mentor("B", "III/d", "X", 0.2, 3.0, 2),
            mentor("C", "III/a", "Z", 1.0, 2.0, 1),
        ],
        mentees: vec![
            mentee("E1", "III/b", "X", 1.0, Some(4.0)),
            mentee("E2", "II/a", "Z", 2.0, Some(4.0)),
            mentee("E3", "II/a", "Z", 1.0, None),
            mentee("E4", "III/c", "Y", 1.0, Some(4.0)),
            mentee("E5", "III/c", "X", 2.0, Some(4.0)),
            mentee("E6", "IV/b", "X", 1.0, None),
        ],
    }
}

/// Mentor index by letter.
pub const A: usize = 0;
/// Mentor B.
pub const B: usize = 1;
/// Mentor C.
pub const C: usize = 2;

/// The number of cases a property test with a fixed count runs: `PROPTEST_CASES` when it is
/// set (as proptest's own default reads it), else `default`.
///
/// # Panics
/// When `PROPTEST_CASES` is set to anything but a whole number of cases (a `u32`).
pub(crate) fn proptest_cases(default: u32) -> u32 {
    cases_from(std::env::var("PROPTEST_CASES").ok().as_deref(), default)
}

/// The number of cases `value` (of `PROPTEST_CASES`) asks for, `default` when unset.
fn cases_from(value: Option<&str>, default: u32) -> u32 {
    match value {
        None => default,
        Some(v) => v.parse().unwrap_or_else(|_| {
            panic!("PROPTEST_CASES must be a whole number of cases (a u32), not `{v}`")
        }),
    }
}

#[test]
fn the_case_count_is_the_variable_else_the_default() {
    assert_eq!(cases_from(None, 600), 600);
    assert_eq!(cases_from(Some("25"), 600), 25);
    let bad = std::panic::catch_unwind(|| cases_from(Some("many"), 600)).unwrap_err();
    let msg = bad.downcast_ref::<String>().expect("a formatted message");
    assert!(
        msg.contains("PROPTEST_CASES") && msg.contains("`many`"),
        "{msg}"
    );
}
