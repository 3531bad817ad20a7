//! The planner's rules beyond the score: locked and forbidden pairs, pairs of earlier rosters
//! not made again, unit rules, unit shares, mentor minimums, hour budgets and continuity
//! with an earlier roster.
//!
//! [`Rules::new`] resolves every rule to the people of one cohort, with the files the
//! settings name as the input layer read them once; [`solve`] finds the optimal roster under them.

pub mod avoid;
mod bundle;
mod lagrange;
pub use lagrange::{Proof, ShareOptima};
pub mod pairs_file;
pub mod previous;
pub mod solve;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{unit_key, Cohort};
use crate::score::Scorer;
use crate::settings::Settings;
use pairs_file::{PairRule, PairsFile};

/// Why a rule keeps a pair out of the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "rule")]
pub enum Blocked {
    /// The pairs file forbids the pair (on this line).
    Forbidden {
        /// Line of the pairs file.
        line: u64,
    },
    /// The mentee's unit is under `same_unit_only` and the mentor is of another unit.
    SameUnitOnly,
    /// The mentee's unit is under `cross_unit_only` and the mentor is of the same unit.
    CrossUnitOnly,
    /// The pairs file locks the mentee to another mentor (on this line).
    LockedElsewhere {
        /// Line of the pairs file.
        line: u64,
    },
    /// The pair is one of an earlier roster whose pairs are not made again
    /// (`avoid_previous`).
    AvoidedPrevious {
        /// The earlier roster, as the settings name it.
        #[serde(serialize_with = "path_text")]
        file: Arc<Path>,
        /// The line of the pair in it.
        line: u64,
    },
}

fn path_text<S: serde::Serializer>(path: &Arc<Path>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

impl Blocked {
    /// The rule in words.
    pub fn describe(&self) -> String {
        match self {
            Blocked::Forbidden { line } => format!("forbidden by the pairs file (line {line})"),
            Blocked::SameUnitOnly => "the mentee's unit is under same_unit_only".into(),
            Blocked::CrossUnitOnly => "the mentee's unit is under cross_unit_only".into(),
            Blocked::LockedElsewhere { line } => {
                format!("the mentee is locked to another mentor (pairs file line {line})")
            }
            Blocked::AvoidedPrevious { file, line } => format!(
                "a pair of the earlier roster {} (line {line}), not made again \
                 (avoid_previous)",
                file.display()
            ),
        }
    }
}

/// A locked pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lock {
    /// Mentor index in the mentors file.
    pub mentor: usize,
    /// Line of the pairs file.
    pub line: u64,
}

/// The rules of a match, resolved to the people of one cohort (file indices).
#[derive(Debug, Clone)]
pub struct Rules {
    /// Capacity of each mentor: the `capacity` (or the default), lowered by the hour budget.
    pub capacity: Vec<u32>,
    /// Per mentor, the capacity before the hour budget when the budget lowered it.
    pub hours_lowered: Vec<Option<u32>>,
    /// Mentees each mentor should get when possible (at most its capacity).
    pub min_mentees: Vec<u32>,
    /// Per mentee, the mentor it is locked to.
    pub lock: Vec<Option<Lock>>,
    /// Per mentee, its mentor in the previous roster (when that mentor is in this cohort).
    pub previous: Vec<Option<usize>>,
    /// Rows of the previous roster, when one was given.
    pub previous_rows: Option<usize>,
    /// Score added to a pair of the previous roster.
    pub continuity_bonus: f64,
    /// Unit of each mentee (index into [`Rules::units`]).
    pub mentee_unit: Vec<u32>,
    /// Unit of each mentor (index into [`Rules::units`]).
    pub mentor_unit: Vec<u32>,
    /// Unit names as first written (mentees first), in the order of their keys
    /// ([`crate::model::unit_key`]).
    pub units: Vec<String>,
    /// Per unit, the largest share of its matched mentees that may have a mentor from another
    /// unit (`max_cross_unit_share`, and `1 - min_same_unit_share`, whichever is smaller).
    pub max_cross_share: Vec<Option<f64>>,
    forbidden: HashMap<(usize, usize), u64>,
    /// The pairs of earlier rosters not made again: the file (index into `avoid_files`)
    /// and the line of the pair.
    avoided: HashMap<(usize, usize), (usize, u64)>,
    avoid_files: Vec<Arc<Path>>,
    same_only: Vec<bool>,
    cross_only: Vec<bool>,
}

