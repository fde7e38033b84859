//! What the user asked for, as values: [`Action`]s queued while a frame is drawn and applied
//! after it, and the [`Banner`] that offers some of them as buttons.
//!
//! Drawing code only ever returns these; the app applies them in `CopydeskApp::run`.

use std::path::PathBuf;

use super::ui_command::UiCommand;
use crate::annotation::{AnnotationId, Command};
use crate::proof::Mark;
use crate::text::Span;

/// Something to do after the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A menu or keyboard command.
    Ui(UiCommand),
    /// Apply a label: tag the selection, or relabel the selected annotation (accepting it if it
    /// was a suggestion).
    Tag(String),
    /// Change the annotations.
    Edit(Box<Command>),
    /// Say this in the status bar (an edit that cannot be taken, and why).
    Notice(String),
    /// Open a page or a folder.
    Open(PathBuf),
    /// Show item `index`.
    GoToItem(usize),
    /// Select an annotation and show it.
    Select(AnnotationId),
    /// Select an annotation already in view (clicked in the text), without scrolling.
    SelectInPlace(AnnotationId),
    /// Select a range of the page (a name chip was clicked).
    SelectSpan(Span),
    /// Select a proofreading mark and show it.
    SelectMark(Mark),
    /// The sidecar of this page is unreadable: set it aside and start a new one.
    StartNewSidecar(PathBuf),
    /// The sidecar of this page is unreadable: set it aside and go back to its backup.
    RestoreBackup(PathBuf),
    /// Read this page without its (unreadable) annotations; nothing will be saved.
    OpenWithoutAnnotations(PathBuf),
    /// Try the failed save again.
    RetrySave,
    /// Hide the banner.
    DismissBanner,
    /// Close the window although the annotations could not be saved.
    QuitWithoutSaving,
    /// Open this page with the built-in labels: its folder's tag set cannot be read.
    OpenWithDefaultLabels(PathBuf),
}

impl Action {
    /// The action applying `command`.
    pub fn edit(command: Command) -> Self {
        Self::Edit(Box::new(command))
    }
}

/// A message across the top of the window, with the choices the user has.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    /// What happened and what it means.
    pub message: String,
    /// Buttons: text and action.
    pub choices: Vec<(String, Action)>,
    /// An error (red) rather than a notice.
    pub error: bool,
}

/// A banner with an error and a button to dismiss it.
pub fn error_banner(message: String) -> Banner {
    Banner {
        message,
        choices: vec![("Dismiss".into(), Action::DismissBanner)],
        error: true,
    }
}
