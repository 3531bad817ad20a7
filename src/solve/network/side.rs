//! One side's view of the bipartite network: the placing side (mentees, or mentor slots)
//! and its arcs to the receiving side, in CSR form.

use crate::solve::Problem;

/// One side's view of the bipartite network, in CSR form.
pub(super) struct Side {
    /// Units each placing node must ship (capped at its degree).
    pub(super) supply: Vec<u32>,
    /// Capacity of each receiving node.
    pub(super) cap: Vec<u32>,
    pub(super) offsets: Vec<usize>,
    /// Receiving node of each arc.
    pub(super) head: Vec<u32>,
    /// Placing node of each arc.
    pub(super) tail: Vec<u32>,
    pub(super) cost: Vec<i64>,
    /// Problem edge index of each arc.
    pub(super) edge: Vec<usize>,
}

pub(super) fn mentee_side(problem: &Problem, cost: &[i64], full_degree: &[usize]) -> Side {
    let n = problem.n_mentees();
    let mut tail = Vec::with_capacity(problem.n_edges());
    for i in 0..n {
        tail.extend(problem.edges(i).map(|_| i as u32));
    }
    Side {
        supply: full_degree.iter().map(|&d| u32::from(d > 0)).collect(),
        cap: problem.capacity.clone(),
        offsets: problem.offsets.clone(),
        head: problem.mentor.clone(),
        tail,
        cost: cost.to_vec(),
        edge: (0..problem.n_edges()).collect(),
    }
}

pub(super) fn mentor_side(
    problem: &Problem,
    cost: &[i64],
    degree: &[usize],
    full_degree: &[usize],
) -> Side {
    let m = problem.n_mentors();
    let mut offsets = Vec::with_capacity(m + 1);
    offsets.push(0);
    for d in degree {
        offsets.push(offsets.last().copied().unwrap_or(0) + d);
    }
    let e = problem.n_edges();
    let mut next = offsets[..m].to_vec();
    let (mut head, mut tail, mut arc_cost, mut edge) =
        (vec![0u32; e], vec![0u32; e], vec![0i64; e], vec![0usize; e]);
    for i in 0..problem.n_mentees() {
        for pe in problem.edges(i) {
            let j = problem.mentor[pe] as usize;
            let a = next[j];
            next[j] += 1;
            head[a] = i as u32;
            tail[a] = j as u32;
            arc_cost[a] = cost[pe];
            edge[a] = pe;
        }
    }
    Side {
        supply: (0..m)
            .map(|j| (problem.capacity[j] as usize).min(full_degree[j]) as u32)
            .collect(),
        cap: vec![1; problem.n_mentees()],
        offsets,
        head,
        tail,
        cost: arc_cost,
        edge,
    }
}
