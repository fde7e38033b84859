//! Re-anchoring: placing annotations again after the page's text changed elsewhere.
//!
//! Each annotation carries its quote and a little context on each side. When the page no longer
//! matches the sidecar's fingerprint, the annotations still wholly in place are kept first; then
//! each of the others is placed where its context agrees best among its own range, that range
//! shifted like the annotations before it, what its context still surrounds, and the quote found
//! elsewhere. A placement that is not certain is marked [`Anchor::Fuzzy`] for a person to check;
//! one that cannot be made leaves the annotation orphaned. Nothing is ever dropped.

use serde::Serialize;

mod matching;

use matching::{
    MIN_SIMILARITY, WINDOW_BYTES, ceil_boundary, context_score, find_all, fuzzy, occurrences,
    similarity, window,
};

use super::model::{Anchor, Annotation};
use crate::text::{Source, Span};

/// How many annotations ended up each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AnchorReport {
    /// Still at the same range.
    pub exact: usize,
    /// Found elsewhere with the same quote.
    pub moved: usize,
    /// Found with a changed quote.
    pub fuzzy: usize,
    /// Not found; kept with their old range.
    pub orphaned: usize,
}

impl AnchorReport {
    /// True if every annotation is where it was.
    pub fn all_exact(&self) -> bool {
        self.moved == 0 && self.fuzzy == 0 && self.orphaned == 0
    }

    fn count(&mut self, anchor: Anchor) {
        match anchor {
            Anchor::Exact => self.exact += 1,
            Anchor::Moved => self.moved += 1,
            Anchor::Fuzzy => self.fuzzy += 1,
            Anchor::Orphaned => self.orphaned += 1,
        }
    }
}

/// Places every annotation on `source` again and records how in each one's `anchor`.
///
/// Annotations are placed in page order. A quote still at its place, or at its place shifted
/// as the annotations before it were, stays there when enough of its context agrees (an edit
/// of the same length next to it does not move it); a changed quote is first looked for in
/// place; only then is the page searched. A placement is never before the one of the
/// annotation before it (order is kept), never onto a range another annotation of the same
/// label already took (two never merge), and a far placement without agreeing context is
/// marked [`Anchor::Fuzzy`]: placed by a guess, to check.
pub fn reanchor(source: &Source, annotations: &mut [Annotation]) -> AnchorReport {
    let mut order: Vec<usize> = (0..annotations.len()).collect();
    order.sort_by_key(|&i| (annotations[i].start, annotations[i].end));
    let mut placing = Placing::default();
    let old_starts: Vec<usize> = annotations.iter().map(|a| a.start).collect();
    // First every annotation whose quote and whole context are still in place: those are
    // certain, and nothing placed later may take their ranges.
    let mut done: Vec<bool> = annotations
        .iter()
        .map(|annotation| wholly_in_place(source, annotation))
        .collect();
    for (annotation, _) in annotations.iter_mut().zip(&done).filter(|(_, kept)| **kept) {
        annotation.anchor = Anchor::Exact;
        let span = annotation.span();
        placing.taken.insert((annotation.label.clone(), span), span);
    }
    // Then, in page order, those placed surely; a guess waits until every sure placement has
    // claimed its range, so that it cannot take one. Last, the guesses.
    for sure_only in [true, false] {
        // Edits shift everything after them alike: follow the last confident shift seen.
        let mut shift: isize = 0;
        placing.floor = 0;
        for &i in &order {
            let annotation = &mut annotations[i];
            if done[i] {
                if annotation.anchor != Anchor::Fuzzy && annotation.anchor != Anchor::Orphaned {
                    shift = signed_distance(old_starts[i], annotation.start);
                    placing.floor = annotation.start;
                }
                continue;
            }
            let expected = annotation.start.saturating_add_signed(shift);
            let Some(Placed {
                span,
                mut anchor,
                by_place,
            }) = locate(source, annotation, expected, &placing)
            else {
                if !sure_only {
                    annotation.anchor = Anchor::Orphaned;
                    done[i] = true;
                }
                continue;
            };
            if anchor == Anchor::Moved
                && span.start < placing.floor
                && placing.occurrences(source.text(), &annotation.quote) > 1
            {
                // Before an annotation that came before it, and the quote stands elsewhere
                // too: out of order, so a guess.
                anchor = Anchor::Fuzzy;
            }
            if sure_only && anchor == Anchor::Fuzzy {
                continue;
            }
            let old = annotation.span();
            if anchor == Anchor::Fuzzy {
                annotation.place(source, span);
            } else {
                shift = signed_distance(annotation.start, span.start);
                // Same quote: keep the stored context, which reflects the page as annotated.
                annotation.start = span.start;
                annotation.end = span.end;
                // Only a placement at the annotation's own place (shifted or not) bounds the
                // next ones: one found by searching the page may be a lookalike.
                if by_place {
                    placing.floor = span.start;
                }
            }
            annotation.anchor = anchor;
            placing.taken.insert((annotation.label.clone(), span), old);
            done[i] = true;
        }
    }
    keep_sure_ones_in_order(source, annotations, &order);
    let mut report = AnchorReport::default();
    for annotation in annotations.iter() {
        report.count(annotation.anchor);
    }
    report
}

