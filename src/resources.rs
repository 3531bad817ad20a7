//! The resource guard: an estimate of the peak memory of a match, checked before the match
//! against the memory the machine (or its container) has, so that an instance too large
//! fails early with a message pointing to the scale options instead of being killed.
//!
//! The estimate counts the pairs a match holds at once:
//! - every eligible pair (taken as `mentees × mentors`, an upper bound) when the full graph
//!   is built: with `--solver lp`, with `--candidates 0`, or when `mentees × mentors` is at
//!   most `--price-above`;
//! - otherwise (pricing) `--candidates` pairs per mentee, each mentor's best mentees, the
//!   pairs pricing adds (up to a quarter of all pairs, as measured on the densest cohorts)
//!   and, per thread, the scratch lists of one mentee's or one mentor's pairs;
//! - with `--same-scope-only`, the parts are solved in parallel: the largest parts, one per
//!   thread, are held at once.
//!
//! The bytes per pair were measured with `/usr/bin/time -v` on cohorts made by
//! `bimbing generate` (see [`BYTES_PER_GRAPH_PAIR`]); the estimate errs on the high side.

use crate::error::{Error, Result};
pub use crate::input::memory::{
    available_memory, cgroup_room, meminfo_available, BYTES_PER_INPUT_BYTE, MEMORY_LIMIT_ENV,
};
use crate::plan::{Method, Plan};
use crate::settings::{Settings, SolverChoice};

/// Bytes per pair of a graph solved by the network method: the graph, the problem's arrays
/// and the solver's arcs. Measured (max RSS less the base, per graph pair): 5,000 x 1,500
/// with `--candidates 0`, 6.83 million pairs, 788 MB (about 112 bytes); city-dense
/// 10,000 x 3,000 priced, 7.66 million graph pairs, 906 MB (about 115 bytes).
pub const BYTES_PER_GRAPH_PAIR: u64 = 120;

/// The share of all pairs that pricing may add to the candidates: city-dense (everybody
/// eligible, many equal scores) added 7.2 million of 30 million pairs (24%).
pub const PRICED_SHARE: (u64, u64) = (1, 4);

/// Bytes per pair of a full graph solved as a linear program (good_lp with microlp):
/// 1,500 x 450 (616,768 pairs) held 234 MB still growing after 5 minutes of solving.
pub const BYTES_PER_LP_PAIR: u64 = 480;

/// Bytes per pair of a scratch list while pricing (`(u32, f64)`, and room to grow).
pub const BYTES_PER_SCRATCH_PAIR: u64 = 32;

/// Bytes per person held besides the pairs: the cohort, the scorer, orders, the roster and
/// its files.
pub const BYTES_PER_PERSON: u64 = 2048;

/// Bytes the program takes before any cohort (code, thread stacks, buffers).
pub const BASE_BYTES: u64 = 32 << 20;

/// What a match would hold at its peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// Estimated peak memory in bytes.
    pub bytes: u64,
    /// Pairs held at once (graph or candidate pairs), summed over the parts held together.
    pub pairs: u64,
    /// True when the largest part is priced rather than built whole.
    pub priced: bool,
}

/// The independent parts of a match as `(mentees, mentors)`, smallest first: one part, or
/// one per scope with `same_scope_only`, as the [`crate::plan::Plan`] splits them (mentors
/// of a scope without mentees are left out).
pub fn parts(cohort: &crate::model::Cohort, same_scope_only: bool) -> Vec<(usize, usize)> {
    let settings = {
        let mut custom = Settings::default();
        custom.eligibility.same_scope_only = same_scope_only;
        custom
    };
    crate::plan::Plan::new(cohort, &settings).sizes()
}

/// Estimates the peak memory of a match of these parts under `settings`, with `threads`
/// parts solved at once. Pure: the same inputs always give the same estimate.
///
/// Each part is taken to be solved without the planner's rules ([`Method::plain_for`]); a
/// match's own estimate, with the methods its plan chose, is [`estimate_plan`].
pub fn estimate(parts: &[(usize, usize)], settings: &Settings, threads: usize) -> Estimate {
    let methods: Vec<((usize, usize), Method)> = parts
        .iter()
        .map(|&(n, m)| {
            let pairs = (n as u64).saturating_mul(m as u64);
            ((n, m), Method::plain_for(settings, pairs))
        })
        .collect();
    estimate_methods(&methods, settings, threads)
}

/// The estimate of a match of `plan`, each part with the method the plan chose for it (a
/// part under the planner's rules holds every eligible pair: it is never priced).
pub fn estimate_plan(plan: &Plan, settings: &Settings, threads: usize) -> Estimate {
    let methods: Vec<((usize, usize), Method)> = plan
        .parts
        .iter()
        .map(|p| ((p.mentees.len(), p.mentors.len()), p.method))
        .collect();
    estimate_methods(&methods, settings, threads)
}

