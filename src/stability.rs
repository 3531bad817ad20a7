//! Stability audit: the pairs that would both rather be together.
//!
//! A *blocking pair* is a mentee and an eligible mentor, not paired together, such that
//! - the mentee would do better: the pair scores higher than the mentee's own pair, or the
//!   mentee is unmatched; and
//! - the mentor would do better: they have a free slot, or they hold a mentee whose pair
//!   scores lower than this one.
//!
//! The optimum maximises the matched count first and the total score second, not stability,
//! so an optimal roster may have blocking pairs: they show where the roster asks someone to
//! give way for the sake of the whole. Scores closer than [`EPSILON`] count as equal, so exact
//! ties never block.
//!
//! Under the planner's rules, only the pairs the rules allow can block, and a mentor's
//! locked mentees are not given up (see [`blocking_pairs_under`]).

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Cohort;
use crate::roster::Roster;
use crate::rules::Rules;
use crate::score::Scorer;
use crate::settings::Settings;

/// Scores closer than this count as equal.
pub const EPSILON: f64 = 1e-9;

/// Header of `blocking_pairs.csv`.
pub const BLOCKING_PAIRS_HEADER: [&str; 6] = [
    "mentee_id",
    "mentor_id",
    "score_together",
    "mentee_current_score",
    "mentor_lowest_score",
    "mentor_free_slots",
];

/// A mentee and a mentor who would both rather be together.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BlockingPair {
    /// The mentee (index in the mentees file).
    pub mentee: usize,
    /// The mentor (index in the mentors file).
    pub mentor: usize,
    /// The score of the two together.
    pub score_together: f64,
    /// The score of the mentee's own pair (`None`: unmatched).
    pub mentee_current: Option<f64>,
    /// The lowest score among the mentor's pairs (`None`: no mentee yet).
    pub mentor_lowest: Option<f64>,
    /// The mentor's free slots.
    pub mentor_free_slots: u32,
}

/// Every blocking pair of `roster`, ordered by mentee then mentor (file order).
///
/// Scores every eligible pair once: O(mentees × mentors), in parallel over mentees; the
/// result does not depend on the number of threads.
pub fn blocking_pairs(cohort: &Cohort, settings: &Settings, roster: &Roster) -> Vec<BlockingPair> {
    blocking_pairs_under(cohort, &Scorer::new(cohort, settings), roster, None)
}

/// [`blocking_pairs`] with the cohort's scorer, under the planner's rules (built with that
/// scorer): only pairs the rules allow can block (no forbidden pair, none against a unit
/// rule, no locked mentee with another mentor), and a mentor cannot give up a locked
/// mentee, so its lowest score is over the others. The capacities are the roster's (the
/// rules', hours included).
pub fn blocking_pairs_under(
    cohort: &Cohort,
    scorer: &Scorer,
    roster: &Roster,
    rules: Option<&Rules>,
) -> Vec<BlockingPair> {
    let locked = |i: usize| rules.is_some_and(|r| r.lock[i].is_some());
    let mut lowest: Vec<Option<f64>> = vec![None; cohort.mentors.len()];
    let mut load = vec![0u32; cohort.mentors.len()];
    for (i, p) in roster.pairs.iter().enumerate() {
        let Some(p) = p else { continue };
        load[p.mentor] += 1;
        if !locked(i) {
            let s = p.score.score;
            lowest[p.mentor] = Some(lowest[p.mentor].map_or(s, |l: f64| l.min(s)));
        }
    }
    let free: Vec<u32> = roster
        .capacity
        .iter()
        .zip(&load)
        .map(|(&c, &l)| c.saturating_sub(l))
        .collect();
    // With same_scope_only only the mentors of a mentee's own scope can be eligible: each
    // mentee looks at those alone (in file order), not at every mentor of the cohort.
    let scope = |s: &Option<String>| s.as_deref().map(crate::model::unit_key).unwrap_or_default();
    let all: Vec<usize> = (0..cohort.mentors.len()).collect();
    let mut by_scope: std::collections::HashMap<String, Vec<usize>> = Default::default();
    if scorer.settings().eligibility.same_scope_only {
        for (j, m) in cohort.mentors.iter().enumerate() {
            by_scope.entry(scope(&m.scope)).or_default().push(j);
        }
    }
    let none: Vec<usize> = Vec::new();
    let per_mentee: Vec<Vec<BlockingPair>> = (0..cohort.mentees.len())
        .into_par_iter()
        .map(|i| {
            let own = roster.pairs[i];
            let current = own.map(|p| p.score.score);
            let mentors = if scorer.settings().eligibility.same_scope_only {
                by_scope
                    .get(&scope(&cohort.mentees[i].scope))
                    .unwrap_or(&none)
            } else {
                &all
            };
            mentors
                .iter()
                .copied()
                .filter(|&j| {
                    own.map_or(true, |p| p.mentor != j)
                        && scorer.eligible(i, j)
                        && rules.map_or(true, |r| r.blocked(i, j).is_none())
                })
                .filter_map(|j| {
                    let s = scorer.score(i, j).score;
                    let mentee_gains = current.map_or(true, |c| s > c + EPSILON);
                    let mentor_gains = free[j] > 0 || lowest[j].is_some_and(|l| s > l + EPSILON);
                    (mentee_gains && mentor_gains).then_some(BlockingPair {
                        mentee: i,
                        mentor: j,
                        score_together: s,
                        mentee_current: current,
                        mentor_lowest: lowest[j],
                        mentor_free_slots: free[j],
                    })
                })
                .collect()
        })
        .collect();
    per_mentee.into_iter().flatten().collect()
}

