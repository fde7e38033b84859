//! The lock that makes saving a sidecar one critical section across copydesk processes.
//!
//! A save reads the sidecar on disk, merges, and renames the new file into place. Two
//! processes doing that at the same moment would each merge with the file as it was before the
//! other wrote, and one's annotations would be lost though both said "saved". So a save holds
//! an advisory lock (std's [`File::lock`]) on `PAGE.ann.ron.lock` beside the sidecar from the
//! read to the rename. The lock file is never removed (removing it would let two processes
//! lock two different files); it holds nothing, and folder scans, which list `.txt` pages,
//! never see it. Programs that
//! do not take the lock (`git pull`, an editor) are caught by the merge instead.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What is appended to a sidecar's file name to name its lock file.
pub const SUFFIX: &str = ".lock";

/// How long a save waits for another process's save before giving up.
pub const WAIT: Duration = Duration::from_secs(5);

/// The lock file of a sidecar: `a05.txt.ann.ron` → `a05.txt.ann.ron.lock`.
pub fn path_for(sidecar: &Path) -> PathBuf {
    let mut name = sidecar.file_name().unwrap_or_default().to_os_string();
    name.push(SUFFIX);
    sidecar.with_file_name(name)
}

/// A held lock; dropping it releases it (closing the file releases the lock, also when the
/// process dies).
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process held it for all of the wait.
    Busy {
        /// The lock file.
        path: PathBuf,
        /// How long this process waited.
        waited: Duration,
    },
    /// The lock file could not be opened or locked (a read-only folder, a full disk).
    Io(io::Error),
}

/// Takes the lock of `sidecar`, waiting up to `wait` for another process to release it.
pub fn acquire(sidecar: &Path, wait: Duration) -> Result<Held, LockError> {
    let path = path_for(sidecar);
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    {
        Ok(file) => file,
        // Left by another user in a shared folder: a lock needs only a file to read.
        Err(err) if err.kind() == io::ErrorKind::PermissionDenied && path.exists() => {
            File::open(&path).map_err(LockError::Io)?
        }
        Err(err) => return Err(LockError::Io(err)),
    };
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Held { _file: file }),
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Busy {
                    path,
                    waited: start.elapsed(),
                });
            }
            Err(TryLockError::Error(err)) => return Err(LockError::Io(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_then_gives_up_and_gets_it_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.ann.ron");
        let held = acquire(&sidecar, WAIT).unwrap();
        assert!(path_for(&sidecar).is_file());
        // File locks are per open file: a second open in this process contends like another
        // process would.
        let Err(LockError::Busy { path, waited }) = acquire(&sidecar, Duration::from_millis(50))
        else {
            panic!("the lock was taken twice");
        };
        assert_eq!(path, dir.path().join("a.txt.ann.ron.lock"));
        assert!(waited >= Duration::from_millis(50));
        drop(held);
        let again = acquire(&sidecar, Duration::from_millis(50));
        assert!(again.is_ok(), "{again:?}");
    }
}
