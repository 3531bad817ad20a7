//! The flow with its potentials: the greedy start, and each phase's Dijkstra search on
//! reduced costs with the potentials moved after it.

use super::side::Side;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A node of the search: placing node, receiving node, or the sink.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) enum Node {
    Place(u32),
    Receive(u32),
    Sink,
}

/// A step of the depth-first search for a path of zero reduced cost.
#[derive(Clone, Copy, Debug)]
pub(super) enum Frame {
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

pub(super) struct Flow {
    /// Flow on each arc (0 or 1).
    pub(super) on: Vec<bool>,
    /// Arcs with flow, per receiving node.
    pub(super) held: Vec<Vec<usize>>,
    /// Units of each placing node sent to "unmatched".
    pub(super) unmatched: Vec<u32>,
    pub(super) big_m: i64,
    pub(super) pot_place: Vec<i64>,
    pub(super) pot_receive: Vec<i64>,
    pub(super) pot_sink: i64,
    // search scratch, reset by generation stamps
    pub(super) generation: u32,
    pub(super) stamp_place: Vec<u32>,
    pub(super) stamp_receive: Vec<u32>,
    pub(super) dist_place: Vec<i64>,
    pub(super) dist_receive: Vec<i64>,
    pub(super) done_place: Vec<u32>,
    pub(super) done_receive: Vec<u32>,
    // depth-first search scratch, reset by phase and search stamps
    pub(super) phase_id: u32,
    pub(super) dfs_id: u32,
    pub(super) dead_place: Vec<u32>,
    pub(super) dead_receive: Vec<u32>,
    pub(super) seen_place: Vec<u32>,
    pub(super) seen_receive: Vec<u32>,
    pub(super) cur_place: Vec<usize>,
    pub(super) cur_stamp: Vec<u32>,
    pub(super) stack: Vec<Frame>,
    pub(super) heap: BinaryHeap<Reverse<(i64, Node)>>,
    pub(super) settled: Vec<(Node, i64)>,
}

impl Flow {
    pub(super) fn new(side: &Side, big_m: i64) -> Flow {
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
    pub(super) fn greedy_start(&mut self, side: &Side) -> Vec<u32> {
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

    pub(super) fn dist_place(&self, u: usize) -> i64 {
        if self.stamp_place[u] == self.generation {
            self.dist_place[u]
        } else {
            i64::MAX
        }
    }

    pub(super) fn dist_receive(&self, v: usize) -> i64 {
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
    pub(super) fn search(&mut self, side: &Side, sources: &[u32]) {
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
    pub(super) fn phase(&mut self, side: &Side, placed: &mut [u32], sources: &[u32]) -> u64 {
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
}
