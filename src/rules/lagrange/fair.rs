//! The fair optimum under the unit shares, for the problem and for each change of it (one
//! more slot for a mentor, or a mentor who joins), as [`Model::share_optima`] gives the
//! optimum of the total.
//!
//! The fair objective is the matched count, then the highest lowest score (a level of the
//! scores, chained as the match chains them), then the total over the pairs scoring at
//! least that level. For one problem, the most mentees matched over the pairs at level
//! `τ` or above never rises with `τ`; the threshold is the highest level that keeps the
//! count over every pair. So for each change:
//! - its count comes from one [`Model::share_optima`] over every pair, all changes at once;
//! - its threshold from probes at single levels: each probe is one
//!   [`Model::share_optima_within`] over the pairs at that level or above, for every change
//!   probing there (with its proven count and total). A change's search starts at a guess
//!   (the level of the roster's lowest score: most changes keep the problem's threshold),
//!   then gallops away from it, up while the count holds, down while it does not, and
//!   halves the interval left;
//! - its total is that of its probe at its threshold.
//!
//! The problem's own optimum is found the same way, as a change that changes nothing.

use std::collections::BTreeMap;

use super::ShareOptima;
use crate::error::Result;
use crate::rules::solve::Model;
use crate::settings::SolverSettings;
use crate::solve::fair::levels;

/// Where one change's search of its threshold stands, as indices into the levels.
#[derive(Debug, Clone)]
struct Search {
    /// The count to keep: the change's over every pair.
    target: usize,
    /// The highest level known to keep the count, and the optimum (matched, total) there.
    keeps: (usize, (usize, f64)),
    /// Every level above this one is known to lose the count.
    highest: usize,
    /// The level to probe first, if any.
    guess: Option<usize>,
    /// The gallop's next step, and its direction (up: from `keeps`; down: from `highest`).
    gallop: Option<(usize, bool)>,
}

impl Search {
    /// The next level to probe, or `None` when the threshold is settled.
    fn next(&self) -> Option<usize> {
        let (lo, hi) = (self.keeps.0, self.highest);
        if lo >= hi {
            return None;
        }
        if let Some(g) = self.guess {
            return Some(g.clamp(lo + 1, hi));
        }
        Some(match self.gallop {
            Some((step, true)) => (lo + step).min(hi),
            Some((step, false)) => hi.saturating_sub(step - 1).max(lo + 1),
            None => lo + (hi - lo).div_ceil(2),
        })
    }

    /// Takes the probe at `level`: the change's optimum (matched, total) over its pairs.
    fn take(&mut self, level: usize, optimum: (usize, f64)) {
        let kept = optimum.0 >= self.target;
        let guessed = self.guess.take().is_some();
        if kept {
            self.keeps = (level, optimum);
        } else {
            self.highest = level - 1;
        }
        self.gallop = match (self.gallop, guessed, kept) {
            // After the guess: away from it, whichever way it went.
            (_, true, kept) => Some((1, kept)),
            // Still the same way: twice the step.
            (Some((step, up)), false, kept) if up == kept => Some((2 * step, up)),
            // The other way: the interval is closed on both sides, halve it.
            _ => None,
        };
    }
}

