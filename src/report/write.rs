//! Writing output files safely: never over an input, never over earlier results without
//! `--force`, and never half a file (each file is written beside its place and renamed).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Checks that `files` may be written into `dir`, before anything is written.
///
/// Refuses when one of the files would replace an input file, or when one exists already
/// and `force` is not set, or when `dir` exists and is not a folder.
pub fn check_targets(dir: &Path, files: &[&str], inputs: &[&Path], force: bool) -> Result<()> {
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Output(format!(
            "{}: exists and is not a folder",
            dir.display()
        )));
    }
    for name in files {
        let target = dir.join(name);
        if let Ok(canonical) = fs::canonicalize(&target) {
            if inputs.contains(&canonical) {
                return Err(Error::Output(format!(
                    "{}: refusing to write over an input file",
                    target.display()
                )));
            }
            if !force {
                return Err(Error::Output(format!(
                    "{}: exists already (use --force to replace earlier results)",
                    target.display()
                )));
            }
        }
    }
    Ok(())
}

/// Checks that a file given by path (an export) is not one of the inputs.
pub fn check_not_input(path: &Path, inputs: &[&Path]) -> Result<()> {
    let Ok(target) = fs::canonicalize(path) else {
        return Ok(());
    };
    if inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .any(|p| p == target)
    {
        return Err(Error::Output(format!(
            "{}: refusing to write over an input file",
            path.display()
        )));
    }
    Ok(())
}

/// Writes every file to a temporary name in `dir` (created when missing), then renames them all into place, so an
/// interrupted run leaves each file either as it was or complete.
pub fn write_atomically(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temps = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = fs::File::create(&temp).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        temps.push(temp.clone());
        if let Err(e) = result {
            for t in &temps {
                let _ = fs::remove_file(t);
            }
            return Err(Error::io(temp, e));
        }
    }
    for ((name, _), temp) in files.iter().zip(&temps) {
        let target = dir.join(name);
        fs::rename(temp, &target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}
