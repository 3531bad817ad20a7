//! `bimbing match`: from two CSV files to a proven-optimal roster.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use bimbing::error::{Error, Result};
use bimbing::input::read_cohort;
use bimbing::report::roster_csv::{mentor_load_csv, roster_csv};
use bimbing::report::summary::{RunTimings, Summary};
use bimbing::report::write::{prepare_dir, write_atomically};
use bimbing::roster::match_cohort;
use bimbing::settings::{Settings, SolverChoice};

use crate::out;

/// Files `match` writes into `--out`.
pub const OUTPUT_FILES: [&str; 3] = ["roster.csv", "mentor_load.csv", "summary.json"];

/// Arguments of `bimbing match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Mentors file (CSV: id, name, unit, grade, capacity, workload, k:<competency>...).
    #[arg(long, value_name = "CSV")]
    pub mentors: PathBuf,
    /// Mentees file (CSV: id, name, unit, grade, k:<competency>..., target:<competency>...).
    #[arg(long, value_name = "CSV")]
    pub mentees: PathBuf,
    /// Output folder (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Settings file (TOML); flags below override it.
    #[arg(long, value_name = "TOML")]
    pub settings: Option<PathBuf>,
    /// Weight of complementarity [default: 0.6].
    #[arg(long, allow_negative_numbers = true)]
    pub weight_complementarity: Option<f64>,
    /// Weight of the same-unit term; negative favours cross-unit pairs [default: 0.2].
    #[arg(long, allow_negative_numbers = true)]
    pub weight_unit: Option<f64>,
    /// Weight of the workload term [default: 0.2].
    #[arg(long, allow_negative_numbers = true)]
    pub weight_workload: Option<f64>,
    /// Required level where a target cell is empty [default: 3].
    #[arg(long)]
    pub target: Option<f64>,
    /// Mentees per mentor where the capacity cell is empty [default: 3].
    #[arg(long)]
    pub capacity: Option<u32>,
    /// Grade steps a mentor must be above the mentee [default: 1].
    #[arg(long, allow_negative_numbers = true)]
    pub min_grade_gap: Option<i32>,
    /// Exact method: network (min-cost flow) or lp (good_lp) [default: network].
    #[arg(long)]
    pub solver: Option<SolverChoice>,
    /// Replace results already in the output folder.
    #[arg(long)]
    pub force: bool,
    /// Leave wall-clock times out of summary.json, so that reruns are byte-identical.
    #[arg(long)]
    pub reproducible: bool,
    /// Print nothing on success.
    #[arg(long, short)]
    pub quiet: bool,
}

impl MatchArgs {
    /// The validated settings: the file's (or the defaults), then the flags.
    pub fn settings(&self) -> Result<Settings> {
        let mut s = match &self.settings {
            Some(path) => Settings::from_file(path)?,
            None => Settings::default(),
        };
        if let Some(v) = self.weight_complementarity {
            s.weights.complementarity = v;
        }
        if let Some(v) = self.weight_unit {
            s.weights.unit = v;
        }
        if let Some(v) = self.weight_workload {
            s.weights.workload = v;
        }
        if let Some(v) = self.target {
            s.target = v;
        }
        if let Some(v) = self.capacity {
            s.capacity = v;
        }
        if let Some(v) = self.min_grade_gap {
            s.min_grade_gap = v;
        }
        if let Some(v) = self.solver {
            s.solver = v;
        }
        s.validate().map_err(Error::Settings)?;
        Ok(s)
    }
}

/// Runs `bimbing match`.
pub fn run(args: &MatchArgs) -> Result<()> {
    let started = Instant::now();
    let settings = args.settings()?;
    let (cohort, files) = read_cohort(&args.mentors, &args.mentees)?;
    let inputs: [&Path; 2] = [&args.mentors, &args.mentees];
    prepare_dir(&args.out, &OUTPUT_FILES, &inputs, args.force)?;
    let read_seconds = started.elapsed().as_secs_f64();

    let roster = match_cohort(&cohort, &settings)?;

    let roster_bytes = roster_csv(&cohort, &roster);
    let load_bytes = mentor_load_csv(&cohort, &roster);
    let timings = |total_seconds| RunTimings {
        read_seconds,
        stages: roster.timings,
        total_seconds,
    };
    let provisional = Summary::new(&cohort, &files, &settings, &roster, None);
    let total = started.elapsed().as_secs_f64();
    let summary = Summary {
        timings: (!args.reproducible).then(|| timings(total)),
        ..provisional
    };
    write_atomically(
        &args.out,
        &[
            (OUTPUT_FILES[0], roster_bytes),
            (OUTPUT_FILES[1], load_bytes),
            (OUTPUT_FILES[2], summary.to_json()),
        ],
    )?;
    if !args.quiet {
        print_summary(&summary, &args.out, started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// The terminal summary.
fn print_summary(s: &Summary, out_dir: &Path, seconds: f64) {
    let c = &s.counts;
    let t = &s.totals;
    out!(
        "matched     {}/{} mentees ({:.1}%)",
        c.matched,
        c.mentees,
        100.0 * t.coverage
    );
    out!(
        "score       total {:.6}, mean {:.6} (complementarity {:.3}, same unit {:.1}%)",
        t.total_score,
        t.mean_score,
        t.mean_complementarity,
        100.0 * t.same_unit_share
    );
    out!(
        "mentors     {}/{} used, {} slots",
        c.mentors_used,
        c.mentors,
        c.slots
    );
    out!(
        "unmatched   {}: {} with no eligible mentor at all, {} whose eligible mentors are all full",
        c.unmatched,
        c.unmatched_no_eligible_mentor,
        c.unmatched_eligible_mentors_full
    );
    out!(
        "solver      {} {} over {} eligible pairs ({})",
        match s.solver.method {
            SolverChoice::Network => "min-cost flow:",
            SolverChoice::Lp => "linear program:",
        },
        s.solver.status,
        c.eligible_pairs,
        if s.solver.detail.is_empty() {
            s.solver.lp_backend.as_str()
        } else {
            s.solver.detail.as_str()
        }
    );
    out!("time        {seconds:.3} s; files in {}", out_dir.display());
}
