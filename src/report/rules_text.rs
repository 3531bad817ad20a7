//! The programme's rules as people read them: which of the settings' rules a roster was
//! matched under, each with its values, for the letters and the workbook's summary. Their
//! words in each language are in [`crate::report::labels`].

use std::path::Path;

use crate::model::{Cohort, Performance};
use crate::settings::{Objective, Settings, UnitSelection, UnitShare};

/// Units a rule names: every unit, or the listed ones (as the settings write them).
#[derive(Debug, Clone, PartialEq)]
pub enum Units {
    /// Every unit.
    All,
    /// The listed units.
    Listed(Vec<String>),
}

/// A share per unit: one for every unit, or per listed unit.
#[derive(Debug, Clone, PartialEq)]
pub enum Shares {
    /// The same share for every unit.
    All(f64),
    /// A share per listed unit, in the order of their names.
    PerUnit(Vec<(String, f64)>),
}

/// One rule a roster was matched under, with its values.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Grade steps a mentor must be above the mentee (`min_grade_gap`).
    Eligibility {
        /// The steps.
        min_grade_gap: i32,
    },
    /// Mentees per mentor where the mentors file states no capacity.
    Capacity {
        /// The default capacity.
        default: u32,
    },
    /// What the optimum maximises after the matched count.
    Objective {
        /// Whether the lowest score comes first (`objective = "fair"`).
        fair: bool,
    },
    /// The score's weights.
    Score {
        /// Weight of complementarity.
        complementarity: f64,
        /// Weight of the same unit.
        unit: f64,
        /// Weight of the mentor's spare workload.
        workload: f64,
    },
    /// The target level where the mentees file states none.
    Target {
        /// The default target.
        default: f64,
    },
    /// A mentor of the mentee's own unit only.
    SameUnitOnly(Units),
    /// A mentor of another unit only.
    CrossUnitOnly(Units),
    /// At most this share of a unit's matched mentees with a mentor of another unit.
    MaxCrossUnitShare(Shares),
    /// At least this share of a unit's matched mentees with a mentor of their unit.
    MinSameUnitShare(Shares),
    /// Mentees every mentor gets when possible, where the mentors file states none.
    MinMentees {
        /// The default minimum.
        default: u32,
    },
    /// The hour budget.
    Hours {
        /// Hours per mentee.
        per_mentee: f64,
        /// The budget where the mentors file states none (`None`: the file's only).
        max: Option<f64>,
    },
    /// Mentor and mentee of the same scope only.
    SameScope,
    /// Only mentors rated at least this in their SKP may mentor (`min_mentor_performance`).
    MentorPerformance {
        /// The lowest rating that may mentor.
        min: Performance,
    },
    /// The pairs file's locks and forbids.
    Pairs {
        /// The file's name.
        file: String,
    },
    /// Continuity with the previous roster.
    Previous {
        /// The file's name.
        file: String,
        /// The bonus a kept pair earns.
        bonus: f64,
    },
}

