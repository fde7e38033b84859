//! The integration tests, as one binary: each module is one area, driven through the library
//! or the `copydesk` binary as a user would. One binary links the app once instead of once per
//! area.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failing test may panic"
)]
#![allow(
    clippy::let_underscore_must_use,
    reason = "tests clean up after themselves on a best-effort basis"
)]

/// Running the binary, the sample pages, the seed page, checks shared by the areas.
mod common;

/// `copydesk agree` and `copydesk adjudicate` on two annotators' folders.
mod agree_cli;
/// `copydesk tag`, `untag`, `edit`, `review` and `annotations` from the command line.
mod annotate_cli;
/// Property tests for re-anchoring and sidecar round trips.
mod annotation_props;
/// House rules read from the source: sibling modules never import each other; no GUI in core.
mod architecture;
/// `copydesk check` and `copydesk fix` from the command line.
mod check_cli;
/// Several processes saving one page at once.
mod contention;
/// `copydesk export` from the command line, in every format.
mod export_cli;
/// Sidecars merged by git with `copydesk merge-driver`, set up by `copydesk git-setup`.
mod git_merge;
/// The desktop app, driven headlessly through AccessKit.
#[cfg(feature = "gui")]
mod gui;
/// The app following the open page and its sidecar as other programs change them.
#[cfg(feature = "gui")]
mod gui_disk;
/// File → Export… in the app.
#[cfg(feature = "gui")]
mod gui_export;
/// File → Import… in the app.
#[cfg(feature = "gui")]
mod gui_import;
/// The folder library in the app: the list, done pages, sorting, filtering, changes on disk.
#[cfg(feature = "gui")]
mod gui_library;
/// The folder's model in the app: training, the status bar, F6 with the model.
#[cfg(feature = "gui")]
mod gui_model;
/// Proofreading in the app: marks, F7, Enter, I, the corrected view.
#[cfg(feature = "gui")]
mod gui_proof;
/// Moving through the app's reading panes with the keyboard.
#[cfg(feature = "gui")]
mod gui_reading;
/// `copydesk import` from the command line: brat folders, CoNLL corpora, refused spans.
mod import_cli;
/// `copydesk train` and `copydesk suggest --model` on an invented corpus.
mod model_cli;
/// `copydesk segment` on whole pages, in every encoding.
mod segment_pages;
/// Property tests: the segmenter never panics and places every character once.
mod segment_props;
/// The ways annotation tools lose work, tried against the sidecar.
mod sidecar_safety;
/// `copydesk done` and `copydesk stats` on a folder of pages in every state.
mod stats_cli;
/// `copydesk suggest` from the command line.
mod suggest_cli;
/// Pages and sidecars that are not quite clean, and mistyped commands.
mod unclean_input;
