//! The scoring model: how well a mentor suits a mentee.
//!
//! For mentee i and mentor j, per competency k, with the mentee's level a, the target t and
//! the mentor's level m:
//! - gap g = max(0, t - a); cover c = min(g, max(0, m - a))
//! - complementarity C = (Σ c) / (Σ g), and C = 0 when the mentee has no gap
//! - unit U = 1 when both units are equal (trimmed, case-folded), else 0
//! - workload W = clamp(1 - workload of the mentor, 0, 1)
//! - score s = w_C·C + w_U·U + w_W·W (default weights 0.6, 0.2, 0.2)
//!
//! A competency the mentee was not assessed on has no gap; a mentor not assessed on a
//! competency covers nothing there. A pair is eligible when the mentor's grade is at least
//! `min_grade_gap` steps above the mentee's and they are different people (and, under
//! `min_mentor_performance`, the mentor's SKP rating is at least that one).

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{unit_key, Cohort};
use crate::settings::Settings;

/// The score of one pair, term by term.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairScore {
    /// The weighted score s.
    pub score: f64,
    /// Complementarity C in [0, 1].
    pub complementarity: f64,
    /// Whether both are in the same unit (U = 1).
    pub same_unit: bool,
    /// Workload term W in [0, 1].
    pub workload_term: f64,
}

/// One competency of a pair: the mentee's gap and how much of it the mentor covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyCover {
    /// Competency name.
    pub competency: String,
    /// Gap g = max(0, t - a) (0 when not assessed).
    pub gap: f64,
    /// Cover c = min(g, max(0, m - a)).
    pub cover: f64,
}

/// Precomputed inputs of the scoring model for a whole cohort.
#[derive(Debug, Clone)]
pub struct Scorer {
    settings: Settings,
    competencies: Vec<String>,
    /// The competencies where mentees have a gap, mentee after mentee in competency order:
    /// mentee i's are `gap_terms[gap_start[i]..gap_start[i + 1]]`. Competencies without a
    /// gap (or not assessed) add nothing to a cover, so they are left out.
    gap_terms: Vec<GapTerm>,
    gap_start: Vec<usize>,
    mentee_gap_total: Vec<f64>,
    mentee_unit: Vec<u32>,
    mentee_step: Vec<i32>,
    /// Per mentee, the mentor with the same id (the same person), if any.
    mentee_self: Vec<Option<usize>>,
    mentee_scope: Vec<u32>,
    /// Mentor levels, mentor after mentor, one per competency: mentor j's level in
    /// competency k is `mentor_levels[j * competencies.len() + k]`, NaN where not assessed.
    mentor_levels: Vec<f64>,
    mentor_unit: Vec<u32>,
    mentor_step: Vec<i32>,
    mentor_scope: Vec<u32>,
    mentor_workload_term: Vec<f64>,
    /// Per mentor, whether its rating lets it mentor (`min_mentor_performance`).
    mentor_rated_enough: Vec<bool>,
}

