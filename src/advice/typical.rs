//! The typical mentor of a unit: the medians of its mentors' profiles (see the module
//! documentation of [`crate::advice`]).

use super::*;

/// A unit with its typical mentor, before any gain is computed.
#[derive(Debug, Clone, PartialEq)]
pub struct TypicalMentor {
    /// The unit's key (trimmed, case-folded).
    pub key: String,
    /// The unit as first written.
    pub unit: String,
    /// With `same_scope_only`, the unit's scope as first written (a unit lives inside its
    /// scope: the same unit name in two scopes is two units); `None` otherwise.
    pub scope: Option<String>,
    /// Mentors of the unit (file indices).
    pub mentors: Vec<usize>,
    /// Mentees of the unit (file indices).
    pub mentees: Vec<usize>,
    /// The typical mentor; its capacity is always set.
    pub mentor: Mentor,
    /// Whether the profile is the cohort's median mentor (the unit has no mentor; by
    /// scope, the median mentor of the scope, or of the cohort when the scope has none).
    pub cohort_profile: bool,
}

/// The typical mentor of every unit of the cohort, ordered by unit key; `capacity` is each
/// mentor's capacity (file order, defaults applied). Empty when the cohort has no mentor.
///
/// Complexity: `O(M·K log M)` for `M` mentors and `K` competencies, plus `O(N)`.
pub fn typical_mentors(cohort: &Cohort, capacity: &[u32]) -> Vec<TypicalMentor> {
    typical_mentors_in(cohort, capacity, false)
}

/// The typical mentors of the units of a match under `settings`: with `same_scope_only`,
/// one per unit of each scope ([`typical_mentors_in`] by scope), else one per unit.
pub fn typical_mentors_for(
    cohort: &Cohort,
    settings: &Settings,
    capacity: &[u32],
) -> Vec<TypicalMentor> {
    typical_mentors_in(cohort, capacity, settings.eligibility.same_scope_only)
}

/// [`typical_mentors`], and with `by_scope` one typical mentor per unit of each scope (the
/// pair of scope and unit), ordered by scope key, then unit key: its profile is the median
/// of the unit's mentors in that scope, else of the scope's mentors, else of the cohort's;
/// it is placed in that scope.
pub fn typical_mentors_in(cohort: &Cohort, capacity: &[u32], by_scope: bool) -> Vec<TypicalMentor> {
    if cohort.mentors.is_empty() {
        return Vec::new();
    }
    let spellings = crate::model::Spellings::of(cohort, by_scope);
    let scope_of = |s: &Option<String>| -> (String, Option<String>) {
        if by_scope {
            (
                s.as_deref().map(unit_key).unwrap_or_default(),
                s.as_deref().map(|s| spellings.scope(s)),
            )
        } else {
            (String::new(), None)
        }
    };
    type Key = (String, String);
    let mut units: BTreeMap<Key, TypicalMentor> = BTreeMap::new();
    let mut scope_mentors: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let entry = |units: &mut BTreeMap<Key, TypicalMentor>, scope: &Option<String>, unit: &str| {
        let written_scope = scope.as_deref();
        let (scope_key, scope) = scope_of(scope);
        let key = (scope_key, unit_key(unit));
        units.entry(key.clone()).or_insert_with(|| TypicalMentor {
            key: key.1.clone(),
            unit: spellings.unit(written_scope, unit),
            scope,
            mentors: Vec::new(),
            mentees: Vec::new(),
            mentor: cohort.mentors[0].clone(),
            cohort_profile: false,
        });
        key
    };
    for (j, m) in cohort.mentors.iter().enumerate() {
        let key = entry(&mut units, &m.scope, &m.unit);
        scope_mentors.entry(key.0.clone()).or_default().push(j);
        units.get_mut(&key).expect("just added").mentors.push(j);
    }
    for (i, m) in cohort.mentees.iter().enumerate() {
        let key = entry(&mut units, &m.scope, &m.unit);
        units.get_mut(&key).expect("just added").mentees.push(i);
    }
    let all: Vec<usize> = (0..cohort.mentors.len()).collect();
    let mut taken: std::collections::HashSet<&str> =
        cohort.mentees.iter().map(|m| m.id.as_str()).collect();
    taken.extend(cohort.mentors.iter().map(|m| m.id.as_str()));
    let mut ids = Vec::new();
    for ((scope_key, _), t) in &units {
        let mut id = if by_scope {
            format!("typical:{scope_key}:{}", t.key)
        } else {
            format!("typical:{}", t.key)
        };
        while taken.contains(id.as_str()) || ids.contains(&id) {
            id.push('*');
        }
        ids.push(id);
    }
    units
        .into_iter()
        .zip(ids)
        .map(|(((scope_key, _), mut t), id)| {
            t.cohort_profile = t.mentors.is_empty();
            let basis = if !t.cohort_profile {
                &t.mentors
            } else if by_scope {
                scope_mentors.get(&scope_key).unwrap_or(&all)
            } else {
                &all
            };
            let scope = if by_scope {
                t.scope.clone()
            } else {
                let scopes: Vec<Option<&str>> = if t.cohort_profile {
                    t.mentees
                        .iter()
                        .map(|&i| cohort.mentees[i].scope.as_deref())
                        .collect()
                } else {
                    t.mentors
                        .iter()
                        .map(|&j| cohort.mentors[j].scope.as_deref())
                        .collect()
                };
                most_common(&scopes).map(|s| spellings.scope(&s))
            };
            t.mentor = median_mentor(cohort, capacity, basis, &t.unit, scope, id);
            t
        })
        .collect()
}

