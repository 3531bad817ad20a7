//! Writing output files safely: never over an input, never over earlier results without
//! `--force`, and never half a file (each file is written beside its place and renamed).

use std::fs;
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
        not_a_regular_file(&target)?;
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

/// Checks that a file given by path (an export: workbook, HTML report, comparison export)
/// may be written: it is not one of the inputs, not one of the files this run writes into
/// its output folders (`outputs`), and, unless `force` is set, not an earlier file.
pub fn check_export(path: &Path, inputs: &[&Path], outputs: &[PathBuf], force: bool) -> Result<()> {
    let target = comparable(path);
    if outputs.iter().any(|o| comparable(o) == target) {
        return Err(Error::Output(format!(
            "{}: this run writes that file itself; give the export another path",
            path.display()
        )));
    }
    not_a_regular_file(path)?;
    let Ok(canonical) = fs::canonicalize(path) else {
        return Ok(());
    };
    if inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .any(|p| p == canonical)
    {
        return Err(Error::Output(format!(
            "{}: refusing to write over an input file",
            path.display()
        )));
    }
    if !force {
        return Err(Error::Output(format!(
            "{}: exists already (use --force to replace earlier results)",
            path.display()
        )));
    }
    Ok(())
}

/// Refuses a path where something other than a regular file stands (a folder, a device
/// node, a FIFO, a socket, a symbolic link): writing there would replace it with a file.
fn not_a_regular_file(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            let what = if meta.file_type().is_dir() {
                "a folder"
            } else if meta.file_type().is_symlink() {
                "a symbolic link"
            } else {
                "not a regular file (a device, FIFO or socket)"
            };
            Err(Error::Output(format!(
                "{}: is {what}; bimbing writes only to regular files or new paths",
                path.display()
            )))
        }
        _ => Ok(()),
    }
}

/// A path made absolute, with its folder resolved when it exists, so that two spellings of
/// one file compare equal (the file itself need not exist yet).
fn comparable(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// Writes one output folder as [`write_atomically`] does, then removes the files of
/// `known` (the files bimbing writes there) that this run did not write, so that a folder
/// replaced with `--force` never mixes this run's files with an earlier run's.
pub fn write_folder(dir: &Path, files: &[(&str, Vec<u8>)], known: &[&str]) -> Result<()> {
    write_atomically(dir, files)?;
    let written: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    remove_stale(dir, &written, known)
}

/// Removes the files of `known` in `dir` that are not in `kept`.
pub fn remove_stale(dir: &Path, kept: &[&str], known: &[&str]) -> Result<()> {
    for name in known.iter().filter(|n| !kept.contains(n)) {
        let target = dir.join(name);
        if target.is_file() {
            fs::remove_file(&target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

/// Writes every file to a temporary name in `dir` (created when missing), then renames them
/// all into place through the [one atomic writer](crate::atomic), so an interrupted run
/// leaves each file either as it was or complete, and no temporary file.
pub fn write_atomically(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let files: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (dir.join(name), bytes.as_slice()))
        .collect();
    crate::atomic::write_all(&files).map_err(|(path, e)| Error::io(path, e))
}