impl Scorer {
    /// Prepares the scoring of every pair of a cohort under the given settings.
    pub fn new(cohort: &Cohort, settings: &Settings) -> Scorer {
        let mut units: HashMap<String, u32> = HashMap::new();
        let mut unit_of = |u: &str| {
            let next = units.len() as u32;
            *units.entry(unit_key(u)).or_insert(next)
        };
        let mut scope_ids: HashMap<String, u32> = HashMap::new();
        let mut scope_of = |scope: &Option<String>| {
            let key = scope.as_deref().map(unit_key).unwrap_or_default();
            let next = scope_ids.len() as u32;
            *scope_ids.entry(key).or_insert(next)
        };
        let mentee_unit = cohort.mentees.iter().map(|m| unit_of(&m.unit)).collect();
        let mentor_unit = cohort.mentors.iter().map(|m| unit_of(&m.unit)).collect();
        let mut gap_terms = Vec::new();
        let mut gap_start = Vec::with_capacity(cohort.mentees.len() + 1);
        let mut mentee_gap_total = Vec::with_capacity(cohort.mentees.len());
        for m in &cohort.mentees {
            gap_start.push(gap_terms.len());
            let mut total = 0.0;
            for (k, (level, target)) in m.levels.iter().zip(&m.targets).enumerate() {
                let (a, g) = match level {
                    Some(a) => (*a, (target.unwrap_or(settings.scoring.target) - a).max(0.0)),
                    None => (0.0, 0.0),
                };
                // Summed over every competency in order, as a zero gap adds exactly 0.
                total += g;
                if g > 0.0 {
                    gap_terms.push(GapTerm {
                        competency: k,
                        level: a,
                        gap: g,
                    });
                }
            }
            mentee_gap_total.push(total);
        }
        gap_start.push(gap_terms.len());
        let width = cohort.competencies.len();
        let mut mentor_levels = Vec::with_capacity(cohort.mentors.len() * width);
        for m in &cohort.mentors {
            let levels = m.levels.iter().map(|l| l.unwrap_or(f64::NAN));
            mentor_levels.extend(levels.chain(std::iter::repeat(f64::NAN)).take(width));
        }
        Scorer {
            settings: settings.clone(),
            competencies: cohort.competencies.clone(),
            gap_terms,
            gap_start,
            mentee_gap_total,
            mentee_unit,
            mentee_step: cohort
                .mentees
                .iter()
                .map(|m| m.grade.step() as i32)
                .collect(),
            mentee_self: {
                let by_id: HashMap<&str, usize> = cohort
                    .mentors
                    .iter()
                    .enumerate()
                    .map(|(j, m)| (m.id.as_str(), j))
                    .collect();
                cohort
                    .mentees
                    .iter()
                    .map(|m| by_id.get(m.id.as_str()).copied())
                    .collect()
            },
            mentee_scope: cohort.mentees.iter().map(|m| scope_of(&m.scope)).collect(),
            mentor_levels,
            mentor_unit,
            mentor_step: cohort
                .mentors
                .iter()
                .map(|m| m.grade.step() as i32)
                .collect(),
            mentor_scope: cohort.mentors.iter().map(|m| scope_of(&m.scope)).collect(),
            mentor_workload_term: cohort
                .mentors
                .iter()
                .map(|m| workload_term(m.workload.unwrap_or(0.0)))
                .collect(),
            mentor_rated_enough: cohort
                .mentors
                .iter()
                .map(|m| rated_enough(m, settings))
                .collect(),
        }
    }

    /// The settings this scorer uses.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether mentor `j` may mentor mentee `i` (grade gap, not the same person, the same
    /// scope under `same_scope_only`, the rating under `min_mentor_performance`).
    pub fn eligible(&self, mentee: usize, mentor: usize) -> bool {
        self.mentor_rated_enough[mentor]
            && self.mentor_step[mentor] - self.mentee_step[mentee]
                >= self.settings.eligibility.min_grade_gap
            && self.mentee_self[mentee] != Some(mentor)
            && (!self.settings.eligibility.same_scope_only
                || self.mentor_scope[mentor] == self.mentee_scope[mentee])
    }

    /// The complementarity C of a pair.
    pub fn complementarity(&self, mentee: usize, mentor: usize) -> f64 {
        let total = self.mentee_gap_total[mentee];
        if total <= 0.0 {
            return 0.0;
        }
        let levels = self.levels_of(mentor);
        let covered: f64 = self
            .gaps_of(mentee)
            .iter()
            .map(|t| cover(t.level, t.gap, levels[t.competency]))
            .sum();
        covered / total
    }

