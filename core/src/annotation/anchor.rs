//! Re-anchoring: placing annotations again after the page's text changed elsewhere.
//!
//! Each annotation carries its quote and a little context on each side. When the page no longer
//! matches the sidecar's fingerprint, the annotations still wholly in place are kept first; then
//! each of the others is placed where its context agrees best among its own range, that range
//! shifted like the annotations before it, what its context still surrounds, and the quote found
//! elsewhere. A placement that is not certain is marked [`Anchor::Fuzzy`] for a person to check;
//! one that cannot be made leaves the annotation orphaned. Nothing is ever dropped.

use serde::Serialize;

use super::model::{Anchor, Annotation};
use crate::text::{Source, Span};

/// How far (in bytes) around the expected position to look for a quote first, before trying the
/// whole page.
const WINDOW_BYTES: usize = 16 * 1024;
/// A fuzzy match must share at least this share of the quote's characters.
const MIN_SIMILARITY: f64 = 0.5;

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
    // The quote itself with agreeing context first, then the most agreeing context, then the
    // nearest kind (max_by_key keeps the last of equals, so the order is reversed).
    let (range, span, by_place, score) = scored
        .enumerate()
        .max_by_key(|(k, (range, _, _, score))| {
            let is_quote = text.get(range.clone()) == Some(quote);
            (is_quote && agrees(*score), *score, std::cmp::Reverse(*k))
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
/// then everywhere. Without any context match, the nearest occurrence is taken.
fn best_occurrence(
    text: &str,
    quote: &str,
    expected: usize,
    annotation: &Annotation,
    allowed: &dyn Fn(usize) -> bool,
) -> Option<Occurrence> {
    let mut nearest_without_context = None;
    for radius in [1024, WINDOW_BYTES, text.len()] {
        let range = window(text, expected, radius);
        match pick(text, quote, range, expected, annotation, allowed) {
            Some(found) if found.score > 0 => return Some(found),
            Some(found) => {
                nearest_without_context.get_or_insert(found);
            }
            None => {}
        }
        if radius >= text.len() {
            break;
        }
    }
    nearest_without_context
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

/// How often `quote` stands on `text`: 0, 1, or 2 for more.
fn occurrences(text: &str, quote: &str) -> usize {
    find_all(text, quote).take(2).count()
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

/// Byte offsets of every occurrence of `needle` in `haystack`, overlapping ones included
/// (`。。` occurs twice in `。。。`).
fn find_all<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let found = from + haystack.get(from..)?.find(needle)?;
        from = found + haystack[found..].chars().next().map_or(1, char::len_utf8);
        Some(found)
    })
}

/// How many characters of the stored context agree with the text around `start..end`: on
/// each side, the longest common subsequence of the stored context and as many characters of
/// the text, so that a word replaced by another next to the quote, even of another length,
/// leaves the rest agreeing.
fn context_score(text: &str, start: usize, end: usize, annotation: &Annotation) -> usize {
    let before: Vec<char> = {
        let mut chars: Vec<char> = text[..start]
            .chars()
            .rev()
            .take(annotation.prefix.chars().count())
            .collect();
        chars.reverse();
        chars
    };
    let after: Vec<char> = text[end..]
        .chars()
        .take(annotation.suffix.chars().count())
        .collect();
    let prefix: Vec<char> = annotation.prefix.chars().collect();
    let suffix: Vec<char> = annotation.suffix.chars().collect();
    common_subsequence(&before, &prefix) + common_subsequence(&after, &suffix)
}

/// Length of the longest common subsequence of `a` and `b`.
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &ca in a {
        let mut diagonal = 0;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The quote is gone: look for its surviving context near `expected` and take what lies between,
/// if it is similar enough to the quote.
fn fuzzy(text: &str, annotation: &Annotation, expected: usize) -> Option<std::ops::Range<usize>> {
    let quote_len = annotation.quote.len();
    let near = window(text, expected, WINDOW_BYTES + quote_len);
    let prefix = annotation.prefix.as_str();
    let suffix = annotation.suffix.as_str();
    // The occurrence of `needle` that puts the quote nearest `expected`: `lead` is how far
    // the quote starts after the needle's start.
    let nearest = |needle: &str, from: usize, lead: isize| -> Option<usize> {
        if needle.chars().count() < 2 {
            return None;
        }
        let haystack = text.get(near.start.max(from)..near.end)?;
        find_all(haystack, needle)
            .map(|offset| near.start.max(from) + offset)
            .min_by_key(|&at| at.saturating_add_signed(lead).abs_diff(expected))
    };
    let after_prefix = nearest(prefix, 0, prefix.len() as isize).map(|at| at + prefix.len());
    let before_suffix = nearest(suffix, after_prefix.unwrap_or(0), -(quote_len as isize));
    let candidate = match (after_prefix, before_suffix) {
        (Some(start), Some(end)) if end > start && end - start <= 2 * quote_len + 16 => start..end,
        (Some(start), _) => start..floor_boundary(text, start + quote_len),
        (None, Some(end)) => ceil_boundary(text, end.saturating_sub(quote_len))..end,
        (None, None) => return None,
    };
    let found = text.get(candidate.clone())?;
    (!found.trim().is_empty() && similarity(found, &annotation.quote) >= MIN_SIMILARITY)
        .then_some(candidate)
}

/// Share of characters the two strings have in common, by longest common subsequence.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    common_subsequence(&a, &b) as f64 / a.len().max(b.len()) as f64
}

/// Bytes within `radius` of `center`, on character boundaries.
fn window(text: &str, center: usize, radius: usize) -> std::ops::Range<usize> {
    floor_boundary(text, center.saturating_sub(radius))
        ..ceil_boundary(text, center.saturating_add(radius))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::model::Origin;
    use crate::text::PageEncoding;

    fn source(text: &str) -> Source {
        Source::from_text(text, PageEncoding::Utf8)
    }

    fn tag(source: &Source, quote: &str, nth: usize) -> Annotation {
        let byte = source.text().match_indices(quote).nth(nth).unwrap().0;
        let start = source.offsets().to_char(source.text(), byte).unwrap();
        let span = Span::new(start, start + quote.chars().count());
        Annotation::new(source, "PER", span, Origin::Manual, "test")
    }

    const PAGE: &str = "本报讯(记者 林晓舟)新区今年完成投资12.5亿元,林晓舟说,项目进展顺利。";

    #[test]
    fn unchanged_text_is_exact() {
        let page = source(PAGE);
        let mut annotations = vec![tag(&page, "林晓舟", 1)];
        let report = reanchor(&page, &mut annotations);
        assert_eq!(
            report,
            AnchorReport {
                exact: 1,
                ..AnchorReport::default()
            }
        );
    }

    #[test]
    fn insertion_above_moves_to_the_same_occurrence() {
        let before = source(PAGE);
        let mut annotations = vec![tag(&before, "林晓舟", 0), tag(&before, "林晓舟", 1)];
        let after = source(&format!("😀插入一段新的导语。\n\n{PAGE}"));
        let report = reanchor(&after, &mut annotations);
        assert_eq!(report.moved, 2);
        let shift = "😀插入一段新的导语。\n\n".chars().count();
        assert_eq!(annotations[0].start, 7 + shift);
        assert_eq!(annotations[1].start, 26 + shift);
        for annotation in &annotations {
            assert_eq!(after.slice(annotation.span()), "林晓舟");
            assert_eq!(annotation.anchor, Anchor::Moved);
        }
    }

    #[test]
    fn edited_quote_is_found_fuzzily() {
        let before = source(PAGE);
        let mut annotations = vec![tag(&before, "新区今年完成投资12.5亿元", 0)];
        let after = source(&PAGE.replace("12.5亿元", "12.8亿元"));
        let report = reanchor(&after, &mut annotations);
        assert_eq!(report.fuzzy, 1);
        assert_eq!(annotations[0].quote, "新区今年完成投资12.8亿元");
        assert_eq!(annotations[0].anchor, Anchor::Fuzzy);
    }

    #[test]
    fn removed_text_is_orphaned_not_dropped() {
        let before = source(PAGE);
        let mut annotations = vec![tag(&before, "项目进展顺利", 0)];
        let after = source("完全不同的一页。");
        let report = reanchor(&after, &mut annotations);
        assert_eq!(report.orphaned, 1);
        assert_eq!(annotations.len(), 1);
        assert_eq!(annotations[0].quote, "项目进展顺利");
        assert_eq!(annotations[0].anchor, Anchor::Orphaned);
    }

    /// A page where one name recurs in headlines and bodies, next to colons, with an
    /// annotation on every name and every colon.
    fn page_with_a_recurring_name() -> (Source, Vec<Annotation>) {
        let mut text = String::new();
        for n in 0..40 {
            text.push_str(&format!(
                "## 管城区：第{n}项工程开工\n\n本报讯 管城区今年推进第{n}项工程,记者从管城区：管城区住建局获悉,工程进展顺利。\n\n"
            ));
        }
        // One colon far below whose context, after the edit, happens to match the others'
        // better than their own: a name that is not replaced, then the replaced one.
        text.push_str("## 经开区：管城区协作\n\n经开区：管城区合作项目签约。\n");
        let page = source(&text);
        let mut annotations = Vec::new();
        for quote in ["管城区", "："] {
            for (nth, _) in text.match_indices(quote).enumerate() {
                let mut a = tag(&page, quote, nth);
                a.label = if quote == "：" {
                    "NOTE".into()
                } else {
                    "LOC".into()
                };
                annotations.push(a);
            }
        }
        (page, annotations)
    }

    #[test]
    fn a_word_replaced_everywhere_keeps_every_annotation_in_its_place_and_order() {
        let (before, mut annotations) = page_with_a_recurring_name();
        let old: Vec<(usize, String)> = annotations
            .iter()
            .map(|a| (a.start, a.label.clone()))
            .collect();
        let after = source(&before.text().replace("管城区", "管城县"));
        reanchor(&after, &mut annotations);
        // Same length: every annotation stays where it was.
        for (annotation, (start, label)) in annotations.iter().zip(&old) {
            assert_eq!(
                annotation.start, *start,
                "{label} {:?} moved",
                annotation.quote
            );
            if label == "NOTE" {
                assert_eq!(
                    annotation.anchor,
                    Anchor::Exact,
                    "an unchanged colon stays exact"
                );
            } else {
                assert_eq!(annotation.quote, "管城县");
                assert_eq!(
                    annotation.anchor,
                    Anchor::Fuzzy,
                    "a changed name is a guess to check"
                );
            }
        }
    }

    #[test]
    fn annotations_keep_their_order_and_never_merge() {
        let (before, mut annotations) = page_with_a_recurring_name();
        // An insertion at the top and the name replaced: everything shifts alike.
        let edited = format!(
            "插入的导语。\n\n{}",
            before.text().replace("管城区", "管城县")
        );
        let after = source(&edited);
        annotations.sort_by_key(|a| a.start);
        reanchor(&after, &mut annotations);
        let mut seen = std::collections::HashSet::new();
        let mut last = 0;
        for annotation in &annotations {
            assert!(
                annotation.start >= last,
                "order kept: {} after {last}",
                annotation.start
            );
            last = annotation.start;
            assert!(
                seen.insert((annotation.label.clone(), annotation.start, annotation.end)),
                "two annotations merged at {}",
                annotation.start
            );
            assert_ne!(annotation.anchor, Anchor::Orphaned);
        }
    }

    #[test]
    fn similarity_counts_common_characters() {
        assert!((similarity("12.5亿元", "12.8亿元") - 5.0 / 6.0).abs() < 1e-9);
        assert!(similarity("abc", "xyz") < 1e-9);
    }
}
