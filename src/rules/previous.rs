//! How a previous roster fits a cohort: how many of its ids are people of the cohort, and
//! how many of its pairs continuity could keep. A previous roster of another cohort would
//! otherwise be taken without a word, and its bonus would go to nobody.

use std::collections::HashSet;

use serde::Serialize;

use super::pairs_file::unquote;
use crate::input::rule_files::RosterLine;
use crate::model::Cohort;

/// What of a previous roster names people of a cohort (ids compare exactly, as continuity
/// matches them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PreviousFit {
    /// Distinct mentee ids of the previous roster.
    pub mentee_ids: usize,
    /// Of those, ids of nobody among the cohort's mentees.
    pub unknown_mentees: usize,
    /// Distinct mentor ids of its pairs.
    pub mentor_ids: usize,
    /// Of those, ids of nobody among the cohort's mentors.
    pub unknown_mentors: usize,
    /// Its pairs (rows with a mentor).
    pub pairs: usize,
    /// Of those, the pairs whose mentee and mentor are both of the cohort: the pairs
    /// continuity can keep, unless avoided.
    pub pairs_in_cohort: usize,
    /// Of those, the pairs an earlier roster to avoid (`avoid_previous`) keeps out: they
    /// earn no bonus, since they are never made ([`PreviousFit::avoiding`]).
    pub pairs_avoided: usize,
}

impl PreviousFit {
    /// How the previous roster `lines` fits `cohort`.
    pub fn new(lines: &[RosterLine], cohort: &Cohort) -> PreviousFit {
        let mentees: HashSet<&str> = cohort.mentees.iter().map(|m| m.id.as_str()).collect();
        let mentors: HashSet<&str> = cohort.mentors.iter().map(|m| m.id.as_str()).collect();
        let mut mentee_ids = HashSet::new();
        let mut mentor_ids = HashSet::new();
        let (mut pairs, mut pairs_in_cohort) = (0, 0);
        for line in lines {
            let mentee = unquote(&line.mentee_id);
            mentee_ids.insert(mentee);
            if line.mentor_id.is_empty() {
                continue;
            }
            let mentor = unquote(&line.mentor_id);
            mentor_ids.insert(mentor);
            pairs += 1;
            if mentees.contains(mentee) && mentors.contains(mentor) {
                pairs_in_cohort += 1;
            }
        }
        PreviousFit {
            mentee_ids: mentee_ids.len(),
            unknown_mentees: mentee_ids
                .iter()
                .filter(|id| !mentees.contains(*id))
                .count(),
            mentor_ids: mentor_ids.len(),
            unknown_mentors: mentor_ids
                .iter()
                .filter(|id| !mentors.contains(*id))
                .count(),
            pairs,
            pairs_in_cohort,
            pairs_avoided: 0,
        }
    }

    /// This fit of the previous roster `lines` with the pairs of the earlier rosters to
    /// avoid (`avoided`, each a file's rows) counted in [`PreviousFit::pairs_avoided`].
    pub fn avoiding(
        mut self,
        lines: &[RosterLine],
        avoided: &[&[RosterLine]],
        cohort: &Cohort,
    ) -> PreviousFit {
        let mentees: HashSet<&str> = cohort.mentees.iter().map(|m| m.id.as_str()).collect();
        let mentors: HashSet<&str> = cohort.mentors.iter().map(|m| m.id.as_str()).collect();
        let kept_out: HashSet<(&str, &str)> = avoided
            .iter()
            .flat_map(|file| super::avoid::pairs_of(file))
            .map(|(e, m, _)| (e, m))
            .collect();
        self.pairs_avoided = super::avoid::pairs_of(lines)
            .filter(|(e, m, _)| mentees.contains(e) && mentors.contains(m))
            .filter(|(e, m, _)| kept_out.contains(&(*e, *m)))
            .count();
        self
    }

    fn unknown_ids(&self) -> String {
        format!(
            "{} of its {} mentee ids and {} of its {} mentor ids are not in this cohort",
            self.unknown_mentees, self.mentee_ids, self.unknown_mentors, self.mentor_ids
        )
    }