    /// The score of a pair, term by term (eligibility is not checked).
    pub fn score(&self, mentee: usize, mentor: usize) -> PairScore {
        let complementarity = self.complementarity(mentee, mentor);
        let same_unit = self.mentee_unit[mentee] == self.mentor_unit[mentor];
        let workload_term = self.mentor_workload_term[mentor];
        let w = &self.settings.scoring.weights;
        let score = w.complementarity * complementarity
            + w.unit * if same_unit { 1.0 } else { 0.0 }
            + w.workload * workload_term;
        PairScore {
            score,
            complementarity,
            same_unit,
            workload_term,
        }
    }

    /// Gap and cover per competency of a pair, in competency order.
    pub fn covers(&self, mentee: usize, mentor: usize) -> Vec<CompetencyCover> {
        let levels = self.levels_of(mentor);
        let mut gaps = self.gaps_of(mentee).iter().peekable();
        self.competencies
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let (gap, cover) = match gaps.next_if(|t| t.competency == k) {
                    Some(t) => (t.gap, cover(t.level, t.gap, levels[k])),
                    None => (0.0, 0.0),
                };
                CompetencyCover {
                    competency: name.clone(),
                    gap,
                    cover,
                }
            })
            .collect()
    }

    /// The competencies where mentee `i` has a gap, in competency order.
    fn gaps_of(&self, mentee: usize) -> &[GapTerm] {
        &self.gap_terms[self.gap_start[mentee]..self.gap_start[mentee + 1]]
    }

    /// Mentor `j`'s level per competency, NaN where not assessed.
    fn levels_of(&self, mentor: usize) -> &[f64] {
        let width = self.competencies.len();
        &self.mentor_levels[mentor * width..(mentor + 1) * width]
    }

    /// Total gap Σg of a mentee.
    pub fn gap_total(&self, mentee: usize) -> f64 {
        self.mentee_gap_total[mentee]
    }
}

/// A competency where a mentee has a gap: its index, the mentee's level and the gap.
#[derive(Debug, Clone, Copy)]
struct GapTerm {
    competency: usize,
    level: f64,
    gap: f64,
}

/// Whether a mentor's SKP rating lets it mentor under `settings`: always without
/// `min_mentor_performance`; else only when rated at least that (a mentor without a rating
/// may not).
pub fn rated_enough(mentor: &crate::model::Mentor, settings: &Settings) -> bool {
    match settings.eligibility.min_mentor_performance {
        None => true,
        Some(min) => mentor.performance.is_some_and(|p| p >= min),
    }
}

/// The workload term W = clamp(1 - workload, 0, 1).
pub fn workload_term(workload: f64) -> f64 {
    (1.0 - workload).clamp(0.0, 1.0)
}

