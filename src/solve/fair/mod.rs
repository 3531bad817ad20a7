//! The fair objective's score levels, and what one more slot is worth under it, exactly.
//!
//! # The fair optimum
//!
//! The fair objective first matches the most mentees, then raises the lowest score among
//! the matched pairs as far as it goes, then maximises the total. Scores closer than
//! [`SCORE_TOLERANCE`] to each other (chained) are one *level*, which starts at its lowest
//! score ([`levels`]). The optimum is found at the highest level `t` such that the pairs
//! scoring at least `t` still match `c`, the most mentees any roster matches; it is then the
//! plain optimum (most mentees, then the highest total) over those pairs.
//!
//! # One more slot
//!
//! Call `count(τ)` the most mentees matched by the pairs scoring at least `τ`: it never rises
//! with `τ`. For a mentor `j` with one more slot (a copy of `j` with one slot, the same
//! pairs) or a new mentor `A` with `k` slots, the most mentees matched rises to `c + g`
//! (`g` at most `k`, found by augmenting paths in the residual graph of the roster), and the
//! new threshold is the highest level `τ` with `count(τ) + a(τ) >= c + g`, where `a(τ)` is
//! how many more mentees the added slots match over the pairs scoring at least `τ`.
//!
//! Between the breakpoints `b_v` (the highest level with `count >= v`), `count` is `v` on
//! `(b_{v+1}, b_v]`, and a matching `M_v` of `count` `v` over the pairs scoring at least `b_v`
//! is a largest one there. On that interval `a(τ)` is the largest flow from the mentees
//! `M_v` leaves unmatched into the added slots, along alternating paths whose pairs all score
//! at least `τ`. The highest `τ` with `a(τ) >= d` is found by taking, `d` times, the widest
//! augmenting path (the one whose lowest score is highest) and augmenting along it: the
//! lowest of the `d` widths is that `τ`. (Whenever a flow of `d` exists over the pairs
//! scoring at least `τ`, the residual graph of any smaller flow inside them holds an
//! augmenting path inside them, so every greedy path is at least as wide as `τ`; and the
//! greedy flow itself lies inside the pairs at least as wide as its narrowest path.) For a
//! mentor's copy (`d = 1`), one widest-path search from the unmatched mentees gives the
//! width of every mentee at once, and that of every mentor's copy from its pairs.
//!
//! The intervals are searched from the top; the first that reaches `c + g` holds the new
//! threshold. The new optimum is then the plain optimum over the pairs at that threshold
//! with the added slots, which [`SlotValues`] gives exactly (one network solve per distinct
//! threshold, shared by every mentor it applies to).
//!
//! The gains are changes of the fair optimum itself, the same as solving the fair objective
//! again with the slot added: the property tests check that they are.
//!
//! [`SlotValues`]: crate::solve::slots::SlotValues

mod count;
mod gains;
#[cfg(test)]
mod tests;
mod tiers;
mod values;
mod widest;

pub(crate) use count::{max_count, warm_start};
pub use gains::fair_gains;
pub use tiers::{fair_tiered_gains, Tiers};

use crate::solve::slots::Gain;
use crate::solve::Problem;

/// Scores closer than this (chained) are one level of the fair objective's lowest score.
pub const SCORE_TOLERANCE: f64 = 1e-9;

/// The distinct scores, sorted: what [`levels`] reads, without the repeats of every pair.
fn distinct_scores(scores: &[f64]) -> Vec<f64> {
    let mut v = scores.to_vec();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// The levels of these scores, ascending: sorted, a score closer than [`SCORE_TOLERANCE`]
/// to the one below it joins that one's level; each level is its lowest score.
///
/// Complexity: `O(S log S)`.
pub fn levels(scores: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut sorted: Vec<f64> = scores.into_iter().collect();
    sorted.sort_by(f64::total_cmp);
    let mut out = Vec::new();
    let mut prev = f64::NEG_INFINITY;
    for s in sorted {
        if out.is_empty() || s - prev > SCORE_TOLERANCE {
            out.push(s);
        }
        prev = s;
    }
    out
}

/// The level that holds `score`, one of the scores `levels` was made of: the highest level
/// at most `score`.
fn level_of(levels: &[f64], score: f64) -> f64 {
    let k = levels.partition_point(|&l| l <= score);
    levels[k.saturating_sub(1)]
}

/// The gains under the fair objective: per mentor of the problem, and per added mentor the
/// gain of each slot in turn (the total of the first `s` is the gain with `s` slots; the
/// slots after the last that changes anything are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct FairGains {
    /// One more slot, per mentor of the problem.
    pub mentors: Vec<Gain>,
    /// Per added mentor, its slots' gains.
    pub added: Vec<Vec<Gain>>,
    /// Whether the given assignment was the base at the roster's threshold (see
    /// [`SlotValues::from_given`]).
    ///
    /// [`SlotValues::from_given`]: crate::solve::slots::SlotValues::from_given
    pub from_given: bool,
}

/// The mentee of each edge of `problem`.
fn mentee_of(problem: &Problem) -> Vec<u32> {
    (0..problem.n_mentees())
        .flat_map(|i| problem.edges(i).map(move |_| i as u32))
        .collect()
}

/// What a job is: one more slot of a mentor node, or an added mentor with some slots.
#[derive(Debug, Clone, Copy)]
enum Job {
    Mentor(usize),
    Added(usize, u32),
}

/// A map key for a threshold.
fn key(tau: f64) -> u64 {
    tau.to_bits()
}
