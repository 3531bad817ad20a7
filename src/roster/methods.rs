//! The methods that solve one part of a match, as the plan chose them: the network method
//! (on every pair, or priced), the linear program, and the planner's rules.

use std::time::Instant;

use super::{capacities, diagnose, seconds, Continuity, Pair, Roster, Timings, Unmatched};
use crate::error::Result;
use crate::graph::{MatchGraph, ScoredPairs};
use crate::model::index::{GraphEdge, NodeOrder, ProblemEdge};
use crate::model::Cohort;
use crate::plan::Method;
use crate::rules::solve::Model;
use crate::rules::Rules;
use crate::score::Scorer;
use crate::settings::{Settings, SolverChoice};
use crate::solve::priced::{default_mentor_candidates, solve_priced};
use crate::solve::{self, Status};

/// Solves one part (`cohort` holds its people) with `method`. Under the rules, with
/// `strict` every id of the pairs file must be in this cohort, and `force` locks one more
/// pair (indices of this cohort) on top of them.
pub(super) fn solve_part(
    cohort: &Cohort,
    settings: &Settings,
    method: Method,
    strict: bool,
    force: Option<(usize, usize)>,
) -> Result<Roster> {
    match method {
        Method::Ruled(ruled) => match_ruled(cohort, settings, &ruled, strict, force),
        plain => match_plain(cohort, settings, plain),
    }
}

/// The match of one part without the planner's rules, by `method` (network, priced or
/// linear program).
fn match_plain(cohort: &Cohort, settings: &Settings, method: Method) -> Result<Roster> {
    let started = Instant::now();
    let scorer = Scorer::new(cohort, settings);
    let capacity = capacities(cohort, settings);
    let priced = method == Method::Priced;
    let mut certificate = None;
    let (graph, problem, solution, mentee_degree, eligible_pairs) = if priced {
        let pairs = ScoredPairs::new(cohort, &scorer);
        let (mentor_order, _) = crate::graph::canonical_orders(cohort);
        let node_capacity: Vec<u32> = mentor_order.iter().map(|&j| capacity[j]).collect();
        let p = solve_priced(
            &pairs,
            &node_capacity,
            settings.solver.candidates,
            &default_mentor_candidates,
        )?;
        let graph = MatchGraph::from_lists(cohort, &scorer, &p.candidates);
        certificate = Some(crate::solve::slots::Duals {
            costing: p.costing,
            mentee: p.solution.mentee_dual.clone(),
            mentor: p.solution.mentor_dual.clone(),
        });
        let detail = format!(
            "{}; {} candidate pairs per mentee, {} priced in over {} round{}",
            p.solution.detail,
            settings.solver.candidates,
            p.added,
            p.rounds,
            if p.rounds == 1 { "" } else { "s" }
        );
        let solution = solve::Solution::from_edges(
            &p.problem,
            p.solution.edge_of,
            Status::Optimal,
            SolverChoice::Network,
            detail,
        );
        (
            graph,
            p.problem,
            solution,
            p.mentee_degree,
            p.eligible_pairs,
        )
    } else {
        let graph = MatchGraph::build(cohort, &scorer);
        let problem = graph.problem(&capacity);
        let solution = if method == Method::Network {
            // The network method's own solve, with its duals kept for the advice.
            let (edge_of, detail, duals) = crate::solve::slots::Duals::solve(&problem)?;
            certificate = Some(duals);
            solve::Solution::from_edges(
                &problem,
                edge_of,
                Status::Optimal,
                SolverChoice::Network,
                detail,
            )
        } else {
            solve::solve(&problem, SolverChoice::Lp)?
        };
        let degree = (0..problem.n_mentees())
            .map(|k| problem.edges(k).len())
            .collect();
        let eligible = graph.pair_count();
        (graph, problem, solution, degree, eligible)
    };
    debug_assert_eq!(problem.n_edges(), graph.pair_count());
    let solve_time = started.elapsed();

    let mut pairs = vec![None; cohort.mentees.len()];
    let mut unmatched = vec![None; cohort.mentees.len()];
    let mut load = vec![0u32; cohort.mentors.len()];
    for (k, &i) in graph.mentee_order.iter().enumerate() {
        match solution.edge_of[k] {
            Some(e) => {
                // A problem of the whole graph: problem edge `e` is graph edge `e`.
                let (mentor, score) = graph.pair(GraphEdge(e));
                load[mentor] += 1;
                pairs[i] = Some(Pair { mentor, score });
            }
            None if mentee_degree[k] == 0 => unmatched[i] = Some(Unmatched::NoEligibleMentor),
            None => unmatched[i] = Some(Unmatched::EligibleMentorsFull),
        }
    }
    Ok(Roster {
        pairs,
        unmatched,
        capacity,
        load,
        eligible_pairs,
        graph_pairs: graph.pair_count(),
        status: solution.status,
        method: solution.method,
        solver_detail: solution.detail,
        timings: Timings {
            solve_seconds: seconds(solve_time),
        },
        continuity: None,
        findings: Vec::new(),
        certificate,
        scope_certificates: Vec::new(),
        rules_certificate: None,
        scope_rules_certificates: Vec::new(),
    })
}

