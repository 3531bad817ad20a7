//! Reading `roster.csv` back: its pairs, and every other cell checked against what the inputs
//! give.
//!
//! The pairs (the mentee and mentor ids) must form a feasible roster with the optimum of a
//! fresh solve. Every other cell (names, units, scores, grades, the unmatched reason) is
//! derived from the inputs, so it is rendered again, as the match writes it, and compared:
//! an edited cell is refused, naming its row and column, the value found and the value the
//! inputs give (numbers compare to the 6 decimals written). Last, the file's SHA-256 is
//! compared with the one `summary.json` records for it, which also catches what no cell shows
//! (rows reordered, a column added, a file re-saved by a spreadsheet).
//!
//! `roster.csv` is the same in every language. Folders that earlier builds wrote under
//! `--lang id`, with Indonesian headers and unmatched reasons, are read too: their header
//! and reasons are translated back by the one table of
//! [`crate::input::rule_files::EARLIER_INDONESIAN_COLUMNS`], and each cell is checked in
//! the language it was written in.

use std::collections::HashMap;
use std::path::Path;

use super::bad;
use crate::error::{Error, InputError, Location, Result};
use crate::input::rule_files::{
    english_column, EARLIER_INDONESIAN_COLUMNS, EARLIER_INDONESIAN_REASONS, PAIR_ORIGIN,
    ROSTER_COLUMNS,
};
use crate::input::sha256_hex;
use crate::model::{Cohort, Grade};
use crate::report::roster_csv::{fixed6, roster_csv, spreadsheet_text};
use crate::roster::{Pair, Roster, Unmatched};
use crate::rules::Rules;
use crate::score::Scorer;
use crate::settings::Settings;
use crate::solve::Status;

/// Columns of `roster.csv` (0-based) that hold numbers written with 6 decimals.
const DECIMAL_COLUMNS: [usize; 3] = [6, 7, 9];
/// Column of the mentee's id.
const MENTEE_ID: usize = 0;
/// Column of the mentor's id.
const MENTOR_ID: usize = 3;
/// Column of the unmatched reason.
const REASON: usize = 12;
/// Columns of the mentee's and the mentor's grade.
const GRADE_COLUMNS: [usize; 2] = [10, 11];

/// Whether `found` is how an earlier build wrote the grade the inputs give as `wanted`:
/// builds before PPPK grades were shown as written showed a PPPK grade as the golongan of
/// its step (`IX` as `III/a`). Only that exact spelling of the same step is taken.
fn earlier_grade_spelling(found: &str, wanted: &str) -> bool {
    let Some(grade) = Grade::parse(wanted).filter(|g| g.is_pppk()) else {
        return false;
    };
    Grade::from_step(grade.step()).is_some_and(|golongan| golongan.to_string() == found)
}

/// How a `roster.csv` is written: as every build writes it now, or with the Indonesian
/// header and reasons earlier builds wrote under `--lang id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// The documented English header and reasons.
    Contract,
    /// The Indonesian header and reasons of an earlier build.
    EarlierIndonesian,
}

impl Written {
    /// The reason as a roster written this way holds it (`english`: the contract's text).
    fn reason(self, english: &str) -> &str {
        match self {
            Written::Contract => english,
            Written::EarlierIndonesian => EARLIER_INDONESIAN_REASONS
                .iter()
                .find(|(_, en)| *en == english)
                .map_or(english, |(id, _)| id),
        }
    }
}

/// A problem with one cell of `roster.csv`.
fn cell_error(
    path: &Path,
    line: u64,
    column: usize,
    header: &str,
    found: &str,
    problem: String,
) -> Error {
    Error::Input(InputError {
        location: Location {
            file: path.to_path_buf(),
            line,
            column: Some((column + 1, header.to_string())),
        },
        value: Some(found.to_string()),
        problem,
    })
}

