//! Robustness of a roster to the weights: solve again with each weight moved up and down,
//! and see which pairs survive.
//!
//! The weights are judgement calls. A pair that stays whatever the weights within ±10 % is
//! one the planner can defend; a pair that changes when one weight moves a little is a close
//! call. [`perturbation_survival`] solves six variants: each of the three weights
//! (complementarity, unit, workload) multiplied by `1 + fraction` and by `1 - fraction`, the
//! others unchanged. A weight of zero has no size to scale; it is moved to
//! `+fraction × w` and `-fraction × w` instead, where `w` is the largest absolute weight (so
//! that the term gets a small say either way); when every weight is zero the variants equal
//! the roster itself.

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Cohort;
use crate::roster::{match_cohort, Roster};
use crate::settings::{Settings, Weights};

/// One of the three weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    /// `weights.complementarity`.
    Complementarity,
    /// `weights.unit`.
    Unit,
    /// `weights.workload`.
    Workload,
}

impl Term {
    /// The three terms, in the order of the variants.
    pub const ALL: [Term; 3] = [Term::Complementarity, Term::Unit, Term::Workload];

    /// The settings key.
    pub fn key(self) -> &'static str {
        match self {
            Term::Complementarity => "weights.complementarity",
            Term::Unit => "weights.unit",
            Term::Workload => "weights.workload",
        }
    }

    fn get_mut(self, w: &mut Weights) -> &mut f64 {
        match self {
            Term::Complementarity => &mut w.complementarity,
            Term::Unit => &mut w.unit,
            Term::Workload => &mut w.workload,
        }
    }
}

/// One re-solve with one weight moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// The weight moved.
    pub term: Term,
    /// Up (`+fraction`) or down (`-fraction`).
    pub up: bool,
    /// The weights of this variant.
    pub weights: Weights,
    /// Matched mentees in this variant.
    pub matched: usize,
    /// Total score in this variant (under its own weights).
    pub total_score: f64,
    /// Mentees whose mentor differs from the roster's (matched/unmatched changes count).
    pub changed: usize,
}

/// Which pairs survive every variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// The relative change applied to each weight.
    pub fraction: f64,
    /// Per mentee (file order): the same mentor in all six variants (or unmatched in all).
    pub robust: Vec<bool>,
    /// Share of robust mentees (1 when there are no mentees).
    pub share: f64,
    /// The six variants: complementarity up, down, unit up, down, workload up, down.
    pub per_variant: Vec<Variant>,
}

impl Robustness {
    /// Number of robust mentees.
    pub fn robust_count(&self) -> usize {
        self.robust.iter().filter(|&&r| r).count()
    }
}

/// The file of a perturbed scenario's per-mentee result, written beside its roster.
pub const ROBUSTNESS_FILE: &str = "robustness.csv";

/// Header of [`ROBUSTNESS_FILE`].
pub const ROBUSTNESS_HEADER: [&str; 3] = ["mentee_id", "mentor_id", "robust"];

/// The weights of the six variants, in order (see the module documentation for zero
/// weights).
pub fn variant_weights(weights: &Weights, fraction: f64) -> Vec<(Term, bool, Weights)> {
    let largest = [weights.complementarity, weights.unit, weights.workload]
        .iter()
        .fold(0.0f64, |m, w| m.max(w.abs()));
    let mut out = Vec::with_capacity(6);
    for term in Term::ALL {
        for up in [true, false] {
            let mut w = *weights;
            let v = term.get_mut(&mut w);
            let sign = if up { 1.0 } else { -1.0 };
            *v = if *v == 0.0 {
                sign * fraction * largest
            } else {
                *v * (1.0 + sign * fraction)
            };
            out.push((term, up, w));
        }
    }
    out
}

/// Solves the six variants of `settings` (in parallel) and compares each with `roster`.
///
/// The result does not depend on the number of threads: each variant is solved on its own,
/// deterministically. Fails with a settings error when a moved weight leaves its range.
pub fn perturbation_survival(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
    fraction: f64,
) -> Result<Robustness> {
    let variants: Vec<(Term, bool, Settings)> =
        variant_weights(&settings.scoring.weights, fraction)
            .into_iter()
            .map(|(term, up, weights)| {
                let s = {
                    let mut custom = settings.clone();
                    custom.scoring.weights = weights;
                    custom
                };
                s.validate()
                    .map(|()| (term, up, s))
                    .map_err(|e| Error::Settings(format!("perturbing {}: {e}", term.key())))
            })
            .collect::<Result<_>>()?;
    let solved: Vec<Result<Roster>> = variants
        .par_iter()
        .map(|(_, _, s)| match_cohort(cohort, s))
        .collect();
    let mentor_of = |r: &Roster| -> Vec<Option<usize>> {
        r.pairs.iter().map(|p| p.map(|p| p.mentor)).collect()
    };
    let base = mentor_of(roster);
    let mut robust = vec![true; base.len()];
    let mut per_variant = Vec::with_capacity(variants.len());
    for ((term, up, s), r) in variants.into_iter().zip(solved) {
        let r = r?;
        let mentors = mentor_of(&r);
        let mut changed = 0;
        for (k, (a, b)) in base.iter().zip(&mentors).enumerate() {
            if a != b {
                robust[k] = false;
                changed += 1;
            }
        }
        per_variant.push(Variant {
            term,
            up,
            weights: s.scoring.weights,
            matched: r.matched(),
            total_score: r.total_score(),
            changed,
        });
    }
    let share = if robust.is_empty() {
        1.0
    } else {
        robust.iter().filter(|&&r| r).count() as f64 / robust.len() as f64
    };
    Ok(Robustness {
        fraction,
        robust,
        share,
        per_variant,
    })
}

