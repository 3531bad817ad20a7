//! Figures of one roster by unit and by competency, computed once and shown by the
//! workbook and the HTML report alike.
//!
//! A mentee's gap on a competency, and how much of it the mentor covers, are the scoring
//! model's ([`Scorer::covers`]): gap g = max(0, t - a), cover c = min(g, max(0, m - a)), in
//! level points. What a matched mentee's mentor does not cover, and the whole gap of an
//! unmatched mentee, is left open.

use std::collections::HashMap;

use crate::model::{exact_sum, unit_key, unit_label, Cohort, ExactSum, Spellings};
use crate::roster::Roster;
use crate::score::Scorer;
use crate::settings::Settings;

/// The figures of one unit (mentees counted by their own unit).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFigures {
    /// The unit as first written in the mentees file (units compare trimmed, case-folded).
    pub unit: String,
    /// With `same_scope_only`, the unit's scope as first written: a unit lives inside its
    /// scope, and the same unit name in two scopes is two units. `None` otherwise.
    pub scope: Option<String>,
    /// Mentees of the unit.
    pub mentees: usize,
    /// Of those, matched.
    pub matched: usize,
    /// Of those, unmatched.
    pub unmatched: usize,
    /// Mean score of the matched mentees (`None` when none is matched).
    pub mean_score: Option<f64>,
    /// Share (0-1) of the matched mentees whose mentor is of the same unit.
    pub same_unit_share: Option<f64>,
    /// Mean complementarity of the matched mentees.
    pub mean_complementarity: Option<f64>,
    /// Sum of the mentees' gaps, in level points.
    pub gap_total: f64,
    /// Of that, covered by their mentors.
    pub gap_covered: f64,
}

impl UnitFigures {
    /// The unit as the reports name it: with its scope in brackets when it has one.
    pub fn label(&self) -> String {
        unit_label(&self.unit, self.scope.as_deref())
    }

    /// Share (0-1) of the unit's mentees that are matched.
    pub fn coverage(&self) -> f64 {
        if self.mentees == 0 {
            0.0
        } else {
            self.matched as f64 / self.mentees as f64
        }
    }

    /// Gap left open, in level points.
    pub fn gap_open(&self) -> f64 {
        (self.gap_total - self.gap_covered).max(0.0)
    }
}

/// Gaps on one competency over all mentees.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyFigures {
    /// Competency name.
    pub competency: String,
    /// Sum of the mentees' gaps, in level points.
    pub gap_total: f64,
    /// Of that, covered by their mentors.
    pub gap_covered: f64,
}

impl CompetencyFigures {
    /// Gap left open, in level points.
    pub fn gap_open(&self) -> f64 {
        (self.gap_total - self.gap_covered).max(0.0)
    }
}

/// The figures of one roster that the reports show beyond the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterFigures {
    /// Per unit, the largest first (then by name).
    pub units: Vec<UnitFigures>,
    /// Per competency, in cohort order.
    pub competencies: Vec<CompetencyFigures>,
    /// Scores of the matched pairs, in mentee order.
    pub scores: Vec<f64>,
    /// Mentees per mentor, in mentor order.
    pub loads: Vec<u32>,
}

impl RosterFigures {
    /// The figures by unit alone: the scopes of each unit summed (to set a roster matched
    /// by scope beside one that is not). Without scopes, the units as they are. The unit is
    /// spelled as in its largest scope (ties to the smaller spelling); order as in
    /// [`RosterFigures::units`].
    pub fn units_across_scopes(&self) -> Vec<UnitFigures> {
        let mut merged: std::collections::BTreeMap<String, (Sums, usize)> = Default::default();
        for u in &self.units {
            let (sums, largest) = merged
                .entry(unit_key(&u.unit))
                .or_insert_with(|| (Sums::new(&u.unit, None), 0));
            if u.mentees > *largest || (u.mentees == *largest && u.unit < sums.unit) {
                sums.unit = u.unit.clone();
                *largest = u.mentees;
            }
            let matched = u.matched as f64;
            sums.mentees += u.mentees;
            sums.matched += u.matched;
            sums.score.add(u.mean_score.unwrap_or(0.0) * matched);
            sums.complementarity
                .add(u.mean_complementarity.unwrap_or(0.0) * matched);
            sums.same_unit += (u.same_unit_share.unwrap_or(0.0) * matched).round() as usize;
            sums.gap_total.add(u.gap_total);
            sums.gap_covered.add(u.gap_covered);
        }
        let mut units: Vec<UnitFigures> = merged
            .into_values()
            .map(|(sums, _)| sums.figures())
            .collect();
        sort_units(&mut units);
        units
    }

