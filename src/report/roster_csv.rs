//! `roster.csv` and `mentor_load.csv`: the same bytes in every language (the headers and the
//! unmatched reasons are the documented contract that programs read back).

use crate::input::rule_files::PAIR_ORIGIN;
use crate::model::Cohort;
use crate::report::origin::Extras;
use crate::roster::Roster;

/// Header of `roster.csv`.
pub const ROSTER_HEADER: [&str; 13] = crate::input::rule_files::ROSTER_COLUMNS;

/// Header of `mentor_load.csv`.
pub const LOAD_HEADER: [&str; 8] = [
    "mentor_id",
    "mentor_name",
    "unit",
    "capacity",
    "assigned",
    "grade",
    "workload",
    "mean_score",
];

/// Makes a text cell safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`,
/// tab or carriage return would be read as a formula, so it gets a leading apostrophe.
pub fn spreadsheet_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// A number with 6 decimals.
pub fn fixed6(v: f64) -> String {
    let s = format!("{v:.6}");
    if s == "-0.000000" {
        "0.000000".into()
    } else {
        s
    }
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    writer.into_inner().expect("writing to memory cannot fail")
}

/// The header of `roster.csv` as a run writes it: [`ROSTER_HEADER`], then
/// [`PAIR_ORIGIN`], then each kept column for the mentee (`mentee_<key>`) and for the mentor
/// (`mentor_<key>`). A kept column's name that another column has already gets `_2`, `_3`.
pub fn roster_header(extras: &Extras) -> Vec<String> {
    let mut header: Vec<String> = ROSTER_HEADER.iter().map(|h| h.to_string()).collect();
    header.push(PAIR_ORIGIN.to_string());
    for side in ["mentee", "mentor"] {
        for column in &extras.kept().columns {
            let wanted = format!("{side}_{}", column.key);
            let mut name = wanted.clone();
            let mut n = 2;
            while header.contains(&name) {
                name = format!("{wanted}_{n}");
                n += 1;
            }
            header.push(name);
        }
    }
    header
}

/// `roster.csv` as a run writes it: the rows of [`roster_csv`] under [`roster_header`],
/// each with its pair's origin ([`crate::report::origin::PairOrigin::as_str`], empty for
/// none) and the mentee's and the mentor's kept cells (empty when unmatched).
pub fn roster_csv_with(cohort: &Cohort, roster: &Roster, extras: &Extras) -> Vec<u8> {
    let kept = extras.kept();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(roster_header(extras)).expect("in memory");
    for (i, mut row) in contract_rows(cohort, roster).enumerate() {
        row.push(extras.origin(i).map_or("", |o| o.as_str()).to_string());
        for k in 0..kept.columns.len() {
            row.push(spreadsheet_text(kept.mentee(i, k)).into_owned());
        }
        let mentor = roster.pairs[i].map(|p| p.mentor);
        for k in 0..kept.columns.len() {
            let cell = mentor.map_or("", |j| kept.mentor(j, k));
            row.push(spreadsheet_text(cell).into_owned());
        }
        w.write_record(&row).expect("in memory");
    }
    finish(w)
}

/// The contract's columns of `roster.csv` alone: one row per mentee, in input order, under
/// [`ROSTER_HEADER`]; mentor fields and score empty when unmatched, and then
/// `unmatched_reason` as [`crate::roster::Unmatched::as_str`] writes it. (A run writes
/// [`roster_csv_with`], whose first columns are these.)
pub fn roster_csv(cohort: &Cohort, roster: &Roster) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(ROSTER_HEADER).expect("in memory");
    for row in contract_rows(cohort, roster) {
        w.write_record(&row).expect("in memory");
    }
    finish(w)
}

