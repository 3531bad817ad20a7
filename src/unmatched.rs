//! Unmatched mentees with their reason and, when their eligible mentors are all full, which
//! mentors those are (best pair first), for an `unmatched.csv`.

use serde::Serialize;

use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::report::roster_csv::spreadsheet_text;
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

/// `unmatched.csv`: one row per unmatched mentee; the eligible mentors' ids are separated
/// by `;`.
pub fn unmatched_csv(cohort: &Cohort, report: &[UnmatchedMentee]) -> Vec<u8> {
    unmatched_csv_in(cohort, report, Lang::En)
}

/// [`unmatched_csv`] with the header and the reasons in `lang`.
pub fn unmatched_csv_in(cohort: &Cohort, report: &[UnmatchedMentee], lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(lang.csv_header(&UNMATCHED_HEADER))
        .expect("in memory");
    for u in report {
        let ids: Vec<String> = u
            .eligible_mentors
            .iter()
            .map(|&j| spreadsheet_text(&cohort.mentors[j].id).into_owned())
            .collect();
        w.write_record([
            spreadsheet_text(&cohort.mentees[u.mentee].id).into_owned(),
            lang.unmatched(u.reason).to_string(),
            ids.len().to_string(),
            ids.join(";"),
        ])
        .expect("in memory");
    }
    w.into_inner().expect("writing to memory cannot fail")
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
        let csv = String::from_utf8(unmatched_csv(&cohort, &report)).unwrap();
        assert_eq!(
            csv,
            "mentee_id,reason,eligible_mentor_count,eligible_mentors\n\
             E2,every eligible mentor full,3,B;C;A\n\
             E6,no eligible mentor,0,\n"
        );
    }
}