    /// Computes the figures of a roster; `settings` are those it was matched with (they
    /// give the default target of the gaps).
    pub fn new(cohort: &Cohort, roster: &Roster, settings: &Settings) -> RosterFigures {
        let scorer = Scorer::new(cohort, settings);
        // exact sums, so that no figure depends on the order of the input rows
        let mut competency_sums: Vec<(ExactSum, ExactSum)> =
            vec![Default::default(); cohort.competencies.len()];
        let mut index: HashMap<(String, String), usize> = HashMap::new();
        let mut units: Vec<Sums> = Vec::new();
        let by_scope = settings.eligibility.same_scope_only;
        let spellings = Spellings::of(cohort, by_scope);
        for (i, mentee) in cohort.mentees.iter().enumerate() {
            let scope = mentee
                .scope
                .as_deref()
                .filter(|s| by_scope && !s.trim().is_empty());
            let key = (
                scope.map(unit_key).unwrap_or_default(),
                unit_key(&mentee.unit),
            );
            let u = *index.entry(key).or_insert_with(|| {
                units.push(Sums::new(
                    &spellings.unit(scope, &mentee.unit),
                    scope.map(|s| spellings.scope(s)),
                ));
                units.len() - 1
            });
            let sums = &mut units[u];
            sums.mentees += 1;
            sums.gap_total.add(scorer.gap_total(i));
            let Some(pair) = roster.pairs[i] else {
                for (figures, gap) in competency_sums.iter_mut().zip(gaps(&scorer, cohort, i)) {
                    figures.0.add(gap);
                }
                continue;
            };
            sums.matched += 1;
            sums.score.add(pair.score.score);
            sums.complementarity.add(pair.score.complementarity);
            sums.same_unit += usize::from(pair.score.same_unit);
            for (figures, c) in competency_sums
                .iter_mut()
                .zip(scorer.covers(i, pair.mentor))
            {
                figures.0.add(c.gap);
                figures.1.add(c.cover);
                sums.gap_covered.add(c.cover);
            }
        }
        let competencies = cohort
            .competencies
            .iter()
            .zip(competency_sums)
            .map(|(c, (total, covered))| CompetencyFigures {
                competency: c.clone(),
                gap_total: total.value(),
                gap_covered: covered.value(),
            })
            .collect();
        let mut units: Vec<UnitFigures> = units.into_iter().map(Sums::figures).collect();
        sort_units(&mut units);
        RosterFigures {
            units,
            competencies,
            scores: roster
                .pairs
                .iter()
                .flatten()
                .map(|p| p.score.score)
                .collect(),
            loads: roster.load.clone(),
        }
    }

    /// Gap points over all competencies: total and covered (exact sums).
    pub fn gap_totals(&self) -> (f64, f64) {
        (
            exact_sum(self.competencies.iter().map(|f| f.gap_total)),
            exact_sum(self.competencies.iter().map(|f| f.gap_covered)),
        )
    }
}

/// A mentee's gap per competency, as the scorer defines it, for a mentee without a mentor
/// (the covers against any mentor carry the same gaps).
fn gaps(scorer: &Scorer, cohort: &Cohort, mentee: usize) -> Vec<f64> {
    if cohort.mentors.is_empty() {
        // No mentor to ask the scorer with: the same rule, g = max(0, t - a).
        let m = &cohort.mentees[mentee];
        let target = scorer.settings().scoring.target;
        return m
            .levels
            .iter()
            .zip(&m.targets)
            .map(|(level, t)| level.map_or(0.0, |a| (t.unwrap_or(target) - a).max(0.0)))
            .collect();
    }
    scorer
        .covers(mentee, 0)
        .into_iter()
        .map(|c| c.gap)
        .collect()
}

/// The largest unit first, then by name and scope.
fn sort_units(units: &mut [UnitFigures]) {
    units.sort_by(|a, b| {
        b.mentees
            .cmp(&a.mentees)
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.scope.cmp(&b.scope))
    });
}

/// Running sums of one unit.
struct Sums {
    unit: String,
    scope: Option<String>,
    mentees: usize,
    matched: usize,
    score: ExactSum,
    complementarity: ExactSum,
    same_unit: usize,
    gap_total: ExactSum,
    gap_covered: ExactSum,
}

impl Sums {
    fn new(unit: &str, scope: Option<String>) -> Sums {
        Sums {
            unit: unit.to_string(),
            scope,
            mentees: 0,
            matched: 0,
            score: ExactSum::new(),
            complementarity: ExactSum::new(),
            same_unit: 0,
            gap_total: ExactSum::new(),
            gap_covered: ExactSum::new(),
        }
    }