/// Reads the pairs of `roster.csv` onto `solved`, a fresh solve of the same cohort and
/// settings, checks that they form a feasible roster with the same optimum, that every cell
/// is the one the match writes for these inputs, and, when `summary.json` records it, that
/// the file's SHA-256 is the recorded one.
pub(super) fn read_roster(
    path: &Path,
    cohort: &Cohort,
    settings: &Settings,
    solved: Roster,
    recorded_sha256: Option<&str>,
) -> Result<Roster> {
    if !path.is_file() {
        return Err(bad(path, "missing: the output folder has no roster"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let unreadable = |e: csv::Error| bad(path, format!("cannot be read as CSV: {e}"));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().map_err(unreadable)?.clone();
    let written = how_written(path, &header)?;
    let mut records = Vec::with_capacity(cohort.mentees.len());
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(unreadable)?;
        let line = record.position().map_or(row as u64 + 2, |p| p.line());
        records.push((line, record));
    }

    let pairs = read_pairs(path, cohort, settings, &records)?;
    let scorer = Scorer::new(cohort, settings);
    let mut roster = solved;
    let (optimum_matched, optimum_total) = (roster.matched(), roster.total_score());
    let same_pairs = pairs
        .iter()
        .zip(&roster.pairs)
        .all(|(&read, solved)| read == solved.map(|p| p.mentor));
    if !same_pairs {
        // Another roster of the same optimum (ties): its own loads and reasons.
        roster.load = vec![0; cohort.mentors.len()];
        for (i, &mentor) in pairs.iter().enumerate() {
            roster.pairs[i] = mentor.map(|j| {
                roster.load[j] += 1;
                Pair {
                    mentor: j,
                    score: scorer.score(i, j),
                }
            });
        }
        roster.unmatched = reasons(cohort, settings, &scorer, &roster)?;
    }
    if roster.load.iter().zip(&roster.capacity).any(|(l, c)| l > c) {
        return Err(bad(
            path,
            "a mentor has more mentees than their capacity; the roster no longer fits its inputs: match again",
        ));
    }
    let tolerance = 1e-6 * (1.0 + optimum_matched as f64);
    if roster.matched() != optimum_matched
        || (roster.total_score() - optimum_total).abs() > tolerance
    {
        return Err(bad(
            path,
            format!(
                "not optimal for its inputs and settings ({} matched, total {:.6}; the optimum is {} matched, total {:.6}): match again",
                roster.matched(),
                roster.total_score(),
                optimum_matched,
                optimum_total
            ),
        ));
    }
    check_cells(path, cohort, &roster, written, &header, &records)?;
    if let Some(recorded) = recorded_sha256 {
        if sha256_hex(&bytes) != recorded {
            return Err(bad(
                path,
                "changed since the run wrote it (its SHA-256 differs from the one summary.json \
                 records), although every cell still agrees with the inputs (rows reordered, a \
                 column added, or re-saved by a spreadsheet?): match again",
            ));
        }
    }
    Ok(roster)
}

/// How the file is written, from its header: [`ROSTER_COLUMNS`], or the Indonesian header
/// of an earlier build ([`EARLIER_INDONESIAN_COLUMNS`]); else the first column that
/// differs is named.
fn how_written(path: &Path, header: &csv::StringRecord) -> Result<Written> {
    let indonesian: Vec<&str> = EARLIER_INDONESIAN_COLUMNS
        .iter()
        .map(|(id, _)| *id)
        .collect();
    // The contract's columns, or those with `pair_origin` and the kept columns after them
    // (their cells follow from no input the roster is checked against; the file's SHA-256
    // covers them).
    let contract = header.iter().take(ROSTER_COLUMNS.len()).eq(ROSTER_COLUMNS);
    if contract
        && (header.len() == ROSTER_COLUMNS.len()
            || header.get(ROSTER_COLUMNS.len()) == Some(PAIR_ORIGIN))
    {
        return Ok(Written::Contract);
    }
    if header.iter().eq(indonesian.iter().copied()) {
        return Ok(Written::EarlierIndonesian);
    }
    // compare with the header in the language of the first column (a build never mixed)
    let expected: Vec<&str> = if header.get(0).is_some_and(|h| english_column(h) != h) {
        indonesian
    } else {
        ROSTER_COLUMNS.to_vec()
    };
    let column = (0..expected.len().max(header.len()))
        .find(|&c| header.get(c) != expected.get(c).copied())
        .unwrap_or(0);
    let found = header.get(column).unwrap_or("");
    let problem = match expected.get(column) {
        Some(name) => format!(
            "not the header of a roster.csv written by bimbing: the column here is {name:?} (edited by hand?): match again"
        ),
        None => "not the header of a roster.csv written by bimbing: a column it does not write (edited by hand?): match again".to_string(),
    };
    Err(cell_error(path, 1, column, found, found, problem))
}

/// The mentor (file index) of each mentee (file order) as the rows give them, checking that
/// each id is of the cohort, each mentee listed once, and each pair eligible and allowed.
fn read_pairs(
    path: &Path,
    cohort: &Cohort,
    settings: &Settings,
    records: &[(u64, csv::StringRecord)],
) -> Result<Vec<Option<usize>>> {
    // ids as roster.csv writes them (formula-like ids carry a leading apostrophe)
    let mentee_index: HashMap<String, usize> = cohort
        .mentees
        .iter()
        .enumerate()
        .map(|(i, m)| (spreadsheet_text(&m.id).into_owned(), i))
        .collect();
    let mentor_index: HashMap<String, usize> = cohort
        .mentors
        .iter()
        .enumerate()
        .map(|(j, m)| (spreadsheet_text(&m.id).into_owned(), j))
        .collect();
    let scorer = Scorer::new(cohort, settings);
    let edited = |line: u64, what: &str| {
        bad(
            path,
            format!("row {line}: {what}; the roster no longer fits its inputs (edited by hand?): match again"),
        )
    };
    let mut pairs: Vec<Option<Option<usize>>> = vec![None; cohort.mentees.len()];
    for (line, record) in records {
        let line = *line;
        let (Some(mentee), Some(mentor)) = (record.get(MENTEE_ID), record.get(MENTOR_ID)) else {
            return Err(edited(line, "too few cells"));
        };
        let Some(&i) = mentee_index.get(mentee) else {
            return Err(edited(line, "a mentee who is not in the mentees file"));
        };
        let mentor = if mentor.is_empty() {
            None
        } else {
            let Some(&j) = mentor_index.get(mentor) else {
                return Err(edited(line, "a mentor who is not in the mentors file"));
            };
            if !scorer.eligible(i, j) {
                return Err(edited(line, "a pair that is not eligible"));
            }
            Some(j)
        };
        if pairs[i].replace(mentor).is_some() {
            return Err(edited(line, "a mentee listed twice"));
        }
    }
    if pairs.iter().any(Option::is_none) {
        return Err(bad(
            path,
            "some mentees of the mentees file are missing; the roster no longer fits its inputs: match again",
        ));
    }
    Ok(pairs.into_iter().flatten().collect())
}

/// Why each mentee of `roster` is unmatched, as the match decides it: no mentor the rules
/// allow; the rules cannot all hold; an allowed mentor with room (so a unit share holds the
/// mentee back); or every allowed mentor full.
fn reasons(
    cohort: &Cohort,
    settings: &Settings,
    scorer: &Scorer,
    roster: &Roster,
) -> Result<Vec<Option<Unmatched>>> {
    let rules = if crate::roster::has_rules(cohort, settings) {
        Some(Rules::new(cohort, settings, scorer, false)?)
    } else {
        None
    };
    Ok((0..cohort.mentees.len())
        .map(|i| {
            roster.pairs[i].is_none().then(|| {
                let allowed: Vec<usize> = (0..cohort.mentors.len())
                    .filter(|&j| {
                        scorer.eligible(i, j)
                            && rules.as_ref().map_or(true, |r| r.blocked(i, j).is_none())
                    })
                    .collect();
                let room = allowed.iter().any(|&j| roster.load[j] < roster.capacity[j]);
                if allowed.is_empty() {
                    Unmatched::NoEligibleMentor
                } else if roster.status == Status::Infeasible {
                    Unmatched::RulesCannotHold
                } else if rules.is_some() && room {
                    Unmatched::UnitShareRule
                } else {
                    Unmatched::EligibleMentorsFull
                }
            })
        })
        .collect())
}

/// Compares every row with the row the match writes for `roster`, cell by cell (the reason
/// as the file was written, see [`Written`]): the first cell that differs is refused with
/// the value found and the value expected.
fn check_cells(
    path: &Path,
    cohort: &Cohort,
    roster: &Roster,
    written: Written,
    header: &csv::StringRecord,
    records: &[(u64, csv::StringRecord)],
) -> Result<()> {
    let expected = roster_csv(cohort, roster);
    let mut reader = csv::Reader::from_reader(expected.as_slice());
    for ((line, found), want) in records.iter().zip(reader.records()) {
        let want = want.expect("bimbing's own roster reads back");
        for (column, (got, wanted)) in found.iter().zip(want.iter()).enumerate() {
            let wanted = if column == REASON {
                written.reason(wanted)
            } else {
                wanted
            };
            let agrees = if DECIMAL_COLUMNS.contains(&column) && !wanted.is_empty() {
                got.trim()
                    .parse::<f64>()
                    .is_ok_and(|v| v.is_finite() && fixed6(v) == wanted)
            } else if GRADE_COLUMNS.contains(&column) {
                got == wanted || earlier_grade_spelling(got, wanted)
            } else {
                got == wanted
            };
            if !agrees {
                let name = header.get(column).unwrap_or("");
                let problem = if column == MENTEE_ID {
                    format!(
                        "edited: the mentee here is {wanted:?} (roster.csv lists the mentees in the order of the mentees file); match again"
                    )
                } else {
                    format!(
                        "edited: the inputs give {wanted:?} here; the roster no longer fits its inputs: match again"
                    )
                };
                return Err(cell_error(path, *line, column, name, got, problem));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::match_cohort;
    use crate::settings::UnitShare;

    /// A cohort of `tests/data/<folder>`.
    fn read(folder: &str) -> Cohort {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(folder);
        crate::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv"))
            .unwrap()
            .0
    }

    /// The reasons a reread roster gets are the ones the match gives: without rules, under
    /// a unit share (held back), and under rules that cannot all hold.
    #[test]
    fn reasons_are_the_matchs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rules/shares");
        let infeasible = {
            let mut custom = Settings::default();
            custom.rules.pairs = Some(dir.join("pairs_infeasible.csv"));
            custom.rules.max_cross_unit_share = Some(UnitShare::All(0.5));
            custom
        };
        infeasible.load_files().unwrap();
        let cases = [
            ("small", Settings::default(), None),
            ("rules/base", Settings::default(), None),
            (
                "rules/shares",
                {
                    let mut custom = Settings::default();
                    custom.rules.max_cross_unit_share = Some(UnitShare::All(0.3));
                    custom
                },
                Some(Unmatched::UnitShareRule),
            ),
            ("rules/shares", infeasible, Some(Unmatched::RulesCannotHold)),
        ];
        for (folder, settings, wanted) in cases {
            let cohort = read(folder);
            let roster = match_cohort(&cohort, &settings).unwrap();
            let scorer = Scorer::new(&cohort, &settings);
            let again = reasons(&cohort, &settings, &scorer, &roster).unwrap();
            assert_eq!(again, roster.unmatched, "{folder}");
            if let Some(reason) = wanted {
                assert!(again.contains(&Some(reason)), "{folder}: {again:?}");
            }
        }
    }

    #[test]
    fn only_the_golongan_of_the_same_step_stands_for_a_pppk_grade() {
        assert!(earlier_grade_spelling("III/a", "IX"));
        assert!(earlier_grade_spelling("III/b", "X"));
        assert!(!earlier_grade_spelling("III/b", "IX"), "another step");
        assert!(
            !earlier_grade_spelling("III-a", "IX"),
            "not how a build wrote it"
        );
        assert!(
            !earlier_grade_spelling("IX", "III/a"),
            "a golongan stays a golongan"
        );
        assert!(!earlier_grade_spelling("9", "IX"));
    }
}
