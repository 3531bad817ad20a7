//! Why a pair is not eligible, rule by rule, in words a planner can act on.
//!
//! [`crate::score::Scorer::eligible`] decides eligibility; this module names the rules a pair
//! breaks. A new rule is a new [`Ineligible`] variant, a check in [`ineligible_rules`] and a
//! sentence in [`Ineligible::describe`]; the tests keep the two in agreement.

use serde::Serialize;

use crate::model::{unit_key, Cohort, Performance};
use crate::settings::Settings;

/// One eligibility rule a pair breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "rule")]
pub enum Ineligible {
    /// The mentor is not enough grade steps above the mentee.
    GradeGap {
        /// The mentor's grade, as written on the ladder.
        mentor_grade: String,
        /// The mentee's grade.
        mentee_grade: String,
        /// Steps the mentor is above the mentee (negative when below).
        steps_above: i32,
        /// Steps required (`min_grade_gap`).
        required: i32,
    },
    /// Mentor and mentee are the same person (same id).
    SamePerson,
    /// With `same_scope_only`, the two belong to different scopes (agencies).
    OtherScope,
    /// With `min_mentor_performance`, the mentor's SKP rating is below it, or the mentor has
    /// none.
    Performance {
        /// The mentor's rating (absent: not rated).
        #[serde(skip_serializing_if = "Option::is_none")]
        rating: Option<Performance>,
        /// The rating required (`min_mentor_performance`).
        required: Performance,
    },
    /// One of the planner's rules keeps the pair out: a forbidden pair, a lock of the
    /// mentee to another mentor, a pair of an earlier roster to avoid, `same_unit_only` or
    /// `cross_unit_only`.
    PlannersRule {
        /// The rule.
        which: crate::rules::Blocked,
    },
}

impl Ineligible {
    /// The rule in one sentence.
    pub fn describe(&self) -> String {
        match self {
            Ineligible::GradeGap {
                mentor_grade,
                mentee_grade,
                steps_above,
                required,
            } => format!(
                "grade gap: the mentor ({mentor_grade}) is {} the mentee ({mentee_grade}), \
                 {required} step{} above are required",
                match *steps_above {
                    0 => "at the same step as".to_string(),
                    s if s < 0 => format!("{} step{} below", -s, plural(-s)),
                    s => format!("only {s} step{} above", plural(s)),
                },
                plural(*required)
            ),
            Ineligible::SamePerson => "same person: nobody mentors themselves".into(),
            Ineligible::OtherScope => {
                "other scope: pairs stay within one scope (same_scope_only)".into()
            }
            Ineligible::Performance { rating, required } => match rating {
                Some(rating) => format!(
                    "performance: the mentor's SKP rating ({rating}) is below {required} \
                     (min_mentor_performance)"
                ),
                None => format!(
                    "performance: the mentor has no SKP rating, and min_mentor_performance \
                     asks for {required} or better"
                ),
            },
            Ineligible::PlannersRule { which } => format!("planner's rule: {}", which.describe()),
        }
    }
}

fn plural(n: i32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Every rule the pair (mentee `i`, mentor `j`; file indices) breaks; empty when eligible.
pub fn ineligible_rules(
    cohort: &Cohort,
    settings: &Settings,
    mentee: usize,
    mentor: usize,
) -> Vec<Ineligible> {
    let e = &cohort.mentees[mentee];
    let m = &cohort.mentors[mentor];
    let mut rules = Vec::new();
    let steps_above = m.grade.step() as i32 - e.grade.step() as i32;
    if steps_above < settings.eligibility.min_grade_gap {
        rules.push(Ineligible::GradeGap {
            mentor_grade: m.grade.to_string(),
            mentee_grade: e.grade.to_string(),
            steps_above,
            required: settings.eligibility.min_grade_gap,
        });
    }
    if m.id == e.id {
        rules.push(Ineligible::SamePerson);
    }
    let scope = |s: &Option<String>| s.as_deref().map(unit_key).unwrap_or_default();
    if settings.eligibility.same_scope_only && scope(&m.scope) != scope(&e.scope) {
        rules.push(Ineligible::OtherScope);
    }
    if let Some(required) = settings.eligibility.min_mentor_performance {
        if !crate::score::rated_enough(m, settings) {
            rules.push(Ineligible::Performance {
                rating: m.performance,
                required,
            });
        }
    }
    rules
}

/// How the mentors of a cohort are rated under `min_mentor_performance`: the lines (rows
/// of the mentors file) of those without a rating, who may not mentor while the rule holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingFit {
    /// The rating required.
    pub required: Performance,
    /// Mentors in the cohort.
    pub mentors: usize,
    /// The rows of the mentors without a rating, in file order.
    pub unrated: Vec<u64>,
    /// Mentors rated below the rating required.
    pub below: usize,
}