    fn figures(self) -> UnitFigures {
        let per_matched = |x: f64| (self.matched > 0).then(|| x / self.matched as f64);
        UnitFigures {
            mean_score: per_matched(self.score.value()),
            same_unit_share: per_matched(self.same_unit as f64),
            mean_complementarity: per_matched(self.complementarity.value()),
            unit: self.unit,
            scope: self.scope,
            mentees: self.mentees,
            matched: self.matched,
            unmatched: self.mentees - self.matched,
            gap_total: self.gap_total.value(),
            gap_covered: self.gap_covered.value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn example() -> (Cohort, Roster) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
        let (cohort, _) =
            crate::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv")).unwrap();
        let roster = crate::roster::match_cohort(&cohort, &Settings::default()).unwrap();
        (cohort, roster)
    }

    #[test]
    fn units_add_up_to_the_roster() {
        let (cohort, roster) = example();
        let f = RosterFigures::new(&cohort, &roster, &Settings::default());
        assert_eq!(f.units.iter().map(|u| u.mentees).sum::<usize>(), 10);
        assert_eq!(
            f.units.iter().map(|u| u.matched).sum::<usize>(),
            roster.matched()
        );
        let total: f64 = f
            .units
            .iter()
            .map(|u| u.mean_score.unwrap_or(0.0) * u.matched as f64)
            .sum();
        assert!((total - roster.total_score()).abs() < 1e-9);
        let same: f64 = f
            .units
            .iter()
            .map(|u| u.same_unit_share.unwrap_or(0.0) * u.matched as f64)
            .sum();
        assert!((same - roster.same_unit_pairs() as f64).abs() < 1e-9);
        assert!(f.units.windows(2).all(|w| w[0].mentees >= w[1].mentees));
        assert_eq!(f.scores.len(), roster.matched());
    }

    #[test]
    fn gaps_agree_by_unit_and_by_competency() {
        let (cohort, roster) = example();
        let settings = Settings::default();
        let f = RosterFigures::new(&cohort, &roster, &settings);
        let scorer = Scorer::new(&cohort, &settings);
        let all_gaps: f64 = (0..cohort.mentees.len()).map(|i| scorer.gap_total(i)).sum();
        let (total, covered) = f.gap_totals();
        assert!((total - all_gaps).abs() < 1e-9);
        let unit_total: f64 = f.units.iter().map(|u| u.gap_total).sum();
        let unit_covered: f64 = f.units.iter().map(|u| u.gap_covered).sum();
        assert!((unit_total - total).abs() < 1e-9);
        assert!((unit_covered - covered).abs() < 1e-9);
        // the example's optimum has complementarity 1 for every matched mentee: every gap of
        // a matched mentee is covered, and only the unmatched mentees' gaps stay open
        let open_unmatched: f64 = (0..cohort.mentees.len())
            .filter(|&i| roster.pairs[i].is_none())
            .map(|i| scorer.gap_total(i))
            .sum();
        assert!((total - covered - open_unmatched).abs() < 1e-9);
    }

    /// The fixture with two scopes, written in several ways, and units written in several
    /// ways.
    fn scoped() -> Cohort {
        let mut cohort = crate::test_fixture::cohort();
        for (j, m) in cohort.mentors.iter_mut().enumerate() {
            m.scope = Some(["P", " q", "Q"][j].into());
        }
        for (i, m) in cohort.mentees.iter_mut().enumerate() {
            m.scope = Some(["P", "Q ", "q", "p", "Q", "Q"][i].into());
            if i == 4 {
                m.unit = " x ".into();
            }
        }
        cohort
    }

    #[test]
    fn units_across_scopes_are_the_units_of_an_unscoped_count() {
        let cohort = scoped();
        let mut by_scope = Settings::default();
        by_scope.eligibility.same_scope_only = true;
        let roster = crate::roster::match_cohort(&cohort, &by_scope).unwrap();
        let scoped = RosterFigures::new(&cohort, &roster, &by_scope);
        assert!(scoped.units.iter().all(|u| u.scope.is_some()));
        assert!(scoped.units.len() > 3, "unit X is in two scopes");
        // The same roster counted without scopes, an independent count.
        let plain = RosterFigures::new(&cohort, &roster, &Settings::default());
        let merged = scoped.units_across_scopes();
        assert_eq!(merged.len(), plain.units.len());
        for (m, p) in merged.iter().zip(&plain.units) {
            assert_eq!(unit_key(&m.unit), unit_key(&p.unit));
            assert_eq!(
                (m.scope.clone(), m.mentees, m.matched),
                (None, p.mentees, p.matched)
            );
            for (a, b) in [
                (m.mean_score, p.mean_score),
                (m.mean_complementarity, p.mean_complementarity),
                (m.same_unit_share, p.same_unit_share),
            ] {
                assert!((a.unwrap_or(-1.0) - b.unwrap_or(-1.0)).abs() < 1e-12);
            }
            assert!((m.gap_total - p.gap_total).abs() < 1e-12);
            assert!((m.gap_covered - p.gap_covered).abs() < 1e-12);
        }
    }

    #[test]
    fn labels_do_not_depend_on_the_order_of_rows() {
        let cohort = scoped();
        let mut by_scope = Settings::default();
        by_scope.eligibility.same_scope_only = true;
        let labels = |cohort: &Cohort| {
            let roster = crate::roster::match_cohort(cohort, &by_scope).unwrap();
            let mut l: Vec<String> = RosterFigures::new(cohort, &roster, &by_scope)
                .units
                .iter()
                .map(UnitFigures::label)
                .collect();
            l.sort();
            l
        };
        let mut reversed = cohort.clone();
        reversed.mentors.reverse();
        reversed.mentees.reverse();
        assert_eq!(labels(&cohort), labels(&reversed));
        // Scope q is written "Q" by three people, " q"/"q"/"Q " by one each: "Q" it is.
        assert!(
            labels(&cohort).iter().any(|l| l == "Z (Q)"),
            "{:?}",
            labels(&cohort)
        );
    }
}
