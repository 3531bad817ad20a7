//! Findings: where a rule costs matches, with the numbers and the setting that would relax
//! it. Units are named (they are not personal data); mentors only by their line in the
//! mentors file.

use serde::Serialize;

use super::{Roster, Unmatched};
use crate::graph::MatchGraph;
use crate::model::index::NodeOrder;
use crate::model::Cohort;
use crate::rules::Rules;

/// One finding about the rules of a match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule concerned (its setting name).
    pub rule: String,
    /// The unit concerned, if the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// With `same_scope_only`, the scope of the unit concerned (a unit lives inside its
    /// scope, and each scope's rules are its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// People concerned (unmatched mentees, or mentors short of their minimum).
    pub count: usize,
    /// What happens, with the numbers.
    pub message: String,
    /// Which setting would relax it.
    pub relax: String,
}

/// Per unit (rules' unit index): its mentees, matched, unmatched, and the distinct mentors
/// eligible for its mentees.
struct UnitView {
    mentees: usize,
    matched: usize,
    unmatched: usize,
    cross: usize,
    eligible_mentors: Vec<usize>,
    unmatched_with_room: usize,
}

fn unit_views(rules: &Rules, graph: &MatchGraph, roster: &Roster) -> Vec<UnitView> {
    let mut views: Vec<UnitView> = (0..rules.units.len())
        .map(|_| UnitView {
            mentees: 0,
            matched: 0,
            unmatched: 0,
            cross: 0,
            eligible_mentors: Vec::new(),
            unmatched_with_room: 0,
        })
        .collect();
    for (k, &i) in graph.mentee_order.iter().enumerate() {
        let v = &mut views[rules.mentee_unit[i] as usize];
        v.mentees += 1;
        let mut room = false;
        for e in graph.edges_of(NodeOrder(k)) {
            let (j, _) = graph.pair(e);
            v.eligible_mentors.push(j);
            room |= roster.load[j] < roster.capacity[j];
        }
        match roster.pairs[i] {
            Some(p) => {
                v.matched += 1;
                v.cross += usize::from(!p.score.same_unit);
            }
            None => {
                v.unmatched += 1;
                v.unmatched_with_room += usize::from(room);
            }
        }
    }
    for v in &mut views {
        v.eligible_mentors.sort_unstable();
        v.eligible_mentors.dedup();
    }
    views
}

