//! The bipartite graph of eligible pairs, built with petgraph.
//!
//! Mentor nodes come first, then mentee nodes, each side in the order of their ids, so that
//! reordering the rows of an input file changes nothing downstream. Each edge is an eligible
//! pair and carries its score and its breakdown. Edges are added mentee by mentee, so the
//! edges of one mentee have consecutive indices: [`MatchGraph::problem`] turns the graph into
//! the compact [`Problem`] the solvers work on without copying it pair by pair in a new order.

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

use crate::model::index::{GraphEdge, NodeOrder};
use crate::model::Cohort;
use crate::score::{PairScore, Scorer};
use crate::solve::priced::PairSource;
use crate::solve::Problem;

/// A node of the graph: a mentor or a mentee, by its index in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A mentor (index into [`Cohort::mentors`]).
    Mentor(usize),
    /// A mentee (index into [`Cohort::mentees`]).
    Mentee(usize),
}

/// The eligible pairs of a cohort.
#[derive(Debug, Clone)]
pub struct MatchGraph {
    /// The graph: nodes are people, edges eligible pairs weighted by their score.
    pub graph: UnGraph<Node, PairScore>,
    /// File index of each mentor, in node order (sorted by id).
    pub mentor_order: Vec<usize>,
    /// File index of each mentee, in node order (sorted by id).
    pub mentee_order: Vec<usize>,
    /// Start of each mentee's edges (in node order); one more entry than mentees.
    pub mentee_edges: Vec<usize>,
}

impl MatchGraph {
    /// Scores every pair (in parallel) and keeps the eligible ones as edges.
    pub fn build(cohort: &Cohort, scorer: &Scorer) -> MatchGraph {
        MatchGraph::build_filtered(cohort, scorer, |_, _| true)
    }

    /// Like [`MatchGraph::build`], keeping only the eligible pairs `keep(mentee, mentor)`
    /// accepts (file indices): the planner's rules remove pairs this way.
    pub fn build_filtered(
        cohort: &Cohort,
        scorer: &Scorer,
        keep: impl Fn(usize, usize) -> bool + Sync,
    ) -> MatchGraph {
        let (mentor_order, mentee_order) = canonical_orders(cohort);
        let lists: Vec<Vec<(u32, PairScore)>> = mentee_order
            .par_iter()
            .map(|&i| {
                mentor_order
                    .iter()
                    .enumerate()
                    .filter(|&(_, &j)| scorer.eligible(i, j) && keep(i, j))
                    .map(|(k, &j)| (k as u32, scorer.score(i, j)))
                    .collect()
            })
            .collect();
        MatchGraph::assemble(mentor_order, mentee_order, lists)
    }

    /// A graph of chosen pairs only: `lists[k]` holds the mentors (node order) of the k-th
    /// mentee in node order, as [`ScoredPairs`] numbers them.
    pub fn from_lists(cohort: &Cohort, scorer: &Scorer, lists: &[Vec<(u32, f64)>]) -> MatchGraph {
        let (mentor_order, mentee_order) = canonical_orders(cohort);
        let scored: Vec<Vec<(u32, PairScore)>> = lists
            .par_iter()
            .zip(&mentee_order)
            .map(|(list, &i)| {
                list.iter()
                    .map(|&(c, _)| (c, scorer.score(i, mentor_order[c as usize])))
                    .collect()
            })
            .collect();
        MatchGraph::assemble(mentor_order, mentee_order, scored)
    }

    fn assemble(
        mentor_order: Vec<usize>,
        mentee_order: Vec<usize>,
        lists: Vec<Vec<(u32, PairScore)>>,
    ) -> MatchGraph {
        let n_edges: usize = lists.iter().map(Vec::len).sum();
        let mut graph = UnGraph::with_capacity(mentor_order.len() + mentee_order.len(), n_edges);
        for &j in &mentor_order {
            graph.add_node(Node::Mentor(j));
        }
        let mut mentee_edges = Vec::with_capacity(mentee_order.len() + 1);
        mentee_edges.push(0);
        for (k, (&i, list)) in mentee_order.iter().zip(lists).enumerate() {
            let node = graph.add_node(Node::Mentee(i));
            debug_assert_eq!(node.index(), mentor_order.len() + k);
            for (mentor, pair) in list {
                graph.add_edge(NodeIndex::new(mentor as usize), node, pair);
            }
            mentee_edges.push(graph.edge_count());
        }
        MatchGraph {
            graph,
            mentor_order,
            mentee_order,
            mentee_edges,
        }
    }

