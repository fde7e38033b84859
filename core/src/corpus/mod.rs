//! A folder of pages as a whole: which pages there are and where each stands, and the
//! figures of the folder — what the app's library view shows and `copydesk stats` prints.
//!
//! - [`library`]: the pages found under a folder ([`list`], fast, no file opened), every
//!   sidecar read ([`scan`]), and the list sorted and filtered ([`arrange`]), with the next
//!   unfinished page;
//! - [`summary`]: one page's status and counts, read from its sidecar ([`summarize`]);
//! - [`stats`]: the folder's figures summed over its pages ([`FolderStats`]);
//! - [`agreement`]: how far two annotators agree, and where they disagree;
//! - [`adjudicate`]: their disagreements settled into a gold folder.

pub mod adjudicate;
pub mod agreement;
pub mod library;
pub mod stats;
pub mod summary;

pub use library::{Column, Filter, arrange, list, next_unfinished, scan};
pub use stats::FolderStats;
pub use summary::{PageStatus, PageSummary, RuleCounts, summarize};

#[cfg(test)]
mod tests;
