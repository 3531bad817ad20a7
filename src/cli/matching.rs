//! `bimbing match`: from two CSV files to a proven-optimal roster.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use bimbing::advice::{advise_plan, helps_most_text, Outcome};
use bimbing::error::{Error, Result};
use bimbing::input::people::read_people_keeping;
use bimbing::plan::Plan;
use bimbing::reload::recorded_inputs;
use bimbing::report::advice_csv::advice_files_in;
use bimbing::report::labels::Lang;
use bimbing::report::letters::letters;
use bimbing::report::origin::Extras;
use bimbing::report::summary::{RunTimings, Summary};
use bimbing::report::write::check_targets;
use bimbing::report::write::{check_export, write_folder};
use bimbing::report::{folder_files, html, roster_files_with, xlsx, RunInfo};
use bimbing::scenario::ScenarioFile;
use bimbing::settings::{Layer, Objective, Settings, SolverChoice, UnitSelection, UnitShare};
use bimbing::solve::Status;

use crate::out;

/// Arguments of `bimbing match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Mentors file (CSV or workbook, `FILE#Sheet` for a sheet: id, name, unit, grade,
    /// capacity, workload, k:<competency>...).
    #[arg(long, value_name = "FILE", required_unless_present_any = ["scenario", "staff"])]
    pub mentors: Option<PathBuf>,
    /// Mentees file (CSV or workbook: id, name, unit, grade, k:<competency>...,
    /// target:<competency>...).
    #[arg(long, value_name = "FILE", required_unless_present_any = ["scenario", "staff"])]
    pub mentees: Option<PathBuf>,
    /// Where the people come from and how their files are read.
    #[command(flatten)]
    pub people: crate::cli::people::PeopleArgs,
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
    #[arg(long, allow_negative_numbers = true)]
    pub target: Option<f64>,
    /// Mentees per mentor where the capacity cell is empty [default: 3].
    #[arg(long, allow_negative_numbers = true)]
    pub capacity: Option<u32>,
    /// Grade steps a mentor must be above the mentee [default: 1].
    #[arg(long, allow_negative_numbers = true)]
    pub min_grade_gap: Option<i32>,
    /// Only mentors with at least this SKP rating (the performance column: Sangat Baik,
    /// Baik, Butuh Perbaikan, Kurang, Sangat Kurang) may mentor [default: none].
    #[arg(long, value_name = "RATING")]
    pub min_mentor_performance: Option<bimbing::model::Performance>,
    /// Exact method: network (min-cost flow) or lp (good_lp) [default: network].
    #[arg(long, ignore_case = true)]
    pub solver: Option<SolverChoice>,
    /// Pairs per mentee the network method starts from before pricing in the rest
    /// (0 = every eligible pair) [default: 40].
    #[arg(long, allow_negative_numbers = true)]
    pub candidates: Option<usize>,
    /// Price only when mentees x mentors exceeds this [default: 1000000].
    #[arg(long, allow_negative_numbers = true)]
    pub price_above: Option<u64>,
    /// Pair only people with the same `scope` (e.g. agency); the parts are solved apart,
    /// in parallel.
    #[arg(long)]
    pub same_scope_only: bool,
    /// Pairs file (CSV: mentee_id, mentor_id, rule) whose rule `lock` puts a pair in the
    /// roster and `forbid` keeps it out.
    #[arg(long, value_name = "CSV")]
    pub pairs: Option<PathBuf>,
    /// An earlier roster.csv: keeping one of its pairs earns --continuity-bonus, and the
    /// summary counts the pairs that changed.
    #[arg(long, value_name = "CSV")]
    pub previous: Option<PathBuf>,
    /// An earlier roster.csv (or a two-column mentee_id, mentor_id file) none of whose pairs
    /// is made again; repeat it for several rounds. Replaces the settings' avoid_previous.
    #[arg(long, value_name = "CSV")]
    pub avoid_previous: Vec<PathBuf>,
    /// Score added to a pair of the previous roster [default: 0.05].
    #[arg(long, allow_negative_numbers = true)]
    pub continuity_bonus: Option<f64>,
    /// What to maximise after the matched count: total, or fair (the highest lowest score
    /// first) [default: total].
    #[arg(long, ignore_case = true)]
    pub objective: Option<Objective>,
    /// Pair every mentee only with a mentor of their own unit.
    #[arg(long, conflicts_with = "cross_unit_only")]
    pub same_unit_only: bool,
    /// Pair every mentee only with a mentor of another unit.
    #[arg(long)]
    pub cross_unit_only: bool,
    /// At most this share of each unit's matched mentees may have a mentor from another unit.
    #[arg(long, value_name = "SHARE", allow_negative_numbers = true)]
    pub max_cross_unit_share: Option<f64>,
    /// At least this share of each unit's matched mentees must have a mentor of their unit.
    #[arg(long, value_name = "SHARE", allow_negative_numbers = true)]
    pub min_same_unit_share: Option<f64>,
    /// Mentees every mentor should get when possible, where the min_mentees cell is empty
    /// [default: 0].
    #[arg(long, allow_negative_numbers = true)]
    pub min_mentees: Option<u32>,
    /// Hours a mentor spends per mentee (turns on the hour budget) [default: 0].
    #[arg(long, allow_negative_numbers = true)]
    pub hours_per_mentee: Option<f64>,
    /// Hours a mentor already spends, where the hours_used cell is empty [default: 0].
    #[arg(long, allow_negative_numbers = true)]
    pub hours_used: Option<f64>,
    /// A mentor's hour budget, where the max_hours cell is empty.
    #[arg(long, allow_negative_numbers = true)]
    pub max_hours: Option<f64>,
    /// Time limit in seconds for each integer program, and for the Lagrangian relaxation of
    /// unit shares with its branch and bound [default: 60].
    #[arg(long, allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
    /// Unit shares: when the Lagrangian relaxation does not prove its roster optimal, an
    /// integer program up to this many pairs [default: 10000].
    #[arg(long, allow_negative_numbers = true)]
    pub mip_pairs: Option<usize>,
    /// Also write an Excel workbook (sheets Roster, Mentors, Units, Summary) to this path.
    #[arg(long, value_name = "PATH")]
    pub xlsx: Option<PathBuf>,
    /// Also write a one-page, self-contained HTML report with charts to this path.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// The letters to send out, and the columns that pass through.
    #[command(flatten)]
    pub letters: crate::cli::letters::LetterArgs,
    /// Language of CSV headers, workbook and HTML: en or id (Bahasa Indonesia).
    #[arg(long, default_value = "en", ignore_case = true)]
    pub lang: Lang,
    /// Replace results already in the output folder.
    #[arg(long)]
    pub force: bool,
    /// Leave wall-clock times out of summary.json, so that reruns are byte-identical.
    #[arg(long)]
    pub reproducible: bool,
    /// Print nothing on success.
    #[arg(long, short)]
    pub quiet: bool,
    /// Leave out advice.csv and advice_units.csv (and their computation: under unit shares
    /// it takes longer than the match).
    #[arg(long)]
    pub no_advice: bool,
}

