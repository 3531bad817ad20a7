//! `bimbing match`: from two CSV files to a proven-optimal roster.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use bimbing::error::{Error, Result};
use bimbing::input::read_cohort;
use bimbing::report::summary::{RunTimings, Summary};
use bimbing::report::write::{check_targets, write_atomically};
use bimbing::report::{roster_files, ROSTER_FILES};
use bimbing::roster::match_cohort;
use bimbing::scenario::ScenarioFile;
use bimbing::settings::{Settings, SettingsPatch, SolverChoice, WeightsPatch};

use crate::out;

/// Arguments of `bimbing match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Mentors file (CSV: id, name, unit, grade, capacity, workload, k:<competency>...).
    #[arg(long, value_name = "CSV", required_unless_present = "scenario")]
    pub mentors: Option<PathBuf>,
    /// Mentees file (CSV: id, name, unit, grade, k:<competency>..., target:<competency>...).
    #[arg(long, value_name = "CSV", required_unless_present = "scenario")]
    pub mentees: Option<PathBuf>,
    /// Output folder (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Scenario file (TOML) to take the files and settings from; needs --name.
    #[arg(
        long,
        value_name = "TOML",
        requires = "name",
        conflicts_with = "settings"
    )]
    pub scenario: Option<PathBuf>,
    /// The scenario of --scenario to run.
    #[arg(long, requires = "scenario")]
    pub name: Option<String>,
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
    /// Pairs per mentee the network method starts from before pricing in the rest
    /// (0 = every eligible pair) [default: 40].
    #[arg(long)]
    pub candidates: Option<usize>,
    /// Price only when mentees x mentors exceeds this [default: 1000000].
    #[arg(long)]
    pub price_above: Option<u64>,
    /// Pair only people with the same `scope` (e.g. agency); the parts are solved apart,
    /// in parallel.
    #[arg(long)]
    pub same_scope_only: bool,
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

/// What a match runs on: the two files, the settings, and the scenario if one was named.
struct Plan {
    mentors: PathBuf,
    mentees: PathBuf,
    settings: Settings,
    scenario: Option<(PathBuf, String)>,
}

impl MatchArgs {
    /// The files and validated settings: a scenario's (or a settings file's, or the
    /// defaults), then the flags.
    fn plan(&self) -> Result<Plan> {
        let mut plan = match (&self.scenario, &self.name) {
            (Some(file), Some(name)) => {
                let f = ScenarioFile::from_path(file)?;
                let s = f.scenario(name).ok_or_else(|| {
                    let names: Vec<&str> = f.scenarios.iter().map(|s| s.name.as_str()).collect();
                    Error::Settings(format!(
                        "{}: no scenario named {name:?} (the file has: {})",
                        file.display(),
                        names.join(", ")
                    ))
                })?;
                let settings = s.settings.clone();
                Plan {
                    mentors: f.mentors.clone(),
                    mentees: f.mentees.clone(),
                    settings,
                    scenario: Some((file.clone(), name.clone())),
                }
            }
            _ => {
                let settings = match &self.settings {
                    Some(path) => Settings::from_file(path)?,
                    None => Settings::default(),
                };
                Plan {
                    mentors: PathBuf::new(),
                    mentees: PathBuf::new(),
                    settings,
                    scenario: None,
                }
            }
        };
        if let Some(p) = &self.mentors {
            plan.mentors = p.clone();
        }
        if let Some(p) = &self.mentees {
            plan.mentees = p.clone();
        }
        let flags = SettingsPatch {
            weights: Some(WeightsPatch {
                complementarity: self.weight_complementarity,
                unit: self.weight_unit,
                workload: self.weight_workload,
            }),
            target: self.target,
            capacity: self.capacity,
            min_grade_gap: self.min_grade_gap,
            solver: self.solver,
            candidates: self.candidates,
            price_above: self.price_above,
            same_scope_only: self.same_scope_only.then_some(true),
            ..SettingsPatch::default()
        };
        plan.settings = plan.settings.patched(&flags).map_err(Error::Settings)?;
        Ok(plan)
    }
}

/// Runs `bimbing match`; returns the exit code.
pub fn run(args: &MatchArgs) -> Result<i32> {
    let started = Instant::now();
    let plan = args.plan()?;
    let (cohort, files) = read_cohort(&plan.mentors, &plan.mentees)?;
    let mut inputs: Vec<&Path> = vec![&plan.mentors, &plan.mentees];
    if let Some((file, _)) = &plan.scenario {
        inputs.push(file);
    }
    check_targets(&args.out, &ROSTER_FILES, &inputs, args.force)?;
    let read_seconds = started.elapsed().as_secs_f64();

    let roster = match_cohort(&cohort, &plan.settings)?;

    let timings = (!args.reproducible).then(|| RunTimings {
        read_seconds,
        stages: roster.timings,
        total_seconds: started.elapsed().as_secs_f64(),
    });
    let scenario = plan.scenario.as_ref().map(|(_, name)| name.as_str());
    let files_out = roster_files(&cohort, &files, &plan.settings, &roster, scenario, timings);
    write_atomically(&args.out, &files_out)?;
    if !args.quiet {
        let summary = Summary::new(&cohort, &files, &plan.settings, &roster, None);
        print_summary(&summary, &args.out, started.elapsed().as_secs_f64());
    }
    Ok(crate::cli::exit::OK)
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