/// A moved annotation placed after one that came after it (surely placed) crossed it: unless
/// its quote stands only once on the page, it is a guess.
fn keep_sure_ones_in_order(source: &Source, annotations: &mut [Annotation], order: &[usize]) {
    let sure = |a: &Annotation| matches!(a.anchor, Anchor::Exact | Anchor::Moved);
    let mut earliest_after = usize::MAX;
    for &i in order.iter().rev() {
        let annotation = &mut annotations[i];
        if !sure(annotation) {
            continue;
        }
        if annotation.anchor == Anchor::Moved
            && annotation.start > earliest_after
            && occurrences(source.text(), &annotation.quote) > 1
        {
            annotation.anchor = Anchor::Fuzzy;
            continue;
        }
        earliest_after = earliest_after.min(annotation.start);
    }
}

/// The quote is at the annotation's range and its whole stored context around it.
fn wholly_in_place(source: &Source, annotation: &Annotation) -> bool {
    let text = source.text();
    let span = annotation.span();
    let full = annotation.prefix.chars().count() + annotation.suffix.chars().count();
    !annotation.quote.is_empty()
        && source.slice(span) == annotation.quote
        && source
            .offsets()
            .byte_range(text, span)
            .is_some_and(|range| context_score(text, range.start, range.end, annotation) == full)
}

/// What the annotations placed so far rule out for the next one.
#[derive(Debug, Default)]
struct Placing {
    /// The start (code points) of the last one placed surely (not by a guess): one placed
    /// before it is out of order, so a guess.
    floor: usize,
    /// Label and new range of every one placed, with the range it had before.
    taken: std::collections::HashMap<(String, Span), Span>,
    /// How often each quote looked up stands on the page (0, 1, or 2 for more): counted once
    /// per quote, as a page of 2 MB is slow to scan for each of 20 000 annotations.
    counted: std::cell::RefCell<std::collections::HashMap<String, usize>>,
}

impl Placing {
    /// How often `quote` stands on `text`: 0, 1, or 2 for more.
    fn occurrences(&self, text: &str, quote: &str) -> usize {
        if let Some(&count) = self.counted.borrow().get(quote) {
            return count;
        }
        let count = occurrences(text, quote);
        self.counted.borrow_mut().insert(quote.to_owned(), count);
        count
    }

    /// Whether `span` may take an annotation of `label` that was at `old`: not where another
    /// of the label went from somewhere else (two annotations that shared a range may share it
    /// still).
    fn allows(&self, label: &str, span: Span, old: Span) -> bool {
        !self.taken_by_other(label, span, old)
    }

    /// Whether an annotation of `label` from elsewhere than `old` was placed on `span`.
    fn taken_by_other(&self, label: &str, span: Span, old: Span) -> bool {
        self.taken
            .get(&(label.to_owned(), span))
            .is_some_and(|&before| before != old)
    }
}

