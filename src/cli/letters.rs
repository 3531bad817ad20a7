//! `--letters DIR` and `--keep-columns LIST`, shared by `match` and `compare`: the pages a
//! planner sends out, and the columns of the people's files that pass through to them and
//! to `roster.csv` and the workbook.

use std::path::{Path, PathBuf};

use clap::Args;

use bimbing::error::{Error, Result};
use bimbing::input::kept::Keep;
use bimbing::report::letters::{is_letter_name, names::INDEX, Letters};
use bimbing::report::write::{check_folder_of, clear_folder_of, comparable, write_folder_of};

/// What goes out to the mentors and the units.
#[derive(Debug, Args, Clone, Default)]
pub struct LetterArgs {
    /// Also write the letters to send out into this folder: an index, one printable page
    /// (A4) per mentor with mentees and one per unit for its head, in --lang (compare:
    /// DIR/<scenario>/).
    #[arg(long, value_name = "DIR")]
    pub letters: Option<PathBuf>,
    /// Columns of the people's files to pass through to roster.csv, the workbook and the
    /// letters (headers as written, comma-separated) [default: Jabatan and the headers of
    /// --columns, each when present].
    #[arg(long, value_name = "LIST")]
    pub keep_columns: Option<String>,
}

impl LetterArgs {
    /// The columns to keep: those of `--keep-columns`, or the default.
    pub fn keep(&self) -> Keep {
        match &self.keep_columns {
            Some(list) => Keep::named(list),
            None => Keep::default_columns(),
        }
    }

    /// Checks, before any work, that the letters may be written: into the folder of a match
    /// (`scenarios` empty), or into one folder per scenario of a comparison with the index
    /// of the scenarios above them. Refuses an export (`exports`) that would take the place
    /// of a page.
    pub fn check(
        &self,
        scenarios: &[&str],
        inputs: &[&Path],
        exports: &[&Path],
        force: bool,
    ) -> Result<()> {
        let Some(dir) = &self.letters else {
            return Ok(());
        };
        let mut folders: Vec<PathBuf> = Vec::new();
        if scenarios.is_empty() {
            check_folder_of(dir, &is_letter_name, inputs, force)?;
            folders.push(dir.clone());
        } else {
            check_folder_of(dir, &|n| n == INDEX, inputs, force)?;
            for name in scenarios {
                if name.eq_ignore_ascii_case(INDEX) {
                    return Err(Error::Settings(format!(
                        "scenario {name:?}: with --letters its folder would take the place of \
                         the letters' index ({}); rename the scenario",
                        dir.join(INDEX).display()
                    )));
                }
                let folder = dir.join(name);
                check_folder_of(&folder, &is_letter_name, inputs, force)?;
                folders.push(folder);
            }
        }
        for export in exports {
            let name = export.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let parent = export
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let in_letters = folders.iter().any(|f| comparable(f) == comparable(parent))
                && (is_letter_name(name) || is_letter_name(&name.to_lowercase()));
            let top_index = !scenarios.is_empty()
                && comparable(dir) == comparable(parent)
                && name.eq_ignore_ascii_case(INDEX);
            if in_letters || top_index {
                return Err(Error::Output(format!(
                    "{}: a page of the letters (--letters) may take this path; give the export \
                     another path",
                    export.display()
                )));
            }
        }
        Ok(())
    }
}

/// Writes one folder of letters (replacing or removing, with the manifest, only the pages
/// bimbing wrote there: [`write_folder_of`]).
pub fn write_letters(dir: &Path, letters: &Letters) -> Result<()> {
    let files: Vec<(&str, Vec<u8>)> = letters
        .files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.clone()))
        .collect();
    write_folder_of(dir, &files, &is_letter_name)
}

/// Removes the letters bimbing wrote into `dir` (a scenario that failed this time).
pub fn clear_letters(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        clear_folder_of(dir, &is_letter_name)?;
    }
    Ok(())
}

/// Writes the index of a comparison's letters into `dir`.
pub fn write_scenarios_index(dir: &Path, bytes: Vec<u8>) -> Result<()> {
    write_folder_of(dir, &[(INDEX, bytes)], &|n| n == INDEX)
}