    /// The graph edges of a mentee (node order), consecutive.
    pub fn edges_of(&self, k: NodeOrder) -> impl Iterator<Item = GraphEdge> {
        (self.mentee_edges[k.get()]..self.mentee_edges[k.get() + 1]).map(GraphEdge)
    }

    /// The file index of a mentee (node order).
    pub fn mentee_file(&self, k: NodeOrder) -> usize {
        self.mentee_order[k.get()]
    }

    /// Number of eligible pairs.
    pub fn pair_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The solver's view: mentees and mentors in node order, with the given capacity per
    /// mentor (indexed by the mentor's file index). Problem edge `e` is graph edge `e`.
    pub fn problem(&self, capacity_by_file_index: &[u32]) -> Problem {
        let m = self.mentor_order.len();
        Problem {
            capacity: self
                .mentor_order
                .iter()
                .map(|&j| capacity_by_file_index[j])
                .collect(),
            offsets: self.mentee_edges.clone(),
            mentor: self
                .graph
                .raw_edges()
                .iter()
                .map(|e| e.source().index() as u32)
                .inspect(|&j| debug_assert!((j as usize) < m))
                .collect(),
            score: self
                .graph
                .raw_edges()
                .iter()
                .map(|e| e.weight.score)
                .collect(),
        }
    }

    /// The pair (mentor file index, score) of graph edge `e`.
    pub fn pair(&self, e: GraphEdge) -> (usize, PairScore) {
        let edge = &self.graph.raw_edges()[e.get()];
        let mentor = match self.graph[edge.source()] {
            Node::Mentor(j) => j,
            Node::Mentee(_) => unreachable!("edges run from a mentor to a mentee"),
        };
        (mentor, edge.weight)
    }
}

/// File indices of mentors and of mentees in node order (sorted by id).
pub fn canonical_orders(cohort: &Cohort) -> (Vec<usize>, Vec<usize>) {
    (
        order_by(cohort.mentors.iter().map(|m| m.id.as_str())),
        order_by(cohort.mentees.iter().map(|m| m.id.as_str())),
    )
}

/// Every eligible pair of a cohort, scored on demand in node order: the pricing step's view,
/// which never holds all pairs in memory.
pub struct ScoredPairs<'a> {
    scorer: &'a Scorer,
    mentor_order: Vec<usize>,
    mentee_order: Vec<usize>,
}

impl<'a> ScoredPairs<'a> {
    /// The pairs of a cohort under a scorer.
    pub fn new(cohort: &Cohort, scorer: &'a Scorer) -> ScoredPairs<'a> {
        let (mentor_order, mentee_order) = canonical_orders(cohort);
        ScoredPairs {
            scorer,
            mentor_order,
            mentee_order,
        }
    }
}

impl PairSource for ScoredPairs<'_> {
    fn n_mentees(&self) -> usize {
        self.mentee_order.len()
    }
    fn n_mentors(&self) -> usize {
        self.mentor_order.len()
    }
    fn pairs(&self, mentee: usize, f: &mut dyn FnMut(u32, f64)) {
        let i = self.mentee_order[mentee];
        for (c, &j) in self.mentor_order.iter().enumerate() {
            if self.scorer.eligible(i, j) {
                f(c as u32, self.scorer.score(i, j).score);
            }
        }
    }
    fn mentor_pairs(&self, mentor: usize, f: &mut dyn FnMut(u32, f64)) {
        let j = self.mentor_order[mentor];
        for (k, &i) in self.mentee_order.iter().enumerate() {
            if self.scorer.eligible(i, j) {
                f(k as u32, self.scorer.score(i, j).score);
            }
        }
    }
}

/// Indices 0..n sorted by key (ties keep file order).
fn order_by<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let keys: Vec<&str> = keys.collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(keys[b]));
    order
}
