//! `advice.csv` (what one more slot of each mentor is worth) and `advice_units.csv` (what
//! one more mentor with a unit's typical profile is worth), the same bytes in every
//! language (documented English headers; `profile` is `unit` or `cohort`).

use crate::advice::Advice;
use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::report::roster_csv::{fixed6, spreadsheet_text};

/// The advice files, as written into every match and scenario output folder.
pub const ADVICE_FILES: [&str; 2] = ["advice.csv", "advice_units.csv"];

/// Header of `advice.csv`: the three required columns first.
pub const ADVICE_HEADER: [&str; 7] = [
    "mentor_id",
    "extra_matched",
    "extra_score",
    "mentor_name",
    "mentor_unit",
    "capacity",
    "assigned",
];

/// The column `advice_units.csv` has after [`UNITS_HEADER`] when units live in scopes
/// (`same_scope_only`): the unit's scope.
pub const UNITS_SCOPE_COLUMN: &str = "scope";

/// Header of `advice_units.csv`.
pub const UNITS_HEADER: [&str; 11] = [
    "unit",
    "mentors",
    "mentees",
    "unmatched",
    "extra_matched",
    "extra_score",
    "typical_capacity",
    "slots_that_help",
    "typical_grade",
    "typical_workload",
    "profile",
];

fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    writer.into_inner().expect("writing to memory cannot fail")
}

/// One row per mentor, in input order: the rise of the optimum with one more slot.
pub fn advice_csv(cohort: &Cohort, advice: &Advice) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(ADVICE_HEADER).expect("in memory");
    for a in &advice.mentors {
        let mentor = &cohort.mentors[a.mentor];
        w.write_record([
            spreadsheet_text(&mentor.id).into_owned(),
            a.extra_matched.to_string(),
            fixed6(a.extra_score),
            spreadsheet_text(&mentor.name).into_owned(),
            spreadsheet_text(&mentor.unit).into_owned(),
            a.capacity.to_string(),
            a.assigned.to_string(),
        ])
        .expect("in memory");
    }
    finish(w)
}

/// One row per unit, ordered by unit key: the rise of the optimum with one more mentor of
/// the unit's typical profile (`profile` is `unit`, or `cohort` for a unit without mentors).
/// Under `same_scope_only` a unit lives inside its scope: one row per scope and unit,
/// ordered by scope, then unit, with the scope in a last column `scope`.
pub fn advice_units_csv(advice: &Advice) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let by_scope = advice.units.iter().any(|u| u.scope.is_some());
    let mut header = UNITS_HEADER.to_vec();
    if by_scope {
        header.push(UNITS_SCOPE_COLUMN);
    }
    w.write_record(header).expect("in memory");
    for u in &advice.units {
        let mut record = vec![
            spreadsheet_text(&u.unit).into_owned(),
            u.mentors.to_string(),
            u.mentees.to_string(),
            u.unmatched.to_string(),
            u.extra_matched.to_string(),
            fixed6(u.extra_score),
            u.typical.capacity.unwrap_or(0).to_string(),
            u.slots.len().to_string(),
            u.typical.grade.to_string(),
            u.typical.workload.map(fixed6).unwrap_or_default(),
            if u.cohort_profile { "cohort" } else { "unit" }.to_string(),
        ];
        if by_scope {
            record.push(spreadsheet_text(u.scope.as_deref().unwrap_or("")).into_owned());
        }
        w.write_record(record).expect("in memory");
    }
    finish(w)
}

/// The bytes of both advice files, named as in [`ADVICE_FILES`].
pub fn advice_files(cohort: &Cohort, advice: &Advice) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (ADVICE_FILES[0], advice_csv(cohort, advice)),
        (ADVICE_FILES[1], advice_units_csv(advice)),
    ]
}

/// [`advice_files`] for a run in `_lang`: the same bytes in every language (the run's
/// language changes what people read, not these files).
pub fn advice_files_in(
    cohort: &Cohort,
    advice: &Advice,
    _lang: Lang,
) -> Vec<(&'static str, Vec<u8>)> {
    advice_files(cohort, advice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn advice_csv_starts_with_the_required_columns_one_row_per_mentor() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
        let (cohort, _) =
            crate::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
        let settings = Settings::default();
        let roster = crate::roster::match_cohort(&cohort, &settings).unwrap();
        let advice = crate::advice::advise(&cohort, &settings, &roster).unwrap();
        let files = advice_files(&cohort, &advice);
        assert_eq!(files[0].0, "advice.csv");
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        let mut lines = text.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("mentor_id,extra_matched,extra_score,"));
        assert_eq!(lines.count(), cohort.mentors.len());
        let units = String::from_utf8(files[1].1.clone()).unwrap();
        assert_eq!(units.lines().count(), advice.units.len() + 1);
    }
}