/// The rules `cohort` was matched under with `settings`, in a fixed order: eligibility,
/// capacity, objective, score and target always; then each rule of the planner that
/// applies.
pub fn rules_of(settings: &Settings, cohort: &Cohort) -> Vec<Rule> {
    let w = &settings.scoring.weights;
    let mut rules = vec![
        Rule::Eligibility {
            min_grade_gap: settings.eligibility.min_grade_gap,
        },
        Rule::Capacity {
            default: settings.rules.capacity,
        },
        Rule::Objective {
            fair: settings.rules.objective == Objective::Fair,
        },
        Rule::Score {
            complementarity: w.complementarity,
            unit: w.unit,
            workload: w.workload,
        },
        Rule::Target {
            default: settings.scoring.target,
        },
    ];
    if let Some(units) = units(&settings.eligibility.same_unit_only) {
        rules.push(Rule::SameUnitOnly(units));
    }
    if let Some(units) = units(&settings.eligibility.cross_unit_only) {
        rules.push(Rule::CrossUnitOnly(units));
    }
    if let Some(share) = &settings.rules.max_cross_unit_share {
        rules.push(Rule::MaxCrossUnitShare(shares(share)));
    }
    if let Some(share) = &settings.rules.min_same_unit_share {
        rules.push(Rule::MinSameUnitShare(shares(share)));
    }
    let r = &settings.rules;
    if r.min_mentees > 0
        || cohort
            .mentors
            .iter()
            .any(|m| m.min_mentees.is_some_and(|n| n > 0))
    {
        rules.push(Rule::MinMentees {
            default: r.min_mentees,
        });
    }
    let budget = r.max_hours.is_some() || cohort.mentors.iter().any(|m| m.max_hours.is_some());
    if r.hours_per_mentee > 0.0 && budget {
        rules.push(Rule::Hours {
            per_mentee: r.hours_per_mentee,
            max: r.max_hours,
        });
    }
    if settings.eligibility.same_scope_only {
        rules.push(Rule::SameScope);
    }
    if let Some(min) = settings.eligibility.min_mentor_performance {
        rules.push(Rule::MentorPerformance { min });
    }
    if let Some(path) = &r.pairs {
        rules.push(Rule::Pairs {
            file: file_name(path),
        });
    }
    if let Some(path) = &r.previous {
        rules.push(Rule::Previous {
            file: file_name(path),
            bonus: settings.scoring.continuity_bonus,
        });
    }
    rules
}

fn units(selection: &UnitSelection) -> Option<Units> {
    match selection {
        UnitSelection::All(true) => Some(Units::All),
        UnitSelection::All(false) => None,
        UnitSelection::Units(list) if list.is_empty() => None,
        UnitSelection::Units(list) => Some(Units::Listed(list.clone())),
    }
}

fn shares(share: &UnitShare) -> Shares {
    match share {
        UnitShare::All(v) => Shares::All(*v),
        UnitShare::PerUnit(map) => {
            Shares::PerUnit(map.iter().map(|(u, v)| (u.clone(), *v)).collect())
        }
    }
}

/// A rule file named by its name alone: the letters go out, the planner's folders stay in.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::labels::Lang;

    #[test]
    fn the_default_rules_and_those_the_planner_adds() {
        let cohort = crate::test_fixture::cohort();
        let plain = rules_of(&Settings::default(), &cohort);
        assert_eq!(plain.len(), 5);
        let mut s = Settings::default();
        s.eligibility.same_unit_only = UnitSelection::Units(vec!["Dinas Sosial".into()]);
        s.rules.max_cross_unit_share = Some(UnitShare::All(0.3));
        s.rules.min_mentees = 1;
        s.rules.hours_per_mentee = 2.0;
        s.rules.max_hours = Some(6.0);
        s.rules.previous = Some("old/roster.csv".into());
        s.eligibility.min_mentor_performance = Some(Performance::Baik);
        let ruled = rules_of(&s, &cohort);
        assert_eq!(ruled.len(), 11, "{ruled:?}");
        let merit = Rule::MentorPerformance {
            min: Performance::Baik,
        };
        assert!(ruled.contains(&merit));
        assert!(merit.words(Lang::En).contains("Baik or better"));
        assert!(merit.words(Lang::Id).contains("sekurang-kurangnya Baik"));
        assert!(ruled.contains(&Rule::Previous {
            file: "roster.csv".into(),
            bonus: 0.05
        }));
        for lang in [Lang::En, Lang::Id] {
            for rule in &ruled {
                assert!(!rule.words(lang).is_empty());
                assert!(!rule.label(lang).is_empty());
            }
        }
        let share = Rule::MaxCrossUnitShare(Shares::All(0.3));
        assert!(
            share.words(Lang::Id).contains("30%"),
            "{}",
            share.words(Lang::Id)
        );
        let bonus = Rule::Previous {
            file: "r.csv".into(),
            bonus: 0.05,
        };
        assert!(bonus.words(Lang::Id).contains("0,05"));
        assert!(bonus.words(Lang::En).contains("0.05"));
    }
}
