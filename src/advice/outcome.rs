//! Which advice method a roster gets, decided in one place from its plan, and the typed
//! outcome: the advice, or the reason it was not computed.

use super::*;
use crate::plan::Plan;

/// Why no advice was computed on a roster, as the method that gave up found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum NoAdvice {
    /// Unit shares: the search starts from a roster proven optimal, and this one is not.
    SharesRosterUnproven,
    /// Unit shares: the search of every change is above its budget.
    SharesOverBudget {
        /// Mentee x mentor pairs times changes this cohort needs.
        work: u64,
        /// The budget ([`SEARCH_BUDGET_SHARES`]).
        budget: u64,
    },
    /// Unit shares: the search did not prove one of the changed optima.
    SharesOptimumUnproven,
    /// Above `price_above` under unit shares with mentor minimums: the re-solves run only
    /// up to `price_above` pairs.
    LargeShares {
        /// The settings' `price_above`.
        price_above: u64,
        /// Mentee x mentor pairs times re-solves this cohort needs.
        work: u64,
    },
    /// Above `price_above` under the planner's rules, without the duals of a network solve
    /// of them.
    LargeRulesWithoutDuals {
        /// The settings' `price_above`.
        price_above: u64,
    },
    /// Above `price_above` without the rules: the priced match's duals are missing, or do
    /// not certify the roster.
    LargeUncertified {
        /// The settings' `price_above`.
        price_above: u64,
        /// Whether the match kept duals at all.
        kept: bool,
    },
    /// The re-solves start from a roster proven optimal, and this one is not.
    RosterUnproven,
    /// The re-solves are above their budget.
    ResolveOverBudget {
        /// Mentee x mentor pairs times re-solves this cohort needs.
        work: u64,
        /// The budget ([`RESOLVE_BUDGET`] or [`RESOLVE_BUDGET_SHARES`]).
        budget: u64,
    },
    /// A re-solve was not proven optimal.
    ResolveUnproven,
}

impl std::fmt::Display for NoAdvice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let million = |x: u64| x as f64 / 1e6;
        match *self {
            NoAdvice::SharesRosterUnproven => {
                write!(
                    f,
                    "under unit shares the advice starts from a roster proven optimal"
                )
            }
            NoAdvice::SharesOverBudget { work, budget } => write!(
                f,
                "under unit shares the advice searches the relaxation again for every mentor \
                 and unit slot, up to {:.0} million mentee x mentor pairs times searches; \
                 this cohort needs {:.1} million",
                million(budget),
                million(work)
            ),
            NoAdvice::SharesOptimumUnproven => write!(
                f,
                "under unit shares the advice searches the relaxation again for every mentor and \
                 unit slot, and it did not prove one of those optima (its bound stayed above \
                 every roster found)"
            ),
            NoAdvice::LargeShares { price_above, work } => write!(
                f,
                "under unit shares the advice solves the match again once per mentor and \
                 per unit slot, up to {:.1} million mentee x mentor pairs times \
                 re-solves, and only up to {} pairs; {}",
                million(RESOLVE_BUDGET_SHARES),
                price_above,
                if work > RESOLVE_BUDGET_SHARES {
                    format!("this cohort needs {:.1} million", million(work))
                } else {
                    "raise --price-above for advice.csv".to_string()
                }
            ),
            NoAdvice::LargeRulesWithoutDuals { price_above } => write!(
                f,
                "above {} mentee x mentor pairs the advice under the planner's rules \
                 needs the duals of the match's network solve, which the lp solver does \
                 not give; it would solve every pair again (raise --price-above for \
                 advice.csv)",
                price_above
            ),
            NoAdvice::LargeUncertified { price_above, kept } => write!(
                f,
                "above {} mentee x mentor pairs the advice prices every pair with the duals \
                 of the priced match, and {} (raise --price-above for advice.csv)",
                price_above,
                if kept {
                    "they do not certify the roster, or cannot price a typical mentor's \
                     pairs in a part too large to solve again"
                } else {
                    "this match kept none (it priced no pairs)"
                }
            ),
            NoAdvice::RosterUnproven => write!(
                f,
                "under these rules the advice re-solves the match, which needs a roster proven \
                 optimal"
            ),
            NoAdvice::ResolveOverBudget { work, budget } => write!(
                f,
                "under these rules the advice re-solves the match once per mentor and per \
                 unit slot, up to {:.1} million mentee x mentor pairs times re-solves; this \
                 cohort needs {:.1} million",
                million(budget),
                million(work)
            ),
            NoAdvice::ResolveUnproven => write!(
                f,
                "under these rules the advice re-solves the match, and a re-solve was not proven \
                 optimal"
            ),
        }
    }
}

/// The advice on a roster, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The advice.
    Given(Advice),
    /// No advice, and why.
    NotComputed(NoAdvice),
}

impl Outcome {
    /// The advice, when it was computed.
    pub fn advice(&self) -> Option<&Advice> {
        match self {
            Outcome::Given(a) => Some(a),
            Outcome::NotComputed(_) => None,
        }
    }

