//! The one atomic writer: every file bimbing writes goes through it.
//!
//! A file is first written in full to a temporary file beside its place (tempfile's
//! [`tempfile::NamedTempFile`], named `.NAME.XXXXXX.tmp`), flushed to disk, and then persisted
//! (renamed) into place, so an interrupted run leaves each file either as it was or complete.
//! A temporary file is removed on every error path (when its [`Staged`] is dropped), and
//! every temporary file still pending is listed in one registry, so that a signal handler can
//! remove them before the process exits ([`remove_pending`]).

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files written and not yet persisted or removed, by path.
static PENDING: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn pending() -> std::sync::MutexGuard<'static, BTreeSet<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Set once [`remove_pending`] ran: no temporary file is created after it.
static CLOSING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Removes every temporary file still pending, and makes every later [`Staged::create`]
/// fail; for a signal handler, before it exits. Returns how many were removed.
pub fn remove_pending() -> usize {
    let set = pending();
    CLOSING.store(true, std::sync::atomic::Ordering::SeqCst);
    drop(set);
    remove_pending_where(|_| true)
}

/// [`remove_pending`] for the pending files that `select` accepts.
fn remove_pending_where(select: impl Fn(&Path) -> bool) -> usize {
    let mut set = pending();
    let chosen: Vec<PathBuf> = set.iter().filter(|p| select(p)).cloned().collect();
    let mut removed = 0;
    for path in chosen {
        set.remove(&path);
        if fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// A file being written to a temporary path beside its destination.
///
/// Dropping it without [`Staged::commit`] or [`Staged::commit_new`] removes the temporary
/// file.
#[derive(Debug)]
pub struct Staged {
    file: Option<tempfile::NamedTempFile>,
    dest: PathBuf,
}

impl Staged {
    /// Creates the temporary file for `dest` in `dest`'s folder (which must exist).
    pub fn create(dest: &Path) -> io::Result<Staged> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .map_or("out".into(), |n| n.to_string_lossy().into_owned());
        // Registered before the file exists, so that a signal between the two still finds
        // it; the path is only known once created, so the registry is updated under its lock.
        let mut set = pending();
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            // as File::create makes a file: readable by others as the umask allows, not
            // the private mode of a temporary file
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(dir)?;
        set.insert(file.path().to_path_buf());
        drop(set);
        Ok(Staged {
            file: Some(file),
            dest: dest.to_path_buf(),
        })
    }

    /// Where the file goes.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    fn take(&mut self) -> io::Result<tempfile::NamedTempFile> {
        let file = self.file.take().expect("a staged file is committed once");
        file.as_file().sync_all()?;
        Ok(file)
    }

    fn forget(path: &Path) {
        pending().remove(path);
    }

    /// Renames the file into place, replacing what is there.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.take()?;
        let temp = file.path().to_path_buf();
        let result = file.persist(&self.dest).map(|_| ()).map_err(|e| {
            // the error gives the file back; dropping it removes it
            e.error
        });
        Staged::forget(&temp);
        result
    }

    /// Puts the file in place only when nothing is at its destination; an existing file is
    /// never replaced ([`io::ErrorKind::AlreadyExists`], and the temporary file is removed).
    pub fn commit_new(mut self) -> io::Result<()> {
        let file = self.take()?;
        let temp = file.path().to_path_buf();
        let result = file
            .persist_noclobber(&self.dest)
            .map(|_| ())
            .map_err(|e| e.error);
        Staged::forget(&temp);
        result
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file
            .as_mut()
            .expect("a staged file is open until committed")
            .write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("a staged file is open until committed")
            .flush()
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let path = file.path().to_path_buf();
            drop(file); // removes the temporary file
            Staged::forget(&path);
        }
    }
}

