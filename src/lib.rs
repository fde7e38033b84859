//! copydesk: read, proofread and annotate Chinese newspaper pages.
//!
//! The domain lives in the `copydesk-core` crate, re-exported here: [`text`], [`bulletin`],
//! [`annotation`], [`suggest`], [`operations`], [`proof`] and [`formats`]. This crate adds
//! the two ways in: the command line ([`cli`]) and, with the default `gui` feature, the
//! desktop app (`app`). Both only turn what the user asks into calls on the core and show
//! the results.

pub use copydesk_core::{annotation, bulletin, corpus, formats, operations, proof, suggest, text};

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod samples;
