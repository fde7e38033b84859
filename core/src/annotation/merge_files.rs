//! Merging two versions of a sidecar against the one they both came from, as git's merge
//! driver does (`copydesk merge-driver BASE OURS THEIRS`).
//!
//! The merge is the save's own ([`merge`](super::save)): by annotation id, both sides' new
//! annotations kept, the newer edit of one annotation winning, a deletion standing unless the
//! other side edited the annotation since. This module only reads the three files without
//! trusting them, says which annotations both sides edited and which edit won, and writes
//! nothing: a side it cannot read is an error, and the caller leaves every file as it is.

use std::path::Path;

use super::disk::modified_times;
use super::model::Annotation;
use super::page_state::PageState;
use super::save::merge;
use super::sidecar::{self, SidecarError, SidecarFile};

/// Which side's edit of an annotation both sides changed was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The branch being merged into.
    Ours,
    /// The branch being merged.
    Theirs,
}

/// An annotation both sides edited since the base, and whose edit was kept.
#[derive(Clone, Debug, PartialEq)]
pub struct BothEdited {
    /// The annotation as merged.
    pub kept: Annotation,
    /// Whose edit it is.
    pub side: Side,
    /// When the other side's edit was made.
    pub other_modified: jiff::Timestamp,
}

/// Two sidecars merged.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedFiles {
    /// The merged sidecar, ours with the merged annotations in page order.
    pub file: SidecarFile,
    /// Annotations both sides edited, with the edit kept.
    pub both_edited: Vec<BothEdited>,
    /// Annotations taken from theirs (new there, or edited there more recently).
    pub from_theirs: usize,
    /// Annotations deleted on one side and not edited on the other since, left out.
    pub deleted: usize,
}

/// Why two sidecars could not be merged; nothing was written.
#[derive(Debug)]
pub enum MergeFilesError {
    /// One of the three could not be read.
    Unreadable(SidecarError),
    /// The two sides were written for different texts of the page.
    PageDiffers,
}

impl std::fmt::Display for MergeFilesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreadable(err) => write!(f, "{err}"),
            Self::PageDiffers => f.write_str(
                "the two sides were written for different texts of the page; merge the page first, then open it in copydesk",
            ),
        }
    }
}

impl std::error::Error for MergeFilesError {}

/// Reads a sidecar at `path` (`None`: an empty file, as git gives for a base that did not
/// exist).
fn read(path: &Path) -> Result<Option<SidecarFile>, MergeFilesError> {
    let bytes = sidecar::read_bytes(path)
        .map_err(MergeFilesError::Unreadable)?
        .unwrap_or_default();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let file = sidecar::parse_unchecked(path, &bytes).map_err(MergeFilesError::Unreadable)?;
    sidecar::check_ids(path, &bytes, &file).map_err(MergeFilesError::Unreadable)?;
    Ok(Some(file))
}

/// Merges the sidecars at `ours` and `theirs` against `base`, without writing anything.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
) -> Result<MergedFiles, MergeFilesError> {
    let base = read(base)?;
    let theirs = read(theirs)?;
    let Some(mut ours) = read(ours)?.or_else(|| theirs.clone()) else {
        return Err(MergeFilesError::Unreadable(SidecarError {
            path: ours.to_owned(),
            problem: sidecar::Problem::NotASidecar(String::new()),
        }));
    };
    // The page's own fields: the newer done state, and fields only their side knows.
    let (their_state, their_unknown) = theirs
        .as_ref()
        .map(|file| (file.state.clone(), file.unknown.clone()))
        .unwrap_or_default();
    let theirs = theirs.map(|file| {
        if file.source.fingerprint != ours.source.fingerprint && !ours.annotations.is_empty() {
            Err(MergeFilesError::PageDiffers)
        } else {
            Ok(file.annotations)
        }
    });
    let theirs = theirs.transpose()?.unwrap_or_default();
    let base_times = base
        .as_ref()
        .map(|file| modified_times(&file.annotations))
        .unwrap_or_default();
    let ours_times = modified_times(&ours.annotations);
    let theirs_times = modified_times(&theirs);
    let edited_since =
        |side: &std::collections::HashMap<_, jiff::Timestamp>, id, base: jiff::Timestamp| {
            side.get(id).is_some_and(|&t| t > base)
        };
    let (mut annotations, report) =
        merge(&base_times, std::mem::take(&mut ours.annotations), theirs);
    annotations.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    let both_edited = annotations
        .iter()
        .filter_map(|kept| {
            let &base = base_times.get(&kept.id)?;
            let (&mine, &other) = (ours_times.get(&kept.id)?, theirs_times.get(&kept.id)?);
            if !(edited_since(&ours_times, &kept.id, base)
                && edited_since(&theirs_times, &kept.id, base))
            {
                return None;
            }
            let (side, other_modified) = if kept.modified == mine {
                (Side::Ours, other)
            } else {
                (Side::Theirs, mine)
            };
            Some(BothEdited {
                kept: kept.clone(),
                side,
                other_modified,
            })
        })
        .collect();
    ours.annotations = annotations;
    ours.state = PageState::newer(ours.state.take(), their_state);
    ours.unknown.fill_from(&their_unknown);
    Ok(MergedFiles {
        file: ours,
        both_edited,
        from_theirs: report.merged_from_disk,
        deleted: report.deleted_on_disk,
    })
}
