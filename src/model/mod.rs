//! The people of a cohort: mentors (seniors) and mentees (juniors), their ranks and
//! competency levels.

pub mod grade;
pub mod index;
pub mod performance;
pub mod sum;

pub use grade::Grade;
pub use performance::Performance;
pub use sum::{exact_sum, ExactSum};

use std::collections::{BTreeMap, HashMap};

/// A competency level from 1 to 5, or `None` when not assessed.
pub type Level = Option<f64>;

/// A senior who can mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentor {
    /// The person's id (NIP), trimmed.
    pub id: String,
    /// Full name, as written by HR.
    pub name: String,
    /// Organisational unit (perangkat daerah), as written by HR.
    pub unit: String,
    /// The agency or other scope the person belongs to (optional `scope` column).
    pub scope: Option<String>,
    /// Rank on the ladder.
    pub grade: Grade,
    /// How many mentees this mentor takes; `None` means the default capacity setting.
    pub capacity: Option<u32>,
    /// ABK workload ratio (1.0 = fully loaded); `None` means 0.
    pub workload: Option<f64>,
    /// Mentees this mentor should get when possible; `None` means the `min_mentees` setting.
    pub min_mentees: Option<u32>,
    /// Hours already spent (optional `hours_used` column); `None` means the setting.
    pub hours_used: Option<f64>,
    /// Hour budget (optional `max_hours` column); `None` means the setting.
    pub max_hours: Option<f64>,
    /// SKP rating (optional `performance` column); `None` when not rated.
    pub performance: Option<Performance>,
    /// Level per competency of the cohort (same order as [`Cohort::competencies`]).
    pub levels: Vec<Level>,
    /// Line of the mentor's row in the mentors file.
    pub line: u64,
}

/// A junior to be mentored.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentee {
    /// The person's id (NIP), trimmed.
    pub id: String,
    /// Full name, as written by HR.
    pub name: String,
    /// Organisational unit (perangkat daerah), as written by HR.
    pub unit: String,
    /// The agency or other scope the person belongs to (optional `scope` column).
    pub scope: Option<String>,
    /// Rank on the ladder.
    pub grade: Grade,
    /// Current level per competency of the cohort.
    pub levels: Vec<Level>,
    /// Required level per competency; `None` means the default target setting.
    pub targets: Vec<Option<f64>>,
    /// Line of the mentee's row in the mentees file.
    pub line: u64,
}

/// Mentors and mentees read from the two files, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cohort {
    /// Competency names (from the mentees' `k:` columns, lowercased), in file order.
    pub competencies: Vec<String>,
    /// Mentors in file order.
    pub mentors: Vec<Mentor>,
    /// Mentees in file order.
    pub mentees: Vec<Mentee>,
}

impl Cohort {
    /// The cohort of these mentees and mentors (file indices, kept in the given order), with
    /// the same competencies: one part of it, such as a scope.
    pub fn subset(&self, mentees: &[usize], mentors: &[usize]) -> Cohort {
        Cohort {
            competencies: self.competencies.clone(),
            mentees: mentees.iter().map(|&i| self.mentees[i].clone()).collect(),
            mentors: mentors.iter().map(|&j| self.mentors[j].clone()).collect(),
        }
    }

    /// The file index of each id: of the mentees, and of the mentors (ids compare exactly).
    pub fn id_indices(&self) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
        (
            index_of(self.mentees.iter().map(|m| m.id.as_str())),
            index_of(self.mentors.iter().map(|m| m.id.as_str())),
        )
    }
}

/// Each id with its position (the last one for an id given twice).
fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// Text from the input made safe for a terminal: every control character but the line
/// break and the tab is written escaped (`\u{1b}`), so that a name or unit holding escape
/// sequences cannot drive the terminal. Every line bimbing prints goes through it.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' && c != '\t' {
                    c.escape_default().collect()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A unit as outputs name it: `unit (scope)` when it lives in a scope (under
/// `same_scope_only`, where the same unit name in two scopes is two units), else the unit.
pub fn unit_label(unit: &str, scope: Option<&str>) -> String {
    match scope.map(str::trim) {
        Some(scope) if !scope.is_empty() => format!("{} ({scope})", unit.trim()),
        _ => unit.trim().to_string(),
    }
}

/// How the reports spell units and scopes that people write in several ways (names compare
/// trimmed and case-folded): the most common trimmed spelling, ties to the smallest, so a
/// label never depends on the order of rows. With `by_scope` a unit is spelled per scope
/// (a unit lives inside its scope), from the people of that scope only: a part of one
/// scope then spells its units as the whole cohort does.
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    by_scope: bool,
    units: BTreeMap<(String, String), String>,
    scopes: BTreeMap<String, String>,
}

impl Spellings {
    /// The spellings of the units (per scope with `by_scope`) and scopes of `cohort`.
    pub fn of(cohort: &Cohort, by_scope: bool) -> Spellings {
        type Counts<K> = BTreeMap<K, BTreeMap<String, usize>>;
        let mut units: Counts<(String, String)> = BTreeMap::new();
        let mut scopes: Counts<String> = BTreeMap::new();
        let people = cohort
            .mentors
            .iter()
            .map(|m| (m.unit.as_str(), m.scope.as_deref()))
            .chain(
                cohort
                    .mentees
                    .iter()
                    .map(|m| (m.unit.as_str(), m.scope.as_deref())),
            );
        for (unit, scope) in people {
            let scope_key = match scope {
                Some(s) if by_scope => unit_key(s),
                _ => String::new(),
            };
            if let Some(s) = scope {
                *scopes
                    .entry(unit_key(s))
                    .or_default()
                    .entry(s.trim().to_string())
                    .or_default() += 1;
            }
            *units
                .entry((scope_key, unit_key(unit)))
                .or_default()
                .entry(unit.trim().to_string())
                .or_default() += 1;
        }
        fn best<K: Ord>(counts: Counts<K>) -> BTreeMap<K, String> {
            counts
                .into_iter()
                .map(|(key, written)| {
                    let most = written.values().copied().max().unwrap_or(0);
                    let spelling = written
                        .into_iter()
                        .find(|&(_, n)| n == most)
                        .map(|(w, _)| w)
                        .unwrap_or_default();
                    (key, spelling)
                })
                .collect()
        }
        Spellings {
            by_scope,
            units: best(units),
            scopes: best(scopes),
        }
    }

    /// The spelling of a unit (of a scope, when spelled by scope); a unit of no one in the
    /// cohort keeps its own trimmed spelling.
    pub fn unit(&self, scope: Option<&str>, unit: &str) -> String {
        let scope_key = match scope {
            Some(s) if self.by_scope => unit_key(s),
            _ => String::new(),
        };
        self.units
            .get(&(scope_key, unit_key(unit)))
            .cloned()
            .unwrap_or_else(|| unit.trim().to_string())
    }

    /// The spelling of a scope.
    pub fn scope(&self, scope: &str) -> String {
        self.scopes
            .get(&unit_key(scope))
            .cloned()
            .unwrap_or_else(|| scope.trim().to_string())
    }
}

/// The key under which two units count as the same: trimmed and case-folded.
pub fn unit_key(unit: &str) -> String {
    unit.trim().to_lowercase()
}
