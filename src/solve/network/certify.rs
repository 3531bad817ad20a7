//! The optimality certificate: every residual arc non-negative in reduced cost, checked in
//! `O(E)` before the answer is returned.

use super::flow::Flow;
use super::side::Side;

impl Flow {
    /// Verifies feasibility and the optimality certificate: no residual arc has a negative
    /// reduced cost.
    pub(super) fn certify(&self, side: &Side) -> std::result::Result<(), String> {
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