/// The cells of the contract's columns, mentee by mentee.
fn contract_rows<'a>(
    cohort: &'a Cohort,
    roster: &'a Roster,
) -> impl Iterator<Item = Vec<String>> + 'a {
    cohort.mentees.iter().enumerate().map(|(i, mentee)| {
        let mut row: Vec<String> = vec![
            spreadsheet_text(&mentee.id).into_owned(),
            spreadsheet_text(&mentee.name).into_owned(),
            spreadsheet_text(&mentee.unit).into_owned(),
        ];
        match &roster.pairs[i] {
            Some(pair) => {
                let mentor = &cohort.mentors[pair.mentor];
                row.extend([
                    spreadsheet_text(&mentor.id).into_owned(),
                    spreadsheet_text(&mentor.name).into_owned(),
                    spreadsheet_text(&mentor.unit).into_owned(),
                    fixed6(pair.score.score),
                    fixed6(pair.score.complementarity),
                    u8::from(pair.score.same_unit).to_string(),
                    fixed6(pair.score.workload_term),
                    mentee.grade.to_string(),
                    mentor.grade.to_string(),
                    String::new(),
                ]);
            }
            None => {
                row.extend(std::iter::repeat(String::new()).take(7));
                row.push(mentee.grade.to_string());
                row.push(String::new());
                row.push(
                    roster.unmatched[i]
                        .map(|r| r.as_str().to_string())
                        .unwrap_or_default(),
                );
            }
        }
        row
    })
}

/// Mean score of each mentor's pairs (file order), `None` for mentors without mentees.
/// The sums are exact, so that a mean does not depend on the order of the mentees' rows.
pub fn mentor_mean_scores(cohort: &Cohort, roster: &Roster) -> Vec<Option<f64>> {
    let mut score_sum = vec![crate::model::ExactSum::new(); cohort.mentors.len()];
    for pair in roster.pairs.iter().flatten() {
        score_sum[pair.mentor].add(pair.score.score);
    }
    score_sum
        .iter()
        .zip(&roster.load)
        .map(|(sum, &load)| (load > 0).then(|| sum.value() / load as f64))
        .collect()
}

/// One row per mentor, in input order, under [`LOAD_HEADER`].
pub fn mentor_load_csv(cohort: &Cohort, roster: &Roster) -> Vec<u8> {
    let means = mentor_mean_scores(cohort, roster);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(LOAD_HEADER).expect("in memory");
    for (j, mentor) in cohort.mentors.iter().enumerate() {
        let load = roster.load[j];
        let mean = means[j].map(fixed6).unwrap_or_default();
        w.write_record([
            spreadsheet_text(&mentor.id).into_owned(),
            spreadsheet_text(&mentor.name).into_owned(),
            spreadsheet_text(&mentor.unit).into_owned(),
            roster.capacity[j].to_string(),
            load.to_string(),
            mentor.grade.to_string(),
            mentor.workload.map(|w| format!("{w}")).unwrap_or_default(),
            mean,
        ])
        .expect("in memory");
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_quoted() {
        assert_eq!(spreadsheet_text("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet_text("+62"), "'+62");
        assert_eq!(spreadsheet_text("-x"), "'-x");
        assert_eq!(spreadsheet_text("@SUM"), "'@SUM");
        assert_eq!(spreadsheet_text("\tx"), "'\tx");
        assert_eq!(spreadsheet_text("Siti"), "Siti");
    }

    #[test]
    fn fixed_decimals() {
        assert_eq!(fixed6(0.635), "0.635000");
        assert_eq!(fixed6(-0.0000001), "0.000000");
        assert_eq!(fixed6(1.0 / 3.0), "0.333333");
    }

    #[test]
    fn the_contract_headers_and_reasons() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
        let (cohort, _) =
            crate::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
        let roster =
            crate::roster::match_cohort(&cohort, &crate::settings::Settings::default()).unwrap();
        let text = String::from_utf8(roster_csv(&cohort, &roster)).unwrap();
        assert_eq!(text.lines().next().unwrap(), ROSTER_HEADER.join(","));
        assert!(text.contains("every eligible mentor full"));
        let load = String::from_utf8(mentor_load_csv(&cohort, &roster)).unwrap();
        assert_eq!(load.lines().next().unwrap(), LOAD_HEADER.join(","));
    }
}
