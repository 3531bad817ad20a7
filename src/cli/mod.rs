//! Command-line interface: one file per subcommand, each owning its arguments and `run`.

pub mod compare;
pub mod diff;
pub mod explain;
pub mod generate;
pub mod letters;
pub mod matching;
pub mod people;

use clap::{Parser, Subcommand};

/// Proven-optimal mentoring rosters for civil-service HR planners.
#[derive(Debug, Parser)]
#[command(name = "bimbing", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pair every mentee with the mentor who best covers their gaps (proven optimal).
    Match(Box<matching::MatchArgs>),
    /// Run every scenario of a file in parallel and compare them side by side.
    Compare(compare::CompareArgs),
    /// Show the mentees whose mentor changed between two rosters.
    Diff(diff::DiffArgs),
    /// Explain one mentee's place in a written roster: the score, the gaps, the alternatives.
    Explain(explain::ExplainArgs),
    /// Write a realistic synthetic cohort (mentors.csv, mentees.csv).
    Generate(generate::GenerateArgs),
}

/// Exit codes.
pub mod exit {
    /// Finished.
    pub const OK: i32 = 0;
    /// Finished, but some scenario failed (the others were written).
    pub const PARTIAL: i32 = 1;
    /// Bad input, bad settings or a refused output: the planner must fix something.
    pub const BAD_INPUT: i32 = 2;
    /// A file could not be read or written (permissions, disk full).
    pub const IO: i32 = 3;
    /// The solver failed (a defect: please report it).
    pub const SOLVER: i32 = 4;
}

/// The exit code for a library error.
pub fn exit_code(error: &bimbing::error::Error) -> i32 {
    use bimbing::error::Error;
    if error.is_bad_input() {
        return exit::BAD_INPUT;
    }
    match error {
        Error::Io { .. } => exit::IO,
        _ => exit::SOLVER,
    }
}

/// Prints the warnings about the input files given so far ([`bimbing::input::warnings`]) to
/// stderr, each once: a command calls it once its inputs are read, and `main` before it
/// exits, so that none is lost.
pub fn print_warnings() -> Vec<String> {
    let mut out = Vec::new();
    for warning in bimbing::input::warnings::take() {
        let line = bimbing::model::terminal_safe(&warning.to_string()).into_owned();
        eprintln!("bimbing: warning: {line}");
        out.push(line);
    }
    out
}

/// Prints to stdout, treating a closed pipe (`| head`) as the end, not an error.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        let line = format!($($arg)*);
        if let Err(e) = writeln!(stdout, "{}", bimbing::model::terminal_safe(&line)) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// Prints a warning to stderr as `bimbing: warning: ...`, escaped like every terminal line.
/// Warnings show with `--quiet` too: they are not the summary, but something to check.
#[macro_export]
macro_rules! warning {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        eprintln!("bimbing: warning: {}", bimbing::model::terminal_safe(&line));
    }};
}

/// Checks the previous roster that `settings` name (read through their files) against the
/// cohort: refused (exit code 2, naming the file, and `scenario` when given) when none of
/// its pairs has both people in the cohort, or every such pair is one of an earlier roster
/// to avoid; a warning on stderr when most of its ids are not in the cohort. Names and ids
/// are never printed, only counts.
pub fn check_previous(
    cohort: &bimbing::model::Cohort,
    settings: &bimbing::settings::Settings,
    scenario: Option<&str>,
) -> bimbing::error::Result<()> {
    let Some(path) = &settings.rules.previous else {
        return Ok(());
    };
    let lines = settings.files.previous(path)?;
    let avoided = settings
        .rules
        .avoid_previous
        .iter()
        .map(|p| settings.files.avoided(p))
        .collect::<bimbing::error::Result<Vec<_>>>()?;
    let avoided: Vec<&[_]> = avoided.iter().map(|a| a.as_slice()).collect();
    let fit = bimbing::rules::previous::PreviousFit::new(&lines, cohort)
        .avoiding(&lines, &avoided, cohort);
    let prefix = scenario
        .map(|name| format!("scenario {name:?}: "))
        .unwrap_or_default();
    if let Some(problem) = fit.problem() {
        return Err(bimbing::error::InputError::file(path, format!("{prefix}{problem}")).into());
    }
    if let Some(warning) = fit.warning() {
        warning!("{}: {prefix}{warning}", path.display());
    }
    Ok(())
}

/// Counts, for each earlier roster to avoid that `settings` name (read through their
/// files), the pairs the cohort can no longer make (someone has left or changed role): a
/// warning ([`bimbing::input::warnings`]) naming the file and giving the counts, never an id
/// or a name; never an error. Call it before the warnings are taken, so that the terminal
/// shows them and summary.json records them.
pub fn check_avoid_previous(
    cohort: &bimbing::model::Cohort,
    settings: &bimbing::settings::Settings,
) -> bimbing::error::Result<()> {
    for path in &settings.rules.avoid_previous {
        let lines = settings.files.avoided(path)?;
        let fit = bimbing::rules::avoid::AvoidFit::new(&lines, cohort);
        if let Some(problem) = fit.warning() {
            bimbing::input::warnings::warn([bimbing::input::warnings::Warning {
                location: bimbing::error::Location {
                    file: path.clone(),
                    line: 0,
                    column: None,
                },
                problem,
            }]);
        }
    }
    Ok(())
}

/// Checks the mentors' SKP ratings under `min_mentor_performance` (when `settings` set it):
/// refused (exit code 2, naming the mentors file and `scenario` when given) when no mentor
/// is rated at all; a warning ([`bimbing::input::warnings`]) counting the mentors without a
/// rating, who mentor no one under the rule. Call it before the warnings are taken.
pub fn check_ratings(
    cohort: &bimbing::model::Cohort,
    settings: &bimbing::settings::Settings,
    mentors_file: &std::path::Path,
    scenario: Option<&str>,
) -> bimbing::error::Result<()> {
    let Some(fit) = bimbing::eligibility::RatingFit::new(cohort, settings) else {
        return Ok(());
    };
    let prefix = scenario
        .map(|name| format!("scenario {name:?}: "))
        .unwrap_or_default();
    if let Some(problem) = fit.problem() {
        return Err(
            bimbing::error::InputError::file(mentors_file, format!("{prefix}{problem}")).into(),
        );
    }
    if let Some(problem) = fit.warning() {
        bimbing::input::warnings::warn([bimbing::input::warnings::Warning {
            location: bimbing::error::Location {
                file: mentors_file.to_path_buf(),
                line: 0,
                column: None,
            },
            problem: format!("{prefix}{problem}"),
        }]);
    }
    Ok(())
}

/// Writes one file atomically (temporary name, then renamed into place), listed in its
/// folder's manifest as bimbing's.
pub fn write_file(path: &std::path::Path, bytes: Vec<u8>) -> bimbing::error::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        bimbing::error::Error::Output(format!("{}: not a file name", path.display()))
    })?;
    bimbing::report::write::write_owned(
        dir.unwrap_or(std::path::Path::new(".")),
        &[(name, bytes)],
        &[],
    )
}