impl Rules {
    /// Resolves the settings' rules for a cohort, with the pairs file and previous roster
    /// they name as [`Settings::files`] holds them (read once, see
    /// [`Settings::load_files`]). With `strict`, ids in the pairs file must all be in the
    /// cohort.
    ///
    /// A lock that breaks eligibility, a unit rule or a mentor's capacity is an error naming
    /// its row of the pairs file.
    pub fn new(
        cohort: &Cohort,
        settings: &Settings,
        scorer: &Scorer,
        strict: bool,
    ) -> Result<Rules> {
        // Units are numbered in the order of their keys, not of the rows, so that nothing
        // that goes over the units (the relaxation's rows, the findings' ties) depends on
        // the order of the input rows.
        let mentee_keys: Vec<String> = cohort.mentees.iter().map(|m| unit_key(&m.unit)).collect();
        let mentor_keys: Vec<String> = cohort.mentors.iter().map(|m| unit_key(&m.unit)).collect();
        let mut first_written: BTreeMap<&str, &str> = BTreeMap::new();
        let people = cohort.mentees.iter().map(|m| &m.unit);
        let people = people.chain(cohort.mentors.iter().map(|m| &m.unit));
        for (key, unit) in mentee_keys.iter().chain(&mentor_keys).zip(people) {
            first_written.entry(key).or_insert(unit);
        }
        let unit_ids: HashMap<&str, u32> = first_written
            .keys()
            .enumerate()
            .map(|(k, &key)| (key, k as u32))
            .collect();
        let spellings = crate::model::Spellings::of(cohort, false);
        let units: Vec<String> = first_written
            .values()
            .map(|u| spellings.unit(None, u))
            .collect();
        let mentee_unit: Vec<u32> = mentee_keys.iter().map(|k| unit_ids[k.as_str()]).collect();
        let mentor_unit: Vec<u32> = mentor_keys.iter().map(|k| unit_ids[k.as_str()]).collect();
        let max_cross_share = units
            .iter()
            .map(|u| {
                let a = settings
                    .rules
                    .max_cross_unit_share
                    .as_ref()
                    .and_then(|s| s.for_unit(u));
                let b = settings
                    .rules
                    .min_same_unit_share
                    .as_ref()
                    .and_then(|s| s.for_unit(u))
                    .map(|s| 1.0 - s);
                match (a, b) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            })
            .collect();

        let mut capacity = Vec::with_capacity(cohort.mentors.len());
        let mut hours_lowered = Vec::with_capacity(cohort.mentors.len());
        for m in &cohort.mentors {
            let base = m.capacity.unwrap_or(settings.rules.capacity);
            let by_hours = match m.max_hours.or(settings.rules.max_hours) {
                Some(max) if settings.rules.hours_per_mentee > 0.0 => {
                    let used = m.hours_used.unwrap_or(settings.rules.hours_used);
                    let room = ((max - used) / settings.rules.hours_per_mentee + 1e-9).floor();
                    Some(room.clamp(0.0, u32::MAX as f64) as u32)
                }
                _ => None,
            };
            match by_hours {
                Some(h) if h < base => {
                    capacity.push(h);
                    hours_lowered.push(Some(base));
                }
                _ => {
                    capacity.push(base);
                    hours_lowered.push(None);
                }
            }
        }
        let min_mentees = cohort
            .mentors
            .iter()
            .zip(&capacity)
            .map(|(m, &c)| m.min_mentees.unwrap_or(settings.rules.min_mentees).min(c))
            .collect();

        let mut rules = Rules {
            capacity,
            hours_lowered,
            min_mentees,
            lock: vec![None; cohort.mentees.len()],
            previous: vec![None; cohort.mentees.len()],
            previous_rows: None,
            continuity_bonus: settings.scoring.continuity_bonus,
            same_only: cohort
                .mentees
                .iter()
                .map(|m| settings.eligibility.same_unit_only.applies(&m.unit))
                .collect(),
            cross_only: cohort
                .mentees
                .iter()
                .map(|m| settings.eligibility.cross_unit_only.applies(&m.unit))
                .collect(),
            mentee_unit,
            mentor_unit,
            units,
            max_cross_share,
            forbidden: HashMap::new(),
            avoided: HashMap::new(),
            avoid_files: Vec::new(),
        };
        for path in &settings.rules.avoid_previous {
            let lines = settings.files.avoided(path)?;
            let k = rules.avoid_files.len();
            rules.avoid_files.push(Arc::from(path.as_path()));
            for (i, j, line) in avoid::resolve(&lines, cohort) {
                rules.avoided.entry((i, j)).or_insert((k, line));
            }
        }
        if let Some(path) = &settings.rules.pairs {
            let file = pairs_file::resolve(settings.files.pairs(path)?.as_ref(), cohort, strict)?;
            rules.apply_pairs(&file, scorer)?;
        }
        if let Some(path) = &settings.rules.previous {
            rules.apply_previous(&settings.files.previous(path)?, cohort);
        }
        Ok(rules)
    }

