//! `bimbing diff`: which mentees have another mentor in a second roster.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{InputError, Result};
use crate::input::people::read_table;
use crate::input::Table;

/// One mentee as a roster file shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterLine {
    /// Mentee id.
    pub mentee_id: String,
    /// Mentee name.
    pub mentee_name: String,
    /// Mentor id, empty when unmatched.
    pub mentor_id: String,
    /// Mentor name, empty when unmatched.
    pub mentor_name: String,
    /// Score as written, empty when unmatched.
    pub score: String,
}

/// A mentee whose mentor differs between two rosters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The mentee in the first roster.
    pub before: RosterLine,
    /// The mentee in the second roster (`None` when absent from it).
    pub after: Option<RosterLine>,
}

/// The differences between two rosters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterDiff {
    /// Mentees in the first roster.
    pub mentees: usize,
    /// Mentees whose mentor changed (or who are missing from the second roster), in the
    /// first roster's order.
    pub changes: Vec<Change>,
    /// Mentees of the second roster absent from the first.
    pub only_in_second: usize,
}

/// Reads a `roster.csv` written by bimbing.
pub fn read_roster(path: &Path) -> Result<Vec<RosterLine>> {
    let (table, _) = read_table(path)?;
    let col = |name: &str| {
        table.column(name).ok_or_else(|| {
            table.header_error(format!("missing column {name:?} (is this a roster.csv?)"))
        })
    };
    let (id, name, mid, mname, score) = (
        col("mentee_id")?,
        col("mentee_name")?,
        col("mentor_id")?,
        col("mentor_name")?,
        col("score")?,
    );
    let mut seen = HashMap::new();
    let mut lines = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if let Some(first) = seen.insert(row.cells[id].clone(), row.line) {
            return Err(duplicate(&table, row, id, first).into());
        }
        lines.push(RosterLine {
            mentee_id: row.cells[id].clone(),
            mentee_name: row.cells[name].clone(),
            mentor_id: row.cells[mid].clone(),
            mentor_name: row.cells[mname].clone(),
            score: row.cells[score].clone(),
        });
    }
    Ok(lines)
}

fn duplicate(
    table: &Table,
    row: &crate::input::table::Row,
    column: usize,
    first: u64,
) -> InputError {
    table.cell_error(
        row,
        column,
        format!("duplicate mentee (first seen on line {first})"),
    )
}

/// Compares two rosters mentee by mentee (matched by mentee id).
pub fn diff(a: &[RosterLine], b: &[RosterLine]) -> RosterDiff {
    let by_id: HashMap<&str, &RosterLine> = b.iter().map(|l| (l.mentee_id.as_str(), l)).collect();
    let in_a: std::collections::HashSet<&str> = a.iter().map(|l| l.mentee_id.as_str()).collect();
    let changes = a
        .iter()
        .filter_map(|line| match by_id.get(line.mentee_id.as_str()) {
            Some(other) if other.mentor_id == line.mentor_id => None,
            other => Some(Change {
                before: line.clone(),
                after: other.map(|&o| o.clone()),
            }),
        })
        .collect();
    RosterDiff {
        mentees: a.len(),
        changes,
        only_in_second: b
            .iter()
            .filter(|l| !in_a.contains(l.mentee_id.as_str()))
            .count(),
    }
}