/// The match of one cohort (or one part of one) under the planner's rules, by `method`, the
/// rules' method the plan chose for it. With `strict`,
/// every id of the pairs file must be in this cohort; `force` locks one more pair (file
/// indices) on top of the rules.
fn match_ruled(
    cohort: &Cohort,
    settings: &Settings,
    method: &crate::plan::RuledMethod,
    strict: bool,
    force: Option<(usize, usize)>,
) -> Result<Roster> {
    let started = Instant::now();
    let scorer = Scorer::new(cohort, settings);
    let mut rules = Rules::new(cohort, settings, &scorer, strict)?;
    if let Some((i, j)) = force {
        rules.force(i, j);
    }
    let graph = MatchGraph::build_filtered(cohort, &scorer, |i, j| rules.blocked(i, j).is_none());
    let model = Model::new(&graph, &rules);
    let outcome = model.solve(method, &settings.solver)?;
    let solve_time = started.elapsed();

    let n = cohort.mentees.len();
    let mut pairs = vec![None; n];
    let mut load = vec![0u32; cohort.mentors.len()];
    let mut place = |k: NodeOrder, e: GraphEdge| {
        let (mentor, score) = graph.pair(e);
        load[mentor] += 1;
        pairs[graph.mentee_file(k)] = Some(Pair { mentor, score });
    };
    for &(k, e) in &model.locked {
        place(k, e);
    }
    for (pi, &k) in model.mentee_node.iter().enumerate() {
        if let Some(pe) = outcome.edge_of[pi] {
            place(k, model.graph_edge_of(ProblemEdge(pe)));
        }
    }
    let mut unmatched = vec![None; n];
    for (k, &i) in graph.mentee_order.iter().enumerate() {
        if pairs[i].is_some() {
            continue;
        }
        let mut edges = graph.edges_of(NodeOrder(k)).peekable();
        let none = edges.peek().is_none();
        let room = edges.any(|e| {
            let j = graph.pair(e).0;
            load[j] < rules.capacity[j]
        });
        unmatched[i] = Some(if none {
            Unmatched::NoEligibleMentor
        } else if outcome.status == Status::Infeasible {
            Unmatched::RulesCannotHold
        } else if room {
            Unmatched::UnitShareRule
        } else {
            Unmatched::EligibleMentorsFull
        });
    }
    let continuity = rules.previous_rows.map(|_| {
        let mut c = Continuity::default();
        for (i, prev) in rules.previous.iter().enumerate() {
            if let Some(j) = prev {
                c.previous_pairs += 1;
                if pairs[i].map(|p| p.mentor) == Some(*j) {
                    c.kept += 1;
                } else {
                    c.changed += 1;
                }
            }
        }
        c
    });
    let mut roster = Roster {
        pairs,
        unmatched,
        capacity: rules.capacity.clone(),
        load,
        eligible_pairs: graph.pair_count(),
        graph_pairs: graph.pair_count(),
        status: outcome.status,
        method: outcome.method,
        solver_detail: outcome.detail,
        timings: Timings {
            solve_seconds: seconds(solve_time),
        },
        continuity,
        findings: Vec::new(),
        certificate: None,
        scope_certificates: Vec::new(),
        rules_certificate: outcome.duals,
        scope_rules_certificates: Vec::new(),
    };
    // Under `same_scope_only` this cohort is one scope's part: its units live in it.
    let scope = settings
        .eligibility
        .same_scope_only
        .then(|| cohort.mentees.first().and_then(|m| m.scope.as_deref()))
        .flatten()
        .map(|s| crate::model::Spellings::of(cohort, true).scope(s));
    roster.findings = diagnose::findings(cohort, &rules, &graph, &roster, scope.as_deref());
    Ok(roster)
}