/// Mentee x mentor pairs above which the stability audit is not run (with
/// `same_scope_only`, summed over the scopes, whose mentees meet only their own mentors).
pub const STABILITY_MAX_PAIRS: u64 = 200_000_000;

/// The blocking pairs of a roster, when the audit applies (at most [`STABILITY_MAX_PAIRS`]
/// mentee x mentor pairs); under the planner's rules, the pairs they allow.
pub fn audit(cohort: &Cohort, settings: &Settings, roster: &Roster) -> Option<Vec<BlockingPair>> {
    let plan = crate::plan::Plan::new(cohort, settings);
    if plan.pairs() > STABILITY_MAX_PAIRS {
        return None;
    }
    if !plan.rules {
        return Some(blocking_pairs(cohort, settings, roster));
    }
    let scorer = crate::score::Scorer::new(cohort, settings);
    let rules = crate::rules::Rules::new(cohort, settings, &scorer, false).ok()?;
    Some(blocking_pairs_under(cohort, &scorer, roster, Some(&rules)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{match_cohort, Pair};
    use crate::test_fixture::{cohort, A, B, C};

    #[test]
    fn optimum_of_the_fixture_has_one_blocking_pair() {
        // Optimum: E1-B 0.76, E3-C 0.50, E4-A 0.50, E5-B 0.66; E2 and E6 unmatched.
        // E3 would rather have B (0.76 > 0.50) and B holds E5 at 0.66 < 0.76: blocking.
        // E4-B: 0.56 > 0.50 but B's lowest is 0.66: no. E2 (unmatched): A 0.10 < 0.50,
        // B 0.46 < 0.66, C 0.20 < 0.50: no. E1-A 0.30, E5-A 0.10: lower than their own.
        let cohort = cohort();
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        let pairs = blocking_pairs(&cohort, &settings, &roster);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        let p = pairs[0];
        assert_eq!((p.mentee, p.mentor), (2, B));
        assert!((p.score_together - 0.76).abs() < 1e-9);
        assert!((p.mentee_current.unwrap() - 0.50).abs() < 1e-9);
        assert!((p.mentor_lowest.unwrap() - 0.66).abs() < 1e-9);
        assert_eq!(p.mentor_free_slots, 0);
        // its row of blocking_pairs.csv: crate::report::audit_csv
    }

    #[test]
    fn free_slots_and_unmatched_mentees_block() {
        // A poor roster: only E1-A (0.30). A is full (lowest 0.30); B (2 slots) and C (1)
        // are free. Blocking:
        //   E1: B 0.76 > 0.30, B free.                      -> (E1, B)
        //   E2 (unmatched): A 0.10 < 0.30 no; B, C free.    -> (E2, B), (E2, C)
        //   E3: A 0.40 > 0.30 (A's lowest); B, C free.      -> (E3, A), (E3, B), (E3, C)
        //   E4: A 0.50 > 0.30; B free; C not eligible.      -> (E4, A), (E4, B)
        //   E5: A 0.10 < 0.30 no; B free.                   -> (E5, B)
        //   E6: nobody eligible.
        let cohort = cohort();
        let settings = Settings::default();
        let mut roster = match_cohort(&cohort, &settings).unwrap();
        let scorer = Scorer::new(&cohort, &settings);
        roster.pairs = vec![None; 6];
        roster.pairs[0] = Some(Pair {
            mentor: A,
            score: scorer.score(0, A),
        });
        roster.load = vec![1, 0, 0];
        let found: Vec<(usize, usize)> = blocking_pairs(&cohort, &settings, &roster)
            .iter()
            .map(|p| (p.mentee, p.mentor))
            .collect();
        assert_eq!(
            found,
            [
                (0, B),
                (1, B),
                (1, C),
                (2, A),
                (2, B),
                (2, C),
                (3, A),
                (3, B),
                (4, B)
            ]
        );
    }

    #[test]
    fn exact_ties_do_not_block() {
        // Two identical mentees and one mentor with one slot: the one left out would score
        // exactly what the mentor's mentee scores, which is no gain for the mentor.
        let mut cohort = cohort();
        cohort.mentees.truncate(1);
        let mut twin = cohort.mentees[0].clone();
        twin.id = "E1b".into();
        cohort.mentees.push(twin);
        cohort.mentors.truncate(1);
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        assert_eq!(roster.matched(), 1);
        assert!(blocking_pairs(&cohort, &settings, &roster).is_empty());
    }
}
