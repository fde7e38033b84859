//! Proofreading by the national standards (GB/T 15834 punctuation, GB/T 15835 numbers):
//! checks that find [`Mark`]s, and the corrections recorded from them.
//!
//! Every check is a pure function of the page's text and its segmentation; [`check_page`]
//! runs the ones the [`ProofSettings`] turn on. A mark is never applied to the page file: a
//! fix is recorded as a correction annotation (`operations::proofread`), and
//! [`apply_corrections`] is the one function that turns a page and its corrections into the
//! corrected text — `copydesk fix`, the app's corrected view and the `corrected` export all
//! use it. [`is_answered`] says which marks a correction or an ignore already answered.
//!
//! - `model`: [`Check`] (ids and messages), [`Severity`], [`Mark`];
//! - `settings`: `assets/proof.ron` and a folder's `proof.ron`;
//! - the families of checks: `punctuation`, `pairs`, `lines`, `numbers`, `words`, `layout`.

mod corrections;
mod found;
mod layout;
mod lines;
mod model;
mod numbers;
mod pairs;
mod punctuation;
pub mod settings;
mod words;

#[cfg(test)]
mod tests;

pub use corrections::{Corrected, apply_corrections};
pub use model::{Check, Mark, Severity};
pub use settings::{ProofSettings, Quotes, SettingsError};

use crate::annotation::{Anchor, Annotation};
use crate::bulletin::Bulletin;
use crate::text::{Source, Span};
use found::{Found, Page};

/// Every mark the enabled checks find on a page, in page order (by start, then check).
///
/// Where two checks mark the same characters with the same fix, only the first in
/// [`Check::ALL`] order is kept.
pub fn check_page(source: &Source, bulletin: &Bulletin, settings: &ProofSettings) -> Vec<Mark> {
    let page = Page::new(source, bulletin, settings);
    let mut found: Vec<Found> = Vec::new();
    punctuation::check(&page, &mut found);
    pairs::check(&page, &mut found);
    lines::check(&page, &mut found);
    numbers::check(&page, &mut found);
    words::check(&page, &mut found);
    layout::check(&page, &mut found);
    found.sort_by(|a, b| {
        (a.range.start, a.range.end, a.check).cmp(&(b.range.start, b.range.end, b.check))
    });
    found.dedup_by(|later, earlier| {
        later.range == earlier.range && later.fix.is_some() && later.fix == earlier.fix
    });
    // In page order, so one sweep over the text turns every byte range into code points.
    let text = source.text();
    let (mut byte, mut char) = (0, 0);
    found
        .into_iter()
        .filter_map(|found| {
            let range = found.range;
            let before = text.get(byte..range.start)?;
            char += before.chars().count();
            byte = range.start;
            let len = text.get(range)?.chars().count();
            Some(Mark {
                check: found.check,
                severity: settings.severity(found.check),
                span: Span::new(char, char + len),
                fix: found.fix,
            })
        })
        .collect()
}

/// Those of `marks` that none of `annotations` (placed on the same page) answer — for the
/// open document and for a page the library reads alike.
///
/// Only the annotations that record a check or hold a correction can answer a mark, and a
/// page has few of them beside its entities: each mark is looked for among those alone.
pub fn open_among<'m>(
    annotations: &[Annotation],
    marks: &'m [Mark],
) -> impl Iterator<Item = &'m Mark> {
    let mut near: Vec<&Annotation> = answering(annotations).collect();
    near.sort_by_key(|a| a.start);
    let longest = near.iter().map(|a| a.end - a.start).max().unwrap_or(0);
    marks.iter().filter(move |mark| {
        let span = mark.span;
        let from = near.partition_point(|a| a.start.saturating_add(longest) <= span.start);
        let to = near.partition_point(|a| a.start < span.end);
        let near = near.get(from.min(to)..to).unwrap_or_default();
        !is_answered(mark, near.iter().copied())
    })
}

/// The annotations that may answer a proofreading mark: those recording a check, and
/// corrections, if they are placed on the page (an orphaned one is not where it was made).
/// With none, every mark is open.
pub fn answering(annotations: &[Annotation]) -> impl Iterator<Item = &Annotation> {
    annotations
        .iter()
        .filter(|a| (a.check.is_some() || a.correction.is_some()) && a.anchor != Anchor::Orphaned)
}

/// Whether `mark` is answered by one of `annotations` (those over its range): ignored (an
/// annotation recording its check over the mark's range) or corrected (a correction over any
/// of its characters). Such a mark is not shown again.
pub fn is_answered<'a>(mark: &Mark, mut annotations: impl Iterator<Item = &'a Annotation>) -> bool {
    annotations.any(|annotation| {
        let covers = annotation.start <= mark.span.start && mark.span.end <= annotation.end;
        let recorded = annotation.check.as_deref() == Some(mark.check.id()) && covers;
        recorded || (annotation.correction.is_some() && annotation.span().overlaps(mark.span))
    })
}
