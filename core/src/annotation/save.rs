//! Saving a document: merging with whatever changed on disk, then writing the sidecar safely.
//!
//! A save is split in three so the desktop app can do the slow part on another thread:
//! [`Document::prepare_save`] takes a snapshot, [`SaveJob::run`] does all file work, and
//! [`Document::finish_save`] folds the result back in. [`Document::save`] does all three.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use super::anchor::reanchor;
use super::disk::{DiskState, modified_times};
use super::document::Document;
use super::lock::{self, LockError};
use super::model::{Annotation, AnnotationId};
use super::page_state::PageState;
use super::sidecar::{self, SidecarError, SidecarFile};
use super::unknown::UnknownFields;
use crate::text::Source;

/// Everything a save needs, detached from the document so it can run on another thread.
#[derive(Debug)]
pub struct SaveJob {
    path: PathBuf,
    file: SidecarFile,
    source: Arc<Source>,
    disk: DiskState,
    generation: u64,
}

/// What a save did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SaveReport {
    /// Annotations written.
    pub written: usize,
    /// Annotations taken from a sidecar changed on disk since it was read (added there, or
    /// edited there more recently than here).
    pub merged_from_disk: usize,
    /// Annotations deleted on disk (and not edited here since) that were dropped.
    pub deleted_on_disk: usize,
}

/// The result of [`SaveJob::run`], to hand to [`Document::finish_save`].
#[derive(Debug)]
pub struct SaveOutcome {
    path: PathBuf,
    generation: u64,
    result: Result<Saved, SaveError>,
}

impl SaveOutcome {
    /// The sidecar the save was for: an outcome belongs only to the document with this sidecar.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

#[derive(Debug)]
struct Saved {
    report: SaveReport,
    disk: DiskState,
    /// The annotations as written, if a merge changed them.
    merged: Option<Vec<Annotation>>,
    /// The page's state and unknown fields as written, if a merge changed them.
    merged_page: Option<(Option<PageState>, UnknownFields)>,
    /// The annotations the job started from (the base for folding the merge back in); empty
    /// when nothing was merged, as only a merge needs it.
    sent: HashMap<AnnotationId, Timestamp>,
}

/// A save that did not happen. The document keeps all its annotations and stays unsaved.
#[derive(Debug)]
pub enum SaveError {
    /// The page has no file, so there is nowhere to put a sidecar.
    NoFile,
    /// The sidecar on disk changed since it was read and can no longer be read, so it cannot be
    /// merged; it was left untouched.
    DiskSidecarUnreadable(SidecarError),
    /// Writing failed (read-only folder, disk full…); the previous sidecar is intact.
    Write {
        /// The sidecar.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// Another copydesk process held the sidecar's lock for all of [`lock::WAIT`]: it is
    /// saving the same page. Nothing was written; try again.
    Busy {
        /// The sidecar.
        path: PathBuf,
        /// Its lock file.
        lock: PathBuf,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoFile => f.write_str("this page has no file, so its annotations cannot be saved; save the page to a file first"),
            Self::DiskSidecarUnreadable(err) => write!(
                f,
                "{err}; it was changed on disk and cannot be merged, so it was left untouched and nothing was saved"
            ),
            Self::Write { path, error } => write!(
                f,
                "{}: cannot save the sidecar: {error}; nothing was saved, and the previous sidecar is intact",
                path.display()
            ),
            Self::Busy { path, lock } => write!(
                f,
                "{}: another copydesk is saving this page and held {} for {} s; nothing was saved: try again",
                path.display(),
                lock.display(),
                lock::WAIT.as_secs()
            ),
        }
    }
}

impl std::error::Error for SaveError {}

impl Document {
    /// Snapshots what needs saving. Fails only if the page has no file.
    pub fn prepare_save(&self) -> Result<SaveJob, SaveError> {
        let path = self.sidecar_path().ok_or(SaveError::NoFile)?;
        Ok(SaveJob {
            path,
            file: self.to_sidecar(),
            source: Arc::clone(&self.source),
            disk: self.disk.clone(),
            generation: self.generation,
        })
    }

    /// Takes a finished save back: marks the document saved (if nothing changed meanwhile) and
    /// folds in annotations merged from disk.
    pub fn finish_save(&mut self, outcome: SaveOutcome) -> Result<SaveReport, SaveError> {
        let saved = outcome.result?;
        let unchanged_meanwhile = self.generation == outcome.generation;
        if let Some(merged) = saved.merged {
            let current = self.take_annotations();
            let (annotations, _) = merge(&saved.sent, current, merged);
            self.set_annotations(annotations);
            // The annotations changed: views keyed on the generation must see it.
            self.generation += 1;
        }
        if let Some((state, unknown)) = saved.merged_page {
            self.merge_page_fields(state, &unknown);
        }
        self.disk = saved.disk;
        if unchanged_meanwhile {
            self.saved_generation = self.generation;
        }
        Ok(saved.report)
    }

