//! Criterion benchmark of `compare`: the 16 scenarios of `benches/medan16.toml` on the
//! shipped Medan cohort, with a pool of 1 thread and of 2 threads.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use bimbing::input::read_cohort;
use bimbing::scenario::{run_scenarios, ScenarioFile};

fn bench_scenarios(c: &mut Criterion) {
    let file = ScenarioFile::from_path(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/medan16.toml"),
    )
    .expect("the scenario file reads");
    let (cohort, _) = read_cohort(&file.mentors, &file.mentees).expect("the cohort reads");
    let mut group = c.benchmark_group("compare_medan16");
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| pool.install(|| run_scenarios(&cohort, &file.scenarios, &|_| {})))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_scenarios);
criterion_main!(benches);