    /// Why the previous roster cannot serve this cohort, when none of its pairs has both its
    /// mentee and its mentor in the cohort (a roster of another cohort, or one without a
    /// pair): continuity would keep nothing. The command refuses it (exit code 2).
    ///
    /// So it is, too, when every such pair is also one of an earlier roster to avoid (the
    /// same file for both, say): avoiding wins, and continuity would keep nothing.
    pub fn problem(&self) -> Option<String> {
        if self.pairs_in_cohort > 0 && self.pairs_avoided == self.pairs_in_cohort {
            return Some(format!(
                "every one of the previous roster's {} pairs in this cohort is also a pair of \
                 an earlier roster to avoid (--avoid-previous, avoid_previous): avoided pairs are never made, \
                 so continuity would keep nothing; leave --previous out, or name another roster",
                self.pairs_in_cohort
            ));
        }
        if self.pairs_in_cohort > 0 {
            return None;
        }
        Some(if self.pairs == 0 {
            "the previous roster holds no pair (every mentee unmatched): continuity would keep \
             nothing; leave --previous out"
                .to_string()
        } else {
            format!(
                "none of the previous roster's {} pairs has both its mentee and its mentor in \
                 this cohort ({}): is it the roster of another cohort? continuity would keep \
                 nothing",
                self.pairs,
                self.unknown_ids()
            )
        })
    }

    /// A warning when most ids of the previous roster are not in the cohort (more than half
    /// of its distinct mentee and mentor ids together), though some pairs can be kept: the
    /// turnover of a year leaves most ids in place, another cohort's roster does not.
    pub fn warning(&self) -> Option<String> {
        let unknown = self.unknown_mentees + self.unknown_mentors;
        (self.pairs_in_cohort > 0 && 2 * unknown > self.mentee_ids + self.mentor_ids).then(|| {
            format!(
                "{} (a roster of another cohort?): only {} of its {} pairs can earn the \
                 continuity bonus",
                self.unknown_ids(),
                self.pairs_in_cohort - self.pairs_avoided,
                self.pairs
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::cohort;

    fn line(mentee: &str, mentor: &str) -> RosterLine {
        RosterLine {
            mentee_id: mentee.into(),
            mentee_name: String::new(),
            mentor_id: mentor.into(),
            mentor_name: String::new(),
            score: String::new(),
            line: 0,
        }
    }

    #[test]
    fn the_fit_of_a_previous_roster() {
        let c = cohort();
        let (e, m) = (&c.mentees, &c.mentors);
        let (e1, e2, m1, m2) = (&e[0].id, &e[1].id, &m[0].id, &m[1].id);
        // this cohort's roster: no warning, no problem
        let own = PreviousFit::new(&[line(e1, m1), line(e2, m2), line(&e[2].id, "")], &c);
        assert_eq!((own.pairs, own.pairs_in_cohort), (2, 2));
        assert_eq!((own.unknown_mentees, own.unknown_mentors), (0, 0));
        assert_eq!((own.problem(), own.warning()), (None, None));
        // mostly strangers, one pair kept: a warning with the counts
        let mostly = [
            line(e1, m1),
            line("X1", "Y1"),
            line("X2", "Y1"),
            line("X3", m2),
        ];
        let fit = PreviousFit::new(&mostly, &c);
        assert_eq!((fit.mentee_ids, fit.unknown_mentees), (4, 3));
        assert_eq!((fit.mentor_ids, fit.unknown_mentors), (3, 1));
        assert_eq!(fit.problem(), None);
        assert_eq!(
            fit.warning().unwrap(),
            "3 of its 4 mentee ids and 1 of its 3 mentor ids are not in this cohort (a roster \
             of another cohort?): only 1 of its 4 pairs can earn the continuity bonus"
        );
        // half known: no warning (a year's turnover)
        let half = PreviousFit::new(&[line(e1, m1), line("X1", m1)], &c);
        assert_eq!(half.warning(), None);
        // another cohort: refused, and so is a roster without a pair, or with known mentees
        // whose mentors are all unknown
        let other = PreviousFit::new(&[line("X1", "Y1"), line("X2", "")], &c);
        assert!(other
            .problem()
            .unwrap()
            .contains("none of the previous roster's 1 pairs"));
        let none = PreviousFit::new(&[line(e1, "")], &c);
        assert!(none.problem().unwrap().contains("holds no pair"));
        let crossed = PreviousFit::new(&[line(e1, "Y1"), line("X1", m1)], &c);
        assert!(crossed.problem().is_some());
        // avoiding: the pairs both files hold are counted; all of them avoided is refused
        let lines = [line(e1, m1), line(e2, m2), line("X1", m1)];
        let some = PreviousFit::new(&lines, &c).avoiding(&lines, &[&lines[..1]], &c);
        assert_eq!((some.pairs_in_cohort, some.pairs_avoided), (2, 1));
        assert_eq!(some.problem(), None);
        let all = PreviousFit::new(&lines, &c).avoiding(&lines, &[&lines[1..], &lines], &c);
        assert_eq!(all.pairs_avoided, 2);
        assert!(all
            .problem()
            .unwrap()
            .contains("continuity would keep nothing"));
    }
}