    /// Takes in the page-level fields of a sidecar merged from disk: the newer state, and
    /// unknown fields this document lacks. A changed state counts as a change (views keyed on
    /// the generation see it).
    pub(super) fn merge_page_fields(&mut self, state: Option<PageState>, unknown: &UnknownFields) {
        let newer = PageState::newer(self.state.clone(), state);
        if newer != self.state {
            self.state = newer;
            self.generation += 1;
        }
        self.unknown.fill_from(unknown);
    }

    /// Saves now, on this thread.
    pub fn save(&mut self) -> Result<SaveReport, SaveError> {
        let job = self.prepare_save()?;
        let outcome = job.run();
        self.finish_save(outcome)
    }
}

impl SaveJob {
    /// Merges with the sidecar on disk if it changed, and writes. Does file work only.
    pub fn run(self) -> SaveOutcome {
        let generation = self.generation;
        let path = self.path.clone();
        SaveOutcome {
            path,
            generation,
            result: self.write(),
        }
    }

    fn write(mut self) -> Result<Saved, SaveError> {
        let write_error = |error| SaveError::Write {
            path: self.path.clone(),
            error,
        };
        // A symlinked sidecar is written where it points, and locked there, so every
        // process saving it meets the same lock whichever name it opened.
        let target = sidecar::resolve(&self.path).map_err(write_error)?;
        // From reading the disk to the rename, no other copydesk process saves this sidecar.
        let _lock = lock::acquire(&target, lock::WAIT).map_err(|err| match err {
            LockError::Busy { path, .. } => SaveError::Busy {
                path: self.path.clone(),
                lock: path,
            },
            LockError::Io(error) => write_error(error),
        })?;
        sidecar::remove_stale_temporaries(&target);
        let on_disk = sidecar::read_bytes(&target).map_err(SaveError::DiskSidecarUnreadable)?;
        let mut report = SaveReport::default();
        let mut merged = None;
        let mut merged_page = None;
        let mut sent = HashMap::new();
        if let Some(bytes) = &on_disk
            && Some(xxhash_rust::xxh3::xxh3_64(bytes)) != self.disk.hash()
        {
            let fingerprint = &self.file.source.fingerprint;
            let mut theirs = sidecar::parse(&self.path, bytes, &self.source)
                .map_err(SaveError::DiskSidecarUnreadable)?;
            if &theirs.source.fingerprint != fingerprint {
                reanchor(&self.source, &mut theirs.annotations);
            }
            sent = modified_times(&self.file.annotations);
            let ours = std::mem::take(&mut self.file.annotations);
            let (mut annotations, merge_report) = merge(self.disk.base(), ours, theirs.annotations);
            annotations.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
            report = merge_report;
            merged = Some(annotations.clone());
            self.file.annotations = annotations;
            self.file.state = PageState::newer(self.file.state.take(), theirs.state);
            self.file.unknown.fill_from(&theirs.unknown);
            merged_page = Some((self.file.state.clone(), self.file.unknown.clone()));
        }
        let text = sidecar::to_ron(&self.file).map_err(|err| SaveError::Write {
            path: self.path.clone(),
            error: std::io::Error::other(err),
        })?;
        let annotations = &self.file.annotations;
        let (written, disk) = std::thread::scope(|scope| {
            // What the next save compares with, made while the file is written and flushed.
            let disk = scope.spawn(|| DiskState::new(Some(text.as_bytes()), annotations));
            (sidecar::write_atomic(&target, text.as_bytes()), disk.join())
        });
        written.map_err(write_error)?;
        let disk = disk.unwrap_or_else(|_| DiskState::new(Some(text.as_bytes()), annotations));
        report.written = annotations.len();
        Ok(Saved {
            report,
            disk,
            merged,
            merged_page,
            sent,
        })
    }
}

/// Three-way merge by annotation id. `base` is what both sides started from.
///
/// Both sides' new annotations are kept; where both have an annotation, the more recently
/// modified one wins (ours on a tie); an annotation deleted on one side is dropped unless the
/// other side changed it since the base.
pub(super) fn merge(
    base: &HashMap<AnnotationId, Timestamp>,
    ours: Vec<Annotation>,
    theirs: Vec<Annotation>,
) -> (Vec<Annotation>, SaveReport) {
    let mut report = SaveReport::default();
    let mut theirs: HashMap<AnnotationId, Annotation> =
        theirs.into_iter().map(|a| (a.id.clone(), a)).collect();
    let unchanged_since_base = |a: &Annotation| base.get(&a.id).is_some_and(|&t| a.modified <= t);
    let mut merged = Vec::with_capacity(ours.len() + theirs.len());
    for mine in ours {
        match theirs.remove(&mine.id) {
            Some(other) if other.modified > mine.modified => {
                report.merged_from_disk += 1;
                merged.push(other);
            }
            Some(_) => merged.push(mine),
            // Deleted on disk: respect that, unless edited here since.
            None if unchanged_since_base(&mine) => report.deleted_on_disk += 1,
            None => merged.push(mine),
        }
    }
    for (_, other) in theirs {
        // Not here: new on disk (keep), or deleted here (drop unless edited there since).
        if !base.contains_key(&other.id) || !unchanged_since_base(&other) {
            report.merged_from_disk += 1;
            merged.push(other);
        }
    }
    (merged, report)
}
