//! Reopening a written roster: the output folder of `match` (or of one scenario of
//! `compare`) holds `summary.json`, which names the input files with their SHA-256 (the
//! mentors and mentees files, and the pairs file, previous roster and earlier rosters to
//! avoid when the settings name them) and holds the settings, and `roster.csv`, which holds the pairs.
//!
//! The inputs are read again and must be byte for byte the ones the roster was made from:
//! a changed or missing file is refused, since explaining a roster against other data
//! would explain nothing. An input is looked for at its path as named and at its path from
//! the output folder ([`recorded_inputs`] records both), so that the folder can be
//! reopened from any working folder. `roster.csv` is checked cell by cell against the
//! inputs, and against its SHA-256 in `summary.json` (see `roster_file`).

mod roster_file;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, InputError, Result};
use crate::input::{sha256_hex, CohortFiles, RecordedInputs};
use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::roster::{match_cohort, Roster};
use crate::settings::Settings;

/// One input file as `summary.json` records it.
#[derive(Debug, Clone, Deserialize)]
struct SavedInput {
    path: PathBuf,
    sha256: String,
    /// Absent in a summary of an older bimbing.
    #[serde(default)]
    path_from_output: Option<PathBuf>,
    /// The sheet read, for a workbook.
    #[serde(default)]
    sheet: Option<String>,
}

/// The staff table of a run (`--staff`), as `summary.json` records it.
#[derive(Debug, Clone, Deserialize)]
struct SavedStaff {
    #[serde(flatten)]
    file: SavedInput,
    #[serde(default)]
    mentor_min_grade: Option<String>,
}

/// A located file with the sheet of it that was read (`FILE#Sheet`), as the readers take it.
fn with_sheet(path: PathBuf, sheet: &Option<String>) -> PathBuf {
    match sheet {
        Some(sheet) => PathBuf::from(format!("{}#{sheet}", path.display())),
        None => path,
    }
}

