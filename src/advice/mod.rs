//! What one more slot is worth: for each mentor, how much the optimum would rise with one
//! more slot; for each unit, how much one more mentor with the unit's typical profile would
//! add.
//!
//! The values are exact changes of the optimum (matched count, then total score), computed
//! from the residual graph of the optimal roster, as [`crate::solve::slots`] explains; they
//! are not estimates.
//!
//! # The typical mentor of a unit
//!
//! Over the unit's mentors: per competency the median of the assessed levels (not assessed
//! when none is), the lower median grade, the median workload (an empty cell counting as 0,
//! as in the scoring), the lower median capacity (defaults applied), the lower median SKP
//! rating of the rated mentors (none when nobody is rated), the most common scope.
//! A unit without mentors gets the cohort's median mentor (the same medians over all
//! mentors) placed in the unit, in the most common scope of its mentees. A cohort without
//! mentors has no typical mentor, and no unit advice.
//!
//! Units are told apart as in the scoring (trimmed, case-folded) and named by their most
//! common spelling ([`crate::model::Spellings`]). With `same_scope_only` a unit is the pair
//! (scope, unit): one typical mentor per unit of each scope, placed in it, and each change is
//! solved in its own scope only.
//!
//! Which method gives the advice on a roster is decided once, by [`advice_methods`] from the
//! plan; advice that is not computed is an [`Outcome::NotComputed`] with its [`NoAdvice`]
//! reason.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::MatchGraph;
use crate::model::{unit_key, Cohort, Grade, Mentor};
use crate::roster::{Pair, Roster};
use crate::score::Scorer;
use crate::settings::Settings;
use crate::solve::slots::{covering, duals_cover, scores_within, AddedMentor, Gain, SlotValues};
use crate::solve::Problem;

mod certified;
mod outcome;
mod plain;
mod resolve;
mod ruled;
mod shares;
#[cfg(test)]
mod tests;
mod typical;

pub use certified::*;
pub use outcome::*;
pub use plain::*;
pub use resolve::*;
pub use ruled::*;
pub use shares::*;
pub use typical::*;

/// What one more slot of a mentor is worth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentorAdvice {
    /// The mentor's index in the mentors file.
    pub mentor: usize,
    /// The mentor's capacity in the roster.
    pub capacity: u32,
    /// Mentees assigned to the mentor in the roster.
    pub assigned: u32,
    /// How many more mentees the optimum matches with one more slot (0 or 1).
    pub extra_matched: u32,
    /// The change of the optimum's total score with one more slot (may be negative when
    /// one more mentee is matched).
    pub extra_score: f64,
}

impl UnitAdvice {
    /// The unit as the outputs name it: `unit (scope)` when it lives in a scope.
    pub fn label(&self) -> String {
        crate::model::unit_label(&self.unit, self.scope.as_deref())
    }
}

/// What one more mentor with a unit's typical profile is worth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitAdvice {
    /// The unit, as first written in the files.
    pub unit: String,
    /// With `same_scope_only`, the unit's scope as first written (a unit lives inside its
    /// scope); `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Mentors of the unit.
    pub mentors: usize,
    /// Mentees of the unit.
    pub mentees: usize,
    /// Mentees of the unit left unmatched in the roster.
    pub unmatched: usize,
    /// The typical mentor added (see the module documentation).
    #[serde(skip)]
    pub typical: Mentor,
    /// Whether the profile is the cohort's median mentor (the unit has no mentor).
    pub cohort_profile: bool,
    /// The gain of each of the typical mentor's slots that adds something, in order (the
    /// slots after them add nothing).
    pub slots: Vec<Gain>,
    /// How many more mentees the optimum matches with the typical mentor added.
    pub extra_matched: u32,
    /// The change of the optimum's total score with the typical mentor added.
    pub extra_score: f64,
}

/// The advice on a roster: per mentor (file order) and per unit (ordered by unit key).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// One entry per mentor, in file order.
    pub mentors: Vec<MentorAdvice>,
    /// One entry per unit of the mentors or mentees, ordered by unit key (with
    /// `same_scope_only`, per unit of each scope, ordered by scope key, then unit key).
    pub units: Vec<UnitAdvice>,
    /// Whether the roster itself was the base of the computation; when it is not optimal
    /// (say, an LP stopped by its time limit), an optimal roster of the same cohort is, and
    /// the gains are those of the optimum.
    pub from_roster: bool,
}

/// Whether the cohort is above `price_above` mentee x mentor pairs (per scope with
/// `same_scope_only`), where the match prices pairs in and never holds them all: the advice
/// then needs the priced match's duals ([`advise_certified`]) instead of solving the full
/// graph again (city-dense, 30 million pairs: that took about 3.3 GB and 40 s).
pub fn too_large(cohort: &Cohort, settings: &Settings) -> bool {
    crate::plan::Plan::new(cohort, settings).large
}

/// The units where one more typical mentor helps most: those where the optimum rises, by
/// more mentees matched, then more total score, then unit name; at most `k` of them.
pub fn helps_most(units: &[UnitAdvice], k: usize) -> Vec<&UnitAdvice> {
    let mut useful: Vec<&UnitAdvice> = units
        .iter()
        .filter(|u| u.extra_matched > 0 || u.extra_score > 0.0)
        .collect();
    useful.sort_by(|a, b| {
        b.extra_matched
            .cmp(&a.extra_matched)
            .then(b.extra_score.total_cmp(&a.extra_score))
            .then(unit_key(&a.unit).cmp(&unit_key(&b.unit)))
            .then(
                a.scope
                    .as_deref()
                    .map(unit_key)
                    .cmp(&b.scope.as_deref().map(unit_key)),
            )
    });
    useful.truncate(k);
    useful
}

/// The terminal list "where an extra mentor helps most": the top 5 of [`helps_most`], one
/// line each, after a heading; or one line saying no extra mentor would help.
pub fn helps_most_text(advice: &Advice) -> String {
    let top = helps_most(&advice.units, 5);
    if top.is_empty() {
        return "Where an extra mentor helps most: nowhere, one more mentor would not improve the roster\n".into();
    }
    let mut out = String::from(
        "Where an extra mentor helps most (one more mentor with the unit's typical profile):\n",
    );
    for (rank, u) in top.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}: {:+} matched, score {:+.6} ({} of {} slot{})\n",
            rank + 1,
            u.label(),
            u.extra_matched,
            u.extra_score,
            u.slots.len(),
            u.typical.capacity.unwrap_or(0),
            if u.typical.capacity == Some(1) {
                ""
            } else {
                "s"
            },
        ));
    }
    out
}
