//! The minimisation of the dual function: Polyak subgradient steps, then the box-step
//! cutting-plane method.

use super::{FIRST_BOX, SUBGRADIENT_SOLVES, WARM_BOX};
use crate::error::Result;
use crate::rules::bundle::{Bundle, Next};

/// A cut `(c, g)` of the dual function: `f(λ) >= c + g · λ`.
pub(super) type Cut = (f64, Vec<f64>);

/// What a solve gives the search: the dual function's value and a subgradient at the point,
/// and the best roster's value so far.
pub(super) type Evaluation = (f64, Vec<f64>, f64);

/// Minimises a Lagrangian dual function from the origin, or from a given `start` (the
/// minimum of a problem close to this one): Polyak subgradient steps first (quick far from
/// the minimum: a start close by can still be a mentee's weight away from it), then the
/// box-step cutting-plane method over the cuts of every solve and the `pieces` given (cuts
/// `(c, g)` known beforehand, exact near it), in a box as wide as the last step moved
/// ([`FIRST_BOX`] from the origin, [`WARM_BOX`] from a start, when no step was taken).
/// `solve` gives the function's value and a subgradient at a point, and the value of the
/// best roster so far; the search stops once `done(bound, best)` holds, at the minimum,
/// after `limit` solves or at the time limit.
/// Returns the lowest value seen (a bound), the point it was seen at and the solves made.
pub(super) fn minimise(
    dims: usize,
    start: Option<Vec<f64>>,
    pieces: Vec<Cut>,
    limit: usize,
    solve: &mut dyn FnMut(&[f64]) -> Result<Evaluation>,
    done: impl Fn(f64, f64) -> bool,
    out_of_time: &dyn Fn() -> bool,
) -> Result<(f64, Vec<f64>, usize)> {
    let warm = start.is_some();
    let mut y = start.unwrap_or_else(|| vec![0.0; dims]);
    let (value, g, mut best) = solve(&y)?;
    let mut solves = 1;
    let mut cuts = vec![(y.clone(), value, g.clone())];
    let (mut bound, mut at) = (value, y.clone());
    let mut steps = Steps::new();
    steps.record(value);
    let mut g = g;
    let mut last_move = if warm { WARM_BOX } else { FIRST_BOX };
    while solves < SUBGRADIENT_SOLVES && !done(bound, best) && !out_of_time() {
        let projected: Vec<f64> = g
            .iter()
            .zip(&y)
            .map(|(&gd, &yd)| if yd <= 0.0 && gd > 0.0 { 0.0 } else { gd })
            .collect();
        let before = y.clone();
        if !steps.step(&mut y, &projected, (bound - best).max(1e-3)) {
            break;
        }
        last_move = before
            .iter()
            .zip(&y)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let (value, gn, b) = solve(&y)?;
        solves += 1;
        best = b;
        steps.record(value);
        cuts.push((y.clone(), value, gn.clone()));
        if value < bound {
            (bound, at) = (value, y.clone());
        }
        g = gn;
    }
    if done(bound, best) || out_of_time() {
        return Ok((bound, at, solves));
    }
    let mut bundle = Bundle::new(last_move.max(1e-3), at, bound);
    for (point, value, g) in &cuts {
        bundle.add_cut(point, *value, g);
    }
    for (c, g) in pieces {
        bundle.add_piece(c, g);
    }
    while solves < limit && !done(bundle.best(), best) && !out_of_time() {
        let Next::Point(y) = bundle.next() else {
            break;
        };
        let (value, g, b) = solve(&y)?;
        solves += 1;
        best = b;
        bundle.record(y, value, &g);
    }
    Ok((bundle.best(), bundle.center().to_vec(), solves))
}

/// Polyak steps for the subgradient method: length `theta · gap / |g|²`, with `theta`
/// halved after three solves that did not lower the bound.
pub(super) struct Steps {
    theta: f64,
    best: f64,
    stall: usize,
}

impl Steps {
    pub(super) fn new() -> Steps {
        Steps {
            theta: 1.0,
            best: f64::INFINITY,
            stall: 0,
        }
    }

    pub(super) fn record(&mut self, bound: f64) {
        if bound < self.best - 1e-12 {
            self.best = bound;
            self.stall = 0;
        } else {
            self.stall += 1;
            if self.stall >= 3 {
                self.theta /= 2.0;
                self.stall = 0;
            }
        }
    }

    /// Moves the multipliers `y` along minus `g`, keeping them `>= 0`; false when there is
    /// nothing to move.
    pub(super) fn step(&self, y: &mut [f64], g: &[f64], gap: f64) -> bool {
        let norm: f64 = g.iter().map(|v| v * v).sum();
        if norm <= 0.0 {
            return false;
        }
        let t = self.theta * gap / norm;
        for (v, gr) in y.iter_mut().zip(g) {
            *v = (*v - t * gr).max(0.0);
        }
        true
    }
}
