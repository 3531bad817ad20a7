//! Exact min-cost flow for the assignment, by successive shortest paths with potentials.
//!
//! The network: every unit of the *placing side* ships to the *receiving side* along an
//! eligible pair (cost from the score) or to its own "unmatched" arc (cost `M`). Placing the
//! side with fewer units keeps the work small: mentees (1 unit each) into mentors (capacity),
//! or mentor slots into mentees (capacity 1).
//!
//! Costs are integers: `round((s_max - s) · 10⁹)` for a pair with score `s`, so all are ≥ 0,
//! and `M = units · R + 1` with `R` the largest pair cost. Any roster that matches one more
//! mentee is therefore cheaper than any that matches fewer, and among rosters with the same
//! count the cheapest has the highest total score: the lexicographic objective.
//!
//! The method is primal-dual: a greedy start places every unit that can go along its
//! cheapest pair (potential of the placing node = minus that cost, so all reduced costs stay
//! `>= 0`); then each *phase* runs one Dijkstra search on reduced costs from all unplaced
//! units at once, stopping when the sink is settled, moves the potentials of the settled
//! nodes by `d - d_sink` (the Jonker-Volgenant form), and places as many units as paths of
//! zero reduced cost allow, by depth-first search. Scores tie often (same unit, same
//! workload, gaps fully covered), and one phase then places many units. Throughout, every
//! residual arc keeps a reduced cost `>= 0`; once all units are placed, that is the LP
//! duality certificate of optimality, and it is verified in `O(E)` before the answer is
//! returned.
//!
//! Complexity: `O(U · E log V)` in the worst case for `U` units (one unit per phase), far
//! less in practice.
//! Ties are broken by node index, so a problem gives one answer whatever the thread count.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Problem;
use crate::error::{Error, Result};

/// Resolution of the integer costs: scores that differ by less than 1e-9 count as equal
/// (coarser only when `units × score spread` would not fit 64-bit arithmetic, see
/// [`cost_scale`]).
pub const COST_SCALE: f64 = 1e9;

/// The largest "unmatched" cost allowed, leaving room for path lengths and potentials in i64.
const MAX_BIG_M: f64 = (1u64 << 60) as f64;

/// The scale turning scores into integer costs: [`COST_SCALE`], or less when
/// `units × spread × scale` would pass 2^60.
pub fn cost_scale(units: u64, spread: f64) -> f64 {
    let need = (units as f64 + 1.0) * spread.max(0.0) * 4.0;
    if need * COST_SCALE <= MAX_BIG_M {
        COST_SCALE
    } else {
        MAX_BIG_M / need
    }
}

/// One side's view of the bipartite network, in CSR form.
struct Side {
    /// Units each placing node must ship (capped at its degree).
    supply: Vec<u32>,
    /// Capacity of each receiving node.
    cap: Vec<u32>,
    offsets: Vec<usize>,
    /// Receiving node of each arc.
    head: Vec<u32>,
    /// Placing node of each arc.
    tail: Vec<u32>,
    cost: Vec<i64>,
    /// Problem edge index of each arc.
    edge: Vec<usize>,
}

/// How scores become integer costs: `cost = round((s_max - s) · scale)`, so every cost is
/// `>= 0` and the best score costs 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Costing {
    /// The highest score of any pair considered.
    pub s_max: f64,
    /// Cost units per unit of score (see [`cost_scale`]).
    pub scale: f64,
    /// Cost of a unit left unmatched: `units · cost(s_min) + 1`, more than any difference in
    /// total pair cost, which makes the objective lexicographic.
    pub big_m: i64,
}

impl Costing {
    /// The costing for scores in `[s_min, s_max]` with at most `units` units to place.
    pub fn new(s_min: f64, s_max: f64, units: u64) -> Costing {
        if s_max < s_min {
            return Costing {
                s_max: 0.0,
                scale: COST_SCALE,
                big_m: 1,
            };
        }
        let scale = cost_scale(units, s_max - s_min);
        let range = ((s_max - s_min) * scale).round() as i64;
        Costing {
            s_max,
            scale,
            big_m: (units as i64).saturating_mul(range).saturating_add(1),
        }
    }

    /// The costing of a problem's own pairs.
    pub fn for_problem(problem: &Problem) -> Costing {
        let s_max = problem
            .score
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let s_min = problem.score.iter().copied().fold(f64::INFINITY, f64::min);
        let units = problem
            .n_mentees()
            .max(problem.capacity.iter().map(|&c| c as usize).sum());
        Costing::new(s_min, s_max, units as u64)
    }

