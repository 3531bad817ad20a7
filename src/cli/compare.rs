//! `bimbing compare`: every scenario of a file, in parallel, side by side.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use bimbing::compare::Comparison;
use bimbing::error::{Error, Result};
use bimbing::input::people::{read_people_keeping, PeopleSources};
use bimbing::reload::recorded_inputs;
use bimbing::report::advice_csv::advice_files_in;
use bimbing::report::comparison::{ComparisonFormat, Csv, Json, Markdown, Table};
use bimbing::report::labels::Lang;
use bimbing::report::letters::{letters, scenarios_index};
use bimbing::report::origin::Extras;
use bimbing::report::summary::{RobustnessReport, RunTimings};
use bimbing::report::write::{
    check_export, check_targets, remove_stale, write_folder, write_owned,
};
use bimbing::report::{folder_files, html, roster_files_with, xlsx, RunInfo};
use bimbing::scenario::{run_scenarios_perturbed, ScenarioFile};

use crate::cli::exit;

/// Files `compare` writes at the top of `--out`.
pub const COMPARISON_FILES: [&str; 3] = ["comparison.csv", "comparison.md", "comparison.json"];

/// Arguments of `bimbing compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario file (TOML).
    #[arg(value_name = "SCENARIOS")]
    pub file: PathBuf,
    /// Re-solve each scenario with each weight moved up and down by this much (`10%` or
    /// `0.1`) and report, per mentee, whether the pair survives all six.
    #[arg(
        long,
        value_name = "FRACTION",
        value_parser = bimbing::robust::parse_fraction,
        allow_hyphen_values = true
    )]
    pub perturb: Option<f64>,
    /// Also write an Excel workbook (Comparison, Summary, and each scenario's Roster, Mentors
    /// and Units) to this path.
    #[arg(long, value_name = "PATH")]
    pub xlsx: Option<PathBuf>,
    /// Also write a one-page, self-contained HTML report with charts to this path.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// The letters to send out (DIR/<scenario>/), and the columns that pass through.
    #[command(flatten)]
    pub letters: crate::cli::letters::LetterArgs,
    /// Language of CSV headers, workbook and HTML: en or id (Bahasa Indonesia).
    #[arg(long, default_value = "en", ignore_case = true)]
    pub lang: Lang,
    /// Output folder: one subfolder per scenario, plus the comparison.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also write the comparison as CSV to this path (`-` for stdout).
    #[arg(long, value_name = "PATH")]
    pub export_csv: Option<PathBuf>,
    /// Also write the comparison as JSON to this path (`-` for stdout).
    #[arg(long, value_name = "PATH")]
    pub export_json: Option<PathBuf>,
    /// Also write the comparison as Markdown to this path (`-` for stdout).
    #[arg(long, value_name = "PATH")]
    pub export_markdown: Option<PathBuf>,
    /// Worker threads [default: all cores, or RAYON_NUM_THREADS].
    #[arg(long, allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// Replace results already in the output folder.
    #[arg(long)]
    pub force: bool,
    /// Leave wall-clock times out of every output, so that reruns are byte-identical.
    #[arg(long)]
    pub reproducible: bool,
    /// Do not print the comparison table.
    #[arg(long, short)]
    pub quiet: bool,
    /// A columns file (TOML, `[columns] "Header as written" = "unit"`) mapping the
    /// planner's own header names to the columns bimbing reads.
    #[arg(long, value_name = "TOML")]
    pub columns: Option<PathBuf>,
    /// Stop with exit code 2 when the input gives any warning.
    #[arg(long)]
    pub strict: bool,
}

