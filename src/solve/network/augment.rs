//! Placing units along paths of zero reduced cost, by depth-first search.

use super::flow::{Flow, Frame};
use super::side::Side;

impl Flow {
    pub(super) fn admissible_dummy(&self, u: usize) -> bool {
        self.big_m + self.pot_place[u] - self.pot_sink == 0
    }

    pub(super) fn admissible_free(&self, side: &Side, v: usize) -> bool {
        (self.held[v].len() as u32) < side.cap[v] && self.pot_receive[v] - self.pot_sink == 0
    }

    /// One depth-first search from `start` over arcs of reduced cost 0 to the sink; on
    /// success the path is augmented by one unit.
    pub(super) fn augment_admissible(&mut self, side: &Side, start: u32) -> bool {
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
    pub(super) fn augment_stack(&mut self, side: &Side, unmatched_end: Option<usize>) {
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
    pub(super) fn take_arc(&mut self, side: &Side, arc: usize) -> u32 {
        self.on[arc] = true;
        self.held[side.head[arc] as usize].push(arc);
        side.tail[arc]
    }
}