impl Model {
    /// The fair optimum under the unit shares, and for each change (a problem mentor and
    /// its new capacity, at least its own) the fair optimum with that change alone, each as
    /// (matched, total score without the continuity bonus) over the free mentees; see the
    /// module documentation. The mentors marked `absent` are out of the problem but for
    /// their own change, as in [`Model::share_optima`], which proves every optimum probed
    /// (`mip` as there). `guess` is a score at the problem's threshold, where the searches
    /// start. `None` when one of those optima is not proven.
    pub fn fair_share_optima(
        &self,
        solver: &SolverSettings,
        absent: &[bool],
        changes: &[(usize, u32)],
        mip: (usize, f64),
        guess: Option<f64>,
    ) -> Result<Option<ShareOptima>> {
        let p = &self.problem;
        let n = p.n_edges();
        let levels = levels(self.base.iter().copied());
        if p.n_mentors() == 0 || levels.is_empty() {
            // No pair at all: no threshold either.
            return self.share_optima(solver, absent, changes, mip);
        }
        // The problem itself as the last change: its first mentor at its own capacity.
        let mut all_changes = changes.to_vec();
        all_changes.push((0, p.capacity[0]));
        let Some(top) = self.share_optima(solver, absent, &all_changes, mip)? else {
            return Ok(None);
        };
        let start = guess.map(|g| levels.partition_point(|&l| l <= g).saturating_sub(1));
        let mut searches: Vec<Search> = top
            .changed
            .iter()
            .map(|&optimum| Search {
                target: optimum.0,
                keeps: (0, optimum),
                // With nobody matched there is no lowest score: every pair counts.
                highest: if optimum.0 == 0 { 0 } else { levels.len() - 1 },
                guess: start,
                gallop: None,
            })
            .collect();
        loop {
            let mut probes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (k, search) in searches.iter().enumerate() {
                if let Some(level) = search.next() {
                    probes.entry(level).or_default().push(k);
                }
            }
            if probes.is_empty() {
                break;
            }
            for (level, members) in probes {
                let tau = levels[level];
                let within: Vec<bool> = (0..n).map(|e| self.base[e] >= tau).collect();
                let probed: Vec<(usize, u32)> = members.iter().map(|&k| all_changes[k]).collect();
                let Some(optima) =
                    self.share_optima_within(solver, absent, &within, &probed, mip)?
                else {
                    return Ok(None);
                };
                for (&k, &optimum) in members.iter().zip(&optima.changed) {
                    searches[k].take(level, optimum);
                }
            }
        }
        let mut fair: Vec<(usize, f64)> = searches.iter().map(|s| s.keeps.1).collect();
        let base = fair.pop().unwrap_or(top.base);
        Ok(Some(ShareOptima {
            base,
            changed: fair,
            base_proof: top.base_proof,
            proofs: top.proofs[..changes.len()].to_vec(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::Search;

    fn search(target: usize, highest: usize, guess: Option<usize>) -> Search {
        Search {
            target,
            keeps: (0, (target, 0.0)),
            highest,
            guess,
            gallop: None,
        }
    }

    /// Runs a search against a count that holds up to `threshold`: the levels probed.
    fn run(mut s: Search, threshold: usize) -> (usize, Vec<usize>) {
        let mut probed = Vec::new();
        while let Some(level) = s.next() {
            probed.push(level);
            let count = if level <= threshold { s.target } else { 0 };
            s.take(level, (count, level as f64));
        }
        (s.keeps.0, probed)
    }

    #[test]
    fn a_guess_at_the_threshold_takes_two_probes() {
        assert_eq!(run(search(5, 100, Some(40)), 40), (40, vec![40, 41]));
    }

    #[test]
    fn every_threshold_is_found_from_any_guess() {
        for highest in 0..20 {
            for threshold in 0..=highest {
                for guess in [None, Some(0), Some(3), Some(highest), Some(highest + 5)] {
                    let (found, probed) = run(search(2, highest, guess), threshold);
                    assert_eq!(found, threshold, "highest {highest}, guess {guess:?}");
                    assert!(probed.len() <= 2 * (highest + 1), "{probed:?}");
                    let mut seen = probed.clone();
                    seen.sort_unstable();
                    seen.dedup();
                    assert_eq!(seen.len(), probed.len(), "a level probed twice: {probed:?}");
                }
            }
        }
    }

    #[test]
    fn galloping_up_doubles_its_step() {
        assert_eq!(
            run(search(1, 100, Some(10)), 30).1,
            vec![10, 11, 13, 17, 25, 41, 33, 29, 31, 30]
        );
    }
}