/// The findings of a roster solved under rules; `scope`, the scope of the part they are
/// about (with `same_scope_only`), names the units inside it.
pub fn findings(
    cohort: &Cohort,
    rules: &Rules,
    graph: &MatchGraph,
    roster: &Roster,
    scope: Option<&str>,
) -> Vec<Finding> {
    let views = unit_views(rules, graph, roster);
    let mut out = Vec::new();
    let unit_rule = |i: usize| {
        if rules.same_unit_only(i) {
            Some("same_unit_only")
        } else if rules.cross_unit_only(i) {
            Some("cross_unit_only")
        } else {
            None
        }
    };
    for (u, v) in views.iter().enumerate() {
        let name = &rules.units[u];
        let label = crate::model::unit_label(name, scope);
        let first = graph
            .mentee_order
            .iter()
            .copied()
            .find(|&i| rules.mentee_unit[i] as usize == u);
        if let (Some(rule), true) = (first.and_then(unit_rule), v.unmatched > 0) {
            let slots: u64 = v
                .eligible_mentors
                .iter()
                .map(|&j| u64::from(roster.capacity[j]))
                .sum();
            out.push(Finding {
                rule: rule.into(),
                unit: Some(name.clone()),
                scope: scope.map(str::to_string),
                count: v.unmatched,
                message: format!(
                    "unit {label}: {} mentees under {rule}, {} eligible mentors with {slots} slots: {} cannot be matched",
                    v.mentees,
                    v.eligible_mentors.len(),
                    v.unmatched
                ),
                relax: format!(
                    "take {name:?} out of {rule}, or recruit mentors for its mentees"
                ),
            });
        }
        if let Some(f) = rules.max_cross_share[u] {
            if v.mentees > 0 && roster.status == crate::solve::Status::Infeasible {
                let (locked, locked_cross) = locked_in_unit(rules, cohort, u);
                if locked_cross as f64 > f * v.mentees as f64 + 1e-9 {
                    out.push(Finding {
                        rule: "max_cross_unit_share".into(),
                        unit: Some(name.clone()),
                        scope: scope.map(str::to_string),
                        count: v.mentees,
                        message: format!(
                            "unit {label}: {locked_cross} of its {locked} locked pairs cross units, but even with all {} of its mentees matched a cross-unit share of {f:.2} allows {}",
                            v.mentees,
                            (f * v.mentees as f64 + 1e-9).floor()
                        ),
                        relax: format!(
                            "raise max_cross_unit_share (or lower min_same_unit_share) for {name:?}, or unlock some of its cross-unit pairs"
                        ),
                    });
                }
            } else if v.unmatched_with_room > 0 {
                out.push(Finding {
                    rule: "max_cross_unit_share".into(),
                    unit: Some(name.clone()),
                    scope: scope.map(str::to_string),
                    count: v.unmatched_with_room,
                    message: format!(
                        "unit {label}: a cross-unit share of at most {f:.2}; the roster holds {} cross-unit pairs among {} matched, and {} unmatched mentees have an eligible mentor with a free slot",
                        v.cross, v.matched, v.unmatched_with_room
                    ),
                    relax: format!(
                        "raise max_cross_unit_share (or lower min_same_unit_share) for {name:?}"
                    ),
                });
            }
        }
    }
    if roster.status == crate::solve::Status::Infeasible
        && !out.iter().any(|f| f.rule == "max_cross_unit_share")
    {
        out.push(Finding {
            rule: "pairs".into(),
            unit: None,
            scope: None,
            count: roster.unmatched_count(Unmatched::RulesCannotHold),
            message: "the locked pairs and the unit shares cannot all hold".into(),
            relax: "raise max_cross_unit_share (or lower min_same_unit_share), or unlock cross-unit pairs".into(),
        });
    }
    let short: Vec<usize> = (0..cohort.mentors.len())
        .filter(|&j| roster.load[j] < rules.min_mentees[j])
        .collect();
    if !short.is_empty() {
        let lines: Vec<String> = short
            .iter()
            .take(10)
            .map(|&j| cohort.mentors[j].line.to_string())
            .collect();
        let lacking: u32 = short
            .iter()
            .map(|&j| rules.min_mentees[j] - roster.load[j])
            .sum();
        out.push(Finding {
            rule: "min_mentees".into(),
            unit: None,
            scope: None,
            count: short.len(),
            message: format!(
                "{} mentors get fewer mentees than their minimum ({lacking} short in all): too few eligible mentees want them once everyone is matched (mentors file lines {}{})",
                short.len(),
                lines.join(", "),
                if short.len() > 10 { ", ..." } else { "" }
            ),
            relax: "lower min_mentees (the setting or the column), or widen eligibility (min_grade_gap, unit rules)".into(),
        });
    }
    let lowered: Vec<usize> = (0..cohort.mentors.len())
        .filter(|&j| rules.hours_lowered[j].is_some())
        .collect();
    let full_unmatched = roster.unmatched_count(Unmatched::EligibleMentorsFull);
    if !lowered.is_empty() && full_unmatched > 0 {
        let lost: u32 = lowered
            .iter()
            .map(|&j| rules.hours_lowered[j].unwrap_or(0) - rules.capacity[j])
            .sum();
        out.push(Finding {
            rule: "max_hours".into(),
            unit: None,
            scope: None,
            count: full_unmatched,
            message: format!(
                "the hour budget lowers the capacity of {} mentors by {lost} slots in all, and {full_unmatched} mentees find every eligible mentor full",
                lowered.len()
            ),
            relax: "raise max_hours, or lower hours_per_mentee or hours_used".into(),
        });
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.count));
    out
}

fn locked_in_unit(rules: &Rules, cohort: &Cohort, unit: usize) -> (usize, usize) {
    let mut locked = 0;
    let mut cross = 0;
    for i in 0..cohort.mentees.len() {
        if rules.mentee_unit[i] as usize != unit {
            continue;
        }
        if let Some(lock) = rules.lock[i] {
            locked += 1;
            cross += usize::from(rules.mentor_unit[lock.mentor] != rules.mentee_unit[i]);
        }
    }
    (locked, cross)
}
