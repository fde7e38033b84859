//! The structure of a newspaper page and the segmenter that finds it.
//!
//! [`segment()`] turns a page's text into a [`Bulletin`]: stories (kicker, headline, subtitle,
//! byline, body paragraphs, trailing byline), photo items (caption and credit) and anything it
//! could not place. [`json`] writes the documented segment JSON. Nothing here reads files or
//! knows about annotations.

mod byline;
pub mod json;
mod lines;
mod model;
mod segment;

pub use byline::is_han;
pub use model::{
    Article, Bulletin, Byline, BylinePlacement, Credit, Headline, Item, Paragraph, Person, Photo,
    Role, TrailingByline,
};
pub use segment::segment;
