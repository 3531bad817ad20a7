//! # bimbing: proven-optimal mentoring rosters
//!
//! *Membimbing* is Indonesian for "to mentor". This crate pairs junior civil servants
//! (mentees) with senior ones (mentors) so that every junior gets the senior who best covers
//! their competency gaps, with fair loads, and proves the roster optimal.
//!
//! The pipeline, one module per stage:
//! - [`input`]: reads the HR exports (CSV) into a [`model::Cohort`], checking every cell;
//! - [`score`]: the scoring model (complementarity, unit, workload);
//! - [`graph`]: the bipartite graph of eligible pairs (petgraph);
//! - [`solve`]: the exact assignment (min-cost flow, or the LP through good_lp);
//! - [`rules`]: the planner's rules beyond the score, and their optimum;
//! - [`plan`]: the independent parts of a match and the method of each, decided once;
//! - [`roster`]: the match of the plan's parts, and the solved roster with its figures;
//! - [`advice`]: what one more slot of a mentor, or one more mentor in a unit, is worth;
//! - [`scenario`] and [`compare`]: several roster designs run in parallel and compared;
//! - [`report`]: the files written for planners;
//! - [`generate`]: realistic synthetic cohorts.
//!
//! Audits of a roster, for planners who must answer for it:
//! - [`explain`]: why a mentee got their mentor, and why not the others (with
//!   [`eligibility`] naming the rules a pair breaks, and [`reload`] reopening a written
//!   roster);
//! - [`stability`]: pairs that would both rather be together;
//! - [`robust`]: which pairs survive small changes of the weights;
//! - [`unmatched`]: the unmatched mentees with their reason and the full mentors.
//!
//! ```
//! use bimbing::{model::Cohort, settings::Settings};
//! # fn main() -> bimbing::error::Result<()> {
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
//! let (cohort, _files) = bimbing::input::read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv"))?;
//! let roster = bimbing::roster::match_cohort(&cohort, &Settings::default())?;
//! assert!(roster.matched() > 0);
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod advice;
pub mod atomic;
pub mod compare;
pub mod diff;
pub mod eligibility;
pub mod error;
pub mod explain;
pub mod generate;
pub mod graph;
pub mod input;
pub mod model;
pub mod plan;
pub mod reload;
pub mod report;
pub mod resources;
pub mod robust;
pub mod roster;
pub mod rules;
pub mod scenario;
pub mod score;
pub mod settings;
pub mod solve;
pub mod stability;
#[cfg(test)]
mod test_fixture;
pub mod unmatched;
