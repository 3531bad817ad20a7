//! The count: the most mentees matched by the pairs scoring at least a threshold, by phases
//! of shortest augmenting paths started from a nearby matching.

use crate::solve::slots::{holdings, NONE};
use crate::solve::Problem;

/// The most mentees matched by the pairs scoring at least `tau`, and such a matching, from
/// `start`: its pairs at least that high are kept, free mentees take a free slot where one is
/// at hand, then phases of shortest augmenting paths match as many more as can be. Started
/// from the matching of a nearby threshold, few phases are left.
///
/// Complexity: `O(E)` per phase, at most `O(sqrt(V))` phases.
pub(crate) fn max_count(
    problem: &Problem,
    base: &[f64],
    tau: f64,
    start: &[Option<usize>],
) -> (usize, Vec<Option<usize>>) {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    let ok = |e: usize| base[e] >= tau;
    let mut edge_of: Vec<Option<usize>> = start.iter().map(|e| e.filter(|&e| ok(e))).collect();
    let (_, mut held) = holdings(problem, &edge_of, m);
    for (i, own) in edge_of.iter_mut().enumerate() {
        if own.is_none() {
            let free = problem.edges(i).find(|&e| {
                let j = problem.mentor[e] as usize;
                ok(e) && (held[j].len() as u32) < problem.capacity[j]
            });
            if let Some(e) = free {
                *own = Some(e);
                held[problem.mentor[e] as usize].push(i as u32);
            }
        }
    }
    // Phases in the manner of Hopcroft and Karp: a breadth-first search from every free
    // mentee lays the mentees out by their distance along alternating paths, up to the
    // first layer that reaches a mentor with a free slot; depth-first searches along the
    // layers then find paths that share no mentee, and augment along each. No layer
    // reaching a free slot means no augmenting path is left: the matching is largest.
    const FAR: u32 = u32::MAX;
    let room = |held: &[Vec<u32>], j: usize| (held[j].len() as u32) < problem.capacity[j];
    let mut dist = vec![FAR; n];
    let mut next_edge = vec![0usize; n];
    let mut queue = std::collections::VecDeque::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    loop {
        dist.fill(FAR);
        queue.clear();
        for i in 0..n {
            if edge_of[i].is_none() && problem.edges(i).any(ok) {
                dist[i] = 0;
                queue.push_back(i);
            }
        }
        let mut limit = FAR;
        while let Some(i) = queue.pop_front() {
            if dist[i] >= limit {
                break;
            }
            for e in problem.edges(i) {
                if !ok(e) || edge_of[i] == Some(e) {
                    continue;
                }
                let j = problem.mentor[e] as usize;
                if room(&held, j) {
                    limit = dist[i] + 1;
                } else {
                    for &k in &held[j] {
                        if dist[k as usize] == FAR {
                            dist[k as usize] = dist[i] + 1;
                            queue.push_back(k as usize);
                        }
                    }
                }
            }
        }
        if limit == FAR {
            break;
        }
        next_edge.copy_from_slice(&problem.offsets[..n]);
        for root in 0..n {
            if dist[root] != 0 || edge_of[root].is_some() {
                continue;
            }
            // The path so far: each mentee with the edge it takes (the next mentee on the
            // stack is one that edge's mentor holds).
            stack.clear();
            stack.push((root, NONE));
            let mut end = false;
            while let Some(&(i, _)) = stack.last() {
                let mut step = None;
                while next_edge[i] < problem.offsets[i + 1] {
                    let e = next_edge[i];
                    if ok(e) && edge_of[i] != Some(e) {
                        let j = problem.mentor[e] as usize;
                        if room(&held, j) {
                            end = true;
                            step = Some((e, NONE));
                            break;
                        }
                        let d = dist[i] + 1;
                        if d < limit {
                            if let Some(&k) = held[j].iter().find(|&&k| dist[k as usize] == d) {
                                step = Some((e, k as usize));
                                break;
                            }
                        }
                    }
                    next_edge[i] += 1;
                }
                match step {
                    Some((e, k)) => {
                        stack.last_mut().expect("the path's last mentee").1 = e;
                        if end {
                            break;
                        }
                        stack.push((k, NONE));
                    }
                    None => {
                        dist[i] = FAR;
                        stack.pop();
                    }
                }
            }
            if !end {
                continue;
            }
            // Augment from the free slot back to the root; the path's mentees leave the
            // phase.
            for &(i, e) in stack.iter().rev() {
                let j = problem.mentor[e] as usize;
                held[j].push(i as u32);
                if let Some(old) = edge_of[i].replace(e) {
                    let o = problem.mentor[old] as usize;
                    let at = held[o]
                        .iter()
                        .position(|&k| k as usize == i)
                        .expect("a held mentee");
                    held[o].swap_remove(at);
                }
                dist[i] = FAR;
            }
        }
    }
    (edge_of.iter().flatten().count(), edge_of)
}

/// Where [`max_count`] at `tau` should start: of a matching at a lower threshold (`below`,
/// whose pairs under `tau` it drops) and one at a higher threshold (`above`, whose pairs all
/// stay), the one that keeps more pairs.
pub(crate) fn warm_start<'a>(
    base: &[f64],
    tau: f64,
    below: &'a [Option<usize>],
    above: Option<&'a [Option<usize>]>,
) -> &'a [Option<usize>] {
    let kept = below.iter().flatten().filter(|&&e| base[e] >= tau).count();
    match above {
        Some(a) if a.iter().flatten().count() > kept => a,
        _ => below,
    }
}
