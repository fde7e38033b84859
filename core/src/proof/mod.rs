//! Proofreading: for now, applying the corrections recorded on a page.
//!
//! A correction is an annotation whose label is of kind correction, holding the replacement
//! text for its range; the page file itself is never changed. [`apply_corrections`] is the one
//! function that turns a page and its corrections into the corrected text: the `corrected`
//! export uses it, and the proofreading checks, `copydesk fix` and the app's corrected view
//! (issue 9) are to use it too, so that all of them agree. The checks themselves are not here
//! yet.

mod corrections;

pub use corrections::{Corrected, apply_corrections};
