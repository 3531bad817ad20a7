//! The rows of the roster as the workbook shows them, on the Roster sheet and on each
//! unit's sheet: the columns of `roster.csv` headed in words, the pair's origin in words,
//! and the kept columns, the mentee's then the mentor's.

use super::sheets::Cell;
use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::report::origin::Extras;
use crate::roster::Roster;

/// The headers of a roster row: the Roster sheet's words, the origin, and each kept column
/// for the mentee (`Jabatan (mentee)`) and for the mentor.
pub(super) fn roster_headers(lang: Lang, extras: &Extras) -> Vec<String> {
    let l = lang.labels();
    let mut headers: Vec<String> = l.roster_columns.iter().map(|h| h.to_string()).collect();
    headers.push(lang.origin_column().to_string());
    let kept = &extras.kept().columns;
    for side in ["mentee", "mentor"] {
        headers.extend(kept.iter().map(|c| format!("{} ({side})", c.name)));
    }
    headers
}

/// Mentee `i`'s row under [`roster_headers`].
pub(super) fn roster_row(
    cohort: &Cohort,
    roster: &Roster,
    extras: &Extras,
    i: usize,
    lang: Lang,
) -> Vec<Cell> {
    let mentee = &cohort.mentees[i];
    let mut row = vec![
        Cell::text(&mentee.id),
        Cell::text(&mentee.name),
        Cell::text(&mentee.unit),
    ];
    match &roster.pairs[i] {
        Some(pair) => {
            let mentor = &cohort.mentors[pair.mentor];
            row.extend([
                Cell::text(&mentor.id),
                Cell::text(&mentor.name),
                Cell::text(&mentor.unit),
                Cell::Score(pair.score.score),
                Cell::Score(pair.score.complementarity),
                Cell::Int(u8::from(pair.score.same_unit).into()),
                Cell::Score(pair.score.workload_term),
                Cell::text(&mentee.grade.to_string()),
                Cell::text(&mentor.grade.to_string()),
                Cell::Empty,
            ]);
        }
        None => {
            row.extend(std::iter::repeat(Cell::Empty).take(7));
            row.push(Cell::text(&mentee.grade.to_string()));
            row.push(Cell::Empty);
            row.push(roster.unmatched[i].map_or(Cell::Empty, |r| Cell::text(lang.unmatched(r))));
        }
    }
    row.push(
        extras
            .origin(i)
            .map_or(Cell::Empty, |o| Cell::text(lang.origin(o))),
    );
    let kept = extras.kept();
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::text(s)
        }
    };
    for k in 0..kept.columns.len() {
        row.push(text(kept.mentee(i, k)));
    }
    let mentor = roster.pairs[i].map(|p| p.mentor);
    for k in 0..kept.columns.len() {
        row.push(mentor.map_or(Cell::Empty, |j| text(kept.mentor(j, k))));
    }
    row
}