    /// The integer cost of a pair with this score.
    pub fn cost(&self, score: f64) -> i64 {
        ((self.s_max - score) * self.scale).round() as i64
    }
}

/// The answer of the network method with its dual values.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkSolution {
    /// Per mentee, the chosen edge of the problem, or `None`.
    pub edge_of: Vec<Option<usize>>,
    /// A short account of the work.
    pub detail: String,
    /// Dual value `a_i` per mentee.
    pub mentee_dual: Vec<i64>,
    /// Dual value `b_j` per mentor. Together with [`NetworkSolution::mentee_dual`]: every
    /// pair without flow has `cost_ij + a_i + b_j >= 0` (checked), and every pair not in the
    /// problem with that property could not improve the roster either.
    pub mentor_dual: Vec<i64>,
}

/// Full degrees of a problem whose pairs are a subset of all eligible pairs: how many
/// eligible mentors each mentee has, and how many eligible mentees each mentor has.
#[derive(Debug, Clone, Copy)]
pub struct FullDegrees<'a> {
    /// Eligible mentors per mentee.
    pub mentee: &'a [usize],
    /// Eligible mentees per mentor.
    pub mentor: &'a [usize],
}

/// Solves the problem; returns per mentee its chosen edge, and a short account of the work.
pub fn solve(problem: &Problem) -> Result<(Vec<Option<usize>>, String)> {
    let s = solve_with(problem, Costing::for_problem(problem), None)?;
    Ok((s.edge_of, s.detail))
}

/// Solves the problem with a given costing. When the problem holds only some of the
/// eligible pairs, `full` gives the degrees in the full graph, so that every unit that could
/// be placed there is placed here (on its "unmatched" arc if need be) and the duals can
/// price the pairs left out.
pub fn solve_with(
    problem: &Problem,
    costing: Costing,
    full: Option<FullDegrees<'_>>,
) -> Result<NetworkSolution> {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    let cost: Vec<i64> = problem.score.iter().map(|&s| costing.cost(s)).collect();

    let mut mentor_degree = vec![0usize; m];
    for &j in &problem.mentor {
        mentor_degree[j as usize] += 1;
    }
    let mentee_degree: Vec<usize> = (0..n).map(|i| problem.edges(i).len()).collect();
    let (mentee_full, mentor_full) = match full {
        Some(f) => (f.mentee, f.mentor),
        None => (&mentee_degree[..], &mentor_degree[..]),
    };
    let mentee_units: u64 = mentee_full.iter().filter(|&&d| d > 0).count() as u64;
    let slot_units: u64 = (0..m)
        .map(|j| (problem.capacity[j] as usize).min(mentor_full[j]) as u64)
        .sum();

    let (side, mentees_place) = if mentee_units <= slot_units {
        (mentee_side(problem, &cost, mentee_full), true)
    } else {
        (
            mentor_side(problem, &cost, &mentor_degree, mentor_full),
            false,
        )
    };
    let mut flow = Flow::new(&side, costing.big_m);
    let mut placed = flow.greedy_start(&side);
    let greedy = placed.iter().map(|&p| p as u64).sum::<u64>();
    let mut augmentations = 0u64;
    let mut phases = 0u64;
    loop {
        let sources: Vec<u32> = (0..side.supply.len() as u32)
            .filter(|&u| placed[u as usize] < side.supply[u as usize])
            .collect();
        if sources.is_empty() {
            break;
        }
        flow.search(&side, &sources);
        let done = flow.phase(&side, &mut placed, &sources);
        if done == 0 {
            return Err(Error::Solver(
                "a phase found no path of zero reduced cost".into(),
            ));
        }
        augmentations += done;
        phases += 1;
    }
    flow.certify(&side).map_err(Error::Solver)?;

    let mut edge_of = vec![None; n];
    for (arc, &on) in flow.on.iter().enumerate() {
        if on {
            let e = side.edge[arc];
            let mentee = if mentees_place {
                side.tail[arc] as usize
            } else {
                side.head[arc] as usize
            };
            edge_of[mentee] = Some(e);
        }
    }
    let (mentee_dual, mentor_dual) = if mentees_place {
        (
            flow.pot_place.clone(),
            flow.pot_receive.iter().map(|p| -p).collect(),
        )
    } else {
        (
            flow.pot_receive.iter().map(|p| -p).collect(),
            flow.pot_place.clone(),
        )
    };
    let detail =
        format!(
        "placed {} {}: {greedy} on their best pair, {augmentations} along shortest paths in {phases} phases",
        if mentees_place { mentee_units } else { slot_units },
        if mentees_place { "mentees" } else { "mentor slots" },
    );
    Ok(NetworkSolution {
        edge_of,
        detail,
        mentee_dual,
        mentor_dual,
    })
}