impl RatingFit {
    /// The mentors' ratings under `settings`; `None` when no `min_mentor_performance` is set.
    pub fn new(cohort: &Cohort, settings: &Settings) -> Option<RatingFit> {
        let required = settings.eligibility.min_mentor_performance?;
        Some(RatingFit {
            required,
            mentors: cohort.mentors.len(),
            unrated: cohort
                .mentors
                .iter()
                .filter(|m| m.performance.is_none())
                .map(|m| m.line)
                .collect(),
            below: cohort
                .mentors
                .iter()
                .filter(|m| m.performance.is_some_and(|p| p < required))
                .count(),
        })
    }

    /// The refusal when no mentor is rated at all: the rule would leave nobody to mentor.
    pub fn problem(&self) -> Option<String> {
        (self.mentors > 0 && self.unrated.len() == self.mentors).then(|| {
            format!(
                "min_mentor_performance = \"{}\": no mentor has an SKP rating (no performance \
                 column, also read as predikat, predikat kinerja or skp, or every cell of it \
                 empty), so nobody could mentor; add the mentors' ratings, or leave the rule out",
                self.required
            )
        })
    }

    /// The warning when some mentors are not rated: how many, and their first rows (never
    /// an id or a name).
    pub fn warning(&self) -> Option<String> {
        if self.unrated.is_empty() || self.problem().is_some() {
            return None;
        }
        let n = self.unrated.len();
        let mut rows: Vec<String> = self.unrated.iter().take(5).map(u64::to_string).collect();
        if n > 5 {
            rows.push("...".into());
        }
        Some(format!(
            "{n} of {} mentors {} no SKP rating (row{} {}), so under min_mentor_performance = \
             \"{}\" they mentor no one; fill in their performance cells",
            self.mentors,
            if n == 1 { "has" } else { "have" },
            if n == 1 { "" } else { "s" },
            rows.join(", "),
            self.required,
        ))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Grade, Mentee, Mentor};
    use crate::score::Scorer;

    fn person(id: &str, grade: &str, scope: Option<&str>) -> (Mentee, Mentor) {
        let grade = Grade::parse(grade).unwrap();
        (
            Mentee {
                id: id.into(),
                name: "x".into(),
                unit: "u".into(),
                scope: scope.map(str::to_string),
                grade,
                levels: vec![Some(1.0)],
                targets: vec![None],
                line: 2,
            },
            Mentor {
                id: id.into(),
                name: "y".into(),
                unit: "u".into(),
                scope: scope.map(str::to_string),
                grade,
                capacity: None,
                workload: None,
                min_mentees: None,
                hours_used: None,
                max_hours: None,
                performance: None,
                levels: vec![Some(3.0)],
                line: 2,
            },
        )
    }

