//! The box-step cutting-plane method for the Lagrangian dual of the unit shares.
//!
//! The dual function `f(y) = max_x (value(x) + y · slack(x))` is convex and piecewise
//! linear in the multipliers `y` (one affine piece per network roster `x`), and each solve
//! of the relaxation gives its value at a point and one piece through it (a cut). The
//! method keeps every cut, and minimises their maximum (a model of `f` from below) within a
//! box of half-width `Δ` around the best point so far, as a small linear program through
//! good_lp; the model's minimum is the next point to solve. A point that lowers `f` by a
//! tenth of what the model promised becomes the centre (and a step that kept most of the
//! promise doubles the box); otherwise the cut it adds sharpens the model, and every third
//! such step in a row halves the box. Where the model's minimum in the box equals `f` at the centre, the centre
//! minimises `f` (a local minimum of a convex function is global): the bound cannot get
//! better. Unlike subgradient steps, this converges to the dual's minimum (finitely: `f` has
//! finitely many pieces), which here equals the linear relaxation's optimum.

use good_lp::{constraint, variable, Expression, ProblemVariables, Solution as _, SolverModel};

/// A promised decrease below which the centre counts as the minimum: well below the
/// tolerance of the proofs (`2e-5` of total score).
const CONVERGED: f64 = 1e-7;

/// The widest box: where `f` falls without end (rules that no roster holds), the box stops
/// doubling here, and the bound keeps falling.
const MAX_BOX: f64 = 1e6;

/// Cuts of a convex piecewise-linear function and the box around its best point.
pub(super) struct Bundle {
    /// Each cut as `(c, g)`: `f(y) >= c + g · y`.
    cuts: Vec<(f64, Vec<f64>)>,
    /// The best point so far and `f` there.
    center: Vec<f64>,
    center_value: f64,
    /// The box's half-width.
    delta: f64,
    /// What the model promised at the last point handed out.
    promised: f64,
    /// Null steps since the centre last moved.
    null_steps: usize,
}

/// What [`Bundle::next`] gives.
pub(super) enum Next {
    /// The point to solve next.
    Point(Vec<f64>),
    /// The centre minimises `f`: no point can give a lower bound.
    Converged,
    /// The multipliers' linear program had no answer: the search stops, with its bound.
    Stalled,
}

impl Bundle {
    /// A bundle without cuts, centred at a point where `f` is `value`.
    pub(super) fn new(delta: f64, center: Vec<f64>, value: f64) -> Bundle {
        Bundle {
            cuts: Vec::new(),
            center,
            center_value: value,
            delta,
            promised: 0.0,
            null_steps: 0,
        }
    }

    /// The lowest value of `f` seen, at the centre.
    pub(super) fn best(&self) -> f64 {
        self.center_value
    }

    /// The best point so far.
    pub(super) fn center(&self) -> &[f64] {
        &self.center
    }

    /// Adds the cut of `f` at a point: its value and a subgradient there.
    pub(super) fn add_cut(&mut self, point: &[f64], value: f64, subgradient: &[f64]) {
        let c = value
            - point
                .iter()
                .zip(subgradient)
                .map(|(y, g)| y * g)
                .sum::<f64>();
        self.cuts.push((c, subgradient.to_vec()));
    }

    /// Adds a cut given as `f(y) >= c + g · y`.
    pub(super) fn add_piece(&mut self, c: f64, g: Vec<f64>) {
        self.cuts.push((c, g));
    }

    /// Records `f` and a subgradient at the point [`Bundle::next`] gave last, moving the
    /// centre and resizing the box.
    pub(super) fn record(&mut self, point: Vec<f64>, value: f64, subgradient: &[f64]) {
        self.add_cut(&point, value, subgradient);
        let decrease = self.center_value - value;
        if decrease >= 0.1 * self.promised {
            if decrease >= 0.5 * self.promised {
                self.delta = (self.delta * 2.0).min(MAX_BOX);
            }
            self.center = point;
            self.center_value = value;
            self.null_steps = 0;
        } else {
            self.null_steps += 1;
            if self.null_steps % 3 == 0 {
                self.delta = (self.delta / 2.0).max(1e-9);
            }
        }
    }

    /// The minimum of the cuts' maximum within the box around the centre.
    ///
    /// The linear program is stated relative to the centre (the step `d = y - centre` and
    /// the model's value less `f` there), so that its numbers are those of the step, not
    /// of the bound, and the promise is exact to far below the proofs' tolerance.
    pub(super) fn next(&mut self) -> Next {
        let mut vars = ProblemVariables::new();
        let d: Vec<_> = self
            .center
            .iter()
            .map(|&c| vars.add(variable().min((-self.delta).max(-c)).max(self.delta)))
            .collect();
        let theta = vars.add(variable());
        let mut model = vars
            .minimise(theta)
            .using(good_lp::solvers::microlp::microlp);
        for (c, g) in &self.cuts {
            // The cut at the centre, less `f` there (at most 0).
            let at_center = c + g
                .iter()
                .zip(&self.center)
                .map(|(gd, y)| gd * y)
                .sum::<f64>()
                - self.center_value;
            let piece: Expression = d
                .iter()
                .zip(g)
                .filter(|(_, &gd)| gd != 0.0)
                .map(|(&v, &gd)| gd * v)
                .sum();
            model = model.with(constraint!(theta - piece >= at_center));
        }
        let Ok(solution) = model.solve() else {
            return Next::Stalled;
        };
        self.promised = -solution.value(theta);
        if self.promised <= CONVERGED {
            return Next::Converged;
        }
        Next::Point(
            d.iter()
                .zip(&self.center)
                .map(|(&v, &c)| (c + solution.value(v)).max(0.0))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Bundle, Next};

    /// `f(y) = max(2 - y, y - 4, 0.5)` over `y >= 0`, minimal (0.5) on [1.5, 4.5]: from
    /// `y = 0` the method reaches 0.5 and then reports convergence.
    #[test]
    fn reaches_the_minimum_of_a_polyhedral_function() {
        let f = |y: f64| {
            let pieces = [(2.0 - y, -1.0), (y - 4.0, 1.0), (0.5, 0.0)];
            pieces.into_iter().fold(
                (f64::NEG_INFINITY, 0.0),
                |a, p| if p.0 > a.0 { p } else { a },
            )
        };
        let (v, g) = f(0.0);
        let mut bundle = Bundle::new(0.25, vec![0.0], v);
        bundle.add_cut(&[0.0], v, &[g]);
        let mut solves = 1;
        loop {
            match bundle.next() {
                Next::Converged | Next::Stalled => break,
                Next::Point(y) => {
                    let (v, g) = f(y[0]);
                    bundle.record(y, v, &[g]);
                    solves += 1;
                }
            }
            assert!(solves < 50, "no convergence");
        }
        assert!((bundle.best() - 0.5).abs() < 1e-9, "{}", bundle.best());
        let y = bundle.center[0];
        assert!((1.5 - 1e-9..=4.5 + 1e-9).contains(&y), "{y}");
    }
}
