//! Criterion benchmarks of `match` on generated cohorts (fixed seed 7): the whole match as
//! planners run it (candidates and pricing), and, for the two smaller sizes, building the
//! full graph of every eligible pair apart from solving it.
//!
//! Sizes: 1,500 x 450 (Medan), 5,000 x 1,500 and 10,000 x 3,000 mentees x mentors.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use bimbing::generate::{generate, GenerateSpec, Preset};
use bimbing::graph::MatchGraph;
use bimbing::input::read_cohort;
use bimbing::model::Cohort;
use bimbing::roster::{capacities, match_cohort};
use bimbing::score::Scorer;
use bimbing::settings::Settings;
use bimbing::solve::{solve, Problem};

const SIZES: [(usize, usize); 3] = [(1_500, 450), (5_000, 1_500), (10_000, 3_000)];

/// Generates (once, under target/) and reads a cohort of the given size.
fn cohort(mentees: usize, mentors: usize) -> Cohort {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(format!("{mentees}x{mentors}"));
    if !dir.join("mentees.csv").exists() {
        let spec = GenerateSpec {
            mentees,
            mentors,
            seed: 7,
            preset: Preset::Custom,
        };
        generate(&spec, &dir).expect("the cohort is generated");
    }
    read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv"))
        .expect("the generated cohort reads")
        .0
}

fn problem(cohort: &Cohort, settings: &Settings) -> Problem {
    let scorer = Scorer::new(cohort, settings);
    MatchGraph::build(cohort, &scorer).problem(&capacities(cohort, settings))
}

fn bench_match(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("match");
    group.sample_size(10);
    for (n, m) in SIZES {
        let cohort = cohort(n, m);
        let id = format!("{n}x{m}");
        group.bench_with_input(BenchmarkId::new("match_priced", &id), &cohort, |b, c| {
            b.iter(|| match_cohort(c, &settings).expect("matches"))
        });
        if n <= 5_000 {
            group.bench_with_input(
                BenchmarkId::new("build_full_graph", &id),
                &cohort,
                |b, c| b.iter(|| problem(c, &settings)),
            );
            let p = problem(&cohort, &settings);
            group.bench_with_input(BenchmarkId::new("solve_full_graph", &id), &p, |b, p| {
                b.iter(|| solve(p, settings.solver.method).expect("solves"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_match);
criterion_main!(benches);
