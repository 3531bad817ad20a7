//! What one more slot is worth under the fair objective: the count's intervals searched from
//! the top with widest paths for the new thresholds.

use super::values::fair_values;
use super::widest::{Arcs, Flow, Widest};
use super::{distinct_scores, level_of, levels, max_count, mentee_of, warm_start, FairGains, Job};
use crate::error::Result;
use crate::solve::slots::{AddedMentor, Duals};
use crate::solve::Problem;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One interval of the count: `count` is `v` on `(floor, top]`, where `matching` is a
/// largest one.
pub(super) struct Interval {
    top: f64,
    floor: f64,
    matching: Vec<Option<usize>>,
}

/// The gains of one more slot for every mentor of `problem`, and of each mentor of `added`
/// joining with 1, 2, … of its slots, under the fair objective; `edge_of` is the fair
/// optimum, `base` the score of each edge that the lowest score is measured on and the gains
/// report (the problem's scores may carry a bonus of the objective, such as continuity).
/// The added mentors' pairs carry their scores (no bonus).
///
/// `duals`, when given, are those the match kept for the pairs at the roster's threshold
/// (see [`crate::rules::solve::Outcome::duals`]): where they certify `edge_of` there and
/// their costing prices the added mentors' pairs, the threshold's values come from them
/// with no network solve; otherwise it is solved as every other threshold is.
///
/// Complexity: a few count solves per breakpoint found (by galloping from the roster's
/// threshold), one widest-path search per interval for all mentors, up to `k` per interval
/// for an added mentor with `k` slots, then one network solve per distinct new threshold.
pub fn fair_gains(
    problem: &Problem,
    base: &[f64],
    edge_of: &[Option<usize>],
    added: &[AddedMentor],
    duals: Option<&Duals>,
) -> Result<FairGains> {
    let n = problem.n_mentees();
    let m = problem.n_mentors();
    let raw = distinct_scores(base);
    let lv = levels(raw.iter().copied());
    let deepest = added.iter().map(|a| a.capacity).max().unwrap_or(0).max(1) as usize;

    // The breakpoints b_v, v = c, c-1, ..., c - deepest, galloping up from the roster's.
    let mentee_of = mentee_of(problem);
    let mut memo: BTreeMap<usize, (usize, Vec<Option<usize>>)> = BTreeMap::new();
    // Each probe starts from the larger of two matchings: that of the nearest lower level
    // probed (the roster's own for the first), its pairs below this level dropped, and that
    // of the nearest higher level probed, whose pairs all stay.
    let probe =
        |memo: &mut BTreeMap<usize, (usize, Vec<Option<usize>>)>, k: usize| -> Result<usize> {
            if let Some((c, _)) = memo.get(&k) {
                return Ok(*c);
            }
            let below = memo
                .range(..k)
                .next_back()
                .map_or(edge_of, |(_, r)| &r.1[..]);
            let above = memo.range(k + 1..).next().map(|(_, r)| &r.1[..]);
            let r = max_count(problem, base, lv[k], warm_start(base, lv[k], below, above));
            let c = r.0;
            memo.insert(k, r);
            Ok(c)
        };
    let c = if lv.is_empty() {
        0
    } else {
        probe(&mut memo, 0)?
    };
    let mut intervals: Vec<Interval> = Vec::new(); // v = c, c-1, ... (index c - v)

    // The searches gallop up from the level of the roster's lowest score, where its own
    // pairs keep its count (the roster's threshold when it is the fair optimum); from the
    // lowest level otherwise.
    let lowest = edge_of
        .iter()
        .flatten()
        .map(|&e| base[e])
        .fold(f64::INFINITY, f64::min);
    let mut start = 0usize;
    if c > 0 && lowest.is_finite() {
        let at = lv.partition_point(|&l| l <= lowest).saturating_sub(1);
        if probe(&mut memo, at)? >= c {
            start = at;
        }
    }
    for v in (c.saturating_sub(deepest)..=c).rev() {
        let (top, matching) = if v == 0 {
            (f64::INFINITY, vec![None; n])
        } else {
            let last = lv.len() - 1;
            let mut reaches = |k: usize| -> Result<bool> { Ok(probe(&mut memo, k)? >= v) };
            let (mut lo, mut hi, mut step) = (start, last + 1, 1usize);
            while lo + step <= last {
                if reaches(lo + step)? {
                    lo += step;
                    step *= 2;
                } else {
                    hi = lo + step;
                    break;
                }
            }
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if reaches(mid)? {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            start = lo;
            (lv[lo], memo[&lo].1.clone())
        };
        let floor = intervals.last().map_or(f64::NEG_INFINITY, |i| i.top);
        intervals.push(Interval {
            top,
            floor,
            matching,
        });
    }
    let t = if c == 0 {
        f64::NEG_INFINITY
    } else {
        intervals[0].top
    };
    let interval = |v: usize| -> Option<&Interval> { intervals.get(c.checked_sub(v)?) };

    // Jobs: each with its new threshold and the count it must reach.
    let mut jobs: Vec<(Job, f64, usize)> = Vec::new();
    let plain = Arcs {
        problem,
        base,
        added: None,
    };
    {
        let mut by_mentor: Vec<Vec<usize>> = vec![Vec::new(); m];
        for (e, &j) in problem.mentor.iter().enumerate() {
            by_mentor[j as usize].push(e);
        }
        let copy_width = |w: &Widest, j: usize, floor: f64| {
            by_mentor[j]
                .iter()
                .map(|&e| w.width[mentee_of[e] as usize].min(base[e]))
                .filter(|&x| x > floor)
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let at_c = interval(c).expect("the roster's interval");
        let wc = plain.widest(&Flow::new(problem, &at_c.matching, 0), at_c.floor, false);
        let below = interval(c.wrapping_sub(1)).filter(|_| c >= 1);
        let wb = below.map(|b| plain.widest(&Flow::new(problem, &b.matching, 0), b.floor, false));
        for j in 0..m {
            let gc = copy_width(&wc, j, f64::NEG_INFINITY);
            let theta = if gc > f64::NEG_INFINITY {
                Some((gc.min(at_c.top), c + 1))
            } else if c == 0 {
                None
            } else {
                let b = below.expect("an interval below");
                let x = copy_width(wb.as_ref().expect("its widths"), j, b.floor).min(b.top);
                Some((if x > b.floor { x } else { t }, c))
            };
            if let Some((theta, target)) = theta {
                jobs.push((Job::Mentor(j), level_of(&lv, theta), target));
            }
        }
    }
    let added_jobs: Vec<Vec<(Job, f64, usize)>> = added
        .par_iter()
        .enumerate()
        .map(|(q, a)| {
            debug_assert!(a.bonus.is_empty(), "an added mentor's pairs carry no bonus");
            let mut pair = vec![None; n];
            for &(i, s) in &a.pairs {
                pair[i as usize] = Some(s);
            }
            let arcs = Arcs {
                problem,
                base,
                added: Some(&pair),
            };
            let la = levels(raw.iter().copied().chain(a.pairs.iter().map(|p| p.1)));
            let k = a.capacity;
            let mut widths: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
            let mut widths_at = |v: usize| -> Vec<f64> {
                widths
                    .entry(v)
                    .or_insert_with(|| {
                        let i = interval(v).expect("a searched interval");
                        arcs.greedy(Flow::new(problem, &i.matching, k), i.floor, k)
                    })
                    .clone()
            };
            let paths = widths_at(c).len() as u32;
            let mut out = Vec::new();
            for s in 1..=k {
                let g = s.min(paths) as usize;
                if g == 0 && c == 0 {
                    continue;
                }
                let target = c + g;
                let mut theta = None;
                for v in target.saturating_sub(s as usize)..=c {
                    let need = target - v;
                    let i = interval(v).expect("a searched interval");
                    if need == 0 {
                        theta = Some(i.top);
                        break;
                    }
                    let w = widths_at(v);
                    if w.len() >= need {
                        let x = w[..need].iter().copied().fold(i.top, f64::min);
                        if x > i.floor {
                            theta = Some(x);
                            break;
                        }
                    }
                }
                let theta = theta.expect("the roster's interval reaches the count");
                out.push((Job::Added(q, s), level_of(&la, theta), target));
            }
            out
        })
        .collect();
    jobs.extend(added_jobs.into_iter().flatten());

    fair_values(problem, base, edge_of, added, duals, (t, c), jobs)
}
