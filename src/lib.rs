//! copydesk: read, proofread and annotate Chinese newspaper pages.
//!
//! The library is the domain core, with no GUI dependency: [`text`] decodes pages and converts
//! offsets, [`bulletin`] splits a page into stories and photo items. The `copydesk` binary's
//! command line ([`cli`]) is a thin layer over these.

pub mod annotation;
pub mod app;
pub mod bulletin;
pub mod cli;
pub mod samples;
pub mod suggest;
pub mod text;
pub mod words;