/// Runs `bimbing compare`; returns 0, or 1 when a scenario failed.
pub fn run(args: &CompareArgs) -> Result<i32> {
    let started = Instant::now();
    let file = ScenarioFile::from_path(&args.file)?;
    if let Some(path) = &args.columns {
        bimbing::input::headers::set_columns(bimbing::input::headers::ColumnMap::read(path)?);
    }
    let sources = PeopleSources {
        mentors: Some(file.mentors.clone()),
        mentees: Some(file.mentees.clone()),
        ..PeopleSources::default()
    };
    let (cohort, mut files, kept) = read_people_keeping(&sources, &args.letters.keep())?;
    if let Some(path) = &args.columns {
        files.columns = Some(bimbing::input::people::RecordedFile::of(path)?);
    }
    // Every scenario's rules are checked against the cohort, and its rule files read, before
    // any work: a bad pairs file of the last scenario stops the comparison at once.
    for s in &file.scenarios {
        s.settings
            .check_units(&cohort)
            .and_then(|()| s.settings.load_files())
            .map_err(|e| match e {
                Error::Settings(m) => Error::Settings(format!("scenario {:?}: {m}", s.name)),
                e => e,
            })?;
    }
    // Each previous roster once with each list of rosters to avoid (scenarios that share
    // them share its warning).
    let mut checked: Vec<(&Path, &[PathBuf])> = Vec::new();
    for s in &file.scenarios {
        if let Some(path) = s.settings.rules.previous.as_deref() {
            let key = (path, s.settings.rules.avoid_previous.as_slice());
            if !checked.contains(&key) {
                checked.push(key);
                crate::cli::check_previous(&cohort, &s.settings, Some(&s.name))?;
            }
        }
        crate::cli::check_avoid_previous(&cohort, &s.settings)?;
        crate::cli::check_ratings(&cohort, &s.settings, &files.mentors.path, Some(&s.name))?;
    }
    let mut inputs: Vec<&Path> = vec![&file.mentors, &file.mentees, &args.file];
    for s in &file.scenarios {
        inputs.extend(s.settings.rules.pairs.as_deref());
        inputs.extend(s.settings.rules.previous.as_deref());
        inputs.extend(s.settings.rules.avoid_previous.iter().map(PathBuf::as_path));
    }
    check_targets(&args.out, &COMPARISON_FILES, &inputs, args.force)?;
    for s in &file.scenarios {
        check_targets(
            &args.out.join(&s.name),
            &folder_files(),
            &inputs,
            args.force,
        )?;
    }
    let exports = [
        (&args.export_csv, &Csv as &dyn ComparisonFormat),
        (&args.export_json, &Json),
        (&args.export_markdown, &Markdown),
    ];
    let mut outputs: Vec<PathBuf> = COMPARISON_FILES.iter().map(|f| args.out.join(f)).collect();
    for s in &file.scenarios {
        let dir = args.out.join(&s.name);
        outputs.extend(folder_files().iter().map(|f| dir.join(f)));
    }
    // Each export is checked against the folders' files and the exports before it: two
    // exports to one path would lose one of them.
    for path in [&args.xlsx, &args.html].into_iter().flatten() {
        check_export(path, &inputs, &outputs, args.force)?;
        outputs.push(path.clone());
    }
    for (path, _) in &exports {
        if let Some(path) = path.as_ref().filter(|p| !is_stdout(p)) {
            check_export(path, &inputs, &outputs, args.force)?;
            outputs.push(path.clone());
        }
    }
    let export_paths: Vec<&Path> = [&args.xlsx, &args.html]
        .into_iter()
        .chain(exports.iter().map(|(p, _)| *p))
        .flatten()
        .map(PathBuf::as_path)
        .filter(|p| !is_stdout(p))
        .collect();
    let names: Vec<&str> = file.scenarios.iter().map(|s| s.name.as_str()).collect();
    args.letters
        .check(&names, &inputs, &export_paths, args.force)?;
    let read_seconds = started.elapsed().as_secs_f64();
    let warnings = crate::cli::people::warnings_checked(args.strict)?;

    let bar = progress_bar(file.scenarios.len());
    let on_done = |_: &str| bar.inc(1);
    let outcomes = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| Error::Settings(format!("--threads: {e}")))?
            .install(|| run_scenarios_perturbed(&cohort, &file.scenarios, args.perturb, &on_done)),
        None => run_scenarios_perturbed(&cohort, &file.scenarios, args.perturb, &on_done),
    };
    bar.finish_and_clear();

    remove_gone_scenarios(&args.out, &file)?;
    let mut failed = 0;
    let mut sent = Vec::new();
    for outcome in &outcomes {
        let letters_dir = args
            .letters
            .letters
            .as_ref()
            .map(|d| d.join(&outcome.scenario.name));
        let Ok(roster) = &outcome.result else {
            failed += 1;
            // An earlier run's files would contradict the comparison's failed row.
            remove_stale(&args.out.join(&outcome.scenario.name), &[], &folder_files())?;
            if let Some(dir) = &letters_dir {
                crate::cli::letters::clear_letters(dir)?;
            }
            sent.push((outcome.scenario.name.clone(), None));
            continue;
        };
        if roster.status != bimbing::solve::Status::Optimal {
            failed += 1;
        }
        let timings = (!args.reproducible).then_some(RunTimings {
            read_seconds,
            stages: roster.timings,
            total_seconds: outcome.seconds,
        });
        let robustness = match &outcome.robustness {
            Some(Ok(r)) => Some(RobustnessReport {
                fraction: r.fraction,
                robust_mentees: r.robust_count(),
                robust_share: r.share,
            }),
            Some(Err(_)) | None => None,
        };
        let settings = &outcome.scenario.settings;
        let extras = Extras::new(&cohort, settings, roster, Some(&kept))?;
        let run = RunInfo {
            scenario: Some(&outcome.scenario.name),
            timings,
            robustness,
            lang: args.lang,
            warnings: warnings.clone(),
            extras: Some(&extras),
        };
        let dir = args.out.join(&outcome.scenario.name);
        let inputs = recorded_inputs(&files, &outcome.scenario.settings, &dir);
        let (mut bytes, _) =
            roster_files_with(&cohort, &inputs, &outcome.scenario.settings, roster, &run)?;
        if let Some(advice) = &outcome.advice {
            bytes.extend(advice_files_in(&cohort, advice, args.lang));
        }
        if let Some(Ok(r)) = &outcome.robustness {
            bytes.push((
                bimbing::robust::ROBUSTNESS_FILE,
                bimbing::report::audit_csv::robustness_csv(&cohort, roster, r, args.lang),
            ));
        }
        write_folder(&dir, &bytes, &folder_files())?;
        if let Some(dir) = &letters_dir {
            let name = Some(outcome.scenario.name.as_str());
            let pages = letters(&cohort, roster, settings, &extras, name, args.lang);
            crate::cli::letters::write_letters(dir, &pages)?;
            sent.push((
                outcome.scenario.name.clone(),
                Some((pages.mentors, pages.units)),
            ));
        }
    }
    if let Some(dir) = &args.letters.letters {
        crate::cli::letters::write_scenarios_index(dir, scenarios_index(args.lang, &sent))?;
    }
    let comparison = Comparison::new(&outcomes, &cohort, !args.reproducible);
    write_owned(
        &args.out,
        &[
            (COMPARISON_FILES[0], Csv.render_in(&comparison, args.lang)),
            (
                COMPARISON_FILES[1],
                Markdown.render_in(&comparison, args.lang),
            ),
            (COMPARISON_FILES[2], Json.render_in(&comparison, args.lang)),
        ],
        &[],
    )?;
    if let Some(path) = &args.xlsx {
        let bytes = xlsx::comparison_workbook(
            &cohort,
            &files,
            &outcomes,
            &comparison,
            Some(&kept),
            args.lang,
        )?;
        crate::cli::write_file(path, bytes)?;
    }
    if let Some(path) = &args.html {
        let bytes = html::comparison_html(&cohort, &files, &outcomes, &comparison, args.lang)?;
        crate::cli::write_file(path, bytes)?;
    }
    let mut stdout_taken = false;
    for (path, format) in exports {
        if let Some(path) = path {
            let bytes = format.render_in(&comparison, args.lang);
            if is_stdout(path) {
                stdout_taken = true;
                write_stdout(&bytes);
            } else {
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .ok_or_else(|| Error::Output(format!("{}: not a file name", path.display())))?;
                write_owned(dir.unwrap_or(Path::new(".")), &[(name, bytes)], &[])?;
            }
        }
    }
    if !args.quiet && !stdout_taken {
        let table = Table.render_in(&comparison, args.lang);
        let table = String::from_utf8_lossy(&table);
        write_stdout(bimbing::model::terminal_safe(&table).as_bytes());
        let helps = helps_most_lines(&outcomes);
        if !helps.is_empty() {
            crate::out!(
                "Where an extra mentor helps most (one more mentor with the unit's typical profile; top 3 units per scenario):"
            );
            for line in helps {
                crate::out!("{line}");
            }
        }
        if let Some(dir) = &args.letters.letters {
            let mentors: usize = sent.iter().filter_map(|(_, c)| c.map(|c| c.0)).sum();
            crate::out!(
                "Letters: {mentors} to mentors and the lists for the units, per scenario, in {}",
                dir.display()
            );
        }
        crate::out!(
            "{} scenarios in {:.2} s; files in {}",
            outcomes.len(),
            started.elapsed().as_secs_f64(),
            args.out.display()
        );
    }
    Ok(if failed > 0 { exit::PARTIAL } else { exit::OK })
}

