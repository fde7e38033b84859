//! Annotations: what editors and researchers mark on a page, and where it is kept.
//!
//! - [`model`]: one annotation (entity, metric, correction or note) and its anchoring data;
//! - [`metric`]: a metric's fields (value, scale, unit, indicator, period, change), set from
//!   text;
//! - [`tagset`]: the labels, their colours and hotkeys;
//! - [`sidecar`]: the `PAGE.ann.ron` file, read carefully and written atomically;
//! - [`anchor`]: placing annotations again after the page text changed;
//! - [`locate`]: the item and pane a range falls in;
//! - [`PageState`] (`page_state`): a page marked done; [`UnknownFields`] (`unknown`, with
//!   `model_serde`): fields a newer copydesk wrote, kept when this one rewrites the file;
//! - [`Document`] (`document`): page + segmentation + annotations, changed only through
//!   [`Command`]s (`command`), with undo and redo;
//! - `save` and `disk`: a save that merges with changes made on disk, off the UI thread if
//!   the caller likes; [`lock`]: one save of a sidecar at a time across processes;
//! - `refresh`: the page or its sidecar changed on disk while open, followed;
//! - [`merge_files()`] (`merge_files`): two versions of a sidecar merged against their base
//!   with the save's own merge, for git's merge driver.

pub mod anchor;
mod command;
mod decision;
mod disk;
mod document;
mod locate;
pub mod lock;
mod merge_files;
mod metric;
pub mod model;
mod model_serde;
mod page_state;
mod recover;
mod refresh;
mod save;
pub mod sidecar;
pub mod tagset;
mod unknown;

pub use anchor::AnchorReport;
pub use command::{Command, CommandError};
pub use decision::{Decision, Take};
pub use document::{Document, OpenError, default_author};
pub use locate::{Location, Pane, PaneIndex};
pub use merge_files::{BothEdited, MergeFilesError, MergedFiles, Side, merge_files};
pub use metric::{Change, Direction, Metric, MetricFieldError};
pub use model::{Anchor, Annotation, AnnotationId, Origin, Status};
pub use page_state::PageState;
pub use recover::SetAside;
pub use refresh::Refreshed;
pub use save::{SaveError, SaveJob, SaveOutcome, SaveReport};
pub use tagset::{Kind, Tag, TagSet, TagSetError};
pub use unknown::UnknownFields;