impl SavedInput {
    /// Where the file may be now, in order: the path as recorded (as the planner named it,
    /// relative to the folder `match` ran in), then its path from the output folder `dir`.
    fn candidates(&self, dir: &Path) -> Vec<PathBuf> {
        let mut paths = vec![self.path.clone()];
        if let Some(from_output) = &self.path_from_output {
            let path = dir.join(from_output);
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        paths
    }
}

#[derive(Debug, Clone, Deserialize)]
struct SavedInputs {
    mentors: SavedInput,
    mentees: SavedInput,
    /// Absent when the settings name no pairs file (or in a summary of an older bimbing).
    #[serde(default)]
    pairs: Option<SavedInput>,
    /// Absent when the settings name no previous roster (or in an older summary).
    #[serde(default)]
    previous: Option<SavedInput>,
    /// The staff table the people were split from (`--staff`).
    #[serde(default)]
    staff: Option<SavedStaff>,
    /// The long-form competency results (`--assessments`).
    #[serde(default)]
    assessments: Option<SavedInput>,
    /// The columns file the headers were mapped with (`--columns`).
    #[serde(default)]
    columns: Option<SavedInput>,
    /// The earlier rosters to avoid, in the order of the settings; absent when there are
    /// none (or in an older summary).
    #[serde(default)]
    avoid_previous: Vec<SavedInput>,
}

/// What is read back from `summary.json` (other keys are ignored).
#[derive(Debug, Clone, Deserialize)]
struct SavedSummary {
    inputs: SavedInputs,
    settings: Settings,
    #[serde(default)]
    scenario: Option<String>,
    /// Absent in a summary of an older bimbing.
    #[serde(default)]
    outputs: Option<SavedOutputs>,
    /// The language the run was asked for; absent in a summary of an older bimbing.
    #[serde(default)]
    lang: Option<Lang>,
}

/// The written files `summary.json` records.
#[derive(Debug, Clone, Deserialize)]
struct SavedOutputs {
    roster: SavedOutput,
}

/// One written file as `summary.json` records it.
#[derive(Debug, Clone, Deserialize)]
struct SavedOutput {
    sha256: String,
}

/// Input files to use instead of the paths `summary.json` records (for instance when the
/// roster was made from another working folder); they must still have the recorded hashes.
#[derive(Debug, Clone, Default)]
pub struct InputOverrides {
    /// The mentors file.
    pub mentors: Option<PathBuf>,
    /// The mentees file.
    pub mentees: Option<PathBuf>,
}

/// A roster reopened from its output folder, with the cohort and settings it was made from.
#[derive(Debug, Clone)]
pub struct SavedRun {
    /// The cohort, read again from the (unchanged) input files.
    pub cohort: Cohort,
    /// The settings recorded in `summary.json`.
    pub settings: Settings,
    /// The scenario's name, when the folder is one scenario of `compare`.
    pub scenario: Option<String>,
    /// The language the folder was written in (`--lang`), when `summary.json` records it
    /// (folders of earlier builds do not).
    pub lang: Option<Lang>,
    /// The roster of `roster.csv`: its pairs, with scores recomputed from the inputs, and
    /// the solver's figures of a fresh solve (which proves it still optimal).
    pub roster: Roster,
}

fn bad(file: &Path, problem: impl Into<String>) -> Error {
    Error::Input(InputError::file(file, problem))
}

fn changed(file: &Path) -> Error {
    bad(
        file,
        "changed since the roster was made (its SHA-256 differs from summary.json): match again first",
    )
}

/// The first of `candidates` that is a file with the SHA-256 `sha256`. When none is, the
/// first that exists is refused as changed, or, when none exists, the first as `missing`.
fn locate(candidates: &[PathBuf], sha256: &str, missing: &str) -> Result<PathBuf> {
    let mut found = None;
    for path in candidates {
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if sha256_hex(&bytes) == sha256 {
            return Ok(path.clone());
        }
        found.get_or_insert(path);
    }
    Err(match found {
        Some(path) => changed(path),
        None => bad(&candidates[0], missing),
    })
}

/// Finds the pairs file, the previous roster and the earlier rosters to avoid that the
/// settings name (as `summary.json` records them, or from the output folder `dir`), points
/// the settings at them, reads them through [`Settings::load_files`] (once) and checks each
/// against the SHA-256 that `summary.json` records for it: a file missing, changed, or not
/// recorded is refused, naming it. The bytes are hashed before they are parsed (a changed
/// file is reported as changed, not as whatever its new content breaks), and the hash of
/// the bytes parsed is checked again.
fn check_rule_files(
    summary: &Path,
    dir: &Path,
    settings: &mut Settings,
    inputs: &SavedInputs,
) -> Result<()> {
    let unrecorded = |what: &str, key: &str| {
        bad(
            summary,
            format!(
                "the settings name {what} but inputs.{key} records no SHA-256 of it (a summary of an older bimbing?): match again"
            ),
        )
    };
    let missing = |what: &str| {
        format!(
            "missing: the roster was made with this {what} (looked for it as summary.json \
             records it and from the output folder)"
        )
    };
    for (what, key, setting, record) in [
        (
            "pairs file",
            "pairs",
            &mut settings.rules.pairs,
            &inputs.pairs,
        ),
        (
            "previous roster",
            "previous",
            &mut settings.rules.previous,
            &inputs.previous,
        ),
    ] {
        if setting.is_none() {
            continue;
        }
        let Some(record) = record else {
            return Err(unrecorded(&format!("a {what}"), key));
        };
        *setting = Some(locate(
            &record.candidates(dir),
            &record.sha256,
            &missing(what),
        )?);
    }
    let avoided = &mut settings.rules.avoid_previous;
    if avoided.len() != inputs.avoid_previous.len() {
        return Err(bad(
            summary,
            format!(
                "the settings name {} earlier rosters to avoid but inputs.avoid_previous \
                 records the SHA-256 of {} (edited by hand? match again)",
                avoided.len(),
                inputs.avoid_previous.len()
            ),
        ));
    }
    for (path, record) in avoided.iter_mut().zip(&inputs.avoid_previous) {
        *path = locate(
            &record.candidates(dir),
            &record.sha256,
            &missing("earlier roster to avoid"),
        )?;
    }
    settings.load_files()?;
    let files = &settings.files;
    let read = [
        (
            settings.rules.pairs.as_deref(),
            inputs.pairs.as_ref(),
            settings
                .rules
                .pairs
                .as_deref()
                .and_then(|p| files.pairs_info(p)),
        ),
        (
            settings.rules.previous.as_deref(),
            inputs.previous.as_ref(),
            settings
                .rules
                .previous
                .as_deref()
                .and_then(|p| files.previous_info(p)),
        ),
    ]
    .into_iter()
    .chain(
        settings
            .rules
            .avoid_previous
            .iter()
            .zip(&inputs.avoid_previous)
            .map(|(p, record)| (Some(p.as_path()), Some(record), files.avoided_info(p))),
    );
    for (path, record, info) in read {
        let (Some(path), Some(record)) = (path, record) else {
            continue;
        };
        if info.map_or(true, |info| info.sha256 != record.sha256) {
            return Err(changed(path));
        }
    }
    Ok(())
}

/// The input files of a run as the `summary.json` it writes into `out` records them:
/// `files` with the pairs file, previous roster and earlier rosters to avoid that
/// `settings` name (as read, see [`RecordedInputs::with_rule_files`]), and each with its
/// path from `out`
/// ([`crate::input::InputInfo::path_from_output`]), which [`load_run`] follows when the
/// path as named does not lead to the file (another working folder, or the whole tree
/// moved). `out` need not exist yet.
pub fn recorded_inputs(files: &CohortFiles, settings: &Settings, out: &Path) -> RecordedInputs {
    let mut recorded = RecordedInputs::from(files).with_rule_files(
        &settings.files,
        settings.rules.pairs.as_deref(),
        settings.rules.previous.as_deref(),
        &settings.rules.avoid_previous,
    );
    let out = absolute_folder(out);
    let inputs = &mut recorded.files;
    for info in [&mut inputs.mentors, &mut inputs.mentees]
        .into_iter()
        .chain(inputs.pairs.as_mut())
        .chain(inputs.previous.as_mut())
        .chain(inputs.staff.as_mut().map(|s| &mut s.file))
        .chain(inputs.assessments.as_mut())
        .chain(recorded.avoid_previous.iter_mut())
    {
        info.path_from_output = out.as_deref().and_then(|out| {
            let file = std::fs::canonicalize(&info.path).ok()?;
            Some(portable(relative_path(out, &file)))
        });
    }
    if let Some(columns) = recorded.files.columns.as_mut() {
        columns.path_from_output = out.as_deref().and_then(|out| {
            let file = std::fs::canonicalize(&columns.path).ok()?;
            Some(portable(relative_path(out, &file)))
        });
    }
    recorded
}

/// A relative path written with `/` on every system, so that `summary.json` is the same
/// file wherever it is written and reopens on Linux too (Windows reads `/` as well as `\`).
/// An absolute path (another drive) is kept as Windows gives it: its `\\?\` form takes
/// no `/`.
fn portable(path: PathBuf) -> PathBuf {
    #[cfg(windows)]
    if path.is_relative() {
        if let Some(text) = path.to_str() {
            return PathBuf::from(text.replace('\\', "/"));
        }
    }
    path
}

/// The absolute path of folder `dir` without symbolic links: its nearest existing ancestor
/// made canonical, then the rest of `dir` (which does not exist yet, so holds no link).
fn absolute_folder(dir: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut rest = Vec::new();
    let mut at = dir;
    loop {
        let probe = if at.as_os_str().is_empty() {
            Path::new(".")
        } else {
            at
        };
        if let Ok(mut path) = std::fs::canonicalize(probe) {
            for part in rest.into_iter().rev() {
                match part {
                    Component::ParentDir => {
                        path.pop();
                    }
                    Component::Normal(name) => path.push(name),
                    _ => {}
                }
            }
            return Some(path);
        }
        rest.push(at.components().next_back()?);
        at = at.parent()?;
    }
}

/// The path that leads from folder `from` to `to` (both absolute, without links): `..` up
/// to their common ancestor, then down. `to` itself when they share no root (another drive).
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_path_buf();
    }
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to_parts[common..] {
        path.push(part);
    }
    path
}

