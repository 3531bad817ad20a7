//! The plan of a match: the cohort, settings and rules turned once into independent parts,
//! each with the method that solves it. The match ([`crate::roster`]) solves the parts with
//! their methods; the advice, explain, the audits and the memory guard ask the plan for the
//! parts and their methods and decide nothing again.
//!
//! A part is a scope under `same_scope_only` (no pair crosses scopes, so each scope is its
//! own problem), else the whole cohort. Inside a part, [`Plan::components`] finds the
//! connected components of the eligibility graph with petgraph: a mentee and a mentor are
//! joined by every pair the rules allow, and a rule that couples mentees joins them too (a
//! unit's share couples the unit's mentees; the fair objective's threshold couples every
//! mentee of the part). Components that no pair and no rule joins are independent problems;
//! the match still solves each part as one problem, so that which of several equal optima it
//! prints, and its solver's figures, do not depend on how the part falls apart.

pub mod components;
pub mod method;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{unit_key, Cohort};
use crate::settings::{Objective, Settings};
pub use components::Components;
pub use method::{Method, RuledMethod};

/// An independent part of a match: some mentees and the mentors they can meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The scope key of the part (as [`unit_key`] makes it) under `same_scope_only`; empty
    /// otherwise (and for people without a scope).
    pub scope: String,
    /// File indices of its mentees, in file order.
    pub mentees: Vec<usize>,
    /// File indices of its mentors, in file order.
    pub mentors: Vec<usize>,
    /// The method that solves it.
    pub method: Method,
}

impl Part {
    /// Mentee x mentor pairs of the part.
    pub fn pairs(&self) -> u64 {
        (self.mentees.len() as u64).saturating_mul(self.mentors.len() as u64)
    }

    /// The part as a cohort of its own (people in file order).
    pub fn cohort(&self, cohort: &Cohort) -> Cohort {
        cohort.subset(&self.mentees, &self.mentors)
    }
}

/// The parts of a match and their methods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Whether the cohort is split by scope (`same_scope_only`).
    pub by_scope: bool,
    /// The parts: one per scope with a mentee (by scope key) under `same_scope_only`, else
    /// one part holding everybody. Mentors of a scope without mentees are in no part.
    pub parts: Vec<Part>,
    /// Whether the match has rules beyond the score (see [`has_rules`]).
    pub rules: bool,
    /// Whether a unit share rule is set.
    pub shares: bool,
    /// Whether some mentor has a minimum (the settings' or its own cell).
    pub minimums: bool,
    /// Whether the objective is the fair one.
    pub fair: bool,
    /// Whether some part is above `price_above` mentee x mentor pairs: the match prices its
    /// pairs in there and never holds them all.
    pub large: bool,
}

/// Whether a match of this cohort has rules beyond the score: those of the settings, or a
/// mentor's `min_mentees` cell (which holds even when the setting is 0).
pub fn has_rules(cohort: &Cohort, settings: &Settings) -> bool {
    settings.has_rules() || has_minimums_cell(cohort)
}

fn has_minimums_cell(cohort: &Cohort) -> bool {
    cohort
        .mentors
        .iter()
        .any(|m| m.min_mentees.unwrap_or(0) > 0)
}

impl Plan {
    /// The plan of a match of `cohort` under `settings`.
    pub fn new(cohort: &Cohort, settings: &Settings) -> Plan {
        let by_scope = settings.eligibility.same_scope_only;
        let mut parts: Vec<Part> = if by_scope {
            scope_members(cohort)
                .into_iter()
                .map(|(scope, (mentees, mentors))| Part {
                    scope,
                    mentees,
                    mentors,
                    method: Method::Network,
                })
                .collect()
        } else {
            vec![Part {
                scope: String::new(),
                mentees: (0..cohort.mentees.len()).collect(),
                mentors: (0..cohort.mentors.len()).collect(),
                method: Method::Network,
            }]
        };
        for part in &mut parts {
            part.method = Method::choose_for(cohort, settings, &part.mentees, &part.mentors);
        }
        let large = parts
            .iter()
            .any(|p| p.pairs() > settings.solver.price_above);
        Plan {
            by_scope,
            parts,
            rules: has_rules(cohort, settings),
            shares: settings.rules.max_cross_unit_share.is_some()
                || settings.rules.min_same_unit_share.is_some(),
            minimums: settings.rules.min_mentees > 0 || has_minimums_cell(cohort),
            fair: settings.rules.objective == Objective::Fair,
            large,
        }
    }

    /// The sizes of the parts as `(mentees, mentors)`, smallest first (for the memory
    /// estimate, which does not depend on which scope is which).
    pub fn sizes(&self) -> Vec<(usize, usize)> {
        let mut sizes: Vec<(usize, usize)> = self
            .parts
            .iter()
            .map(|p| (p.mentees.len(), p.mentors.len()))
            .collect();
        sizes.sort_unstable();
        sizes
    }

    /// Mentee x mentor pairs summed over the parts (the pairs any audit of every pair reads).
    pub fn pairs(&self) -> u64 {
        self.parts
            .iter()
            .map(Part::pairs)
            .fold(0, u64::saturating_add)
    }

    /// The part a mentee is in (by file index).
    pub fn part_of_mentee(&self, mentee: usize) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| p.mentees.binary_search(&mentee).is_ok())
    }

    /// Whether the advice under unit shares searches the relaxation per change
    /// (a share rule and no mentor minimum).
    pub fn share_search(&self) -> bool {
        self.shares && !self.minimums
    }

    /// Whether the fair objective holds with mentor minimums.
    pub fn fair_with_minimums(&self) -> bool {
        self.fair && self.minimums
    }

    /// The connected components of each part (see the module's text), in the order of the
    /// parts. This scores every pair of every part, as a match does.
    pub fn components(
        &self,
        cohort: &Cohort,
        settings: &Settings,
    ) -> crate::error::Result<Vec<Components>> {
        self.parts
            .iter()
            .map(|p| components::of_part(cohort, settings, p))
            .collect()
    }
}

/// The mentees and mentors of each scope (by scope key, in key order), as file indices;
/// mentors of a scope without mentees are left out.
pub fn scope_members(cohort: &Cohort) -> BTreeMap<String, (Vec<usize>, Vec<usize>)> {
    let key = |s: &Option<String>| s.as_deref().map(unit_key).unwrap_or_default();
    let mut parts: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, m) in cohort.mentees.iter().enumerate() {
        parts.entry(key(&m.scope)).or_default().0.push(i);
    }
    for (j, m) in cohort.mentors.iter().enumerate() {
        if let Some(part) = parts.get_mut(&key(&m.scope)) {
            part.1.push(j);
        }
    }
    parts
}
