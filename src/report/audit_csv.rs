//! The audits' CSV files: `blocking_pairs.csv`, `unmatched.csv` and `robustness.csv`, the
//! same bytes in every language (documented English headers, reasons as
//! [`crate::roster::Unmatched::as_str`] writes them).

use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::report::roster_csv::{fixed6, spreadsheet_text};
use crate::robust::{Robustness, ROBUSTNESS_HEADER};
use crate::roster::Roster;
use crate::stability::{BlockingPair, BLOCKING_PAIRS_HEADER};
use crate::unmatched::{UnmatchedMentee, UNMATCHED_HEADER};

/// `blocking_pairs.csv`: one row per blocking pair, in the order of [`crate::stability::blocking_pairs`];
/// empty cells where the mentee is unmatched or the mentor has no mentee.
pub fn blocking_pairs_csv(cohort: &Cohort, pairs: &[BlockingPair]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(BLOCKING_PAIRS_HEADER).expect("in memory");
    for p in pairs {
        w.write_record([
            spreadsheet_text(&cohort.mentees[p.mentee].id).into_owned(),
            spreadsheet_text(&cohort.mentors[p.mentor].id).into_owned(),
            fixed6(p.score_together),
            p.mentee_current.map(fixed6).unwrap_or_default(),
            p.mentor_lowest.map(fixed6).unwrap_or_default(),
            p.mentor_free_slots.to_string(),
        ])
        .expect("in memory");
    }
    w.into_inner().expect("writing to memory cannot fail")
}

/// `unmatched.csv`: one row per unmatched mentee; the eligible mentors' ids are separated
/// by `;`.
pub fn unmatched_csv(cohort: &Cohort, report: &[UnmatchedMentee]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(UNMATCHED_HEADER).expect("in memory");
    for u in report {
        let ids: Vec<String> = u
            .eligible_mentors
            .iter()
            .map(|&j| spreadsheet_text(&cohort.mentors[j].id).into_owned())
            .collect();
        w.write_record([
            spreadsheet_text(&cohort.mentees[u.mentee].id).into_owned(),
            u.reason.as_str().to_string(),
            ids.len().to_string(),
            ids.join(";"),
        ])
        .expect("in memory");
    }
    w.into_inner().expect("writing to memory cannot fail")
}

/// The bytes of [`crate::robust::ROBUSTNESS_FILE`]: one row per mentee in file order, with the roster's
/// mentor (empty when unmatched) and `1` when that pair (or being unmatched) survives all
/// six variants, `0` otherwise. The file is the same in every language: `_lang`, the run's
/// language, changes nothing in it.
pub fn robustness_csv(
    cohort: &Cohort,
    roster: &Roster,
    robustness: &Robustness,
    _lang: Lang,
) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(ROBUSTNESS_HEADER).expect("in memory");
    for (i, (pair, robust)) in roster.pairs.iter().zip(&robustness.robust).enumerate() {
        let mentor = pair.map_or(String::new(), |p| {
            spreadsheet_text(&cohort.mentors[p.mentor].id).into_owned()
        });
        w.write_record([
            spreadsheet_text(&cohort.mentees[i].id).into_owned(),
            mentor,
            u8::from(*robust).to_string(),
        ])
        .expect("in memory");
    }
    w.into_inner().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::match_cohort;
    use crate::settings::Settings;
    use crate::test_fixture::cohort;

    #[test]
    fn the_fixture_optimum_s_blocking_pair_and_unmatched_mentees() {
        // the optimum of the fixture: E3 and B block (see crate::stability's tests); E2 is
        // unmatched with B, C and A full, E6 has no eligible mentor
        let cohort = cohort();
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        let pairs = crate::stability::blocking_pairs(&cohort, &settings, &roster);
        let csv = String::from_utf8(blocking_pairs_csv(&cohort, &pairs)).unwrap();
        assert_eq!(
            csv,
            "mentee_id,mentor_id,score_together,mentee_current_score,mentor_lowest_score,mentor_free_slots\n\
             E3,B,0.760000,0.500000,0.660000,0\n"
        );
        let report = crate::unmatched::unmatched_report(&cohort, &settings, &roster);
        let csv = String::from_utf8(unmatched_csv(&cohort, &report)).unwrap();
        assert_eq!(
            csv,
            "mentee_id,reason,eligible_mentor_count,eligible_mentors\n\
             E2,every eligible mentor full,3,B;C;A\n\
             E6,no eligible mentor,0,\n"
        );
    }
}
