//! `bimbing generate`: a realistic synthetic cohort.

use std::path::PathBuf;

use clap::Args;

use bimbing::error::{Error, Result};
use bimbing::generate::{generate, GenerateSpec, Preset};

use crate::out;

/// Arguments of `bimbing generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of mentees [default: the preset's].
    #[arg(long, allow_negative_numbers = true)]
    pub mentees: Option<usize>,
    /// Number of mentors [default: the preset's].
    #[arg(long, allow_negative_numbers = true)]
    pub mentors: Option<usize>,
    /// Random seed; the same seed gives the same files.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub seed: u64,
    /// Kind of cohort: custom, medan, city-dense, national.
    #[arg(long, default_value = "custom")]
    pub preset: Preset,
    /// Output folder (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Runs `bimbing generate`.
pub fn run(args: &GenerateArgs) -> Result<i32> {
    let mut spec = GenerateSpec::preset_defaults(args.preset, args.seed);
    if let Some(n) = args.mentees {
        spec.mentees = n;
    }
    if let Some(n) = args.mentors {
        spec.mentors = n;
    }
    spec.check().map_err(Error::Settings)?;
    let summary = generate(&spec, &args.out).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Output(e.to_string()),
        std::io::ErrorKind::InvalidInput => Error::Settings(e.to_string()),
        _ => Error::io(&args.out, e),
    })?;
    out!(
        "wrote {} mentees and {} mentors in {} units to {} and {}",
        summary.mentees,
        summary.mentors,
        summary.units,
        summary.mentees_path.display(),
        summary.mentors_path.display()
    );
    Ok(crate::cli::exit::OK)
}
