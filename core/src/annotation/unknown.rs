//! Fields a newer copydesk wrote that this one does not know, kept as written and written back,
//! so that an older copy never strips a newer one's data (the versioning rule of DESIGN.md §5).
//!
//! A sidecar and each of its annotations carry an [`UnknownFields`]. They are read and written
//! by the hand-written serde impls of [`Annotation`](super::Annotation) (`model_serde`) and
//! [`SidecarFile`](super::sidecar::SidecarFile) (`sidecar::file_serde`), which send every field
//! name they do not know here.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use ron::value::RawValue;
use serde::ser::SerializeStruct;

/// Fields not known to this build, in the order they were read, each with its value as the
/// RON text it was written in.
#[derive(Clone, Debug, Default)]
pub struct UnknownFields(Vec<(String, Box<RawValue>)>);

impl PartialEq for UnknownFields {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((a, x), (b, y))| a == b && x.get_ron() == y.get_ron())
    }
}

impl UnknownFields {
    /// No unknown field was read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields' names, in the order they were read.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(name, _)| name.as_str())
    }

    /// The RON text of the field `name`, if it was read.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value.get_ron())
    }

    /// Keeps a field read from a file.
    pub(crate) fn push(&mut self, name: String, value: Box<RawValue>) {
        self.0.push((name, value));
    }

    /// Adds `other`'s fields that this one lacks (a merge: this side's value wins where both
    /// have a field).
    pub(crate) fn fill_from(&mut self, other: &Self) {
        for (name, value) in &other.0 {
            if self.get(name).is_none() {
                self.0.push((name.clone(), value.clone()));
            }
        }
    }

    /// Writes the fields into a struct being serialized.
    pub(crate) fn serialize_into<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        for (name, value) in &self.0 {
            out.serialize_field(intern(name), value)?;
        }
        Ok(())
    }
}

/// A field name as the `'static` string serde's struct serializer takes: each distinct name is
/// stored once for the life of the process (there are few: only names a newer build wrote).
fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}
