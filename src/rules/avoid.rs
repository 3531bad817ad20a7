//! Earlier rosters whose pairs are not made again (`avoid_previous`): each pair whose mentee
//! is a mentee of the cohort and whose mentor is one of its mentors is forbidden, as a
//! `forbid` row of the pairs file is. People leave between rounds, so an id of nobody in
//! the cohort is no error: [`AvoidFit`] counts them for a warning.

use std::collections::HashSet;

use serde::Serialize;

use super::pairs_file::unquote;
use crate::input::rule_files::RosterLine;
use crate::model::Cohort;

/// The pairs of an earlier roster: (mentee id, mentor id, line), ids as they compare
/// (unquoted), unmatched rows left out.
pub fn pairs_of(lines: &[RosterLine]) -> impl Iterator<Item = (&str, &str, u64)> {
    lines
        .iter()
        .filter(|l| !l.mentor_id.is_empty())
        .map(|l| (unquote(&l.mentee_id), unquote(&l.mentor_id), l.line))
}

/// The pairs of `lines` that can be made in `cohort`, as file indices (mentee, mentor),
/// each with the first line it is on.
pub fn resolve(lines: &[RosterLine], cohort: &Cohort) -> Vec<(usize, usize, u64)> {
    let (mentees, mentors) = cohort.id_indices();
    let mut seen = HashSet::new();
    pairs_of(lines)
        .filter_map(|(e, m, line)| Some((*mentees.get(e)?, *mentors.get(m)?, line)))
        .filter(|&(i, j, _)| seen.insert((i, j)))
        .collect()
}

/// What of an earlier roster to avoid names people of a cohort (ids compare exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AvoidFit {
    /// Distinct pairs of the file (rows with a mentor).
    pub pairs: usize,
    /// Of those, the pairs that can be made in the cohort, which are now forbidden.
    pub forbidden: usize,
    /// Distinct ids of the people of its pairs.
    pub people: usize,
    /// Of those, the ids in neither file of the cohort: people who have left.
    pub left: usize,
}

impl AvoidFit {
    /// How the earlier roster `lines` fits `cohort`.
    pub fn new(lines: &[RosterLine], cohort: &Cohort) -> AvoidFit {
        let everybody: HashSet<&str> = cohort
            .mentees
            .iter()
            .map(|m| m.id.as_str())
            .chain(cohort.mentors.iter().map(|m| m.id.as_str()))
            .collect();
        let mut pairs = HashSet::new();
        let mut people = HashSet::new();
        for (e, m, _) in pairs_of(lines) {
            pairs.insert((e, m));
            people.insert(e);
            people.insert(m);
        }
        AvoidFit {
            pairs: pairs.len(),
            forbidden: resolve(lines, cohort).len(),
            people: people.len(),
            left: people.iter().filter(|id| !everybody.contains(*id)).count(),
        }
    }

    /// A warning when some pairs cannot be kept out because they cannot be made at all:
    /// someone has left (their id is in neither file of the cohort) or changed role; or
    /// when the file forbids nothing. Counts only, never an id or a name.
    pub fn warning(&self) -> Option<String> {
        let gone = self.pairs - self.forbidden;
        if self.pairs == 0 {
            return Some(
                "avoid_previous: the file holds no pair (every mentee unmatched, or no row), \
                 so it keeps no pair out"
                    .into(),
            );
        }
        if gone == 0 {
            return None;
        }
        let left = match self.left {
            0 => String::new(),
            1 => "1 person of its pairs has left (an id in neither file of this cohort); ".into(),
            n => {
                format!("{n} people of its pairs have left (ids in neither file of this cohort); ")
            }
        };
        Some(if self.forbidden == 0 {
            format!(
                "avoid_previous: {left}none of its {} pairs can be made in this cohort, so it \
                 keeps no pair out (the roster of another cohort?)",
                self.pairs
            )
        } else {
            format!(
                "avoid_previous: {left}{gone} of its {} pairs cannot be made in this cohort \
                 (someone left or changed role); the other {} are kept out of the roster",
                self.pairs, self.forbidden
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::cohort;

    fn line(mentee: &str, mentor: &str, line: u64) -> RosterLine {
        RosterLine {
            mentee_id: mentee.into(),
            mentee_name: String::new(),
            mentor_id: mentor.into(),
            mentor_name: String::new(),
            score: String::new(),
            line,
        }
    }

    #[test]
    fn pairs_in_the_cohort_are_forbidden_and_people_who_left_are_counted() {
        let c = cohort();
        let (e, m) = (&c.mentees, &c.mentors);
        let lines = [
            line(&e[0].id, &m[0].id, 2),
            line(&e[1].id, "", 3),
            line("X1", &m[1].id, 4),
            line("X2", "Y1", 5),
            line(&e[0].id, &m[0].id, 6),
        ];
        assert_eq!(resolve(&lines, &c), [(0, 0, 2)], "first line of a pair");
        let fit = AvoidFit::new(&lines, &c);
        assert_eq!(
            fit,
            AvoidFit {
                pairs: 3,
                forbidden: 1,
                people: 6,
                left: 3
            }
        );
        assert_eq!(
            fit.warning().unwrap(),
            "avoid_previous: 3 people of its pairs have left (ids in neither file of this \
             cohort); 2 of its 3 pairs cannot be made in this cohort (someone left or changed \
             role); the other 1 are kept out of the roster"
        );
        let own = AvoidFit::new(&lines[..1], &c);
        assert_eq!(own.warning(), None);
        let other = AvoidFit::new(&lines[3..4], &c);
        assert!(other.warning().unwrap().contains("none of its 1 pairs"));
        let empty = AvoidFit::new(&lines[1..2], &c);
        assert!(empty.warning().unwrap().contains("holds no pair"));
    }
}
