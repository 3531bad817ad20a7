//! The method that solves a part, chosen once by the plan.

use serde::Serialize;

use crate::model::Cohort;
pub use crate::rules::solve::RuledMethod;
use crate::settings::{Objective, Settings, SolverChoice};

/// What solves a part of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "method")]
pub enum Method {
    /// The network method on every eligible pair, with its duals kept as the certificate.
    Network,
    /// The network method on candidate pairs, pricing in the others until the duals of the
    /// candidates' optimum certify it over every pair (above `price_above` pairs).
    Priced,
    /// The linear program through good_lp (`--solver lp`).
    Lp,
    /// The planner's rules: see [`RuledMethod`].
    Ruled(RuledMethod),
}

impl Method {
    /// The method for a part holding `cohort` (the part's people) under `settings`.
    pub fn choose(cohort: &Cohort, settings: &Settings) -> Method {
        let mentees: Vec<usize> = (0..cohort.mentees.len()).collect();
        let mentors: Vec<usize> = (0..cohort.mentors.len()).collect();
        Method::choose_for(cohort, settings, &mentees, &mentors)
    }

    /// The method for the part of `cohort` holding these mentees and mentors (file indices).
    pub fn choose_for(
        cohort: &Cohort,
        settings: &Settings,
        mentees: &[usize],
        mentors: &[usize],
    ) -> Method {
        let minimums = mentors
            .iter()
            .any(|&j| cohort.mentors[j].min_mentees.unwrap_or(0) > 0);
        if settings.has_rules() || minimums {
            return Method::Ruled(RuledMethod {
                shares: settings.rules.max_cross_unit_share.is_some()
                    || settings.rules.min_same_unit_share.is_some(),
                minimums: settings.rules.min_mentees > 0 || minimums,
                fair: settings.rules.objective == Objective::Fair,
                solver: settings.solver.method,
            });
        }
        let pairs = (mentees.len() as u64).saturating_mul(mentors.len() as u64);
        Method::plain_for(settings, pairs)
    }

    /// The method for a part of `pairs` mentee x mentor pairs without the planner's rules.
    pub fn plain_for(settings: &Settings, pairs: u64) -> Method {
        match settings.solver.method {
            SolverChoice::Network
                if settings.solver.candidates > 0 && pairs > settings.solver.price_above =>
            {
                Method::Priced
            }
            SolverChoice::Network => Method::Network,
            SolverChoice::Lp => Method::Lp,
        }
    }

    /// The rules' method for a part holding `cohort`, as for a pair that explain locks on
    /// top of the rules (a part without rules of its own gets it too).
    pub fn ruled(cohort: &Cohort, settings: &Settings) -> Method {
        Method::Ruled(RuledMethod {
            shares: settings.rules.max_cross_unit_share.is_some()
                || settings.rules.min_same_unit_share.is_some(),
            minimums: settings.rules.min_mentees > 0
                || cohort
                    .mentors
                    .iter()
                    .any(|m| m.min_mentees.unwrap_or(0) > 0),
            fair: settings.rules.objective == Objective::Fair,
            solver: settings.solver.method,
        })
    }

    /// Whether this is a method of the planner's rules.
    pub fn is_ruled(&self) -> bool {
        matches!(self, Method::Ruled(_))
    }

    /// The method in a few words, for the plan's description.
    pub fn describe(&self) -> String {
        match self {
            Method::Network => "network method on every eligible pair".into(),
            Method::Priced => "network method, candidate pairs priced in".into(),
            Method::Lp => "linear program (good_lp)".into(),
            Method::Ruled(r) => {
                let mut what = vec![if r.shares {
                    "unit shares: Lagrangian relaxation, branch and bound, integer program"
                } else if r.solver == SolverChoice::Lp {
                    "rules: linear program"
                } else {
                    "rules: network method"
                }];
                if r.minimums {
                    what.push("tiers for minimums");
                }
                if r.fair {
                    what.push("fair threshold search");
                }
                what.join(", ")
            }
        }
    }
}
