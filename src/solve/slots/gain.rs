//! What one more slot is worth, and the mentor that may join.

use serde::Serialize;

/// The rise of the optimum: one more matched mentee or not, and the change of the total
/// score of the new optimal roster.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Gain {
    /// How many more mentees the new optimum matches (0 or 1 per slot).
    pub extra_matched: u32,
    /// The change of the total score of the optimum. It may be negative when one more
    /// mentee is matched: the count comes first.
    pub extra_score: f64,
}

impl Gain {
    /// Whether the optimum rises at all.
    pub fn is_positive(&self) -> bool {
        self.extra_matched > 0 || self.extra_score > 0.0
    }

    /// The sum of gains (of successive slots).
    pub fn total(gains: &[Gain]) -> Gain {
        Gain {
            extra_matched: gains.iter().map(|g| g.extra_matched).sum(),
            extra_score: gains.iter().map(|g| g.extra_score).sum(),
        }
    }

    /// The gain of each successive slot, from the gains with 1, 2, … slots (each against
    /// none): the change from one number of slots to the next, the slots after the last that
    /// changes anything (by more than 1e-9 in score) left out.
    pub fn marginals(cumulative: &[Gain]) -> Vec<Gain> {
        let mut before = Gain::default();
        let mut gains: Vec<Gain> = cumulative
            .iter()
            .map(|&g| {
                let step = Gain {
                    extra_matched: g.extra_matched.saturating_sub(before.extra_matched),
                    extra_score: g.extra_score - before.extra_score,
                };
                before = g;
                step
            })
            .collect();
        while gains
            .last()
            .is_some_and(|g| g.extra_matched == 0 && g.extra_score.abs() <= 1e-9)
        {
            gains.pop();
        }
        gains
    }
}

/// A mentor that is not in the problem: its eligible mentees (with scores) and its capacity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AddedMentor {
    /// `(mentee, score)` for each eligible mentee, mentees as numbered in the problem.
    pub pairs: Vec<(u32, f64)>,
    /// Number of mentees it may take.
    pub capacity: u32,
    /// Per pair (in the order of `pairs`), added to its score for its cost only, the gains
    /// reporting the pairs' own scores: a bonus of the objective, such as that of a minimum
    /// slot. Empty for none.
    pub bonus: Vec<f64>,
}
