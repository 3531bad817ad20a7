//! The people of each unit, for what goes to a unit's head: the workbook's sheet per unit
//! and the letters' list per unit.
//!
//! A unit holds the mentees and the mentors whose unit it is (units compare trimmed and
//! case-folded; with `same_scope_only` a unit lives inside its scope, as
//! [`crate::model::unit_label`] names it). Units come in the order of their keys (the
//! scope's, then the unit's), so that nothing depends on the order of the rows, and each is
//! spelled as most of its people write it ([`Spellings`]).

use std::collections::{BTreeMap, HashSet};

use crate::model::{unit_key, unit_label, Cohort, Spellings};
use crate::roster::Roster;

/// The people of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitGroup {
    /// The unit as the outputs name it (`unit (scope)` within a scope).
    pub label: String,
    /// Its mentees (file indices, in file order).
    pub mentees: Vec<usize>,
    /// Its mentors (file indices, in file order).
    pub mentors: Vec<usize>,
}

impl UnitGroup {
    /// The mentees of other units whose mentor is of this unit, in file order.
    pub fn guided_elsewhere(&self, roster: &Roster) -> Vec<usize> {
        let mentors: HashSet<usize> = self.mentors.iter().copied().collect();
        let own: HashSet<usize> = self.mentees.iter().copied().collect();
        roster
            .pairs
            .iter()
            .enumerate()
            .filter(|(i, p)| !own.contains(i) && p.is_some_and(|p| mentors.contains(&p.mentor)))
            .map(|(i, _)| i)
            .collect()
    }

    /// The rows the unit's head reads: every mentee of the unit, and every mentee of
    /// another unit whose mentor is of this unit, in file order.
    pub fn rows(&self, roster: &Roster) -> Vec<usize> {
        let mut rows = self.mentees.clone();
        rows.extend(self.guided_elsewhere(roster));
        rows.sort_unstable();
        rows
    }
}

/// The units of `cohort` (of its mentees and its mentors), by scope when `by_scope`.
pub fn unit_groups(cohort: &Cohort, by_scope: bool) -> Vec<UnitGroup> {
    let spellings = Spellings::of(cohort, by_scope);
    let key = |unit: &str, scope: Option<&str>| {
        let scope = scope.filter(|s| by_scope && !s.trim().is_empty());
        (scope.map(unit_key).unwrap_or_default(), unit_key(unit))
    };
    let label = |unit: &str, scope: Option<&str>| {
        let scope = scope.filter(|s| by_scope && !s.trim().is_empty());
        unit_label(
            &spellings.unit(scope, unit),
            scope.map(|s| spellings.scope(s)).as_deref(),
        )
    };
    let mut groups: BTreeMap<(String, String), UnitGroup> = BTreeMap::new();
    let people = cohort.mentees.iter().map(|m| (&m.unit, &m.scope, true));
    let people = people.chain(cohort.mentors.iter().map(|m| (&m.unit, &m.scope, false)));
    let (mut i, mut j) = (0, 0);
    for (unit, scope, is_mentee) in people {
        let scope = scope.as_deref();
        let group = groups.entry(key(unit, scope)).or_insert_with(|| UnitGroup {
            label: label(unit, scope),
            mentees: Vec::new(),
            mentors: Vec::new(),
        });
        if is_mentee {
            group.mentees.push(i);
            i += 1;
        } else {
            group.mentors.push(j);
            j += 1;
        }
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_mentees_and_mentors_in_the_order_of_their_keys() {
        let mut cohort = crate::test_fixture::cohort();
        cohort.mentees[0].unit = format!("  {}  ", cohort.mentees[0].unit.to_uppercase());
        let groups = unit_groups(&cohort, false);
        let keys: Vec<String> = groups.iter().map(|g| unit_key(&g.label)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted, "one group per key, in key order");
        let people: usize = groups
            .iter()
            .map(|g| g.mentees.len() + g.mentors.len())
            .sum();
        assert_eq!(people, cohort.mentees.len() + cohort.mentors.len());
        let roster =
            crate::roster::match_cohort(&cohort, &crate::settings::Settings::default()).unwrap();
        for g in &groups {
            for i in g.guided_elsewhere(&roster) {
                assert!(!g.mentees.contains(&i));
                assert!(g.mentors.contains(&roster.pairs[i].unwrap().mentor));
            }
        }
    }
}