/// Puts new files in place as one: each with [`Staged::commit_new`] (never replacing a
/// file), and until the last is in place the ones already renamed stay pending, so that an
/// error or a signal (see [`remove_pending`]) removes them again: either all of the files
/// are there, or none (a generated cohort is never half there).
pub fn commit_new_together(files: Vec<Staged>) -> io::Result<()> {
    let mut placed: Vec<PathBuf> = Vec::with_capacity(files.len());
    for staged in files {
        let dest = staged.dest().to_path_buf();
        // Pending only once renamed: a file of the same name that was there first is never
        // taken for this one (the rename refuses it), so never removed.
        if let Err(e) = staged.commit_new() {
            for path in &placed {
                let _ = fs::remove_file(path);
                Staged::forget(path);
            }
            return Err(e);
        }
        pending().insert(dest.clone());
        placed.push(dest);
    }
    for path in &placed {
        Staged::forget(path);
    }
    Ok(())
}

/// Writes every file in full to its temporary file, then renames them all into place; on an
/// error nothing of this call is left but the files already renamed. Folders must exist.
///
/// The error names the path at fault.
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), (PathBuf, io::Error)> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let mut s = Staged::create(path).map_err(|e| (path.clone(), e))?;
        s.write_all(bytes).map_err(|e| (path.clone(), e))?;
        staged.push(s);
    }
    for s in staged {
        let dest = s.dest.clone();
        s.commit().map_err(|e| (dest, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn commit_replaces_and_commit_new_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.csv");
        fs::write(&dest, "old").unwrap();
        let mut s = Staged::create(&dest).unwrap();
        s.write_all(b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");

        let mut s = Staged::create(&dest).unwrap();
        s.write_all(b"newer").unwrap();
        let e = s.commit_new().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(names(dir.path()), ["a.csv"]);
    }

    #[test]
    fn dropped_and_failed_writes_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staged::create(&dir.path().join("b.csv")).unwrap();
        assert_eq!(names(dir.path()).len(), 1, "the temporary file exists");
        drop(s);
        assert!(names(dir.path()).is_empty());

        // a destination that is a folder: the rename fails, the temporary file goes
        fs::create_dir(dir.path().join("c")).unwrap();
        fs::write(dir.path().join("c").join("x"), "x").unwrap();
        let err = write_all(&[
            (dir.path().join("ok.csv"), b"1".as_slice()),
            (dir.path().join("c"), b"2".as_slice()),
        ])
        .unwrap_err();
        assert_eq!(err.0, dir.path().join("c"));
        assert_eq!(names(dir.path()), ["c", "ok.csv"]);
    }

    #[test]
    fn remove_pending_removes_what_a_signal_would_leave() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staged::create(&dir.path().join("d.csv")).unwrap();
        // as after a signal: the handler runs while the file is still open
        let path = s.file.as_ref().unwrap().path().to_path_buf();
        assert!(path.exists());
        assert_eq!(remove_pending_where(|p| p.starts_with(dir.path())), 1);
        assert!(!path.exists());
        drop(s);
    }

    #[test]
    fn files_put_in_place_together_are_all_there_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (
            dir.path().join("mentors.csv"),
            dir.path().join("mentees.csv"),
        );
        std::fs::write(&b, "the user's").unwrap();
        let mut first = Staged::create(&a).unwrap();
        first.write_all(b"id\n").unwrap();
        let mut second = Staged::create(&b).unwrap();
        second.write_all(b"id\n").unwrap();
        assert!(commit_new_together(vec![first, second]).is_err());
        assert!(!a.exists(), "the first file went again");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "the user's");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
        assert!(!pending().contains(&a) && !pending().contains(&b));
        std::fs::remove_file(&b).unwrap();
        let mut first = Staged::create(&a).unwrap();
        first.write_all(b"id\n").unwrap();
        let mut second = Staged::create(&b).unwrap();
        second.write_all(b"id\n").unwrap();
        commit_new_together(vec![first, second]).unwrap();
        assert!(a.exists() && b.exists());
        assert!(!pending().contains(&a) && !pending().contains(&b));
    }
}
