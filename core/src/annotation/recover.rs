//! When a sidecar cannot be read: start afresh, or go back to the last good version. Both
//! are the user's explicit choice (a banner in the app, `--new-sidecar` or `--restore-backup`
//! on the command line), and neither loses a byte: the unreadable file is renamed, never
//! changed, and the backup of the last good version is kept.

use std::path::{Path, PathBuf};

use super::document::{Document, OpenError};
use super::lock;
use super::sidecar::{self, Problem, SidecarError};
use crate::text::Source;

/// What was moved out of the way when a page was opened afresh or restored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetAside {
    /// Where the unreadable sidecar went, if there was one.
    pub unreadable: Option<PathBuf>,
    /// Where the backup of the last good version went (starting afresh), if there was one.
    pub backup: Option<PathBuf>,
}

impl SetAside {
    /// One line for the user saying where the old files went, if anything was moved.
    pub fn describe(&self) -> Option<String> {
        let mut said = Vec::new();
        if let Some(path) = &self.unreadable {
            said.push(format!(
                "the unreadable sidecar was kept as {}",
                path.display()
            ));
        }
        if let Some(path) = &self.backup {
            said.push(format!("its last good version as {}", path.display()));
        }
        (!said.is_empty()).then(|| said.join("; "))
    }
}

fn io_error(path: &Path, err: std::io::Error) -> OpenError {
    OpenError::Sidecar(SidecarError {
        path: path.to_owned(),
        problem: Problem::Io(err),
    })
}

/// Whether the sidecar at `path` reads fine for `page` now (another process may have fixed
/// or replaced it since the user saw it fail).
fn readable_now(page: &Path, path: &Path) -> bool {
    let (Ok(Some(bytes)), Ok(source)) = (sidecar::read_bytes(path), Source::load(page)) else {
        return false;
    };
    sidecar::parse(path, &bytes, &source).is_ok()
}

/// A page's unreadable sidecar, locked.
struct Unreadable {
    /// The sidecar's name beside the page.
    named: PathBuf,
    /// Where it really is (a symlink followed).
    path: PathBuf,
    /// Its lock, held until the choice is carried out.
    held: lock::Held,
}

/// Takes the lock of the page's sidecar and checks it is still unreadable: `None` (lock
/// released) if another process wrote a good one since the user saw it fail.
fn still_unreadable(page: &Path) -> Result<Option<Unreadable>, OpenError> {
    let named = sidecar::path_for(page);
    let path = sidecar::resolve(&named).map_err(|err| io_error(&named, err))?;
    let held = lock::acquire(&path, lock::WAIT).map_err(|err| lock_error(&named, err))?;
    if readable_now(page, &path) {
        return Ok(None);
    }
    Ok(Some(Unreadable { named, path, held }))
}

impl Document {
    /// Keeps the backup as `.bak-before-<time>` (the new sidecar's saves would otherwise
    /// rotate the last good version away), then sets the unreadable sidecar aside (renamed,
    /// never changed), and opens the page without annotations. In that order: a crash between
    /// the two leaves the last good version safe. Under the sidecar's lock, and only if the
    /// sidecar is still unreadable then: if another process wrote a good one meanwhile, that
    /// one is opened instead. Only call this when the user has chosen to start a new sidecar.
    pub fn open_with_new_sidecar(page: &Path) -> Result<(Self, SetAside), OpenError> {
        let Some(Unreadable { named, path, held }) = still_unreadable(page)? else {
            return Ok((Self::open(page)?, SetAside::default()));
        };
        let backup = sidecar::keep_backup_aside(&path).map_err(|err| io_error(&named, err))?;
        let unreadable = if path.exists() {
            Some(sidecar::set_aside(&path).map_err(|err| io_error(&named, err))?)
        } else {
            None
        };
        drop(held);
        Ok((Self::open(page)?, SetAside { unreadable, backup }))
    }

    /// The backup of the page's sidecar (`PAGE.ann.ron.bak`), if there is one and it can be
    /// read for this page: the version [`Document::open_restoring_backup`] would restore.
    pub fn readable_backup(page: &Path) -> Option<PathBuf> {
        let named = sidecar::path_for(page);
        let backup = sidecar::backup_path(&sidecar::resolve(&named).unwrap_or(named));
        readable_now(page, &backup).then_some(backup)
    }

    /// Goes back to the last good version: under the sidecar's lock, keeps a copy of the
    /// unreadable sidecar as `.unreadable-<time>` (a link: the file is never changed), puts
    /// the readable backup in its place by an atomic rename, and opens the page with it. The
    /// sidecar's name is never empty meanwhile, and the backup stays as it is. If another
    /// process wrote a good sidecar meanwhile, that one is opened instead.
    pub fn open_restoring_backup(page: &Path) -> Result<(Self, SetAside), OpenError> {
        let Some(Unreadable { named, path, held }) = still_unreadable(page)? else {
            return Ok((Self::open(page)?, SetAside::default()));
        };
        let backup = sidecar::backup_path(&path);
        let bytes = match sidecar::read_bytes(&backup) {
            Ok(Some(bytes)) if readable_now(page, &backup) => bytes,
            _ => {
                return Err(OpenError::Sidecar(SidecarError {
                    path: backup,
                    problem: Problem::Io(std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "there is no readable backup to restore; start a new sidecar instead",
                    )),
                }));
            }
        };
        let staged = sidecar::stage(&path, &bytes).map_err(|err| io_error(&named, err))?;
        let unreadable = if path.exists() {
            Some(sidecar::keep_copy_aside(&path).map_err(|err| io_error(&named, err))?)
        } else {
            None
        };
        staged.install().map_err(|err| io_error(&named, err))?;
        drop(held);
        let set_aside = SetAside {
            unreadable,
            backup: None,
        };
        Ok((Self::open(page)?, set_aside))
    }
}

fn lock_error(path: &Path, err: lock::LockError) -> OpenError {
    match err {
        lock::LockError::Busy { path: lock, .. } => io_error(
            path,
            std::io::Error::other(format!(
                "another copydesk is saving this page and holds {}; try again",
                lock.display()
            )),
        ),
        lock::LockError::Io(err) => io_error(path, err),
    }
}