fn estimate_methods(
    parts: &[((usize, usize), Method)],
    settings: &Settings,
    threads: usize,
) -> Estimate {
    let people: u64 = parts.iter().map(|&((n, m), _)| (n + m) as u64).sum();
    let part = |&((n, m), method): &((usize, usize), Method)| -> (u64, u64, bool) {
        let (n, m) = (n as u64, m as u64);
        let size = n.saturating_mul(m);
        if method == Method::Priced {
            let mentor_best = 2 * u64::from(settings.rules.capacity) + 8;
            let pairs = size.min(
                n.saturating_mul(settings.solver.candidates as u64)
                    .saturating_add(m.saturating_mul(mentor_best))
                    .saturating_add(size / PRICED_SHARE.1 * PRICED_SHARE.0),
            );
            let bytes = pairs.saturating_mul(BYTES_PER_GRAPH_PAIR);
            (bytes, pairs, true)
        } else {
            let per_pair = match method {
                Method::Lp => BYTES_PER_LP_PAIR,
                Method::Ruled(r) if r.solver == SolverChoice::Lp => BYTES_PER_LP_PAIR,
                _ => BYTES_PER_GRAPH_PAIR,
            };
            (size.saturating_mul(per_pair), size, false)
        }
    };
    let mut held: Vec<(u64, u64, bool)> = parts.iter().map(part).collect();
    held.sort_unstable_by(|a, b| b.cmp(a));
    let at_once = &held[..held.len().min(threads.max(1))];
    let pair_bytes = at_once.iter().fold(0u64, |a, p| a.saturating_add(p.0));
    let pairs = at_once.iter().fold(0u64, |a, p| a.saturating_add(p.1));
    // scratch lists of the pricing step: one mentee's and one mentor's pairs per thread
    let largest = parts
        .iter()
        .map(|&((n, m), _)| n.max(m) as u64)
        .max()
        .unwrap_or(0);
    let scratch = if held.iter().any(|p| p.2) {
        (threads.max(1) as u64)
            .saturating_mul(largest)
            .saturating_mul(BYTES_PER_SCRATCH_PAIR)
    } else {
        0
    };
    // with parts, each part's people are copied once more while it is solved
    let copies = if parts.len() > 1 { 2 } else { 1 };
    let bytes = BASE_BYTES
        .saturating_add(people.saturating_mul(BYTES_PER_PERSON * copies))
        .saturating_add(pair_bytes)
        .saturating_add(scratch);
    Estimate {
        bytes,
        pairs,
        priced: held.first().is_some_and(|p| p.2),
    }
}

/// Checks an estimate against `available` bytes; the error names the sizes and the
/// options that make the match smaller. Pure, for tests.
pub fn check(
    parts: &[(usize, usize)],
    settings: &Settings,
    threads: usize,
    available: u64,
) -> Result<Estimate> {
    within(
        estimate(parts, settings, threads),
        parts,
        settings,
        available,
    )
}

/// An estimate of a match of these parts against `available` bytes, as [`check`].
fn within(
    e: Estimate,
    parts: &[(usize, usize)],
    settings: &Settings,
    available: u64,
) -> Result<Estimate> {
    if e.bytes <= available {
        return Ok(e);
    }
    let mentees: usize = parts.iter().map(|p| p.0).sum();
    let mentors: usize = parts.iter().map(|p| p.1).sum();
    let mut advice = Vec::new();
    if !settings.eligibility.same_scope_only {
        advice.push(
            "--same-scope-only with a scope column (e.g. agency) to solve each scope apart"
                .to_string(),
        );
    }
    if e.priced {
        advice.push(format!(
            "a smaller --candidates (now {})",
            settings.solver.candidates
        ));
    } else {
        if settings.solver.method == SolverChoice::Lp {
            advice.push("--solver network".to_string());
        }
        if settings.solver.candidates == 0 {
            advice.push("--candidates 40 to price pairs in instead of holding them all".into());
        }
        advice.push(format!(
            "a lower --price-above (now {}) so that pairs are priced in instead of all held",
            settings.solver.price_above
        ));
    }
    if parts.len() > 1 {
        advice.push("fewer threads (--threads, or RAYON_NUM_THREADS)".to_string());
    }
    Err(Error::Settings(format!(
        "this match ({mentees} mentees x {mentors} mentors, about {} pairs held at once) \
         would need about {} of memory but {} is available; try {}",
        e.pairs,
        mib(e.bytes),
        mib(available),
        advice.join(", or ")
    )))
}

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes.div_ceil(1 << 20))
}

