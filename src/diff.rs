//! `bimbing diff`: which mentees have another mentor in a second roster.

use std::collections::HashMap;

use serde::Serialize;

pub use crate::input::rule_files::{read_roster, RosterLine};

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
