//! Criterion benchmarks of the advice and of the planner's rules that cost the most: the
//! advice on a roster (what one more slot or a typical mentor per unit is worth), the match
//! and the advice under the fair objective, and under a cross-unit share of 0.3.
//!
//! Cohorts: the shipped Medan cohort (1,500 x 450 mentees x mentors) and generated ones
//! (seed 7, the `custom` shape) of 300 x 100 and, for the share advice, 60 x 20. Each roster
//! the advice starts from is matched once, outside the measured loop.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};

use bimbing::advice::advise_any;
use bimbing::generate::{generate, GenerateSpec, Preset};
use bimbing::input::read_cohort;
use bimbing::model::Cohort;
use bimbing::roster::{match_cohort, Roster};
use bimbing::settings::{Objective, Settings, UnitShare};

/// Generates (once, under target/) and reads a cohort of the given size, as benches/solve.rs.
fn generated(mentees: usize, mentors: usize) -> Cohort {
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
    read(&dir)
}

/// The shipped Medan cohort.
fn medan() -> Cohort {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/medan"))
}

fn read(dir: &Path) -> Cohort {
    read_cohort(&dir.join("mentors.csv"), &dir.join("mentees.csv"))
        .expect("the cohort reads")
        .0
}

/// The roster of a cohort under the settings, and a check that the advice applies to it.
fn roster(cohort: &Cohort, settings: &Settings) -> Roster {
    let roster = match_cohort(cohort, settings).expect("matches");
    assert!(
        advise_any(cohort, settings, &roster)
            .expect("the advice runs")
            .is_some(),
        "the advice applies"
    );
    roster
}

/// The advice on a roster under the default settings (objective of the total, no rules).
fn bench_advice(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("advice");
    group.sample_size(10);
    for (id, cohort) in [("300x100", generated(300, 100)), ("medan", medan())] {
        let r = roster(&cohort, &settings);
        group.bench_with_input(BenchmarkId::new("advise_any", id), &cohort, |b, c| {
            b.iter(|| advise_any(c, &settings, &r).expect("advises"))
        });
    }
    group.finish();
}

/// The match under the fair objective, and its advice.
fn bench_fair(c: &mut Criterion) {
    let settings = {
        let mut custom = Settings::default();
        custom.rules.objective = Objective::Fair;
        custom
    };
    let mut group = c.benchmark_group("fair");
    group.sample_size(10);
    for (id, cohort) in [("300x100", generated(300, 100)), ("medan", medan())] {
        group.bench_with_input(BenchmarkId::new("match", id), &cohort, |b, c| {
            b.iter(|| match_cohort(c, &settings).expect("matches"))
        });
        let r = roster(&cohort, &settings);
        group.bench_with_input(BenchmarkId::new("advise_any", id), &cohort, |b, c| {
            b.iter(|| advise_any(c, &settings, &r).expect("advises"))
        });
    }
    group.finish();
}

/// The unit-share search (at most 30% of a unit's mentees with a mentor from another unit):
/// the match on 300 x 100, and the advice under it on 60 x 20 (seconds an iteration, so
/// sampled flat: 10 iterations).
fn bench_unit_share(c: &mut Criterion) {
    let settings = {
        let mut custom = Settings::default();
        custom.rules.max_cross_unit_share = Some(UnitShare::All(0.3));
        custom
    };
    let mut group = c.benchmark_group("unit_share_0.3");
    group.sample_size(10);
    let cohort = generated(300, 100);
    group.bench_with_input(BenchmarkId::new("match", "300x100"), &cohort, |b, c| {
        b.iter(|| match_cohort(c, &settings).expect("matches"))
    });
    group.sampling_mode(SamplingMode::Flat);
    let cohort = generated(60, 20);
    let r = roster(&cohort, &settings);
    group.bench_with_input(BenchmarkId::new("advise_any", "60x20"), &cohort, |b, c| {
        b.iter(|| advise_any(c, &settings, &r).expect("advises"))
    });
    group.finish();
}

criterion_group!(benches, bench_advice, bench_fair, bench_unit_share);
criterion_main!(benches);