/// Parses a relative change: `10%`, `10 %` or `0.1` (a fraction above 0, at most 1).
pub fn parse_fraction(text: &str) -> std::result::Result<f64, String> {
    let t = text.trim();
    let (number, scale) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (t, 1.0),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a fraction (write 10% or 0.1)"))?;
    let f = value / scale;
    if !f.is_finite() || f <= 0.0 || f > 1.0 {
        return Err(format!(
            "{text:?}: the fraction must be above 0 and at most 1 (100%)"
        ));
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::cohort;

    #[test]
    fn fractions_parse() {
        assert_eq!(parse_fraction("10%"), Ok(0.1));
        assert_eq!(parse_fraction(" 25 % "), Ok(0.25));
        assert_eq!(parse_fraction("0.1"), Ok(0.1));
        assert_eq!(parse_fraction("1"), Ok(1.0));
        for bad in [
            "0", "0%", "-5%", "150%", "1.5", "ten", "", "%", "NaN", "inf",
        ] {
            assert!(parse_fraction(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn variants_move_one_weight_each() {
        let w = Weights {
            complementarity: 0.6,
            unit: -0.2,
            workload: 0.0,
        };
        let v = variant_weights(&w, 0.1);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert_eq!(v.len(), 6);
        assert!(close(v[0].2.complementarity, 0.66) && close(v[0].2.unit, -0.2));
        assert!(close(v[1].2.complementarity, 0.54));
        // a negative weight grows and shrinks in size
        assert!(close(v[2].2.unit, -0.22) && close(v[3].2.unit, -0.18));
        // a zero weight moves by fraction x the largest weight (0.6): +-0.06
        assert!(close(v[4].2.workload, 0.06) && close(v[5].2.workload, -0.06));
        assert_eq!((v[5].0, v[5].1), (Term::Workload, false));
    }

    #[test]
    fn fixture_survival_by_hand() {
        // The optimum (E1-B .76, E3-C .50, E4-A .50, E5-B .66 = 2.42) beats every other
        // roster by 0.20 or more, and 10 % moves of one weight keep it (checked by brute
        // force): every mentee is robust.
        let cohort = cohort();
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        let r = perturbation_survival(&cohort, &settings, &roster, 0.1).unwrap();
        assert_eq!(r.per_variant.len(), 6);
        assert!(r
            .per_variant
            .iter()
            .all(|v| v.changed == 0 && v.matched == 4));
        assert_eq!(r.robust, vec![true; 6]);
        assert_eq!(r.share, 1.0);
        // complementarity up: C terms x1.1. Matched C values: 2/3, 1/2, 1/3, 1/2 = 2.0,
        // so the total rises by 0.06 x 2.0 = 0.12 to 2.54.
        assert!((r.per_variant[0].total_score - 2.54).abs() < 1e-9);
    }

    #[test]
    fn a_close_call_flips() {
        // One mentor M (IV/a, unit X, workload 0: W = 1, level 3, one slot).
        // P (unit X, level 1, target 5: gap 4, cover 2, C = 0.5): 0.3 + 0.2 + 0.2 = 0.70
        // Q (unit Y, level 1, target 3: gap 2, cover 2, C = 1):   0.6 + 0   + 0.2 = 0.80
        // R (IV/b) has no eligible mentor. M takes Q.
        // With 40 % moves:
        //   complementarity x1.4 = 0.84: P 0.42 + 0.4 = 0.82, Q 0.84 + 0.2 = 1.04 -> Q
        //   complementarity x0.6 = 0.36: P 0.18 + 0.4 = 0.58, Q 0.36 + 0.2 = 0.56 -> P
        //   unit x1.4 = 0.28: P 0.3 + 0.28 + 0.2 = 0.78 < Q 0.80 -> Q; unit x0.6: Q
        //   workload up or down moves both alike -> Q
        // Only "complementarity down" changes the roster: P and Q both change, R stays
        // unmatched everywhere. Robust: [false, false, true], share 1/3.
        use crate::test_fixture::{mentee, mentor};
        let cohort = Cohort {
            competencies: vec!["k".into()],
            mentors: vec![mentor("M", "IV/a", "X", 0.0, 3.0, 1)],
            mentees: vec![
                mentee("P", "II/a", "X", 1.0, Some(5.0)),
                mentee("Q", "II/a", "Y", 1.0, None),
                mentee("R", "IV/b", "X", 1.0, None),
            ],
        };
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        assert_eq!(roster.pairs[1].map(|p| p.mentor), Some(0));
        let r = perturbation_survival(&cohort, &settings, &roster, 0.4).unwrap();
        let changed: Vec<usize> = r.per_variant.iter().map(|v| v.changed).collect();
        assert_eq!(changed, [0, 2, 0, 0, 0, 0]);
        assert_eq!(r.robust, [false, false, true]);
        assert!((r.share - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.robust_count(), 1);
        assert!((r.per_variant[1].total_score - 0.58).abs() < 1e-9);
    }
}