fn mentee_side(problem: &Problem, cost: &[i64], full_degree: &[usize]) -> Side {
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

fn mentor_side(problem: &Problem, cost: &[i64], degree: &[usize], full_degree: &[usize]) -> Side {
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

/// A node of the search: placing node, receiving node, or the sink.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Node {
    Place(u32),
    Receive(u32),
    Sink,
}

/// A step of the depth-first search for a path of zero reduced cost.
#[derive(Clone, Copy, Debug)]
enum Frame {
    /// At a placing node, entered backwards along an arc with flow (none for the start).
    Place { u: u32, entered_by: Option<usize> },
    /// At a receiving node, entered along an arc without flow; `next` is the next held arc
    /// to try.
    Receive {
        v: u32,
        entered_by: usize,
        next: usize,
    },
}

struct Flow {
    /// Flow on each arc (0 or 1).
    on: Vec<bool>,
    /// Arcs with flow, per receiving node.
    held: Vec<Vec<usize>>,
    /// Units of each placing node sent to "unmatched".
    unmatched: Vec<u32>,
    big_m: i64,
    pot_place: Vec<i64>,
    pot_receive: Vec<i64>,
    pot_sink: i64,
    // search scratch, reset by generation stamps
    generation: u32,
    stamp_place: Vec<u32>,
    stamp_receive: Vec<u32>,
    dist_place: Vec<i64>,
    dist_receive: Vec<i64>,
    done_place: Vec<u32>,
    done_receive: Vec<u32>,
    // depth-first search scratch, reset by phase and search stamps
    phase_id: u32,
    dfs_id: u32,
    dead_place: Vec<u32>,
    dead_receive: Vec<u32>,
    seen_place: Vec<u32>,
    seen_receive: Vec<u32>,
    cur_place: Vec<usize>,
    cur_stamp: Vec<u32>,
    stack: Vec<Frame>,
    heap: BinaryHeap<Reverse<(i64, Node)>>,
    settled: Vec<(Node, i64)>,
}

impl Flow {
    fn new(side: &Side, big_m: i64) -> Flow {
        let np = side.supply.len();
        let nr = side.cap.len();
        Flow {
            on: vec![false; side.head.len()],
            held: vec![Vec::new(); nr],
            unmatched: vec![0; np],
            big_m,
            pot_place: vec![0; np],
            pot_receive: vec![0; nr],
            pot_sink: 0,
            generation: 0,
            stamp_place: vec![0; np],
            stamp_receive: vec![0; nr],
            dist_place: vec![0; np],
            dist_receive: vec![0; nr],
            done_place: vec![0; np],
            done_receive: vec![0; nr],
            phase_id: 0,
            dfs_id: 0,
            dead_place: vec![0; np],
            dead_receive: vec![0; nr],
            seen_place: vec![0; np],
            seen_receive: vec![0; nr],
            cur_place: vec![0; np],
            cur_stamp: vec![0; np],
            stack: Vec::new(),
            heap: BinaryHeap::new(),
            settled: Vec::new(),
        }
    }

    /// Starts from the pairs no search is needed for: each placing node's potential is set to
    /// minus its cheapest arc cost (all reduced costs stay >= 0), and its units go along
    /// arcs of zero reduced cost into receiving nodes that still have room. The result is an
    /// optimal flow for the units placed, so the shortest-path phase may start from it.
    /// Returns the units placed per node.
    fn greedy_start(&mut self, side: &Side) -> Vec<u32> {
        let mut placed = vec![0u32; side.supply.len()];
        for (u, done) in placed.iter_mut().enumerate() {
            let arcs = side.offsets[u]..side.offsets[u + 1];
            let Some(cheapest) = side.cost[arcs.clone()].iter().copied().min() else {
                continue;
            };
            self.pot_place[u] = -cheapest;
            for arc in arcs {
                if *done == side.supply[u] {
                    break;
                }
                let v = side.head[arc] as usize;
                if side.cost[arc] == cheapest && (self.held[v].len() as u32) < side.cap[v] {
                    self.take_arc(side, arc);
                    *done += 1;
                }
            }
        }
        placed
    }

    fn dist_place(&self, u: usize) -> i64 {
        if self.stamp_place[u] == self.generation {
            self.dist_place[u]
        } else {
            i64::MAX
        }
    }

    fn dist_receive(&self, v: usize) -> i64 {
        if self.stamp_receive[v] == self.generation {
            self.dist_receive[v]
        } else {
            i64::MAX
        }
    }

    /// One Dijkstra search on reduced costs from every placing node in `sources` (each at
    /// distance 0) until the sink is settled; then potentials move by `d - d_sink` on the
    /// settled nodes, which keeps every residual reduced cost `>= 0` and makes the shortest
    /// paths found consist of arcs of reduced cost 0.
    fn search(&mut self, side: &Side, sources: &[u32]) {
        self.generation += 1;
        let generation = self.generation;
        self.heap.clear();
        self.settled.clear();
        for &start in sources {
            self.stamp_place[start as usize] = generation;
            self.dist_place[start as usize] = 0;
            self.heap.push(Reverse((0, Node::Place(start))));
        }
        let mut sink_dist = i64::MAX;

        while let Some(Reverse((d, node))) = self.heap.pop() {
            match node {
                Node::Sink => break,
                Node::Place(u) => {
                    let u = u as usize;
                    if self.done_place[u] == generation || d > self.dist_place(u) {
                        continue;
                    }
                    self.done_place[u] = generation;
                    self.settled.push((node, d));
                    let pu = self.pot_place[u];
                    let to_sink = d + self.big_m + pu - self.pot_sink;
                    if to_sink < sink_dist {
                        sink_dist = to_sink;
                        self.heap.push(Reverse((to_sink, Node::Sink)));
                    }
                    for arc in side.offsets[u]..side.offsets[u + 1] {
                        if self.on[arc] {
                            continue;
                        }
                        let v = side.head[arc] as usize;
                        if self.done_receive[v] == generation {
                            continue;
                        }
                        let reduced = side.cost[arc] + pu - self.pot_receive[v];
                        debug_assert!(reduced >= 0, "negative reduced cost on a forward arc");
                        let nd = d + reduced;
                        if nd < self.dist_receive(v) {
                            self.stamp_receive[v] = generation;
                            self.dist_receive[v] = nd;
                            self.heap.push(Reverse((nd, Node::Receive(v as u32))));
                        }
                    }
                }
                Node::Receive(v) => {
                    let v = v as usize;
                    if self.done_receive[v] == generation || d > self.dist_receive(v) {
                        continue;
                    }
                    self.done_receive[v] = generation;
                    self.settled.push((node, d));
                    let pv = self.pot_receive[v];
                    if (self.held[v].len() as u32) < side.cap[v] {
                        let to_sink = d + pv - self.pot_sink;
                        if to_sink < sink_dist {
                            sink_dist = to_sink;
                            self.heap.push(Reverse((to_sink, Node::Sink)));
                        }
                    }
                    for &arc in &self.held[v] {
                        let u = side.tail[arc] as usize;
                        if self.done_place[u] == generation {
                            continue;
                        }
                        let reduced = -(side.cost[arc]) + pv - self.pot_place[u];
                        debug_assert!(reduced >= 0, "negative reduced cost on a backward arc");
                        let nd = d + reduced;
                        if nd < self.dist_place(u) {
                            self.stamp_place[u] = generation;
                            self.dist_place[u] = nd;
                            self.heap.push(Reverse((nd, Node::Place(u as u32))));
                        }
                    }
                }
            }
        }

        // Potentials: p += d - d_sink on settled nodes (the sink's own potential is unchanged).
        for &(node, d) in &self.settled {
            match node {
                Node::Place(u) => self.pot_place[u as usize] += d - sink_dist,
                Node::Receive(v) => self.pot_receive[v as usize] += d - sink_dist,
                Node::Sink => {}
            }
        }
    }

    /// Places as many units as paths of zero reduced cost allow (a depth-first search per
    /// unit, with nodes that lead nowhere marked dead for the rest of the phase). Returns the
    /// units placed.
    fn phase(&mut self, side: &Side, placed: &mut [u32], sources: &[u32]) -> u64 {
        self.phase_id += 1;
        let mut count = 0;
        for &u in sources {
            while placed[u as usize] < side.supply[u as usize] && self.augment_admissible(side, u) {
                placed[u as usize] += 1;
                count += 1;
            }
        }
        count
    }

    fn admissible_dummy(&self, u: usize) -> bool {
        self.big_m + self.pot_place[u] - self.pot_sink == 0
    }

    fn admissible_free(&self, side: &Side, v: usize) -> bool {
        (self.held[v].len() as u32) < side.cap[v] && self.pot_receive[v] - self.pot_sink == 0
    }

    /// One depth-first search from `start` over arcs of reduced cost 0 to the sink; on
    /// success the path is augmented by one unit.
    fn augment_admissible(&mut self, side: &Side, start: u32) -> bool {
        let phase = self.phase_id;
        self.dfs_id += 1;
        let dfs = self.dfs_id;
        if self.cur_stamp[start as usize] != phase {
            self.cur_stamp[start as usize] = phase;
            self.cur_place[start as usize] = side.offsets[start as usize];
        }
        self.stack.clear();
        self.stack.push(Frame::Place {
            u: start,
            entered_by: None,
        });
        self.seen_place[start as usize] = dfs;
        if self.admissible_dummy(start as usize) {
            self.unmatched[start as usize] += 1;
            return true;
        }
        while let Some(&top) = self.stack.last() {
            match top {
                Frame::Place { u, .. } => {
                    let u = u as usize;
                    let end = side.offsets[u + 1];
                    let mut next = None;
                    while self.cur_place[u] < end {
                        let arc = self.cur_place[u];
                        let v = side.head[arc] as usize;
                        if !self.on[arc]
                            && self.dead_receive[v] != phase
                            && self.seen_receive[v] != dfs
                            && side.cost[arc] + self.pot_place[u] - self.pot_receive[v] == 0
                        {
                            next = Some((arc, v));
                            break;
                        }
                        self.cur_place[u] += 1;
                    }
                    match next {
                        Some((arc, v)) => {
                            self.seen_receive[v] = dfs;
                            self.stack.push(Frame::Receive {
                                v: v as u32,
                                entered_by: arc,
                                next: 0,
                            });
                            if self.admissible_free(side, v) {
                                self.augment_stack(side, None);
                                return true;
                            }
                        }
                        None => {
                            self.dead_place[u] = phase;
                            self.stack.pop();
                        }
                    }
                }
                Frame::Receive { v, next, .. } => {
                    let v = v as usize;
                    let mut found = None;
                    let mut k = next;
                    while k < self.held[v].len() {
                        let arc = self.held[v][k];
                        k += 1;
                        let u = side.tail[arc] as usize;
                        if self.dead_place[u] != phase
                            && self.seen_place[u] != dfs
                            && -side.cost[arc] + self.pot_receive[v] - self.pot_place[u] == 0
                        {
                            found = Some((arc, u));
                            break;
                        }
                    }
                    if let Some(Frame::Receive { next, .. }) = self.stack.last_mut() {
                        *next = k;
                    }
                    match found {
                        Some((arc, u)) => {
                            self.seen_place[u] = dfs;
                            if self.cur_stamp[u] != phase {
                                self.cur_stamp[u] = phase;
                                self.cur_place[u] = side.offsets[u];
                            }
                            self.stack.push(Frame::Place {
                                u: u as u32,
                                entered_by: Some(arc),
                            });
                            if self.admissible_dummy(u) {
                                self.augment_stack(side, Some(u));
                                return true;
                            }
                        }
                        None => {
                            self.dead_receive[v] = phase;
                            self.stack.pop();
                        }
                    }
                }
            }
        }
        false
    }

    /// Augments the path on the search stack by one unit; it ends at a free receiving node
    /// (`unmatched_end` is `None`) or at the "unmatched" arc of a placing node.
    fn augment_stack(&mut self, side: &Side, unmatched_end: Option<usize>) {
        if let Some(u) = unmatched_end {
            self.unmatched[u] += 1;
        }
        let frames = std::mem::take(&mut self.stack);
        for frame in &frames {
            match *frame {
                Frame::Receive { entered_by, .. } => {
                    self.take_arc(side, entered_by);
                }
                Frame::Place {
                    entered_by: Some(arc),
                    ..
                } => {
                    self.on[arc] = false;
                    let v = side.head[arc] as usize;
                    let pos = self.held[v]
                        .iter()
                        .position(|&a| a == arc)
                        .expect("a backward arc carries flow");
                    self.held[v].swap_remove(pos);
                }
                Frame::Place {
                    entered_by: None, ..
                } => {}
            }
        }
        self.stack = frames;
        self.stack.clear();
    }

    /// Puts flow on an arc; returns its placing node.
    fn take_arc(&mut self, side: &Side, arc: usize) -> u32 {
        self.on[arc] = true;
        self.held[side.head[arc] as usize].push(arc);
        side.tail[arc]
    }

    /// Verifies feasibility and the optimality certificate: no residual arc has a negative
    /// reduced cost.
    fn certify(&self, side: &Side) -> std::result::Result<(), String> {
        for u in 0..side.supply.len() {
            let real = (side.offsets[u]..side.offsets[u + 1])
                .filter(|&a| self.on[a])
                .count() as u32;
            if real + self.unmatched[u] != side.supply[u] {
                return Err(format!(
                    "node {u} ships {real} + {} units, not {}",
                    self.unmatched[u], side.supply[u]
                ));
            }
            // An arc with spare capacity needs a reduced cost >= 0 (its forward residual arc),
            // an arc with flow needs <= 0 (its backward residual arc).
            let pu = self.pot_place[u];
            let dummy = self.big_m + pu - self.pot_sink;
            let dummy_spare = self.unmatched[u] < side.supply[u];
            if (dummy_spare && dummy < 0) || (self.unmatched[u] > 0 && dummy > 0) {
                return Err(format!(
                    "certificate fails on the unmatched arc of node {u}"
                ));
            }
            for a in side.offsets[u]..side.offsets[u + 1] {
                let reduced = side.cost[a] + pu - self.pot_receive[side.head[a] as usize];
                if (!self.on[a] && reduced < 0) || (self.on[a] && reduced > 0) {
                    return Err(format!("certificate fails on arc {a}"));
                }
            }
        }
        for (v, held) in self.held.iter().enumerate() {
            let to_sink = self.pot_receive[v] - self.pot_sink;
            if held.len() as u32 > side.cap[v] {
                return Err(format!("receiving node {v} over capacity"));
            }
            if (held.len() as u32) < side.cap[v] && to_sink < 0 {
                return Err(format!("certificate fails at spare capacity of node {v}"));
            }
            if !held.is_empty() && to_sink > 0 {
                return Err(format!("certificate fails at used capacity of node {v}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(capacity: Vec<u32>, lists: &[Vec<(u32, f64)>]) -> Vec<Option<u32>> {
        let p = Problem::from_lists(capacity, lists);
        let (edge_of, _) = solve(&p).unwrap();
        super::super::check_feasible(&p, &edge_of).unwrap();
        edge_of.iter().map(|e| e.map(|e| p.mentor[e])).collect()
    }

    #[test]
    fn the_better_scoring_mentee_wins_a_contested_slot() {
        // one slot, two mentees: 0.1 vs 0.9 -> the second gets it
        assert_eq!(
            run(vec![1], &[vec![(0, 0.1)], vec![(0, 0.9)]]),
            [None, Some(0)]
        );
    }

    #[test]
    fn cardinality_comes_before_score() {
        // mentee 0 loves mentor 0 (0.9) but mentee 1 can only take mentor 0:
        // matching both (0.2 + 0.1) beats matching one with 0.9.
        assert_eq!(
            run(vec![1, 1], &[vec![(0, 0.9), (1, 0.2)], vec![(0, 0.1)]]),
            [Some(1), Some(0)]
        );
    }

    #[test]
    fn capacity_is_shared_by_score() {
        // mentor 0 takes 2; three mentees want it; the weakest goes to mentor 1.
        let got = run(
            vec![2, 1],
            &[
                vec![(0, 0.8), (1, 0.7)],
                vec![(0, 0.9), (1, 0.2)],
                vec![(0, 0.5), (1, 0.45)],
            ],
        );
        // options: {0,1}->0, 2->1: 0.8+0.9+0.45 = 2.15; {1,2}->0, 0->1: 0.9+0.5+0.7 = 2.1
        assert_eq!(got, [Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn both_orientations_agree() {
        // few mentees, many slots: mentees place; many mentees, one slot: the slot places
        assert_eq!(run(vec![5], &[vec![(0, 0.3)], vec![]]), [Some(0), None]);
        assert_eq!(
            run(vec![1], &[vec![(0, 0.3)], vec![(0, 0.5)], vec![(0, 0.4)]]),
            [None, Some(0), None]
        );
    }

    #[test]
    fn negative_scores_still_match_everyone_possible() {
        assert_eq!(run(vec![1], &[vec![(0, -0.5)]]), [Some(0)]);
    }

    #[test]
    fn empty_problem() {
        assert_eq!(run(vec![], &[]), Vec::<Option<u32>>::new());
        assert_eq!(run(vec![0], &[vec![(0, 1.0)]]), [None]);
    }
}
