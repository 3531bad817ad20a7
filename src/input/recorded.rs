//! The input files a run records in `summary.json`: the files of the cohort and of its
//! rules ([`CohortFiles`]), and the earlier rosters whose pairs are not made again
//! (`avoid_previous`), each with its SHA-256, so that `explain` can check that it reads
//! the very bytes the roster was made from.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{CohortFiles, InputInfo, RuleFiles};

/// The input files of a run as `summary.json` records them under `inputs`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecordedInputs {
    /// The files of the cohort, the pairs file and the previous roster.
    #[serde(flatten)]
    pub files: CohortFiles,
    /// The earlier rosters to avoid, in the order the settings name them (absent when
    /// none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub avoid_previous: Vec<InputInfo>,
}

impl Deref for RecordedInputs {
    type Target = CohortFiles;

    fn deref(&self) -> &CohortFiles {
        &self.files
    }
}

impl From<&CohortFiles> for RecordedInputs {
    fn from(files: &CohortFiles) -> RecordedInputs {
        RecordedInputs {
            files: files.clone(),
            avoid_previous: Vec::new(),
        }
    }
}

impl From<&RecordedInputs> for RecordedInputs {
    fn from(inputs: &RecordedInputs) -> RecordedInputs {
        inputs.clone()
    }
}

impl RecordedInputs {
    /// These files with the rule files at the paths the settings name as `files` read them
    /// (see [`CohortFiles::with_rule_files`]); an earlier roster to avoid already recorded
    /// under its path is kept, one not read through `files` is left out. Reads nothing.
    pub fn with_rule_files(
        &self,
        files: &RuleFiles,
        pairs: Option<&Path>,
        previous: Option<&Path>,
        avoid_previous: &[PathBuf],
    ) -> RecordedInputs {
        RecordedInputs {
            files: self.files.with_rule_files(files, pairs, previous),
            avoid_previous: avoid_previous
                .iter()
                .filter_map(|path| {
                    self.avoid_previous
                        .iter()
                        .find(|info| info.path == *path)
                        .cloned()
                        .or_else(|| files.avoided_info(path))
                })
                .collect(),
        }
    }
}