/// Where an annotation was placed, and how.
struct Placed {
    span: Span,
    anchor: Anchor,
    /// Found at its own place (as it was, shifted, or by its context around it), not by
    /// searching the page for its quote.
    by_place: bool,
}

/// Where `annotation` belongs on `source`, and how it was found.
///
/// The candidates are the annotation's own range, that range shifted as the annotations
/// before it were, what its context surrounds near there, and the occurrence of its quote
/// elsewhere whose context agrees best. The candidate whose context agrees most wins, the
/// nearer kinds first among equals. It is exact at its own range; moved when it holds the
/// quote, most of the context agrees, and no other occurrence fits about as well; else it is
/// a guess ([`Anchor::Fuzzy`]).
fn locate(
    source: &Source,
    annotation: &Annotation,
    expected: usize,
    placing: &Placing,
) -> Option<Placed> {
    let text = source.text();
    let offsets = source.offsets();
    let quote = annotation.quote.as_str();
    if quote.is_empty() {
        return None;
    }
    let full = annotation.prefix.chars().count() + annotation.suffix.chars().count();
    let agrees = |score: usize| score * 2 >= full;
    let label = annotation.label.as_str();
    let old = annotation.span();
    let expected_byte = offsets
        .to_byte(text, expected.min(source.char_len()))
        .unwrap_or(text.len());
    let allowed = |start: usize| {
        offsets
            .span(text, start..start + quote.len())
            .is_some_and(|span| placing.allows(label, span, old))
    };
    // (byte range, by its own place?) of every candidate, nearest kinds first.
    let mut candidates: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    let shifted = Span::new(expected, expected.saturating_add(old.len()));
    for span in [old, shifted] {
        if let Some(range) = offsets.byte_range(text, span)
            && text.get(range.clone()) == Some(quote)
        {
            // Shifted like the annotations before it, with the whole context: no need to look
            // further (an insertion above moves thousands of annotations so).
            if context_score(text, range.start, range.end, annotation) == full
                && placing.allows(label, span, old)
            {
                let anchor = if span == old {
                    Anchor::Exact
                } else {
                    Anchor::Moved
                };
                return Some(Placed {
                    span,
                    anchor,
                    by_place: true,
                });
            }
            candidates.push((range, true));
        }
    }
    // Searching a page for a quote that is not on it would scan it whole, per annotation.
    let searched = (placing.occurrences(text, quote) > 0)
        .then(|| best_occurrence(text, quote, expected_byte, annotation, &allowed))
        .flatten();
    if let Some(range) = fuzzy(text, annotation, expected_byte) {
        candidates.push((narrow(text, range, quote), true));
    }
    if let Some(found) = searched {
        candidates.push((found.start..found.start + quote.len(), false));
    }
    let scored = candidates.into_iter().filter_map(|(range, by_place)| {
        let span = offsets.span(text, range.clone())?;
        placing.allows(label, span, old).then(|| {
            let score = context_score(text, range.start, range.end, annotation);
            (range, span, by_place, score)
        })
    });
    // Its own range first when the quote is still there with most of its context (a lookalike
    // elsewhere on a page that repeats itself must not take it away); then the quote with
    // agreeing context; then the quote at all (a changed text only where the quote is
    // nowhere); then the most agreeing context; then the nearest kind (max_by_key keeps the
    // last of equals, so the order is reversed).
    let (range, span, by_place, score) = scored
        .enumerate()
        .max_by_key(|(k, (range, span, _, score))| {
            let is_quote = text.get(range.clone()) == Some(quote);
            let kept = *span == old && is_quote && agrees(*score);
            (
                kept,
                is_quote && agrees(*score),
                is_quote,
                *score,
                std::cmp::Reverse(*k),
            )
        })
        .map(|(_, best)| best)?;
    let found = text.get(range.clone()).unwrap_or_default();
    if found != quote && similarity(found, quote) < MIN_SIMILARITY {
        return None;
    }
    // A quote that stands only once on the page is certainly the annotation's text; one
    // that recurs is contested when another occurrence fits as well (a page that repeats
    // itself), and then the choice is a guess.
    let contested = searched.is_some_and(|other| {
        let rival = if other.start == range.start {
            other.rival
        } else {
            other.score
        };
        rival >= score
    });
    // Looking for a second occurrence scans the page: only when it decides.
    let unique = || placing.occurrences(text, quote) == 1;
    let sure = found == quote && ((agrees(score) && !contested) || unique());
    let anchor = match () {
        () if sure && span == old => Anchor::Exact,
        () if sure => Anchor::Moved,
        () => Anchor::Fuzzy,
    };
    Some(Placed {
        span,
        anchor,
        by_place,
    })
}

