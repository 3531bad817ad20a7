//! Synthetic mentoring cohorts in the input format of `bimbing match`.
//!
//! Real rosters are personal data (NIPs, names, ranks, competency maps) that HR planners cannot
//! share, so benchmarks, demos and tests run on cohorts made here instead. They have the shape of
//! the real thing: the unit mix of the Medan city government (education ~45%, health ~15%,
//! hospitals ~7%, kecamatan ~10%), the 17-step PNS rank ladder (`I/a` ... `IV/e`) with about a
//! quarter PPPK staff on Roman grades, ABK workload ratios, names common in Medan (Batak, Malay,
//! Javanese, Minang, Chinese-Indonesian; some with academic titles, hence commas) and 18-digit
//! NIP-shaped ids whose birth date and start date fit the person's rank. The nine managerial and
//! socio-cultural competencies of PermenPANRB 38/2017 (levels 1–5) follow each person's post:
//! a position type (JPT, Administrator, Pengawas, fungsional, pelaksana) drawn by unit and rank,
//! its required level, and strong, average and weak competencies drawn by unit kind and post;
//! a mentee's targets are the required level of the next rung. The model, with every figure,
//! is in the `profile` module and in docs/reference.md. Some cells are left empty on purpose
//! (default capacity, not assessed, a target of the default 3), and a few percent of mentees
//! outrank every mentor, so the matcher's edge cases are exercised.
//!
//! The output is a pure function of the [`GenerateSpec`]: xoshiro256** generators seeded by
//! SplitMix64 drive every choice (one stream per file for who people are, one for their
//! competencies), rows are made in a fixed order on one thread, and only exact IEEE operations
//! are used (no `ln`, `exp` or `cos`, whose last bit may differ between platforms), so one
//! seed gives byte-identical files on every machine and thread count. Rows are
//! streamed to disk, so the National preset (400,000 people) needs only a few megabytes for the
//! id counters. Each file is written to a temporary file and then linked into place; an existing
//! `mentors.csv` or `mentees.csv` is never overwritten.

mod names;
mod people;
mod profile;
mod rng;
#[cfg(test)]
mod tests;
mod units;

use crate::atomic::Staged;
use people::{Generator, Role};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Which kind of cohort to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Medan-shaped cohort with caller-chosen counts (defaults as [`Preset::Medan`]).
    Custom,
    /// One mentoring round of the Medan city government: 1,500 mentees and 450 mentors whose
    /// total capacity is about 0.95 times the number of mentees, so mentors are contested.
    Medan,
    /// A dense stress case for Medan: 10,000 mentees at II/a–III/a (or PPPK V–IX) and 3,000 PNS
    /// mentors at IV/a–IV/c, so every mentor outranks every mentee; capacity mostly 3.
    CityDense,
    /// A national round: 300,000 mentees and 100,000 mentors in about 600 agencies of very
    /// uneven size; the extra `scope` column names the agency.
    National,
}

impl Preset {
    /// The preset's command-line name, e.g. `city-dense`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Custom => "custom",
            Preset::Medan => "medan",
            Preset::CityDense => "city-dense",
            Preset::National => "national",
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = String;

    /// Parses `custom`, `medan`, `city-dense` or `national` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "custom" => Ok(Preset::Custom),
            "medan" => Ok(Preset::Medan),
            "city-dense" => Ok(Preset::CityDense),
            "national" => Ok(Preset::National),
            _ => Err(format!(
                "unknown preset `{s}`; valid presets are custom, medan, city-dense, national"
            )),
        }
    }
}

/// What to generate: how many people, from which seed, in which shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateSpec {
    /// Number of rows in `mentees.csv`.
    pub mentees: usize,
    /// Number of rows in `mentors.csv`.
    pub mentors: usize,
    /// Seed of the generator; the same spec always gives byte-identical files.
    pub seed: u64,
    /// Shape of the cohort.
    pub preset: Preset,
}

impl GenerateSpec {
    /// The preset's standard size with the given seed: Medan and Custom 1,500 mentees x 450
    /// mentors, CityDense 10,000 x 3,000, National 300,000 x 100,000.
    pub fn preset_defaults(preset: Preset, seed: u64) -> GenerateSpec {
        let (mentees, mentors) = match preset {
            Preset::Custom | Preset::Medan => (1_500, 450),
            Preset::CityDense => (10_000, 3_000),
            Preset::National => (300_000, 100_000),
        };
        GenerateSpec {
            mentees,
            mentors,
            seed,
            preset,
        }
    }
}