/// The guard to call before a match: checks the estimate of its plan ([`estimate_plan`],
/// each part with its method) under `settings` with the current thread pool against
/// [`available_memory`]. Does nothing when the available memory is unknown.
pub fn guard(plan: &Plan, settings: &Settings) -> Result<()> {
    let Some(available) = available_memory()? else {
        return Ok(());
    };
    let e = estimate_plan(plan, settings, rayon::current_num_threads());
    within(e, &plan.sizes(), settings, available).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1 << 30;

    fn settings(f: impl FnOnce(&mut Settings)) -> Settings {
        let mut s = Settings::default();
        f(&mut s);
        s
    }

    #[test]
    fn small_cohorts_fit_anywhere() {
        let e = check(&[(1500, 450)], &Settings::default(), 2, GIB).unwrap();
        assert!(!e.priced);
        assert_eq!(e.pairs, 675_000);
        assert!(e.bytes < 128 << 20, "{e:?}");
    }

    #[test]
    fn pricing_holds_candidates_not_all_pairs() {
        let s = Settings::default();
        let e = estimate(&[(10_000, 3_000)], &s, 2);
        assert!(e.priced);
        assert!(e.pairs < 30_000_000 / 3, "{e:?}");
        // measured: 906 MB
        assert!((900 << 20..1400 << 20).contains(&e.bytes), "{e:?}");
        let full = estimate(
            &[(10_000, 3_000)],
            &settings(|s| s.solver.candidates = 0),
            2,
        );
        assert!(!full.priced);
        assert_eq!(full.pairs, 30_000_000);
        assert!(full.bytes > 2 * GIB, "{full:?}");
        assert!(e.bytes < full.bytes / 2);
    }

    #[test]
    fn too_large_names_sizes_and_scale_options() {
        let s = settings(|s| s.solver.candidates = 0);
        let e = check(&[(300_000, 100_000)], &s, 2, 8 * GIB)
            .unwrap_err()
            .to_string();
        assert!(e.contains("300000 mentees x 100000 mentors"), "{e}");
        assert!(e.contains("but 8192 MiB is available"), "{e}");
        for option in ["--same-scope-only", "--candidates 40", "--price-above"] {
            assert!(e.contains(option), "{option} in {e}");
        }
        assert!(Error::Settings(String::new()).is_bad_input());
    }

    #[test]
    fn parts_in_parallel_count_the_largest_per_thread() {
        let s = settings(|s| {
            s.eligibility.same_scope_only = true;
            s.solver.price_above = u64::MAX;
        });
        let parts = [(10, 5), (2_000, 700), (1_000, 300), (1_000, 300)];
        let one = estimate(&parts, &s, 1);
        let two = estimate(&parts, &s, 2);
        assert_eq!(one.pairs, 1_400_000);
        assert_eq!(two.pairs, 1_400_000 + 300_000);
        assert!(two.bytes > one.bytes);
        assert_eq!(estimate(&parts, &s, 99).pairs, 2_000_050);
    }

    #[test]
    fn a_ruled_part_holds_every_pair_as_its_plan_says() {
        let cohort = crate::test_fixture::cohort();
        let mut s = settings(|s| s.solver.price_above = 0);
        let priced = estimate_plan(&Plan::new(&cohort, &s), &s, 1);
        assert!(priced.priced, "above price_above without rules: priced");
        s.rules.min_mentees = 1;
        let plan = Plan::new(&cohort, &s);
        assert!(plan.parts[0].method.is_ruled());
        let ruled = estimate_plan(&plan, &s, 1);
        assert!(!ruled.priced, "the rules' model holds every eligible pair");
        assert_eq!(ruled.pairs, 18);
        // The sizes alone, taken to be solved without rules, would price it.
        assert!(estimate(&plan.sizes(), &s, 1).priced);
    }

    #[test]
    fn lp_needs_more_than_network() {
        let lp = estimate(
            &[(1500, 450)],
            &settings(|s| s.solver.method = SolverChoice::Lp),
            1,
        );
        let network = estimate(&[(1500, 450)], &Settings::default(), 1);
        assert!(lp.bytes > network.bytes);
    }

    #[test]
    fn reads_system_figures() {
        let meminfo = "MemTotal:       24000000 kB\nMemAvailable:   20000000 kB\n";
        assert_eq!(meminfo_available(meminfo), Some(20_000_000 * 1024));
        assert_eq!(meminfo_available("MemTotal: 1 kB\n"), None);
        assert_eq!(cgroup_room("max\n", Some("100")), None);
        assert_eq!(cgroup_room("1000\n", Some("100\n")), Some(900));
        assert_eq!(cgroup_room("1000", None), Some(1000));
    }
}
