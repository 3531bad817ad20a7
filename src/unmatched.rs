//! Unmatched mentees with their reason and, when their eligible mentors are all full, which
//! mentors those are (best pair first), for an `unmatched.csv`.

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
    /// ties in file order. Empty with [`Unmatched::NoEligibleMentor`].
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
            eligible.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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
}