    fn apply_pairs(&mut self, file: &PairsFile, scorer: &Scorer) -> Result<()> {
        for row in file.rows.iter().filter(|r| r.rule == PairRule::Forbid) {
            self.forbidden
                .insert((row.mentee, row.mentor), row.row.line);
        }
        let mut locks_of = vec![0u32; self.capacity.len()];
        for row in file.rows.iter().filter(|r| r.rule == PairRule::Lock) {
            let fail = |problem: String| -> Error {
                file.table
                    .cell_error(&row.row, file.rule_column, problem)
                    .into()
            };
            if let Some(earlier) = self.lock[row.mentee] {
                if earlier.mentor != row.mentor {
                    return Err(fail(format!(
                        "the mentee is already locked to another mentor on line {}",
                        earlier.line
                    )));
                }
                continue;
            }
            if !scorer.eligible(row.mentee, row.mentor) {
                return Err(fail(
                    "the locked pair is not eligible (the mentor's grade is not min_grade_gap \
                     steps above the mentee's, they are the same person, or their scopes differ \
                     under same_scope_only)"
                        .into(),
                ));
            }
            if let Some(blocked) = self
                .avoided_rule(row.mentee, row.mentor)
                .or_else(|| self.unit_rule(row.mentee, row.mentor))
            {
                return Err(fail(format!(
                    "the locked pair breaks a rule: {}",
                    blocked.describe()
                )));
            }
            locks_of[row.mentor] += 1;
            if locks_of[row.mentor] > self.capacity[row.mentor] {
                return Err(fail(format!(
                    "the mentor would have {} locked mentees but takes only {}{}",
                    locks_of[row.mentor],
                    self.capacity[row.mentor],
                    if self.hours_lowered[row.mentor].is_some() {
                        " (capacity lowered by the hour budget)"
                    } else {
                        ""
                    }
                )));
            }
            self.lock[row.mentee] = Some(Lock {
                mentor: row.mentor,
                line: row.row.line,
            });
        }
        Ok(())
    }

    fn apply_previous(&mut self, lines: &[crate::input::rule_files::RosterLine], cohort: &Cohort) {
        let (mentees, mentors) = cohort.id_indices();
        for line in lines {
            let mentee = mentees.get(pairs_file::unquote(&line.mentee_id)).copied();
            let mentor = mentors.get(pairs_file::unquote(&line.mentor_id)).copied();
            // An avoided pair is never made, so it is no pair continuity could keep.
            if let (Some(i), Some(j)) = (mentee, mentor) {
                if !self.avoided.contains_key(&(i, j)) {
                    self.previous[i] = Some(j);
                }
            }
        }
        self.previous_rows = Some(lines.len());
    }

    fn unit_rule(&self, mentee: usize, mentor: usize) -> Option<Blocked> {
        let same = self.mentee_unit[mentee] == self.mentor_unit[mentor];
        if self.same_only[mentee] && !same {
            Some(Blocked::SameUnitOnly)
        } else if self.cross_only[mentee] && same {
            Some(Blocked::CrossUnitOnly)
        } else {
            None
        }
    }

    fn avoided_rule(&self, mentee: usize, mentor: usize) -> Option<Blocked> {
        let &(k, line) = self.avoided.get(&(mentee, mentor))?;
        Some(Blocked::AvoidedPrevious {
            file: self.avoid_files[k].clone(),
            line,
        })
    }

    /// The rule that keeps an (otherwise eligible) pair out of the roster, if any: a lock
    /// of the mentee to another mentor, a `forbid` row of the pairs file, a pair of an
    /// earlier roster to avoid, a unit rule (the first that applies, in this order).
    pub fn blocked(&self, mentee: usize, mentor: usize) -> Option<Blocked> {
        if let Some(lock) = self.lock[mentee] {
            return (lock.mentor != mentor).then_some(Blocked::LockedElsewhere { line: lock.line });
        }
        if let Some(&line) = self.forbidden.get(&(mentee, mentor)) {
            return Some(Blocked::Forbidden { line });
        }
        self.avoided_rule(mentee, mentor)
            .or_else(|| self.unit_rule(mentee, mentor))
    }

    /// Number of mentees locked to mentor `mentor`.
    pub fn locks_of(&self, mentor: usize) -> u32 {
        self.lock
            .iter()
            .flatten()
            .filter(|l| l.mentor == mentor)
            .count() as u32
    }

    /// Locks mentee `mentee` to mentor `mentor` (file indices) on top of the pairs file, as
    /// explain does to find the best roster holding a pair; the lock has line 0. The pair
    /// should be one [`Rules::blocked`] allows, with a slot of the mentor no lock takes.
    pub fn force(&mut self, mentee: usize, mentor: usize) {
        debug_assert!(self.blocked(mentee, mentor).is_none());
        self.lock[mentee] = Some(Lock { mentor, line: 0 });
    }

    /// The continuity bonus a pair earns (0 unless it was in the previous roster).
    pub fn bonus(&self, mentee: usize, mentor: usize) -> f64 {
        if self.previous[mentee] == Some(mentor) {
            self.continuity_bonus
        } else {
            0.0
        }
    }

    /// Whether a unit share rule applies to some mentee (the problem is then an integer
    /// program).
    pub fn has_shares(&self) -> bool {
        self.mentee_unit
            .iter()
            .any(|&u| self.max_cross_share[u as usize].is_some())
    }

    /// Whether the mentee's unit is under `same_unit_only`.
    pub fn same_unit_only(&self, mentee: usize) -> bool {
        self.same_only[mentee]
    }

    /// Whether the mentee's unit is under `cross_unit_only`.
    pub fn cross_unit_only(&self, mentee: usize) -> bool {
        self.cross_only[mentee]
    }
}
