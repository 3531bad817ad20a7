//! Why a pair is not eligible, rule by rule, in words a planner can act on.
//!
//! [`crate::score::Scorer::eligible`] decides eligibility; this module names the rules a pair
//! breaks. A new rule is a new [`Ineligible`] variant, a check in [`ineligible_rules`] and a
//! sentence in [`Ineligible::describe`]; the tests keep the two in agreement.

use serde::Serialize;

use crate::model::{unit_key, Cohort};
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
    rules
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
        let cohort = Cohort {
            competencies: vec!["k".into()],
            mentees: people.iter().map(|p| p.0.clone()).collect(),
            mentors: people.iter().map(|p| p.1.clone()).collect(),
        };
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
    }
}