    #[test]
    fn rules_agree_with_the_scorer() {
        let people = [
            person("a", "II/a", Some("Pemko")),
            person("b", "III/a", Some("pemko ")),
            person("c", "III/b", None),
            person("d", "IV/a", Some("Kab")),
        ];
        let mut cohort = Cohort {
            competencies: vec!["k".into()],
            mentees: people.iter().map(|p| p.0.clone()).collect(),
            mentors: people.iter().map(|p| p.1.clone()).collect(),
        };
        // a: not rated, b: Sangat Baik, c: Baik, d: Butuh Perbaikan
        for (m, rating) in cohort.mentors.iter_mut().zip([
            None,
            Some(Performance::SangatBaik),
            Some(Performance::Baik),
            Some(Performance::ButuhPerbaikan),
        ]) {
            m.performance = rating;
        }
        for settings in [
            Settings::default(),
            {
                let mut custom = Settings::default();
                custom.eligibility.min_grade_gap = 0;
                custom.eligibility.same_scope_only = true;
                custom
            },
            {
                let mut custom = Settings::default();
                custom.eligibility.min_grade_gap = -2;
                custom
            },
            {
                let mut custom = Settings::default();
                custom.eligibility.min_grade_gap = -2;
                custom.eligibility.min_mentor_performance = Some(Performance::Baik);
                custom
            },
        ] {
            let scorer = Scorer::new(&cohort, &settings);
            for i in 0..4 {
                for j in 0..4 {
                    assert_eq!(
                        ineligible_rules(&cohort, &settings, i, j).is_empty(),
                        scorer.eligible(i, j),
                        "mentee {i} mentor {j} {settings:?}"
                    );
                }
            }
        }
        // a (II/a = 5) and b (III/a = 9): b is 4 steps above a
        let strict = {
            let mut custom = Settings::default();
            custom.eligibility.min_grade_gap = 5;
            custom.eligibility.same_scope_only = true;
            custom
        };
        let rules = ineligible_rules(&cohort, &strict, 0, 1);
        assert_eq!(rules.len(), 1, "scopes compare trimmed and case-folded");
        assert!(
            rules[0].describe().contains("only 4 steps above"),
            "{rules:?}"
        );
        let rules = ineligible_rules(&cohort, &strict, 2, 2);
        assert_eq!(rules.len(), 2);
        assert!(rules[0].describe().contains("at the same step as"));
        assert_eq!(rules[1], Ineligible::SamePerson);
        let rules = ineligible_rules(&cohort, &strict, 3, 0);
        assert!(rules[0].describe().contains("8 steps below"));
        assert_eq!(rules[1], Ineligible::OtherScope);
        let mut merit = Settings::default();
        merit.eligibility.min_grade_gap = -20;
        merit.eligibility.min_mentor_performance = Some(Performance::Baik);
        let rules = ineligible_rules(&cohort, &merit, 1, 3);
        assert_eq!(
            rules,
            [Ineligible::Performance {
                rating: Some(Performance::ButuhPerbaikan),
                required: Performance::Baik
            }]
        );
        assert!(rules[0]
            .describe()
            .contains("(Butuh Perbaikan) is below Baik"));
        let rules = ineligible_rules(&cohort, &merit, 1, 0);
        assert!(rules[0].describe().contains("no SKP rating"), "{rules:?}");
        assert!(ineligible_rules(&cohort, &merit, 0, 2).is_empty());
    }

    #[test]
    fn unrated_mentors_are_counted_and_none_rated_refused() {
        let (_, mut mentor) = person("a", "IV/a", None);
        let mut cohort = Cohort {
            competencies: vec!["k".into()],
            mentees: Vec::new(),
            mentors: Vec::new(),
        };
        for (line, rating) in [(2, None), (3, Some(Performance::Kurang)), (4, None)] {
            mentor.line = line;
            mentor.performance = rating;
            cohort.mentors.push(mentor.clone());
        }
        assert_eq!(RatingFit::new(&cohort, &Settings::default()), None);
        let mut merit = Settings::default();
        merit.eligibility.min_mentor_performance = Some(Performance::Baik);
        let fit = RatingFit::new(&cohort, &merit).unwrap();
        assert_eq!((fit.unrated.clone(), fit.below), (vec![2, 4], 1));
        assert_eq!(fit.problem(), None);
        let w = fit.warning().unwrap();
        assert!(
            w.starts_with("2 of 3 mentors have no SKP rating (rows 2, 4)"),
            "{w}"
        );
        cohort.mentors[1].performance = None;
        let fit = RatingFit::new(&cohort, &merit).unwrap();
        assert!(fit
            .problem()
            .unwrap()
            .contains("no mentor has an SKP rating"));
        assert_eq!(fit.warning(), None);
    }
}
