//! The widest alternating paths from the unmatched mentees, and augmenting along them: how
//! far the threshold can rise with slots added, over one interval of the count.

use crate::solve::slots::{holdings, mentor_node, ADDED, NONE};
use crate::solve::Problem;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// An `f64` width ordered for the heap (widest first, then the lowest node).
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Width(f64, usize);

impl Eq for Width {}

impl PartialOrd for Width {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Width {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

/// A matching of the problem, with an added mentor's slots (node `m`, capacity 0 when
/// none).
#[derive(Debug, Clone)]
pub(super) struct Flow {
    /// Per mentee: its edge, [`NONE`] or [`ADDED`].
    used: Vec<usize>,
    /// Per mentor node (the added one last): its mentees.
    held: Vec<Vec<u32>>,
    /// Per mentor node: its capacity.
    capacity: Vec<u32>,
}

impl Flow {
    pub(super) fn new(problem: &Problem, edge_of: &[Option<usize>], added_capacity: u32) -> Flow {
        let (used, held) = holdings(problem, edge_of, problem.n_mentors() + 1);
        let mut capacity = problem.capacity.clone();
        capacity.push(added_capacity);
        Flow {
            used,
            held,
            capacity,
        }
    }
}

/// The widest alternating paths from the unmatched mentees.
pub(super) struct Widest {
    /// Per node (mentees, mentors, the added mentor): the width of its widest path
    /// (`-inf` when not reached above the floor).
    pub(super) width: Vec<f64>,
    /// Per node: the node and edge it was reached along.
    pred: Vec<(usize, usize)>,
    /// The first mentor node with a free slot reached (the widest augmenting path's end),
    /// when the search stops at one.
    sink: Option<usize>,
}

/// The arcs of the scoring side: the pairs' scores (the threshold's measure) and the added
/// mentor's pairs, by mentee.
pub(super) struct Arcs<'a> {
    pub(super) problem: &'a Problem,
    pub(super) base: &'a [f64],
    pub(super) added: Option<&'a [Option<f64>]>,
}

impl Arcs<'_> {
    fn score(&self, mentee: usize, edge: usize) -> f64 {
        if edge == ADDED {
            self.added.and_then(|a| a[mentee]).expect("an added pair")
        } else {
            self.base[edge]
        }
    }

    /// Widest-path search (a path's width is its lowest score) from the unmatched mentees,
    /// keeping only paths wider than `floor`; with `to_sink`, stops at the first mentor node
    /// with a free slot.
    ///
    /// Complexity: `O(E log V)`.
    pub(super) fn widest(&self, flow: &Flow, floor: f64, to_sink: bool) -> Widest {
        let p = self.problem;
        let n = p.n_mentees();
        let nodes = n + p.n_mentors() + 1;
        let mut w = Widest {
            width: vec![f64::NEG_INFINITY; nodes],
            pred: vec![(NONE, NONE); nodes],
            sink: None,
        };
        let mut done = vec![false; nodes];
        let mut heap = BinaryHeap::new();
        for (i, &e) in flow.used.iter().enumerate() {
            if e == NONE {
                w.width[i] = f64::INFINITY;
                heap.push(Width(f64::INFINITY, i));
            }
        }
        while let Some(Width(width, u)) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            let mut relax = |v: usize, from: (usize, usize), score: f64, w: &mut Widest| {
                let nw = width.min(score);
                if nw > floor && nw > w.width[v] && !done[v] {
                    w.width[v] = nw;
                    w.pred[v] = from;
                    heap.push(Width(nw, v));
                }
            };
            if u < n {
                let own = flow.used[u];
                for e in p.edges(u) {
                    if e != own {
                        relax(n + p.mentor[e] as usize, (u, e), self.base[e], &mut w);
                    }
                }
                if let Some(s) = self.added.and_then(|a| a[u]) {
                    if own != ADDED {
                        relax(n + p.n_mentors(), (u, ADDED), s, &mut w);
                    }
                }
            } else {
                let j = u - n;
                if to_sink && (flow.held[j].len() as u32) < flow.capacity[j] {
                    w.sink = Some(u);
                    return w;
                }
                for &i in &flow.held[j] {
                    let i = i as usize;
                    let e = flow.used[i];
                    relax(i, (u, e), self.score(i, e), &mut w);
                }
            }
        }
        w
    }

    /// Augments `flow` along the path the search found to `sink`.
    fn augment(&self, flow: &mut Flow, w: &Widest, sink: usize) {
        let n = self.problem.n_mentees();
        let mut t = sink;
        loop {
            let (i, e) = w.pred[t];
            let old = flow.used[i];
            flow.used[i] = e;
            flow.held[t - n].push(i as u32);
            if old == NONE {
                return;
            }
            let o = mentor_node(self.problem, old);
            let held = &mut flow.held[o - n];
            let at = held
                .iter()
                .position(|&k| k as usize == i)
                .expect("a held mentee");
            held.remove(at);
            t = o;
        }
    }

    /// The widths of the greedy widest augmenting paths, in turn, at most `k` of them, each
    /// wider than `floor`.
    pub(super) fn greedy(&self, mut flow: Flow, floor: f64, k: u32) -> Vec<f64> {
        let mut widths = Vec::new();
        for _ in 0..k {
            let w = self.widest(&flow, floor, true);
            let Some(sink) = w.sink else { break };
            widths.push(w.width[sink]);
            self.augment(&mut flow, &w, sink);
        }
        widths
    }
}
