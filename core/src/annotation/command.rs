//! Commands: the only way annotations change, and so the unit of undo, redo and autosave.

use std::fmt;

use super::metric::Metric;
use super::model::{Annotation, AnnotationId, Status};
use super::page_state::PageState;
use crate::text::Span;

/// One change to a document's annotations. Apply it with
/// [`Document::apply`](super::Document::apply); every command can be undone.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Adds an annotation (its id must be new).
    Add(Annotation),
    /// Removes an annotation.
    Delete(AnnotationId),
    /// Moves an annotation to another range; quote and context follow.
    SetRange {
        /// Which annotation.
        id: AnnotationId,
        /// The new range.
        span: Span,
    },
    /// Gives an annotation another label.
    Relabel {
        /// Which annotation.
        id: AnnotationId,
        /// A label of the document's tag set.
        label: String,
    },
    /// Sets or clears the note.
    SetNote {
        /// Which annotation.
        id: AnnotationId,
        /// The note.
        note: Option<String>,
    },
    /// Sets or clears the metric attributes.
    SetMetric {
        /// Which annotation.
        id: AnnotationId,
        /// The attributes.
        metric: Option<Metric>,
    },
    /// Sets or clears a correction's replacement text.
    SetCorrection {
        /// Which annotation.
        id: AnnotationId,
        /// The replacement.
        correction: Option<String>,
    },
    /// Accepts or rejects (or re-suggests) an annotation.
    SetStatus {
        /// Which annotation.
        id: AnnotationId,
        /// The new status.
        status: Status,
    },
    /// Puts back an annotation exactly as given, timestamps included (what undo uses).
    Replace(Annotation),
    /// Marks the page done, takes the mark back (`done: false`), or (`None`) clears it.
    SetState(Option<PageState>),
    /// Several commands as one step: all are applied, or none.
    Batch(Vec<Command>),
}

impl Command {
    /// A short description for the undo menu: "add PER", "delete", "3 changes".
    pub fn describe(&self) -> String {
        match self {
            Self::Add(annotation) => format!("add {}", annotation.label),
            Self::Delete(_) => "delete".to_owned(),
            Self::SetRange { .. } => "change range".to_owned(),
            Self::Relabel { label, .. } => format!("relabel as {label}"),
            Self::SetNote { .. } => "edit note".to_owned(),
            Self::SetMetric { .. } => "edit metric".to_owned(),
            Self::SetCorrection { .. } => "edit correction".to_owned(),
            Self::SetStatus { status, .. } => match status {
                Status::Accepted => "accept".to_owned(),
                Status::Rejected => "reject".to_owned(),
                Status::Suggested => "mark as suggested".to_owned(),
            },
            Self::Replace(_) => "restore".to_owned(),
            Self::SetState(state) => match state {
                Some(state) if state.done => "mark the page done".to_owned(),
                _ => "mark the page not done".to_owned(),
            },
            Self::Batch(commands) => match commands.as_slice() {
                [one] => one.describe(),
                many => format!("{} changes", many.len()),
            },
        }
    }
}

/// Why a command could not be applied. The document is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// No annotation has this id.
    UnknownId(AnnotationId),
    /// An annotation with this id exists already.
    DuplicateId(AnnotationId),
    /// The label is not in the tag set.
    UnknownLabel {
        /// The label asked for.
        label: String,
        /// The labels there are.
        known: String,
    },
    /// The range holds nothing but blanks and line breaks.
    BlankRange {
        /// Start asked for.
        start: usize,
        /// End asked for.
        end: usize,
    },
    /// The range is empty or does not fit the page.
    BadRange {
        /// Start asked for.
        start: usize,
        /// End asked for.
        end: usize,
        /// Code points in the page.
        chars: usize,
    },
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownId(id) => write!(f, "no annotation has id {id}"),
            Self::DuplicateId(id) => write!(f, "an annotation with id {id} exists already"),
            Self::UnknownLabel { label, known } => {
                write!(f, "unknown label {label:?}; the tag set has {known}")
            }
            Self::BlankRange { start, end } => {
                write!(
                    f,
                    "range {start}:{end} holds only blanks; annotate some text"
                )
            }
            Self::BadRange { start, end, chars } => write!(
                f,
                "range {start}:{end} is not inside the page (0:{chars}, start before end)"
            ),
        }
    }
}

impl std::error::Error for CommandError {}

/// A step of history: what to apply to go back (or forward), and what it was.
#[derive(Clone, Debug)]
pub(super) struct Step {
    pub description: String,
    pub command: Command,
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub(super) struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
}