/// What a match runs on: the two files, the settings, and the scenario if one was named.
struct Request {
    mentors: PathBuf,
    mentees: PathBuf,
    settings: Settings,
    scenario: Option<(PathBuf, String)>,
}

impl MatchArgs {
    /// The files and validated settings: a scenario's (or a settings file's, or the
    /// defaults), then the flags.
    fn plan(&self) -> Result<Request> {
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
                Request {
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
                Request {
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
        let mut flags = Layer::default();
        macro_rules! flag {
            ($key:literal, $value:expr) => {
                if let Some(value) = $value {
                    flags.set($key, value).map_err(Error::Settings)?;
                }
            };
        }
        flag!("weights.complementarity", self.weight_complementarity);
        flag!("weights.unit", self.weight_unit);
        flag!("weights.workload", self.weight_workload);
        flag!("target", self.target);
        flag!("capacity", self.capacity);
        flag!("min_grade_gap", self.min_grade_gap);
        flag!("min_mentor_performance", self.min_mentor_performance);
        flag!("solver", self.solver);
        flag!("candidates", self.candidates);
        flag!("price_above", self.price_above);
        flag!("same_scope_only", self.same_scope_only.then_some(true));
        flag!(
            "same_unit_only",
            self.same_unit_only.then_some(UnitSelection::All(true))
        );
        flag!(
            "cross_unit_only",
            self.cross_unit_only.then_some(UnitSelection::All(true))
        );
        flag!(
            "max_cross_unit_share",
            self.max_cross_unit_share.map(UnitShare::All)
        );
        flag!(
            "min_same_unit_share",
            self.min_same_unit_share.map(UnitShare::All)
        );
        flag!("min_mentees", self.min_mentees);
        flag!("hours_per_mentee", self.hours_per_mentee);
        flag!("hours_used", self.hours_used);
        flag!("max_hours", self.max_hours);
        flag!("objective", self.objective);
        flag!("continuity_bonus", self.continuity_bonus);
        flag!("time_limit", self.time_limit);
        flag!("mip_pairs", self.mip_pairs);
        plan.settings = plan.settings.with(&flags).map_err(Error::Settings)?;
        // Paths are not TOML values: a flag's path is used as given.
        if let Some(p) = &self.pairs {
            plan.settings.rules.pairs = Some(p.clone());
        }
        if let Some(p) = &self.previous {
            plan.settings.rules.previous = Some(p.clone());
        }
        if !self.avoid_previous.is_empty() {
            plan.settings.rules.avoid_previous = self.avoid_previous.clone();
        }
        Ok(plan)
    }
}

/// Runs `bimbing match`; returns the exit code.
pub fn run(args: &MatchArgs) -> Result<i32> {
    let started = Instant::now();
    let plan = args.plan()?;
    args.people.apply_columns()?;
    let given = |p: &PathBuf| (!p.as_os_str().is_empty()).then(|| p.clone());
    let sources = args
        .people
        .sources(given(&plan.mentors), given(&plan.mentees));
    let (cohort, mut files, kept) = read_people_keeping(&sources, &args.letters.keep())?;
    if let Some(path) = &args.people.columns {
        files.columns = Some(bimbing::input::people::RecordedFile::of(path)?);
    }
    let people_files: Vec<PathBuf> = [&plan.mentors, &plan.mentees]
        .into_iter()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| bimbing::input::people::split_sheet(p).0)
        .chain(args.people.files())
        .collect();
    let mut inputs: Vec<&Path> = people_files.iter().map(PathBuf::as_path).collect();
    if let Some((file, _)) = &plan.scenario {
        inputs.push(file);
    }
    inputs.extend(plan.settings.rules.pairs.as_deref());
    inputs.extend(plan.settings.rules.previous.as_deref());
    inputs.extend(
        plan.settings
            .rules
            .avoid_previous
            .iter()
            .map(PathBuf::as_path),
    );
    check_targets(&args.out, &folder_files(), &inputs, args.force)?;
    let mut outputs: Vec<PathBuf> = folder_files().iter().map(|f| args.out.join(f)).collect();
    // Each export is checked against the folder's files and the export before it: two
    // exports to one path would lose one of them.
    for path in [&args.xlsx, &args.html].into_iter().flatten() {
        check_export(path, &inputs, &outputs, args.force)?;
        outputs.push(path.clone());
    }
    let exports: Vec<&Path> = [&args.xlsx, &args.html]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .collect();
    args.letters.check(&[], &inputs, &exports, args.force)?;
    plan.settings.check_units(&cohort)?;
    plan.settings.load_files()?;
    crate::cli::check_avoid_previous(&cohort, &plan.settings)?;
    crate::cli::check_ratings(&cohort, &plan.settings, &files.mentors.path, None)?;
    let warnings = crate::cli::people::warnings_checked(args.people.strict)?;
    crate::cli::check_previous(&cohort, &plan.settings, None)?;
    let read_seconds = started.elapsed().as_secs_f64();

    let match_plan = Plan::new(&cohort, &plan.settings);
    let roster = bimbing::roster::match_plan(&cohort, &plan.settings, &match_plan)?;

    let timings = (!args.reproducible).then(|| RunTimings {
        read_seconds,
        stages: roster.timings,
        total_seconds: started.elapsed().as_secs_f64(),
    });
    let scenario = plan.scenario.as_ref().map(|(_, name)| name.as_str());
    let extras = Extras::new(&cohort, &plan.settings, &roster, Some(&kept))?;
    let run = RunInfo {
        scenario,
        timings,
        robustness: None,
        lang: args.lang,
        warnings,
        extras: Some(&extras),
    };
    let inputs = recorded_inputs(&files, &plan.settings, &args.out);
    let (mut files_out, summary) =
        roster_files_with(&cohort, &inputs, &plan.settings, &roster, &run)?;
    let advice = if args.no_advice {
        None
    } else {
        Some(advise_plan(&cohort, &plan.settings, &match_plan, &roster)?)
    };
    let (advice, no_advice) = match advice {
        Some(Outcome::Given(a)) => (Some(a), None),
        Some(Outcome::NotComputed(why)) => (None, Some(why)),
        None => (None, None),
    };
    if let Some(advice) = &advice {
        files_out.extend(advice_files_in(&cohort, advice, args.lang));
    }
    write_folder(&args.out, &files_out, &folder_files())?;
    if let Some(path) = &args.xlsx {
        crate::cli::write_file(
            path,
            xlsx::roster_workbook(&cohort, &roster, &summary, &extras, args.lang)?,
        )?;
    }
    if let Some(path) = &args.html {
        crate::cli::write_file(
            path,
            html::roster_html(&cohort, &roster, &summary, args.lang)?,
        )?;
    }
    let sent = args.letters.letters.as_ref().map(|dir| {
        let pages = letters(
            &cohort,
            &roster,
            &plan.settings,
            &extras,
            scenario,
            args.lang,
        );
        (dir, pages)
    });
    if let Some((dir, pages)) = &sent {
        crate::cli::letters::write_letters(dir, pages)?;
    }
    if !args.quiet {
        print_summary(&summary, &args.out, started.elapsed().as_secs_f64());
        if let Some((dir, pages)) = &sent {
            out!(
                "letters     {} to mentors, {} for units, and an index, in {}",
                pages.mentors,
                pages.units,
                dir.display()
            );
        }
        if let Some(advice) = &advice {
            out!("{}", helps_most_text(advice).trim_end());
        } else if let Some(why) = no_advice {
            out!("advice      not written: {why}");
        } else {
            out!("advice      not written (--no-advice)");
        }
    }
    Ok(match roster.status {
        Status::Optimal => crate::cli::exit::OK,
        Status::TimeLimit | Status::Feasible | Status::Infeasible => crate::cli::exit::PARTIAL,
    })
}

/// The terminal's unmatched line after its label: the count, and each reason with its count,
/// so that the reasons add up to the count. The two reasons of every match always show;
/// those of the planner's rules (held back by a unit share, the rules cannot all hold) when
/// they hold anyone.
fn unmatched_breakdown(s: &Summary) -> String {
    let c = &s.counts;
    let mut parts = vec![
        format!(
            "{} with no eligible mentor at all",
            c.unmatched_no_eligible_mentor
        ),
        format!(
            "{} whose eligible mentors are all full",
            c.unmatched_eligible_mentors_full
        ),
    ];
    let (share, cannot) = s.rules.as_ref().map_or((0, 0), |r| {
        (r.unmatched_unit_share_rule, r.unmatched_rules_cannot_hold)
    });
    if share > 0 {
        parts.push(format!("{share} held back by the unit share rule"));
    }
    if cannot > 0 {
        parts.push(format!(
            "{cannot} left out because the rules cannot all hold"
        ));
    }
    debug_assert_eq!(
        c.unmatched_no_eligible_mentor + c.unmatched_eligible_mentors_full + share + cannot,
        c.unmatched,
        "every unmatched mentee has one reason"
    );
    format!("{}: {}", c.unmatched, parts.join(", "))
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
    out!("unmatched   {}", unmatched_breakdown(s));
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
    if let Some(st) = &s.stability {
        out!(
            "stability   {} blocking pairs (a mentee and a mentor who would both rather be together; blocking_pairs.csv)",
            st.blocking_pairs
        );
    }
    if let Some(r) = &s.rules {
        if let Some(c) = &r.continuity {
            out!(
                "continuity  {} of {} previous pairs kept, {} changed",
                c.kept,
                c.previous_pairs,
                c.changed
            );
        }
        for f in r.findings.iter().take(5) {
            out!("rule        {} ({})", f.message, f.relax);
        }
        if r.findings.len() > 5 {
            out!(
                "rule        ... {} more findings in summary.json",
                r.findings.len() - 5
            );
        }
    }
    out!("time        {seconds:.3} s; files in {}", out_dir.display());
}
