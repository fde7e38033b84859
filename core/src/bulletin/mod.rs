//! The structure of a newspaper page and the segmenter that finds it.
//!
//! [`segment()`] turns a page's text into a [`Bulletin`]: stories (kicker, headline, subtitle,
//! byline, body paragraphs, trailing byline, staff lines), photo items (caption and credit) and
//! anything it could not place, in simplified or traditional script. [`json`] writes the
//! documented segment JSON. Nothing here reads files or knows about annotations.

mod byline;
pub mod json;
mod lines;
mod model;
mod people;
mod segment;
mod staff;

pub use model::{
    Article, Bulletin, Byline, BylinePlacement, Credit, Headline, Item, Paragraph, Person, Photo,
    Role, Staff, TrailingByline,
};
pub use people::{SURNAMES, is_han};
pub use segment::segment;

#[cfg(test)]
mod tests;