/// Within what a fuzzy match took, the quote itself if it is there (text was inserted between
/// it and its context).
fn narrow(text: &str, range: std::ops::Range<usize>, quote: &str) -> std::ops::Range<usize> {
    text.get(range.clone())
        .and_then(|found| found.find(quote))
        .map_or(range.clone(), |at| {
            range.start + at..range.start + at + quote.len()
        })
}

/// An occurrence of a quote chosen by its context.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    /// Its start, in bytes.
    start: usize,
    /// How much of the context agrees there.
    score: usize,
    /// How much agrees at the next best occurrence (0 if there is none): close to `score`,
    /// the choice is a guess.
    rival: usize,
}

/// The occurrence of `quote` that `allowed` accepts, whose context matches the annotation's
/// best, nearest to `expected` among equals; searched in growing windows around `expected`,
/// then everywhere: the nearest window is enough when the whole context agrees at its best,
/// the next when most of it does; else the best of all is taken (without any context match,
/// the nearest occurrence).
fn best_occurrence(
    text: &str,
    quote: &str,
    expected: usize,
    annotation: &Annotation,
    allowed: &dyn Fn(usize) -> bool,
) -> Option<Occurrence> {
    let full = annotation.prefix.chars().count() + annotation.suffix.chars().count();
    let mut best: Option<Occurrence> = None;
    for radius in [1024, WINDOW_BYTES, text.len()] {
        let range = window(text, expected, radius);
        if let Some(found) = pick(text, quote, range, expected, annotation, allowed) {
            // The nearest window settles it only with the whole context; the next one with
            // most of it; past that, the whole page is searched.
            let enough = if radius == 1024 {
                found.score == full
            } else {
                found.score * 2 >= full
            };
            if enough && found.score > 0 {
                return Some(found);
            }
            // A wider window holds the narrower one: its best is at least as good.
            if best.is_none_or(|kept| found.score > kept.score) {
                best = Some(found);
            }
        }
        if radius >= text.len() {
            break;
        }
    }
    best
}

/// Best occurrence of `quote` starting inside `range` that `allowed` accepts.
fn pick(
    text: &str,
    quote: &str,
    range: std::ops::Range<usize>,
    expected: usize,
    annotation: &Annotation,
    allowed: &dyn Fn(usize) -> bool,
) -> Option<Occurrence> {
    let haystack_end = ceil_boundary(text, range.end.saturating_add(quote.len()));
    let haystack = text.get(range.start..haystack_end)?;
    let mut scored: Vec<(usize, usize)> = find_all(haystack, quote)
        .map(|offset| range.start + offset)
        .filter(|&start| allowed(start))
        .map(|start| {
            (
                start,
                context_score(text, start, start + quote.len(), annotation),
            )
        })
        .collect();
    scored.sort_by_key(|&(start, score)| (std::cmp::Reverse(score), start.abs_diff(expected)));
    let (start, score) = *scored.first()?;
    Some(Occurrence {
        start,
        score,
        rival: scored.get(1).map_or(0, |&(_, score)| score),
    })
}

/// How far (in code points, either way) `from` is from `to`, without overflowing on absurd
/// offsets from a sidecar.
fn signed_distance(from: usize, to: usize) -> isize {
    if to >= from {
        isize::try_from(to - from).unwrap_or(isize::MAX)
    } else {
        isize::try_from(from - to).map_or(isize::MIN, |d| -d)
    }
}

#[cfg(test)]
mod tests;
