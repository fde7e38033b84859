//! What a user does to a document, as one function each, so that the desktop app and the
//! command line do it the same way: they only gather the user's choice and show the outcome.
//!
//! - [`tag`]: label ranges of the page, accepting a suggestion already there instead of
//!   adding a second annotation;
//! - [`done`]: mark a page done, or take the mark back;
//! - [`review`]: choose suggestions (every one of a label in a story, the next to look at)
//!   and accept or reject them;
//! - [`proofread`]: the proofreading marks still open, and recording a mark's fix as a
//!   correction or remembering it as ignored.
//!
//! Nothing here changes a document: what changes it comes back as
//! [`Command`](crate::annotation::Command)s, so the caller applies them as one undoable step
//! and decides when to save. Finding text is
//! [`Source::find_all`](crate::text::Source::find_all), a metric's fields are
//! [`Metric::set_field`](crate::annotation::Metric::set_field), and the annotations over a
//! range are [`Document::overlapping`](crate::annotation::Document::overlapping).

pub mod done;
pub mod proofread;
pub mod review;
pub mod tag;
