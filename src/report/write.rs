//! Writing output files safely: never over an input, never over earlier results without
//! `--force`, never over a file bimbing did not write, and never half a file (each file is
//! written beside its place and renamed).
//!
//! Every folder bimbing writes into holds a manifest, [`MANIFEST`]: the name and SHA-256 of
//! each file it wrote there. `--force` replaces or removes a file only when the manifest
//! lists it and its content is still what bimbing wrote; a file of the user's (or one they
//! changed since) is refused, naming it, with exit code 2.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The manifest of a folder: the files bimbing wrote into it, with their SHA-256.
pub const MANIFEST: &str = ".bimbing-manifest.json";

/// What a manifest holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// What wrote the files.
    written_by: String,
    /// File name to the SHA-256 (hex) of the content bimbing wrote.
    files: BTreeMap<String, String>,
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The files the manifest of `dir` lists (none when it is missing or not a manifest).
fn manifest_of(dir: &Path) -> BTreeMap<String, String> {
    fs::read(dir.join(MANIFEST))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .map(|m| m.files)
        .unwrap_or_default()
}

/// Whether `dir/name` is a regular file that bimbing wrote and nobody changed since: the
/// manifest `files` lists it with its present content's hash.
fn ours(dir: &Path, name: &str, files: &BTreeMap<String, String>) -> bool {
    let path = dir.join(name);
    let regular = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    regular
        && files
            .get(name)
            .is_some_and(|hash| fs::read(&path).is_ok_and(|bytes| sha256(&bytes) == *hash))
}

/// Whether the existing file at `path` is one bimbing wrote there, unchanged since.
pub fn written_by_bimbing(path: &Path) -> bool {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    ours(dir, name, &manifest_of(dir))
}

/// Refuses a folder whose [`MANIFEST`] is not bimbing's (a file of the user's under that
/// name, or not a regular file): bimbing would write over it.
fn check_manifest(dir: &Path) -> Result<()> {
    let path = dir.join(MANIFEST);
    let Ok(meta) = fs::symlink_metadata(&path) else {
        return Ok(());
    };
    let manifest = meta
        .file_type()
        .is_file()
        .then(|| fs::read(&path).ok())
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok());
    match manifest {
        Some(m) if m.written_by == "bimbing" => Ok(()),
        _ => Err(Error::Output(format!(
            "{}: exists and is not bimbing's manifest; bimbing keeps the list of the files it \
             wrote under that name: move the file away or write elsewhere",
            path.display()
        ))),
    }
}

fn not_ours(path: &Path) -> Error {
    Error::Output(format!(
        "{}: exists, and bimbing did not write it (or it changed since): --force replaces only \
         bimbing's own results, as {MANIFEST} lists them; move the file away or write elsewhere",
        path.display()
    ))
}

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
    check_manifest(dir)?;
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
            if !written_by_bimbing(&target) {
                return Err(not_ours(&target));
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
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    check_manifest(folder)?;
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
    if !written_by_bimbing(path) {
        return Err(not_ours(path));
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
pub fn comparable(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// Writes one output folder as [`write_owned`] does, then removes the files of `known`
/// (the files bimbing writes there) that this run did not write, when the manifest says
/// bimbing wrote them and they are unchanged, so that a folder replaced with `--force` never
/// mixes this run's files with an earlier run's. A file of the user's is never removed.
pub fn write_folder(dir: &Path, files: &[(&str, Vec<u8>)], known: &[&str]) -> Result<()> {
    let written: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let before = manifest_of(dir);
    let stale: Vec<&str> = known
        .iter()
        .copied()
        .filter(|n| !written.contains(n) && ours(dir, n, &before))
        .collect();
    write_owned(dir, files, &stale)?;
    for name in stale {
        let target = dir.join(name);
        fs::remove_file(&target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}

/// Removes the files of `known` in `dir` that are not in `kept`, of those bimbing wrote
/// there and nobody changed since (the manifest is updated); any other file stays.
pub fn remove_stale(dir: &Path, kept: &[&str], known: &[&str]) -> Result<()> {
    let before = manifest_of(dir);
    let stale: Vec<&str> = known
        .iter()
        .copied()
        .filter(|n| !kept.contains(n) && ours(dir, n, &before))
        .collect();
    if stale.is_empty() {
        return Ok(());
    }
    write_owned(dir, &[], &stale)?;
    for name in stale {
        let target = dir.join(name);
        fs::remove_file(&target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}

/// Writes `files` into `dir` as [`write_atomically`] does, with the folder's manifest
/// updated in the same step: the files written are listed with their hash, `removed` are
/// taken out, and so is every entry whose file is gone or was changed by someone else.
pub fn write_owned(dir: &Path, files: &[(&str, Vec<u8>)], removed: &[&str]) -> Result<()> {
    let before = manifest_of(dir);
    let mut listed: BTreeMap<String, String> = before
        .iter()
        .filter(|(name, _)| {
            !removed.contains(&name.as_str())
                && !files.iter().any(|(n, _)| n == name)
                && ours(dir, name, &before)
        })
        .map(|(n, h)| (n.clone(), h.clone()))
        .collect();
    for (name, bytes) in files {
        listed.insert((*name).to_string(), sha256(bytes));
    }
    let mut all: Vec<(&str, Vec<u8>)> = files.to_vec();
    if listed.is_empty() {
        let path = dir.join(MANIFEST);
        if path.is_file() {
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    } else {
        let manifest = Manifest {
            written_by: "bimbing".into(),
            files: listed,
        };
        let mut json = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
        json.push(b'\n');
        all.push((MANIFEST, json));
    }
    write_atomically(dir, &all)
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

/// Checks, before a run knows which files it will write there, that a folder whose files
/// are those `is_ours` accepts (the letters) may be written: it is a folder (or absent),
/// its manifest is bimbing's, and every file in it under such a name (or one differing only
/// in case, for systems that ignore it) may be replaced as [`check_targets`] says: without
/// `force` there is none; with it each is one bimbing wrote, unchanged since.
pub fn check_folder_of(
    dir: &Path,
    is_ours: &dyn Fn(&str) -> bool,
    inputs: &[&Path],
    force: bool,
) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Output(format!(
            "{}: exists and is not a folder",
            dir.display()
        )));
    }
    check_manifest(dir)?;
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_ours(n) || is_ours(&n.to_lowercase()))
        .collect();
    names.sort();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    check_targets(dir, &names, inputs, force)
}

/// Writes a folder whose files are those `is_ours` accepts, as [`write_folder`] does: the
/// files of such names that the manifest lists from an earlier run and this run does not
/// write are removed when unchanged (a mentor without mentees now has no letter).
pub fn write_folder_of(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    is_ours: &dyn Fn(&str) -> bool,
) -> Result<()> {
    let known: Vec<String> = manifest_of(dir)
        .into_keys()
        .filter(|n| is_ours(n))
        .collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    write_folder(dir, files, &known)
}

/// Removes every file of a folder whose files are those `is_ours` accepts, as
/// [`remove_stale`] does: those bimbing wrote there, unchanged since.
pub fn clear_folder_of(dir: &Path, is_ours: &dyn Fn(&str) -> bool) -> Result<()> {
    let known: Vec<String> = manifest_of(dir)
        .into_keys()
        .filter(|n| is_ours(n))
        .collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    remove_stale(dir, &[], &known)
}