/// The most mentees [`generate`] writes: 2,000,000, about 250 MB of `mentees.csv` (some
/// 125 bytes a row), which `bimbing match` still reads under its default input limit of
/// 256 MiB; the National preset has 300,000.
pub const MAX_MENTEES: usize = 2_000_000;

/// The most mentors [`generate`] writes: 1,000,000, about 120 MB of `mentors.csv`; the
/// National preset has 100,000.
pub const MAX_MENTORS: usize = 1_000_000;

impl GenerateSpec {
    /// Checks the sizes: at least one mentee and one mentor (`bimbing match` refuses a file
    /// without data rows), at most [`MAX_MENTEES`] and [`MAX_MENTORS`]. The error names the
    /// flag, the value and the bounds.
    pub fn check(&self) -> Result<(), String> {
        for (flag, value, max) in [
            ("--mentees", self.mentees, MAX_MENTEES),
            ("--mentors", self.mentors, MAX_MENTORS),
        ] {
            if !(1..=max).contains(&value) {
                return Err(format!(
                    "{flag}: value {value}: must be between 1 and {max} (a larger file would be \
                     over the input limit of bimbing match)"
                ));
            }
        }
        Ok(())
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSummary {
    /// Number of mentee rows written.
    pub mentees: usize,
    /// Number of mentor rows written.
    pub mentors: usize,
    /// Number of distinct units in the two files (for National: distinct agency and unit pairs).
    pub units: usize,
    /// Path of the written `mentors.csv`.
    pub mentors_path: PathBuf,
    /// Path of the written `mentees.csv`.
    pub mentees_path: PathBuf,
}

/// Writes `mentors.csv` and `mentees.csv` for `spec` into `out_dir`, creating it if missing.
///
/// Both files are written in full to temporary files in `out_dir` before either is put in
/// place, so a failure never leaves a half-written file under the final name. The National
/// preset takes about 0.6 s in a release build and writes about 50 MB.
///
/// # Errors
/// [`io::ErrorKind::InvalidInput`] when the sizes are out of bounds ([`GenerateSpec::check`]),
/// before anything is created. [`io::ErrorKind::AlreadyExists`] (naming the file) if
/// `mentors.csv` or `mentees.csv` already exists in `out_dir`: nothing is overwritten. Any
/// IO error from creating or writing the files.
pub fn generate(spec: &GenerateSpec, out_dir: &Path) -> io::Result<GenerateSummary> {
    spec.check()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    fs::create_dir_all(out_dir)?;
    let mentors_path = out_dir.join("mentors.csv");
    let mentees_path = out_dir.join("mentees.csv");
    for path in [&mentors_path, &mentees_path] {
        if fs::symlink_metadata(path).is_ok() {
            return Err(exists_error(path));
        }
    }
    let mut gen = Generator::new(spec);
    let mentors = gen.write_file(Role::Mentor, spec.mentors, &mentors_path)?;
    let mentees = gen.write_file(Role::Mentee, spec.mentees, &mentees_path)?;
    // Both files or neither: an interrupt between the two renames leaves no half cohort.
    persist_together(mentors, mentees)?;
    Ok(GenerateSummary {
        mentees: spec.mentees,
        mentors: spec.mentors,
        units: gen.units.len(),
        mentors_path,
        mentees_path,
    })
}

fn split(list: &'static str, sep: char) -> Vec<&'static str> {
    list.split(sep).map(str::trim).collect()
}

/// Puts the two written files in place together, without ever replacing an existing file.
fn persist_together(mentors: Staged, mentees: Staged) -> io::Result<()> {
    let dests = [mentors.dest().to_path_buf(), mentees.dest().to_path_buf()];
    crate::atomic::commit_new_together(vec![mentors, mentees]).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            // Which one was taken meanwhile: the first that is there now.
            let taken = dests.iter().find(|p| p.exists()).unwrap_or(&dests[1]);
            exists_error(taken)
        } else {
            e
        }
    })
}

fn exists_error(path: &Path) -> io::Error {
    let msg = format!("refusing to overwrite existing file {}", path.display());
    io::Error::new(io::ErrorKind::AlreadyExists, msg)
}