    /// The advice, when it was computed.
    pub fn into_advice(self) -> Option<Advice> {
        match self {
            Outcome::Given(a) => Some(a),
            Outcome::NotComputed(_) => None,
        }
    }

    /// Why no advice was computed (`None` when it was).
    pub fn reason(&self) -> Option<NoAdvice> {
        match self {
            Outcome::Given(_) => None,
            Outcome::NotComputed(r) => Some(*r),
        }
    }
}

/// The methods of the advice, each giving exact values where it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceMethod {
    /// From the residual graph of the plain assignment's optimum ([`advise`]).
    Exact,
    /// From the duals the match kept, every pair priced once ([`advise_certified`]).
    Certified,
    /// From the rules' network problem, with its duals where the match kept them
    /// ([`advise_ruled`]).
    Ruled,
    /// The relaxation under unit shares searched again per change ([`advise_shares`]).
    Shares,
    /// The match solved again per change ([`advise_resolving`]).
    Resolve,
}

/// The advice methods a roster of this plan gets, in the order they are tried (each next
/// one only when the one before gives none), and the reason given when none gives advice
/// (`None` when the last one always gives it or gives its own reason).
///
/// - Unit shares without minimums: the relaxation's search at any size, then (within
///   `price_above`) the re-solves; the reason is the search's.
/// - Above `price_above` with rules: [`advise_ruled`] where the match kept the duals of
///   its rules' network (or per scope, or under the fair objective with minimums, whose
///   probes solve level by level as the match did).
/// - Above `price_above` without rules: the priced match's duals.
/// - Within `price_above` with rules: [`advise_ruled`], then the re-solves.
/// - Within `price_above` without rules: the match's duals where it kept them, else the
///   exact values of [`advise`].
pub fn advice_methods(
    cohort: &Cohort,
    plan: &Plan,
    settings: &Settings,
    roster: &Roster,
) -> (Vec<AdviceMethod>, Option<NoAdvice>) {
    use AdviceMethod::*;
    if plan.share_search() {
        return if plan.large {
            (vec![Shares], None)
        } else {
            (vec![Shares, Resolve], None)
        };
    }
    let certificates = roster.certificate.is_some() || !roster.scope_certificates.is_empty();
    match (plan.large, plan.rules) {
        (true, true) => {
            let reason = if plan.shares {
                NoAdvice::LargeShares {
                    price_above: settings.solver.price_above,
                    work: resolve_work(cohort, settings, roster),
                }
            } else {
                NoAdvice::LargeRulesWithoutDuals {
                    price_above: settings.solver.price_above,
                }
            };
            let duals =
                roster.rules_certificate.is_some() || plan.by_scope || plan.fair_with_minimums();
            (if duals { vec![Ruled] } else { Vec::new() }, Some(reason))
        }
        (true, false) => (
            vec![Certified],
            Some(NoAdvice::LargeUncertified {
                price_above: settings.solver.price_above,
                kept: certificates,
            }),
        ),
        (false, true) => (vec![Ruled, Resolve], None),
        (false, false) if certificates => (vec![Certified, Exact], None),
        (false, false) => (vec![Exact], None),
    }
}

/// The advice on a roster of `plan` (made for this cohort and settings): the methods of
/// [`advice_methods`] tried in order.
pub fn advise_plan(
    cohort: &Cohort,
    settings: &Settings,
    plan: &Plan,
    roster: &Roster,
) -> Result<Outcome> {
    let (methods, reason) = advice_methods(cohort, plan, settings, roster);
    // The first reason a method gives of its own (under unit shares the search's, even
    // when the re-solves were tried after it); the methods that give none leave the plan's.
    let mut first_reason = None;
    for method in methods {
        let (advice, why) = match method {
            AdviceMethod::Exact => (Some(advise(cohort, settings, roster)?), None),
            AdviceMethod::Certified => (advise_certified(cohort, settings, roster)?, None),
            AdviceMethod::Ruled => (advise_ruled(cohort, settings, roster)?, None),
            AdviceMethod::Shares => split(shares_outcome(cohort, settings, roster)?),
            AdviceMethod::Resolve => split(resolving_outcome(cohort, settings, roster)?),
        };
        if let Some(advice) = advice {
            return Ok(Outcome::Given(advice));
        }
        if first_reason.is_none() {
            first_reason = why;
        }
    }
    let why = reason
        .or(first_reason)
        .expect("every route without advice ends with a reason");
    Ok(Outcome::NotComputed(why))
}

fn split(outcome: Outcome) -> (Option<Advice>, Option<NoAdvice>) {
    match outcome {
        Outcome::Given(a) => (Some(a), None),
        Outcome::NotComputed(why) => (None, Some(why)),
    }
}

/// The advice on a roster under the settings, whatever they hold (see [`advice_methods`]);
/// `None` where no method gives it ([`advise_plan`] says why).
pub fn advise_any(cohort: &Cohort, settings: &Settings, roster: &Roster) -> Result<Option<Advice>> {
    let plan = Plan::new(cohort, settings);
    advise_plan(cohort, settings, &plan, roster).map(Outcome::into_advice)
}
