//! What a document knows of its sidecar on disk: enough to notice that another program
//! changed it, and the base of the three-way merge when one did.

use std::collections::HashMap;

use jiff::Timestamp;

use super::model::{Annotation, AnnotationId};

/// What was on disk when the document last read or wrote its sidecar.
#[derive(Clone, Debug, Default)]
pub(super) struct DiskState {
    /// Hash of the sidecar's bytes; `None` if there was no sidecar.
    hash: Option<u64>,
    /// Ids and modification times of the annotations in it: the base of a three-way merge.
    base: HashMap<AnnotationId, Timestamp>,
}

impl DiskState {
    /// The state after reading or writing `bytes` (`None`: there is no sidecar) holding
    /// `annotations`.
    pub(super) fn new(bytes: Option<&[u8]>, annotations: &[Annotation]) -> Self {
        Self {
            hash: bytes.map(xxhash_rust::xxh3::xxh3_64),
            base: modified_times(annotations),
        }
    }

    /// The hash of the sidecar's bytes as last seen.
    pub(super) fn hash(&self) -> Option<u64> {
        self.hash
    }

    /// The annotations as last seen on disk, by id, with their modification times.
    pub(super) fn base(&self) -> &HashMap<AnnotationId, Timestamp> {
        &self.base
    }
}

/// The ids and modification times of the annotations, as saved (the base of a merge).
pub(super) fn modified_times(annotations: &[Annotation]) -> HashMap<AnnotationId, Timestamp> {
    annotations
        .iter()
        .map(|a| (a.id.clone(), a.modified))
        .collect()
}
