//! The domain core of copydesk: everything the desktop app and the command line share, and
//! nothing that draws.
//!
//! - [`text`]: decoding page files, code-point offsets, Chinese word segmentation;
//! - [`bulletin`]: the structure of a newspaper page and the segmenter that finds it;
//! - [`annotation`]: annotations, tag sets, sidecar files, and the [`annotation::Document`]
//!   that changes only through [`annotation::Command`]s;
//! - [`suggest`]: pre-annotations (figures, dates, names) to accept or reject;
//! - [`operations`]: what a user does to a document, built from the others, so that the app
//!   and the command line do each thing the same way;
//! - [`proof`]: proofreading checks (GB/T 15834, 15835) and applying recorded corrections;
//! - [`formats`]: export to JSON Lines, CoNLL, brat, Label Studio, a metrics table and
//!   corrected text;
//! - [`corpus`]: a folder of pages as a whole: each page's state and the folder's figures.
//!
//! This crate depends on no GUI crate, and CI checks that it stays so: a newsroom pipeline or
//! a researcher's script can use it alone.

pub mod annotation;
pub mod bulletin;
pub mod corpus;
pub mod formats;
pub mod operations;
pub mod proof;
pub mod suggest;
pub mod text;