/// The median mentor of some mentors (file indices, at least one), placed in `unit`.
pub(super) fn median_mentor(
    cohort: &Cohort,
    capacity: &[u32],
    basis: &[usize],
    unit: &str,
    scope: Option<String>,
    id: String,
) -> Mentor {
    let k = cohort.competencies.len();
    let levels = (0..k)
        .map(|c| {
            let mut v: Vec<f64> = basis
                .iter()
                .filter_map(|&j| cohort.mentors[j].levels.get(c).copied().flatten())
                .collect();
            median(&mut v)
        })
        .collect();
    let mut steps: Vec<u8> = basis
        .iter()
        .map(|&j| cohort.mentors[j].grade.step())
        .collect();
    steps.sort_unstable();
    let grade = Grade::from_step(steps[(steps.len() - 1) / 2]).expect("a mentor's own step");
    let mut workloads: Vec<f64> = basis
        .iter()
        .map(|&j| cohort.mentors[j].workload.unwrap_or(0.0))
        .collect();
    let mut caps: Vec<u32> = basis.iter().map(|&j| capacity[j]).collect();
    caps.sort_unstable();
    // The median rating of the rated mentors (the lower of the two middle ones for an even
    // count, as for the grade); none when nobody is rated.
    let mut ratings: Vec<_> = basis
        .iter()
        .filter_map(|&j| cohort.mentors[j].performance)
        .collect();
    ratings.sort_unstable();
    let performance = (!ratings.is_empty()).then(|| ratings[(ratings.len() - 1) / 2]);
    Mentor {
        name: format!("typical mentor of {unit}"),
        id,
        unit: unit.to_string(),
        scope,
        grade,
        capacity: Some(caps[(caps.len() - 1) / 2]),
        workload: median(&mut workloads),
        // A recruit is promised no minimum: what it adds is what the roster gains.
        min_mentees: Some(0),
        hours_used: None,
        max_hours: None,
        performance,
        levels,
        line: 0,
    }
}

/// The median (mean of the two middle values for an even count), `None` when empty.
pub(super) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// The most common value (by scope key; ties to the smallest key), as first written.
pub(super) fn most_common(values: &[Option<&str>]) -> Option<String> {
    let mut count: BTreeMap<String, (usize, Option<&str>)> = BTreeMap::new();
    for v in values {
        let key = v.map(unit_key).unwrap_or_default();
        let e = count.entry(key).or_insert((0, *v));
        e.0 += 1;
    }
    let best = count.values().map(|(c, _)| *c).max()?;
    count
        .into_values()
        .find(|(c, _)| *c == best)
        .and_then(|(_, v)| v.map(str::to_string))
}

/// The cohort with the units' typical mentors added after its own mentors (mentor
/// `m + u` is unit `u`'s), so that one scorer scores them all.
pub(super) fn with_typical(cohort: &Cohort, typical: &[TypicalMentor]) -> Cohort {
    let mut extended = cohort.clone();
    extended
        .mentors
        .extend(typical.iter().map(|t| t.mentor.clone()));
    extended
}