/// Reopens the roster in `dir`: reads `summary.json`, checks that the input files are there
/// and unchanged (SHA-256): both files of the cohort, and the pairs file, previous roster
/// and earlier rosters to avoid the settings name; reads the cohort and `roster.csv`, and
/// checks that the roster is still optimal for these inputs and settings (it is solved
/// again; the pairs of `roster.csv` are kept, ties included), that every other cell is what
/// the inputs give, and that the file has the SHA-256 `summary.json` records for it (when
/// it records one).
///
/// Every refusal is an input error (exit code 2): no `summary.json`, an input missing or
/// changed (or a rule file whose hash `summary.json` does not record), a `roster.csv` that
/// does not fit the cohort, is not optimal, has a cell the inputs do not give, or is not
/// the file the run wrote (edited by hand, or re-saved).
pub fn load_run(dir: &Path, overrides: &InputOverrides) -> Result<SavedRun> {
    let summary_path = dir.join("summary.json");
    if !summary_path.is_file() {
        return Err(bad(
            &summary_path,
            "missing: give the output folder of `bimbing match` or one scenario folder of `bimbing compare`",
        ));
    }
    let text = std::fs::read_to_string(&summary_path).map_err(|e| Error::io(&summary_path, e))?;
    let raw: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        bad(
            &summary_path,
            format!("not a summary written by bimbing: {e}"),
        )
    })?;
    let saved: SavedSummary = serde_json::from_value(raw.clone()).map_err(|e| {
        bad(
            &summary_path,
            format!("not a summary written by bimbing: {e}"),
        )
    })?;
    saved
        .settings
        .validate()
        .map_err(|e| bad(&summary_path, format!("settings: {e}")))?;
    // Every key of the recorded settings must be a setting: a renamed or added key would
    // otherwise be read as its default.
    if let Some(keys) = raw["settings"].as_object() {
        if let Some(key) = keys
            .keys()
            .find(|k| !crate::settings::layers::is_setting(k))
        {
            return Err(bad(
                &summary_path,
                format!(
                    "settings: `{}` is no setting (edited by hand? match again)",
                    crate::model::terminal_safe(key)
                ),
            ));
        }
    }

    let moved = "missing: the roster was made from this file (looked for it as summary.json \
                 records it and from the output folder; give --mentors/--mentees if it moved)";
    let find = |given: &Option<PathBuf>, saved: &SavedInput| -> Result<PathBuf> {
        let found = match given {
            Some(path) => locate(std::slice::from_ref(path), &saved.sha256, moved)?,
            None => locate(&saved.candidates(dir), &saved.sha256, moved)?,
        };
        Ok(with_sheet(found, &saved.sheet))
    };
    // The headers are read with the columns file the run mapped them with, unchanged.
    if let Some(columns) = &saved.inputs.columns {
        let path = locate(&columns.candidates(dir), &columns.sha256, moved)?;
        crate::input::headers::set_columns(crate::input::headers::ColumnMap::read(&path)?);
    }
    let mut sources = crate::input::people::PeopleSources::default();
    let mut expected: Vec<(PathBuf, String)> = Vec::new();
    match &saved.inputs.staff {
        Some(staff) => {
            let path = find(&overrides.mentors, &staff.file)?;
            expected.push((path.clone(), staff.file.sha256.clone()));
            sources.staff = Some(path);
            sources.mentor_min_grade = match &staff.mentor_min_grade {
                Some(text) => Some(crate::model::Grade::parse(text).ok_or_else(|| {
                    bad(
                        &summary_path,
                        "inputs.staff.mentor_min_grade: no grade (edited by hand?)",
                    )
                })?),
                None => None,
            };
        }
        None => {
            let mentors = find(&overrides.mentors, &saved.inputs.mentors)?;
            let mentees = find(&overrides.mentees, &saved.inputs.mentees)?;
            expected.push((mentors.clone(), saved.inputs.mentors.sha256.clone()));
            expected.push((mentees.clone(), saved.inputs.mentees.sha256.clone()));
            sources.mentors = Some(mentors);
            sources.mentees = Some(mentees);
        }
    }
    if let Some(assessments) = &saved.inputs.assessments {
        let path = find(&None, assessments)?;
        expected.push((path.clone(), assessments.sha256.clone()));
        sources.assessments = Some(path);
    }
    // The columns a run keeps by default (Jabatan, the columns file's other headers) are
    // used, so reading them again is no warning.
    let (cohort, files, _) = crate::input::people::read_people_keeping(
        &sources,
        &crate::input::kept::Keep::default_columns(),
    )?;
    let read: Vec<&str> = match &files.staff {
        Some(staff) => vec![staff.file.sha256.as_str()],
        None => vec![files.mentors.sha256.as_str(), files.mentees.sha256.as_str()],
    }
    .into_iter()
    .chain(files.assessments.as_ref().map(|a| a.sha256.as_str()))
    .collect();
    for ((path, then), now) in expected.iter().zip(read) {
        if now != then {
            return Err(changed(path));
        }
    }
    let mut settings = saved.settings;
    check_rule_files(&summary_path, dir, &mut settings, &saved.inputs)?;

    let optimum = match_cohort(&cohort, &settings)?;
    let roster_path = dir.join("roster.csv");
    let recorded = saved.outputs.map(|o| o.roster.sha256);
    let roster = roster_file::read_roster(
        &roster_path,
        &cohort,
        &settings,
        optimum,
        recorded.as_deref(),
    )?;
    Ok(SavedRun {
        cohort,
        settings,
        scenario: saved.scenario,
        lang: saved.lang,
        roster,
    })
}

/// The language `summary.json` in folder `dir` records (`--lang` of the run that wrote
/// it), or `None` when there is no such summary, it records none (an earlier build), or it
/// cannot be read. Reads nothing else and checks nothing: for presentation only.
pub fn recorded_lang(dir: &Path) -> Option<Lang> {
    #[derive(Deserialize)]
    struct Recorded {
        lang: Option<Lang>,
    }
    let text = std::fs::read_to_string(dir.join("summary.json")).ok()?;
    serde_json::from_str::<Recorded>(&text).ok()?.lang
}