/// Cover c = min(g, max(0, m - a)); a mentor level of NaN (not assessed) covers nothing.
fn cover(a: f64, g: f64, m: f64) -> f64 {
    if g <= 0.0 || m.is_nan() {
        0.0
    } else {
        g.min((m - a).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Grade, Mentee, Mentor};

    fn mentee(
        id: &str,
        unit: &str,
        grade: &str,
        levels: &[Option<f64>],
        targets: &[Option<f64>],
    ) -> Mentee {
        Mentee {
            id: id.into(),
            name: "x".into(),
            unit: unit.into(),
            scope: None,
            grade: Grade::parse(grade).unwrap(),
            levels: levels.to_vec(),
            targets: targets.to_vec(),
            line: 2,
        }
    }

    fn mentor(
        id: &str,
        unit: &str,
        grade: &str,
        workload: Option<f64>,
        levels: &[Option<f64>],
    ) -> Mentor {
        Mentor {
            id: id.into(),
            name: "y".into(),
            unit: unit.into(),
            scope: None,
            grade: Grade::parse(grade).unwrap(),
            capacity: None,
            workload,
            min_mentees: None,
            hours_used: None,
            max_hours: None,
            performance: None,
            levels: levels.to_vec(),
            line: 2,
        }
    }

    fn cohort() -> Cohort {
        Cohort {
            competencies: vec!["a".into(), "b".into(), "c".into()],
            // gaps: a: 4-2 = 2; b: target default 3 - 1 = 2; c: not assessed -> 0. Σg = 4
            mentees: vec![
                mentee(
                    "m1",
                    " Dinas Kesehatan",
                    "II/c",
                    &[Some(2.0), Some(1.0), None],
                    &[Some(4.0), None, Some(5.0)],
                ),
                mentee(
                    "m2",
                    "Bappeda",
                    "III/a",
                    &[Some(4.0), Some(3.0), Some(3.0)],
                    &[None, None, None],
                ),
            ],
            mentors: vec![
                // a: min(2, 3.5-2) = 1.5; b: min(2, 2-1) = 1; c: no gap. C = 2.5/4 = 0.625
                mentor(
                    "s1",
                    "dinas kesehatan ",
                    "III/a",
                    Some(0.7),
                    &[Some(3.5), Some(2.0), Some(5.0)],
                ),
                // a: min(2, 5-2) = 2; b: not assessed -> 0. C = 2/4 = 0.5
                mentor(
                    "s2",
                    "Bappeda",
                    "II/d",
                    Some(1.3),
                    &[Some(5.0), None, Some(1.0)],
                ),
                mentor(
                    "m1",
                    "Bappeda",
                    "IV/a",
                    None,
                    &[Some(5.0), Some(5.0), Some(5.0)],
                ),
            ],
        }
    }

    #[test]
    fn score_by_hand() {
        let s = Scorer::new(&cohort(), &Settings::default());
        let p = s.score(0, 0);
        assert!((p.complementarity - 0.625).abs() < 1e-12);
        assert!(p.same_unit, "units compare trimmed and case-folded");
        assert!((p.workload_term - 0.3).abs() < 1e-12);
        // 0.6*0.625 + 0.2*1 + 0.2*0.3 = 0.375 + 0.2 + 0.06
        assert!((p.score - 0.635).abs() < 1e-12);

        let p = s.score(0, 1);
        assert!((p.complementarity - 0.5).abs() < 1e-12);
        assert!(!p.same_unit);
        assert_eq!(p.workload_term, 0.0, "overloaded mentors clamp to 0");
        assert!((p.score - 0.3).abs() < 1e-12);
    }

    #[test]
    fn no_gap_means_zero_complementarity() {
        let s = Scorer::new(&cohort(), &Settings::default());
        assert_eq!(s.gap_total(1), 0.0);
        assert_eq!(s.complementarity(1, 2), 0.0);
        // same unit, workload absent -> W = 1: 0.2 + 0.2
        assert!((s.score(1, 2).score - 0.4).abs() < 1e-12);
    }

    #[test]
    fn eligibility_needs_grade_gap_and_two_people() {
        let s = Scorer::new(&cohort(), &Settings::default());
        assert!(s.eligible(0, 0)); // III/a (9) over II/c (7)
        assert!(s.eligible(0, 1)); // II/d (8) over II/c (7)
        assert!(!s.eligible(0, 2), "nobody mentors themselves");
        assert!(!s.eligible(1, 0), "same grade is not enough");
        let strict = {
            let mut custom = Settings::default();
            custom.eligibility.min_grade_gap = 2;
            custom
        };
        let s = Scorer::new(&cohort(), &strict);
        assert!(s.eligible(0, 0));
        assert!(!s.eligible(0, 1));
    }

    #[test]
    fn default_target_applies_to_empty_targets() {
        let settings = {
            let mut custom = Settings::default();
            custom.scoring.target = 4.0;
            custom
        };
        let s = Scorer::new(&cohort(), &settings);
        // b gap becomes 4 - 1 = 3; Σg = 5; s1 covers 1.5 + 1 = 2.5 -> 0.5
        assert!((s.complementarity(0, 0) - 0.5).abs() < 1e-12);
        let covers = s.covers(0, 0);
        assert_eq!(covers[1].gap, 3.0);
        assert_eq!(covers[2].gap, 0.0);
    }
}