/// One line per scenario with advice: its three units where one more typical mentor raises
/// the optimum most (see [`bimbing::advice::helps_most`]).
fn helps_most_lines(outcomes: &[bimbing::scenario::ScenarioOutcome]) -> Vec<String> {
    let width = outcomes
        .iter()
        .map(|o| o.scenario.name.chars().count())
        .max()
        .unwrap_or(0);
    outcomes
        .iter()
        .filter_map(|o| {
            let advice = o.advice.as_ref()?;
            let top = bimbing::advice::helps_most(&advice.units, 3);
            let units = if top.is_empty() {
                "nowhere: one more mentor would not improve the roster".to_string()
            } else {
                top.iter()
                    .map(|u| {
                        format!(
                            "{} ({:+} matched, score {:+.3})",
                            u.label(),
                            u.extra_matched,
                            u.extra_score
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            Some(format!("  {:<width$}  {units}", o.scenario.name))
        })
        .collect()
}

/// Removes the folders of the scenarios an earlier comparison in `out` had and this one has
/// not (as the earlier `comparison.json` names them, when bimbing wrote it unchanged): their
/// files bimbing wrote go, and the folder when nothing else is left in it, so that the
/// folder never shows results of a scenario the file no longer holds. A file of the user's
/// stays, and with it its folder.
fn remove_gone_scenarios(out: &Path, file: &ScenarioFile) -> Result<()> {
    let earlier = out.join(COMPARISON_FILES[2]);
    if !bimbing::report::write::written_by_bimbing(&earlier) {
        return Ok(());
    }
    let Ok(json) = std::fs::read(&earlier)
        .map_err(|_| ())
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).map_err(|_| ()))
    else {
        return Ok(());
    };
    let names = json["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["scenario"].as_str());
    for name in names {
        let one_folder = Path::new(name).components().count() == 1
            && !name.starts_with('.')
            && !name.contains(['/', '\\']);
        if !one_folder || file.scenario(name).is_some() {
            continue;
        }
        let dir = out.join(name);
        if dir.is_dir() {
            remove_stale(&dir, &[], &folder_files())?;
            // Only an empty folder goes; one holding anything else stays.
            let _ = std::fs::remove_dir(&dir);
        }
    }
    Ok(())
}

fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn write_stdout(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(exit::OK);
        }
    }
}

/// A progress bar on stderr, drawn only when stderr is a terminal and the batch is not tiny.
fn progress_bar(len: usize) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} scenarios {pos}/{len} [{bar:30}] {elapsed}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
