//! Unmatched mentees with their reason and, when their eligible mentors are all full, which
//! mentors those are (best pair first, ties by mentor id), for an `unmatched.csv`.

use serde::Serialize;

use crate::model::Cohort;
use crate::roster::{Roster, Unmatched};
use crate::score::Scorer;
use crate::settings::Settings;

/// Header of `unmatched.csv`.
pub const UNMATCHED_HEADER: [&str; 4] = [
    "mentee_id",
    "reason",
    "eligible_mentor_count",
    "eligible_mentors",
];

/// An unmatched mentee and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmatchedMentee {
    /// The mentee (index in the mentees file).
    pub mentee: usize,
    /// Why the mentee has no mentor.
    pub reason: Unmatched,
    /// The eligible mentors (indices in the mentors file), all full: the best pair first,
    /// ties by mentor id (so that the order does not depend on the order of the rows). Empty with [`Unmatched::NoEligibleMentor`].
    pub eligible_mentors: Vec<usize>,
}

/// Every unmatched mentee of `roster`, in file order.
pub fn unmatched_report(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Vec<UnmatchedMentee> {
    let scorer = Scorer::new(cohort, settings);
    (0..cohort.mentees.len())
        .filter(|&i| roster.pairs[i].is_none())
        .map(|i| {
            let mut eligible: Vec<(usize, f64)> = (0..cohort.mentors.len())
                .filter(|&j| scorer.eligible(i, j))
                .map(|j| (j, scorer.score(i, j).score))
                .collect();
            // ties by id, not by row, so that the list does not depend on the order of
            // the mentors' rows (ids are unique in the mentors file)
            let id = |j: usize| cohort.mentors[j].id.as_str();
            eligible.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| id(a.0).cmp(id(b.0))));
            let reason = roster.unmatched[i].unwrap_or(if eligible.is_empty() {
                Unmatched::NoEligibleMentor
            } else {
                Unmatched::EligibleMentorsFull
            });
            UnmatchedMentee {
                mentee: i,
                reason,
                eligible_mentors: eligible.into_iter().map(|(j, _)| j).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::match_cohort;
    use crate::test_fixture::{cohort, A, B, C};

    #[test]
    fn fixture_unmatched_by_hand() {
        // E2 is unmatched with A (0.10), B (0.46) and C (0.20) eligible and full;
        // E6 (IV/b) has no eligible mentor.
        let cohort = cohort();
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        let report = unmatched_report(&cohort, &settings, &roster);
        assert_eq!(
            report,
            [
                UnmatchedMentee {
                    mentee: 1,
                    reason: Unmatched::EligibleMentorsFull,
                    eligible_mentors: vec![B, C, A],
                },
                UnmatchedMentee {
                    mentee: 5,
                    reason: Unmatched::NoEligibleMentor,
                    eligible_mentors: vec![],
                },
            ]
        );
        // its rows of unmatched.csv: crate::report::audit_csv
    }

    #[test]
    fn ties_are_ordered_by_mentor_id_whatever_the_row_order() {
        use crate::test_fixture::{mentee, mentor};
        // three equal mentors (one slot each) for four equal mentees: one mentee is left
        // with three eligible mentors that tie on score
        let mentors = vec![
            mentor("m3", "IV/a", "X", 0.5, 3.0, 1),
            mentor("m1", "IV/a", "X", 0.5, 3.0, 1),
            mentor("m2", "IV/a", "X", 0.5, 3.0, 1),
        ];
        let mentees: Vec<_> = (1..=4)
            .map(|k| mentee(&format!("e{k}"), "II/a", "X", 1.0, None))
            .collect();
        let settings = Settings::default();
        let ids = |cohort: &Cohort| {
            let roster = match_cohort(cohort, &settings).unwrap();
            let report = unmatched_report(cohort, &settings, &roster);
            assert_eq!(report.len(), 1);
            report[0]
                .eligible_mentors
                .iter()
                .map(|&j| cohort.mentors[j].id.clone())
                .collect::<Vec<_>>()
        };
        let mut cohort = Cohort {
            competencies: vec!["k".into()],
            mentors,
            mentees,
        };
        assert_eq!(ids(&cohort), ["m1", "m2", "m3"]);
        cohort.mentors.reverse();
        cohort.mentees.reverse();
        assert_eq!(ids(&cohort), ["m1", "m2", "m3"]);
    }
}
